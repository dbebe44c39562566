//! The schedulers compared by the simulation, behind one interface.

use std::collections::HashMap;

use super::learner::{Learner, TrueMemory};
use super::rng::Rng;
use crate::clock::{MS_PER_DAY, Millis};
use crate::schedule::{ConceptInfo, ExamPlan, MemoryState, Rating, ReviewLog, Scheduler};

/// az900 refits the learner's forgetting curve every this many days.
const RECALIBRATE_EVERY: i64 = 5;

/// A scheduler under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyKind {
    /// az900's planner: FSRS per concept with the exam plan.
    Az900,
    /// FSRS with default parameters at 0.9 desired retention, due then new (what Anki does).
    FsrsDefault,
    /// SuperMemo-2 (Anki's old algorithm).
    Sm2,
    /// Leitner boxes with intervals 1, 2, 4, 8, 16 days.
    Leitner,
    /// Review only what was missed last time, plus new concepts.
    MissedOnly,
    /// A random choice of concepts each day.
    Random,
    /// Reference: greedy on the true gain in exam-day recall (sees the true memory).
    Oracle,
}

impl PolicyKind {
    pub const ALL: [PolicyKind; 7] = [
        PolicyKind::Az900,
        PolicyKind::FsrsDefault,
        PolicyKind::Sm2,
        PolicyKind::Leitner,
        PolicyKind::MissedOnly,
        PolicyKind::Random,
        PolicyKind::Oracle,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PolicyKind::Az900 => "az900",
            PolicyKind::FsrsDefault => "fsrs-0.9",
            PolicyKind::Sm2 => "sm2",
            PolicyKind::Leitner => "leitner",
            PolicyKind::MissedOnly => "missed",
            PolicyKind::Random => "random",
            PolicyKind::Oracle => "oracle",
        }
    }
}

/// What a scheduler may look at when choosing a day's concepts. Only the oracle reads the
/// learner and the true memory.
pub(crate) struct Ctx<'a> {
    pub day: i64,
    pub budget: usize,
    pub new_per_day: usize,
    pub exam_day: i64,
    pub learner: &'a Learner,
    pub truth: &'a [Option<TrueMemory>],
}

/// Base study day of the simulation (so day arithmetic runs on realistic values).
pub(crate) const BASE_DAY: i64 = 20_000;

