//! The study service: answers reach the store and the schedule exactly as each mode promises.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use az900::bank::Bank;
use az900::clock::{Clock, Millis};
use az900::engine::{Action, Event, Mode, Phase, Session};
use az900::store::Store;
use az900::study::{StartOptions, Study};

mod common;
use common::TestClock;

const DAY: i64 = 86_400_000;
const T0: Millis = 20_785 * DAY + 10 * 3_600_000; // 2026-11-28 10:00 UTC

fn study() -> (Study, TestClock) {
    let clock = TestClock::new(T0);
    let study = Study::new(
        Bank::embedded().unwrap(),
        Store::open_in_memory().unwrap(),
        Box::new(clock.clone()),
    )
    .unwrap();
    (study, clock)
}

fn opts(seed: u64, count: usize) -> StartOptions {
    StartOptions {
        seed: Some(seed),
        count: Some(count),
        ..StartOptions::default()
    }
}

/// Answers the current question right (`right`) or wrong.
fn answer(study: &mut Study, s: &mut Session, right: bool) -> Vec<Event> {
    let q = study
        .bank
        .get(&s.current_item().question_id)
        .unwrap()
        .clone();
    let response = if right {
        q.body.key()
    } else {
        // An empty answer of the right shape scores zero.
        match q.body.key() {
            az900::bank::Response::Choices(_) => az900::bank::Response::Choices(vec![]),
            az900::bank::Response::YesNo(v) => az900::bank::Response::YesNo(vec![None; v.len()]),
            az900::bank::Response::Match(v) => az900::bank::Response::Match(vec![None; v.len()]),
            // Each item one place on: none where it belongs (reversed, an odd-length order
            // keeps its middle item right).
            az900::bank::Response::Order(v) => az900::bank::Response::Order(
                v.iter().cycle().skip(1).take(v.len()).copied().collect(),
            ),
            az900::bank::Response::HotArea(_) => az900::bank::Response::HotArea(vec![]),
        }
    };
    study
        .apply(
            s,
            Action::Answer {
                response,
                guess: false,
            },
        )
        .unwrap_or_else(|e| panic!("{}: {e}", q.id))
}

#[test]
fn a_practice_answer_is_stored_with_its_memory_state_and_undo_takes_both_back() {
    let (mut study, clock) = study();
    let mut s = study.start(Mode::Practice, &opts(1, 5)).unwrap();
    let concept = s.current_item().concept.clone();
    clock.set(T0 + 5_000);
    answer(&mut study, &mut s, true);
    assert_eq!(s.phase(), Phase::Feedback);
    assert_eq!(study.store.totals().unwrap().attempts, 1);
    let m = study
        .store
        .memory(&concept)
        .unwrap()
        .expect("memory state saved");
    assert_eq!(m.reps, 1);
    assert!(m.due > T0, "a right answer is due later");

    study.apply(&mut s, Action::Undo).unwrap();
    assert_eq!(study.store.totals().unwrap().attempts, 0);
    assert_eq!(
        study.store.memory(&concept).unwrap(),
        None,
        "first review undone"
    );
}

#[test]
fn cram_never_changes_the_schedule_and_its_undo_leaves_memory_alone() {
    let (mut study, clock) = study();
    // Learn one concept in practice first.
    let mut p = study.start(Mode::Practice, &opts(2, 1)).unwrap();
    let concept = p.current_item().concept.clone();
    answer(&mut study, &mut p, true);
    study.apply(&mut p, Action::Next).unwrap();
    let before = study.store.memory(&concept).unwrap().unwrap();

    clock.set(T0 + DAY);
    let ids: Vec<String> = study
        .bank
        .wordings(&concept)
        .map(|q| q.id.clone())
        .collect();
    let mut c = study
        .start_ids(Mode::Cram, ids, &StartOptions::default())
        .unwrap();
    answer(&mut study, &mut c, false);
    assert_eq!(
        study.store.memory(&concept).unwrap().unwrap(),
        before,
        "cram answer"
    );
    study.apply(&mut c, Action::Undo).unwrap();
    assert_eq!(
        study.store.memory(&concept).unwrap().unwrap(),
        before,
        "cram undo"
    );
    assert_eq!(study.store.totals().unwrap().attempts, 1);
}

#[test]
fn an_exam_updates_memory_once_from_its_final_answers_and_scores_as_an_exam() {
    let (mut study, clock) = study();
    let mut s = study.start(Mode::Exam, &opts(3, 5)).unwrap();
    // Answer the first wrong, then change it to right: one stored attempt, right.
    answer(&mut study, &mut s, false);
    study.apply(&mut s, Action::Goto(0)).unwrap();
    answer(&mut study, &mut s, true);
    let sid = study.store.history(1).unwrap()[0].id;
    assert_eq!(
        study.store.session_attempts(sid).unwrap().len(),
        1,
        "a changed exam answer is replaced"
    );
    let concept = s.items()[0].concept.clone();
    assert_eq!(
        study.store.memory(&concept).unwrap(),
        None,
        "no memory update before submit"
    );
    clock.set(T0 + 60_000);
    let events = study.apply(&mut s, Action::Submit).unwrap();
    assert!(events.contains(&Event::Finished));
    let m = study
        .store
        .memory(&concept)
        .unwrap()
        .expect("memory after submit");
    assert_eq!(m.reps, 1);
    let exams = study.store.history(1).unwrap();
    let result = exams[0].result.unwrap();
    assert_eq!(
        (result.points, result.max > 0),
        (s.items()[0].grade.as_ref().unwrap().points, true)
    );
    assert_eq!(result.scaled, None, "five questions are not a full exam");
}

