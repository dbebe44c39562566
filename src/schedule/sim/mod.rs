//! Simulated learners for judging schedulers (`cargo bench --bench scheduling`).
//!
//! Each scenario (memory family × daily review budget × days to the exam) draws a set of
//! learners; every scheduler studies the same ~120 concepts with each learner, seeing the same
//! random draws (one seed per learner × scenario; the outcome of a review is a keyed draw of
//! (seed, concept, day), so differences between schedulers are paired). A review is answered
//! right if recalled, or by guessing ([`GUESS_RATE`]) if not; a lucky guess is sometimes marked
//! as one (a Hard rating).
//!
//! Metrics per run: (a) mean true recall on exam day, (b) reviews until the mean true recall a
//! week ahead first reaches 90 %, (c) for az900, the readiness prediction's error against the
//! true expected exam score.

pub mod fair;
mod learner;
mod policy;
mod report;
pub(crate) mod rng;

use std::collections::BTreeMap;

pub use learner::{Family, Learner, TrueMemory};
pub use policy::PolicyKind;
pub use report::SimReport;

use policy::{BASE_DAY, Ctx, Policy};
use rng::{Rng, keyed_uniform, mix};

use crate::schedule::{ConceptInfo, GUESS_RATE, rating_for, readiness};

/// Topics of the simulated bank and their weights (AZ-900's three skill areas, roughly).
const TOPICS: [(&str, f64); 3] = [("cloud", 28.0), ("services", 37.0), ("governance", 35.0)];

/// Cut used for readiness (fraction that passes).
const CUT: f64 = 0.7;

/// One simulated situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scenario {
    pub family: Family,
    /// Reviews per day.
    pub budget: usize,
    /// Days from the start to the exam.
    pub horizon: i64,
}

/// What to simulate.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    pub seed: u64,
    pub concepts: usize,
    pub learners: usize,
    pub families: Vec<Family>,
    pub budgets: Vec<usize>,
    pub horizons: Vec<i64>,
    pub new_per_day: usize,
    pub policies: Vec<PolicyKind>,
}

impl SimConfig {
    /// The benchmark: 120 concepts, budgets 10/20/40, horizons 14/30/60 days, both families.
    pub fn full(seed: u64, learners: usize) -> SimConfig {
        SimConfig {
            seed,
            concepts: 120,
            learners,
            families: vec![Family::Fsrs, Family::Exponential],
            budgets: vec![10, 20, 40],
            horizons: vec![14, 30, 60],
            new_per_day: 20,
            policies: PolicyKind::ALL.to_vec(),
        }
    }

    /// A tiny configuration for tests.
    pub fn tiny(seed: u64) -> SimConfig {
        SimConfig {
            seed,
            concepts: 24,
            learners: 2,
            families: vec![Family::Fsrs, Family::Exponential],
            budgets: vec![6],
            horizons: vec![8],
            new_per_day: 5,
            policies: PolicyKind::ALL.to_vec(),
        }
    }

    pub fn scenarios(&self) -> Vec<Scenario> {
        let mut out = Vec::new();
        for &family in &self.families {
            for &budget in &self.budgets {
                for &horizon in &self.horizons {
                    out.push(Scenario {
                        family,
                        budget,
                        horizon,
                    });
                }
            }
        }
        out
    }
}

/// The result of one scheduler with one learner in one scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunResult {
    /// Mean true recall over all concepts on exam day (0–1).
    pub exam_recall: f64,
    /// Reviews done.
    pub reviews: usize,
    /// Reviews done when the mean true recall a week ahead first reached 90 %.
    pub reviews_to_90: Option<usize>,
    /// Readiness predicted minus true expected exam score, in points (schedulers with FSRS
    /// states only).
    pub readiness_error: Option<f64>,
}

/// The runs of one scenario: `runs[policy][learner]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioResult {
    pub scenario: Scenario,
    pub runs: Vec<Vec<RunResult>>,
}

fn concepts(n: usize) -> Vec<ConceptInfo> {
    (0..n)
        .map(|i| ConceptInfo {
            concept: format!("c{i:03}"),
            topic: TOPICS[i % TOPICS.len()].0.to_string(),
        })
        .collect()
}

/// The seed of one learner in one scenario.
fn learner_seed(seed: u64, scenario: &Scenario, learner: usize) -> u64 {
    let fam = match scenario.family {
        Family::Fsrs => 1,
        Family::Exponential => 2,
    };
    [
        fam,
        scenario.budget as u64,
        scenario.horizon as u64,
        learner as u64,
    ]
    .iter()
    .fold(mix(seed), |acc, k| mix(acc ^ k))
}

