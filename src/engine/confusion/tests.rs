use super::*;
use crate::engine::fixtures::{TOPICS, owner_match, owner_single, single};

#[test]
fn an_owner_question_pairs_the_cells_owner_with_the_chosen_one() {
    let q = owner_single("who", Owner::Shared);
    // Choices are in Owner::ALL order: Customer, Microsoft, Shared.
    assert_eq!(
        owner_pairs(&q, &Response::Choices(vec![0])),
        vec![(Owner::Shared, Owner::Customer)]
    );
    assert_eq!(
        owner_pairs(&q, &Response::Choices(vec![2])),
        vec![(Owner::Shared, Owner::Shared)]
    );
    assert!(owner_pairs(&q, &Response::Choices(vec![])).is_empty());
    assert!(owner_pairs(&q, &Response::Choices(vec![7])).is_empty());
}

#[test]
fn questions_that_are_not_about_owners_give_no_pairs() {
    let q = single("s", "c", TOPICS[0]);
    assert!(owner_pairs(&q, &Response::Choices(vec![1])).is_empty());
    // Owner choices but no known cell (a disputed cell): no truth to compare with.
    let mut q = owner_single("who", Owner::Customer);
    q.cells[0].owner = None;
    assert!(owner_pairs(&q, &Response::Choices(vec![1])).is_empty());
    // A keyed choice that disagrees with the cell (a "who is NOT…" question).
    let mut q = owner_single("who", Owner::Customer);
    q.cells[0].owner = Some(Owner::Microsoft);
    assert!(owner_pairs(&q, &Response::Choices(vec![1])).is_empty());
}

#[test]
fn a_match_on_the_three_owners_gives_a_pair_per_assigned_item() {
    // Categories: Microsoft, Customer, Shared.
    let q = owner_match("m", &[0, 1, 2]);
    let pairs = owner_pairs(&q, &Response::Match(vec![Some(1), Some(1), None]));
    assert_eq!(
        pairs,
        vec![
            (Owner::Microsoft, Owner::Customer),
            (Owner::Customer, Owner::Customer)
        ]
    );
    let mut table = OwnerConfusion::default();
    table.add(&pairs);
    table.add(&pairs);
    assert_eq!(table.count(Owner::Microsoft, Owner::Customer), 2);
    assert_eq!(table.count(Owner::Customer, Owner::Microsoft), 0);
    assert_eq!(table.total(), 4);
}

#[test]
fn owner_names_are_read_loosely_but_exactly() {
    assert_eq!(owner_named(" microsoft "), Some(Owner::Microsoft));
    assert_eq!(owner_named("Shared"), Some(Owner::Shared));
    assert_eq!(owner_named("Microsoft and the customer"), None);
}
