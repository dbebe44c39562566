//! Two `az900 --plain practice` processes on one `--data-dir` at once, both answering. Both must
//! keep working (no "database is locked", exit code 0, every answer acknowledged) and every
//! answer either acknowledged (`saved:`) must be in the database afterwards, in its own session,
//! with the aggregates (daily, per topic, per concept, per question) in step with the attempts.
//!
//! Three ways of overlapping: strictly taking turns (both databases connections open, writes
//! interleaved one by one), both at full speed at once (write contention), and both started at
//! the same instant on a data directory that does not exist yet (creation and migration race).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

mod common;

/// One running `az900 --plain practice`.
struct Player {
    name: String,
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    /// Question ids of the answers the app acknowledged, in order.
    acknowledged: Vec<String>,
    /// Lines seen, for failure messages.
    transcript: Vec<String>,
    finished: bool,
}

impl Player {
    fn spawn(name: &str, data: &Path, seed: u64, count: usize) -> Player {
        let mut child = Command::new(env!("CARGO_BIN_EXE_az900"))
            .args(["--plain", "practice", "--count"])
            .arg(count.to_string())
            .arg("--seed")
            .arg(seed.to_string())
            .arg("--data-dir")
            .arg(data)
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Player {
            name: name.to_string(),
            child,
            stdin,
            lines: rx,
            acknowledged: Vec::new(),
            transcript: Vec::new(),
            finished: false,
        }
    }

    fn send(&mut self, line: &str) {
        if let Some(stdin) = self.stdin.as_mut() {
            // The process may have ended: its summary is read from the pipe anyway.
            let _ = writeln!(stdin, "{line}");
            let _ = stdin.flush();
        }
    }

