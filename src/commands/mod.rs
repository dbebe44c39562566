//! The commands: [`Command`] (clap's subcommands) and [`run`], which names every command once
//! (no catch-all arm) and hands it to its own module; [`open`] holds what they share (paths,
//! bank, the study service over the progress database). A new command is its variant and arm
//! here plus its handler in `commands/<name>.rs`: two files.

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::{Cli, SessionArgs};
use crate::engine::Mode;

/// Print a line of text on stdout through the sanitizer (`text::sanitize`): paths and pack text
/// in it can carry escape sequences. A failed write (a closed pipe) is returned, not a panic.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::commands::print_text(&format!($($arg)*), true)?
    };
}

/// [`outln!`] without the line break.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::commands::print_text(&format!($($arg)*), false)?
    };
}

/// Write `text` (sanitized) and, with `newline`, a line break to stdout.
pub fn print_text(text: &str, newline: bool) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(crate::text::sanitize(text).as_bytes())?;
    if newline {
        stdout.write_all(b"\n")?;
    }
    stdout.flush()
}

/// Write `value` as pretty JSON and a line break to stdout (JSON escapes control characters
/// itself; the sanitizer would drop data such as a zero-width character in a string).
fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let json = serde_json::to_string_pretty(value)?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(json.as_bytes())?;
    stdout.write_all(b"\n")?;
    stdout.flush()?;
    Ok(())
}

mod backup;
mod bank;
mod completions;
mod history;
mod open;
mod optimize;
mod paths;
mod plan;
mod reports;
mod session;
mod stats;

pub use backup::BackupCommand;
pub use bank::{BankCommand, ExportFormat};
pub use open::{extra_banks, load_bank, resolve_paths};

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
        /// Also list sessions left without an answer.
        #[arg(long)]
        all: bool,
    },
    /// Inspect, validate and export the question bank.
    Bank {
        #[command(subcommand)]
        command: BankCommand,
    },
    /// Set the exam date (and daily study time) the planner works toward.
    Plan {
        /// Exam date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = plan::parse_date)]
        exam_date: Option<chrono::NaiveDate>,
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

/// Runs one invocation of the program.
pub fn run(cli: Cli) -> Result<()> {
    let global = &cli.global;
    match cli.command {
        None => session::home(global),
        Some(Command::Practice(args)) => session::start(global, Mode::Practice, args),
        Some(Command::Exam(args)) => session::start(global, Mode::Exam, args),
        Some(Command::Review(args)) => session::start(global, Mode::Review, args),
        Some(Command::Cram(args)) => session::start(global, Mode::Cram, args),
        Some(Command::Due(args)) => session::start(global, Mode::Due, args),
        Some(Command::Resume) => session::resume(global),
        Some(Command::Stats { json }) => stats::run(global, json),
        Some(Command::Reports { json }) => reports::run(global, json),
        Some(Command::History { json, limit, all }) => history::run(global, json, limit, all),
        Some(Command::Bank { command }) => bank::run(global, command),
        Some(Command::Plan {
            exam_date,
            minutes_per_day,
            clear,
        }) => plan::run(global, exam_date, minutes_per_day, clear),
        Some(Command::Optimize) => optimize::run(global),
        Some(Command::Backup { command }) => backup::run(global, command),
        Some(Command::Completions { shell }) => completions::run(shell),
        Some(Command::Paths) => paths::run(global),
    }
}

/// One line (or, for pack errors, one line per error) to show the user.
pub fn error_message(e: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if parts.last().is_none_or(|p: &String| !p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

/// The exit code for error `e`: 141 when the reader of the output went away, 2 for a usage
/// error (a value of an option that is not one the program takes, as clap's own), else 1.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    if is_broken_pipe(e) {
        141
    } else if is_usage_error(e) {
        2
    } else {
        1
    }
}

/// Whether `e` is a usage error: a `--topic` that is no topic or outline id (its message lists
/// the known ones).
pub fn is_usage_error(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<crate::engine::EngineError>(),
            Some(crate::engine::EngineError::UnknownTopic { .. })
        )
    })
}

/// Whether `e` is a write to a pipe whose reader has gone (`az900 stats | head -1`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
