//! Plain view models of the Home and Stats screens: the front end renders these, and the
//! backend fills them from the store, so both screens can be built and tested from fixed data.

/// The Home screen's figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dashboard {
    pub due_today: usize,
    pub new_available: usize,
    /// Days in a row with at least one answer.
    pub streak: u32,
    pub last_exam_scaled: Option<u32>,
    /// The readiness estimate, when the scheduler has one.
    pub readiness: Option<Readiness>,
    /// The exam date, if planned, and the days until it.
    pub exam_date: Option<String>,
    pub days_to_exam: Option<i64>,
    /// Answers recorded, ever.
    pub attempts: u64,
    pub questions: usize,
    pub concepts: usize,
    /// Questions waiting in "Review missed".
    pub review_waiting: usize,
    /// How many of them one "Review missed" session asks.
    pub review_session: usize,
    /// An exam left before it was submitted, to resume.
    pub unfinished_exam: Option<UnfinishedExam>,
    /// Minutes studied today and, with an exam plan, the minutes planned a day.
    pub minutes_today: (u32, Option<u32>),
}

/// An exam that can be resumed where it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnfinishedExam {
    pub answered: usize,
    pub total: usize,
    /// Time left on its clock.
    pub remaining_ms: Option<i64>,
}

/// "Am I ready?": the predicted exam percentage and its scaled estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readiness {
    pub predicted_percent: f64,
    pub low: f64,
    pub high: f64,
    pub scaled_estimate: u32,
    pub seen: usize,
    pub concepts: usize,
}

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
