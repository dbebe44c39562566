//! `az900`: parse the command line, run, and turn errors into a message and an exit code
//! (0 ok, 1 user error, 2 usage).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = az900::cli::Cli::parse();
    match az900::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("az900: {}", az900::commands::error_message(&e));
            ExitCode::from(1)
        }
    }
}
