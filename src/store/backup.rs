//! Backups with SQLite's online backup API: daily copies, pruning, and restoring one.
//!
//! A backup is a self-contained database in rollback-journal mode (no `-wal` file), written
//! to a temporary file in the same directory, synced and renamed into place, so a backup
//! file is either complete or absent.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};

use super::error::StoreError;
use super::{Store, create_private_dir, create_private_file, schema};
use crate::clock::Millis;

/// Daily backups are named `az900-YYYY-MM-DD.db`.
const PREFIX: &str = "az900-";
const SUFFIX: &str = ".db";

/// A daily backup file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// The (UTC) date it was made.
    pub date: NaiveDate,
    pub bytes: u64,
}

impl Store {
    /// Copy the whole database to `dest` (replacing an older file there) while it stays in
    /// use. `dest` must not be the database itself.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        if let Some(own) = &self.path
            && same_file(own, dest)
        {
            return Err(StoreError::io(
                dest,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a backup cannot overwrite the database it copies",
                ),
            ));
        }
        backup_connection(&self.conn, dest)
    }

    /// Make today's backup in `dir` unless there is one already, then keep only the `keep`
    /// most recent daily backups (at least one). Returns the new backup's path, if one was
    /// made. The date is the UTC date of `now`. The copy passes `PRAGMA quick_check` before it
    /// takes its place; a damaged copy is deleted, older backups are kept, and the error names
    /// the database (see [`daily_backup`]).
    pub fn backup_if_due(
        &self,
        dir: &Path,
        now: Millis,
        keep: usize,
    ) -> Result<Option<PathBuf>, StoreError> {
        let db = self.path.as_deref().unwrap_or(Path::new(":memory:"));
        backup_checked_if_due(&self.conn, db, dir, now, keep)
    }
}

/// The daily backup, run beside the app (the TUI runs it on a thread after its first frame):
/// unless `dir` has today's backup, copy the database at `db` through a read-only connection of
/// its own (in one step, so the app's writes meanwhile neither block it nor restart it), check
/// the copy with `PRAGMA quick_check`, put it in place and prune to the `keep` newest.
///
/// The check runs on the copy, so it covers exactly what is kept; a copy that fails it is
/// deleted and no older backup is pruned: a damaged database never pushes a good backup out.
/// The database itself is only read. Temporary copies left by a backup that was interrupted
/// (the app killed meanwhile) are removed once they are an hour old.
pub fn daily_backup(
    db: &Path,
    dir: &Path,
    now: Millis,
    keep: usize,
) -> Result<Option<PathBuf>, StoreError> {
    if !backup_due(dir, now) {
        return Ok(None);
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(db, flags).map_err(|e| schema::classify(db, e))?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    backup_checked_if_due(&conn, db, dir, now, keep)
}

fn backup_checked_if_due(
    conn: &Connection,
    db: &Path,
    dir: &Path,
    now: Millis,
    keep: usize,
) -> Result<Option<PathBuf>, StoreError> {
    let dest = backup_path(dir, now);
    if dest.exists() {
        return Ok(None);
    }
    remove_stale_temporaries(dir);
    backup_connection_checked(conn, db, &dest)?;
    for old in list_backups(dir)?.into_iter().skip(keep.max(1)) {
        std::fs::remove_file(&old.path).map_err(|e| StoreError::io(&old.path, e))?;
    }
    Ok(Some(dest))
}

/// How old a temporary backup file must be before it counts as left behind by an interrupted
/// backup (a backup in progress in another instance is younger).
const STALE_TEMPORARY: Duration = Duration::from_secs(3600);

/// Remove `az900-*.db.<pid>.tmp` files in `dir` older than [`STALE_TEMPORARY`] (best effort).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(PREFIX) && name.ends_with(".tmp") && name.contains(SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_TEMPORARY);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether the backup of `now`'s UTC date is missing from `dir`.
pub(crate) fn backup_due(dir: &Path, now: Millis) -> bool {
    !backup_path(dir, now).exists()
}

fn backup_path(dir: &Path, now: Millis) -> PathBuf {
    let date = chrono::DateTime::from_timestamp_millis(now)
        .map(|t| t.date_naive())
        .unwrap_or_default();
    dir.join(format!("{PREFIX}{}{SUFFIX}", date.format("%Y-%m-%d")))
}

/// The daily backups in `dir`, newest first (an absent directory has none). Only SQLite files
/// named like `az900-YYYY-MM-DD.db` count; anything else there is left alone.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>, StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(dir, e))?;
        let name = entry.file_name();
        let Some(date) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .and_then(|n| n.strip_suffix(SUFFIX))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        let meta = entry
            .metadata()
            .map_err(|e| StoreError::io(entry.path(), e))?;
        // A file named like a backup that is no SQLite file is not one: not listed, and so
        // neither counted among the kept nor ever pruned.
        if meta.is_file() && schema::has_sqlite_magic(&entry.path()) {
            found.push(BackupInfo {
                path: entry.path(),
                date,
                bytes: meta.len(),
            });
        }
    }
    found.sort_by_key(|b| std::cmp::Reverse(b.date));
    Ok(found)
}

