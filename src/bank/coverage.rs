//! `az900 bank coverage`: how much of the exam outline the bank covers — questions, concepts
//! and kinds per objective, the objectives with no question first.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use super::Bank;
use super::question::Kind;

/// Questions, distinct concepts and questions per kind of one objective, while counting.
type Tally<'a> = (usize, BTreeSet<&'a str>, BTreeMap<String, usize>);

/// One objective's share of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectiveCoverage {
    pub id: String,
    pub title: String,
    /// Its skill area id (`2`) and group id (`2.3`).
    pub area: String,
    pub group: String,
    pub questions: usize,
    pub concepts: usize,
    /// Questions per kind id (only kinds present).
    pub kinds: BTreeMap<String, usize>,
}

/// Coverage of every objective of the outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Objectives with at least one question, and all of them.
    pub covered: usize,
    pub objectives_total: usize,
    /// Uncovered objectives first (in outline order), then the rest in outline order.
    pub objectives: Vec<ObjectiveCoverage>,
}

impl Coverage {
    pub fn of(bank: &Bank) -> Coverage {
        let mut per: BTreeMap<&str, Tally<'_>> = BTreeMap::new();
        for q in bank.questions() {
            let e = per.entry(q.objective.as_str()).or_default();
            e.0 += 1;
            e.1.insert(q.concept.as_str());
            *e.2.entry(q.kind().id().to_string()).or_default() += 1;
        }
        let mut objectives: Vec<ObjectiveCoverage> = bank
            .rules
            .outline
            .objectives()
            .map(|(a, g, o)| {
                let (questions, concepts, kinds) = per.remove(o.id.as_str()).unwrap_or_default();
                ObjectiveCoverage {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    area: a.id.clone(),
                    group: g.id.clone(),
                    questions,
                    concepts: concepts.len(),
                    kinds,
                }
            })
            .collect();
        // A stable sort keeps the outline order inside each half.
        objectives.sort_by_key(|o| o.questions > 0);
        Coverage {
            covered: objectives.iter().filter(|o| o.questions > 0).count(),
            objectives_total: objectives.len(),
            objectives,
        }
    }

    /// The table `az900 bank coverage` prints.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} of {} objectives have questions; the {} without come first.\n",
            self.covered,
            self.objectives_total,
            self.objectives_total - self.covered
        );
        let _ = writeln!(
            s,
            "{:<7} {:<44} {:>9} {:>8}  kinds",
            "obj.", "title", "questions", "concepts"
        );
        for o in &self.objectives {
            let title: String = o.title.chars().take(44).collect();
            let kinds = Kind::ALL
                .iter()
                .filter_map(|k| o.kinds.get(k.id()).map(|n| format!("{} {n}", k.id())))
                .collect::<Vec<_>>()
                .join(", ");
            let kinds = if kinds.is_empty() {
                "-".to_string()
            } else {
                kinds
            };
            let _ = writeln!(
                s,
                "{:<7} {:<44} {:>9} {:>8}  {kinds}",
                o.id, title, o.questions, o.concepts
            );
        }
        s
    }
}
