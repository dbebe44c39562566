//! The answer being built on the question screen, before it is submitted: a cursor and the
//! learner's picks, in the question's own indices, for every kind. Keys change it through
//! [`Draft::update`]; [`Draft::response`] hands the engine a [`Response`].

use std::collections::BTreeSet;

use crate::bank::question::{Body, Kind, Question, Response};

use super::event::Msg;

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

/// Number of rows and columns the cursor moves over.
fn dims(body: &Body) -> (usize, usize) {
    match body {
        Body::HotArea { rows, columns, .. } => (rows.len(), columns.len()),
        b => (b.len(), 1),
    }
}

impl Draft {
    /// A fresh draft for `q` shown in `order` (display → own index; an order that is not a
    /// permutation of the question's rows is replaced by the identity), starting from a
    /// previous `response` if there is one (returning to an exam question).
    pub fn new(q: &Question, order: &[usize], response: Option<&Response>) -> Draft {
        let (rows, _) = dims(&q.body);
        let mut order: Vec<usize> = order.to_vec();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        if matches!(q.body, Body::HotArea { .. }) || sorted != (0..rows).collect::<Vec<_>>() {
            order = (0..rows).collect();
        }
        let value = match (&q.body, response) {
            (Body::Single { .. } | Body::Multi { .. } | Body::Dropdown { .. }, r) => {
                Value::Choices(match r {
                    Some(Response::Choices(c)) => c.iter().copied().filter(|i| *i < rows).collect(),
                    _ => BTreeSet::new(),
                })
            }
            (Body::YesNo { statements }, r) => {
                let mut v = vec![None; statements.len()];
                if let Some(Response::YesNo(a)) = r {
                    for (slot, x) in v.iter_mut().zip(a) {
                        *slot = *x;
                    }
                }
                Value::YesNo(v)
            }
            (Body::Match { items, categories }, r) => {
                let mut v = vec![None; items.len()];
                if let Some(Response::Match(a)) = r {
                    for (slot, x) in v.iter_mut().zip(a) {
                        *slot = x.filter(|c| *c < categories.len());
                    }
                }
                Value::Match(v)
            }
            (Body::Order { items }, r) => {
                let mut arrangement = order.clone();
                if let Some(Response::Order(a)) = r {
                    let mut s = a.clone();
                    s.sort_unstable();
                    if s == (0..items.len()).collect::<Vec<_>>() {
                        arrangement = a.clone();
                    }
                }
                Value::Order(arrangement)
            }
            (Body::HotArea { rows, columns, .. }, r) => Value::HotArea(match r {
                Some(Response::HotArea(cells)) => cells
                    .iter()
                    .copied()
                    .filter(|(r, c)| *r < rows.len() && *c < columns.len())
                    .collect(),
                _ => BTreeSet::new(),
            }),
        };
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
        match &self.value {
            Value::Order(a) => a.get(self.cursor).copied(),
            _ => self.order.get(self.cursor).copied(),
        }
    }

    /// Whether anything has been answered (an untouched order list counts as unanswered).
    pub fn is_answered(&self) -> bool {
        match &self.value {
            Value::Choices(c) => !c.is_empty(),
            Value::YesNo(v) => v.iter().any(Option::is_some),
            Value::Match(v) => v.iter().any(Option::is_some),
            Value::Order(_) => self.dirty,
            Value::HotArea(s) => !s.is_empty(),
        }
    }

    /// Whether every part has an answer (all statements, all items; a multi with as many picks
    /// as asked).
    pub fn is_complete(&self, body: &Body) -> bool {
        match &self.value {
            Value::Choices(c) => match body.choose() {
                Some(n) => c.len() == n,
                None => c.len() == 1,
            },
            Value::YesNo(v) => v.iter().all(Option::is_some),
            Value::Match(v) => v.iter().all(Option::is_some),
            Value::Order(_) => true,
            Value::HotArea(s) => !s.is_empty(),
        }
    }

