//! How the scheduler is set up for this learner: the exam plan (date and minutes a day), the
//! forgetting-curve calibration, and FSRS parameters fitted to their reviews.

use anyhow::{Result, bail};

use super::Study;
use crate::clock::Day;
use crate::schedule::{self, ExamPlan, Scheduler};
use crate::store::{Store, keys};

/// How far ahead an exam date may be: three years (AZ-900 itself changes well within that).
pub const MAX_DAYS_AHEAD: Day = 3 * 365;

impl Study {
    /// Stores the exam date (a calendar date from today on, at most [`MAX_DAYS_AHEAD`] away) and
    /// the minutes per day the planner works toward.
    pub fn set_plan(
        &mut self,
        exam_date: Option<chrono::NaiveDate>,
        minutes: Option<u32>,
    ) -> Result<()> {
        if let Some(d) = exam_date {
            let day = crate::clock::date_to_day(d);
            let today = self.calendar_today();
            if day < today {
                bail!("the exam date {d} is in the past");
            }
            if day - today > MAX_DAYS_AHEAD {
                bail!(
                    "the exam date {d} is more than {} years away; pick a date within that",
                    MAX_DAYS_AHEAD / 365
                );
            }
            self.store.set_setting(keys::EXAM_DATE, &d.to_string())?;
        }
        if let Some(m) = minutes {
            self.store
                .set_setting(keys::MINUTES_PER_DAY, &m.to_string())?;
        }
        self.scheduler.exam = exam_plan(&self.store)?;
        self.scheduler.pace = day_pace(&self.store, self.today())?;
        Ok(())
    }

    /// Seconds of today's planned minutes that today's answers have used: the time they took
    /// (each counted up to two minutes, as Home's minutes studied), or, when the learner went
    /// faster than the pace the day was planned at, what the plan counted for them (an unseen
    /// concept's seconds, a review's). So each answer shortens what is left of the day, and the
    /// plan is done once its items are, or once its minutes are.
    pub fn plan_spent_secs(&self) -> Result<f64> {
        if self.scheduler.exam.is_none() {
            return Ok(0.0);
        }
        let today = self.today();
        let studied = self.store.studied_ms(today)? as f64 / 1000.0;
        let paced: f64 = self
            .store
            .answer_times_on(today)?
            .iter()
            .map(|a| self.scheduler.pace.secs(a.new))
            .sum();
        Ok(studied.max(paced))
    }

    pub fn clear_plan(&mut self) -> Result<()> {
        self.store.remove_setting(keys::EXAM_DATE)?;
        self.scheduler.exam = None;
        Ok(())
    }

    /// `az900 optimize`: fits FSRS parameters to this learner's reviews and keeps them only if
    /// they predict better (`crate::report::optimize_lines` says what happened).
    pub fn optimize(&mut self) -> Result<schedule::OptimizeReport> {
        let logs = self.store.review_logs()?;
        let report = schedule::optimize(&logs)?;
        if report.kept {
            self.store.set_setting(
                keys::FSRS_PARAMETERS,
                &serde_json::to_string(&report.params)?,
            )?;
        }
        Ok(report)
    }
}

/// The learner's pace for study day `today`: measured on the answers given before it, so the
/// day's plan keeps one pace however fast today's answers go (as [`schedule::Planner`] measures
/// it once a day).
pub(super) fn day_pace(store: &Store, today: Day) -> Result<schedule::Pace> {
    Ok(schedule::Pace::measure(&store.recent_answer_times_before(
        today,
        8 * schedule::pace::RECENT_ANSWERS,
    )?))
}

/// Settings key of the cached forgetting-curve calibration (`{"day": N, "calibration": …}`).
const CALIBRATION: &str = "calibration";

/// The learner's forgetting-curve calibration, refitted on the stored answers at most once a
/// study day (the fit replays the whole review log) and cached in the settings.
pub(super) fn calibration(
    store: &Store,
    scheduler: &Scheduler,
    today: Day,
) -> Result<Option<schedule::Calibration>> {
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Cached {
        day: Day,
        calibration: Option<schedule::Calibration>,
    }
    if let Some(text) = store.get_setting(CALIBRATION)?
        && let Ok(c) = serde_json::from_str::<Cached>(&text)
        && c.day == today
    {
        return Ok(c.calibration);
    }
    let fitted = scheduler.calibrate(&store.review_logs()?);
    let cached = Cached {
        day: today,
        calibration: fitted,
    };
    // A database opened only to read (`stats` from a read-only file) keeps no cache.
    if !store.is_read_only() {
        store.set_setting(CALIBRATION, &serde_json::to_string(&cached)?)?;
    }
    Ok(fitted)
}

pub(super) fn exam_plan(store: &Store) -> Result<Option<ExamPlan>> {
    let Some(date) = store.get_setting(keys::EXAM_DATE)? else {
        return Ok(None);
    };
    let Ok(date) = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
        return Ok(None);
    };
    let minutes = store
        .get_setting(keys::MINUTES_PER_DAY)?
        .and_then(|m| m.parse().ok())
        .unwrap_or(20);
    Ok(Some(ExamPlan {
        exam_day: crate::clock::date_to_day(date),
        minutes_per_day: minutes,
    }))
}

#[cfg(test)]
mod tests {
    use crate::bank::Bank;
    use crate::clock::{FixedClock, Millis, day_to_date};
    use crate::store::Store;
    use crate::study::{MAX_DAYS_AHEAD, Study};

    /// 00:36 on day 20,785 (UTC): before the study day's 04:00, so the study day is still the
    /// day before, while the calendar has moved on.
    const AFTER_MIDNIGHT: Millis = 20_785 * 86_400_000 + 36 * 60_000;

    fn study() -> Study {
        Study::new(
            Bank::embedded().unwrap(),
            Store::open_in_memory().unwrap(),
            Box::new(FixedClock::new(AFTER_MIDNIGHT)),
        )
        .unwrap()
    }

    /// After midnight and before 04:00 the study day is yesterday's, but an exam date is a
    /// calendar date: yesterday's date is in the past (it was taken as "today"), today's is
    /// today, and a date past three years is refused.
    #[test]
    fn an_exam_date_is_judged_by_the_calendar_not_the_study_day() {
        let mut s = study();
        assert_eq!(s.today(), 20_784);
        assert_eq!(s.calendar_today(), 20_785);
        let e = s.set_plan(Some(day_to_date(20_784)), Some(20)).unwrap_err();
        assert!(e.to_string().contains("in the past"), "{e}");
        assert!(s.scheduler.exam.is_none());
        s.set_plan(Some(day_to_date(20_785)), Some(20)).unwrap();
        assert_eq!(s.scheduler.exam.map(|p| p.exam_day), Some(20_785));
        let far = day_to_date(20_785 + MAX_DAYS_AHEAD + 1);
        let e = s.set_plan(Some(far), None).unwrap_err();
        assert!(e.to_string().contains("years away"), "{e}");
        s.set_plan(Some(day_to_date(20_785 + MAX_DAYS_AHEAD)), None)
            .unwrap();
    }
}
