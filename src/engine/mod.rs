//! The quiz engine: one headless state machine for every mode.

pub mod grade;
