//! What a front end feeds a session ([`Action`]) and what it must act on in return ([`Event`],
//! with the [`AnswerRecord`] to persist).

use serde::{Deserialize, Serialize};

use crate::bank::question::{Grade, Kind, Response};
use crate::clock::Millis;
use crate::engine::Mode;

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
    pub(super) fn name(&self) -> &'static str {
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
