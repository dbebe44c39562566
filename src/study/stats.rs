//! What the Stats screen and `az900 stats` show, as numbers (`crate::report` writes the text).

use std::collections::HashSet;

use anyhow::Result;
use serde::Serialize;

use super::{Dashboard, Study, question_title};
use crate::clock::Day;
use crate::schedule;
use crate::store;

/// Everything the Stats screen and `az900 stats` show.
#[derive(Debug, Clone, Serialize)]
pub struct StatsReport {
    pub dashboard: Dashboard,
    pub topics: Vec<TopicLine>,
    /// Readiness and accuracy per skill area and objective of the exam outline.
    pub outline: crate::schedule::by_objective::OutlineStats,
    /// The recent exams, oldest first (a chart's order; `stats` prints them newest first).
    pub exams: Vec<store::ExamRecord>,
    /// Answers per study day over the last 90 days (oldest first), days with none included.
    pub per_day: Vec<store::DayCount>,
    /// Reviews due on each of the next 14 days: today the due reviews Study due asks today
    /// (Home's count), then the other studied concepts by their due dates.
    pub due_forecast: Vec<usize>,
    /// `[truth][chosen]` in Customer, Microsoft, Shared order.
    pub confusion: store::ConfusionTable,
    /// The [`STATS_LEECHES`] concepts failed most often…
    pub leeches: Vec<Leech>,
    /// …of this many with at least `LEECH_LAPSES` lapses.
    pub leeches_total: usize,
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

/// Leeches listed in stats (the most lapses first; the total is given beside them).
pub const STATS_LEECHES: usize = 20;

/// Exams shown in stats (the most recent).
pub const STATS_EXAMS: usize = 100;

impl StatsReport {
    pub fn gather(study: &Study) -> Result<StatsReport> {
        // Memory states are read once and Home's due queue is reused for the forecast: the
        // dashboard, the forecast and the outline view all need them (at 1M answers each
        // read or plan is a noticeable share of `az900 stats`).
        let states = study.store.memory_states()?;
        let (dashboard, queue) = study.dashboard_from(&states)?;
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
        let asked: HashSet<&str> = queue
            .items
            .iter()
            .filter(|i| !i.new)
            .map(|i| i.concept.as_str())
            .collect();
        let mut due_forecast = vec![0usize; 14];
        due_forecast[0] = queue.reviews();
        for s in &states {
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
            .leeches(schedule::LEECH_LAPSES, STATS_LEECHES)?
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
            outline: study.outline_stats_from(&states)?,
            exams: study.store.recent_exams(STATS_EXAMS)?,
            per_day,
            due_forecast,
            confusion: study.store.confusion_table()?,
            leeches,
            leeches_total: study.store.leech_count(schedule::LEECH_LAPSES)?,
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
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::bank::{Bank, Response};
    use crate::clock::{FixedClock, Millis};
    use crate::engine::{Action, Mode};
    use crate::store::Store;
    use crate::study::StartOptions;

    const T0: Millis = 20_785 * 86_400_000 + 10 * 3_600_000;

    /// A study of the embedded bank and an empty in-memory store, its clock fixed at `T0`.
    fn study_at_t0() -> Study {
        Study::new(
            Bank::embedded().unwrap(),
            Store::open_in_memory().unwrap(),
            Box::new(FixedClock::new(T0)),
        )
        .unwrap()
    }

    /// The scheduling benchmark's `az900` is the planner as the app sets it up: told the exam's
    /// topic weights, its bank neighbours, and the sets of confusable concepts for the share of
    /// concepts the app's generators mark (the README quotes the benchmark's default run as the
    /// app's figure).
    #[test]
    fn the_benchmark_measures_the_planner_as_the_app_sets_it_up() {
        let mut study = study_at_t0();
        let exam_date = chrono::NaiveDate::from_ymd_opt(2027, 1, 15);
        study.set_plan(exam_date, Some(20)).unwrap();
        let bench = crate::schedule::sim::fair::FairConfig::full(900, 1);
        let grouped = study.scheduler.groups.as_ref().map_or(0, |g| g.len());
        let concepts = study.concepts().len();
        let share = grouped as f64 / concepts as f64;
        assert!(
            (share - bench.az900_known_groups).abs() < 0.01,
            "{grouped} of {concepts} concepts in sets: {share:.3}, the benchmark tells {}",
            bench.az900_known_groups
        );
        assert_eq!(study.scheduler.topic_weights.is_some(), bench.az900_weights);
        assert_eq!(study.scheduler.bank_neighbours, bench.az900_neighbours);
        assert!(!bench.scattered_groups);
        assert!(study.scheduler.exam.is_some());
    }

    /// The app's plan, with the real bank: a fact table's column comes side by side (the sets
    /// the generators mark), not a row's attributes (bank order).
    #[test]
    fn the_apps_exam_plan_asks_a_fact_tables_column_side_by_side() {
        let mut study = study_at_t0();
        study
            .set_plan(chrono::NaiveDate::from_ymd_opt(2027, 1, 15), Some(20))
            .unwrap();
        let all = study.concepts();
        let s = &study.scheduler;
        // Every access-tier concept answered once, right, at T0.
        let states: Vec<crate::schedule::MemoryState> = all
            .iter()
            .filter(|c| c.concept.starts_with("stor-access-tiers."))
            .map(|c| {
                s.review(
                    None,
                    &c.concept,
                    &c.concept,
                    crate::schedule::Rating::Good,
                    T0,
                    0,
                )
            })
            .collect();
        let plan = s.queue(&states, &all, study.today() + 4, 0, 0);
        let at = |c: &str| plan.iter().position(|p| p == c);
        let tiers = ["hot", "cool", "cold", "archive"];
        let min_days: Vec<Option<usize>> = tiers
            .iter()
            .map(|t| at(&format!("stor-access-tiers.{t}.min-days")))
            .collect();
        let mut places: Vec<usize> = min_days.iter().map(|p| p.unwrap()).collect();
        places.sort_unstable();
        // The four tiers' minimum retention are asked one after another (with the column's
        // own match or hot area among them at most), not each beside its tier's other cells.
        assert!(places[3] - places[0] <= 4, "{plan:?}");
        let hot_online = at("stor-access-tiers.hot.online").unwrap();
        let hot_min_days = min_days[0].unwrap();
        assert!(hot_online.abs_diff(hot_min_days) > 1, "{plan:?}");
    }

    #[test]
    fn the_forecast_today_is_homes_due_count_with_or_without_an_exam_plan() {
        let mut study = study_at_t0();
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
