//! Unit tests of the store's internals: migrations, aggregate consistency, query plans.

use super::*;
use crate::bank::question::{Kind, Response};
use crate::schedule::MemoryState;

const T0: i64 = 20_785 * 86_400_000;

fn attempt(s: SessionId, qid: &str, concept: &str, topic: &str, correct: bool) -> NewAttempt {
    NewAttempt {
        session: s,
        question_id: qid.into(),
        concept: concept.into(),
        topic: topic.into(),
        kind: Kind::YesNo,
        response: Some(Response::YesNo(vec![Some(correct), Some(true)])),
        points: if correct { 2 } else { 1 },
        max: 2,
        correct,
        time_ms: 1_000,
        marked: false,
        guess: false,
        answered_at: T0,
        day: 20_785,
    }
}

fn new_session(store: &Store) -> SessionId {
    store
        .begin_session(&NewSession {
            mode: "practice".into(),
            started_at: T0,
            settings: serde_json::json!({}),
        })
        .unwrap()
}

/// A schema step after this build's last one, to exercise an upgrade.
const NEXT: &str = "ALTER TABLE sessions ADD COLUMN note TEXT;";

/// This build's migrations followed by [`NEXT`].
fn with_next() -> Vec<&'static str> {
    let mut all = schema::MIGRATIONS.to_vec();
    all.push(NEXT);
    all
}

/// The schema version [`with_next`] brings a database to.
const NEXT_VERSION: i64 = schema::SCHEMA_VERSION + 1;

#[test]
fn an_upgrade_backs_the_database_up_first_and_runs_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    {
        let store = Store::open(&path).unwrap();
        let s = new_session(&store);
        store
            .record_attempt(&attempt(s, "q", "c", "t", true), None, &[])
            .unwrap();
    }
    let v1_bytes = std::fs::read(&path).unwrap();
    let migrations = with_next();
    {
        let store = Store::open_with(&path, &migrations).unwrap();
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, NEXT_VERSION);
        store
            .conn
            .execute("UPDATE sessions SET note = 'next'", [])
            .unwrap();
        assert_eq!(
            store.attempt_count().unwrap(),
            1,
            "data kept across the upgrade"
        );
    }
    let backup = dir
        .path()
        .join(format!("progress.db.pre-v{NEXT_VERSION}.bak"));
    assert!(backup.exists(), "pre-migration backup made");
    let old = Connection::open(&backup).unwrap();
    let old_version: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(old_version, schema::SCHEMA_VERSION);
    let n: i64 = old
        .query_row("SELECT count(*) FROM attempts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    assert!(!v1_bytes.is_empty());

    // Reopening migrates nothing and makes no second backup.
    drop(Store::open_with(&path, &migrations).unwrap());
    assert!(
        !dir.path()
            .join(format!("progress.db.pre-v{NEXT_VERSION}.bak.1"))
            .exists()
    );
    // This build now refuses the newer file, untouched.
    let bytes = std::fs::read(&path).unwrap();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::TooNew {
            found: NEXT_VERSION,
            supported: schema::SCHEMA_VERSION,
            ..
        })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_failing_migration_leaves_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    drop(Store::open(&path).unwrap());
    let mut broken = schema::MIGRATIONS.to_vec();
    broken.push("CREATE TABLE x (a); THIS IS NOT SQL;");
    let err = Store::open_with(&path, &broken).unwrap_err();
    assert!(
        matches!(err, StoreError::Migration { version, .. } if version == NEXT_VERSION),
        "{err:?}"
    );
    let store = Store::open(&path).unwrap();
    let x: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'x'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(x, 0, "the failed step was rolled back");
}