/// Noon on simulated day `day`.
pub(crate) fn noon(day: i64) -> Millis {
    (BASE_DAY + day) * MS_PER_DAY + 12 * 3_600_000
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Sm2Item {
    ease: f64,
    reps: u32,
    interval: f64,
    due: i64,
}

pub(crate) enum Policy {
    Fsrs {
        sched: Box<Scheduler>,
        states: Vec<MemoryState>,
        slot: Vec<Option<usize>>,
        infos: Vec<ConceptInfo>,
        index: HashMap<String, usize>,
        /// az900 only: the answers so far, to calibrate the forgetting curve on.
        log: Option<Vec<ReviewLog>>,
    },
    Sm2(Vec<Option<Sm2Item>>),
    /// Per concept: (box 0–4, due day).
    Leitner(Vec<Option<(usize, i64)>>),
    /// Per concept: whether the last answer was wrong.
    MissedOnly(Vec<Option<bool>>),
    Random(Rng),
    Oracle,
}

impl Policy {
    pub(crate) fn new(
        kind: PolicyKind,
        infos: &[ConceptInfo],
        exam_day: i64,
        budget: usize,
        new_per_day: usize,
        seed: u64,
    ) -> Policy {
        let n = infos.len();
        match kind {
            PolicyKind::Az900 | PolicyKind::FsrsDefault => {
                let mut sched = Scheduler::default();
                sched.new_per_day = new_per_day;
                if kind == PolicyKind::Az900 {
                    sched.exam = Some(ExamPlan {
                        exam_day: BASE_DAY + exam_day,
                        minutes_per_day: u32::try_from(budget.div_ceil(2)).unwrap_or(u32::MAX),
                    });
                }
                Policy::Fsrs {
                    sched: Box::new(sched),
                    states: Vec::new(),
                    slot: vec![None; n],
                    infos: infos.to_vec(),
                    index: infos
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (c.concept.clone(), i))
                        .collect(),
                    log: (kind == PolicyKind::Az900).then(Vec::new),
                }
            }
            PolicyKind::Sm2 => Policy::Sm2(vec![None; n]),
            PolicyKind::Leitner => Policy::Leitner(vec![None; n]),
            PolicyKind::MissedOnly => Policy::MissedOnly(vec![None; n]),
            PolicyKind::Random => Policy::Random(Rng::new(seed ^ 0xA11CE)),
            PolicyKind::Oracle => Policy::Oracle,
        }
    }

    /// The az900/FSRS memory states (for readiness), if this policy keeps them.
    pub(crate) fn fsrs_states(&self) -> Option<(&Scheduler, &[MemoryState], &[ConceptInfo])> {
        match self {
            Policy::Fsrs {
                sched,
                states,
                infos,
                ..
            } => Some((sched, states, infos)),
            _ => None,
        }
    }

    /// Today's concepts (indices), at most `ctx.budget`.
    pub(crate) fn queue(&mut self, ctx: &Ctx) -> Vec<usize> {
        let mut out = match self {
            Policy::Fsrs {
                sched,
                states,
                infos,
                index,
                log,
                ..
            } => {
                if let Some(log) = log
                    && ctx.day % RECALIBRATE_EVERY == 0
                {
                    sched.calibration = sched.calibrate(log);
                }
                sched
                    .queue(states, infos, BASE_DAY + ctx.day, 0, 0)
                    .iter()
                    .filter_map(|c| index.get(c).copied())
                    .collect()
            }
            Policy::Sm2(items) => due_then_new(
                items.iter().map(|i| i.map(|i| i.due)),
                ctx.day,
                ctx.new_per_day,
            ),
            Policy::Leitner(boxes) => due_then_new(
                boxes.iter().map(|b| b.map(|b| b.1)),
                ctx.day,
                ctx.new_per_day,
            ),
            Policy::MissedOnly(last) => {
                let missed = last.iter().enumerate().filter(|(_, w)| **w == Some(true));
                let new = last.iter().enumerate().filter(|(_, w)| w.is_none());
                missed
                    .map(|(i, _)| i)
                    .chain(new.map(|(i, _)| i).take(ctx.new_per_day))
                    .collect()
            }
            Policy::Random(rng) => {
                let n = ctx.truth.len();
                let mut all: Vec<usize> = (0..n).collect();
                // Partial Fisher–Yates.
                for i in 0..ctx.budget.min(n) {
                    let j = i + rng.below(n - i);
                    all.swap(i, j);
                }
                all.truncate(ctx.budget.min(n));
                all
            }
            Policy::Oracle => oracle_queue(ctx),
        };
        out.truncate(ctx.budget);
        out
    }

    /// Concepts already seen, most in need of a review first (lowest predicted recall for
    /// FSRS, earliest due day for SM-2 and Leitner): what a scheduler that fills spare time
    /// reviews ahead. Other policies: none.
    pub(crate) fn ahead(&self, day: i64) -> Vec<usize> {
        match self {
            Policy::Fsrs {
                sched,
                states,
                slot,
                ..
            } => {
                let mut seen: Vec<(f64, usize)> = slot
                    .iter()
                    .enumerate()
                    .filter_map(|(c, s)| {
                        let st = states.get((*s)?)?;
                        Some((sched.recall_on(st, BASE_DAY + day, 0), c))
                    })
                    .collect();
                seen.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                seen.into_iter().map(|(_, c)| c).collect()
            }
            Policy::Sm2(items) => by_due(items.iter().map(|i| i.map(|i| i.due))),
            Policy::Leitner(boxes) => by_due(boxes.iter().map(|b| b.map(|b| b.1))),
            _ => Vec::new(),
        }
    }

    /// Records an answer.
    pub(crate) fn observe(&mut self, concept: usize, rating: Rating, day: i64) {
        match self {
            Policy::Fsrs {
                sched,
                states,
                slot,
                infos,
                log,
                ..
            } => {
                if let Some(log) = log {
                    log.push(ReviewLog {
                        concept: infos
                            .get(concept)
                            .map_or(String::new(), |c| c.concept.clone()),
                        at: noon(day),
                        day: BASE_DAY + day,
                        rating,
                    });
                }
                let name = infos.get(concept).map_or("", |c| c.concept.as_str());
                let prev = slot.get(concept).copied().flatten();
                let next = sched.review(
                    prev.and_then(|i| states.get(i)),
                    name,
                    name,
                    rating,
                    noon(day),
                    0,
                );
                match prev {
                    Some(i) => states[i] = next,
                    None => {
                        slot[concept] = Some(states.len());
                        states.push(next);
                    }
                }
            }
            Policy::Sm2(items) => {
                let q: f64 = match rating {
                    Rating::Again => 1.0,
                    Rating::Hard => 3.0,
                    Rating::Good => 4.0,
                };
                let mut it = items[concept].unwrap_or(Sm2Item {
                    ease: 2.5,
                    reps: 0,
                    interval: 0.0,
                    due: day,
                });
                if q < 3.0 {
                    it.reps = 0;
                    it.interval = 1.0;
                } else {
                    it.interval = match it.reps {
                        0 => 1.0,
                        1 => 6.0,
                        _ => (it.interval * it.ease).round(),
                    };
                    it.reps += 1;
                }
                it.ease = (it.ease + 0.1 - (5.0 - q) * (0.08 + (5.0 - q) * 0.02)).max(1.3);
                it.due = day + (it.interval as i64).max(1);
                items[concept] = Some(it);
            }
            Policy::Leitner(boxes) => {
                const INTERVALS: [i64; 5] = [1, 2, 4, 8, 16];
                let b = match (boxes[concept], rating) {
                    (_, Rating::Again) | (None, _) => 0,
                    (Some((b, _)), _) => (b + 1).min(4),
                };
                boxes[concept] = Some((b, day + INTERVALS[b]));
            }
            Policy::MissedOnly(last) => last[concept] = Some(rating == Rating::Again),
            Policy::Random(_) | Policy::Oracle => {}
        }
    }
}

