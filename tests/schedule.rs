//! The scheduler as a harness sees it: no terminal, no database, times and seeds as inputs.

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
