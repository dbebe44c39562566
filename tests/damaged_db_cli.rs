//! A progress database the app cannot use, met through the real binary: a truncated file,
//! random bytes, another application's SQLite database, a schema from a newer az900, and a
//! directory where the file should be. Each command that opens the store (`stats`, `history`,
//! a `--plain` session) exits with code 1 and one line naming the file and the way out
//! (restore a backup, or move the file aside), and leaves the file's bytes as they were.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn az900(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_az900"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn db_path(data: &Path) -> PathBuf {
    data.join("progress.sqlite3")
}

/// A real az900 database with some answers in it, made by the binary itself.
fn real_database(data: &Path) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_az900"))
        .args(["--plain", "practice", "--count", "3", "--seed", "5"])
        .arg("--data-dir")
        .arg(data)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            // Whatever the shape, "1" answers a single question; anything else is retried
            // and the session is simply ended by end of input.
            let _ = stdin.write_all(b"1\n\n1\n\n1\n\n");
            drop(stdin);
            child.wait_with_output()
        })
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Fold the WAL into the main file so the file alone is the database.
    let conn = rusqlite::Connection::open(db_path(data)).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM sessions", [], |r| r.get(0))
        .unwrap();
    assert!(n >= 1, "the session was not recorded");
    drop(conn);
    std::fs::read(db_path(data)).unwrap()
}

/// Every file under `dir` with its bytes (the damaged file and anything beside it).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

/// File names and sizes, for messages.
fn listing(files: &[(PathBuf, Vec<u8>)]) -> String {
    let names: Vec<String> = files
        .iter()
        .map(|(p, b)| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            format!("{name} ({} bytes)", b.len())
        })
        .collect();
    format!("[{}]", names.join(", "))
}

/// Runs every store-opening command on `data` and checks the refusal.
fn assert_refused(case: &str, data: &Path, detail: &str) -> usize {
    let db = db_path(data);
    let before = std::fs::read(&db).unwrap();
    let files_before = snapshot(data);
    let commands: &[&[&str]] = &[
        &["stats"],
        &["stats", "--json"],
        &["history"],
        &["--plain", "practice"],
    ];
    for args in commands {
        let out = az900(data, args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{case}: az900 {args:?} exited {:?}; stderr: {stderr}",
            out.status
        );
        assert!(
            out.stdout.is_empty(),
            "{case}: az900 {args:?} printed {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            stderr.matches('\n').count(),
            1,
            "{case}: az900 {args:?}: not one line: {stderr:?}"
        );
        assert!(stderr.starts_with("az900: "), "{case}: {stderr}");
        assert!(
            stderr.contains(&db.display().to_string()),
            "{case}: the file is not named: {stderr}"
        );
        assert!(
            stderr.contains("restore a backup with `az900 backup restore`")
                && stderr.contains("move the file aside"),
            "{case}: no way out: {stderr}"
        );
        assert!(
            stderr.contains(detail),
            "{case}: want {detail:?} in {stderr}"
        );
        assert!(
            std::fs::read(&db).unwrap() == before,
            "{case}: az900 {args:?} changed the file's bytes"
        );
        let files_after = snapshot(data);
        assert!(
            files_after == files_before,
            "{case}: az900 {args:?} changed the data directory: {} -> {}",
            listing(&files_before),
            listing(&files_after)
        );
    }
    println!(
        "{case}: refused by {} commands, file unchanged",
        commands.len()
    );
    commands.len()
}

