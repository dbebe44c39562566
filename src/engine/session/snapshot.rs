//! A running session saved as data, so an exam interrupted by a crash, a closed terminal or a
//! quit can be taken up again where it was: the same questions in the same order, the answers,
//! marks and the time left.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::{Item, Phase, Session, check_response, grade, new_item};
use crate::bank::Bank;
use crate::clock::Millis;
use crate::engine::{EngineError, Mode, SessionConfig};

/// The format of [`Snapshot`]; a snapshot of another format is not resumed.
pub const SNAPSHOT_FORMAT: u32 = 1;

/// Everything needed to rebuild a [`Session`]. Time left on the clock is kept rather than the
/// deadline: time while the app was not running does not count against the learner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// [`SNAPSHOT_FORMAT`] when it was written.
    pub format: u32,
    /// The session's mode.
    pub mode: Mode,
    /// Its options.
    pub config: SessionConfig,
    /// The seed it was started with.
    pub seed: u64,
    /// The shuffling generator's position (a `u128`, as text).
    pub rng_word_pos: String,
    /// Every item with its answer, grade, mark and time.
    pub items: Vec<Item>,
    /// The item on screen.
    pub current: usize,
    /// Question or feedback.
    pub phase: Phase,
    /// When the session began.
    pub started_at: Millis,
    /// Milliseconds left of a timed exam when the snapshot was taken.
    pub remaining_ms: Option<i64>,
    /// Milliseconds the session had been open when the snapshot was taken (absent from states
    /// saved before it was kept: then the limit less the time left, for a timed exam).
    #[serde(default)]
    pub used_ms: Option<u64>,
    /// A requeue the current feedback added (an undo removes it).
    pub pending_requeue: Option<usize>,
}

/// Why a snapshot cannot be resumed.
fn unusable(reason: &'static str) -> EngineError {
    EngineError::NotAllowed {
        action: "resume",
        reason,
    }
}

impl Session {
    /// The session as data at `now` (see [`Snapshot`]).
    pub fn snapshot(&self, now: Millis) -> Snapshot {
        let mut items = self.items.clone();
        if self.phase == Phase::Question
            && let Some(item) = items.get_mut(self.current)
        {
            // Count the time spent on the open question so far.
            let open = u64::try_from(now.saturating_sub(self.open_since)).unwrap_or(0);
            item.time_ms = item.time_ms.saturating_add(open);
        }
        Snapshot {
            format: SNAPSHOT_FORMAT,
            mode: self.mode,
            config: self.config.clone(),
            seed: self.seed,
            rng_word_pos: self.rng.get_word_pos().to_string(),
            items,
            current: self.current,
            phase: self.phase,
            started_at: self.started_at,
            remaining_ms: self.deadline.map(|d| d.saturating_sub(now).max(0)),
            used_ms: Some(u64::try_from(now.saturating_sub(self.clock_start)).unwrap_or(0)),
            pending_requeue: self.pending_requeue,
        }
    }

    /// Rebuilds a session from `snap` at `now`, checked against `bank`: every question must
    /// still be there with the same number of options, and every answer must still fit it
    /// (answers are graded again, so a corrected key counts). A finished session, or one whose
    /// clock ran out, is not resumed.
    pub fn resume(bank: &Bank, snap: Snapshot, now: Millis) -> Result<Session, EngineError> {
        if snap.format != SNAPSHOT_FORMAT {
            return Err(unusable("it was saved by another version of az900"));
        }
        if snap.phase == Phase::Finished {
            return Err(unusable("the session is over"));
        }
        if snap.remaining_ms == Some(0) {
            return Err(unusable("its time ran out"));
        }
        if snap.current >= snap.items.len()
            || snap.pending_requeue.is_some_and(|i| i >= snap.items.len())
        {
            return Err(unusable("the saved session is inconsistent"));
        }
        let word_pos: u128 = snap
            .rng_word_pos
            .parse()
            .map_err(|_| unusable("the saved session is inconsistent"))?;
        let mut items = snap.items;
        let mut scratch = ChaCha8Rng::seed_from_u64(0);
        for item in &mut items {
            let q = bank
                .get(&item.question_id)
                .ok_or_else(|| EngineError::UnknownQuestion(item.question_id.clone()))?;
            let mut order = new_item(q, &mut scratch, false).order;
            if order.len() != item.order.len() {
                return Err(unusable("a question of it changed in the bank"));
            }
            order.sort_unstable();
            let mut saved = item.order.clone();
            saved.sort_unstable();
            if order != saved {
                return Err(unusable("a question of it changed in the bank"));
            }
            item.concept.clone_from(&q.concept);
            item.topic.clone_from(&q.topic);
            if let Some(response) = &item.response {
                check_response(q, response)
                    .map_err(|_| unusable("a question of it changed in the bank"))?;
                item.grade = Some(grade(&q.body, Some(response)));
            } else {
                item.grade = None;
            }
        }
        let mut rng = ChaCha8Rng::seed_from_u64(snap.seed);
        rng.set_word_pos(word_pos);
        if let Some(item) = items.get_mut(snap.current)
            && item.shown_at.is_none()
        {
            item.shown_at = Some(now);
        }
        let deadline = match (snap.mode, snap.remaining_ms) {
            (Mode::Exam, Some(left)) => Some(now.saturating_add(left)),
            _ => None,
        };
        let limit = snap.config.minutes.map(|m| i64::from(m) * 60_000);
        let used = snap
            .used_ms
            .and_then(|u| i64::try_from(u).ok())
            .or_else(|| Some(limit? - snap.remaining_ms?))
            .unwrap_or_else(|| now.saturating_sub(snap.started_at))
            .max(0);
        Ok(Session {
            mode: snap.mode,
            config: snap.config,
            seed: snap.seed,
            rng,
            items,
            current: snap.current,
            phase: snap.phase,
            started_at: snap.started_at,
            clock_start: now.saturating_sub(used),
            deadline,
            finished_at: None,
            timed_out: false,
            open_since: now,
            last_now: now,
            pending_requeue: snap.pending_requeue,
        })
    }
}
