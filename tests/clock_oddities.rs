//! A clock that misbehaves: it goes backwards between answers (and while a question is open),
//! jumps forward a year, falls back to 1970, and the local UTC offset changes as at a DST switch
//! or when travelling. None of it may produce a negative elapsed or answer time, a `last_review`
//! that moves backwards, a non-finite stability or difficulty, or a due date before the last
//! review; the day counts (answers per day, streak) stay consistent with the answers recorded.
//!
//! Sessions run through the library (`Study` with a test clock whose time and offset can be
//! moved after it is handed over); `clock::study_day` and `Scheduler::review` are also driven
//! directly with random walks of time and offset.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};

use az900::bank::Bank;
use az900::bank::question::{Body, Choice, Question, Response, Source};
use az900::clock::{self, MS_PER_DAY, Millis};
use az900::engine::{Action, Mode, Phase, Session};
use az900::rules::Rules;
use az900::schedule::{MemoryState, Rating, Scheduler};
use az900::store::Store;
use az900::study::{StartOptions, StatsReport, Study};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod common;
use common::TestClock;

const H: i64 = 3_600_000;
/// 2026-11-28 10:00 UTC.
const T0: Millis = 20_785 * MS_PER_DAY + 10 * H;
const TOPICS: [&str; 3] = ["shared-responsibility", "service-types", "customer-duties"];

/// 12 concepts (4 per topic), one single-answer wording each; choice 1 is right.
fn bank() -> Bank {
    let mut questions = Vec::new();
    for (t, topic) in TOPICS.iter().enumerate() {
        for i in 0..4 {
            let choices = (0..3)
                .map(|c| Choice {
                    text: format!("choice {c}"),
                    correct: c == 1,
                    why: String::new(),
                })
                .collect();
            questions.push(Question {
                id: format!("q-{t}-{i}"),
                concept: format!("c-{t}-{i}"),
                objective: "1.1.2".into(),
                topic: (*topic).to_string(),
                prompt: format!("Question {t}.{i}?"),
                body: Body::Single { choices },
                explanation: "Because.".into(),
                refs: Vec::new(),
                cells: Vec::new(),
                source: Source::Generated,
                confusable: None,
            });
        }
    }
    Bank::from_questions(Rules::embedded().unwrap(), questions).unwrap()
}

/// What the test knows it did: every answer with the time and offset it was given at.
#[derive(Default)]
struct Log {
    /// (answered_at, offset) of each answer.
    answers: Vec<(Millis, i32)>,
    /// Latest memory state seen per concept.
    seen: HashMap<String, MemoryState>,
    checks: usize,
}

/// The invariants, checked after every step.
fn check(study: &Study, log: &mut Log, label: &str) {
    for s in study.store.memory_states().unwrap() {
        let what = format!("{label}: {}", s.concept);
        assert!(
            s.stability.is_finite() && s.stability > 0.0,
            "{what}: stability {}",
            s.stability
        );
        assert!(
            s.difficulty.is_finite() && (1.0..=10.0).contains(&s.difficulty),
            "{what}: difficulty {}",
            s.difficulty
        );
        assert!(
            s.due > s.last_review,
            "{what}: due {} is not after the last review {}",
            s.due,
            s.last_review
        );
        let recall = study.scheduler.recall_at(&s, study.now());
        assert!(
            recall.is_finite() && (0.0..=1.0).contains(&recall),
            "{what}: recall {recall}"
        );
        if let Some(prev) = log.seen.get(&s.concept) {
            assert!(
                s.last_review >= prev.last_review,
                "{what}: last_review moved back from {} to {}",
                prev.last_review,
                s.last_review
            );
            assert!(s.reps >= prev.reps, "{what}: reps went down");
        }
        log.seen.insert(s.concept.clone(), s);
        log.checks += 1;
    }
}

