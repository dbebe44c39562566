//! Whole sessions driven by `Action`s with a fixed seed and fixed times, on a small hand-made
//! bank (independent of the generator and the packs).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use az900::bank::Bank;
use az900::bank::question::{
    Body, Choice, MatchItem, OrderItem, Question, Response, Source, Statement,
};
use az900::clock::Millis;
use az900::engine::summary::Versus;
use az900::engine::{
    Action, Event, MAX_REQUEUES, Mode, Phase, PreviousExam, Session, SessionConfig, Summary, select,
};
use az900::rules::Rules;

const T0: Millis = 1_800_000_000_000;
const SEC: Millis = 1000;
const TOPICS: [&str; 3] = ["shared-responsibility", "service-types", "customer-duties"];

fn question(id: &str, concept: &str, topic: &str, body: Body) -> Question {
    Question {
        id: id.into(),
        concept: concept.into(),
        // One objective per skill area, so the score report has three bars.
        objective: match topic {
            "service-types" => "2.3.3",
            "customer-duties" => "3.2.2",
            _ => "1.1.2",
        }
        .into(),
        topic: topic.into(),
        prompt: format!("Prompt of {id}"),
        body,
        explanation: format!("Explanation of {id}"),
        refs: Vec::new(),
        cells: Vec::new(),
        source: Source::Generated,
        confusable: None,
    }
}

fn choices(correct: &[usize], n: usize) -> Vec<Choice> {
    (0..n)
        .map(|i| Choice {
            text: format!("choice {i}"),
            correct: correct.contains(&i),
            why: String::new(),
        })
        .collect()
}

fn single(id: &str, concept: &str, topic: &str) -> Question {
    question(
        id,
        concept,
        topic,
        Body::Single {
            choices: choices(&[2], 4),
        },
    )
}

/// q1 single (ca), q1b another wording of ca, q2 yes/no (cb), q3 order (cc), q4 match (cd),
/// q5 multi (ce), q6 single (cf).
fn bank() -> Bank {
    let questions = vec![
        single("q1", "ca", TOPICS[0]),
        single("q1b", "ca", TOPICS[0]),
        question(
            "q2",
            "cb",
            TOPICS[0],
            Body::YesNo {
                statements: [true, false]
                    .iter()
                    .map(|a| Statement {
                        text: format!("statement {a}"),
                        answer: *a,
                        why: String::new(),
                    })
                    .collect(),
            },
        ),
        question(
            "q3",
            "cc",
            TOPICS[1],
            Body::Order {
                items: (0..3)
                    .map(|i| OrderItem {
                        text: format!("step {i}"),
                        why: String::new(),
                    })
                    .collect(),
            },
        ),
        question(
            "q4",
            "cd",
            TOPICS[1],
            Body::Match {
                categories: vec!["Customer".into(), "Microsoft".into()],
                items: [0, 1]
                    .iter()
                    .map(|c| MatchItem {
                        text: format!("item {c}"),
                        category: *c,
                        why: String::new(),
                    })
                    .collect(),
            },
        ),
        question(
            "q5",
            "ce",
            TOPICS[2],
            Body::Multi {
                choices: choices(&[0, 3], 5),
            },
        ),
        single("q6", "cf", TOPICS[2]),
    ];
    let rules = Rules::embedded().unwrap_or_else(|e| panic!("embedded rules: {e}"));
    Bank::from_questions(rules, questions).unwrap_or_else(|e| panic!("test bank: {e}"))
}

fn answer(response: Response) -> Action {
    Action::Answer {
        response,
        guess: false,
    }
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Applies `action` and returns the events, failing the test on an engine error.
fn step(s: &mut Session, bank: &Bank, action: Action, at: Millis) -> Vec<Event> {
    s.apply(bank, action.clone(), at)
        .unwrap_or_else(|e| panic!("{action:?} at {at}: {e}"))
}

fn answered(events: &[Event]) -> Vec<(usize, String, u32, u32)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Answered(r) => {
                Some((r.index, r.question_id.clone(), r.grade.points, r.grade.max))
            }
            _ => None,
        })
        .collect()
}

