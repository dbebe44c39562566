//! Keys as data. [`KEYS`] binds keys to messages; [`DOCS`] says what each message does on each
//! screen. The help overlay and the footer hints are generated from both, so a hint can never
//! name a key that does something else.

use super::event::Msg;

/// A key, as the keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Space,
    Up,
    Down,
    Left,
    Right,
    Enter,
    Esc,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
}

impl Key {
    pub fn label(self) -> String {
        match self {
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Space => "Space".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Backspace => "Backspace".into(),
        }
    }
}

/// Every binding. Letters `a`–`e` pick choices like `1`–`5`; `f`, `g` and `h` are commands, so
/// choices past the fifth are picked by digit or with the cursor.
pub const KEYS: &[(Key, Msg)] = &[
    (Key::Up, Msg::Up),
    (Key::Char('k'), Msg::Up),
    (Key::Down, Msg::Down),
    (Key::Char('j'), Msg::Down),
    (Key::Left, Msg::Left),
    (Key::Char('h'), Msg::Left),
    (Key::Right, Msg::Right),
    (Key::Char('l'), Msg::Right),
    (Key::Char('1'), Msg::Pick(0)),
    (Key::Char('2'), Msg::Pick(1)),
    (Key::Char('3'), Msg::Pick(2)),
    (Key::Char('4'), Msg::Pick(3)),
    (Key::Char('5'), Msg::Pick(4)),
    (Key::Char('6'), Msg::Pick(5)),
    (Key::Char('7'), Msg::Pick(6)),
    (Key::Char('8'), Msg::Pick(7)),
    (Key::Char('9'), Msg::Pick(8)),
    (Key::Char('a'), Msg::Pick(0)),
    (Key::Char('b'), Msg::Pick(1)),
    (Key::Char('c'), Msg::Pick(2)),
    (Key::Char('d'), Msg::Pick(3)),
    (Key::Char('e'), Msg::Pick(4)),
    (Key::Space, Msg::Toggle),
    (Key::Enter, Msg::Enter),
    (Key::Char('f'), Msg::Flag),
    (Key::Char('['), Msg::Prev),
    (Key::Char(']'), Msg::Next),
    (Key::Char('r'), Msg::Review),
    (Key::Char('t'), Msg::Timer),
    (Key::Char('p'), Msg::Plan),
    (Key::Char('!'), Msg::Report),
    (Key::Char('u'), Msg::Undo),
    (Key::Char('g'), Msg::Guess),
    (Key::Char('s'), Msg::Submit),
    (Key::Char('y'), Msg::Yes),
    (Key::Char('n'), Msg::No),
    (Key::Char('?'), Msg::Help),
    (Key::Esc, Msg::Back),
    (Key::Backspace, Msg::Back),
    (Key::Char('q'), Msg::Quit),
    (Key::Ctrl('c'), Msg::Quit),
    (Key::PageUp, Msg::PageUp),
    (Key::Ctrl('u'), Msg::PageUp),
    (Key::PageDown, Msg::PageDown),
    (Key::Ctrl('d'), Msg::PageDown),
    (Key::Home, Msg::Top),
    (Key::End, Msg::Bottom),
    (Key::Ctrl('l'), Msg::Redraw),
];

/// The bindings in force: [`KEYS`], or what [`install`] set (the user's remapped keys).
static ACTIVE: std::sync::OnceLock<Vec<(Key, Msg)>> = std::sync::OnceLock::new();

/// Puts `bindings` in force for the rest of the process (once; later calls are ignored).
pub fn install(bindings: Vec<(Key, Msg)>) {
    let _ = ACTIVE.set(bindings);
}

/// The bindings in force.
pub fn active() -> &'static [(Key, Msg)] {
    ACTIVE.get().map_or(KEYS, Vec::as_slice)
}

/// The message bound to `key`, if any.
pub fn lookup(key: Key) -> Option<Msg> {
    active().iter().find(|(k, _)| *k == key).map(|(_, m)| *m)
}

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

