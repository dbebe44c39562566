//! What each command does: the glue between the CLI, the core and the front ends.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::CommandFactory;

use crate::bank::{Bank, BankError};
use crate::cli::{BankCommand, Cli, Command, ExportFormat, Global};
use crate::paths::Paths;
use crate::report;

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

/// Runs one invocation of the program.
pub fn run(cli: Cli) -> Result<()> {
    let global = cli.global.clone();
    match cli.command {
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "az900", &mut script);
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&script)?;
            stdout.flush()?;
            Ok(())
        }
        Some(Command::Paths) => {
            let paths = resolve_paths(&global)?;
            outln!("data      {}", paths.data_dir.display());
            outln!("database  {}", paths.database().display());
            outln!("backups   {}", paths.backups().display());
            outln!("packs     {}", paths.user_packs().display());
            outln!("keys      {}", paths.keys_file().display());
            Ok(())
        }
        Some(Command::Bank { command }) => bank_command(&global, command),
        // Without opening the database: a damaged one is what a backup is restored over.
        Some(Command::Backup { command }) => backup_command(&global, command),
        other => run_study_command(&global, other),
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

/// An I/O error in words, without Rust's "(os error N)" suffix: "No such file or directory",
/// "Too many levels of symbolic links"...
fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text
        .rfind(" (os error ")
        .map_or(text.as_str(), |i| &text[..i]);
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Warn (on stderr, once per run) when the data folder can be written by other users: they
/// could replace the progress database. The app makes its own folder 0700; one that exists is
/// used as it is.
fn warn_if_shared(dir: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(dir) else {
            return;
        };
        let mode = meta.permissions().mode() & 0o777;
        if meta.is_dir() && mode & 0o022 != 0 {
            let dir = crate::text::path(dir);
            let _ = writeln!(
                std::io::stderr(),
                "az900: warning: {dir} can be written by other users (mode {mode:04o}); \
                 `chmod 700 {dir}` keeps your progress yours"
            );
        }
    }
}

/// The progress store for a command. When the database or its folder cannot be written, a
/// command that only reads (`reads_only`) reads it as it is; any other is refused with the file
/// and what to do. A full disk is said to be one.
fn open_store(paths: &Paths, reads_only: bool) -> Result<crate::store::Store> {
    use crate::store::{Store, StoreError};
    let db = paths.database();
    match crate::study::open_store(paths) {
        Ok(store) => Ok(store),
        Err(e) => match e.downcast::<StoreError>() {
            Ok(e) if e.is_read_only() || cannot_open(&e) => {
                if reads_only && db.is_file() {
                    return Ok(Store::open_read_only(&db)?);
                }
                Err(StoreError::ReadOnly { path: db }.into())
            }
            Ok(e) if e.is_disk_full() => bail!(
                "{}: the progress database cannot be opened: the disk holding {} is full; \
                 free some space and start again",
                crate::text::path(&db),
                crate::text::path(&paths.data_dir)
            ),
            Ok(e) => Err(e.into()),
            Err(e) => Err(e),
        },
    }
}

/// SQLite could not open (or make) a file it needs: in a folder that cannot be written, the
/// `-wal` or `-shm`.
fn cannot_open(e: &crate::store::StoreError) -> bool {
    match e {
        crate::store::StoreError::Sqlite(e) => {
            e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen)
        }
        _ => false,
    }
}

/// Whether `e` is a write to a pipe whose reader has gone (`az900 stats | head -1`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn resolve_paths(global: &Global) -> Result<Paths> {
    let env = std::env::var("AZ900_DATA_DIR").ok();
    Ok(Paths::resolve(global.data_dir.as_deref(), env.as_deref())?)
}

/// `--bank` paths (resolved, reported if missing) plus the user's config packs dir if present.
pub fn extra_banks(global: &Global, paths: Option<&Paths>) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for b in &global.banks {
        // The real reason: "no such file", a symlink loop, a folder that cannot be read.
        if let Err(e) = std::fs::metadata(b) {
            bail!("--bank {}: {}", crate::text::path(b), io_reason(&e));
        }
        out.push(crate::bank::resolve(b));
    }
    if let Some(p) = paths {
        let user = p.user_packs();
        if user.is_dir() {
            out.push(user);
        }
    }
    Ok(out)
}

/// Loads the bank with every extra pack.
pub fn load_bank(global: &Global, paths: Option<&Paths>) -> Result<Bank> {
    let extra = extra_banks(global, paths)?;
    Bank::load(&extra).map_err(bank_error)
}

