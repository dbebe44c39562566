//! `az900 stats`: progress per skill area and objective, as text or JSON.

use anyhow::Result;

use super::open::{Access, with_study};
use super::print_json;
use crate::cli::Global;

pub fn run(global: &Global, json: bool) -> Result<()> {
    with_study(global, Access::Read, |o| {
        let study = &o.study;
        let stats = crate::study::StatsReport::gather(study)?;
        if json {
            print_json(&stats)?;
        } else {
            out!("{}", stats.to_text());
        }
        Ok(())
    })
}
