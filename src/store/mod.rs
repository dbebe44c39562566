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
mod health;
mod instance;
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
pub use schema::{APPLICATION_ID, SCHEMA_VERSION, wal_path};
pub use types::{
    AttemptId, ConceptAccuracy, ConfusionTable, DayCount, ExamRecord, NewAttempt, NewSession,
    QuestionCount, SessionId, SessionRecord, SessionResult, TopicAccuracy, Totals, WeakConcept,
};

/// Environment variable that, set to `1`, puts WAL checkpoints back in the answer path
/// (SQLite's default), for the storage benchmark's before/after comparison.
pub const INLINE_CHECKPOINTS: &str = "AZ900_INLINE_CHECKPOINTS";

/// Environment variable that, set to `1`, leaves the WAL's restart after a checkpoint to the
/// next answer's commit (as before the checkpoint thread made it), for the same comparison.
pub const WRITER_RESTARTS_WAL: &str = "AZ900_WRITER_RESTARTS_WAL";

pub use checkpoint::CheckpointActivity;

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
    /// The skill area and question count last chosen in the app for a mode, JSON
    /// `{"topic": ..., "count": ...}`; the key is this prefix and the mode's id.
    pub const SETUP_PREFIX: &str = "setup.";
}

/// Up to this size, [`Store::open_to_write`] checks every page: about 20 ms (40,000 answers
/// without their responses make a 2.2 MB file, checked in 10 ms).
pub const WHOLE_CHECK_MAX_BYTES: u64 = 4 << 20;

