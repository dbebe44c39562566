//! Readiness and accuracy per skill area and per objective of the exam outline.
//!
//! The exam draws every skill area by its weight and spreads each area over its objectives, so
//! the prediction does the same: an objective counts as the mean chance of answering its
//! concepts (a studied concept `GUESS_RATE + (1 − GUESS_RATE) × recall`, an unstudied one
//! `GUESS_RATE`), an objective with no studied concept is **unknown** and counts at guessing
//! level, objectives weigh equally inside their area, and areas weigh by the midpoint of their
//! range. Knowing one slice of the exam perfectly therefore predicts little for the whole.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::curve::GUESS_RATE;
use super::readiness::scaled_estimate;
use crate::outline::Outline;

/// One skill area or objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeStats {
    pub id: String,
    pub name: String,
    /// Areas: Microsoft's weight range in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<[u32; 2]>,
    /// Concepts in the bank, and how many of them have been studied.
    pub concepts: usize,
    pub studied: usize,
    /// Attempts, and attempts fully right.
    pub answered: u64,
    pub correct: u64,
    /// Predicted chance of a right answer, in percent; `None` when nothing in it is studied.
    pub predicted_percent: Option<f64>,
}

/// The per-area and per-objective view, and the whole-exam prediction built from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlineStats {
    pub predicted_percent: f64,
    pub scaled_estimate: u32,
    /// Objectives with no studied concept (counted at guessing level).
    pub unknown_objectives: usize,
    pub areas: Vec<ScopeStats>,
    pub objectives: Vec<ScopeStats>,
}

/// What is known of one concept.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ConceptEvidence {
    /// Predicted recall on the exam day, for a studied concept.
    pub recall: Option<f64>,
    pub answered: u64,
    pub correct: u64,
}

