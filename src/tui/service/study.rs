//! The real study service: [`Study`] (the store, the scheduler and the engine) mapped onto the front
//! end's view models.

use anyhow::Result;

use crate::bank::Bank;
use crate::clock::{Millis, day_to_date};
use crate::engine::{Action, Event, Mode, Session, Summary};
use crate::study::{StartOptions, StatsReport, Study};

use super::StudyService;
use crate::tui::view::{self, Dashboard, SetupChoice, StatsView};
use crate::tui::widgets::matrix_grid::CellAccuracy;

fn date_label(ms: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%m-%d").to_string())
        .unwrap_or_default()
}

impl StudyService for Study {
    fn bank(&self) -> &Bank {
        &self.bank
    }

    fn today(&self) -> crate::clock::Day {
        Study::today(self)
    }

    fn calendar_today(&self) -> crate::clock::Day {
        Study::calendar_today(self)
    }

    fn plan(&self) -> Option<(crate::clock::Day, u32)> {
        self.scheduler.exam.map(|p| (p.exam_day, p.minutes_per_day))
    }

    fn set_plan(&mut self, day: Option<crate::clock::Day>, minutes: u32) -> Result<()> {
        match day {
            Some(d) => Study::set_plan(self, Some(day_to_date(d)), Some(minutes)),
            None => Study::clear_plan(self),
        }
    }

    fn resume_exam(&mut self) -> Result<crate::engine::Session> {
        Study::resume_exam(self)
    }

    fn report(
        &mut self,
        session: &crate::engine::Session,
        reason: crate::store::ReportReason,
    ) -> Result<()> {
        Study::report(self, session, reason)
    }

    fn now(&self) -> Millis {
        Study::now(self)
    }

    fn start(&mut self, mode: Mode) -> Result<Session> {
        Study::start(self, mode, &StartOptions::default())
    }

    fn start_ids(&mut self, mode: Mode, ids: Vec<String>) -> Result<Session> {
        Study::start_ids(self, mode, ids, &StartOptions::default())
    }

    fn apply(&mut self, session: &mut Session, action: Action) -> Result<Vec<Event>> {
        Study::apply(self, session, action)
    }

    fn abandon(&mut self, session: &mut Session) -> Result<()> {
        Study::abandon(self, session)
    }

    fn summary(&self, session: &Session) -> Summary {
        Study::summary(self, session)
    }

    fn dashboard(&self) -> Result<Dashboard> {
        Study::dashboard(self)
    }

    fn stats(&self) -> Result<StatsView> {
        let r = StatsReport::gather(self)?;
        Ok(StatsView {
            exams: r
                .exams
                .iter()
                .map(|e| view::ExamPoint {
                    label: date_label(e.started_at),
                    scaled: e.scaled,
                    passed: e.passed,
                })
                .collect(),
            topics: r
                .accuracy_lines()
                .into_iter()
                .map(|(t, objective)| view::TopicAccuracy {
                    name: format!("{} {}", t.id, t.name),
                    points: t.correct,
                    max: t.answered,
                    objective,
                })
                .collect(),
            per_day: r
                .per_day
                .iter()
                .map(|d| view::DayAnswers {
                    label: day_to_date(d.day).format("%m-%d").to_string(),
                    answered: d.answered,
                    correct: d.correct,
                })
                .collect(),
            due_forecast: r.due_forecast.clone(),
            confusion: r.confusion,
            leeches: r
                .leeches
                .iter()
                .map(|l| view::Leech {
                    title: l
                        .title
                        .clone()
                        .unwrap_or_else(|| "a concept no longer in the bank".to_string()),
                    lapses: l.lapses,
                    explanation: l.explanation.clone(),
                })
                .collect(),
            leeches_more: r.leeches_total.saturating_sub(r.leeches.len()),
        })
    }

    fn start_with(&mut self, mode: Mode, choice: &SetupChoice) -> Result<Session> {
        Study::start(
            self,
            mode,
            &StartOptions {
                topic: choice.topic.clone(),
                count: Some(choice.count),
                minutes: choice.minutes,
                seed: None,
            },
        )
    }

    fn last_setup(&self, mode: Mode) -> Option<SetupChoice> {
        let key = format!("{}{}", crate::store::keys::SETUP_PREFIX, mode.id());
        let text = self.store.get_setting(&key).ok().flatten()?;
        let choice: SetupChoice = serde_json::from_str(&text).ok()?;
        // A skill area the bank no longer has is forgotten.
        let known = choice.topic.as_deref().is_none_or(|t| {
            self.bank.rules.topic(t).is_some() || self.bank.rules.outline.scope(t).is_some()
        });
        known.then_some(choice)
    }

    fn save_setup(&mut self, mode: Mode, choice: &SetupChoice) -> Result<()> {
        let key = format!("{}{}", crate::store::keys::SETUP_PREFIX, mode.id());
        let value = serde_json::to_string(&SetupChoice {
            minutes: None,
            ..choice.clone()
        })?;
        self.store.set_setting(&key, &value)?;
        Ok(())
    }

    fn unseen_concepts(&self, session: &Session) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for it in session.items() {
            if out.contains(&it.concept) {
                continue;
            }
            // A concept without a review yet (an unreadable state counts as seen: no label
            // is better than a wrong one).
            if let Ok(state) = self.store.memory(&it.concept)
                && state.is_none_or(|s| s.reps == 0)
            {
                out.push(it.concept.clone());
            }
        }
        out
    }

    /// Per cell: the learner's answers about that cell, and how many were right (a question
    /// touching several cells counts for each cell by the part about it; see
    /// [`crate::engine::cells::cell_results`]).
    fn cell_accuracy(&self) -> Result<Vec<CellAccuracy>> {
        let mut out: Vec<CellAccuracy> = Vec::new();
        for q in self.bank.questions().iter().filter(|q| !q.cells.is_empty()) {
            if self.store.attempts_for_question(&q.id)?.attempts == 0 {
                continue;
            }
            for response in self.store.responses_for_question(&q.id)? {
                for (k, right) in crate::engine::cells::cell_results(q, &response) {
                    let Some(cell) = q.cells.get(k) else {
                        continue;
                    };
                    let Some(layer) = self.bank.rules.layer_index(&cell.layer) else {
                        continue;
                    };
                    let i = match out
                        .iter()
                        .position(|a| a.layer == layer && a.model == cell.model)
                    {
                        Some(i) => i,
                        None => {
                            out.push(CellAccuracy {
                                layer,
                                model: cell.model,
                                correct: 0,
                                total: 0,
                            });
                            out.len() - 1
                        }
                    };
                    if let Some(a) = out.get_mut(i) {
                        a.total = a.total.saturating_add(1);
                        a.correct = a.correct.saturating_add(u32::from(right));
                    }
                }
            }
        }
        Ok(out)
    }
}