/// An open progress database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// `None` for an in-memory database.
    path: Option<PathBuf>,
    /// Checkpoints off the answer path (WAL files only).
    checkpointer: std::cell::RefCell<Option<checkpoint::Checkpointer>>,
    /// The shared lock that tells `backup restore` this instance has the file open
    /// ([`instance`]); declared last, so it is let go after every connection closed.
    _instance: Option<std::fs::File>,
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

    /// `open` for what will write (a session, `plan`): the whole-file check
    /// (`PRAGMA quick_check`) whenever the file is at most [`WHOLE_CHECK_MAX_BYTES`] (most
    /// learners' whole history: tens of thousands of answers, a few milliseconds), so damage
    /// found after the day's backup was checked is refused before anything is written;
    /// [`Store::open_fast`] above that size.
    pub fn open_to_write(path: &Path) -> Result<Store, StoreError> {
        let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= WHOLE_CHECK_MAX_BYTES);
        Store::open_checked(path, schema::MIGRATIONS, small)
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
            _instance: None,
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
        let target = migrations.len() as i64;
        let shm = PathBuf::from(format!("{}-shm", path.display()));
        let wal = health::wal_path(path);
        let (shm_existed, wal_existed) = (shm.exists(), wal.exists());
        // A file read alone and accepted has had its whole-file check, if one was due.
        let checked = path.exists() && health::preflight(path, target, full_check)?;
        create_private_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| schema::classify(path, e))?;
        // Until the schema is up to date, closing must not checkpoint a `-wal` into the file.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        configure(&conn).map_err(|e| match e {
            StoreError::Sqlite(e) => schema::classify(path, e),
            other => other,
        })?;
        // Leave the folder of a file that is refused, or cannot be written, as it was: reading
        // a WAL-mode file made a `-shm` index (and an empty `-wal`); remove what was not there
        // before.
        let leave = |conn: Connection, e: StoreError| {
            drop(conn);
            if !shm_existed {
                let _ = std::fs::remove_file(&shm);
            }
            if !wal_existed && std::fs::metadata(&wal).is_ok_and(|m| m.len() == 0) {
                let _ = std::fs::remove_file(&wal);
            }
            Err(e)
        };
        let found = match schema::inspect(&conn, path, target, full_check && !checked) {
            Ok(found) => found,
            Err(e) => return leave(conn, e),
        };
        // SQLite opens a file it may not write read-only, without a word.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            let e = StoreError::ReadOnly {
                path: path.to_path_buf(),
            };
            return leave(conn, e);
        }
        let wal_mode = match Store::bring_up_to_date(&conn, path, migrations, found) {
            Ok(wal_mode) => wal_mode,
            // No other instance can be using what a read-only open made.
            Err(e) if e.is_read_only() => return leave(conn, e),
            // Another instance may have made the `-shm` meanwhile and be using it: keep it.
            Err(e) => return Err(e),
        };
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            false,
        )?;
        // `AZ900_INLINE_CHECKPOINTS=1` keeps SQLite's default (checkpoints inside the commit
        // that fills 1,000 WAL pages): the benchmark's comparison, not for use.
        let set = |name| std::env::var_os(name).is_some_and(|v| v == "1");
        let (inline, writer_restarts) = (set(INLINE_CHECKPOINTS), set(WRITER_RESTARTS_WAL));
        let checkpointer = (wal_mode && !inline).then(|| {
            // Checkpoints move to a thread; the writer's own only as a backstop.
            let _ = conn.pragma_update(None, "wal_autocheckpoint", checkpoint::BACKSTOP_PAGES);
            checkpoint::Checkpointer::new(path, !writer_restarts)
        });
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            checkpointer: std::cell::RefCell::new(checkpointer),
            _instance: instance::shared(path),
        })
    }

    /// The writes of `open` once the file is accepted: the backup before an upgrade, WAL mode,
    /// the migrations.
    fn bring_up_to_date(
        conn: &Connection,
        path: &Path,
        migrations: &[&str],
        found: schema::Inspection,
    ) -> Result<bool, StoreError> {
        let target = migrations.len() as i64;
        if found.version < target && !found.empty {
            let dest = backup::free_name(path, &format!("pre-v{target}.bak"));
            backup::backup_connection(conn, &dest)?;
        }
        let mode = journal_mode_wal(conn)?;
        if !mode.eq_ignore_ascii_case("wal") {
            // A file system without shared memory: keep the rollback journal, still atomic.
            conn.pragma_update(None, "synchronous", "FULL")?;
        }
        schema::migrate(conn, path, migrations)?;
        Ok(mode.eq_ignore_ascii_case("wal"))
    }

    /// Open an existing database only to read it, as `stats`, `history` and `reports` do when
    /// the file or its folder cannot be written: no `-wal` or `-shm` is made and nothing is
    /// written. A file without a `-wal` is read as immutable (no locks, no index), since no
    /// instance can write to it either; the schema must be this build's.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        schema::check_header(path)?;
        std::fs::metadata(path).map_err(|e| StoreError::io(path, e))?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = if health::wal_path(path).exists() {
            Connection::open_with_flags(path, flags)
        } else {
            let uri = url_path(path);
            Connection::open_with_flags(format!("file:{uri}?immutable=1"), flags)
        }
        .map_err(|e| schema::classify(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let target = schema::SCHEMA_VERSION;
        let found = schema::inspect(&conn, path, target, false)?;
        if found.version < target {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            checkpointer: std::cell::RefCell::new(None),
            _instance: None,
        })
    }

    /// Whether this store can only read (see [`Store::open_read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true)
    }

    /// Stop the database growing past its current size plus `pages` pages, as a full disk
    /// would: SQLite then fails a write that needs a new page with `SQLITE_FULL`. For the
    /// tests of what the app does on a full disk (this connection only; nothing is stored).
    #[doc(hidden)]
    pub fn simulate_full_disk(&self, pages: u32) -> Result<(), StoreError> {
        let now: u32 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let _cap: u32 = self.conn.query_row(
            &format!("PRAGMA max_page_count = {}", now + pages),
            [],
            |r| r.get(0),
        )?;
        Ok(())
    }

    /// What the checkpoint thread has done since the store opened (`None` without one: in
    /// memory, read-only, or checkpoints inline). For the storage benchmark.
    #[doc(hidden)]
    pub fn checkpoint_activity(&self) -> Option<CheckpointActivity> {
        self.checkpointer
            .try_borrow()
            .ok()
            .and_then(|c| c.as_ref().map(checkpoint::Checkpointer::activity))
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

/// `path` for an SQLite URI: `%`, `?` and `#` escaped (they would end the path).
fn url_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
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
    match builder.create(dir) {
        Ok(()) => Ok(()),
        // Made meanwhile by another instance starting at the same moment.
        Err(_) if dir.is_dir() => Ok(()),
        Err(_) if dir.exists() => {
            let e = std::io::Error::other("not a folder; pass --data-dir with a folder");
            Err(StoreError::io(dir, e))
        }
        Err(e) => Err(StoreError::io(dir, e)),
    }
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