/// Answers every question of a practice session: answer `i` is given at `step(i)` (time and
/// offset), and the next question is shown a second later, or at `shown(i)` when given. The
/// invariants are checked after each answer.
fn practice(
    study: &mut Study,
    clock: &TestClock,
    log: &mut Log,
    label: &str,
    mut step: impl FnMut(usize) -> (Millis, i32),
    shown: Option<&dyn Fn(usize) -> Millis>,
) -> Session {
    let mut session = study
        .start(
            Mode::Practice,
            &StartOptions {
                seed: Some(1),
                count: Some(12),
                ..StartOptions::default()
            },
        )
        .unwrap();
    let mut i = 0;
    while !session.is_finished() {
        assert_eq!(session.phase(), Phase::Question);
        let (at, offset) = step(i);
        clock.set(at);
        clock.set_offset(offset);
        let q = study
            .bank
            .get(&session.current_item().question_id)
            .unwrap()
            .clone();
        let Body::Single { choices } = &q.body else {
            unreachable!()
        };
        // Right for even answers, wrong for odd ones (both ratings are exercised).
        let pick = if i % 2 == 0 {
            choices.iter().position(|c| c.correct).unwrap()
        } else {
            0
        };
        study
            .apply(
                &mut session,
                Action::Answer {
                    response: Response::Choices(vec![pick]),
                    guess: i % 3 == 2,
                },
            )
            .unwrap();
        log.answers.push((at, offset));
        check(study, log, &format!("{label}, answer {i}"));
        let next = shown.map_or(at + 1000, |f| f(i));
        clock.set(next);
        clock.set_offset(offset);
        study.apply(&mut session, Action::Next).unwrap();
        i += 1;
    }
    session
}

fn new_study(dir: &std::path::Path, clock: &TestClock) -> Study {
    let store = Store::open(&dir.join("progress.sqlite3")).unwrap();
    Study::new(bank(), store, Box::new(clock.clone())).unwrap()
}

/// Compares the database with the answers the test gave: every attempt's time and day, the
/// per-day counts, the streak, and the stats report's 90-day window.
fn check_days(study: &Study, dir: &std::path::Path, log: &Log, label: &str) -> usize {
    let rollover = study.scheduler.rollover_hour;
    let conn = rusqlite::Connection::open(dir.join("progress.sqlite3")).unwrap();
    let mut stmt = conn
        .prepare("SELECT answered_at, day, time_ms FROM attempts ORDER BY id")
        .unwrap();
    let rows: Vec<(i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), log.answers.len(), "{label}: attempts");
    let mut per_day: BTreeMap<i64, u64> = BTreeMap::new();
    for ((answered_at, day, time_ms), (at, offset)) in rows.iter().zip(&log.answers) {
        assert_eq!(answered_at, at, "{label}: answered_at");
        assert_eq!(
            *day,
            clock::study_day(*at, *offset, rollover),
            "{label}: the day of an answer at {at} (offset {offset})"
        );
        assert!(*time_ms >= 0, "{label}: negative answer time {time_ms}");
        assert!(
            *time_ms <= 2 * 366 * MS_PER_DAY,
            "{label}: answer time {time_ms}"
        );
        *per_day.entry(*day).or_default() += 1;
    }
    // Answers per day, as the store counts them.
    let (first, last) = (
        *per_day.keys().next().unwrap(),
        *per_day.keys().last().unwrap(),
    );
    let counted: BTreeMap<i64, u64> = study
        .store
        .answers_per_day(first, last)
        .unwrap()
        .into_iter()
        .map(|d| (d.day, d.answered))
        .collect();
    assert_eq!(counted, per_day, "{label}: answers per day");
    // The streak, by its definition: consecutive days with answers ending today or yesterday.
    let today = study.today();
    let mut expected = 0;
    let mut day = if per_day.contains_key(&today) {
        today
    } else {
        today - 1
    };
    while per_day.contains_key(&day) {
        expected += 1;
        day -= 1;
    }
    assert_eq!(
        study.store.streak(today).unwrap(),
        expected,
        "{label}: streak"
    );
    // The stats report: a full 90-day window ending today, counts matching.
    let report = StatsReport::gather(study).unwrap();
    assert_eq!(report.today, today);
    assert_eq!(report.per_day.len(), 90, "{label}: stats window");
    assert_eq!(report.per_day.last().unwrap().day, today);
    for w in report.per_day.windows(2) {
        assert_eq!(w[1].day, w[0].day + 1, "{label}: stats days not contiguous");
    }
    for d in &report.per_day {
        assert_eq!(
            d.answered,
            per_day.get(&d.day).copied().unwrap_or(0),
            "{label}: stats day {}",
            d.day
        );
    }
    assert_eq!(report.dashboard.streak, expected);
    assert_eq!(report.dashboard.attempts, log.answers.len() as u64);
    rows.len()
}

