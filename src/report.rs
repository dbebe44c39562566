//! Plain-text and JSON output of the non-interactive commands (`bank`, `stats`, `history`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::bank::question::Question;
use crate::bank::{Bank, Kind};

/// Counts of the bank per topic, kind and concept (`az900 bank list`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BankCounts {
    pub total: usize,
    pub generated: usize,
    pub authored: usize,
    pub concepts: usize,
    pub by_topic: BTreeMap<String, usize>,
    pub by_kind: BTreeMap<String, usize>,
    pub by_concept: BTreeMap<String, usize>,
}

impl BankCounts {
    pub fn of(bank: &Bank) -> BankCounts {
        let mut c = BankCounts {
            total: bank.len(),
            generated: 0,
            authored: 0,
            concepts: 0,
            by_topic: BTreeMap::new(),
            by_kind: Kind::ALL.iter().map(|k| (k.id().to_string(), 0)).collect(),
            by_concept: BTreeMap::new(),
        };
        for q in bank.questions() {
            match q.source {
                crate::bank::question::Source::Generated
                | crate::bank::question::Source::Table { .. } => c.generated += 1,
                crate::bank::question::Source::Pack { .. } => c.authored += 1,
            }
            *c.by_topic.entry(q.topic.clone()).or_default() += 1;
            *c.by_kind.entry(q.kind().id().to_string()).or_default() += 1;
            *c.by_concept.entry(q.concept.clone()).or_default() += 1;
        }
        c.concepts = c.by_concept.len();
        c
    }

    /// The text table printed by `az900 bank list`.
    pub fn to_text(&self, bank: &Bank) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} questions ({} generated from the rules and fact tables, {} authored) over {} concepts\n",
            self.total, self.generated, self.authored, self.concepts
        );
        // By the exam outline: each skill area, then its groups (every question has an
        // objective, whatever its legacy topic); each id works with `--topic`.
        let outline = &bank.rules.outline;
        let count = |id: &str| {
            bank.questions()
                .iter()
                .filter(|q| outline.within(&q.objective, id))
                .count()
        };
        let mut rows: Vec<(String, usize)> = Vec::new();
        for a in &outline.areas {
            rows.push((
                format!("{} {} ({}–{}%)", a.id, a.name, a.weight[0], a.weight[1]),
                count(&a.id),
            ));
            for g in &a.groups {
                rows.push((format!("  {} {}", g.id, g.name), count(&g.id)));
            }
        }
        // The legacy topics of rules.json, still accepted by `--topic`.
        let legacy: Vec<(String, usize)> = bank
            .rules
            .topics
            .iter()
            .map(|t| {
                let n = bank.questions().iter().filter(|q| q.topic == t.id).count();
                (format!("{} ({})", t.name, t.id), n)
            })
            .collect();
        let w = rows
            .iter()
            .chain(&legacy)
            .map(|(name, _)| name.chars().count())
            .max()
            .unwrap_or(0)
            .max(32);
        let _ = writeln!(
            s,
            "{:<w$} {:>9}",
            "skill area and group (ids work with --topic)", "questions"
        );
        for (name, n) in &rows {
            let _ = writeln!(s, "{name:<w$} {n:>9}");
        }
        if !legacy.is_empty() {
            let _ = writeln!(
                s,
                "\n{:<w$} {:>9}",
                "legacy topic (--topic id)", "questions"
            );
            for (name, n) in &legacy {
                let _ = writeln!(s, "{name:<w$} {n:>9}");
            }
        }
        let _ = writeln!(s, "\n{:<w$} {:>9}", "kind", "questions");
        for (k, n) in &self.by_kind {
            let _ = writeln!(s, "{k:<w$} {n:>9}");
        }
        s
    }
}

/// The right answer of a question, as text (for exports).
pub fn answer_text(q: &Question) -> String {
    q.body.answer_text()
}

