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

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::grade::{check, grade};
use super::{EngineError, Mode};

mod snapshot;
use crate::bank::Bank;
use crate::bank::kind::Layout;
use crate::bank::question::{Body, Grade, Kind, Question, Response};
use crate::clock::Millis;
pub use snapshot::{SNAPSHOT_FORMAT, Snapshot};

/// Default exam time limit, in minutes (AZ-900: 45 minutes of exam time).
pub const DEFAULT_EXAM_MINUTES: u32 = 45;
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
}

impl Default for SessionConfig {
    /// 45 minutes, 70 % cut, no requeue.
    fn default() -> SessionConfig {
        SessionConfig {
            minutes: Some(DEFAULT_EXAM_MINUTES),
            cut_percent: DEFAULT_CUT_PERCENT,
            requeue_missed: false,
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

/// One question slot of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The question asked.
    pub question_id: String,
    /// Its concept.
    pub concept: String,
    /// Its topic.
    pub topic: String,
    /// Seeded presentation order of the body's items: `order[k]` is the question's own index of
    /// the choice / statement / match item / order item shown at position `k`. For `order`
    /// questions it is the initial scrambled arrangement (never already correct when there are
    /// two or more items); for `hot_area` it lists the rows, kept in their order.
    pub order: Vec<usize>,
    /// The latest response (question indices), if any.
    pub response: Option<Response>,
    /// The grade of `response` (also set in exams, where it must not be shown before the end).
    pub grade: Option<Grade>,
    /// Flagged by the learner ("mark for review").
    pub marked: bool,
    /// The learner said the answer was a guess.
    pub guess: bool,
    /// When the item was first shown.
    pub shown_at: Option<Millis>,
    /// When the latest response was given.
    pub answered_at: Option<Millis>,
    /// Time spent on the item while it was open for answering (feedback time not counted).
    pub time_ms: u64,
    /// This slot is a second chance at a missed concept, added by requeue.
    pub requeued: bool,
}

impl Item {
    /// Whether the item has a response.
    pub fn is_answered(&self) -> bool {
        self.response.is_some()
    }

    /// Whether the item is answered and every part is right.
    pub fn is_correct(&self) -> bool {
        self.grade.as_ref().is_some_and(Grade::is_correct)
    }
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// The current item is open for an answer.
    Question,
    /// The current item was answered and its grade is shown (feedback modes).
    Feedback,
    /// Submitted, timed out or past the last item.
    Finished,
}

/// What the learner does.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Answer the current item (question indices); `guess` records "I guessed".
    Answer {
        /// The answer, in the question's own indices.
        response: Response,
        /// The learner flagged it as a guess.
        guess: bool,
    },
    /// Move to the next item (in feedback modes: past the last one finishes the session).
    Next,
    /// Exam only: the previous item.
    Prev,
    /// Exam only: item `n` (0-based).
    Goto(usize),
    /// Flag / unflag the current item.
    ToggleMark,
    /// Finish now (exam: submit; other modes: end early).
    Submit,
    /// Feedback modes, in feedback: take the answer back.
    Undo,
    /// The time passed; finishes a timed exam at its deadline.
    Tick,
}

impl Action {
    fn name(&self) -> &'static str {
        match self {
            Action::Answer { .. } => "answer",
            Action::Next => "next",
            Action::Prev => "previous",
            Action::Goto(_) => "go to",
            Action::ToggleMark => "mark",
            Action::Submit => "submit",
            Action::Undo => "undo",
            Action::Tick => "tick",
        }
    }
}

/// One graded answer to persist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// The item's index in the session (exam answers are upserted by it).
    pub index: usize,
    /// The question answered.
    pub question_id: String,
    /// Its concept (the unit the scheduler tracks).
    pub concept: String,
    /// Its topic.
    pub topic: String,
    /// Its kind.
    pub kind: Kind,
    /// The answer, in the question's own indices.
    pub response: Response,
    /// Points per part.
    pub grade: Grade,
    /// Time spent answering (see [`Item::time_ms`]).
    pub time_ms: u64,
    /// Flagged for review when answered (later changes come as [`Event::MarkChanged`]).
    pub marked: bool,
    /// The learner said it was a guess.
    pub guess: bool,
    /// When it was answered.
    pub answered_at: Millis,
    /// The session's mode (the caller decides from it whether to update the schedule).
    pub mode: Mode,
    /// The item was a requeued second chance.
    pub requeued: bool,
}

/// What the front end must act on after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A graded answer to persist (exam: upsert by index; it may come again for the same index).
    Answered(AnswerRecord),
    /// The answer of item `index` was taken back: delete the attempt, restore the memory state.
    Undone {
        /// The item's index.
        index: usize,
        /// Its question.
        question_id: String,
    },
    /// The mark of item `index` changed (for a stored attempt's `marked` flag).
    MarkChanged {
        /// The item's index.
        index: usize,
        /// Its question.
        question_id: String,
        /// The new mark.
        marked: bool,
    },
    /// A missed concept will come back later in this session as `question_id`.
    Requeued {
        /// The wording that will be asked.
        question_id: String,
    },
    /// The session is over; build the summary.
    Finished,
    /// The exam's time ran out (always followed by `Finished`).
    TimeUp,
}

