//! One state machine for every mode.
//!
//! A front end builds a [`Session`] from selected question ids, then feeds it [`Action`]s with
//! the current time; [`Session::apply`] returns the [`Event`]s to act on (persist an answer,
//! delete an undone one, announce a requeue, show the summary).
//!
//! - Practice, Review, Cram and Due give feedback: `Answer` grades at once and moves to
//!   [`Phase::Feedback`]; `Next` moves on (or skips an unanswered question); `Undo` (only in
//!   feedback, before `Next`) takes the answer back. With [`SessionConfig::requeue_missed`] a
//!   missed question comes back a few questions later, through another wording of its concept
//!   when the bank has one, until it is answered right.
//! - Exam gives no feedback: `Answer` records (and grades, for the store) the response, which can
//!   be changed until `Submit`; every change emits [`Event::Answered`] again for the same index,
//!   so the store must *upsert* by (session, index). `Next`/`Prev`/`Goto` navigate freely,
//!   `ToggleMark` flags, `Submit` finishes, and a `Tick` (or any action) at or after the deadline
//!   emits [`Event::TimeUp`] and [`Event::Finished`]: time-out submits.
//!
//! Responses are always in the question's own indices; [`Item::order`] is for presentation only.
//!
//! Item indices are stable for everything answered: a requeue inserts its item *after* the
//! current one (and an `Undo` removes only the item its own answer inserted), so an index the
//! store has seen in [`Event::Answered`] keeps naming the same item.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::grade::{check, grade};
use super::{EngineError, Mode};

mod item;
mod protocol;
mod snapshot;
mod view;

use crate::bank::Bank;
use crate::bank::question::{Question, Response};
use crate::clock::Millis;
use item::new_item;
pub use item::{Item, Phase, presentation_order};
pub use protocol::{Action, AnswerRecord, Event};
pub use snapshot::{SNAPSHOT_FORMAT, Snapshot};
pub use view::{Position, ReviewEntry};

/// Default exam time limit, in minutes (AZ-900: 45 minutes of exam time).
pub const DEFAULT_EXAM_MINUTES: u32 = 45;
/// Questions of a full exam (AZ-900: 40 to 60 on the real one; a simulation asks 40).
pub const FULL_EXAM_QUESTIONS: usize = 40;

/// The exam's time for `count` questions: the real exam's 45 minutes for 40, in proportion
/// (at least one minute).
pub fn exam_minutes(count: usize) -> u32 {
    u32::try_from((count * DEFAULT_EXAM_MINUTES as usize).div_ceil(FULL_EXAM_QUESTIONS))
        .unwrap_or(u32::MAX)
        .max(1)
}

/// Default passing percentage used for the scaled-score estimate.
pub const DEFAULT_CUT_PERCENT: f64 = 70.0;
/// A requeued question comes back after this many other questions (or at the end).
pub const REQUEUE_GAP: usize = 3;
/// A missed concept comes back at most this many times in one session; after that the
/// schedule (which has it as forgotten) brings it back on a later day rather than drilling it
/// in a loop the same evening.
pub const MAX_REQUEUES: usize = 3;

/// Options of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionConfig {
    /// Exam time limit in minutes (`None`: untimed). Only the exam mode is timed.
    pub minutes: Option<u32>,
    /// The percentage of points that maps to a scaled 700 (the pass estimate).
    pub cut_percent: f64,
    /// Feedback modes only: a missed question comes back later in the session (through another
    /// wording of its concept when the bank has one) until answered right, at most
    /// [`MAX_REQUEUES`] times per concept.
    pub requeue_missed: bool,
    /// An exam of the whole outline with [`FULL_EXAM_QUESTIONS`] questions: the only session
    /// given a scaled score and a pass mark. `None` (a state saved before this was kept): an
    /// exam of [`FULL_EXAM_QUESTIONS`] questions is taken as full.
    #[serde(default)]
    pub full_exam: Option<bool>,
}

impl Default for SessionConfig {
    /// 45 minutes, 70 % cut, no requeue.
    fn default() -> SessionConfig {
        SessionConfig {
            minutes: Some(DEFAULT_EXAM_MINUTES),
            cut_percent: DEFAULT_CUT_PERCENT,
            requeue_missed: false,
            full_exam: None,
        }
    }
}

impl SessionConfig {
    /// The defaults for `mode`: requeue on for Review and Due.
    pub fn for_mode(mode: Mode) -> SessionConfig {
        SessionConfig {
            requeue_missed: mode.requeues_by_default(),
            ..SessionConfig::default()
        }
    }
}