fn bank_error(e: BankError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

fn bank_command(global: &Global, command: BankCommand) -> Result<()> {
    let paths = resolve_paths(global).ok();
    match command {
        BankCommand::List { json } => {
            let bank = load_bank(global, paths.as_ref())?;
            let counts = report::BankCounts::of(&bank);
            if json {
                print_json(&counts)?;
            } else {
                out!("{}", counts.to_text(&bank));
            }
            Ok(())
        }
        BankCommand::Coverage { json } => {
            let bank = load_bank(global, paths.as_ref())?;
            let coverage = crate::bank::coverage::Coverage::of(&bank);
            if json {
                println!("{}", serde_json::to_string_pretty(&coverage)?);
            } else {
                print!("{}", coverage.to_text());
            }
            Ok(())
        }
        BankCommand::Validate { paths: files } => {
            let bank = if files.is_empty() {
                load_bank(global, paths.as_ref())?
            } else {
                let mut all = Vec::new();
                for f in &files {
                    if let Err(e) = std::fs::metadata(f) {
                        bail!("{}: {}", crate::text::path(f), io_reason(&e));
                    }
                    all.push(crate::bank::resolve(f));
                }
                Bank::load(&all).map_err(bank_error)?
            };
            outln!(
                "ok: {} questions over {} concepts",
                bank.len(),
                bank.concepts().len()
            );
            Ok(())
        }
        BankCommand::Export { format } => {
            let bank = load_bank(global, paths.as_ref())?;
            let text = match format {
                ExportFormat::Json => report::export_json(&bank)?,
                ExportFormat::Csv => report::export_csv(&bank),
                ExportFormat::Anki => report::export_anki(&bank),
            };
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.write_all(b"\n"))
                .context("writing the export")?;
            Ok(())
        }
    }
}

fn backup_command(global: &Global, command: crate::cli::BackupCommand) -> Result<()> {
    let paths = resolve_paths(global)?;
    match command {
        crate::cli::BackupCommand::List => {
            let list = crate::store::list_backups(&paths.backups())?;
            if list.is_empty() {
                outln!("No backups yet in {}.", paths.backups().display());
            }
            for b in list {
                outln!("{}  {:>9} bytes  {}", b.date, b.bytes, b.path.display());
            }
            Ok(())
        }
        crate::cli::BackupCommand::Restore { file } => {
            let moved = crate::store::restore(&file, &paths.database())?;
            outln!(
                "Restored {} into {}.",
                file.display(),
                paths.database().display()
            );
            if let Some(m) = moved {
                outln!("The previous database was kept as {}.", m.display());
            }
            Ok(())
        }
    }
}

/// Commands that need the progress store. Damage SQLite meets after the open (`open_fast`
/// reads the header and schema, not every page) is reported as the open reports it: the file,
/// "damaged", and the way out.
pub fn run_study_command(global: &Global, command: Option<Command>) -> Result<()> {
    let paths = resolve_paths(global)?;
    study_command(global, &paths, command).map_err(|e| locate_damage(e, &paths.database()))
}

/// `e`, or, if it is SQLite finding the database corrupt, the refusal naming `db`.
fn locate_damage(e: anyhow::Error, db: &std::path::Path) -> anyhow::Error {
    use crate::store::StoreError;
    let corrupt = e
        .chain()
        .find_map(|cause| match cause.downcast_ref::<StoreError>() {
            Some(StoreError::Sqlite(s)) => match s.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                    Some(s.to_string())
                }
                _ => None,
            },
            _ => None,
        });
    match corrupt {
        Some(detail) => StoreError::Damaged {
            path: db.to_path_buf(),
            detail: detail
                .split(": Error code")
                .next()
                .unwrap_or(&detail)
                .to_string(),
        }
        .into(),
        None => e,
    }
}

