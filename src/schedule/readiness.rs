//! "Am I ready?": the predicted exam-day score from the memory states.

use std::collections::{BTreeMap, HashMap};

use super::curve::GUESS_RATE;
use super::exam::ConceptInfo;
use super::model::Scheduler;
use super::state::MemoryState;
use crate::clock::Day;
use crate::rules::Rules;

/// A predicted exam score.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Readiness {
    /// Predicted share of the exam answered right, in percent (0–100).
    pub predicted_percent: f64,
    /// Lower end of a 95 % interval, in percent.
    pub low: f64,
    /// Upper end of a 95 % interval, in percent.
    pub high: f64,
    /// The predicted percentage on Microsoft's scale (1–1000, the cut at 700): an estimate.
    pub scaled_estimate: u32,
    /// Concepts with a memory state.
    pub seen: usize,
    /// Concepts considered.
    pub concepts: usize,
}

/// The exam's weight of every outline objective (`objective id → weight`), for [`readiness`]:
/// each skill area weighs the middle of Microsoft's range (27.5 / 37.5 / 32.5), shared equally
/// among its objectives. Concepts are then keyed by their objective.
pub fn topic_weights(rules: &Rules) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for a in &rules.outline.areas {
        let n = a
            .groups
            .iter()
            .map(|g| g.objectives.len())
            .sum::<usize>()
            .max(1);
        let area = f64::from(a.weight[0] + a.weight[1]) / 2.0;
        for g in &a.groups {
            for o in &g.objectives {
                out.insert(o.id.clone(), area / n as f64);
            }
        }
    }
    out
}

/// The scaled-score estimate of a fraction right (0–1) against the cut (the fraction that
/// passes): the engine's piecewise-linear map (0 → 1, cut → 700, 1 → 1000).
pub fn scaled_estimate(fraction: f64, cut: f64) -> u32 {
    crate::engine::score::scaled_score(fraction, cut)
}