    /// The answer for the engine.
    pub fn response(&self) -> Response {
        match &self.value {
            Value::Choices(c) => Response::Choices(c.iter().copied().collect()),
            Value::YesNo(v) => Response::YesNo(v.clone()),
            Value::Match(v) => Response::Match(v.clone()),
            Value::Order(a) => Response::Order(a.clone()),
            Value::HotArea(s) => Response::HotArea(s.iter().copied().collect()),
        }
    }

    /// Applies a key message; returns whether it was used.
    pub fn update(&mut self, body: &Body, msg: Msg) -> bool {
        let (rows, cols) = dims(body);
        if rows == 0 {
            return false;
        }
        let categories = match body {
            Body::Match { categories, .. } => categories.len(),
            Body::Single { .. }
            | Body::Multi { .. }
            | Body::YesNo { .. }
            | Body::Dropdown { .. }
            | Body::Order { .. }
            | Body::HotArea { .. } => 0,
        };
        let before = self.value.clone();
        let used = match msg {
            Msg::Up | Msg::Down => {
                let up = msg == Msg::Up;
                let next = if up {
                    self.cursor.checked_sub(1)
                } else {
                    Some(self.cursor + 1).filter(|n| *n < rows)
                };
                if let Some(next) = next {
                    if self.holding
                        && let Value::Order(a) = &mut self.value
                    {
                        a.swap(self.cursor, next);
                    }
                    self.cursor = next;
                    if self.kind == Kind::Dropdown {
                        self.pick_at(self.cursor);
                    }
                }
                true
            }
            Msg::Top => {
                self.cursor = 0;
                true
            }
            Msg::Bottom => {
                self.cursor = rows - 1;
                true
            }
            Msg::Left | Msg::Right => {
                let right = msg == Msg::Right;
                match &mut self.value {
                    Value::YesNo(v) => {
                        if let Some(i) = self.order.get(self.cursor)
                            && let Some(slot) = v.get_mut(*i)
                        {
                            *slot = Some(!right);
                        }
                        true
                    }
                    Value::Match(v) => {
                        if let Some(i) = self.order.get(self.cursor)
                            && let Some(slot) = v.get_mut(*i)
                            && categories > 0
                        {
                            *slot = Some(match (*slot, right) {
                                (None, true) => 0,
                                (None, false) => categories - 1,
                                (Some(c), true) => (c + 1) % categories,
                                (Some(c), false) => (c + categories - 1) % categories,
                            });
                        }
                        true
                    }
                    Value::HotArea(_) => {
                        self.col = if right {
                            (self.col + 1).min(cols.saturating_sub(1))
                        } else {
                            self.col.saturating_sub(1)
                        };
                        true
                    }
                    Value::Choices(_) if self.kind == Kind::Dropdown => {
                        self.cursor = if right {
                            (self.cursor + 1) % rows
                        } else {
                            (self.cursor + rows - 1) % rows
                        };
                        self.pick_at(self.cursor);
                        true
                    }
                    _ => false,
                }
            }
            Msg::Yes | Msg::No => match &mut self.value {
                Value::YesNo(v) => {
                    if let Some(i) = self.order.get(self.cursor)
                        && let Some(slot) = v.get_mut(*i)
                    {
                        *slot = Some(msg == Msg::Yes);
                    }
                    self.cursor = (self.cursor + 1).min(rows - 1);
                    true
                }
                _ => false,
            },
            Msg::Pick(n) => self.pick(n as usize, rows, cols, categories),
            Msg::Cell(r, c) => match &mut self.value {
                Value::HotArea(s) if usize::from(r) < rows && usize::from(c) < cols => {
                    let cell = (usize::from(r), usize::from(c));
                    self.cursor = cell.0;
                    self.col = cell.1;
                    if !s.remove(&cell) {
                        s.insert(cell);
                    }
                    true
                }
                _ => false,
            },
            Msg::Toggle => match &mut self.value {
                Value::Order(_) => {
                    self.holding = !self.holding;
                    true
                }
                Value::YesNo(v) => {
                    if let Some(i) = self.order.get(self.cursor)
                        && let Some(slot) = v.get_mut(*i)
                    {
                        *slot = Some(!slot.unwrap_or(false));
                    }
                    true
                }
                Value::Match(_) => self.update(body, Msg::Right),
                Value::HotArea(s) => {
                    let cell = (self.cursor, self.col);
                    if !s.remove(&cell) {
                        s.insert(cell);
                    }
                    true
                }
                Value::Choices(_) => {
                    self.toggle_at(self.cursor);
                    true
                }
            },
            _ => false,
        };
        if self.value != before {
            self.dirty = true;
        }
        used
    }

