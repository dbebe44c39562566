//! Progress survives the outline: a database written by the release before it (commit
//! 74b287a, `examples/fill_history --attempts 400 --years 1 --seed 900`) opens with today's
//! code and bank, and every count and memory state reads as that release wrote it (the
//! expectations were read from the file with sqlite3, not with this code).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use az900::bank::Bank;
use az900::clock::FixedClock;
use az900::store::Store;
use az900::study::{StatsReport, Study};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/db")
        .join(name)
}

#[test]
fn a_database_from_the_release_before_the_outline_loads_unchanged() {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("v0.1-progress.expected.json")).unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("progress.sqlite3");
    std::fs::copy(fixture("v0.1-progress.sqlite3"), &db).unwrap();
    let store = Store::open(&db).unwrap();
    let bank = Bank::embedded().unwrap();

    let totals = store.totals().unwrap();
    assert_eq!(totals.attempts, expected["attempts"].as_u64().unwrap());
    assert_eq!(totals.sessions, expected["sessions"].as_u64().unwrap());
    assert_eq!(
        store.exam_history().unwrap().len() as u64,
        expected["exams"].as_u64().unwrap()
    );

    // Every question answered then is still in the bank, under the same concept.
    for id in expected["question_ids"].as_array().unwrap() {
        assert!(bank.get(id.as_str().unwrap()).is_some(), "{id} is gone");
    }
    // Every memory state reads back as written, and its concept still has a wording.
    let states = store.memory_states().unwrap();
    let want = expected["memory"].as_array().unwrap();
    assert_eq!(states.len(), want.len());
    for (s, w) in states.iter().zip(want) {
        assert_eq!(s.concept, w["concept"].as_str().unwrap());
        assert_eq!(u64::from(s.reps), w["reps"].as_u64().unwrap());
        assert_eq!(u64::from(s.lapses), w["lapses"].as_u64().unwrap());
        assert_eq!(s.due, w["due"].as_i64().unwrap());
        assert!((f64::from(s.stability) - w["stability"].as_f64().unwrap()).abs() < 1e-3);
        assert!(
            bank.wordings(&s.concept).next().is_some(),
            "{} has no question",
            s.concept
        );
    }

    // The stats see all of it, now per objective too: every answer lands on an objective.
    let study = Study::new(bank, store, Box::new(FixedClock::new(20_800 * 86_400_000))).unwrap();
    let r = StatsReport::gather(&study).unwrap();
    assert_eq!(r.dashboard.attempts, expected["attempts"].as_u64().unwrap());
    let answered: u64 = r.outline.objectives.iter().map(|o| o.answered).sum();
    assert_eq!(answered, expected["concept_answered"].as_u64().unwrap());
    let studied: usize = r.outline.objectives.iter().map(|o| o.studied).sum();
    assert_eq!(
        studied,
        want.iter()
            .filter(|w| w["reps"].as_u64().unwrap() > 0)
            .count()
    );
}