#[test]
fn the_clock_going_backwards_between_answers() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new(T0);
    let mut study = new_study(dir.path(), &clock);
    let mut log = Log::default();
    // First pass: forward, a minute per answer.
    practice(
        &mut study,
        &clock,
        &mut log,
        "forward",
        |i| (T0 + i as i64 * 60_000, 0),
        None,
    );
    // Second pass over the same concepts: every answer earlier than the one before, from two
    // days before the first pass down to 1970.
    let back = [
        T0 - 2 * MS_PER_DAY,
        T0 - 2 * MS_PER_DAY - H,
        T0 - 3 * MS_PER_DAY,
        T0 - 30 * MS_PER_DAY,
        T0 - 365 * MS_PER_DAY,
        1_000_000,
        0,
    ];
    practice(
        &mut study,
        &clock,
        &mut log,
        "backward",
        |i| (back[i.min(back.len() - 1)], 0),
        None,
    );
    // Every concept was reviewed twice; the second review moved nothing back.
    for s in study.store.memory_states().unwrap() {
        assert_eq!(s.reps, 2, "{}", s.concept);
        assert!(s.last_review >= T0, "{}: {}", s.concept, s.last_review);
    }
    let n = check_days(&study, dir.path(), &log, "backward");
    println!(
        "clock backwards: {n} answers, {} state checks passed",
        log.checks
    );
}

#[test]
fn the_clock_going_backwards_while_a_question_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new(T0);
    let mut study = new_study(dir.path(), &clock);
    let mut log = Log::default();
    // Question i is shown at T0 + i hours and answered 10 minutes *before* it was shown.
    let shown = |i: usize| T0 + (i as i64 + 1) * H;
    practice(
        &mut study,
        &clock,
        &mut log,
        "open question",
        |i| (T0 + i as i64 * H - 10 * 60_000, 0),
        Some(&shown),
    );
    let conn = rusqlite::Connection::open(dir.path().join("progress.sqlite3")).unwrap();
    let max_time: i64 = conn
        .query_row("SELECT MAX(time_ms) FROM attempts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        max_time, 0,
        "an answer given before its question was shown took {max_time} ms"
    );
    let n = check_days(&study, dir.path(), &log, "open question");
    println!(
        "clock backwards with a question open: {n} answers, {} state checks passed",
        log.checks
    );
}

#[test]
fn the_clock_jumping_forward_a_year_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new(T0);
    let mut study = new_study(dir.path(), &clock);
    let mut log = Log::default();
    let year = 365 * MS_PER_DAY;
    practice(
        &mut study,
        &clock,
        &mut log,
        "now",
        |i| (T0 + i as i64 * 60_000, 0),
        None,
    );
    // A year later for half the answers, then back to (almost) now.
    practice(
        &mut study,
        &clock,
        &mut log,
        "a year on",
        |i| {
            if i < 6 {
                (T0 + year + i as i64 * 60_000, 0)
            } else {
                (T0 + MS_PER_DAY + i as i64 * 60_000, 0)
            }
        },
        None,
    );
    let states = study.store.memory_states().unwrap();
    assert!(
        states.iter().any(|s| s.last_review >= T0 + year),
        "the year jump left no trace"
    );
    let n = check_days(&study, dir.path(), &log, "year");
    println!(
        "clock a year ahead and back: {n} answers, {} state checks passed",
        log.checks
    );
}

#[test]
fn the_utc_offset_changing_between_answers() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new(T0);
    let mut study = new_study(dir.path(), &clock);
    let mut log = Log::default();
    // Around the 04:00 rollover: DST ends (+1 h -> 0) and starts (0 -> +1 h); then travel
    // across the date line (+14 h / -12 h) and back, minutes apart.
    let base = 20_785 * MS_PER_DAY + 2 * H + 50 * 60_000; // 02:50 UTC
    let offsets = [
        3600,
        0,
        0,
        3600,
        3600,
        14 * 3600,
        -12 * 3600,
        5 * 3600 + 1800,
        0,
    ];
    practice(
        &mut study,
        &clock,
        &mut log,
        "offsets",
        |i| {
            (
                base + i as i64 * 10 * 60_000,
                offsets[i.min(offsets.len() - 1)],
            )
        },
        None,
    );
    practice(
        &mut study,
        &clock,
        &mut log,
        "offsets again",
        |i| {
            (
                base + 90 * 60_000 + i as i64 * 10 * 60_000,
                offsets[(i + 3) % offsets.len()],
            )
        },
        None,
    );
    let n = check_days(&study, dir.path(), &log, "offsets");
    println!(
        "offset changes: {n} answers, {} state checks passed",
        log.checks
    );
}

