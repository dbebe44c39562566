//! The running session's glue: what the question screens keep about it ([`SessionState`]),
//! opening one, applying an action (each answer is saved by the service before this returns)
//! and following its events, and the questions about it the event loop and screens ask.

use crate::bank::question::{Question, Response};

use crate::engine::{Action, Event, Mode, Phase, Session};

use super::answer::Draft;
use super::app::{App, Screen};
use super::event::Msg;
use super::screens::results::{ResultsFilter, ResultsState};

/// A running session and what the question screen keeps about it.
pub struct SessionState {
    pub session: Session,
    pub draft: Draft,
    /// The next answer is marked as a guess.
    pub guess: bool,
    pub timer_hidden: bool,
    /// The exam's review list is open.
    pub review_open: bool,
    pub review_cursor: usize,
    /// Manual scroll of the question / feedback page (`None`: follow the cursor).
    pub scroll: Option<usize>,
    /// In an exam, the incomplete answer the learner was told about (item index and answer):
    /// Enter again on the same answer leaves it incomplete on purpose.
    pub incomplete_warned: Option<(usize, Response)>,
    /// Concepts never reviewed before the session started ("Study due" labels them new).
    pub unseen: Vec<String>,
}

impl App<'_> {
    /// Opens a session that was started outside (the `practice|exam|…` subcommands).
    pub fn open_session(&mut self, session: Session) {
        let draft = draft_for(
            self.service.bank().get(&session.current_item().question_id),
            &session,
        );
        let unseen = if session.mode() == Mode::Due {
            self.service.unseen_concepts(&session)
        } else {
            Vec::new()
        };
        self.session = Some(SessionState {
            session,
            draft,
            unseen,
            guess: false,
            timer_hidden: false,
            review_open: false,
            review_cursor: 0,
            scroll: None,
            incomplete_warned: None,
        });
        self.screen = Screen::Session;
    }
    /// Indices of the session's items answered only in part (a choose-2 with one pick, a
    /// yes/no series with statements left open, ...).
    pub fn incomplete_items(&self) -> Vec<usize> {
        let Some(state) = self.session.as_ref() else {
            return Vec::new();
        };
        state.session.incomplete_items(self.service.bank())
    }
    /// The question of the current session item.
    pub fn current_question(&self) -> Option<&Question> {
        let s = self.session.as_ref()?;
        self.service
            .bank()
            .get(&s.session.current_item().question_id)
    }
    /// Whether a countdown is on screen (the event loop then wakes every second).
    pub fn countdown_visible(&self) -> bool {
        self.screen == Screen::Session
            && self
                .session
                .as_ref()
                .is_some_and(|s| !s.timer_hidden && s.session.deadline().is_some())
    }
    /// Whether a timed exam is running (it needs ticks even with the countdown hidden, to end
    /// at the deadline).
    pub fn timed_session_running(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.session.deadline().is_some() && !s.session.is_finished())
    }
    /// Milliseconds left in a timed session.
    pub fn remaining_ms(&self) -> Option<i64> {
        let s = self.session.as_ref()?;
        s.session
            .remaining_ms(self.now)
            .map(|r| i64::try_from(r).unwrap_or(i64::MAX))
    }
    pub(crate) fn exam_running(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.session.mode() == Mode::Exam && !s.session.is_finished())
    }
    /// Applies an action to the running session and follows its events.
    pub(crate) fn act(&mut self, action: Action) {
        let Some(state) = self.session.as_mut() else {
            return;
        };
        let before = state.session.current_index();
        let was_phase = state.session.phase();
        match self.service.apply(&mut state.session, action) {
            Ok(events) => {
                let moved =
                    state.session.current_index() != before || state.session.phase() != was_phase;
                if moved && state.session.phase() == Phase::Question {
                    let q = self
                        .service
                        .bank()
                        .get(&state.session.current_item().question_id);
                    state.draft = draft_for(q, &state.session);
                    state.guess = state.session.current_item().guess;
                    state.scroll = None;
                } else if moved {
                    state.scroll = None;
                }
                for e in &events {
                    match e {
                        Event::TimeUp => self.say("Time is up: the exam was submitted."),
                        Event::Requeued { .. } => {
                            self.say("Missed: this concept comes back in a few questions.")
                        }
                        _ => {}
                    }
                }
                if events.contains(&Event::Finished) {
                    self.finish_session();
                }
            }
            // The answer was not saved (a full disk...): stop rather than move on as if it
            // were; the session is left (nothing more is written) and the app ends.
            Err(e) if e.is::<crate::study::NotSaved>() => {
                self.session = None;
                self.fatal = Some(format!("{e:#}"));
                self.quit = true;
            }
            Err(e) => self.fail(format!("{e:#}")),
        }
    }
    pub(crate) fn finish_session(&mut self) {
        if let Some(s) = self.session.take() {
            let summary = self.service.summary(&s.session);
            // Open on the questions whose latest answer is wrong; with none, on the
            // unanswered, else on every question.
            let items = s.session.items();
            let latest = crate::engine::summary::questions(items);
            let filter = [ResultsFilter::Wrong, ResultsFilter::Unanswered]
                .into_iter()
                .find(|f| latest.iter().any(|&i| f.keeps(&items[i])))
                .unwrap_or(ResultsFilter::All);
            self.screens.results = Some(ResultsState {
                summary,
                session: s.session,
                cursor: 0,
                detail: false,
                scroll: None,
                follow: false,
                filter,
            });
            self.screen = Screen::Results;
            self.refresh_dashboard();
        }
    }
    pub(crate) fn update_session(&mut self, msg: Msg) {
        let Some(state) = self.session.as_ref() else {
            self.screen = Screen::Home;
            return;
        };
        let exam = state.session.mode() == Mode::Exam;
        if state.review_open {
            self.update_review_list(msg);
            return;
        }
        match state.session.phase() {
            Phase::Feedback => self.update_feedback(msg),
            Phase::Question => self.update_question(msg, exam),
            Phase::Finished => self.finish_session(),
        }
    }
    /// In an exam, an answer changed but not submitted is saved when leaving the question.
    pub(crate) fn save_exam_draft(&mut self) {
        let Some(state) = self.session.as_ref() else {
            return;
        };
        if state.session.mode() == Mode::Exam && state.draft.dirty && state.draft.is_answered() {
            let response = state.draft.response();
            let guess = state.guess;
            let n = state.session.current_index() + 1;
            let kept = self.current_question().and_then(|q| {
                q.body
                    .missing(&response)
                    .map(|m| format!("Question {n} kept incomplete: {m}"))
                    .or_else(|| {
                        q.body
                            .too_many(&response)
                            .map(|m| format!("Question {n} kept with too many picks: {m}"))
                    })
            });
            self.act(Action::Answer { response, guess });
            if let Some(state) = self.session.as_mut() {
                state.draft.dirty = false;
            }
            if let Some(kept) = kept {
                self.say(kept);
            }
        }
    }
}

/// A fresh draft for the session's current item.
pub fn draft_for(q: Option<&Question>, session: &Session) -> Draft {
    let item = session.current_item();
    match q {
        Some(q) => Draft::new(q, &item.order, item.response.as_ref()),
        None => Draft {
            kind: crate::bank::question::Kind::Single,
            order: Vec::new(),
            cursor: 0,
            col: 0,
            holding: false,
            dirty: false,
            given: false,
            value: super::answer::Value::Choices(Default::default()),
        },
    }
}
