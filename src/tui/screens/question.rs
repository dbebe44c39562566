//! The question screen: a header with the mode, "12 / 40", the topic, the kind, the flag and the
//! countdown; the prompt and the answer widget below it, scrolling together.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::header_bar;
use crate::bank::question::Question;
use crate::engine::Mode;
use crate::tui::app::{App, SessionState};
use crate::tui::text::clean;
use crate::tui::theme::{Theme, glyph};
use crate::tui::widgets::scroll::{self, Content};
use crate::tui::widgets::{self as w, timer};

/// The header spans shared by the question and feedback screens.
pub fn header(
    app: &App,
    state: &SessionState,
    q: Option<&Question>,
) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
    let theme = &app.theme;
    let s = &state.session;
    let topic = q
        .map(|q| crate::study::question_scope(app.service.bank(), q))
        .unwrap_or_default();
    let mut left = vec![
        Span::styled(s.mode().name().to_string(), theme.header),
        Span::raw(" · "),
        Span::raw(s.position().to_string()),
        Span::raw(" · "),
    ];
    if s.mode() == Mode::Due {
        // Study due serves due reviews and new concepts: say which this one is.
        let new = state.unseen.contains(&s.current_item().concept);
        left.push(Span::raw(if new {
            "new concept · "
        } else {
            "review · "
        }));
    }
    // The kind first: on a narrow terminal the header cuts the objective's title, not the kind.
    if let Some(q) = q {
        left.push(Span::raw(q.kind().label()));
        left.push(Span::raw(" · "));
    }
    left.push(Span::raw(clean(&topic)));
    let mut right = Vec::new();
    let item = s.current_item();
    if item.marked {
        right.push(Span::styled(
            format!("{} marked", glyph::MARKED),
            theme.header,
        ));
        right.push(Span::raw("  "));
    }
    if state.guess {
        right.push(Span::styled(
            format!("{} guess", glyph::GUESS),
            theme.header,
        ));
        right.push(Span::raw("  "));
    }
    if let Some(rem) = app.remaining_ms() {
        right.push(timer::span(rem, state.timer_hidden, theme));
    }
    (left, right)
}

/// The prompt paragraph.
pub fn prompt(q: &Question, theme: &Theme, c: &mut Content) {
    c.blank();
    c.push(Line::styled(clean(&q.prompt), theme.title));
    c.blank();
}

pub fn render(app: &App, header_area: Rect, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let Some(state) = app.session.as_ref() else {
        return;
    };
    let q = app.current_question();
    let (left, right) = header(app, state, q);
    header_bar(buf, header_area, left, right, theme);
    let Some(q) = q else {
        return;
    };
    let area = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2).min(super::MEASURE),
        ..body
    };
    let mut c = Content::new();
    prompt(q, theme, &mut c);
    let width = usize::from(area.width.saturating_sub(1));
    c.extend(w::answer(q, &state.draft, false, theme, width));
    scroll::render(buf, area, &c, state.scroll, theme);
}
