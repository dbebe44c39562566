//! `matrix` tables: a single per cell, a yes/no series per row, a match and a hot area per
//! column.

use super::fact::{
    Ctx, cap_owned, choice, hash_numbered, pick_wrong, placed, sentence, statement, truth_pattern,
};
use crate::bank::question::{Body, HotRow, MatchItem, Question};
use crate::facts::{Matrix, MatrixRow};

pub fn generate(cx: &Ctx<'_>, m: &Matrix, out: &mut Vec<Question>) {
    for r in 0..m.rows.len() {
        for c in 0..m.columns.len() {
            if let Some(q) = single(cx, m, r, c) {
                out.push(q);
            }
        }
        if let Some(q) = series(cx, m, r) {
            out.push(q);
        }
    }
    for c in 0..m.columns.len() {
        out.extend(matching(cx, m, c));
        out.extend(hot_area(cx, m, c));
    }
}

/// The concept of a column's match and hot area: `<table>.col_<column>` (`_` never occurs in a
/// row or column id, so it cannot meet a row's `<table>.<row>` or a cell's concept). Also the
/// set a learner mixes up each of the column's cells with ([`Question::confusable`]): one
/// attribute across the rows.
fn column_concept(cx: &Ctx<'_>, column: &str) -> String {
    cx.concept(&format!("col_{column}"))
}

/// The template with `{row}` (the row's name), `{row_text}` (its name as a sentence reads it,
/// capitalised when it starts the text) and `{value}` filled in.
fn fill(template: &str, row: &MatrixRow, value: &str) -> String {
    let filled = template
        .replace("{row_text}", &row.in_text)
        .replace("{row}", &row.name)
        .replace("{value}", value);
    if template.starts_with("{row_text}") {
        cap_owned(filled)
    } else {
        filled
    }
}

/// What explains the cell: its note, or the column's claim with its value (a Yes/No column's
/// claim when the cell is Yes, its `claim_no` when it is No).
fn fact(m: &Matrix, r: usize, c: usize) -> Option<String> {
    let value = m.value(r, c)?;
    let (row, col) = (&m.rows[r], &m.columns[c]);
    Some(match m.notes.get(&(r, c)) {
        Some(note) => sentence(note),
        None if col.is_yes_no() && value != "Yes" => sentence(&fill(
            col.claim_no.as_deref().unwrap_or(&col.claim),
            row,
            "",
        )),
        None => sentence(&fill(&col.claim, row, value)),
    })
}

/// Whether `value` names the row it would be offered for, as a relative value does ("Between
/// hot and archive" for the hot or the archive tier): such a value is never a wrong choice
/// for that row, since it cannot be true of it. The row is named by the first word of its name
/// that is not "Azure", "Microsoft" or an article.
pub(super) fn names_row(value: &str, row_name: &str) -> bool {
    const SKIP: [&str; 5] = ["azure", "microsoft", "a", "an", "the"];
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let Some(key) = words(row_name)
        .into_iter()
        .find(|w| w.chars().count() >= 3 && !SKIP.contains(&w.as_str()))
    else {
        return false;
    };
    words(value).contains(&key)
}

/// The column's values other than the cell's that may be offered as wrong for row `r`.
fn wrong_values<'m>(m: &'m Matrix, r: usize, c: usize, value: &str) -> Vec<(usize, &'m String)> {
    m.columns[c]
        .values
        .iter()
        .enumerate()
        .filter(|(_, v)| *v != value && !names_row(v, &m.rows[r].name))
        .collect()
}

