use super::*;
use crate::clock::MS_PER_DAY;

const TODAY: Day = 20_000;

fn info(names: &[&str]) -> Vec<ConceptInfo> {
    names
        .iter()
        .map(|n| ConceptInfo {
            concept: (*n).into(),
            topic: "t".into(),
        })
        .collect()
}

/// A state last reviewed `ago` days before TODAY (at noon), due `due_in` days from TODAY.
fn state(s: &Scheduler, concept: &str, stability: f32, ago: i64, due_in: i64) -> MemoryState {
    MemoryState {
        concept: concept.into(),
        stability,
        difficulty: 5.0,
        last_review: (TODAY - ago) * MS_PER_DAY + 12 * 3_600_000,
        due: s.day_start(TODAY + due_in, 0),
        reps: 3,
        lapses: 0,
        last_question: None,
    }
}

#[test]
fn due_concepts_come_first_lowest_recall_first_then_new_ones() {
    let s = Scheduler::default();
    let states = vec![
        state(&s, "due-today", 10.0, 10, 0),
        state(&s, "overdue", 2.0, 12, -8),
        state(&s, "later", 30.0, 1, 20),
    ];
    let all = info(&["n1", "due-today", "later", "overdue", "n2", "n3"]);
    let q = s.queue(&states, &all, TODAY, 0, 0);
    assert_eq!(q, ["overdue", "due-today", "n1", "n2", "n3"]);
    // A concept that left the bank is not asked.
    let q = s.queue(&states, &info(&["due-today"]), TODAY, 0, 0);
    assert_eq!(q, ["due-today"]);
}

#[test]
fn new_concepts_stop_at_the_daily_limit() {
    let mut s = Scheduler::default();
    s.new_per_day = 2;
    let all = info(&["a", "b", "c", "d"]);
    assert_eq!(s.queue(&[], &all, TODAY, 0, 0), ["a", "b"]);
    assert_eq!(
        s.queue(&[], &all, TODAY, 0, 1),
        ["a"],
        "one already started today"
    );
    assert!(s.queue(&[], &all, TODAY, 0, 5).is_empty());
    let with_exam = s.clone().with_exam(Some(ExamPlan {
        exam_day: TODAY + 30,
        minutes_per_day: 30,
    }));
    // Before an exam, the minutes are the limit (30 minutes hold all four).
    assert_eq!(with_exam.queue(&[], &all, TODAY, 0, 0).len(), 4);
    // Once the exam day has come, the daily limit is back.
    let after = s.with_exam(Some(ExamPlan {
        exam_day: TODAY,
        minutes_per_day: 30,
    }));
    assert_eq!(after.queue(&[], &all, TODAY, 0, 0).len(), 2);
}

/// Without an exam date, new concepts are taken in turn from each topic (bank order within a
/// topic): a fresh Study due began with ten concepts of one objective in a row.
#[test]
fn new_concepts_come_in_turn_from_each_topic() {
    let mut s = Scheduler::default();
    s.new_per_day = 5;
    let all: Vec<ConceptInfo> = [
        ("a1", "a"),
        ("a2", "a"),
        ("a3", "a"),
        ("b1", "b"),
        ("c1", "c"),
        ("c2", "c"),
    ]
    .iter()
    .map(|(c, t)| ConceptInfo {
        concept: (*c).into(),
        topic: (*t).into(),
    })
    .collect();
    assert_eq!(
        s.queue(&[], &all, TODAY, 0, 0),
        ["a1", "b1", "c1", "a2", "c2"]
    );
    s.new_per_day = 20;
    assert_eq!(
        s.queue(&[], &all, TODAY, 0, 0),
        ["a1", "b1", "c1", "a2", "c2", "a3"]
    );
}

