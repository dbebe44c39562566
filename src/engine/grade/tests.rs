use super::*;
use crate::bank::question::{Choice, HotRow, MatchItem, OrderItem, Statement};

fn choice(text: &str, correct: bool) -> Choice {
    Choice {
        text: text.into(),
        correct,
        why: String::new(),
    }
}

#[test]
fn single_and_dropdown_score_one_point_for_the_right_choice_only() {
    let choices = vec![choice("a", false), choice("b", true), choice("c", false)];
    let single = Body::Single {
        choices: choices.clone(),
    };
    assert_eq!(grade(&single, Some(&Response::Choices(vec![1]))).points, 1);
    assert_eq!(grade(&single, Some(&Response::Choices(vec![0]))).points, 0);
    assert_eq!(
        grade(&single, Some(&Response::Choices(vec![1, 0]))).points,
        0
    );
    assert_eq!(grade(&single, Some(&Response::Choices(vec![99]))).points, 0);
    assert_eq!(grade(&single, None), Grade::zero(1));
    let dropdown = Body::Dropdown {
        sentence: "x ___ y".into(),
        choices,
    };
    assert!(grade(&dropdown, Some(&Response::Choices(vec![1]))).is_correct());
}

#[test]
fn multi_scores_a_point_per_right_pick_and_penalises_extra_picks() {
    let body = Body::Multi {
        choices: vec![
            choice("a", true),
            choice("b", false),
            choice("c", true),
            choice("d", false),
        ],
    };
    let g = grade(&body, Some(&Response::Choices(vec![0, 2])));
    assert_eq!((g.points, g.max), (2, 2));
    assert_eq!(grade(&body, Some(&Response::Choices(vec![0, 1]))).points, 1);
    assert_eq!(
        grade(&body, Some(&Response::Choices(vec![0, 1, 2]))).points,
        1
    );
    assert_eq!(
        grade(&body, Some(&Response::Choices(vec![0, 1, 2, 3]))).points,
        0
    );
    assert_eq!(grade(&body, Some(&Response::Choices(vec![]))).points, 0);
}

#[test]
fn yes_no_scores_each_statement() {
    let st = |a| Statement {
        text: "s".into(),
        answer: a,
        why: String::new(),
    };
    let body = Body::YesNo {
        statements: vec![st(true), st(false), st(true)],
    };
    let g = grade(
        &body,
        Some(&Response::YesNo(vec![Some(true), Some(true), None])),
    );
    assert_eq!(g.parts, vec![true, false, false]);
    assert_eq!((g.points, g.max), (1, 3));
}

#[test]
fn match_scores_each_item() {
    let item = |c| MatchItem {
        text: "i".into(),
        category: c,
        why: String::new(),
    };
    let body = Body::Match {
        categories: vec!["A".into(), "B".into()],
        items: vec![item(0), item(1), item(1)],
    };
    let g = grade(
        &body,
        Some(&Response::Match(vec![Some(0), Some(0), Some(1)])),
    );
    assert_eq!(g.parts, vec![true, false, true]);
}

#[test]
fn order_scores_each_item_in_its_place() {
    let item = || OrderItem {
        text: "i".into(),
        why: String::new(),
    };
    let body = Body::Order {
        items: vec![item(), item(), item()],
    };
    assert!(grade(&body, Some(&Response::Order(vec![0, 1, 2]))).is_correct());
    assert_eq!(
        grade(&body, Some(&Response::Order(vec![0, 2, 1]))).points,
        1
    );
    assert_eq!(
        grade(&body, Some(&Response::Order(vec![2, 0, 1]))).points,
        0
    );
}

#[test]
fn hot_area_scores_key_cells_less_wrong_selections() {
    let row = || HotRow {
        label: "r".into(),
        why: String::new(),
    };
    let body = Body::HotArea {
        columns: vec!["a".into(), "b".into()],
        rows: vec![row(), row()],
        answer: vec![(0, 0), (1, 1)],
        one_per_row: false,
    };
    assert!(grade(&body, Some(&Response::HotArea(vec![(1, 1), (0, 0)]))).is_correct());
    assert_eq!(
        grade(&body, Some(&Response::HotArea(vec![(0, 0)]))).points,
        1
    );
    assert_eq!(
        grade(&body, Some(&Response::HotArea(vec![(0, 0), (0, 1)]))).points,
        0
    );
    // Selecting everything earns nothing.
    let all = vec![(0, 0), (0, 1), (1, 0), (1, 1)];
    assert_eq!(grade(&body, Some(&Response::HotArea(all))).points, 0);
}

#[test]
fn a_one_cell_per_row_grid_scores_a_point_per_row_right() {
    let row = || HotRow {
        label: "r".into(),
        why: String::new(),
    };
    let body = Body::HotArea {
        columns: vec!["a".into(), "b".into(), "c".into()],
        rows: vec![row(), row(), row(), row()],
        answer: vec![(0, 0), (1, 1), (2, 2), (3, 0)],
        one_per_row: true,
    };
    let points =
        |cells: &[(usize, usize)]| grade(&body, Some(&Response::HotArea(cells.to_vec()))).points;
    // Three rows right, one wrong: 3 of 4 (a wrong row does not also cancel a right one).
    assert_eq!(points(&[(0, 0), (1, 1), (2, 2), (3, 1)]), 3);
    assert_eq!(points(&[(0, 1), (1, 0), (2, 2), (3, 0)]), 2);
    // Two cells in a row (never from a front end, which keeps one): the extra one cancels.
    assert_eq!(points(&[(0, 0), (0, 1), (1, 1), (2, 2), (3, 0)]), 3);
}

#[test]
fn a_response_of_the_wrong_shape_scores_zero() {
    let body = Body::Single {
        choices: vec![choice("a", true)],
    };
    assert_eq!(
        grade(&body, Some(&Response::YesNo(vec![Some(true)]))),
        Grade::zero(1)
    );
}

#[test]
fn check_names_what_is_wrong_with_a_response() {
    let item = || OrderItem {
        text: "i".into(),
        why: String::new(),
    };
    let body = Body::Order {
        items: vec![item(), item()],
    };
    assert_eq!(check(&body, &Response::Order(vec![1, 0])), Ok(()));
    assert_eq!(
        check(&body, &Response::Order(vec![1, 1])),
        Err("item 1 placed twice".to_string())
    );
    assert_eq!(
        check(&body, &Response::Choices(vec![0])),
        Err("expected a order response".to_string())
    );
}

#[test]
fn judged_and_picks_speak_only_for_the_kinds_that_have_them() {
    let multi = Body::Multi {
        choices: vec![choice("a", true), choice("b", false), choice("c", true)],
    };
    // a picked (right), b picked (wrong), c left (wrong).
    assert_eq!(
        judged(&multi, &Response::Choices(vec![0, 1])),
        Some(vec![true, false, false])
    );
    assert_eq!(picks(&multi, &Response::Choices(vec![0])), None);
    let single = Body::Single {
        choices: vec![choice("a", false), choice("b", true)],
    };
    assert_eq!(judged(&single, &Response::Choices(vec![1])), None);
    let picked = [0];
    let r = Response::Choices(picked.to_vec());
    assert_eq!(
        picks(&single, &r),
        Some(Picks::One {
            options: vec!["a", "b"],
            keyed: vec![1],
            picked: &picked,
        })
    );
    assert_eq!(judged(&single, &Response::YesNo(vec![])), None);
}