/// The aggregates recomputed from the attempts, for comparison with the maintained ones.
fn recomputed(store: &Store) -> Vec<String> {
    let queries = [
        "SELECT day, count(*), sum(correct), sum(points), sum(max), sum(min(time_ms, 120000))
         FROM attempts GROUP BY day",
        "SELECT day, answered, correct, points, max, time_ms FROM daily ORDER BY day",
        "SELECT topic, count(*), sum(correct), sum(points), sum(max) FROM attempt_log
         GROUP BY topic",
        "SELECT topic, answered, correct, points, max FROM topic_stats ORDER BY topic",
        "SELECT concept, count(*), sum(correct), sum(points), sum(max), min(day),
             (SELECT count(*) FROM attempt_log b WHERE b.concept = a.concept
                 AND b.day = (SELECT min(day) FROM attempt_log d WHERE d.concept = a.concept))
         FROM attempt_log a GROUP BY concept",
        "SELECT concept, answered, correct, points, max, first_day, first_n FROM concept_stats
         ORDER BY concept",
        "SELECT question_id, count(*), sum(correct), (SELECT id FROM attempt_log b
             WHERE b.question_id = a.question_id ORDER BY answered_at DESC, id DESC LIMIT 1)
         FROM attempt_log a GROUP BY question_id",
        "SELECT question_id, answered, correct, last_attempt FROM question_stats
         ORDER BY question_id",
        "WITH RECURSIVE p(c, i) AS (
             SELECT confusion, 1 FROM attempts WHERE length(confusion) > 0
             UNION ALL SELECT c, i + 1 FROM p WHERE i < length(c))
         SELECT v / 3, v % 3, count(*)
         FROM (SELECT CAST(hex(substr(c, i, 1)) AS INTEGER) AS v FROM p)
         GROUP BY v / 3, v % 3",
        "SELECT truth, chosen, n FROM confusion_counts WHERE n > 0 ORDER BY truth, chosen",
    ];
    queries
        .iter()
        .map(|q| {
            let mut stmt = store.conn.prepare(q).unwrap();
            let n = stmt.column_count();
            let rows: Vec<String> = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join(","))
                })
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            rows.join("\n")
        })
        .collect()
}

#[test]
fn aggregates_match_the_attempts_after_any_mix_of_writes() {
    let store = Store::open_in_memory().unwrap();
    let s1 = new_session(&store);
    let s2 = new_session(&store);
    let owners = Owner::ALL;
    let mut ids = Vec::new();
    // A deterministic pseudo-random mix of records, exam upserts and undos.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for step in 0..300i64 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let q = format!("q{}", x % 17);
        let c = format!("c{}", x % 7);
        let t = format!("t{}", x % 3);
        let mut a = attempt(
            if x.is_multiple_of(2) { s1 } else { s2 },
            &q,
            &c,
            &t,
            x % 5 < 3,
        );
        a.answered_at = T0 + step * 1000 - i64::try_from(x % 4).unwrap() * 3000;
        a.day = 20_785 + i64::try_from(x % 4).unwrap();
        a.marked = x.is_multiple_of(11);
        // Some answers past the two-minute cap (a break), most under it.
        a.time_ms = (x % 200) * 1_000;
        let confusion: Vec<_> = (0..(x % 3) as usize)
            .map(|i| (owners[i % 3], owners[(x as usize + i) % 3]))
            .collect();
        match x % 10 {
            0..=5 => ids.push(store.record_attempt(&a, None, &confusion).unwrap()),
            6 | 7 => ids.push(store.upsert_exam_answer(&a, None, &confusion).unwrap()),
            _ => {
                if let Some(id) = ids.pop() {
                    // Already replaced or undone ids are simply gone.
                    let _ = store.undo_attempt(id, None);
                }
            }
        }
    }
    let r = recomputed(&store);
    for pair in r.chunks(2) {
        assert_eq!(pair[0], pair[1]);
    }
    assert!(!r[0].is_empty());
    // And review candidates equal the recomputed "latest wrong or marked".
    let mut expected: Vec<String> = store
        .conn
        .prepare(
            "SELECT question_id FROM attempt_log a WHERE id = (SELECT id FROM attempt_log b
                 WHERE b.question_id = a.question_id ORDER BY answered_at DESC, id DESC LIMIT 1)
               AND (correct = 0 OR marked = 1)
             ORDER BY answered_at DESC, id DESC",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(store.review_candidates().unwrap(), expected);
    expected.clear();
}