    fn pick(&mut self, n: usize, rows: usize, cols: usize, categories: usize) -> bool {
        match &mut self.value {
            Value::Choices(_) => {
                if n >= rows {
                    return false;
                }
                self.cursor = n;
                self.toggle_at(n);
                true
            }
            Value::YesNo(v) => {
                if n > 1 {
                    return false;
                }
                if let Some(i) = self.order.get(self.cursor)
                    && let Some(slot) = v.get_mut(*i)
                {
                    *slot = Some(n == 0);
                }
                self.cursor = (self.cursor + 1).min(rows - 1);
                true
            }
            Value::Match(v) => {
                if n >= categories {
                    return false;
                }
                if let Some(i) = self.order.get(self.cursor)
                    && let Some(slot) = v.get_mut(*i)
                {
                    *slot = Some(n);
                }
                self.cursor = (self.cursor + 1).min(rows - 1);
                true
            }
            Value::Order(_) => {
                if n >= rows {
                    return false;
                }
                self.cursor = n;
                true
            }
            Value::HotArea(s) => {
                if n >= cols {
                    return false;
                }
                self.col = n;
                let cell = (self.cursor, n);
                if !s.remove(&cell) {
                    s.insert(cell);
                }
                true
            }
        }
    }

    /// Single and dropdown: pick the choice at display position `pos`; multi: toggle it.
    fn toggle_at(&mut self, pos: usize) {
        let Some(i) = self.order.get(pos).copied() else {
            return;
        };
        if let Value::Choices(c) = &mut self.value {
            if self.kind == Kind::Multi {
                if !c.remove(&i) {
                    c.insert(i);
                }
            } else {
                c.clear();
                c.insert(i);
            }
        }
    }

