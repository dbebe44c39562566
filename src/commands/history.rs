//! `az900 history`: the latest sessions, as text or JSON.

use anyhow::Result;

use super::open::{Access, with_study};
use super::print_json;
use crate::cli::Global;

/// Sessions left without an answer (opened and quit) only with `all`.
pub fn run(global: &Global, json: bool, limit: u32, all: bool) -> Result<()> {
    with_study(global, Access::Read, |o| {
        let study = &o.study;
        let sessions = study.store.history_with(limit as usize, all)?;
        if json {
            print_json(&sessions)?;
        } else if sessions.is_empty() && !all && !study.store.history_with(1, true)?.is_empty() {
            outln!(
                "No session with an answer yet (`az900 history --all` lists those left without one)."
            );
        } else if sessions.is_empty() {
            outln!("No sessions yet. Start with `az900` or `az900 practice`.");
        } else {
            for s in &sessions {
                outln!("{}", crate::report::history_line(study, s));
            }
        }
        Ok(())
    })
}
