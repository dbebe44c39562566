//! [`Scheduler::queue`], today's queue: due concepts and new ones, or, with an exam date, the concepts whose review
//! today most raises predicted recall on exam day.

use std::collections::HashMap;

use super::exam::{ConceptInfo, ExamPlan, cram_days};
use super::model::Scheduler;
use super::rating::Rating;
use super::state::MemoryState;
use crate::clock::Day;

/// Before the last days, concepts whose predicted recall today has fallen to the due threshold
/// ([`Scheduler::exam_due_recall`]) come first (spaced reviews are what build lasting memory,
/// whatever the shape of the learner's forgetting), then unseen concepts, then the rest; within
/// each tier, the gain in predicted exam-day recall decides. Gains are within −1..1, so these
/// offsets separate tiers.
const DUE_TIER: f64 = 4.0;
const NEW_TIER: f64 = 2.0;

/// With an exam date and a calibration the planner can trust, a concept is due for the exam plan
/// once its predicted recall falls to this (or to the desired retention, if lower).
pub const CALIBRATED_DUE_RECALL: f64 = 0.8;

/// A calibration is trusted for [`CALIBRATED_DUE_RECALL`] once it rests on this many answers to
/// concepts reviewed more than once (the general scale and the decay; a fit on first exposures
/// says little about how the learner forgets later).
pub const TRUSTED_CALIBRATION: usize = 60;

/// A trusted calibration whose fitted decay is at least this steep marks a learner whose
/// forgetting is closer to exponential than FSRS's power curve: in the fair benchmark,
/// exponential-like learners fit 0.6–1.7, power-law and interference ones 0.04–0.42
/// (docs/SCHEDULING.md).
pub const STEEP_DECAY: f64 = 0.5;

/// The planner's guess of the chance that a first answer to an unseen concept is right
/// (prior knowledge or a lucky guess), used to weigh the two outcomes of a first review.
const FIRST_ANSWER_RIGHT: f64 = 0.4;

/// One concept the planner could review today, with its priority.
#[derive(Debug, Clone, Copy)]
struct Candidate<'a> {
    concept: &'a str,
    new: bool,
    /// Higher first.
    priority: f64,
}

impl Scheduler {
    /// How many reviews the exam plan's daily minutes hold at the learner's pace.
    pub fn daily_items(&self, plan: ExamPlan) -> usize {
        self.pace.reviews_in(plan.minutes_per_day)
    }

