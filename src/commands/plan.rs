//! `az900 plan`: set or clear the exam date and the minutes a day.

use anyhow::Result;

use super::open::{Access, with_study};
use crate::cli::Global;

pub fn run(
    global: &Global,
    exam_date: Option<String>,
    minutes_per_day: Option<u32>,
    clear: bool,
) -> Result<()> {
    with_study(global, Access::Write, |o| {
        let study = &mut o.study;
        if clear {
            study.clear_plan()?;
            outln!("Exam date cleared.");
            return Ok(());
        }
        let date =
            match exam_date.as_deref() {
                Some(d) => Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(
                    |_| anyhow::anyhow!("--exam-date {d:?} is not a date of the form YYYY-MM-DD"),
                )?),
                None => None,
            };
        study.set_plan(date, minutes_per_day)?;
        match study.scheduler.exam {
            Some(plan) => outln!(
                "Exam on {} ({} days from today), {} minutes a day (about {} reviews).",
                crate::clock::day_to_date(plan.exam_day),
                plan.exam_day - study.today(),
                plan.minutes_per_day,
                plan.daily_budget()
            ),
            None => outln!("No exam date set. Use --exam-date YYYY-MM-DD."),
        }
        Ok(())
    })
}
