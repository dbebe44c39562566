//! `az900`: parse the command line, run, and turn errors into a message and an exit code
//! (0 ok, 1 user error, 2 usage; 141 when the reader of the output went away, as for a
//! program ended by SIGPIPE).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = az900::cli::Cli::parse();
    match az900::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `az900 stats --json | head -c 300`: the rest of the output has nowhere to go.
        Err(e) if az900::commands::is_broken_pipe(&e) => ExitCode::from(141),
        Err(e) => {
            // Through the sanitizer: the message can name files and quote pack text.
            let message = az900::text::sanitize(&az900::commands::error_message(&e));
            let _ = writeln!(std::io::stderr(), "az900: {message}");
            // 2 for a usage error (`--topic 9`), as clap exits for its own; else 1.
            ExitCode::from(az900::commands::exit_code(&e))
        }
    }
}
