//! The text of `az900 stats`, one section a function, from the numbers
//! [`StatsReport::gather`] collects.

use std::fmt::Write as _;

use crate::schedule;
use crate::study::StatsReport;

impl StatsReport {
    /// The text printed by `az900 stats`.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        overview(self, &mut s);
        skill_areas(self, &mut s);
        accuracy(self, &mut s);
        exams(self, &mut s);
        let _ = writeln!(s, "\nDue in the next 14 days: {:?}", self.due_forecast);
        confusion(self, &mut s);
        leeches(self, &mut s);
        s
    }
}

/// Answers, streak and today's counts, then the readiness estimate.
fn overview(report: &StatsReport, s: &mut String) {
    let d = &report.dashboard;
    let _ = writeln!(
        s,
        "Answers: {} · streak: {} day(s) · due today: {} · new today: {} · to review: {}",
        d.attempts, d.streak, d.due_today, d.new_available, d.review_waiting
    );
    match &d.readiness {
        Some(r) => {
            let _ = writeln!(
                s,
                "Readiness (estimate): {} % recall predicted{} → scaled ≈ {} ({}–{} %)",
                crate::text::percent(r.predicted_percent),
                match &d.exam_date {
                    Some(date) => format!(" on {date}"),
                    None => " today".into(),
                },
                r.scaled_estimate,
                crate::text::percent(r.low),
                crate::text::percent(r.high)
            );
        }
        // No concept studied: no estimate, here or by skill area below.
        None if d.attempts > 0 => {
            let _ = writeln!(
                s,
                "Readiness: — (no concept studied yet: cram answers, and an exam's until it is \
                 submitted, leave the schedule alone)"
            );
        }
        None => {
            let _ = writeln!(s, "Readiness: — (answer some questions first)");
        }
    }
}

/// The exam-weighted estimate, then each skill area's predicted recall.
fn skill_areas(r: &StatsReport, s: &mut String) {
    let o = &r.outline;
    if r.dashboard.readiness.is_none() {
        // The estimate would be the guessing rate alone: Readiness above says why there is none.
        let _ = writeln!(
            s,
            "\nBy skill area (no exam-weighted estimate yet; {} of {} objectives not studied yet):",
            o.unknown_objectives,
            o.objectives.len()
        );
    } else {
        let _ = writeln!(
            s,
            "\nBy skill area (exam-weighted estimate {} %, scaled ≈ {}; {} of {} objectives not studied yet):",
            crate::text::percent(o.predicted_percent),
            o.scaled_estimate,
            o.unknown_objectives,
            o.objectives.len()
        );
    }
    for a in &o.areas {
        let pct = a.predicted_percent.map_or_else(
            || format!("{:>7}", "—"),
            |p| format!("{:>5} %", crate::text::percent(p)),
        );
        let _ = writeln!(
            s,
            "  {} {:<45} {pct}  ({}/{} concepts studied)",
            a.id, a.name, a.studied, a.concepts
        );
    }
}