#[test]
fn hot_queries_use_indexes_not_scans_of_attempts() {
    let store = Store::open_in_memory().unwrap();
    let plan = |sql: &str| -> String {
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        stmt.query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let hot = [
        "SELECT id FROM (SELECT id, answered_at FROM attempts WHERE question = 3
             ORDER BY id DESC LIMIT 64) ORDER BY answered_at DESC, id DESC LIMIT 1",
        "SELECT id FROM attempts WHERE session_id = 1
             AND question = (SELECT id FROM names WHERE name = 'q') ORDER BY id DESC LIMIT 1",
        "SELECT n.name, min(a.correct) FROM attempts a JOIN names n ON n.id = a.concept
         WHERE a.session_id = 1 GROUP BY n.name ORDER BY n.name",
        "SELECT n.name, a.id FROM attempts a JOIN names n ON n.id = a.question
         WHERE a.session_id = 1 ORDER BY a.id",
        "SELECT q.name, c.name, t.name, a.day, a.confusion FROM attempts a
         JOIN names q ON q.id = a.question JOIN names c ON c.id = a.concept
         JOIN names t ON t.id = a.topic WHERE a.id = 1",
        "SELECT id FROM names WHERE name = 'q'",
        "SELECT question_id FROM question_stats WHERE last_correct = 0 OR last_marked = 1
         ORDER BY last_at DESC, last_attempt DESC",
        "SELECT id FROM sessions WHERE scaled IS NOT NULL AND ended_at IS NOT NULL AND id < 5
         ORDER BY id DESC LIMIT 1",
        "SELECT s.id, count(a.id) FROM (SELECT * FROM sessions ORDER BY id DESC LIMIT 10) s
         LEFT JOIN attempts a ON a.session_id = s.id GROUP BY s.id",
    ];
    for sql in hot {
        let p = plan(sql);
        assert!(
            !p.contains("SCAN attempts") && !p.contains("SCAN a ") && !p.ends_with("SCAN a"),
            "{sql}\n=> {p}"
        );
        assert!(
            !p.contains("SCAN names") && !p.contains("SCAN n "),
            "{sql}\n=> {p}"
        );
        assert!(p.contains("USING"), "an index or key serves {sql}\n=> {p}");
    }
}

#[test]
fn memory_states_round_trip_exactly() {
    let store = Store::open_in_memory().unwrap();
    let m = MemoryState {
        concept: "paas-runtime".into(),
        stability: 0.123_456_7,
        difficulty: 9.999_9,
        last_review: -5,
        due: i64::MAX / 2,
        reps: u32::MAX,
        lapses: 7,
        last_question: None,
    };
    store.set_memory(&m).unwrap();
    assert_eq!(store.memory("paas-runtime").unwrap(), Some(m.clone()));
    let mut changed = m.clone();
    changed.stability = 30.5;
    changed.last_question = Some("q".into());
    store.set_memory(&changed).unwrap();
    assert_eq!(store.memory_states().unwrap(), vec![changed]);
}

#[test]
fn a_version_1_database_upgrades_to_the_current_schema_keeping_its_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    {
        let store = Store::open_with(&path, &schema::MIGRATIONS[..1]).unwrap();
        let s = new_session(&store);
        // A v1 row, as a v1 build wrote it (this build writes the v4 form).
        store
            .conn
            .execute(
                "INSERT INTO attempts (session_id, question_id, concept, topic, kind, response,
                     points, max, correct, time_ms, marked, guess, answered_at, day)
                 VALUES (?1, 'q', 'c', 't', 'single', NULL, 1, 1, 1, 900, 0, 0, ?2, 20785)",
                rusqlite::params![s.0, T0],
            )
            .unwrap();
        store
            .conn
            .execute("INSERT INTO daily VALUES (20785, 1, 1, 1, 1)", [])
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::SCHEMA_VERSION);
    assert_eq!(store.attempt_count().unwrap(), 1);
    store
        .add_report("q", ReportReason::Unclear, T0, None)
        .unwrap();
    assert_eq!(store.reports().unwrap().len(), 1);
    let backup = dir
        .path()
        .join(format!("progress.db.pre-v{}.bak", schema::SCHEMA_VERSION));
    assert!(backup.is_file(), "no backup before the upgrade");
    let backup = Connection::open(backup).unwrap();
    let old: i64 = backup
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(old, 1, "the v1 file was backed up before the upgrade");
}

