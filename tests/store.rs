//! The progress store through its public API: round trips, undo, refusals of files that are
//! not ours (leaving them byte for byte as they were), two instances, backups.

// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use az900::bank::question::{Kind, Response};
use az900::rules::Owner;
use az900::schedule::MemoryState;
use az900::store::{
    APPLICATION_ID, AttemptId, DayCount, NewAttempt, NewSession, SCHEMA_VERSION, SessionId,
    SessionResult, Store, StoreError, daily_backup, list_backups, restore,
};

const DAY_MS: i64 = 86_400_000;
/// 2026-11-28 00:00 UTC, study day 20785.
const T0: i64 = 20_785 * DAY_MS;
const D0: i64 = 20_785;

fn session(store: &Store, mode: &str, at: i64) -> SessionId {
    store
        .begin_session(&NewSession {
            mode: mode.into(),
            started_at: at,
            settings: serde_json::json!({ "count": 10 }),
        })
        .unwrap()
}

fn attempt(s: SessionId, qid: &str, concept: &str, topic: &str, correct: bool) -> NewAttempt {
    NewAttempt {
        session: s,
        question_id: qid.into(),
        concept: concept.into(),
        topic: topic.into(),
        kind: Kind::Single,
        response: Some(Response::Choices(vec![if correct { 0 } else { 1 }])),
        points: u32::from(correct),
        max: 1,
        correct,
        time_ms: 4_000,
        marked: false,
        guess: false,
        answered_at: T0,
        day: D0,
    }
}

fn at(mut a: NewAttempt, ms: i64) -> NewAttempt {
    a.answered_at = ms;
    a.day = ms.div_euclid(DAY_MS);
    a
}

fn mem(concept: &str, reps: u32, lapses: u32) -> MemoryState {
    MemoryState {
        concept: concept.into(),
        stability: 2.5,
        difficulty: 5.25,
        last_review: T0,
        due: T0 + 3 * DAY_MS,
        reps,
        lapses,
        last_question: Some("q1".into()),
    }
}

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("data").join("progress.db")
}

/// Every file in `dir` with its bytes, to prove a refused file (and its directory) is untouched.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// A small finished database at `path`: one session, three attempts.
fn populated(path: &Path) {
    let store = Store::open(path).unwrap();
    let s = session(&store, "practice", T0);
    for (i, ok) in [true, false, true].into_iter().enumerate() {
        let a = attempt(s, &format!("q{i}"), "c", "cloud-concepts", ok);
        store
            .record_attempt(&a, Some(&mem("c", 1, 0)), &[])
            .unwrap();
    }
}

#[test]
fn open_creates_a_private_database_with_the_az900_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.path(), Some(path.as_path()));
    drop(store);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(journal, "wal");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600, "database file");
        assert_eq!(mode(path.parent().unwrap()), 0o700, "data directory");
        // SQLite gives the write-ahead log the database file's permissions.
        let store = Store::open(&path).unwrap();
        session(&store, "practice", T0);
        let wal = path.with_file_name("progress.db-wal");
        assert_eq!(mode(&wal), 0o600, "write-ahead log");
    }
}

#[test]
fn reopening_keeps_everything_and_migrates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    populated(&path);
    for _ in 0..2 {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.attempt_count().unwrap(), 3);
        assert_eq!(store.memory("c").unwrap(), Some(mem("c", 1, 0)));
    }
    // No pre-migration backup for a database already at the current version.
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".bak")), "{names:?}");
}

#[test]
fn an_empty_v0_file_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    let s = session(&store, "practice", T0);
    store
        .record_attempt(&attempt(s, "q", "c", "t", true), None, &[])
        .unwrap();
    drop(store);
    // An empty SQLite database made by someone else's tool, user_version 0, no tables.
    let path2 = dir.path().join("blank.db");
    rusqlite::Connection::open(&path2)
        .unwrap()
        .execute_batch("VACUUM")
        .unwrap();
    let store = Store::open(&path2).unwrap();
    assert_eq!(store.totals().unwrap().sessions, 0);
}

fn assert_refused(path: &Path, check: impl Fn(&StoreError) -> bool) {
    let dir = path.parent().unwrap();
    let before = snapshot(dir);
    let err = Store::open(path).unwrap_err();
    assert!(check(&err), "unexpected error: {err:?}");
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("az900 backup restore"), "{message}");
    assert!(message.contains("move the file aside"), "{message}");
    assert_eq!(
        snapshot(dir),
        before,
        "the refused file and its directory are untouched"
    );
}

#[test]
fn random_bytes_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    let bytes: Vec<u8> = (0..10_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, &bytes).unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::NotSqlite { .. }));
    // A short text file too.
    std::fs::write(&path, b"hello").unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::NotSqlite { .. }));
}

