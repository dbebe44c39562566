//! [`Scheduler::queue`], today's queue: due concepts and new ones, or, with an exam date, the concepts whose review
//! today most raises predicted recall on exam day.

use std::collections::{HashMap, HashSet};

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
/// In a final pass, concepts already reviewed in it go below every other (recall and gains are
/// within −1..1).
const FINAL_PASS_DONE: f64 = 2.0;

/// With an exam date and a calibration the planner can trust, a concept answered at least
/// [`YOUNG_REPS`] times is due for the exam plan once its predicted recall falls to this (or to
/// the desired retention, if lower). 0.8 until the young-concept rule: with young concepts kept
/// at the desired retention, 0.7 gained 0.2–0.3 points pooled in the benchmark, most on learners
/// whose similar concepts interfere (docs/SCHEDULING.md).
pub const CALIBRATED_DUE_RECALL: f64 = 0.7;

/// A calibration is trusted for [`CALIBRATED_DUE_RECALL`] once it rests on this many answers to
/// concepts reviewed more than once (the general scale and the decay; a fit on first exposures
/// says little about how the learner forgets later).
pub const TRUSTED_CALIBRATION: usize = 60;

/// A trusted calibration whose fitted decay is at least this steep marks a learner whose
/// forgetting is closer to exponential than FSRS's power curve: in the fair benchmark,
/// exponential-like learners fit 0.6–1.7, power-law and interference ones 0.04–0.42
/// (docs/SCHEDULING.md).
pub const STEEP_DECAY: f64 = 0.5;

/// A concept answered fewer times than this stays due at the desired retention even with a
/// trusted calibration ([`Scheduler::exam_due_recall_for`]): the calibration rests mostly on
/// well-practised concepts, and a young memory's lapse costs the most (on exponential-like
/// learners, a lapse early on can leave a concept barely learnable for weeks; measured in
/// docs/SCHEDULING.md).
pub const YOUNG_REPS: u32 = 4;

/// Until the calibration is trusted ([`TRUSTED_CALIBRATION`]), a young concept (fewer than
/// [`YOUNG_REPS`] answers) is due for the exam plan once its predicted recall falls to this (or
/// to the desired retention, if higher): FSRS's average curve cannot tell yet how fast this
/// learner forgets, and for a learner who forgets steeply it overrates a young memory, whose
/// lapse then costs weeks. Reviewing young concepts a little early, until the fit knows,
/// lifted exponential-like learners at 20 minutes a day by 0.4–1.0 points in the benchmark;
/// every other cell moved by at most 0.5, the largest a gain (docs/SCHEDULING.md).
pub const UNTRUSTED_YOUNG_DUE_RECALL: f64 = 0.95;

/// A final pass ([`Scheduler::final_pass_days`]) is planned only when going once through every
/// concept takes at least this many days: with a shorter pass, going twice over the weakest
/// concepts did better in the benchmark.
pub const FINAL_PASS_MIN_DAYS: i64 = 3;

/// The planner's guess of the chance that a first answer to an unseen concept is right
/// (prior knowledge or a lucky guess), used to weigh the two outcomes of a first review.
const FIRST_ANSWER_RIGHT: f64 = 0.4;