#[test]
fn an_unfinished_exam_shows_no_answers_outcome_until_it_is_submitted() {
    // QA: `exam --count 10 --seed 8`, a wrong answer to Q1, quit keeping the exam: Home said
    // "Review missed 1 waiting" and Review missed opened Q1 with its feedback.
    let (mut study, clock) = study();
    let mut s = study.start(Mode::Exam, &opts(8, 10)).unwrap();
    answer(&mut study, &mut s, false);
    let missed = s.items()[0].question_id.clone();
    let concept = s.items()[0].concept.clone();
    study.abandon(&mut s).unwrap();
    let d = study.dashboard().unwrap();
    assert_eq!((d.review_waiting, d.review_session), (0, 0));
    assert_eq!(d.attempts, 0, "Home counts no answer of it yet");
    assert!(study.review_queue(None).unwrap().is_empty());
    assert!(
        study.store.weakest_concepts(50).unwrap().is_empty(),
        "Cram does not put its concept first"
    );
    assert!(study.store.topic_accuracy().unwrap().is_empty(), "stats");
    assert!(study.store.concept_accuracy().unwrap().is_empty(), "stats");
    assert_eq!(study.store.memory(&concept).unwrap(), None, "schedule");
    let stats = az900::study::StatsReport::gather(&study).unwrap();
    assert!(stats.topics.iter().all(|t| t.max == 0), "stats");
    assert!(stats.per_day.iter().all(|d| d.answered == 0), "stats");

    // Resumed and submitted, the miss is there, once.
    clock.set(T0 + 60_000);
    let mut s = study.resume_exam().unwrap();
    study.apply(&mut s, Action::Submit).unwrap();
    let d = study.dashboard().unwrap();
    assert_eq!((d.review_waiting, d.attempts), (1, 1));
    assert_eq!(study.review_queue(None).unwrap(), vec![missed]);
    let weak = study.store.weakest_concepts(50).unwrap();
    assert_eq!((weak.len(), weak[0].correct, weak[0].total), (1, 0, 1));
    assert!(study.store.memory(&concept).unwrap().is_some());
}

/// Answers every question of exam `s` right or wrong by `right(i)`, then submits it.
fn take_exam(study: &mut Study, s: &mut Session, right: impl Fn(usize) -> bool) {
    for i in 0..s.items().len() {
        study.apply(s, Action::Goto(i)).unwrap();
        answer(study, s, right(i));
    }
    study.apply(s, Action::Submit).unwrap();
}

#[test]
fn only_a_full_exam_gets_a_scaled_score_and_a_part_gets_time_in_proportion() {
    // QA: `exam --topic 2.3` showed "Scaled score 1 / 1000 ✗ BELOW THE PASS MARK" and a
    // 10-question exam "237 / 1000", which replaced the last full exam's on Home; and
    // `exam --count 10` gave 45:00 where the setup page promised 12 minutes.
    let (mut study, _clock) = study();
    let mut full = study.start(Mode::Exam, &opts(2, 40)).unwrap();
    assert_eq!(full.remaining_ms(T0), Some(45 * 60_000));
    take_exam(&mut study, &mut full, |i| i < 30);
    let summary = study.summary(&full);
    assert!(summary.full_exam);
    assert_eq!(summary.score.credit_label(), "30 / 40");
    assert_eq!(summary.score.scaled_estimate, 750);
    assert_eq!(study.dashboard().unwrap().last_exam_scaled, Some(750));

    let mut part = study.start(Mode::Exam, &opts(3, 10)).unwrap();
    assert_eq!(
        part.remaining_ms(T0),
        Some(12 * 60_000),
        "45 minutes for 40, in proportion"
    );
    take_exam(&mut study, &mut part, |i| i < 2);
    let summary = study.summary(&part);
    assert!(!summary.full_exam);
    assert_eq!(
        (summary.score.credit_label(), summary.score.percent),
        ("2 / 10".to_string(), 20.0)
    );
    let text = az900::report::summary_text(&study.bank, &summary);
    assert!(!text.contains("Scaled score"), "{text}");
    assert!(text.contains("Score: 2 / 10 (20 %)"), "{text}");

    let topic = StartOptions {
        topic: Some("2.3".into()),
        minutes: Some(30),
        ..opts(2, 40)
    };
    let mut scoped = study.start(Mode::Exam, &topic).unwrap();
    assert_eq!(scoped.remaining_ms(T0), Some(30 * 60_000), "--minutes wins");
    take_exam(&mut study, &mut scoped, |_| false);
    assert!(
        !study.summary(&scoped).full_exam,
        "one objective group is a part"
    );

    // Stats, history and Home keep the full exam's scaled score; the parts keep their points.
    let exams = study.store.exam_history().unwrap();
    assert_eq!(exams.iter().map(|e| e.scaled).collect::<Vec<_>>(), [750]);
    assert_eq!(study.dashboard().unwrap().last_exam_scaled, Some(750));
    let history = study.store.history(3).unwrap();
    assert!(
        history
            .iter()
            .take(2)
            .all(|h| h.result.unwrap().scaled.is_none())
    );
    assert_eq!((history[1].answered, history[1].correct), (10, 2));
    assert_eq!(history[2].result.unwrap().scaled, Some(750));
    // `az900 history`: the part's score as its Results showed it, no "237 fail".
    let line = az900::report::history_line(&study, &history[1]);
    assert!(line.ends_with("score 2 / 10 (20%)"), "{line}");
    let line = az900::report::history_line(&study, &history[2]);
    assert!(line.ends_with("score 30 / 40 (75%)   750 pass"), "{line}");
}

#[test]
fn history_and_stats_json_carry_the_exams_score_as_its_results_show_it() {
    // QA: Results "Score 19.9 / 40 (50%)", JSON "points": 37, "max": 83 (raw part points).
    let (mut study, _clock) = study();
    let mut s = study.start(Mode::Exam, &opts(8, 40)).unwrap();
    let mut partial = 0;
    for i in 0..40 {
        study.apply(&mut s, Action::Goto(i)).unwrap();
        let q = study
            .bank
            .get(&s.current_item().question_id)
            .unwrap()
            .clone();
        match q.body.key() {
            // A yes/no series with its first answer wrong: partial credit.
            az900::bank::Response::YesNo(mut v) if v.len() > 1 => {
                v[0] = v[0].map(|b| !b);
                partial += 1;
                study
                    .apply(
                        &mut s,
                        Action::Answer {
                            response: az900::bank::Response::YesNo(v),
                            guess: false,
                        },
                    )
                    .unwrap();
            }
            _ => {
                answer(&mut study, &mut s, i % 2 == 0);
            }
        }
    }
    study.apply(&mut s, Action::Submit).unwrap();
    assert!(partial > 0, "the draw has a multi-part question");
    let summary = study.summary(&s);
    let label = summary.score.credit_label();
    let shown: f64 = label.split(" / ").next().unwrap().parse().unwrap();
    assert_ne!(shown.fract(), 0.0, "partial credit: {label}");
    assert_ne!(summary.score.points, shown as u32, "raw part points differ");

    let history = study.store.history(1).unwrap();
    let json = serde_json::to_value(&history[0]).unwrap();
    assert_eq!(json["score"], serde_json::json!(shown), "{json}");
    assert_eq!(json["questions"], 40, "{json}");
    assert_eq!(format!("{} / {}", json["score"], json["questions"]), label);
    let stats = az900::study::StatsReport::gather(&study).unwrap();
    let json = serde_json::to_value(stats.exams[0]).unwrap();
    assert_eq!(
        (json["score"].as_f64(), json["questions"].as_u64()),
        (Some(shown), Some(40))
    );
    assert_eq!(json["scaled"], summary.score.scaled_estimate);
}