#[test]
fn a_truncated_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    populated(&path);
    let full = std::fs::read(&path).unwrap();
    assert!(
        full.len() >= 4 * 4096,
        "enough pages to cut: {}",
        full.len()
    );

    // Cut mid-page.
    std::fs::write(&path, &full[..full.len() / 2 + 100]).unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::Damaged { .. }));
    // Cut on a page boundary: only SQLite's own checks can tell.
    std::fs::write(&path, &full[..2 * 4096]).unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::Damaged { .. }));
    // Cut inside the header.
    std::fs::write(&path, &full[..50]).unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::Damaged { .. }));
}

#[test]
fn a_damaged_page_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    populated(&path);
    let mut bytes = std::fs::read(&path).unwrap();
    // Scribble over every page after the first (the schema page stays readable).
    for b in bytes.iter_mut().skip(4096) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::Damaged { .. }));
}

#[test]
fn another_apps_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    assert_refused(&path, |e| {
        matches!(
            e,
            StoreError::ForeignDatabase {
                application_id: 0,
                ..
            }
        )
    });

    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("PRAGMA application_id = 42;")
        .unwrap();
    assert_refused(&other, |e| {
        matches!(
            e,
            StoreError::ForeignDatabase {
                application_id: 42,
                ..
            }
        )
    });
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    populated(&path);
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    assert_refused(&path, |e| {
        matches!(e, StoreError::TooNew { found, supported, .. }
            if *found == SCHEMA_VERSION + 1 && *supported == SCHEMA_VERSION)
    });
}

#[test]
fn a_recorded_attempt_reads_back_everywhere() {
    let store = Store::open_in_memory().unwrap();
    let s = session(&store, "practice", T0);
    let mut a = attempt(s, "q1", "iaas-os", "shared-responsibility", false);
    a.kind = Kind::Match;
    a.points = 2;
    a.max = 3;
    a.response = Some(Response::Match(vec![Some(0), Some(1), None]));
    let m = mem("iaas-os", 1, 0);
    let confusion = [
        (Owner::Customer, Owner::Microsoft),
        (Owner::Shared, Owner::Shared),
    ];
    store.record_attempt(&a, Some(&m), &confusion).unwrap();
    store
        .record_attempt(
            &attempt(s, "q2", "saas-data", "cloud-concepts", true),
            None,
            &[],
        )
        .unwrap();

    assert_eq!(store.memory("iaas-os").unwrap(), Some(m.clone()));
    assert_eq!(store.memory_states().unwrap(), vec![m]);
    assert_eq!(store.memory("saas-data").unwrap(), None);
    let totals = store.totals().unwrap();
    assert_eq!(
        (totals.attempts, totals.sessions, totals.questions_seen),
        (2, 1, 2)
    );
    assert_eq!(store.attempt_count().unwrap(), 2);
    let topics: Vec<_> = store
        .topic_accuracy()
        .unwrap()
        .into_iter()
        .map(|t| (t.topic, t.points, t.max))
        .collect();
    assert_eq!(
        topics,
        vec![
            ("cloud-concepts".into(), 1, 1),
            ("shared-responsibility".into(), 2, 3)
        ]
    );
    let concepts: Vec<_> = store
        .concept_accuracy()
        .unwrap()
        .into_iter()
        .map(|c| (c.concept, c.correct, c.total))
        .collect();
    assert_eq!(
        concepts,
        vec![("iaas-os".into(), 0, 1), ("saas-data".into(), 1, 1)]
    );
    assert_eq!(
        store.answers_per_day(D0 - 5, D0 + 5).unwrap(),
        vec![DayCount {
            day: D0,
            answered: 2,
            correct: 1
        }]
    );
    assert!(store.answers_per_day(D0 + 1, D0 + 5).unwrap().is_empty());
    let q = store.attempts_for_question("q1").unwrap();
    assert_eq!((q.attempts, q.correct), (1, 0));
    let mut expected = [[0u64; 3]; 3];
    expected[0][1] = 1;
    expected[2][2] = 1;
    assert_eq!(store.confusion_table().unwrap(), expected);

    store
        .finish_session(
            s,
            T0 + 60_000,
            &SessionResult {
                points: 3,
                max: 4,
                scaled: None,
                passed: None,
            },
        )
        .unwrap();
    let history = store.history(10).unwrap();
    assert_eq!(history.len(), 1);
    let h = &history[0];
    assert_eq!(
        (h.id, h.mode.as_str(), h.started_at, h.ended_at),
        (s, "practice", T0, Some(T0 + 60_000))
    );
    assert_eq!(h.settings, serde_json::json!({ "count": 10 }));
    assert_eq!((h.answered, h.correct), (2, 1));
    assert_eq!(h.result.map(|r| (r.points, r.max)), Some((3, 4)));
    assert!(
        store.exam_history().unwrap().is_empty(),
        "a practice session is not an exam"
    );
}

