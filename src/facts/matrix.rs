//! `matrix`: rows × columns → value (storage redundancy × properties, tiers × properties…).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::RowMeta;
use super::read;
use crate::bank::pack::check::{At, Checker, quote};

pub const FIELDS: &[&str] = &["subject", "rows", "columns", "cells", "notes"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    pub meta: RowMeta,
    /// The name as a label, choice or match item shows it ("Azure Reservations", "No lock").
    pub name: String,
    /// The name as a sentence reads it after "about" ("Azure Reservations", "the hot tier",
    /// "having no lock"): `in_text` in the table, or [`default_in_text`] of the name.
    pub in_text: String,
}

/// A row's name as it reads mid-sentence when the table gives no `in_text`: a proper name
/// (its first word "Azure", "Microsoft", an acronym or a word with inner capitals) keeps its
/// case and takes no article; any other name takes "the" and a lower-case first letter
/// ("Hot tier" → "the hot tier").
pub fn default_in_text(name: &str) -> String {
    let first = name
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let proper =
        first == "Azure" || first == "Microsoft" || first.chars().skip(1).any(char::is_uppercase);
    if proper {
        return name.to_string();
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(a) => format!("the {}{}", a.to_lowercase(), chars.as_str()),
        None => String::new(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub id: String,
    pub name: String,
    /// 2–8 distinct values.
    pub values: Vec<String>,
    /// A question about one row, with `{row}`.
    pub ask: String,
    /// A statement with `{row}` and `{value}`, true for the cell's value only; in a Yes/No
    /// column ([`Column::is_yes_no`]) a statement with `{row}` alone, true when the cell is Yes.
    pub claim: String,
    /// A Yes/No column's statement with `{row}` alone, true when the cell is No (its `claim`
    /// denied); `None` in any other column.
    pub claim_no: Option<String>,
}

impl Column {
    /// Whether the column's values are exactly Yes and No: its claim then asserts what Yes
    /// means and carries no `{value}` (a statement ending in ": No." reads as its own verdict).
    pub fn is_yes_no(&self) -> bool {
        self.values.len() == 2
            && self.values.iter().any(|v| v == "Yes")
            && self.values.iter().any(|v| v == "No")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// What one row is ("redundancy option").
    pub subject: String,
    pub rows: Vec<MatrixRow>,
    pub columns: Vec<Column>,
    /// Row index → column index → value index (a missing cell is not asked).
    pub cells: BTreeMap<(usize, usize), usize>,
    /// `(row, column)` → the sentence that explains the cell.
    pub notes: BTreeMap<(usize, usize), String>,
}

impl Matrix {
    /// The value of a cell, if given.
    pub fn value(&self, row: usize, col: usize) -> Option<&str> {
        self.cells
            .get(&(row, col))
            .map(|v| self.columns[col].values[*v].as_str())
    }
}

type Obj = Map<String, Value>;

pub fn read(c: &mut Checker<'_>, map: &Obj) -> Option<Matrix> {
    let root = At::ROOT;
    let subject = read::text(c, map, &root, "subject");
    let rows = read::rows(
        c,
        map,
        &root,
        "rows",
        (1, 40),
        &["id", "name", "in_text", "objective", "source"],
        |c, m, p| {
            let meta = read::meta(c, m, p);
            let name = read::text(c, m, p, "name");
            let in_text = read::opt_text(c, m, p, "in_text");
            let name = name?;
            Some(MatrixRow {
                meta: meta?,
                in_text: in_text?.unwrap_or_else(|| default_in_text(&name)),
                name,
            })
        },
    );
    let columns = read::rows(
        c,
        map,
        &root,
        "columns",
        (1, 20),
        &["id", "name", "values", "ask", "claim", "claim_no"],
        column,
    );
    let (rows, columns) = (rows?, columns?);
    let cells = cells(c, map, &rows, &columns);
    let notes = notes(c, map, &rows, &columns);
    Some(Matrix {
        subject: subject?,
        rows,
        columns,
        cells: cells?,
        notes: notes?,
    })
}

/// A text that names the row: `{row}` (its name) or `{row_text}` (its `in_text`).
fn row_template(c: &mut Checker<'_>, m: &Obj, p: &At<'_>, key: &str) -> Option<String> {
    let s = read::text(c, m, p, key)?;
    if s.contains("{row}") || s.contains("{row_text}") {
        Some(s)
    } else {
        c.err(&p.key(key), "must contain {row} or {row_text}".into());
        None
    }
}

fn column(c: &mut Checker<'_>, m: &Obj, p: &At<'_>) -> Option<Column> {
    let id = read::row_id(c, m, p);
    let name = read::text(c, m, p, "name");
    let ask = row_template(c, m, p, "ask");
    let claim = row_template(c, m, p, "claim");
    let claim_no = if m.contains_key("claim_no") {
        row_template(c, m, p, "claim_no").map(Some)
    } else {
        Some(None)
    };
    let items = c.array(m, p, "values", "a column", ("value", "values"), 2, 8)?;
    let at = p.key("values");
    let mut values: Vec<String> = Vec::new();
    for (i, v) in items.iter().enumerate() {
        match v {
            Value::String(s) if c.check_text(&at.index(i), s, 200) => {
                if values.iter().any(|x| x.eq_ignore_ascii_case(s)) {
                    c.err(&at.index(i), format!("{} is listed twice", quote(s)));
                    return None;
                }
                values.push(s.clone());
            }
            Value::String(_) => return None,
            _ => {
                c.err(&at.index(i), "expected a string".into());
                return None;
            }
        }
    }
    (2..=8).contains(&values.len()).then_some(())?;
    let column = Column {
        id: id?,
        name: name?,
        values,
        ask: ask?,
        claim: claim?,
        claim_no: claim_no?,
    };
    let at = p.key("claim");
    match (column.is_yes_no(), &column.claim_no) {
        (true, None) => {
            c.err(
                &p.key("claim_no"),
                "a Yes/No column needs claim_no: the statement that is true when the cell is No \
                 (\"{row} does not keep data available if a zone fails.\")"
                    .into(),
            );
            return None;
        }
        (false, Some(_)) => {
            c.err(
                &p.key("claim_no"),
                "only a column whose values are Yes and No takes claim_no".into(),
            );
            return None;
        }
        _ => {}
    }
    match (column.is_yes_no(), column.claim.contains("{value}")) {
        (true, true) => {
            c.err(
                &at,
                "in a Yes/No column, state what Yes means, without {value}: \"{row} keeps data \
                 available if a zone fails.\" (a statement ending in \": No.\" reads as its own \
                 verdict)"
                    .into(),
            );
            None
        }
        (false, false) => {
            c.err(&at, "must contain {value}".into());
            None
        }
        _ => Some(column),
    }
}

fn cells(
    c: &mut Checker<'_>,
    map: &Obj,
    rows: &[MatrixRow],
    cols: &[Column],
) -> Option<BTreeMap<(usize, usize), usize>> {
    let root = At::ROOT;
    let Value::Object(by_row) = c.field(map, &root, "cells")? else {
        c.err(
            &root.key("cells"),
            "expected an object: row id → column id → value".into(),
        );
        return None;
    };
    let at = root.key("cells");
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (rid, v) in by_row {
        let p = at.key(rid);
        let Some(r) = rows.iter().position(|x| x.meta.id == *rid) else {
            c.err(&p, format!("{} names no row of this table", quote(rid)));
            ok = false;
            continue;
        };
        let Value::Object(by_col) = v else {
            c.err(&p, "expected an object: column id → value".into());
            ok = false;
            continue;
        };
        for (cid, v) in by_col {
            let q = p.key(cid);
            let Some(col) = cols.iter().position(|x| x.id == *cid) else {
                c.err(&q, format!("{} names no column of this table", quote(cid)));
                ok = false;
                continue;
            };
            match v
                .as_str()
                .and_then(|s| cols[col].values.iter().position(|x| x == s))
            {
                Some(value) => {
                    out.insert((r, col), value);
                }
                None => {
                    c.err(
                        &q,
                        format!(
                            "must be one of the column's values: {}",
                            cols[col].values.join(", ")
                        ),
                    );
                    ok = false;
                }
            }
        }
    }
    ok.then_some(out)
}

fn notes(
    c: &mut Checker<'_>,
    map: &Obj,
    rows: &[MatrixRow],
    cols: &[Column],
) -> Option<BTreeMap<(usize, usize), String>> {
    let root = At::ROOT;
    let mut out = BTreeMap::new();
    let Some(v) = map.get("notes") else {
        return Some(out);
    };
    let Value::Object(notes) = v else {
        c.err(
            &root.key("notes"),
            "expected an object: \"<row>.<column>\" → sentence".into(),
        );
        return None;
    };
    let at = root.key("notes");
    let mut ok = true;
    for (key, v) in notes {
        let p = at.key(key);
        let cell = key.split_once('.').and_then(|(r, col)| {
            Some((
                rows.iter().position(|x| x.meta.id == r)?,
                cols.iter().position(|x| x.id == col)?,
            ))
        });
        match (cell, v) {
            (Some(cell), Value::String(s))
                if c.check_text(&p, s, crate::bank::pack::MAX_TEXT_CHARS) =>
            {
                out.insert(cell, s.clone());
            }
            (Some(_), Value::String(_)) => ok = false,
            (Some(_), _) => {
                c.err(&p, "expected a string".into());
                ok = false;
            }
            (None, _) => {
                c.err(
                    &p,
                    format!(
                        "{} is not \"<row id>.<column id>\" of this table",
                        quote(key)
                    ),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}
