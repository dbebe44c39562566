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
mod tests;
