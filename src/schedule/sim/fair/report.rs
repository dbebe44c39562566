//! The benchmark's figures: paired differences with intervals, the targets, the table.

use super::super::{diff_cell, mean_ci};
use super::{Cell, Contender, FairRun};

/// Whether a paired difference with mean `m` and half-width `h` is below 0 beyond its
/// interval.
fn below_beyond_ci(m: f64, h: f64) -> bool {
    m + h < 0.0
}

/// The runs of one cell: `runs[contender][learner]`.
#[derive(Debug, Clone, PartialEq)]
pub struct FairCell {
    pub cell: Cell,
    pub runs: Vec<Vec<FairRun>>,
}

/// Every run of the benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct FairReport {
    pub contenders: Vec<Contender>,
    pub cells: Vec<FairCell>,
}

impl FairReport {
    pub(super) fn runs(&self, cell: usize, kind: Contender) -> &[FairRun] {
        let k = self.contenders.iter().position(|c| *c == kind);
        match (self.cells.get(cell), k) {
            (Some(c), Some(k)) => c.runs.get(k).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// Paired differences az900 − `kind` in exam-day score over the given cells.
    pub fn diffs(&self, cells: &[usize], kind: Contender) -> Vec<f64> {
        cells
            .iter()
            .flat_map(|&c| {
                self.runs(c, Contender::Az900)
                    .iter()
                    .zip(self.runs(c, kind))
                    .map(|(a, b)| a.score - b.score)
            })
            .collect()
    }

    /// Mean of a metric of `kind` over the given cells.
    pub fn mean(&self, cells: &[usize], kind: Contender, f: impl Fn(&FairRun) -> f64) -> f64 {
        let xs: Vec<f64> = cells
            .iter()
            .flat_map(|&c| self.runs(c, kind).iter().map(&f))
            .collect();
        mean_ci(&xs).0
    }

    pub(super) fn all(&self) -> Vec<usize> {
        (0..self.cells.len()).collect()
    }

    /// az900 − each filling baseline in each cell: (cell, baseline, mean, half-width of the 95 %
    /// interval), unrounded.
    pub fn against_filling(&self) -> Vec<(usize, Contender, f64, f64)> {
        let mut out = Vec::new();
        for kind in self
            .contenders
            .iter()
            .filter(|k| k.fills() && **k != Contender::Az900 && **k != Contender::Oracle)
        {
            for c in self.all() {
                let (m, h) = mean_ci(&self.diffs(&[c], *kind));
                out.push((c, *kind, m, h));
            }
        }
        out
    }

    /// The cells where az900 is behind a filling baseline beyond the interval (mean + half-width
    /// below 0), as [`FairReport::against_filling`] gives them.
    pub fn behind(&self) -> Vec<(usize, Contender, f64, f64)> {
        self.against_filling()
            .into_iter()
            .filter(|(_, _, m, h)| below_beyond_ci(*m, *h))
            .collect()
    }

    /// The targets of issue 18, each with its value and whether it is met.
    pub fn targets(&self) -> Vec<(String, f64, bool)> {
        let all = self.all();
        let mut out = Vec::new();
        let against = self.against_filling();
        let worst = against
            .iter()
            .map(|(_, _, m, _)| *m)
            .fold(f64::INFINITY, f64::min);
        out.push((
            "az900 - every filling baseline, worst cell (none below 0 beyond its CI)".into(),
            worst,
            !against.iter().any(|(_, _, m, h)| below_beyond_ci(*m, *h)),
        ));
        if self.contenders.contains(&Contender::FsrsFill) {
            let (m, _) = mean_ci(&self.diffs(&all, Contender::FsrsFill));
            out.push(("az900 - fsrs-fill, pooled >= +3".into(), m, m >= 3.0));
        }
        if self.contenders.contains(&Contender::Oracle) {
            let (m, _) = mean_ci(&self.diffs(&all, Contender::Oracle));
            out.push(("az900 - oracle, pooled >= -1".into(), m, m >= -1.0));
        }
        out
    }

    /// The benchmark's table.
    pub fn table(&self) -> String {
        use std::fmt::Write as _;
        let mut t = String::new();
        let others: Vec<Contender> = self
            .contenders
            .iter()
            .copied()
            .filter(|c| *c != Contender::Az900)
            .collect();
        let learners = self
            .cells
            .first()
            .and_then(|c| c.runs.first())
            .map_or(0, Vec::len);
        let _ = writeln!(
            t,
            "(a) exam-day score, % (25 % guessing floor): az900's mean, then az900 - other \
             (mean ± 95% CI of the paired difference, {learners} learners per cell)"
        );
        let _ = write!(t, "{:<22}{:>7}", "cell", "az900");
        for p in &others {
            let _ = write!(t, "{:>12}", p.name());
        }
        t.push('\n');
        let row = |t: &mut String, label: &str, cells: &[usize]| {
            let az = self.mean(cells, Contender::Az900, |r| r.score);
            let _ = write!(t, "{label:<22}{az:>7.1}");
            for p in &others {
                let _ = write!(t, "{:>12}", diff_cell(&self.diffs(cells, *p)));
            }
            t.push('\n');
        };
        for (i, c) in self.cells.iter().enumerate() {
            let label = c.cell.label();
            row(&mut t, &label, &[i]);
        }
        let all = self.all();
        row(&mut t, "pooled", &all);
        let _ = write!(t, "{:<22}{:>7}", "mean score", "");
        for p in &others {
            let _ = write!(t, "{:>12.1}", self.mean(&all, *p, |r| r.score));
        }
        t.push_str("\n\n");
        let _ = writeln!(
            t,
            "(b) minutes actually studied per day (mean over learners)"
        );
        let _ = write!(t, "{:<22}", "cell");
        for p in &self.contenders {
            let _ = write!(t, "{:>10}", p.name());
        }
        t.push('\n');
        for (i, c) in self.cells.iter().enumerate() {
            let label = c.cell.label();
            let _ = write!(t, "{label:<22}");
            for p in &self.contenders {
                let _ = write!(t, "{:>10.1}", self.mean(&[i], *p, |r| r.minutes_per_day));
            }
            t.push('\n');
        }
        t.push('\n');
        let _ = writeln!(t, "targets:");
        for (name, v, ok) in self.targets() {
            let _ = writeln!(t, "  [{}] {name}: {v:+.2}", if ok { "ok" } else { "MISS" });
        }
        let behind = self.behind();
        let _ = writeln!(
            t,
            "cells behind a filling baseline beyond the CI: {}",
            behind.len()
        );
        for (c, kind, m, h) in behind {
            let label = self
                .cells
                .get(c)
                .map(|c| c.cell.label())
                .unwrap_or_default();
            let _ = writeln!(t, "  {label} vs {}: {m:+.2} ± {h:.2}", kind.name());
        }
        t
    }
}
