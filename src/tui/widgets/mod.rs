//! Widgets: one per question kind, plus the matrix grid, the timer, footers and scrolling text.
//! Question widgets write paragraphs into a [`scroll::Content`], so a long question scrolls as one
//! page with its prompt.
//!
//! Each kind's widget module holds everything the front end decides about that kind: its keys
//! (`KEYS`), what a key does to the draft (`update`), its picks from a stored response
//! (`value`), the hint when Enter comes before any pick (`FIRST_PICK`) and its drawing
//! (`render`). This file is the registration: one `match` per decision dispatching to the
//! kind's module (and the [`Value`] shapes), so a new kind is its module plus an arm in each.

pub mod choice_list;
pub mod dropdown;
pub mod footer;
pub mod hot_area;
pub mod match_board;
pub mod matrix_grid;
pub mod order_list;
pub mod scroll;
pub mod timer;
pub mod yes_no;

use std::collections::BTreeSet;

use crate::bank::question::{Body, Kind, Question, Response};

use super::answer::Draft;
use super::event::Msg;
use super::keymap::{Keymap, Keys};
use super::theme::Theme;
use scroll::Content;

/// The picks, always in the question's own indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Picked choices (`single` and `dropdown` hold at most one).
    Choices(BTreeSet<usize>),
    YesNo(Vec<Option<bool>>),
    Match(Vec<Option<usize>>),
    /// The current arrangement (question item indices, top to bottom).
    Order(Vec<usize>),
    HotArea(BTreeSet<(usize, usize)>),
}

impl Value {
    /// The picks of a fresh draft of `body` shown in `order`, from a stored `response` if any.
    pub fn new(body: &Body, order: &[usize], response: Option<&Response>) -> Value {
        match body {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                choice_list::value(choices.len(), response)
            }
            Body::YesNo { statements } => yes_no::value(statements.len(), response),
            Body::Match { items, categories } => {
                match_board::value(items.len(), categories.len(), response)
            }
            Body::Order { items } => order_list::value(order, items.len(), response),
            Body::HotArea { rows, columns, .. } => {
                hot_area::value(rows.len(), columns.len(), response)
            }
        }
    }

    /// Whether anything has been answered (`dirty`: changed since shown; an untouched order
    /// list counts as unanswered).
    pub fn is_answered(&self, dirty: bool) -> bool {
        match self {
            Value::Choices(c) => !c.is_empty(),
            Value::YesNo(v) => v.iter().any(Option::is_some),
            Value::Match(v) => v.iter().any(Option::is_some),
            Value::Order(_) => dirty,
            Value::HotArea(s) => !s.is_empty(),
        }
    }

    /// Whether every part has an answer (all statements, all items; a multi with as many picks
    /// as asked, no more; a one-cell-per-row grid a cell in each row): the core's rules,
    /// [`Body::missing`] and [`Body::too_many`].
    pub fn is_complete(&self, body: &Body) -> bool {
        let response = self.response();
        body.missing(&response).is_none() && body.too_many(&response).is_none()
    }

    /// The answer for the engine.
    pub fn response(&self) -> Response {
        match self {
            Value::Choices(c) => Response::Choices(c.iter().copied().collect()),
            Value::YesNo(v) => Response::YesNo(v.clone()),
            Value::Match(v) => Response::Match(v.clone()),
            Value::Order(a) => Response::Order(a.clone()),
            Value::HotArea(s) => Response::HotArea(s.iter().copied().collect()),
        }
    }

    /// The question's own index of display row `cursor` (`order`: display → own index; an
    /// order list's rows are its arrangement).
    pub fn own_index(&self, order: &[usize], cursor: usize) -> Option<usize> {
        match self {
            Value::Order(a) => a.get(cursor).copied(),
            Value::Choices(_) | Value::YesNo(_) | Value::Match(_) | Value::HotArea(_) => {
                order.get(cursor).copied()
            }
        }
    }

    /// Whether Enter may submit it untouched (an order list is an answer as shown).
    pub fn answer_as_shown(&self) -> bool {
        matches!(self, Value::Order(_))
    }
}

/// The rows the cursor moves over (choices, statements, items; a hot area's rows).
pub fn rows(body: &Body) -> usize {
    match body {
        Body::HotArea { rows, .. } => rows.len(),
        Body::Single { .. }
        | Body::Multi { .. }
        | Body::YesNo { .. }
        | Body::Dropdown { .. }
        | Body::Match { .. }
        | Body::Order { .. } => body.len(),
    }
}

/// Whether the rows are shown in the session's shuffled order (a hot area's grid never is).
pub fn shuffled(body: &Body) -> bool {
    match body {
        Body::HotArea { .. } => false,
        Body::Single { .. }
        | Body::Multi { .. }
        | Body::YesNo { .. }
        | Body::Dropdown { .. }
        | Body::Match { .. }
        | Body::Order { .. } => true,
    }
}

