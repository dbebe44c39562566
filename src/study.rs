//! The study service: one place that ties the bank, the engine, the scheduler and the store
//! together, so the TUI and the `--plain` front end behave identically.
//!
//! Every graded answer goes through [`Study::apply`], which commits it to SQLite (one
//! transaction, with the concept's new memory state) before the front end shows the next
//! question.

mod outline_view;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::bank::Bank;
use crate::clock::{Clock, Day, Millis};
use crate::engine::{
    Action, AnswerRecord, Event, Mode, PreviousExam, Session, SessionConfig, Summary, confusion,
    select,
};
use crate::rules::Owner;
use crate::schedule::{self, ConceptInfo, ExamPlan, MemoryState, Scheduler};
use crate::store::{self, AttemptId, NewAttempt, NewSession, SessionId, SessionResult, Store};

use crate::store::keys;

/// What a learner reads for the part of the exam a question tests: its objective's title in
/// the outline ("Storage redundancy options"); for a question without a known objective, its
/// legacy topic's name, else the outline name of its topic id ("2.3 Storage"), else the id.
/// Never a bare outline id like "2.3".
pub fn question_scope(bank: &Bank, q: &crate::bank::question::Question) -> String {
    let outline = &bank.rules.outline;
    if let Some((_, _, o)) = outline.objective(&q.objective) {
        return o.title.clone();
    }
    if let Some(t) = bank.rules.topic(&q.topic) {
        return t.name.clone();
    }
    outline
        .scope(&q.topic)
        .map_or_else(|| q.topic.clone(), |s| s.label())
}

/// What a learner reads for a question in a list (results, review grid, leeches): its prompt
/// on one line, sanitized; a prompt the bank shares between questions ("Which statement is
/// true?") is led by the objective's title, so rows of a list can be told apart.
pub fn question_title(bank: &Bank, q: &crate::bank::question::Question) -> String {
    let prompt = crate::text::sanitize(&q.prompt).replace('\n', " ");
    let shared = bank
        .questions()
        .iter()
        .filter(|o| o.prompt == q.prompt)
        .take(2)
        .count()
        > 1;
    if shared {
        format!(
            "{}: {prompt}",
            crate::text::sanitize(&question_scope(bank, q))
        )
    } else {
        prompt
    }
}

/// Default question counts per mode.
pub const DEFAULT_PRACTICE_COUNT: usize = 20;
pub const DEFAULT_EXAM_COUNT: usize = 40;
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

/// What an answer did to the stored progress, kept so it can be undone.
#[derive(Debug, Clone)]
struct Recorded {
    attempt: AttemptId,
    /// The concept's memory state before this answer (`None`: it had none).
    before: Option<MemoryState>,
    /// Whether the answer changed the memory state (not in cram or exams).
    touched_memory: bool,
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

/// The Home screen's figures.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Dashboard {
    pub due_today: usize,
    pub new_available: usize,
    pub streak: u32,
    pub last_exam_scaled: Option<u32>,
    pub readiness: Option<schedule::Readiness>,
    pub exam_date: Option<String>,
    pub days_to_exam: Option<i64>,
    pub attempts: u64,
    pub questions: usize,
    pub concepts: usize,
    /// Questions waiting in "Review missed" ([`Study::review_queue`]).
    pub review_waiting: usize,
    /// How many of them a "Review missed" session asks.
    pub review_session: usize,
    /// An exam left before it was submitted (quit, crash, closed terminal), to resume.
    pub unfinished_exam: Option<UnfinishedExam>,
    /// Minutes studied today (each answer counted up to two minutes) and, with an exam plan,
    /// the minutes it plans a day.
    pub minutes_today: (u32, Option<u32>),
}

/// One question of "Study due".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub question_id: String,
    pub concept: String,
    /// A concept never reviewed before (else a due review).
    pub new: bool,
}

/// What "Study due" asks today ([`Study::due_queue`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DueQueue {
    pub items: Vec<DueItem>,
}

impl DueQueue {
    /// Due reviews in the queue.
    pub fn reviews(&self) -> usize {
        self.items.iter().filter(|i| !i.new).count()
    }

    /// New concepts in the queue.
    pub fn new_concepts(&self) -> usize {
        self.items.iter().filter(|i| i.new).count()
    }

    pub fn question_ids(&self) -> Vec<String> {
        self.items.iter().map(|i| i.question_id.clone()).collect()
    }
}

/// How many answers a saved session's state holds (0 if it cannot be read).
fn answered_in(saved: &store::SavedSession) -> usize {
    serde_json::from_str::<crate::engine::Snapshot>(&saved.snapshot)
        .map(|s| s.items.iter().filter(|i| i.is_answered()).count())
        .unwrap_or(0)
}