/// "12 / 40": the current item (1-based) and the number of items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The current item, 1-based.
    pub current: usize,
    /// The number of items (grows when a miss is requeued).
    pub total: usize,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.current, self.total)
    }
}

/// One row of the exam's review screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewEntry {
    /// The item's index (for `Action::Goto`).
    pub index: usize,
    /// Its question.
    pub question_id: String,
    /// It has a response.
    pub answered: bool,
    /// It is flagged for review.
    pub marked: bool,
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

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The options the session was started with.
    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// The seed the session was started with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Every item, in session order (requeued items included where they were inserted).
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The current item's index (0-based).
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// The current item.
    pub fn current_item(&self) -> &Item {
        &self.items[self.current]
    }

    /// The current item's question.
    pub fn current_question<'b>(&self, bank: &'b Bank) -> Option<&'b Question> {
        bank.get(&self.current_item().question_id)
    }

    /// The phase.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Whether the session has finished.
    pub fn is_finished(&self) -> bool {
        self.phase == Phase::Finished
    }

    /// Whether a timed exam ran out of time.
    pub fn timed_out(&self) -> bool {
        self.timed_out
    }

    /// "12 / 40".
    pub fn position(&self) -> Position {
        Position {
            current: self.current + 1,
            total: self.items.len(),
        }
    }

    /// When the session started.
    pub fn started_at(&self) -> Millis {
        self.started_at
    }

    /// When the session finished (at the deadline for a time-out).
    pub fn finished_at(&self) -> Option<Millis> {
        self.finished_at
    }

    /// A timed exam's deadline.
    pub fn deadline(&self) -> Option<Millis> {
        self.deadline
    }

    /// The time limit in milliseconds, if the session is timed.
    pub fn time_limit_ms(&self) -> Option<u64> {
        self.deadline
            .map(|d| u64::try_from(d.saturating_sub(self.started_at)).unwrap_or(0))
    }

    /// Time left at `now` (0 once past the deadline); `None` when untimed.
    pub fn remaining_ms(&self, now: Millis) -> Option<u64> {
        let end = match self.finished_at {
            Some(f) => f.min(now),
            None => now,
        };
        self.deadline
            .map(|d| u64::try_from(d.saturating_sub(end)).unwrap_or(0))
    }

    /// Time from the start to the finish (or to the latest action while running).
    pub fn time_used_ms(&self) -> u64 {
        let end = self.finished_at.unwrap_or(self.last_now);
        u64::try_from(end.saturating_sub(self.started_at)).unwrap_or(0)
    }

    /// Per item: answered or not, marked or not (the exam's review screen).
    pub fn review_list(&self) -> Vec<ReviewEntry> {
        self.items
            .iter()
            .enumerate()
            .map(|(index, it)| ReviewEntry {
                index,
                question_id: it.question_id.clone(),
                answered: it.is_answered(),
                marked: it.marked,
            })
            .collect()
    }

    /// Indices of unanswered items (what Submit's confirmation must show).
    pub fn unanswered(&self) -> Vec<usize> {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, it)| !it.is_answered())
            .map(|(i, _)| i)
            .collect()
    }

    /// Indices of marked items.
    pub fn marked(&self) -> Vec<usize> {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.marked)
            .map(|(i, _)| i)
            .collect()
    }
}

/// A fresh item for `q` with a seeded presentation order.
fn new_item(q: &Question, rng: &mut ChaCha8Rng, requeued: bool) -> Item {
    Item {
        question_id: q.id.clone(),
        concept: q.concept.clone(),
        topic: q.topic.clone(),
        order: presentation_order(&q.body, rng),
        response: None,
        grade: None,
        marked: false,
        guess: false,
        shown_at: None,
        answered_at: None,
        time_ms: 0,
        requeued,
    }
}

/// The seeded presentation permutation of a body's items (see [`Item::order`]).
pub fn presentation_order(body: &Body, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let (n, layout) = body.layout();
    let mut order: Vec<usize> = (0..n).collect();
    match layout {
        Layout::Fixed => return order,
        Layout::Shuffled | Layout::ShuffledUnsolved => order.shuffle(rng),
    }
    if layout == Layout::ShuffledUnsolved
        && n >= 2
        && order.iter().enumerate().all(|(i, v)| i == *v)
    {
        // Never start an order question already solved.
        order.rotate_left(1);
    }
    order
}

/// Checks that `response` has the question's shape and in-range indices.
fn check_response(q: &Question, response: &Response) -> Result<(), EngineError> {
    check(&q.body, response).map_err(|reason| EngineError::BadResponse {
        question_id: q.id.clone(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