    /// Answers the current question and moves on: true once the app acknowledged the answer,
    /// false when the session is over.
    fn answer_one(&mut self) -> bool {
        if self.finished {
            return false;
        }
        self.send("1");
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut errors = 0;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = match self.lines.recv_timeout(left) {
                Ok(line) => line,
                Err(RecvTimeoutError::Disconnected) => {
                    self.finished = true;
                    return false;
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "{}: no acknowledgement within 30 s; last lines:\n{}",
                    self.name,
                    self.tail()
                ),
            };
            self.transcript.push(line.clone());
            let line = line.trim_start_matches("> ");
            if let Some(rest) = line.strip_prefix("saved: ") {
                let qid = rest.split_whitespace().next().unwrap_or_default();
                self.acknowledged.push(qid.to_string());
                // Past the feedback to the next question.
                self.send("");
                return true;
            }
            if let Some(err) = line.strip_prefix("! ") {
                assert!(
                    !err.contains("locked") && !err.contains("busy"),
                    "{}: {err}",
                    self.name
                );
                errors += 1;
                assert!(
                    errors < 8,
                    "{}: no answer shape accepted; last lines:\n{}",
                    self.name,
                    self.tail()
                );
                let retry = common::retry_answer(err);
                self.send(&retry);
            }
        }
    }

    fn tail(&self) -> String {
        let from = self.transcript.len().saturating_sub(15);
        self.transcript[from..].join("\n")
    }

    /// Ends input and waits for the process; asserts it exited cleanly.
    fn finish(mut self) -> Vec<String> {
        self.stdin = None;
        // Drain anything still in the pipe (a last acknowledgement included).
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(30)) {
            if let Some(rest) = line.trim_start_matches("> ").strip_prefix("saved: ") {
                let qid = rest.split_whitespace().next().unwrap_or_default();
                self.acknowledged.push(qid.to_string());
            }
            self.transcript.push(line);
        }
        let mut stderr = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut stderr);
        }
        let status = self.child.wait().unwrap();
        assert!(
            status.success(),
            "{}: exited {status}; stderr: {stderr}\nlast lines:\n{}",
            self.name,
            self.tail()
        );
        assert!(
            stderr.trim().is_empty(),
            "{}: wrote to stderr: {stderr}",
            self.name
        );
        self.acknowledged
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// Checks the database against the two players' acknowledged answers; returns the number of
/// attempts found.
fn verify(data: &Path, a: &[String], b: &[String], check_reps: bool) -> usize {
    let db = data.join("progress.sqlite3");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };

    let total = one("SELECT COUNT(*) FROM attempts");
    assert_eq!(
        total as usize,
        a.len() + b.len(),
        "attempts in the database vs answers acknowledged ({} + {})",
        a.len(),
        b.len()
    );
    // Each session holds exactly what its player was told was saved.
    let mut by_session: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut stmt = conn
        .prepare("SELECT session_id, question_id FROM attempt_log ORDER BY id")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap();
    for row in rows {
        let (s, q) = row.unwrap();
        by_session.entry(s).or_default().push(q);
    }
    let sessions: Vec<Vec<String>> = by_session.into_values().map(sorted).collect();
    let (a, b) = (sorted(a.to_vec()), sorted(b.to_vec()));
    assert_eq!(
        sessions.len(),
        2,
        "answers spread over {} sessions",
        sessions.len()
    );
    assert!(
        (sessions[0] == a && sessions[1] == b) || (sessions[0] == b && sessions[1] == a),
        "the sessions' answers differ from the acknowledged ones:\ndb {sessions:?}\na {a:?}\nb {b:?}"
    );
    assert_eq!(one("SELECT COUNT(*) FROM sessions"), 2);
    assert_eq!(
        one("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL"),
        0,
        "a session was left unfinished"
    );
    // Aggregates written in the same transactions stay in step under contention.
    for table in ["daily", "topic_stats", "concept_stats", "question_stats"] {
        let sum = one(&format!("SELECT COALESCE(SUM(answered), 0) FROM {table}"));
        assert_eq!(sum, total, "{table}.answered vs attempts");
    }
    let correct = one("SELECT COUNT(*) FROM attempts WHERE correct = 1");
    assert_eq!(one("SELECT COALESCE(SUM(correct), 0) FROM daily"), correct);
    // Every practice answer is one review of its concept: reps counts them all, even when both
    // instances answered the same concept at the same moment (no lost update).
    let mut stmt = conn
        .prepare(
            "SELECT a.concept, COUNT(*), COALESCE(m.reps, 0) FROM attempt_log a
             LEFT JOIN memory m ON m.concept = a.concept GROUP BY a.concept",
        )
        .unwrap();
    let lost: Vec<(String, i64, i64)> = if !check_reps {
        Vec::new()
    } else {
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .filter(|(_, answers, reps)| answers != reps)
            .collect()
    };
    assert!(
        lost.is_empty(),
        "memory reps differ from the answers (concept, answers, reps): {lost:?}"
    );
    // The app itself agrees.
    let out = Command::new(env!("CARGO_BIN_EXE_az900"))
        .args(["stats", "--json", "--data-dir"])
        .arg(data)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["dashboard"]["attempts"].as_i64(), Some(total));
    total as usize
}

#[test]
fn two_sessions_taking_turns_both_keep_working() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let mut a = Player::spawn("A", &data, 1, 12);
    let mut b = Player::spawn("B", &data, 2, 12);
    let mut turns = 0;
    // Strict alternation: every write of one lands between two writes of the other, with
    // both databases open throughout.
    while !(a.finished && b.finished) {
        a.answer_one();
        b.answer_one();
        turns += 1;
        assert!(turns < 200, "the sessions do not end");
    }
    let (acks_a, acks_b) = (a.finish(), b.finish());
    assert!(
        acks_a.len() >= 12 && acks_b.len() >= 12,
        "{acks_a:?} {acks_b:?}"
    );
    let n = verify(&data, &acks_a, &acks_b, true);
    println!(
        "taking turns: {} + {} acknowledged answers, {n} in the database",
        acks_a.len(),
        acks_b.len()
    );
}

/// Runs both players at full speed in their own threads.
fn race(data: &Path, seeds: (u64, u64), count: usize) -> (Vec<String>, Vec<String>) {
    let run = |name: &'static str, seed: u64| {
        let data = data.to_path_buf();
        std::thread::spawn(move || {
            let mut p = Player::spawn(name, &data, seed, count);
            let mut n = 0;
            while p.answer_one() {
                n += 1;
                assert!(n < 10 * count, "{name}: the session does not end");
            }
            p.finish()
        })
    };
    let (ta, tb) = (run("A", seeds.0), run("B", seeds.1));
    (ta.join().unwrap(), tb.join().unwrap())
}

