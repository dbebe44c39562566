//! A learner's accuracy per responsibility-matrix cell: which cells one answer got right.
//!
//! A question can touch many cells (a whole row, a column); missing one of them must not count
//! against the others. Each cell is judged by the part of the answer that speaks to it alone.

use std::collections::BTreeSet;

use crate::bank::question::{Body, Question, Response};

use super::grade::grade;

/// Per cell of `q` (an index into `q.cells`): whether `response` got that cell right. Only the
/// cells the answer speaks to on its own are listed: the cell of a one-cell question; the
/// statement, item, row or choice paired with each cell of a yes/no series, a match, a hot
/// area or a pick-the-cells question. A many-cell question of another shape lists none (its
/// miss cannot be pinned on one cell).
pub fn cell_results(q: &Question, response: &Response) -> Vec<(usize, bool)> {
    let n = q.cells.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![(0, grade(&q.body, Some(response)).is_correct())];
    }
    match (&q.body, response) {
        (Body::YesNo { statements }, Response::YesNo(_)) if statements.len() == n => {
            per_part(q, response)
        }
        (Body::Match { items, .. }, Response::Match(_)) if items.len() == n => {
            per_part(q, response)
        }
        (Body::Multi { choices }, Response::Choices(picked)) if choices.len() == n => {
            let picked: BTreeSet<usize> = picked.iter().copied().collect();
            choices
                .iter()
                .enumerate()
                .map(|(i, c)| (i, picked.contains(&i) == c.correct))
                .collect()
        }
        (
            Body::HotArea {
                columns,
                rows,
                answer,
            },
            Response::HotArea(selected),
        ) if rows.len() * columns.len() == n => {
            let selected: BTreeSet<&(usize, usize)> = selected.iter().collect();
            let key: BTreeSet<&(usize, usize)> = answer.iter().collect();
            (0..rows.len())
                .flat_map(|r| (0..columns.len()).map(move |c| (r, c)))
                .enumerate()
                .map(|(i, cell)| (i, selected.contains(&cell) == key.contains(&cell)))
                .collect()
        }
        // Every kind is named (no `_`): a new kind fails to compile here until it is decided.
        (
            Body::Single { .. }
            | Body::Multi { .. }
            | Body::YesNo { .. }
            | Body::Dropdown { .. }
            | Body::Match { .. }
            | Body::Order { .. }
            | Body::HotArea { .. },
            _,
        ) => Vec::new(),
    }
}

/// One cell per scored part, in order (statements, items).
fn per_part(q: &Question, response: &Response) -> Vec<(usize, bool)> {
    grade(&q.body, Some(response))
        .parts
        .into_iter()
        .enumerate()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::question::{CellRef, HotRow};
    use crate::engine::fixtures::{TOPICS, yes_no};
    use crate::rules::{Model, Owner};

    fn cell(layer: &str) -> CellRef {
        CellRef {
            layer: layer.into(),
            model: Model::Iaas,
            owner: Some(Owner::Customer),
        }
    }

    #[test]
    fn a_missed_statement_counts_against_its_own_cell_only() {
        let mut q = yes_no("q", "c", TOPICS[0], &[true, false, true]);
        q.cells = vec![cell("a"), cell("b"), cell("c")];
        let r = Response::YesNo(vec![Some(true), Some(true), Some(true)]);
        assert_eq!(cell_results(&q, &r), vec![(0, true), (1, false), (2, true)]);
    }

    #[test]
    fn a_hot_area_column_judges_each_row_and_other_shapes_say_nothing() {
        let mut q = yes_no("q", "c", TOPICS[0], &[true]);
        q.body = Body::HotArea {
            columns: vec!["IaaS".into()],
            rows: (0..3)
                .map(|i| HotRow {
                    label: format!("row {i}"),
                    why: String::new(),
                })
                .collect(),
            answer: vec![(0, 0), (2, 0)],
        };
        q.cells = vec![cell("a"), cell("b"), cell("c")];
        // Row 1 wrongly selected, row 2 missed; row 0 right.
        let r = Response::HotArea(vec![(0, 0), (1, 0)]);
        assert_eq!(
            cell_results(&q, &r),
            vec![(0, true), (1, false), (2, false)]
        );
        q.cells.pop();
        assert!(
            cell_results(&q, &r).is_empty(),
            "rows and cells do not pair"
        );
    }
}