#[test]
fn review_after_an_exam_asks_exactly_its_misses() {
    let (mut study, _clock) = study();
    let mut s = study.start(Mode::Exam, &opts(4, 4)).unwrap();
    for i in 0..4 {
        answer(&mut study, &mut s, i % 2 == 0);
        if i < 3 {
            study.apply(&mut s, Action::Next).unwrap();
        }
    }
    study.apply(&mut s, Action::Submit).unwrap();
    let summary = study.summary(&s);
    let missed: Vec<String> = summary
        .missed
        .iter()
        .map(|m| m.question_id.clone())
        .collect();
    assert_eq!(missed.len(), 2);
    let r = study
        .start_ids(Mode::Review, missed.clone(), &StartOptions::default())
        .unwrap();
    let asked: Vec<String> = r.items().iter().map(|i| i.question_id.clone()).collect();
    assert_eq!(asked, missed);
}

#[test]
fn the_dashboard_counts_answers_streak_and_review_waiting() {
    let (mut study, clock) = study();
    let d = study.dashboard().unwrap();
    assert_eq!((d.attempts, d.streak, d.review_waiting), (0, 0, 0));
    assert!(d.readiness.is_none(), "no readiness before any answer");
    let mut s = study.start(Mode::Practice, &opts(5, 3)).unwrap();
    answer(&mut study, &mut s, false);
    study.apply(&mut s, Action::Next).unwrap();
    clock.set(T0 + DAY);
    answer(&mut study, &mut s, true);
    let d = study.dashboard().unwrap();
    assert_eq!(d.attempts, 2);
    assert_eq!(d.streak, 2, "answers on two consecutive days");
    assert_eq!(d.review_waiting, 1, "the wrong answer waits for review");
    assert!(d.readiness.is_some());
}

#[test]
fn an_exam_date_is_stored_and_drives_the_plan() {
    let (mut study, _clock) = study();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
    study.set_plan(Some(date), Some(30)).unwrap();
    let plan = study.scheduler.exam.expect("plan set");
    assert_eq!(plan.exam_day - study.today(), 22);
    assert_eq!(plan.minutes_per_day, 30);
    let past = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    assert!(study.set_plan(Some(past), None).is_err());
    study.clear_plan().unwrap();
    assert!(study.scheduler.exam.is_none());
}

/// A study service over the database file at `path` (a second run of the app).
fn study_at(path: &std::path::Path, clock: &TestClock) -> Study {
    Study::new(
        Bank::embedded().unwrap(),
        Store::open(path).unwrap(),
        Box::new(clock.clone()),
    )
    .unwrap()
}

#[test]
fn an_exam_left_unfinished_is_resumed_in_the_next_run_and_scores_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.sqlite3");
    let clock = TestClock::new(T0);
    let (first_ids, kept_time) = {
        let mut study = study_at(&path, &clock);
        assert_eq!(study.dashboard().unwrap().unfinished_exam, None);
        let mut s = study.start(Mode::Exam, &opts(9, 6)).unwrap();
        answer(&mut study, &mut s, true);
        study.apply(&mut s, Action::Next).unwrap();
        answer(&mut study, &mut s, false);
        study.apply(&mut s, Action::ToggleMark).unwrap();
        study.apply(&mut s, Action::Next).unwrap();
        clock.set(T0 + 5 * 60_000);
        // The app dies here (no abandon, no clean exit): the state saved with the last action
        // is what the next run finds.
        let ids: Vec<String> = s.items().iter().map(|i| i.question_id.clone()).collect();
        (ids, s.remaining_ms(T0).unwrap())
    };

    // A day later.
    clock.set(T0 + DAY);
    let mut study = study_at(&path, &clock);
    let unfinished = study.dashboard().unwrap().unfinished_exam.unwrap();
    assert_eq!((unfinished.answered, unfinished.total), (2, 6));
    let mut s = study.resume_exam().unwrap();
    assert_eq!(s.current_index(), 2, "back on the question it was on");
    let ids: Vec<String> = s.items().iter().map(|i| i.question_id.clone()).collect();
    assert_eq!(ids, first_ids);
    assert!(s.items()[0].is_correct() && !s.items()[1].is_correct() && s.items()[1].marked);
    let left = s.remaining_ms(T0 + DAY).unwrap();
    assert!(
        left <= kept_time && left + 1_000 >= kept_time,
        "{left} vs {kept_time}"
    );

    // Change the second answer (it replaces the stored one), answer the rest, submit.
    study.apply(&mut s, Action::Goto(1)).unwrap();
    answer(&mut study, &mut s, true);
    for i in 2..6 {
        study.apply(&mut s, Action::Goto(i)).unwrap();
        answer(&mut study, &mut s, true);
    }
    let ev = study.apply(&mut s, Action::Submit).unwrap();
    assert!(ev.contains(&Event::Finished));
    assert_eq!(study.dashboard().unwrap().unfinished_exam, None);
    let exams = study.store.history(1).unwrap();
    let result = exams[0].result.unwrap();
    assert_eq!(
        result.points, result.max,
        "every answer, before and after, counts"
    );
    let sessions = study.store.history(10).unwrap();
    assert_eq!(
        sessions.len(),
        1,
        "the same session went on; no second exam"
    );
    assert_eq!(
        study.store.session_attempts(sessions[0].id).unwrap().len(),
        6,
        "one stored answer per question"
    );
}

