//! What the exam plan is made of: the bank's concepts with their topics, the exam date with the
//! daily minutes, and how many last days go purely for exam-day recall. A leaf: it imports
//! nothing from the scheduler.

use crate::clock::Day;

/// Reviews a learner gets through per minute of study (an exam-style question with its
/// explanation takes about half a minute).
pub const REVIEWS_PER_MINUTE: f64 = 2.0;

/// The last days before the exam, when the planner goes purely for exam-day recall, are as many
/// as it takes to go once through half the concepts at the daily budget, within these bounds.
pub const CRAM_DAYS: std::ops::RangeInclusive<i64> = 2..=7;

/// How many days before the exam the plan goes purely for exam-day recall (see
/// [`Scheduler::queue`](super::Scheduler::queue)).
pub fn cram_days(concepts: usize, daily_budget: usize) -> i64 {
    let days = concepts.div_ceil(2 * daily_budget.max(1));
    i64::try_from(days)
        .unwrap_or(i64::MAX)
        .clamp(*CRAM_DAYS.start(), *CRAM_DAYS.end())
}

/// A concept of the bank and its topic (skill area).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConceptInfo {
    pub concept: String,
    pub topic: String,
}

/// An exam date and the time the learner gives each day until then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExamPlan {
    /// The study day of the exam.
    pub exam_day: Day,
    /// Minutes of study per day before the exam.
    pub minutes_per_day: u32,
}

impl ExamPlan {
    /// How many reviews fit in a day's minutes at the default pace ([`REVIEWS_PER_MINUTE`] a
    /// minute, at least one). The plan itself uses the learner's pace
    /// ([`Scheduler::daily_items`](super::Scheduler::daily_items)).
    pub fn daily_budget(&self) -> usize {
        ((f64::from(self.minutes_per_day) * REVIEWS_PER_MINUTE).round() as usize).max(1)
    }
}
