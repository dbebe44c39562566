//! One learner's days under each contender, at equal minutes, and the whole benchmark.

use std::collections::HashMap;

use super::super::learner::{Family, Learner};
use super::super::policy::{BASE_DAY, Ctx, Policy, noon};
use super::super::rng::{Rng, keyed_uniform, mix};
use super::bank::{concept_weights, concepts, group_in};
use super::report::{FairCell, FairReport};
use super::truth::{Mem, TrueLearner, score};
use super::{
    Cell, Contender, FairConfig, FairRun, NEW_SECS, REVIEW_SECS, TOPICS, Truth, known_group,
};
use crate::schedule::{ConceptInfo, ExamPlan, GUESS_RATE, Pace, Planner, Scheduler, rating_for};

fn cell_seed(seed: u64, cell: &Cell, learner: usize) -> u64 {
    let t = match cell.truth {
        Truth::ActR => 11,
        Truth::Interference => 12,
        Truth::ExpSpacing => 13,
    };
    [
        t,
        u64::from(cell.minutes),
        cell.horizon as u64,
        learner as u64,
    ]
    .iter()
    .fold(mix(seed ^ 0xFA1E), |acc, k| mix(acc ^ k))
}

/// The item order a contender proposes for today (before the time check), for the baselines
/// and the oracle.
fn baseline_day(kind: Contender, policy: &mut Policy, ctx: &Ctx, seen: &[bool]) -> Vec<usize> {
    let mut order = policy.queue(ctx);
    if kind.fills() {
        let mut taken = vec![false; seen.len()];
        for &c in &order {
            taken[c] = true;
        }
        order.extend((0..seen.len()).filter(|&c| !seen[c] && !taken[c]));
        for c in policy.ahead(ctx.day) {
            if !taken[c] && seen[c] {
                taken[c] = true;
                order.push(c);
            }
        }
    }
    order
}