fn single(cx: &Ctx<'_>, m: &Matrix, r: usize, c: usize) -> Option<Question> {
    let (row, col) = (&m.rows[r], &m.columns[c]);
    let value = m.value(r, c)?;
    let tail = format!("{}.{}", row.meta.id, col.id);
    let id = cx.id(&format!("{tail}.single"));
    let why = fact(m, r, c)?;
    let others: Vec<(usize, usize)> = wrong_values(m, r, c, value)
        .into_iter()
        .map(|(i, v)| (i, v.len()))
        .collect();
    if others.is_empty() {
        return None;
    }
    let wrong = pick_wrong(&id, value.len(), &others, 3)
        .into_iter()
        .map(|i| {
            choice(
                &col.values[i],
                false,
                format!("The answer is {value}, not {}. {why}", col.values[i]),
            )
        })
        .collect();
    let choices = placed(&id, choice(value, true, why.clone()), wrong);
    let prompt = fill(&col.ask, row, value);
    // The right choice's why states the cell; the explanation shows the whole row at a
    // glance, which says it once more only for a one-column table or an overlong row.
    let explanation = row_summary(m, r).unwrap_or(why);
    Some(
        cx.question(&row.meta, id, cx.concept(&tail), prompt)
            .confusable(column_concept(cx, &col.id))
            .done(Body::Single { choices }, explanation),
    )
}

/// The row's cells in one sentence, "{row}: {column} {value}; {column} {value}…", when it has
/// two or more and the sentence stays short.
fn row_summary(m: &Matrix, r: usize) -> Option<String> {
    let parts: Vec<String> = (0..m.columns.len())
        .filter_map(|c| Some(format!("{}: {}", m.columns[c].name, m.value(r, c)?)))
        .collect();
    let text = format!(
        "{}, at a glance: {}.",
        m.rows[r].name.trim_end_matches('.'),
        parts.join("; ")
    );
    (parts.len() >= 2 && text.chars().count() <= SUMMARY_CHARS).then_some(text)
}

/// The row's claims, about half made false with another value of their column.
fn series(cx: &Ctx<'_>, m: &Matrix, r: usize) -> Option<Question> {
    let row = &m.rows[r];
    let cols: Vec<usize> = (0..m.columns.len())
        .filter(|c| m.value(r, *c).is_some())
        .collect();
    if cols.len() < 2 {
        return None;
    }
    let id = cx.id(&cat!(row.meta.id, ".series"));
    let pattern = truth_pattern(&id, cols.len());
    let mut statements = Vec::with_capacity(cols.len());
    for (c, shown_true) in cols.iter().zip(pattern) {
        let col = &m.columns[*c];
        let value = m.value(r, *c)?;
        let why = fact(m, r, *c)?;
        if let (true, Some(claim_no)) = (col.is_yes_no(), &col.claim_no) {
            // A statement asserts Yes (`claim`) or No (`claim_no`); whether it holds is the
            // learner's judgement, never a "…: No." at its end.
            let asserts_yes = (value == "Yes") == shown_true;
            let text = if asserts_yes { &col.claim } else { claim_no };
            statements.push(statement(sentence(&fill(text, row, "")), shown_true, why));
            continue;
        }
        let others = wrong_values(m, r, *c, value);
        let shown = match others.len() {
            0 => value.to_string(),
            n if !shown_true => {
                let pick = usize::try_from(hash_numbered(&id, *c) % n as u64).unwrap_or(0);
                others[pick].1.clone()
            }
            _ => value.to_string(),
        };
        statements.push(statement(
            sentence(&fill(&col.claim, row, &shown)),
            shown == value,
            why,
        ));
    }
    let prompt = format!(
        "For each statement about {}, select Yes if the statement is true. Otherwise, select No.",
        row.in_text
    );
    let explanation = cols
        .iter()
        .take(3)
        .filter_map(|c| fact(m, r, *c))
        .collect::<Vec<_>>()
        .join(" ");
    Some(
        cx.question(&row.meta, id, cx.concept(&row.meta.id), prompt)
            .done(Body::YesNo { statements }, explanation),
    )
}

/// Rows with a value in column `c` (at most 12).
fn column_rows(m: &Matrix, c: usize) -> Vec<usize> {
    (0..m.rows.len())
        .filter(|r| m.value(*r, c).is_some())
        .take(12)
        .collect()
}

