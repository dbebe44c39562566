//! Running a session: starting it, applying the learner's actions and saving what they
//! produce (one transaction per answer), finishing it, leaving it, and resuming an exam left
//! unfinished.

use anyhow::{Context, Result};

use super::{NotSaved, StartOptions, Study};
use crate::clock::Millis;
use crate::engine::{
    Action, AnswerRecord, Event, Mode, PreviousExam, Session, SessionConfig, Summary, confusion,
    select,
};
use crate::rules::Owner;
use crate::schedule::{self, MemoryState};
use crate::store::{self, AttemptId, NewAttempt, NewSession, SessionId, SessionResult};

/// How often a running exam's state is saved while only the clock moves (ms): a crash loses
/// at most this much of its time.
pub const SAVE_EVERY_MS: Millis = 5_000;

/// What an answer did to the stored progress, kept so it can be undone.
#[derive(Debug, Clone)]
pub(super) struct Recorded {
    attempt: AttemptId,
    /// The concept's memory state before this answer (`None`: it had none).
    before: Option<MemoryState>,
    /// Whether the answer changed the memory state (not in cram or exams).
    touched_memory: bool,
}

/// How many answers a saved session's state holds (0 if it cannot be read).
fn answered_in(saved: &store::SavedSession) -> usize {
    serde_json::from_str::<crate::engine::Snapshot>(&saved.snapshot)
        .map(|s| s.items.iter().filter(|i| i.is_answered()).count())
        .unwrap_or(0)
}

impl Study {
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
            // The real exam's pace unless told otherwise (the setup page says the same).
            config.minutes = Some(
                opts.minutes
                    .unwrap_or(crate::engine::exam_minutes(ids.len())),
            );
            config.full_exam =
                Some(opts.topic.is_none() && ids.len() == crate::engine::FULL_EXAM_QUESTIONS);
        } else {
            config.minutes = None;
        }
        let session = Session::new(&self.bank, mode, ids, config, seed, now)?;
        let settings = serde_json::json!({
            "topic": opts.topic,
            "count": session.items().len(),
            "minutes": session.config().minutes,
            "seed": seed,
            // An exam's answers join Review missed, Cram and the statistics at its end only
            // (it can be resumed and its answers changed until then).
            "held": mode == Mode::Exam,
            // The questions an exam asks, answered or not, for the next exam's comparison.
            "questions": (mode == Mode::Exam).then(|| {
                session
                    .items()
                    .iter()
                    .map(|it| it.question_id.as_str())
                    .collect::<Vec<_>>()
            }),
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
                        // The question is unanswered again: its mark stays without the answer.
                        let item = &session.items()[*index];
                        if item.marked {
                            self.store
                                .set_unanswered_mark(&item.question_id, true, self.now())?;
                        }
                    }
                }
                Event::MarkChanged {
                    index,
                    question_id,
                    marked,
                } => match self.recorded.get(index) {
                    Some(r) => self.store.set_marked(r.attempt, *marked)?,
                    // Marked before (or without) an answer: kept for Review missed all the same.
                    None => self
                        .store
                        .set_unanswered_mark(question_id, *marked, self.now())?,
                },
                Event::Finished => self.finish(session)?,
                Event::Requeued { .. } | Event::TimeUp => {}
            }
        }
        // A tick saves the time used every few seconds, so a crash loses at most that.
        let stale = self
            .saved_at
            .is_none_or(|at| self.now().saturating_sub(at) >= SAVE_EVERY_MS);
        if !tick || !events.is_empty() || stale {
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
        // A scaled score and a pass mark only for a full exam (README): a part of the exam
        // keeps its points.
        let result = SessionResult {
            points: summary.score.points,
            max: summary.score.max,
            scaled: summary.full_exam.then_some(summary.score.scaled_estimate),
            passed: summary.full_exam.then_some(summary.score.passed),
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
    fn save_snapshot(&mut self, session: &Session) -> Result<()> {
        if session.mode() != Mode::Exam || session.is_finished() {
            return Ok(());
        }
        if let Some(sid) = self.session_id {
            let now = self.now();
            let json = serde_json::to_string(&session.snapshot(now))?;
            self.store.save_snapshot(sid, &json)?;
            self.saved_at = Some(now);
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
}