fn study_command(global: &Global, paths: &Paths, command: Option<Command>) -> Result<()> {
    use crate::engine::Mode;

    let paths = paths.clone();
    warn_if_shared(&paths.data_dir);
    let bank = load_bank(global, Some(&paths))?;
    let clock = crate::clock::SystemClock;
    let now = crate::clock::Clock::now(&clock);
    let reads_only = matches!(
        command,
        Some(Command::Stats { .. } | Command::History { .. } | Command::Reports { .. })
    );
    let store = open_store(&paths, reads_only)?;
    let mut study = crate::study::Study::new(bank, store, Box::new(clock))?;
    let session_mode = |c: &Command| match c {
        Command::Practice(a) => Some((Mode::Practice, a.clone())),
        Command::Exam(a) => Some((Mode::Exam, a.clone())),
        Command::Review(a) => Some((Mode::Review, a.clone())),
        Command::Cram(a) => Some((Mode::Cram, a.clone())),
        Command::Due(a) => Some((Mode::Due, a.clone())),
        _ => None,
    };
    // The day's backup: the full-screen app makes it on a thread after its first frame; other
    // commands that write make it before they start; read-only commands make none.
    let session = command
        .as_ref()
        .is_none_or(|c| session_mode(c).is_some() || matches!(c, Command::Resume));
    let backup = if session && !global.plain {
        Backup::AfterFirstFrame(now)
    } else {
        if session || matches!(command, Some(Command::Plan { .. } | Command::Optimize)) {
            daily_backup_now(&paths, now)?;
        }
        Backup::Done
    };
    match command {
        None => start_front_end(global, &mut study, First::Home, &paths, backup),
        Some(c) if session_mode(&c).is_some() => {
            let (mode, args) = session_mode(&c).unwrap_or((Mode::Practice, Default::default()));
            let opts = crate::study::StartOptions {
                topic: args.topic,
                count: args.count.map(|c| c as usize),
                minutes: args.minutes,
                seed: args.seed,
            };
            start_front_end(global, &mut study, First::Start(mode, opts), &paths, backup)
        }
        Some(Command::Stats { json }) => {
            let stats = crate::study::StatsReport::gather(&study)?;
            if json {
                print_json(&stats)?;
            } else {
                out!("{}", stats.to_text());
            }
            Ok(())
        }
        Some(Command::Resume) => {
            let session = study.resume_exam()?;
            start_front_end(
                global,
                &mut study,
                First::Session(Box::new(session)),
                &paths,
                backup,
            )
        }
        Some(Command::Reports { json }) => {
            let reports = study.store.reports()?;
            if json {
                let out: Vec<_> = reports
                    .iter()
                    .map(|r| {
                        let when = crate::study::local_minute(&study, r.reported_at);
                        report::report_json(&study.bank, r, &when)
                    })
                    .collect();
                print_json(&out)?;
            } else if reports.is_empty() {
                outln!("No reports yet. Press ! on a question that looks wrong to report it.");
            } else {
                for r in &reports {
                    let when = crate::study::local_minute(&study, r.reported_at);
                    out!("{}", report::report_text(&study.bank, r, &when));
                }
            }
            Ok(())
        }
        Some(Command::History { json, limit }) => {
            let sessions = study.store.history(limit as usize)?;
            if json {
                print_json(&sessions)?;
            } else if sessions.is_empty() {
                outln!("No sessions yet. Start with `az900` or `az900 practice`.");
            } else {
                for s in &sessions {
                    outln!("{}", crate::study::history_line(&study, s));
                }
            }
            Ok(())
        }
        Some(Command::Plan {
            exam_date,
            minutes_per_day,
            clear,
        }) => {
            if clear {
                study.clear_plan()?;
                outln!("Exam date cleared.");
                return Ok(());
            }
            let date = match exam_date.as_deref() {
                Some(d) => Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(
                    |_| anyhow::anyhow!("--exam-date {d:?} is not a date of the form YYYY-MM-DD"),
                )?),
                None => None,
            };
            study.set_plan(date, minutes_per_day)?;
            match study.scheduler.exam {
                Some(plan) => outln!(
                    "Exam on {} ({} days from today), {} minutes a day (about {} reviews).",
                    crate::clock::day_to_date(plan.exam_day),
                    plan.exam_day - study.today(),
                    plan.minutes_per_day,
                    plan.daily_budget()
                ),
                None => outln!("No exam date set. Use --exam-date YYYY-MM-DD."),
            }
            Ok(())
        }
        Some(Command::Optimize) => {
            for line in crate::study::optimize(&mut study)? {
                outln!("{line}");
            }
            Ok(())
        }
        Some(_) => Ok(()),
    }
}

fn start_front_end(
    global: &Global,
    study: &mut crate::study::Study,
    first: First,
    paths: &crate::paths::Paths,
    backup: Backup,
) -> Result<()> {
    use std::io::IsTerminal;
    if global.plain {
        let session = match first {
            First::Session(s) => *s,
            First::Start(mode, opts) => study.start(mode, &opts)?,
            First::Home => study.start(crate::engine::Mode::Practice, &Default::default())?,
        };
        let stdin = std::io::stdin();
        let mut out = std::io::stdout().lock();
        return crate::plain::run(study, session, stdin.lock(), &mut out);
    }
    crate::tui::keymap::install(crate::tui::keys_config::load(&paths.keys_file())?);
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the full-screen app needs a terminal; use --plain for line-by-line questions");
    }
    let no_color = global.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let backup = match backup {
        Backup::AfterFirstFrame(now) => Some((paths.clone(), now)),
        Backup::Done => None,
    };
    let first = match first {
        First::Session(s) => Some(*s),
        First::Start(mode, opts) => Some(study.start(mode, &opts)?),
        First::Home => None,
    };
    crate::tui::run(study, first, no_color, backup)
}

/// What a front end opens on.
enum First {
    Home,
    Start(crate::engine::Mode, crate::study::StartOptions),
    /// A session already started (a resumed exam).
    Session(Box<crate::engine::Session>),
}

/// When a command's daily backup is made.
enum Backup {
    /// Made already, or not needed.
    Done,
    /// By the full-screen app, on a thread after its first frame (the time of the start-up).
    AfterFirstFrame(crate::clock::Millis),
}

/// The day's backup before a command that writes. A database whose copy fails the integrity
/// check is refused (nothing is written into it); any other failure is a warning.
fn daily_backup_now(paths: &crate::paths::Paths, now: crate::clock::Millis) -> Result<()> {
    match crate::study::daily_backup(paths, now) {
        Ok(_) => Ok(()),
        Err(e) if is_damage(&e) => Err(e),
        Err(e) => {
            let line = crate::text::one_line(&format!("warning: daily backup failed: {e:#}"));
            let _ = writeln!(std::io::stderr(), "az900: {line}");
            Ok(())
        }
    }
}

/// Whether `e` says the progress database is damaged or not ours.
fn is_damage(e: &anyhow::Error) -> bool {
    e.downcast_ref::<crate::store::StoreError>()
        .is_some_and(crate::store::StoreError::is_refusal)
}
