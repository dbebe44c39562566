//! The command line (clap derive). `az900` alone opens the TUI on the Home screen.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Practice: instant feedback and explanations after each answer.
    Practice(SessionArgs),
    /// A timed exam like the real one: 40 questions, 45 minutes, scaled score, 700 to pass.
    Exam(SessionArgs),
    /// Retake the questions you last got wrong or marked, until right.
    Review(SessionArgs),
    /// Weakest concepts first; never changes your review schedule.
    Cram(SessionArgs),
    /// Study what the spaced-repetition schedule says is due today, then new concepts.
    Due(SessionArgs),
    /// Take up the exam you left unfinished (quit, crash, closed terminal) where it was, with
    /// the time it had left.
    Resume,
    /// Scores, accuracy and readiness per skill area and objective.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Questions you reported (`!` on a question), newest first, to check or send to the pack's
    /// author.
    Reports {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Past sessions, newest first.
    History {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// How many sessions to show (at least 1).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
    /// Inspect, validate and export the question bank.
    Bank {
        #[command(subcommand)]
        command: BankCommand,
    },
    /// Set the exam date (and daily study time) the planner works toward.
    Plan {
        /// Exam date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        exam_date: Option<String>,
        /// Minutes of study per day.
        #[arg(long, value_name = "MIN", value_parser = clap::value_parser!(u32).range(1..=600))]
        minutes_per_day: Option<u32>,
        /// Forget the exam date.
        #[arg(long, conflicts_with = "exam_date")]
        clear: bool,
    },
    /// Fit spaced-repetition parameters to your own review history.
    Optimize,
    /// List or restore the automatic daily backups of the progress database.
    Backup {
        #[command(subcommand)]
        command: BackupCommand,
    },
    /// Show where data, backups and extra packs live.
    Paths,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum BankCommand {
    /// Counts per skill area, group, kind and concept.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Questions, concepts and kinds per exam objective, the objectives with none first.
    Coverage {
        #[arg(long)]
        json: bool,
    },
    /// Check pack files (default: the embedded bank plus --bank packs) and list every error.
    Validate {
        /// Pack files or directories.
        paths: Vec<PathBuf>,
    },
    /// Export every question.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
    Anki,
}

#[derive(Debug, Clone, Subcommand)]
pub enum BackupCommand {
    /// List backups, newest first.
    List,
    /// Replace the progress database with a backup (the current file is moved aside, not deleted).
    Restore { file: PathBuf },
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