#[test]
fn the_stored_response_and_flags_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let store = Store::open(&path).unwrap();
    let s = session(&store, "practice", T0);
    // Not fully right: a right answer's response is the key, and is not stored.
    let mut a = attempt(s, "q1", "c", "t", false);
    a.kind = Kind::HotArea;
    a.response = Some(Response::HotArea(vec![(0, 1), (2, 0)]));
    a.marked = true;
    a.guess = true;
    a.time_ms = 12_345;
    store.record_attempt(&a, None, &[]).unwrap();
    let mut blank = attempt(s, "q2", "c", "t", false);
    blank.response = None;
    store.record_attempt(&blank, None, &[]).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let row: (String, Option<String>, i64, bool, bool) = conn
        .query_row(
            "SELECT kind, response, time_ms, marked, guess FROM attempt_log
             WHERE question_id = 'q1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(row.0, "hot_area");
    let back: Response = serde_json::from_str(&row.1.unwrap()).unwrap();
    assert_eq!(back, Response::HotArea(vec![(0, 1), (2, 0)]));
    assert_eq!((row.2, row.3, row.4), (12_345, true, true));
    let blank: Option<String> = conn
        .query_row(
            "SELECT response FROM attempt_log WHERE question_id = 'q2'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(blank, None);
}

#[test]
fn undo_restores_the_memory_and_the_aggregates() {
    let store = Store::open_in_memory().unwrap();
    let s = session(&store, "learn", T0);
    let before = mem("c", 1, 0);
    store
        .record_attempt(&attempt(s, "q1", "c", "t", true), Some(&before), &[])
        .unwrap();
    let stats_before = (
        store.totals().unwrap(),
        store.topic_accuracy().unwrap(),
        store.concept_accuracy().unwrap(),
        store.answers_per_day(D0, D0).unwrap(),
        store.review_candidates().unwrap(),
        store.confusion_table().unwrap(),
    );

    let mut wrong = at(attempt(s, "q1", "c", "t", false), T0 + 1000);
    wrong.day = D0 + 1;
    let id = store
        .record_attempt(
            &wrong,
            Some(&mem("c", 2, 1)),
            &[(Owner::Customer, Owner::Shared)],
        )
        .unwrap();
    assert_eq!(store.review_candidates().unwrap(), vec!["q1".to_string()]);
    assert_eq!(store.memory("c").unwrap(), Some(mem("c", 2, 1)));

    store.undo_attempt(id, Some(&before)).unwrap();
    assert_eq!(store.memory("c").unwrap(), Some(before));
    let stats_after = (
        store.totals().unwrap(),
        store.topic_accuracy().unwrap(),
        store.concept_accuracy().unwrap(),
        store.answers_per_day(D0, D0).unwrap(),
        store.review_candidates().unwrap(),
        store.confusion_table().unwrap(),
    );
    assert_eq!(stats_after, stats_before);
    assert!(store.answers_per_day(D0 + 1, D0 + 1).unwrap().is_empty());

    // Undoing a concept's first review deletes its memory state.
    let first = store
        .record_attempt(
            &attempt(s, "q9", "new", "t", true),
            Some(&mem("new", 1, 0)),
            &[],
        )
        .unwrap();
    store.undo_attempt(first, None).unwrap();
    assert_eq!(store.memory("new").unwrap(), None);
    assert_eq!(store.attempts_for_question("q9").unwrap().attempts, 0);
    assert_eq!(store.totals().unwrap().questions_seen, 1);

    assert!(matches!(
        store.undo_attempt(first, None),
        Err(StoreError::NoSuchAttempt(i)) if i == first
    ));
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let store = Store::open_in_memory().unwrap();
    let ghost = SessionId(999);
    let err = store
        .record_attempt(
            &attempt(ghost, "q", "c", "t", true),
            Some(&mem("c", 1, 0)),
            &[],
        )
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NoSuchSession(SessionId(999))),
        "{err:?}"
    );
    assert_eq!(store.attempt_count().unwrap(), 0);
    assert_eq!(
        store.memory("c").unwrap(),
        None,
        "the memory state was not written alone"
    );
    assert!(matches!(
        store.finish_session(
            ghost,
            T0,
            &SessionResult {
                points: 0,
                max: 0,
                scaled: None,
                passed: None
            }
        ),
        Err(StoreError::NoSuchSession(_))
    ));
}

