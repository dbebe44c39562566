//! `stats --json` per skill area and objective: answers in one objective (picked with an
//! outline id as `--topic`) move that objective, its area and the exam-weighted estimate only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use az900::bank::Bank;
use az900::clock::{FixedClock, Millis};
use az900::engine::{Action, Mode};
use az900::schedule::GUESS_RATE;
use az900::store::Store;
use az900::study::{StartOptions, StatsReport, Study};

const DAY: i64 = 86_400_000;
const T0: Millis = 20_785 * DAY + 10 * 3_600_000;

#[test]
fn answers_in_one_objective_show_in_its_line_and_nowhere_else() {
    let mut study = Study::new(
        Bank::embedded().unwrap(),
        Store::open_in_memory().unwrap(),
        Box::new(FixedClock::new(T0)),
    )
    .unwrap();
    let opts = StartOptions {
        seed: Some(4),
        count: Some(2),
        topic: Some("1.3.1".into()),
        ..StartOptions::default()
    };
    let mut s = study.start(Mode::Practice, &opts).unwrap();
    let mut concepts = BTreeSet::new();
    for right in [true, false] {
        let q = study
            .bank
            .get(&s.current_item().question_id)
            .unwrap()
            .clone();
        assert_eq!(q.objective, "1.3.1", "the outline id filters the session");
        concepts.insert(q.concept.clone());
        let response = if right {
            q.body.key()
        } else {
            az900::bank::Response::Choices(vec![])
        };
        study
            .apply(
                &mut s,
                Action::Answer {
                    response,
                    guess: false,
                },
            )
            .unwrap();
        study.apply(&mut s, Action::Next).unwrap();
    }
    let r = StatsReport::gather(&study).unwrap();
    let o = r
        .outline
        .objectives
        .iter()
        .find(|o| o.id == "1.3.1")
        .unwrap();
    assert_eq!((o.answered, o.correct), (2, 1));
    assert_eq!(o.studied, concepts.len());
    let in_bank: BTreeSet<&str> = study
        .bank
        .questions()
        .iter()
        .filter(|q| q.objective == "1.3.1")
        .map(|q| q.concept.as_str())
        .collect();
    assert_eq!(o.concepts, in_bank.len());
    // Its prediction from the stored memory states, as the readiness rule defines it.
    let mut sum = 0.0;
    for c in &in_bank {
        sum += match study.store.memory(c).unwrap() {
            Some(m) if m.reps > 0 => {
                GUESS_RATE
                    + (1.0 - GUESS_RATE) * study.scheduler.recall_on(&m, T0.div_euclid(DAY), 0)
            }
            _ => GUESS_RATE,
        };
    }
    #[allow(clippy::cast_precision_loss)]
    let want = 100.0 * sum / in_bank.len() as f64;
    assert!(
        (o.predicted_percent.unwrap() - want).abs() < 1e-6,
        "{o:?} vs {want}"
    );
    assert_eq!(r.outline.unknown_objectives, 57);
    assert!(r.outline.areas[0].predicted_percent.is_some());
    assert!(
        r.outline.areas[1].predicted_percent.is_none()
            && r.outline.areas[2].predicted_percent.is_none()
    );
    assert!(
        r.outline.predicted_percent < 30.0,
        "one objective cannot make a learner ready"
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["outline"]["objectives"].as_array().unwrap().len(), 58);
    assert!(r.to_text().contains("By skill area"));
}
