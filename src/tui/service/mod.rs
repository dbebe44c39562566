//! What the front end needs from the core, as a trait: start sessions, apply actions (grading and
//! persisting each answer), and the figures of the Home, Stats and Matrix screens. The real app
//! passes a [`crate::study::Study`] (its adapter is in `study`); tests and the screenshot generator
//! use [`MemoryService`]. (Not a ratatui backend: the terminal is ratatui's own.)

mod memory;
mod study;

pub use memory::MemoryService;

use anyhow::Result;

use crate::bank::Bank;
use crate::clock::{Day, Millis};
use crate::engine::{Action, Event, Mode, Session, Summary};
use crate::store::ReportReason;

use super::view::{Dashboard, SetupChoice, StatsView};
use super::widgets::matrix_grid::CellAccuracy;

pub trait StudyService {
    fn bank(&self) -> &Bank;
    /// The current time.
    fn now(&self) -> Millis;
    /// Starts a session of `mode` with the default options.
    fn start(&mut self, mode: Mode) -> Result<Session>;
    /// Starts a session of `mode` with the learner's choice of skill area and count.
    fn start_with(&mut self, mode: Mode, choice: &SetupChoice) -> Result<Session>;
    /// The choice last made for `mode` (remembered between runs).
    fn last_setup(&self, mode: Mode) -> Option<SetupChoice>;
    /// Remembers the choice for `mode`.
    fn save_setup(&mut self, mode: Mode, choice: &SetupChoice) -> Result<()>;
    /// Starts a session of `mode` over exactly these questions (e.g. an exam's misses).
    fn start_ids(&mut self, mode: Mode, ids: Vec<String>) -> Result<Session>;
    /// Applies an action and persists what it produced (each answer before this returns).
    fn apply(&mut self, session: &mut Session, action: Action) -> Result<Vec<Event>>;
    /// Leaves a session before its end (answers given are already saved).
    fn abandon(&mut self, session: &mut Session) -> Result<()>;
    /// Takes up the exam left unfinished where it was.
    fn resume_exam(&mut self) -> Result<Session>;
    /// The results of a finished session (compared with the previous exam).
    fn summary(&self, session: &Session) -> Summary;
    fn dashboard(&self) -> Result<Dashboard>;
    fn stats(&self) -> Result<StatsView>;
    /// The learner's accuracy per matrix cell.
    fn cell_accuracy(&self) -> Result<Vec<CellAccuracy>>;
    /// Today's study day.
    fn today(&self) -> Day;
    /// Today's calendar date as a day number (an exam date is a calendar date).
    fn calendar_today(&self) -> Day {
        self.today()
    }
    /// The exam date (a study day) and minutes a day the planner works toward, if set.
    fn plan(&self) -> Option<(Day, u32)>;
    /// Sets (or with `None`, clears) the exam date, with the minutes a day.
    fn set_plan(&mut self, day: Option<Day>, minutes: u32) -> Result<()>;
    /// Reports the session's current question.
    fn report(&mut self, session: &Session, reason: ReportReason) -> Result<()>;
    /// The concepts of `session` never reviewed before it started ("Study due" labels their
    /// questions new, the others due reviews).
    fn unseen_concepts(&self, session: &Session) -> Vec<String>;
}
