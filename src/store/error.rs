//! What can go wrong with the progress database.

use std::path::PathBuf;

use super::types::{AttemptId, SessionId};

/// What to tell a learner whose database cannot be used as it is.
pub const WAY_OUT: &str =
    "restore a backup with `az900 backup restore`, or move the file aside to start afresh";

/// An error of the progress store. The variants about a file that is refused
/// (`NotSqlite`, `Damaged`, `ForeignDatabase`, `TooNew`) never come with any change to it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database at all.
    #[error("{}: not an az900 progress database (not an SQLite file); {WAY_OUT}", .path.display())]
    NotSqlite { path: PathBuf },

    /// An SQLite file that is truncated or fails `PRAGMA quick_check`.
    #[error("{}: the progress database is damaged ({detail}); {WAY_OUT}", .path.display())]
    Damaged { path: PathBuf, detail: String },

    /// A valid SQLite database that belongs to another application.
    #[error(
        "{}: this SQLite database belongs to another application \
         (application_id {application_id:#010x}); {WAY_OUT}", .path.display()
    )]
    ForeignDatabase { path: PathBuf, application_id: i32 },

    /// Written by a newer az900 whose schema this build does not know.
    #[error(
        "{}: written by a newer az900 (schema version {found}; this build knows up to \
         {supported}); update az900, or {WAY_OUT}", .path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// The database (or its folder) cannot be written, and what was asked needs to write.
    #[error(
        "{}: the progress database cannot be written (the file or its folder is read-only); \
         make both writable (e.g. `chmod u+w`), or pass --data-dir with a folder you can \
         write to", .path.display()
    )]
    ReadOnly { path: PathBuf },

    /// A file or directory could not be created, read, renamed or copied.
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A schema migration failed (it was rolled back; the database is as it was).
    #[error("{}: upgrading the progress database to schema version {version} failed: {source}", .path.display())]
    Migration {
        path: PathBuf,
        version: i64,
        #[source]
        source: rusqlite::Error,
    },

    /// Another instance of the app has the database open (restoring under it would send its
    /// later answers to the file moved aside).
    #[error(
        "{}: another az900 has this progress database open; quit it (every answer is already \
         saved), then run this again", .path.display()
    )]
    InUse { path: PathBuf },

    /// A file given to `restore` is not a usable az900 backup.
    #[error(
        "{}: not a usable az900 backup: {}; pick another with `az900 backup list`",
        .path.display(), without_way_out(reason)
    )]
    InvalidBackup {
        path: PathBuf,
        /// Shown in the message (not as a source: its way out would be printed again).
        reason: Box<StoreError>,
    },

    #[error("no attempt with id {0} in the progress database")]
    NoSuchAttempt(AttemptId),

    #[error("no session with id {0} in the progress database")]
    NoSuchSession(SessionId),

    /// A value kept as JSON could not be written or read back.
    #[error("progress database: bad JSON value: {0}")]
    Json(#[from] serde_json::Error),

    #[error("progress database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// A refusal's message without its way out (restoring a backup is what was being tried).
fn without_way_out(e: &StoreError) -> String {
    let text = e.to_string();
    text.strip_suffix(&format!("; {WAY_OUT}"))
        .map_or(text.clone(), str::to_string)
}

impl StoreError {
    /// Whether this is a refusal of the file itself (not SQLite, damaged, another
    /// application's, or too new), rather than a failure of one operation.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            StoreError::NotSqlite { .. }
                | StoreError::Damaged { .. }
                | StoreError::ForeignDatabase { .. }
                | StoreError::TooNew { .. }
        )
    }

    /// The SQLite error code underneath, if any.
    fn sqlite_code(&self) -> Option<rusqlite::ErrorCode> {
        match self {
            StoreError::Sqlite(e) | StoreError::Migration { source: e, .. } => {
                e.sqlite_error_code()
            }
            _ => None,
        }
    }

    /// Whether the disk (or the file system holding the database) is full. SQLite says so
    /// with `SQLITE_FULL`, or, when it cannot grow its `-shm` index, with a disk I/O error.
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::Io { source, .. } => source.kind() == std::io::ErrorKind::StorageFull,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::DiskFull
                    || e.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE
            }
            _ => self.sqlite_code() == Some(rusqlite::ErrorCode::DiskFull),
        }
    }

    /// Whether the database (or its folder) cannot be written.
    pub fn is_read_only(&self) -> bool {
        match self {
            StoreError::Io { source, .. } => matches!(
                source.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ),
            StoreError::ReadOnly { .. } => true,
            _ => self.sqlite_code() == Some(rusqlite::ErrorCode::ReadOnly),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: std::ffi::c_int) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    /// Issue 16: "disk I/O error: Error code 4874" at start on a full disk is the `-shm` that
    /// cannot grow (SQLITE_IOERR_SHMSIZE); it and SQLITE_FULL say the disk is full.
    #[test]
    fn a_full_disk_and_a_read_only_file_are_recognised() {
        assert_eq!(rusqlite::ffi::SQLITE_IOERR_SHMSIZE, 4874);
        assert!(sqlite(rusqlite::ffi::SQLITE_FULL).is_disk_full());
        assert!(sqlite(rusqlite::ffi::SQLITE_IOERR_SHMSIZE).is_disk_full());
        assert!(!sqlite(rusqlite::ffi::SQLITE_IOERR).is_disk_full());
        assert!(!sqlite(rusqlite::ffi::SQLITE_READONLY).is_disk_full());
        let full = StoreError::io("/x", std::io::Error::from(std::io::ErrorKind::StorageFull));
        assert!(full.is_disk_full());
        assert!(sqlite(rusqlite::ffi::SQLITE_READONLY).is_read_only());
        assert!(sqlite(rusqlite::ffi::SQLITE_READONLY_DBMOVED).is_read_only());
        assert!(!sqlite(rusqlite::ffi::SQLITE_FULL).is_read_only());
        let denied = StoreError::io(
            "/x",
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert!(denied.is_read_only());
        let message = StoreError::ReadOnly {
            path: "/d/progress.sqlite3".into(),
        }
        .to_string();
        assert!(message.starts_with("/d/progress.sqlite3: ") && message.contains("--data-dir"));
    }
}
