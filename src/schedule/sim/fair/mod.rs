//! The fair benchmark: every scheduler gets the same minutes a day at the same seconds per
//! item, on learners whose memory is none of the schedulers' own model.
//!
//! - Time: a day holds `minutes × 60` seconds; an unseen concept costs [`NEW_SECS`], a review
//!   [`REVIEW_SECS`]. An item is asked only if it fits in what is left of the day; the day ends
//!   at the first item that does not fit or when the scheduler has nothing more to ask.
//! - Baselines come *capped* (Anki's default: due reviews, then up to 20 new, and any time left
//!   over stays unused) and *filling* (then more new concepts, then reviews ahead, most in need
//!   first, until the minutes are spent).
//! - az900 is driven through [`Planner`], the API a front end uses: `next_item`, then `go_on`
//!   while minutes remain, `record` after each answer, at the learner's pace.
//! - The oracle sees the true memory: each day it takes concepts by true expected gain in
//!   exam-day score per second, until the minutes are spent.
//! - Truth families ([`Truth`]): an ACT-R power law with activation-dependent decay, a
//!   three-state consolidation model with interference inside groups of confusable concepts,
//!   and exponential forgetting with a spacing effect (the older simulator's family). An answer
//!   is right if recalled, or by a guess ([`GUESS_RATE`]) if not; the exam-day score counts the
//!   same floor: `25 + 75 × recall`, each topic weighed as the exam weighs it.
//! - Paired draws: each learner is drawn once per cell, and every random outcome is a keyed draw
//!   of (seed, concept, day, stream), so schedulers differ only by what they choose.

//!
//! Files: [`truth`] (the learners' true memory), [`bank`] (the simulated concepts, topics and
//! groups), [`run`] (one learner's days under each contender, and the whole benchmark),
//! [`report`] (paired differences, targets, the table).

use super::policy::PolicyKind;
#[cfg(doc)]
use crate::schedule::{GUESS_RATE, Planner};

pub mod bank;
pub mod report;
pub mod run;
#[cfg(test)]
mod tests;
pub mod truth;

pub use super::mean_ci;
pub use report::{FairCell, FairReport};
pub use run::{run_fair, run_learner};
pub use truth::TrueLearner;

/// Seconds an unseen concept takes (question, answer and explanation).
pub const NEW_SECS: f64 = 20.0;
/// Seconds a review takes.
pub const REVIEW_SECS: f64 = 12.0;

/// Topics of the simulated bank and their exam weights (AZ-900's three skill areas).
pub const TOPICS: [(&str, f64); 3] = [("cloud", 28.0), ("services", 37.0), ("governance", 35.0)];

/// Confusable concepts come in groups of this many (same topic).
pub const GROUP: usize = 4;

/// The share of the app's concepts in a set of confusable concepts its generators mark
/// ([`Question::confusable`](crate::bank::Question::confusable): 182 of the embedded bank's
/// 1,249, the fact tables' matrix columns and the responsibility matrix's layers; a test keeps
/// it within 0.01 of the bank's). The benchmark tells az900 this share of its groups.
pub const APP_KNOWN_GROUPS: f64 = 0.146;

/// Whether group `g` is among a share `share` of the groups, spread evenly (`g` is known when
/// `⌊(g + 1) · share⌋` passes `⌊g · share⌋`: every group at 1, none at 0).
pub fn known_group(g: usize, share: f64) -> bool {
    let share = share.clamp(0.0, 1.0);
    ((g + 1) as f64 * share).floor() > (g as f64 * share).floor()
}

/// A family of true memory models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Truth {
    /// ACT-R declarative memory (Pavlik & Anderson): activation `m = ln Σ t_j^(−d_j)` over past
    /// exposures, each trace's decay `d_j = c·e^(m at exposure) + a` (massed exposures decay
    /// faster: the spacing effect), recall `1 / (1 + e^((τ − m)/s))`.
    ActR,
    /// Unlearned → fragile → consolidated, with item difficulty spread; a recalled fragile
    /// memory consolidates with a chance that grows with the time since it was studied; concepts
    /// of a group interfere (studying one weakens the others studied on other days, and
    /// confusion between them lowers recall until they are studied side by side).
    Interference,
    /// Exponential forgetting with a spacing effect ([`Family::Exponential`]).
    ExpSpacing,
}

impl Truth {
    pub const ALL: [Truth; 3] = [Truth::ActR, Truth::Interference, Truth::ExpSpacing];

    pub fn name(self) -> &'static str {
        match self {
            Truth::ActR => "act-r",
            Truth::Interference => "interfere",
            Truth::ExpSpacing => "exp+spacing",
        }
    }
}

