//! Scores: raw points, and an *estimate* of Microsoft's scaled score (1–1000, 700 passes).
//!
//! Microsoft's scaled score is not a percentage and its cut depends on the questions; this app
//! can only estimate it with a piecewise-linear map through `(cut → 700)`. Front ends must label
//! it as an estimate.

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::bank::question::Grade;

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
///
/// Every question weighs the same, as on the real exam: a question is worth one, and a
/// multi-part question (a yes/no series, a match, a hot area, a choose-two) gives partial credit
/// inside that one (`points / max` of its parts). Percent, scaled score and pass come from that
/// credit, so a ten-part hot area no longer outweighs ten single-choice questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Parts right (one per correct part), as stored.
    pub points: u32,
    /// Parts available.
    pub max: u32,
    /// Questions' worth earned: the sum over questions of `points / max`.
    #[serde(default)]
    pub credit: f64,
    /// Questions scored.
    #[serde(default)]
    pub questions: u32,
    /// `credit / questions` as a percentage (0 when no question counts).
    pub percent: f64,
    /// An *estimate* of the scaled score (1–1000); see [`scaled_score`].
    pub scaled_estimate: u32,
    /// Whether the estimate reaches 700.
    pub passed: bool,
}

/// A question's credit: `points / max` of its parts (0 for a question without parts).
pub fn credit(g: &Grade) -> f64 {
    if g.max == 0 {
        0.0
    } else {
        f64::from(g.points) / f64::from(g.max)
    }
}

impl Score {
    /// The score of `max` one-part questions of which `points` are right, with the cut given as a
    /// percentage (e.g. 70).
    pub fn new(points: u32, max: u32, cut_percent: f64) -> Score {
        Score::with_credit(points, max, f64::from(points), max, cut_percent)
    }

    /// The score of graded questions, each weighing one (see [`Score`]).
    pub fn from_grades<'a>(grades: impl IntoIterator<Item = &'a Grade>, cut_percent: f64) -> Score {
        let (mut points, mut max, mut total, mut questions) = (0, 0, 0.0, 0);
        for g in grades {
            points += g.points;
            max += g.max;
            total += credit(g);
            questions += 1;
        }
        Score::with_credit(points, max, total, questions, cut_percent)
    }

    /// `credit / questions` as a learner reads it: `27.5 / 40`, `28 / 40`.
    pub fn credit_label(&self) -> String {
        format!("{} / {}", worth(self.credit), self.questions)
    }

    fn with_credit(points: u32, max: u32, credit: f64, questions: u32, cut_percent: f64) -> Score {
        let fraction = if questions == 0 {
            0.0
        } else {
            credit / f64::from(questions)
        };
        let scaled_estimate = scaled_score(fraction, cut_percent / 100.0);
        Score {
            points,
            max,
            credit,
            questions,
            percent: fraction * 100.0,
            scaled_estimate,
            passed: scaled_estimate >= PASS_SCALED,
        }
    }
}

/// Points in one skill area (a bar of the score report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicScore {
    /// Topic id (one of the rules' topics).
    pub topic: String,
    /// Topic display name (the id when the rules do not know it).
    pub name: String,
    /// Points earned in the topic.
    pub points: u32,
    /// Points available in the topic.
    pub max: u32,
    /// Questions' worth earned in the topic (see [`Score`]).
    #[serde(default)]
    pub credit: f64,
    /// Questions scored in the topic.
    #[serde(default)]
    pub questions: u32,
}

/// Questions' worth with at most one decimal and no trailing `.0` (`27.5`, `28`).
pub fn worth(credit: f64) -> String {
    let tenths = (credit * 10.0).round();
    if tenths % 10.0 == 0.0 {
        format!("{:.0}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

impl TopicScore {
    /// `credit / questions` as a learner reads it.
    pub fn credit_label(&self) -> String {
        format!("{} / {}", worth(self.credit), self.questions)
    }

    /// `credit / questions` as a percentage (0 when no question counts).
    pub fn percent(&self) -> f64 {
        if self.questions == 0 {
            0.0
        } else {
            self.credit * 100.0 / f64::from(self.questions)
        }
    }
}

/// Per skill area totals of `(objective, grade)` entries (one per question), in the outline's
/// order; an objective the outline does not know counts under its own id, last. Areas without
/// entries are left out: these are the "performance by skill area" bars of the score report.
pub fn topic_scores<'a>(
    bank: &Bank,
    entries: impl IntoIterator<Item = (&'a str, &'a Grade)>,
) -> Vec<TopicScore> {
    let outline = &bank.rules.outline;
    let mut out: Vec<TopicScore> = Vec::new();
    for (objective, g) in entries {
        let (id, name) = match outline.objective(objective) {
            Some((a, _, _)) => (a.id.as_str(), a.name.as_str()),
            None => (objective, objective),
        };
        let i = match out.iter().position(|t| t.topic == id) {
            Some(i) => i,
            None => {
                out.push(TopicScore {
                    topic: id.to_string(),
                    name: name.to_string(),
                    points: 0,
                    max: 0,
                    credit: 0.0,
                    questions: 0,
                });
                out.len() - 1
            }
        };
        let t = &mut out[i];
        t.points += g.points;
        t.max += g.max;
        t.credit += credit(g);
        t.questions += 1;
    }
    let rank = |id: &str| {
        outline
            .areas
            .iter()
            .position(|a| a.id == id)
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

    fn grade(points: u32, max: u32) -> Grade {
        Grade {
            points,
            max,
            parts: (0..max).map(|i| i < points).collect(),
        }
    }

    #[test]
    fn every_question_weighs_one_and_parts_give_partial_credit() {
        // 27 single-choice right, 12 wrong, and one ten-part hot area with 5 parts right.
        let mut grades: Vec<Grade> = (0..39).map(|i| grade(u32::from(i < 27), 1)).collect();
        grades.push(grade(5, 10));
        let s = Score::from_grades(&grades, 70.0);
        assert_eq!((s.points, s.max, s.questions), (32, 49, 40));
        assert!((s.credit - 27.5).abs() < 1e-9);
        assert!((s.percent - 68.75).abs() < 1e-9);
        assert_eq!(s.credit_label(), "27.5 / 40");
        assert!(!s.passed, "27.5 of 40 is below the 70 % cut");
        // Counting parts instead would have given 32 / 49 = 65 %; a perfect hot area now lifts
        // the score by one question's worth, not ten.
        grades[39] = grade(10, 10);
        let s = Score::from_grades(&grades, 70.0);
        assert!((s.credit - 28.0).abs() < 1e-9);
        assert_eq!(s.credit_label(), "28 / 40");
        assert!(s.passed, "28 of 40 is exactly the cut");
    }

    #[test]
    fn score_of_nothing_is_the_minimum() {
        let s = Score::new(0, 0, 70.0);
        assert_eq!((s.scaled_estimate, s.passed, s.percent), (1, false, 0.0));
    }
}
