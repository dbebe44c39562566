//! Draft tests: keys per kind, display order to own index, restoring a response; the
//! question fixtures other front-end tests use.

use super::*;
use crate::bank::question::{Choice, HotRow, MatchItem, OrderItem, Source, Statement};

pub fn question(body: Body) -> Question {
    Question {
        id: "t-1".into(),
        concept: "c".into(),
        objective: "1.1.2".into(),
        topic: "shared-responsibility".into(),
        prompt: "Who patches the guest operating system of an Azure virtual machine?".into(),
        body,
        explanation: "In IaaS the operating system is the customer's.".into(),
        refs: vec![
            "https://learn.microsoft.com/en-us/azure/security/fundamentals/shared-responsibility"
                .into(),
        ],
        cells: vec![],
        source: Source::Generated,
        confusable: None,
    }
}

pub fn choice(text: &str, correct: bool) -> Choice {
    Choice {
        text: text.into(),
        correct,
        why: format!("Why {text}."),
    }
}

pub fn single() -> Question {
    question(Body::Single {
        choices: vec![
            choice("The customer", true),
            choice("Microsoft", false),
            choice("Shared", false),
        ],
    })
}

pub fn multi() -> Question {
    question(Body::Multi {
        choices: vec![
            choice("Data", true),
            choice("Physical hosts", false),
            choice("Accounts", true),
            choice("Physical network", false),
        ],
    })
}

pub fn yes_no() -> Question {
    question(Body::YesNo {
        statements: vec![
            Statement {
                text: "In SaaS the customer owns the data.".into(),
                answer: true,
                why: "Data is always the customer's.".into(),
            },
            Statement {
                text: "In PaaS the customer patches the OS.".into(),
                answer: false,
                why: "The OS is Microsoft's in PaaS.".into(),
            },
            Statement {
                text: "In IaaS Microsoft runs the hosts.".into(),
                answer: true,
                why: "Physical hosts move to Microsoft.".into(),
            },
        ],
    })
}

pub fn dropdown() -> Question {
    question(Body::Dropdown {
        sentence: "In PaaS, the operating system is managed by ___.".into(),
        choices: vec![
            choice("the customer", false),
            choice("Microsoft", true),
            choice("both", false),
        ],
    })
}

pub fn matching() -> Question {
    question(Body::Match {
        categories: vec!["Customer".into(), "Microsoft".into(), "Shared".into()],
        items: vec![
            MatchItem {
                text: "Information and data".into(),
                category: 0,
                why: "Always the customer's.".into(),
            },
            MatchItem {
                text: "Physical datacenter".into(),
                category: 1,
                why: "Microsoft in every cloud model.".into(),
            },
            MatchItem {
                text: "Identity infrastructure (PaaS)".into(),
                category: 2,
                why: "Shared in PaaS.".into(),
            },
        ],
    })
}

pub fn ordering() -> Question {
    question(Body::Order {
        items: vec![
            OrderItem {
                text: "On-premises".into(),
                why: "Customer owns every layer.".into(),
            },
            OrderItem {
                text: "IaaS".into(),
                why: "OS and up.".into(),
            },
            OrderItem {
                text: "PaaS".into(),
                why: "Code, data, access.".into(),
            },
            OrderItem {
                text: "SaaS".into(),
                why: "Data, devices, accounts.".into(),
            },
        ],
    })
}

pub fn hot_area() -> Question {
    question(Body::HotArea {
        columns: vec![
            "On-prem".into(),
            "IaaS".into(),
            "PaaS".into(),
            "SaaS".into(),
        ],
        rows: vec![
            HotRow {
                label: "Operating system".into(),
                why: "Customer's in IaaS.".into(),
            },
            HotRow {
                label: "Physical hosts".into(),
                why: "Customer's only on-premises.".into(),
            },
        ],
        answer: vec![(0, 0), (0, 1), (1, 0)],
        one_per_row: false,
    })
}

/// The grid of [`hot_area`] keyed one cell per row.
pub fn hot_area_one_per_row() -> Question {
    let mut q = hot_area();
    if let Body::HotArea {
        answer,
        one_per_row,
        ..
    } = &mut q.body
    {
        *answer = vec![(0, 1), (1, 0)];
        *one_per_row = true;
    }
    q
}

#[test]
fn single_pick_replaces_and_maps_display_to_own_index() {
    let q = single();
    let mut d = Draft::new(&q, &[2, 0, 1], None);
    assert!(!d.is_answered());
    d.update(&q.body, Msg::Pick(1));
    assert_eq!(d.response(), Response::Choices(vec![0]));
    d.update(&q.body, Msg::Pick(0));
    assert_eq!(d.response(), Response::Choices(vec![2]));
    assert!(d.dirty && d.is_complete(&q.body));
    assert!(!d.update(&q.body, Msg::Pick(7)), "no fourth choice");
}

#[test]
fn multi_toggles_and_counts_against_choose() {
    let q = multi();
    let mut d = Draft::new(&q, &[0, 1, 2, 3], None);
    d.update(&q.body, Msg::Pick(0));
    assert!(!d.is_complete(&q.body));
    d.update(&q.body, Msg::Down);
    d.update(&q.body, Msg::Down);
    d.update(&q.body, Msg::Toggle);
    assert_eq!(d.response(), Response::Choices(vec![0, 2]));
    assert!(d.is_complete(&q.body));
    d.update(&q.body, Msg::Pick(0));
    assert_eq!(d.response(), Response::Choices(vec![2]));
}