fn matching(cx: &Ctx<'_>, m: &Matrix, c: usize) -> Option<Question> {
    let col = &m.columns[c];
    let rows = column_rows(m, c);
    if rows.len() < 3 || col.values.len() > 6 {
        return None;
    }
    let items = rows
        .iter()
        .map(|r| {
            let v = m.cells.get(&(*r, c)).copied().unwrap_or(0);
            Some(MatchItem {
                text: m.rows[*r].name.clone(),
                category: v,
                why: fact(m, *r, c)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let first = &m.rows[rows[0]].meta;
    let prompt = format!(
        "Match each {} to its value for: {}. A value may be used once, more than once, or not at all.",
        m.subject, col.name
    );
    let id = cx.id(&cat!(col.id, ".match"));
    let explanation = column_summary(m, c, &rows);
    Some(
        cx.question(first, id, column_concept(cx, &col.id), prompt)
            .confusable(column_concept(cx, &col.id))
            .also_cites(rows.iter().map(|r| &m.rows[*r].meta))
            .done(
                Body::Match {
                    categories: col.values.clone(),
                    items,
                },
                explanation,
            ),
    )
}

/// The most characters a match or hot area explanation spends listing its cells.
const SUMMARY_CHARS: usize = 300;

/// One sentence naming the cells: "{column}, for each {subject}: {row} — {value}; {row} —
/// {value}…" (rows and values may hold commas themselves, so neither separates). Where the rows
/// are whole scenarios that list would be a paragraph (each row's why already names its own
/// cell), so it counts the values instead: "{column}: Public cloud for 3, … Each item's own
/// note gives the reason."
fn column_summary(m: &Matrix, c: usize, rows: &[usize]) -> String {
    let col = &m.columns[c];
    let parts: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            Some(format!(
                "{} — {}",
                m.rows[*r].name.trim_end_matches('.'),
                m.value(*r, c)?
            ))
        })
        .collect();
    let listed = format!(
        "{}, for each {}: {}.",
        col.name,
        m.subject,
        parts.join("; ")
    );
    if listed.chars().count() <= SUMMARY_CHARS {
        return listed;
    }
    let counts: Vec<String> = col
        .values
        .iter()
        .enumerate()
        .filter_map(|(v, name)| {
            let n = rows
                .iter()
                .filter(|r| m.cells.get(&(**r, c)) == Some(&v))
                .count();
            (n > 0).then(|| format!("{name} for {n}"))
        })
        .collect();
    format!(
        "{}: {}. Each item's own note gives the reason.",
        col.name,
        super::text::join_and(&counts)
    )
}

fn hot_area(cx: &Ctx<'_>, m: &Matrix, c: usize) -> Option<Question> {
    let col = &m.columns[c];
    let rows = column_rows(m, c);
    if rows.len() < 3 {
        return None;
    }
    let mut answer = Vec::with_capacity(rows.len());
    let mut hot_rows = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        answer.push((i, m.cells.get(&(*r, c)).copied()?));
        hot_rows.push(HotRow {
            label: m.rows[*r].name.clone(),
            why: fact(m, *r, c)?,
        });
    }
    let first = &m.rows[rows[0]].meta;
    let prompt = format!(
        "For each {}, select the right value for: {}. Select one cell per row.",
        m.subject, col.name
    );
    let id = cx.id(&cat!(col.id, ".hot-area"));
    let explanation = column_summary(m, c, &rows);
    Some(
        cx.question(first, id, column_concept(cx, &col.id), prompt)
            .confusable(column_concept(cx, &col.id))
            .also_cites(rows.iter().map(|r| &m.rows[*r].meta))
            .done(
                Body::HotArea {
                    columns: col.values.clone(),
                    rows: hot_rows,
                    answer,
                    one_per_row: true,
                },
                explanation,
            ),
    )
}
