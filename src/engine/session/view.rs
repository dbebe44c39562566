//! What a front end reads of a running session: its items, where it is, its clock and the
//! exam's review list. Read-only; every change goes through [`Session::apply`].

use super::{Item, Phase, Session, SessionConfig};
use crate::bank::Bank;
use crate::bank::question::Question;
use crate::clock::Millis;
use crate::engine::Mode;

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

impl Session {
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

    /// Indices of the items answered only in part (a choose-2 with one pick, a yes/no series
    /// with statements left open, a one-cell-per-row grid with a row empty...): what an exam's
    /// submit lists as incomplete, in every front end.
    pub fn incomplete_items(&self, bank: &Bank) -> Vec<usize> {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, it)| {
                it.response.as_ref().is_some_and(|r| {
                    bank.get(&it.question_id)
                        .is_some_and(|q| q.body.missing(r).is_some())
                })
            })
            .map(|(i, _)| i)
            .collect()
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
            .and(self.config.minutes)
            .map(|m| u64::from(m) * 60_000)
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

    /// Time the session was open, from the start to the finish (or to the latest action while
    /// running); for a resumed exam, the time before and after the break, not the break.
    pub fn time_used_ms(&self) -> u64 {
        let end = self.finished_at.unwrap_or(self.last_now);
        u64::try_from(end.saturating_sub(self.clock_start)).unwrap_or(0)
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