#[test]
#[allow(clippy::too_many_lines)] // one scenario read top to bottom, every number asserted
fn a_whole_exam_with_marks_navigation_a_changed_answer_and_submit() {
    let bank = bank();
    let order = ["q1", "q2", "q3", "q4", "q5", "q6"];
    let mut s = Session::new(
        &bank,
        Mode::Exam,
        ids(&order),
        SessionConfig::default(),
        2026,
        T0,
    )
    .expect("session");
    let mut log = Vec::new();

    // q1 right.
    log.extend(step(
        &mut s,
        &bank,
        answer(Response::Choices(vec![2])),
        T0 + 10 * SEC,
    ));
    assert_eq!(s.phase(), Phase::Question, "an exam gives no feedback");
    log.extend(step(&mut s, &bank, Action::Next, T0 + 12 * SEC));
    // q2 half right, marked.
    log.extend(step(
        &mut s,
        &bank,
        answer(Response::YesNo(vec![Some(true), Some(true)])),
        T0 + 30 * SEC,
    ));
    log.extend(step(&mut s, &bank, Action::ToggleMark, T0 + 31 * SEC));
    log.extend(step(&mut s, &bank, Action::Next, T0 + 32 * SEC));
    // q3: the order is shown scrambled; leaving it as shown is not right; the key is.
    let shown = s.current_item().order.clone();
    assert_ne!(
        shown,
        vec![0, 1, 2],
        "an order question never starts solved"
    );
    log.extend(step(
        &mut s,
        &bank,
        answer(Response::Order(vec![0, 1, 2])),
        T0 + 60 * SEC,
    ));
    log.extend(step(&mut s, &bank, Action::Next, T0 + 61 * SEC));
    // q4 skipped but marked.
    log.extend(step(&mut s, &bank, Action::ToggleMark, T0 + 70 * SEC));
    log.extend(step(&mut s, &bank, Action::Next, T0 + 71 * SEC));
    // q5 wrong (one right pick and one wrong: 1 of 2 points).
    log.extend(step(
        &mut s,
        &bank,
        answer(Response::Choices(vec![0, 1])),
        T0 + 90 * SEC,
    ));
    assert_eq!(s.position().to_string(), "5 / 6");
    // Next past q5 reaches q6, and Next on the last exam item stays there.
    log.extend(step(&mut s, &bank, Action::Next, T0 + 91 * SEC));
    assert!(step(&mut s, &bank, Action::Next, T0 + 92 * SEC).is_empty());
    assert_eq!(s.position().to_string(), "6 / 6");

    // Back to the marked q2 and change the answer.
    log.extend(step(&mut s, &bank, Action::Goto(1), T0 + 100 * SEC));
    assert_eq!(s.current_item().question_id, "q2");
    log.extend(step(
        &mut s,
        &bank,
        answer(Response::YesNo(vec![Some(true), Some(false)])),
        T0 + 110 * SEC,
    ));
    log.extend(step(&mut s, &bank, Action::ToggleMark, T0 + 111 * SEC));
    log.extend(step(&mut s, &bank, Action::Prev, T0 + 112 * SEC));
    assert_eq!(s.current_item().question_id, "q1");

    // What the review screen and Submit's confirmation show.
    let review: Vec<(bool, bool)> = s
        .review_list()
        .iter()
        .map(|r| (r.answered, r.marked))
        .collect();
    assert_eq!(
        review,
        vec![
            (true, false),
            (true, false),
            (true, false),
            (false, true),
            (true, false),
            (false, false)
        ]
    );
    assert_eq!(s.unanswered(), vec![3, 5]);
    assert_eq!(
        s.remaining_ms(T0 + 120 * SEC),
        Some(45 * 60 * 1000 - 120 * 1000)
    );

    log.extend(step(&mut s, &bank, Action::Submit, T0 + 120 * SEC));
    assert!(s.is_finished());
    assert_eq!(log.last(), Some(&Event::Finished));
    assert_eq!(
        s.apply(&bank, Action::Next, T0 + 121 * SEC),
        Err(az900::engine::EngineError::Finished)
    );

    // Every answer (and every change) was reported for the store to upsert by index.
    assert_eq!(
        answered(&log),
        vec![
            (0, "q1".into(), 1, 1),
            (1, "q2".into(), 1, 2),
            (2, "q3".into(), 3, 3),
            (4, "q5".into(), 1, 2),
            (1, "q2".into(), 2, 2),
        ]
    );
    let marks: Vec<(usize, bool)> = log
        .iter()
        .filter_map(|e| match e {
            Event::MarkChanged { index, marked, .. } => Some((*index, *marked)),
            _ => None,
        })
        .collect();
    assert_eq!(marks, vec![(1, true), (3, true), (1, false)]);

    // The previous exam, by question: q1 and q6 not right, q2 and q5 right, q9 not asked now.
    let previous = PreviousExam {
        results: vec![
            ("q1".into(), false),
            ("q2".into(), true),
            ("q5".into(), true),
            ("q6".into(), false),
            ("q9".into(), true),
        ],
    };
    let sum = Summary::from_session(&s, &bank, Some(&previous));
    // Parts: 1 + 2 + 3 + 0 + 1 + 0 of 1 + 2 + 3 + 2 + 2 + 1; each question weighs one:
    // 1 + 1 + 1 + 0 + 0.5 + 0 = 3.5 of 6.
    assert_eq!((sum.score.points, sum.score.max), (7, 11));
    assert_eq!(sum.score.credit_label(), "3.5 / 6");
    assert!((sum.score.percent - 350.0 / 6.0).abs() < 1e-9);
    assert!(!sum.score.passed);
    assert!(sum.score.scaled_estimate < 700);
    assert_eq!((sum.answered, sum.total), (4, 6));
    assert_eq!(sum.time_used_ms, 120_000);
    assert_eq!(sum.time_limit_ms, Some(45 * 60 * 1000));
    assert!(!sum.timed_out);
    // Performance by skill area: q1 q2 (area 1) 2 of 2, q3 q4 (area 2) 1 of 2, q5 q6 (area 3)
    // 0.5 of 2.
    let topics: Vec<(&str, String)> = sum
        .topics
        .iter()
        .map(|t| (t.topic.as_str(), t.credit_label()))
        .collect();
    assert_eq!(
        topics,
        vec![
            ("1", "2 / 2".to_string()),
            ("2", "1 / 2".to_string()),
            ("3", "0.5 / 2".to_string())
        ]
    );
    let missed: Vec<(&str, bool, u32)> = sum
        .missed
        .iter()
        .map(|m| (m.question_id.as_str(), m.answered, m.grade.points))
        .collect();
    assert_eq!(
        missed,
        vec![("q4", false, 0), ("q5", true, 1), ("q6", false, 0)]
    );
    assert_eq!(
        sum.versus,
        Some(Versus {
            fixed: vec!["q1".into()],
            // Half right now (1 of 2 parts) is not right.
            slipped: vec!["q5".into()],
            // Unanswered now: not right.
            still_missed: vec!["q6".into()],
            // q1, q2, q5 and q6 were in both exams; q2 was right both times.
            shared: 4,
        })
    );
    assert_eq!(sum.versus.as_ref().map(Versus::right_both), Some(1));
    // The next exam compares against this one.
    let next_previous = PreviousExam::from(&sum);
    assert_eq!(next_previous.results.len(), 6);
    assert!(next_previous.results.contains(&("q2".into(), true)));
    // q4 was left unanswered: not right.
    assert!(next_previous.results.contains(&("q4".into(), false)));
}