/// The predicted score on study day `day` (the exam day, or today).
///
/// Each concept counts as the chance of answering it right: for a seen concept
/// `GUESS_RATE + (1 − GUESS_RATE) × recall`, recall being FSRS's prediction for `day`; for an
/// unseen one [`GUESS_RATE`]. Concepts are weighted so that each topic counts by its weight in
/// `topic_weights`, shared equally among its concepts (a topic missing from the map counts 0;
/// with an empty map all concepts count equally). A weighted topic with **no** concept at all
/// (an objective the bank cannot ask yet) still counts, at guessing level: readiness can never
/// be claimed from one slice of the exam.
///
/// The interval is a normal approximation of a score whose questions each hit one concept, right
/// with the predicted chance: `mean ± 1.96 √(Σ wᵢ² pᵢ(1 − pᵢ))`, clamped to 0–100.
#[allow(clippy::too_many_arguments)]
pub fn readiness(
    scheduler: &Scheduler,
    states: &[MemoryState],
    concepts: &[ConceptInfo],
    topic_weights: &BTreeMap<String, f64>,
    day: Day,
    utc_offset_secs: i32,
    cut: f64,
) -> Readiness {
    let by_concept: HashMap<&str, &MemoryState> = states
        .iter()
        .filter(|s| s.reps > 0)
        .map(|s| (s.concept.as_str(), s))
        .collect();
    let mut per_topic: HashMap<&str, usize> = HashMap::new();
    for c in concepts {
        *per_topic.entry(c.topic.as_str()).or_default() += 1;
    }
    let weight_of = |topic: &str| {
        topic_weights
            .get(topic)
            .copied()
            .filter(|w| w.is_finite() && *w > 0.0)
            .unwrap_or(0.0)
    };
    let total: f64 = topic_weights.keys().map(|t| weight_of(t)).sum();
    let uniform = total <= 0.0;
    let mut mean = 0.0;
    let mut var = 0.0;
    let mut seen = 0;
    if !uniform {
        // Topics the concepts do not cover: unknown, so at guessing level.
        for (t, _) in topic_weights
            .iter()
            .filter(|(t, _)| !per_topic.contains_key(t.as_str()))
        {
            let w = weight_of(t) / total;
            mean += w * GUESS_RATE;
            var += w * w * GUESS_RATE * (1.0 - GUESS_RATE);
        }
    }
    for c in concepts {
        let w = if uniform {
            1.0 / concepts.len() as f64
        } else {
            let n = per_topic.get(c.topic.as_str()).copied().unwrap_or(1).max(1);
            weight_of(&c.topic) / total / n as f64
        };
        let p = match by_concept.get(c.concept.as_str()) {
            Some(st) => {
                seen += 1;
                let r = scheduler
                    .recall_on(st, day, utc_offset_secs)
                    .clamp(0.0, 1.0);
                GUESS_RATE + (1.0 - GUESS_RATE) * r
            }
            None => GUESS_RATE,
        };
        mean += w * p;
        var += w * w * p * (1.0 - p);
    }
    if concepts.is_empty() {
        mean = GUESS_RATE;
    }
    let half = 1.96 * var.max(0.0).sqrt();
    Readiness {
        predicted_percent: 100.0 * mean,
        low: 100.0 * (mean - half).max(0.0),
        high: 100.0 * (mean + half).min(1.0),
        scaled_estimate: scaled_estimate(mean, cut),
        seen,
        concepts: concepts.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::MS_PER_DAY;
    use crate::schedule::Rating;

    fn concepts(n: usize, topic: &str) -> Vec<ConceptInfo> {
        (0..n)
            .map(|i| ConceptInfo {
                concept: format!("{topic}.{i}"),
                topic: topic.into(),
            })
            .collect()
    }

    #[test]
    fn an_unseen_bank_is_at_guessing_level_and_bounds_hold() {
        let s = Scheduler::default();
        let cs = concepts(40, "a");
        let r = readiness(&s, &[], &cs, &BTreeMap::new(), 100, 0, 0.7);
        assert!((r.predicted_percent - 25.0).abs() < 1e-9);
        assert!(r.low <= r.predicted_percent && r.predicted_percent <= r.high);
        assert!(r.low >= 0.0 && r.high <= 100.0);
        assert!(r.scaled_estimate < 700);
        assert_eq!((r.seen, r.concepts), (0, 40));
        let empty = readiness(&s, &[], &[], &BTreeMap::new(), 100, 0, 0.7);
        assert!((0.0..=100.0).contains(&empty.predicted_percent));
    }

    #[test]
    fn fresh_knowledge_passes_and_fades_by_a_distant_exam() {
        let s = Scheduler::default();
        let cs = concepts(30, "a");
        let day0 = 20_000;
        let states: Vec<MemoryState> = cs
            .iter()
            .map(|c| {
                let mut st = None;
                for d in 0..4 {
                    let at = (day0 + d * 3) * MS_PER_DAY + 12 * 3_600_000;
                    st = Some(s.review(st.as_ref(), &c.concept, "q", Rating::Good, at, 0));
                }
                st.unwrap()
            })
            .collect();
        let last = s.study_day(states[0].last_review, 0);
        let soon = readiness(&s, &states, &cs, &BTreeMap::new(), last + 1, 0, 0.7);
        let late = readiness(&s, &states, &cs, &BTreeMap::new(), last + 400, 0, 0.7);
        assert!(soon.predicted_percent > 95.0, "{soon:?}");
        assert!(soon.scaled_estimate >= 900);
        assert!(late.predicted_percent < soon.predicted_percent);
        assert!(late.predicted_percent > 25.0);
        for r in [soon, late] {
            assert!(r.low <= r.predicted_percent && r.predicted_percent <= r.high);
            assert!(r.low >= 0.0 && r.high <= 100.0);
        }
    }

    #[test]
    fn topics_count_by_their_weight_not_their_size() {
        let s = Scheduler::default();
        // Topic "a" known (many concepts), topic "b" unseen (few concepts), equal weights.
        let mut cs = concepts(30, "a");
        cs.extend(concepts(3, "b"));
        let states: Vec<MemoryState> = cs[..30]
            .iter()
            .map(|c| s.review(None, &c.concept, "q", Rating::Good, 12 * 3_600_000, 0))
            .collect();
        let weights: BTreeMap<String, f64> = [("a".into(), 1.0), ("b".into(), 1.0)].into();
        let r = readiness(&s, &states, &cs, &weights, 0, 0, 0.7);
        // Half the weight is at 25 %, half near 100 %.
        assert!((r.predicted_percent - 62.5).abs() < 1.0, "{r:?}");
        let heavy_b: BTreeMap<String, f64> = [("a".into(), 1.0), ("b".into(), 3.0)].into();
        let r2 = readiness(&s, &states, &cs, &heavy_b, 0, 0, 0.7);
        assert!(r2.predicted_percent < r.predicted_percent);
    }

    #[test]
    fn a_weighted_topic_without_concepts_counts_at_guessing_level() {
        let s = Scheduler::default();
        // Everything in topic "a" is known; topics "b" and "c" have no concept in the bank.
        let cs = concepts(30, "a");
        let states: Vec<MemoryState> = cs
            .iter()
            .map(|c| s.review(None, &c.concept, "q", Rating::Good, 12 * 3_600_000, 0))
            .collect();
        let alone: BTreeMap<String, f64> = [("a".into(), 1.0)].into();
        let known = readiness(&s, &states, &cs, &alone, 0, 0, 0.7);
        assert!(known.predicted_percent > 95.0, "{known:?}");
        let weights: BTreeMap<String, f64> =
            [("a".into(), 1.0), ("b".into(), 1.0), ("c".into(), 2.0)].into();
        let r = readiness(&s, &states, &cs, &weights, 0, 0, 0.7);
        // A quarter of the weight near 100 %, three quarters at 25 %.
        let expected = 0.25 * known.predicted_percent + 0.75 * 25.0;
        assert!((r.predicted_percent - expected).abs() < 0.5, "{r:?}");
        assert!(
            r.scaled_estimate < 700,
            "one slice of the exam never passes"
        );
    }

    #[test]
    fn the_outline_weights_objectives_by_their_skill_area() {
        let rules = Rules::embedded().unwrap();
        let w = topic_weights(&rules);
        assert_eq!(w.len(), rules.outline.objectives().count());
        let total: f64 = w.values().sum();
        assert!((total - 97.5).abs() < 1e-9, "27.5 + 37.5 + 32.5");
        // Area 1 has 15 objectives, area 2 has 27: a cloud-concepts objective weighs more.
        assert!((w["1.1.2"] - 27.5 / 15.0).abs() < 1e-9);
        assert!((w["2.3.3"] - 37.5 / 27.0).abs() < 1e-9);
    }
}
