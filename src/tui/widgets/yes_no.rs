//! The yes/no grid: a row per statement with its Yes / No answer.

use ratatui::text::{Line, Span};

use crate::bank::question::{Body, Response};
use crate::tui::answer::{Draft, Value};
use crate::tui::text::clean;
use crate::tui::theme::{Theme, glyph};

use super::choice_list::{cursor_span, why_line};
use super::scroll::Content;
use crate::tui::keymap::{Keys, doc};
use crate::tui::msg::Msg;

/// The keys of Yes / No statements (help and footer).
pub const KEYS: Keys = Keys {
    title: "Yes / No statements",
    docs: &[
        doc(&[Msg::Yes], "Yes for the focused statement", Some("yes")),
        doc(&[Msg::No], "No for the focused statement", Some("no")),
        doc(&[Msg::Up, Msg::Down], "move between statements", None),
        doc(
            &[Msg::Left, Msg::Right],
            "Yes (←) or No (→) for the focused statement",
            None,
        ),
    ],
};

fn answer_spans(answer: Option<bool>, theme: &Theme) -> Vec<Span<'static>> {
    let pick = |on: bool, label: &str| {
        let (b, style) = if on {
            (glyph::RADIO_ON, theme.picked)
        } else {
            (glyph::RADIO_OFF, theme.base)
        };
        Span::styled(format!("{b} {label}"), style)
    };
    vec![
        pick(answer == Some(true), "Yes"),
        Span::raw("   "),
        pick(answer == Some(false), "No"),
    ]
}

pub fn render(body: &Body, draft: &Draft, reveal: bool, theme: &Theme, out: &mut Content) {
    let Body::YesNo { statements } = body else {
        return;
    };
    let answers = if let Value::YesNo(v) = &draft.value {
        v.clone()
    } else {
        vec![None; statements.len()]
    };
    if !reveal {
        out.push(Line::from(vec![
            Span::styled("For each statement, answer Yes or No", theme.title),
            Span::styled("  (y / n, ← Yes  → No, 1 / 2)", theme.dim),
        ]));
        out.blank();
    }
    for (pos, &i) in draft.order.iter().enumerate() {
        let Some(st) = statements.get(i) else {
            continue;
        };
        let focused = !reveal && draft.cursor == pos;
        let answer = answers.get(i).copied().flatten();
        let mut spans = vec![
            cursor_span(focused, theme),
            Span::styled(format!("{}. ", pos + 1), theme.key),
        ];
        let indent: usize = spans.iter().map(|s| s.width()).sum();
        spans.push(Span::raw(clean(&st.text)));
        let mut line = Line::from(spans);
        if focused {
            line = line.style(theme.cursor);
            out.focus_next();
        }
        out.push_indented(line, indent);
        let mut row = vec![Span::raw(" ".repeat(indent))];
        row.extend(answer_spans(answer, theme));
        if reveal {
            let right = answer == Some(st.answer);
            row.push(Span::raw("   "));
            if right {
                row.push(Span::styled(format!("{} right", glyph::RIGHT), theme.right));
            } else {
                let truth = if st.answer { "Yes" } else { "No" };
                let label = if answer.is_none() {
                    "unanswered"
                } else {
                    "wrong"
                };
                row.push(Span::styled(
                    format!("{} {label}", glyph::WRONG),
                    theme.wrong,
                ));
                row.push(Span::styled(format!(" · answer: {truth}"), theme.missed));
            }
        }
        out.push_indented(Line::from(row), indent);
        if reveal {
            let (why, ind) = why_line(&st.why, indent, theme);
            out.push_indented(why, ind);
        }
    }
}

/// Enter before any answer.
pub const FIRST_PICK: &str =
    "Answer each statement first ({yes} / {no}, or {left}/{right}), then {enter}.";

/// The answers to `rows` statements, from a stored response if any.
pub fn value(rows: usize, response: Option<&Response>) -> Value {
    let mut v = vec![None; rows];
    if let Some(Response::YesNo(a)) = response {
        for (slot, x) in v.iter_mut().zip(a) {
            *slot = *x;
        }
    }
    Value::YesNo(v)
}

/// Keys on a series of `rows` statements: y / n (or 1 / 2) answer the focused one and move on,
/// ← / → set Yes / No, Space flips it.
pub fn update(d: &mut Draft, rows: usize, msg: Msg) -> bool {
    if let Some(used) = d.move_rows(msg, rows) {
        return used;
    }
    let answer = match msg {
        Msg::Left | Msg::Right => Some(msg == Msg::Left),
        Msg::Yes | Msg::No => Some(msg == Msg::Yes),
        Msg::Pick(n) if n <= 1 => Some(n == 0),
        Msg::Toggle => None,
        _ => return false,
    };
    let own = d.own_index();
    if let Value::YesNo(v) = &mut d.value
        && let Some(slot) = own.and_then(|i| v.get_mut(i))
    {
        *slot = Some(answer.unwrap_or(!slot.unwrap_or(false)));
    }
    if !matches!(msg, Msg::Left | Msg::Right | Msg::Toggle) {
        d.advance(rows);
    }
    true
}
