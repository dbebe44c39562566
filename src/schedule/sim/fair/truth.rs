//! The learners' true memory (which no scheduler sees): the three truth families.

use std::collections::HashMap;

use super::super::learner::{Family, Learner, TrueMemory};
use super::super::rng::Rng;
use super::Truth;
use super::bank::{group_in, group_of};
use crate::schedule::GUESS_RATE;

/// The true memory of one concept.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Mem {
    Unseen,
    /// ACT-R traces: (day, decay).
    ActR(Vec<(i64, f64)>),
    Cons {
        /// 0 not learned, 1 fragile, 2 consolidated.
        stage: u8,
        stability: f64,
        last: i64,
        /// Discrimination from the group's other concepts (multiplies recall).
        discrimination: f64,
    },
    Exp(TrueMemory),
}

#[derive(Debug, Clone)]
enum Model {
    ActR {
        a: f64,
        c: f64,
        s: f64,
        /// Per concept retrieval threshold (higher is harder).
        tau: Vec<f64>,
    },
    Cons {
        /// Per concept: chance that a study moves it from not learned to fragile.
        learn: Vec<f64>,
        /// Per concept: stability of a fragile memory (days).
        fragile: Vec<f64>,
        /// Per concept: first stability once consolidated (days).
        consolidated: Vec<f64>,
        /// Chance scale of consolidating a recalled fragile memory.
        consolidate: f64,
        /// Growth of consolidated stability on a spaced recall.
        growth: f64,
        /// Share of stability a group neighbour's study takes away.
        interference: f64,
        /// Starting discrimination.
        discrimination: f64,
    },
    Exp(Box<Learner>),
}

/// One simulated learner of a truth family.
#[derive(Debug, Clone)]
pub struct TrueLearner {
    model: Model,
    /// Per concept: chance of knowing it before any study.
    prior: Vec<f64>,
    /// Chance that a right answer given without recall is marked as a guess.
    pub(super) flags_guesses: f64,
    /// Per concept: its confusable group.
    pub(super) group: Vec<usize>,
}

impl TrueLearner {
    pub fn draw(truth: Truth, concepts: usize, rng: &mut Rng) -> TrueLearner {
        let prior = (0..concepts).map(|_| 0.3 * rng.uniform().powi(2)).collect();
        let flags_guesses = 0.3 + 0.6 * rng.uniform();
        let model = match truth {
            Truth::ActR => {
                let base = -0.3 + 0.4 * rng.uniform();
                Model::ActR {
                    a: 0.25 + 0.2 * rng.uniform(),
                    c: 0.15 + 0.15 * rng.uniform(),
                    s: 0.25 + 0.15 * rng.uniform(),
                    tau: (0..concepts).map(|_| base + 0.35 * rng.normal()).collect(),
                }
            }
            Truth::Interference => {
                let learn_base = 0.5 + 0.35 * rng.uniform();
                let mut learn = Vec::with_capacity(concepts);
                let mut fragile = Vec::with_capacity(concepts);
                let mut consolidated = Vec::with_capacity(concepts);
                for _ in 0..concepts {
                    let hard = 0.5 * rng.normal();
                    learn.push((learn_base * (-0.5 * hard).exp()).clamp(0.1, 0.98));
                    fragile.push((1.0 + 2.0 * rng.uniform()) * (-hard).exp());
                    consolidated.push((15.0 + 25.0 * rng.uniform()) * (-hard).exp());
                }
                Model::Cons {
                    learn,
                    fragile,
                    consolidated,
                    consolidate: 0.5 + 0.4 * rng.uniform(),
                    growth: 1.0 + 2.0 * rng.uniform(),
                    interference: 0.04 + 0.1 * rng.uniform(),
                    discrimination: 0.7 + 0.2 * rng.uniform(),
                }
            }
            Truth::ExpSpacing => {
                Model::Exp(Box::new(Learner::draw(Family::Exponential, concepts, rng)))
            }
        };
        TrueLearner {
            model,
            prior,
            flags_guesses,
            group: (0..concepts).map(group_of).collect(),
        }
    }

    /// Spread each group across the bank ([`group_in`], scattered).
    pub(super) fn scatter_groups(&mut self) {
        let n = self.group.len();
        self.group = (0..n).map(|i| group_in(i, n, true)).collect();
    }

    pub(super) fn fresh(&self, n: usize) -> Vec<Mem> {
        vec![Mem::Unseen; n]
    }