/// An exam that can be resumed ([`Study::resume_exam`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct UnfinishedExam {
    pub started_at: Millis,
    pub answered: usize,
    pub total: usize,
    /// Time left on its clock (it does not run while the exam is not open).
    pub remaining_ms: Option<i64>,
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
        scheduler.exam = exam_plan(&store)?;
        // The exam plan favours concepts of the objectives the exam weighs more (each concept's
        // topic is its objective, see `concepts`).
        scheduler.topic_weights = Some(schedule::topic_weights(&bank.rules));
        let today = scheduler.study_day(clock.now(), clock.utc_offset_secs(clock.now()));
        scheduler.calibration = calibration(&store, &scheduler, today)?;
        // The learner's own seconds per answer, so the exam plan's minutes are theirs (only
        // the exam plan uses it: start-up reads no answer rows otherwise).
        if scheduler.exam.is_some() {
            scheduler.pace = schedule::Pace::measure(
                &store.recent_answer_times(8 * schedule::pace::RECENT_ANSWERS)?,
            );
        }
        Ok(Study {
            bank,
            store,
            scheduler,
            clock,
            session_id: None,
            last_session: None,
            recorded: HashMap::new(),
        })
    }

    pub fn now(&self) -> Millis {
        self.clock.now()
    }

    fn offset(&self, at: Millis) -> i32 {
        self.clock.utc_offset_secs(at)
    }

    /// Today's study day.
    pub fn today(&self) -> Day {
        let now = self.now();
        self.scheduler.study_day(now, self.offset(now))
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

    /// Question ids of a new session of `mode`.
    pub fn select(&self, mode: Mode, opts: &StartOptions, seed: u64) -> Result<Vec<String>> {
        if let Some(t) = &opts.topic {
            select::check_topic(&self.bank, t)?;
        }
        let topic = opts.topic.as_deref();
        let ids = match mode {
            Mode::Practice => select::practice(
                &self.bank,
                topic,
                opts.count.unwrap_or(DEFAULT_PRACTICE_COUNT),
                seed,
            )?,
            Mode::Exam => select::exam(
                &self.bank,
                opts.count.unwrap_or(DEFAULT_EXAM_COUNT),
                topic,
                seed,
            )?,
            Mode::Review => {
                let mut ids = self.review_queue(topic)?;
                ids.truncate(opts.count.unwrap_or(DEFAULT_REVIEW_COUNT));
                if ids.is_empty() {
                    bail!("nothing to review: no question's latest answer was wrong or marked");
                }
                ids
            }
            Mode::Cram => {
                let n = opts.count.unwrap_or(DEFAULT_CRAM_COUNT);
                let weak = self.store.weakest_concepts(n.saturating_mul(2))?;
                let mut ids = Vec::new();
                let mut used = HashSet::new();
                for w in weak {
                    if let Some(q) = self
                        .bank
                        .wordings(&w.concept)
                        .find(|q| topic.is_none_or(|t| self.bank.in_topic(q, t)))
                        && used.insert(q.concept.clone())
                    {
                        ids.push(q.id.clone());
                    }
                }
                // Top up with unseen concepts so a new learner can cram too.
                if ids.len() < n {
                    for id in select::practice(&self.bank, topic, n, seed)? {
                        if let Some(q) = self.bank.get(&id)
                            && used.insert(q.concept.clone())
                        {
                            ids.push(id);
                        }
                    }
                }
                ids.truncate(n);
                ids
            }
            Mode::Due => {
                let mut ids = self.due_queue(topic)?.question_ids();
                if let Some(n) = opts.count {
                    ids.truncate(n);
                }
                if ids.is_empty() {
                    bail!(
                        "nothing is due today and no new concept is left for today; \
                         try practice, or come back tomorrow"
                    );
                }
                ids
            }
        };
        Ok(ids)
    }

    /// What "Study due" asks today, in order: each concept's question, and whether the concept
    /// is new (never reviewed) or a review. Home's counts and the session come from here.
    pub fn due_queue(&self, topic: Option<&str>) -> Result<DueQueue> {
        let now = self.now();
        let states = self.store.memory_states()?;
        let concepts: Vec<ConceptInfo> = self
            .concepts()
            .into_iter()
            .filter(|c| {
                topic.is_none_or(|t| {
                    c.topic == t
                        || self
                            .bank
                            .wordings(&c.concept)
                            .next()
                            .is_some_and(|q| self.bank.in_topic(q, t))
                })
            })
            .collect();
        let today = self.today();
        // Only concepts Study due itself introduced use up its new-a-day limit.
        let introduced = self
            .store
            .concepts_introduced_by_mode_on(today, Mode::Due.id())?;
        let queue =
            self.scheduler
                .queue_tagged(&states, &concepts, today, self.offset(now), introduced);
        let by_concept: HashMap<&str, &MemoryState> =
            states.iter().map(|s| (s.concept.as_str(), s)).collect();
        let items = queue
            .iter()
            .filter_map(|(c, new)| {
                let last = by_concept
                    .get(c.as_str())
                    .and_then(|s| s.last_question.as_deref());
                schedule::pick_wording(&self.bank, c, last).map(|id| DueItem {
                    question_id: id.to_string(),
                    concept: c.clone(),
                    new: *new,
                })
            })
            .collect();
        Ok(DueQueue { items })
    }

    /// The questions "Review missed" has waiting (latest answer wrong or marked, still in the
    /// bank), most recent first. Home's count and the session come from here.
    pub fn review_queue(&self, topic: Option<&str>) -> Result<Vec<String>> {
        Ok(self
            .store
            .review_candidates()?
            .into_iter()
            .filter(|id| {
                self.bank
                    .get(id)
                    .is_some_and(|q| topic.is_none_or(|t| self.bank.in_topic(q, t)))
            })
            .collect())
    }

    /// Starts a session of `mode` and records it.
    pub fn start(&mut self, mode: Mode, opts: &StartOptions) -> Result<Session> {
        let seed = opts.seed.unwrap_or(self.now() as u64);
        let ids = self.select(mode, opts, seed)?;
        self.start_ids(
            mode,
            ids,
            &StartOptions {
                seed: Some(seed),
                ..opts.clone()
            },
        )
    }

    /// Starts a session of `mode` over exactly `ids` (e.g. the questions an exam missed).
    pub fn start_ids(
        &mut self,
        mode: Mode,
        ids: Vec<String>,
        opts: &StartOptions,
    ) -> Result<Session> {
        let now = self.now();
        let seed = opts.seed.unwrap_or(now as u64);
        let ids = select::from_ids(&self.bank, &ids, None, None)?;
        let mut config = SessionConfig::for_mode(mode);
        if mode == Mode::Exam {
            if let Some(m) = opts.minutes {
                config.minutes = Some(m);
            }
        } else {
            config.minutes = None;
        }
        let session = Session::new(&self.bank, mode, ids, config, seed, now)?;
        let settings = serde_json::json!({
            "topic": opts.topic,
            "count": session.items().len(),
            "minutes": session.config().minutes,
            "seed": seed,
        });
        let id = self.store.begin_session(&NewSession {
            mode: mode.id().to_string(),
            started_at: now,
            settings,
        })?;
        if mode == Mode::Exam {
            // A new exam replaces any exam left unfinished: that one ends unscored.
            while let Some(old) = self.store.resumable(Mode::Exam.id())? {
                self.end_unscored(old.id, answered_in(&old))?;
            }
        }
        self.session_id = Some(id);
        self.recorded.clear();
        self.save_snapshot(&session)?;
        Ok(session)
    }

    /// Applies a learner's action and persists what it produced. Each graded answer is
    /// committed (with its memory update) before this returns.
    pub fn apply(&mut self, session: &mut Session, action: Action) -> Result<Vec<Event>> {
        // The clock ticking changes nothing to save (unless it ends the exam).
        let tick = action == Action::Tick;
        let now = self.now();
        let events = session.apply(&self.bank, action, now)?;
        self.persist(session, &events, tick)
            .map_err(|e| NotSaved::from_error(self.store.path(), &e).map_or(e, Into::into))?;
        Ok(events)
    }

    /// What [`Study::apply`] writes for the events of one action.
    fn persist(&mut self, session: &mut Session, events: &[Event], tick: bool) -> Result<()> {
        for event in events {
            match event {
                Event::Answered(rec) => self.record(session, rec)?,
                Event::Undone { index, .. } => {
                    if let Some(r) = self.recorded.remove(index) {
                        let restore = if r.touched_memory {
                            r.before
                        } else {
                            // Leave the memory state as it is.
                            let concept = &session.items()[*index].concept;
                            self.store.memory(concept)?
                        };
                        self.store.undo_attempt(r.attempt, restore.as_ref())?;
                    }
                }
                Event::MarkChanged { index, marked, .. } => {
                    if let Some(r) = self.recorded.get(index) {
                        self.store.set_marked(r.attempt, *marked)?;
                    }
                }
                Event::Finished => self.finish(session)?,
                Event::Requeued { .. } | Event::TimeUp => {}
            }
        }
        if !tick || !events.is_empty() {
            self.save_snapshot(session)?;
        }
        Ok(())
    }

    /// Reports the session's current question (as wrong, unclear, ...), linked to the answer
    /// just given to it, if any. The report is kept when that answer is undone.
    pub fn report(&mut self, session: &Session, reason: store::ReportReason) -> Result<()> {
        let item = session.current_item();
        let attempt = self
            .recorded
            .get(&session.current_index())
            .map(|r| r.attempt);
        self.store
            .add_report(&item.question_id, reason, self.now(), attempt)?;
        Ok(())
    }

    fn new_attempt(&self, session: SessionId, rec: &AnswerRecord) -> NewAttempt {
        NewAttempt {
            session,
            question_id: rec.question_id.clone(),
            concept: rec.concept.clone(),
            topic: rec.topic.clone(),
            kind: rec.kind,
            response: Some(rec.response.clone()),
            points: rec.grade.points,
            max: rec.grade.max,
            correct: rec.grade.is_correct(),
            time_ms: rec.time_ms,
            marked: rec.marked,
            guess: rec.guess,
            answered_at: rec.answered_at,
            day: self
                .scheduler
                .study_day(rec.answered_at, self.offset(rec.answered_at)),
        }
    }

    fn owner_pairs(&self, rec: &AnswerRecord) -> Vec<(Owner, Owner)> {
        self.bank
            .get(&rec.question_id)
            .map(|q| confusion::owner_pairs(q, &rec.response))
            .unwrap_or_default()
    }

    fn record(&mut self, session: &Session, rec: &AnswerRecord) -> Result<()> {
        let sid = self.session_id.context("no session has been started")?;
        let attempt = self.new_attempt(sid, rec);
        let pairs = self.owner_pairs(rec);
        if session.mode() == Mode::Exam {
            // Exam answers can change until submit: the store replaces the earlier answer of
            // this question. Memory is updated once, from the final answers, at the end.
            let id = self.store.upsert_exam_answer(&attempt, None, &pairs)?;
            self.recorded.insert(
                rec.index,
                Recorded {
                    attempt: id,
                    before: None,
                    touched_memory: false,
                },
            );
            return Ok(());
        }
        let updates = session.mode().updates_schedule();
        let rating = schedule::rating_for(rec.grade.is_correct(), rec.guess);
        let offset = self.offset(rec.answered_at);
        let scheduler = &self.scheduler;
        // The memory state is read and written inside the attempt's transaction, so a second
        // app instance reviewing the same concept cannot make one review overwrite the other.
        let (id, before) = self.store.record_attempt_with(&attempt, &pairs, |prev| {
            updates.then(|| {
                scheduler.review(
                    prev,
                    &rec.concept,
                    &rec.question_id,
                    rating,
                    rec.answered_at,
                    offset,
                )
            })
        })?;
        self.recorded.insert(
            rec.index,
            Recorded {
                attempt: id,
                touched_memory: updates,
                before,
            },
        );
        Ok(())
    }

    fn finish(&mut self, session: &Session) -> Result<()> {
        let Some(sid) = self.session_id else {
            return Ok(());
        };
        let now = self.now();
        if session.mode() == Mode::Exam {
            for item in session.items() {
                let (Some(grade), Some(_)) = (&item.grade, &item.response) else {
                    continue;
                };
                let rating = schedule::rating_for(grade.is_correct(), item.guess);
                let at = item.answered_at.unwrap_or(now);
                let offset = self.offset(at);
                let scheduler = &self.scheduler;
                self.store.update_memory(&item.concept, |prev| {
                    scheduler.review(prev, &item.concept, &item.question_id, rating, at, offset)
                })?;
            }
        }
        let summary = self.summary(session);
        let result = SessionResult {
            points: summary.score.points,
            max: summary.score.max,
            scaled: (session.mode() == Mode::Exam).then_some(summary.score.scaled_estimate),
            passed: (session.mode() == Mode::Exam).then_some(summary.score.passed),
        };
        self.store.finish_session(sid, now, &result)?;
        self.session_id = None;
        self.last_session = Some(sid);
        Ok(())
    }

    /// Leaves a session before its end (its answers are already saved). An exam is kept, with
    /// its state, to be resumed later ([`Study::resume_exam`]); other sessions end here.
    pub fn abandon(&mut self, session: &mut Session) -> Result<()> {
        if session.is_finished() || self.session_id.is_none() {
            return Ok(());
        }
        if session.mode() == Mode::Exam {
            self.save_snapshot(session)?;
            self.session_id = None;
            self.recorded.clear();
            return Ok(());
        }
        self.apply(session, Action::Submit).map(|_| ())
    }

    /// The summary of a session, compared with the previous exam for exams.
    pub fn summary(&self, session: &Session) -> Summary {
        let previous = if session.mode() == Mode::Exam {
            self.session_id
                .or(self.last_session)
                .and_then(|sid| self.store.last_exam_results(sid).ok())
                .filter(|r| !r.is_empty())
                .map(|results| PreviousExam { results })
        } else {
            None
        };
        Summary::from_session(session, &self.bank, previous.as_ref())
    }

    /// Figures for the Home screen.
    pub fn dashboard(&self) -> Result<Dashboard> {
        let today = self.today();
        let states = self.store.memory_states()?;
        let concepts = self.concepts();
        // The same queue the session serves.
        let due = self.due_queue(None)?;
        let last_exam = self.store.last_exam()?;
        let readiness = self.readiness(&states, &concepts)?;
        let exam_date = self.store.get_setting(keys::EXAM_DATE)?;
        let days_to_exam = self.scheduler.exam.map(|p| p.exam_day - today);
        let attempts = self.store.attempt_count()?;
        let review_waiting = self.review_queue(None)?.len();
        Ok(Dashboard {
            due_today: due.reviews(),
            new_available: due.new_concepts(),
            streak: self.store.streak(today)?,
            last_exam_scaled: last_exam.map(|e| e.scaled),
            readiness,
            exam_date,
            days_to_exam,
            attempts,
            questions: self.bank.len(),
            concepts: concepts.len(),
            review_session: review_waiting.min(DEFAULT_REVIEW_COUNT),
            review_waiting,
            unfinished_exam: self.unfinished_exam()?,
            minutes_today: (
                u32::try_from(self.store.studied_ms(today)? / 60_000).unwrap_or(u32::MAX),
                self.scheduler
                    .exam
                    .filter(|p| p.exam_day > today)
                    .map(|p| p.minutes_per_day),
            ),
        })
    }

    /// The exam left unfinished most recently, if its saved state can be read.
    pub fn unfinished_exam(&self) -> Result<Option<UnfinishedExam>> {
        let Some(saved) = self.store.resumable(Mode::Exam.id())? else {
            return Ok(None);
        };
        let Ok(snap) = serde_json::from_str::<crate::engine::Snapshot>(&saved.snapshot) else {
            return Ok(None);
        };
        Ok(Some(UnfinishedExam {
            started_at: saved.started_at,
            answered: snap.items.iter().filter(|i| i.is_answered()).count(),
            total: snap.items.len(),
            remaining_ms: snap.remaining_ms,
        }))
    }

    /// Takes up the exam left unfinished most recently where it was. If it cannot be resumed
    /// (the bank changed under it, its time ran out, its saved state is unreadable) it is ended
    /// unscored, so it is not offered again, and the error says why; its answers stay saved.
    pub fn resume_exam(&mut self) -> Result<Session> {
        let saved = self
            .store
            .resumable(Mode::Exam.id())?
            .context("there is no unfinished exam to resume")?;
        let now = self.now();
        let resumed = serde_json::from_str::<crate::engine::Snapshot>(&saved.snapshot)
            .map_err(anyhow::Error::from)
            .and_then(|snap| Ok(Session::resume(&self.bank, snap, now)?));
        let session = match resumed {
            Ok(session) => session,
            Err(e) => {
                self.end_unscored(saved.id, answered_in(&saved))?;
                return Err(e.context("this exam cannot be resumed (its answers are saved)"));
            }
        };
        self.session_id = Some(saved.id);
        self.recorded.clear();
        for (question_id, attempt) in self.store.session_attempts(saved.id)? {
            if let Some(index) = session
                .items()
                .iter()
                .position(|i| i.question_id == question_id)
            {
                self.recorded.insert(
                    index,
                    Recorded {
                        attempt,
                        before: None,
                        touched_memory: false,
                    },
                );
            }
        }
        self.save_snapshot(&session)?;
        Ok(session)
    }

    /// Saves an unfinished exam's state, so it can be resumed after a quit or a crash.
    fn save_snapshot(&self, session: &Session) -> Result<()> {
        if session.mode() != Mode::Exam || session.is_finished() {
            return Ok(());
        }
        if let Some(sid) = self.session_id {
            let json = serde_json::to_string(&session.snapshot(self.now()))?;
            self.store.save_snapshot(sid, &json)?;
        }
        Ok(())
    }

    /// Ends session `sid` without a score (`answered` answers in it).
    fn end_unscored(&self, sid: SessionId, answered: usize) -> Result<()> {
        let result = SessionResult {
            points: 0,
            max: u32::try_from(answered).unwrap_or(0),
            scaled: None,
            passed: None,
        };
        self.store.finish_session(sid, self.now(), &result)?;
        Ok(())
    }

    fn readiness(
        &self,
        states: &[MemoryState],
        concepts: &[ConceptInfo],
    ) -> Result<Option<schedule::Readiness>> {
        if states.iter().all(|s| s.reps == 0) {
            return Ok(None);
        }
        let now = self.now();
        let day = match self.scheduler.exam {
            Some(p) if p.exam_day >= self.today() => p.exam_day,
            _ => self.today(),
        };
        let weights = schedule::topic_weights(&self.bank.rules);
        // Readiness weighs concepts by their objective's share of the exam.
        let objective: HashMap<&str, &str> = self
            .bank
            .questions()
            .iter()
            .map(|q| (q.concept.as_str(), q.objective.as_str()))
            .collect();
        let by_objective: Vec<ConceptInfo> = concepts
            .iter()
            .map(|c| ConceptInfo {
                concept: c.concept.clone(),
                topic: objective
                    .get(c.concept.as_str())
                    .map_or_else(|| c.topic.clone(), |o| (*o).to_string()),
            })
            .collect();
        Ok(Some(schedule::readiness(
            &self.scheduler,
            states,
            &by_objective,
            &weights,
            day,
            self.offset(now),
            crate::engine::session::DEFAULT_CUT_PERCENT / 100.0,
        )))
    }

    /// Stores the exam date (and minutes per day) the planner works toward.
    pub fn set_plan(
        &mut self,
        exam_date: Option<chrono::NaiveDate>,
        minutes: Option<u32>,
    ) -> Result<()> {
        if let Some(d) = exam_date {
            let day = crate::clock::date_to_day(d);
            if day < self.today() {
                bail!("the exam date {d} is in the past");
            }
            self.store.set_setting(keys::EXAM_DATE, &d.to_string())?;
        }
        if let Some(m) = minutes {
            self.store
                .set_setting(keys::MINUTES_PER_DAY, &m.to_string())?;
        }
        self.scheduler.exam = exam_plan(&self.store)?;
        self.scheduler.pace = schedule::Pace::measure(
            &self
                .store
                .recent_answer_times(8 * schedule::pace::RECENT_ANSWERS)?,
        );
        Ok(())
    }

    pub fn clear_plan(&mut self) -> Result<()> {
        self.store.remove_setting(keys::EXAM_DATE)?;
        self.scheduler.exam = None;
        Ok(())
    }
}