#[test]
fn a_resumed_exam_counts_the_time_it_was_open_against_its_own_limit() {
    // QA: answer some, quit, wait ~15 s, resume, submit: "Time used 02:44 (limit 45:14)"
    // though about 2:24 of exam time was used and the limit is 45:00.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.sqlite3");
    let clock = TestClock::new(T0);
    let sec = 1_000;
    {
        let mut study = study_at(&path, &clock);
        let mut s = study.start(Mode::Exam, &opts(9, 40)).unwrap();
        clock.set(T0 + 30 * sec);
        answer(&mut study, &mut s, true);
        clock.set(T0 + 84 * sec);
        study.abandon(&mut s).unwrap();
    }
    // 15 s later for a minute, then a day later for another: the breaks never count.
    let mut used = 84 * sec;
    for at in [T0 + 99 * sec, T0 + DAY] {
        clock.set(at);
        let mut study = study_at(&path, &clock);
        let mut s = study.resume_exam().unwrap();
        assert_eq!(s.remaining_ms(at), Some(45 * 60_000 - used as u64));
        clock.set(at + 60 * sec);
        used += 60 * sec;
        if at == T0 + DAY {
            study.apply(&mut s, Action::Submit).unwrap();
            let summary = study.summary(&s);
            assert_eq!(summary.time_used_ms, 84_000 + 2 * 60_000);
            assert_eq!(summary.time_limit_ms, Some(45 * 60_000));
            let text = az900::report::summary_text(&study.bank, &summary);
            assert!(text.contains("time used 03:24"), "{text}");
        } else {
            study.abandon(&mut s).unwrap();
        }
    }
}

#[test]
fn a_crash_mid_exam_loses_at_most_a_few_seconds_of_its_clock() {
    // QA: after a kill -9 the clock went back to the last answer: the time was saved only on
    // an answer, a mark or a move.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.sqlite3");
    let clock = TestClock::new(T0);
    {
        let mut study = study_at(&path, &clock);
        let mut s = study.start(Mode::Exam, &opts(9, 40)).unwrap();
        clock.set(T0 + 10_000);
        answer(&mut study, &mut s, true);
        // The event loop ticks once a second while the countdown runs.
        for t in 11..=100 {
            clock.set(T0 + t * 1_000);
            study.apply(&mut s, Action::Tick).unwrap();
        }
        // Killed here: no abandon, no clean exit.
    }
    clock.set(T0 + DAY);
    let mut study = study_at(&path, &clock);
    let s = study.resume_exam().unwrap();
    let left = s.remaining_ms(T0 + DAY).unwrap();
    let lost = left - (45 * 60_000 - 100_000);
    assert!(lost <= 5_000, "{lost} ms given back after the crash");
}

#[test]
fn a_new_exam_ends_an_unfinished_one_and_a_quit_keeps_it() {
    let (mut study, _clock) = study();
    let mut s = study.start(Mode::Exam, &opts(3, 4)).unwrap();
    answer(&mut study, &mut s, true);
    study.abandon(&mut s).unwrap();
    let kept = study.dashboard().unwrap().unfinished_exam.unwrap();
    assert_eq!((kept.answered, kept.total), (1, 4));
    // A practice session does not touch it.
    let mut p = study.start(Mode::Practice, &opts(3, 2)).unwrap();
    study.abandon(&mut p).unwrap();
    assert!(study.dashboard().unwrap().unfinished_exam.is_some());
    // A new exam does: the old one ends unscored, the new one is the one to resume.
    let mut s2 = study.start(Mode::Exam, &opts(4, 5)).unwrap();
    study.abandon(&mut s2).unwrap();
    let now = study.dashboard().unwrap().unfinished_exam.unwrap();
    assert_eq!((now.answered, now.total), (0, 5));
    let history = study.store.history(10).unwrap();
    let ended_unscored = history
        .iter()
        .filter(|h| {
            h.mode == "exam" && h.ended_at.is_some() && h.result.is_some_and(|r| r.scaled.is_none())
        })
        .count();
    assert_eq!(ended_unscored, 1, "{history:?}");
    assert_eq!(study.resume_exam().unwrap().items().len(), 5);
}

/// Ends `s` by submitting (exam) or leaving it (other modes).
fn finish(study: &mut Study, s: &mut Session) {
    if s.mode() == Mode::Exam {
        study.apply(s, Action::Submit).unwrap();
    } else {
        study.abandon(s).unwrap();
    }
}

#[test]
fn exam_and_practice_answers_leave_study_dues_new_a_day_limit_alone() {
    let (mut study, _clock) = study();
    let limit = study.scheduler.new_per_day;
    assert_eq!(study.dashboard().unwrap().new_available, limit);
    let mut e = study.start(Mode::Exam, &opts(3, 40)).unwrap();
    for _ in 0..40 {
        answer(&mut study, &mut e, true);
        if e.current_index() + 1 < e.items().len() {
            study.apply(&mut e, Action::Next).unwrap();
        }
    }
    finish(&mut study, &mut e);
    let mut p = study.start(Mode::Practice, &opts(4, 5)).unwrap();
    for _ in 0..5 {
        answer(&mut study, &mut p, true);
        study.apply(&mut p, Action::Next).unwrap();
    }
    let d = study.dashboard().unwrap();
    assert_eq!(
        d.new_available, limit,
        "an exam and practice use none of it"
    );
    let due = study.due_queue(None).unwrap();
    assert_eq!(due.new_concepts(), limit);
    let s = study.start(Mode::Due, &StartOptions::default()).unwrap();
    assert_eq!(s.items().len(), d.due_today + d.new_available);
    // Study due's own new concepts do use it up.
    let (mut study, _clock) = self::study();
    let mut s = study.start(Mode::Due, &StartOptions::default()).unwrap();
    for _ in 0..3 {
        answer(&mut study, &mut s, true);
        study.apply(&mut s, Action::Next).unwrap();
    }
    assert_eq!(study.dashboard().unwrap().new_available, limit - 3);
}

