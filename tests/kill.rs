//! Kill test: the real binary (`--plain`, answers piped in) is SIGKILLed at random moments.
//! After every kill the database must open, pass `PRAGMA integrity_check`, and hold every
//! answer the app had acknowledged (`saved:` lines) before it died.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const KILLS: u64 = 50;

/// For "incomplete: 3 of 4 rows without a cell.": a cell in column a of each of the 4 rows.
fn grid_rows(err: &str) -> Option<String> {
    if !err.contains("rows without a cell") {
        return None;
    }
    let rows: usize = err
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .nth(1)?
        .parse()
        .ok()?;
    Some(
        (1..=rows)
            .map(|r| format!("{r}a"))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The answer to send after an error message (the messages say what shape is wanted).
fn retry_answer(err: &str) -> Option<String> {
    let n: usize = err
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())?
        .parse()
        .ok()?;
    let numbers = || (1..=n).map(|i| i.to_string()).collect::<Vec<_>>().join(" ");
    if let Some(rows) = grid_rows(err) {
        return Some(rows);
    }
    if err.contains("(y or n)") {
        Some(vec!["y"; n].join(" "))
    } else if err.contains("category numbers") {
        Some(vec!["1"; n].join(" "))
    } else if err.contains("choose exactly") || err.contains("options once") {
        Some(numbers())
    } else {
        None
    }
}

struct Run {
    acknowledged: Vec<String>,
}

/// Drives one session, killing the process after `kill_after`.
fn run_and_kill(data: &std::path::Path, seed: u64, kill_after: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_az900"))
        .args(["--plain", "practice", "--count", "60", "--seed"])
        .arg(seed.to_string())
        .arg("--data-dir")
        .arg(data)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let start = Instant::now();
    let mut acknowledged = Vec::new();
    let _ = writeln!(stdin, "1");
    while start.elapsed() < kill_after {
        let Ok(line) = rx.recv_timeout(Duration::from_millis(5)) else {
            continue;
        };
        // Lines may carry the "> " prompt in front.
        let line = line.trim_start_matches("> ").to_string();
        if let Some(rest) = line.strip_prefix("saved: ") {
            let qid = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            acknowledged.push(qid);
            // Feedback shown: next question, then answer it.
            let _ = writeln!(stdin);
            let _ = writeln!(stdin, "1");
        } else if let Some(err) = line.strip_prefix("! ") {
            if let Some(a) = retry_answer(err) {
                let _ = writeln!(stdin, "{a}");
            } else {
                let _ = writeln!(stdin, "1a");
            }
        }
    }
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    // Anything printed before the kill that is still in the pipe was acknowledged too.
    drop(stdin);
    let _ = reader.join();
    while let Ok(line) = rx.try_recv() {
        if let Some(rest) = line.trim_start_matches("> ").strip_prefix("saved: ") {
            acknowledged.push(
                rest.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            );
        }
    }
    Run { acknowledged }
}

#[test]
fn sigkill_at_random_moments_never_loses_an_acknowledged_answer() {
    let mut rng = ChaCha8Rng::seed_from_u64(0xA2900);
    let mut survived = 0;
    let mut total_acks = 0;
    let dir = tempfile::tempdir().unwrap();
    for seed in 0..KILLS {
        // Half the runs share one growing database, half start from nothing.
        let data = if seed % 2 == 0 {
            dir.path().join("shared")
        } else {
            dir.path().join(format!("fresh-{seed}"))
        };
        let before = count_attempts(&data);
        let kill_after = Duration::from_millis(rng.random_range(0..600));
        let run = run_and_kill(&data, seed, kill_after);
        let db = data.join("progress.sqlite3");
        if !db.exists() {
            assert!(
                run.acknowledged.is_empty(),
                "acknowledged answers but no database"
            );
            survived += 1;
            continue;
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "seed {seed}: integrity check");
        let has_schema: bool = conn
            .query_row(
                "SELECT COUNT(*) > 0 FROM sqlite_master WHERE name = 'attempts'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        // Killed while the database was being created: nothing can have been acknowledged.
        let after: i64 = if has_schema {
            conn.query_row("SELECT COUNT(*) FROM attempts", [], |r| r.get(0))
                .unwrap()
        } else {
            0
        };
        assert!(
            after as usize >= before + run.acknowledged.len(),
            "seed {seed}: {} acknowledged, but attempts went {before} -> {after}",
            run.acknowledged.len()
        );
        for qid in &run.acknowledged {
            let n: i64 = conn
                .query_row(
                    "SELECT COUNT(*) FROM attempt_log WHERE question_id = ?1",
                    [qid],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(
                n >= 1,
                "seed {seed}: acknowledged answer to {qid} is missing"
            );
        }
        // The app itself reopens the database after the kill.
        let status = Command::new(env!("CARGO_BIN_EXE_az900"))
            .args(["stats", "--json", "--data-dir"])
            .arg(&data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(
            status.success(),
            "seed {seed}: the app cannot reopen the database"
        );
        total_acks += run.acknowledged.len();
        survived += 1;
    }
    println!("kills survived: {survived}/{KILLS}; acknowledged answers checked: {total_acks}");
    assert_eq!(survived, KILLS);
    assert!(
        total_acks > 20,
        "the runs answered too little to test anything: {total_acks}"
    );
}

fn count_attempts(data: &std::path::Path) -> usize {
    let db = data.join("progress.sqlite3");
    if !db.exists() {
        return 0;
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM attempts", [], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
        .unwrap_or(0)
}
