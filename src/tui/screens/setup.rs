//! The setup page before a practice, cram or exam session: what it covers (the whole exam, a
//! skill area or one of its groups) and the number of questions (remembered for next time).
//! For the exam it is also the intro page: questions, time, how marking works and the keys,
//! before the clock starts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::header_bar;
use crate::engine::Mode;
use crate::tui::app::App;
use crate::tui::app::{Screen, scrolled};
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, doc};
use crate::tui::text::clean;
use crate::tui::theme::{Theme, glyph};
use crate::tui::view::SetupChoice;
use crate::tui::widgets::scroll::{self, Content};

/// The keys of Session setup (help and footer).
pub const KEYS: Keys = Keys {
    title: "Session setup",
    docs: &[
        doc(&[Msg::Enter], "start the session", Some("start")),
        doc(&[Msg::Up, Msg::Down], "choose the setting to change", None),
        doc(&[Msg::PageUp, Msg::PageDown], "scroll the page", None),
        doc(
            &[Msg::Left, Msg::Right],
            "change the skill area or the number of questions",
            Some("change"),
        ),
    ],
};

fn field(label: &str, value: String, focused: bool, theme: &Theme) -> Line<'static> {
    let cursor = if focused { glyph::CURSOR } else { " " };
    let line = Line::from(vec![
        Span::styled(format!(" {cursor} "), theme.key),
        Span::styled(format!("{label:<12}"), theme.dim),
        Span::styled("◀ ", theme.key),
        Span::styled(value, theme.title),
        Span::styled(" ▶", theme.key),
    ]);
    if focused {
        line.style(theme.cursor)
    } else {
        line
    }
}

/// The page's lines (tests read them).
pub fn content(st: &SetupState, theme: &Theme) -> Content {
    let mut c = Content::new();
    c.blank();
    let title = match st.mode {
        Mode::Exam => "Exam simulation: choose the exam, then read how it works",
        Mode::Cram => "Cram: your weakest concepts first (your schedule is not changed)",
        _ => "Practice: feedback after every answer",
    };
    c.push(Line::styled(title, theme.title));
    c.blank();
    let topic = st
        .topics
        .get(st.topic)
        .map(|(_, name)| clean(name))
        .unwrap_or_default();
    // "Covering": a choice is the whole exam, a skill area or one of its groups.
    c.push(field("Covering", topic, st.field == 0, theme));
    c.push(field(
        "Questions",
        st.count.to_string(),
        st.field == 1,
        theme,
    ));
    if let Some(n) = st.sizes.get(st.topic) {
        let note = if *n < st.count {
            format!("   The bank has only {n} questions here.")
        } else {
            format!("   The bank has {n} questions here.")
        };
        c.push_indented(Line::styled(note, theme.dim), 3);
    }
    c.blank();
    if st.mode == Mode::Exam {
        let minutes = exam_minutes(st.count);
        c.push(Line::styled("How the exam works", theme.title));
        for text in [
            format!(
                "{} questions in {minutes} minutes (the real exam's pace: 45 minutes for 40). The clock starts when you press Enter; quit midway and the exam waits, with the time it had left.",
                st.count
            ),
            "No feedback until you submit. Move freely between questions, change answers, and mark any for review.".to_string(),
            "Every question weighs the same; a question with several parts (a yes/no series, a match, a choose-two) gives partial credit inside its one point. An unanswered question scores zero.".to_string(),
            if st.topic == 0 && st.count == crate::engine::FULL_EXAM_QUESTIONS {
                "The result is an estimated scaled score from 1 to 1000; 700 passes. Then every question reopens with your answer, the right one and why.".to_string()
            } else {
                format!("The result is your score and its percentage: a scaled score and a pass mark are estimated for a full exam only (the whole exam, {} questions). Then every question reopens with your answer, the right one and why.", crate::engine::FULL_EXAM_QUESTIONS)
            },
        ] {
            c.push_indented(Line::from(format!("  • {text}")), 4);
        }
        c.blank();
        c.push(Line::styled("Keys in the exam", theme.title));
        for (k, what) in [
            ("[ ]", "previous / next question"),
            ("f", "mark the question for review"),
            (
                "r",
                "the review list: every question, answered, incomplete or marked",
            ),
            (
                "s",
                "submit (asks first, listing what is unanswered or marked)",
            ),
            ("t", "hide or show the countdown"),
        ] {
            c.push_indented(
                Line::from(vec![
                    Span::styled(format!("  {k:<5}"), theme.key),
                    Span::raw(what),
                ]),
                9,
            );
        }
        c.blank();
    }
    c.push(Line::from(vec![
        Span::styled(" Enter ", theme.key),
        Span::raw("start   "),
        Span::styled("↑ ↓ ", theme.key),
        Span::raw("setting   "),
        Span::styled("← → ", theme.key),
        Span::raw("change   "),
        Span::styled("Esc ", theme.key),
        Span::raw("back"),
    ]));
    c.push(Line::styled(
        " Your choice is remembered for next time.",
        theme.dim,
    ));
    c
}