// ----- the pure functions, driven directly -----------------------------------------------------

/// Offsets that exist somewhere (−12 h to +14 h, in quarter hours).
fn random_offset(rng: &mut ChaCha8Rng) -> i32 {
    rng.random_range(-48..=56) * 900
}

#[test]
fn study_days_are_monotonic_and_offset_changes_move_them_by_at_most_a_day() {
    let mut rng = ChaCha8Rng::seed_from_u64(0xC10C);
    let cases = 20_000;
    for _ in 0..cases {
        let at: Millis = rng.random_range(-100 * 365 * MS_PER_DAY..200 * 365 * MS_PER_DAY);
        let later = at + rng.random_range(0..3 * MS_PER_DAY);
        let offset = random_offset(&mut rng);
        let rollover = rng.random_range(0..24u32);
        let d = clock::study_day(at, offset, rollover);
        // Monotonic for a fixed offset, and within one day per day elapsed.
        let d2 = clock::study_day(later, offset, rollover);
        assert!(d2 >= d && d2 - d <= (later - at) / MS_PER_DAY + 1);
        // A DST switch (±1 h) moves the day by at most one.
        for shift in [-3600, 3600] {
            let e = clock::study_day(at, offset + shift, rollover);
            assert!((e - d).abs() <= 1, "{at} {offset} {shift}");
        }
        // The day starts at the rollover hour, local time.
        let start = d * MS_PER_DAY - i64::from(offset) * 1000 + i64::from(rollover) * H;
        assert!(
            start <= at && at < start + MS_PER_DAY,
            "{at} {offset} {rollover}"
        );
    }
    println!("study_day cases checked: {cases}");
}

#[test]
fn reviews_under_a_wandering_clock_keep_their_invariants() {
    let scheduler = Scheduler::default();
    let mut rng = ChaCha8Rng::seed_from_u64(0x5EED);
    let walks = 400;
    let mut reviews = 0;
    for walk in 0..walks {
        let mut now = T0 + rng.random_range(-1000..1000) * MS_PER_DAY;
        let mut state: Option<MemoryState> = None;
        for step in 0..30 {
            // Mostly forward by minutes to weeks; sometimes backwards, sometimes a year on.
            now += match rng.random_range(0..10) {
                0 => -rng.random_range(0..400 * MS_PER_DAY),
                1 => rng.random_range(300..400) * MS_PER_DAY,
                2 => rng.random_range(0..60_000),
                _ => rng.random_range(0..20 * MS_PER_DAY),
            };
            let offset = random_offset(&mut rng);
            let rating = [Rating::Again, Rating::Hard, Rating::Good][rng.random_range(0..3)];
            let next = scheduler.review(state.as_ref(), "c", "q", rating, now, offset);
            let what = format!("walk {walk} step {step}: {next:?}");
            assert!(next.stability.is_finite() && next.stability > 0.0, "{what}");
            assert!(
                next.difficulty.is_finite() && (1.0..=10.0).contains(&next.difficulty),
                "{what}"
            );
            assert!(next.due > next.last_review, "{what}");
            if let Some(prev) = &state {
                assert!(next.last_review >= prev.last_review, "{what}");
                assert_eq!(next.last_review, now.max(prev.last_review), "{what}");
                assert_eq!(next.reps, prev.reps + 1, "{what}");
                // Elapsed time is never negative, however the clock and offset moved.
                let elapsed = scheduler.elapsed_days(prev.last_review, now, offset);
                if now <= prev.last_review {
                    assert_eq!(elapsed, 0, "{what}");
                }
                let recall = scheduler.recall_at(prev, now);
                assert!((0.0..=1.0).contains(&recall), "{what}: recall {recall}");
            }
            state = Some(next);
            reviews += 1;
        }
    }
    println!("reviews checked: {reviews} over {walks} random walks");
}
