//! What each message does on each screen: the help overlay lists these, and the footer shows
//! their short hints.

use crate::tui::msg::Msg;

/// The screens (and overlays) that give keys a meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// Every screen.
    Global,
    Home,
    /// The setup page before a session (skill area, count; the exam's intro).
    Setup,
    Question,
    /// Answering a single or multiple choice question.
    Choices,
    /// Answering a dropdown (fill the blank).
    Dropdown,
    /// Answering a yes/no series.
    YesNo,
    /// Answering a match question.
    Match,
    /// Answering an order question.
    Order,
    /// Answering a hot-area question.
    HotArea,
    /// Only in an exam (shown on the question screen of an exam).
    Exam,
    Feedback,
    ReviewList,
    Results,
    Stats,
    Matrix,
    Confirm,
    /// The exam-date planner.
    Plan,
    /// The report-a-question dialog.
    Report,
    /// The resume-your-unfinished-exam question.
    Resume,
}

impl Ctx {
    pub fn title(self) -> &'static str {
        match self {
            Ctx::Global => "Everywhere",
            Ctx::Home => "Home",
            Ctx::Setup => "Session setup",
            Ctx::Question => "Question",
            Ctx::Choices => "Choices",
            Ctx::Dropdown => "Dropdown",
            Ctx::YesNo => "Yes / No statements",
            Ctx::Match => "Match",
            Ctx::Order => "Order",
            Ctx::HotArea => "Hot area",
            Ctx::Exam => "Exam",
            Ctx::Feedback => "Feedback",
            Ctx::ReviewList => "Exam review list",
            Ctx::Results => "Results",
            Ctx::Stats => "Stats",
            Ctx::Matrix => "Matrix",
            Ctx::Confirm => "Confirmation",
            Ctx::Plan => "Exam date",
            Ctx::Report => "Report a question",
            Ctx::Resume => "Unfinished exam",
        }
    }
}

/// What a group of messages does on one screen. `hint` is the short footer text (`None`: help
/// only).
pub struct Doc {
    pub ctx: Ctx,
    pub msgs: &'static [Msg],
    pub desc: &'static str,
    pub hint: Option<&'static str>,
}

pub const PICKS: &[Msg] = &[
    Msg::Pick(0),
    Msg::Pick(1),
    Msg::Pick(2),
    Msg::Pick(3),
    Msg::Pick(4),
    Msg::Pick(5),
    Msg::Pick(6),
    Msg::Pick(7),
    Msg::Pick(8),
];

const fn doc(
    ctx: Ctx,
    msgs: &'static [Msg],
    desc: &'static str,
    hint: Option<&'static str>,
) -> Doc {
    Doc {
        ctx,
        msgs,
        desc,
        hint,
    }
}

