//! Feedback after an answer (practice, review, cram, due): ✓ or ✗ with the points, the answer
//! against the right one with the `why` of each part, the explanation and the Learn links.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::header_bar;
use super::question::{header, prompt};
use crate::bank::question::{Grade, Question, Response};
use crate::engine::{Action, Phase};
use crate::tui::answer::Draft;
use crate::tui::app::App;
use crate::tui::app::scrolled;
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, doc};
use crate::tui::overlay::{Confirm, Overlay};
use crate::tui::text::clean;
use crate::tui::theme::{Theme, glyph};
use crate::tui::widgets::scroll::{self, Content};
use crate::tui::widgets::{self as w};

/// The keys of Feedback (help and footer).
pub const KEYS: Keys = Keys {
    title: "Feedback",
    docs: &[
        doc(&[Msg::Enter], "next question", Some("continue")),
        doc(
            &[Msg::Undo],
            "undo this answer and its effect on progress",
            Some("undo"),
        ),
        doc(
            &[Msg::Up, Msg::Down, Msg::PageUp, Msg::PageDown],
            "scroll",
            Some("scroll"),
        ),
        doc(
            &[Msg::Report],
            "report this question (wrong answer, unclear, typo...)",
            Some("report"),
        ),
        doc(
            &[Msg::Back, Msg::Submit],
            "end the session early (asks first), then its summary; Esc there goes Home",
            None,
        ),
    ],
};

/// ✓ / ✗ with the points.
pub fn verdict(grade: Option<&Grade>, guess: bool, theme: &Theme) -> Line<'static> {
    let mut spans = match grade {
        Some(g) if g.is_correct() => vec![Span::styled(
            format!("{} Correct", glyph::RIGHT),
            theme.right,
        )],
        Some(g) if g.points > 0 => vec![Span::styled(
            format!("{} Partly right", glyph::WRONG),
            theme.wrong,
        )],
        Some(_) => vec![Span::styled(format!("{} Wrong", glyph::WRONG), theme.wrong)],
        None => vec![Span::styled("Not answered", theme.warn)],
    };
    if let Some(g) = grade {
        spans.push(Span::raw(format!(
            "  {} / {} point{}",
            g.points,
            g.max,
            if g.max == 1 { "" } else { "s" }
        )));
    }
    if guess {
        spans.push(Span::styled(
            format!("   {} recorded as a guess", glyph::GUESS),
            theme.dim,
        ));
    }
    Line::from(spans)
}

/// The revealed answer, the explanation and the links of `q` for `response`.
pub fn explained(
    q: &Question,
    order: &[usize],
    response: Option<&Response>,
    grade: Option<&Grade>,
    guess: bool,
    theme: &Theme,
    width: usize,
) -> Content {
    let mut c = Content::new();
    c.blank();
    c.push(verdict(grade, guess, theme));
    prompt(q, theme, &mut c);
    let draft = Draft::new(q, order, response);
    c.extend(w::answer(q, &draft, true, theme, width));
    // The revealed parts carry their whys; the explanation adds only what they did not say.
    if let Some(more) = q.explanation_beyond_parts() {
        c.blank();
        c.push(Line::styled("Explanation", theme.title));
        c.push(Line::from(clean(&more)));
    }
    if !q.refs.is_empty() {
        c.blank();
        c.push(Line::styled("Learn more", theme.title));
        for r in &q.refs {
            c.push_link(
                Line::from(vec![Span::raw("  "), Span::styled(clean(r), theme.link)]),
                2,
                &clean(r),
            );
        }
    }
    c
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
    let item = state.session.current_item();
    let area = super::prose(body);
    let width = scroll::text_width(area.width);
    let c = explained(
        q,
        &item.order,
        item.response.as_ref(),
        item.grade.as_ref(),
        item.guess,
        theme,
        width,
    );
    scroll::render(buf, area, &c, state.scroll.or(Some(0)), theme);
}

impl App<'_> {
    pub(crate) fn update_feedback(&mut self, msg: Msg) {
        let page = self.page();
        let Some(state) = self.session.as_mut() else {
            return;
        };
        match msg {
            Msg::Enter | Msg::Next => self.act(Action::Next),
            Msg::Undo => {
                // Keep the picks so the learner can change them.
                let keep = state.draft.clone();
                self.act(Action::Undo);
                if let Some(state) = self.session.as_mut()
                    && state.session.phase() == Phase::Question
                {
                    state.draft = keep;
                    state.draft.dirty = true;
                    self.say("Answer taken back: change it and press Enter.");
                }
            }
            Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown | Msg::Top | Msg::Bottom => {
                state.scroll = scrolled(state.scroll.unwrap_or(0), msg, page, scroll::last_max());
            }
            Msg::Flag => self.act(Action::ToggleMark),
            Msg::Report => self.overlay = Some(Overlay::Report),
            Msg::Back | Msg::Submit => self.overlay = Some(Overlay::Confirm(Confirm::EndSession)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::question::{Body, Question};

    fn shown(q: &Question) -> String {
        let order: Vec<usize> = (0..q.body.len()).collect();
        let c = explained(q, &order, None, None, false, &Theme::monochrome(), 100);
        c.layout(100)
            .0
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    }

    /// A demo single whose explanation is its right choice's why: the why shows once, under
    /// its choice, and no "Explanation" heading stands over nothing new.
    #[test]
    fn an_explanation_that_repeats_a_why_is_not_shown_twice() {
        let mut q = crate::tui::demo::questions()
            .into_iter()
            .find(|q| matches!(q.body, Body::Single { .. }))
            .unwrap();
        let Body::Single { choices } = &q.body else {
            unreachable!()
        };
        let why = choices.iter().find(|c| c.correct).unwrap().why.clone();
        let own = shown(&q);
        assert!(own.contains("Explanation"), "{own}");
        q.explanation.clone_from(&why);
        let text = shown(&q);
        assert_eq!(text.matches(why.as_str()).count(), 1, "{text}");
        assert!(!text.contains("Explanation"), "{text}");
    }
}
