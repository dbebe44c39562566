//! Fitting FSRS parameters to the learner's own reviews, kept only if they predict better.

use std::collections::{BTreeMap, HashSet};

use ::fsrs::{ComputeParametersInput, DEFAULT_PARAMETERS, FSRSItem, FSRSReview};

use super::model::Scheduler;
use super::rating::Rating;
use crate::clock::{Day, Millis};

/// Reviews needed before fitting parameters is worth trying.
pub const MIN_REVIEWS: usize = 400;
/// Distinct concepts needed before fitting parameters is worth trying.
pub const MIN_CONCEPTS: usize = 20;
/// Share of the history (oldest first) the parameters are fitted on; the rest scores them.
const TRAIN_SHARE: f64 = 0.8;

/// One past review, as the store records it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewLog {
    pub concept: String,
    /// When it was answered (orders reviews within a day).
    pub at: Millis,
    /// Its study day (`clock::study_day` with the learner's offset and rollover hour).
    pub day: Day,
    pub rating: Rating,
}

/// The outcome of [`optimize`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OptimizeReport {
    /// Log-loss of the default parameters on the held-out (latest 20 %) reviews.
    pub default_log_loss: f64,
    /// Log-loss of the fitted parameters on the same reviews.
    pub fitted_log_loss: f64,
    /// The parameters to use: the fitted ones if kept, else the defaults.
    pub params: Vec<f32>,
    /// Whether the fitted parameters predicted better and were kept.
    pub kept: bool,
    /// Held-out reviews scored.
    pub scored: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum OptimizeError {
    #[error(
        "not enough history to fit parameters: {reviews} reviews of {concepts} concepts; \
         needs {more_reviews} more reviews and {more_concepts} more concepts \
         (at least {MIN_REVIEWS} reviews across {MIN_CONCEPTS} concepts)"
    )]
    NotEnoughHistory {
        reviews: usize,
        concepts: usize,
        more_reviews: usize,
        more_concepts: usize,
    },
    #[error("no held-out review to score parameters on (reviews must span several days)")]
    NothingToScore,
    #[error("fitting FSRS parameters failed: {0}")]
    Fit(String),
}

/// Fits FSRS parameters on the learner's reviews with `fsrs::compute_parameters` and keeps them
/// only if they predict unseen reviews better than the defaults.
///
/// The history is split in time: parameters are fitted on the oldest 80 % of reviews, and both
/// the fitted and the default parameters are scored by log-loss on the recall (Hard or Good) of
/// the latest 20 % that came a day or more after the previous review of their concept. Needs at
/// least [`MIN_REVIEWS`] reviews across [`MIN_CONCEPTS`] concepts.
pub fn optimize(reviews: &[ReviewLog]) -> Result<OptimizeReport, OptimizeError> {
    let concepts: HashSet<&str> = reviews.iter().map(|r| r.concept.as_str()).collect();
    if reviews.len() < MIN_REVIEWS || concepts.len() < MIN_CONCEPTS {
        return Err(OptimizeError::NotEnoughHistory {
            reviews: reviews.len(),
            concepts: concepts.len(),
            more_reviews: MIN_REVIEWS.saturating_sub(reviews.len()),
            more_concepts: MIN_CONCEPTS.saturating_sub(concepts.len()),
        });
    }
    let mut ordered: Vec<&ReviewLog> = reviews.iter().collect();
    ordered.sort_by_key(|r| (r.at, r.day));
    let cut = ((ordered.len() as f64) * TRAIN_SHARE).round() as usize;

    // One FSRS item per review after a concept's first: its history up to and including it.
    let mut history: BTreeMap<&str, Vec<FSRSReview>> = BTreeMap::new();
    let mut last_day: BTreeMap<&str, Day> = BTreeMap::new();
    let mut train = Vec::new();
    let mut test = Vec::new();
    for (i, r) in ordered.iter().enumerate() {
        let prev = last_day.insert(r.concept.as_str(), r.day);
        let delta = prev.map_or(0, |d| u32::try_from((r.day - d).max(0)).unwrap_or(u32::MAX));
        let h = history.entry(r.concept.as_str()).or_default();
        h.push(FSRSReview {
            rating: r.rating.fsrs_value(),
            delta_t: delta,
        });
        if h.len() < 2 {
            continue;
        }
        // fsrs trains on (and panics without) a review at least a day after the one before:
        // a same-day re-ask is history for later items, never an item itself.
        if delta == 0 {
            continue;
        }
        let item = FSRSItem { reviews: h.clone() };
        if i < cut {
            train.push(item);
        } else {
            test.push(item);
        }
    }
    if test.is_empty() {
        return Err(OptimizeError::NothingToScore);
    }
    let fitted = ::fsrs::compute_parameters(ComputeParametersInput {
        train_set: train,
        ..ComputeParametersInput::default()
    })
    .map_err(|e| OptimizeError::Fit(e.to_string()))?;
    let default_sched = Scheduler::default();
    let fitted_sched =
        Scheduler::with_params(&fitted).map_err(|e| OptimizeError::Fit(e.to_string()))?;
    let default_log_loss = log_loss(&default_sched, &test);
    let fitted_log_loss = log_loss(&fitted_sched, &test);
    let kept = fitted_log_loss < default_log_loss;
    Ok(OptimizeReport {
        default_log_loss,
        fitted_log_loss,
        params: if kept {
            fitted_sched.params().to_vec()
        } else {
            DEFAULT_PARAMETERS.to_vec()
        },
        kept,
        scored: test.len(),
    })
}

