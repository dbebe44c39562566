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
        "SELECT day, count(*), sum(correct), sum(points), sum(max) FROM attempts GROUP BY day",
        "SELECT day, answered, correct, points, max FROM daily ORDER BY day",
        "SELECT topic, count(*), sum(correct), sum(points), sum(max) FROM attempts GROUP BY topic",
        "SELECT topic, answered, correct, points, max FROM topic_stats ORDER BY topic",
        "SELECT concept, count(*), sum(correct), sum(points), sum(max), min(day) FROM attempts
         GROUP BY concept",
        "SELECT concept, answered, correct, points, max, first_day FROM concept_stats
         ORDER BY concept",
        "SELECT question_id, count(*), sum(correct), (SELECT id FROM attempts b
             WHERE b.question_id = a.question_id ORDER BY answered_at DESC, id DESC LIMIT 1)
         FROM attempts a GROUP BY question_id",
        "SELECT question_id, answered, correct, last_attempt FROM question_stats
         ORDER BY question_id",
        "SELECT truth, chosen, count(*) FROM owner_confusion GROUP BY truth, chosen",
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
            "SELECT question_id FROM attempts a WHERE id = (SELECT id FROM attempts b
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
        "SELECT id FROM attempts WHERE question_id = 'q' ORDER BY answered_at DESC, id DESC LIMIT 1",
        "SELECT id FROM attempts WHERE session_id = 1 AND question_id = 'q' ORDER BY id DESC LIMIT 1",
        "SELECT concept, min(correct) FROM attempts WHERE session_id = 1 GROUP BY concept",
        "SELECT truth, chosen FROM owner_confusion WHERE attempt_id = 1",
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
        assert!(!p.contains("SCAN owner_confusion"), "{sql}\n=> {p}");
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
        store
            .record_attempt(&attempt(s, "q", "c", "t", true), None, &[])
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