pub fn render(app: &App, header_area: Rect, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let Some(st) = app.screens.setup.as_ref() else {
        return;
    };
    header_bar(
        buf,
        header_area,
        vec![Span::raw(format!("{} · set up", st.mode.name()))],
        vec![],
        theme,
    );
    let area = super::prose(body);
    scroll::render(buf, area, &content(st, theme), Some(st.scroll), theme);
}

/// The setup page before a practice, cram or exam session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupState {
    pub mode: Mode,
    /// `(id, name)` of each choice: the first entry is the whole exam (id empty), then each
    /// skill area followed by its objective groups, in outline order.
    pub topics: Vec<(String, String)>,
    /// Questions in the bank for each entry of `topics`.
    pub sizes: Vec<usize>,
    pub topic: usize,
    pub count: usize,
    /// The focused field: 0 skill area, 1 question count.
    pub field: usize,
    /// Scroll of the page (PgUp / PgDn, Home / End).
    pub scroll: usize,
}

/// The question counts a setup page offers: from `min` to `max` by `step`.
pub fn count_range(mode: Mode) -> (usize, usize, usize) {
    match mode {
        Mode::Exam => (10, 60, 5),
        _ => (5, 100, 5),
    }
}

pub use crate::engine::exam_minutes;

impl SetupState {
    pub fn choice(&self) -> SetupChoice {
        SetupChoice {
            topic: self
                .topics
                .get(self.topic)
                .map(|(id, _)| id.clone())
                .filter(|id| !id.is_empty()),
            count: self.count,
            minutes: (self.mode == Mode::Exam).then(|| exam_minutes(self.count)),
        }
    }
}

impl App<'_> {
    /// The setup page for `mode`, with the choice made last time.
    pub(crate) fn open_setup(&mut self, mode: Mode) {
        let bank = self.service.bank();
        // The whole exam, then each skill area (with its weight on the exam) followed by its
        // objective groups, in outline order, as far as the bank has questions for them.
        let mut topics = vec![(
            String::new(),
            "The whole exam (every skill area)".to_string(),
        )];
        let mut sizes = vec![bank.len()];
        let size = |id: &str| {
            bank.questions()
                .iter()
                .filter(|q| bank.in_topic(q, id))
                .count()
        };
        for a in &bank.rules.outline.areas {
            let n = size(&a.id);
            if n > 0 {
                topics.push((
                    a.id.clone(),
                    format!("{} {} ({}–{}%)", a.id, a.name, a.weight[0], a.weight[1]),
                ));
                sizes.push(n);
            }
            for g in &a.groups {
                let n = size(&g.id);
                if n > 0 {
                    topics.push((g.id.clone(), format!("{} {}", g.id, g.name)));
                    sizes.push(n);
                }
            }
        }
        let last = self.service.last_setup(mode);
        let (min, max, _) = count_range(mode);
        let default = match mode {
            Mode::Exam => crate::study::DEFAULT_EXAM_COUNT,
            Mode::Cram => crate::study::DEFAULT_CRAM_COUNT,
            _ => crate::study::DEFAULT_PRACTICE_COUNT,
        };
        let topic = last
            .as_ref()
            .and_then(|c| c.topic.as_ref())
            .and_then(|t| topics.iter().position(|(id, _)| id == t))
            .unwrap_or(0);
        let count = last.map_or(default, |c| c.count).clamp(min, max);
        self.screens.setup = Some(SetupState {
            mode,
            topics,
            sizes,
            topic,
            count,
            field: 0,
            scroll: 0,
        });
        self.screen = Screen::Setup;
    }
    pub(crate) fn update_setup(&mut self, msg: Msg) {
        let page = self.page();
        let Some(st) = self.screens.setup.as_mut() else {
            self.go_home();
            return;
        };
        let (min, max, step) = count_range(st.mode);
        match msg {
            Msg::Up => st.field = st.field.saturating_sub(1),
            Msg::Down => st.field = (st.field + 1).min(1),
            Msg::Left | Msg::Right if st.field == 0 => {
                let n = st.topics.len().max(1);
                st.topic = if msg == Msg::Right {
                    (st.topic + 1) % n
                } else {
                    (st.topic + n - 1) % n
                };
            }
            Msg::Left => st.count = st.count.saturating_sub(step).max(min),
            Msg::Right => st.count = (st.count + step).min(max),
            Msg::PageUp | Msg::PageDown | Msg::Top | Msg::Bottom => {
                if let Some(o) = scrolled(st.scroll, msg, page, scroll::last_max()) {
                    st.scroll = o;
                }
            }
            Msg::Enter => {
                let mode = st.mode;
                let choice = st.choice();
                if let Err(e) = self.service.save_setup(mode, &choice) {
                    self.fail(format!("cannot remember this choice: {e:#}"));
                }
                match self.service.start_with(mode, &choice) {
                    Ok(session) => {
                        self.screens.setup = None;
                        self.screens.results = None;
                        self.open_session(session);
                    }
                    Err(e) => self.fail(format!("{e:#}")),
                }
            }
            Msg::Back => {
                self.screens.setup = None;
                self.go_home();
            }
            _ => {}
        }
    }
}