#[test]
fn a_selected_exam_answered_right_passes_with_the_top_estimate() {
    let bank = bank();
    let chosen = select::exam(&bank, 40, None, 11).expect("selection");
    assert_eq!(chosen.len(), 6, "one question per concept");
    assert_eq!(
        chosen,
        select::exam(&bank, 40, None, 11).expect("selection")
    );
    let mut s =
        Session::new(&bank, Mode::Exam, chosen, SessionConfig::default(), 11, T0).expect("session");
    for i in 0..6 {
        let at = T0 + (i as Millis + 1) * 30 * SEC;
        let q = s.current_question(&bank).expect("question").clone();
        step(&mut s, &bank, answer(q.body.key()), at);
        step(&mut s, &bank, Action::Next, at + SEC);
    }
    assert!(s.unanswered().is_empty());
    step(&mut s, &bank, Action::Submit, T0 + 300 * SEC);
    let sum = Summary::from_session(&s, &bank, None);
    assert_eq!(sum.score.points, sum.score.max);
    assert_eq!(sum.score.scaled_estimate, 1000);
    assert!(sum.score.passed);
    assert!(sum.missed.is_empty());
}

#[test]
fn running_out_of_time_submits_the_exam() {
    let bank = bank();
    let config = SessionConfig {
        minutes: Some(2),
        ..SessionConfig::default()
    };
    let mut s =
        Session::new(&bank, Mode::Exam, ids(&["q1", "q6", "q2"]), config, 5, T0).expect("session");
    step(
        &mut s,
        &bank,
        answer(Response::Choices(vec![2])),
        T0 + 30 * SEC,
    );
    assert!(step(&mut s, &bank, Action::Tick, T0 + 119 * SEC).is_empty());
    assert_eq!(s.remaining_ms(T0 + 119 * SEC), Some(1000));
    let ev = step(&mut s, &bank, Action::Tick, T0 + 120 * SEC);
    assert_eq!(ev, vec![Event::TimeUp, Event::Finished]);
    assert!(s.is_finished() && s.timed_out());
    assert_eq!(s.remaining_ms(T0 + 200 * SEC), Some(0));
    let sum = Summary::from_session(&s, &bank, None);
    assert!(sum.timed_out);
    assert_eq!(sum.time_used_ms, 120_000);
    assert_eq!((sum.score.points, sum.score.max), (1, 4));
    assert_eq!(sum.missed.len(), 2, "the unanswered items count as missed");
}

