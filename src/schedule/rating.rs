//! How an answer went, in FSRS terms, and when a concept counts as a leech: the small types
//! every part of the scheduler shares (a leaf: it imports nothing from the scheduler).

use super::state::MemoryState;

/// A concept with this many lapses or more is a leech: it keeps being forgotten and probably
/// needs a different explanation rather than more repetitions.
pub const LEECH_LAPSES: u32 = 6;

/// How an answer went, in FSRS terms. (FSRS's fourth rating, Easy, is never produced: a
/// multiple-choice answer says nothing about effort.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Wrong (or any part of a multi-part question wrong).
    Again,
    /// Right, but the learner marked it as a guess.
    Hard,
    /// Right.
    Good,
}

impl Rating {
    /// FSRS's numeric rating (1 = Again, 2 = Hard, 3 = Good).
    pub fn fsrs_value(self) -> u32 {
        match self {
            Rating::Again => 1,
            Rating::Hard => 2,
            Rating::Good => 3,
        }
    }

    /// The rating of an FSRS numeric value (4 = Easy counts as Good).
    pub fn from_fsrs_value(v: u32) -> Option<Rating> {
        match v {
            1 => Some(Rating::Again),
            2 => Some(Rating::Hard),
            3 | 4 => Some(Rating::Good),
            _ => None,
        }
    }
}

/// The rating of a graded answer: wrong → Again, right → Good, right but marked as a guess →
/// Hard. A multi-part question counts as right only if every part is (`correct_all_parts`).
pub fn rating_for(correct_all_parts: bool, guess: bool) -> Rating {
    match (correct_all_parts, guess) {
        (false, _) => Rating::Again,
        (true, true) => Rating::Hard,
        (true, false) => Rating::Good,
    }
}

/// Whether a concept keeps being forgotten (at least [`LEECH_LAPSES`] lapses).
pub fn is_leech(state: &MemoryState) -> bool {
    state.lapses >= LEECH_LAPSES
}
