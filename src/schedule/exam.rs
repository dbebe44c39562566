//! What the exam plan is made of: the bank's concepts with their topics, the exam date with the
//! daily minutes, and how many last days go purely for exam-day recall. A leaf: it imports
//! nothing from the scheduler.

use crate::clock::Day;

/// Reviews a learner gets through per minute of study (an exam-style question with its
/// explanation takes about half a minute).
pub const REVIEWS_PER_MINUTE: f64 = 2.0;

/// The last days before the exam, when the planner goes purely for exam-day recall, are as many
/// as it takes to go twice through every concept at the daily budget, within these bounds.
pub const CRAM_DAYS: std::ops::RangeInclusive<i64> = 2..=7;

/// How many days before the exam the plan goes purely for exam-day recall (see
/// [`Scheduler::queue`](super::Scheduler::queue)): enough to go twice through every concept
/// at `daily_budget` reviews a day, within [`CRAM_DAYS`].
///
/// Twice through, not once through half (the rule before, measured in docs/SCHEDULING.md):
/// on a tight budget the exam-day gain should rule for longer, so that the last reviews of
/// each concept land close to the exam instead of following due dates that point past it.
pub fn cram_days(concepts: usize, daily_budget: usize) -> i64 {
    let days = concepts.saturating_mul(2).div_ceil(daily_budget.max(1));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_days_go_twice_through_the_concepts_within_bounds() {
        // 200 concepts at 50 reviews a day (10 minutes at 12 s): 8 days, at most 7.
        assert_eq!(cram_days(200, 50), 7);
        // At 100 a day (20 minutes): 4 days.
        assert_eq!(cram_days(200, 100), 4);
        // 30 concepts at 20 a day: 3 days.
        assert_eq!(cram_days(30, 20), 3);
        // Never fewer than 2, a zero budget included.
        assert_eq!(cram_days(10, 1000), 2);
        assert_eq!(cram_days(10, 0), 7);
    }
}