/// Every answer of a database, as text rows: from a v3 file (`attempts` with text columns and
/// `owner_confusion`) or a v4 one (`attempt_log`, confusion bytes). A right answer's response
/// reads as NULL in both (v4 keeps only the others).
fn answers(conn: &Connection, v4: bool) -> Vec<String> {
    let sql = if v4 {
        "SELECT id, session_id, question_id, concept, topic, kind, points, max, correct,
             time_ms, marked, guess, answered_at, day, response, nullif(hex(confusion), '')
         FROM attempt_log ORDER BY id"
    } else {
        "SELECT id, session_id, question_id, concept, topic, kind, points, max, correct,
             time_ms, marked, guess, answered_at, day,
             CASE WHEN correct = 1 THEN NULL ELSE response END,
             (SELECT group_concat(printf('%02X', truth * 3 + chosen), '') FROM owner_confusion o
              WHERE o.attempt_id = a.id)
         FROM attempts a ORDER BY id"
    };
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| {
        Ok((0..16)
            .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
            .collect::<Vec<_>>()
            .join("|"))
    })
    .unwrap()
    .map(|r| r.unwrap())
    .collect()
}

/// Tables the v4 step leaves as they were, dumped row by row.
fn kept_tables(conn: &Connection) -> Vec<String> {
    [
        "SELECT id, mode, started_at, ended_at, settings, points, max, scaled, passed
         FROM sessions ORDER BY id",
        "SELECT day, answered, correct, points, max FROM daily ORDER BY day",
        "SELECT * FROM topic_stats ORDER BY topic",
        "SELECT concept, answered, correct, points, max, first_day FROM concept_stats
         ORDER BY concept",
        "SELECT * FROM question_stats ORDER BY question_id",
        "SELECT * FROM confusion_counts ORDER BY truth, chosen",
        "SELECT * FROM memory ORDER BY concept",
        "SELECT * FROM reports ORDER BY id",
        "SELECT * FROM settings ORDER BY key",
    ]
    .iter()
    .map(|q| {
        let mut stmt = conn.prepare(q).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect::<Vec<_>>()
        .join("\n")
    })
    .collect()
}

