//! The values written to and read from the store.

use serde::{Deserialize, Serialize};

use crate::bank::question::{Kind, Response};
use crate::clock::{Day, Millis};

/// A session's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SessionId(pub i64);

/// An attempt's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AttemptId(pub i64);

impl std::fmt::Display for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::fmt::Display for AttemptId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A session about to start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSession {
    /// The mode's id ("exam", "practice", "cram", …); the store does not interpret it.
    pub mode: String,
    pub started_at: Millis,
    /// The session's settings (question count, topics, time limit…), kept as JSON.
    pub settings: serde_json::Value,
}

/// How a finished session scored. A session with a `scaled` score counts as an exam
/// (`exam_history`, `last_exam_results`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionResult {
    /// Raw part points: one per part of a question answered right (a yes/no series of three
    /// is worth three). The score a learner reads is [`SessionRecord::score`].
    pub points: u32,
    /// Raw parts available.
    pub max: u32,
    /// Scaled score 1–1000, for exams.
    pub scaled: Option<u32>,
    /// Whether the exam was passed (scaled ≥ 700), for exams.
    pub passed: Option<bool>,
}

/// One graded answer, as the engine produced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAttempt {
    pub session: SessionId,
    pub question_id: String,
    pub concept: String,
    pub topic: String,
    pub kind: Kind,
    /// What the learner answered; `None` when the question was left blank.
    pub response: Option<Response>,
    pub points: u32,
    pub max: u32,
    /// Every part right.
    pub correct: bool,
    /// Time spent on the question, in milliseconds.
    pub time_ms: u64,
    /// Flagged for review by the learner.
    pub marked: bool,
    /// The learner said they guessed.
    pub guess: bool,
    pub answered_at: Millis,
    /// The study day the answer counts for (see `clock::study_day`).
    pub day: Day,
}

/// A session as listed by `history`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub id: SessionId,
    pub mode: String,
    pub started_at: Millis,
    pub ended_at: Option<Millis>,
    pub settings: serde_json::Value,
    /// Set once the session is finished.
    pub result: Option<SessionResult>,
    /// Attempts recorded in the session.
    pub answered: u64,
    /// Of which fully right.
    pub correct: u64,
    /// A finished exam's score as its Results show it: questions' worth earned, each question
    /// weighing one (partial credit inside it), to a tenth; unanswered questions earn nothing.
    pub score: Option<f64>,
    /// The questions of that exam.
    pub questions: Option<u32>,
}

/// A finished exam.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ExamRecord {
    pub session: SessionId,
    pub started_at: Millis,
    pub ended_at: Millis,
    pub scaled: u32,
    pub passed: bool,
    /// Raw part points (see [`SessionResult::points`]).
    pub points: u32,
    /// Raw parts available.
    pub max: u32,
    /// The score its Results show (see [`SessionRecord::score`]).
    pub score: f64,
    /// Its questions.
    pub questions: u32,
}

/// Points scored in one topic, over every attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicAccuracy {
    pub topic: String,
    pub points: u64,
    pub max: u64,
}

/// Attempts and fully right attempts of one concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConceptAccuracy {
    pub concept: String,
    pub correct: u64,
    pub total: u64,
}

/// A concept ranked for cramming: its accuracy and its lapses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeakConcept {
    pub concept: String,
    pub correct: u64,
    pub total: u64,
    /// Lapses from the concept's memory state (0 when it has none).
    pub lapses: u32,
}

/// Answers on one study day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: Day,
    pub answered: u64,
    pub correct: u64,
}

/// How often one question was answered, and how often fully right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuestionCount {
    pub attempts: u64,
    pub correct: u64,
}

/// Everything recorded, in three numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub attempts: u64,
    pub sessions: u64,
    /// Distinct questions answered at least once.
    pub questions_seen: u64,
}

/// Confusion counts of the responsibility matrix: `[truth][chosen]`, both indexed in
/// `rules::Owner::ALL` order (Customer, Microsoft, Shared).
pub type ConfusionTable = [[u64; 3]; 3];