#[test]
fn a_changed_exam_answer_replaces_the_first() {
    let store = Store::open_in_memory().unwrap();
    let exam = session(&store, "exam", T0);
    let first = store
        .upsert_exam_answer(
            &attempt(exam, "q1", "c", "t", false),
            None,
            &[(Owner::Customer, Owner::Microsoft)],
        )
        .unwrap();
    let again = store
        .upsert_exam_answer(&at(attempt(exam, "q1", "c", "t", true), T0 + 5), None, &[])
        .unwrap();
    assert_eq!(first, again, "the replacement keeps the attempt id");
    assert_eq!(store.attempt_count().unwrap(), 1);
    let q = store.attempts_for_question("q1").unwrap();
    assert_eq!((q.attempts, q.correct), (1, 1));
    assert_eq!(store.confusion_table().unwrap(), [[0; 3]; 3]);
    assert!(store.review_candidates().unwrap().is_empty());
    // Another session's answer to the same question is a separate attempt.
    let other = session(&store, "exam", T0 + 10);
    let third = store
        .upsert_exam_answer(&attempt(other, "q1", "c", "t", true), None, &[])
        .unwrap();
    assert_ne!(third, first);
    assert_eq!(store.attempt_count().unwrap(), 2);
}

#[test]
fn a_held_sessions_answers_join_the_aggregates_once_when_it_ends() {
    let store = Store::open_in_memory().unwrap();
    let practice = session(&store, "practice", T0);
    let right = store
        .record_attempt(&attempt(practice, "q1", "c", "t", true), None, &[])
        .unwrap();
    let exam = store
        .begin_session(&NewSession {
            mode: "exam".into(),
            started_at: T0 + 10,
            settings: serde_json::json!({ "held": true }),
        })
        .unwrap();
    let wrong = at(attempt(exam, "q1", "c", "t", false), T0 + 20);
    store
        .upsert_exam_answer(&wrong, None, &[(Owner::Customer, Owner::Microsoft)])
        .unwrap();
    store
        .upsert_exam_answer(
            &at(attempt(exam, "q2", "c", "t", false), T0 + 30),
            None,
            &[],
        )
        .unwrap();
    let q1 = |s: &Store| {
        let q = s.attempts_for_question("q1").unwrap();
        (q.attempts, q.correct)
    };
    assert_eq!(q1(&store), (1, 1), "the exam's answer is not counted yet");
    assert!(store.review_candidates().unwrap().is_empty());
    assert_eq!(store.attempt_count().unwrap(), 1);
    assert_eq!(store.confusion_table().unwrap(), [[0; 3]; 3]);
    assert!(
        store.responses_for_question("q1").unwrap().is_empty(),
        "the matrix's cells"
    );
    // Taking back the practice answer does not make the held one the question's latest.
    store.undo_attempt(right, None).unwrap();
    assert_eq!(q1(&store), (0, 0));
    assert!(store.review_candidates().unwrap().is_empty());
    // Changing a held answer and ending the session: each answer counted once.
    store
        .upsert_exam_answer(
            &at(wrong.clone(), T0 + 40),
            None,
            &[(Owner::Customer, Owner::Microsoft)],
        )
        .unwrap();
    store
        .finish_session(
            exam,
            T0 + 50,
            &SessionResult {
                points: 0,
                max: 2,
                scaled: None,
                passed: None,
            },
        )
        .unwrap();
    assert_eq!(q1(&store), (1, 0));
    assert_eq!(store.responses_for_question("q1").unwrap().len(), 1);
    assert_eq!(store.attempt_count().unwrap(), 2);
    assert_eq!(store.review_candidates().unwrap(), vec!["q1", "q2"]);
    let mut confusion = [[0; 3]; 3];
    confusion[0][1] = 1;
    assert_eq!(store.confusion_table().unwrap(), confusion);
}

#[test]
fn review_candidates_are_latest_wrong_or_marked_most_recent_first() {
    let store = Store::open_in_memory().unwrap();
    let s = session(&store, "practice", T0);
    let rec = |a: NewAttempt| store.record_attempt(&a, None, &[]).unwrap();
    rec(at(attempt(s, "wrong-old", "c1", "t", false), T0 + 1));
    rec(at(attempt(s, "fixed", "c2", "t", false), T0 + 2));
    let mut marked = at(attempt(s, "marked", "c3", "t", true), T0 + 3);
    marked.marked = true;
    rec(marked);
    rec(at(attempt(s, "right", "c4", "t", true), T0 + 4));
    rec(at(attempt(s, "fixed", "c2", "t", true), T0 + 5));
    rec(at(attempt(s, "slipped", "c5", "t", true), T0 + 6));
    let slipped = rec(at(attempt(s, "slipped", "c5", "t", false), T0 + 7));
    assert_eq!(
        store.review_candidates().unwrap(),
        vec!["slipped", "marked", "wrong-old"]
    );
    // Undo of the latest wrong answer brings back the earlier right one.
    store.undo_attempt(slipped, None).unwrap();
    assert_eq!(
        store.review_candidates().unwrap(),
        vec!["marked", "wrong-old"]
    );
}