#[test]
#[allow(clippy::too_many_lines)] // one check per rule or table, read top to bottom
fn a_database_written_by_the_v3_release_migrates_keeping_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.sqlite3");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/progress-v3.sqlite3"
        ),
        &path,
    )
    .unwrap();
    let (before, tables, wrong_with_response) = {
        let old = Connection::open(&path).unwrap();
        // An exam cut off with its saved state, as v3 kept it on the session row.
        old.execute(
            "INSERT INTO sessions (mode, started_at, settings, snapshot)
             VALUES ('exam', 1, '{}', '{\"saved\":1}')",
            [],
        )
        .unwrap();
        let v: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 3, "the fixture is a v3 database");
        let wrong: i64 = old
            .query_row(
                "SELECT count(*) FROM attempts WHERE correct = 0 AND response IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (answers(&old, false), kept_tables(&old), wrong)
    };
    assert!(before.len() >= 400, "{} answers", before.len());
    assert!(
        before.iter().any(|a| !a.ends_with("Null")),
        "the fixture has matrix confusions"
    );
    assert!(wrong_with_response > 0);
    let store = Store::open(&path).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::SCHEMA_VERSION);
    assert_eq!(answers(&store.conn, true), before, "every answer kept");
    assert_eq!(
        kept_tables(&store.conn),
        tables,
        "the other tables unchanged"
    );
    let linked: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM reports WHERE attempt_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, 1, "a report keeps its answer across the rebuild");
    let saved = store.resumable("exam").unwrap().unwrap();
    assert_eq!(
        saved.snapshot, "{\"saved\":1}",
        "the unfinished exam can be resumed"
    );
    let r = recomputed(&store);
    for pair in r.chunks(2) {
        assert_eq!(pair[0], pair[1]);
    }
    let gone: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('owner_confusion', 'attempts_v4',
                 'attempts_concept')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gone, 0);
    assert!(
        dir.path()
            .join(format!(
                "progress.sqlite3.pre-v{}.bak",
                schema::SCHEMA_VERSION
            ))
            .is_file(),
        "backed up before the migration"
    );
    // Every feature on the migrated history: writes, undo, the review list, the exam reads.
    let last: i64 = store
        .conn
        .query_row("SELECT max(id) FROM attempts", [], |r| r.get(0))
        .unwrap();
    store.undo_attempt(AttemptId(last), None).unwrap();
    let s = new_session(&store);
    let mut fresh = attempt(s, "q-new", "c-new", "t", false);
    fresh.answered_at = store
        .conn
        .query_row("SELECT max(answered_at) + 1000 FROM attempts", [], |r| {
            r.get(0)
        })
        .unwrap();
    store
        .record_attempt(&fresh, None, &[(Owner::Customer, Owner::Shared)])
        .unwrap();
    let r = recomputed(&store);
    for pair in r.chunks(2) {
        assert_eq!(pair[0], pair[1]);
    }
    assert_eq!(store.review_candidates().unwrap()[0], "q-new");
    assert_eq!(store.attempt_count().unwrap(), before.len() as u64);
    assert!(store.review_logs().unwrap().len() <= before.len());
}

