//! [`Planner`]: the scheduler as one object a front end or a benchmark drives without knowing
//! the app's internals.
//!
//! It owns the memory states, the review log, the calibration and the pace; it plans each study
//! day once (so asking again never re-plans and re-asks), answers "next item" and "minutes left
//! today", and recalibrates itself when the day changes (a caller cannot forget to).
//!
//! ```
//! use az900::clock::MS_PER_DAY;
//! use az900::schedule::{ConceptInfo, ExamPlan, Pace, Planner, Scheduler};
//!
//! let concepts: Vec<ConceptInfo> = (0..30)
//!     .map(|i| ConceptInfo { concept: format!("c{i}"), topic: "t".into() })
//!     .collect();
//! let day0 = 20_000;
//! let scheduler = Scheduler::default().with_exam(Some(ExamPlan {
//!     exam_day: day0 + 14,
//!     minutes_per_day: 5,
//! }));
//! // This learner takes 20 s on an unseen concept and 12 s on a review.
//! let pace = Pace { new_secs: 20.0, review_secs: 12.0 };
//! let mut planner = Planner::new(scheduler, concepts, 0).with_pace(pace);
//! let mut now = day0 * MS_PER_DAY + 9 * 3_600_000;
//! assert_eq!(planner.minutes_left_today(now), Some(5.0));
//! let mut asked = Vec::new();
//! while let Some(concept) = planner.next_item(now) {
//!     let concept = concept.to_string();
//!     now += 20_000;
//!     planner.record(&concept, &concept, true, false, 20_000, now);
//!     asked.push(concept);
//! }
//! // Five minutes of unseen concepts at 20 s each: 15 of them, each asked once.
//! assert_eq!(asked.len(), 15);
//! assert_eq!(planner.minutes_left_today(now), Some(0.0));
//! // Done early? Going on picks what most raises exam-day recall among the rest.
//! assert!(planner.go_on(now).is_some_and(|c| !asked.contains(&c)));
//! // The next day is planned afresh, with the day's reviews.
//! assert!(planner.next_item(now + MS_PER_DAY).is_some());
//! ```
//!
//! Contract: times are the caller's (`now` in milliseconds since the epoch, UTC offset fixed at
//! construction); a study day starts at the scheduler's rollover hour. Without an exam date the
//! day's plan is the due concepts then up to `new_per_day` unseen ones; with one, the concepts
//! that fill the day's minutes at the pace, in the plan's order (the minutes, not
//! `new_per_day`, limit unseen concepts before an exam). `next_item` returns `None` once the plan is done (or, with an exam
//! date, once the day's minutes are spent); `go_on` offers more.

use std::collections::{HashMap, HashSet};

use super::exam::ConceptInfo;
use super::model::Scheduler;
use super::optimize::ReviewLog;
use super::pace::{AnswerTime, Pace};
use super::rating::rating_for;
use super::state::MemoryState;
use crate::clock::{Day, Millis};

/// The scheduler with its states, log, calibration and pace (see the module docs).
#[derive(Debug, Clone)]
pub struct Planner {
    scheduler: Scheduler,
    concepts: Vec<ConceptInfo>,
    utc_offset_secs: i32,
    states: HashMap<String, MemoryState>,
    log: Vec<ReviewLog>,
    answers: Vec<AnswerTime>,
    /// A pace the caller set, kept instead of the measured one.
    fixed_pace: Option<Pace>,
    /// The study day the plan below is for.
    day: Option<Day>,
    plan: Vec<String>,
    asked_today: HashSet<String>,
    introduced_today: usize,
    studied_ms_today: u64,
}

impl Planner {
    /// A planner with no history yet.
    pub fn new(scheduler: Scheduler, concepts: Vec<ConceptInfo>, utc_offset_secs: i32) -> Planner {
        Planner {
            scheduler,
            concepts,
            utc_offset_secs,
            states: HashMap::new(),
            log: Vec::new(),
            answers: Vec::new(),
            fixed_pace: None,
            day: None,
            plan: Vec::new(),
            asked_today: HashSet::new(),
            introduced_today: 0,
            studied_ms_today: 0,
        }
    }