/// The options shown with a question, as text (for exports).
pub fn options_text(q: &Question) -> String {
    q.body.options_text()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Every question as CSV (one row per question), for reading the whole bank in a spreadsheet.
pub fn export_csv(bank: &Bank) -> String {
    let mut out = String::from("id,concept,topic,kind,prompt,options,answer,explanation,refs\n");
    for q in bank.questions() {
        let fields = [
            q.id.clone(),
            q.concept.clone(),
            q.topic.clone(),
            q.kind().id().to_string(),
            q.prompt.clone(),
            options_text(q),
            answer_text(q),
            q.explanation.clone(),
            q.refs.join(" "),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

fn anki_field(s: &str) -> String {
    let escaped = s
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    escaped.replace(['\t', '\n'], "<br>")
}

/// Every question as an Anki-importable tab-separated notes file (front, back, tags).
pub fn export_anki(bank: &Bank) -> String {
    let mut out = String::from("#separator:tab\n#html:true\n#tags column:3\n");
    for q in bank.questions() {
        let front = format!(
            "{}<br><br>{}",
            anki_field(&q.prompt),
            anki_field(&options_text(q))
        );
        let back = format!(
            "{}<br><br>{}",
            anki_field(&answer_text(q)),
            anki_field(&q.explanation)
        );
        let tags = format!("az900 {} {}", q.topic, q.concept);
        let _ = writeln!(out, "{front}\t{back}\t{tags}");
    }
    out
}

/// Every question as pretty JSON.
pub fn export_json(bank: &Bank) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(bank.questions())
}

/// `m:ss` of a duration in milliseconds.
pub fn mmss(ms: u64) -> String {
    format!("{}:{:02}", ms / 60_000, (ms / 1000) % 60)
}

/// The end-of-session report printed by `--plain`.
pub fn summary_text(bank: &Bank, s: &crate::engine::Summary) -> String {
    let mut out = String::new();
    let sc = &s.score;
    let _ = writeln!(out, "== {} finished ==", s.mode.name());
    if s.mode == crate::engine::Mode::Exam {
        let _ = writeln!(
            out,
            "Scaled score (estimate): {} / 1000 — {} (700 to pass)",
            sc.scaled_estimate,
            if sc.passed { "PASS" } else { "FAIL" }
        );
    }
    let n = &s.counts;
    if s.mode != crate::engine::Mode::Exam {
        match n.accuracy() {
            Some(a) => {
                let _ = writeln!(
                    out,
                    "Accuracy: {:.0} % ({} right of {} answered)",
                    a * 100.0,
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
        "Answered {} of {} · right {} · missed {} · skipped {}",
        n.answered, n.questions, n.right, n.missed, n.skipped
    );
    let score = if sc.questions == 0 {
        // No question scored: no "0 / 0 questions (0 %)".
        "—".to_string()
    } else {
        format!("{} questions ({:.0} %)", sc.credit_label(), sc.percent)
    };
    let _ = writeln!(
        out,
        "Score: {score} · time used {}{}",
        mmss(s.time_used_ms),
        if s.timed_out { " (time ran out)" } else { "" }
    );
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
                "  {:<w$} {:>9} {:>5.0} %",
                crate::text::sanitize(&t.name),
                t.credit_label(),
                t.percent()
            );
        }
    }
    if !s.missed.is_empty() {
        let _ = writeln!(out, "Missed ({}):", s.missed.len());
        for m in &s.missed {
            let prompt = bank
                .get(&m.question_id)
                .map(|q| crate::study::question_title(bank, q))
                .unwrap_or_default();
            let mut short: String = prompt.chars().take(89).collect();
            if prompt.chars().count() > 89 {
                short.push('…');
            } else {
                short = prompt;
            }
            let _ = writeln!(
                out,
                "  {:>3}. [{}/{}] {short}",
                m.index + 1,
                m.grade.points,
                m.grade.max
            );
        }
        let _ = writeln!(out, "Run `az900 review` to retake what you missed.");
    }
    if let Some(v) = &s.versus {
        let _ = writeln!(
            out,
            "Versus your previous exam: {} fixed, {} slipped, {} still missed",
            v.fixed.len(),
            v.slipped.len(),
            v.still_missed.len()
        );
    }
    out
}

/// A stored report as JSON, with the question's prompt and where it comes from (when the bank
/// still has it).
pub fn report_json(bank: &Bank, r: &crate::store::Report, when: &str) -> serde_json::Value {
    let q = bank.get(&r.question_id);
    serde_json::json!({
        "question_id": r.question_id,
        "reason": r.reason,
        "reported_at": when,
        "reported_at_ms": r.reported_at,
        "prompt": q.map(|q| q.prompt.as_str()),
        "source": q.map(|q| source_name(&q.source)),
    })
}

/// A stored report as text: local time, id and reason, then the prompt and the source.
pub fn report_text(bank: &Bank, r: &crate::store::Report, when: &str) -> String {
    let mut out = format!(
        "{when}  {}  {}\n",
        crate::text::sanitize(&r.question_id),
        r.reason.label()
    );
    match bank.get(&r.question_id) {
        Some(q) => {
            let prompt = crate::text::sanitize(&q.prompt);
            let prompt: String = prompt.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push_str(&format!(
                "    {prompt}\n    from {}\n",
                source_name(&q.source)
            ));
        }
        None => out.push_str("    (no longer in the question bank)\n"),
    }
    out
}

fn source_name(source: &crate::bank::question::Source) -> String {
    match source {
        crate::bank::question::Source::Generated => "generated from questions/rules.json".into(),
        crate::bank::question::Source::Pack { file } => crate::text::sanitize(file),
        crate::bank::question::Source::Table { file } => {
            format!("generated from {}", crate::text::sanitize(file))
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_fields_with_commas_quotes_and_newlines() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

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
        assert!(empty.contains("Score: — ·"), "{empty}");
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
        assert!(text.contains("Score: 6 / 6 questions (100 %)"), "{text}");
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

    #[test]
    fn bank_list_counts_by_skill_area_and_group_in_one_column() {
        let bank = Bank::embedded().unwrap();
        let text = BankCounts::of(&bank).to_text(&bank);
        let outline = &bank.rules.outline;
        let figure = |start: &str| -> usize {
            let line = text
                .lines()
                .find(|l| l.starts_with(start))
                .unwrap_or_else(|| panic!("no {start:?} in\n{text}"));
            line.split_whitespace().last().unwrap().parse().unwrap()
        };
        let mut areas = 0;
        for a in &outline.areas {
            let n = figure(&format!("{} {} (", a.id, a.name));
            let want = bank
                .questions()
                .iter()
                .filter(|q| outline.within(&q.objective, &a.id))
                .count();
            assert_eq!(n, want, "{}", a.id);
            let groups: usize = a
                .groups
                .iter()
                .map(|g| figure(&format!("  {} {}", g.id, g.name)))
                .sum();
            assert_eq!(groups, n, "{}: groups add up to their area", a.id);
            areas += n;
        }
        assert_eq!(areas, bank.len(), "every question in one area");
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| l.ends_with(|c: char| c.is_ascii_digit()) && l.contains("  "))
            .collect();
        assert!(rows.len() > 20, "{text}");
        let ends: Vec<usize> = rows.iter().map(|r| r.chars().count()).collect();
        assert!(ends.iter().all(|e| *e == ends[0]), "{text}");
    }

    #[test]
    fn anki_fields_never_contain_raw_tabs_or_html() {
        assert_eq!(anki_field("a\tb\nc <b>"), "a<br>b<br>c &lt;b&gt;");
    }
}