    /// Today's concepts, in the order to ask them.
    ///
    /// Without an exam date (or once it has passed): the concepts due today or earlier, lowest
    /// predicted recall (most overdue) first, then unseen concepts in the order of
    /// `all_concepts`, up to [`Scheduler::new_per_day`] less `introduced_today` (unseen
    /// concepts already started today).
    ///
    /// With an [`ExamPlan`] before its date: as many concepts, due or not, as the day's minutes
    /// hold at the learner's [`Pace`](super::Pace) (an unseen concept costs its
    /// `new_secs`, a review its `review_secs`; at least one).
    /// Until the last days ([`Scheduler::exam_last_days`]), concepts whose predicted recall today has fallen to
    /// [`Scheduler::exam_due_recall`] come first, then unseen concepts (the new-per-day limit
    /// does not apply before an exam: the minutes do), then
    /// any other concept; within each group, by how much reviewing it today raises its predicted
    /// recall on exam day (FSRS's model with the learner's calibration, weighing the two outcomes
    /// of the review by today's predicted recall). In the last days, tiers give way to
    /// that gain alone, unseen concepts included (their gain is their predicted exam-day recall
    /// after one exposure): with so few days left, no later review builds on today's, so the
    /// gain in exam-day recall is all a review buys. It favours both the weak concepts a review
    /// can still rescue and the new ones a single exposure lasts until the exam, and passes over
    /// concepts too weak to be recalled today (the review would likely fail and barely help).
    ///
    /// States of concepts missing from `all_concepts` are ignored (the concept left the bank).
    pub fn queue(
        &self,
        states: &[MemoryState],
        all_concepts: &[ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
        introduced_today: usize,
    ) -> Vec<String> {
        self.queue_tagged(
            states,
            all_concepts,
            today,
            utc_offset_secs,
            introduced_today,
        )
        .into_iter()
        .map(|(c, _)| c)
        .collect()
    }

    /// [`Scheduler::queue`], each concept with whether it is new (never reviewed yet), so a
    /// front end can count and label reviews and new concepts apart.
    pub fn queue_tagged(
        &self,
        states: &[MemoryState],
        all_concepts: &[ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
        introduced_today: usize,
    ) -> Vec<(String, bool)> {
        if let (Some(groups), Some(plan)) = (&self.groups, self.exam)
            && plan.exam_day > today
        {
            return self.interleaved(groups, plan, states, all_concepts, today, utc_offset_secs);
        }
        let minutes = self.exam.map(|p| p.minutes_per_day);
        self.queue_within(
            states,
            all_concepts,
            today,
            utc_offset_secs,
            introduced_today,
            minutes,
        )
    }

    /// [`Scheduler::queue_tagged`] with an exam date, cut at `minutes` instead of the plan's
    /// daily minutes (to rank concepts past today's budget): everything else, the last days
    /// included, still follows the plan's own minutes. Without an exam date (or once it has
    /// passed) `minutes` is unused.
    pub(crate) fn queue_within(
        &self,
        states: &[MemoryState],
        all_concepts: &[ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
        introduced_today: usize,
        minutes: Option<u32>,
    ) -> Vec<(String, bool)> {
        let by_concept: HashMap<&str, &MemoryState> = states
            .iter()
            .filter(|s| s.reps > 0)
            .map(|s| (s.concept.as_str(), s))
            .collect();
        let new_left = self.new_per_day.saturating_sub(introduced_today);
        let candidates = match self.exam {
            Some(plan) if plan.exam_day > today => {
                self.exam_candidates(&by_concept, all_concepts, today, utc_offset_secs, plan)
            }
            _ => self.due_candidates(&by_concept, all_concepts, today, utc_offset_secs),
        };
        let mut reviews: Vec<Candidate> = candidates.iter().filter(|c| !c.new).copied().collect();
        let mut new: Vec<Candidate> = candidates.iter().filter(|c| c.new).copied().collect();
        // Before an exam, the day's minutes are the limit and the plan's order decides how
        // many unseen concepts they hold: a cap of its own would leave concepts unseen that the
        // days left need to start now (measured in docs/SCHEDULING.md).
        if !matches!(self.exam, Some(plan) if plan.exam_day > today) {
            new.truncate(new_left);
        }
        match self.exam {
            Some(plan) if plan.exam_day > today => {
                reviews.extend(new);
                sort_by_priority(&mut reviews);
                let budget = f64::from(minutes.unwrap_or(plan.minutes_per_day)) * 60.0;
                let mut spent = 0.0;
                let mut planned = Vec::new();
                for c in reviews {
                    let cost = self.pace.secs(c.new);
                    if !planned.is_empty() && spent + cost > budget + 1e-9 {
                        break;
                    }
                    spent += cost;
                    planned.push((c.concept.to_string(), c.new));
                }
                planned
            }
            _ => {
                sort_by_priority(&mut reviews);
                reviews
                    .into_iter()
                    .chain(new)
                    .map(|c| (c.concept.to_string(), c.new))
                    .collect()
            }
        }
    }

    /// Due concepts (priority: lower recall today first) and every unseen concept in bank
    /// order (priority unused).
    fn due_candidates<'a>(
        &self,
        by_concept: &HashMap<&str, &'a MemoryState>,
        all_concepts: &'a [ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
    ) -> Vec<Candidate<'a>> {
        let mut out = Vec::new();
        for info in all_concepts {
            match by_concept.get(info.concept.as_str()) {
                Some(st) => {
                    if self.study_day(st.due, utc_offset_secs) <= today {
                        out.push(Candidate {
                            concept: &info.concept,
                            new: false,
                            priority: -self.recall_on(st, today, utc_offset_secs),
                        });
                    }
                }
                None => out.push(Candidate {
                    concept: &info.concept,
                    new: true,
                    priority: 0.0,
                }),
            }
        }
        out
    }

    /// Every concept, with the priority the exam plan gives it today. Unseen concepts come in
    /// decreasing priority (so truncating to the new-per-day limit keeps the best).
    fn exam_candidates<'a>(
        &self,
        by_concept: &HashMap<&str, &'a MemoryState>,
        all_concepts: &'a [ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
        plan: ExamPlan,
    ) -> Vec<Candidate<'a>> {
        let left = plan.exam_day - today;
        let cram = left <= self.exam_last_days(all_concepts.len(), plan);
        let due_recall = self.exam_due_recall();
        let new_gain_all = self.new_concept_gain(left);
        let weight = self.concept_weights(all_concepts);
        let mut out: Vec<Candidate> = all_concepts
            .iter()
            .map(|info| (info, weight(&info.topic)))
            .map(|(info, w)| match by_concept.get(info.concept.as_str()) {
                Some(st) => {
                    let last = self.study_day(st.last_review, utc_offset_secs);
                    let elapsed = (today - last).max(0);
                    let gain =
                        w * self.review_gain(st.stability, st.difficulty, st.reps, elapsed, left);
                    let priority = if cram {
                        gain
                    } else {
                        let recall =
                            self.retrievability_after(st.stability, st.reps, elapsed as f64);
                        let due = recall <= due_recall;
                        gain + if due { DUE_TIER } else { 0.0 }
                    };
                    Candidate {
                        concept: &info.concept,
                        new: false,
                        priority,
                    }
                }
                None => Candidate {
                    concept: &info.concept,
                    new: true,
                    priority: if cram {
                        w * new_gain_all
                    } else {
                        NEW_TIER + w * new_gain_all
                    },
                },
            })
            .collect();
        // Stable: unseen concepts keep bank order among equals.
        out.sort_by(|a, b| {
            a.new
                .cmp(&b.new)
                .reverse()
                .then(b.priority.total_cmp(&a.priority))
        });
        out
    }

    /// Each topic's weight relative to the mean over `all_concepts` ([`Scheduler::topic_weights`];
    /// 1 for every topic without them).
    fn concept_weights(&self, all_concepts: &[ConceptInfo]) -> impl Fn(&str) -> f64 + use<> {
        let weights = self.topic_weights.clone().unwrap_or_default();
        let listed: Vec<f64> = weights.values().copied().filter(|w| *w > 0.0).collect();
        let fallback = if listed.is_empty() {
            1.0
        } else {
            listed.iter().sum::<f64>() / listed.len() as f64
        };
        let of = move |t: &str| {
            weights
                .get(t)
                .copied()
                .filter(|w| *w > 0.0)
                .unwrap_or(fallback)
        };
        let mean = if all_concepts.is_empty() {
            1.0
        } else {
            all_concepts.iter().map(|c| of(&c.topic)).sum::<f64>() / all_concepts.len() as f64
        };
        move |t: &str| of(t) / mean
    }

    /// The predicted recall at which a concept is due for the exam plan: the desired retention,
    /// or [`CALIBRATED_DUE_RECALL`] if lower once the learner's calibration rests on
    /// [`TRUSTED_CALIBRATION`] later answers.
    ///
    /// On a fixed budget toward a date, what counts is recall on exam day, not a long-term
    /// retention target, and a review at lower recall builds more stability (FSRS's model, and
    /// the spacing effect generally): letting recall fall further frees reviews for concepts
    /// not yet seen. That holds only while the prediction is the learner's own: FSRS's average
    /// curve runs high for most learners (a lucky guess counts as a recall), so without a
    /// trusted calibration the plan keeps to the desired retention.
    pub fn exam_due_recall(&self) -> f64 {
        let desired = f64::from(self.desired_retention);
        match self.calibration {
            Some(c) if c.later_observations >= TRUSTED_CALIBRATION => {
                desired.min(CALIBRATED_DUE_RECALL)
            }
            _ => desired,
        }
    }

    /// How many days before the exam the plan goes by exam-day gain alone: [`cram_days`]
    /// (enough to go twice through every concept at the day's minutes), or once through when
    /// the learner's forgetting is steep ([`Scheduler::steep_forgetting`]).
    ///
    /// On steep forgetting a power-curve fit still overrates how long a review lasts, so ranking
    /// by exam-day gain alone pays off over fewer days (measured in docs/SCHEDULING.md:
    /// exponential-like learners gain up to 0.6 points; the others never fit so steep a decay).
    pub fn exam_last_days(&self, concepts: usize, plan: ExamPlan) -> i64 {
        let passes_of = if self.steep_forgetting() {
            concepts.div_ceil(2)
        } else {
            concepts
        };
        cram_days(passes_of, self.daily_items(plan))
    }

    /// Whether a trusted calibration (as for [`Scheduler::exam_due_recall`]) fitted a decay of
    /// at least [`STEEP_DECAY`].
    pub fn steep_forgetting(&self) -> bool {
        matches!(
            self.calibration,
            Some(c) if c.later_observations >= TRUSTED_CALIBRATION && c.decay >= STEEP_DECAY
        )
    }

    /// Expected gain in predicted exam-day recall from reviewing a seen concept today rather
    /// than not (`reps` reviews so far, `elapsed` days since the last one, `left` days to the
    /// exam).
    pub(crate) fn review_gain(
        &self,
        stability: f32,
        difficulty: f32,
        reps: u32,
        elapsed: i64,
        left: i64,
    ) -> f64 {
        let e = u32::try_from(elapsed.max(0)).unwrap_or(u32::MAX);
        let left_f = left.max(0) as f64;
        let p = self.retrievability_after(stability, reps, elapsed.max(0) as f64);
        let without = self.retrievability_after(stability, reps, elapsed.max(0) as f64 + left_f);
        let good = self.project(Some((stability, difficulty)), Rating::Good, e);
        let again = self.project(Some((stability, difficulty)), Rating::Again, e);
        let with = p * self.retrievability(good.stability, left_f)
            + (1.0 - p) * self.retrievability(again.stability, left_f);
        with - without
    }

    /// Expected predicted exam-day recall of an unseen concept introduced today.
    pub(crate) fn new_concept_gain(&self, left: i64) -> f64 {
        let left_f = left.max(0) as f64;
        let good = self.project(None, Rating::Good, 0);
        let again = self.project(None, Rating::Again, 0);
        FIRST_ANSWER_RIGHT * self.retrievability_after(good.stability, 1, left_f)
            + (1.0 - FIRST_ANSWER_RIGHT) * self.retrievability_after(again.stability, 1, left_f)
    }
}

