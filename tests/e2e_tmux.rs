//! End to end: the real binary in a real terminal (tmux), driven by keys, read off the screen.
//!
//! Skipped (with a message) when tmux is not installed; `.ci/run` installs it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(cmd: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("tmux is not installed: skipping the end-to-end test");
            return None;
        }
        let socket = format!(
            "az900-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let t = Tmux { socket };
        t.run(&[
            "new-session",
            "-d",
            "-s",
            "app",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            cmd,
        ]);
        Some(t)
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "app", k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "app"])
    }

    fn alive(&self) -> bool {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(["has-session", "-t", "app"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    }

    /// Waits until the screen contains `needle`; panics with the screen after 15 s.
    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "waited for {needle:?}; the screen shows:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn wait_exit(&self) {
        let start = Instant::now();
        while self.alive() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the app did not exit; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_az900")
}

fn app_cmd(data: &Path, args: &str) -> String {
    format!(
        "env NO_COLOR=1 AZ900_DATA_DIR= {} --data-dir {} {args}",
        bin(),
        data.display()
    )
}

/// A seed whose first practice question is a single-answer one (found through `--plain`, so the
/// test does not depend on the bank's exact content).
fn seed_with_single_first_question(data: &Path) -> u64 {
    for seed in 1..200 {
        let out = Command::new(bin())
            .args(["--plain", "practice", "--count", "1", "--seed"])
            .arg(seed.to_string())
            .arg("--data-dir")
            .arg(data)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        if text.contains("· Single answer") {
            return seed;
        }
    }
    panic!("no seed gives a single-answer question first");
}

#[test]
fn a_practice_answer_is_saved_and_shows_in_stats_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe");
    let data = dir.path().join("data");
    let seed = seed_with_single_first_question(&probe);
    let Some(t) = Tmux::start(
        &app_cmd(&data, &format!("practice --count 1 --seed {seed}")),
        100,
        30,
    ) else {
        return;
    };
    t.wait_for("1 / 1");
    t.keys(&["1", "Enter"]);
    let feedback = t.wait_for("point");
    assert!(
        feedback.contains('✓') || feedback.contains('✗'),
        "feedback marks the answer:\n{feedback}"
    );
    t.keys(&["q"]);
    if t.alive() && t.screen().contains("y ") {
        t.keys(&["y"]);
    }
    t.wait_exit();

    let Some(t) = Tmux::start(&app_cmd(&data, ""), 120, 40) else {
        return;
    };
    t.wait_for("Study due");
    t.keys(&["6", "Enter"]);
    let stats = t.wait_for("Answers per day");
    assert!(
        stats.contains("1 answers") || stats.contains("1 answer"),
        "{stats}"
    );
    t.keys(&["q"]);
    t.wait_exit();
}

