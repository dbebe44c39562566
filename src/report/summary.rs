//! The end-of-session report printed by `--plain`.

use std::fmt::Write as _;

use crate::bank::Bank;

/// `mm:ss` of a duration in milliseconds (`h:mm:ss` from an hour up), whole seconds rounded
/// up: the TUI's clock and time used, written the same way in `--plain`.
pub fn mmss(ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// The end-of-session report printed by `--plain`.
pub fn summary_text(bank: &Bank, s: &crate::engine::Summary) -> String {
    let mut out = String::new();
    let sc = &s.score;
    let _ = writeln!(out, "== {} finished ==", s.mode.name());
    if s.full_exam {
        let _ = writeln!(
            out,
            "Scaled score (estimate): {} / 1000 — {} (700 to pass)",
            sc.scaled_estimate,
            if sc.passed { "PASS" } else { "FAIL" }
        );
    } else if s.mode == crate::engine::Mode::Exam {
        let _ = writeln!(
            out,
            "A part of the exam: no scaled score or pass mark (a full exam is the whole \
             outline, {} questions).",
            crate::engine::FULL_EXAM_QUESTIONS
        );
    }
    let n = &s.counts;
    if s.mode != crate::engine::Mode::Exam {
        match n.accuracy() {
            Some(a) => {
                let _ = writeln!(
                    out,
                    "Accuracy: {} % ({} right of {} answered)",
                    crate::text::percent(a * 100.0),
                    n.right,
                    n.answered
                );
            }
            None => {
                let _ = writeln!(out, "Accuracy: no answers");
            }
        }
    }
    let _ = writeln!(
        out,
        "Answers {} · right {} · missed {} · skipped {} of {} questions",
        n.answered, n.right, n.missed, n.skipped, n.questions
    );
    let score = if sc.questions == 0 {
        // No question scored: no "0 / 0 questions (0 %)".
        "—".to_string()
    } else {
        format!(
            "{}{} ({} %)",
            sc.credit_label(),
            s.score_counts(),
            crate::text::percent(sc.percent)
        )
    };
    let _ = writeln!(
        out,
        "{}: {score} · time used {}{}{}",
        if s.mode == crate::engine::Mode::Exam {
            "Score"
        } else {
            // Each question's first answer (second chances are among the answers above).
            "First tries"
        },
        mmss(s.time_used_ms),
        if s.mode == crate::engine::Mode::Exam {
            String::new()
        } else {
            format!(" · studied {}", mmss(s.studied_ms))
        },
        if s.timed_out { " (time ran out)" } else { "" }
    );
    by_skill_area(&mut out, s);
    missed(&mut out, bank, s);
    if let Some(v) = &s.versus {
        let _ = writeln!(out, "{}", versus_line(v));
        // The still missed ones are all in the list of those not right above.
        for (label, list) in [("Fixed", &v.fixed), ("Slipped", &v.slipped)] {
            if !list.is_empty() {
                let _ = writeln!(out, "  {label} ({}):", list.len());
                for id in list {
                    let _ = writeln!(out, "    {}", title_of(bank, id));
                }
            }
        }
    }
    out
}

/// The summary's points per skill area.
fn by_skill_area(out: &mut String, s: &crate::engine::Summary) {
    if !s.topics.is_empty() {
        let _ = writeln!(out, "By skill area:");
        let w = s
            .topics
            .iter()
            .map(|t| t.name.chars().count())
            .max()
            .unwrap_or(0);
        for t in &s.topics {
            let _ = writeln!(
                out,
                "  {:<w$} {:>9} {:>5} %",
                crate::text::sanitize(&t.name),
                t.credit_label(),
                crate::text::percent(t.percent())
            );
        }
    }
}

/// A question's title, shortened to a line (never its id).
fn title_of(bank: &Bank, id: &str) -> String {
    let prompt = bank.get(id).map_or_else(
        || "a question no longer in the bank".to_string(),
        |q| crate::study::question_title(bank, q),
    );
    if prompt.chars().count() > 89 {
        let mut short: String = prompt.chars().take(89).collect();
        short.push('…');
        short
    } else {
        prompt
    }
}

/// The summary's list of the questions not right: the missed ones, and in an exam the
/// skipped ones too, the heading saying how many of each (as the counts line above them).
fn missed(out: &mut String, bank: &Bank, s: &crate::engine::Summary) {
    if !s.missed.is_empty() {
        let skipped = s.missed.iter().filter(|m| !m.answered).count();
        let wrong = s.missed.len() - skipped;
        if skipped == 0 {
            let _ = writeln!(out, "Missed ({wrong}):");
        } else {
            let _ = writeln!(
                out,
                "Not right ({}): {wrong} missed, {skipped} skipped",
                s.missed.len()
            );
        }
        for m in &s.missed {
            let grade = if m.answered {
                format!("{}/{}", m.grade.points, m.grade.max)
            } else {
                "skipped".to_string()
            };
            let _ = writeln!(
                out,
                "  {:>3}. [{grade}] {}",
                m.index + 1,
                title_of(bank, &m.question_id)
            );
        }
        // `az900 review` is Home's Review missed: every question waiting, not this session's.
        let _ = writeln!(
            out,
            "Run `az900 review` to retake every question whose latest answer is wrong, or that is \
             marked (this session's missed ones among them)."
        );
    }
}

/// This exam against the previous one, in one line.
fn versus_line(v: &crate::engine::Versus) -> String {
    if v.shared == 0 {
        return "Versus your previous exam: no question in common".to_string();
    }
    format!(
        "Versus your previous exam ({} {} asked in both): {} fixed, {} slipped, {} still missed, {} right both times",
        v.shared,
        if v.shared == 1 {
            "question"
        } else {
            "questions"
        },
        v.fixed.len(),
        v.slipped.len(),
        v.still_missed.len(),
        v.right_both()
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_with_nothing_answered_shows_no_score_and_skill_areas_line_up() {
        use crate::clock::FixedClock;
        use crate::engine::{Action, Mode};
        let bank = Bank::embedded().unwrap();
        let mut study = crate::study::Study::new(
            bank,
            crate::store::Store::open_in_memory().unwrap(),
            Box::new(FixedClock::new(20_785 * 86_400_000)),
        )
        .unwrap();
        let opts = crate::study::StartOptions {
            seed: Some(3),
            count: Some(6),
            ..crate::study::StartOptions::default()
        };
        let mut s = study.start(Mode::Practice, &opts).unwrap();
        let empty = summary_text(&study.bank, &study.summary(&s));
        assert!(empty.contains("First tries: — ·"), "{empty}");
        assert!(!empty.contains("0 / 0"), "{empty}");
        // Answer every question with its key: each area's line ends in one column.
        while !s.is_finished() {
            let q = study
                .bank
                .get(&s.current_item().question_id)
                .unwrap()
                .clone();
            let response = q.body.key();
            let answer = Action::Answer {
                response,
                guess: false,
            };
            study.apply(&mut s, answer).unwrap();
            study.apply(&mut s, Action::Next).unwrap();
        }
        let text = summary_text(&study.bank, &study.summary(&s));
        assert!(
            text.contains("First tries: 6 / 6 answered (100 %)"),
            "{text}"
        );
        let at = text.find("By skill area:\n").unwrap();
        let rows: Vec<&str> = text[at..]
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .collect();
        assert!(!rows.is_empty(), "{text}");
        let ends: Vec<usize> = rows.iter().map(|r| r.chars().count()).collect();
        assert!(ends.iter().all(|e| *e == ends[0]), "{text}");
    }

    /// The comparison with the previous exam says how many questions both exams asked, and
    /// when none, that there is nothing to compare (not "0 fixed, 0 slipped"); it lists the
    /// fixed questions as well as the slipped and still missed ones, by title.
    #[test]
    fn the_comparison_with_the_previous_exam_counts_what_both_asked() {
        use crate::clock::FixedClock;
        use crate::engine::{Mode, Versus};
        let study = crate::study::Study::new(
            Bank::embedded().unwrap(),
            crate::store::Store::open_in_memory().unwrap(),
            Box::new(FixedClock::new(20_785 * 86_400_000)),
        )
        .unwrap();
        let opts = crate::study::StartOptions {
            seed: Some(3),
            count: Some(2),
            ..crate::study::StartOptions::default()
        };
        let mut study = study;
        let s = study.start(Mode::Exam, &opts).unwrap();
        let mut summary = study.summary(&s);
        summary.versus = Some(Versus::default());
        let none = summary_text(&study.bank, &summary);
        assert!(
            none.contains("Versus your previous exam: no question in common"),
            "{none}"
        );
        let ids: Vec<String> = s.items().iter().map(|it| it.question_id.clone()).collect();
        summary.versus = Some(Versus {
            fixed: vec![ids[0].clone()],
            slipped: vec![],
            still_missed: vec![ids[1].clone()],
            shared: 7,
        });
        let some = summary_text(&study.bank, &summary);
        assert!(
            some.contains(
                "(7 questions asked in both): 1 fixed, 0 slipped, 1 still missed, 5 right both times"
            ),
            "{some}"
        );
        let title =
            |id: &str| crate::study::question_title(&study.bank, study.bank.get(id).unwrap());
        let fixed = some.find("  Fixed (1):\n").unwrap();
        assert!(some[fixed..].contains(&title(&ids[0])[..20]), "{some}");
        assert!(!some.contains("Slipped ("), "{some}");
        assert!(
            !some.contains(ids[0].as_str()),
            "no question id shown: {some}"
        );
    }

    /// `--plain` writes a time as `mm:ss` (the TUI's own format, checked against it in the
    /// TUI's tests), not `m:ss`.
    #[test]
    fn plain_times_are_mm_ss() {
        assert_eq!(mmss(0), "00:00");
        assert_eq!(mmss(1), "00:01");
        assert_eq!(mmss(754_321), "12:35");
        assert_eq!(mmss(3_723_000), "1:02:03");
    }

    #[test]
    fn a_practice_score_says_it_counts_the_answered_questions_only() {
        use crate::clock::FixedClock;
        use crate::engine::{Action, Mode};
        let mut study = crate::study::Study::new(
            Bank::embedded().unwrap(),
            crate::store::Store::open_in_memory().unwrap(),
            Box::new(FixedClock::new(20_785 * 86_400_000)),
        )
        .unwrap();
        let opts = crate::study::StartOptions {
            seed: Some(7),
            count: Some(2),
            ..crate::study::StartOptions::default()
        };
        let mut s = study.start(Mode::Practice, &opts).unwrap();
        let q = study.bank.get(&s.current_item().question_id).unwrap();
        let response = q.body.key();
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
        study.apply(&mut s, Action::Next).unwrap();
        assert!(s.is_finished());
        let text = summary_text(&study.bank, &study.summary(&s));
        assert!(text.contains("Answers 1 ·"), "{text}");
        assert!(text.contains("skipped 1 of 2"), "{text}");
        assert!(
            text.contains("First tries: 1 / 1 answered (100 %)"),
            "{text}"
        );
    }
}
