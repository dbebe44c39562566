//! The kind-specific fields of a question (`choices`, `statements`, `items`, grids…).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{At, Checker, MAX_TEXT_CHARS, describe, normalize, plural, quote};
use crate::bank::question::{Body, Choice, HotRow, Kind, MatchItem, OrderItem, Statement};

impl Checker<'_> {
    #[allow(clippy::too_many_lines)] // one short arm per question kind: the kind table in one place
    pub(super) fn body(
        &mut self,
        kind: Kind,
        map: &Map<String, Value>,
        path: &At<'_>,
    ) -> Option<Body> {
        let subject = subject(kind);
        match kind {
            Kind::Single => {
                let choices = self.choices(map, path, subject, 2)?;
                self.one_correct(&choices, path, subject)
                    .then_some(Body::Single { choices })
            }
            Kind::Multi => {
                let choices = self.choices(map, path, subject, 3)?;
                let right = choices.iter().filter(|c| c.correct).count();
                let at = path.key("choices");
                if right < 2 {
                    self.err(
                        &at,
                        format!("{subject} needs at least 2 correct choices, found {right}"),
                    );
                }
                if right == choices.len() {
                    self.err(&at, format!("{subject} needs at least 1 wrong choice"));
                }
                Some(Body::Multi { choices })
            }
            Kind::Dropdown => {
                let sentence = self.text(map, path, "sentence", MAX_TEXT_CHARS);
                if let Some(s) = &sentence {
                    let blanks = s.matches("___").count();
                    if blanks != 1 {
                        self.err(
                            &path.key("sentence"),
                            format!("the sentence needs exactly one blank `___`, found {blanks}"),
                        );
                    }
                }
                let choices = self.choices(map, path, subject, 2)?;
                let ok = self.one_correct(&choices, path, subject);
                Some(Body::Dropdown {
                    sentence: sentence?,
                    choices,
                })
                .filter(|_| ok)
            }
            Kind::YesNo => {
                let at = path.key("statements");
                let items = self.array(
                    map,
                    path,
                    "statements",
                    subject,
                    ("statement", "statements"),
                    1,
                    12,
                )?;
                let mut statements = Vec::with_capacity(items.len());
                let mut seen = HashMap::new();
                for (i, v) in items.iter().enumerate() {
                    let p = at.index(i);
                    let Some(m) = self.object(v, &p, &["text", "answer", "why"]) else {
                        continue;
                    };
                    let text = self.text(m, &p, "text", MAX_TEXT_CHARS);
                    let answer = self.boolean(m, &p, "answer");
                    let why = self.text(m, &p, "why", MAX_TEXT_CHARS);
                    self.distinct(
                        &mut seen,
                        text.as_deref(),
                        &at,
                        i,
                        "text",
                        "statement",
                        "statements",
                    );
                    if let (Some(text), Some(answer), Some(why)) = (text, answer, why) {
                        statements.push(Statement { text, answer, why });
                    }
                }
                Some(Body::YesNo { statements })
            }
            Kind::Match => {
                let categories = self.labels(
                    map,
                    path,
                    "categories",
                    subject,
                    ("category", "categories"),
                    2,
                    6,
                );
                let at = path.key("items");
                let items = self.array(map, path, "items", subject, ("item", "items"), 2, 12)?;
                let mut out = Vec::with_capacity(items.len());
                let mut seen = HashMap::new();
                for (i, v) in items.iter().enumerate() {
                    let p = at.index(i);
                    let Some(m) = self.object(v, &p, &["text", "category", "why"]) else {
                        continue;
                    };
                    let text = self.text(m, &p, "text", MAX_TEXT_CHARS);
                    let category = self.string(m, &p, "category").and_then(|c| {
                        let cats = categories.as_ref()?;
                        let found = cats.iter().position(|x| x == c);
                        if found.is_none() {
                            let names: Vec<_> = cats.iter().map(|x| quote(x)).collect();
                            self.err(
                                &p.key("category"),
                                format!(
                                    "{} is not one of the categories ({})",
                                    quote(c),
                                    names.join(", ")
                                ),
                            );
                        }
                        found
                    });
                    let why = self.text(m, &p, "why", MAX_TEXT_CHARS);
                    self.distinct(&mut seen, text.as_deref(), &at, i, "text", "item", "items");
                    if let (Some(text), Some(category), Some(why)) = (text, category, why) {
                        out.push(MatchItem {
                            text,
                            category,
                            why,
                        });
                    }
                }
                Some(Body::Match {
                    categories: categories?,
                    items: out,
                })
            }
            Kind::Order => {
                let at = path.key("items");
                let items = self.array(map, path, "items", subject, ("item", "items"), 2, 12)?;
                let mut out = Vec::with_capacity(items.len());
                let mut seen = HashMap::new();
                for (i, v) in items.iter().enumerate() {
                    let p = at.index(i);
                    let Some(m) = self.object(v, &p, &["text", "why"]) else {
                        continue;
                    };
                    let text = self.text(m, &p, "text", MAX_TEXT_CHARS);
                    let why = self.text(m, &p, "why", MAX_TEXT_CHARS);
                    self.distinct(&mut seen, text.as_deref(), &at, i, "text", "item", "items");
                    if let (Some(text), Some(why)) = (text, why) {
                        out.push(OrderItem { text, why });
                    }
                }
                Some(Body::Order { items: out })
            }
            Kind::HotArea => self.hot_area(map, path, subject),
        }
    }

    /// `choices: [{text, correct, why}]`, `min..=12` of them, texts distinct.
    fn choices(
        &mut self,
        map: &Map<String, Value>,
        path: &At<'_>,
        subject: &str,
        min: usize,
    ) -> Option<Vec<Choice>> {
        let at = path.key("choices");
        let items = self.array(
            map,
            path,
            "choices",
            subject,
            ("choice", "choices"),
            min,
            12,
        )?;
        let mut choices = Vec::with_capacity(items.len());
        let mut seen = HashMap::new();
        for (i, v) in items.iter().enumerate() {
            let p = at.index(i);
            let Some(m) = self.object(v, &p, &["text", "correct", "why"]) else {
                continue;
            };
            let text = self.text(m, &p, "text", MAX_TEXT_CHARS);
            let correct = self.boolean(m, &p, "correct");
            let why = self.text(m, &p, "why", MAX_TEXT_CHARS);
            self.distinct(
                &mut seen,
                text.as_deref(),
                &at,
                i,
                "text",
                "choice",
                "choices",
            );
            if let (Some(text), Some(correct), Some(why)) = (text, correct, why) {
                choices.push(Choice { text, correct, why });
            }
        }
        Some(choices)
    }

    fn one_correct(&mut self, choices: &[Choice], path: &At<'_>, subject: &str) -> bool {
        let right = choices.iter().filter(|c| c.correct).count();
        if right != 1 {
            self.err(
                &path.key("choices"),
                format!("{subject} needs exactly one correct choice, found {right}"),
            );
        }
        right == 1
    }

    /// Records `text` (of element `i` of the array at `at`) and reports it when an earlier
    /// sibling has the same.
    #[allow(clippy::too_many_arguments)]
    fn distinct(
        &mut self,
        seen: &mut HashMap<String, usize>,
        text: Option<&str>,
        at: &At<'_>,
        i: usize,
        key: &str,
        noun: &str,
        list: &str,
    ) {
        let Some(text) = text else { return };
        let norm = normalize(text);
        if let Some(first) = seen.get(&norm).copied() {
            // The earlier sibling as the message names it: `choices[1]`.
            let sibling = at.index(first).to_string();
            let short = sibling.rsplit('.').next().unwrap_or(&sibling);
            self.err(
                &at.index(i).key(key),
                format!("duplicate {noun} text (same as {short}; {list} must differ)"),
            );
        } else {
            seen.insert(norm, i);
        }
    }

    /// An array of distinct, non-empty strings (categories, columns). Returns the strings even
    /// when some are invalid (so later fields can still be checked against them).
    #[allow(clippy::too_many_arguments)]
    fn labels(
        &mut self,
        map: &Map<String, Value>,
        path: &At<'_>,
        key: &str,
        subject: &str,
        noun: (&str, &str),
        min: usize,
        max: usize,
    ) -> Option<Vec<String>> {
        let at = path.key(key);
        let items = self.array(map, path, key, subject, noun, min, max)?;
        let mut out = Vec::with_capacity(items.len());
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, v) in items.iter().enumerate() {
            let p = at.index(i);
            let Value::String(s) = v else {
                self.err(&p, format!("expected a string, found {}", describe(v)));
                continue;
            };
            out.push(s.clone());
            if !self.check_text(&p, s, MAX_TEXT_CHARS) {
                continue;
            }
            if let Some(first) = seen.get(&normalize(s)) {
                self.err(
                    &p,
                    format!("duplicate {} (same as {key}[{first}])", quote(s)),
                );
                continue;
            }
            seen.insert(normalize(s), i);
        }
        // Every element must be a string for indices to line up; other problems are already
        // reported and keep the question from being built.
        (out.len() == items.len()).then_some(out)
    }

    fn hot_area(&mut self, map: &Map<String, Value>, path: &At<'_>, subject: &str) -> Option<Body> {
        let columns = self.labels(map, path, "columns", subject, ("column", "columns"), 1, 8);
        let at_rows = path.key("rows");
        let rows = self.array(map, path, "rows", subject, ("row", "rows"), 1, 12)?;
        let mut out_rows = Vec::with_capacity(rows.len());
        let mut seen = HashMap::new();
        for (i, v) in rows.iter().enumerate() {
            let p = at_rows.index(i);
            let Some(m) = self.object(v, &p, &["label", "why"]) else {
                continue;
            };
            let label = self.text(m, &p, "label", MAX_TEXT_CHARS);
            let why = self.text(m, &p, "why", MAX_TEXT_CHARS);
            self.distinct(
                &mut seen,
                label.as_deref(),
                &at_rows,
                i,
                "label",
                "row",
                "rows",
            );
            if let (Some(label), Some(why)) = (label, why) {
                out_rows.push(HotRow { label, why });
            }
        }
        let at = path.key("answer");
        let cells = self.array(
            map,
            path,
            "answer",
            subject,
            ("answer cell", "answer cells"),
            1,
            12 * 8,
        )?;
        let n_rows = rows.len();
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
            let (r, c) = (
                usize::try_from(r).unwrap_or(usize::MAX),
                usize::try_from(c).unwrap_or(usize::MAX),
            );
            if r >= n_rows {
                self.err(
                    &p,
                    format!(
                        "row {r} is outside the grid (it has {})",
                        plural(n_rows, "row", "rows")
                    ),
                );
            } else if let Some(n) = n_cols
                && c >= n
            {
                self.err(
                    &p,
                    format!(
                        "column {c} is outside the grid (it has {})",
                        plural(n, "column", "columns")
                    ),
                );
            } else if let Some(first) = answer.iter().position(|x| *x == (r, c)) {
                self.err(
                    &p,
                    format!("duplicate cell [{r}, {c}] (same as answer[{first}])"),
                );
            } else {
                answer.push((r, c));
            }
        }
        answer.sort_unstable();
        Some(Body::HotArea {
            columns: columns?,
            rows: out_rows,
            answer,
        })
    }
}

/// "a single question", "an order question"…: how array-length messages name the question.
fn subject(kind: Kind) -> &'static str {
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
