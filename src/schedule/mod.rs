//! Spaced repetition (FSRS) per concept, the exam-date planner and readiness.
//!
//! One FSRS memory state is kept per *concept* (the fact a question tests), not per wording:
//! every wording of a concept updates the same state, and [`pick_wording`] rotates wordings so
//! the learner is not drilled on one phrasing.
//!
//! The module is pure: it takes instants ([`Millis`](crate::clock::Millis)), study days
//! ([`Day`](crate::clock::Day)) and seeds as inputs and never touches the terminal or the
//! database, so any harness (the TUI, the store, the simulator in [`sim`]) can drive it.
//!
//! - [`Scheduler`]: the policy (FSRS parameters, desired retention, rollover hour, new-per-day
//!   limit, optional [`ExamPlan`]); [`Scheduler::review`] updates a state after an answer,
//!   [`Scheduler::queue`] orders today's concepts, [`Scheduler::recall_at`] predicts recall.
//! - [`Planner`]: the scheduler as one object that owns the states, the review log, the
//!   calibration and the pace, and answers "next item" and "minutes left today".
//! - [`rating_for`]: the FSRS rating of a graded answer (wrong → Again, right → Good, right but
//!   marked as a guess → Hard).
//! - [`readiness()`]: predicted exam-day score with an interval, on the 1–1000 scale.
//! - [`optimize()`]: fits FSRS parameters on the learner's own reviews, kept only if they
//!   predict held-out reviews better than the defaults.
//!
//! Where things live (imports point down this list, never up):
//! - leaves, importing nothing from the scheduler: [`state`] (the memory state), [`rating`]
//!   (ratings, leeches), [`curve`] (the forgetting curve, the [`Calibration`] type, the
//!   guessing floor), [`exam`] (the exam date and minutes, the bank's concepts), [`pace`];
//! - [`model`]: the [`Scheduler`] type and its FSRS facade (review, recall), on the leaves;
//! - parts that add to it: [`queue`] (today's order, the exam plan's priorities),
//!   [`interleave`] (confusable concepts side by side), [`calibrate`] (fitting the curve), [`optimize`], [`readiness`](mod@readiness),
//!   [`by_objective`], [`wording`];
//! - [`planner`]: the [`Planner`] object over all of them.

pub mod by_objective;
pub mod calibrate;
pub mod curve;
pub mod exam;
pub mod interleave;
pub mod model;
pub mod optimize;
pub mod pace;
pub mod planner;
pub mod queue;
pub mod rating;
pub mod readiness;
#[cfg(any(test, feature = "dev"))]
pub mod sim;
pub mod state;
pub mod wording;

pub use calibrate::{RecallObservation, fit_calibration};
pub use curve::{Calibration, GUESS_RATE};
pub use exam::{CRAM_DAYS, ConceptInfo, ExamPlan, REVIEWS_PER_MINUTE, cram_days};
pub use interleave::BANK_NEIGHBOURS;
pub use model::{ScheduleError, Scheduler};
pub use optimize::{OptimizeError, OptimizeReport, ReviewLog, optimize};
pub use pace::{AnswerTime, Pace};
pub use planner::Planner;
pub use queue::{CALIBRATED_DUE_RECALL, TRUSTED_CALIBRATION, UNTRUSTED_YOUNG_DUE_RECALL};
pub use rating::{LEECH_LAPSES, Rating, is_leech, rating_for};
pub use readiness::{Readiness, readiness, scaled_estimate, topic_weights};
pub use state::MemoryState;
pub use wording::pick_wording;