/// A running session of any mode.
#[derive(Debug, Clone)]
pub struct Session {
    mode: Mode,
    config: SessionConfig,
    seed: u64,
    rng: ChaCha8Rng,
    items: Vec<Item>,
    current: usize,
    phase: Phase,
    started_at: Millis,
    /// When the session's clock would have started had it run without a break: `started_at`,
    /// or for a resumed exam the time it was taken up less the time it had run before. Time
    /// used is counted from here, so the time the app was closed does not count.
    clock_start: Millis,
    deadline: Option<Millis>,
    finished_at: Option<Millis>,
    timed_out: bool,
    /// Since when the current item has been open for answering.
    open_since: Millis,
    /// The latest time seen.
    last_now: Millis,
    /// Index of the item a requeue inserted for the current feedback (removed by Undo).
    pending_requeue: Option<usize>,
}

impl Session {
    /// Starts a session over `ids` (in that order) at `now`. `seed` drives the presentation
    /// order of each question's items and the choice of wordings for requeues.
    pub fn new(
        bank: &Bank,
        mode: Mode,
        ids: Vec<String>,
        config: SessionConfig,
        seed: u64,
        now: Millis,
    ) -> Result<Session, EngineError> {
        if ids.is_empty() {
            return Err(EngineError::EmptySelection(
                "the session has no questions".into(),
            ));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            let q = bank
                .get(&id)
                .ok_or_else(|| EngineError::UnknownQuestion(id.clone()))?;
            items.push(new_item(q, &mut rng, false));
        }
        if let Some(first) = items.first_mut() {
            first.shown_at = Some(now);
        }
        let deadline = match (mode, config.minutes) {
            (Mode::Exam, Some(m)) => Some(now.saturating_add(i64::from(m) * 60_000)),
            _ => None,
        };
        Ok(Session {
            mode,
            config,
            seed,
            rng,
            items,
            current: 0,
            phase: Phase::Question,
            started_at: now,
            clock_start: now,
            deadline,
            finished_at: None,
            timed_out: false,
            open_since: now,
            last_now: now,
            pending_requeue: None,
        })
    }

    /// Applies one action at `now` and returns what happened.
    ///
    /// A timed exam past its deadline finishes first (returning `TimeUp`, `Finished`) whatever
    /// the action. After the end every action but `Tick` is refused with
    /// [`EngineError::Finished`].
    pub fn apply(
        &mut self,
        bank: &Bank,
        action: Action,
        now: Millis,
    ) -> Result<Vec<Event>, EngineError> {
        if self.phase == Phase::Finished {
            return match action {
                Action::Tick => Ok(Vec::new()),
                _ => Err(EngineError::Finished),
            };
        }
        self.last_now = self.last_now.max(now);
        if let Some(deadline) = self.deadline
            && now >= deadline
        {
            self.timed_out = true;
            self.finish(deadline);
            return Ok(vec![Event::TimeUp, Event::Finished]);
        }
        match action {
            Action::Tick => Ok(Vec::new()),
            Action::Answer { response, guess } => self.answer(bank, response, guess, now),
            Action::Next => Ok(self.next(now)),
            Action::Prev => {
                self.require_exam(&action)?;
                if self.current > 0 {
                    self.move_to(self.current - 1, now);
                }
                Ok(Vec::new())
            }
            Action::Goto(index) => {
                self.require_exam(&action)?;
                if index >= self.items.len() {
                    return Err(EngineError::IndexOutOfRange {
                        index,
                        len: self.items.len(),
                    });
                }
                self.move_to(index, now);
                Ok(Vec::new())
            }
            Action::ToggleMark => {
                let item = &mut self.items[self.current];
                item.marked = !item.marked;
                Ok(vec![Event::MarkChanged {
                    index: self.current,
                    question_id: item.question_id.clone(),
                    marked: item.marked,
                }])
            }
            Action::Submit => {
                self.finish(now);
                Ok(vec![Event::Finished])
            }
            Action::Undo => self.undo(now),
        }
    }

    fn require_exam(&self, action: &Action) -> Result<(), EngineError> {
        if self.mode == Mode::Exam {
            Ok(())
        } else {
            Err(EngineError::NotAllowed {
                action: action.name(),
                reason: "only the exam lets you move back and forth",
            })
        }
    }