#[test]
fn a_right_answer_keeps_no_response_and_confusions_round_trip_as_bytes() {
    let store = Store::open_in_memory().unwrap();
    let s = new_session(&store);
    let right = store
        .record_attempt(&attempt(s, "q1", "c", "t", true), None, &[])
        .unwrap();
    let pairs = [
        (Owner::Customer, Owner::Microsoft),
        (Owner::Shared, Owner::Shared),
        (Owner::Microsoft, Owner::Customer),
    ];
    let wrong = store
        .record_attempt(&attempt(s, "q2", "c", "t", false), None, &pairs)
        .unwrap();
    let row = |id: AttemptId| -> (Option<String>, Option<Vec<u8>>) {
        store
            .conn
            .query_row(
                "SELECT response, confusion FROM attempts WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    assert_eq!(row(right), (None, None));
    let (response, bytes) = row(wrong);
    let back: Response = serde_json::from_str(&response.unwrap()).unwrap();
    assert_eq!(back, Response::YesNo(vec![Some(false), Some(true)]));
    let decoded: Vec<(i64, i64)> = compact::pairs_of(&bytes.unwrap()).collect();
    let expected: Vec<(i64, i64)> = pairs
        .iter()
        .map(|&(t, c)| (owner_index(t), owner_index(c)))
        .collect();
    assert_eq!(decoded, expected);
    let table = store.confusion_table().unwrap();
    assert_eq!((table[0][1], table[2][2], table[1][0]), (1, 1, 1));
    store.undo_attempt(wrong, None).unwrap();
    assert_eq!(store.confusion_table().unwrap(), [[0; 3]; 3]);
}

#[test]
fn study_time_and_answer_pace_come_from_the_answers() {
    use crate::schedule::{AnswerTime, Pace};
    let store = Store::open_in_memory().unwrap();
    let s = new_session(&store);
    // Day 20785: c1 new (40 s), c1 again (10 s), c2 new (a 10-minute break, counted as 2).
    let mut answers = Vec::new();
    for (i, (c, secs)) in [("c1", 40u64), ("c1", 10), ("c2", 600)].iter().enumerate() {
        let mut a = attempt(s, &format!("q{i}"), c, "t", true);
        a.time_ms = secs * 1000;
        a.answered_at = T0 + i as i64 * 1000;
        answers.push(store.record_attempt(&a, None, &[]).unwrap());
    }
    // The next day: c1 reviewed (12 s).
    let mut a = attempt(s, "q0", "c1", "t", true);
    a.time_ms = 12_000;
    a.day += 1;
    a.answered_at = T0 + 86_400_000;
    store.record_attempt(&a, None, &[]).unwrap();
    let cap_ms = (crate::schedule::pace::ANSWER_CAP_SECS * 1000.0) as u64;
    assert_eq!(store.studied_ms(20_785).unwrap(), 40_000 + 10_000 + cap_ms);
    assert_eq!(store.studied_ms(20_786).unwrap(), 12_000);
    assert_eq!(store.studied_ms(20_700).unwrap(), 0);
    let times = store.recent_answer_times(10).unwrap();
    let expected = [
        (40_000, true),
        (10_000, false),
        (600_000, true),
        (12_000, false),
    ]
    .map(|(time_ms, new)| AnswerTime { time_ms, new });
    assert_eq!(times, expected);
    let pace = Pace::measure(&times);
    assert_eq!(pace, Pace::measure(&expected));
    assert!(pace.review_secs < Pace::DEFAULT.review_secs);
    // An undo takes its time back.
    store.undo_attempt(answers[1], None).unwrap();
    assert_eq!(store.studied_ms(20_785).unwrap(), 40_000 + cap_ms);
}

#[test]
fn checkpoints_run_off_the_answer_path_and_keep_the_wal_small() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    let wal = dir.path().join("progress.db-wal");
    let store = Store::open(&path).unwrap();
    // The writer's own checkpoint only as a backstop, far past the thread's rhythm.
    let auto: i64 = store
        .conn
        .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
        .unwrap();
    assert_eq!(auto, i64::from(checkpoint::BACKSTOP_PAGES));
    let s = new_session(&store);
    let record = |i: usize| {
        let mut a = attempt(
            s,
            &format!("q{}", i % 97),
            &format!("c{}", i % 31),
            "t",
            !i.is_multiple_of(3),
        );
        a.answered_at = T0 + i as i64;
        store.record_attempt(&a, None, &[]).unwrap();
    };
    // What the WAL grows by per answer before any checkpoint.
    let start = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let first = (checkpoint::NUDGE_EVERY - 2) as usize;
    for i in 0..first {
        record(i);
    }
    let per_answer = (std::fs::metadata(&wal).unwrap().len() - start) / first as u64;
    assert!(per_answer > 0);
    let total = 20 * checkpoint::NUDGE_EVERY as usize;
    for i in first..total {
        record(i);
        if (i + 1).is_multiple_of(checkpoint::NUDGE_EVERY as usize) {
            // A learner reads the feedback between answers: the checkpoint thread finishes
            // (a checkpoint completes, and the WAL restarts, only between writes). Waited for
            // here, as a loaded machine may take longer than any fixed pause.
            if let Some(c) = store.checkpointer.borrow_mut().as_mut() {
                c.settle();
            }
        }
    }
    let wal_len = std::fs::metadata(&wal).unwrap().len();
    let unchecked = per_answer * total as u64;
    assert!(
        wal_len < 3 * per_answer * u64::from(checkpoint::NUDGE_EVERY) && wal_len * 4 < unchecked,
        "WAL {wal_len} bytes after {total} answers; {unchecked} without checkpoints"
    );
    drop(store);
    assert_eq!(
        Store::open(&path).unwrap().attempt_count().unwrap(),
        total as u64
    );
}

#[test]
fn a_version_5_database_gives_back_the_space_its_saved_exam_states_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    let pages = |conn: &Connection| -> i64 {
        conn.query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap()
    };
    let before = {
        let store = Store::open_with(&path, &schema::MIGRATIONS[..5]).unwrap();
        // As a v5 build did: each exam's state saved on its row while it ran (a few KB by the
        // end), cleared when it ended; the next session's row comes after it.
        for _ in 0..600 {
            let s = new_session(&store);
            for k in 1..=8 {
                store
                    .conn
                    .execute(
                        "UPDATE sessions SET snapshot = ?2 WHERE id = ?1",
                        rusqlite::params![s.0, "x".repeat(400 * k)],
                    )
                    .unwrap();
            }
            store
                .conn
                .execute("UPDATE sessions SET snapshot = NULL WHERE id = ?1", [s.0])
                .unwrap();
        }
        store
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        pages(&store.conn)
    };
    let store = Store::open(&path).unwrap();
    let after = pages(&store.conn);
    assert_eq!(store.history(1000).unwrap().len(), 600);
    // Without the VACUUM the file keeps every page (the step itself makes a few more).
    assert!(
        after * 4 < before * 3,
        "{before} pages at v5, {after} at v{}",
        schema::SCHEMA_VERSION
    );
}