    /// True chance of recalling concept `c` on `day`.
    pub(super) fn recall(&self, c: usize, m: &Mem, day: i64) -> f64 {
        let prior = self.prior.get(c).copied().unwrap_or(0.0);
        let learned = match (m, &self.model) {
            (Mem::Unseen, _) => return prior,
            (Mem::ActR(traces), Model::ActR { s, tau, .. }) => {
                let m = activation(traces, day);
                let tau = tau.get(c).copied().unwrap_or(0.0);
                1.0 / (1.0 + ((tau - m) / s).exp())
            }
            (
                Mem::Cons {
                    stage,
                    stability,
                    last,
                    discrimination,
                },
                _,
            ) => {
                let t = (day - last).max(0) as f64;
                let r = if *stage == 0 {
                    0.0
                } else {
                    (-t / stability.max(1e-3)).exp()
                };
                discrimination * r
            }
            (Mem::Exp(tm), Model::Exp(l)) => l.recall(c, Some(tm), day),
            _ => 0.0,
        };
        // Prior knowledge does not vanish with study.
        1.0 - (1.0 - prior) * (1.0 - learned)
    }

    /// The possible memories after a study of `c` on `day`, recalled or not, with their chances.
    pub(super) fn outcomes(&self, c: usize, m: &Mem, recalled: bool, day: i64) -> Vec<(f64, Mem)> {
        match &self.model {
            Model::ActR { a, c: cc, .. } => {
                let mut traces = match m {
                    Mem::ActR(t) => t.clone(),
                    _ => Vec::new(),
                };
                let decay = if traces.is_empty() {
                    *a
                } else {
                    cc * activation(&traces, day).exp() + a
                };
                traces.push((day, decay));
                vec![(1.0, Mem::ActR(traces))]
            }
            Model::Cons {
                learn,
                fragile,
                consolidated,
                consolidate,
                growth,
                discrimination,
                ..
            } => {
                let learn = learn.get(c).copied().unwrap_or(0.5);
                let sf = fragile.get(c).copied().unwrap_or(1.0);
                let sl = consolidated.get(c).copied().unwrap_or(20.0);
                let (stage, stability, d) = match m {
                    Mem::Cons {
                        stage,
                        stability,
                        discrimination,
                        ..
                    } => (*stage, *stability, *discrimination),
                    _ => (0, 0.0, *discrimination),
                };
                let mem = |stage: u8, stability: f64| Mem::Cons {
                    stage,
                    stability,
                    last: day,
                    discrimination: d,
                };
                let r = self.recall(c, m, day);
                match (stage, recalled) {
                    (0, _) => vec![(learn, mem(1, sf)), (1.0 - learn, mem(0, sf))],
                    (1, true) => {
                        let q = (consolidate * (0.3 + (1.0 - r))).clamp(0.0, 1.0);
                        vec![(q, mem(2, sl)), (1.0 - q, mem(1, sf))]
                    }
                    (1, false) => vec![(1.0, mem(1, sf))],
                    (_, true) => vec![(
                        1.0,
                        mem(2, (stability * (1.0 + growth * (1.0 - r))).min(36_500.0)),
                    )],
                    (_, false) => vec![(1.0, mem(1, sf))],
                }
            }
            Model::Exp(l) => {
                let prev = match m {
                    Mem::Exp(tm) => Some(tm),
                    _ => None,
                };
                vec![(1.0, Mem::Exp(l.after_review(c, prev, recalled, day)))]
            }
        }
    }

    /// At the end of a study day: interference and discrimination inside groups.
    pub(super) fn end_day(&self, mems: &mut [Mem], studied: &[bool]) {
        let Model::Cons { interference, .. } = &self.model else {
            return;
        };
        let mut by_group: HashMap<usize, usize> = HashMap::new();
        for (c, s) in studied.iter().enumerate() {
            if *s {
                *by_group.entry(self.group[c]).or_default() += 1;
            }
        }
        for (c, m) in mems.iter_mut().enumerate() {
            let Mem::Cons {
                stage,
                stability,
                discrimination,
                ..
            } = m
            else {
                continue;
            };
            let in_group = by_group.get(&self.group[c]).copied().unwrap_or(0);
            if studied[c] {
                // Studied beside a confusable concept: told apart better.
                if in_group >= 2 {
                    *discrimination += 0.5 * (1.0 - *discrimination);
                }
            } else if in_group > 0 && *stage > 0 {
                *stability *= (1.0 - interference).powi(in_group as i32);
            }
        }
    }
}

/// ACT-R activation on `day` (ages below half a day count as half a day).
fn activation(traces: &[(i64, f64)], day: i64) -> f64 {
    let sum: f64 = traces
        .iter()
        .map(|(d, decay)| ((day - d) as f64).max(0.5).powf(-decay))
        .sum();
    if sum > 0.0 {
        sum.ln()
    } else {
        f64::NEG_INFINITY
    }
}

/// Expected exam score on `day`, %.
pub(super) fn score(learner: &TrueLearner, mems: &[Mem], weights: &[f64], day: i64) -> f64 {
    100.0
        * mems
            .iter()
            .enumerate()
            .map(|(c, m)| {
                weights[c] * (GUESS_RATE + (1.0 - GUESS_RATE) * learner.recall(c, m, day))
            })
            .sum::<f64>()
}