#[test]
fn exams_and_the_last_exam_per_question() {
    let store = Store::open_in_memory().unwrap();
    let pass = |scaled: u32| SessionResult {
        points: scaled / 10,
        max: 100,
        scaled: Some(scaled),
        passed: Some(scaled >= 700),
    };

    // The first exam asked five questions and left "z1" unanswered.
    let e1 = store
        .begin_session(&NewSession {
            mode: "exam".into(),
            started_at: T0,
            settings: serde_json::json!({ "count": 5, "questions": ["a1", "b1", "g1", "g2", "z1"] }),
        })
        .unwrap();
    store
        .upsert_exam_answer(&attempt(e1, "a1", "alpha", "t", true), None, &[])
        .unwrap();
    store
        .upsert_exam_answer(&attempt(e1, "b1", "beta", "t", false), None, &[])
        .unwrap();
    store
        .upsert_exam_answer(&attempt(e1, "g1", "gamma", "t", true), None, &[])
        .unwrap();
    store
        .upsert_exam_answer(&attempt(e1, "g2", "gamma", "t", false), None, &[])
        .unwrap();
    store.finish_session(e1, T0 + 100, &pass(640)).unwrap();

    let unfinished = session(&store, "exam", T0 + 200);
    store
        .upsert_exam_answer(&attempt(unfinished, "a1", "alpha", "t", false), None, &[])
        .unwrap();
    let practice = session(&store, "practice", T0 + 300);
    store
        .finish_session(
            practice,
            T0 + 400,
            &SessionResult {
                points: 1,
                max: 1,
                scaled: None,
                passed: None,
            },
        )
        .unwrap();

    let e2 = session(&store, "exam", T0 + 500);
    assert_eq!(
        store.last_exam_results(e2).unwrap(),
        vec![
            ("a1".into(), true),
            ("b1".into(), false),
            ("g1".into(), true),
            ("g2".into(), false),
            // Asked, not answered: not right.
            ("z1".into(), false)
        ]
    );
    assert!(
        store.last_exam_results(e1).unwrap().is_empty(),
        "nothing before the first exam"
    );
    store.finish_session(e2, T0 + 600, &pass(760)).unwrap();

    let history = store.exam_history().unwrap();
    let summary: Vec<_> = history
        .iter()
        .map(|e| (e.session, e.scaled, e.passed, e.ended_at))
        .collect();
    assert_eq!(
        summary,
        vec![(e1, 640, false, T0 + 100), (e2, 760, true, T0 + 600)]
    );
    assert_eq!(
        (history[0].points, history[0].max, history[0].started_at),
        (64, 100, T0)
    );
    assert_eq!(
        store
            .history(2)
            .unwrap()
            .iter()
            .map(|h| h.id)
            .collect::<Vec<_>>(),
        vec![e2, practice]
    );
    assert_eq!(store.totals().unwrap().sessions, 4);
}

#[test]
fn streak_counts_consecutive_days_ending_today_or_yesterday() {
    let store = Store::open_in_memory().unwrap();
    let s = session(&store, "practice", T0);
    for day in [D0 - 10, D0 - 3, D0 - 2, D0 - 1] {
        store
            .record_attempt(
                &at(attempt(s, "q", "c", "t", true), day * DAY_MS),
                None,
                &[],
            )
            .unwrap();
    }
    assert_eq!(
        store.streak(D0).unwrap(),
        3,
        "today not studied yet: streak holds"
    );
    assert_eq!(store.streak(D0 - 1).unwrap(), 3);
    assert_eq!(store.streak(D0 + 1).unwrap(), 0, "a missed day breaks it");
    let id = store
        .record_attempt(&at(attempt(s, "q", "c", "t", true), T0), None, &[])
        .unwrap();
    assert_eq!(store.streak(D0).unwrap(), 4);
    store.undo_attempt(id, None).unwrap();
    assert_eq!(store.streak(D0).unwrap(), 3);
    assert_eq!(Store::open_in_memory().unwrap().streak(D0).unwrap(), 0);
}

