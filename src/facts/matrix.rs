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
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub id: String,
    pub name: String,
    /// 2–8 distinct values.
    pub values: Vec<String>,
    /// A question about one row, with `{row}`.
    pub ask: String,
    /// A statement with `{row}` and `{value}`, true for the cell's value only.
    pub claim: String,
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
        &["id", "name", "objective", "source"],
        |c, m, p| {
            let meta = read::meta(c, m, p);
            let name = read::text(c, m, p, "name");
            Some(MatrixRow {
                meta: meta?,
                name: name?,
            })
        },
    );
    let columns = read::rows(
        c,
        map,
        &root,
        "columns",
        (1, 20),
        &["id", "name", "values", "ask", "claim"],
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

fn column(c: &mut Checker<'_>, m: &Obj, p: &At<'_>) -> Option<Column> {
    let id = read::row_id(c, m, p);
    let name = read::text(c, m, p, "name");
    let ask = read::template(c, m, p, "ask", &["{row}"]);
    let claim = read::template(c, m, p, "claim", &["{row}", "{value}"]);
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
    Some(Column {
        id: id?,
        name: name?,
        values,
        ask: ask?,
        claim: claim?,
    })
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
