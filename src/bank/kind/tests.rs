use super::*;

fn choice(text: &str, correct: bool) -> Choice {
    Choice {
        text: text.into(),
        correct,
        why: String::new(),
    }
}

fn order(texts: &[&str]) -> Body {
    Body::Order {
        items: texts
            .iter()
            .map(|t| OrderItem {
                text: (*t).into(),
                why: String::new(),
            })
            .collect(),
    }
}

#[test]
fn the_exam_shares_cover_every_kind_and_add_up_to_the_whole_exam() {
    assert!(Kind::ALL.iter().all(|k| k.exam_share() > 0.0));
    let total: f64 = Kind::ALL.iter().map(|k| k.exam_share()).sum();
    assert!((total - 1.0).abs() < 1e-9, "shares add up to {total}");
}

#[test]
fn an_order_is_shuffled_but_never_solved_and_a_grid_keeps_its_rows() {
    assert_eq!(
        order(&["a", "b", "c"]).layout(),
        (3, Layout::ShuffledUnsolved)
    );
    let single = Body::Single {
        choices: vec![choice("a", true), choice("b", false)],
    };
    assert_eq!(single.layout(), (2, Layout::Shuffled));
    let grid = Body::HotArea {
        columns: vec!["x".into(), "y".into()],
        rows: vec![HotRow {
            label: "r".into(),
            why: String::new(),
        }],
        answer: vec![(0, 1)],
        one_per_row: false,
    };
    assert_eq!(grid.layout(), (1, Layout::Fixed));
}

#[test]
fn export_text_gives_the_key_without_giving_it_away_in_the_options() {
    let o = order(&["second", "first"]);
    assert_eq!(o.answer_text(), "second > first");
    assert_eq!(
        o.options_text(),
        "first | second",
        "options sorted, not in key order"
    );
    let multi = Body::Multi {
        choices: vec![choice("a", true), choice("b", false), choice("c", true)],
    };
    assert_eq!(multi.answer_text(), "a; c");
    assert_eq!(multi.options_text(), "a | b | c");
}

fn question_with(explanation: &str, whys: [&str; 2]) -> crate::bank::question::Question {
    serde_json::from_value(serde_json::json!({
        "id": "q", "concept": "c", "objective": "1.1.1", "topic": "1.1",
        "prompt": "P?", "kind": "single",
        "choices": [
            { "text": "A", "correct": true, "why": whys[0] },
            { "text": "B", "correct": false, "why": whys[1] }
        ],
        "explanation": explanation, "refs": [], "source": { "type": "generated" }
    }))
    .unwrap()
}

#[test]
fn the_explanation_shown_after_the_whys_drops_what_a_why_already_said() {
    let same = question_with("A is right.", ["A is right.", "B is not."]);
    assert_eq!(same.explanation_beyond_parts(), None);
    let more = question_with("Context first. A is right.", ["A is right.", "B is not."]);
    assert_eq!(
        more.explanation_beyond_parts().as_deref(),
        Some("Context first.")
    );
    let all = question_with("A is right. B is not.", ["A is right.", "B is not."]);
    assert_eq!(all.explanation_beyond_parts(), None);
    // A sentence that only restates a part's text ("A") goes too; one that merely names it stays.
    let text = question_with("A. Something about A.", ["A is right.", "B is not."]);
    assert_eq!(
        text.explanation_beyond_parts().as_deref(),
        Some("Something about A.")
    );
    let own = question_with("Something new.", ["A is right.", "B is not."]);
    assert_eq!(
        own.explanation_beyond_parts().as_deref(),
        Some("Something new.")
    );
}

fn grid(one_per_row: bool) -> Body {
    let row = |label: &str| HotRow {
        label: label.into(),
        why: String::new(),
    };
    Body::HotArea {
        columns: vec!["Customer".into(), "Microsoft".into(), "Shared".into()],
        rows: vec![row("OS"), row("Network"), row("Hosts")],
        answer: vec![(0, 0), (1, 2), (2, 1)],
        one_per_row,
    }
}

#[test]
fn a_one_cell_per_row_grid_is_incomplete_until_every_row_has_a_cell() {
    let per_row = grid(true);
    assert_eq!(
        per_row.missing(&Response::HotArea(vec![(0, 0)])),
        Some("2 of 3 rows without a cell.".into())
    );
    assert_eq!(
        per_row.missing(&Response::HotArea(vec![(0, 0), (1, 1)])),
        Some("1 of 3 rows without a cell.".into())
    );
    assert_eq!(
        per_row.missing(&Response::HotArea(vec![(0, 1), (1, 1), (2, 1)])),
        None,
        "complete, right or wrong"
    );
    // A grid that asks for every cell with a property may leave rows empty.
    assert_eq!(grid(false).missing(&Response::HotArea(vec![(0, 0)])), None);
    assert_eq!(
        grid(false).missing(&Response::HotArea(vec![])),
        Some("Select at least one cell.".into())
    );
}

#[test]
fn too_many_picks_of_a_multi_are_not_called_incomplete() {
    let multi = Body::Multi {
        choices: vec![
            choice("a", true),
            choice("b", false),
            choice("c", true),
            choice("d", false),
        ],
    };
    let picked = |c: &[usize]| Response::Choices(c.to_vec());
    assert_eq!(
        multi.missing(&picked(&[0])),
        Some("choose 2, 1 picked.".into())
    );
    assert_eq!(multi.too_many(&picked(&[0])), None);
    assert_eq!(multi.missing(&picked(&[0, 1, 2])), None);
    assert_eq!(
        multi.too_many(&picked(&[0, 1, 2])),
        Some("choose 2, 3 picked.".into())
    );
    assert_eq!(multi.too_many(&picked(&[0, 2])), None);
    assert_eq!(multi.missing(&picked(&[0, 2])), None);
}