/// A scheduler in the fair benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Contender {
    /// az900's [`Planner`] with the exam plan.
    Az900,
    /// FSRS default parameters at 0.9, due then 20 new; the rest of the time unused.
    FsrsCap,
    /// FSRS at 0.9, then more new and reviews ahead until the minutes are spent.
    FsrsFill,
    Sm2Cap,
    Sm2Fill,
    LeitnerCap,
    LeitnerFill,
    /// Sees the true memory (a reference, not a contender).
    Oracle,
}

impl Contender {
    pub const ALL: [Contender; 8] = [
        Contender::Az900,
        Contender::FsrsCap,
        Contender::FsrsFill,
        Contender::Sm2Cap,
        Contender::Sm2Fill,
        Contender::LeitnerCap,
        Contender::LeitnerFill,
        Contender::Oracle,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Contender::Az900 => "az900",
            Contender::FsrsCap => "fsrs-cap",
            Contender::FsrsFill => "fsrs-fill",
            Contender::Sm2Cap => "sm2-cap",
            Contender::Sm2Fill => "sm2-fill",
            Contender::LeitnerCap => "leit-cap",
            Contender::LeitnerFill => "leit-fill",
            Contender::Oracle => "oracle",
        }
    }

    /// Whether it spends the whole budget when it can.
    pub fn fills(self) -> bool {
        !matches!(
            self,
            Contender::FsrsCap | Contender::Sm2Cap | Contender::LeitnerCap
        )
    }

    fn baseline(self) -> Option<PolicyKind> {
        match self {
            Contender::FsrsCap | Contender::FsrsFill => Some(PolicyKind::FsrsDefault),
            Contender::Sm2Cap | Contender::Sm2Fill => Some(PolicyKind::Sm2),
            Contender::LeitnerCap | Contender::LeitnerFill => Some(PolicyKind::Leitner),
            Contender::Az900 | Contender::Oracle => None,
        }
    }
}

/// One cell of the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub truth: Truth,
    pub minutes: u32,
    /// Days from the start to the exam.
    pub horizon: i64,
}

impl Cell {
    /// The cell's row label in the report ("act-r 10m 14d").
    pub fn label(&self) -> String {
        format!("{} {}m {}d", self.truth.name(), self.minutes, self.horizon)
    }
}

/// What to simulate.
#[derive(Debug, Clone, PartialEq)]
pub struct FairConfig {
    pub seed: u64,
    pub concepts: usize,
    pub learners: usize,
    pub truths: Vec<Truth>,
    pub minutes: Vec<u32>,
    pub horizons: Vec<i64>,
    /// New concepts a day for the capped baselines and az900's setting.
    pub new_per_day: usize,
    pub contenders: Vec<Contender>,
    /// The share of the groups of confusable concepts az900 is told
    /// ([`Planner::with_groups`](crate::schedule::Planner::with_groups)), spread evenly over
    /// the groups ([`known_group`]): 0 none, 1 every one. By default [`APP_KNOWN_GROUPS`], the
    /// share of the app's concepts whose set its generators mark; 1 measures what
    /// interleaving would add if every set were known.
    pub az900_known_groups: f64,
    /// How many same-topic bank neighbours on each side az900 treats as confusable, among the
    /// concepts of groups it is not told
    /// ([`Planner::with_bank_neighbours`](crate::schedule::Planner::with_bank_neighbours)); the
    /// app's [`BANK_NEIGHBOURS`](crate::schedule::BANK_NEIGHBOURS) by default.
    pub az900_neighbours: usize,
    /// Whether each group of confusable concepts is spread across the bank instead of sitting
    /// together in bank order (to measure the bank-neighbour interleaving's bet).
    pub scattered_groups: bool,
    /// Whether az900 is told the exam's topic weights (the app knows them from the outline).
    pub az900_weights: bool,
}

impl FairConfig {
    /// The benchmark: 200 concepts, 10 and 20 minutes a day, exams at 14/30/60 days, three
    /// truth families.
    pub fn full(seed: u64, learners: usize) -> FairConfig {
        FairConfig {
            seed,
            concepts: 200,
            learners,
            truths: Truth::ALL.to_vec(),
            minutes: vec![10, 20],
            horizons: vec![14, 30, 60],
            new_per_day: 20,
            contenders: Contender::ALL.to_vec(),
            az900_known_groups: APP_KNOWN_GROUPS,
            az900_neighbours: crate::schedule::BANK_NEIGHBOURS,
            scattered_groups: false,
            az900_weights: true,
        }
    }

    pub fn cells(&self) -> Vec<Cell> {
        let mut out = Vec::new();
        for &truth in &self.truths {
            for &minutes in &self.minutes {
                for &horizon in &self.horizons {
                    out.push(Cell {
                        truth,
                        minutes,
                        horizon,
                    });
                }
            }
        }
        out
    }
}

/// One scheduler with one learner in one cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FairRun {
    /// Expected exam-day score, % (guessing floor included, topics weighed).
    pub score: f64,
    /// Minutes actually studied per day, on average.
    pub minutes_per_day: f64,
    /// Items asked.
    pub items: usize,
}