/// Settings key of the cached forgetting-curve calibration (`{"day": N, "calibration": …}`).
const CALIBRATION: &str = "calibration";

/// The learner's forgetting-curve calibration, refitted on the stored answers at most once a
/// study day (the fit replays the whole review log) and cached in the settings.
fn calibration(
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

fn exam_plan(store: &Store) -> Result<Option<ExamPlan>> {
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

/// Daily backups kept.
pub const KEEP_BACKUPS: usize = 7;

/// Opens the store at the resolved data dir, with the start-up checks that do not grow with
/// the history ([`Store::open_fast`]); the daily backup is [`daily_backup`]'s job.
pub fn open_store(paths: &crate::paths::Paths) -> Result<Store> {
    Ok(Store::open_fast(&paths.database())?)
}

/// Today's backup of the progress database, checked, unless there is one ([`store::daily_backup`]):
/// its path if one was made. Commands that write run it before they start; the TUI runs it on
/// a thread after its first frame ([`spawn_daily_backup`]).
pub fn daily_backup(paths: &crate::paths::Paths, now: Millis) -> Result<Option<PathBuf>> {
    Ok(store::daily_backup(
        &paths.database(),
        &paths.backups(),
        now,
        KEEP_BACKUPS,
    )?)
}

/// [`daily_backup`] on a thread of its own; the receiver gets its result once. The database
/// is only read, so the process may end before the backup does (what is left is a temporary
/// file, removed by a later backup).
pub fn spawn_daily_backup(
    paths: &crate::paths::Paths,
    now: Millis,
) -> std::sync::mpsc::Receiver<Result<Option<PathBuf>>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let paths = paths.clone();
    std::thread::spawn(move || {
        let _ = tx.send(daily_backup(&paths, now));
    });
    rx
}

/// Everything the Stats screen and `az900 stats` show.
#[derive(Debug, Clone, Serialize)]
pub struct StatsReport {
    pub dashboard: Dashboard,
    pub topics: Vec<TopicLine>,
    /// Readiness and accuracy per skill area and objective of the exam outline.
    pub outline: crate::schedule::by_objective::OutlineStats,
    pub exams: Vec<store::ExamRecord>,
    /// Answers per study day over the last 90 days (oldest first), days with none included.
    pub per_day: Vec<store::DayCount>,
    /// Reviews due on each of the next 14 days: today the due reviews Study due asks today
    /// (Home's count), then the other studied concepts by their due dates.
    pub due_forecast: Vec<usize>,
    /// `[truth][chosen]` in Customer, Microsoft, Shared order.
    pub confusion: store::ConfusionTable,
    pub leeches: Vec<Leech>,
    pub today: Day,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicLine {
    pub topic: String,
    pub name: String,
    pub points: u64,
    pub max: u64,
}

/// A concept failed again and again, with what to re-read.
#[derive(Debug, Clone, Serialize)]
pub struct Leech {
    pub concept: String,
    /// What a learner reads for it: the prompt of one of its questions (one line).
    pub title: Option<String>,
    pub lapses: u32,
    pub question_id: Option<String>,
    pub explanation: Option<String>,
}

/// Days of answers shown in stats.
pub const STATS_DAYS: i64 = 90;

/// Exams shown in stats (the most recent).
pub const STATS_EXAMS: usize = 100;

impl StatsReport {
    pub fn gather(study: &Study) -> Result<StatsReport> {
        let dashboard = study.dashboard()?;
        let today = study.today();
        let acc = study.store.topic_accuracy()?;
        let topics = study
            .bank
            .rules
            .topics
            .iter()
            .map(|t| {
                let a = acc.iter().find(|a| a.topic == t.id);
                TopicLine {
                    topic: t.id.clone(),
                    name: t.name.clone(),
                    points: a.map_or(0, |a| a.points),
                    max: a.map_or(0, |a| a.max),
                }
            })
            .collect();
        let from = today - STATS_DAYS + 1;
        let counts = study.store.answers_per_day(from, today)?;
        let per_day = (from..=today)
            .map(|d| {
                counts
                    .iter()
                    .find(|c| c.day == d)
                    .copied()
                    .unwrap_or(store::DayCount {
                        day: d,
                        answered: 0,
                        correct: 0,
                    })
            })
            .collect();
        let now = study.now();
        let offset = study.offset(now);
        // Today is what Study due asks today (the count on Home, from the same queue: with an
        // exam plan the planner picks today's reviews); later days count the other concepts by
        // their due dates, and a concept due by today that the queue leaves out comes tomorrow.
        let queue = study.due_queue(None)?;
        let asked: HashSet<&str> = queue
            .items
            .iter()
            .filter(|i| !i.new)
            .map(|i| i.concept.as_str())
            .collect();
        let mut due_forecast = vec![0usize; 14];
        due_forecast[0] = queue.reviews();
        for s in study.store.memory_states()? {
            if s.reps == 0
                || asked.contains(s.concept.as_str())
                || study.bank.wordings(&s.concept).next().is_none()
            {
                continue;
            }
            let day = study.scheduler.study_day(s.due, offset);
            let k = (day - today).max(1);
            if let Ok(k) = usize::try_from(k)
                && k < due_forecast.len()
            {
                due_forecast[k] += 1;
            }
        }
        let leeches = study
            .store
            .leeches(schedule::LEECH_LAPSES)?
            .into_iter()
            .map(|s| {
                let q = study.bank.wordings(&s.concept).next();
                Leech {
                    concept: s.concept.clone(),
                    title: q.map(|q| question_title(&study.bank, q)),
                    lapses: s.lapses,
                    question_id: q.map(|q| q.id.clone()),
                    explanation: q.map(|q| crate::text::sanitize(&q.explanation)),
                }
            })
            .collect();
        Ok(StatsReport {
            dashboard,
            topics,
            outline: study.outline_stats()?,
            exams: study.store.recent_exams(STATS_EXAMS)?,
            per_day,
            due_forecast,
            confusion: study.store.confusion_table()?,
            leeches,
            today,
        })
    }

    /// The accuracy rows of Stats: each skill area of the outline, each followed by its
    /// objectives that have answers (`true` marks an objective).
    pub fn accuracy_lines(&self) -> Vec<(&crate::schedule::by_objective::ScopeStats, bool)> {
        let mut v = Vec::new();
        for a in &self.outline.areas {
            v.push((a, false));
            let prefix = format!("{}.", a.id);
            v.extend(
                self.outline
                    .objectives
                    .iter()
                    .filter(|o| o.id.starts_with(&prefix) && o.answered > 0)
                    .map(|o| (o, true)),
            );
        }
        v
    }

    /// The text printed by `az900 stats`.
    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let d = &self.dashboard;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Answers: {} · streak: {} day(s) · due today: {} · new today: {} · to review: {}",
            d.attempts, d.streak, d.due_today, d.new_available, d.review_waiting
        );
        match &d.readiness {
            Some(r) => {
                let _ = writeln!(
                    s,
                    "Readiness (estimate): {:.0} % recall predicted{} → scaled ≈ {} ({:.0}–{:.0} %)",
                    r.predicted_percent,
                    match &d.exam_date {
                        Some(date) => format!(" on {date}"),
                        None => " today".into(),
                    },
                    r.scaled_estimate,
                    r.low,
                    r.high
                );
            }
            None => {
                let _ = writeln!(s, "Readiness: — (answer some questions first)");
            }
        }
        let o = &self.outline;
        let _ = writeln!(
            s,
            "\nBy skill area (exam-weighted estimate {:.0} %, scaled ≈ {}; {} of {} objectives not studied yet):",
            o.predicted_percent,
            o.scaled_estimate,
            o.unknown_objectives,
            o.objectives.len()
        );
        for a in &o.areas {
            let pct = a
                .predicted_percent
                .map_or_else(|| format!("{:>7}", "—"), |p| format!("{p:>5.0} %"));
            let _ = writeln!(
                s,
                "  {} {:<45} {pct}  ({}/{} concepts studied)",
                a.id, a.name, a.studied, a.concepts
            );
        }
        let _ = writeln!(
            s,
            "\nAccuracy by skill area and objective (answers fully right / given):"
        );
        let lines = self.accuracy_lines();
        // One column for the figures, however long an objective's title.
        let widest = lines
            .iter()
            .map(|(l, o)| {
                l.id.chars().count() + 1 + l.name.chars().count() + if *o { 2 } else { 0 }
            })
            .max()
            .unwrap_or(0);
        for (line, objective) in lines {
            let pct = if line.answered > 0 {
                format!(
                    "{:>5.0} %",
                    100.0 * line.correct as f64 / line.answered as f64
                )
            } else {
                format!("{:>7}", "—")
            };
            let name = format!("{} {}", line.id, line.name);
            let (indent, w) = if objective {
                ("    ", widest - 2)
            } else {
                ("  ", widest)
            };
            let _ = writeln!(
                s,
                "{indent}{name:<w$} {pct}  ({}/{})",
                line.correct, line.answered
            );
        }
        let _ = writeln!(s, "\nExams:");
        if self.exams.is_empty() {
            let _ = writeln!(s, "  none yet");
        }
        for e in &self.exams {
            let _ = writeln!(
                s,
                "  {}  {:>4}  {}",
                crate::clock::day_to_date(e.started_at.div_euclid(crate::clock::MS_PER_DAY)),
                e.scaled,
                if e.passed { "pass" } else { "fail" },
            );
        }
        let _ = writeln!(s, "\nDue in the next 14 days: {:?}", self.due_forecast);
        let names = ["Customer", "Microsoft", "Shared"];
        let _ = writeln!(s, "\nOwner confusion (rows: truth, columns: your answer):");
        let _ = writeln!(
            s,
            "  {:<10} {:>9} {:>9} {:>9}",
            "", names[0], names[1], names[2]
        );
        for (i, row) in self.confusion.iter().enumerate() {
            let _ = writeln!(
                s,
                "  {:<10} {:>9} {:>9} {:>9}",
                names[i], row[0], row[1], row[2]
            );
        }
        if !self.leeches.is_empty() {
            let _ = writeln!(s, "\nLeeches (failed {}+ times):", schedule::LEECH_LAPSES);
            for l in &self.leeches {
                let _ = writeln!(
                    s,
                    "  {} ({} lapses): {}",
                    l.title.as_deref().unwrap_or(&l.concept),
                    l.lapses,
                    l.explanation.as_deref().unwrap_or("")
                );
            }
        }
        s
    }
}

