//! The choice list of `single` and `multi` questions (radio buttons or check boxes, with
//! "choose 2" and a count for multi), and the option list under a dropdown sentence.

use std::collections::BTreeSet;

use ratatui::text::{Line, Span};

use crate::bank::question::{Body, Choice, Response};
use crate::tui::answer::{Draft, Value};
use crate::tui::event::Msg;
use crate::tui::text::clean;
use crate::tui::theme::{Theme, glyph};

use super::scroll::Content;
use crate::tui::keymap::{Keys, PICKS, doc};

/// The keys of Choices (help and footer).
pub const KEYS: Keys = Keys {
    title: "Choices",
    docs: &[
        doc(
            PICKS,
            "pick a choice by number or letter (again: unpick, in a multiple answer)",
            Some("pick"),
        ),
        doc(&[Msg::Up, Msg::Down], "move between choices", None),
        doc(&[Msg::Toggle], "pick / unpick the focused choice", None),
    ],
};

/// The key shown next to display position `pos` ("1"…"9", blank past nine).
pub fn key_label(pos: usize) -> String {
    if pos < 9 {
        format!("{}", pos + 1)
    } else {
        " ".into()
    }
}

/// The cursor column: `▶` on the focused row.
pub fn cursor_span(focused: bool, theme: &Theme) -> Span<'static> {
    if focused {
        Span::styled(format!("{} ", glyph::CURSOR), theme.key)
    } else {
        Span::raw("  ")
    }
}

/// Right / wrong mark for a revealed row: `✓` for a right choice, `✗` for a wrong pick.
pub fn mark_span(correct: bool, picked: bool, theme: &Theme) -> Span<'static> {
    match (correct, picked) {
        (true, _) => Span::styled(format!("{} ", glyph::RIGHT), theme.right),
        (false, true) => Span::styled(format!("{} ", glyph::WRONG), theme.wrong),
        (false, false) => Span::raw("  "),
    }
}

/// The "why" line under a revealed row.
pub fn why_line(why: &str, indent: usize, theme: &Theme) -> (Line<'static>, usize) {
    let pad = " ".repeat(indent);
    (
        Line::from(vec![Span::raw(pad), Span::styled(clean(why), theme.dim)]),
        indent,
    )
}

/// Multi's "Choose 2 · 1 chosen" line.
pub fn choose_line(choose: usize, chosen: usize, theme: &Theme) -> Line<'static> {
    let count_style = if chosen > choose {
        theme.warn
    } else if chosen == choose {
        theme.right
    } else {
        theme.base
    };
    let mut spans = vec![
        Span::styled(format!("Choose {choose}"), theme.title),
        Span::raw(" · "),
        Span::styled(format!("{chosen} chosen"), count_style),
    ];
    if chosen < choose {
        spans.push(Span::styled("  (Space or 1–9 to toggle)", theme.dim));
    }
    if chosen > choose {
        spans.push(Span::styled(
            format!(" (more than {choose}: each extra pick cancels a right one)"),
            theme.warn,
        ));
    }
    Line::from(spans)
}

/// The choice rows of `choices` (single, multi or a dropdown's options).
pub fn choices(
    choices: &[Choice],
    multi: bool,
    draft: &Draft,
    reveal: bool,
    theme: &Theme,
    out: &mut Content,
) {
    let picked = if let Value::Choices(c) = &draft.value {
        c.clone()
    } else {
        BTreeSet::new()
    };
    for (pos, &i) in draft.order.iter().enumerate() {
        let Some(choice) = choices.get(i) else {
            continue;
        };
        let focused = !reveal && draft.cursor == pos;
        let is_picked = picked.contains(&i);
        let boxed = match (multi, is_picked) {
            (true, true) => glyph::CHECK_ON,
            (true, false) => glyph::CHECK_OFF,
            (false, true) => glyph::RADIO_ON,
            (false, false) => glyph::RADIO_OFF,
        };
        let mut spans = vec![cursor_span(focused, theme)];
        if reveal {
            spans.push(mark_span(choice.correct, is_picked, theme));
        }
        spans.push(Span::styled(format!("{} ", key_label(pos)), theme.key));
        spans.push(Span::styled(
            format!("{boxed} "),
            if is_picked { theme.picked } else { theme.base },
        ));
        let text_style = if reveal {
            match (choice.correct, is_picked) {
                (true, true) => theme.right,
                (true, false) => theme.missed,
                (false, true) => theme.wrong,
                (false, false) => theme.base,
            }
        } else if is_picked {
            theme.picked
        } else {
            theme.base
        };
        let indent: usize = spans.iter().map(|s| s.width()).sum();
        spans.push(Span::styled(clean(&choice.text), text_style));
        let mut line = Line::from(spans);
        if focused {
            line = line.style(theme.cursor);
        }
        if focused {
            out.focus_next();
        }
        match u8::try_from(pos) {
            // A click picks the choice, as its number key does.
            Ok(n) if !reveal => out.push_click(line, indent, Msg::Pick(n)),
            _ => out.push_indented(line, indent),
        }
        if reveal {
            let (why, ind) = why_line(&choice.why, indent, theme);
            out.push_indented(why, ind);
        }
    }
}

/// The widget of a `single` or `multi` question.
pub fn render(body: &Body, draft: &Draft, reveal: bool, theme: &Theme, out: &mut Content) {
    let (list, multi) = if let Body::Single { choices } = body {
        (choices, false)
    } else if let Body::Multi { choices } = body {
        (choices, true)
    } else {
        return;
    };
    if multi && let Some(n) = body.choose() {
        let chosen = if let Value::Choices(c) = &draft.value {
            c.len()
        } else {
            0
        };
        out.push(choose_line(n, chosen, theme));
        out.blank();
    }
    choices(list, multi, draft, reveal, theme, out);
}

/// Enter before any pick, on a single choice or a dropdown.
pub const FIRST_PICK: &str =
    "Pick an answer first (1–9, a–e, or {up}/{down} and {toggle}), then {enter}.";
/// Enter before any pick, on a multiple choice.
pub const FIRST_PICKS: &str =
    "Pick your answers first (1–9, a–e, or {up}/{down} and {toggle}), then {enter}.";

/// The picks of `rows` choices (single, multi, dropdown), from a stored response if any.
pub fn value(rows: usize, response: Option<&Response>) -> Value {
    let mut picked = BTreeSet::new();
    if let Some(Response::Choices(c)) = response {
        picked.extend(c.iter().copied().filter(|i| *i < rows));
    }
    Value::Choices(picked)
}

/// Keys on a single (`multi`: multiple) choice list of `rows` choices: ↑ ↓ move, a number or
/// letter picks (again: unpicks, in a multiple answer), Space picks the focused one.
pub fn update(d: &mut Draft, rows: usize, multi: bool, msg: Msg) -> bool {
    if let Some(used) = d.move_rows(msg, rows) {
        return used;
    }
    match msg {
        Msg::Pick(n) => {
            let n = usize::from(n);
            if n >= rows {
                return false;
            }
            d.cursor = n;
            d.toggle_at(n, multi);
            true
        }
        Msg::Toggle => {
            d.toggle_at(d.cursor, multi);
            true
        }
        _ => false,
    }
}
