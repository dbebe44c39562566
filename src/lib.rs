//! az900: a terminal study app for the Microsoft AZ-900 (Azure Fundamentals) exam.
//!
//! The library is the headless core (rules, bank, engine, schedule, store), which never touches
//! the terminal and takes the clock and the random seed as inputs, plus the front ends
//! (`tui`, `plain`) and the command-line layer.

pub mod bank;
pub mod cli;
pub mod clock;
pub mod commands;
#[doc(hidden)]
pub mod devtools;
pub mod engine;
pub mod facts;
pub mod outline;
pub mod paths;
pub mod plain;
pub mod report;
pub mod rules;
pub mod schedule;
pub mod store;
pub mod study;
pub mod text;
pub mod tui;
