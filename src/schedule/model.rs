//! The FSRS facade: ratings from graded answers, the state after a review, predicted recall.

use ::fsrs::{FSRS, MemoryState as FsrsMemory};

use super::curve::{Calibration, power_curve};
use super::exam::ExamPlan;
use super::pace::Pace;
use super::rating::Rating;
use super::state::MemoryState;
use crate::clock::{self, Day, MS_PER_DAY, Millis};

/// Smallest stability FSRS works with (days); states below it are treated as corrupt.
const MIN_STABILITY: f32 = 0.001;

/// Errors of the scheduler's configuration.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// The FSRS parameters were rejected (wrong length or non-finite values).
    #[error("invalid FSRS parameters ({len} values): {reason}")]
    InvalidParameters { len: usize, reason: String },
    /// The desired retention must be strictly between 0 and 1.
    #[error("desired retention must be between 0 and 1 (exclusive), got {0}")]
    InvalidRetention(f32),
}

/// The scheduling policy: FSRS parameters plus the learner's settings.
///
/// Build it with [`Scheduler::default`] (FSRS-6 default parameters, 0.9 desired retention,
/// 04:00 rollover, 20 new concepts a day, no exam date) or [`Scheduler::with_params`], then set
/// the public fields. It holds no learner data: states are passed in and returned.
#[derive(Debug, Clone)]
pub struct Scheduler {
    model: FSRS,
    params: Vec<f32>,
    /// Target probability of recall when a concept comes due (0–1, exclusive).
    pub desired_retention: f32,
    /// Local hour at which a study day starts.
    pub rollover_hour: u32,
    /// How many unseen concepts to introduce per study day.
    pub new_per_day: usize,
    /// When set, [`Scheduler::queue`] plans toward the exam date instead of following due dates.
    pub exam: Option<ExamPlan>,
    /// The learner's own forgetting curve, fitted on their answers
    /// ([`Scheduler::calibrate`]); `None` uses FSRS's curve as is.
    pub calibration: Option<Calibration>,
    /// The learner's seconds per answer, new and review: what a day's minutes hold in the
    /// exam plan ([`Pace::measure`] on their answers; [`Pace::DEFAULT`] until then).
    pub pace: Pace,
    /// With an exam date: how much the exam weighs each topic (any positive scale; topics not
    /// listed weigh the mean). The plan scales each concept's gain in exam-day recall by its
    /// topic's weight relative to the mean over the bank. `None`: every concept alike.
    pub topic_weights: Option<std::collections::BTreeMap<String, f64>>,
    /// With an exam date: which concepts are easily confused (`concept → group`; in the app,
    /// the sets its generators mark, [`Question::confusable`](crate::bank::Question::confusable):
    /// one attribute across a fact table's rows, one responsibility layer across the service
    /// models). The day's plan then interleaves them: each concept it takes brings the already
    /// seen concepts of its group that rank close to the day's plan along, so they are told
    /// apart side by side. `None`: no groups.
    pub groups: Option<std::collections::HashMap<String, String>>,
    /// With an exam date: how many concepts on each side of a concept without a group, among
    /// those of its topic without one in bank order, count as confusable with it (0: none).
    /// Interleaved like [`Scheduler::groups`]: a bank lists a topic's similar concepts side by
    /// side (the terms of one definitions table, the rows of one pack), so its neighbours are
    /// the likeliest to be mixed up ([`BANK_NEIGHBOURS`](super::BANK_NEIGHBOURS) in the app).
    /// A concept with a group is nobody's neighbour: in a fact table listed row by row, a
    /// cell's neighbours are its row's other attributes, not what it is confused with.
    pub bank_neighbours: usize,
}

impl Default for Scheduler {
    fn default() -> Scheduler {
        Scheduler {
            model: FSRS::default(),
            params: ::fsrs::DEFAULT_PARAMETERS.to_vec(),
            desired_retention: 0.9,
            rollover_hour: clock::DEFAULT_ROLLOVER_HOUR,
            new_per_day: 20,
            exam: None,
            calibration: None,
            pace: Pace::DEFAULT,
            topic_weights: None,
            groups: None,
            bank_neighbours: 0,
        }
    }
}