#[test]
fn home_counts_are_the_sessions_they_open_with_an_exam_date() {
    let (mut study, clock) = study();
    let mut p = study.start(Mode::Practice, &opts(9, 12)).unwrap();
    for k in 0..12 {
        answer(&mut study, &mut p, k % 3 != 0);
        study.apply(&mut p, Action::Next).unwrap();
    }
    finish(&mut study, &mut p);
    clock.set(T0 + 3 * DAY);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
    study.set_plan(Some(date), Some(30)).unwrap();
    let d = study.dashboard().unwrap();
    let due = study.due_queue(None).unwrap();
    assert_eq!(
        (d.due_today, d.new_available),
        (due.reviews(), due.new_concepts())
    );
    assert!(d.due_today > 0, "reviews are due under the plan");
    let s = study.start(Mode::Due, &StartOptions::default()).unwrap();
    let asked: Vec<String> = s.items().iter().map(|i| i.question_id.clone()).collect();
    assert_eq!(asked, due.question_ids());
    assert_eq!(asked.len(), d.due_today + d.new_available);
}

#[test]
fn review_missed_on_home_says_how_many_the_session_asks() {
    let (mut study, _clock) = study();
    let mut p = study.start(Mode::Practice, &opts(11, 35)).unwrap();
    for _ in 0..35 {
        answer(&mut study, &mut p, false);
        study.apply(&mut p, Action::Next).unwrap();
    }
    finish(&mut study, &mut p);
    let d = study.dashboard().unwrap();
    assert_eq!(d.review_waiting, 35);
    let r = study.start(Mode::Review, &StartOptions::default()).unwrap();
    assert_eq!(d.review_session, r.items().len());
    assert_eq!(d.review_session, 30);
}

#[test]
fn the_matrix_accuracy_of_a_cell_counts_only_the_part_about_that_cell() {
    use az900::tui::service::StudyService;
    let (mut study, _clock) = study();
    let q = study
        .bank
        .questions()
        .iter()
        .find(|q| q.id.starts_with("gen-yn-row-") && q.cells.len() >= 3)
        .expect("a yes/no question about a matrix row")
        .clone();
    // Every statement right but the first.
    let az900::bank::Response::YesNo(mut answers) = q.body.key() else {
        panic!("yes/no key");
    };
    answers[0] = answers[0].map(|a| !a);
    let mut s = study
        .start_ids(Mode::Practice, vec![q.id.clone()], &StartOptions::default())
        .unwrap();
    study
        .apply(
            &mut s,
            Action::Answer {
                response: az900::bank::Response::YesNo(answers),
                guess: false,
            },
        )
        .unwrap();
    let acc = study.cell_accuracy().unwrap();
    let of = |k: usize| {
        let c = &q.cells[k];
        let layer = study.bank.rules.layer_index(&c.layer).unwrap();
        acc.iter()
            .find(|a| a.layer == layer && a.model == c.model)
            .map(|a| (a.correct, a.total))
    };
    assert_eq!(of(0), Some((0, 1)), "the missed statement's cell");
    for k in 1..q.cells.len() {
        assert_eq!(of(k), Some((1, 1)), "cell {k} was answered right");
    }
}

#[test]
fn readiness_from_one_skill_area_alone_never_passes() {
    // A learner who answers every concept of objective 1.1.2 right, and nothing else.
    let (mut study, _clock) = study();
    let mut s = study
        .start(
            Mode::Practice,
            &StartOptions {
                topic: Some("1.1.2".into()),
                ..opts(3, 400)
            },
        )
        .unwrap();
    let mut answered = 0;
    while !s.is_finished() {
        if s.phase() == Phase::Question {
            answer(&mut study, &mut s, true);
            answered += 1;
        }
        study.apply(&mut s, Action::Next).unwrap();
    }
    assert!(answered > 30, "{answered} answers");
    let r = study.dashboard().unwrap().readiness.unwrap();
    // 1.1.2 is one of 58 objectives: nearly all of the exam's weight is still unknown (25 %).
    assert!(r.predicted_percent < 30.0, "{r:?}");
    assert!(r.scaled_estimate < 700);
}

#[test]
fn the_setup_choice_is_kept_in_the_store_and_starts_that_exam() {
    use az900::tui::service::StudyService;
    use az900::tui::view::SetupChoice;
    let (mut study, _clock) = study();
    assert!(study.last_setup(Mode::Exam).is_none());
    let topic = study.bank.rules.topics[0].id.clone();
    let choice = SetupChoice {
        topic: Some(topic.clone()),
        count: 15,
        minutes: Some(17),
    };
    study.save_setup(Mode::Exam, &choice).unwrap();
    let back = study.last_setup(Mode::Exam).unwrap();
    assert_eq!((back.topic.clone(), back.count), (Some(topic.clone()), 15));
    let s = study.start_with(Mode::Exam, &choice).unwrap();
    assert_eq!(s.items().len(), 15);
    assert!(s.items().iter().all(|it| it.topic == topic));
    assert_eq!(s.time_limit_ms(), Some(17 * 60_000));
}

#[test]
fn home_counts_the_minutes_studied_today_against_the_plan() {
    let (mut study, clock) = study();
    assert_eq!(study.dashboard().unwrap().minutes_today, (0, None));
    let exam = az900::clock::day_to_date(20_785 + 30);
    study.set_plan(Some(exam), Some(2)).unwrap();
    assert_eq!(study.dashboard().unwrap().minutes_today, (0, Some(2)));
    let mut s = study.start(Mode::Due, &opts(9, 4)).unwrap();
    // 50 s on each question; one left open for ten minutes (counted as two).
    for (i, secs) in [50, 50, 600, 50].into_iter().enumerate() {
        clock.set(clock.now() + secs * 1000);
        answer(&mut study, &mut s, i % 2 == 0);
        study.apply(&mut s, Action::Next).unwrap();
    }
    let times = study.store.recent_answer_times(10).unwrap();
    assert_eq!(times.len(), 4);
    let cap = (az900::schedule::pace::ANSWER_CAP_SECS * 1000.0) as u64;
    let counted: u64 = times.iter().map(|a| a.time_ms.min(cap)).sum();
    assert!(times.iter().any(|a| a.time_ms > cap), "{times:?}");
    let d = study.dashboard().unwrap();
    assert_eq!(d.minutes_today, ((counted / 60_000) as u32, Some(2)));
    assert!(d.minutes_today.0 >= 2, "the plan's two minutes are done");
    // The next day starts at zero.
    clock.set(T0 + DAY);
    assert_eq!(study.dashboard().unwrap().minutes_today.0, 0);
}

