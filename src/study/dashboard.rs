//! The Home screen's figures, each from the same function as the session it opens.

use anyhow::Result;
use serde::Serialize;

use super::{DEFAULT_REVIEW_COUNT, Study};
use crate::clock::Millis;
use crate::engine::Mode;
use crate::schedule::{self, ConceptInfo, MemoryState};
use crate::store::keys;

/// The Home screen's figures.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Dashboard {
    pub due_today: usize,
    pub new_available: usize,
    pub streak: u32,
    pub last_exam_scaled: Option<u32>,
    pub readiness: Option<schedule::Readiness>,
    pub exam_date: Option<String>,
    pub days_to_exam: Option<i64>,
    pub attempts: u64,
    pub questions: usize,
    pub concepts: usize,
    /// Questions waiting in "Review missed" ([`Study::review_queue`]).
    pub review_waiting: usize,
    /// How many of them a "Review missed" session asks.
    pub review_session: usize,
    /// An exam left before it was submitted (quit, crash, closed terminal), to resume.
    pub unfinished_exam: Option<UnfinishedExam>,
    /// Minutes studied today (each answer counted up to two minutes) and, with an exam plan,
    /// the minutes it plans a day.
    pub minutes_today: (u32, Option<u32>),
    /// With an exam plan: today's plan is done ([`Study::plan_spent_secs`] has reached its
    /// minutes), and "Study due" goes on with another round.
    pub plan_done: bool,
}

/// An exam that can be resumed ([`Study::resume_exam`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct UnfinishedExam {
    pub started_at: Millis,
    pub answered: usize,
    pub total: usize,
    /// Time left on its clock (it does not run while the exam is not open).
    pub remaining_ms: Option<i64>,
}

impl Study {
    /// Figures for the Home screen.
    pub fn dashboard(&self) -> Result<Dashboard> {
        Ok(self.dashboard_from(&self.store.memory_states()?)?.0)
    }

    /// [`Study::dashboard`] over memory states already read, with the due queue it counted
    /// (Stats reuses both rather than reading and planning again).
    pub(super) fn dashboard_from(
        &self,
        states: &[MemoryState],
    ) -> Result<(Dashboard, super::DueQueue)> {
        let today = self.today();
        let concepts = self.concepts();
        // The same queue the session serves.
        let due = self.due_queue_from(states, None)?;
        let last_exam = self.store.last_exam()?;
        let readiness = self.readiness(states, &concepts)?;
        let exam_date = self.store.get_setting(keys::EXAM_DATE)?;
        let days_to_exam = self.scheduler.exam.map(|p| p.exam_day - today);
        let attempts = self.store.attempt_count()?;
        let review_waiting = self.review_queue(None)?.len();
        let plan_minutes = self
            .scheduler
            .exam
            .filter(|p| p.exam_day > today)
            .map(|p| p.minutes_per_day);
        let plan_done = match plan_minutes {
            Some(m) => self.plan_spent_secs()? >= f64::from(m) * 60.0,
            None => false,
        };
        let dashboard = Dashboard {
            due_today: due.reviews(),
            new_available: due.new_concepts(),
            streak: self.store.streak(today)?,
            last_exam_scaled: last_exam.map(|e| e.scaled),
            readiness,
            exam_date,
            days_to_exam,
            attempts,
            questions: self.bank.len(),
            concepts: concepts.len(),
            review_session: review_waiting.min(DEFAULT_REVIEW_COUNT),
            review_waiting,
            unfinished_exam: self.unfinished_exam()?,
            minutes_today: (
                u32::try_from(self.store.studied_ms(today)? / 60_000).unwrap_or(u32::MAX),
                plan_minutes,
            ),
            plan_done,
        };
        Ok((dashboard, due))
    }

    /// The exam left unfinished most recently, if its saved state can be read.
    pub fn unfinished_exam(&self) -> Result<Option<UnfinishedExam>> {
        let Some(saved) = self.store.resumable(Mode::Exam.id())? else {
            return Ok(None);
        };
        let Ok(snap) = serde_json::from_str::<crate::engine::Snapshot>(&saved.snapshot) else {
            return Ok(None);
        };
        Ok(Some(UnfinishedExam {
            started_at: saved.started_at,
            answered: snap.items.iter().filter(|i| i.is_answered()).count(),
            total: snap.items.len(),
            remaining_ms: snap.remaining_ms,
        }))
    }

    fn readiness(
        &self,
        states: &[MemoryState],
        concepts: &[ConceptInfo],
    ) -> Result<Option<schedule::Readiness>> {
        if states.iter().all(|s| s.reps == 0) {
            return Ok(None);
        }
        let now = self.now();
        // Readiness weighs concepts by their objective's share of the exam: `concepts` (from
        // `Study::concepts`) carry their objective as topic.
        Ok(Some(schedule::readiness(
            &self.scheduler,
            states,
            concepts,
            &schedule::topic_weights(&self.bank.rules),
            self.prediction_day(),
            self.offset(now),
            crate::engine::session::DEFAULT_CUT_PERCENT / 100.0,
        )))
    }
}
