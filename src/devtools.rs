//! Developer tools, not part of the app: a synthetic heavy history for the performance
//! benchmark (`cargo bench --bench perf`) and `cargo run --release --example fill_history`.
//!
//! [`fill_history`] studies the real bank as a simulated learner would, through the same code
//! the app runs for every answer: [`Study::start`] picks and records a session,
//! [`Study::apply`] grades each answer, runs the scheduler and commits the attempt with the
//! concept's new memory state in its own transaction (`Store::record_attempt`), exams are
//! submitted and scored, undo and marks go through the same events. Only the clock is fake: a
//! [`MovableClock`] the generator moves forward between answers, so the history spreads over
//! `years` years ending at `end`.
//!
//! # Batching
//! The store offers no outer transaction, and the generator does not want one: it must write
//! exactly what the app writes. Each answer is therefore its own `BEGIN IMMEDIATE … COMMIT`,
//! which in WAL mode with `synchronous = NORMAL` costs no fsync (only checkpoints sync), so
//! the per-answer cost is the app's real cost of recording an answer (tens of microseconds of
//! SQLite work plus the FSRS update). One million attempts take a few minutes on a laptop
//! core; build the large histories once and reuse them (the benchmark caches them under
//! `/tmp`).

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::bank::Bank;
use crate::bank::question::{Body, Question, Response};
use crate::clock::{Clock, MS_PER_DAY, Millis};
use crate::engine::{Action, Event, Mode, Session};
use crate::paths::Paths;
use crate::store::Store;
use crate::study::{StartOptions, Study};

/// A clock the caller moves by hand, shared between the generator and the [`Study`] that
/// owns a boxed copy. UTC (offset 0).
#[derive(Debug, Clone, Default)]
pub struct MovableClock(Rc<Cell<Millis>>);

impl MovableClock {
    pub fn new(now: Millis) -> MovableClock {
        MovableClock(Rc::new(Cell::new(now)))
    }

    pub fn set(&self, now: Millis) {
        self.0.set(now);
    }

    pub fn advance(&self, ms: i64) {
        self.0.set(self.0.get().saturating_add(ms));
    }
}

impl Clock for MovableClock {
    fn now(&self) -> Millis {
        self.0.get()
    }

    fn utc_offset_secs(&self, _at: Millis) -> i32 {
        0
    }
}

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct FillOptions {
    /// Attempts (graded answers) to record, exactly.
    pub attempts: usize,
    /// Years the history spans, ending at `end`.
    pub years: f64,
    pub seed: u64,
    /// The instant of the last answer (normally now, so "today" has history).
    pub end: Millis,
}

impl FillOptions {
    /// `attempts` over the default span for that size, ending at `end`.
    pub fn new(attempts: usize, end: Millis) -> FillOptions {
        FillOptions {
            attempts,
            years: default_years(attempts),
            seed: 900,
            end,
        }
    }
}