#[test]
fn practice_gives_feedback_and_undo_takes_an_answer_back() {
    let bank = bank();
    let mut s = Session::new(
        &bank,
        Mode::Practice,
        ids(&["q1", "q2"]),
        SessionConfig::for_mode(Mode::Practice),
        3,
        T0,
    )
    .expect("session");
    let ev = step(
        &mut s,
        &bank,
        answer(Response::Choices(vec![0])),
        T0 + 5 * SEC,
    );
    assert_eq!(answered(&ev), vec![(0, "q1".into(), 0, 1)]);
    assert_eq!(ev.len(), 1, "practice does not requeue");
    assert_eq!(s.phase(), Phase::Feedback);
    assert_eq!(s.current_item().grade.as_ref().map(|g| g.points), Some(0));

    // Oops: a slip of the key. Undo, then answer again.
    let ev = step(&mut s, &bank, Action::Undo, T0 + 6 * SEC);
    assert_eq!(
        ev,
        vec![Event::Undone {
            index: 0,
            question_id: "q1".into()
        }]
    );
    assert_eq!(s.phase(), Phase::Question);
    assert!(!s.current_item().is_answered());
    let ev = step(
        &mut s,
        &bank,
        answer(Response::Choices(vec![2])),
        T0 + 8 * SEC,
    );
    let Some(Event::Answered(rec)) = ev.first() else {
        panic!("expected an answer, got {ev:?}")
    };
    assert!(rec.grade.is_correct());
    assert_eq!(rec.mode, Mode::Practice);
    assert_eq!(rec.time_ms, 7_000, "feedback time is not answering time");

    // Undo is only possible before moving on.
    step(&mut s, &bank, Action::Next, T0 + 10 * SEC);
    assert!(s.apply(&bank, Action::Undo, T0 + 11 * SEC).is_err());
    step(
        &mut s,
        &bank,
        answer(Response::YesNo(vec![Some(true), Some(false)])),
        T0 + 20 * SEC,
    );
    let ev = step(&mut s, &bank, Action::Next, T0 + 25 * SEC);
    assert_eq!(ev, vec![Event::Finished]);
    let sum = Summary::from_session(&s, &bank, None);
    assert_eq!((sum.score.points, sum.score.max), (3, 3));
    assert!(sum.missed.is_empty());
}

