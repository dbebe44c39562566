//! The pack format of each question kind, in one place: the fields a kind has, the limits of
//! its lists, its rules (how many choices are keyed, the blank of a sentence, the cells of a
//! grid…) and how both readers build its [`Body`]: the fast path ([`read`], typed fields, a
//! yes/no answer) and the full check ([`Checker::body`], a message per problem). Each rule is
//! written once here and both readers call it, so they cannot drift apart; a new kind is added
//! here (and, when it brings a field no kind had, in the typed reader's `RawQuestion` and
//! `KindFields`).

use serde_json::{Map, Value};

use super::MAX_TEXT_CHARS;
use super::check::{At, Checker, plural, quote};
use super::typed::{KindFields, Obj, RawChoice, labels, parts, text_ok};
use crate::bank::question::{Body, Choice, HotRow, Kind, MatchItem, OrderItem, Statement};

/// The fields each kind has (all required, no others allowed), besides the common ones.
pub(super) fn fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Single | Kind::Multi => &["choices"],
        Kind::YesNo => &["statements"],
        Kind::Dropdown => &["sentence", "choices"],
        Kind::Match => &["categories", "items"],
        Kind::Order => &["items"],
        Kind::HotArea => &["columns", "rows", "answer"],
    }
}

/// The fields a kind may have but need not (besides [`fields`]).
pub(super) fn optional_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::HotArea => &["one_per_row"],
        Kind::Single | Kind::Multi | Kind::YesNo | Kind::Dropdown | Kind::Match | Kind::Order => {
            &[]
        }
    }
}

/// "a single question", "an order question"…: how list-length messages name the question.
pub(super) fn subject(kind: Kind) -> &'static str {
    match kind {
        Kind::Single => "a single question",
        Kind::Multi => "a multi question",
        Kind::YesNo => "a yes_no question",
        Kind::Dropdown => "a dropdown question",
        Kind::Match => "a match question",
        Kind::Order => "an order question",
        Kind::HotArea => "a hot_area question",
    }
}

/// Where a kind-specific text of a question is ([`stem`]).
#[derive(Debug, Clone, Copy)]
pub(super) enum Text {
    /// A string field.
    Field(&'static str),
    /// A list field of strings (`""`) or of objects with the text under a key.
    List(&'static str, &'static str),
}

impl Text {
    pub(super) fn key(self) -> &'static str {
        match self {
            Text::Field(k) | Text::List(k, _) => k,
        }
    }
}

/// The kind-specific texts that, with the prompt, identify a question (so that a stock prompt
/// such as "Select Yes or No for each statement" may repeat), and what to call them.
pub(super) fn stem(kind: Kind) -> (&'static [Text], &'static str) {
    match kind {
        Kind::Single | Kind::Multi => (&[], "prompt"),
        Kind::Dropdown => (&[Text::Field("sentence")], "prompt and sentence"),
        Kind::YesNo => (&[Text::List("statements", "text")], "prompt and statements"),
        Kind::Match => (
            &[Text::List("categories", ""), Text::List("items", "text")],
            "prompt, categories and items",
        ),
        Kind::Order => (&[Text::List("items", "text")], "prompt and items"),
        Kind::HotArea => (
            &[Text::List("columns", ""), Text::List("rows", "label")],
            "prompt and grid",
        ),
    }
}

/// A list field: its key, what its elements are called, and how many it may hold.
#[derive(Debug, Clone, Copy)]
pub(super) struct List {
    pub key: &'static str,
    pub noun: (&'static str, &'static str),
    pub min: usize,
    pub max: usize,
}

impl List {
    pub fn holds(&self, n: usize) -> bool {
        (self.min..=self.max).contains(&n)
    }
}