#[test]
fn the_exam_plan_weighs_every_concept_by_its_objectives_share_of_the_exam() {
    let (study, _clock) = study();
    let weights = study.scheduler.topic_weights.clone().unwrap();
    assert_eq!(weights.len(), 58, "one weight per outline objective");
    // Every question's objective has a weight, and a cloud-concepts objective (area 1: 27.5 %
    // over 15 objectives) weighs more than an architecture one (37.5 % over 27).
    assert!(
        study
            .bank
            .questions()
            .iter()
            .all(|q| weights.contains_key(&q.objective))
    );
    assert!(weights["1.2.1"] > weights["2.3.3"]);
}

#[test]
fn homes_readiness_and_the_stats_exam_weighted_estimate_are_one_number() {
    // Two places compute the exam-weighted prediction (Home's headline and the per-objective
    // stats): after a mixed practice session they must agree.
    let (mut study, _clock) = study();
    let mut s = study.start(Mode::Practice, &opts(11, 12)).unwrap();
    let mut k = 0;
    while !s.is_finished() {
        if s.phase() == Phase::Question {
            answer(&mut study, &mut s, k % 3 != 0);
            k += 1;
        }
        study.apply(&mut s, Action::Next).unwrap();
    }
    let report = az900::study::StatsReport::gather(&study).unwrap();
    let home = report.dashboard.readiness.unwrap().predicted_percent;
    assert!(k >= 10, "{k} answers");
    assert!(
        (home - report.outline.predicted_percent).abs() < 1e-6,
        "Home {home} vs stats {}",
        report.outline.predicted_percent
    );
}

/// With an exam plan, the day is a budget of minutes planned at the pace measured before the
/// day: what Home counts and the next "Study due" holds goes down with each answer (by the
/// plan's seconds for it, or by its time when slower), never up as today's fast answers move
/// the pace, and concepts answered today are not planned again.
#[test]
fn the_exam_plans_day_goes_down_as_the_learner_studies_and_home_is_the_session() {
    let (mut study, clock) = study();
    let exam = az900::clock::day_to_date(20_785 + 30);
    study.set_plan(Some(exam), Some(25)).unwrap();
    let due_opts = StartOptions {
        seed: Some(5),
        ..StartOptions::default()
    };
    // Home's count and the length of the session it opens.
    let home_and_session = |study: &mut Study| {
        let d = study.dashboard().unwrap();
        let s = study.start(Mode::Due, &due_opts).unwrap();
        (d.due_today + d.new_available, s.items().len(), d.plan_done)
    };
    // 25 minutes at the default 30 s an answer.
    assert_eq!(home_and_session(&mut study), (50, 50, false));
    let mut s = study.start(Mode::Due, &due_opts).unwrap();
    let mut asked = Vec::new();
    // Four answers of a second each, one of them wrong: each uses 30 s of the plan.
    for i in 0..4 {
        asked.push(s.current_item().concept.clone());
        clock.set(clock.now() + 1_000);
        answer(&mut study, &mut s, i != 1);
        study.apply(&mut s, Action::Next).unwrap();
    }
    assert_eq!(home_and_session(&mut study), (46, 46, false));
    // The day keeps the pace it was planned at: measuring it again (the app started again, or
    // the plan set again) does not count today's fast answers.
    study.set_plan(None, Some(25)).unwrap();
    assert_eq!(home_and_session(&mut study), (46, 46, false));
    let next = study.due_queue(None).unwrap();
    assert!(
        next.items.iter().all(|it| !asked.contains(&it.concept)),
        "a concept answered today is not planned again"
    );
    assert_eq!(next.reviews(), 0, "{:?}", next.items);
    // One slow answer (110 s) leaves the time studied (114 s) behind the plan's seconds (150 s).
    let mut s = study.start(Mode::Due, &due_opts).unwrap();
    clock.set(clock.now() + 110_000);
    answer(&mut study, &mut s, true);
    study.apply(&mut s, Action::Next).unwrap();
    assert_eq!(home_and_session(&mut study), (45, 45, false));
    // ...and one left open for five minutes (counted as two) puts the time studied ahead of
    // the plan's seconds: 4 + 110 + 120 s of 1,500 leave 1,266 s, 42 answers at 30 s.
    clock.set(clock.now() + 300_000);
    answer(&mut study, &mut s, true);
    study.apply(&mut s, Action::Next).unwrap();
    assert_eq!(study.plan_spent_secs().unwrap(), 234.0);
    assert_eq!(home_and_session(&mut study), (42, 42, false));
    // The next day is planned afresh, at the pace of the answers so far.
    clock.set(T0 + DAY);
    let (home, session, done) = home_and_session(&mut study);
    assert_eq!((home, done), (session, false));
}

/// Once the day's plan is done (its items answered faster than planned, or its minutes
/// studied), Home says so and "Study due" goes on with another round of the day's minutes
/// among the concepts not answered today, Home counting that round.
#[test]
fn a_done_plan_goes_on_with_another_round_home_counting_it() {
    let (mut study, clock) = study();
    let exam = az900::clock::day_to_date(20_785 + 30);
    study.set_plan(Some(exam), Some(1)).unwrap();
    let mut s = study.start(Mode::Due, &opts(3, 9)).unwrap();
    assert_eq!(s.items().len(), 2, "a minute at 30 s an answer");
    let mut asked = Vec::new();
    for _ in 0..2 {
        asked.push(s.current_item().concept.clone());
        clock.set(clock.now() + 2_000);
        answer(&mut study, &mut s, true);
        study.apply(&mut s, Action::Next).unwrap();
    }
    let d = study.dashboard().unwrap();
    assert_eq!(d.minutes_today, (0, Some(1)));
    assert!(d.plan_done);
    let next = study.due_queue(None).unwrap();
    assert_eq!(d.due_today + d.new_available, next.items.len());
    assert_eq!(next.items.len(), 2);
    assert!(next.items.iter().all(|it| !asked.contains(&it.concept)));
}