#[test]
fn review_brings_a_miss_back_through_another_wording_until_it_is_right() {
    let bank = bank();
    let config = SessionConfig::for_mode(Mode::Review);
    assert!(config.requeue_missed);
    let mut s = Session::new(&bank, Mode::Review, ids(&["q1", "q2", "q6"]), config, 8, T0)
        .expect("session");
    let wrong = || answer(Response::Choices(vec![1]));
    let right = || answer(Response::Choices(vec![2]));

    let ev = step(&mut s, &bank, wrong(), T0 + SEC);
    assert_eq!(
        ev.get(1),
        Some(&Event::Requeued {
            question_id: "q1b".into()
        }),
        "the other wording of the concept comes back"
    );
    assert_eq!(s.items().len(), 4);
    // Undoing the miss also withdraws its requeue; missing again requeues again.
    step(&mut s, &bank, Action::Undo, T0 + 2 * SEC);
    assert_eq!(s.items().len(), 3);
    step(&mut s, &bank, wrong(), T0 + 3 * SEC);
    assert_eq!(s.items().len(), 4);

    step(&mut s, &bank, Action::Next, T0 + 4 * SEC);
    step(
        &mut s,
        &bank,
        answer(Response::YesNo(vec![Some(true), Some(false)])),
        T0 + 5 * SEC,
    );
    step(&mut s, &bank, Action::Next, T0 + 6 * SEC);
    step(&mut s, &bank, right(), T0 + 7 * SEC);
    step(&mut s, &bank, Action::Next, T0 + 8 * SEC);

    // The second chance, missed again: the concept comes back once more.
    assert_eq!(s.current_item().question_id, "q1b");
    assert!(s.current_item().requeued);
    let ev = step(&mut s, &bank, wrong(), T0 + 9 * SEC);
    assert!(ev.iter().any(|e| matches!(e, Event::Requeued { .. })));
    step(&mut s, &bank, Action::Next, T0 + 10 * SEC);
    assert_eq!(s.current_item().concept, "ca");
    assert_eq!(s.position().to_string(), "5 / 5");
    // Right at last: nothing more comes back and the session ends.
    let ev = step(&mut s, &bank, right(), T0 + 11 * SEC);
    assert_eq!(ev.len(), 1);
    assert!(matches!(&ev[0], Event::Answered(r) if r.requeued && r.mode == Mode::Review));
    assert_eq!(
        step(&mut s, &bank, Action::Next, T0 + 12 * SEC),
        vec![Event::Finished]
    );

    // The score counts first tries only; the concept stays a miss for this session.
    let sum = Summary::from_session(&s, &bank, None);
    assert_eq!((sum.score.points, sum.score.max), (3, 4));
    assert_eq!(sum.concept_results[0], ("ca".into(), false));
}

#[test]
fn cram_gives_feedback_but_leaves_the_schedule_alone() {
    assert!(Mode::Cram.gives_feedback());
    assert!(!Mode::Cram.updates_schedule());
    let bank = bank();
    let weakest_first =
        select::from_ids(&bank, &ids(&["q6", "gone", "q1"]), None, None).expect("selection");
    let mut s = Session::new(
        &bank,
        Mode::Cram,
        weakest_first,
        SessionConfig::for_mode(Mode::Cram),
        1,
        T0,
    )
    .expect("session");
    assert_eq!(
        s.current_item().question_id,
        "q6",
        "the caller's order is kept"
    );
    let ev = step(&mut s, &bank, answer(Response::Choices(vec![0])), T0 + SEC);
    assert_eq!(ev.len(), 1, "cram does not requeue by default");
    assert!(matches!(&ev[0], Event::Answered(r) if r.mode == Mode::Cram));
}

#[test]
fn a_concept_missed_again_and_again_comes_back_at_most_three_times() {
    let bank = bank();
    let config = SessionConfig::for_mode(Mode::Due);
    assert!(config.requeue_missed);
    let mut s = Session::new(&bank, Mode::Due, ids(&["q1"]), config, 8, T0).expect("session");
    let wrong = || answer(Response::Choices(vec![1]));
    let mut t = T0;
    let mut requeues = 0;
    loop {
        t += SEC;
        let ev = step(&mut s, &bank, wrong(), t);
        requeues += ev
            .iter()
            .filter(|e| matches!(e, Event::Requeued { .. }))
            .count();
        t += SEC;
        if step(&mut s, &bank, Action::Next, t) == vec![Event::Finished] {
            break;
        }
        assert!(requeues <= MAX_REQUEUES, "still requeuing: {requeues}");
    }
    assert_eq!(MAX_REQUEUES, 3);
    assert_eq!(requeues, MAX_REQUEUES);
    assert_eq!(
        s.items().len(),
        1 + MAX_REQUEUES,
        "the first ask and three more"
    );
}