/// `choices`: at least `min` (2, or 3 for a `multi`), at most 12.
pub(super) const fn choice_list(min: usize) -> List {
    List {
        key: "choices",
        noun: ("choice", "choices"),
        min,
        max: 12,
    }
}
const STATEMENTS: List = List {
    key: "statements",
    noun: ("statement", "statements"),
    min: 1,
    max: 12,
};
const CATEGORIES: List = List {
    key: "categories",
    noun: ("category", "categories"),
    min: 2,
    max: 6,
};
const ITEMS: List = List {
    key: "items",
    noun: ("item", "items"),
    min: 2,
    max: 12,
};
const COLUMNS: List = List {
    key: "columns",
    noun: ("column", "columns"),
    min: 1,
    max: 8,
};
const ROWS: List = List {
    key: "rows",
    noun: ("row", "rows"),
    min: 1,
    max: 12,
};
const ANSWER_CELLS: List = List {
    key: "answer",
    noun: ("answer cell", "answer cells"),
    min: 1,
    max: ROWS.max * COLUMNS.max,
};

/// How many choices a kind keys right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyed {
    /// Exactly one (single, dropdown).
    One,
    /// At least two, and not all (multi).
    Several,
}

/// What is wrong with how many of `choices` are keyed right.
fn keyed_faults(keyed: Keyed, subject: &str, choices: &[Choice]) -> Vec<String> {
    let right = choices.iter().filter(|c| c.correct).count();
    let mut out = Vec::new();
    match keyed {
        Keyed::One if right != 1 => out.push(format!(
            "{subject} needs exactly one correct choice, found {right}"
        )),
        Keyed::One => {}
        Keyed::Several => {
            if right < 2 {
                out.push(format!(
                    "{subject} needs at least 2 correct choices, found {right}"
                ));
            }
            if right == choices.len() {
                out.push(format!("{subject} needs at least 1 wrong choice"));
            }
        }
    }
    out
}

/// What is wrong with a dropdown's sentence: it has exactly one blank.
fn blank_fault(sentence: &str) -> Option<String> {
    let blanks = sentence.matches("___").count();
    (blanks != 1).then(|| format!("the sentence needs exactly one blank `___`, found {blanks}"))
}

/// The index of a match item's category among `categories`, or what is wrong.
fn category_of(categories: &[String], c: &str) -> Result<usize, String> {
    categories.iter().position(|x| x == c).ok_or_else(|| {
        let names: Vec<_> = categories.iter().map(|x| quote(x)).collect();
        format!(
            "{} is not one of the categories ({})",
            quote(c),
            names.join(", ")
        )
    })
}

/// What is wrong with answer cell `(r, c)` of a grid of `rows` × `columns` (columns unknown
/// when they are invalid) after the cells in `answer`.
fn cell_fault(
    (r, c): (usize, usize),
    rows: usize,
    columns: Option<usize>,
    answer: &[(usize, usize)],
) -> Option<String> {
    if r >= rows {
        Some(format!(
            "row {r} is outside the grid (it has {})",
            plural(rows, "row", "rows")
        ))
    } else if let Some(n) = columns
        && c >= n
    {
        Some(format!(
            "column {c} is outside the grid (it has {})",
            plural(n, "column", "columns")
        ))
    } else {
        answer
            .iter()
            .position(|x| *x == (r, c))
            .map(|first| format!("duplicate cell [{r}, {c}] (same as answer[{first}])"))
    }
}

/// What is wrong with a one-cell-per-row grid's key: a row with no key cell or several.
fn one_per_row_fault(rows: usize, answer: &[(usize, usize)]) -> Option<String> {
    (0..rows).find_map(|r| {
        let n = answer.iter().filter(|(ar, _)| *ar == r).count();
        (n != 1).then(|| {
            format!(
                "one_per_row: row {r} has {}; a one-cell-per-row grid keys exactly one in each row",
                plural(n, "answer cell", "answer cells")
            )
        })
    })
}

