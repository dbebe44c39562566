//! Grading: one point per correct part, as Microsoft scores multi-part items; and the other
//! questions that compare a response with a body (is it well formed, which of the parts shown
//! did it get right, which option was picked where another was keyed). With [`crate::bank::kind`]
//! this is the one place of the engine that decides per kind.

use std::collections::BTreeSet;

use crate::bank::question::{Body, Grade, Response};

/// Grades `response` against `body`. A response of the wrong shape (or `None`, unanswered)
/// earns zero points; it never panics on out-of-range indices.
pub fn grade(body: &Body, response: Option<&Response>) -> Grade {
    let max = body.parts();
    let Some(response) = response else {
        return Grade::zero(max);
    };
    let parts: Vec<bool> = match (body, response) {
        (Body::Single { choices }, Response::Choices(picked))
        | (Body::Dropdown { choices, .. }, Response::Choices(picked)) => {
            let right =
                picked.len() == 1 && choices.get(picked[0]).map(|c| c.correct).unwrap_or(false);
            vec![right]
        }
        (Body::Multi { choices }, Response::Choices(picked)) => {
            // One part per correct choice, earned when picked. Picking more than the question
            // asks for loses one earned part per extra pick, so "select everything" earns nothing.
            let picked: BTreeSet<usize> = picked.iter().copied().collect();
            let mut hits: Vec<bool> = choices
                .iter()
                .enumerate()
                .filter(|(_, c)| c.correct)
                .map(|(i, _)| picked.contains(&i))
                .collect();
            let extra = picked.len().saturating_sub(hits.len());
            remove_hits(&mut hits, extra);
            hits
        }
        (Body::YesNo { statements }, Response::YesNo(answers)) => statements
            .iter()
            .enumerate()
            .map(|(i, s)| answers.get(i).copied().flatten() == Some(s.answer))
            .collect(),
        (Body::Match { items, .. }, Response::Match(assigned)) => items
            .iter()
            .enumerate()
            .map(|(i, it)| assigned.get(i).copied().flatten() == Some(it.category))
            .collect(),
        (Body::Order { items }, Response::Order(order)) => (0..items.len())
            .map(|pos| order.get(pos) == Some(&pos))
            .collect(),
        (
            Body::HotArea {
                answer,
                one_per_row,
                ..
            },
            Response::HotArea(selected),
        ) => {
            let selected: BTreeSet<(usize, usize)> = selected.iter().copied().collect();
            let mut hits: Vec<bool> = answer.iter().map(|c| selected.contains(c)).collect();
            // A wrong cell cancels a right one, except in a one-cell-per-row grid where it is
            // its row's only pick: that row is already lost (one point per row, as a match).
            let crowded = |r: usize| selected.iter().filter(|c| c.0 == r).count() > 1;
            let wrong = selected
                .iter()
                .filter(|c| !answer.contains(c))
                .filter(|c| !*one_per_row || crowded(c.0))
                .count();
            remove_hits(&mut hits, wrong);
            hits
        }
        // A response of another kind's shape. Every kind is named (no `_`), so a new kind
        // fails to compile here until it is graded.
        (
            Body::Single { .. }
            | Body::Multi { .. }
            | Body::YesNo { .. }
            | Body::Dropdown { .. }
            | Body::Match { .. }
            | Body::Order { .. }
            | Body::HotArea { .. },
            _,
        ) => return Grade::zero(max),
    };
    let points = u32::try_from(parts.iter().filter(|p| **p).count()).unwrap_or(0);
    Grade { points, max, parts }
}

/// Checks that `response` has the body's shape and in-range indices; the error says what is
/// wrong. (Grading never needs this: it scores a malformed response zero. A session refuses
/// one, so a front end's bug is not recorded as a wrong answer.)
pub fn check(body: &Body, response: &Response) -> Result<(), String> {
    let in_range = |i: usize, n: usize, what: &str| {
        if i < n {
            Ok(())
        } else {
            Err(format!("{what} {i} out of range (0..{n})"))
        }
    };
    match (body, response) {
        (Body::Single { choices }, Response::Choices(p))
        | (Body::Dropdown { choices, .. }, Response::Choices(p))
        | (Body::Multi { choices }, Response::Choices(p)) => {
            for i in p {
                in_range(*i, choices.len(), "choice")?;
            }
            Ok(())
        }
        (Body::YesNo { statements }, Response::YesNo(a)) => {
            if a.len() == statements.len() {
                Ok(())
            } else {
                Err(format!(
                    "{} answers for {} statements",
                    a.len(),
                    statements.len()
                ))
            }
        }
        (Body::Match { categories, items }, Response::Match(a)) => {
            if a.len() != items.len() {
                return Err(format!("{} answers for {} items", a.len(), items.len()));
            }
            for c in a.iter().flatten() {
                in_range(*c, categories.len(), "category")?;
            }
            Ok(())
        }
        (Body::Order { items }, Response::Order(o)) => {
            let mut seen = vec![false; items.len()];
            for i in o {
                in_range(*i, items.len(), "item")?;
                if std::mem::replace(&mut seen[*i], true) {
                    return Err(format!("item {i} placed twice"));
                }
            }
            if o.len() == items.len() {
                Ok(())
            } else {
                Err(format!("{} of {} items placed", o.len(), items.len()))
            }
        }
        (Body::HotArea { columns, rows, .. }, Response::HotArea(cells)) => {
            for (r, c) in cells {
                in_range(*r, rows.len(), "row")?;
                in_range(*c, columns.len(), "column")?;
            }
            Ok(())
        }
        (
            Body::Single { .. }
            | Body::Multi { .. }
            | Body::YesNo { .. }
            | Body::Dropdown { .. }
            | Body::Match { .. }
            | Body::Order { .. }
            | Body::HotArea { .. },
            _,
        ) => Err(format!("expected a {} response", body.kind().id())),
    }
}