#[test]
fn an_exam_saved_as_a_snapshot_resumes_where_it_was_with_its_time_left() {
    let bank = bank();
    let config = SessionConfig::for_mode(Mode::Exam);
    let mut s = Session::new(
        &bank,
        Mode::Exam,
        ids(&["q1", "q2", "q6", "q5"]),
        config,
        4,
        T0,
    )
    .expect("session");
    let right = || answer(Response::Choices(vec![2]));
    step(&mut s, &bank, right(), T0 + 10 * SEC);
    step(&mut s, &bank, Action::Next, T0 + 11 * SEC);
    step(&mut s, &bank, Action::ToggleMark, T0 + 12 * SEC);
    step(&mut s, &bank, Action::Next, T0 + 13 * SEC);
    step(
        &mut s,
        &bank,
        answer(Response::Choices(vec![0])),
        T0 + 20 * SEC,
    );
    let order_before: Vec<Vec<usize>> = s.items().iter().map(|i| i.order.clone()).collect();

    // Saved a minute in, as JSON (the way the store keeps it), resumed a day later.
    let snap = s.snapshot(T0 + 60 * SEC);
    assert_eq!(snap.remaining_ms, Some(45 * 60 * SEC - 60 * SEC));
    let json = serde_json::to_string(&snap).unwrap();
    let back: az900::engine::Snapshot = serde_json::from_str(&json).unwrap();
    let later = T0 + 86_400 * SEC;
    let mut r = Session::resume(&bank, back, later).expect("resumes");
    assert_eq!(
        r.position().to_string(),
        "3 / 4",
        "on the question it was on"
    );
    assert_eq!(
        r.items()
            .iter()
            .map(|i| i.order.clone())
            .collect::<Vec<_>>(),
        order_before,
        "the same options in the same order"
    );
    assert!(r.items()[0].is_correct() && r.items()[1].marked);
    assert!(r.items()[2].is_answered() && !r.items()[2].is_correct());
    assert_eq!(
        r.remaining_ms(later),
        Some(44 * 60 * SEC as u64),
        "the day away did not count"
    );

    // It goes on like the original: answer the last, submit, and every answer counts.
    step(&mut r, &bank, Action::Next, later + SEC);
    step(
        &mut r,
        &bank,
        answer(Response::Choices(vec![0, 3])),
        later + 2 * SEC,
    );
    let ev = step(&mut r, &bank, Action::Submit, later + 3 * SEC);
    assert_eq!(ev.last(), Some(&Event::Finished));
    let sum = Summary::from_session(&r, &bank, None);
    // q1 right (1 of 1), q2 unanswered (0 of 2), q6 wrong (0 of 1), q5 right (2 of 2).
    assert_eq!((sum.score.points, sum.score.max), (1 + 2, 1 + 2 + 1 + 2));

    // A finished session, or one whose time ran out, is not resumed.
    assert!(Session::resume(&bank, r.snapshot(later + 4 * SEC), later).is_err());
    let mut out_of_time = s.snapshot(T0 + 60 * SEC);
    out_of_time.remaining_ms = Some(0);
    assert!(Session::resume(&bank, out_of_time, later).is_err());
}

#[test]
fn a_snapshot_whose_questions_changed_in_the_bank_is_not_resumed() {
    let bank = bank();
    let config = SessionConfig::for_mode(Mode::Exam);
    let s = Session::new(&bank, Mode::Exam, ids(&["q1", "q5"]), config, 4, T0).unwrap();
    let snap = s.snapshot(T0 + SEC);
    assert!(Session::resume(&bank, snap.clone(), T0 + 2 * SEC).is_ok());

    // q5 removed from the bank.
    let rules = Rules::embedded().unwrap();
    let fewer: Vec<Question> = bank
        .questions()
        .iter()
        .filter(|q| q.id != "q5")
        .cloned()
        .collect();
    let smaller = Bank::from_questions(rules.clone(), fewer).unwrap();
    let err = Session::resume(&smaller, snap.clone(), T0 + 2 * SEC).unwrap_err();
    assert!(err.to_string().contains("q5"), "{err}");

    // q5 now has four options instead of five.
    let changed: Vec<Question> = bank
        .questions()
        .iter()
        .map(|q| {
            if q.id == "q5" {
                question(
                    "q5",
                    "ce",
                    TOPICS[2],
                    Body::Multi {
                        choices: choices(&[0, 3], 4),
                    },
                )
            } else {
                q.clone()
            }
        })
        .collect();
    let edited = Bank::from_questions(rules, changed).unwrap();
    let err = Session::resume(&edited, snap, T0 + 2 * SEC).unwrap_err();
    assert!(err.to_string().contains("changed"), "{err}");
}