/// The oracle's order for today: true expected gain in exam-day score per second.
fn oracle_day(
    learner: &TrueLearner,
    mems: &[Mem],
    weights: &[f64],
    day: i64,
    exam: i64,
) -> Vec<usize> {
    let mut scored: Vec<(f64, usize)> = mems
        .iter()
        .enumerate()
        .map(|(c, m)| {
            let p = learner.recall(c, m, day);
            let without = learner.recall(c, m, exam);
            let mut with = 0.0;
            for (recalled, pr) in [(true, p), (false, 1.0 - p)] {
                for (q, next) in learner.outcomes(c, m, recalled, day) {
                    with += pr * q * learner.recall(c, &next, exam);
                }
            }
            let cost = if matches!(m, Mem::Unseen) {
                NEW_SECS
            } else {
                REVIEW_SECS
            };
            (weights[c] * (with - without) / cost, c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, c)| c).collect()
}

/// az900 as a front end drives it: the [`Planner`] with the exam plan, at the benchmark's
/// pace, told the topic weights, its bank neighbours and the share of the groups the config
/// says.
fn az900_planner(config: &FairConfig, cell: &Cell, infos: &[ConceptInfo]) -> Planner {
    let mut s = Scheduler::default().with_exam(Some(ExamPlan {
        exam_day: BASE_DAY + cell.horizon,
        minutes_per_day: cell.minutes,
    }));
    s.new_per_day = config.new_per_day;
    if config.az900_weights {
        s.topic_weights = Some(TOPICS.iter().map(|(t, w)| ((*t).to_string(), *w)).collect());
    }
    let planner = Planner::new(s, infos.to_vec(), 0)
        .with_pace(Pace {
            new_secs: NEW_SECS,
            review_secs: REVIEW_SECS,
        })
        .with_bank_neighbours(config.az900_neighbours);
    let told: HashMap<String, String> = infos
        .iter()
        .enumerate()
        .map(|(i, c)| (c, group_in(i, infos.len(), config.scattered_groups)))
        .filter(|(_, g)| known_group(*g, config.az900_known_groups))
        .map(|(c, g)| (c.concept.clone(), format!("g{g}")))
        .collect();
    if told.is_empty() {
        planner
    } else {
        planner.with_groups(told)
    }
}

/// The learner answers concept `c` on `day`: keyed draws of recall, a lucky guess and whether
/// it is marked as one, and the concept's true memory after the study. Returns (right, marked
/// as a guess).
fn answer(learner: &TrueLearner, mems: &mut [Mem], c: usize, day: i64, seed: u64) -> (bool, bool) {
    let key = |stream: u64| keyed_uniform(&[seed, c as u64, day as u64, stream]);
    let recalled = key(1) < learner.recall(c, &mems[c], day);
    let right = recalled || key(2) < GUESS_RATE;
    let marked_guess = !recalled && right && key(3) < learner.flags_guesses;
    let mut outcomes = learner.outcomes(c, &mems[c], recalled, day);
    let draw = key(4);
    let mut acc = 0.0;
    let pick = outcomes
        .iter()
        .position(|(q, _)| {
            acc += q;
            draw < acc
        })
        .unwrap_or(outcomes.len().saturating_sub(1));
    if pick < outcomes.len() {
        mems[c] = outcomes.swap_remove(pick).1;
    }
    (right, marked_guess)
}

/// Runs every contender of `config` with one learner of one cell.
pub fn run_learner(config: &FairConfig, cell: &Cell, learner_index: usize) -> Vec<FairRun> {
    let seed = cell_seed(config.seed, cell, learner_index);
    let n = config.concepts;
    let mut learner = TrueLearner::draw(cell.truth, n, &mut Rng::new(seed));
    if config.scattered_groups {
        learner.scatter_groups();
    }
    let infos = concepts(n);
    let weights = concept_weights(n);
    let index: HashMap<String, usize> = infos
        .iter()
        .enumerate()
        .map(|(i, c)| (c.concept.clone(), i))
        .collect();
    // The baselines' queue interface wants a learner; they never read it.
    let dummy = Learner::draw(Family::Exponential, 0, &mut Rng::new(0));
    let budget = f64::from(cell.minutes) * 60.0;
    config
        .contenders
        .iter()
        .map(|&kind| {
            let mut mems = learner.fresh(n);
            let mut policy = kind.baseline().map(|b| {
                Policy::new(
                    b,
                    &infos,
                    cell.horizon,
                    usize::MAX,
                    config.new_per_day,
                    seed,
                )
            });
            let mut planner =
                (kind == Contender::Az900).then(|| az900_planner(config, cell, &infos));
            let mut spent_total = 0.0;
            let mut items = 0;
            for day in 0..cell.horizon {
                let mut spent = 0.0;
                let mut studied = vec![false; n];
                let mut now = noon(day);
                let seen: Vec<bool> = mems.iter().map(|m| !matches!(m, Mem::Unseen)).collect();
                let mut fixed: std::vec::IntoIter<usize> = match (&mut policy, kind) {
                    (Some(p), _) => {
                        let ctx = Ctx {
                            day,
                            budget: usize::MAX,
                            new_per_day: config.new_per_day,
                            exam_day: cell.horizon,
                            learner: &dummy,
                            truth: &[],
                        };
                        baseline_day(kind, p, &ctx, &seen).into_iter()
                    }
                    (None, Contender::Oracle) => {
                        oracle_day(&learner, &mems, &weights, day, cell.horizon).into_iter()
                    }
                    _ => Vec::new().into_iter(),
                };
                loop {
                    let next = match planner.as_mut() {
                        Some(pl) => pl
                            .next_item(now)
                            .map(str::to_string)
                            .or_else(|| pl.go_on(now))
                            .and_then(|c| index.get(&c).copied()),
                        None => fixed.by_ref().find(|&c| !studied[c]),
                    };
                    let Some(c) = next else { break };
                    if studied[c] {
                        break;
                    }
                    let new = matches!(mems[c], Mem::Unseen);
                    let cost = if new { NEW_SECS } else { REVIEW_SECS };
                    if spent + cost > budget + 1e-9 {
                        break;
                    }
                    let (right, marked_guess) = answer(&learner, &mut mems, c, day, seed);
                    studied[c] = true;
                    spent += cost;
                    items += 1;
                    let ms = (cost * 1000.0) as u64;
                    now += ms as i64;
                    if let Some(pl) = planner.as_mut() {
                        let name = &infos[c].concept;
                        pl.record(name, name, right, marked_guess, ms, now);
                    }
                    if let Some(p) = policy.as_mut() {
                        p.observe(c, rating_for(right, marked_guess), day);
                    }
                }
                learner.end_day(&mut mems, &studied);
                spent_total += spent;
            }
            FairRun {
                score: score(&learner, &mems, &weights, cell.horizon),
                minutes_per_day: spent_total / 60.0 / cell.horizon.max(1) as f64,
                items,
            }
        })
        .collect()
}

/// Runs the benchmark on `threads` threads.
pub fn run_fair(config: &FairConfig, threads: usize) -> FairReport {
    let cells = config.cells();
    let jobs: Vec<(usize, usize)> = (0..cells.len())
        .flat_map(|c| (0..config.learners).map(move |l| (c, l)))
        .collect();
    let results = crate::schedule::sim::parallel_map(&jobs, threads, |&(c, l)| {
        run_learner(config, &cells[c], l)
    });
    let mut out: Vec<FairCell> = cells
        .iter()
        .map(|c| FairCell {
            cell: *c,
            runs: vec![Vec::with_capacity(config.learners); config.contenders.len()],
        })
        .collect();
    for (&(c, _), r) in jobs.iter().zip(results) {
        for (k, run) in r.into_iter().flatten().enumerate() {
            out[c].runs[k].push(run);
        }
    }
    FairReport {
        contenders: config.contenders.clone(),
        cells: out,
    }
}