/// An FSRS state projected forward (for planning), without the bookkeeping of [`MemoryState`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Projected {
    pub stability: f32,
    pub difficulty: f32,
    /// Days FSRS would wait before the next review at the desired retention.
    pub interval: f32,
}

impl Scheduler {
    /// A scheduler with the given FSRS parameters (17, 19 or 21 values, as `fsrs` accepts;
    /// missing ones are filled with defaults) and default settings otherwise.
    pub fn with_params(params: &[f32]) -> Result<Scheduler, ScheduleError> {
        let invalid = |reason: String| ScheduleError::InvalidParameters {
            len: params.len(),
            reason,
        };
        if params.iter().any(|w| !w.is_finite()) {
            return Err(invalid("non-finite value".into()));
        }
        let filled =
            ::fsrs::check_and_fill_parameters(params).map_err(|e| invalid(e.to_string()))?;
        let model = FSRS::new(&filled).map_err(|e| invalid(e.to_string()))?;
        Ok(Scheduler {
            model,
            params: filled,
            ..Scheduler::default()
        })
    }

    /// Sets the desired retention, checking it is strictly between 0 and 1.
    pub fn with_retention(mut self, desired_retention: f32) -> Result<Scheduler, ScheduleError> {
        if desired_retention.is_nan() || desired_retention <= 0.0 || desired_retention >= 1.0 {
            return Err(ScheduleError::InvalidRetention(desired_retention));
        }
        self.desired_retention = desired_retention;
        Ok(self)
    }

    /// Sets (or clears) the exam plan.
    pub fn with_exam(mut self, exam: Option<ExamPlan>) -> Scheduler {
        self.exam = exam;
        self
    }

    /// The FSRS parameters in use (21 values).
    pub fn params(&self) -> &[f32] {
        &self.params
    }

    /// The forgetting curve's decay (FSRS parameter 20).
    fn decay(&self) -> f32 {
        self.params
            .get(20)
            .copied()
            .unwrap_or(::fsrs::FSRS6_DEFAULT_DECAY)
    }

    /// The forgetting curve in use for a concept reviewed `reps` times: `(stability scale,
    /// decay)`.
    fn curve(&self, reps: u32) -> (f64, f64) {
        match self.calibration {
            Some(c) => (c.scale_for(reps), c.decay),
            None => (1.0, f64::from(self.decay())),
        }
    }

    /// Predicted probability of recall `elapsed_days` after a review that left the given
    /// stability, for a concept reviewed more than once: FSRS's power forgetting curve, with the
    /// learner's [`Calibration`] if set. Negative elapsed time counts as zero.
    pub fn retrievability(&self, stability: f32, elapsed_days: f64) -> f64 {
        self.retrievability_after(stability, 2, elapsed_days)
    }

    /// [`Scheduler::retrievability`] for a concept reviewed `reps` times (1: seen once, which
    /// the calibration may scale apart).
    pub fn retrievability_after(&self, stability: f32, reps: u32, elapsed_days: f64) -> f64 {
        let (scale, decay) = self.curve(reps);
        power_curve(f64::from(stability) * scale, decay, elapsed_days)
    }

    /// Days after which predicted recall of a concept reviewed `reps` times falls to
    /// `retention`.
    pub(crate) fn interval_for(&self, stability: f32, reps: u32, retention: f64) -> f64 {
        let (scale, decay) = self.curve(reps);
        let factor = 0.9f64.powf(-1.0 / decay) - 1.0;
        f64::from(stability) * scale / factor * (retention.powf(-1.0 / decay) - 1.0)
    }

    /// Predicted recall of a concept at instant `at` (fractional days since its last review;
    /// an instant before the last review counts as no time at all).
    pub fn recall_at(&self, state: &MemoryState, at: Millis) -> f64 {
        let elapsed = at.saturating_sub(state.last_review).max(0) as f64 / MS_PER_DAY as f64;
        self.retrievability_after(state.stability, state.reps, elapsed)
    }

    /// Predicted recall of a concept on study day `day` (whole study days since the day of its
    /// last review, as [`Scheduler::review`] counts them).
    pub fn recall_on(&self, state: &MemoryState, day: Day, utc_offset_secs: i32) -> f64 {
        let last = self.study_day(state.last_review, utc_offset_secs);
        self.retrievability_after(state.stability, state.reps, (day - last).max(0) as f64)
    }

