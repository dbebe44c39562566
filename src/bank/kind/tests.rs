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
