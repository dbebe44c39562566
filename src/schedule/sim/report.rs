//! Summaries of a simulation: paired differences against az900 and the floors it must meet.

use std::fmt::Write as _;

use super::{PolicyKind, RunResult, ScenarioResult, diff_cell, mean_ci};

/// Every run of a simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct SimReport {
    pub policies: Vec<PolicyKind>,
    pub scenarios: Vec<ScenarioResult>,
}

/// A floor the planner must meet in the full benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    pub name: String,
    pub value: f64,
    pub met: bool,
}

impl SimReport {
    fn index(&self, kind: PolicyKind) -> Option<usize> {
        self.policies.iter().position(|p| *p == kind)
    }

    fn runs(&self, scenario: usize, kind: PolicyKind) -> &[RunResult] {
        match (self.scenarios.get(scenario), self.index(kind)) {
            (Some(s), Some(p)) => s.runs.get(p).map_or(&[], |r| r.as_slice()),
            _ => &[],
        }
    }

    /// Paired differences az900 − `kind` of a metric, over the learners of the given scenarios.
    fn diffs(
        &self,
        scenarios: &[usize],
        kind: PolicyKind,
        f: impl Fn(&RunResult) -> Option<f64>,
    ) -> Vec<f64> {
        let mut out = Vec::new();
        for &s in scenarios {
            for (a, b) in self
                .runs(s, PolicyKind::Az900)
                .iter()
                .zip(self.runs(s, kind))
            {
                if let (Some(x), Some(y)) = (f(a), f(b)) {
                    out.push(x - y);
                }
            }
        }
        out
    }

    fn all(&self) -> Vec<usize> {
        (0..self.scenarios.len()).collect()
    }

    /// Mean true exam-day recall (0–1) of a scheduler, over every scenario and learner.
    pub fn mean_exam_recall(&self, kind: PolicyKind) -> f64 {
        let xs: Vec<f64> = (0..self.scenarios.len())
            .flat_map(|s| self.runs(s, kind).iter().map(|r| r.exam_recall))
            .collect();
        mean_ci(&xs).0
    }

    /// Mean paired difference az900 − `kind` in exam-day recall (points) for one scenario, with
    /// the half-width of its 95 % interval.
    pub fn recall_diff(&self, scenario: usize, kind: PolicyKind) -> (f64, f64) {
        let d = self.diffs(&[scenario], kind, |r| Some(100.0 * r.exam_recall));
        mean_ci(&d)
    }

    /// Mean absolute error of az900's readiness prediction, in points.
    pub fn readiness_mae(&self) -> f64 {
        let xs: Vec<f64> = (0..self.scenarios.len())
            .flat_map(|s| {
                self.runs(s, PolicyKind::Az900)
                    .iter()
                    .filter_map(|r| r.readiness_error)
            })
            .map(f64::abs)
            .collect();
        mean_ci(&xs).0
    }

    /// The floors: az900 beats default FSRS on exam-day recall averaged over the scenarios,
    /// never loses to SM-2 or Leitner in a scenario, and predicts readiness within 5 points on
    /// average.
    pub fn floors(&self) -> Vec<Floor> {
        let mut out = Vec::new();
        let all = self.all();
        let vs_fsrs = mean_ci(&self.diffs(&all, PolicyKind::FsrsDefault, |r| {
            Some(100.0 * r.exam_recall)
        }))
        .0;
        out.push(Floor {
            name: "az900 − fsrs-0.9, mean exam recall (points) > 0".into(),
            value: vs_fsrs,
            met: vs_fsrs > 0.0,
        });
        for kind in [PolicyKind::Sm2, PolicyKind::Leitner] {
            let worst = all
                .iter()
                .map(|&s| self.recall_diff(s, kind).0)
                .fold(f64::INFINITY, f64::min);
            out.push(Floor {
                name: format!("az900 − {}, worst scenario (points) >= 0", kind.name()),
                value: worst,
                met: worst >= 0.0,
            });
        }
        let mae = self.readiness_mae();
        out.push(Floor {
            name: "readiness mean absolute error (points) <= 5".into(),
            value: mae,
            met: mae <= 5.0,
        });
        out
    }

