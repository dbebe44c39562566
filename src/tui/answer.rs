//! The answer being built on the question screen, before it is submitted: a cursor and the
//! learner's picks, in the question's own indices, for every kind. Keys change it through
//! [`Draft::update`], which hands each key to the kind's widget (`widgets::update`);
//! [`Draft::response`] hands the engine a [`Response`]. What a kind's picks are ([`Value`]) and
//! every per-kind decision live with its widget in `widgets/`.

use crate::bank::question::{Body, Kind, Question, Response};

use super::event::Msg;
pub use super::widgets::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: Kind,
    /// Display position → the question's own index (choices, statements, items). For `order`,
    /// the first arrangement shown.
    pub order: Vec<usize>,
    /// The focused row (display position).
    pub cursor: usize,
    /// The focused column (hot area).
    pub col: usize,
    /// An order item is picked up and moves with the cursor.
    pub holding: bool,
    /// Changed by the learner since it was shown.
    pub dirty: bool,
    /// Started from a stored response (false for a question never answered: feedback then
    /// shows the key, not an untouched order list marked wrong).
    pub given: bool,
    pub value: Value,
}

impl Draft {
    /// A fresh draft for `q` shown in `order` (display → own index; an order that is not a
    /// permutation of the question's rows is replaced by the identity), starting from a
    /// previous `response` if there is one (returning to an exam question).
    pub fn new(q: &Question, order: &[usize], response: Option<&Response>) -> Draft {
        let rows = super::widgets::rows(&q.body);
        let mut order: Vec<usize> = order.to_vec();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        if !super::widgets::shuffled(&q.body) || sorted != (0..rows).collect::<Vec<_>>() {
            order = (0..rows).collect();
        }
        let value = Value::new(&q.body, &order, response);
        Draft {
            kind: q.kind(),
            order,
            cursor: 0,
            col: 0,
            holding: false,
            dirty: false,
            given: response.is_some(),
            value,
        }
    }

    /// The question's own index of the focused row.
    pub fn focused(&self) -> Option<usize> {
        self.value.own_index(&self.order, self.cursor)
    }

    /// Whether anything has been answered (an untouched order list counts as unanswered).
    pub fn is_answered(&self) -> bool {
        self.value.is_answered(self.dirty)
    }

    /// Whether every part has an answer (all statements, all items; a multi with as many picks
    /// as asked).
    pub fn is_complete(&self, body: &Body) -> bool {
        self.value.is_complete(body)
    }

    /// The answer for the engine.
    pub fn response(&self) -> Response {
        self.value.response()
    }

    /// Applies a key message (the kind's widget decides what it does); returns whether it was
    /// used.
    pub fn update(&mut self, body: &Body, msg: Msg) -> bool {
        if super::widgets::rows(body) == 0 {
            return false;
        }
        let before = self.value.clone();
        let used = super::widgets::update(body, self, msg);
        if self.value != before {
            self.dirty = true;
        }
        used
    }

    /// The row ↑ / ↓ moves the cursor to among `rows` (`None`: at the edge, or another key).
    pub fn next_row(&self, msg: Msg, rows: usize) -> Option<usize> {
        match msg {
            Msg::Up => self.cursor.checked_sub(1),
            Msg::Down => Some(self.cursor + 1).filter(|n| *n < rows),
            _ => None,
        }
    }

    /// ↑ ↓ Home End move the cursor among `rows` (`None`: another key, left to the widget).
    pub fn move_rows(&mut self, msg: Msg, rows: usize) -> Option<bool> {
        match msg {
            Msg::Up | Msg::Down => {
                if let Some(next) = self.next_row(msg, rows) {
                    self.cursor = next;
                }
                Some(true)
            }
            Msg::Top => {
                self.cursor = 0;
                Some(true)
            }
            Msg::Bottom => {
                self.cursor = rows.saturating_sub(1);
                Some(true)
            }
            _ => None,
        }
    }

    /// Moves the cursor one row down, staying on the last of `rows` (after answering a row).
    pub fn advance(&mut self, rows: usize) {
        self.cursor = (self.cursor + 1).min(rows.saturating_sub(1));
    }

    /// The question's own index of the row at the cursor (display order).
    pub fn own_index(&self) -> Option<usize> {
        self.order.get(self.cursor).copied()
    }

    /// Choices: pick the choice at display position `pos` (with `multi`, toggle it).
    pub fn toggle_at(&mut self, pos: usize, multi: bool) {
        let Some(i) = self.order.get(pos).copied() else {
            return;
        };
        if let Value::Choices(c) = &mut self.value {
            if multi {
                if !c.remove(&i) {
                    c.insert(i);
                }
            } else {
                c.clear();
                c.insert(i);
            }
        }
    }
}

#[cfg(test)]
#[path = "answer_tests.rs"]
pub(crate) mod tests;