/// Runs one scheduler with one learner.
pub fn run_one(
    config: &SimConfig,
    scenario: &Scenario,
    learner_index: usize,
    kind: PolicyKind,
) -> RunResult {
    let seed = learner_seed(config.seed, scenario, learner_index);
    let infos = concepts(config.concepts);
    let learner = Learner::draw(scenario.family, config.concepts, &mut Rng::new(seed));
    let mut truth: Vec<Option<TrueMemory>> = vec![None; config.concepts];
    let mut policy = Policy::new(
        kind,
        &infos,
        scenario.horizon,
        scenario.budget,
        config.new_per_day,
        seed,
    );
    let mut reviews = 0;
    let mut reviews_to_90 = None;
    for day in 0..scenario.horizon {
        let queue = policy.queue(&Ctx {
            day,
            budget: scenario.budget,
            new_per_day: config.new_per_day,
            exam_day: scenario.horizon,
            learner: &learner,
            truth: &truth,
        });
        for c in queue {
            let key = |stream: u64| keyed_uniform(&[seed, c as u64, day as u64, stream]);
            let recalled = key(1) < learner.recall(c, truth[c].as_ref(), day);
            let right = recalled || key(2) < GUESS_RATE;
            let marked_guess = !recalled && right && key(3) < learner.flags_guesses;
            truth[c] = Some(learner.after_review(c, truth[c].as_ref(), recalled, day));
            policy.observe(c, rating_for(right, marked_guess), day);
            reviews += 1;
        }
        if reviews_to_90.is_none() && mean_recall(&learner, &truth, day + 7) >= 0.9 {
            reviews_to_90 = Some(reviews);
        }
    }
    let exam_recall = mean_recall(&learner, &truth, scenario.horizon);
    let readiness_error = policy.fsrs_states().map(|(sched, states, infos)| {
        let weights: BTreeMap<String, f64> =
            TOPICS.iter().map(|(t, w)| ((*t).to_string(), *w)).collect();
        let predicted = readiness(
            sched,
            states,
            infos,
            &weights,
            BASE_DAY + scenario.horizon,
            0,
            CUT,
        );
        predicted.predicted_percent - true_score(&learner, &truth, infos, scenario.horizon)
    });
    RunResult {
        exam_recall,
        reviews,
        reviews_to_90,
        readiness_error,
    }
}

fn mean_recall(learner: &Learner, truth: &[Option<TrueMemory>], day: i64) -> f64 {
    let sum: f64 = truth
        .iter()
        .enumerate()
        .map(|(c, m)| learner.recall(c, m.as_ref(), day))
        .sum();
    sum / truth.len().max(1) as f64
}

/// The true expected exam score (percent), topics weighted as readiness weighs them.
fn true_score(
    learner: &Learner,
    truth: &[Option<TrueMemory>],
    infos: &[ConceptInfo],
    day: i64,
) -> f64 {
    let mut by_topic: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    for (c, info) in infos.iter().enumerate() {
        let r = learner.recall(c, truth.get(c).and_then(|m| m.as_ref()), day);
        let e = by_topic.entry(info.topic.as_str()).or_default();
        e.0 += GUESS_RATE + (1.0 - GUESS_RATE) * r;
        e.1 += 1;
    }
    let total: f64 = TOPICS
        .iter()
        .filter(|(t, _)| by_topic.contains_key(t))
        .map(|(_, w)| w)
        .sum();
    let score: f64 = TOPICS
        .iter()
        .filter_map(|(t, w)| by_topic.get(t).map(|(s, n)| w * s / *n as f64))
        .sum();
    100.0 * score / total.max(f64::MIN_POSITIVE)
}

/// Mean and half-width of a 95 % normal interval.
pub fn mean_ci(xs: &[f64]) -> (f64, f64) {
    let n = xs.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let mean = xs.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return (mean, f64::NAN);
    }
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    (mean, 1.96 * (var / n as f64).sqrt())
}

/// A paired difference as a table shows it: `+1.2±0.3` (mean ± half-width of its 95 %
/// interval, [`mean_ci`]).
pub(crate) fn diff_cell(xs: &[f64]) -> String {
    let (m, h) = mean_ci(xs);
    format!("{m:+.1}±{h:.1}")
}

/// `f` of every job, on up to `threads` threads (job `i` on thread `i % threads`), in the
/// jobs' order: the result does not depend on the number of threads. A job whose thread
/// panicked is `None`.
pub(crate) fn parallel_map<J: Sync, R: Send>(
    jobs: &[J],
    threads: usize,
    f: impl Fn(&J) -> R + Sync,
) -> Vec<Option<R>> {
    let threads = threads.max(1);
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(jobs.len()).collect();
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    jobs.iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, job)| (i, f(job)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            if let Ok(done) = h.join() {
                for (i, r) in done {
                    results[i] = Some(r);
                }
            }
        }
    });
    results
}

/// Runs every scenario × learner × scheduler, on up to `threads` threads. The result does not
/// depend on the number of threads.
pub fn run(config: &SimConfig, threads: usize) -> SimReport {
    let scenarios = config.scenarios();
    let jobs: Vec<(usize, usize, usize)> = (0..scenarios.len())
        .flat_map(|s| {
            (0..config.policies.len())
                .flat_map(move |p| (0..config.learners).map(move |l| (s, p, l)))
        })
        .collect();
    let results = parallel_map(&jobs, threads, |&(s, p, l)| {
        run_one(config, &scenarios[s], l, config.policies[p])
    });
    let mut out: Vec<ScenarioResult> = scenarios
        .iter()
        .map(|s| ScenarioResult {
            scenario: *s,
            runs: vec![Vec::with_capacity(config.learners); config.policies.len()],
        })
        .collect();
    for (&(s, p, _), r) in jobs.iter().zip(results) {
        if let Some(r) = r {
            out[s].runs[p].push(r);
        }
    }
    SimReport {
        policies: config.policies.clone(),
        scenarios: out,
    }
}

#[cfg(test)]
mod parallel_tests {
    /// Results come back in the jobs' order whatever the number of threads.
    #[test]
    fn parallel_map_keeps_the_jobs_order_on_any_number_of_threads() {
        let jobs: Vec<u64> = (0..23).collect();
        let one = super::parallel_map(&jobs, 1, |j| j * j);
        for threads in [0, 2, 3, 8, 40] {
            assert_eq!(super::parallel_map(&jobs, threads, |j| j * j), one);
        }
        assert_eq!(one[7], Some(49));
    }
}