#[test]
fn two_sessions_at_full_speed_on_one_database() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    // An existing database (so both start past creation), then both at once.
    let out = Command::new(env!("CARGO_BIN_EXE_az900"))
        .args(["stats", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success());
    // The same seed: both answer the same questions (the same concepts) at the same time.
    let (a, b) = race(&data, (7, 7), 25);
    assert!(a.len() >= 25 && b.len() >= 25);
    // (The memory state's review count is not checked here: see the ignored test below.)
    let n = verify(&data, &a, &b, false);
    println!(
        "full speed: {} + {} acknowledged answers, {n} in the database",
        a.len(),
        b.len()
    );
}

/// Known bugs (reported): two instances opening a data directory that does not exist yet at the
/// same moment sometimes fail: `PRAGMA journal_mode = WAL` gets SQLITE_BUSY at once (its
/// read-then-write upgrade skips the busy handler), and `schema::inspect` reads the application
/// id, the version and the table count in three snapshots, so a migration committed between
/// them makes a fresh database look foreign. Un-ignore once `Store::open` handles both.
#[test]
fn two_first_runs_at_once_create_one_database() {
    let root = tempfile::tempdir().unwrap();
    let rounds = 4;
    let mut answers = 0;
    for round in 0..rounds {
        // Neither the data directory nor the database exists when both start.
        let data = root.path().join(format!("fresh-{round}")).join("nested");
        let (a, b) = race(&data, (round, round + 100), 6);
        answers += verify(&data, &a, &b, true);
        let conn = rusqlite::Connection::open(data.join("progress.sqlite3")).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, az900::store::SCHEMA_VERSION);
        // Both made today's backup at once: one complete backup, no temporary leftovers.
        let backups: Vec<String> = std::fs::read_dir(data.join("backups"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(backups.len(), 1, "round {round}: {backups:?}");
        assert!(
            backups[0].starts_with("az900-") && backups[0].ends_with(".db"),
            "{backups:?}"
        );
        let backup = rusqlite::Connection::open_with_flags(
            data.join("backups").join(&backups[0]),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let check: String = backup
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}: the backup is damaged");
        let app: i32 = backup
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(app, az900::store::APPLICATION_ID);
    }
    println!("simultaneous first runs: {rounds} rounds, {answers} answers all in the database");
}

/// The same race without processes, where it shows more often: two threads opening one new
/// database at the same instant, many times over.
#[test]
fn two_opens_at_once_of_a_new_database_both_succeed() {
    use std::sync::{Arc, Barrier};
    let root = tempfile::tempdir().unwrap();
    let rounds = 300;
    let mut failures: BTreeMap<String, usize> = BTreeMap::new();
    for round in 0..rounds {
        let path = root.path().join(round.to_string()).join("progress.sqlite3");
        let barrier = Arc::new(Barrier::new(2));
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let (barrier, path) = (Arc::clone(&barrier), path.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    az900::store::Store::open(&path)
                        .err()
                        .map(|e| e.to_string())
                })
            })
            .collect();
        for t in threads {
            if let Some(e) = t.join().unwrap() {
                let kind = e.split_once(": ").map_or(e.as_str(), |(_, k)| k);
                let kind = kind.split(';').next().unwrap_or(kind).to_string();
                *failures.entry(kind).or_default() += 1;
            }
        }
    }
    println!("simultaneous opens: {rounds} rounds, failures: {failures:?}");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Known bug (reported): `Study::record` reads a concept's memory state, computes the review,
/// and writes it in a later transaction; when the other instance reviews the same concept in
/// between, one review is lost (the concept shows 2 answers but `reps` 1, and its stability
/// and due date ignore one of them). Both instances answer the same questions (one seed) at
/// full speed, round after round.
#[test]
fn concurrent_reviews_of_one_concept_are_all_counted() {
    let root = tempfile::tempdir().unwrap();
    let rounds = 15;
    let mut answers = 0;
    for round in 0..rounds {
        let data = root.path().join(format!("round-{round}"));
        let out = Command::new(env!("CARGO_BIN_EXE_az900"))
            .args(["stats", "--data-dir"])
            .arg(&data)
            .output()
            .unwrap();
        assert!(out.status.success());
        let (a, b) = race(&data, (round, round), 30);
        answers += verify(&data, &a, &b, true);
    }
    println!("concurrent reviews: {rounds} rounds, {answers} answers, every review counted");
}
