//! The question kinds: what each kind holds ([`Body`]), how a learner answers it ([`Response`])
//! and what the rest of the program asks of a kind (its parts, its key, how its items are shown,
//! its answer as text). With [`crate::engine::grade`] (which compares a response with the key),
//! this is the one place of the core that decides per kind: the other modules call these
//! methods, so a new kind is added here, in the pack format (`pack/kinds.rs`), in grading, in
//! its generator and in the front ends.

use serde::{Deserialize, Serialize};

/// A question's kind, as named in packs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Single,
    Multi,
    YesNo,
    Dropdown,
    Match,
    Order,
    HotArea,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Single,
        Kind::Multi,
        Kind::YesNo,
        Kind::Dropdown,
        Kind::Match,
        Kind::Order,
        Kind::HotArea,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multi => "multi",
            Kind::YesNo => "yes_no",
            Kind::Dropdown => "dropdown",
            Kind::Match => "match",
            Kind::Order => "order",
            Kind::HotArea => "hot_area",
        }
    }

    pub fn from_id(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == s)
    }

    /// A short label for headers ("Single answer", "Yes / No"…).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Single => "Single answer",
            Kind::Multi => "Multiple answers",
            Kind::YesNo => "Yes / No",
            Kind::Dropdown => "Complete the sentence",
            Kind::Match => "Match",
            Kind::Order => "Order",
            Kind::HotArea => "Hot area",
        }
    }

    /// The kind's approximate share of the real exam (most questions are single choice); the
    /// exam draw keeps its mix near these.
    pub fn exam_share(self) -> f64 {
        match self {
            Kind::Single => 0.45,
            Kind::Multi => 0.12,
            Kind::YesNo => 0.15,
            Kind::Dropdown => 0.12,
            Kind::Match => 0.08,
            Kind::Order => 0.03,
            Kind::HotArea => 0.05,
        }
    }
}

/// An option of a `single`, `multi` or `dropdown` question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    /// Why this option is right, or why it is wrong.
    pub why: String,
}

/// A statement of a `yes_no` question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub text: String,
    pub answer: bool,
    pub why: String,
}

/// An item of a `match` question; `category` indexes `categories`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchItem {
    pub text: String,
    pub category: usize,
    pub why: String,
}

/// An item of an `order` question; items are stored in their correct order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderItem {
    pub text: String,
    pub why: String,
}

/// A row of a `hot_area` grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotRow {
    pub label: String,
    /// Why the row's cells are (or are not) part of the answer.
    pub why: String,
}

/// The kind-specific part of a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body {
    /// One right choice.
    Single { choices: Vec<Choice> },
    /// Choose exactly as many as are correct (at least 2).
    Multi { choices: Vec<Choice> },
    /// One point per statement.
    YesNo { statements: Vec<Statement> },
    /// A sentence with one blank (`___`) and the options to fill it; one is right.
    Dropdown {
        sentence: String,
        choices: Vec<Choice>,
    },
    /// Assign each item to a category; one point per item.
    Match {
        categories: Vec<String>,
        items: Vec<MatchItem>,
    },
    /// Put the items in order; one point per item in its right place.
    Order { items: Vec<OrderItem> },
    /// Select the cells of a grid; one point per cell of the key that is selected, less one per
    /// selected cell outside the key (never below zero). In a one-cell-per-row grid a wrong
    /// cell that is its row's only pick costs only its row: one point per row right.
    HotArea {
        columns: Vec<String>,
        rows: Vec<HotRow>,
        /// `(row, column)` pairs, sorted.
        answer: Vec<(usize, usize)>,
        /// Exactly one cell per row ("For each layer, select who…"): a pick replaces the row's
        /// other pick, and a row left empty leaves the answer incomplete. Otherwise any cells.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        one_per_row: bool,
    },
}