/// Mean log-loss of the predicted recall of each item's last review (recalled = Hard or Good).
pub(crate) fn log_loss(sched: &Scheduler, items: &[FSRSItem]) -> f64 {
    let mut total = 0.0;
    for item in items {
        let Some((last, past)) = item.reviews.split_last() else {
            continue;
        };
        let mut state: Option<(f32, f32)> = None;
        for r in past {
            let rating = Rating::from_fsrs_value(r.rating).unwrap_or(Rating::Good);
            let next = sched.project(state, rating, r.delta_t);
            state = Some((next.stability, next.difficulty));
        }
        let p = state
            .map_or(0.5, |(s, _)| {
                sched.retrievability(s, f64::from(last.delta_t))
            })
            .clamp(1e-4, 1.0 - 1e-4);
        let y = last.rating > 1;
        total -= if y { p.ln() } else { (1.0 - p).ln() };
    }
    total / items.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_little_history_says_how_much_more_is_needed() {
        let reviews: Vec<ReviewLog> = (0..150)
            .map(|i| ReviewLog {
                concept: format!("c{}", i % 12),
                at: i64::from(i) * 1000,
                day: i64::from(i / 12),
                rating: Rating::Good,
            })
            .collect();
        let err = optimize(&reviews).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("250 more reviews"), "{msg}");
        assert!(msg.contains("8 more concepts"), "{msg}");
    }

    /// A history the app can write: answers in time order over `concepts` concepts, each
    /// `(concept, days since the answer before, rating)`; many re-asks on the same day.
    fn history(steps: &[(usize, u8, u8)]) -> Vec<ReviewLog> {
        let mut day = 20_000;
        steps
            .iter()
            .enumerate()
            .map(|(i, &(concept, gap, rating))| {
                day += i64::from(gap);
                ReviewLog {
                    concept: format!("c{concept}"),
                    at: day * 86_400_000 + i as i64 * 1_000,
                    day,
                    rating: [Rating::Again, Rating::Hard, Rating::Good][usize::from(rating % 3)],
                }
            })
            .collect()
    }

    /// Issue 16: `az900 optimize` panicked in fsrs ("at least one review with delta_t > 0 is
    /// required") when a concept's reviews after its first were all on one day.
    #[test]
    fn a_concept_reviewed_only_on_its_first_day_does_not_panic() {
        // 30 concepts, each asked three times on day 0, then half of them again on later days.
        let mut steps = Vec::new();
        for round in 0..3 {
            for c in 0..30 {
                steps.push((c, 0, (c + round) as u8));
            }
        }
        for day in 1..=40u8 {
            for c in 0..15 {
                steps.push((c, if c == 0 { 1 } else { 0 }, day + c as u8));
            }
        }
        let reviews = history(&steps);
        assert!(reviews.len() >= MIN_REVIEWS);
        let report = optimize(&reviews).unwrap();
        assert!(report.scored > 0);
        assert!(report.default_log_loss.is_finite() && report.fitted_log_loss.is_finite());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Whatever history the app writes, `optimize` returns a report or an error; it never
        /// panics (a panic fails the property).
        #[test]
        fn optimize_never_panics(
            steps in proptest::collection::vec(
                (0usize..40, proptest::prop_oneof![6 => proptest::prelude::Just(0u8), 3 => 1u8..3, 1 => 3u8..60], 0u8..3),
                380..520,
            )
        ) {
            let reviews = history(&steps);
            if let Ok(report) = optimize(&reviews) {
                proptest::prop_assert!(report.params.len() == DEFAULT_PARAMETERS.len());
                proptest::prop_assert!(report.scored > 0);
            }
        }
    }

    #[test]
    fn log_loss_prefers_the_model_that_matches_the_outcomes() {
        // Always recalled after long gaps: a model with higher stability predicts it better.
        let item = FSRSItem {
            reviews: vec![
                FSRSReview {
                    rating: 3,
                    delta_t: 0,
                },
                FSRSReview {
                    rating: 3,
                    delta_t: 20,
                },
            ],
        };
        let mut strong = DEFAULT_PARAMETERS;
        strong[2] = 30.0;
        let strong = Scheduler::with_params(&strong).unwrap();
        let items = [item];
        assert!(log_loss(&strong, &items) < log_loss(&Scheduler::default(), &items));
    }
}