#[test]
fn weakest_concepts_and_leeches() {
    let store = Store::open_in_memory().unwrap();
    let s = session(&store, "practice", T0);
    let rec = |c: &str, ok: bool| {
        store
            .record_attempt(&attempt(s, c, c, "t", ok), None, &[])
            .unwrap()
    };
    // strong: 3/3, half: 1/2, bad: 0/2, bad-lapsed: 0/1 with lapses.
    for _ in 0..3 {
        rec("strong", true);
    }
    rec("half", true);
    rec("half", false);
    rec("bad", false);
    rec("bad", false);
    rec("lapsed", false);
    store.set_memory(&mem("lapsed", 5, 4)).unwrap();
    store.set_memory(&mem("bad", 2, 1)).unwrap();
    store
        .set_memories(&[mem("strong", 3, 0), mem("unseen", 1, 3)])
        .unwrap();

    let weak: Vec<_> = store
        .weakest_concepts(3)
        .unwrap()
        .into_iter()
        .map(|w| (w.concept, w.correct, w.total, w.lapses))
        .collect();
    assert_eq!(
        weak,
        vec![
            ("lapsed".into(), 0, 1, 4),
            ("bad".into(), 0, 2, 1),
            ("half".into(), 1, 2, 0)
        ]
    );
    let leeches = |limit| -> Vec<String> {
        store
            .leeches(3, limit)
            .unwrap()
            .into_iter()
            .map(|m| m.concept)
            .collect()
    };
    assert_eq!(leeches(10), vec!["lapsed", "unseen"]);
    assert_eq!(
        leeches(1),
        vec!["lapsed"],
        "the worst first, cut at the limit"
    );
    assert_eq!(store.leech_count(3).unwrap(), 2);
    assert_eq!(store.leech_count(5).unwrap(), 0);
}

#[test]
fn settings_round_trip() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(
        store.get_setting(az900::store::keys::EXAM_DATE).unwrap(),
        None
    );
    store
        .set_setting(az900::store::keys::EXAM_DATE, "2026-12-20")
        .unwrap();
    store
        .set_setting(az900::store::keys::EXAM_DATE, "2026-12-24")
        .unwrap();
    store
        .set_setting(az900::store::keys::NEW_PER_DAY, "8")
        .unwrap();
    assert_eq!(
        store.get_setting("exam_date").unwrap().as_deref(),
        Some("2026-12-24")
    );
    assert_eq!(
        store.get_setting("new_per_day").unwrap().as_deref(),
        Some("8")
    );
    store.remove_setting("exam_date").unwrap();
    assert_eq!(store.get_setting("exam_date").unwrap(), None);
}

#[test]
fn two_instances_on_one_file_both_write_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let a = Store::open(&path).unwrap();
    let b = Store::open(&path).unwrap();
    let sa = session(&a, "practice", T0);
    let sb = session(&b, "practice", T0);
    let mut ids: Vec<AttemptId> = Vec::new();
    for i in 0..40 {
        let (store, s) = if i % 2 == 0 { (&a, sa) } else { (&b, sb) };
        let concept = format!("c{}", i % 5);
        let m = mem(&concept, i, 0);
        ids.push(
            store
                .record_attempt(
                    &attempt(s, &format!("q{i}"), &concept, "t", i % 3 == 0),
                    Some(&m),
                    &[],
                )
                .unwrap(),
        );
        // Each sees the other's writes at once.
        let other = if i % 2 == 0 { &b } else { &a };
        assert_eq!(other.attempt_count().unwrap(), u64::from(i) + 1);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 40);
    drop((a, b));
    let store = Store::open(&path).unwrap();
    assert_eq!(store.attempt_count().unwrap(), 40);
    assert_eq!(
        store
            .history(10)
            .unwrap()
            .iter()
            .map(|h| h.answered)
            .sum::<u64>(),
        40
    );
    assert_eq!(store.memory("c4").unwrap().map(|m| m.reps), Some(39));

    // Threads writing at the same time wait for each other instead of failing.
    std::thread::scope(|scope| {
        for t in 0..2 {
            let path = path.clone();
            scope.spawn(move || {
                let store = Store::open(&path).unwrap();
                let s = session(&store, "practice", T0);
                for i in 0..25 {
                    store
                        .record_attempt(
                            &attempt(s, &format!("t{t}-{i}"), "c", "t", true),
                            None,
                            &[],
                        )
                        .unwrap();
                }
            });
        }
    });
    assert_eq!(store.attempt_count().unwrap(), 90);
}