/// The outline view of `concepts` (`concept → (objective, evidence)`); `cut`: the fraction
/// that passes.
pub fn outline_stats(
    outline: &Outline,
    concepts: &BTreeMap<String, (String, ConceptEvidence)>,
    cut: f64,
) -> OutlineStats {
    let mut per_objective: HashMap<&str, Vec<&ConceptEvidence>> = HashMap::new();
    for (objective, evidence) in concepts.values() {
        per_objective.entry(objective).or_default().push(evidence);
    }
    let mut objectives = Vec::new();
    let mut areas = Vec::new();
    let mut overall = 0.0;
    let weight_sum: f64 = outline.areas.iter().map(midpoint).sum();
    for area in &outline.areas {
        let mut area_line = scope(&area.id, &area.name, &[]);
        area_line.weight = Some(area.weight);
        let mut chances = Vec::new();
        let mut any_known = false;
        for (_, _, o) in outline.objectives().filter(|(a, _, _)| a.id == area.id) {
            let evidence = per_objective
                .get(o.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            let line = scope(&o.id, &o.title, evidence);
            add(&mut area_line, &line);
            any_known |= line.predicted_percent.is_some();
            chances.push(line.predicted_percent.map_or(GUESS_RATE, |p| p / 100.0));
            objectives.push(line);
        }
        let mean = mean(&chances).unwrap_or(GUESS_RATE);
        area_line.predicted_percent = any_known.then_some(100.0 * mean);
        if weight_sum > 0.0 {
            overall += midpoint(area) / weight_sum * mean;
        }
        areas.push(area_line);
    }
    OutlineStats {
        predicted_percent: 100.0 * overall,
        scaled_estimate: scaled_estimate(overall, cut),
        unknown_objectives: objectives
            .iter()
            .filter(|o| o.predicted_percent.is_none())
            .count(),
        areas,
        objectives,
    }
}

fn midpoint(area: &crate::outline::Area) -> f64 {
    f64::from(area.weight[0] + area.weight[1]) / 2.0
}

#[allow(clippy::cast_precision_loss)]
fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

fn scope(id: &str, name: &str, evidence: &[&ConceptEvidence]) -> ScopeStats {
    let studied = evidence.iter().filter(|e| e.recall.is_some()).count();
    let chances: Vec<f64> = evidence
        .iter()
        .map(|e| {
            e.recall.map_or(GUESS_RATE, |r| {
                GUESS_RATE + (1.0 - GUESS_RATE) * r.clamp(0.0, 1.0)
            })
        })
        .collect();
    ScopeStats {
        id: id.to_string(),
        name: name.to_string(),
        weight: None,
        concepts: evidence.len(),
        studied,
        answered: evidence.iter().map(|e| e.answered).sum(),
        correct: evidence.iter().map(|e| e.correct).sum(),
        predicted_percent: if studied > 0 {
            mean(&chances).map(|m| 100.0 * m)
        } else {
            None
        },
    }
}

fn add(total: &mut ScopeStats, part: &ScopeStats) {
    total.concepts += part.concepts;
    total.studied += part.studied;
    total.answered += part.answered;
    total.correct += part.correct;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(recall: Option<f64>, answered: u64, correct: u64) -> ConceptEvidence {
        ConceptEvidence {
            recall,
            answered,
            correct,
        }
    }

    #[test]
    fn one_slice_known_perfectly_predicts_little_for_the_exam() {
        let outline = Outline::embedded().unwrap();
        let mut concepts = BTreeMap::new();
        // Shared responsibility (1.1.2): two concepts mastered, one never studied.
        concepts.insert(
            "a".to_string(),
            ("1.1.2".to_string(), evidence(Some(1.0), 5, 5)),
        );
        concepts.insert(
            "b".to_string(),
            ("1.1.2".to_string(), evidence(Some(1.0), 3, 2)),
        );
        concepts.insert("c".to_string(), ("1.1.2".to_string(), evidence(None, 0, 0)));
        // Storage tiers (2.3.2): one concept at recall 0.6.
        concepts.insert(
            "d".to_string(),
            ("2.3.2".to_string(), evidence(Some(0.6), 4, 1)),
        );
        let s = outline_stats(&outline, &concepts, 0.7);

        let g = GUESS_RATE;
        let o112 = (1.0 + 1.0 + g) / 3.0;
        let o232 = g + (1.0 - g) * 0.6;
        let obj = |id: &str| s.objectives.iter().find(|o| o.id == id).unwrap();
        assert!((obj("1.1.2").predicted_percent.unwrap() - 100.0 * o112).abs() < 1e-9);
        assert_eq!((obj("1.1.2").concepts, obj("1.1.2").studied), (3, 2));
        assert_eq!((obj("1.1.2").answered, obj("1.1.2").correct), (8, 7));
        assert_eq!(obj("1.1.1").predicted_percent, None);
        assert_eq!(s.unknown_objectives, 56);

        // Areas: objectives weigh equally (15, 27 and 16 of them), unknown ones at guessing level.
        let a1 = (o112 + 14.0 * g) / 15.0;
        let a2 = (o232 + 26.0 * g) / 27.0;
        let a3 = g;
        assert!((s.areas[0].predicted_percent.unwrap() - 100.0 * a1).abs() < 1e-9);
        assert!((s.areas[1].predicted_percent.unwrap() - 100.0 * a2).abs() < 1e-9);
        assert_eq!(s.areas[2].predicted_percent, None);
        assert_eq!(s.areas[0].weight, Some([25, 30]));
        // The exam: areas by the midpoints of their ranges (27.5, 37.5, 32.5).
        let overall = (27.5 * a1 + 37.5 * a2 + 32.5 * a3) / 97.5;
        assert!((s.predicted_percent - 100.0 * overall).abs() < 1e-9);
        assert!(s.predicted_percent < 30.0, "{}", s.predicted_percent);
        assert_eq!(s.scaled_estimate, scaled_estimate(overall, 0.7));
    }

    #[test]
    fn nothing_studied_is_guessing_everywhere() {
        let outline = Outline::embedded().unwrap();
        let s = outline_stats(&outline, &BTreeMap::new(), 0.7);
        assert!((s.predicted_percent - 100.0 * GUESS_RATE).abs() < 1e-9);
        assert_eq!(s.unknown_objectives, 58);
        assert!(
            s.areas
                .iter()
                .all(|a| a.predicted_percent.is_none() && a.concepts == 0)
        );
    }
}
