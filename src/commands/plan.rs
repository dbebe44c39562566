//! `az900 plan`: set or clear the exam date and the minutes a day.

use anyhow::Result;

use super::open::{Access, with_study};
use crate::cli::Global;

/// `--exam-date`: a calendar date written exactly `YYYY-MM-DD` (a usage error otherwise, as
/// for any malformed flag: `27-01-15` is not the year 27, nor `2027-1-5` a date of this form).
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let bad = || format!("{s:?} is not a date of the form YYYY-MM-DD");
    if !shaped {
        return Err(bad());
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad())
}

pub fn run(
    global: &Global,
    exam_date: Option<chrono::NaiveDate>,
    minutes_per_day: Option<u32>,
    clear: bool,
) -> Result<()> {
    // Without a change to make, `plan` only reads (and works on a read-only database).
    let access = if exam_date.is_none() && minutes_per_day.is_none() && !clear {
        Access::Read
    } else {
        Access::Write
    };
    with_study(global, access, |o| {
        let study = &mut o.study;
        if clear {
            study.clear_plan()?;
            outln!("Exam date cleared.");
            return Ok(());
        }
        study.set_plan(exam_date, minutes_per_day)?;
        match study.scheduler.exam {
            Some(plan) => outln!(
                "Exam on {} ({}), {} minutes a day (about {} questions).",
                crate::clock::day_to_date(plan.exam_day),
                crate::text::days_away(plan.exam_day - study.calendar_today()),
                plan.minutes_per_day,
                plan.daily_budget()
            ),
            None => match minutes_per_day {
                Some(m) => outln!(
                    "{m} minutes a day saved. No exam date set yet: add --exam-date YYYY-MM-DD."
                ),
                None => outln!("No exam date set. Use --exam-date YYYY-MM-DD."),
            },
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exam_date_is_written_exactly_as_yyyy_mm_dd() {
        assert_eq!(
            parse_date("2027-01-15"),
            Ok(chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap())
        );
        for bad in [
            "27-01-15",
            "2027-1-5",
            "2026-02-30",
            "2026-13-01",
            "2027/01/15",
            "",
            "2027-01-15x",
        ] {
            let e = parse_date(bad).unwrap_err();
            assert!(e.contains("YYYY-MM-DD"), "{bad}: {e}");
        }
        assert_eq!(crate::text::days_away(0), "today");
        assert_eq!(crate::text::days_away(1), "tomorrow");
        assert_eq!(crate::text::days_away(12), "in 12 days");
    }
}