/// What a key does to the draft of a question of `body`'s kind; whether it was used.
pub fn update(body: &Body, draft: &mut Draft, msg: Msg) -> bool {
    match body {
        Body::Single { choices } => choice_list::update(draft, choices.len(), false, msg),
        Body::Multi { choices } => choice_list::update(draft, choices.len(), true, msg),
        Body::Dropdown { choices, .. } => dropdown::update(draft, choices.len(), msg),
        Body::YesNo { statements } => yes_no::update(draft, statements.len(), msg),
        Body::Match { items, categories } => {
            match_board::update(draft, items.len(), categories.len(), msg)
        }
        Body::Order { items } => order_list::update(draft, items.len(), msg),
        Body::HotArea {
            rows,
            columns,
            one_per_row,
            ..
        } => hot_area::update(draft, rows.len(), columns.len(), *one_per_row, msg),
    }
}

/// The answer widget of `q` for its kind: the learner's draft, or with `reveal` the graded view
/// (✓ right, ✗ wrong, the missed right answers, and the `why` of each part).
pub fn answer(q: &Question, draft: &Draft, reveal: bool, theme: &Theme, width: usize) -> Content {
    let mut out = Content::new();
    match &q.body {
        Body::Single { .. } | Body::Multi { .. } => {
            choice_list::render(&q.body, draft, reveal, theme, &mut out)
        }
        Body::YesNo { .. } => yes_no::render(&q.body, draft, reveal, theme, &mut out),
        Body::Dropdown { .. } => dropdown::render(&q.body, draft, reveal, theme, &mut out),
        Body::Match { .. } => match_board::render(&q.body, draft, reveal, theme, width, &mut out),
        Body::Order { .. } => order_list::render(&q.body, draft, reveal, theme, &mut out),
        Body::HotArea { .. } => hot_area::render(&q.body, draft, reveal, theme, width, &mut out),
    }
    out
}

/// The keys that answer a question of `kind` (help and footer).
pub fn keys(kind: Kind) -> &'static Keys {
    match kind {
        Kind::Single | Kind::Multi => &choice_list::KEYS,
        Kind::Dropdown => &dropdown::KEYS,
        Kind::YesNo => &yes_no::KEYS,
        Kind::Match => &match_board::KEYS,
        Kind::Order => &order_list::KEYS,
        Kind::HotArea => &hot_area::KEYS,
    }
}

/// What to do before Enter on a question of `kind` with nothing picked yet (keys that work on
/// that kind only), naming the first key `keys` binds to each: each widget's `FIRST_PICK` template with
/// `{enter}`, `{toggle}`, `{up}`, `{down}`, `{left}`, `{right}`, `{yes}` and `{no}` filled in.
pub fn first_pick_hint(kind: Kind, keys: &Keymap) -> String {
    let template = match kind {
        Kind::Single | Kind::Dropdown => choice_list::FIRST_PICK,
        Kind::Multi => choice_list::FIRST_PICKS,
        Kind::YesNo => yes_no::FIRST_PICK,
        Kind::Match => match_board::FIRST_PICK,
        Kind::Order => order_list::FIRST_PICK,
        Kind::HotArea => hot_area::FIRST_PICK,
    };
    [
        ("{enter}", Msg::Enter),
        ("{toggle}", Msg::Toggle),
        ("{up}", Msg::Up),
        ("{down}", Msg::Down),
        ("{left}", Msg::Left),
        ("{right}", Msg::Right),
        ("{yes}", Msg::Yes),
        ("{no}", Msg::No),
    ]
    .iter()
    .fold(template.to_string(), |text, (slot, msg)| {
        if text.contains(slot) {
            let key = keys.first_key(&[*msg]);
            text.replace(slot, if key.is_empty() { "(no key)" } else { &key })
        } else {
            text
        }
    })
}

#[cfg(test)]
mod first_pick_tests {
    use super::*;

    /// With the default keys the hints read as they always did; remapped keys are named.
    #[test]
    fn the_first_pick_hint_names_the_keys_in_force() {
        let defaults = Keymap::default();
        for (kind, text) in [
            (
                Kind::Single,
                "Pick an answer first (1–9, a–e, or ↑/↓ and Space), then Enter.",
            ),
            (
                Kind::Multi,
                "Pick your answers first (1–9, a–e, or ↑/↓ and Space), then Enter.",
            ),
            (
                Kind::YesNo,
                "Answer each statement first (y / n, or ←/→), then Enter.",
            ),
            (
                Kind::Match,
                "Give each item a category first (1–9, or ←/→), then Enter.",
            ),
            (
                Kind::Order,
                "Put the items in order first (Space picks one up, ↑/↓ move it), then Enter.",
            ),
            (
                Kind::HotArea,
                "Select cells first (arrows move, Space selects), then Enter.",
            ),
        ] {
            assert_eq!(first_pick_hint(kind, &defaults), text);
        }
        let bindings = crate::tui::keys_config::parse(
            std::path::Path::new("keys.json"),
            r#"{"toggle": "x", "yes": "o"}"#,
        )
        .unwrap();
        let remapped = Keymap::new(bindings);
        assert_eq!(
            first_pick_hint(Kind::Order, &remapped),
            "Put the items in order first (x picks one up, ↑/↓ move it), then Enter."
        );
        assert!(
            first_pick_hint(Kind::YesNo, &remapped)
                .starts_with("Answer each statement first (o / n")
        );
    }
}
