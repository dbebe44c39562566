use super::*;
use crate::bank::question::{Body, CellRef, HotRow};
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
        one_per_row: false,
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