#[test]
fn a_database_the_app_cannot_use_is_refused_and_left_untouched() {
    let root = tempfile::tempdir().unwrap();
    let original = real_database(&root.path().join("source"));
    let page = usize::from(u16::from_be_bytes([original[16], original[17]]));
    assert!(original.len() >= 4 * page, "{} bytes", original.len());
    let mut rng = ChaCha8Rng::seed_from_u64(900);
    let mut runs = 0;
    let mut cases = 0;

    let setup = |name: &str, bytes: &[u8]| -> PathBuf {
        let data = root.path().join(name);
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(db_path(&data), bytes).unwrap();
        data
    };

    // Truncated: inside the header, mid-page, and at a page boundary (schema pages missing).
    for (name, len, detail) in [
        ("truncated-header", 60, "damaged (truncated: only 60 bytes)"),
        ("truncated-mid-page", page + 1000, "damaged (truncated"),
        ("truncated-one-page", page, "damaged"),
        ("truncated-two-pages", 2 * page, "damaged"),
    ] {
        cases += 1;
        let data = setup(name, &original[..len]);
        runs += assert_refused(name, &data, detail);
    }

    // Random bytes, and random bytes after a valid SQLite header.
    cases += 1;
    let noise: Vec<u8> = (0..16 * 1024).map(|_| rng.random()).collect();
    let data = setup("random-bytes", &noise);
    runs += assert_refused("random bytes", &data, "not an SQLite file");
    cases += 1;
    let mut bad_body = original[..100].to_vec();
    bad_body.extend((100..original.len()).map(|_| rng.random::<u8>()));
    let data = setup("random-body", &bad_body);
    runs += assert_refused("random pages", &data, "damaged");

    // Another application's SQLite database, with and without an application id.
    for (name, app_id) in [("foreign-plain", 0), ("foreign-app-id", 0x4d50_3346)] {
        cases += 1;
        let data = root.path().join(name);
        std::fs::create_dir_all(&data).unwrap();
        let conn = rusqlite::Connection::open(db_path(&data)).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {app_id};
             CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
             INSERT INTO notes (body) VALUES ('not yours');"
        ))
        .unwrap();
        drop(conn);
        runs += assert_refused(
            name,
            &data,
            &format!("belongs to another application (application_id {app_id:#010x})"),
        );
    }

    // A schema from a newer az900.
    cases += 1;
    let data = setup("too-new", &original);
    let conn = rusqlite::Connection::open(db_path(&data)).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    drop(conn);
    runs += assert_refused(
        "newer schema",
        &data,
        &format!(
            "written by a newer az900 (schema version 999; this build knows up to {}); \
             update az900",
            az900::store::SCHEMA_VERSION
        ),
    );

    println!("damaged databases: {cases} cases, {runs} refusing runs of the binary");
    assert_eq!(cases, 9);
}

#[test]
fn a_directory_in_place_of_the_database_is_named() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    std::fs::create_dir_all(db_path(&data)).unwrap();
    let out = az900(&data, &["stats"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches('\n').count(), 1, "{stderr:?}");
    assert!(
        stderr.contains(&db_path(&data).display().to_string()),
        "{stderr}"
    );
    assert!(db_path(&data).is_dir(), "the directory was replaced");
    println!("directory in place of the database: refused by 1 command");
}

/// `--data-dir` naming a file said "File exists (os error 17)".
#[test]
fn a_data_dir_that_is_a_file_is_named_as_no_folder() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("afile");
    std::fs::write(&file, "notes").unwrap();
    for args in [
        &["--plain", "practice"][..],
        &["plan", "--exam-date", &in_a_month()],
    ] {
        let out = az900(&file, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(&file.display().to_string()) && stderr.contains("not a folder"),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "notes");
}

