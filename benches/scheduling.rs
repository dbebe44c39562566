//! Scheduling-quality benchmark: az900's planner against other schedulers on simulated
//! learners whose memory is not the planner's own model (see `az900::schedule::sim`).
//!
//! `cargo bench --bench scheduling` (environment: `AZ900_SIM_SEED`, default 900;
//! `AZ900_SIM_LEARNERS`, learners per scenario, default 30; `AZ900_SIM_THREADS`, default 2).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use az900::schedule::sim::{SimConfig, run};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument other than ours means "not us".
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && a != "scheduling")
    {
        return;
    }
    let seed = env_or("AZ900_SIM_SEED", 900u64);
    let learners = env_or("AZ900_SIM_LEARNERS", 30usize);
    let threads = env_or("AZ900_SIM_THREADS", 2usize);
    let config = SimConfig::full(seed, learners);
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
