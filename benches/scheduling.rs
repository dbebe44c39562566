//! Scheduling-quality benchmark: az900's planner against other schedulers on simulated
//! learners whose memory is not the planner's own model.
//!
//! By default, the fair benchmark at equal minutes (`az900::schedule::sim::fair`, see
//! docs/SCHEDULING.md): `cargo bench --bench scheduling`. Environment: `AZ900_SIM_SEED`
//! (default 900), `AZ900_SIM_LEARNERS` (learners per cell, default 100: about 3 minutes on 2
//! cores), `AZ900_SIM_THREADS` (default 2); for a quick look, `AZ900_SIM_TRUTHS` (`act-r`,
//! `interfere`, `exp+spacing`), `AZ900_SIM_MINUTES` and `AZ900_SIM_HORIZONS`, comma-separated;
//! `AZ900_SIM_GROUPS=S` tells az900 a share S of the confusable groups (by default the share of
//! the app's concepts its generators mark, 0.146; 1 for every group, 0 for none),
//! `AZ900_SIM_NEIGHBOURS=K` sets how many bank neighbours on each side az900 interleaves among
//! the other concepts (the app's 2 by default; 0 for none), `AZ900_SIM_SCATTER=1` spreads each group of confusable
//! concepts across the bank, `AZ900_SIM_WEIGHTS=0` runs it without the topic weights. A cell's learners depend on
//! the seed and the cell only, so a cell gives the same figures alone as in the full run.
//!
//! `AZ900_SIM_LEGACY=1` runs the older item-count simulator instead (reviews a day, not
//! minutes; environment: `AZ900_SIM_SEED`, default 900;
//! `AZ900_SIM_LEARNERS`, learners per scenario, default 30; `AZ900_SIM_THREADS`, default 2).
//! For quick looks at a few scenarios: `AZ900_SIM_FAMILIES` (`fsrs`, `exp`), `AZ900_SIM_BUDGETS`
//! and `AZ900_SIM_HORIZONS`, comma-separated. A learner's draws depend on the seed and its
//! scenario only, so a scenario gives the same figures alone as in the full run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use az900::schedule::sim::fair::{FairConfig, Truth, run_fair};
use az900::schedule::sim::{Family, SimConfig, run};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A comma-separated list from the environment, if set.
fn env_list<T: std::str::FromStr>(name: &str) -> Option<Vec<T>> {
    let v = std::env::var(name).ok()?;
    Some(v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument other than ours means "not us".
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && a != "scheduling")
    {
        return;
    }
    if std::env::var("AZ900_SIM_LEGACY").is_ok_and(|v| v == "1") {
        legacy();
    } else {
        fair();
    }
}

fn fair() {
    let seed = env_or("AZ900_SIM_SEED", 900u64);
    let learners = env_or("AZ900_SIM_LEARNERS", 100usize);
    let threads = env_or("AZ900_SIM_THREADS", 2usize);
    let mut config = FairConfig::full(seed, learners);
    if let Some(truths) = env_list::<String>("AZ900_SIM_TRUTHS") {
        config
            .truths
            .retain(|t| truths.iter().any(|x| x.eq_ignore_ascii_case(t.name())));
    }
    if let Ok(share) = std::env::var("AZ900_SIM_GROUPS") {
        config.az900_known_groups = share.parse().unwrap_or(config.az900_known_groups);
    }
    if let Ok(k) = std::env::var("AZ900_SIM_NEIGHBOURS") {
        config.az900_neighbours = k.parse().unwrap_or(config.az900_neighbours);
    }
    if std::env::var("AZ900_SIM_SCATTER").is_ok_and(|v| v == "1") {
        config.scattered_groups = true;
    }
    if std::env::var("AZ900_SIM_WEIGHTS").is_ok_and(|v| v == "0") {
        config.az900_weights = false;
    }
    if let Some(minutes) = env_list("AZ900_SIM_MINUTES") {
        config.minutes = minutes;
    }
    if let Some(horizons) = env_list("AZ900_SIM_HORIZONS") {
        config.horizons = horizons;
    }
    let start = Instant::now();
    let report = run_fair(&config, threads);
    let elapsed = start.elapsed();
    println!(
        "az900 fair scheduling benchmark (equal minutes, 20 s new / 12 s review): seed {seed}, \
         {} cells x {learners} learners x {} schedulers, {} concepts, truths {}, {threads} \
         threads, {:.1} s\n",
        config.cells().len(),
        config.contenders.len(),
        config.concepts,
        config
            .truths
            .iter()
            .map(|t: &Truth| t.name())
            .collect::<Vec<_>>()
            .join("/"),
        elapsed.as_secs_f64()
    );
    print!("{}", report.table());
}

fn legacy() {
    let seed = env_or("AZ900_SIM_SEED", 900u64);
    let learners = env_or("AZ900_SIM_LEARNERS", 30usize);
    let threads = env_or("AZ900_SIM_THREADS", 2usize);
    let mut config = SimConfig::full(seed, learners);
    if let Some(families) = env_list::<String>("AZ900_SIM_FAMILIES") {
        config.families.retain(|f| {
            let name = match f {
                Family::Fsrs => "fsrs",
                Family::Exponential => "exp",
            };
            families.iter().any(|x| x.eq_ignore_ascii_case(name))
        });
    }
    if let Some(budgets) = env_list("AZ900_SIM_BUDGETS") {
        config.budgets = budgets;
    }
    if let Some(horizons) = env_list("AZ900_SIM_HORIZONS") {
        config.horizons = horizons;
    }
    let start = Instant::now();
    let report = run(&config, threads);
    let elapsed = start.elapsed();
    println!(
        "az900 scheduling benchmark: seed {seed}, {} scenarios x {learners} learners x {} \
         schedulers, {} concepts, {threads} threads, {:.1} s\n",
        config.scenarios().len(),
        config.policies.len(),
        config.concepts,
        elapsed.as_secs_f64()
    );
    print!("{}", report.table());
}
