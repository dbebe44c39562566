//! The scheduler as a harness sees it: no terminal, no database, times and seeds as inputs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use az900::clock::{MS_PER_DAY, study_day};
use az900::schedule::sim::{PolicyKind, SimConfig, run};
use az900::schedule::{ConceptInfo, ExamPlan, Rating, Scheduler, rating_for, readiness};

#[test]
fn a_tiny_simulation_runs_and_is_deterministic_for_a_seed() {
    let config = SimConfig::tiny(7);
    let a = run(&config, 1);
    let b = run(&config, 2);
    assert_eq!(a, b, "same seed, same result, whatever the threads");
    assert_eq!(a.scenarios.len(), config.scenarios().len());
    for s in &a.scenarios {
        assert_eq!(s.runs.len(), PolicyKind::ALL.len());
        for (policy, runs) in PolicyKind::ALL.iter().zip(&s.runs) {
            assert_eq!(runs.len(), config.learners);
            for r in runs {
                assert!((0.0..=1.0).contains(&r.exam_recall), "{policy:?} {r:?}");
                assert!(r.reviews <= s.scenario.budget * s.scenario.horizon as usize);
            }
        }
    }
    let other = run(&SimConfig::tiny(8), 1);
    assert_ne!(a, other, "another seed draws other learners");
    assert!(!a.table().is_empty());
}

#[test]
fn a_study_plan_driven_day_by_day_learns_the_bank() {
    // Drive the scheduler like the app does: ask today's queue, answer, record.
    let concepts: Vec<ConceptInfo> = (0..30)
        .map(|i| ConceptInfo {
            concept: format!("c{i}"),
            topic: if i % 2 == 0 { "a".into() } else { "b".into() },
        })
        .collect();
    let start_day = 20_100;
    let sched = Scheduler::default().with_exam(Some(ExamPlan {
        exam_day: start_day + 10,
        minutes_per_day: 10,
    }));
    let mut states = Vec::new();
    for day in start_day..start_day + 10 {
        let queue = sched.queue(&states, &concepts, day, 0, 0);
        assert!(queue.len() <= 20, "the daily budget");
        for c in queue {
            let at = day * MS_PER_DAY + 9 * 3_600_000;
            assert_eq!(study_day(at, 0, sched.rollover_hour), day);
            let prev = states
                .iter()
                .position(|s: &az900::schedule::MemoryState| s.concept == c);
            let next = sched.review(
                prev.map(|i| &states[i]),
                &c,
                "q",
                rating_for(true, false),
                at,
                0,
            );
            match prev {
                Some(i) => states[i] = next,
                None => states.push(next),
            }
        }
    }
    assert_eq!(states.len(), concepts.len(), "every concept was introduced");
    let r = readiness(
        &sched,
        &states,
        &concepts,
        &Default::default(),
        start_day + 10,
        0,
        0.7,
    );
    assert!(r.predicted_percent > 80.0, "{r:?}");
    assert!(r.scaled_estimate >= 700);
    assert_eq!(Rating::Hard, rating_for(true, true));
}

#[test]
fn optimize_fits_on_enough_history_and_keeps_only_what_predicts_better() {
    use az900::schedule::{MemoryState, ReviewLog, optimize};
    // A learner who forgets faster than FSRS's average: recall (1 + t / (4 S))^-1 on FSRS's
    // stability, outcomes from a fixed pseudo-random sequence.
    let sched = Scheduler::default();
    let mut states: Vec<Option<MemoryState>> = vec![None; 40];
    let mut log = Vec::new();
    let mut x: u64 = 12345;
    let mut draw = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    for day in 0..90i64 {
        let today = 20_000 + day;
        for (c, slot) in states.iter_mut().enumerate() {
            let due = slot
                .as_ref()
                .is_none_or(|s| sched.study_day(s.due, 0) <= today);
            if !due || (slot.is_none() && day > (c as i64) / 4) {
                continue;
            }
            let at = today * MS_PER_DAY + 10 * 3_600_000;
            let right = match slot {
                None => draw() < 0.3,
                Some(s) => {
                    let t = (today - sched.study_day(s.last_review, 0)) as f64;
                    draw() < (1.0 + t / (4.0 * f64::from(s.stability))).recip()
                }
            };
            let rating = rating_for(right, false);
            *slot = Some(sched.review(slot.as_ref(), &format!("c{c}"), "q", rating, at, 0));
            log.push(ReviewLog {
                concept: format!("c{c}"),
                at,
                day: today,
                rating,
            });
        }
    }
    assert!(log.len() >= 400, "{} reviews", log.len());
    let report = optimize(&log).unwrap();
    assert_eq!(report.params.len(), 21);
    assert!(report.default_log_loss.is_finite() && report.fitted_log_loss.is_finite());
    assert_eq!(
        report.kept,
        report.fitted_log_loss < report.default_log_loss
    );
    if !report.kept {
        assert_eq!(report.params, fsrs::DEFAULT_PARAMETERS.to_vec());
    }
    assert!(report.scored > 0);
    // Too short a history is refused with how much more is needed.
    let err = optimize(&log[..100]).unwrap_err().to_string();
    assert!(err.contains("300 more reviews"), "{err}");
}