    /// The study day an instant belongs to, with this scheduler's rollover hour.
    pub fn study_day(&self, at: Millis, utc_offset_secs: i32) -> Day {
        clock::study_day(at, utc_offset_secs, self.rollover_hour)
    }

    /// The instant a study day starts.
    pub fn day_start(&self, day: Day, utc_offset_secs: i32) -> Millis {
        day.saturating_mul(MS_PER_DAY) - i64::from(utc_offset_secs) * 1000
            + i64::from(self.rollover_hour) * 3_600_000
    }

    /// Whole study days between two instants; never negative (a clock that went backwards
    /// counts as no time), and 0 within one study day.
    pub fn elapsed_days(&self, from: Millis, to: Millis, utc_offset_secs: i32) -> u32 {
        let days = self.study_day(to, utc_offset_secs) - self.study_day(from, utc_offset_secs);
        u32::try_from(days.max(0)).unwrap_or(u32::MAX)
    }

    /// The FSRS state after one more review (`prev` = `None` for a first review).
    pub(crate) fn project(
        &self,
        prev: Option<(f32, f32)>,
        rating: Rating,
        elapsed_days: u32,
    ) -> Projected {
        let memory = prev
            .filter(|(s, d)| s.is_finite() && d.is_finite() && *s >= MIN_STABILITY)
            .map(|(stability, difficulty)| FsrsMemory {
                stability,
                difficulty,
            });
        let pick = |n: ::fsrs::NextStates| match rating {
            Rating::Again => n.again,
            Rating::Hard => n.hard,
            Rating::Good => n.good,
        };
        match self
            .model
            .next_states(memory, self.desired_retention, elapsed_days)
            .map(pick)
        {
            Ok(next) if next.memory.stability.is_finite() && next.memory.difficulty.is_finite() => {
                Projected {
                    stability: next.memory.stability,
                    difficulty: next.memory.difficulty,
                    interval: next.interval,
                }
            }
            // Only reachable with pathological inputs: start the concept afresh.
            _ => {
                let s = self.params.get(rating.fsrs_value() as usize - 1).copied();
                let stability = s.unwrap_or(1.0).max(MIN_STABILITY);
                Projected {
                    stability,
                    difficulty: 5.0,
                    interval: stability,
                }
            }
        }
    }

