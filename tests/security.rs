//! Security properties of the real binary:
//! - the data directory (and every directory it creates) is 0700 and every file in it 0600,
//!   even under `umask 000`, including the `-wal`/`-shm` files while a session runs and the
//!   daily backups;
//! - no network: the dependency graph (`Cargo.lock`) holds no HTTP or network crate, and a whole
//!   session run under `strace -f -e trace=network` makes no `socket`/`connect` call at all
//!   (skipped, with a message, where strace is missing or cannot trace);
//! - packs are data only: a pack whose text names other files (`../../etc/passwd`) is loaded as
//!   text, exported as text, and the file it names is never opened.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_az900");

/// `az900 args…` run through `sh` with the given umask.
fn with_umask(umask: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .env("NO_COLOR", "1");
    cmd
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every path under `dir` (itself included), directories first.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut children: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            children.sort();
            out.extend(children);
        }
        i += 1;
    }
    out
}

/// Asserts that nothing under `dir` is open to the group or others; returns how many paths
/// were checked.
fn assert_private(dir: &Path, when: &str) -> usize {
    let paths = walk(dir);
    for p in &paths {
        let m = mode(p);
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(m, want, "{when}: {} is {m:o}, want {want:o}", p.display());
    }
    paths.len()
}

/// Drives a `--plain` session started by `cmd`: answers up to `answers` questions (reacting to
/// the app's messages about the answer shape), lets `check` look around while the database is
/// open, then quits. Returns how many answers were acknowledged.
fn drive(mut cmd: Command, answers: usize, check: impl FnOnce()) -> usize {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
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
    let mut saved = 0;
    let deadline = Instant::now() + Duration::from_secs(20);
    writeln!(stdin, "1").unwrap();
    while saved < answers && Instant::now() < deadline {
        let Ok(line) = rx.recv_timeout(Duration::from_millis(50)) else {
            continue;
        };
        let line = line.trim_start_matches("> ");
        if line.starts_with("saved: ") {
            saved += 1;
            if saved < answers {
                // Past the feedback, then answer the next question.
                writeln!(stdin).unwrap();
                writeln!(stdin, "1").unwrap();
            }
        } else if let Some(err) = line.strip_prefix("! ") {
            // Not a single-answer question: the message says what shape is wanted.
            writeln!(stdin, "{}", common::retry_answer(err)).unwrap();
        }
    }
    assert_eq!(saved, answers, "answers saved within 20 s");
    check();
    writeln!(stdin, "q").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    reader.join().unwrap();
    saved
}

#[test]
fn the_data_dir_is_0700_and_every_file_0600_even_under_umask_000() {
    let root = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for umask in ["000", "022"] {
        // A nested directory that does not exist yet: every level the app makes is private
        // (made by a command that writes: `stats` on nothing makes nothing).
        let top = root.path().join(format!("umask-{umask}"));
        let data = top.join("a").join("b");
        let out = with_umask(umask, &["plan", "--minutes-per-day", "20", "--data-dir"])
            .arg(&data)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&data.join("progress.sqlite3")), 0o600);
        checked += assert_private(&top, &format!("umask {umask}, after plan"));

        // While a session runs the -wal and -shm files exist: private too.
        let mut during = 0;
        let mut session = with_umask(
            umask,
            &["--plain", "practice", "--count", "5", "--seed", "3"],
        );
        session.arg("--data-dir").arg(&data);
        drive(session, 2, || {
            let wal = data.join("progress.sqlite3-wal");
            assert!(wal.exists(), "no -wal file while the session runs");
            during = assert_private(&top, &format!("umask {umask}, during a session"));
        });
        checked += during;
        // The session made the day's backup (read-only commands make none).
        assert!(
            data.join("backups").is_dir(),
            "no backups directory to check"
        );
        checked += assert_private(&top, &format!("umask {umask}, after a session"));
    }
    println!("paths checked for private modes: {checked}");
}

