//! The progress store: an SQLite database of sessions, attempts and per-concept memory states.
//!
//! # Durability
//! The database runs in WAL mode with `synchronous = NORMAL`. Every write method is one
//! `BEGIN IMMEDIATE` transaction, so an attempt whose `record_attempt` returned `Ok`
//! (an *acknowledged* attempt) survives the app crashing or being killed. A power cut or an
//! OS crash can lose the last few acknowledged transactions (those not yet checkpointed
//! with an fsync), but never corrupts the database: it reopens at an earlier consistent
//! state. `FULL` would fsync on every answer, which costs more than the 2 ms budget of an
//! answer on slow disks, for little gain in a study app.
//!
//! # Concurrency
//! Two app instances may share a data directory: WAL lets readers run beside the writer,
//! and writers wait up to [`BUSY_TIMEOUT`] for each other.
//!
//! # Refusals
//! `open` never overwrites or deletes a file it does not recognise: random bytes, a damaged
//! or truncated database, another application's database and a newer schema each give their
//! own [`StoreError`] variant and leave the file untouched. Before migrating an existing
//! database to a newer schema, `open` backs it up next to itself (`<file>.pre-v<N>.bak`).
//!
//! Time is always an argument (`clock::Millis`, `clock::Day`); the store never reads the clock.

mod backup;
mod checkpoint;
mod compact;
mod error;
mod extra;
mod read;
mod reports;
mod resume;
mod schema;
mod types;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::rules::Owner;

pub use backup::{BackupInfo, daily_backup, list_backups, restore};
pub use error::{StoreError, WAY_OUT};
pub use reports::{Report, ReportReason};
pub use resume::SavedSession;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use types::{
    AttemptId, ConceptAccuracy, ConfusionTable, DayCount, ExamRecord, NewAttempt, NewSession,
    QuestionCount, SessionId, SessionRecord, SessionResult, TopicAccuracy, Totals, WeakConcept,
};

/// Environment variable that, set to `1`, puts WAL checkpoints back in the answer path
/// (SQLite's default), for the storage benchmark's before/after comparison.
pub const INLINE_CHECKPOINTS: &str = "AZ900_INLINE_CHECKPOINTS";

/// How long a write waits for another instance's write to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Well-known keys of the `settings` table.
pub mod keys {
    /// The exam date, `YYYY-MM-DD`.
    pub const EXAM_DATE: &str = "exam_date";
    /// Study minutes per day.
    pub const MINUTES_PER_DAY: &str = "minutes_per_day";
    /// New concepts introduced per day.
    pub const NEW_PER_DAY: &str = "new_per_day";
    /// FSRS parameters, a JSON array of numbers.
    pub const FSRS_PARAMETERS: &str = "fsrs_parameters";
}

/// An open progress database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// `None` for an in-memory database.
    path: Option<PathBuf>,
    /// Checkpoints off the answer path (WAL files only).
    checkpointer: std::cell::RefCell<Option<checkpoint::Checkpointer>>,
}

