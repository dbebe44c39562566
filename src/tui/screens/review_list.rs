//! The exam's review list: every question as answered / unanswered / marked; Enter jumps to
//! one, `s` submits (after a confirmation that lists what is unanswered).

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};

use super::header_bar;
use super::question::header;
use crate::engine::Action;
use crate::tui::app::App;
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, doc};
use crate::tui::overlay::{Confirm, Overlay};
use crate::tui::text::{clean, truncate};
use crate::tui::theme::glyph;
use crate::tui::widgets::scroll::{self, Content};

/// The keys of Exam review list (help and footer).
pub const KEYS: Keys = Keys {
    title: "Exam review list",
    docs: &[
        doc(&[Msg::Up, Msg::Down], "move through the questions", None),
        doc(&[Msg::Enter], "go to the selected question", Some("open")),
        doc(
            &[Msg::Flag],
            "mark or unmark the selected question",
            Some("mark"),
        ),
        doc(
            &[Msg::Submit],
            "submit the exam (asks first)",
            Some("submit exam"),
        ),
    ],
};

pub const ANSWERED: &str = "●";
pub const UNANSWERED: &str = "○";
pub const INCOMPLETE: &str = "◐";
pub const CELL_W: usize = 11;

/// Questions per row of the grid on a terminal `width` columns wide.
pub fn grid_columns(width: u16) -> usize {
    // The body keeps a column each side and one for the scroll indicator.
    (usize::from(width.saturating_sub(3)) / CELL_W).clamp(1, 10)
}

pub fn render(app: &App, header_area: Rect, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let Some(state) = app.session.as_ref() else {
        return;
    };
    let (mut left, right) = header(app, state, None);
    left.truncate(3);
    left.push(Span::raw(" · review list"));
    header_bar(buf, header_area, left, right, theme);
    let entries = state.session.review_list();
    let incomplete = app.incomplete_items();
    let answered = entries.iter().filter(|e| e.answered).count();
    let marked = entries.iter().filter(|e| e.marked).count();
    let area = body.inner(Margin::new(1, 0));
    let mut c = Content::new();
    c.blank();
    c.push(Line::from(vec![
        Span::styled(format!("{answered} answered"), theme.title),
        Span::raw(" · "),
        Span::styled(
            format!("{} unanswered", entries.len() - answered),
            if answered < entries.len() {
                theme.warn
            } else {
                theme.base
            },
        ),
        Span::raw(" · "),
        Span::styled(
            format!("{} incomplete", incomplete.len()),
            if incomplete.is_empty() {
                theme.base
            } else {
                theme.warn
            },
        ),
        Span::raw(" · "),
        Span::styled(format!("{marked} marked"), theme.marked),
    ]));
    c.push(Line::styled(
        format!(
            "{ANSWERED} answered   {INCOMPLETE} incomplete   {UNANSWERED} unanswered   {} marked for review",
            glyph::MARKED
        ),
        theme.dim,
    ));
    c.blank();
    grid(
        &entries,
        &incomplete,
        state.review_cursor,
        body.width,
        theme,
        &mut c,
    );
    c.blank();
    if let Some(e) = entries.get(state.review_cursor)
        && let Some(q) = app.service.bank().get(&e.question_id)
    {
        let width = scroll::text_width(area.width).saturating_sub(8);
        c.push_indented(
            Line::from(vec![
                Span::styled(format!("{:>3}. ", e.index + 1), theme.key),
                Span::raw(truncate(
                    &clean(&crate::study::question_title(app.service.bank(), q)),
                    width * 2,
                )),
            ]),
            5,
        );
    }
    scroll::render(buf, area, &c, None, theme);
}

/// The grid of questions, `grid_columns` to a row; a click on one opens it.
fn grid(
    entries: &[crate::engine::ReviewEntry],
    incomplete: &[usize],
    cursor: usize,
    width: u16,
    theme: &crate::tui::theme::Theme,
    c: &mut Content,
) {
    let per_row = grid_columns(width);
    for chunk in entries.chunks(per_row) {
        let mut spans = Vec::new();
        let mut clicks = Vec::new();
        let mut x = 0u16;
        let mut focused_row = false;
        for e in chunk {
            let focused = e.index == cursor;
            focused_row |= focused;
            let cur = if focused { glyph::CURSOR } else { " " };
            let status = if incomplete.contains(&e.index) {
                INCOMPLETE
            } else if e.answered {
                ANSWERED
            } else {
                UNANSWERED
            };
            let flag = if e.marked { glyph::MARKED } else { " " };
            let style = if e.marked {
                theme.marked
            } else if e.answered && !incomplete.contains(&e.index) {
                theme.base
            } else {
                theme.warn
            };
            let style = if focused {
                style.patch(theme.cursor)
            } else {
                style
            };
            let cell = format!("{cur}{:>3} {status} {flag}", e.index + 1);
            let w = u16::try_from(crate::tui::text::width(&cell)).unwrap_or(0);
            if let Ok(n) = u16::try_from(e.index) {
                clicks.push((x, x + w, crate::tui::event::Msg::Select(n)));
            }
            x = x.saturating_add(w + 3);
            spans.push(Span::styled(cell, style));
            spans.push(Span::raw("   "));
        }
        if focused_row {
            c.focus_next();
        }
        c.push_spans(Line::from(spans), clicks);
    }
}

impl App<'_> {
    /// Asks before submitting the exam, listing what is unanswered, incomplete or marked (`s`
    /// on the review list or on a question).
    pub(crate) fn confirm_submit_exam(&mut self) {
        let incomplete = self.incomplete_items();
        let Some(state) = self.session.as_ref() else {
            return;
        };
        let one_based = |v: Vec<usize>| v.into_iter().map(|i| i + 1).collect();
        self.overlay = Some(Overlay::Confirm(Confirm::SubmitExam {
            unanswered: one_based(state.session.unanswered()),
            incomplete: one_based(incomplete),
            marked: one_based(state.session.marked()),
        }));
    }

    pub(crate) fn update_review_list(&mut self, msg: Msg) {
        let cols = grid_columns(self.viewport.0);
        let Some(state) = self.session.as_mut() else {
            return;
        };
        let n = state.session.items().len();
        match msg {
            Msg::Up => state.review_cursor = state.review_cursor.saturating_sub(cols),
            Msg::Down => {
                state.review_cursor = (state.review_cursor + cols).min(n.saturating_sub(1))
            }
            Msg::Left => state.review_cursor = state.review_cursor.saturating_sub(1),
            Msg::Right => state.review_cursor = (state.review_cursor + 1).min(n.saturating_sub(1)),
            Msg::Top => state.review_cursor = 0,
            Msg::Bottom => state.review_cursor = n.saturating_sub(1),
            Msg::Enter => {
                let target = state.review_cursor;
                state.review_open = false;
                if target != state.session.current_index() {
                    self.act(Action::Goto(target));
                }
            }
            Msg::Flag => {
                let target = state.review_cursor;
                if target != state.session.current_index() {
                    self.act(Action::Goto(target));
                }
                self.act(Action::ToggleMark);
            }
            Msg::Submit => self.confirm_submit_exam(),
            Msg::Select(i) if usize::from(i) < n => {
                let target = usize::from(i);
                state.review_cursor = target;
                state.review_open = false;
                if target != state.session.current_index() {
                    self.act(Action::Goto(target));
                }
            }
            Msg::Back | Msg::Review => state.review_open = false,
            Msg::Timer => state.timer_hidden = !state.timer_hidden,
            _ => {}
        }
    }
}