#[test]
fn an_empty_file_becomes_a_fresh_database() {
    // The one file `open` may take over: zero bytes (e.g. made by `touch`).
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(db_path(&data), b"").unwrap();
    let out = az900(&data, &["stats", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["dashboard"]["attempts"], 0);
    assert!(std::fs::metadata(db_path(&data)).unwrap().len() > 0);
}

/// A newer az900's database left in WAL mode with its last change still in the `-wal` beside it
/// (as after that az900 crashed): copied while the writer is open. Returns the data dir.
fn too_new_with_a_wal(root: &Path) -> PathBuf {
    let writer_dir = root.join("writer");
    real_database(&writer_dir);
    let conn = rusqlite::Connection::open(db_path(&writer_dir)).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    conn.pragma_update(None, "user_version", 999).unwrap();
    let data = root.join("too-new-wal");
    std::fs::create_dir_all(&data).unwrap();
    for suffix in ["", "-wal"] {
        let name = format!("progress.sqlite3{suffix}");
        std::fs::copy(writer_dir.join(&name), data.join(&name)).unwrap();
    }
    drop(conn);
    data
}

fn user_version_and_sessions(db: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let v = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let n = conn
        .query_row("SELECT COUNT(*) FROM sessions", [], |r| r.get(0))
        .unwrap();
    (v, n)
}

#[test]
fn a_newer_database_with_a_wal_is_refused_and_keeps_its_content() {
    let root = tempfile::tempdir().unwrap();
    let data = too_new_with_a_wal(root.path());
    let mut copy = root.path().join("copy");
    std::fs::create_dir_all(&copy).unwrap();
    for suffix in ["", "-wal"] {
        let name = format!("progress.sqlite3{suffix}");
        std::fs::copy(data.join(&name), copy.join(&name)).unwrap();
    }
    copy = db_path(&copy);
    let expected = user_version_and_sessions(&copy);
    assert_eq!(expected.0, 999);
    for args in [&["stats"][..], &["--plain", "practice"]] {
        let out = az900(&data, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("schema version 999"), "{stderr}");
        assert_eq!(stderr.matches('\n').count(), 1, "{stderr:?}");
    }
    assert_eq!(user_version_and_sessions(&db_path(&data)), expected);
    println!("newer schema with a WAL: refused by 2 commands, content kept");
}

/// SQLite checkpoints a `-wal` left beside a file into it when the last connection closes, so
/// refusing a file could still change its bytes (for a damaged file, the very file the learner
/// may want to recover). The inspecting connection sets `SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`
/// until the file is accepted.
#[test]
fn a_refused_database_with_a_wal_is_left_byte_for_byte() {
    let root = tempfile::tempdir().unwrap();
    let data = too_new_with_a_wal(root.path());
    let before = snapshot(&data);
    let out = az900(&data, &["stats"]);
    assert_eq!(out.status.code(), Some(1));
    let after = snapshot(&data);
    assert!(
        after == before,
        "the refused file or its -wal changed: {} -> {}",
        listing(&before),
        listing(&after)
    );
}

/// Today's backup file name (the UTC date).
fn todays_backup(data: &Path) -> PathBuf {
    let today = chrono::Utc::now().date_naive();
    data.join("backups")
        .join(format!("az900-{}.db", today.format("%Y-%m-%d")))
}

#[test]
fn read_only_commands_make_no_backup_and_a_session_makes_the_days_one() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    for args in [&["stats"][..], &["stats", "--json"], &["history"]] {
        let out = az900(&data, args);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(!data.join("backups").exists(), "{args:?} made a backup");
        // Nothing to read makes nothing: a mistyped --data-dir is not created.
        assert!(!data.exists(), "{args:?} made the data folder");
    }
    real_database(&data);
    let backup = todays_backup(&data);
    assert!(backup.is_file(), "a --plain session makes today's backup");
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn a_session_refuses_a_database_whose_pages_fail_the_daily_check() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    real_database(&data);
    // Enough answers that the attempts table spans many pages, then no backup for today.
    let conn = rusqlite::Connection::open(db_path(&data)).unwrap();
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
         INSERT INTO attempts (session_id, question, concept, topic, kind, response, points,
                               max, correct, time_ms, marked, guess, answered_at, day)
         SELECT (SELECT min(id) FROM sessions), 100000 + i, 1, 1, 1,
                '{\"filler\":' || i || '}', 0, 1, 0, 1000, 0, 0, 0, 0 FROM n;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    drop(conn);
    std::fs::remove_dir_all(data.join("backups")).unwrap();
    let mut bytes = std::fs::read(db_path(&data)).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let pages = bytes.len() / page;
    assert!(pages >= 40, "{pages} pages");
    // The newest pages hold the filler rows: the header, schema and start-up reads are intact.
    for b in bytes.iter_mut().skip((pages - pages / 4) * page) {
        *b = 0xA5;
    }
    std::fs::write(db_path(&data), &bytes).unwrap();

    let out = az900(&data, &["--plain", "practice"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches('\n').count(), 1, "one line: {stderr:?}");
    assert!(
        stderr.contains(&db_path(&data).display().to_string())
            && stderr.contains("damaged")
            && stderr.contains("az900 backup restore"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "no question was asked");
    assert!(
        std::fs::read(db_path(&data)).unwrap() == bytes,
        "the file is only read"
    );
    let left: Vec<_> = std::fs::read_dir(data.join("backups"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "no backup and no temporary copy: {left:?}");
}

/// A history whose last answers are still in its `-wal` (with the `-shm` index beside it), as
/// after a session was killed, then its main file damaged: pages 3 to 202 overwritten with
/// random bytes, or the file cut to a whole number of pages. Returns the data dir.
fn damaged_with_a_wal(root: &Path, name: &str, damage: &dyn Fn(&mut Vec<u8>, usize)) -> PathBuf {
    let writer_dir = root.join(format!("{name}-writer"));
    real_database(&writer_dir);
    let db = db_path(&writer_dir);
    let conn = rusqlite::Connection::open(&db).unwrap();
    // Enough attempts that the file has more than 202 pages, all of them in the main file.
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
         INSERT INTO attempts (session_id, question, concept, topic, kind, response, points,
                               max, correct, time_ms, marked, guess, answered_at, day)
         SELECT (SELECT min(id) FROM sessions), 1000000 + i, 1, 1, 1,
                'filler ' || i, 0, 1, 0, 1000, 0, 0, 0, 0 FROM n;
         PRAGMA wal_checkpoint(TRUNCATE);
         PRAGMA wal_autocheckpoint = 0;",
    )
    .unwrap();
    // The "killed session": changes that only the -wal holds.
    conn.execute_batch("UPDATE attempts SET time_ms = time_ms + 1;")
        .unwrap();
    let data = root.join(name);
    std::fs::create_dir_all(&data).unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("progress.sqlite3{suffix}");
        std::fs::copy(writer_dir.join(&file), data.join(&file)).unwrap();
    }
    drop(conn);
    let wal = std::fs::metadata(data.join("progress.sqlite3-wal"))
        .unwrap()
        .len();
    assert!(wal > 100_000, "the -wal holds the changes: {wal} bytes");
    let mut bytes = std::fs::read(db_path(&data)).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    assert!(bytes.len() / page > 202, "{} pages", bytes.len() / page);
    damage(&mut bytes, page);
    std::fs::write(db_path(&data), &bytes).unwrap();
    data
}

/// Issue 16: `stats` on a damaged main file with a `-wal` folded the `-wal` into it and deleted
/// the `-wal` and `-shm`; with the truncated file the message lost its path and the way out.
/// Every command that opens the store refuses it and leaves every file as it was, and the way
/// out (`backup list`, `backup restore`) works on it.
#[test]
fn a_damaged_database_with_a_wal_is_left_byte_for_byte() {
    let root = tempfile::tempdir().unwrap();
    let random = damaged_with_a_wal(root.path(), "random-pages", &|bytes, page| {
        let mut rng = ChaCha8Rng::seed_from_u64(16);
        for b in &mut bytes[2 * page..202 * page] {
            *b = rng.random();
        }
    });
    let cut = damaged_with_a_wal(root.path(), "cut", &|b: &mut Vec<u8>, p| {
        b.truncate((b.len() / p / 2) * p)
    });
    for (case, data) in [
        ("random pages 3-202", &random),
        ("cut to half its pages", &cut),
    ] {
        let runs = assert_refused(case, data, "damaged");
        let before = snapshot(data);
        let out = az900(data, &["backup", "list"]);
        assert_eq!(out.status.code(), Some(0), "{case}: {out:?}");
        assert!(
            snapshot(data) == before,
            "{case}: backup list changed the folder"
        );
        println!("{case}: refused by {runs} commands, every file byte for byte");
    }
    // The way out works on the damaged file: restore the day's backup over it.
    let backup = todays_backup(&root.path().join("random-pages-writer"));
    let out = az900(&random, &["backup", "restore", backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = az900(&random, &["stats", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let kept = std::fs::read_dir(&random)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().contains("before-restore")
        })
        .count();
    assert!(
        kept >= 2,
        "the damaged file and its -wal are kept aside: {kept}"
    );
}

/// 3,000 filler answers added to the database in `data`, all in its main file: its bytes, page
/// size and page count.
fn with_filler_answers(data: &Path) -> (Vec<u8>, usize, usize) {
    let conn = rusqlite::Connection::open(db_path(data)).unwrap();
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
         INSERT INTO attempts (session_id, question, concept, topic, kind, response, points,
                               max, correct, time_ms, marked, guess, answered_at, day)
         SELECT (SELECT min(id) FROM sessions), 1000000 + i, 1, 1, 1,
                'filler ' || i, 0, 1, 0, 1000, 0, 0, 0, 0 FROM n;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    drop(conn);
    let bytes = std::fs::read(db_path(data)).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let pages = bytes.len() / page;
    (bytes, page, pages)
}

/// Damage that the start-up open does not read (it checks the header and the schema, not every
/// page) but `history` meets: the error still names the file, says "damaged" and
/// gives the way out (it was "progress database: database disk image is malformed: Error code
/// 11"), and the folder is left as it was.
#[test]
fn damage_met_after_the_open_is_named_with_the_way_out() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    real_database(&data);
    let (mut bytes, page, pages) = with_filler_answers(&data);
    for b in bytes.iter_mut().skip((pages - pages / 4) * page) {
        *b = 0xA5;
    }
    std::fs::write(db_path(&data), &bytes).unwrap();
    let before = snapshot(&data);
    for args in [&["history"][..], &["history", "--json"]] {
        let out = az900(&data, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "az900 {args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(&db_path(&data).display().to_string())
                && stderr.contains("damaged")
                && stderr.contains("restore a backup with `az900 backup restore`"),
            "az900 {args:?}: {stderr}"
        );
        assert!(
            snapshot(&data) == before,
            "az900 {args:?} changed the folder"
        );
    }
}

/// A main file emptied (or gone) with its `-wal` still holding answers, as after a sync tool or
/// a careless copy: an empty file used to pass as a new database, and setting it up deleted
/// the `-wal`. Now it is refused as damaged, and every file is left as it was.
#[test]
fn an_empty_database_beside_a_wal_with_answers_is_refused_and_left_alone() {
    let root = tempfile::tempdir().unwrap();
    let empty = damaged_with_a_wal(root.path(), "emptied", &|b: &mut Vec<u8>, _| b.clear());
    let runs = assert_refused("emptied main file", &empty, "-wal beside it holds");
    let gone = damaged_with_a_wal(root.path(), "gone", &|_: &mut Vec<u8>, _| {});
    std::fs::remove_file(db_path(&gone)).unwrap();
    let before = snapshot(&gone);
    for args in [&["stats"][..], &["--plain", "practice"]] {
        let out = az900(&gone, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("-wal beside it holds"), "{stderr}");
    }
    assert!(snapshot(&gone) == before, "{}", listing(&before));
    println!("a -wal without its file: refused by {runs} + 2 commands, every file kept");
}

/// A named pipe where the database should be blocked the open for ever.
#[cfg(unix)]
#[test]
fn a_database_path_that_is_not_a_regular_file_is_refused_at_once() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let made = Command::new("mkfifo")
        .arg(db_path(&data))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        println!("skipped: no mkfifo here");
        return;
    }
    for args in [&["stats"][..], &["--plain", "practice"], &["history"]] {
        let out = az900(&data, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
}

/// A restore under a running az900 moved the database aside while that instance kept writing
/// its answers to the moved file. With a session open (a `--plain` practice waiting for its
/// first answer), restore refuses and changes nothing; once it has ended, the same restore
/// works.
#[test]
fn restore_refuses_while_another_az900_has_the_database_open() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    real_database(&data);
    let backup = todays_backup(&data);
    assert!(backup.is_file());
    let mut session = Command::new(env!("CARGO_BIN_EXE_az900"))
        .args(["--plain", "practice", "--count", "1", "--seed", "3"])
        .arg("--data-dir")
        .arg(&data)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the question: the session has opened the store by then.
    let mut stdout = std::io::BufReader::new(session.stdout.take().unwrap());
    let mut line = String::new();
    while std::io::BufRead::read_line(&mut stdout, &mut line).unwrap() > 0
        && !line.contains("Question 1")
    {
        line.clear();
    }
    let before = snapshot(&data);
    let out = az900(&data, &["backup", "restore", backup.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("another az900 has this progress database open"),
        "{stderr}"
    );
    assert!(snapshot(&data) == before, "{}", listing(&before));
    drop(session.stdin.take());
    session.wait().unwrap();
    let out = az900(&data, &["backup", "restore", backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

/// Damage after the day's backup was made (and checked) went unseen by a command that writes
/// outside the damaged pages: `plan` wrote its setting into a damaged file, a session wrote
/// before it failed. A file of an ordinary size is now checked whole before any write, and
/// refused with every file left as it was.
#[test]
fn damage_after_the_days_backup_is_refused_before_any_write() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    real_database(&data);
    assert!(todays_backup(&data).is_file(), "the day's backup is made");
    let (mut bytes, page, pages) = with_filler_answers(&data);
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    for b in &mut bytes[(pages - 2) * page..(pages - 1) * page] {
        *b = rng.random();
    }
    std::fs::write(db_path(&data), &bytes).unwrap();
    let before = snapshot(&data);
    for args in [
        &["plan", "--exam-date", &in_a_month()][..],
        &["--plain", "practice", "--count", "1"],
    ] {
        let out = az900(&data, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "az900 {args:?}: {stderr}");
        assert!(
            stderr.contains("damaged") && stderr.contains("az900 backup restore"),
            "az900 {args:?}: {stderr}"
        );
        assert!(
            snapshot(&data) == before,
            "az900 {args:?} changed the folder"
        );
    }
}

/// A date a month from now, `YYYY-MM-DD` (an exam date `plan` accepts whenever the tests run).
fn in_a_month() -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(30)).to_string()
}

/// A database missing one of its tables gave "progress database: no such table: attempts" (no
/// file, no way out), and `backup restore` took such a file as a backup. Now it is refused as
/// damaged, named, with the way out, and left as it was; as a backup it is refused without
/// pointing back at `backup restore`.
#[test]
fn a_database_missing_a_table_is_damaged_and_no_backup() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    real_database(&data);
    let conn = rusqlite::Connection::open(db_path(&data)).unwrap();
    conn.execute_batch("DROP TABLE attempts; PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    drop(conn);
    let runs = assert_refused("no attempts table", &data, "attempts table is missing");
    let copy = root.path().join("copy.db");
    std::fs::copy(db_path(&data), &copy).unwrap();
    let fresh = root.path().join("fresh");
    let out = az900(&fresh, &["backup", "restore", copy.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("not a usable az900 backup")
            && stderr.contains("attempts table is missing")
            && stderr.contains("az900 backup list")
            && !stderr.contains("restore a backup with"),
        "{stderr}"
    );
    println!("a missing table: refused by {runs} commands and as a backup");
}

/// A copy of the live database (a WAL-mode file) given to `backup restore` got a `-wal` and
/// `-shm` made beside it, even when refused, and in a read-only folder could not be read at
/// all. It is read as immutable now: nothing is made beside it, and it restores.
#[test]
fn restoring_a_copy_of_the_live_database_makes_nothing_beside_it() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    real_database(&data);
    let conn = rusqlite::Connection::open(db_path(&data)).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    drop(conn);
    let bytes = std::fs::read(db_path(&data)).unwrap();
    assert_eq!((bytes[18], bytes[19]), (2, 2), "a WAL-mode file");
    let kept = root.path().join("kept");
    std::fs::create_dir_all(&kept).unwrap();
    let copy = kept.join("copy.db");
    std::fs::write(&copy, &bytes).unwrap();
    let other = root.path().join("other");
    let out = az900(&other, &["backup", "restore", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let beside: Vec<_> = std::fs::read_dir(&kept)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["copy.db"]);
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
}