    /// Tell the planner which concepts are easily confused (`concept → group`, such as the
    /// concept's objective in the exam outline). With an exam date, the day's plan then
    /// interleaves them: each concept it takes brings the already seen concepts of its group
    /// along (within the day's minutes), so they are told apart side by side rather than
    /// reviewed days apart, when each review would blur the others.
    /// ([`Scheduler::groups`].)
    pub fn with_groups(mut self, groups: HashMap<String, String>) -> Planner {
        self.scheduler.groups = Some(groups);
        self
    }

    /// Treat the `k` concepts on each side of a concept, among its topic's in the order given
    /// to [`Planner::new`], as confusable with it ([`Scheduler::bank_neighbours`]): the exam plan
    /// interleaves them as it does groups.
    pub fn with_bank_neighbours(mut self, k: usize) -> Planner {
        self.scheduler.bank_neighbours = k;
        self
    }

    /// Use `pace` instead of measuring it from the answers.
    pub fn with_pace(mut self, pace: Pace) -> Planner {
        self.fixed_pace = Some(pace);
        self.scheduler.pace = pace;
        self
    }

    /// The scheduler as it stands (calibration and pace included).
    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }

    /// Every concept's memory state.
    pub fn states(&self) -> impl Iterator<Item = &MemoryState> {
        self.states.values()
    }

    /// The review log so far, oldest first.
    pub fn log(&self) -> &[ReviewLog] {
        &self.log
    }

    /// The next concept to ask at `now`, or `None` when today's plan is done (with an exam
    /// date: also when today's minutes are spent). A concept is asked at most once a day.
    pub fn next_item(&mut self, now: Millis) -> Option<&str> {
        self.roll(now);
        if self.minutes_left_today(now) == Some(0.0) {
            return None;
        }
        let asked = &self.asked_today;
        let i = self.plan.iter().position(|c| !asked.contains(c))?;
        Some(self.plan[i].as_str())
    }

    /// With an exam date: the minutes of today's plan not yet studied (never below 0). `None`
    /// without one.
    pub fn minutes_left_today(&mut self, now: Millis) -> Option<f64> {
        self.roll(now);
        let today = self.day?;
        let plan = self.scheduler.exam.filter(|p| p.exam_day > today)?;
        let left = f64::from(plan.minutes_per_day) - self.studied_ms_today as f64 / 60_000.0;
        Some(left.max(0.0))
    }

    /// Once today's plan is done: the concept not asked today whose review now most raises
    /// exam-day recall (without an exam date: the next due or unseen one), if any.
    pub fn go_on(&mut self, now: Millis) -> Option<String> {
        self.roll(now);
        let today = self.day?;
        let states: Vec<MemoryState> = self.states.values().cloned().collect();
        // With an exam date, rank a whole day more than today's minutes, so that concepts past
        // today's budget are ranked too (the plan's last days still follow its own minutes).
        let wider = self
            .scheduler
            .exam
            .filter(|p| p.exam_day > today)
            .map(|p| super::interleave::wider_minutes(p.minutes_per_day));
        self.scheduler
            .queue_within(
                &states,
                &self.concepts,
                today,
                self.utc_offset_secs,
                self.introduced_today,
                wider,
            )
            .into_iter()
            .map(|(c, _)| c)
            .find(|c| !self.asked_today.contains(c))
    }

    /// Record an answer to `concept` (through question `question_id`) at `now`: fully right or
    /// not, marked as a guess or not, and the time it took.
    pub fn record(
        &mut self,
        concept: &str,
        question_id: &str,
        correct: bool,
        guess: bool,
        time_ms: u64,
        now: Millis,
    ) {
        self.roll(now);
        let day = self.scheduler.study_day(now, self.utc_offset_secs);
        let rating = rating_for(correct, guess);
        let prev = self.states.get(concept);
        let new = prev.is_none_or(|p| p.reps == 0);
        let next = self.scheduler.review(
            prev,
            concept,
            question_id,
            rating,
            now,
            self.utc_offset_secs,
        );
        self.states.insert(concept.to_string(), next);
        self.log.push(ReviewLog {
            concept: concept.to_string(),
            at: now,
            day,
            rating,
        });
        self.answers.push(AnswerTime { time_ms, new });
        if new {
            self.introduced_today += 1;
        }
        self.asked_today.insert(concept.to_string());
        let cap = (super::pace::ANSWER_CAP_SECS * 1000.0) as u64;
        self.studied_ms_today += time_ms.min(cap);
    }

    /// On a new study day: recalibrate on the whole log, measure the pace (unless fixed), and
    /// plan the day once.
    fn roll(&mut self, now: Millis) {
        let today = self.scheduler.study_day(now, self.utc_offset_secs);
        if self.day == Some(today) {
            return;
        }
        self.day = Some(today);
        self.scheduler.calibration = self.scheduler.calibrate(&self.log);
        self.scheduler.pace = self
            .fixed_pace
            .unwrap_or_else(|| Pace::measure(&self.answers));
        self.asked_today.clear();
        self.introduced_today = 0;
        self.studied_ms_today = 0;
        let states: Vec<MemoryState> = self.states.values().cloned().collect();
        self.plan = self
            .scheduler
            .queue(&states, &self.concepts, today, self.utc_offset_secs, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::MS_PER_DAY;
    use crate::schedule::Pace;
    use crate::schedule::exam::{ExamPlan, cram_days};

    fn concepts(n: usize) -> Vec<ConceptInfo> {
        (0..n)
            .map(|i| ConceptInfo {
                concept: format!("c{i}"),
                topic: "t".into(),
            })
            .collect()
    }

    #[test]
    fn without_an_exam_the_day_is_due_then_new_each_asked_once() {
        let mut s = Scheduler::default();
        s.new_per_day = 4;
        let mut p = Planner::new(s, concepts(10), 0);
        let day0: Day = 20_000;
        let mut now = day0 * MS_PER_DAY + 9 * 3_600_000;
        let mut first_day = Vec::new();
        while let Some(c) = p.next_item(now) {
            let c = c.to_string();
            now += 30_000;
            // Wrong answers too: still asked once a day.
            p.record(&c, &c, first_day.len() % 2 == 0, false, 30_000, now);
            first_day.push(c);
        }
        assert_eq!(first_day.len(), p.scheduler().new_per_day);
        assert_eq!(p.minutes_left_today(now), None);
        assert_eq!(p.log().len(), first_day.len());
        // Days later, the due ones come back, then new ones.
        let later = now + 3 * MS_PER_DAY;
        let next = p.next_item(later).unwrap().to_string();
        assert!(first_day.contains(&next), "{next} is a review");
    }

    #[test]
    fn the_measured_pace_sets_tomorrows_plan_and_the_log_calibrates() {
        let exam = ExamPlan {
            exam_day: 20_060,
            minutes_per_day: 4,
        };
        let mut s = Scheduler::default().with_exam(Some(exam));
        s.new_per_day = 100;
        let mut p = Planner::new(s, concepts(200), 0);
        let mut now = 20_000 * MS_PER_DAY + 9 * 3_600_000;
        let mut per_day = Vec::new();
        for _day in 0..3 {
            let mut n = 0usize;
            while let Some(c) = p.next_item(now) {
                let c = c.to_string();
                now += 10_000;
                p.record(&c, &c, !n.is_multiple_of(4), false, 10_000, now);
                n += 1;
            }
            per_day.push(n);
            now += MS_PER_DAY;
        }
        // Day one at the default 30 s; then at the learner's 10 s (pulled toward 30 s while
        // few answers): more items in the same minutes.
        assert_eq!(per_day[0], 240 / Pace::DEFAULT.new_secs as usize);
        let measured = Pace::measure(&p.answers);
        assert!(measured.new_secs < 20.0, "{measured:?}");
        assert!(per_day[2] > per_day[0], "{per_day:?}");
        // Three days of answers are in the log the calibration was fitted on.
        assert_eq!(p.log().len(), per_day.iter().sum::<usize>());
        assert_eq!(
            p.scheduler().calibration,
            p.scheduler().calibrate(&p.log()[..per_day[0] + per_day[1]])
        );
    }

    #[test]
    fn with_groups_the_exam_plan_asks_confusable_concepts_side_by_side() {
        let exam = ExamPlan {
            exam_day: 20_030,
            minutes_per_day: 2,
        };
        let group = |c: &str| {
            let i: usize = c[1..].parse().unwrap();
            format!("g{}", i % 4)
        };
        let run = |grouped: bool| {
            let mut s = Scheduler::default().with_exam(Some(exam));
            s.new_per_day = 100;
            let all = concepts(12);
            let groups: HashMap<String, String> = all
                .iter()
                .map(|c| (c.concept.clone(), group(&c.concept)))
                .collect();
            let mut p = Planner::new(s, all, 0).with_pace(Pace {
                new_secs: 10.0,
                review_secs: 12.0,
            });
            if grouped {
                p = p.with_groups(groups);
            }
            // Day one: all twelve, some right, some wrong (different strengths).
            let mut now = 20_000 * MS_PER_DAY + 9 * 3_600_000;
            let mut n = 0;
            while let Some(c) = p.next_item(now) {
                let c = c.to_string();
                now += 10_000;
                p.record(&c, &c, n % 3 != 1, false, 10_000, now);
                n += 1;
            }
            assert_eq!(n, 12);
            let later = now + 4 * MS_PER_DAY;
            assert!(p.next_item(later).is_some());
            p.plan.clone()
        };
        // Each group's concepts sit in one run of the day's plan.
        let contiguous = |plan: &[String]| {
            let groups: Vec<String> = plan.iter().map(|c| group(c)).collect();
            let runs = groups.windows(2).filter(|w| w[0] != w[1]).count() + 1;
            let mut distinct = groups.clone();
            distinct.sort();
            distinct.dedup();
            runs == distinct.len()
        };
        let plain = run(false);
        let grouped = run(true);
        // Two minutes hold ten reviews either way.
        assert_eq!(plain.len(), 10);
        assert_eq!(grouped.len(), 10);
        assert!(!contiguous(&plain), "{plain:?}");
        assert!(contiguous(&grouped), "{grouped:?}");
        // The plan starts where the plain plan does.
        assert_eq!(plain[0], grouped[0]);
    }

    #[test]
    fn the_last_days_follow_the_plans_own_minutes_with_groups_and_going_on() {
        // 30 concepts at 1 minute a day (5 reviews at 12 s): the last days are the last 3 or
        // more. Ranked over a wider day (as interleaving and going on do), they must stay so.
        let day0: Day = 20_000;
        let exam = ExamPlan {
            exam_day: day0 + 23,
            minutes_per_day: 1,
        };
        let mut all = vec![
            ConceptInfo {
                concept: "weak".into(),
                topic: "t".into(),
            },
            ConceptInfo {
                concept: "fresh".into(),
                topic: "t".into(),
            },
        ];
        all.extend(concepts(28));
        let groups: HashMap<String, String> = all
            .iter()
            .map(|c| (c.concept.clone(), c.concept.clone()))
            .collect();
        let pace = Pace {
            new_secs: 20.0,
            review_secs: 12.0,
        };
        let s = Scheduler::default().with_exam(Some(exam));
        let mut p = Planner::new(s, all, 0).with_pace(pace).with_groups(groups);
        let at = |day: Day| day * MS_PER_DAY + 9 * 3_600_000;
        // Missed on day 0, then left alone: long due, and too weak for a review to pay off
        // three days before the exam, where a first look at an unseen concept does.
        p.record("weak", "weak", false, false, 12_000, at(day0));
        assert!(cram_days(30, p.scheduler().daily_items(exam)) >= 3);
        let last = at(exam.exam_day - 3);
        assert_eq!(p.next_item(last), Some("fresh"));
        assert_eq!(p.go_on(last).as_deref(), Some("fresh"));
    }
}