    fn pick_at(&mut self, pos: usize) {
        if let Some(i) = self.order.get(pos).copied()
            && let Value::Choices(c) = &mut self.value
        {
            c.clear();
            c.insert(i);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::bank::question::{Choice, HotRow, MatchItem, OrderItem, Source, Statement};

    pub fn question(body: Body) -> Question {
        Question {
            id: "t-1".into(),
            concept: "c".into(),
            objective: "1.1.2".into(),
            topic: "shared-responsibility".into(),
            prompt: "Who patches the guest operating system of an Azure virtual machine?".into(),
            body,
            explanation: "In IaaS the operating system is the customer's.".into(),
            refs: vec!["https://learn.microsoft.com/en-us/azure/security/fundamentals/shared-responsibility".into()],
            cells: vec![],
            source: Source::Generated,
        }
    }

    pub fn choice(text: &str, correct: bool) -> Choice {
        Choice {
            text: text.into(),
            correct,
            why: format!("Why {text}."),
        }
    }

    pub fn single() -> Question {
        question(Body::Single {
            choices: vec![
                choice("The customer", true),
                choice("Microsoft", false),
                choice("Shared", false),
            ],
        })
    }

    pub fn multi() -> Question {
        question(Body::Multi {
            choices: vec![
                choice("Data", true),
                choice("Physical hosts", false),
                choice("Accounts", true),
                choice("Physical network", false),
            ],
        })
    }

    pub fn yes_no() -> Question {
        question(Body::YesNo {
            statements: vec![
                Statement {
                    text: "In SaaS the customer owns the data.".into(),
                    answer: true,
                    why: "Data is always the customer's.".into(),
                },
                Statement {
                    text: "In PaaS the customer patches the OS.".into(),
                    answer: false,
                    why: "The OS is Microsoft's in PaaS.".into(),
                },
                Statement {
                    text: "In IaaS Microsoft runs the hosts.".into(),
                    answer: true,
                    why: "Physical hosts move to Microsoft.".into(),
                },
            ],
        })
    }

    pub fn dropdown() -> Question {
        question(Body::Dropdown {
            sentence: "In PaaS, the operating system is managed by ___.".into(),
            choices: vec![
                choice("the customer", false),
                choice("Microsoft", true),
                choice("both", false),
            ],
        })
    }

    pub fn matching() -> Question {
        question(Body::Match {
            categories: vec!["Customer".into(), "Microsoft".into(), "Shared".into()],
            items: vec![
                MatchItem {
                    text: "Information and data".into(),
                    category: 0,
                    why: "Always the customer's.".into(),
                },
                MatchItem {
                    text: "Physical datacenter".into(),
                    category: 1,
                    why: "Microsoft in every cloud model.".into(),
                },
                MatchItem {
                    text: "Identity infrastructure (PaaS)".into(),
                    category: 2,
                    why: "Shared in PaaS.".into(),
                },
            ],
        })
    }

    pub fn ordering() -> Question {
        question(Body::Order {
            items: vec![
                OrderItem {
                    text: "On-premises".into(),
                    why: "Customer owns every layer.".into(),
                },
                OrderItem {
                    text: "IaaS".into(),
                    why: "OS and up.".into(),
                },
                OrderItem {
                    text: "PaaS".into(),
                    why: "Code, data, access.".into(),
                },
                OrderItem {
                    text: "SaaS".into(),
                    why: "Data, devices, accounts.".into(),
                },
            ],
        })
    }

    pub fn hot_area() -> Question {
        question(Body::HotArea {
            columns: vec![
                "On-prem".into(),
                "IaaS".into(),
                "PaaS".into(),
                "SaaS".into(),
            ],
            rows: vec![
                HotRow {
                    label: "Operating system".into(),
                    why: "Customer's in IaaS.".into(),
                },
                HotRow {
                    label: "Physical hosts".into(),
                    why: "Customer's only on-premises.".into(),
                },
            ],
            answer: vec![(0, 0), (0, 1), (1, 0)],
        })
    }

    #[test]
    fn single_pick_replaces_and_maps_display_to_own_index() {
        let q = single();
        let mut d = Draft::new(&q, &[2, 0, 1], None);
        assert!(!d.is_answered());
        d.update(&q.body, Msg::Pick(1));
        assert_eq!(d.response(), Response::Choices(vec![0]));
        d.update(&q.body, Msg::Pick(0));
        assert_eq!(d.response(), Response::Choices(vec![2]));
        assert!(d.dirty && d.is_complete(&q.body));
        assert!(!d.update(&q.body, Msg::Pick(7)), "no fourth choice");
    }

    #[test]
    fn multi_toggles_and_counts_against_choose() {
        let q = multi();
        let mut d = Draft::new(&q, &[0, 1, 2, 3], None);
        d.update(&q.body, Msg::Pick(0));
        assert!(!d.is_complete(&q.body));
        d.update(&q.body, Msg::Down);
        d.update(&q.body, Msg::Down);
        d.update(&q.body, Msg::Toggle);
        assert_eq!(d.response(), Response::Choices(vec![0, 2]));
        assert!(d.is_complete(&q.body));
        d.update(&q.body, Msg::Pick(0));
        assert_eq!(d.response(), Response::Choices(vec![2]));
    }

    #[test]
    fn yes_no_answers_row_by_row() {
        let q = yes_no();
        let mut d = Draft::new(&q, &[0, 1, 2], None);
        d.update(&q.body, Msg::Yes);
        d.update(&q.body, Msg::No);
        assert_eq!(d.cursor, 2);
        d.update(&q.body, Msg::Left);
        assert_eq!(
            d.response(),
            Response::YesNo(vec![Some(true), Some(false), Some(true)])
        );
        d.update(&q.body, Msg::Toggle);
        assert_eq!(
            d.response(),
            Response::YesNo(vec![Some(true), Some(false), Some(false)])
        );
    }

    #[test]
    fn dropdown_fills_the_blank_as_you_cycle() {
        let q = dropdown();
        let mut d = Draft::new(&q, &[0, 1, 2], None);
        d.update(&q.body, Msg::Right);
        assert_eq!(d.response(), Response::Choices(vec![1]));
        d.update(&q.body, Msg::Right);
        d.update(&q.body, Msg::Right);
        assert_eq!(d.response(), Response::Choices(vec![0]), "wraps around");
        d.update(&q.body, Msg::Left);
        assert_eq!(d.response(), Response::Choices(vec![2]));
    }

    #[test]
    fn match_assigns_by_number_and_cycles() {
        let q = matching();
        let mut d = Draft::new(&q, &[1, 0, 2], None);
        d.update(&q.body, Msg::Pick(1)); // display row 0 = item 1 → Microsoft
        assert_eq!(d.cursor, 1);
        d.update(&q.body, Msg::Right); // item 0: None → Customer
        d.update(&q.body, Msg::Down);
        d.update(&q.body, Msg::Left); // item 2: None → last (Shared)
        assert_eq!(
            d.response(),
            Response::Match(vec![Some(0), Some(1), Some(2)])
        );
        assert!(!d.update(&q.body, Msg::Pick(3)), "only three categories");
    }

    #[test]
    fn order_items_move_while_held() {
        let q = ordering();
        let mut d = Draft::new(&q, &[3, 2, 1, 0], None);
        assert!(!d.is_answered());
        d.update(&q.body, Msg::Bottom);
        d.update(&q.body, Msg::Toggle);
        for _ in 0..3 {
            d.update(&q.body, Msg::Up);
        }
        d.update(&q.body, Msg::Toggle);
        assert!(!d.holding);
        assert_eq!(d.response(), Response::Order(vec![0, 3, 2, 1]));
        assert!(d.is_answered());
    }

    #[test]
    fn hot_area_moves_in_two_dimensions_and_toggles() {
        let q = hot_area();
        let mut d = Draft::new(&q, &[], None);
        d.update(&q.body, Msg::Toggle);
        d.update(&q.body, Msg::Right);
        d.update(&q.body, Msg::Toggle);
        d.update(&q.body, Msg::Down);
        d.update(&q.body, Msg::Left);
        d.update(&q.body, Msg::Toggle);
        for _ in 0..9 {
            d.update(&q.body, Msg::Right);
        }
        assert_eq!(d.col, 3, "stays inside the grid");
        assert_eq!(
            d.response(),
            Response::HotArea(vec![(0, 0), (0, 1), (1, 0)])
        );
        d.update(&q.body, Msg::Pick(0));
        assert_eq!(d.response(), Response::HotArea(vec![(0, 0), (0, 1)]));
    }

    #[test]
    fn a_bad_order_or_response_never_panics() {
        let q = single();
        let d = Draft::new(&q, &[5, 9], Some(&Response::Choices(vec![99])));
        assert_eq!(d.order, vec![0, 1, 2]);
        assert!(!d.is_answered());
        let m = matching();
        let d = Draft::new(&m, &[0, 1, 2], Some(&Response::Match(vec![Some(9)])));
        assert!(!d.is_answered());
    }

    #[test]
    fn a_previous_response_is_restored() {
        let q = yes_no();
        let d = Draft::new(
            &q,
            &[0, 1, 2],
            Some(&Response::YesNo(vec![Some(false), None, None])),
        );
        assert!(d.is_answered() && !d.dirty);
    }
}
