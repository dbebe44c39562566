//! Spaced repetition (FSRS) per concept, the exam-date planner and readiness.

pub mod state;

pub use state::MemoryState;
