//! `az900 reports`: the questions the learner reported as wrong, as text or JSON.

use anyhow::Result;

use super::open::{Access, with_study};
use super::print_json;
use crate::cli::Global;
use crate::report;

pub fn run(global: &Global, json: bool) -> Result<()> {
    with_study(global, Access::Read, |o| {
        let study = &o.study;
        let reports = study.store.reports()?;
        if json {
            let out: Vec<_> = reports
                .iter()
                .map(|r| {
                    let when = report::local_minute(study, r.reported_at);
                    report::report_json(&study.bank, r, &when)
                })
                .collect();
            print_json(&out)?;
        } else if reports.is_empty() {
            outln!("No reports yet. Press ! on a question that looks wrong to report it.");
        } else {
            for r in &reports {
                let when = report::local_minute(study, r.reported_at);
                out!("{}", report::report_text(&study.bank, r, &when));
            }
        }
        Ok(())
    })
}
