//! `az900 optimize`: fit FSRS parameters to this learner's reviews; keep them only if better.

use anyhow::Result;

use super::open::{Access, with_study};
use crate::cli::Global;

pub fn run(global: &Global) -> Result<()> {
    with_study(global, Access::Write, |o| {
        for line in crate::report::optimize_lines(&o.study.optimize()?) {
            outln!("{line}");
        }
        Ok(())
    })
}
