//! WAL checkpoints off the answer path.
//!
//! SQLite's automatic checkpoint runs inside the commit that crosses its threshold (1,000 WAL
//! pages by default), so about one answer in 75 used to wait for it (copying the WAL into the
//! database and two fsyncs: 12 ms at the 99th percentile on a 1M-answer history). Instead, the
//! store nudges a checkpoint thread every [`NUDGE_EVERY`] commits; that thread, with its own
//! connection, runs a `PASSIVE` checkpoint (it never blocks the writer: pages a writer is
//! still using are left for the next one). The writer's own automatic checkpoint stays on with
//! a far higher threshold ([`BACKSTOP_PAGES`]) in case the thread cannot keep up. Closing the
//! last connection checkpoints as before.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::thread::JoinHandle;

use rusqlite::{Connection, OpenFlags};

/// Commits between two nudges (a practice answer adds about ten WAL pages).
pub(crate) const NUDGE_EVERY: u32 = 64;

/// The writer's own automatic checkpoint threshold, in WAL pages (about 40 MB of 4 KiB pages).
pub(crate) const BACKSTOP_PAGES: u32 = 10_000;

/// A request to the thread: one checkpoint, answered on the sender when given (tests wait).
type Request = Option<mpsc::Sender<()>>;

/// The checkpoint thread of one database, started on the first nudge.
#[derive(Debug)]
pub(crate) struct Checkpointer {
    path: PathBuf,
    commits: u32,
    thread: Option<(SyncSender<Request>, JoinHandle<()>)>,
}

impl Checkpointer {
    pub(crate) fn new(path: &Path) -> Checkpointer {
        Checkpointer {
            path: path.to_path_buf(),
            commits: 0,
            thread: None,
        }
    }

    /// Count one commit; every [`NUDGE_EVERY`] commits, ask the thread for a checkpoint
    /// (never waits: a nudge while one is pending is dropped).
    pub(crate) fn committed(&mut self) {
        self.commits = self.commits.wrapping_add(1);
        if self.commits.is_multiple_of(NUDGE_EVERY) {
            self.nudge();
        }
    }

    /// Ask for a checkpoint now, without waiting for it.
    pub(crate) fn nudge(&mut self) {
        self.start();
        if let Some((tx, _)) = &self.thread {
            // Full: a checkpoint is pending anyway; disconnected: the thread could not open
            // the file, and the backstop applies.
            let _: Result<(), TrySendError<_>> = tx.try_send(None);
        }
    }

    /// Run a checkpoint on the thread and wait until it is done (tests).
    #[cfg(test)]
    pub(crate) fn settle(&mut self) {
        self.start();
        if let Some((tx, _)) = &self.thread {
            let (ack, done) = mpsc::channel();
            if tx.send(Some(ack)).is_ok() {
                let _ = done.recv();
            }
        }
    }

    fn start(&mut self) {
        if self.thread.is_none() {
            let (tx, rx) = mpsc::sync_channel::<Request>(1);
            let path = self.path.clone();
            let spawned = std::thread::Builder::new()
                .name("az900-checkpoint".into())
                .spawn(move || run(&path, &rx));
            // No thread (spawn failed): the writer's backstop checkpoint still bounds the WAL.
            if let Ok(handle) = spawned {
                self.thread = Some((tx, handle));
            }
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        if let Some((tx, handle)) = self.thread.take() {
            drop(tx);
            let _ = handle.join();
        }
    }
}

/// The thread: one passive checkpoint per nudge until the store is dropped. Errors (a busy
/// or read-only file) skip that checkpoint; the next nudge tries again.
fn run(path: &Path, nudges: &mpsc::Receiver<Request>) {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(path, flags) else {
        return;
    };
    let _ = conn.busy_timeout(std::time::Duration::from_millis(50));
    while let Ok(ack) = nudges.recv() {
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        if let Some(ack) = ack {
            let _ = ack.send(());
        }
    }
}