impl Store {
    /// Open the database at `path`, creating it (and its directory, 0700 on unix; the file
    /// 0600) if missing, and bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_checked(path, schema::MIGRATIONS, true)
    }

    /// `open` for the app's start-up, which must not grow with the history: the header, the
    /// schema and the owner are checked, not every page (`PRAGMA quick_check` reads the whole
    /// file, about 1.5 ms per thousand answers). The whole-file check runs instead on each
    /// day's backup copy ([`daily_backup`]), beside the app; damage SQLite meets while reading
    /// is reported as an error and never written over.
    pub fn open_fast(path: &Path) -> Result<Store, StoreError> {
        Store::open_checked(path, schema::MIGRATIONS, false)
    }

    /// A fresh database in memory (for tests and dry runs).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        schema::migrate(&conn, Path::new(":memory:"), schema::MIGRATIONS)?;
        Ok(Store {
            conn,
            path: None,
            checkpointer: std::cell::RefCell::new(None),
        })
    }

    /// `open` with a given migrations list (tests use it to simulate a schema upgrade).
    #[cfg(test)]
    pub(crate) fn open_with(path: &Path, migrations: &[&str]) -> Result<Store, StoreError> {
        Store::open_checked(path, migrations, true)
    }

    fn open_checked(
        path: &Path,
        migrations: &[&str],
        full_check: bool,
    ) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(parent)?;
        }
        schema::check_header(path)?;
        let shm = PathBuf::from(format!("{}-shm", path.display()));
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        let (shm_existed, wal_existed) = (shm.exists(), wal.exists());
        create_private_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| schema::classify(path, e))?;
        configure(&conn).map_err(|e| match e {
            StoreError::Sqlite(e) => schema::classify(path, e),
            other => other,
        })?;
        // Reads only until the file is known to be ours; closing must not checkpoint a `-wal`
        // beside a refused file into it.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        let target = migrations.len() as i64;
        let found = match schema::inspect(&conn, path, target, full_check) {
            Ok(found) => found,
            Err(e) => {
                // Leave the refused file's folder as it was: reading a WAL-mode file made a
                // `-shm` index (and an empty `-wal`); remove what was not there before.
                drop(conn);
                if !shm_existed {
                    let _ = std::fs::remove_file(&shm);
                }
                if !wal_existed && std::fs::metadata(&wal).is_ok_and(|m| m.len() == 0) {
                    let _ = std::fs::remove_file(&wal);
                }
                return Err(e);
            }
        };
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            false,
        )?;
        if found.version < target && !found.empty {
            let dest = backup::free_name(path, &format!("pre-v{target}.bak"));
            backup::backup_connection(&conn, &dest)?;
        }
        let mode = journal_mode_wal(&conn)?;
        if !mode.eq_ignore_ascii_case("wal") {
            // A file system without shared memory: keep the rollback journal, still atomic.
            conn.pragma_update(None, "synchronous", "FULL")?;
        }
        schema::migrate(&conn, path, migrations)?;
        // `AZ900_INLINE_CHECKPOINTS=1` keeps SQLite's default (checkpoints inside the commit
        // that fills 1,000 WAL pages): the benchmark's comparison, not for use.
        let inline = std::env::var_os(INLINE_CHECKPOINTS).is_some_and(|v| v == "1");
        let checkpointer = (mode.eq_ignore_ascii_case("wal") && !inline).then(|| {
            // Checkpoints move to a thread; the writer's own only as a backstop.
            let _ = conn.pragma_update(None, "wal_autocheckpoint", checkpoint::BACKSTOP_PAGES);
            checkpoint::Checkpointer::new(path)
        });
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            checkpointer: std::cell::RefCell::new(checkpointer),
        })
    }

    /// The database file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Run `f` in one `BEGIN IMMEDIATE` transaction: all of it is committed, or none.
    fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        if let Ok(mut c) = self.checkpointer.try_borrow_mut()
            && let Some(c) = c.as_mut()
        {
            c.committed();
        }
        Ok(value)
    }
}

/// An owner's index in `rules::Owner::ALL` (the order of the confusion table).
pub(crate) fn owner_index(owner: Owner) -> i64 {
    match owner {
        Owner::Customer => 0,
        Owner::Microsoft => 1,
        Owner::Shared => 2,
    }
}

/// Per-connection settings (none of them writes to the file).
/// Switch to WAL. SQLite does not run the busy handler for this pragma (it reads and writes in
/// one statement), so two instances opening a new database at once retry here themselves.
fn journal_mode_wal(conn: &Connection) -> Result<String, StoreError> {
    let start = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(mode) => return Ok(mode),
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Create `dir` and any missing parents, private to the user (0700 on unix).
pub(crate) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| StoreError::io(dir, e))
}

/// Create an empty file readable only by the user (0600 on unix) unless it exists.
pub(crate) fn create_private_file(path: &Path) -> Result<(), StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

#[cfg(test)]
mod tests;
