//! The forgetting curve: FSRS's power curve, the learner's fitted [`Calibration`] of it, and the
//! guessing floor that turns recall into a right answer. A leaf: it imports nothing from the
//! scheduler ([`Scheduler::calibrate`](super::Scheduler::calibrate) fits the calibration).

/// Chance of answering a forgotten (or never seen) concept right by guessing: one of four
/// options.
pub const GUESS_RATE: f64 = 0.25;

/// FSRS's power forgetting curve: recall after `t` days at stability `s` (recall 0.9 at
/// `t = s`) with the given decay.
pub(crate) fn power_curve(s: f64, decay: f64, t: f64) -> f64 {
    if !(s.is_finite() && s > 0.0 && decay.is_finite() && decay > 0.0) {
        return 0.0;
    }
    let factor = 0.9f64.powf(-1.0 / decay) - 1.0;
    (t.max(0.0) / s * factor + 1.0).powf(-decay)
}

/// A fitted forgetting curve: recall after `t` days is FSRS's power curve at stability
/// `stability × stability_scale` (`× first_scale` for a concept reviewed once) with exponent
/// `decay`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Calibration {
    pub stability_scale: f64,
    pub decay: f64,
    /// The stability scale of a concept reviewed only once (`None`: `stability_scale`, as in
    /// calibrations stored before it existed).
    #[serde(default)]
    pub first_scale: Option<f64>,
    /// Answers it was fitted on.
    pub observations: usize,
    /// Of which answers to concepts reviewed more than once (what the general scale and the
    /// decay rest on; 0 in calibrations stored before it was counted).
    #[serde(default)]
    pub later_observations: usize,
}

impl Calibration {
    /// For tests: FSRS's scale (1), `decay`, `first_scale`, fitted on `later_observations`
    /// answers to concepts seen more than once and 50 first answers.
    #[cfg(test)]
    pub(crate) fn for_tests(
        decay: f64,
        first_scale: Option<f64>,
        later_observations: usize,
    ) -> Calibration {
        Calibration {
            stability_scale: 1.0,
            decay,
            first_scale,
            observations: later_observations + 50,
            later_observations,
        }
    }

    /// The stability scale of a concept reviewed `reps` times.
    pub fn scale_for(&self, reps: u32) -> f64 {
        match self.first_scale {
            Some(k) if reps == 1 => k,
            _ => self.stability_scale,
        }
    }
}