/// Seen items, earliest due first (then index).
fn by_due(due: impl Iterator<Item = Option<i64>>) -> Vec<usize> {
    let mut seen: Vec<(i64, usize)> = due
        .enumerate()
        .filter_map(|(i, d)| d.map(|d| (d, i)))
        .collect();
    seen.sort_unstable();
    seen.into_iter().map(|(_, i)| i).collect()
}

/// Due items (oldest due first, then index) and then unseen ones, up to `new_per_day`.
fn due_then_new(
    due: impl Iterator<Item = Option<i64>>,
    day: i64,
    new_per_day: usize,
) -> Vec<usize> {
    let mut due_items = Vec::new();
    let mut new = Vec::new();
    for (i, d) in due.enumerate() {
        match d {
            Some(d) if d <= day => due_items.push((d, i)),
            Some(_) => {}
            None => new.push(i),
        }
    }
    due_items.sort_unstable();
    due_items
        .into_iter()
        .map(|(_, i)| i)
        .chain(new.into_iter().take(new_per_day))
        .collect()
}

/// The oracle: greedy on the expected *true* gain in exam-day recall of reviewing today.
fn oracle_queue(ctx: &Ctx) -> Vec<usize> {
    let left = ctx.exam_day;
    let mut scored: Vec<(f64, bool, usize)> = ctx
        .truth
        .iter()
        .enumerate()
        .map(|(c, m)| {
            let l = ctx.learner;
            let p = l.recall(c, m.as_ref(), ctx.day);
            let without = match m {
                Some(_) => l.recall(c, m.as_ref(), left),
                None => p,
            };
            let ok = l.after_review(c, m.as_ref(), true, ctx.day);
            let ko = l.after_review(c, m.as_ref(), false, ctx.day);
            let with = p * l.recall(c, Some(&ok), left) + (1.0 - p) * l.recall(c, Some(&ko), left);
            (with - without, m.is_none(), c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut new_left = ctx.new_per_day;
    scored
        .into_iter()
        .filter(|(_, new, _)| {
            if *new {
                if new_left == 0 {
                    return false;
                }
                new_left -= 1;
            }
            true
        })
        .map(|(_, _, c)| c)
        .take(ctx.budget)
        .collect()
}