#[test]
fn daily_backups_are_made_once_a_day_and_pruned_to_seven() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let backups = dir.path().join("backups");
    let store = Store::open(&path).unwrap();
    let s = session(&store, "practice", T0);
    for day in 0..10 {
        let now = T0 + day * DAY_MS + 3_600_000;
        store
            .record_attempt(&at(attempt(s, "q", "c", "t", true), now), None, &[])
            .unwrap();
        let made = store.backup_if_due(&backups, now, 7).unwrap();
        assert!(made.is_some(), "day {day}");
        assert_eq!(
            store.backup_if_due(&backups, now + 60_000, 7).unwrap(),
            None,
            "once a day"
        );
    }
    // Something that is not a daily backup is never pruned, even named like the newest one,
    // nor does it push a real backup out.
    std::fs::write(backups.join("notes.txt"), b"keep me").unwrap();
    std::fs::write(
        backups.join("az900-2027-01-01.db"),
        b"random bytes, not SQLite",
    )
    .unwrap();
    store.backup_if_due(&backups, T0 + 10 * DAY_MS, 7).unwrap();
    let list = list_backups(&backups).unwrap();
    let dates: Vec<String> = list.iter().map(|b| b.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2026-12-08",
            "2026-12-07",
            "2026-12-06",
            "2026-12-05",
            "2026-12-04",
            "2026-12-03",
            "2026-12-02"
        ]
    );
    assert!(list[0].path.ends_with("az900-2026-12-08.db"));
    assert!(backups.join("notes.txt").exists());
    assert!(backups.join("az900-2027-01-01.db").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&list[0].path)
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
    // A backup is a complete database on its own.
    let copy = Store::open(&list[1].path).unwrap();
    assert_eq!(copy.attempt_count().unwrap(), 10);
    assert!(list_backups(&dir.path().join("none")).unwrap().is_empty());
}

/// The files in `dir` whose names end with `.tmp`.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn the_daily_backup_copies_through_its_own_connection_while_the_app_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let backups = dir.path().join("backups");
    let store = Store::open(&path).unwrap();
    let s = session(&store, "practice", T0);
    let record = |from: usize| {
        for i in from..from + 200 {
            let a = attempt(s, &format!("q{i}"), &format!("c{}", i % 40), "t", i % 3 > 0);
            store
                .record_attempt(&a, Some(&mem("c", 1, 0)), &[])
                .unwrap();
        }
    };
    record(0);
    let made = std::thread::scope(|scope| {
        let backup = scope.spawn(|| daily_backup(&path, &backups, T0, 7));
        record(200);
        backup.join().unwrap()
    })
    .unwrap()
    .expect("no backup today yet: one is made");
    assert_eq!(made, backups.join("az900-2026-11-28.db"));
    // The copy is a consistent snapshot taken while answers went on being recorded.
    let copy = Store::open(&made).unwrap();
    let copied = copy.attempt_count().unwrap();
    assert!((200..=400).contains(&copied), "{copied}");
    assert_eq!(
        store.attempt_count().unwrap(),
        400,
        "the app's writes all landed"
    );
    // Once a day.
    assert_eq!(
        daily_backup(&path, &backups, T0 + 3_600_000, 7).unwrap(),
        None
    );
    assert!(temporaries(&backups).is_empty());
    let next = daily_backup(&path, &backups, T0 + DAY_MS, 7)
        .unwrap()
        .unwrap();
    assert_eq!(Store::open(&next).unwrap().attempt_count().unwrap(), 400);
}

#[test]
fn a_database_failing_the_check_makes_no_backup_and_pushes_no_good_one_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let backups = dir.path().join("backups");
    {
        let store = Store::open(&path).unwrap();
        let s = session(&store, "practice", T0);
        for i in 0..2_000 {
            let a = attempt(s, &format!("q{i}"), &format!("c{}", i % 97), "t", i % 2 > 0);
            store
                .record_attempt(&a, Some(&mem("c", 1, 0)), &[])
                .unwrap();
        }
    }
    for day in 0..7 {
        assert!(
            daily_backup(&path, &backups, T0 + day * DAY_MS, 7)
                .unwrap()
                .is_some()
        );
    }
    let good = list_backups(&backups).unwrap();
    assert_eq!(good.len(), 7);
    // Fold the WAL in, then scribble over the last quarter of the pages: the header, the schema
    // and the owner still read as az900's, so only a whole-file check can tell.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(&path).unwrap();
    let pages = bytes.len() / 4096;
    assert!(pages >= 20, "{pages} pages");
    for b in bytes.iter_mut().skip((pages - pages / 4) * 4096) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    drop(Store::open_fast(&path).expect("start-up's quick checks pass"));

    let err = daily_backup(&path, &backups, T0 + 7 * DAY_MS, 7).unwrap_err();
    assert!(
        matches!(&err, StoreError::Damaged { path: p, .. } if *p == path),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("az900 backup restore"), "{message}");
    assert_eq!(
        list_backups(&backups).unwrap(),
        good,
        "older backups all kept"
    );
    assert!(
        temporaries(&backups).is_empty(),
        "the damaged copy is deleted"
    );
    assert!(
        std::fs::read(&path).unwrap() == bytes,
        "the database is only read"
    );
}