impl Body {
    /// Every part's text and why, in stored order (feedback shows each part with its why).
    pub fn texts_and_whys(&self) -> Vec<(&str, &str)> {
        match self {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                choices
                    .iter()
                    .map(|c| (c.text.as_str(), c.why.as_str()))
                    .collect()
            }
            Body::YesNo { statements } => statements
                .iter()
                .map(|s| (s.text.as_str(), s.why.as_str()))
                .collect(),
            Body::Match { items, .. } => items
                .iter()
                .map(|i| (i.text.as_str(), i.why.as_str()))
                .collect(),
            Body::Order { items } => items
                .iter()
                .map(|i| (i.text.as_str(), i.why.as_str()))
                .collect(),
            Body::HotArea { rows, .. } => rows
                .iter()
                .map(|r| (r.label.as_str(), r.why.as_str()))
                .collect(),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Body::Single { .. } => Kind::Single,
            Body::Multi { .. } => Kind::Multi,
            Body::YesNo { .. } => Kind::YesNo,
            Body::Dropdown { .. } => Kind::Dropdown,
            Body::Match { .. } => Kind::Match,
            Body::Order { .. } => Kind::Order,
            Body::HotArea { .. } => Kind::HotArea,
        }
    }

    /// Choices of a `single`, `multi` or `dropdown` question.
    pub fn choices(&self) -> Option<&[Choice]> {
        match self {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                Some(choices)
            }
            Body::YesNo { .. } | Body::Match { .. } | Body::Order { .. } | Body::HotArea { .. } => {
                None
            }
        }
    }

    /// The texts a learner picks among, where one could be the answer itself: choices,
    /// categories, hot-area columns and rows, match and order items. A yes/no series has none
    /// (its answers are yes and no).
    pub fn option_texts(&self) -> Vec<&str> {
        match self {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                choices.iter().map(|c| c.text.as_str()).collect()
            }
            Body::YesNo { .. } => Vec::new(),
            Body::Match { categories, items } => categories
                .iter()
                .map(String::as_str)
                .chain(items.iter().map(|i| i.text.as_str()))
                .collect(),
            Body::Order { items } => items.iter().map(|i| i.text.as_str()).collect(),
            Body::HotArea { columns, rows, .. } => columns
                .iter()
                .map(String::as_str)
                .chain(rows.iter().map(|r| r.label.as_str()))
                .collect(),
        }
    }

    /// How many scored parts the question has (its maximum points).
    pub fn parts(&self) -> u32 {
        let n = match self {
            Body::Single { .. } | Body::Dropdown { .. } => 1,
            Body::Multi { choices } => choices.iter().filter(|c| c.correct).count(),
            Body::YesNo { statements } => statements.len(),
            Body::Match { items, .. } => items.len(),
            Body::Order { items } => items.len(),
            Body::HotArea { answer, .. } => answer.len(),
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// For `multi`: how many choices to pick.
    pub fn choose(&self) -> Option<usize> {
        match self {
            Body::Multi { choices } => Some(choices.iter().filter(|c| c.correct).count()),
            Body::Single { .. }
            | Body::YesNo { .. }
            | Body::Dropdown { .. }
            | Body::Match { .. }
            | Body::Order { .. }
            | Body::HotArea { .. } => None,
        }
    }

    /// Number of items the learner arranges, toggles or answers (choices, statements, items…).
    pub fn len(&self) -> usize {
        match self {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                choices.len()
            }
            Body::YesNo { statements } => statements.len(),
            Body::Match { items, .. } => items.len(),
            Body::Order { items } => items.len(),
            Body::HotArea { rows, columns, .. } => rows.len() * columns.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How the body's items are laid out for the learner: how many there are and whether
    /// their order is shuffled (see `engine::session::presentation_order`).
    pub fn layout(&self) -> (usize, Layout) {
        match self {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                (choices.len(), Layout::Shuffled)
            }
            Body::YesNo { statements } => (statements.len(), Layout::Shuffled),
            Body::Match { items, .. } => (items.len(), Layout::Shuffled),
            Body::Order { items } => (items.len(), Layout::ShuffledUnsolved),
            // A grid's rows keep their order (the columns are its axis).
            Body::HotArea { rows, .. } => (rows.len(), Layout::Fixed),
        }
    }

    /// What `response` leaves unanswered, in a short clause for the learner (`None`: every part
    /// has an answer). A `multi` needs as many picks as it asks for (more: [`Body::too_many`]); a yes/no series
    /// an answer per statement; a match a category per item; a hot area of one cell per row a
    /// cell in every row; the other kinds one pick.
    pub fn missing(&self, response: &Response) -> Option<String> {
        match (self, response) {
            (Body::Multi { .. }, Response::Choices(c)) => {
                let n = self.choose().unwrap_or(0);
                (c.len() < n).then(|| format!("choose {n}, {} picked.", c.len()))
            }
            (Body::Single { .. } | Body::Dropdown { .. }, Response::Choices(c)) => {
                (c.len() != 1).then(|| "pick one option.".to_string())
            }
            (Body::YesNo { statements }, Response::YesNo(v)) => {
                let open = (0..statements.len())
                    .filter(|i| v.get(*i).copied().flatten().is_none())
                    .count();
                (open > 0).then(|| format!("{open} of {} statements unanswered.", statements.len()))
            }
            (Body::Match { items, .. }, Response::Match(v)) => {
                let open = (0..items.len())
                    .filter(|i| v.get(*i).copied().flatten().is_none())
                    .count();
                (open > 0).then(|| format!("{open} of {} items without a category.", items.len()))
            }
            (Body::Order { items }, Response::Order(v)) => {
                (v.len() != items.len()).then(|| format!("Put all {} items in order.", items.len()))
            }
            (
                Body::HotArea {
                    rows,
                    one_per_row: true,
                    ..
                },
                Response::HotArea(cells),
            ) => {
                let open = (0..rows.len())
                    .filter(|r| !cells.iter().any(|(cr, _)| cr == r))
                    .count();
                (open > 0).then(|| format!("{open} of {} rows without a cell.", rows.len()))
            }
            (Body::HotArea { .. }, Response::HotArea(cells)) => cells
                .is_empty()
                .then(|| "Select at least one cell.".to_string()),
            (
                Body::Single { .. }
                | Body::Multi { .. }
                | Body::YesNo { .. }
                | Body::Dropdown { .. }
                | Body::Match { .. }
                | Body::Order { .. }
                | Body::HotArea { .. },
                _,
            ) => Some("this answer does not fit the question.".to_string()),
        }
    }

    /// For a `multi` with more picks than it asks for, what it asks and what was picked (each
    /// extra pick cancels a right one: the answer is complete, but not as asked).
    pub fn too_many(&self, response: &Response) -> Option<String> {
        match (self.choose(), response) {
            (Some(n), Response::Choices(c)) if c.len() > n => {
                Some(format!("choose {n}, {} picked.", c.len()))
            }
            _ => None,
        }
    }

    /// The right answer, as a response (it grades full marks).
    pub fn key(&self) -> Response {
        match self {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                Response::Choices((0..choices.len()).filter(|i| choices[*i].correct).collect())
            }
            Body::YesNo { statements } => {
                Response::YesNo(statements.iter().map(|s| Some(s.answer)).collect())
            }
            Body::Match { items, .. } => {
                Response::Match(items.iter().map(|i| Some(i.category)).collect())
            }
            Body::Order { items } => Response::Order((0..items.len()).collect()),
            Body::HotArea { answer, .. } => Response::HotArea(answer.clone()),
        }
    }

    /// The right answer as one line of text (for exports).
    pub fn answer_text(&self) -> String {
        match self {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                choices
                    .iter()
                    .filter(|c| c.correct)
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            }
            Body::YesNo { statements } => statements
                .iter()
                .map(|s| format!("{}: {}", s.text, if s.answer { "Yes" } else { "No" }))
                .collect::<Vec<_>>()
                .join("; "),
            Body::Match { categories, items } => items
                .iter()
                .map(|i| {
                    let cat = categories
                        .get(i.category)
                        .map(String::as_str)
                        .unwrap_or("?");
                    format!("{} -> {cat}", i.text)
                })
                .collect::<Vec<_>>()
                .join("; "),
            Body::Order { items } => items
                .iter()
                .map(|i| i.text.as_str())
                .collect::<Vec<_>>()
                .join(" > "),
            Body::HotArea {
                columns,
                rows,
                answer,
                ..
            } => answer
                .iter()
                .map(|(r, c)| {
                    let row = rows.get(*r).map(|r| r.label.as_str()).unwrap_or("?");
                    let col = columns.get(*c).map(String::as_str).unwrap_or("?");
                    format!("{row} / {col}")
                })
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// The options shown with the question as one line of text (for exports); an order
    /// question's items are sorted so the line does not give the answer away.
    pub fn options_text(&self) -> String {
        match self {
            Body::Single { choices } | Body::Multi { choices } => choices
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
            Body::Dropdown { sentence, choices } => format!(
                "{sentence} [{}]",
                choices
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            Body::YesNo { statements } => statements
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
            Body::Match { categories, items } => format!(
                "{} -> [{}]",
                items
                    .iter()
                    .map(|i| i.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
                categories.join(" | ")
            ),
            Body::Order { items } => {
                let mut v: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
                v.sort_unstable();
                v.join(" | ")
            }
            Body::HotArea { columns, rows, .. } => format!(
                "rows: {} / columns: {}",
                rows.iter()
                    .map(|r| r.label.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
                columns.join(" | ")
            ),
        }
    }
}

/// How a body's items are ordered for the learner ([`Body::layout`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// In the question's own order.
    Fixed,
    /// Shuffled by the session's seed.
    Shuffled,
    /// Shuffled, and never in the question's own order (which would be the answer).
    ShuffledUnsolved,
}

/// A learner's answer, always in the question's own (unshuffled) indices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Response {
    /// `single`, `multi`, `dropdown`: indices of the chosen choices.
    Choices(Vec<usize>),
    /// `yes_no`: one answer per statement (`None` = left blank).
    YesNo(Vec<Option<bool>>),
    /// `match`: per item, the category index chosen (`None` = not assigned).
    Match(Vec<Option<usize>>),
    /// `order`: item indices in the order the learner put them.
    Order(Vec<usize>),
    /// `hot_area`: selected `(row, column)` cells.
    HotArea(Vec<(usize, usize)>),
}

#[cfg(test)]
mod tests;
