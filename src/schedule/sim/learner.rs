//! Simulated learners: the *true* memory the schedulers cannot see.
//!
//! Two families, neither of them the scheduler's own model with its own parameters:
//! - [`Family::Fsrs`]: FSRS-6 with per-learner parameters drawn around the defaults (each
//!   multiplied by a log-normal factor, the forgetting-curve decay drawn anew) and per-concept
//!   difficulty offsets;
//! - [`Family::Exponential`]: exponential forgetting `R = exp(−t/S)` with a spacing effect (a
//!   success multiplies `S` by `1 + gain × ease × (1 − R)`, so reviews at low recall help most,
//!   same-day ones not at all) and a lapse that keeps a share of `S`.

use ::fsrs::{DEFAULT_PARAMETERS, FSRS, MemoryState as FsrsMemory};

use super::rng::Rng;

/// A family of true memory models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    Fsrs,
    Exponential,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Fsrs => "FSRS-random",
            Family::Exponential => "exp+spacing",
        }
    }
}

/// The true memory of one concept after at least one exposure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrueMemory {
    /// Stability in days (the family's own meaning).
    pub stability: f64,
    /// FSRS difficulty (FSRS family only).
    pub difficulty: f32,
    /// Study day of the last exposure.
    pub last_day: i64,
}

#[derive(Debug, Clone)]
enum Model {
    Fsrs {
        model: Box<FSRS>,
        decay: f64,
        /// Per concept, added to the difficulty after the first exposure.
        difficulty_offset: Vec<f32>,
    },
    Exponential {
        /// Per concept: stability after the first exposure (days).
        first_stability: Vec<f64>,
        /// Per concept: how readily the concept is strengthened.
        ease: Vec<f64>,
        /// Spacing gain of the learner.
        gain: f64,
        /// Share of stability kept after a lapse.
        lapse_keep: f64,
    },
}

/// One simulated learner.
#[derive(Debug, Clone)]
pub struct Learner {
    model: Model,
    /// Per concept: chance of already knowing it before the first exposure.
    pub prior: Vec<f64>,
    /// Chance that a right answer given without recall is marked as a guess.
    pub flags_guesses: f64,
}

impl Learner {
    /// A random learner of `family` for `concepts` concepts.
    pub fn draw(family: Family, concepts: usize, rng: &mut Rng) -> Learner {
        let prior = (0..concepts).map(|_| 0.3 * rng.uniform().powi(2)).collect();
        let flags_guesses = 0.3 + 0.6 * rng.uniform();
        let model = match family {
            Family::Fsrs => {
                let mut w = DEFAULT_PARAMETERS;
                for x in w.iter_mut().take(20) {
                    *x *= (0.35 * rng.normal()).exp() as f32;
                }
                w[20] = (0.1 + 0.5 * rng.uniform()) as f32;
                // FSRS::new clips the parameters into their valid ranges.
                let model = FSRS::new(&w).unwrap_or_default();
                Model::Fsrs {
                    model: Box::new(model),
                    decay: f64::from(w[20].clamp(0.1, 0.8)),
                    difficulty_offset: (0..concepts).map(|_| (1.5 * rng.normal()) as f32).collect(),
                }
            }
            Family::Exponential => Model::Exponential {
                first_stability: (0..concepts)
                    .map(|_| 4.0 * (0.5 * rng.normal()).exp())
                    .collect(),
                ease: (0..concepts).map(|_| (0.35 * rng.normal()).exp()).collect(),
                gain: 3.0 + 5.0 * rng.uniform(),
                lapse_keep: 0.2 + 0.3 * rng.uniform(),
            },
        };
        Learner {
            model,
            prior,
            flags_guesses,
        }
    }

    /// True probability of recalling a concept on `day`.
    pub fn recall(&self, concept: usize, memory: Option<&TrueMemory>, day: i64) -> f64 {
        let Some(m) = memory else {
            return self.prior.get(concept).copied().unwrap_or(0.0);
        };
        let t = (day - m.last_day).max(0) as f64;
        match &self.model {
            Model::Fsrs { decay, .. } => {
                let factor = 0.9f64.powf(-1.0 / decay) - 1.0;
                (1.0 + factor * t / m.stability.max(1e-3)).powf(-decay)
            }
            Model::Exponential { .. } => (-t / m.stability.max(1e-3)).exp(),
        }
    }

    /// The true memory after an exposure on `day` that was recalled or not (either way the
    /// learner then sees the explanation).
    pub fn after_review(
        &self,
        concept: usize,
        memory: Option<&TrueMemory>,
        recalled: bool,
        day: i64,
    ) -> TrueMemory {
        match &self.model {
            Model::Fsrs {
                model,
                difficulty_offset,
                ..
            } => {
                let prev = memory.map(|m| FsrsMemory {
                    stability: m.stability as f32,
                    difficulty: m.difficulty,
                });
                let elapsed = memory.map_or(0, |m| (day - m.last_day).max(0)) as u32;
                let next = model.next_states(prev, 0.9, elapsed).ok().map(|n| {
                    if recalled {
                        n.good.memory
                    } else {
                        n.again.memory
                    }
                });
                let mut s = next.unwrap_or(FsrsMemory {
                    stability: 1.0,
                    difficulty: 5.0,
                });
                if memory.is_none() {
                    let off = difficulty_offset.get(concept).copied().unwrap_or(0.0);
                    s.difficulty = (s.difficulty + off).clamp(1.0, 10.0);
                }
                TrueMemory {
                    stability: f64::from(s.stability),
                    difficulty: s.difficulty,
                    last_day: day,
                }
            }
            Model::Exponential {
                first_stability,
                ease,
                gain,
                lapse_keep,
            } => {
                let s = match memory {
                    None => {
                        let s0 = first_stability.get(concept).copied().unwrap_or(1.0);
                        if recalled { 2.0 * s0 } else { s0 }
                    }
                    Some(m) => {
                        let r = self.recall(concept, Some(m), day);
                        let e = ease.get(concept).copied().unwrap_or(1.0);
                        if recalled {
                            m.stability * (1.0 + gain * e * (1.0 - r))
                        } else {
                            (m.stability * lapse_keep).max(0.3)
                        }
                    }
                };
                TrueMemory {
                    stability: s.min(36_500.0),
                    difficulty: 5.0,
                    last_day: day,
                }
            }
        }
    }
}