/// Replace the database at `db` by the backup at `backup`. The backup is checked first (an
/// az900 database this build can read, not empty, not damaged); the current database, if
/// any, is moved aside with its `-wal`/`-shm` files (never deleted) and its new path is
/// returned. Run it while no instance of the app has the database open.
pub fn restore(backup: &Path, db: &Path) -> Result<Option<PathBuf>, StoreError> {
    let invalid = |reason: StoreError| StoreError::InvalidBackup {
        path: backup.to_path_buf(),
        reason: Box::new(reason),
    };
    validate_backup(backup).map_err(invalid)?;
    if same_file(backup, db) {
        return Err(invalid(StoreError::io(
            db,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the backup is the database itself",
            ),
        )));
    }
    // Held until the files are swapped: no instance opens the database meanwhile.
    let _restoring = super::instance::exclusive(db)?;
    if let Some(parent) = db.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir(parent)?;
    }
    // Copy first, beside the database, so a failed copy leaves everything as it was.
    let tmp = sibling(db, ".restoring");
    copy_private(backup, &tmp)?;
    let aside = if db.exists() {
        let aside = free_name(db, "before-restore");
        for ext in ["-wal", "-shm", "-journal"] {
            let from = sibling(db, ext);
            if from.exists() {
                let to = sibling(&aside, ext);
                std::fs::rename(&from, &to).map_err(|e| StoreError::io(&from, e))?;
            }
        }
        std::fs::rename(db, &aside).map_err(|e| StoreError::io(db, e))?;
        Some(aside)
    } else {
        None
    };
    std::fs::rename(&tmp, db).map_err(|e| StoreError::io(db, e))?;
    sync_dir(db);
    Ok(aside)
}

/// Check, reading only, that `path` is a non-empty az900 database this build understands.
fn validate_backup(path: &Path) -> Result<(), StoreError> {
    // Say what it is: a folder or a device is not "no such file" (and /dev/zero never ends).
    let kind = std::fs::metadata(path)
        .map_err(|e| StoreError::io(path, e))?
        .file_type();
    if !kind.is_file() {
        let what = if kind.is_dir() {
            "a folder, not a backup file"
        } else {
            "not a regular file (a device, FIFO or socket), not a backup file"
        };
        return Err(StoreError::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidInput, what),
        ));
    }
    schema::check_header(path)?;
    // Read as immutable unless a `-wal` beside it holds part of it: a WAL-mode file (a copy of
    // the database, a file kept aside by a restore) read the usual way gets a `-shm` and `-wal`
    // made beside it, and in a read-only folder cannot be read at all.
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = if super::health::wal_path(path).exists() {
        Connection::open_with_flags(path, flags)?
    } else {
        let uri = super::url_path(path);
        Connection::open_with_flags(format!("file:{uri}?immutable=1"), flags)?
    };
    let found = schema::inspect(&conn, path, schema::SCHEMA_VERSION, true)?;
    if found.empty {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            detail: "empty database, no progress in it".into(),
        });
    }
    Ok(())
}

