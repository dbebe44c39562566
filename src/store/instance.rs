//! Which instances of the app have a database open, through an advisory lock on a file beside
//! it (`progress.sqlite3.lock`): every read-write [`Store`](super::Store) holds a shared lock
//! for as long as it is open, and `backup restore` takes the exclusive one, so a restore never
//! moves a database aside under an instance that would go on writing to the moved file.
//!
//! A file of its own, not the database: SQLite's POSIX locks on the database are dropped by
//! the process when any descriptor of that file closes, and a lock held there could end them.
//! Where the lock file cannot be made (a read-only folder), nothing is locked: nothing can be
//! written there either.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::error::StoreError;

/// `<db>.lock`.
pub(crate) fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

fn open_lock(db: &Path) -> Option<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(lock_path(db)).ok()
}

/// The shared lock an open store holds (`None` when it cannot be had: no lock file, or a
/// restore holding it this instant).
pub(crate) fn shared(db: &Path) -> Option<File> {
    let file = open_lock(db)?;
    file.try_lock_shared().ok()?;
    Some(file)
}

/// The exclusive lock a restore holds while it swaps the files, or [`StoreError::InUse`] when
/// another instance has the database open.
pub(crate) fn exclusive(db: &Path) -> Result<Option<File>, StoreError> {
    let Some(file) = open_lock(db) else {
        return Ok(None);
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(TryLockError::WouldBlock) => Err(StoreError::InUse {
            path: db.to_path_buf(),
        }),
        // A file system without locks: go on, as without a lock file.
        Err(TryLockError::Error(_)) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_holder_keeps_the_exclusive_lock_away_until_it_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("progress.sqlite3");
        let a = shared(&db).expect("a shared lock");
        let b = shared(&db).expect("shared locks coexist");
        assert!(matches!(exclusive(&db), Err(StoreError::InUse { .. })));
        drop(a);
        assert!(matches!(exclusive(&db), Err(StoreError::InUse { .. })));
        drop(b);
        let held = exclusive(&db).unwrap().expect("the exclusive lock");
        assert!(
            shared(&db).is_none(),
            "no store opens its lock during a restore"
        );
        drop(held);
        assert!(shared(&db).is_some());
    }
}
