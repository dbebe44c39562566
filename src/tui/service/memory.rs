//! An in-memory study service over the engine alone, for tests and the screenshot generator.

use anyhow::Result;

use crate::bank::Bank;
use crate::clock::{Day, Millis};
use crate::engine::{Action, Event, Mode, Session, SessionConfig, Summary};
use crate::store::ReportReason;

use super::StudyService;
use crate::tui::view::{Dashboard, SetupChoice, StatsView};
use crate::tui::widgets::matrix_grid::CellAccuracy;

/// An in-memory service over the engine alone: nothing is persisted. Sessions ask `ids` (all
/// of them, in order) with a fixed seed; the clock moves only when told.
pub struct MemoryService {
    pub bank: Bank,
    pub now: Millis,
    pub seed: u64,
    pub ids: Vec<String>,
    pub exam_minutes: u32,
    /// Whether exams are full ones (`None`: the engine's rule, 40 questions).
    pub full_exam: Option<bool>,
    pub dashboard: Dashboard,
    pub stats: StatsView,
    pub accuracy: Vec<CellAccuracy>,
    /// Every event applied, in order (tests read it).
    pub events: Vec<Event>,
    pub abandoned: usize,
    pub plan: Option<(Day, u32)>,
    /// Every report made, as (question id, reason).
    pub reports: Vec<(String, ReportReason)>,
    /// The exam `resume_exam` gives back (abandoned exams are kept here).
    pub unfinished: Option<Session>,
    /// Concepts `unseen_concepts` reports as never reviewed.
    pub unseen: Vec<String>,
    /// The setup choices saved, per mode id.
    pub setups: Vec<(String, SetupChoice)>,
}

impl MemoryService {
    pub fn new(bank: Bank, ids: Vec<String>, now: Millis) -> MemoryService {
        MemoryService {
            bank,
            now,
            seed: 7,
            ids,
            exam_minutes: 45,
            full_exam: None,
            dashboard: Dashboard::default(),
            stats: StatsView::default(),
            accuracy: Vec::new(),
            events: Vec::new(),
            abandoned: 0,
            plan: None,
            reports: Vec::new(),
            unfinished: None,
            unseen: Vec::new(),
            setups: Vec::new(),
        }
    }
}

impl StudyService for MemoryService {
    fn bank(&self) -> &Bank {
        &self.bank
    }

    fn today(&self) -> Day {
        crate::clock::study_day(self.now, 0, crate::clock::DEFAULT_ROLLOVER_HOUR)
    }

    fn plan(&self) -> Option<(Day, u32)> {
        self.plan
    }

    fn set_plan(&mut self, day: Option<Day>, minutes: u32) -> Result<()> {
        self.plan = day.map(|d| (d, minutes));
        Ok(())
    }

    fn now(&self) -> Millis {
        self.now
    }

    fn report(&mut self, session: &Session, reason: ReportReason) -> Result<()> {
        let id = session.current_item().question_id.clone();
        self.reports.push((id, reason));
        Ok(())
    }

    fn start(&mut self, mode: Mode) -> Result<Session> {
        let mut config = SessionConfig::for_mode(mode);
        config.minutes = (mode == Mode::Exam).then_some(self.exam_minutes);
        config.full_exam = self.full_exam;
        Ok(Session::new(
            &self.bank,
            mode,
            self.ids.clone(),
            config,
            self.seed,
            self.now,
        )?)
    }

    fn start_with(&mut self, mode: Mode, choice: &SetupChoice) -> Result<Session> {
        let mut ids: Vec<String> = self
            .ids
            .iter()
            .filter(|id| {
                choice
                    .topic
                    .as_ref()
                    .is_none_or(|t| self.bank.get(id).is_some_and(|q| self.bank.in_topic(q, t)))
            })
            .cloned()
            .collect();
        ids.truncate(choice.count.max(1));
        let mut config = SessionConfig::for_mode(mode);
        config.minutes = (mode == Mode::Exam).then_some(self.exam_minutes);
        config.full_exam = self.full_exam;
        Ok(Session::new(
            &self.bank, mode, ids, config, self.seed, self.now,
        )?)
    }

    fn last_setup(&self, mode: Mode) -> Option<SetupChoice> {
        self.setups
            .iter()
            .find(|(m, _)| m == mode.id())
            .map(|(_, c)| c.clone())
    }

    fn save_setup(&mut self, mode: Mode, choice: &SetupChoice) -> Result<()> {
        self.setups.retain(|(m, _)| m != mode.id());
        self.setups.push((mode.id().to_string(), choice.clone()));
        Ok(())
    }

    fn start_ids(&mut self, mode: Mode, ids: Vec<String>) -> Result<Session> {
        let config = SessionConfig::for_mode(mode);
        Ok(Session::new(
            &self.bank, mode, ids, config, self.seed, self.now,
        )?)
    }

    fn apply(&mut self, session: &mut Session, action: Action) -> Result<Vec<Event>> {
        let events = session.apply(&self.bank, action, self.now)?;
        self.events.extend(events.iter().cloned());
        Ok(events)
    }

    fn abandon(&mut self, session: &mut Session) -> Result<()> {
        self.abandoned += 1;
        if session.mode() == Mode::Exam {
            self.unfinished = Some(session.clone());
        }
        Ok(())
    }

    fn resume_exam(&mut self) -> Result<Session> {
        self.unfinished
            .take()
            .ok_or_else(|| anyhow::anyhow!("there is no unfinished exam to resume"))
    }

    fn summary(&self, session: &Session) -> Summary {
        Summary::from_session(session, &self.bank, None)
    }

    fn dashboard(&self) -> Result<Dashboard> {
        let mut d = self.dashboard.clone();
        d.unfinished_exam = self
            .unfinished
            .as_ref()
            .map(|s| crate::tui::view::UnfinishedExam {
                started_at: s.started_at(),
                answered: s.items().iter().filter(|i| i.is_answered()).count(),
                total: s.items().len(),
                remaining_ms: s.remaining_ms(self.now).map(|ms| ms as i64),
            });
        Ok(d)
    }

    fn stats(&self) -> Result<StatsView> {
        Ok(self.stats.clone())
    }

    fn cell_accuracy(&self) -> Result<Vec<CellAccuracy>> {
        Ok(self.accuracy.clone())
    }

    fn unseen_concepts(&self, session: &Session) -> Vec<String> {
        session
            .items()
            .iter()
            .filter(|it| self.unseen.contains(&it.concept))
            .map(|it| it.concept.clone())
            .collect()
    }
}