/// QA: the Results of a Study due session left out a second chance ("Answered 10, Right 6"
/// while `az900 history` said 11 answered, 7 right), and `r` retook a question already put
/// right. Now Results count every answer as history does, each question once at its latest
/// answer, and what `r` retakes (the summary's missed questions) is what `az900 review` has
/// waiting of this session's questions.
#[test]
fn results_count_every_answer_as_history_does_and_r_retakes_what_review_would() {
    let (mut study, clock) = study();
    // Question 2 wrong, the rest right, until its second chance has been answered (right).
    let mut s = study.start(Mode::Due, &opts(21, 12)).unwrap();
    let mut k = 0;
    let mut asked_again = false;
    while !asked_again {
        clock.set(clock.now() + 5_000);
        let requeued = s.current_item().requeued;
        answer(&mut study, &mut s, k != 1);
        asked_again = requeued;
        study.apply(&mut s, Action::Next).unwrap();
        k += 1;
    }
    // One more question missed, and left so.
    answer(&mut study, &mut s, false);
    k += 1;
    study.abandon(&mut s).unwrap();
    let sum = study.summary(&s);
    let history = study.store.history(1).unwrap();
    let n = &sum.counts;
    assert_eq!(n.answered, k);
    assert_eq!(
        (n.answered as u64, n.right as u64),
        (history[0].answered, history[0].correct)
    );
    assert_eq!(n.right + n.missed, n.answered);
    assert_eq!(n.missed, 2, "question 2 and the last: {n:?}");
    // What `r` retakes: each question whose latest answer here is wrong, as Review missed has
    // them (this session's questions only).
    let here: std::collections::HashSet<&str> =
        s.items().iter().map(|it| it.question_id.as_str()).collect();
    let mut waiting: Vec<String> = study
        .review_queue(None)
        .unwrap()
        .into_iter()
        .filter(|id| here.contains(id.as_str()))
        .collect();
    let mut retake: Vec<String> = sum.missed.iter().map(|m| m.question_id.clone()).collect();
    waiting.sort();
    retake.sort();
    assert_eq!(retake, waiting);
}

/// QA: Results said "Time used 01:52" for one slow answer while Home said "1 of 25 min
/// studied". Home counts the time on the questions, each answer up to two minutes (the plan's
/// measure, what its pace is made of); Results now show that too ("studied"), beside the
/// session's clock, and the two agree with the store's minutes of the day.
#[test]
fn results_studied_time_is_what_home_adds_to_the_minutes_of_the_plan() {
    let (mut study, clock) = study();
    let exam = az900::clock::day_to_date(20_785 + 30);
    study.set_plan(Some(exam), Some(25)).unwrap();
    let mut s = study.start(Mode::Due, &opts(4, 5)).unwrap();
    // 110 s on the question, 30 s reading the explanation; then one left open for 5 minutes.
    clock.set(clock.now() + 110_000);
    answer(&mut study, &mut s, true);
    clock.set(clock.now() + 30_000);
    study.apply(&mut s, Action::Next).unwrap();
    let sum = study.summary(&s);
    assert_eq!((sum.time_used_ms, sum.studied_ms), (140_000, 110_000));
    assert_eq!(study.dashboard().unwrap().minutes_today, (1, Some(25)));
    clock.set(clock.now() + 300_000);
    answer(&mut study, &mut s, true);
    study.abandon(&mut s).unwrap();
    let sum = study.summary(&s);
    assert_eq!((sum.time_used_ms, sum.studied_ms), (440_000, 230_000));
    assert_eq!(
        study.store.studied_ms(study.today()).unwrap(),
        sum.studied_ms
    );
    let home = study.dashboard().unwrap().minutes_today.0;
    assert_eq!(home, 3);
    let text = az900::report::summary_text(&study.bank, &sum);
    assert!(text.contains("time used 07:20 · studied 03:50"), "{text}");
}

/// QA: `stats` listed the exams oldest first while `history` lists sessions newest first;
/// both are newest first now.
#[test]
fn stats_lists_exams_newest_first_as_history_does() {
    let (mut study, clock) = study();
    for (k, right) in [(0, false), (1, true)] {
        clock.set(T0 + k * DAY);
        let mut s = study.start(Mode::Exam, &opts(7 + k as u64, 40)).unwrap();
        while !s.is_finished() {
            answer(&mut study, &mut s, right);
            if s.is_finished() {
                break;
            }
            study.apply(&mut s, Action::Next).unwrap();
            if s.current_item().is_answered() {
                study.apply(&mut s, Action::Submit).unwrap();
            }
        }
    }
    let history = study.store.history(10).unwrap();
    let text = az900::study::StatsReport::gather(&study).unwrap().to_text();
    let at = text.find("Exams:").unwrap();
    let lines: Vec<&str> = text[at..].lines().skip(1).take(2).collect();
    let day = |k: i64| az900::clock::day_to_date(20_785 + k).to_string();
    assert!(
        lines[0].contains(&day(1)) && lines[1].contains(&day(0)),
        "{text}"
    );
    assert!(history[0].started_at > history[1].started_at);
}

#[test]
fn the_comparison_with_the_previous_exam_counts_the_questions_both_asked() {
    // QA: the same seed twice (all 40 questions in both) said "of 2 in both exams", as only
    // answered questions of the previous exam were known, by concept; a different question
    // on a concept right before was "slipped"; and fixed questions were not listed.
    let (mut study, _clock) = study();
    // Answers question i right, wrong or not at all, then submits.
    let run = |study: &mut Study, seed: u64, plan: &[(usize, bool)]| {
        let mut s = study.start(Mode::Exam, &opts(seed, 40)).unwrap();
        for &(i, right) in plan {
            study.apply(&mut s, Action::Goto(i)).unwrap();
            answer(study, &mut s, right);
        }
        study.apply(&mut s, Action::Submit).unwrap();
        let ids: Vec<String> = s.items().iter().map(|it| it.question_id.clone()).collect();
        (study.summary(&s), ids)
    };
    // First exam: 0 right, 1 wrong, the other 38 unanswered (not right).
    let (first, ids) = run(&mut study, 7, &[(0, true), (1, false)]);
    assert!(first.versus.is_none(), "no exam before the first");
    // The same questions again: 0 wrong, 1 and 2 right, the rest unanswered.
    let (second, again) = run(&mut study, 7, &[(0, false), (1, true), (2, true)]);
    assert_eq!(again, ids, "the same seed asks the same questions");
    let v = second.versus.clone().unwrap();
    assert_eq!(v.shared, 40, "every question was in both exams");
    let mut fixed = vec![ids[1].clone(), ids[2].clone()];
    fixed.sort();
    assert_eq!(v.fixed, fixed);
    assert_eq!(v.slipped, vec![ids[0].clone()]);
    assert_eq!(v.still_missed.len(), 37);
    assert_eq!(v.right_both(), 0);
    // Another seed: only the questions both asked count, and a question slipped only if
    // this very question was right in the previous exam.
    let (third, other) = run(&mut study, 8, &[]);
    let v = third.versus.unwrap();
    let both: Vec<&String> = other.iter().filter(|q| again.contains(q)).collect();
    assert_eq!(v.shared, both.len());
    let right_before: Vec<&String> = vec![&again[1], &again[2]];
    for q in &v.slipped {
        assert!(
            right_before.contains(&q),
            "{q} was not right in the previous exam"
        );
    }
    assert!(v.fixed.is_empty(), "nothing answered, nothing fixed");
    assert_eq!(v.slipped.len() + v.still_missed.len(), v.shared);
}

