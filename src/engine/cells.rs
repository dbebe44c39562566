//! A learner's accuracy per responsibility-matrix cell: which cells one answer got right.
//!
//! A question can touch many cells (a whole row, a column); missing one of them must not count
//! against the others. Each cell is judged by the part of the answer that speaks to it alone.

use crate::bank::question::{Question, Response};

use super::grade::{grade, judged};

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
    // The parts the answer speaks to on their own pair with the cells when there are as many.
    match judged(&q.body, response) {
        Some(parts) if parts.len() == n => parts.into_iter().enumerate().collect(),
        Some(_) | None => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