/// The default span: about 20 answers a day of study, at least a month, at most 5 years
/// (1k → 50 days, 10k → 1.4 years, 100k and 1M → 5 years).
pub fn default_years(attempts: usize) -> f64 {
    (attempts as f64 / 20.0 / 365.25).clamp(30.0 / 365.25, 5.0)
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FillReport {
    pub attempts: u64,
    pub sessions: u64,
    pub exams: u64,
    pub undos: u64,
    pub first_at: Millis,
    pub last_at: Millis,
    pub elapsed: Duration,
}

/// A small deterministic generator (SplitMix64): the history depends on the seed only.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (0 when n is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Fills the progress database of `data_dir` (created if missing) with a synthetic history.
/// See the module docs for how.
pub fn fill_history(data_dir: &Path, bank: Bank, opts: &FillOptions) -> Result<FillReport> {
    let paths = Paths::resolve(Some(data_dir), None)?;
    let store = Store::open(&paths.database())
        .with_context(|| format!("opening {}", paths.database().display()))?;
    fill_store(store, bank, opts).map(|(_, report)| report)
}

/// [`fill_history`] into an open store, handed back at the end.
pub fn fill_store(store: Store, bank: Bank, opts: &FillOptions) -> Result<(Store, FillReport)> {
    let started = Instant::now();
    let span = ((opts.years.max(0.0) * 365.25) * MS_PER_DAY as f64) as i64;
    let first = opts.end - span;
    let clock = MovableClock::new(first);
    let mut study = Study::new(bank, store, Box::new(clock.clone()))?;
    let mut rng = Rng(opts.seed ^ 0xA290_0A29_00A2_900A);
    let mut report = FillReport {
        first_at: first,
        ..FillReport::default()
    };
    let target = opts.attempts as u64;
    while report.attempts < target {
        // Place each session on the timeline by the share of attempts done, never going back.
        let progress = report.attempts as f64 / target.max(1) as f64;
        let planned = first + (span as f64 * progress) as i64 + rng.below(3_600_000) as i64;
        clock.set(planned.max(clock.now() + 60_000).min(opts.end));
        let left = target - report.attempts;
        let mode = pick_mode(&mut rng, left);
        let count = match mode {
            Mode::Exam => None,
            _ => Some(usize::try_from(left.min(10 + rng.below(21) as u64)).unwrap_or(10)),
        };
        let start = StartOptions {
            count,
            seed: Some(rng.next_u64()),
            ..StartOptions::default()
        };
        let mut session = match study.start(mode, &start) {
            Ok(s) => s,
            // Nothing due or nothing to review: the learner practises instead.
            Err(_) => study.start(Mode::Practice, &start)?,
        };
        report.sessions += 1;
        if session.mode() == Mode::Exam {
            report.exams += 1;
        }
        run_session(
            &mut study,
            &mut session,
            &clock,
            &mut rng,
            progress,
            target,
            &mut report,
        )?;
    }
    report.last_at = clock.now();
    report.elapsed = started.elapsed();
    Ok((study.store, report))
}

/// A session mode for the next session: mostly practice and due reviews, some missed-question
/// reviews and cramming, an exam now and then (only when 40 answers are left to record).
fn pick_mode(rng: &mut Rng, left: u64) -> Mode {
    let r = rng.unit();
    if r < 0.08 && left >= crate::study::DEFAULT_EXAM_COUNT as u64 {
        Mode::Exam
    } else if r < 0.45 {
        Mode::Due
    } else if r < 0.55 {
        Mode::Review
    } else if r < 0.60 {
        Mode::Cram
    } else {
        Mode::Practice
    }
}

/// The learner's chance of a fully right answer: better with time, worse on some concepts.
fn p_correct(concept: &str, progress: f64) -> f64 {
    let h = concept.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let bias = (h % 1000) as f64 / 1000.0 * 0.5 - 0.3;
    (0.55 + 0.35 * progress + bias).clamp(0.1, 0.97)
}

fn run_session(
    study: &mut Study,
    session: &mut Session,
    clock: &MovableClock,
    rng: &mut Rng,
    progress: f64,
    target: u64,
    report: &mut FillReport,
) -> Result<()> {
    let exam = session.mode() == Mode::Exam;
    while !session.is_finished() {
        if !exam && report.attempts >= target {
            study.apply(session, Action::Submit)?;
            break;
        }
        if exam && session.items().iter().all(|i| i.is_answered()) {
            study.apply(session, Action::Submit)?;
            break;
        }
        let item = session.current_item().clone();
        if exam && item.is_answered() {
            study.apply(session, Action::Next)?;
            continue;
        }
        let question = study
            .bank
            .get(&item.question_id)
            .with_context(|| format!("unknown question {}", item.question_id))?
            .clone();
        clock.advance(4_000 + rng.below(50_000) as i64);
        if rng.chance(0.03) {
            study.apply(session, Action::ToggleMark)?;
        }
        let right = rng.chance(p_correct(&question.concept, progress));
        let response = if right {
            question.body.key()
        } else {
            wrong_response(&question, rng)
        };
        let guess = rng.chance(0.05);
        let events = study.apply(session, Action::Answer { response, guess })?;
        report.attempts += count_answers(&events);
        if session.is_finished() {
            break;
        }
        if !exam && rng.chance(0.01) {
            // Take it back and answer again (the app's undo path).
            let events = study.apply(session, Action::Undo)?;
            if events.iter().any(|e| matches!(e, Event::Undone { .. })) {
                report.attempts = report.attempts.saturating_sub(1);
                report.undos += 1;
            }
            clock.advance(2_000 + rng.below(8_000) as i64);
            let events = study.apply(
                session,
                Action::Answer {
                    response: question.body.key(),
                    guess: false,
                },
            )?;
            report.attempts += count_answers(&events);
        }
        clock.advance(1_000 + rng.below(10_000) as i64);
        study.apply(session, Action::Next)?;
    }
    Ok(())
}

fn count_answers(events: &[Event]) -> u64 {
    events
        .iter()
        .filter(|e| matches!(e, Event::Answered(_)))
        .count() as u64
}

/// A plausible wrong answer: the key with one part changed.
fn wrong_response(q: &Question, rng: &mut Rng) -> Response {
    match &q.body {
        Body::Single { choices } | Body::Dropdown { choices, .. } => {
            let wrong: Vec<usize> = (0..choices.len())
                .filter(|&i| !choices[i].correct)
                .collect();
            match wrong.get(rng.below(wrong.len())) {
                Some(&i) => Response::Choices(vec![i]),
                None => Response::Choices(Vec::new()),
            }
        }
        Body::Multi { choices } => {
            let mut right: Vec<usize> =
                (0..choices.len()).filter(|&i| choices[i].correct).collect();
            let wrong: Vec<usize> = (0..choices.len())
                .filter(|&i| !choices[i].correct)
                .collect();
            if let Some(&w) = wrong.get(rng.below(wrong.len())) {
                let k = rng.below(right.len());
                if k < right.len() {
                    right[k] = w;
                }
            } else {
                right.pop();
            }
            right.sort_unstable();
            Response::Choices(right)
        }
        Body::YesNo { statements } => {
            let k = rng.below(statements.len());
            Response::YesNo(
                statements
                    .iter()
                    .enumerate()
                    .map(|(i, s)| Some(if i == k { !s.answer } else { s.answer }))
                    .collect(),
            )
        }
        Body::Match { categories, items } => {
            let k = rng.below(items.len());
            let n = categories.len().max(1);
            Response::Match(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| {
                        Some(if i == k {
                            (it.category + 1 + rng.below(n.saturating_sub(1).max(1))) % n
                        } else {
                            it.category
                        })
                    })
                    .collect(),
            )
        }
        Body::Order { items } => {
            let mut order: Vec<usize> = (0..items.len()).collect();
            if order.len() >= 2 {
                let k = rng.below(order.len() - 1);
                order.swap(k, k + 1);
            }
            Response::Order(order)
        }
        Body::HotArea {
            columns,
            rows,
            answer,
            ..
        } => {
            let mut cells = answer.clone();
            if cells.len() > 1 {
                cells.remove(rng.below(cells.len()));
            } else {
                // Pick a cell outside the key instead.
                let outside: Vec<(usize, usize)> = (0..rows.len())
                    .flat_map(|r| (0..columns.len()).map(move |c| (r, c)))
                    .filter(|cell| !answer.contains(cell))
                    .collect();
                cells = outside
                    .get(rng.below(outside.len()))
                    .map(|c| vec![*c])
                    .unwrap_or_default();
            }
            Response::HotArea(cells)
        }
    }
}

/// Peak resident set size of this process (`VmHWM` in `/proc/self/status`), in KiB; `None`
/// where there is no procfs.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_exactly_the_attempts_asked_through_the_app_paths() {
        let bank = Bank::embedded().unwrap();
        let store = Store::open_in_memory().unwrap();
        let opts = FillOptions {
            attempts: 300,
            years: 0.5,
            seed: 1,
            end: 20_785 * MS_PER_DAY,
        };
        let (store, report) = fill_store(store, bank, &opts).unwrap();
        assert_eq!(report.attempts, 300);
        assert_eq!(store.attempt_count().unwrap(), 300);
        assert!(!store.memory_states().unwrap().is_empty());
        assert!(report.sessions >= 10);
        assert!(report.last_at <= opts.end);
    }
}
