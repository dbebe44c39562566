//! The command line (clap derive): the program, its global flags and the options every study
//! session takes. `az900` alone opens the TUI on the Home screen. The commands themselves, and
//! the one `match` that runs them, are in [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser};

pub use crate::commands::{BackupCommand, BankCommand, Command, ExportFormat};

#[derive(Debug, Parser)]
#[command(
    name = "az900",
    version,
    about = "Study for the Microsoft AZ-900 (Azure Fundamentals) exam in your terminal",
    long_about = "Study for the Microsoft AZ-900 (Azure Fundamentals) exam in your terminal.\n\n\
                  With no command, opens the full-screen app on its Home screen. Progress is saved \
                  after every answer in a SQLite database in the data directory (see `az900 paths`)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Directory holding the progress database and backups (absolute path).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Extra question pack (a .json file or a directory of them); repeatable.
    #[arg(long = "bank", global = true, value_name = "PATH")]
    pub banks: Vec<PathBuf>,
    /// Monochrome output (also when the NO_COLOR environment variable is set).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Line-oriented front end: questions on stdout, answers from stdin (screen readers, scripts).
    #[arg(long, global = true)]
    pub plain: bool,
}

#[derive(Debug, Clone, Args, Default)]
pub struct SessionArgs {
    /// Only questions of this part of the exam: a skill area (2), a group (2.3) or an objective
    /// (2.3.3); `az900 bank list` shows them.
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,
    /// Number of questions.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub count: Option<u32>,
    /// Exam time limit in minutes (exam mode).
    #[arg(long, value_name = "MIN", value_parser = clap::value_parser!(u32).range(1..=600))]
    pub minutes: Option<u32>,
    /// Seed for question order and shuffling (default: random).
    #[arg(long, value_name = "SEED")]
    pub seed: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_arguments_means_the_home_screen() {
        let cli = Cli::try_parse_from(["az900"]).unwrap();
        assert!(cli.command.is_none());
    }

    #[test]
    fn global_flags_work_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "az900", "exam", "--count", "10", "--plain", "--bank", "/x", "--seed", "7",
        ])
        .unwrap();
        assert!(cli.global.plain);
        assert_eq!(cli.global.banks, vec![PathBuf::from("/x")]);
        match cli.command {
            Some(Command::Exam(a)) => {
                assert_eq!(a.count, Some(10));
                assert_eq!(a.seed, Some(7));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn zero_and_negative_counts_are_usage_errors() {
        assert!(Cli::try_parse_from(["az900", "practice", "--count", "0"]).is_err());
        assert!(Cli::try_parse_from(["az900", "practice", "--count", "-3"]).is_err());
    }
}
