//! Scores: raw points, and an *estimate* of Microsoft's scaled score (1–1000, 700 passes).
//!
//! Microsoft's scaled score is not a percentage and its cut depends on the questions; this app
//! can only estimate it with a piecewise-linear map through `(cut → 700)`. Front ends must label
//! it as an estimate.

use serde::{Deserialize, Serialize};

use crate::bank::Bank;

/// The scaled score that passes.
pub const PASS_SCALED: u32 = 700;
/// The highest scaled score.
pub const MAX_SCALED: u32 = 1000;
/// The lowest scaled score.
pub const MIN_SCALED: u32 = 1;

/// Tolerance for floating-point fractions that equal the cut (e.g. 28/40 against 0.7).
const EPS: f64 = 1e-9;

/// An *estimated* scaled score from the fraction of points earned (`0.0..=1.0`) and the cut
/// (the fraction that passes, `0.0..=1.0`, usually 0.7).
///
/// Piecewise linear: 0 → 1, `cut` → 700, 1 → 1000, clamped to 1–1000. Below the cut the result
/// is always below 700 (rounded down), at or above it always 700 or more. NaN counts as 0.
pub fn scaled_score(fraction: f64, cut: f64) -> u32 {
    let f = if fraction.is_nan() {
        0.0
    } else {
        fraction.clamp(0.0, 1.0)
    };
    let cut = if cut.is_nan() {
        0.7
    } else {
        cut.clamp(EPS, 1.0)
    };
    let low = f64::from(PASS_SCALED - MIN_SCALED);
    let high = f64::from(MAX_SCALED - PASS_SCALED);
    let value = if f + EPS < cut {
        // Strictly below the cut: 1 ..= 699.
        (f64::from(MIN_SCALED) + low * f / cut)
            .floor()
            .min(f64::from(PASS_SCALED - 1))
    } else if cut >= 1.0 - EPS {
        f64::from(MAX_SCALED)
    } else {
        let above = ((f - cut) / (1.0 - cut)).max(0.0);
        (f64::from(PASS_SCALED) + high * above).floor()
    };
    // `value` is within 1..=1000 here; the cast cannot truncate.
    let v = value.clamp(f64::from(MIN_SCALED), f64::from(MAX_SCALED));
    v as u32
}

/// The score of a session (or a part of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Points earned (one per correct part).
    pub points: u32,
    /// Points available.
    pub max: u32,
    /// `points / max` as a percentage (0 when `max` is 0).
    pub percent: f64,
    /// An *estimate* of the scaled score (1–1000); see [`scaled_score`].
    pub scaled_estimate: u32,
    /// Whether the estimate reaches 700.
    pub passed: bool,
}

impl Score {
    /// The score for `points` out of `max` with the cut given as a percentage (e.g. 70).
    pub fn new(points: u32, max: u32, cut_percent: f64) -> Score {
        let fraction = if max == 0 {
            0.0
        } else {
            f64::from(points) / f64::from(max)
        };
        let scaled_estimate = scaled_score(fraction, cut_percent / 100.0);
        Score {
            points,
            max,
            percent: fraction * 100.0,
            scaled_estimate,
            passed: scaled_estimate >= PASS_SCALED,
        }
    }
}

/// Points in one skill area (a bar of the score report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicScore {
    /// Topic id (one of the rules' topics).
    pub topic: String,
    /// Topic display name (the id when the rules do not know it).
    pub name: String,
    /// Points earned in the topic.
    pub points: u32,
    /// Points available in the topic.
    pub max: u32,
}

impl TopicScore {
    /// `points / max` as a percentage (0 when `max` is 0).
    pub fn percent(&self) -> f64 {
        if self.max == 0 {
            0.0
        } else {
            f64::from(self.points) * 100.0 / f64::from(self.max)
        }
    }
}

/// Per-topic totals of `(topic, points, max)` entries, in the rules' topic order (topics the
/// rules do not know come last, by id). Topics without entries are left out.
pub fn topic_scores<'a>(
    bank: &Bank,
    entries: impl IntoIterator<Item = (&'a str, u32, u32)>,
) -> Vec<TopicScore> {
    let mut out: Vec<TopicScore> = Vec::new();
    for (topic, points, max) in entries {
        match out.iter_mut().find(|t| t.topic == topic) {
            Some(t) => {
                t.points += points;
                t.max += max;
            }
            None => out.push(TopicScore {
                topic: topic.to_string(),
                name: bank
                    .rules
                    .topic(topic)
                    .map_or_else(|| topic.to_string(), |t| t.name.clone()),
                points,
                max,
            }),
        }
    }
    let rank = |id: &str| {
        bank.rules
            .topics
            .iter()
            .position(|t| t.id == id)
            .unwrap_or(usize::MAX)
    };
    out.sort_by(|a, b| {
        rank(&a.topic)
            .cmp(&rank(&b.topic))
            .then_with(|| a.topic.cmp(&b.topic))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_score_hits_the_anchor_points() {
        assert_eq!(scaled_score(0.0, 0.7), 1);
        assert_eq!(scaled_score(0.7, 0.7), 700);
        assert_eq!(
            scaled_score(28.0 / 40.0, 0.7),
            700,
            "28 of 40 is exactly the cut"
        );
        assert_eq!(scaled_score(1.0, 0.7), 1000);
        assert_eq!(scaled_score(0.85, 0.7), 850);
    }

    #[test]
    fn just_below_the_cut_fails_and_the_cut_passes() {
        assert!(scaled_score(27.0 / 40.0, 0.7) < 700);
        assert!(scaled_score(0.6999, 0.7) < 700);
        assert!(Score::new(28, 40, 70.0).passed);
        assert!(!Score::new(27, 40, 70.0).passed);
        // A different cut moves the pass mark.
        assert!(!Score::new(28, 40, 80.0).passed);
        assert!(Score::new(32, 40, 80.0).passed);
    }

    #[test]
    fn scaled_score_is_monotonic_and_clamped() {
        let mut last = 0;
        for i in 0..=1000 {
            let s = scaled_score(f64::from(i) / 1000.0, 0.7);
            assert!(s >= last, "not monotonic at {i}: {s} < {last}");
            assert!((1..=1000).contains(&s));
            last = s;
        }
        assert_eq!(scaled_score(-1.0, 0.7), 1);
        assert_eq!(scaled_score(2.0, 0.7), 1000);
        assert_eq!(scaled_score(f64::NAN, 0.7), 1);
    }

    #[test]
    fn score_of_nothing_is_the_minimum() {
        let s = Score::new(0, 0, 70.0);
        assert_eq!((s.scaled_estimate, s.passed, s.percent), (1, false, 0.0));
    }
}
