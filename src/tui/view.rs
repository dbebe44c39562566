//! Plain view models of the Home and Stats screens: the front end renders these, and the
//! backend fills them from the store, so both screens can be built and tested from fixed data.

/// The Home screen's figures, the resumable exam and the readiness estimate: the core's own
/// plain types (the study service fills them; tests and the demo build them from fixed data).
pub use crate::schedule::Readiness;
pub use crate::study::{Dashboard, UnfinishedExam};

/// One finished exam.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamPoint {
    /// A short date label ("03-14").
    pub label: String,
    pub scaled: u32,
    pub passed: bool,
}

/// Accuracy in one skill area or objective of the outline: answers fully right of answers
/// given.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicAccuracy {
    /// The outline's id and name ("2.3.3 Storage redundancy options").
    pub name: String,
    pub points: u64,
    pub max: u64,
    /// An objective, drawn under its skill area.
    pub objective: bool,
}

impl TopicAccuracy {
    pub fn ratio(&self) -> f64 {
        if self.max == 0 {
            0.0
        } else {
            self.points as f64 / self.max as f64
        }
    }
}

/// Answers on one study day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayAnswers {
    pub label: String,
    pub answered: u64,
    pub correct: u64,
}

/// A concept missed again and again.
#[derive(Debug, Clone, PartialEq)]
pub struct Leech {
    /// The prompt of one of its questions (never the concept's internal id).
    pub title: String,
    pub lapses: u32,
    /// What to re-read (sanitized when drawn).
    pub explanation: Option<String>,
}

/// Everything the Stats screen shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatsView {
    /// Exams, oldest first.
    pub exams: Vec<ExamPoint>,
    pub topics: Vec<TopicAccuracy>,
    /// Answers per day, oldest first (days without answers included).
    pub per_day: Vec<DayAnswers>,
    /// Concepts coming due on each of the next 14 days, today first.
    pub due_forecast: Vec<usize>,
    /// `[truth][chosen]`, Customer / Microsoft / Shared.
    pub confusion: [[u64; 3]; 3],
    /// The concepts failed most often (at most `study::STATS_LEECHES`)…
    pub leeches: Vec<Leech>,
    /// …and how many more there are.
    pub leeches_more: usize,
}

/// What the learner chose before a practice, cram or exam session: a skill area (`None`: all)
/// and a question count (the exam's minutes follow the count).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SetupChoice {
    pub topic: Option<String>,
    pub count: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}
