//! What the learner asked for, as data: every screen, the keymap and the input edge speak
//! [`Msg`]. It depends on nothing else in the front end, so the keymap (which binds keys to it)
//! and the input edge (which turns terminal events into it through the keymap) form a line,
//! not a circle: `event → keymap → msg`.

/// What the learner asked for, independent of the key that asked. Screens give a message their
/// own meaning (`Enter` submits a question, continues after feedback, opens a menu entry…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    Up,
    Down,
    Left,
    Right,
    /// Pick the n-th (0-based) choice, statement answer, category or menu entry.
    Pick(u8),
    /// Space: toggle a choice or cell, pick up / drop an item, switch a view.
    Toggle,
    /// Submit, continue, open.
    Enter,
    /// Mark the question for review.
    Flag,
    /// Previous / next question of an exam.
    Prev,
    Next,
    /// The exam's review list (on results: review the missed questions).
    Review,
    /// Hide or show the countdown.
    Timer,
    /// Undo the last answer.
    Undo,
    /// Mark the answer as a guess before submitting.
    Guess,
    /// Submit the whole exam (from the review list).
    Submit,
    Yes,
    No,
    Help,
    Back,
    Quit,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Redraw (the terminal was resized, or Ctrl+L).
    Redraw,
    /// A second passed (sent by the event loop while a countdown is visible).
    Tick,
    /// Open the exam-date planner (Home).
    Plan,
    /// Report the question on screen (wrong key, unclear, ...).
    Report,
    /// A left click at (column, row): the app turns it into what was drawn there.
    Click(u16, u16),
    /// A click on the n-th question of the exam's review grid (opens it).
    Select(u16),
    /// A click on a hot-area cell (row, column): focus and toggle it.
    Cell(u8, u8),
    /// The mouse wheel: scroll up / down.
    WheelUp,
    WheelDown,
}