#[test]
fn yes_no_answers_row_by_row() {
    let q = yes_no();
    let mut d = Draft::new(&q, &[0, 1, 2], None);
    d.update(&q.body, Msg::Yes);
    d.update(&q.body, Msg::No);
    assert_eq!(d.cursor, 2);
    d.update(&q.body, Msg::Left);
    assert_eq!(
        d.response(),
        Response::YesNo(vec![Some(true), Some(false), Some(true)])
    );
    d.update(&q.body, Msg::Toggle);
    assert_eq!(
        d.response(),
        Response::YesNo(vec![Some(true), Some(false), Some(false)])
    );
}

#[test]
fn dropdown_fills_the_blank_as_you_cycle() {
    let q = dropdown();
    let mut d = Draft::new(&q, &[0, 1, 2], None);
    d.update(&q.body, Msg::Right);
    assert_eq!(d.response(), Response::Choices(vec![1]));
    d.update(&q.body, Msg::Right);
    d.update(&q.body, Msg::Right);
    assert_eq!(d.response(), Response::Choices(vec![0]), "wraps around");
    d.update(&q.body, Msg::Left);
    assert_eq!(d.response(), Response::Choices(vec![2]));
}

#[test]
fn match_assigns_by_number_and_cycles() {
    let q = matching();
    let mut d = Draft::new(&q, &[1, 0, 2], None);
    d.update(&q.body, Msg::Pick(1)); // display row 0 = item 1 → Microsoft
    assert_eq!(d.cursor, 1);
    d.update(&q.body, Msg::Right); // item 0: None → Customer
    d.update(&q.body, Msg::Down);
    d.update(&q.body, Msg::Left); // item 2: None → last (Shared)
    assert_eq!(
        d.response(),
        Response::Match(vec![Some(0), Some(1), Some(2)])
    );
    assert!(!d.update(&q.body, Msg::Pick(3)), "only three categories");
}

#[test]
fn order_items_move_while_held() {
    let q = ordering();
    let mut d = Draft::new(&q, &[3, 2, 1, 0], None);
    assert!(!d.is_answered());
    d.update(&q.body, Msg::Bottom);
    d.update(&q.body, Msg::Toggle);
    for _ in 0..3 {
        d.update(&q.body, Msg::Up);
    }
    d.update(&q.body, Msg::Toggle);
    assert!(!d.holding);
    assert_eq!(d.response(), Response::Order(vec![0, 3, 2, 1]));
    assert!(d.is_answered());
}

#[test]
fn hot_area_moves_in_two_dimensions_and_toggles() {
    let q = hot_area();
    let mut d = Draft::new(&q, &[], None);
    d.update(&q.body, Msg::Toggle);
    d.update(&q.body, Msg::Right);
    d.update(&q.body, Msg::Toggle);
    d.update(&q.body, Msg::Down);
    d.update(&q.body, Msg::Left);
    d.update(&q.body, Msg::Toggle);
    for _ in 0..9 {
        d.update(&q.body, Msg::Right);
    }
    assert_eq!(d.col, 3, "stays inside the grid");
    assert_eq!(
        d.response(),
        Response::HotArea(vec![(0, 0), (0, 1), (1, 0)])
    );
    d.update(&q.body, Msg::Pick(0));
    assert_eq!(d.response(), Response::HotArea(vec![(0, 0), (0, 1)]));
}

#[test]
fn a_one_per_row_grid_replaces_the_rows_pick_and_is_complete_with_a_cell_in_each_row() {
    let q = hot_area_one_per_row();
    let mut d = Draft::new(&q, &[], None);
    d.update(&q.body, Msg::Toggle);
    d.update(&q.body, Msg::Right);
    d.update(&q.body, Msg::Toggle);
    assert_eq!(
        d.response(),
        Response::HotArea(vec![(0, 1)]),
        "1B replaced 1A"
    );
    assert!(d.is_answered() && !d.is_complete(&q.body), "row 2 is empty");
    d.update(&q.body, Msg::Cell(1, 3));
    d.update(&q.body, Msg::Pick(2));
    assert_eq!(d.response(), Response::HotArea(vec![(0, 1), (1, 2)]));
    assert!(d.is_complete(&q.body));
    d.update(&q.body, Msg::Toggle);
    assert_eq!(
        d.response(),
        Response::HotArea(vec![(0, 1)]),
        "the pick is cleared"
    );
    // A grid that asks for every cell keeps several in a row.
    let q = hot_area();
    let mut d = Draft::new(&q, &[], None);
    d.update(&q.body, Msg::Pick(0));
    d.update(&q.body, Msg::Pick(1));
    assert_eq!(d.response(), Response::HotArea(vec![(0, 0), (0, 1)]));
    assert!(d.is_complete(&q.body));
}

#[test]
fn a_bad_order_or_response_never_panics() {
    let q = single();
    let d = Draft::new(&q, &[5, 9], Some(&Response::Choices(vec![99])));
    assert_eq!(d.order, vec![0, 1, 2]);
    assert!(!d.is_answered());
    let m = matching();
    let d = Draft::new(&m, &[0, 1, 2], Some(&Response::Match(vec![Some(9)])));
    assert!(!d.is_answered());
}

#[test]
fn a_previous_response_is_restored() {
    let q = yes_no();
    let d = Draft::new(
        &q,
        &[0, 1, 2],
        Some(&Response::YesNo(vec![Some(false), None, None])),
    );
    assert!(d.is_answered() && !d.dirty);
}
