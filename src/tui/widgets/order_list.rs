//! The order list: items top to bottom; Space picks an item up, ↑/↓ move it, Space drops it.

use ratatui::text::{Line, Span};

use crate::bank::question::{Body, Response};
use crate::tui::answer::{Draft, Value};
use crate::tui::text::clean;
use crate::tui::theme::{Theme, glyph};

use super::choice_list::{cursor_span, why_line};
use super::scroll::Content;
use crate::tui::keymap::{Keys, doc};
use crate::tui::msg::Msg;

/// The keys of Order (help and footer).
pub const KEYS: Keys = Keys {
    title: "Order",
    docs: &[
        doc(
            &[Msg::Toggle],
            "pick up / put down the focused item",
            Some("pick up"),
        ),
        doc(
            &[Msg::Up, Msg::Down],
            "move the cursor, or the item you hold",
            Some("move"),
        ),
    ],
};

pub fn render(body: &Body, draft: &Draft, reveal: bool, theme: &Theme, out: &mut Content) {
    let Body::Order { items } = body else {
        return;
    };
    // Feedback on a question never answered shows the right order, unmarked: the shuffled
    // list it was shown in is no answer to mark wrong item by item.
    let key_only = reveal && !draft.given;
    let arrangement = if key_only {
        (0..items.len()).collect()
    } else if let Value::Order(a) = &draft.value {
        a.clone()
    } else {
        draft.order.clone()
    };
    if key_only {
        out.push(Line::styled("The right order:", theme.title));
    }
    if !reveal {
        let hint = if draft.holding {
            "Moving: ↑ ↓ to move the item, Space to drop it"
        } else {
            "Space picks an item up; ↑ ↓ then move it"
        };
        out.push(Line::styled(hint, theme.dim));
        out.blank();
    }
    for (pos, &i) in arrangement.iter().enumerate() {
        let Some(item) = items.get(i) else {
            continue;
        };
        let focused = !reveal && draft.cursor == pos;
        let held = focused && draft.holding;
        let mut spans = vec![cursor_span(focused, theme)];
        if reveal && !key_only {
            spans.push(if i == pos {
                Span::styled(format!("{} ", glyph::RIGHT), theme.right)
            } else {
                Span::styled(format!("{} ", glyph::WRONG), theme.wrong)
            });
        }
        spans.push(Span::styled(format!("{:>2}. ", pos + 1), theme.key));
        spans.push(Span::raw(if held { "≡ " } else { "  " }));
        let indent: usize = spans.iter().map(|s| s.width()).sum();
        spans.push(Span::styled(
            clean(&item.text),
            if held { theme.picked } else { theme.base },
        ));
        if held {
            spans.push(Span::styled("  (moving)", theme.picked));
        }
        if reveal && i != pos {
            spans.push(Span::styled(
                format!("  belongs at {}", i + 1),
                theme.missed,
            ));
        }
        let mut line = Line::from(spans);
        if focused {
            line = line.style(theme.cursor);
            out.focus_next();
        }
        out.push_indented(line, indent);
        if reveal {
            let (why, ind) = why_line(&item.why, indent, theme);
            out.push_indented(why, ind);
        }
    }
}

/// Enter is an answer as shown on an order list; this is for a draft never moved.
pub const FIRST_PICK: &str =
    "Put the items in order first ({toggle} picks one up, {up}/{down} move it), then {enter}.";

/// The arrangement of `rows` items: a stored response if it is one, else as `shown`.
pub fn value(shown: &[usize], rows: usize, response: Option<&Response>) -> Value {
    if let Some(Response::Order(a)) = response {
        let mut s = a.clone();
        s.sort_unstable();
        if s == (0..rows).collect::<Vec<_>>() {
            return Value::Order(a.clone());
        }
    }
    Value::Order(shown.to_vec())
}

/// Keys on `rows` items: Space picks the focused item up or puts it down; ↑ ↓ move the cursor,
/// and the item held with it; a number moves the cursor there.
pub fn update(d: &mut Draft, rows: usize, msg: Msg) -> bool {
    match msg {
        Msg::Up | Msg::Down => {
            if let Some(next) = d.next_row(msg, rows) {
                if d.holding
                    && let Value::Order(a) = &mut d.value
                {
                    a.swap(d.cursor, next);
                }
                d.cursor = next;
            }
            true
        }
        Msg::Pick(n) => {
            let n = usize::from(n);
            if n >= rows {
                return false;
            }
            d.cursor = n;
            true
        }
        Msg::Toggle => {
            d.holding = !d.holding;
            true
        }
        _ => d.move_rows(msg, rows).unwrap_or(false),
    }
}
