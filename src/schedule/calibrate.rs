//! The learner's own forgetting curve: FSRS's curve rescaled to fit their answers.
//!
//! Fitting all of FSRS's parameters ([`optimize`](super::optimize())) needs hundreds of reviews
//! and takes a while; this fits just three numbers, a stability scale, the curve's decay and a
//! separate scale for concepts seen only once, by maximum a posteriori on the learner's answers
//! (each after a day or more), so it is cheap enough to refresh every session and useful after a
//! few dozen reviews. It is what keeps the exam planner and the readiness estimate honest for a
//! learner who forgets faster or slower than FSRS's average learner.
//!
//! The first exposure gets its own scale because it is where FSRS's average learner is furthest
//! from a given one: FSRS's initial stabilities are a few fixed numbers, while how long a single
//! exposure (often a lucky guess followed by the explanation) lasts varies a lot between
//! learners, and the answers after a first exposure are the most plentiful ones early on.

use std::collections::BTreeMap;

use super::curve::{Calibration, GUESS_RATE, power_curve};
use super::model::Scheduler;
use super::optimize::ReviewLog;
use super::rating::Rating;

/// Answers (after at least a day) needed before a calibration is fitted.
pub const MIN_OBSERVATIONS: usize = 30;

/// The calibration uses at most this many of the latest answers (recent behaviour, bounded
/// cost).
pub const MAX_OBSERVATIONS: usize = 500;

/// One answer as the calibration sees it: the FSRS stability before it, the study days since
/// the previous answer, whether it was right, and whether the concept had been reviewed only
/// once before it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecallObservation {
    pub stability: f32,
    pub elapsed_days: u32,
    pub right: bool,
    pub after_first: bool,
}