// ----- network ---------------------------------------------------------------------------------

/// Crates that speak HTTP or open network connections.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "tokio",
    "async-std",
    "smol",
    "h2",
    "h3",
    "quinn",
    "socket2",
    "native-tls",
    "openssl",
    "openssl-sys",
    "rustls",
    "tungstenite",
    "trust-dns-resolver",
    "hickory-resolver",
    "sentry",
    "opentelemetry",
];

#[test]
fn no_network_crate_is_in_the_dependency_graph() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    assert!(names.contains(&"rusqlite"), "Cargo.lock not understood");
    let found: Vec<&&str> = names
        .iter()
        .filter(|n| NETWORK_CRATES.contains(n))
        .collect();
    println!(
        "Cargo.lock packages scanned: {}; network crates found: {}",
        names.len(),
        found.len()
    );
    assert!(found.is_empty(), "network crates in Cargo.lock: {found:?}");
}

/// `strace` that can trace here, or `None` (with the reason printed).
fn strace() -> Option<&'static str> {
    let ok = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=none", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok {
        Some("strace")
    } else {
        println!("SKIPPED: strace is missing or cannot trace here (apt-get install strace)");
        None
    }
}

/// Runs `az900 args…` under `strace -f -e trace=<what>`, feeding `input`; returns the output and
/// the trace.
fn traced(strace: &str, what: &str, args: &[&str], input: &str, dir: &Path) -> (Output, String) {
    let trace = dir.join(format!("trace-{}.txt", args.join("-").replace('/', "_")));
    let mut child = Command::new(strace)
        .args(["-f", "-qq", "-e"])
        .arg(format!("trace={what}"))
        .arg("-o")
        .arg(&trace)
        .arg(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let text = std::fs::read_to_string(&trace).unwrap_or_default();
    (out, text)
}

fn assert_no_network(trace: &str, what: &str) {
    // The binary's own start is traced: the trace is real, not an empty file.
    assert!(
        trace.contains("execve("),
        "az900 {what}: strace recorded nothing"
    );
    let calls: Vec<&str> = trace
        .lines()
        .filter(|l| {
            [
                "socket(", "connect(", "sendto(", "sendmsg(", "bind(", "listen(", "accept(",
            ]
            .iter()
            .any(|c| l.contains(c))
        })
        .collect();
    assert!(
        calls.is_empty(),
        "az900 {what} made network calls: {calls:#?}"
    );
}

#[test]
fn a_whole_session_makes_no_network_call() {
    let Some(strace) = strace() else { return };
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let data_s = data.to_str().unwrap();
    // A practice session, driven like a learner would, under strace.
    let trace_file = root.path().join("trace-practice.txt");
    let mut cmd = Command::new(strace);
    cmd.args(["-f", "-qq", "-e", "trace=network,execve", "-o"])
        .arg(&trace_file)
        .arg(BIN)
        .args(["--plain", "practice", "--count", "8", "--seed", "9"])
        .args(["--data-dir", data_s])
        .env("NO_COLOR", "1");
    let practiced = drive(cmd, 8, || {});
    let trace = std::fs::read_to_string(&trace_file).unwrap();
    assert_no_network(&trace, "--plain practice");
    let mut traced_runs = 1;

    // An exam (answers typed blind, then submitted) and the other commands.
    let runs: Vec<(Vec<&str>, String)> = vec![
        (
            vec![
                "--plain",
                "exam",
                "--count",
                "3",
                "--seed",
                "9",
                "--data-dir",
                data_s,
            ],
            "1\n1\n1\ns\n".into(),
        ),
        (vec!["stats", "--data-dir", data_s], String::new()),
        (vec!["history", "--data-dir", data_s], String::new()),
        (vec!["bank", "list", "--data-dir", data_s], String::new()),
        (vec!["backup", "list", "--data-dir", data_s], String::new()),
        (vec!["optimize", "--data-dir", data_s], String::new()),
    ];
    for (args, input) in &runs {
        let (out, trace) = traced(strace, "network,execve", args, input, root.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        // `optimize` refuses a short history; it still ran (and is traced) up to there.
        let refused = args[0] == "optimize" && stderr.contains("not enough history");
        assert!(out.status.success() || refused, "az900 {args:?}: {stderr}");
        assert_no_network(&trace, &args.join(" "));
        traced_runs += 1;
    }
    let (out, _) = traced(
        strace,
        "network",
        &["stats", "--json", "--data-dir", data_s],
        "",
        root.path(),
    );
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let answered = stats["dashboard"]["attempts"].as_u64().unwrap();
    assert!(
        answered >= practiced as u64,
        "answers missing: {answered} saved, {practiced} acknowledged"
    );
    println!("runs traced with no network call: {traced_runs} ({answered} answers saved)");
}

// ----- packs are data --------------------------------------------------------------------------

#[test]
fn a_pack_naming_other_files_is_just_text() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let secret = root.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-CONTENT").unwrap();
    let secret_s = secret.to_str().unwrap();
    let prompt = format!("Who patches ../../etc/passwd and {secret_s}?");
    let pack = serde_json::json!({
        "format": 1,
        "pack": "paths-as-text",
        "title": "../../etc/passwd",
        "questions": [{
            "id": "path-text-q",
            "concept": "iaas-os-customer",
            "topic": "shared-responsibility",
            "kind": "single",
            "prompt": prompt,
            "choices": [
                { "text": "../../etc/passwd", "correct": true, "why": format!("file://{secret_s}") },
                { "text": "$(cat /etc/passwd)", "correct": false, "why": "`cat /etc/shadow`" }
            ],
            "explanation": "${HOME}/.ssh/id_rsa and %APPDATA% stay text.",
            "refs": ["https://learn.microsoft.com/../../etc/passwd"]
        }]
    });
    let path = root.path().join("paths.json");
    std::fs::write(&path, serde_json::to_string_pretty(&pack).unwrap()).unwrap();

    // The library loads it as text.
    let bank = az900::bank::Bank::load(std::slice::from_ref(&path)).unwrap();
    let q = bank.get("path-text-q").unwrap();
    assert_eq!(q.prompt, prompt);
    assert_eq!(
        q.explanation,
        "${HOME}/.ssh/id_rsa and %APPDATA% stay text."
    );
    assert_eq!(q.refs, ["https://learn.microsoft.com/../../etc/passwd"]);

    // The binary exports it as text and never opens the files it names.
    let mut checks = 3;
    let args = [
        "--bank",
        path.to_str().unwrap(),
        "bank",
        "export",
        "--format",
        "json",
        "--data-dir",
        data.to_str().unwrap(),
    ];
    let (out, trace) = match strace() {
        Some(s) => traced(
            s,
            "open,openat,openat2,stat,newfstatat,execve",
            &args,
            "",
            root.path(),
        ),
        None => (
            Command::new(BIN).args(args).output().unwrap(),
            String::new(),
        ),
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Who patches ../../etc/passwd and"),
        "the prompt is not exported"
    );
    assert!(
        !stdout.contains("TOP-SECRET-CONTENT"),
        "a named file's content was exported"
    );
    assert!(
        !stdout.contains("root:x:0:0"),
        "/etc/passwd's content was exported"
    );
    checks += 3;
    if !trace.is_empty() {
        for named in ["/etc/passwd", "/etc/shadow", secret_s, ".ssh/id_rsa"] {
            let opened: Vec<&str> = trace.lines().filter(|l| l.contains(named)).collect();
            assert!(opened.is_empty(), "{named} was touched: {opened:#?}");
            checks += 1;
        }
        let execs = trace.lines().filter(|l| l.contains("execve(")).count();
        assert_eq!(execs, 1, "the binary started another program: {trace}");
        checks += 1;
    }
    println!("pack-as-data checks passed: {checks}");
}
