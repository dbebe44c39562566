use super::*;
use crate::bank::question::Body;
use crate::engine::fixtures::{TOPICS, bank, order, single, yes_no};

const T0: Millis = 1_800_000_000_000;

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn answer(response: Response) -> Action {
    Action::Answer {
        response,
        guess: false,
    }
}

fn is_identity(v: &[usize]) -> bool {
    v.iter().enumerate().all(|(i, x)| i == *x)
}

#[test]
fn an_order_question_never_starts_in_its_correct_order() {
    for n in [2, 3, 5] {
        let body = order("o", "c", TOPICS[0], n).body;
        for seed in 0..200 {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let o = presentation_order(&body, &mut rng);
            let mut sorted = o.clone();
            sorted.sort();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a permutation");
            assert!(!is_identity(&o), "n={n} seed={seed} starts solved");
        }
    }
}

#[test]
fn presentation_order_is_seeded_and_hot_area_rows_stay_in_place() {
    let body = single("s", "c", TOPICS[0]).body;
    let perm = |seed| presentation_order(&body, &mut ChaCha8Rng::seed_from_u64(seed));
    assert_eq!(perm(9), perm(9));
    assert!(
        (0..20).any(|s| perm(s) != perm(0)),
        "seeds shuffle differently"
    );
    let hot = Body::HotArea {
        columns: vec!["a".into(), "b".into()],
        rows: (0..4)
            .map(|i| crate::bank::question::HotRow {
                label: format!("r{i}"),
                why: String::new(),
            })
            .collect(),
        answer: vec![(0, 0)],
        one_per_row: false,
    };
    for seed in 0..10 {
        let o = presentation_order(&hot, &mut ChaCha8Rng::seed_from_u64(seed));
        assert_eq!(o, vec![0, 1, 2, 3]);
    }
}

#[test]
fn answers_are_graded_in_the_questions_own_indices_whatever_the_shuffle() {
    let b = bank(vec![single("q", "c", TOPICS[0])]);
    for seed in 0..30 {
        let mut s = Session::new(
            &b,
            Mode::Practice,
            ids(&["q"]),
            SessionConfig::default(),
            seed,
            T0,
        )
        .unwrap();
        let shown_first = s.current_item().order[0];
        // Picking what is displayed first is right only when it is choice 1.
        let ev = s
            .apply(&b, answer(Response::Choices(vec![shown_first])), T0 + 1)
            .unwrap();
        let Event::Answered(rec) = &ev[0] else {
            panic!("expected an answer record")
        };
        assert_eq!(rec.grade.is_correct(), shown_first == 1, "seed {seed}");
        s.apply(&b, Action::Undo, T0 + 2).unwrap();
        let ev = s
            .apply(&b, answer(Response::Choices(vec![1])), T0 + 3)
            .unwrap();
        assert!(matches!(&ev[0], Event::Answered(r) if r.grade.is_correct()));
    }
}

#[test]
fn time_on_an_item_counts_only_while_it_is_open() {
    let b = bank(vec![
        single("a", "ca", TOPICS[0]),
        single("b", "cb", TOPICS[0]),
    ]);
    let mut s = Session::new(
        &b,
        Mode::Exam,
        ids(&["a", "b"]),
        SessionConfig::default(),
        1,
        T0,
    )
    .unwrap();
    s.apply(&b, answer(Response::Choices(vec![0])), T0 + 5_000)
        .unwrap();
    s.apply(&b, Action::Next, T0 + 6_000).unwrap();
    s.apply(&b, Action::Prev, T0 + 20_000).unwrap();
    let ev = s
        .apply(&b, answer(Response::Choices(vec![1])), T0 + 23_000)
        .unwrap();
    let Event::Answered(rec) = &ev[0] else {
        panic!("expected an answer record")
    };
    assert_eq!(rec.time_ms, 5_000 + 1_000 + 3_000);
    assert_eq!(rec.index, 0);
    assert_eq!(s.items()[1].time_ms, 14_000);
    assert_eq!(s.items()[1].shown_at, Some(T0 + 6_000));
}

#[test]
fn a_timed_exam_counts_down_and_an_untimed_one_does_not() {
    let b = bank(vec![single("a", "ca", TOPICS[0])]);
    let s = Session::new(&b, Mode::Exam, ids(&["a"]), SessionConfig::default(), 1, T0).unwrap();
    assert_eq!(s.remaining_ms(T0), Some(45 * 60_000));
    assert_eq!(s.remaining_ms(T0 + 60_000), Some(44 * 60_000));
    assert_eq!(s.remaining_ms(T0 + 99 * 60_000), Some(0));
    let cfg = SessionConfig {
        minutes: None,
        ..SessionConfig::default()
    };
    let s = Session::new(&b, Mode::Exam, ids(&["a"]), cfg, 1, T0).unwrap();
    assert_eq!(s.remaining_ms(T0), None);
    let s = Session::new(
        &b,
        Mode::Practice,
        ids(&["a"]),
        SessionConfig::default(),
        1,
        T0,
    )
    .unwrap();
    assert_eq!(s.remaining_ms(T0), None, "only exams are timed");
}