/// The response judged per thing the learner answers on its own, when the kind has such
/// things: per statement (yes/no), item (match), choice (multi: picked when it is correct, left
/// when it is not) or grid cell (hot area, row by row). `None` for a kind whose answer is one
/// pick or one arrangement (single, dropdown, order) and for a response of another shape.
/// Per-cell accuracy (`engine::cells`) pairs these with a question's matrix cells.
pub fn judged(body: &Body, response: &Response) -> Option<Vec<bool>> {
    match (body, response) {
        (Body::YesNo { .. }, Response::YesNo(_)) | (Body::Match { .. }, Response::Match(_)) => {
            Some(grade(body, Some(response)).parts)
        }
        (Body::Multi { choices }, Response::Choices(picked)) => {
            let picked: BTreeSet<usize> = picked.iter().copied().collect();
            Some(
                choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| picked.contains(&i) == c.correct)
                    .collect(),
            )
        }
        (
            Body::HotArea {
                columns,
                rows,
                answer,
                ..
            },
            Response::HotArea(selected),
        ) => {
            let selected: BTreeSet<&(usize, usize)> = selected.iter().collect();
            let key: BTreeSet<&(usize, usize)> = answer.iter().collect();
            Some(
                (0..rows.len())
                    .flat_map(|r| (0..columns.len()).map(move |c| (r, c)))
                    .map(|cell| selected.contains(&cell) == key.contains(&cell))
                    .collect(),
            )
        }
        (
            Body::Single { .. }
            | Body::Multi { .. }
            | Body::YesNo { .. }
            | Body::Dropdown { .. }
            | Body::Match { .. }
            | Body::Order { .. }
            | Body::HotArea { .. },
            _,
        ) => None,
    }
}

/// A response read as picks among named options, for views that compare the keyed option with
/// the chosen one (the owner confusion table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picks<'a> {
    /// One pick among named options (single, dropdown).
    One {
        /// The options' texts, in the question's order.
        options: Vec<&'a str>,
        /// The options keyed right.
        keyed: Vec<usize>,
        /// The options picked.
        picked: &'a [usize],
    },
    /// Each item put in one of the named options (match).
    Each {
        /// The options' texts (a match's categories).
        options: Vec<&'a str>,
        /// Per item: the keyed option and the chosen one (`None`: left open).
        items: Vec<(usize, Option<usize>)>,
    },
}

/// `response` as [`Picks`], for the kinds answered by picking named options; `None` for the
/// others and for a response of another shape.
pub fn picks<'a>(body: &'a Body, response: &'a Response) -> Option<Picks<'a>> {
    match (body, response) {
        (Body::Single { choices }, Response::Choices(picked))
        | (Body::Dropdown { choices, .. }, Response::Choices(picked)) => Some(Picks::One {
            options: choices.iter().map(|c| c.text.as_str()).collect(),
            keyed: (0..choices.len()).filter(|i| choices[*i].correct).collect(),
            picked,
        }),
        (Body::Match { categories, items }, Response::Match(assigned)) => Some(Picks::Each {
            options: categories.iter().map(String::as_str).collect(),
            items: items
                .iter()
                .zip(assigned)
                .map(|(item, a)| (item.category, *a))
                .collect(),
        }),
        (
            Body::Single { .. }
            | Body::Multi { .. }
            | Body::YesNo { .. }
            | Body::Dropdown { .. }
            | Body::Match { .. }
            | Body::Order { .. }
            | Body::HotArea { .. },
            _,
        ) => None,
    }
}

/// Turns up to `n` earned parts into lost ones, from the last (over-selection penalty).
fn remove_hits(hits: &mut [bool], mut n: usize) {
    for h in hits.iter_mut().rev() {
        if n == 0 {
            break;
        }
        if *h {
            *h = false;
            n -= 1;
        }
    }
}

#[cfg(test)]
mod tests;