/// Write a complete copy of `conn`'s main database to `dest` atomically.
pub(crate) fn backup_connection(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    write_copy(conn, dest, None)
}

/// [`backup_connection`], with the copy checked by `PRAGMA quick_check` before it is put in
/// place; a copy that fails is deleted and the error names `db`, the database copied.
fn backup_connection_checked(conn: &Connection, db: &Path, dest: &Path) -> Result<(), StoreError> {
    write_copy(conn, dest, Some(db))
}

fn write_copy(conn: &Connection, dest: &Path, check_for: Option<&Path>) -> Result<(), StoreError> {
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir(parent)?;
    }
    // One temporary name per process: two instances backing up at once (both started on a
    // new day) must not delete or rename each other's half-written copy.
    let tmp = sibling(dest, &format!(".{}.tmp", std::process::id()));
    if tmp.exists() {
        // Left by an interrupted backup of a process with our id.
        std::fs::remove_file(&tmp).map_err(|e| StoreError::io(&tmp, e))?;
    }
    create_private_file(&tmp)?;
    let copied = copy_into(conn, &tmp, check_for);
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    sync_file(&tmp)?;
    std::fs::rename(&tmp, dest).map_err(|e| StoreError::io(dest, e))?;
    sync_dir(dest);
    Ok(())
}

/// Copy the whole database in one step (one read transaction on the source: in WAL mode the
/// source's writers go on meanwhile, and the copy is the state when it started), then, with
/// `check_for`, run `PRAGMA quick_check` on the copy.
fn copy_into(conn: &Connection, tmp: &Path, check_for: Option<&Path>) -> Result<(), StoreError> {
    let mut out = Connection::open(tmp)?;
    let corrupt = |e: rusqlite::Error| match check_for {
        Some(db) => schema::classify(db, e),
        None => StoreError::Sqlite(e),
    };
    {
        use rusqlite::backup::StepResult;
        let backup = rusqlite::backup::Backup::new(conn, &mut out).map_err(corrupt)?;
        let start = std::time::Instant::now();
        loop {
            match backup.step(-1).map_err(corrupt)? {
                StepResult::Done => break,
                StepResult::More => {}
                _ if start.elapsed() < super::BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                _ => {
                    return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        Some("the database stayed locked during the backup".into()),
                    )));
                }
            }
        }
    }
    let _mode: String = out.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if let Some(db) = check_for {
        let problems = schema::quick_check(&out).map_err(corrupt)?;
        if let Some(detail) = problems {
            return Err(StoreError::Damaged {
                path: db.to_path_buf(),
                detail,
            });
        }
    }
    Ok(())
}

/// `<path>.<tag>`, or `<path>.<tag>.1`, `.2`… whichever is free (with its `-wal` too).
pub(crate) fn free_name(path: &Path, tag: &str) -> PathBuf {
    let mut n = 0u32;
    loop {
        let ext = if n == 0 {
            format!(".{tag}")
        } else {
            format!(".{tag}.{n}")
        };
        let candidate = sibling(path, &ext);
        if !candidate.exists() && !sibling(&candidate, "-wal").exists() {
            return candidate;
        }
        n += 1;
    }
}

/// `path` with `ext` appended to its file name.
fn sibling(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(ext);
    PathBuf::from(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Copy `from` to a new private file `to`, synced.
fn copy_private(from: &Path, to: &Path) -> Result<(), StoreError> {
    if to.exists() {
        std::fs::remove_file(to).map_err(|e| StoreError::io(to, e))?;
    }
    create_private_file(to)?;
    let mut src = std::fs::File::open(from).map_err(|e| StoreError::io(from, e))?;
    let mut dst = std::fs::OpenOptions::new()
        .write(true)
        .open(to)
        .map_err(|e| StoreError::io(to, e))?;
    std::io::copy(&mut src, &mut dst).map_err(|e| StoreError::io(to, e))?;
    dst.flush().map_err(|e| StoreError::io(to, e))?;
    dst.sync_all().map_err(|e| StoreError::io(to, e))
}

fn sync_file(path: &Path) -> Result<(), StoreError> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::io(path, e))
}

/// Make a rename durable (best effort: not every platform can sync a directory).
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}