#[test]
fn a_version_6_database_keeps_scaled_scores_of_full_exams_only() {
    // QA: an exam of one objective (2.3) showed "Scaled score 1 / 1000 ✗ BELOW THE PASS MARK",
    // and it went into stats, history and Home's last exam.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    let ids = {
        let store = Store::open_with(&path, &schema::MIGRATIONS[..6]).unwrap();
        let mut ids = Vec::new();
        for settings in [
            serde_json::json!({ "topic": null, "count": 40 }),
            serde_json::json!({ "topic": "2.3", "count": 7 }),
            serde_json::json!({ "topic": null, "count": 10 }),
            serde_json::json!({ "topic": "2", "count": 40 }),
        ] {
            let id = store
                .begin_session(&NewSession {
                    mode: "exam".into(),
                    started_at: T0,
                    settings,
                })
                .unwrap();
            let result = SessionResult {
                points: 20,
                max: 40,
                scaled: Some(498),
                passed: Some(false),
            };
            store.finish_session(id, T0 + 1, &result).unwrap();
            ids.push(id);
        }
        ids
    };
    let store = Store::open(&path).unwrap();
    let exams = store.exam_history().unwrap();
    assert_eq!(exams.len(), 1);
    assert_eq!((exams[0].session, exams[0].scaled), (ids[0], 498));
    let history = store.history(10).unwrap();
    assert_eq!(history.len(), 4);
    for h in &history {
        let r = h.result.unwrap();
        assert_eq!(r.points, 20, "the points stay");
        assert_eq!(r.scaled.is_some(), h.id == ids[0], "{h:?}");
    }
}

#[test]
fn a_question_marked_without_an_answer_waits_in_review_until_it_is_answered() {
    let store = Store::open_in_memory().unwrap();
    let s = new_session(&store);
    let mut wrong = attempt(s, "q-wrong", "c1", "t", false);
    wrong.answered_at = 1_000;
    store.record_attempt(&wrong, None, &[]).unwrap();
    store.set_unanswered_mark("q-skipped", true, 2_000).unwrap();
    assert_eq!(
        store.review_candidates().unwrap(),
        ["q-skipped", "q-wrong"],
        "most recent first"
    );
    // Marking a question that is already waiting lists it once.
    store.set_unanswered_mark("q-wrong", true, 3_000).unwrap();
    assert_eq!(store.review_candidates().unwrap(), ["q-skipped", "q-wrong"]);
    store.set_unanswered_mark("q-wrong", false, 3_000).unwrap();
    // Answered right later: the answer decides (its own mark would keep it).
    let mut right = attempt(s, "q-skipped", "c2", "t", true);
    right.answered_at = 4_000;
    store.record_attempt(&right, None, &[]).unwrap();
    assert_eq!(store.review_candidates().unwrap(), ["q-wrong"]);
    // Unmarked before any answer: gone.
    store.set_unanswered_mark("q-other", true, 5_000).unwrap();
    store.set_unanswered_mark("q-other", false, 6_000).unwrap();
    assert_eq!(store.review_candidates().unwrap(), ["q-wrong"]);
}
