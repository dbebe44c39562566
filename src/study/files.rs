//! The progress database's file and its daily backups.

use std::path::PathBuf;

use anyhow::Result;

use crate::clock::Millis;
use crate::store::{self, Store};

/// Daily backups kept.
pub const KEEP_BACKUPS: usize = 7;

/// Opens the store at the resolved data dir, with the start-up checks that do not grow with
/// the history ([`Store::open_fast`]); the daily backup is [`daily_backup`]'s job. To write
/// (`writes`), a small file is checked whole first ([`Store::open_to_write`]).
pub fn open_store(paths: &crate::paths::Paths, writes: bool) -> Result<Store> {
    let db = paths.database();
    Ok(if writes {
        Store::open_to_write(&db)?
    } else {
        Store::open_fast(&db)?
    })
}

/// Today's backup of the progress database, checked, unless there is one ([`store::daily_backup`]):
/// its path if one was made. Commands that write run it before they start; the TUI runs it on
/// a thread after its first frame ([`spawn_daily_backup`]).
pub fn daily_backup(paths: &crate::paths::Paths, now: Millis) -> Result<Option<PathBuf>> {
    Ok(store::daily_backup(
        &paths.database(),
        &paths.backups(),
        now,
        KEEP_BACKUPS,
    )?)
}

/// [`daily_backup`] on a thread of its own; the receiver gets its result once. The database
/// is only read, so the process may end before the backup does (what is left is a temporary
/// file, removed by a later backup).
pub fn spawn_daily_backup(
    paths: &crate::paths::Paths,
    now: Millis,
) -> std::sync::mpsc::Receiver<Result<Option<PathBuf>>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let paths = paths.clone();
    std::thread::spawn(move || {
        let _ = tx.send(daily_backup(&paths, now));
    });
    rx
}