    /// The benchmark's table.
    pub fn table(&self) -> String {
        let mut t = String::new();
        let others: Vec<PolicyKind> = self
            .policies
            .iter()
            .copied()
            .filter(|p| *p != PolicyKind::Az900)
            .collect();
        let learners = self
            .scenarios
            .first()
            .and_then(|s| s.runs.first())
            .map_or(0, Vec::len);
        let _ = writeln!(
            t,
            "(a) true recall on exam day, % of concepts: az900's mean, then az900 − other \
             (mean ± 95% CI of the paired difference, {learners} learners per scenario)"
        );
        let _ = write!(t, "{:<24}{:>7}", "scenario", "az900");
        for p in &others {
            let _ = write!(t, "{:>14}", p.name());
        }
        t.push('\n');
        for (i, s) in self.scenarios.iter().enumerate() {
            let sc = s.scenario;
            let label = format!("{} b{} h{}", sc.family.name(), sc.budget, sc.horizon);
            let az = mean_ci(
                &self
                    .runs(i, PolicyKind::Az900)
                    .iter()
                    .map(|r| 100.0 * r.exam_recall)
                    .collect::<Vec<_>>(),
            )
            .0;
            let _ = write!(t, "{label:<24}{az:>7.1}");
            for p in &others {
                let (m, h) = self.recall_diff(i, *p);
                let _ = write!(t, "{:>14}", format!("{m:+.1}±{h:.1}"));
            }
            t.push('\n');
        }
        let all = self.all();
        let _ = write!(
            t,
            "{:<24}{:>7.1}",
            "all scenarios",
            100.0 * self.mean_exam_recall(PolicyKind::Az900)
        );
        for p in &others {
            let d = diff_cell(&self.diffs(&all, *p, |r| Some(100.0 * r.exam_recall)));
            let _ = write!(t, "{d:>14}");
        }
        t.push('\n');
        let _ = write!(t, "{:<24}{:>7}", "mean recall, %", "");
        for p in &others {
            let _ = write!(t, "{:>14.1}", 100.0 * self.mean_exam_recall(*p));
        }
        t.push_str("\n\n");

        self.reviews_table(&mut t, &all);
        self.calibration_table(&mut t);
        t
    }

    /// Section (b) of [`Self::table`]: reviews until a week-ahead recall of 90 %.
    fn reviews_table(&self, t: &mut String, all: &[usize]) {
        let _ = writeln!(
            t,
            "(b) reviews until mean true recall a week ahead first reaches 90% (all scenarios): \
             share of runs that reach it, mean reviews among those, az900 − other over runs \
             where both reach it (negative = az900 needs fewer)"
        );
        let _ = writeln!(
            t,
            "{:<12}{:>9}{:>10}{:>18}",
            "scheduler", "reached", "reviews", "az900 − other"
        );
        for p in &self.policies {
            let runs: Vec<&RunResult> = all.iter().flat_map(|&s| self.runs(s, *p)).collect();
            let reached: Vec<f64> = runs
                .iter()
                .filter_map(|r| r.reviews_to_90)
                .map(|x| x as f64)
                .collect();
            let share = 100.0 * reached.len() as f64 / runs.len().max(1) as f64;
            let mean = mean_ci(&reached).0;
            let diff = if *p == PolicyKind::Az900 {
                "-".to_string()
            } else {
                let (m, h) = mean_ci(&self.diffs(all, *p, |r| r.reviews_to_90.map(|x| x as f64)));
                format!("{m:+.0}±{h:.0}")
            };
            let _ = writeln!(
                t,
                "{:<12}{:>8.0}%{:>10.0}{:>18}",
                p.name(),
                share,
                mean,
                diff
            );
        }
        t.push('\n');
    }

    /// Section (c) of [`Self::table`]: readiness calibration, then the floors.
    fn calibration_table(&self, t: &mut String) {
        let _ = writeln!(
            t,
            "(c) readiness calibration: predicted − true expected exam score, in points"
        );
        let _ = writeln!(t, "{:<24}{:>10}{:>10}", "states of", "MAE", "bias");
        for p in [PolicyKind::Az900, PolicyKind::FsrsDefault] {
            for fam in [super::Family::Fsrs, super::Family::Exponential] {
                let errs: Vec<f64> = self
                    .scenarios
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.scenario.family == fam)
                    .flat_map(|(i, _)| self.runs(i, p).iter().filter_map(|r| r.readiness_error))
                    .collect();
                if errs.is_empty() {
                    continue;
                }
                let mae = mean_ci(&errs.iter().map(|e| e.abs()).collect::<Vec<_>>()).0;
                let bias = mean_ci(&errs).0;
                let label = format!("{} / {}", p.name(), fam.name());
                let _ = writeln!(t, "{label:<24}{mae:>10.1}{bias:>+10.1}");
            }
        }
        t.push('\n');
        let _ = writeln!(t, "floors:");
        for f in self.floors() {
            let _ = writeln!(
                t,
                "  [{}] {}: {:.2}",
                if f.met { "ok" } else { "FAIL" },
                f.name,
                f.value
            );
        }
    }
}
