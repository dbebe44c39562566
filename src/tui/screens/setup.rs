//! The setup page before a practice, cram or exam session: what it covers (the whole exam, a
//! skill area or one of its groups) and the number of questions (remembered for next time).
//! For the exam it is also the intro page: questions, time, how marking works and the keys,
//! before the clock starts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::header_bar;
use crate::engine::Mode;
use crate::tui::app::{App, SetupState, exam_minutes};
use crate::tui::text::clean;
use crate::tui::theme::{Theme, glyph};
use crate::tui::widgets::scroll::{self, Content};

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
            "The result is an estimated scaled score from 1 to 1000; 700 passes. Then every question reopens with your answer, the right one and why.".to_string(),
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
            ("s", "submit (from the review list, after a confirmation)"),
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
    let Some(st) = app.setup.as_ref() else {
        return;
    };
    header_bar(
        buf,
        header_area,
        vec![Span::raw(format!("{} · set up", st.mode.name()))],
        vec![],
        theme,
    );
    let area = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2).min(super::MEASURE),
        ..body
    };
    scroll::render(buf, area, &content(st, theme), Some(st.scroll), theme);
}