const PICKS: &[Msg] = &[
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

/// The keys bound to any of `msgs`, as a compact label ("↑ k ↓ j", "1–9 a–e").
pub fn keys_label(msgs: &[Msg]) -> String {
    let keys: Vec<Key> = active()
        .iter()
        .filter(|(_, m)| msgs.contains(m))
        .map(|(k, _)| *k)
        .collect();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        // Collapse runs of three or more consecutive characters ("1–9").
        if let Key::Char(start) = keys[i] {
            let mut j = i;
            while j + 1 < keys.len()
                && matches!((keys[j], keys[j + 1]), (Key::Char(a), Key::Char(b)) if b as u32 == a as u32 + 1)
            {
                j += 1;
            }
            if j >= i + 2
                && let Key::Char(end) = keys[j]
            {
                parts.push(format!("{start}–{end}"));
                i = j + 1;
                continue;
            }
        }
        parts.push(keys[i].label());
        i += 1;
    }
    parts.join(" ")
}

/// The first key bound to any of `msgs` (for footers, where space is short).
pub fn first_key(msgs: &[Msg]) -> String {
    let has = |m: Msg| msgs.contains(&m);
    if msgs.len() > 2 && msgs.iter().all(|m| matches!(m, Msg::Pick(_))) {
        return keys_label(&msgs[..msgs.len().min(9)])
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_string();
    }
    if has(Msg::Left)
        && has(Msg::Right)
        && !has(Msg::Up)
        && lookup(Key::Left) == Some(Msg::Left)
        && lookup(Key::Right) == Some(Msg::Right)
    {
        return "←→".into();
    }
    if has(Msg::Up)
        && has(Msg::Down)
        && lookup(Key::Up) == Some(Msg::Up)
        && lookup(Key::Down) == Some(Msg::Down)
    {
        return if has(Msg::Left) {
            "↑↓←→".into()
        } else {
            "↑↓".into()
        };
    }
    active()
        .iter()
        .find(|(_, m)| msgs.contains(m))
        .map(|(k, _)| match (k, msgs.len()) {
            // "[ ]" reads better than "[" for a pair.
            (Key::Char('['), 2) => "[ ]".to_string(),
            _ => k.label(),
        })
        .unwrap_or_default()
}

/// Footer hints for the given contexts: `(key, hint)` in table order.
pub fn hints(ctxs: &[Ctx]) -> Vec<(String, &'static str)> {
    ctxs.iter()
        .flat_map(|ctx| DOCS.iter().filter(move |d| d.ctx == *ctx))
        .filter_map(|d| d.hint.map(|h| (first_key(d.msgs), h)))
        .collect()
}

/// [`hints`] with the message each stands for (a click on the hint sends it).
pub fn hint_msgs(ctxs: &[Ctx]) -> Vec<(String, &'static str, Msg)> {
    ctxs.iter()
        .flat_map(|ctx| DOCS.iter().filter(move |d| d.ctx == *ctx))
        .filter_map(|d| {
            let msg = d.msgs.first().copied()?;
            d.hint.map(|h| (first_key(d.msgs), h, msg))
        })
        .collect()
}

/// Help rows for one context: `(keys, description)`.
pub fn help_rows(ctx: Ctx) -> Vec<(String, &'static str)> {
    DOCS.iter()
        .filter(|d| d.ctx == ctx)
        .map(|d| (keys_label(d.msgs), d.desc))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = HashSet::new();
        for (k, _) in KEYS {
            assert!(seen.insert(*k), "{k:?} bound twice");
        }
    }

    #[test]
    fn every_documented_message_has_a_key() {
        for d in DOCS {
            assert!(!keys_label(d.msgs).is_empty(), "{} has no key", d.desc);
        }
    }

    #[test]
    fn labels_collapse_runs_and_list_alternatives() {
        assert_eq!(keys_label(PICKS), "1–9 a–e");
        assert_eq!(keys_label(&[Msg::Up, Msg::Down]), "↑ k ↓ j");
        assert_eq!(keys_label(&[Msg::Quit]), "q Ctrl+C");
        assert_eq!(first_key(&[Msg::Prev, Msg::Next]), "[ ]");
        assert_eq!(first_key(PICKS), "1–9");
        assert_eq!(first_key(&[Msg::Up, Msg::Down, Msg::PageUp]), "↑↓");
    }

    #[test]
    fn hints_follow_the_table() {
        let h = hints(&[Ctx::Feedback]);
        assert!(h.contains(&("u".to_string(), "undo")));
        assert!(h.contains(&("Enter".to_string(), "continue")));
    }

    #[test]
    fn no_function_keys_or_shift_tab() {
        // Terminals eat F1 and Shift+Tab; the Key type cannot even name them.
        assert!(KEYS.iter().all(|(k, _)| !matches!(k, Key::Ctrl('i'))));
    }
}
