//! Issue 16, through the real binary: output to a closed pipe, hostile file names, packs that
//! are not regular files, and the smaller edges (backup restore of a non-file, `history --limit
//! 0`, a data folder open to everyone, line separators in `--plain` text).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn az900(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_az900"));
    cmd.env_remove("AZ900_DATA_DIR")
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(data)
        .stdin(Stdio::null());
    cmd
}

fn run(data: &Path, args: &[&str]) -> Output {
    az900(data).args(args).output().unwrap()
}

/// A data folder with one answered `--plain` session (so there is history to print).
fn with_history(root: &Path) -> PathBuf {
    let data = root.join("data");
    let mut child = az900(&data)
        .args(["--plain", "practice", "--count", "2", "--seed", "5"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(b"1\n\n1 2\n\n1\n\nq\n");
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    data
}

/// Issue 16: `az900 stats --json | head -c 300` panicked ("failed printing to stdout: Broken
/// pipe"). Every command that prints, with its stdout a pipe nobody reads, exits 141 (as a
/// program ended by SIGPIPE does) and says nothing.
#[test]
fn every_printing_command_exits_quietly_on_a_closed_pipe() {
    let root = tempfile::tempdir().unwrap();
    let data = with_history(root.path());
    let commands: &[&[&str]] = &[
        &["paths"],
        &["completions", "bash"],
        &["bank", "list"],
        &["bank", "list", "--json"],
        &["bank", "validate"],
        &["bank", "coverage"],
        &["bank", "coverage", "--json"],
        &["bank", "export", "--format", "json"],
        &["bank", "export", "--format", "csv"],
        &["bank", "export", "--format", "anki"],
        &["stats"],
        &["stats", "--json"],
        &["history"],
        &["history", "--json"],
        &["reports"],
        &["reports", "--json"],
        &["backup", "list"],
        &["plan", "--exam-date", &in_a_month()],
        &["plan"],
        &["--plain", "practice", "--count", "1"],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = az900(&data)
            .args(*args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(141),
            "az900 {args:?}: {:?}; stderr: {stderr}",
            out.status
        );
        assert!(stderr.is_empty(), "az900 {args:?} said: {stderr}");
    }
    println!(
        "{} commands exit 141 quietly on a closed pipe",
        commands.len()
    );
}

/// The file name of issue 16: sets the terminal title and clears the screen when printed raw.
const HOSTILE: &str = "x\u{1b}]0;pwned\u{7}\u{1b}[2Jy";

fn assert_no_escape(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{what}: raw control characters reach the terminal: {text:?}"
    );
}

/// Issue 16: a pack whose file NAME holds escape sequences set the terminal title and cleared
/// the screen when its error was printed. Every path printed (errors, `paths`, backups) goes
/// through the sanitizer.
#[test]
fn hostile_file_names_are_printed_without_their_escape_sequences() {
    let root = tempfile::tempdir().unwrap();
    let pack = root.path().join(format!("{HOSTILE}.json"));
    std::fs::write(&pack, "{}").unwrap();
    let data = root.path().join(format!("data-{HOSTILE}"));
    let pack_arg = pack.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["--bank", pack_arg, "stats"],
        &["--bank", pack_arg, "bank", "list"],
        &["bank", "validate", pack_arg],
        &["--bank", pack_arg, "--plain", "practice"],
    ];
    for args in cases {
        let out = run(&data, args);
        assert_eq!(out.status.code(), Some(1), "az900 {args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("xy.json"),
            "the file is still named: {stderr}"
        );
        assert_no_escape(&format!("az900 {args:?}"), &out.stderr);
    }
    // A data folder with such a name: `paths`, and `backup list` of its backups.
    for args in [&["paths"][..], &["backup", "list"]] {
        let out = run(&data, args);
        assert!(out.status.success(), "az900 {args:?}: {out:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("data-xy"));
        assert_no_escape(&format!("az900 {args:?}"), &out.stdout);
    }
    let data = with_history(&root.path().join(HOSTILE));
    let out = run(&data, &["backup", "list"]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("az900-"));
    assert_no_escape("backup list", &out.stdout);
    println!("{} commands print hostile names cleanly", cases.len() + 3);
}

/// `output()` with a deadline: a command that blocks is killed and the test fails.
fn output_within(mut cmd: Command, seconds: u64) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(seconds) {
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            panic!("still running after {seconds} s (killed): {out:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Issue 16: a FIFO given as a pack (or a FIFO named `*.json` in a packs folder) blocked in
/// `open()` for ever; `/dev/zero` was "0.0 MiB; a pack may be at most 8 MiB"; a symlink loop
/// was "no such file or directory". Each is refused at once with what it is.
#[cfg(unix)]
#[test]
fn packs_that_are_not_regular_files_are_refused_at_once() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let fifo = root.path().join("pipe.json");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let folder = root.path().join("packs");
    std::fs::create_dir(&folder).unwrap();
    let status = Command::new("mkfifo")
        .arg(folder.join("fifo.json"))
        .status()
        .unwrap();
    assert!(status.success());
    let looped = root.path().join("loop.json");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    let cases: &[(&Path, &str)] = &[
        (&fifo, "not a regular file (a FIFO)"),
        (&folder, "not a regular file (a FIFO)"),
        (
            Path::new("/dev/zero"),
            "not a regular file (a character device)",
        ),
        (&looped, "too many levels of symbolic links"),
    ];
    let mut runs = 0;
    for (pack, want) in cases {
        let pack_arg = pack.to_str().unwrap();
        for args in [
            &["--bank", pack_arg, "stats"][..],
            &["--bank", pack_arg, "--plain", "practice"],
            &["bank", "validate", pack_arg],
        ] {
            let mut cmd = az900(&data);
            cmd.args(args);
            let out = output_within(cmd, 20);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "az900 {args:?}: {stderr}");
            assert!(
                stderr.contains(want),
                "az900 {args:?}: want {want:?} in {stderr}"
            );
            assert!(!stderr.contains("MiB"), "{stderr}");
            runs += 1;
        }
    }
    println!("{} non-regular packs refused in {runs} runs", cases.len());
}

/// A study over a real database file in `dir`, on a session of 400 single-answer questions
/// (so "1" answers each), with the store then capped at its size as a full disk would be.
fn full_disk_study(dir: &Path) -> (az900::study::Study, az900::engine::Session, PathBuf) {
    use az900::bank::question::Kind;
    let db = dir.join("data").join("progress.sqlite3");
    let store = az900::store::Store::open(&db).unwrap();
    let bank = az900::bank::Bank::load(&[]).unwrap();
    let ids: Vec<String> = bank
        .questions()
        .iter()
        .filter(|q| q.kind() == Kind::Single)
        .take(400)
        .map(|q| q.id.clone())
        .collect();
    let clock = az900::clock::FixedClock::new(1_796_000_000_000);
    let mut study = az900::study::Study::new(bank, store, Box::new(clock)).unwrap();
    let session = study
        .start_ids(az900::engine::Mode::Practice, ids, &Default::default())
        .unwrap();
    study.store.simulate_full_disk(0).unwrap();
    (study, session, db)
}

fn attempts_in(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM attempts", [], |r| r.get(0))
        .unwrap()
}

/// Issue 16: when the disk filled during a session, each answer printed "! progress database:
/// database or disk is full" and the session went on as if answered, ending "answered 3 of 3",
/// exit 0, with 1 saved. Now the first answer that is not saved stops the session: no
/// `saved:` line and no summary for it, an error naming the folder (the exit status).
#[test]
fn a_full_disk_stops_a_plain_session_without_counting_the_unsaved_answer() {
    let root = tempfile::tempdir().unwrap();
    let (mut study, session, db) = full_disk_study(root.path());
    let input = "1\n\n".repeat(400);
    let mut out = Vec::new();
    let result = az900::plain::run(&mut study, session, input.as_bytes(), &mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let err = result.expect_err("the session must end with an error");
    let message = az900::commands::error_message(&err);
    let folder = db.parent().unwrap().display().to_string();
    assert!(
        message.contains("not saved") && message.contains("full") && message.contains(&folder),
        "{message}"
    );
    assert!(message.contains("the session stops here"), "{message}");
    drop(study);
    let saved = text.lines().filter(|l| l.contains("saved: ")).count();
    assert!(saved < 400, "the cap never bit: {saved} saved");
    assert_eq!(
        attempts_in(&db),
        saved as i64,
        "every `saved:` line is a stored answer, and only those"
    );
    assert!(
        !text.contains("answered"),
        "no summary counts the unsaved answer: {text}"
    );
    println!("full disk: {saved} answers saved, then the session stopped: {message}");
}

/// Issue 16, the smaller ones: `backup restore DIR` and `backup restore /dev/zero` said "no
/// such file"; `history --limit 0` on a history said "No sessions yet"; a data folder open to
/// everyone (0777) was used without a word.
#[test]
fn the_smaller_edges_say_what_is_wrong() {
    let root = tempfile::tempdir().unwrap();
    let data = with_history(root.path());
    for (file, want) in [
        (root.path().to_str().unwrap(), "a folder, not a backup file"),
        ("/dev/zero", "not a regular file"),
    ] {
        let out = run(&data, &["backup", "restore", file]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(want) && !stderr.contains("no such file"),
            "{stderr}"
        );
    }
    let out = run(&data, &["history", "--limit", "0"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "a usage error: {stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("No sessions yet"));
    let out = run(&data, &["history", "--limit", "1"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let out = run(&data, &["stats"]);
        assert!(out.stderr.is_empty(), "{out:?}");
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o777)).unwrap();
        let out = run(&data, &["stats"]);
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("can be written by other users (mode 0777)")
                && stderr.contains(&data.display().to_string()),
            "{stderr}"
        );
    }
}

/// Issue 16: U+2028 and U+2029 in pack text reached `--plain` output unchanged (the TUI
/// dropped them); they are line breaks now in both.
#[test]
fn line_separators_in_pack_text_do_not_reach_plain_output() {
    let root = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/valid.json");
    let original = std::fs::read_to_string(fixture).unwrap();
    let text = original.replace(
        "Who patches the guest OS",
        "Who patches\u{2028}the guest\u{2029}OS",
    );
    assert_ne!(text, original);
    let pack = root.path().join("sep.json");
    std::fs::write(&pack, text).unwrap();
    let bank = az900::bank::Bank::load(&[pack]).unwrap();
    let store = az900::store::Store::open_in_memory().unwrap();
    let clock = az900::clock::FixedClock::new(1_796_000_000_000);
    let mut study = az900::study::Study::new(bank, store, Box::new(clock)).unwrap();
    let session = study
        .start_ids(
            az900::engine::Mode::Practice,
            vec!["fx-single".into()],
            &Default::default(),
        )
        .unwrap();
    let mut out = Vec::new();
    az900::plain::run(&mut study, session, "q\n".as_bytes(), &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Who patches\nthe guest\nOS"), "{out}");
    assert!(
        !out.contains('\u{2028}') && !out.contains('\u{2029}'),
        "{out}"
    );
}

/// Whether this process runs as root (permissions do not stop root, so the read-only test runs
/// the binary as `nobody` through `setpriv` then).
#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::tempdir().unwrap();
    std::fs::metadata(probe.path()).unwrap().uid() == 0
}

/// Issue 16: a read-only database file or folder gave "attempt to write a readonly database:
/// Error code 8" with no path and no way out, even for `stats` and `history`, and left new
/// `-wal`/`-shm` files beside it. Now the read-only commands read it; the others name the file
/// and say what to do; the folder is left as it was.
#[cfg(unix)]
#[test]
#[allow(clippy::too_many_lines)] // one read-only database taken through every command
fn a_read_only_database_is_read_by_read_only_commands_and_named_by_the_others() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let source = with_history(root.path());
    // As root, run as `nobody` on a copy it owns, through a copy of the binary it can reach.
    let as_nobody = is_root();
    if as_nobody && Command::new("setpriv").arg("--version").output().is_err() {
        println!("running as root without setpriv: skipped");
        return;
    }
    let top = root.path().join("ro");
    std::fs::create_dir(&top).unwrap();
    let bin = top.join("az900");
    std::fs::copy(env!("CARGO_BIN_EXE_az900"), &bin).unwrap();
    let data = top.join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::copy(
        source.join("progress.sqlite3"),
        data.join("progress.sqlite3"),
    )
    .unwrap();
    for p in [root.path(), &top] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    if as_nobody {
        let status = Command::new("chown")
            .args(["-R", "65534:65534"])
            .arg(&data)
            .status()
            .unwrap();
        assert!(status.success());
    }
    let db = data.join("progress.sqlite3");
    let run_as = |args: &[&str]| -> Output {
        let mut cmd = if as_nobody {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin);
            c
        } else {
            Command::new(&bin)
        };
        cmd.env_remove("AZ900_DATA_DIR")
            .env("NO_COLOR", "1")
            .env("HOME", &top)
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let mut runs = 0;
    for (case, file_mode, dir_mode) in [
        ("read-only file", 0o400, 0o700),
        ("read-only folder", 0o600, 0o500),
    ] {
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(file_mode)).unwrap();
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(dir_mode)).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(&data)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        for args in [
            &["stats"][..],
            &["stats", "--json"],
            &["history"],
            &["reports"],
            &["plan"],
        ] {
            let out = run_as(args);
            assert!(out.status.success(), "{case}: az900 {args:?}: {out:?}");
            assert!(
                !out.stdout.is_empty(),
                "{case}: az900 {args:?} printed nothing"
            );
            runs += 1;
        }
        for args in [
            &["--plain", "practice"][..],
            &["plan", "--exam-date", &in_a_month()],
        ] {
            let out = run_as(args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{case}: az900 {args:?}: {stderr}"
            );
            assert!(
                stderr.contains(&db.display().to_string())
                    && stderr.contains("cannot be written")
                    && stderr.contains("--data-dir"),
                "{case}: az900 {args:?}: {stderr}"
            );
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            runs += 1;
        }
        let mut after: Vec<_> = std::fs::read_dir(&data)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        after.sort();
        assert_eq!(after, names, "{case}: no -wal or -shm is left");
    }
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).unwrap();
    println!("read-only database: {runs} runs (as nobody: {as_nobody})");
}

/// A date a month from now, `YYYY-MM-DD` (an exam date `plan` accepts whenever the tests run).
fn in_a_month() -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(30)).to_string()
}
