//! Fills a data directory with a synthetic study history, through the app's own code paths
//! (see `az900::devtools`).
//!
//! ```text
//! cargo run --release --example fill_history -- --attempts 100000 --data-dir /tmp/az900-100k
//!     [--years 5] [--seed 900]
//! ```
//! Then, e.g., `target/release/az900 --data-dir /tmp/az900-100k stats`.
//!
//! Each answer is committed in its own transaction, as in the app; on a disk the WAL
//! checkpoints' fsyncs dominate (about 1,100 answers/s here), on tmpfs (`/dev/shm`) about
//! 3,400/s: generate there and copy the database where it is needed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use az900::bank::Bank;
use az900::clock::{Clock, SystemClock};
use az900::devtools::{FillOptions, fill_history};

fn main() -> Result<()> {
    let mut attempts: Option<usize> = None;
    let mut data_dir: Option<PathBuf> = None;
    let mut years: Option<f64> = None;
    let mut seed: Option<u64> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--attempts" => attempts = Some(value()?.replace('_', "").parse()?),
            "--data-dir" => data_dir = Some(PathBuf::from(value()?)),
            "--years" => years = Some(value()?.parse()?),
            "--seed" => seed = Some(value()?.parse()?),
            "-h" | "--help" => {
                println!("usage: fill_history --attempts N --data-dir DIR [--years Y] [--seed S]");
                return Ok(());
            }
            other => bail!("unknown argument {other:?} (try --help)"),
        }
    }
    let attempts = attempts.context("--attempts N is required")?;
    let data_dir = data_dir.context("--data-dir DIR is required")?;
    let mut opts = FillOptions::new(attempts, SystemClock.now());
    if let Some(y) = years {
        opts.years = y;
    }
    if let Some(s) = seed {
        opts.seed = s;
    }
    let bank = Bank::embedded().map_err(|e| anyhow::anyhow!("{e}"))?;
    let report = fill_history(&data_dir, bank, &opts)?;
    let secs = report.elapsed.as_secs_f64();
    println!(
        "{} attempts in {} sessions ({} exams, {} undos) over {:.2} years into {} in {:.1} s \
         ({:.0} attempts/s)",
        report.attempts,
        report.sessions,
        report.exams,
        report.undos,
        opts.years,
        data_dir.display(),
        secs,
        report.attempts as f64 / secs.max(1e-9)
    );
    Ok(())
}
