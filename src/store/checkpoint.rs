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
//!
//! A checkpoint that copied the whole WAL lets the next write start the WAL again from its
//! beginning, and SQLite fsyncs the new WAL header in that write (with `synchronous=NORMAL`
//! too: an out-of-order write after a restart could otherwise corrupt the file). Left to the
//! writer, that fsync landed in one answer of every [`NUDGE_EVERY`]: the p99 of the answer
//! path. So the thread makes that first write itself, right after its checkpoint: a
//! one-page transaction that rewrites `user_version` unchanged ([`restart_wal`]). If the
//! writer holds the lock at that moment the thread skips it, and the writer restarts the WAL
//! as before.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::thread::JoinHandle;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

/// Commits between two nudges (a practice answer adds about ten WAL pages).
pub(crate) const NUDGE_EVERY: u32 = 64;

/// The writer's own automatic checkpoint threshold, in WAL pages (about 40 MB of 4 KiB pages).
pub(crate) const BACKSTOP_PAGES: u32 = 10_000;

/// A request to the thread: one checkpoint, answered on the sender when given (tests wait).
type Request = Option<mpsc::Sender<()>>;

/// What the checkpoint thread has done so far (counts since the store opened), for the storage
/// benchmark: an answer that saw `started` move, or began while `started > finished`, overlapped
/// a checkpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckpointActivity {
    /// Checkpoints begun.
    pub started: u64,
    /// Checkpoints ended (with the WAL restart after them, if any).
    pub finished: u64,
    /// WAL restarts the thread began (each with its header fsync; one the writer was in the
    /// way of is given up at once).
    pub restarts: u64,
}

#[derive(Debug, Default)]
struct Counters {
    started: AtomicU64,
    finished: AtomicU64,
    restarts: AtomicU64,
}

/// The checkpoint thread of one database, started on the first nudge.
#[derive(Debug)]
pub(crate) struct Checkpointer {
    path: PathBuf,
    commits: u32,
    /// Whether the thread restarts a fully copied WAL (off: the writer does, as SQLite would).
    restart: bool,
    counters: Arc<Counters>,
    thread: Option<(SyncSender<Request>, JoinHandle<()>)>,
}

impl Checkpointer {
    pub(crate) fn new(path: &Path, restart: bool) -> Checkpointer {
        Checkpointer {
            path: path.to_path_buf(),
            commits: 0,
            restart,
            counters: Arc::default(),
            thread: None,
        }
    }

    /// The thread's counts so far.
    pub(crate) fn activity(&self) -> CheckpointActivity {
        let c = &self.counters;
        CheckpointActivity {
            started: c.started.load(Ordering::Acquire),
            finished: c.finished.load(Ordering::Acquire),
            restarts: c.restarts.load(Ordering::Acquire),
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
            let (restart, counters) = (self.restart, Arc::clone(&self.counters));
            let spawned = std::thread::Builder::new()
                .name("az900-checkpoint".into())
                .spawn(move || run(&path, restart, &counters, &rx));
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

/// The thread: one passive checkpoint per nudge until the store is dropped, then (`restart`)
/// the WAL's restart when the checkpoint copied all of it. Errors (a busy or read-only file)
/// skip that checkpoint; the next nudge tries again.
fn run(path: &Path, restart: bool, counters: &Counters, nudges: &mpsc::Receiver<Request>) {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(path, flags) else {
        return;
    };
    // Never wait for the writer: a passive checkpoint does not, and a restart the writer is in
    // the way of is left to the writer.
    let _ = conn.busy_timeout(std::time::Duration::ZERO);
    let _ = conn.pragma_update(None, "synchronous", "NORMAL");
    while let Ok(ack) = nudges.recv() {
        counters.started.fetch_add(1, Ordering::AcqRel);
        // (busy, WAL frames, frames copied): all copied means the next write restarts the WAL.
        let copied_all = conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .is_ok_and(|(busy, frames, copied)| busy == 0 && frames > 0 && copied == frames);
        if restart && copied_all {
            // Counted before it starts: the new header is in the file before its fsync ends.
            counters.restarts.fetch_add(1, Ordering::AcqRel);
            let _ = restart_wal(&conn);
        }
        counters.finished.fetch_add(1, Ordering::AcqRel);
        if let Some(ack) = ack {
            let _ = ack.send(());
        }
    }
}

/// Make the first write of a fully copied WAL here, so that its restart (and the fsync of the
/// new header) happens on this thread: a transaction that sets `user_version` to the value it
/// has (one page, nothing changed). Fails at once, changing nothing, when another connection
/// holds the write lock.
fn restart_wal(conn: &Connection) -> rusqlite::Result<()> {
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    tx.pragma_update(None, "user_version", version)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAttempt, NewSession, SessionId, Store};

    /// The WAL header's salts (bytes 16–23), which every restart changes.
    fn salts(wal: &Path) -> [u8; 8] {
        let bytes = std::fs::read(wal).unwrap();
        bytes[16..24].try_into().unwrap()
    }

    fn answer(store: &Store, s: SessionId, i: i64) {
        let a = NewAttempt {
            session: s,
            question_id: format!("q{}", i % 7),
            concept: "c".into(),
            topic: "t".into(),
            kind: crate::bank::question::Kind::Single,
            response: None,
            points: 1,
            max: 1,
            correct: true,
            time_ms: 1_000,
            marked: false,
            guess: false,
            answered_at: i,
            day: 1,
        };
        store.record_attempt(&a, None, &[]).unwrap();
    }

    /// Answers until the thread has checkpointed (and, if it restarts, restarted) the WAL;
    /// then whether the next answer's commit restarted it (the salts changed).
    fn next_answer_restarts(restart: bool) -> (bool, CheckpointActivity) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.db");
        let store = Store::open(&path).unwrap();
        *store.checkpointer.borrow_mut() = Some(Checkpointer::new(&path, restart));
        let s = store
            .begin_session(&NewSession {
                mode: "practice".into(),
                started_at: 0,
                settings: serde_json::json!({}),
            })
            .unwrap();
        for i in 0..10 {
            answer(&store, s, i);
        }
        if let Some(c) = store.checkpointer.borrow_mut().as_mut() {
            c.settle();
        }
        let wal = dir.path().join("progress.db-wal");
        let before = salts(&wal);
        answer(&store, s, 10);
        let activity = store.checkpoint_activity().unwrap();
        (salts(&wal) != before, activity)
    }

    #[test]
    fn the_thread_restarts_a_copied_wal_so_the_next_answer_does_not() {
        let (restarted, activity) = next_answer_restarts(true);
        assert!(
            !restarted,
            "the answer's commit restarted the WAL: {activity:?}"
        );
        assert_eq!(
            activity,
            CheckpointActivity {
                started: 1,
                finished: 1,
                restarts: 1
            }
        );
        // Without the thread's restart, the answer after a checkpoint makes it (SQLite's way).
        let (restarted, activity) = next_answer_restarts(false);
        assert!(restarted, "{activity:?}");
        assert_eq!(activity.restarts, 0);
    }
}
