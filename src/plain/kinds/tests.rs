use super::*;

/// A question of `kind` with the kind's `fields`, read as a pack would read it.
fn question(fields: serde_json::Value) -> Question {
    let mut q = serde_json::json!({
        "id": "q", "concept": "c", "objective": "1.1.1", "topic": "1.1",
        "prompt": "P?", "explanation": "E.", "refs": [], "source": { "type": "generated" }
    });
    if let (Some(q), serde_json::Value::Object(f)) = (q.as_object_mut(), fields) {
        q.extend(f);
    }
    serde_json::from_value(q).unwrap()
}

fn grid(one_per_row: bool) -> Question {
    question(serde_json::json!({
        "kind": "hot_area",
        "columns": ["Customer", "Microsoft", "Shared"],
        "rows": [
            { "label": "OS", "why": "" },
            { "label": "Network", "why": "" },
            { "label": "Hosts", "why": "" }
        ],
        "answer": [[0, 0], [1, 2], [2, 1]],
        "one_per_row": one_per_row
    }))
}

fn refused(q: &Question, order: &[usize], line: &str) -> String {
    match parse_answer(q, order, line) {
        Ok(r) => panic!("{line:?} was taken as {r:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_one_per_row_grid_takes_one_cell_in_every_row() {
    let q = grid(true);
    assert_eq!(
        parse_answer(&q, &[], "1a 2c 3b").unwrap(),
        Response::HotArea(vec![(0, 0), (1, 2), (2, 1)])
    );
    assert_eq!(
        refused(&q, &[], "1a 1b 2b 3c"),
        "row 1: select one cell per row"
    );
    assert_eq!(
        refused(&q, &[], "1a 2b"),
        "incomplete: 1 of 3 rows without a cell."
    );
    assert_eq!(
        refused(&q, &[], "1a 1a 2b 3c"),
        "\"1a\" is given twice: give each cell once"
    );
    // A grid that asks for every cell takes several in a row and leaves rows empty.
    assert_eq!(
        parse_answer(&grid(false), &[], "1a 1b").unwrap(),
        Response::HotArea(vec![(0, 0), (0, 1)])
    );
}

#[test]
fn a_multi_refuses_an_option_given_twice() {
    let c = |text: &str, correct: bool| serde_json::json!({ "text": text, "correct": correct, "why": "" });
    let q = question(serde_json::json!({
        "kind": "multi",
        "choices": [c("A", true), c("B", true), c("C", false)]
    }));
    let order = [0, 1, 2];
    assert_eq!(
        parse_answer(&q, &order, "1 2").unwrap(),
        Response::Choices(vec![0, 1])
    );
    assert_eq!(
        refused(&q, &order, "2 2"),
        "\"2\" is given twice: give each option once"
    );
    assert_eq!(
        refused(&q, &order, "b B"),
        "\"B\" is given twice: give each option once"
    );
    assert_eq!(refused(&q, &order, "2"), "choose exactly 2 options");
    assert_eq!(refused(&q, &order, "1 2 3"), "too many: choose 2, 3 given");
}

#[test]
fn an_error_repeats_only_the_start_of_a_long_token() {
    let c = |text: &str, correct: bool| serde_json::json!({ "text": text, "correct": correct, "why": "" });
    let q = question(serde_json::json!({
        "kind": "single",
        "choices": [c("A", true), c("B", false)]
    }));
    let said = refused(&q, &[0, 1], &"9".repeat(4000));
    assert_eq!(
        said,
        format!("\"{}\"… is not one of the options (1–2)", "9".repeat(24))
    );
    assert_eq!(
        refused(&q, &[0, 1], "7"),
        "\"7\" is not one of the options (1–2)"
    );
}

/// QA: `bc` was taken for options 2 and 3 but `23` refused, and `g2` refused where `g 2` was
/// a guess. Digits run together as letters do (where every number has one digit), and `g`
/// just before a digit says a guess.
#[test]
fn digits_run_together_as_letters_do_and_g_before_a_digit_is_a_guess() {
    let c = |text: &str, correct: bool| serde_json::json!({ "text": text, "correct": correct, "why": "" });
    let q = question(serde_json::json!({
        "kind": "multi",
        "choices": [c("A", true), c("B", true), c("C", false)]
    }));
    let order = [0, 1, 2];
    for line in ["2 3", "bc", "23", "2,3"] {
        assert_eq!(
            parse_answer(&q, &order, line).unwrap(),
            Response::Choices(vec![1, 2]),
            "{line}"
        );
    }
    assert_eq!(
        refused(&q, &order, "22"),
        "\"2\" is given twice: give each option once"
    );
    let order_q = question(serde_json::json!({
        "kind": "order",
        "items": [{ "text": "x", "why": "" }, { "text": "y", "why": "" }, { "text": "z", "why": "" }]
    }));
    assert_eq!(
        parse_answer(&order_q, &order, "312").unwrap(),
        parse_answer(&order_q, &order, "3 1 2").unwrap()
    );
    // A single answer is one number: 23 is not two picks.
    let single = question(serde_json::json!({
        "kind": "single",
        "choices": [c("A", true), c("B", false)]
    }));
    assert_eq!(
        refused(&single, &[0, 1], "12"),
        "\"12\" is not one of the options (1–2)"
    );
    assert_eq!(split_guess("g2"), (true, "2"));
    assert_eq!(split_guess("g 2 3"), (true, "2 3"));
    assert_eq!(split_guess("g23"), (true, "23"));
    // A g before a letter is an option letter (the seventh).
    assert_eq!(split_guess("gb"), (false, "gb"));
    assert_eq!(split_guess("g"), (false, "g"));
    assert_eq!(
        help_for(&grid(true)).map(|h| h.contains("one cell per row")),
        Some(true)
    );
    assert_eq!(help_for(&grid(false)), None);
}