/// The fast path: the body of a `kind` question when its fields obey every rule, else `None`.
pub(super) fn read(kind: Kind, f: KindFields) -> Option<Body> {
    if !f.are_those_of(kind) {
        return None;
    }
    match kind {
        Kind::Single => Some(Body::Single {
            choices: keyed_choices(kind, f.choices?, 2, Keyed::One)?,
        }),
        Kind::Multi => Some(Body::Multi {
            choices: keyed_choices(kind, f.choices?, 3, Keyed::Several)?,
        }),
        Kind::Dropdown => {
            let sentence = f.sentence?;
            let ok = text_ok(&sentence, MAX_TEXT_CHARS) && blank_fault(&sentence).is_none();
            let choices = keyed_choices(kind, f.choices?, 2, Keyed::One)?;
            ok.then_some(Body::Dropdown { sentence, choices })
        }
        Kind::YesNo => Some(Body::YesNo {
            statements: parts(
                f.statements?,
                STATEMENTS,
                |s| (&s.text, &s.why),
                |s| {
                    Some(Statement {
                        text: s.text,
                        answer: s.answer,
                        why: s.why,
                    })
                },
            )?,
        }),
        Kind::Match => {
            let categories = labels(f.categories?, CATEGORIES)?;
            let items = parts(
                f.items?,
                ITEMS,
                |i| (&i.text, &i.why),
                |i| {
                    Some(MatchItem {
                        category: category_of(&categories, i.category.as_deref()?).ok()?,
                        text: i.text,
                        why: i.why,
                    })
                },
            )?;
            Some(Body::Match { categories, items })
        }
        Kind::Order => Some(Body::Order {
            items: parts(
                f.items?,
                ITEMS,
                |i| (&i.text, &i.why),
                |i| {
                    i.category.is_none().then_some(OrderItem {
                        text: i.text,
                        why: i.why,
                    })
                },
            )?,
        }),
        Kind::HotArea => {
            let columns = labels(f.columns?, COLUMNS)?;
            let rows = parts(
                f.rows?,
                ROWS,
                |r| (&r.label, &r.why),
                |r| {
                    Some(HotRow {
                        label: r.label,
                        why: r.why,
                    })
                },
            )?;
            let cells = f.answer?;
            if !ANSWER_CELLS.holds(cells.len()) {
                return None;
            }
            let mut answer: Vec<(usize, usize)> = Vec::with_capacity(cells.len());
            for [r, c] in cells {
                let cell = (usize::try_from(r).ok()?, usize::try_from(c).ok()?);
                if cell_fault(cell, rows.len(), Some(columns.len()), &answer).is_some() {
                    return None;
                }
                answer.push(cell);
            }
            answer.sort_unstable();
            let one_per_row = f.one_per_row.unwrap_or(false);
            if one_per_row && one_per_row_fault(rows.len(), &answer).is_some() {
                return None;
            }
            Some(Body::HotArea {
                columns,
                rows,
                answer,
                one_per_row,
            })
        }
    }
}

/// `min..=12` valid, distinct choices keyed as `keyed` says.
fn keyed_choices(
    kind: Kind,
    raw: Vec<Obj<RawChoice>>,
    min: usize,
    keyed: Keyed,
) -> Option<Vec<Choice>> {
    let choices = parts(
        raw,
        choice_list(min),
        |c| (&c.text, &c.why),
        |c| {
            Some(Choice {
                text: c.text,
                correct: c.correct,
                why: c.why,
            })
        },
    )?;
    keyed_faults(keyed, subject(kind), &choices)
        .is_empty()
        .then_some(choices)
}