#[test]
fn the_exam_plan_fills_the_minutes_at_the_learners_pace() {
    use crate::schedule::Pace;
    let names: Vec<String> = (0..40).map(|i| format!("c{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let all = info(&refs);
    let plan = |minutes| {
        Some(ExamPlan {
            exam_day: TODAY + 60,
            minutes_per_day: minutes,
        })
    };
    let fast = Pace {
        new_secs: 45.0,
        review_secs: 15.0,
    };
    // Unseen concepts only: 3 minutes hold 180 / 45 of them.
    let mut s = Scheduler::default().with_exam(plan(3));
    s.pace = fast;
    s.new_per_day = 40;
    assert_eq!(
        s.queue(&[], &all, TODAY, 0, 0).len(),
        (180.0 / 45.0) as usize
    );
    // Seen concepts only: 3 minutes hold 180 / 15 reviews, where the default pace (30 s)
    // planned half as many and left the rest of the time unused.
    let base = Scheduler::default();
    let states: Vec<MemoryState> = refs.iter().map(|n| state(&base, n, 3.0, 2, 100)).collect();
    assert_eq!(
        s.queue(&states, &all, TODAY, 0, 0).len(),
        (180.0 / 15.0) as usize
    );
    let default = Scheduler::default().with_exam(plan(3));
    assert_eq!(
        default.queue(&states, &all, TODAY, 0, 0).len(),
        (180.0 / Pace::DEFAULT.review_secs) as usize
    );
    assert_eq!(s.daily_items(plan(3).unwrap()), 12);
}

#[test]
fn the_exam_plan_spends_the_budget_on_due_then_gain_then_on_gain_alone() {
    let names = ["a", "b", "c", "d", "e", "f"];
    let shapes = [
        (0.5, 1),
        (2.0, 3),
        (5.0, 10),
        (20.0, 15),
        (60.0, 30),
        (3.0, 2),
    ];
    let plan = |left| ExamPlan {
        exam_day: TODAY + left,
        minutes_per_day: 2,
    };
    let s = Scheduler::default();
    let with_exam = |left| Scheduler::default().with_exam(Some(plan(left)));
    // Nothing is due for a long time: only the exam plan makes these reviews happen.
    let states: Vec<MemoryState> = names
        .iter()
        .zip(shapes)
        .map(|(n, (st, ago))| state(&s, n, st, ago, 100))
        .collect();
    let all = info(&names);
    let exam_recall = |c: &str, left: i64| {
        let st = states.iter().find(|x| x.concept == c).unwrap();
        s.recall_on(st, TODAY + left, 0)
    };

    let far = with_exam(40).queue(&states, &all, TODAY, 0, 0);
    assert_eq!(far.len(), 4, "2 minutes at 2 reviews a minute");
    let gain = |c: &str| {
        let st = states.iter().find(|x| x.concept == c).unwrap();
        let ago = TODAY - s.study_day(st.last_review, 0);
        s.review_gain(st.stability, st.difficulty, st.reps, ago, 40)
    };
    // Concepts whose recall today fell to the desired retention first, then by gain.
    let due = |c: &str| {
        let st = states.iter().find(|x| x.concept == c).unwrap();
        s.recall_on(st, TODAY, 0) <= f64::from(s.desired_retention)
    };
    let key = |c: &str| (due(c), gain(c));
    assert!(far.windows(2).all(|w| key(&w[0]) >= key(&w[1])), "{far:?}");
    assert!(
        names
            .iter()
            .filter(|n| !far.iter().any(|c| c == *n))
            .all(|n| key(n) <= key(&far[3])),
        "the best four are picked"
    );
    assert!(far.iter().any(|c| !due(c)), "not just what is due");

    // In the last days, the gain in exam-day recall alone decides, due or not.
    let near = with_exam(2).queue(&states, &all, TODAY, 0, 0);
    assert_eq!(near.len(), 4);
    let near_gain = |c: &str| {
        let st = states.iter().find(|x| x.concept == c).unwrap();
        let ago = TODAY - s.study_day(st.last_review, 0);
        s.review_gain(st.stability, st.difficulty, st.reps, ago, 2)
    };
    assert!(
        near.windows(2)
            .all(|w| near_gain(&w[0]) >= near_gain(&w[1])),
        "{near:?}"
    );
    assert!(
        names
            .iter()
            .filter(|n| !near.iter().any(|c| c == *n))
            .all(|n| near_gain(n) <= near_gain(&near[3])),
        "the best four are picked"
    );
    assert!(exam_recall(&near[0], 2) < exam_recall(&near[3], 2));

    // Once the exam day has come, the queue follows due dates again (nothing due here).
    assert!(with_exam(0).queue(&states, &all, TODAY, 0, 0).is_empty());
}

#[test]
fn the_last_days_go_for_exam_day_gain_not_the_weakest() {
    // A learner who forgets steeply (calibrated decay 1), two days to the exam, two reviews
    // a day (one minute).
    let scheduler = |first_scale: f64| {
        let mut s = Scheduler::default().with_exam(Some(ExamPlan {
            exam_day: TODAY + 2,
            minutes_per_day: 1,
        }));
        s.calibration = Some(crate::schedule::Calibration::for_tests(
            1.0,
            Some(first_scale),
            100,
        ));
        s
    };
    let s = scheduler(1.0);
    let states = vec![
        // Recall today about 6 %: the weakest, but a review would most likely fail.
        state(&s, "weakest", 0.2, 30, -20),
        // Recall today about 12 %: weak too, and more to gain from a review.
        state(&s, "rescuable", 0.3, 20, -10),
        state(&s, "solid", 20.0, 1, 10),
    ];
    let all = info(&["weakest", "solid", "rescuable", "new"]);
    let weakest_exam = s.recall_on(&states[0], TODAY + 2, 0);
    assert!(
        states[1..]
            .iter()
            .all(|st| s.recall_on(st, TODAY + 2, 0) > weakest_exam)
    );
    // One exposure of an unseen concept lasts the two days: worth more than any review.
    assert_eq!(s.queue(&states, &all, TODAY, 0, 0), ["new", "rescuable"]);
    // If single exposures fade within hours for this learner, reviews come first.
    let s = scheduler(0.01);
    assert_eq!(
        s.queue(&states, &all, TODAY, 0, 0),
        ["rescuable", "weakest"]
    );
}

/// An exam 40 days away, two reviews a day (one minute), with FSRS's own curve as a
/// calibration fitted on `later_observations` answers to concepts seen more than once.
fn exam_in_40_days(later_observations: usize) -> Scheduler {
    let mut s = Scheduler::default().with_exam(Some(ExamPlan {
        exam_day: TODAY + 40,
        minutes_per_day: 1,
    }));
    s.calibration = Some(crate::schedule::Calibration::for_tests(
        0.1542,
        Some(1.0),
        later_observations,
    ));
    s
}

#[test]
fn a_trusted_calibration_lets_recall_fall_to_0_7_before_a_mature_concept_is_due() {
    let scheduler = exam_in_40_days;
    let young = scheduler(TRUSTED_CALIBRATION - 1);
    let trusted = scheduler(TRUSTED_CALIBRATION);
    assert!((young.exam_due_recall() - 0.9).abs() < 1e-6);
    assert!((trusted.exam_due_recall() - CALIBRATED_DUE_RECALL).abs() < 1e-12);
    // The desired retention still caps it.
    let mut low = scheduler(TRUSTED_CALIBRATION);
    low.desired_retention = 0.6;
    assert!((low.exam_due_recall() - 0.6).abs() < 1e-6);
    // Without a calibration, the desired retention rules.
    assert!((Scheduler::default().exam_due_recall() - 0.9).abs() < 1e-6);

    let mut states = vec![
        // Predicted recall today about 0.85: due at 0.9, not at 0.7.
        state(&young, "fading", 10.0, 19, 30),
        state(&young, "solid", 60.0, 2, 60),
    ];
    states[0].reps = YOUNG_REPS;
    let fading = young.recall_on(&states[0], TODAY, 0);
    assert!(fading > 0.82 && fading < 0.88, "{fading}");
    let all = info(&["solid", "fading", "new"]);
    // A young calibration: the fading concept is due and comes before the new one.
    assert_eq!(young.queue(&states, &all, TODAY, 0, 0), ["fading", "new"]);
    // A trusted one: it is not due yet, and the day goes to the new concept first.
    assert_eq!(trusted.queue(&states, &all, TODAY, 0, 0), ["new", "fading"]);
    // A young concept (answered fewer than YOUNG_REPS times) stays due at the desired
    // retention even with a trusted calibration.
    assert!((trusted.exam_due_recall_for(YOUNG_REPS) - CALIBRATED_DUE_RECALL).abs() < 1e-12);
    assert!((trusted.exam_due_recall_for(YOUNG_REPS - 1) - 0.9).abs() < 1e-6);
    states[0].reps = YOUNG_REPS - 1;
    assert_eq!(trusted.queue(&states, &all, TODAY, 0, 0), ["fading", "new"]);
}

#[test]
fn until_the_calibration_is_trusted_a_young_concept_is_due_at_0_95() {
    let untrusted = exam_in_40_days(TRUSTED_CALIBRATION - 1);
    let trusted = exam_in_40_days(TRUSTED_CALIBRATION);
    let young = YOUNG_REPS - 1;
    assert!((untrusted.exam_due_recall_for(young) - UNTRUSTED_YOUNG_DUE_RECALL).abs() < 1e-12);
    assert!((trusted.exam_due_recall_for(young) - 0.9).abs() < 1e-6);
    // A desired retention above it still rules; a mature concept keeps the general rule.
    let mut keen = exam_in_40_days(0);
    keen.desired_retention = 0.97;
    assert!((keen.exam_due_recall_for(young) - 0.97).abs() < 1e-6);
    assert!((untrusted.exam_due_recall_for(YOUNG_REPS) - 0.9).abs() < 1e-6);
    // Predicted recall about 0.93 today: due for the untrusted plan, not for the trusted one.
    let mut fresh = state(&untrusted, "fresh", 10.0, 8, 30);
    fresh.reps = young;
    let recall = untrusted.recall_on(&fresh, TODAY, 0);
    assert!(recall > 0.91 && recall < 0.95, "{recall}");
    let all = info(&["fresh", "new"]);
    let one = std::slice::from_ref(&fresh);
    assert_eq!(untrusted.queue(one, &all, TODAY, 0, 0), ["fresh", "new"]);
    assert_eq!(trusted.queue(one, &all, TODAY, 0, 0), ["new", "fresh"]);
}

#[test]
fn topic_weights_favour_concepts_the_exam_weighs_more() {
    let all = vec![
        ConceptInfo {
            concept: "light".into(),
            topic: "a".into(),
        },
        ConceptInfo {
            concept: "heavy".into(),
            topic: "b".into(),
        },
    ];
    let mut s = Scheduler::default().with_exam(Some(ExamPlan {
        exam_day: TODAY + 20,
        minutes_per_day: 1,
    }));
    // One unseen concept fits in the day.
    s.pace = crate::schedule::Pace {
        new_secs: 60.0,
        review_secs: 60.0,
    };
    assert_eq!(s.queue(&[], &all, TODAY, 0, 0), ["light"], "bank order");
    s.topic_weights = Some([("a".to_string(), 28.0), ("b".to_string(), 37.0)].into());
    assert_eq!(s.queue(&[], &all, TODAY, 0, 0), ["heavy"]);
    // Seen concepts too: the same state, the heavier topic first.
    let base = Scheduler::default();
    let states = vec![
        state(&base, "light", 3.0, 2, 100),
        state(&base, "heavy", 3.0, 2, 100),
    ];
    assert_eq!(s.queue(&states, &all, TODAY, 0, 0), ["heavy"]);
    s.topic_weights = None;
    assert_eq!(s.queue(&states, &all, TODAY, 0, 0), ["light"]);
}

/// A scheduler for `exam` at the given pace (seconds a new concept, a review) with a trusted
/// calibration of the given decay.
fn calibrated_exam(exam: ExamPlan, new_secs: f64, review_secs: f64, decay: f64) -> Scheduler {
    let mut s = Scheduler::default().with_exam(Some(exam));
    s.pace = crate::schedule::Pace {
        new_secs,
        review_secs,
    };
    s.calibration = Some(crate::schedule::Calibration::for_tests(decay, None, 150));
    s
}

#[test]
fn on_steep_forgetting_the_last_days_go_once_through_not_twice() {
    // 30 concepts at 1 minute a day (5 reviews at 12 s): twice through is 12 days (7 at
    // most), once through 6.
    let names: Vec<String> = (0..28).map(|i| format!("c{i}")).collect();
    let mut refs: Vec<&str> = vec!["weak", "fresh"];
    refs.extend(names.iter().map(String::as_str));
    let all = info(&refs);
    let exam = ExamPlan {
        exam_day: TODAY + 5,
        minutes_per_day: 1,
    };
    let calibrated = |decay: f64| calibrated_exam(exam, 20.0, 12.0, decay);
    let flat = calibrated(0.3);
    let steep = calibrated(1.0);
    assert!(!flat.steep_forgetting() && steep.steep_forgetting());
    assert_eq!(flat.exam_last_days(all.len(), exam), 7);
    assert_eq!(steep.exam_last_days(all.len(), exam), 6);
    // Too few answers after repeated reviews: not trusted, twice through.
    let mut untrusted = steep.clone();
    if let Some(c) = untrusted.calibration.as_mut() {
        c.later_observations = TRUSTED_CALIBRATION - 1;
    }
    assert_eq!(untrusted.exam_last_days(all.len(), exam), 7);
    // Seven days out, a weak concept long overdue: in the last days (flat) a first look at
    // an unseen concept gains more; before them (steep, once through) the due one comes
    // first.
    let week = ExamPlan {
        exam_day: TODAY + 7,
        ..exam
    };
    let (flat, steep) = (flat.with_exam(Some(week)), steep.with_exam(Some(week)));
    let mut weak = state(&flat, "weak", 0.5, 20, -19);
    weak.reps = 1;
    let first = |s: &Scheduler| s.queue(std::slice::from_ref(&weak), &all, TODAY, 0, 0)[0].clone();
    assert_eq!(first(&flat), "fresh");
    assert_eq!(first(&steep), "weak");
}

#[test]
fn on_steep_forgetting_and_a_tight_budget_the_final_pass_reviews_the_weakest_last() {
    // Three concepts at one review a day: one pass takes 3 days.
    let exam = ExamPlan {
        exam_day: TODAY + 2,
        minutes_per_day: 1,
    };
    let calibrated = |decay: f64| calibrated_exam(exam, 60.0, 60.0, decay);
    let (flat, steep) = (calibrated(0.3), calibrated(1.0));
    let all = info(&["strong", "weak", "done"]);
    assert_eq!(flat.final_pass_days(all.len(), exam), None);
    assert_eq!(steep.final_pass_days(all.len(), exam), Some(3));
    // With two reviews a day the pass takes 2 days: too short for a final pass.
    let roomy = ExamPlan {
        minutes_per_day: 2,
        ..exam
    };
    assert_eq!(steep.final_pass_days(all.len(), roomy), None);
    // The pass began 3 days before the exam: "done" was reviewed in it (yesterday), the
    // others five days ago.
    let states = vec![
        state(&flat, "strong", 100.0, 5, 50),
        state(&flat, "weak", 3.0, 5, -2),
        state(&flat, "done", 1.0, 1, 0),
    ];
    let order = |s: &Scheduler| -> Vec<String> {
        s.queue_within(&states, &all, TODAY, 0, 0, Some(60))
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    };
    // The final pass: the strongest on exam day first, then the weak one, then the one done.
    assert_eq!(order(&steep), ["strong", "weak", "done"]);
    assert_eq!(steep.queue(&states, &all, TODAY, 0, 0), ["strong"]);
    // By exam-day gain alone the strong concept, which a review barely helps, comes last.
    assert_eq!(order(&flat).last().map(String::as_str), Some("strong"));
}

#[test]
fn under_a_trusted_calibration_a_mature_concept_at_0_75_is_not_due_yet() {
    let s = exam_in_40_days(TRUSTED_CALIBRATION);
    let mut fading = state(&s, "fading", 10.0, 55, 30);
    fading.reps = YOUNG_REPS;
    let recall = s.recall_on(&fading, TODAY, 0);
    assert!(recall > 0.72 && recall < 0.78, "{recall}");
    let all = info(&["fading", "new"]);
    // Above 0.7 it is not due: the new concept comes first (at 0.8 it would have been due).
    assert_eq!(
        s.queue(std::slice::from_ref(&fading), &all, TODAY, 0, 0),
        ["new", "fading"]
    );
    // A young one at the same recall is due.
    fading.reps = YOUNG_REPS - 1;
    assert_eq!(
        s.queue(std::slice::from_ref(&fading), &all, TODAY, 0, 0),
        ["fading", "new"]
    );
}

#[test]
fn on_steep_forgetting_with_minutes_to_spare_a_mature_concept_is_due_at_the_desired_retention() {
    // Two concepts and one review a day (two at the roomy budget): one pass takes 2 days or 1,
    // no final pass.
    let roomy = ExamPlan {
        exam_day: TODAY + 30,
        minutes_per_day: 2,
    };
    let tight = ExamPlan {
        minutes_per_day: 1,
        ..roomy
    };
    let steep = calibrated_exam(roomy, 60.0, 60.0, 1.0);
    assert!(steep.steep_forgetting());
    let all = info(&["fading", "new", "other"]);
    assert_eq!(steep.final_pass_days(all.len(), roomy), None);
    assert_eq!(steep.final_pass_days(all.len(), tight), Some(3));
    let mut fading = state(&steep, "fading", 10.0, 22, 30);
    fading.reps = YOUNG_REPS;
    let recall = steep.recall_on(&fading, TODAY, 0);
    assert!(recall > 0.75 && recall < 0.88, "{recall}");
    assert!((steep.exam_due_recall_given(YOUNG_REPS, true) - 0.9).abs() < 1e-6);
    assert!((steep.exam_due_recall_given(YOUNG_REPS, false) - CALIBRATED_DUE_RECALL).abs() < 1e-12);
    let one = std::slice::from_ref(&fading);
    // Roomy: it is due and comes before the new concepts; tight: not due yet (0.7 rules).
    assert_eq!(steep.queue(one, &all, TODAY, 0, 0), ["fading", "new"]);
    let tight_steep = steep.clone().with_exam(Some(tight));
    assert_eq!(tight_steep.queue(one, &all, TODAY, 0, 0), ["new"]);
    // Not steep: 0.7 rules whatever the budget.
    let flat = calibrated_exam(roomy, 60.0, 60.0, 0.3);
    assert_eq!(flat.queue(one, &all, TODAY, 0, 0)[0], "new");
}