#[test]
fn the_app_makes_the_days_backup_after_its_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A database with an answer in it, made without a backup (read-only commands make none).
    let out = Command::new(bin())
        .args(["stats", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let backups = data.join("backups");
    assert!(!backups.exists());
    let Some(t) = Tmux::start(&app_cmd(&data, ""), 100, 30) else {
        return;
    };
    t.wait_for("Study due");
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let backup = backups.join(format!("az900-{today}.db"));
    let start = Instant::now();
    while !backup.is_file() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no backup appeared; the screen shows:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let screen = t.screen();
    assert!(!screen.contains("backup was not made"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit();
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, az900::store::APPLICATION_ID);
}

#[test]
fn an_exam_runs_to_the_results_screen() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(t) = Tmux::start(
        &app_cmd(&data, "exam --count 3 --minutes 5 --seed 3"),
        120,
        40,
    ) else {
        return;
    };
    t.wait_for("1 / 3");
    // Answer the first (maybe incompletely), mark one, move on, open the review list, submit.
    t.keys(&["1", "Enter", "f", "]"]);
    t.keys(&["r"]);
    t.wait_for("marked for review");
    t.keys(&["s"]);
    t.wait_for("nanswered");
    t.keys(&["y"]);
    // Three questions are a part of the exam: a score, no scaled score or pass mark.
    let results = t.wait_for("A part of the exam");
    assert!(results.contains("Score "), "{results}");
    assert!(
        !results.contains("PASS") && !results.contains("Scaled score"),
        "{results}"
    );
    t.keys(&["q"]);
    if t.alive() && t.screen().contains("y ") {
        t.keys(&["y"]);
    }
    t.wait_exit();
    // The exam was recorded.
    let out = Command::new(bin())
        .args(["history", "--json", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let h: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(h[0]["mode"], "exam", "{h}");
    assert!(h[0]["result"]["scaled"].is_null(), "{h}");
}

/// The pid of the app started with `data` as its data dir.
fn app_pid(data: &Path) -> Option<u32> {
    let out = Command::new("pgrep")
        .args(["-f", "--"])
        .arg(format!("--data-dir {}", data.display()))
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .find(|pid| *pid != std::process::id())
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_answers() {
    for signal in ["TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let probe = dir.path().join("probe");
        let seed = seed_with_single_first_question(&probe);
        // A shell in the pane, so we can see what the terminal looks like after the app.
        let Some(t) = Tmux::start("env PS1='$ ' bash --norc --noprofile", 100, 30) else {
            return;
        };
        let cmd = format!(
            "{}; echo \"exit-code=$?\"",
            app_cmd(&data, &format!("practice --count 3 --seed {seed}"))
        );
        t.run(&["send-keys", "-t", "app", &cmd, "Enter"]);
        t.wait_for("1 / 3");
        t.keys(&["1", "Enter"]);
        t.wait_for("point");
        let pid = app_pid(&data).expect("the app's pid");
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(status.success());
        // The typed command line holds `exit-code=$?` too: wait for the line the shell prints.
        let start = Instant::now();
        let screen = loop {
            let screen = t.screen();
            let printed = |l: &str| {
                l.strip_prefix("exit-code=")
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            };
            if screen.lines().any(printed) {
                break screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "SIG{signal}: the app did not end:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        assert!(
            !screen.contains("1 / 3") && !screen.contains("Learn more"),
            "SIG{signal}: the app's screen is still shown:\n{screen}"
        );
        assert!(screen.contains("exit-code=0"), "SIG{signal}:\n{screen}");
        // The terminal is back in cooked mode: a typed command echoes and runs.
        t.run(&["send-keys", "-t", "app", "echo still-$((40+2))", "Enter"]);
        t.wait_for("still-42");
        let out = Command::new(bin())
            .args(["stats", "--json", "--data-dir"])
            .arg(&data)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            v["dashboard"]["attempts"], 1,
            "SIG{signal}: the answer given is kept"
        );
    }
}

#[test]
fn closing_the_terminal_ends_the_app_instead_of_leaving_it_spinning() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(t) = Tmux::start(&app_cmd(&data, ""), 100, 30) else {
        return;
    };
    t.wait_for("Study due");
    let pid = app_pid(&data).expect("the app's pid");
    // Kill the whole tmux server: the app's terminal hangs up.
    drop(t);
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.contains(") Z ") {
            break; // exited, not yet reaped
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the app is still running 5 s after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn an_exam_cut_off_by_kill_9_resumes_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(t) = Tmux::start(
        &app_cmd(&data, "exam --count 3 --minutes 5 --seed 3"),
        120,
        40,
    ) else {
        return;
    };
    t.wait_for("1 / 3");
    // Mark the first question and move to the second, then the process dies without warning.
    t.keys(&["f", "]"]);
    t.wait_for("2 / 3");
    let pid = app_pid(&data).expect("the app's pid");
    let killed = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    drop(t);

    let Some(t) = Tmux::start(&app_cmd(&data, ""), 120, 40) else {
        return;
    };
    t.wait_for("unfinished");
    t.keys(&["3"]);
    t.wait_for("Resume your unfinished exam?");
    t.keys(&["y"]);
    let screen = t.wait_for("Exam resumed");
    assert!(screen.contains("2 / 3"), "{screen}");
    t.keys(&["r"]);
    let list = t.wait_for("1 marked");
    assert!(list.contains("0 answered · 3 unanswered"), "{list}");
    t.keys(&["q"]);
    t.wait_for("Quit the exam?");
    t.keys(&["y"]);
    t.wait_exit();
}

#[test]
fn a_key_remapped_in_keys_json_works_and_the_help_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("az900")).unwrap();
    std::fs::write(config.join("az900").join("keys.json"), r#"{"flag": "m"}"#).unwrap();
    let cmd = format!(
        "env XDG_CONFIG_HOME={} {}",
        config.display(),
        app_cmd(&data, "exam --count 3 --seed 3")
    );
    let Some(t) = Tmux::start(&cmd, 120, 40) else {
        return;
    };
    t.wait_for("1 / 3");
    // f no longer flags; m does.
    t.keys(&["f", "r"]);
    t.wait_for("0 marked");
    t.keys(&["Escape"]);
    t.wait_for("1 / 3");
    t.keys(&["m", "r"]);
    t.wait_for("1 marked");
    t.keys(&["Escape", "?"]);
    let help = t.wait_for("mark the question for review");
    let row = help
        .lines()
        .flat_map(|l| l.split('│'))
        .find(|cell| cell.contains("mark the question for review"))
        .unwrap();
    assert!(
        row.trim_start().starts_with("m "),
        "the help names m: {row:?}"
    );
    t.keys(&["?", "q"]);
    t.wait_for("Quit the exam?");
    t.keys(&["y"]);
    t.wait_exit();
}
