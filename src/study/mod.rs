//! The study service: one place that ties the bank, the engine, the scheduler and the store
//! together, so the TUI and the `--plain` front end behave identically.
//!
//! Every graded answer goes through [`Study::apply`], which commits it to SQLite (one
//! transaction, with the concept's new memory state) before the front end shows the next
//! question.
//!
//! One idea a file: `session` (start, apply, finish, leave and resume a session), `select`
//! (what a session asks), `dashboard` (Home's figures), `plan` (exam plan, calibration, fitted
//! parameters), `stats` and `outline_view` (what Stats shows, as numbers: `crate::report`
//! writes the text), `files` (the store's file and its backups), `labels` (what a learner reads
//! for a question).

mod dashboard;
mod files;
mod labels;
mod outline_view;
mod plan;
pub use plan::MAX_DAYS_AHEAD;
mod select;
mod session;
mod stats;

pub use dashboard::{Dashboard, UnfinishedExam};
pub use files::{KEEP_BACKUPS, daily_backup, open_store, spawn_daily_backup};
pub use labels::{gives_away, question_scope, question_scope_asked, question_title};
pub use select::{DueItem, DueQueue};
pub use stats::{Leech, STATS_DAYS, STATS_EXAMS, STATS_LEECHES, StatsReport, TopicLine};

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use serde::Serialize;

use crate::bank::Bank;
use crate::clock::{Clock, Day, Millis};
use crate::schedule::{self, ConceptInfo, Scheduler};
use crate::store::{self, SessionId, Store, keys};
use session::Recorded;

/// Default question counts per mode.
pub const DEFAULT_PRACTICE_COUNT: usize = 20;
pub const DEFAULT_EXAM_COUNT: usize = crate::engine::FULL_EXAM_QUESTIONS;
pub const DEFAULT_REVIEW_COUNT: usize = 30;
pub const DEFAULT_CRAM_COUNT: usize = 20;

/// What a session was started with.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StartOptions {
    pub topic: Option<String>,
    pub count: Option<usize>,
    pub minutes: Option<u32>,
    /// Seed for selection and shuffling; `None` takes one from the clock.
    pub seed: Option<u64>,
}

/// The core services of one run of the app.
pub struct Study {
    pub bank: Bank,
    pub store: Store,
    pub scheduler: Scheduler,
    pub clock: Box<dyn Clock>,
    session_id: Option<SessionId>,
    /// The session that finished last (summaries compare against exams before it).
    last_session: Option<SessionId>,
    recorded: HashMap<usize, Recorded>,
    /// When the running exam's state was last saved (a tick saves it again after
    /// [`session::SAVE_EVERY_MS`]).
    saved_at: Option<Millis>,
}

/// An answer (or other step of a session) the store could not save: the disk is full, the
/// database became read-only, ... The session must stop here: the engine counted the answer,
/// the database did not. Front ends end the session with this message and a non-zero status.
#[derive(Debug, thiserror::Error)]
#[error("{what}; the session stops here (every answer before it is saved). {todo}")]
pub struct NotSaved {
    /// What went wrong, naming the file or folder.
    pub what: String,
    /// What the learner can do about it.
    pub todo: String,
}

impl NotSaved {
    /// The [`NotSaved`] a failed write of the database at `db` means, if `e` is the store's.
    pub fn from_error(db: Option<&std::path::Path>, e: &anyhow::Error) -> Option<NotSaved> {
        let store = e.downcast_ref::<store::StoreError>()?;
        let db = db.unwrap_or(std::path::Path::new(":memory:"));
        let folder = db.parent().unwrap_or(db);
        let (what, todo) = if store.is_disk_full() {
            (
                format!(
                    "your last answer was not saved: the disk holding {} is full",
                    crate::text::path(folder)
                ),
                "Free some space there and start again.".to_string(),
            )
        } else if store.is_read_only() {
            (
                format!(
                    "your last answer was not saved: {} cannot be written (read-only)",
                    crate::text::path(db)
                ),
                format!(
                    "Make it and {} writable, or pass --data-dir with a folder you can write to.",
                    crate::text::path(folder)
                ),
            )
        } else {
            (
                format!(
                    "your last answer was not saved to {}: {store}",
                    crate::text::path(db)
                ),
                "Check the file and its folder, then start again.".to_string(),
            )
        };
        Some(NotSaved { what, todo })
    }
}

impl Study {
    pub fn new(bank: Bank, store: Store, clock: Box<dyn Clock>) -> Result<Study> {
        let mut scheduler = Scheduler::default();
        if let Some(params) = store.get_setting(keys::FSRS_PARAMETERS)? {
            let values: Vec<f32> = serde_json::from_str(&params).unwrap_or_default();
            if let Ok(s) = Scheduler::with_params(&values) {
                scheduler = s;
            }
        }
        if let Some(n) = store.get_setting(keys::NEW_PER_DAY)?
            && let Ok(n) = n.parse::<usize>()
        {
            scheduler.new_per_day = n;
        }
        scheduler.exam = plan::exam_plan(&store)?;
        // The exam plan favours concepts of the objectives the exam weighs more (each concept's
        // topic is its objective, see `concepts`).
        scheduler.topic_weights = Some(schedule::topic_weights(&bank.rules));
        // The plan reviews concepts a learner mixes up side by side: the sets the generators
        // mark (a fact table's column across its rows, a responsibility layer across the
        // service models), and for the other concepts their neighbours in an objective, which
        // come from the same fact table's rows or pack (the definitions of one table).
        let sets = bank.confusable_sets();
        scheduler.groups = (!sets.is_empty()).then_some(sets);
        scheduler.bank_neighbours = schedule::BANK_NEIGHBOURS;
        let today = scheduler.study_day(clock.now(), clock.utc_offset_secs(clock.now()));
        scheduler.calibration = plan::calibration(&store, &scheduler, today)?;
        // The learner's own seconds per answer, so the exam plan's minutes are theirs (only
        // the exam plan uses it: start-up reads no answer rows otherwise).
        if scheduler.exam.is_some() {
            scheduler.pace = plan::day_pace(&store, today)?;
        }
        Ok(Study {
            bank,
            store,
            scheduler,
            clock,
            session_id: None,
            last_session: None,
            recorded: HashMap::new(),
            saved_at: None,
        })
    }

    pub fn now(&self) -> Millis {
        self.clock.now()
    }

    /// The clock's UTC offset at `at`, in seconds.
    pub(crate) fn offset(&self, at: Millis) -> i32 {
        self.clock.utc_offset_secs(at)
    }

    /// Today's calendar date as a day number (midnight, not the study day's 04:00, divides
    /// it): what "today" means for an exam date the learner types.
    pub fn calendar_today(&self) -> Day {
        let now = self.now();
        crate::clock::study_day(now, self.offset(now), 0)
    }

    /// Today's study day.
    pub fn today(&self) -> Day {
        let now = self.now();
        self.scheduler.study_day(now, self.offset(now))
    }

    /// The day predictions are for: the exam day while it is ahead, else today.
    pub(crate) fn prediction_day(&self) -> Day {
        match self.scheduler.exam {
            Some(p) if p.exam_day >= self.today() => p.exam_day,
            _ => self.today(),
        }
    }

    fn concepts(&self) -> Vec<ConceptInfo> {
        let mut seen = HashSet::new();
        self.bank
            .questions()
            .iter()
            .filter(|q| seen.insert(q.concept.clone()))
            .map(|q| ConceptInfo {
                concept: q.concept.clone(),
                // The objective: what the exam weighs (`Scheduler::topic_weights`).
                topic: q.objective.clone(),
            })
            .collect()
    }
}