/// What is left of the day to plan ([`Scheduler::queue_left`]): the seconds of the day's
/// minutes not yet used, and the concepts already answered today.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Left<'a> {
    pub budget_secs: f64,
    pub skip: &'a HashSet<String>,
}

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
    /// predicted recall (most overdue) first, then unseen concepts taken in turn from each
    /// topic (in the order of `all_concepts` within a topic), up to [`Scheduler::new_per_day`]
    /// less `introduced_today` (unseen concepts already started today).
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
        if let Some(plan) = self.exam
            && plan.exam_day > today
            && self.interleaves()
        {
            return self.interleaved(plan, states, all_concepts, today, utc_offset_secs);
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

    /// What is left of today's queue once part of the day is done, for a front end that plans
    /// again each time it is asked (the app: Home's counts and each "Study due" session).
    ///
    /// Without an exam date (or once it has passed): [`Scheduler::queue_tagged`].
    ///
    /// With an [`ExamPlan`] before its date: the day's minutes less `spent_secs` (what today's
    /// answers used of them), in the plan's order, without the concepts in `answered_today`
    /// (each is asked at most once a day, as [`Planner`](super::Planner) asks them). Once
    /// `spent_secs` reaches the day's minutes the plan is done, and going on plans another
    /// round of the same minutes among the concepts not answered today (what is left of that
    /// round, and so on). With nothing spent and nothing answered, the same as
    /// [`Scheduler::queue_tagged`].
    #[allow(clippy::too_many_arguments)] // queue_tagged's five and what is done of the day
    pub fn queue_left(
        &self,
        states: &[MemoryState],
        all_concepts: &[ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
        introduced_today: usize,
        spent_secs: f64,
        answered_today: &HashSet<String>,
    ) -> Vec<(String, bool)> {
        let Some(plan) = self.exam.filter(|p| p.exam_day > today) else {
            return self.queue_tagged(
                states,
                all_concepts,
                today,
                utc_offset_secs,
                introduced_today,
            );
        };
        let day = f64::from(plan.minutes_per_day) * 60.0;
        let into_round = if day > 0.0 {
            spent_secs.max(0.0) % day
        } else {
            0.0
        };
        let left = Left {
            budget_secs: day - into_round,
            skip: answered_today,
        };
        if self.interleaves() {
            return self.interleaved_left(plan, states, all_concepts, today, utc_offset_secs, left);
        }
        self.queue_left_within(
            states,
            all_concepts,
            today,
            utc_offset_secs,
            introduced_today,
            left,
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
        let none = HashSet::new();
        let whole = Left {
            budget_secs: f64::from(
                minutes
                    .or(self.exam.map(|p| p.minutes_per_day))
                    .unwrap_or(0),
            ) * 60.0,
            skip: &none,
        };
        self.queue_left_within(
            states,
            all_concepts,
            today,
            utc_offset_secs,
            introduced_today,
            whole,
        )
    }

    /// [`Scheduler::queue_within`] cut at `left.budget_secs` seconds (with an exam date) and
    /// without the concepts of `left.skip`.
    pub(crate) fn queue_left_within(
        &self,
        states: &[MemoryState],
        all_concepts: &[ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
        introduced_today: usize,
        left: Left,
    ) -> Vec<(String, bool)> {
        let by_concept: HashMap<&str, &MemoryState> = states
            .iter()
            .filter(|s| s.reps > 0)
            .map(|s| (s.concept.as_str(), s))
            .collect();
        let new_left = self.new_per_day.saturating_sub(introduced_today);
        let mut candidates = match self.exam {
            Some(plan) if plan.exam_day > today => {
                self.exam_candidates(&by_concept, all_concepts, today, utc_offset_secs, plan)
            }
            _ => self.due_candidates(&by_concept, all_concepts, today, utc_offset_secs),
        };
        candidates.retain(|c| !left.skip.contains(c.concept));
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
                let budget = left.budget_secs;
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

    /// Due concepts (priority: lower recall today first) and every unseen concept, taken in
    /// turn from each topic (bank order within a topic; priority unused): a day's new concepts
    /// span the outline instead of one objective's dozens of concepts in a row (QA: the first
    /// ten questions of a fresh Study due were all the shared responsibility model).
    fn due_candidates<'a>(
        &self,
        by_concept: &HashMap<&str, &'a MemoryState>,
        all_concepts: &'a [ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
    ) -> Vec<Candidate<'a>> {
        let mut out = Vec::new();
        let mut unseen = Vec::new();
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
                None => unseen.push(info),
            }
        }
        out.extend(in_turn_by_topic(&unseen).into_iter().map(|info| Candidate {
            concept: &info.concept,
            new: true,
            priority: 0.0,
        }));
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
        let final_pass = self
            .final_pass_days(all_concepts.len(), plan)
            .filter(|pass| cram && left <= *pass);
        let new_gain_all = self.new_concept_gain(left);
        let roomy_steep =
            self.steep_forgetting() && self.final_pass_days(all_concepts.len(), plan).is_none();
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
                    let priority = match final_pass {
                        // The final pass: concepts not yet reviewed in it, the strongest on exam
                        // day first (so the weakest get the last days), then the others.
                        Some(pass) if plan.exam_day - last > pass => self.retrievability_after(
                            st.stability,
                            st.reps,
                            (elapsed + left) as f64,
                        ),
                        Some(_) => gain - FINAL_PASS_DONE,
                        None if cram => gain,
                        None => {
                            let recall =
                                self.retrievability_after(st.stability, st.reps, elapsed as f64);
                            let due = recall <= self.exam_due_recall_given(st.reps, roomy_steep);
                            gain + if due { DUE_TIER } else { 0.0 }
                        }
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
        if self.calibration_trusted() {
            desired.min(CALIBRATED_DUE_RECALL)
        } else {
            desired
        }
    }

    /// [`Scheduler::exam_due_recall`] for a concept answered `reps` times: while it is young
    /// (fewer than [`YOUNG_REPS`] answers), the desired retention, or
    /// [`UNTRUSTED_YOUNG_DUE_RECALL`] if higher until the calibration is trusted.
    pub fn exam_due_recall_for(&self, reps: u32) -> f64 {
        if reps >= YOUNG_REPS {
            return self.exam_due_recall();
        }
        let desired = f64::from(self.desired_retention);
        if self.calibration_trusted() {
            desired
        } else {
            desired.max(UNTRUSTED_YOUNG_DUE_RECALL)
        }
    }

    /// [`Scheduler::exam_due_recall_for`] in a plan with a roomy budget for a steep curve
    /// (`roomy_steep`: [`Scheduler::steep_forgetting`], and one pass through every concept
    /// takes fewer than [`FINAL_PASS_MIN_DAYS`] days of the plan's minutes, so there is no
    /// final pass): then a mature concept, too, is due at the desired retention. A steep
    /// memory let down to [`CALIBRATED_DUE_RECALL`] falls fast past it, and with minutes to
    /// spare the extra reviews cost no concept its turn: exponential-like learners at 20
    /// minutes a day gained 0.2–0.3 points in the benchmark, and lost 1.0–1.5 at 10 minutes
    /// / 30 days where the rule would apply without the budget condition (docs/SCHEDULING.md).
    /// In the app a pass through its 1,249 concepts takes 12 days at 20 minutes, so it applies
    /// only to a learner with far more time a day (or a small pack).
    pub fn exam_due_recall_given(&self, reps: u32, roomy_steep: bool) -> f64 {
        let due = self.exam_due_recall_for(reps);
        if roomy_steep {
            due.max(f64::from(self.desired_retention))
        } else {
            due
        }
    }

    /// Whether the calibration rests on [`TRUSTED_CALIBRATION`] answers to concepts reviewed
    /// more than once.
    pub fn calibration_trusted(&self) -> bool {
        matches!(self.calibration, Some(c) if c.later_observations >= TRUSTED_CALIBRATION)
    }

    /// On steep forgetting ([`Scheduler::steep_forgetting`]) with a tight budget: the days one
    /// pass through every concept takes at the day's minutes, when that is at least
    /// [`FINAL_PASS_MIN_DAYS`]. In those last days each concept gets its last review once,
    /// the strongest on exam day first, so the weakest are reviewed closest to the exam
    /// (ranking by exam-day gain alone reviews the weak concepts again and again and leaves
    /// the others' last review far from the exam; measured in docs/SCHEDULING.md).
    pub fn final_pass_days(&self, concepts: usize, plan: ExamPlan) -> Option<i64> {
        let daily = self.daily_items(plan).max(1);
        let pass = i64::try_from(concepts.div_ceil(daily)).unwrap_or(i64::MAX);
        (self.steep_forgetting() && pass >= FINAL_PASS_MIN_DAYS).then_some(pass)
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
        self.calibration_trusted() && self.calibration.is_some_and(|c| c.decay >= STEEP_DECAY)
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

/// `concepts` taken one from each topic in turn (topics in the order they first appear, each
/// topic's concepts in their order).
fn in_turn_by_topic<'a>(concepts: &[&'a ConceptInfo]) -> Vec<&'a ConceptInfo> {
    let mut topics: Vec<(&str, std::collections::VecDeque<&'a ConceptInfo>)> = Vec::new();
    for c in concepts {
        match topics.iter_mut().find(|(t, _)| *t == c.topic.as_str()) {
            Some((_, q)) => q.push_back(c),
            None => topics.push((c.topic.as_str(), std::collections::VecDeque::from([*c]))),
        }
    }
    let mut out = Vec::with_capacity(concepts.len());
    while out.len() < concepts.len() {
        for (_, q) in &mut topics {
            if let Some(c) = q.pop_front() {
                out.push(c);
            }
        }
    }
    out
}

/// Highest priority first; ties keep their order (bank order).
fn sort_by_priority(c: &mut [Candidate]) {
    c.sort_by(|a, b| b.priority.total_cmp(&a.priority));
}

#[cfg(test)]
mod tests;
