//! `az900 bank list`: the bank's counts by skill area, group, legacy topic and kind.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::bank::{Bank, Kind};

/// Counts of the bank per topic, kind and concept (`az900 bank list`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BankCounts {
    pub total: usize,
    pub generated: usize,
    pub authored: usize,
    pub concepts: usize,
    pub by_topic: BTreeMap<String, usize>,
    pub by_kind: BTreeMap<String, usize>,
    pub by_concept: BTreeMap<String, usize>,
}

impl BankCounts {
    pub fn of(bank: &Bank) -> BankCounts {
        let mut c = BankCounts {
            total: bank.len(),
            generated: 0,
            authored: 0,
            concepts: 0,
            by_topic: BTreeMap::new(),
            by_kind: Kind::ALL.iter().map(|k| (k.id().to_string(), 0)).collect(),
            by_concept: BTreeMap::new(),
        };
        for q in bank.questions() {
            match q.source {
                crate::bank::question::Source::Generated
                | crate::bank::question::Source::Table { .. } => c.generated += 1,
                crate::bank::question::Source::Pack { .. } => c.authored += 1,
            }
            *c.by_topic.entry(q.topic.clone()).or_default() += 1;
            *c.by_kind.entry(q.kind().id().to_string()).or_default() += 1;
            *c.by_concept.entry(q.concept.clone()).or_default() += 1;
        }
        c.concepts = c.by_concept.len();
        c
    }

    /// The text table printed by `az900 bank list`.
    pub fn to_text(&self, bank: &Bank) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} questions ({} generated from the rules and fact tables, {} authored) over {} concepts\n",
            self.total, self.generated, self.authored, self.concepts
        );
        // By the exam outline: each skill area, then its groups (every question has an
        // objective, whatever its legacy topic); each id works with `--topic`.
        let outline = &bank.rules.outline;
        let count = |id: &str| {
            bank.questions()
                .iter()
                .filter(|q| outline.within(&q.objective, id))
                .count()
        };
        let mut rows: Vec<(String, usize)> = Vec::new();
        for a in &outline.areas {
            rows.push((
                format!("{} {} ({}–{}%)", a.id, a.name, a.weight[0], a.weight[1]),
                count(&a.id),
            ));
            for g in &a.groups {
                rows.push((format!("  {} {}", g.id, g.name), count(&g.id)));
            }
        }
        // The legacy topics of rules.json, still accepted by `--topic`.
        let legacy: Vec<(String, usize)> = bank
            .rules
            .topics
            .iter()
            .map(|t| {
                let n = bank.questions().iter().filter(|q| q.topic == t.id).count();
                (format!("{} ({})", t.name, t.id), n)
            })
            .collect();
        let w = rows
            .iter()
            .chain(&legacy)
            .map(|(name, _)| name.chars().count())
            .max()
            .unwrap_or(0)
            .max(32);
        let _ = writeln!(
            s,
            "{:<w$} {:>9}",
            "skill area and group (ids work with --topic)", "questions"
        );
        for (name, n) in &rows {
            let _ = writeln!(s, "{name:<w$} {n:>9}");
        }
        if !legacy.is_empty() {
            let _ = writeln!(
                s,
                "\n{:<w$} {:>9}",
                "legacy topic (--topic id)", "questions"
            );
            for (name, n) in &legacy {
                let _ = writeln!(s, "{name:<w$} {n:>9}");
            }
        }
        let _ = writeln!(s, "\n{:<w$} {:>9}", "kind", "questions");
        for (k, n) in &self.by_kind {
            let _ = writeln!(s, "{k:<w$} {n:>9}");
        }
        s
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bank_list_counts_by_skill_area_and_group_in_one_column() {
        let bank = Bank::embedded().unwrap();
        let text = BankCounts::of(&bank).to_text(&bank);
        let outline = &bank.rules.outline;
        let figure = |start: &str| -> usize {
            let line = text
                .lines()
                .find(|l| l.starts_with(start))
                .unwrap_or_else(|| panic!("no {start:?} in\n{text}"));
            line.split_whitespace().last().unwrap().parse().unwrap()
        };
        let mut areas = 0;
        for a in &outline.areas {
            let n = figure(&format!("{} {} (", a.id, a.name));
            let want = bank
                .questions()
                .iter()
                .filter(|q| outline.within(&q.objective, &a.id))
                .count();
            assert_eq!(n, want, "{}", a.id);
            let groups: usize = a
                .groups
                .iter()
                .map(|g| figure(&format!("  {} {}", g.id, g.name)))
                .sum();
            assert_eq!(groups, n, "{}: groups add up to their area", a.id);
            areas += n;
        }
        assert_eq!(areas, bank.len(), "every question in one area");
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| l.ends_with(|c: char| c.is_ascii_digit()) && l.contains("  "))
            .collect();
        assert!(rows.len() > 20, "{text}");
        let ends: Vec<usize> = rows.iter().map(|r| r.chars().count()).collect();
        assert!(ends.iter().all(|e| *e == ends[0]), "{text}");
    }
}
