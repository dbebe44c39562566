//! The learner's own forgetting curve: FSRS's curve rescaled to fit their answers.
//!
//! Fitting all of FSRS's parameters ([`optimize`](super::optimize())) needs hundreds of reviews
//! and takes a while; this fits just two numbers, a stability scale and the curve's decay, by
//! maximum a posteriori on the learner's answers (each after a day or more), so it is cheap
//! enough to refresh every session and useful after a few dozen reviews. It is what keeps the
//! exam planner and the readiness estimate honest for a learner who forgets faster or slower
//! than FSRS's average learner.

use std::collections::BTreeMap;

use super::model::{Rating, Scheduler, power_curve};
use super::optimize::ReviewLog;
use super::readiness::GUESS_RATE;

/// Answers (after at least a day) needed before a calibration is fitted.
pub const MIN_OBSERVATIONS: usize = 30;

/// The calibration uses at most this many of the latest answers (recent behaviour, bounded
/// cost).
pub const MAX_OBSERVATIONS: usize = 500;

/// A fitted forgetting curve: recall after `t` days is FSRS's power curve at stability
/// `stability × stability_scale` with exponent `decay`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Calibration {
    pub stability_scale: f64,
    pub decay: f64,
    /// Answers it was fitted on.
    pub observations: usize,
}

/// One answer as the calibration sees it: the FSRS stability before it, the study days since
/// the previous answer, and whether it was right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecallObservation {
    pub stability: f32,
    pub elapsed_days: u32,
    pub right: bool,
}

impl Scheduler {
    /// The answers of `log` that came a day or more after the previous answer to the same
    /// concept, with the FSRS stability (this scheduler's parameters) just before each.
    pub fn observations(&self, log: &[ReviewLog]) -> Vec<RecallObservation> {
        let mut ordered: Vec<&ReviewLog> = log.iter().collect();
        ordered.sort_by_key(|r| (r.at, r.day));
        let mut state: BTreeMap<&str, (f32, f32, i64)> = BTreeMap::new();
        let mut out = Vec::new();
        for r in ordered {
            let prev = state.get(r.concept.as_str()).copied();
            let elapsed = prev.map_or(0, |(_, _, d)| {
                u32::try_from((r.day - d).max(0)).unwrap_or(0)
            });
            if let Some((s, _, _)) = prev
                && elapsed > 0
            {
                out.push(RecallObservation {
                    stability: s,
                    elapsed_days: elapsed,
                    right: r.rating != Rating::Again,
                });
            }
            let next = self.project(prev.map(|(s, d, _)| (s, d)), r.rating, elapsed);
            let day = prev.map_or(r.day, |(_, _, d)| d.max(r.day));
            state.insert(r.concept.as_str(), (next.stability, next.difficulty, day));
        }
        out
    }

    /// A calibration fitted on `log`, or `None` with fewer than [`MIN_OBSERVATIONS`] usable
    /// answers. Set it as [`Scheduler::calibration`].
    pub fn calibrate(&self, log: &[ReviewLog]) -> Option<Calibration> {
        let default_decay = f64::from(self.params().get(20).copied().unwrap_or(0.1542));
        let obs = self.observations(log);
        let recent = &obs[obs.len().saturating_sub(MAX_OBSERVATIONS)..];
        fit_calibration(recent, default_decay)
    }
}

/// Fits a stability scale and a decay to answers, taking guessing into account (a right answer
/// has probability `GUESS_RATE + (1 − GUESS_RATE) × recall`). Priors keep a small history close
/// to FSRS's own curve: log scale ~ N(0, 1), log(decay / prior_decay) ~ N(0, 1.2).
pub fn fit_calibration(obs: &[RecallObservation], prior_decay: f64) -> Option<Calibration> {
    if obs.len() < MIN_OBSERVATIONS || prior_decay.is_nan() || prior_decay <= 0.0 {
        return None;
    }
    let score = |ln_k: f64, ln_d: f64| {
        let k = ln_k.exp();
        let decay = prior_decay * ln_d.exp();
        let mut ll = -0.5 * ln_k * ln_k - 0.5 * (ln_d / 1.2).powi(2);
        for o in obs {
            let r = power_curve(f64::from(o.stability) * k, decay, f64::from(o.elapsed_days));
            let p = (GUESS_RATE + (1.0 - GUESS_RATE) * r).clamp(1e-6, 1.0 - 1e-6);
            ll += if o.right { p.ln() } else { (1.0 - p).ln() };
        }
        ll
    };
    // Coarse grid, then a finer one around the best point.
    let search = |best: (f64, f64, f64), centre: (f64, f64), step: f64, half: i32| {
        let mut found = best;
        for i in -half..=half {
            for j in -half..=half {
                let (a, b) = (
                    centre.0 + f64::from(i) * step,
                    centre.1 + f64::from(j) * step,
                );
                let s = score(a, b);
                if s > found.0 {
                    found = (s, a, b);
                }
            }
        }
        found
    };
    let coarse = search((f64::NEG_INFINITY, 0.0, 0.0), (0.0, 1.0), 0.5, 6);
    let best = search(coarse, (coarse.1, coarse.2), 0.125, 3);
    Some(Calibration {
        stability_scale: best.1.exp(),
        decay: prior_decay * best.2.exp(),
        observations: obs.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::sim::rng::{Rng, keyed_uniform};

    /// Answers drawn from a known curve (scale, decay) over a spread of stabilities and gaps.
    fn answers(scale: f64, decay: f64, n: usize) -> Vec<RecallObservation> {
        let mut rng = Rng::new(42);
        (0..n)
            .map(|i| {
                let stability = (1.0 + 30.0 * rng.uniform()) as f32;
                let elapsed_days = 1 + rng.below(40) as u32;
                let r = power_curve(f64::from(stability) * scale, decay, f64::from(elapsed_days));
                let p = GUESS_RATE + (1.0 - GUESS_RATE) * r;
                RecallObservation {
                    stability,
                    elapsed_days,
                    right: keyed_uniform(&[i as u64]) < p,
                }
            })
            .collect()
    }

    #[test]
    fn the_fit_recovers_a_faster_forgetter() {
        let fit = fit_calibration(&answers(0.3, 0.6, 2000), 0.1542).unwrap();
        assert!(fit.stability_scale < 0.7, "{fit:?}");
        // Predictions agree with the truth where answers were observed.
        for (s, t) in [(5.0, 5.0), (20.0, 30.0)] {
            let truth = power_curve(s * 0.3, 0.6, t);
            let fitted = power_curve(s * fit.stability_scale, fit.decay, t);
            assert!(
                (truth - fitted).abs() < 0.08,
                "{s} {t}: {truth} vs {fitted}"
            );
        }
    }

    #[test]
    fn too_few_answers_fit_nothing() {
        assert_eq!(fit_calibration(&answers(1.0, 0.15, 10), 0.1542), None);
    }
}