impl Checker<'_> {
    /// The full check: the body of a `kind` question, every problem of its fields recorded.
    pub(super) fn body(
        &mut self,
        kind: Kind,
        map: &Map<String, Value>,
        path: &At<'_>,
    ) -> Option<Body> {
        let subject = subject(kind);
        match kind {
            Kind::Single => Some(Body::Single {
                choices: self.keyed_choices(map, path, subject, 2, Keyed::One)?,
            }),
            Kind::Multi => Some(Body::Multi {
                choices: self.keyed_choices(map, path, subject, 3, Keyed::Several)?,
            }),
            Kind::Dropdown => {
                let sentence = self.text(map, path, "sentence", MAX_TEXT_CHARS);
                if let Some(fault) = sentence.as_deref().and_then(blank_fault) {
                    self.err(&path.key("sentence"), fault);
                }
                let choices = self.keyed_choices(map, path, subject, 2, Keyed::One)?;
                Some(Body::Dropdown {
                    sentence: sentence?,
                    choices,
                })
            }
            Kind::YesNo => {
                let statements = self.parts(
                    map,
                    path,
                    subject,
                    STATEMENTS,
                    (&["text", "answer", "why"], "text"),
                    |ck, m, p| {
                        let text = ck.text(m, p, "text", MAX_TEXT_CHARS);
                        let answer = ck.boolean(m, p, "answer");
                        let why = ck.text(m, p, "why", MAX_TEXT_CHARS);
                        (text, answer.zip(why))
                    },
                    |text, (answer, why)| Statement { text, answer, why },
                )?;
                Some(Body::YesNo { statements })
            }
            Kind::Match => {
                let categories = self.labels(map, path, subject, CATEGORIES);
                let items = self.parts(
                    map,
                    path,
                    subject,
                    ITEMS,
                    (&["text", "category", "why"], "text"),
                    |ck, m, p| {
                        let text = ck.text(m, p, "text", MAX_TEXT_CHARS);
                        let category = ck.string(m, p, "category").and_then(|c| {
                            category_of(categories.as_ref()?, c)
                                .map_err(|fault| ck.err(&p.key("category"), fault))
                                .ok()
                        });
                        let why = ck.text(m, p, "why", MAX_TEXT_CHARS);
                        (text, category.zip(why))
                    },
                    |text, (category, why)| MatchItem {
                        text,
                        category,
                        why,
                    },
                )?;
                Some(Body::Match {
                    categories: categories?,
                    items,
                })
            }
            Kind::Order => {
                let items = self.parts(
                    map,
                    path,
                    subject,
                    ITEMS,
                    (&["text", "why"], "text"),
                    |ck, m, p| {
                        let text = ck.text(m, p, "text", MAX_TEXT_CHARS);
                        (text, ck.text(m, p, "why", MAX_TEXT_CHARS))
                    },
                    |text, why| OrderItem { text, why },
                )?;
                Some(Body::Order { items })
            }
            Kind::HotArea => self.hot_area(map, path, subject),
        }
    }

    /// `choices`, `min..=12` of them, texts distinct, keyed as `keyed` says (every problem
    /// recorded; the choices are returned all the same, for the caller to build on).
    fn keyed_choices(
        &mut self,
        map: &Map<String, Value>,
        path: &At<'_>,
        subject: &str,
        min: usize,
        keyed: Keyed,
    ) -> Option<Vec<Choice>> {
        let choices = self.choices(map, path, subject, choice_list(min))?;
        for fault in keyed_faults(keyed, subject, &choices) {
            self.err(&path.key("choices"), fault);
        }
        Some(choices)
    }

    fn hot_area(&mut self, map: &Map<String, Value>, path: &At<'_>, subject: &str) -> Option<Body> {
        let columns = self.labels(map, path, subject, COLUMNS);
        // The grid's height is the length of `rows` as given (an invalid row still counts).
        let n_rows = map
            .get("rows")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let rows = self.parts(
            map,
            path,
            subject,
            ROWS,
            (&["label", "why"], "label"),
            |ck, m, p| {
                let label = ck.text(m, p, "label", MAX_TEXT_CHARS);
                (label, ck.text(m, p, "why", MAX_TEXT_CHARS))
            },
            |label, why| HotRow { label, why },
        )?;
        let at = path.key("answer");
        let cells = self.list(map, path, subject, ANSWER_CELLS)?;
        let n_cols = columns.as_ref().map(Vec::len);
        let mut answer: Vec<(usize, usize)> = Vec::with_capacity(cells.len());
        for (i, v) in cells.iter().enumerate() {
            let p = at.index(i);
            let pair = match v {
                Value::Array(xs) if xs.len() == 2 => xs[0].as_u64().zip(xs[1].as_u64()),
                _ => None,
            };
            let Some((r, c)) = pair else {
                self.err(
                    &p,
                    "expected a [row, column] pair of zero-based indices".into(),
                );
                continue;
            };
            let cell = (
                usize::try_from(r).unwrap_or(usize::MAX),
                usize::try_from(c).unwrap_or(usize::MAX),
            );
            match cell_fault(cell, n_rows, n_cols, &answer) {
                Some(fault) => self.err(&p, fault),
                None => answer.push(cell),
            }
        }
        answer.sort_unstable();
        let one_per_row = match map.get("one_per_row") {
            None => false,
            Some(_) => self.boolean(map, path, "one_per_row")?,
        };
        if one_per_row && let Some(fault) = one_per_row_fault(n_rows, &answer) {
            self.err(&at, fault);
        }
        Some(Body::HotArea {
            columns: columns?,
            rows,
            answer,
            one_per_row,
        })
    }
}