/// Accuracy by skill area and answered objective, the figures in one column.
fn accuracy(r: &StatsReport, s: &mut String) {
    let _ = writeln!(
        s,
        "\nAccuracy by skill area and objective (answers fully right / given):"
    );
    let lines = r.accuracy_lines();
    // One column for the figures, however long an objective's title.
    let widest = lines
        .iter()
        .map(|(l, o)| l.id.chars().count() + 1 + l.name.chars().count() + if *o { 2 } else { 0 })
        .max()
        .unwrap_or(0);
    for (line, objective) in lines {
        let pct = if line.answered > 0 {
            format!(
                "{:>5} %",
                crate::text::percent(100.0 * line.correct as f64 / line.answered as f64)
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
}

/// The recent exams, newest first (as `az900 history` lists sessions): date, scaled score,
/// pass or fail.
fn exams(r: &StatsReport, s: &mut String) {
    let _ = writeln!(s, "\nExams:");
    if r.exams.is_empty() {
        let _ = writeln!(s, "  none yet");
    }
    for e in r.exams.iter().rev() {
        let _ = writeln!(
            s,
            "  {}  {:>4}  {}",
            crate::clock::day_to_date(e.started_at.div_euclid(crate::clock::MS_PER_DAY)),
            e.scaled,
            if e.passed { "pass" } else { "fail" },
        );
    }
}

/// The owner confusion table (rows: truth, columns: the learner's answer).
fn confusion(r: &StatsReport, s: &mut String) {
    let names = ["Customer", "Microsoft", "Shared"];
    let _ = writeln!(s, "\nOwner confusion (rows: truth, columns: your answer):");
    let _ = writeln!(
        s,
        "  {:<10} {:>9} {:>9} {:>9}",
        "", names[0], names[1], names[2]
    );
    for (i, row) in r.confusion.iter().enumerate() {
        let _ = writeln!(
            s,
            "  {:<10} {:>9} {:>9} {:>9}",
            names[i], row[0], row[1], row[2]
        );
    }
}

/// The leeches, if any, each with what to re-read.
fn leeches(r: &StatsReport, s: &mut String) {
    if r.leeches.is_empty() {
        return;
    }
    let _ = writeln!(s, "\nLeeches (failed {}+ times):", schedule::LEECH_LAPSES);
    for l in &r.leeches {
        let _ = writeln!(
            s,
            "  {} ({} lapses): {}",
            l.title.as_deref().unwrap_or(&l.concept),
            l.lapses,
            l.explanation.as_deref().unwrap_or("")
        );
    }
    let more = r.leeches_total.saturating_sub(r.leeches.len());
    if more > 0 {
        let _ = writeln!(s, "  … and {more} more (the most failed are listed first)");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::bank::{Bank, Response};
    use crate::clock::{FixedClock, Millis};
    use crate::engine::{Action, Mode};
    use crate::store::Store;
    use crate::study::{StartOptions, StatsReport, Study};

    const T0: Millis = 20_785 * 86_400_000 + 10 * 3_600_000;

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
        let pct = format!(
            "{} %",
            crate::text::percent(100.0 * right as f64 / picks.len() as f64)
        );
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

    /// 23 concepts failed 6+ times: stats lists the 20 most failed, most lapses first, and
    /// says how many more there are (text and `leeches_total`).
    #[test]
    fn stats_list_the_most_failed_leeches_and_count_the_rest() {
        let store = Store::open_in_memory().unwrap();
        let bank = Bank::embedded().unwrap();
        let mut seen = std::collections::HashSet::new();
        let concepts: Vec<String> = bank
            .questions()
            .iter()
            .filter(|q| seen.insert(q.concept.clone()))
            .map(|q| q.concept.clone())
            .collect();
        let lapsed = 23;
        for (i, concept) in concepts.iter().take(lapsed).enumerate() {
            store
                .set_memory(&crate::schedule::MemoryState {
                    concept: concept.clone(),
                    stability: 1.0,
                    difficulty: 8.0,
                    last_review: T0 - 86_400_000,
                    due: T0 + 86_400_000,
                    reps: 12,
                    lapses: 6 + u32::try_from(i % 5).unwrap(),
                    last_question: None,
                })
                .unwrap();
        }
        let study = Study::new(bank, store, Box::new(FixedClock::new(T0))).unwrap();
        let r = StatsReport::gather(&study).unwrap();
        assert_eq!(r.leeches.len(), crate::study::STATS_LEECHES);
        assert_eq!(r.leeches_total, lapsed);
        let lapses: Vec<u32> = r.leeches.iter().map(|l| l.lapses).collect();
        assert!(lapses.windows(2).all(|w| w[0] >= w[1]), "{lapses:?}");
        // Of 23 with 6..=10 lapses (i % 5), the 3 left out have the fewest (6).
        assert_eq!(lapses.iter().filter(|l| **l == 6).count(), 5 - 3);
        let text = r.to_text();
        assert!(text.contains("… and 3 more"), "{text}");
    }
}