#[test]
fn a_plain_exams_results_label_the_skipped_among_those_not_right_and_submit_lists_the_marked() {
    // QA: `--plain` said "Answered 2 of 10 · right 1 · missed 1 · skipped 8" then "Missed (9):";
    // submitting listed only the unanswered questions (the TUI lists marked and incomplete
    // ones too); and times read `0:00` where the TUI writes `00:00`.
    let (mut study, _clock) = study();
    let mut s = study.start(Mode::Exam, &opts(3, 10)).unwrap();
    answer(&mut study, &mut s, true);
    study.apply(&mut s, Action::Goto(1)).unwrap();
    answer(&mut study, &mut s, false);
    study.apply(&mut s, Action::Goto(2)).unwrap();
    let mut out = Vec::new();
    az900::plain::run(&mut study, s, "f\ns\n".as_bytes(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(" · 12:00 left"), "{text}");
    assert!(
        text.contains("8 unanswered (they score zero): 3, 4, 5, 6, 7, 8, 9, 10\n"),
        "{text}"
    );
    assert!(text.contains("1 marked for review: 3\n"), "{text}");
    // Question 2's wrong answer leaves every statement without a yes or no: incomplete.
    assert!(text.contains("1 incomplete: 2\n"), "{text}");
    assert!(
        text.contains("Answers 2 · right 1 · missed 1 · skipped 8 of 10 questions"),
        "{text}"
    );
    // 1 missed + 8 skipped = the 9 not right listed, each skipped one said as such.
    assert!(
        text.contains("Not right (9): 1 missed, 8 skipped\n"),
        "{text}"
    );
    assert!(!text.contains("Missed ("), "{text}");
    assert_eq!(text.matches("[skipped]").count(), 8, "{text}");
    assert!(text.contains("time used 00:00\n"), "{text}");
    // `az900 review` is Home's Review missed, not this session's list.
    assert!(
        text.contains("Run `az900 review` to retake every question whose latest answer is wrong"),
        "{text}"
    );
}

/// The `stats` line after `answers` and its readiness line.
fn stats_lines(study: &Study) -> (String, String, String) {
    let report = az900::study::StatsReport::gather(study).unwrap();
    let text = report.to_text();
    let find = |p: &str| {
        text.lines()
            .find(|l| l.starts_with(p))
            .unwrap_or_else(|| panic!("no {p}: {text}"))
            .to_string()
    };
    (find("Readiness"), find("By skill area"), text)
}

#[test]
fn stats_readiness_and_the_exam_weighted_estimate_have_a_value_together() {
    // QA: `stats` said "Readiness: — (answer some questions first)" next to "exam-weighted
    // estimate 25 %, scaled ≈ 250": the second was the guessing rate of concepts not studied.
    let (mut study, _clock) = study();
    let (ready, areas, text) = stats_lines(&study);
    assert_eq!(
        ready, "Readiness: — (answer some questions first)",
        "{text}"
    );
    assert!(areas.contains("no exam-weighted estimate yet"), "{text}");
    assert!(!text.contains('≈'), "{text}");
    // Cram answers are answers, but leave the schedule (and so the estimate) alone.
    let mut s = study.start(Mode::Cram, &opts(5, 2)).unwrap();
    answer(&mut study, &mut s, true);
    study.abandon(&mut s).unwrap();
    let (ready, areas, text) = stats_lines(&study);
    assert!(text.starts_with("Answers: 1 "), "{text}");
    assert!(
        ready.starts_with("Readiness: — (no concept studied yet"),
        "{text}"
    );
    assert!(areas.contains("no exam-weighted estimate yet"), "{text}");
    // A practice answer studies a concept: both have the one value.
    let mut s = study.start(Mode::Practice, &opts(5, 2)).unwrap();
    answer(&mut study, &mut s, true);
    study.abandon(&mut s).unwrap();
    let report = az900::study::StatsReport::gather(&study).unwrap();
    let r = report.dashboard.readiness.unwrap();
    let (ready, areas, text) = stats_lines(&study);
    assert!(
        ready.starts_with(&format!(
            "Readiness (estimate): {:.0} % recall predicted today → scaled ≈ {} ",
            r.predicted_percent, r.scaled_estimate
        )),
        "{text}"
    );
    assert!(
        areas.contains(&format!(
            "exam-weighted estimate {:.0} %, scaled ≈ {};",
            r.predicted_percent, r.scaled_estimate
        )),
        "{text}"
    );
}

#[test]
fn plain_help_names_one_cell_per_row_and_g2_is_a_guess() {
    let (mut study, _clock) = study();
    let grid = study
        .bank
        .questions()
        .iter()
        .find(|q| {
            matches!(
                q.body,
                az900::bank::question::Body::HotArea {
                    one_per_row: true,
                    ..
                }
            )
        })
        .unwrap()
        .id
        .clone();
    let single = study
        .bank
        .questions()
        .iter()
        .find(|q| q.kind() == az900::bank::question::Kind::Single)
        .unwrap()
        .id
        .clone();
    let s = study
        .start_ids(Mode::Practice, vec![grid, single], &Default::default())
        .unwrap();
    let mut out = Vec::new();
    az900::plain::run(&mut study, s, "?\n1a\nn\ng2\n".as_bytes(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("(select one cell per row as row number"),
        "{text}"
    );
    assert!(text.contains("This question: one cell per row"), "{text}");
    assert!(text.contains("g2"), "{text}");
    assert!(text.contains("? recorded as a guess"), "{text}");
}
