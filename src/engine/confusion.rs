//! Which owner the learner confuses with which: `(truth, chosen)` pairs from answers.

use crate::bank::question::{Question, Response};
use crate::engine::grade::{Picks, picks};
use crate::rules::Owner;

/// The owner a text names ("Customer", "microsoft", "Shared"), if it is exactly one.
pub fn owner_named(text: &str) -> Option<Owner> {
    let t = text.trim();
    Owner::ALL
        .into_iter()
        .find(|o| t.eq_ignore_ascii_case(o.name()) || t.eq_ignore_ascii_case(o.id()))
}

/// `(truth, chosen)` owner pairs of one answer (right answers give diagonal pairs):
///
/// - `single` / `dropdown` questions whose every choice names an owner and whose `cells` have
///   exactly one cell with a known owner, agreeing with the keyed choice: one pair when one
///   choice was picked;
/// - `match` questions whose categories are the three owners: one pair per assigned item.
///
/// Any other question or response gives no pairs.
pub fn owner_pairs(question: &Question, response: &Response) -> Vec<(Owner, Owner)> {
    match picks(&question.body, response) {
        Some(Picks::One {
            options,
            keyed,
            picked,
        }) => {
            let owners: Option<Vec<Owner>> = options.iter().map(|o| owner_named(o)).collect();
            let Some(owners) = owners else {
                return Vec::new();
            };
            let known: Vec<Owner> = question.cells.iter().filter_map(|c| c.owner).collect();
            let [cell_owner] = known.as_slice() else {
                return Vec::new();
            };
            let keyed: Vec<Owner> = keyed
                .iter()
                .filter_map(|i| owners.get(*i).copied())
                .collect();
            if keyed.as_slice() != [*cell_owner] {
                return Vec::new();
            }
            match picked {
                [i] => owners
                    .get(*i)
                    .map(|chosen| vec![(*cell_owner, *chosen)])
                    .unwrap_or_default(),
                _ => Vec::new(),
            }
        }
        Some(Picks::Each { options, items }) => {
            let owners: Option<Vec<Owner>> = options.iter().map(|o| owner_named(o)).collect();
            let Some(owners) = owners else {
                return Vec::new();
            };
            let mut sorted = owners.clone();
            sorted.sort();
            if sorted != Owner::ALL {
                return Vec::new();
            }
            items
                .iter()
                .filter_map(|(truth, chosen)| {
                    Some((*owners.get(*truth)?, *owners.get((*chosen)?)?))
                })
                .collect()
        }
        None => Vec::new(),
    }
}

/// Counts of `(truth, chosen)` owner pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnerConfusion {
    counts: [[u32; 3]; 3],
}

fn slot(o: Owner) -> usize {
    match o {
        Owner::Customer => 0,
        Owner::Microsoft => 1,
        Owner::Shared => 2,
    }
}

impl OwnerConfusion {
    /// Adds pairs (from [`owner_pairs`]).
    pub fn add(&mut self, pairs: &[(Owner, Owner)]) {
        for (t, c) in pairs {
            self.counts[slot(*t)][slot(*c)] += 1;
        }
    }

    /// How often the answer was `chosen` when the truth was `truth`.
    pub fn count(&self, truth: Owner, chosen: Owner) -> u32 {
        self.counts[slot(truth)][slot(chosen)]
    }

    /// All pairs counted.
    pub fn total(&self) -> u32 {
        self.counts.iter().flatten().sum()
    }
}

#[cfg(test)]
mod tests {
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
}
