//! The memory state kept per concept (shared by the scheduler and the store).

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

/// What the learner knows of one concept: an FSRS memory state plus bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryState {
    pub concept: String,
    /// FSRS stability, in days.
    pub stability: f32,
    /// FSRS difficulty, 1–10.
    pub difficulty: f32,
    /// When the concept was last reviewed.
    pub last_review: Millis,
    /// When it is next due.
    pub due: Millis,
    /// Number of reviews that updated this state.
    pub reps: u32,
    /// Number of times it was forgotten (rated Again after having been learned).
    pub lapses: u32,
    /// The question id it was last asked through (so the next ask can use another wording).
    pub last_question: Option<String>,
}