impl Scheduler {
    /// The answers of `log` that came a day or more after the previous answer to the same
    /// concept, with the FSRS stability (this scheduler's parameters) just before each.
    pub fn observations(&self, log: &[ReviewLog]) -> Vec<RecallObservation> {
        let mut ordered: Vec<&ReviewLog> = log.iter().collect();
        ordered.sort_by_key(|r| (r.at, r.day));
        // Per concept: stability, difficulty, day of the last review, reviews so far.
        let mut state: BTreeMap<&str, (f32, f32, i64, u32)> = BTreeMap::new();
        let mut out = Vec::new();
        for r in ordered {
            let prev = state.get(r.concept.as_str()).copied();
            let elapsed = prev.map_or(0, |(_, _, d, _)| {
                u32::try_from((r.day - d).max(0)).unwrap_or(0)
            });
            if let Some((s, _, _, reps)) = prev
                && elapsed > 0
            {
                out.push(RecallObservation {
                    stability: s,
                    elapsed_days: elapsed,
                    right: r.rating != Rating::Again,
                    after_first: reps == 1,
                });
            }
            let next = self.project(prev.map(|(s, d, _, _)| (s, d)), r.rating, elapsed);
            let day = prev.map_or(r.day, |(_, _, d, _)| d.max(r.day));
            let reps = prev.map_or(0, |p| p.3).saturating_add(1);
            state.insert(
                r.concept.as_str(),
                (next.stability, next.difficulty, day, reps),
            );
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

/// Spread of the prior on the first-exposure scale around the general one (log scale).
const FIRST_SCALE_PRIOR_SD: f64 = 1.0;

/// Fits a stability scale, a decay and a first-exposure scale to answers, taking guessing into
/// account (a right answer has probability `GUESS_RATE + (1 − GUESS_RATE) × recall`). Priors
/// keep a small history close to FSRS's own curve: log scale ~ N(0, 1),
/// log(decay / prior_decay) ~ N(0, 1.2), log(first scale / scale) ~ N(0, 1).
pub fn fit_calibration(obs: &[RecallObservation], prior_decay: f64) -> Option<Calibration> {
    if obs.len() < MIN_OBSERVATIONS || prior_decay.is_nan() || prior_decay <= 0.0 {
        return None;
    }
    // Log-likelihood of the answers after a first exposure (`first`) or after more reviews,
    // at log scale `ln_k` and log relative decay `ln_d`.
    let ll = |first: bool, ln_k: f64, ln_d: f64| {
        let k = ln_k.exp();
        let decay = prior_decay * ln_d.exp();
        let mut ll = 0.0;
        for o in obs.iter().filter(|o| o.after_first == first) {
            let r = power_curve(f64::from(o.stability) * k, decay, f64::from(o.elapsed_days));
            let p = (GUESS_RATE + (1.0 - GUESS_RATE) * r).clamp(1e-6, 1.0 - 1e-6);
            ll += if o.right { p.ln() } else { (1.0 - p).ln() };
        }
        ll
    };
    // For each decay, the two scales are fitted on disjoint answers, tied only by the prior:
    // tabulate the first-exposure likelihood over its scale, then search (scale, decay).
    let search = |centre: (f64, f64, f64), step: f64, half: i32| {
        let offsets: Vec<f64> = (-half..=half).map(|i| f64::from(i) * step).collect();
        let mut best = (f64::NEG_INFINITY, 0.0, 0.0, 0.0);
        for dj in &offsets {
            let ln_d = centre.1 + dj;
            let first: Vec<(f64, f64)> = offsets
                .iter()
                .map(|ki| {
                    let ln_k1 = centre.2 + ki;
                    (ln_k1, ll(true, ln_k1, ln_d))
                })
                .collect();
            for ki in &offsets {
                let ln_k = centre.0 + ki;
                let (ln_k1, first_ll) = first
                    .iter()
                    .map(|(ln_k1, l)| {
                        let z = (ln_k1 - ln_k) / FIRST_SCALE_PRIOR_SD;
                        (*ln_k1, l - 0.5 * z * z)
                    })
                    .fold(
                        (ln_k, f64::NEG_INFINITY),
                        |a, b| if b.1 > a.1 { b } else { a },
                    );
                let s = ll(false, ln_k, ln_d) - 0.5 * ln_k * ln_k - 0.5 * (ln_d / 1.2).powi(2)
                    + first_ll;
                if s > best.0 {
                    best = (s, ln_k, ln_d, ln_k1);
                }
            }
        }
        best
    };
    // Coarse grid, then a finer one around the best point.
    let coarse = search((0.0, 1.0, 0.0), 0.5, 6);
    let best = search((coarse.1, coarse.2, coarse.3), 0.125, 3);
    Some(Calibration {
        stability_scale: best.1.exp(),
        decay: prior_decay * best.2.exp(),
        first_scale: Some(best.3.exp()),
        observations: obs.len(),
        later_observations: obs.iter().filter(|o| !o.after_first).count(),
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
                    after_first: false,
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
    fn a_first_exposure_that_lasts_longer_gets_its_own_scale() {
        // Answers after a first exposure (FSRS's initial stabilities) last five times longer
        // than FSRS says; later answers follow the general curve.
        let mut obs = answers(0.3, 0.6, 1000);
        let mut rng = Rng::new(7);
        for i in 0..1000u64 {
            let stability = [0.212f32, 2.3065][rng.below(2)];
            let elapsed_days = 1 + rng.below(10) as u32;
            let r = power_curve(f64::from(stability) * 1.5, 0.6, f64::from(elapsed_days));
            let p = GUESS_RATE + (1.0 - GUESS_RATE) * r;
            obs.push(RecallObservation {
                stability,
                elapsed_days,
                right: keyed_uniform(&[i, 1]) < p,
                after_first: true,
            });
        }
        let fit = fit_calibration(&obs, 0.1542).unwrap();
        assert_eq!((fit.observations, fit.later_observations), (2000, 1000));
        let first = fit.first_scale.unwrap();
        assert!(first > 3.0 * fit.stability_scale, "{fit:?}");
        assert!((fit.scale_for(1) - first).abs() < 1e-12);
        assert!((fit.scale_for(2) - fit.stability_scale).abs() < 1e-12);
        for t in [1.0, 5.0] {
            let truth = power_curve(2.3065 * 1.5, 0.6, t);
            let fitted = power_curve(2.3065 * first, fit.decay, t);
            assert!((truth - fitted).abs() < 0.08, "{t}: {truth} vs {fitted}");
        }
        // Without a separate first exposure in the data, the two scales stay close.
        let plain = fit_calibration(&answers(0.3, 0.6, 2000), 0.1542).unwrap();
        let same = plain.first_scale.unwrap() - plain.stability_scale;
        assert!(same.abs() < 1e-9, "{plain:?}");
    }

    #[test]
    fn too_few_answers_fit_nothing() {
        assert_eq!(fit_calibration(&answers(1.0, 0.15, 10), 0.1542), None);
    }
}