#[test]
fn an_action_after_the_deadline_times_the_exam_out_instead() {
    let b = bank(vec![single("a", "ca", TOPICS[0])]);
    let cfg = SessionConfig {
        minutes: Some(1),
        ..SessionConfig::default()
    };
    let mut s = Session::new(&b, Mode::Exam, ids(&["a"]), cfg, 1, T0).unwrap();
    let ev = s
        .apply(&b, answer(Response::Choices(vec![1])), T0 + 60_000)
        .unwrap();
    assert_eq!(ev, vec![Event::TimeUp, Event::Finished]);
    assert!(s.is_finished() && s.timed_out());
    assert!(
        !s.current_item().is_answered(),
        "the late answer is not taken"
    );
    assert_eq!(s.finished_at(), Some(T0 + 60_000));
    assert_eq!(s.apply(&b, Action::Tick, T0 + 70_000), Ok(Vec::new()));
    assert_eq!(
        s.apply(&b, Action::Next, T0 + 70_000),
        Err(EngineError::Finished)
    );
}

#[test]
fn actions_that_do_not_fit_the_mode_or_phase_are_refused() {
    let b = bank(vec![
        single("a", "ca", TOPICS[0]),
        yes_no("y", "cy", TOPICS[0], &[true, false]),
    ]);
    let mut p = Session::new(
        &b,
        Mode::Practice,
        ids(&["a", "y"]),
        SessionConfig::default(),
        1,
        T0,
    )
    .unwrap();
    assert!(matches!(
        p.apply(&b, Action::Prev, T0),
        Err(EngineError::NotAllowed { .. })
    ));
    assert!(matches!(
        p.apply(&b, Action::Undo, T0),
        Err(EngineError::NotAllowed { .. })
    ));
    assert!(matches!(
        p.apply(&b, answer(Response::YesNo(vec![Some(true)])), T0),
        Err(EngineError::BadResponse { .. })
    ));
    assert!(matches!(
        p.apply(&b, answer(Response::Choices(vec![4])), T0),
        Err(EngineError::BadResponse { .. })
    ));
    p.apply(&b, answer(Response::Choices(vec![1])), T0).unwrap();
    assert!(matches!(
        p.apply(&b, answer(Response::Choices(vec![0])), T0),
        Err(EngineError::NotAllowed { .. })
    ));
    let mut e = Session::new(
        &b,
        Mode::Exam,
        ids(&["a", "y"]),
        SessionConfig::default(),
        1,
        T0,
    )
    .unwrap();
    assert!(matches!(
        e.apply(&b, Action::Undo, T0),
        Err(EngineError::NotAllowed { .. })
    ));
    assert_eq!(
        e.apply(&b, Action::Goto(2), T0),
        Err(EngineError::IndexOutOfRange { index: 2, len: 2 })
    );
    assert!(matches!(
        Session::new(
            &b,
            Mode::Exam,
            ids(&["zz"]),
            SessionConfig::default(),
            1,
            T0
        ),
        Err(EngineError::UnknownQuestion(_))
    ));
    assert!(matches!(
        Session::new(&b, Mode::Exam, Vec::new(), SessionConfig::default(), 1, T0),
        Err(EngineError::EmptySelection(_))
    ));
}

#[test]
fn practice_next_past_the_last_item_finishes_and_skips_leave_items_unanswered() {
    let b = bank(vec![
        single("a", "ca", TOPICS[0]),
        single("b", "cb", TOPICS[0]),
    ]);
    let mut s = Session::new(
        &b,
        Mode::Practice,
        ids(&["a", "b"]),
        SessionConfig::default(),
        1,
        T0,
    )
    .unwrap();
    assert_eq!(s.apply(&b, Action::Next, T0), Ok(Vec::new()));
    assert_eq!(s.position().to_string(), "2 / 2");
    assert_eq!(s.phase(), Phase::Question);
    s.apply(&b, answer(Response::Choices(vec![1])), T0).unwrap();
    assert_eq!(s.phase(), Phase::Feedback);
    assert_eq!(s.apply(&b, Action::Next, T0), Ok(vec![Event::Finished]));
    assert!(s.is_finished());
    assert_eq!(s.unanswered(), vec![0]);
}

#[test]
fn marking_is_reported_so_the_store_can_keep_it() {
    let b = bank(vec![single("a", "ca", TOPICS[0])]);
    let mut s = Session::new(
        &b,
        Mode::Practice,
        ids(&["a"]),
        SessionConfig::default(),
        1,
        T0,
    )
    .unwrap();
    s.apply(&b, answer(Response::Choices(vec![0])), T0).unwrap();
    let ev = s.apply(&b, Action::ToggleMark, T0).unwrap();
    assert_eq!(
        ev,
        vec![Event::MarkChanged {
            index: 0,
            question_id: "a".into(),
            marked: true
        }]
    );
    assert_eq!(s.marked(), vec![0]);
}