#[test]
fn copies_left_by_an_interrupted_backup_are_removed_once_an_hour_old() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    populated(&path);
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    let old = |name: &str| {
        let f = std::fs::File::create(backups.join(name)).unwrap();
        f.set_modified(two_hours_ago).unwrap();
    };
    old("az900-2026-11-20.db.4242.tmp");
    old("notes.tmp");
    std::fs::write(backups.join("az900-2026-11-28.db.4343.tmp"), b"in progress").unwrap();
    daily_backup(&path, &backups, T0, 7).unwrap().unwrap();
    let mut left = temporaries(&backups);
    left.sort();
    assert_eq!(left, ["az900-2026-11-28.db.4343.tmp", "notes.tmp"]);
}

#[test]
fn restore_moves_the_current_database_aside_and_brings_the_backup_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let backup = dir.path().join("b").join("snapshot.db");
    {
        let store = Store::open(&path).unwrap();
        let s = session(&store, "practice", T0);
        store
            .record_attempt(
                &attempt(s, "q1", "c", "t", true),
                Some(&mem("c", 1, 0)),
                &[],
            )
            .unwrap();
        store.backup_to(&backup).unwrap();
        store
            .record_attempt(
                &attempt(s, "q2", "c", "t", false),
                Some(&mem("c", 2, 1)),
                &[],
            )
            .unwrap();
    }
    // Restoring from something that is not a backup changes nothing.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    let before = snapshot(path.parent().unwrap());
    let err = restore(&junk, &path).unwrap_err();
    assert!(
        matches!(&err, StoreError::InvalidBackup { reason, .. } if matches!(**reason, StoreError::NotSqlite { .. })),
        "{err:?}"
    );
    assert_eq!(snapshot(path.parent().unwrap()), before);

    let aside = restore(&backup, &path)
        .unwrap()
        .expect("the current database was moved aside");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.attempt_count().unwrap(), 1);
    assert_eq!(store.memory("c").unwrap(), Some(mem("c", 1, 0)));
    // The replaced database is kept, whole.
    let old = Store::open(&aside).unwrap();
    assert_eq!(old.attempt_count().unwrap(), 2);
    assert_eq!(old.memory("c").unwrap(), Some(mem("c", 2, 1)));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Restoring where there is no database yet just puts the backup there.
    let fresh = dir.path().join("fresh").join("progress.db");
    assert_eq!(restore(&backup, &fresh).unwrap(), None);
    assert_eq!(Store::open(&fresh).unwrap().attempt_count().unwrap(), 1);
}

#[test]
fn a_backup_cannot_overwrite_its_own_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.db");
    populated(&path);
    let store = Store::open(&path).unwrap();
    assert!(matches!(store.backup_to(&path), Err(StoreError::Io { .. })));
    assert_eq!(store.attempt_count().unwrap(), 3);
}

#[test]
fn concepts_introduced_per_day_follow_records_and_undos() {
    let store = Store::open_in_memory().unwrap();
    let s = session(&store, "learn", T0);
    let first = store
        .record_attempt(&attempt(s, "q1", "c1", "t", true), None, &[])
        .unwrap();
    let next_day = T0 + DAY_MS;
    store
        .record_attempt(&at(attempt(s, "q2", "c2", "t", true), next_day), None, &[])
        .unwrap();
    store
        .record_attempt(&at(attempt(s, "q1", "c1", "t", true), next_day), None, &[])
        .unwrap();
    assert_eq!(store.concepts_introduced_on(D0).unwrap(), 1);
    assert_eq!(store.concepts_introduced_on(D0 + 1).unwrap(), 1);
    store.undo_attempt(first, None).unwrap();
    assert_eq!(store.concepts_introduced_on(D0).unwrap(), 0);
    assert_eq!(store.concepts_introduced_on(D0 + 1).unwrap(), 2);
}

#[test]
fn marking_an_answer_afterwards_puts_it_on_the_review_list() {
    let store = Store::open_in_memory().unwrap();
    let s = session(&store, "practice", T0);
    let id = store
        .record_attempt(&attempt(s, "q1", "c", "t", true), None, &[])
        .unwrap();
    assert!(store.review_candidates().unwrap().is_empty());
    store.set_marked(id, true).unwrap();
    assert_eq!(store.review_candidates().unwrap(), vec!["q1"]);
    store.set_marked(id, false).unwrap();
    assert!(store.review_candidates().unwrap().is_empty());
}