/// `at` as local `YYYY-MM-DD HH:MM` (the clock's UTC offset at that moment).
pub fn local_minute(study: &Study, at: Millis) -> String {
    use chrono::Offset as _;
    let offset =
        chrono::FixedOffset::east_opt(study.offset(at)).unwrap_or_else(|| chrono::Utc.fix());
    chrono::DateTime::from_timestamp_millis(at)
        .map(|t| {
            t.with_timezone(&offset)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// One line of `az900 history`.
pub fn history_line(study: &Study, s: &store::SessionRecord) -> String {
    let when = local_minute(study, s.started_at);
    let score = match s.result {
        Some(r) => match r.scaled {
            Some(scaled) => format!(
                "{scaled:>4} {}",
                if r.passed == Some(true) {
                    "pass"
                } else {
                    "fail"
                }
            ),
            // Outside a full exam the answered/right counts say it all (parts are not a score).
            None => String::new(),
        },
        None => "unfinished".into(),
    };
    format!(
        "{when}  {:<9} {:>3} answered, {:>3} right  {score}",
        s.mode, s.answered, s.correct
    )
}

/// `az900 optimize`: fit FSRS parameters to this learner's reviews; keep them only if better.
/// Returns the lines to print (the command layer prints them).
pub fn optimize(study: &mut Study) -> Result<Vec<String>> {
    let logs = study.store.review_logs()?;
    let report = schedule::optimize(&logs)?;
    let mut lines = vec![format!(
        "Log-loss on your last 20 % of reviews: default parameters {:.4}, fitted {:.4}",
        report.default_log_loss, report.fitted_log_loss
    )];
    if report.kept {
        study.store.set_setting(
            keys::FSRS_PARAMETERS,
            &serde_json::to_string(&report.params)?,
        )?;
        lines.push("The fitted parameters predict better: kept.".into());
    } else {
        lines.push("The defaults predict as well or better: nothing changed.".into());
    }
    Ok(lines)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod label_tests {
    use super::*;
    use crate::bank::Response;
    use crate::clock::FixedClock;

    const T0: Millis = 20_785 * 86_400_000 + 10 * 3_600_000;

    #[test]
    fn every_question_of_the_bank_is_named_by_its_objective_never_a_bare_outline_id() {
        let bank = Bank::embedded().unwrap();
        let outline = &bank.rules.outline;
        let mut by_group_topic = 0;
        for q in bank.questions() {
            let label = question_scope(&bank, q);
            assert!(outline.scope(&label).is_none(), "{}: {label}", q.id);
            let (_, _, o) = outline.objective(&q.objective).unwrap();
            assert_eq!(label, o.title, "{}", q.id);
            if outline.scope(&q.topic).is_some() {
                by_group_topic += 1;
                assert_ne!(label, q.topic);
            }
        }
        assert!(
            by_group_topic > 0,
            "the bank has questions keyed on a group id"
        );
    }

    #[test]
    fn a_question_outside_the_outline_falls_back_to_names_not_ids() {
        let bank = Bank::embedded().unwrap();
        let mut q = bank.questions()[0].clone();
        q.objective = "9.9.9".into();
        q.topic = "2.3".into();
        assert_eq!(question_scope(&bank, &q), "2.3 Storage");
        q.topic = "shared-responsibility".into();
        assert_eq!(question_scope(&bank, &q), "Shared responsibility model");
    }

    #[test]
    fn stats_text_counts_accuracy_by_skill_area_and_answered_objective() {
        let mut study = Study::new(
            Bank::embedded().unwrap(),
            Store::open_in_memory().unwrap(),
            Box::new(FixedClock::new(T0)),
        )
        .unwrap();
        let opts = StartOptions {
            seed: Some(4),
            count: Some(3),
            topic: Some("2.3.3".into()),
            ..StartOptions::default()
        };
        let mut s = study.start(Mode::Practice, &opts).unwrap();
        let picks = [true, false, true];
        for right in picks {
            let q = study
                .bank
                .get(&s.current_item().question_id)
                .unwrap()
                .clone();
            let response = if right {
                q.body.key()
            } else {
                Response::Choices(vec![])
            };
            study
                .apply(
                    &mut s,
                    Action::Answer {
                        response,
                        guess: false,
                    },
                )
                .unwrap();
            study.apply(&mut s, Action::Next).unwrap();
        }
        let right = picks.iter().filter(|r| **r).count();
        let whole = StatsReport::gather(&study).unwrap().to_text();
        let text = &whole[whole.find("Accuracy by skill area").unwrap()..];
        let line = |start: &str| {
            text.lines()
                .find(|l| l.trim_start().starts_with(start))
                .unwrap_or_else(|| panic!("no {start:?} line in\n{text}"))
                .to_string()
        };
        let pct = format!("{:.0} %", 100.0 * right as f64 / picks.len() as f64);
        let counts = format!("({right}/{})", picks.len());
        for start in ["2 Describe Azure architecture", "2.3.3 Storage redundancy"] {
            let l = line(start);
            assert!(l.contains(&pct) && l.ends_with(&counts), "{l}");
        }
        // Every row's figures end in one column.
        let rows: Vec<&str> = text
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .collect();
        assert!(rows.len() >= 4, "{text}");
        let ends: Vec<usize> = rows
            .iter()
            .map(|r| r.chars().count() - r.rsplit("  (").next().unwrap().chars().count())
            .collect();
        assert!(ends.iter().all(|e| *e == ends[0]), "{text}");
        // The other areas have no answers, and no objective outside 2.3.3 is listed.
        assert!(line("1 Describe cloud concepts").ends_with("(0/0)"));
        assert!(!text.contains("2.3.1 "), "{text}");
        assert!(!whole.contains("Accuracy by topic"), "{whole}");
        assert!(!whole.contains("Shared responsibility model"), "{whole}");
    }

    #[test]
    fn the_forecast_today_is_homes_due_count_with_or_without_an_exam_plan() {
        let mut study = Study::new(
            Bank::embedded().unwrap(),
            Store::open_in_memory().unwrap(),
            Box::new(FixedClock::new(T0)),
        )
        .unwrap();
        let opts = StartOptions {
            seed: Some(9),
            count: Some(8),
            ..StartOptions::default()
        };
        let mut s = study.start(Mode::Practice, &opts).unwrap();
        let mut k = 0;
        while !s.is_finished() {
            let q = study
                .bank
                .get(&s.current_item().question_id)
                .unwrap()
                .clone();
            // Every other answer wrong: an empty answer of the question's own shape.
            let response = match (k % 2 == 0, q.body.key()) {
                (true, key) => key,
                (false, Response::Choices(_)) => Response::Choices(vec![]),
                (false, Response::YesNo(v)) => Response::YesNo(vec![None; v.len()]),
                (false, Response::Match(v)) => Response::Match(vec![None; v.len()]),
                (false, Response::Order(v)) => Response::Order(v.iter().rev().copied().collect()),
                (false, Response::HotArea(_)) => Response::HotArea(vec![]),
            };
            k += 1;
            let answer = Action::Answer {
                response,
                guess: false,
            };
            study.apply(&mut s, answer).unwrap();
            study.apply(&mut s, Action::Next).unwrap();
        }
        let studied = study
            .store
            .memory_states()
            .unwrap()
            .iter()
            .filter(|m| m.reps > 0)
            .count();
        let check = |r: &StatsReport| {
            assert_eq!(r.due_forecast[0], r.dashboard.due_today, "{r:?}");
            assert!(r.due_forecast.iter().sum::<usize>() <= studied, "{r:?}");
        };
        check(&StatsReport::gather(&study).unwrap());
        let exam = crate::clock::day_to_date(study.today() + 30);
        study.set_plan(Some(exam), Some(20)).unwrap();
        let planned = StatsReport::gather(&study).unwrap();
        // With a plan, today's count is the planner's (which may take reviews not due by their
        // dates, or spend the minutes on new concepts): the forecast's today is still Home's.
        assert!(
            planned.dashboard.due_today + planned.dashboard.new_available > 0,
            "{planned:?}"
        );
        check(&planned);
    }
}