    /// The state of `concept` after answering it through question `question_id` at `now`.
    ///
    /// Elapsed time is counted in study days (a re-ask the same study day passes 0 days, which
    /// FSRS treats as a short-term review). If the clock went backwards (`now` before the last
    /// review) the review counts as happening at the last review: elapsed time is 0 and
    /// `last_review` never moves back. The due date is the start of the study day the interval
    /// ends on (at least the next study day).
    pub fn review(
        &self,
        prev: Option<&MemoryState>,
        concept: &str,
        question_id: &str,
        rating: Rating,
        now: Millis,
        utc_offset_secs: i32,
    ) -> MemoryState {
        let at = prev.map_or(now, |p| now.max(p.last_review));
        let elapsed = prev.map_or(0, |p| self.elapsed_days(p.last_review, at, utc_offset_secs));
        let next = self.project(prev.map(|p| (p.stability, p.difficulty)), rating, elapsed);
        let reps = prev.map_or(0, |p| p.reps).saturating_add(1);
        let interval = self.interval_for(next.stability, reps, f64::from(self.desired_retention));
        let interval_days = if interval.is_finite() {
            (interval.round() as i64).clamp(1, 36_500)
        } else {
            1
        };
        let due_day = self.study_day(at, utc_offset_secs) + interval_days;
        let learned = prev.is_some_and(|p| p.reps > 0);
        let lapses = prev.map_or(0, |p| p.lapses) + u32::from(learned && rating == Rating::Again);
        MemoryState {
            concept: concept.to_string(),
            stability: next.stability,
            difficulty: next.difficulty,
            last_review: at,
            due: self.day_start(due_day, utc_offset_secs),
            reps,
            lapses,
            last_question: Some(question_id.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::rating::{is_leech, rating_for};

    const H: i64 = 3_600_000;
    /// 2026-11-28 00:00 UTC.
    const MIDNIGHT: Millis = 20_785 * MS_PER_DAY;

    fn state_after(s: &Scheduler, ratings: &[(Rating, Millis)]) -> MemoryState {
        let mut st: Option<MemoryState> = None;
        for (r, at) in ratings {
            st = Some(s.review(st.as_ref(), "c", "q1", *r, *at, 0));
        }
        st.unwrap()
    }

    #[test]
    fn ratings_follow_the_outcome() {
        assert_eq!(rating_for(false, false), Rating::Again);
        assert_eq!(
            rating_for(false, true),
            Rating::Again,
            "a wrong guess is still wrong"
        );
        assert_eq!(rating_for(true, false), Rating::Good);
        assert_eq!(rating_for(true, true), Rating::Hard);
        for r in [Rating::Again, Rating::Hard, Rating::Good] {
            assert_eq!(Rating::from_fsrs_value(r.fsrs_value()), Some(r));
        }
    }

    #[test]
    fn a_first_review_starts_a_state() {
        let s = Scheduler::default();
        let st = s.review(None, "iaas.os", "q7", Rating::Good, MIDNIGHT + 10 * H, 0);
        assert_eq!(st.concept, "iaas.os");
        assert_eq!(st.reps, 1);
        assert_eq!(st.lapses, 0);
        assert_eq!(st.last_question.as_deref(), Some("q7"));
        assert_eq!(st.last_review, MIDNIGHT + 10 * H);
        assert!(st.due > st.last_review);
        assert!((st.stability - ::fsrs::DEFAULT_PARAMETERS[2]).abs() < 1e-6);
    }

    #[test]
    fn a_same_day_reask_passes_zero_days() {
        let s = Scheduler::default();
        // 05:00 and 23:00 the same study day, and 03:00 the next calendar day (still the same
        // study day with a 04:00 rollover): all short-term reviews.
        let first = MIDNIGHT + 5 * H;
        for later in [MIDNIGHT + 23 * H, MIDNIGHT + 27 * H] {
            assert_eq!(s.elapsed_days(first, later, 0), 0);
            let st = state_after(&s, &[(Rating::Good, first), (Rating::Good, later)]);
            let expected = s.project(Some((2.3065, 2.118_104)), Rating::Good, 0);
            let one_day = s.project(Some((2.3065, 2.118_104)), Rating::Good, 1);
            assert!((st.stability - expected.stability).abs() < 1e-3);
            assert!(
                (st.stability - one_day.stability).abs() > 1e-2,
                "not rounded up to a day"
            );
        }
    }

    #[test]
    fn the_rollover_hour_starts_a_new_day() {
        let s = Scheduler::default();
        let evening = MIDNIGHT + 22 * H;
        assert_eq!(s.elapsed_days(evening, MIDNIGHT + 27 * H, 0), 0, "03:00");
        assert_eq!(s.elapsed_days(evening, MIDNIGHT + 28 * H, 0), 1, "04:00");
        // At UTC+2 the local 04:00 is 02:00 UTC.
        assert_eq!(s.elapsed_days(evening, MIDNIGHT + 26 * H, 2 * 3600), 1);
        let midnight_rollover = Scheduler {
            rollover_hour: 0,
            ..Scheduler::default()
        };
        assert_eq!(
            midnight_rollover.elapsed_days(evening, MIDNIGHT + 25 * H, 0),
            1
        );
    }

    #[test]
    fn a_clock_going_backwards_neither_rewinds_nor_goes_negative() {
        let s = Scheduler::default();
        let t0 = MIDNIGHT + 10 * H;
        let first = s.review(None, "c", "q1", Rating::Good, t0, 0);
        // Two days earlier.
        let back = s.review(Some(&first), "c", "q2", Rating::Good, t0 - 48 * H, 0);
        assert_eq!(
            back.last_review, first.last_review,
            "last_review never moves back"
        );
        assert!(back.due >= first.due);
        assert!(back.stability.is_finite() && back.stability > 0.0);
        assert!((1.0..=10.0).contains(&back.difficulty));
        // Treated exactly as a same-moment re-ask.
        let same = s.review(Some(&first), "c", "q2", Rating::Good, t0, 0);
        assert_eq!(back, same);
        assert_eq!(s.elapsed_days(t0, t0 - 48 * H, 0), 0);
        assert!((s.recall_at(&first, t0 - 48 * H) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn lapses_count_forgetting_after_learning_and_make_leeches() {
        let s = Scheduler::default();
        let mut st = s.review(None, "c", "q", Rating::Again, MIDNIGHT + 5 * H, 0);
        assert_eq!(st.lapses, 0, "failing a first sight is not a lapse");
        for d in 1..=6 {
            assert!(!is_leech(&st));
            st = s.review(
                Some(&st),
                "c",
                "q",
                Rating::Again,
                MIDNIGHT + d * 24 * H + 5 * H,
                0,
            );
        }
        assert_eq!(st.lapses, 6);
        assert!(is_leech(&st));
    }

    #[test]
    fn recall_decays_and_good_answers_push_due_dates_out() {
        let s = Scheduler::default();
        let st = s.review(None, "c", "q", Rating::Good, MIDNIGHT + 5 * H, 0);
        let r1 = s.recall_at(&st, st.last_review + MS_PER_DAY);
        let r10 = s.recall_at(&st, st.last_review + 10 * MS_PER_DAY);
        assert!(r1 > r10 && r10 > 0.0 && r1 < 1.0);
        // Recall at the due date is about the desired retention.
        let at_due = s.recall_on(&st, s.study_day(st.due, 0), 0);
        assert!((at_due - 0.9).abs() < 0.05, "{at_due}");
        let later = s.review(Some(&st), "c", "q", Rating::Good, st.due + 2 * H, 0);
        assert!(later.due - later.last_review > st.due - st.last_review);
        let hard = s.review(Some(&st), "c", "q", Rating::Hard, st.due + 2 * H, 0);
        assert!(hard.stability < later.stability, "a guess counts for less");
    }

    #[test]
    fn a_calibrated_first_exposure_has_its_own_curve() {
        let plain = Scheduler::default();
        let s = Scheduler {
            calibration: Some(crate::schedule::Calibration {
                stability_scale: 0.5,
                decay: 0.3,
                first_scale: Some(4.0),
                observations: 100,
                later_observations: 50,
            }),
            ..Scheduler::default()
        };
        let once = s.review(None, "c", "q", Rating::Good, MIDNIGHT + 5 * H, 0);
        let twice = s.review(Some(&once), "c", "q", Rating::Good, once.due + 2 * H, 0);
        let day = s.study_day(once.last_review, 0) + 3;
        let expect =
            |st: &MemoryState, scale: f64| power_curve(f64::from(st.stability) * scale, 0.3, 3.0);
        assert!((s.recall_on(&once, day, 0) - expect(&once, 4.0)).abs() < 1e-12);
        let day2 = s.study_day(twice.last_review, 0) + 3;
        assert!((s.recall_on(&twice, day2, 0) - expect(&twice, 0.5)).abs() < 1e-12);
        // The due date of a first review follows the first-exposure curve: later than the
        // uncalibrated one here, since a single exposure lasts four times FSRS's guess.
        let plain_once = plain.review(None, "c", "q", Rating::Good, MIDNIGHT + 5 * H, 0);
        assert!(once.due > plain_once.due);
        let at_due = s.recall_on(&once, s.study_day(once.due, 0), 0);
        assert!((at_due - 0.9).abs() < 0.05, "{at_due}");
        // A calibration stored before the first-exposure scale existed reads as one scale.
        let old: crate::schedule::Calibration =
            serde_json::from_str(r#"{"stability_scale":0.5,"decay":0.3,"observations":9}"#)
                .unwrap();
        assert_eq!(old.first_scale, None);
        assert!((old.scale_for(1) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn bad_parameters_are_rejected() {
        assert!(Scheduler::with_params(&[1.0; 3]).is_err());
        assert!(Scheduler::with_params(&[f32::NAN; 21]).is_err());
        assert!(Scheduler::with_params(&::fsrs::DEFAULT_PARAMETERS).is_ok());
        assert!(Scheduler::default().with_retention(1.0).is_err());
        assert!(Scheduler::default().with_retention(0.85).is_ok());
    }
}
