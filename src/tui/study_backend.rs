//! The real backend: [`Study`] (the store, the scheduler and the engine) mapped onto the front
//! end's view models.

use anyhow::Result;

use crate::bank::Bank;
use crate::clock::{Millis, day_to_date};
use crate::engine::{Action, Event, Mode, Session, Summary};
use crate::study::{StartOptions, StatsReport, Study};

use super::backend::Backend;
use super::view::{self, Dashboard, StatsView};
use super::widgets::matrix_grid::CellAccuracy;

fn dashboard(d: crate::study::Dashboard) -> Dashboard {
    Dashboard {
        due_today: d.due_today,
        new_available: d.new_available,
        streak: d.streak,
        last_exam_scaled: d.last_exam_scaled,
        readiness: d.readiness.map(|r| view::Readiness {
            predicted_percent: r.predicted_percent,
            low: r.low,
            high: r.high,
            scaled_estimate: r.scaled_estimate,
            seen: r.seen,
            concepts: r.concepts,
        }),
        exam_date: d.exam_date,
        days_to_exam: d.days_to_exam,
        attempts: d.attempts,
        questions: d.questions,
        concepts: d.concepts,
        review_waiting: d.review_waiting,
        minutes_today: d.minutes_today,
        unfinished_exam: d.unfinished_exam.map(|u| view::UnfinishedExam {
            answered: u.answered,
            total: u.total,
            remaining_ms: u.remaining_ms,
        }),
    }
}

fn date_label(ms: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%m-%d").to_string())
        .unwrap_or_default()
}

impl Backend for Study {
    fn bank(&self) -> &Bank {
        &self.bank
    }

    fn today(&self) -> crate::clock::Day {
        Study::today(self)
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
        Ok(dashboard(Study::dashboard(self)?))
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
                .topics
                .iter()
                .map(|t| view::TopicAccuracy {
                    name: t.name.clone(),
                    points: t.points,
                    max: t.max,
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
                    concept: l.concept.clone(),
                    lapses: l.lapses,
                    explanation: l.explanation.clone(),
                })
                .collect(),
        })
    }

    /// Per cell: the attempts at questions whose key depends on it.
    fn cell_accuracy(&self) -> Result<Vec<CellAccuracy>> {
        let mut out: Vec<CellAccuracy> = Vec::new();
        for q in self.bank.questions().iter().filter(|q| !q.cells.is_empty()) {
            let count = self.store.attempts_for_question(&q.id)?;
            if count.attempts == 0 {
                continue;
            }
            for cell in &q.cells {
                let Some(layer) = self.bank.rules.layer_index(&cell.layer) else {
                    continue;
                };
                let add = |a: &mut CellAccuracy| {
                    a.total = a
                        .total
                        .saturating_add(u32::try_from(count.attempts).unwrap_or(u32::MAX));
                    a.correct = a
                        .correct
                        .saturating_add(u32::try_from(count.correct).unwrap_or(u32::MAX));
                };
                match out
                    .iter_mut()
                    .find(|a| a.layer == layer && a.model == cell.model)
                {
                    Some(a) => add(a),
                    None => {
                        let mut a = CellAccuracy {
                            layer,
                            model: cell.model,
                            correct: 0,
                            total: 0,
                        };
                        add(&mut a);
                        out.push(a);
                    }
                }
            }
        }
        Ok(out)
    }
}