/// Every documented meaning, in help order.
pub const DOCS: &[Doc] = &[
    doc(
        Ctx::Global,
        &[Msg::Help],
        "show or hide this help (↑ ↓ scroll it)",
        Some("help"),
    ),
    doc(Ctx::Global, &[Msg::Back], "go back / close", None),
    doc(
        Ctx::Global,
        &[Msg::Quit],
        "quit (progress is saved after every answer)",
        Some("quit"),
    ),
    doc(
        Ctx::Home,
        &[Msg::Up, Msg::Down],
        "move through the menu",
        None,
    ),
    doc(Ctx::Home, PICKS, "open a menu entry by number", None),
    doc(
        Ctx::Home,
        &[Msg::Enter],
        "open the selected entry",
        Some("open"),
    ),
    doc(
        Ctx::Setup,
        &[Msg::Enter],
        "start the session",
        Some("start"),
    ),
    doc(
        Ctx::Setup,
        &[Msg::Up, Msg::Down],
        "choose the setting to change",
        None,
    ),
    doc(
        Ctx::Setup,
        &[Msg::PageUp, Msg::PageDown],
        "scroll the page",
        None,
    ),
    doc(
        Ctx::Setup,
        &[Msg::Left, Msg::Right],
        "change the skill area or the number of questions",
        Some("change"),
    ),
    doc(
        Ctx::Choices,
        PICKS,
        "pick a choice by number or letter (again: unpick, in a multiple answer)",
        Some("pick"),
    ),
    doc(
        Ctx::Choices,
        &[Msg::Up, Msg::Down],
        "move between choices",
        None,
    ),
    doc(
        Ctx::Choices,
        &[Msg::Toggle],
        "pick / unpick the focused choice",
        None,
    ),
    doc(
        Ctx::Dropdown,
        &[Msg::Up, Msg::Down, Msg::Left, Msg::Right],
        "change the option in the blank",
        Some("change"),
    ),
    doc(
        Ctx::Dropdown,
        PICKS,
        "pick an option by number or letter",
        None,
    ),
    doc(
        Ctx::YesNo,
        &[Msg::Yes],
        "Yes for the focused statement",
        Some("yes"),
    ),
    doc(
        Ctx::YesNo,
        &[Msg::No],
        "No for the focused statement",
        Some("no"),
    ),
    doc(
        Ctx::YesNo,
        &[Msg::Up, Msg::Down],
        "move between statements",
        None,
    ),
    doc(
        Ctx::YesNo,
        &[Msg::Left, Msg::Right],
        "Yes (←) or No (→) for the focused statement",
        None,
    ),
    doc(
        Ctx::Match,
        &[
            Msg::Pick(0),
            Msg::Pick(1),
            Msg::Pick(2),
            Msg::Pick(3),
            Msg::Pick(4),
            Msg::Pick(5),
            Msg::Pick(6),
            Msg::Pick(7),
            Msg::Pick(8),
        ],
        "give the focused item the category with this number",
        Some("category"),
    ),
    doc(
        Ctx::Match,
        &[Msg::Left, Msg::Right, Msg::Toggle],
        "previous / next category for the focused item",
        None,
    ),
    doc(
        Ctx::Match,
        &[Msg::Up, Msg::Down],
        "move between items",
        None,
    ),
    doc(
        Ctx::Order,
        &[Msg::Toggle],
        "pick up / put down the focused item",
        Some("pick up"),
    ),
    doc(
        Ctx::Order,
        &[Msg::Up, Msg::Down],
        "move the cursor, or the item you hold",
        Some("move"),
    ),
    doc(
        Ctx::HotArea,
        &[Msg::Toggle],
        "select / unselect the focused cell",
        Some("select"),
    ),
    doc(
        Ctx::HotArea,
        &[Msg::Up, Msg::Down, Msg::Left, Msg::Right],
        "move between cells",
        Some("move"),
    ),
    doc(
        Ctx::Question,
        &[Msg::Enter],
        "submit the answer",
        Some("submit"),
    ),
    doc(
        Ctx::Question,
        &[Msg::Guess],
        "mark the answer as a guess (a right guess is scheduled sooner)",
        Some("guess"),
    ),
    doc(
        Ctx::Question,
        &[Msg::Flag],
        "mark the question for review",
        Some("mark"),
    ),
    doc(
        Ctx::Question,
        &[Msg::PageUp, Msg::PageDown],
        "scroll a long question",
        None,
    ),
    doc(
        Ctx::Exam,
        &[Msg::Prev, Msg::Next],
        "previous / next question",
        Some("move"),
    ),
    doc(
        Ctx::Exam,
        &[Msg::Review],
        "open the review list",
        Some("review"),
    ),
    doc(
        Ctx::Exam,
        &[Msg::Timer],
        "hide or show the countdown (it keeps running)",
        None,
    ),
    doc(
        Ctx::Feedback,
        &[Msg::Enter],
        "next question",
        Some("continue"),
    ),
    doc(
        Ctx::Feedback,
        &[Msg::Undo],
        "undo this answer and its effect on progress",
        Some("undo"),
    ),
    doc(
        Ctx::Feedback,
        &[Msg::Up, Msg::Down, Msg::PageUp, Msg::PageDown],
        "scroll",
        Some("scroll"),
    ),
    doc(
        Ctx::ReviewList,
        &[Msg::Up, Msg::Down],
        "move through the questions",
        None,
    ),
    doc(
        Ctx::ReviewList,
        &[Msg::Enter],
        "go to the selected question",
        Some("open"),
    ),
    doc(
        Ctx::ReviewList,
        &[Msg::Flag],
        "mark or unmark the selected question",
        Some("mark"),
    ),
    doc(
        Ctx::ReviewList,
        &[Msg::Submit],
        "submit the exam (asks first)",
        Some("submit exam"),
    ),
    doc(
        Ctx::Results,
        &[Msg::Up, Msg::Down],
        "move through the questions listed",
        None,
    ),
    doc(
        Ctx::Results,
        &[Msg::Left, Msg::Right],
        "list the wrong / marked / unanswered / all questions",
        Some("filter"),
    ),
    doc(
        Ctx::Results,
        &[Msg::Enter],
        "show the selected question's explanation",
        Some("explain"),
    ),
    doc(
        Ctx::Results,
        &[Msg::Review],
        "retake the questions not right in a review session",
        Some("review missed"),
    ),
    doc(
        Ctx::Stats,
        &[Msg::Up, Msg::Down, Msg::PageUp, Msg::PageDown],
        "scroll",
        Some("scroll"),
    ),
    doc(
        Ctx::Matrix,
        &[Msg::Up, Msg::Down, Msg::Left, Msg::Right],
        "move between cells",
        Some("move"),
    ),
    doc(
        Ctx::Matrix,
        &[Msg::Toggle],
        "colour by owner / by your accuracy",
        Some("accuracy view"),
    ),
    doc(
        Ctx::Matrix,
        &[Msg::PageUp, Msg::PageDown],
        "scroll the selected cell's details",
        None,
    ),
    doc(Ctx::Confirm, &[Msg::Yes, Msg::Enter], "yes", Some("yes")),
    doc(
        Ctx::Home,
        &[Msg::Plan],
        "set the exam date and the minutes a day the planner works toward",
        Some("exam date"),
    ),
    doc(
        Ctx::Plan,
        &[Msg::Left, Msg::Right],
        "a day earlier / later",
        Some("day"),
    ),
    doc(
        Ctx::Plan,
        &[Msg::Up, Msg::Down],
        "a week later / earlier",
        Some("week"),
    ),
    doc(
        Ctx::Plan,
        &[Msg::Prev, Msg::Next],
        "5 minutes a day less / more",
        Some("minutes"),
    ),
    doc(Ctx::Plan, &[Msg::Enter], "save", Some("save")),
    doc(
        Ctx::Plan,
        &[Msg::Undo],
        "remove the exam date",
        Some("clear"),
    ),
    doc(Ctx::Plan, &[Msg::Back], "cancel", Some("cancel")),
    doc(
        Ctx::Question,
        &[Msg::Report],
        "report this question (wrong answer, unclear, typo...)",
        None,
    ),
    doc(
        Ctx::Feedback,
        &[Msg::Report],
        "report this question (wrong answer, unclear, typo...)",
        Some("report"),
    ),
    doc(
        Ctx::Report,
        &[
            Msg::Pick(0),
            Msg::Pick(1),
            Msg::Pick(2),
            Msg::Pick(3),
            Msg::Pick(4),
        ],
        "report with this reason",
        Some("reason"),
    ),
    doc(Ctx::Report, &[Msg::Back], "cancel", Some("cancel")),
    doc(
        Ctx::Resume,
        &[Msg::Yes, Msg::Enter],
        "resume the exam where you left it",
        Some("resume"),
    ),
    doc(
        Ctx::Resume,
        &[Msg::No],
        "start a new exam (the unfinished one ends unscored)",
        Some("new exam"),
    ),
    doc(Ctx::Resume, &[Msg::Back], "cancel", Some("cancel")),
    doc(Ctx::Confirm, &[Msg::No, Msg::Back], "no", Some("no")),
];
