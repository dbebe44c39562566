//! The look at an existing database before the app's own connection touches it.
//!
//! SQLite folds a `-wal` into the main file (and deletes it) when the last connection closes,
//! and a shared-memory open rewrites the `-shm` index. For a damaged file both destroy what the
//! learner may want to recover. So `open` first reads the file through a connection that can
//! change nothing: read-write only so that it may take the locks, in `EXCLUSIVE` locking mode
//! before its first read (SQLite then keeps the WAL index in its own memory and never opens the
//! `-shm`), with checkpoint-on-close off. Only a file this connection accepts is opened for use.
//!
//! A `-wal` with frames in it (left by a crash, or by an instance still running) is what a
//! checkpoint would write into the main file, so then the whole file is checked
//! (`PRAGMA quick_check`) even at start-up; without one there is nothing to fold in.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::error::StoreError;
use super::schema;

pub(crate) use super::schema::{wal_has_frames, wal_path};

/// Read the database at `path` (which exists) without any change to it or the files beside
/// it, and refuse it unless this build can use it. `full_check` runs `PRAGMA quick_check` (it
/// runs anyway when a `-wal` holds frames). `Ok(true)`: read alone and accepted; `Ok(false)`:
/// it could not be read alone (another instance of the app has it open, or it can only be
/// read), so `open` inspects it through its own connection.
pub(crate) fn preflight(path: &Path, supported: i64, full_check: bool) -> Result<bool, StoreError> {
    let wal = wal_path(path);
    let wal_existed = wal.exists();
    let full_check = full_check || wal_has_frames(path);
    let result = inspect_alone(path, supported, full_check);
    // In exclusive mode SQLite may create an empty `-wal` for a WAL-mode file that had none;
    // a refused file gets its folder back as it was.
    if result.as_ref().is_err() && !wal_existed {
        remove_if_empty(&wal);
    }
    result
}

fn inspect_alone(path: &Path, supported: i64, full_check: bool) -> Result<bool, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match Connection::open_with_flags(path, flags) {
        Ok(conn) => conn,
        Err(e) => return Err(schema::classify(path, e)),
    };
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Ok(false);
    }
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )?;
    // Fail at once rather than wait: a lock held elsewhere means the file is in use.
    conn.busy_timeout(std::time::Duration::ZERO)?;
    let _mode: String = conn.query_row("PRAGMA locking_mode = EXCLUSIVE", [], |r| r.get(0))?;
    match schema::inspect(&conn, path, supported, full_check) {
        Ok(_) => Ok(true),
        Err(StoreError::Sqlite(e)) if is_busy(&e) => Ok(false),
        Err(StoreError::Sqlite(e)) if is_read_only(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn is_read_only(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
    )
}

fn remove_if_empty(path: &Path) {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        let _ = std::fs::remove_file(path);
    }
}
