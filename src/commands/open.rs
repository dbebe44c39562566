//! What commands share: the data paths, the bank with its extra packs, and the study service over
//! the progress database, opened for reading, for writing or for a session (with the day's
//! backup at the right moment), with damage reported as the open reports it.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::bank::{Bank, BankError};
use crate::cli::Global;
use crate::clock::{Clock, Millis, SystemClock};
use crate::paths::Paths;
use crate::study::Study;

/// An I/O error in words, without Rust's "(os error N)" suffix: "No such file or directory",
/// "Too many levels of symbolic links"...
pub(super) fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text
        .rfind(" (os error ")
        .map_or(text.as_str(), |i| &text[..i]);
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
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

pub(super) fn bank_error(e: BankError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

/// What a command does with the progress database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    /// Reads only (`stats`, `history`, `reports`): no backup; a database that cannot be written
    /// is read as it is.
    Read,
    /// Writes outside a session (`plan`, `optimize`): the day's backup first.
    Write,
    /// A session, in the full-screen app (its backup on a thread after the first frame) or in
    /// `--plain` (the backup first).
    Session,
}

/// A command's open study service: the paths, the service, and the backup still to make.
pub(super) struct Opened {
    pub paths: Paths,
    pub study: Study,
    pub backup: Backup,
}

/// When a command's daily backup is made.
pub(super) enum Backup {
    /// Made already, or not needed.
    Done,
    /// By the full-screen app, on a thread after its first frame (the time of the start-up).
    AfterFirstFrame(Millis),
}

/// Runs `f` on the study service opened for `access`. Damage SQLite meets after the open
/// (`open_fast` reads the header and schema, not every page) is reported as the open reports
/// it: the file, "damaged", and the way out.
pub(super) fn with_study<T>(
    global: &Global,
    access: Access,
    f: impl FnOnce(&mut Opened) -> Result<T>,
) -> Result<T> {
    let paths = resolve_paths(global)?;
    let db = paths.database();
    open(global, paths, access)
        .and_then(|mut opened| {
            let out = f(&mut opened);
            // The command is done and the process exits after it: the bank's thousands of
            // strings are not freed one by one (about 7 M instructions). Only the bank: the rest
            // of the study service, the store above all (its checkpoint thread, the WAL), is
            // dropped and closed as always when `opened` goes out of scope.
            opened.study.bank.forget_questions();
            out
        })
        .map_err(|e| locate_damage(e, &db))
}

fn open(global: &Global, paths: Paths, access: Access) -> Result<Opened> {
    warn_if_shared(&paths.data_dir);
    let bank = load_bank(global, Some(&paths))?;
    let clock = SystemClock;
    let now = clock.now();
    let store = open_store(&paths, access == Access::Read)?;
    let study = Study::new(bank, store, Box::new(clock))?;
    let backup = match access {
        Access::Read => Backup::Done,
        Access::Session if !global.plain => Backup::AfterFirstFrame(now),
        Access::Session | Access::Write => {
            daily_backup_now(&paths, now)?;
            Backup::Done
        }
    };
    Ok(Opened {
        paths,
        study,
        backup,
    })
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
    // Nothing to read: an empty history, without making a folder or a file (a mistyped
    // `--data-dir` is not created by `stats`).
    if reads_only && !db.exists() && !crate::store::wal_path(&db).exists() {
        return Ok(Store::open_in_memory()?);
    }
    match crate::study::open_store(paths, !reads_only) {
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