    fn answer(
        &mut self,
        bank: &Bank,
        response: Response,
        guess: bool,
        now: Millis,
    ) -> Result<Vec<Event>, EngineError> {
        if self.phase == Phase::Feedback {
            return Err(EngineError::NotAllowed {
                action: "answer",
                reason: "this question is already answered (undo to change it)",
            });
        }
        let index = self.current;
        let question = bank
            .get(&self.items[index].question_id)
            .ok_or_else(|| EngineError::UnknownQuestion(self.items[index].question_id.clone()))?;
        check_response(question, &response)?;
        let g = grade(&question.body, Some(&response));
        self.flush_time(now);
        let item = &mut self.items[index];
        item.response = Some(response.clone());
        item.grade = Some(g.clone());
        item.guess = guess;
        item.answered_at = Some(now);
        let record = AnswerRecord {
            index,
            question_id: item.question_id.clone(),
            concept: item.concept.clone(),
            topic: item.topic.clone(),
            kind: question.kind(),
            response,
            grade: g.clone(),
            time_ms: item.time_ms,
            marked: item.marked,
            guess,
            answered_at: now,
            mode: self.mode,
            requeued: item.requeued,
        };
        let mut events = vec![Event::Answered(record)];
        if self.mode.gives_feedback() {
            self.phase = Phase::Feedback;
            let concept = &self.items[index].concept;
            let requeued_before = self
                .items
                .iter()
                .filter(|i| i.requeued && i.concept == *concept)
                .count();
            if self.config.requeue_missed && !g.is_correct() && requeued_before < MAX_REQUEUES {
                let concept = self.items[index].concept.clone();
                let missed = self.items[index].question_id.clone();
                let next = self.pick_wording(bank, &concept, &missed);
                if let Some(q) = next {
                    let item = new_item(q, &mut self.rng, true);
                    let at = (index + 1 + REQUEUE_GAP).min(self.items.len());
                    events.push(Event::Requeued {
                        question_id: item.question_id.clone(),
                    });
                    self.items.insert(at, item);
                    self.pending_requeue = Some(at);
                }
            }
        }
        Ok(events)
    }

    /// Another wording of `concept` than `missed`, preferring one not yet in the session;
    /// `missed` itself when the concept has no other.
    fn pick_wording<'b>(
        &mut self,
        bank: &'b Bank,
        concept: &str,
        missed: &str,
    ) -> Option<&'b Question> {
        let others: Vec<&Question> = bank
            .questions()
            .iter()
            .filter(|q| q.concept == concept && q.id != missed)
            .collect();
        let fresh: Vec<&Question> = others
            .iter()
            .copied()
            .filter(|q| !self.items.iter().any(|i| i.question_id == q.id))
            .collect();
        let pool = if fresh.is_empty() { others } else { fresh };
        if pool.is_empty() {
            return bank.get(missed);
        }
        let k = self.rng.random_range(0..pool.len());
        pool.get(k).copied()
    }

    fn next(&mut self, now: Millis) -> Vec<Event> {
        if self.current + 1 < self.items.len() {
            self.move_to(self.current + 1, now);
            Vec::new()
        } else if self.mode.gives_feedback() {
            self.finish(now);
            vec![Event::Finished]
        } else {
            Vec::new()
        }
    }

    fn undo(&mut self, now: Millis) -> Result<Vec<Event>, EngineError> {
        if !self.mode.gives_feedback() {
            return Err(EngineError::NotAllowed {
                action: "undo",
                reason: "exam answers can be changed until you submit",
            });
        }
        if self.phase != Phase::Feedback {
            return Err(EngineError::NotAllowed {
                action: "undo",
                reason: "there is no answer to take back",
            });
        }
        if let Some(at) = self.pending_requeue.take()
            && at < self.items.len()
        {
            self.items.remove(at);
        }
        let item = &mut self.items[self.current];
        item.response = None;
        item.grade = None;
        item.guess = false;
        item.answered_at = None;
        self.phase = Phase::Question;
        self.open_since = now;
        Ok(vec![Event::Undone {
            index: self.current,
            question_id: item.question_id.clone(),
        }])
    }

    /// Adds the time the current item has been open to its `time_ms`.
    fn flush_time(&mut self, now: Millis) {
        if self.phase == Phase::Question {
            let spent = u64::try_from(now.saturating_sub(self.open_since)).unwrap_or(0);
            let item = &mut self.items[self.current];
            item.time_ms = item.time_ms.saturating_add(spent);
        }
        self.open_since = now;
    }

    fn move_to(&mut self, index: usize, now: Millis) {
        self.flush_time(now);
        self.current = index;
        self.pending_requeue = None;
        self.phase = if self.mode.gives_feedback() && self.items[index].is_answered() {
            Phase::Feedback
        } else {
            Phase::Question
        };
        let item = &mut self.items[index];
        if item.shown_at.is_none() {
            item.shown_at = Some(now);
        }
    }

    fn finish(&mut self, now: Millis) {
        self.flush_time(now);
        self.pending_requeue = None;
        self.phase = Phase::Finished;
        self.finished_at = Some(now);
    }
}

/// Checks that `response` has the question's shape and in-range indices.
fn check_response(q: &Question, response: &Response) -> Result<(), EngineError> {
    check(&q.body, response).map_err(|reason| EngineError::BadResponse {
        question_id: q.id.clone(),
        reason,
    })
}

#[cfg(test)]
mod tests;