/// Highest priority first; ties keep their order (bank order).
fn sort_by_priority(c: &mut [Candidate]) {
    c.sort_by(|a, b| b.priority.total_cmp(&a.priority));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::MS_PER_DAY;

    const TODAY: Day = 20_000;

    fn info(names: &[&str]) -> Vec<ConceptInfo> {
        names
            .iter()
            .map(|n| ConceptInfo {
                concept: (*n).into(),
                topic: "t".into(),
            })
            .collect()
    }

    /// A state last reviewed `ago` days before TODAY (at noon), due `due_in` days from TODAY.
    fn state(s: &Scheduler, concept: &str, stability: f32, ago: i64, due_in: i64) -> MemoryState {
        MemoryState {
            concept: concept.into(),
            stability,
            difficulty: 5.0,
            last_review: (TODAY - ago) * MS_PER_DAY + 12 * 3_600_000,
            due: s.day_start(TODAY + due_in, 0),
            reps: 3,
            lapses: 0,
            last_question: None,
        }
    }

    #[test]
    fn due_concepts_come_first_lowest_recall_first_then_new_ones() {
        let s = Scheduler::default();
        let states = vec![
            state(&s, "due-today", 10.0, 10, 0),
            state(&s, "overdue", 2.0, 12, -8),
            state(&s, "later", 30.0, 1, 20),
        ];
        let all = info(&["n1", "due-today", "later", "overdue", "n2", "n3"]);
        let q = s.queue(&states, &all, TODAY, 0, 0);
        assert_eq!(q, ["overdue", "due-today", "n1", "n2", "n3"]);
        // A concept that left the bank is not asked.
        let q = s.queue(&states, &info(&["due-today"]), TODAY, 0, 0);
        assert_eq!(q, ["due-today"]);
    }

    #[test]
    fn new_concepts_stop_at_the_daily_limit() {
        let mut s = Scheduler::default();
        s.new_per_day = 2;
        let all = info(&["a", "b", "c", "d"]);
        assert_eq!(s.queue(&[], &all, TODAY, 0, 0), ["a", "b"]);
        assert_eq!(
            s.queue(&[], &all, TODAY, 0, 1),
            ["a"],
            "one already started today"
        );
        assert!(s.queue(&[], &all, TODAY, 0, 5).is_empty());
        let with_exam = s.clone().with_exam(Some(ExamPlan {
            exam_day: TODAY + 30,
            minutes_per_day: 30,
        }));
        // Before an exam, the minutes are the limit (30 minutes hold all four).
        assert_eq!(with_exam.queue(&[], &all, TODAY, 0, 0).len(), 4);
        // Once the exam day has come, the daily limit is back.
        let after = s.with_exam(Some(ExamPlan {
            exam_day: TODAY,
            minutes_per_day: 30,
        }));
        assert_eq!(after.queue(&[], &all, TODAY, 0, 0).len(), 2);
    }

    #[test]
    fn the_exam_plan_fills_the_minutes_at_the_learners_pace() {
        use crate::schedule::Pace;
        let names: Vec<String> = (0..40).map(|i| format!("c{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let all = info(&refs);
        let plan = |minutes| {
            Some(ExamPlan {
                exam_day: TODAY + 60,
                minutes_per_day: minutes,
            })
        };
        let fast = Pace {
            new_secs: 45.0,
            review_secs: 15.0,
        };
        // Unseen concepts only: 3 minutes hold 180 / 45 of them.
        let mut s = Scheduler::default().with_exam(plan(3));
        s.pace = fast;
        s.new_per_day = 40;
        assert_eq!(
            s.queue(&[], &all, TODAY, 0, 0).len(),
            (180.0 / 45.0) as usize
        );
        // Seen concepts only: 3 minutes hold 180 / 15 reviews, where the default pace (30 s)
        // planned half as many and left the rest of the time unused.
        let base = Scheduler::default();
        let states: Vec<MemoryState> = refs.iter().map(|n| state(&base, n, 3.0, 2, 100)).collect();
        assert_eq!(
            s.queue(&states, &all, TODAY, 0, 0).len(),
            (180.0 / 15.0) as usize
        );
        let default = Scheduler::default().with_exam(plan(3));
        assert_eq!(
            default.queue(&states, &all, TODAY, 0, 0).len(),
            (180.0 / Pace::DEFAULT.review_secs) as usize
        );
        assert_eq!(s.daily_items(plan(3).unwrap()), 12);
    }

    #[test]
    fn the_exam_plan_spends_the_budget_on_due_then_gain_then_on_gain_alone() {
        let names = ["a", "b", "c", "d", "e", "f"];
        let shapes = [
            (0.5, 1),
            (2.0, 3),
            (5.0, 10),
            (20.0, 15),
            (60.0, 30),
            (3.0, 2),
        ];
        let plan = |left| ExamPlan {
            exam_day: TODAY + left,
            minutes_per_day: 2,
        };
        let s = Scheduler::default();
        let with_exam = |left| Scheduler::default().with_exam(Some(plan(left)));
        // Nothing is due for a long time: only the exam plan makes these reviews happen.
        let states: Vec<MemoryState> = names
            .iter()
            .zip(shapes)
            .map(|(n, (st, ago))| state(&s, n, st, ago, 100))
            .collect();
        let all = info(&names);
        let exam_recall = |c: &str, left: i64| {
            let st = states.iter().find(|x| x.concept == c).unwrap();
            s.recall_on(st, TODAY + left, 0)
        };

        let far = with_exam(40).queue(&states, &all, TODAY, 0, 0);
        assert_eq!(far.len(), 4, "2 minutes at 2 reviews a minute");
        let gain = |c: &str| {
            let st = states.iter().find(|x| x.concept == c).unwrap();
            let ago = TODAY - s.study_day(st.last_review, 0);
            s.review_gain(st.stability, st.difficulty, st.reps, ago, 40)
        };
        // Concepts whose recall today fell to the desired retention first, then by gain.
        let due = |c: &str| {
            let st = states.iter().find(|x| x.concept == c).unwrap();
            s.recall_on(st, TODAY, 0) <= f64::from(s.desired_retention)
        };
        let key = |c: &str| (due(c), gain(c));
        assert!(far.windows(2).all(|w| key(&w[0]) >= key(&w[1])), "{far:?}");
        assert!(
            names
                .iter()
                .filter(|n| !far.iter().any(|c| c == *n))
                .all(|n| key(n) <= key(&far[3])),
            "the best four are picked"
        );
        assert!(far.iter().any(|c| !due(c)), "not just what is due");

        // In the last days, the gain in exam-day recall alone decides, due or not.
        let near = with_exam(2).queue(&states, &all, TODAY, 0, 0);
        assert_eq!(near.len(), 4);
        let near_gain = |c: &str| {
            let st = states.iter().find(|x| x.concept == c).unwrap();
            let ago = TODAY - s.study_day(st.last_review, 0);
            s.review_gain(st.stability, st.difficulty, st.reps, ago, 2)
        };
        assert!(
            near.windows(2)
                .all(|w| near_gain(&w[0]) >= near_gain(&w[1])),
            "{near:?}"
        );
        assert!(
            names
                .iter()
                .filter(|n| !near.iter().any(|c| c == *n))
                .all(|n| near_gain(n) <= near_gain(&near[3])),
            "the best four are picked"
        );
        assert!(exam_recall(&near[0], 2) < exam_recall(&near[3], 2));

        // Once the exam day has come, the queue follows due dates again (nothing due here).
        assert!(with_exam(0).queue(&states, &all, TODAY, 0, 0).is_empty());
    }

    #[test]
    fn the_last_days_go_for_exam_day_gain_not_the_weakest() {
        // A learner who forgets steeply (calibrated decay 1), two days to the exam, two reviews
        // a day (one minute).
        let scheduler = |first_scale: f64| {
            let mut s = Scheduler::default().with_exam(Some(ExamPlan {
                exam_day: TODAY + 2,
                minutes_per_day: 1,
            }));
            s.calibration = Some(crate::schedule::Calibration {
                stability_scale: 1.0,
                decay: 1.0,
                first_scale: Some(first_scale),
                observations: 100,
                later_observations: 100,
            });
            s
        };
        let s = scheduler(1.0);
        let states = vec![
            // Recall today about 6 %: the weakest, but a review would most likely fail.
            state(&s, "weakest", 0.2, 30, -20),
            // Recall today about 12 %: weak too, and more to gain from a review.
            state(&s, "rescuable", 0.3, 20, -10),
            state(&s, "solid", 20.0, 1, 10),
        ];
        let all = info(&["weakest", "solid", "rescuable", "new"]);
        let weakest_exam = s.recall_on(&states[0], TODAY + 2, 0);
        assert!(
            states[1..]
                .iter()
                .all(|st| s.recall_on(st, TODAY + 2, 0) > weakest_exam)
        );
        // One exposure of an unseen concept lasts the two days: worth more than any review.
        assert_eq!(s.queue(&states, &all, TODAY, 0, 0), ["new", "rescuable"]);
        // If single exposures fade within hours for this learner, reviews come first.
        let s = scheduler(0.01);
        assert_eq!(
            s.queue(&states, &all, TODAY, 0, 0),
            ["rescuable", "weakest"]
        );
    }

    #[test]
    fn a_trusted_calibration_lets_recall_fall_to_0_8_before_a_concept_is_due() {
        // An exam 40 days away, two reviews a day (one minute).
        let scheduler = |later_observations: usize| {
            let mut s = Scheduler::default().with_exam(Some(ExamPlan {
                exam_day: TODAY + 40,
                minutes_per_day: 1,
            }));
            s.calibration = Some(crate::schedule::Calibration {
                stability_scale: 1.0,
                decay: 0.1542,
                first_scale: Some(1.0),
                observations: later_observations + 50,
                later_observations,
            });
            s
        };
        let young = scheduler(TRUSTED_CALIBRATION - 1);
        let trusted = scheduler(TRUSTED_CALIBRATION);
        assert!((young.exam_due_recall() - 0.9).abs() < 1e-6);
        assert!((trusted.exam_due_recall() - CALIBRATED_DUE_RECALL).abs() < 1e-12);
        // The desired retention still caps it.
        let mut low = scheduler(TRUSTED_CALIBRATION);
        low.desired_retention = 0.7;
        assert!((low.exam_due_recall() - 0.7).abs() < 1e-6);
        // Without a calibration, the desired retention rules.
        assert!((Scheduler::default().exam_due_recall() - 0.9).abs() < 1e-6);

        let states = vec![
            // Predicted recall today about 0.85: due at 0.9, not at 0.8.
            state(&young, "fading", 10.0, 19, 30),
            state(&young, "solid", 60.0, 2, 60),
        ];
        let fading = young.recall_on(&states[0], TODAY, 0);
        assert!(fading > 0.82 && fading < 0.88, "{fading}");
        let all = info(&["solid", "fading", "new"]);
        // A young calibration: the fading concept is due and comes before the new one.
        assert_eq!(young.queue(&states, &all, TODAY, 0, 0), ["fading", "new"]);
        // A trusted one: it is not due yet, and the day goes to the new concept first.
        assert_eq!(trusted.queue(&states, &all, TODAY, 0, 0), ["new", "fading"]);
    }

    #[test]
    fn topic_weights_favour_concepts_the_exam_weighs_more() {
        let all = vec![
            ConceptInfo {
                concept: "light".into(),
                topic: "a".into(),
            },
            ConceptInfo {
                concept: "heavy".into(),
                topic: "b".into(),
            },
        ];
        let mut s = Scheduler::default().with_exam(Some(ExamPlan {
            exam_day: TODAY + 20,
            minutes_per_day: 1,
        }));
        // One unseen concept fits in the day.
        s.pace = crate::schedule::Pace {
            new_secs: 60.0,
            review_secs: 60.0,
        };
        assert_eq!(s.queue(&[], &all, TODAY, 0, 0), ["light"], "bank order");
        s.topic_weights = Some([("a".to_string(), 28.0), ("b".to_string(), 37.0)].into());
        assert_eq!(s.queue(&[], &all, TODAY, 0, 0), ["heavy"]);
        // Seen concepts too: the same state, the heavier topic first.
        let base = Scheduler::default();
        let states = vec![
            state(&base, "light", 3.0, 2, 100),
            state(&base, "heavy", 3.0, 2, 100),
        ];
        assert_eq!(s.queue(&states, &all, TODAY, 0, 0), ["heavy"]);
        s.topic_weights = None;
        assert_eq!(s.queue(&states, &all, TODAY, 0, 0), ["light"]);
    }

    #[test]
    fn on_steep_forgetting_the_last_days_go_once_through_not_twice() {
        use crate::schedule::{Calibration, Pace};
        // 30 concepts at 1 minute a day (5 reviews at 12 s): twice through is 12 days (7 at
        // most), once through 6.
        let names: Vec<String> = (0..28).map(|i| format!("c{i}")).collect();
        let mut refs: Vec<&str> = vec!["weak", "fresh"];
        refs.extend(names.iter().map(String::as_str));
        let all = info(&refs);
        let exam = ExamPlan {
            exam_day: TODAY + 5,
            minutes_per_day: 1,
        };
        let calibrated = |decay: f64| {
            let mut s = Scheduler::default().with_exam(Some(exam));
            s.pace = Pace {
                new_secs: 20.0,
                review_secs: 12.0,
            };
            s.calibration = Some(Calibration {
                stability_scale: 1.0,
                decay,
                first_scale: None,
                observations: 200,
                later_observations: 150,
            });
            s
        };
        let flat = calibrated(0.3);
        let steep = calibrated(1.0);
        assert!(!flat.steep_forgetting() && steep.steep_forgetting());
        assert_eq!(flat.exam_last_days(all.len(), exam), 7);
        assert_eq!(steep.exam_last_days(all.len(), exam), 6);
        // Too few answers after repeated reviews: not trusted, twice through.
        let mut untrusted = steep.clone();
        if let Some(c) = untrusted.calibration.as_mut() {
            c.later_observations = TRUSTED_CALIBRATION - 1;
        }
        assert_eq!(untrusted.exam_last_days(all.len(), exam), 7);
        // Seven days out, a weak concept long overdue: in the last days (flat) a first look at
        // an unseen concept gains more; before them (steep, once through) the due one comes
        // first.
        let week = ExamPlan {
            exam_day: TODAY + 7,
            ..exam
        };
        let (flat, steep) = (flat.with_exam(Some(week)), steep.with_exam(Some(week)));
        let mut weak = state(&flat, "weak", 0.5, 20, -19);
        weak.reps = 1;
        let first =
            |s: &Scheduler| s.queue(std::slice::from_ref(&weak), &all, TODAY, 0, 0)[0].clone();
        assert_eq!(first(&flat), "fresh");
        assert_eq!(first(&steep), "weak");
    }
}
