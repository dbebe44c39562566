//! The results page's summary: the score (a gauge with the pass line in an exam), the counts
//! and time, bars per skill area, the comparison with the previous exam, and the questions
//! list under its filter tabs.

use ratatui::text::{Line, Span};

use super::{ResultsFilter, ResultsState};
use crate::engine::score::{MAX_SCALED, PASS_SCALED};
use crate::engine::{Counts, Mode, Summary};
use crate::tui::app::App;
use crate::tui::text::{clean, truncate};
use crate::tui::theme::{Theme, glyph};
use crate::tui::widgets::scroll::Content;
use crate::tui::widgets::timer::format_remaining;

/// The score gauge: a bar with the pass line marked, and its scale below.
pub fn gauge(scaled: u32, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let bw = width.clamp(10, 60);
    let filled = (scaled as usize * bw).div_ceil(MAX_SCALED as usize).min(bw);
    let pass_at = (PASS_SCALED as usize * bw / MAX_SCALED as usize).min(bw - 1);
    let style = if scaled >= PASS_SCALED {
        theme.pass
    } else {
        theme.fail
    };
    let mut spans = Vec::new();
    for i in 0..bw {
        if i == pass_at {
            spans.push(Span::styled("┃", theme.key));
        } else if i < filled {
            spans.push(Span::styled("█", style));
        } else {
            spans.push(Span::styled("░", theme.dim));
        }
    }
    let scale_left = "0";
    let mut scale = String::from(scale_left);
    scale.push_str(&" ".repeat(pass_at.saturating_sub(2)));
    scale.push_str("700");
    let used = scale.chars().count();
    scale.push_str(&" ".repeat(bw.saturating_sub(used + 4).max(1)));
    scale.push_str("1000");
    vec![Line::from(spans), Line::styled(scale, theme.dim)]
}

/// A percentage bar: `████░░░░ 80%`.
pub fn bar(ratio: f64, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let ratio = if ratio.is_finite() {
        ratio.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let filled = (ratio * width as f64).round() as usize;
    vec![
        Span::styled("█".repeat(filled), theme.accuracy(ratio).patch(theme.bar)),
        Span::styled("░".repeat(width - filled.min(width)), theme.dim),
        Span::raw(format!(" {:>3}%", crate::text::percent(ratio * 100.0))),
    ]
}

/// `s` padded with spaces to `w` columns of the terminal.
fn pad(s: &str, w: usize) -> String {
    format!(
        "{s}{}",
        " ".repeat(w.saturating_sub(crate::tui::text::width(s)))
    )
}

/// "6 right · 5 missed · 9 of 20 skipped": every answer given (second chances too, as
/// `az900 history` counts them), and the questions left without one.
pub fn header_counts(n: &Counts) -> String {
    format!(
        "{} right · {} missed · {} of {} skipped",
        n.right, n.missed, n.skipped, n.questions
    )
}

/// Answers / right / missed (every answer given) and questions skipped.
fn counts_line(summary: &Summary, theme: &Theme) -> Line<'static> {
    let n = &summary.counts;
    Line::from(vec![
        Span::styled("Answers ", theme.dim),
        Span::raw(n.answered.to_string()),
        Span::styled("   Right ", theme.dim),
        Span::styled(n.right.to_string(), theme.right),
        Span::styled("   Missed ", theme.dim),
        Span::styled(n.missed.to_string(), theme.wrong),
        Span::styled("   Skipped ", theme.dim),
        Span::styled(format!("{} of {}", n.skipped, n.questions), theme.warn),
    ])
}

/// A question's answers in the session, oldest first, when it had more than one ("✗ → ✓
/// fixed"), else nothing.
fn answers_trail(items: &[crate::engine::session::Item], question_id: &str) -> String {
    let outcomes: Vec<bool> = items
        .iter()
        .filter(|it| it.question_id == question_id && it.is_answered())
        .map(crate::engine::session::Item::is_correct)
        .collect();
    if outcomes.len() < 2 {
        return String::new();
    }
    let trail: Vec<&str> = outcomes
        .iter()
        .map(|&ok| if ok { glyph::RIGHT } else { glyph::WRONG })
        .collect();
    let fixed = outcomes.first() == Some(&false) && outcomes.last() == Some(&true);
    format!(
        " {}{}",
        trail.join(" → "),
        if fixed { " fixed" } else { "" }
    )
}

pub fn summary_content(
    app: &App,
    summary: &Summary,
    r: &ResultsState,
    theme: &Theme,
    width: usize,
) -> Content {
    let mut c = Content::new();
    score_part(summary, theme, width, &mut c);
    topics_part(app, summary, theme, width, &mut c);
    filter_tabs(summary, r, theme, &mut c);
    question_list(app, r, theme, width, &mut c);
    if !summary.missed.is_empty() {
        c.blank();
        // Which questions each count is: this session's (r), or all waiting (Home).
        for line in retake_lines(summary, app.screens.dashboard.review_waiting) {
            c.push(Line::styled(line, theme.dim));
        }
    }
    c
}

/// What `r` retakes (this session's questions not right, skipped ones included), and what
/// Review missed on Home has waiting (`waiting`), each saying which questions it counts.
fn retake_lines(summary: &Summary, waiting: usize) -> Vec<String> {
    let n = summary.missed.len();
    let skipped = summary.missed.iter().filter(|m| !m.answered).count();
    let mut first = format!(
        "r retakes this session's {n} question{} not right",
        if n == 1 { "" } else { "s" }
    );
    if skipped > 0 {
        first.push_str(&format!(" ({} missed, {skipped} skipped)", n - skipped));
    }
    first.push_str(" in a review session.");
    vec![
        first,
        format!(
            "Review missed on Home has {waiting} waiting: every question whose latest answer is \
             wrong, or that is marked."
        ),
    ]
}

/// The score (scaled with its gauge in an exam, else accuracy), the counts and the time.
fn score_part(summary: &Summary, theme: &Theme, width: usize, c: &mut Content) {
    let s = &summary.score;
    let n = &summary.counts;
    c.blank();
    if summary.full_exam {
        let verdict = if s.passed {
            Span::styled(format!("{} PASS", glyph::RIGHT), theme.pass)
        } else {
            Span::styled(format!("{} BELOW THE PASS MARK", glyph::WRONG), theme.fail)
        };
        c.push(Line::from(vec![
            Span::raw("Scaled score  "),
            Span::styled(format!("{}", s.scaled_estimate), theme.title),
            Span::raw(" / 1000   "),
            verdict,
        ]));
        for l in gauge(s.scaled_estimate, width.saturating_sub(2), theme) {
            c.push(l);
        }
        c.push(Line::styled(
            "An estimate: Microsoft does not publish how raw points map to its 1–1000 scale.",
            theme.dim,
        ));
    } else if summary.mode == Mode::Exam {
        // A part of the exam: its score and percentage below, no scaled score or pass mark.
        c.push(Line::styled(
            format!(
                "A part of the exam: no scaled score or pass mark (they estimate a full exam of \
                 the whole outline, {} questions).",
                crate::engine::FULL_EXAM_QUESTIONS
            ),
            theme.dim,
        ));
    } else {
        // A scaled score and a pass mark belong to a full exam: other modes show accuracy.
        let accuracy = match n.accuracy() {
            Some(a) => Span::styled(
                format!("{}%", crate::text::percent(a * 100.0)),
                theme.accuracy(a),
            ),
            None => Span::styled("no answers", theme.dim),
        };
        let mut line = vec![Span::raw("Accuracy  "), accuracy];
        if n.answered > 0 {
            line.push(Span::styled(
                format!("   {} right of {} answered", n.right, n.answered),
                theme.dim,
            ));
        }
        c.push(Line::from(line));
    }
    c.blank();
    c.push(counts_line(summary, theme));
    let time = match summary.time_limit_ms {
        Some(limit) => format!(
            "{} (limit {})",
            format_remaining(summary.time_used_ms as i64),
            format_remaining(limit as i64)
        ),
        // Outside an exam, also the time on the questions (each answer up to two minutes):
        // what Home's "min studied" adds up, explanations and breaks left out.
        None if summary.mode != Mode::Exam => format!(
            "{} · studied {}",
            format_remaining(summary.time_used_ms as i64),
            format_remaining(summary.studied_ms as i64)
        ),
        None => format_remaining(summary.time_used_ms as i64),
    };
    c.push(Line::from(vec![
        // Outside an exam the score is of each question's first answer (a second chance
        // counts among the answers above, not here).
        Span::styled(
            if summary.mode == Mode::Exam {
                "Score "
            } else {
                "First tries "
            },
            theme.dim,
        ),
        if s.questions == 0 {
            // No question scored: no "0 / 0 (0%)".
            Span::styled("—", theme.dim)
        } else {
            Span::raw(format!(
                "{}{} ({}%)",
                s.credit_label(),
                summary.score_counts(),
                crate::text::percent(s.percent)
            ))
        },
        Span::styled("   Time used ", theme.dim),
        Span::raw(time),
        Span::styled(
            if summary.timed_out {
                "  (time ran out)"
            } else {
                ""
            },
            theme.warn,
        ),
    ]));
}

/// What a learner reads for a question id: its prompt (never the id).
fn question_title(app: &App, id: &str) -> String {
    let bank = app.service.bank();
    bank.get(id).map_or_else(
        || "a question no longer in the bank".to_string(),
        |q| clean(&crate::study::question_title(bank, q)),
    )
}

/// Bars per skill area, and fixed / slipped / still missed against the previous exam.
fn topics_part(app: &App, summary: &Summary, theme: &Theme, width: usize, c: &mut Content) {
    if !summary.topics.is_empty() {
        c.blank();
        c.push(Line::styled("Performance by skill area", theme.title));
        let name_w = summary
            .topics
            .iter()
            .map(|t| t.name.chars().count())
            .max()
            .unwrap_or(0)
            // The skill areas' names whole where a bar of 10 still fits beside them.
            .min(width.saturating_sub(22 + 10).max(width / 3));
        let bar_w = width.saturating_sub(name_w + 22).clamp(5, 30);
        for t in &summary.topics {
            let mut spans = vec![Span::raw(format!(
                "  {:<name_w$} ",
                truncate(&clean(&t.name), name_w)
            ))];
            spans.extend(bar(t.percent() / 100.0, bar_w, theme));
            spans.push(Span::styled(format!("  {}", t.credit_label()), theme.dim));
            c.push(Line::from(spans));
        }
    }
    if let Some(v) = &summary.versus {
        c.blank();
        c.push(Line::from(vec![
            Span::styled("Against your previous exam", theme.title),
            Span::styled(
                format!(
                    "  ({} {} asked in both)",
                    v.shared,
                    if v.shared == 1 {
                        "question"
                    } else {
                        "questions"
                    }
                ),
                theme.dim,
            ),
        ]));
        if v.shared == 0 {
            c.push(Line::styled(
                "  No question in common with it: nothing to compare.",
                theme.dim,
            ));
            return;
        }
        c.push(Line::from(vec![
            Span::styled(
                format!("  {} {} fixed", glyph::RIGHT, v.fixed.len()),
                theme.right,
            ),
            Span::raw("   "),
            Span::styled(
                format!("{} {} slipped", glyph::WRONG, v.slipped.len()),
                theme.wrong,
            ),
            Span::raw("   "),
            Span::styled(format!("{} still missed", v.still_missed.len()), theme.warn),
            Span::styled(format!("   {} right both times", v.right_both()), theme.dim),
        ]));
        for (label, list) in [
            ("fixed", &v.fixed),
            ("slipped", &v.slipped),
            ("still missed", &v.still_missed),
        ] {
            if !list.is_empty() {
                c.push(Line::styled(format!("  {label}:"), theme.dim));
                for question in list.iter() {
                    c.push_indented(
                        Line::styled(
                            format!(
                                "    {}",
                                truncate(&question_title(app, question), width.saturating_sub(6))
                            ),
                            theme.dim,
                        ),
                        6,
                    );
                }
            }
        }
    }
}

/// The filter tabs (wrong / marked / unanswered / all, with counts), or why the list is empty.
fn filter_tabs(summary: &Summary, r: &ResultsState, theme: &Theme, c: &mut Content) {
    c.blank();
    if summary.counts.answered == 0 {
        c.push(Line::styled("Nothing was answered.", theme.warn));
    }
    // Every question can be reopened, filtered: wrong / marked / unanswered / all.
    let mut tabs = vec![Span::styled("Questions  ", theme.title)];
    for f in ResultsFilter::ALL {
        let items = r.session.items();
        let count = crate::engine::summary::questions(items)
            .into_iter()
            .filter(|&i| f.keeps(&items[i]))
            .count();
        let label = format!(" {} {count} ", f.label());
        tabs.push(if f == r.filter {
            Span::styled(label, theme.cursor)
        } else {
            Span::styled(label, theme.dim)
        });
    }
    tabs.push(Span::styled("  ←/→ filter", theme.dim));
    c.push(Line::from(tabs));
    let entries = r.entries();
    if entries.is_empty() {
        c.push(Line::styled(
            match r.filter {
                ResultsFilter::Wrong => "Nothing answered wrong.",
                ResultsFilter::Marked => "No question was marked.",
                ResultsFilter::Unanswered => "Every question was answered.",
                ResultsFilter::All => "No questions.",
            },
            theme.dim,
        ));
    }
}

/// The questions the filter keeps, one line each, the selected one followed.
fn question_list(app: &App, r: &ResultsState, theme: &Theme, width: usize, c: &mut Content) {
    let entries = r.entries();
    let bank = app.service.bank();
    let prompt_w = width.saturating_sub(24);
    for (k, index) in entries.iter().enumerate() {
        let Some(it) = r.session.items().get(*index) else {
            continue;
        };
        let focused = k == r.cursor;
        let prompt = bank
            .get(&it.question_id)
            .map(|q| clean(&crate::study::question_title(bank, q)))
            .unwrap_or_else(|| "a question no longer in the bank".to_string());
        let trail = answers_trail(r.session.items(), &it.question_id);
        let (mark, style, state) = match &it.grade {
            Some(g) if it.is_correct() => (
                glyph::RIGHT,
                theme.right,
                format!("{}/{}{trail}", g.points, g.max),
            ),
            Some(g) => (
                glyph::WRONG,
                theme.wrong,
                format!("{}/{}{trail}", g.points, g.max),
            ),
            None => ("·", theme.warn, "unanswered".to_string()),
        };
        let flag = if it.marked { glyph::MARKED } else { " " };
        let mut line = Line::from(vec![
            Span::styled(
                if focused {
                    format!("{} ", glyph::CURSOR)
                } else {
                    "  ".into()
                },
                theme.key,
            ),
            Span::styled(format!("{:>3} {mark}{flag} ", index + 1), style),
            // Padded, so the points line up in one column.
            Span::raw({
                let w = prompt_w.saturating_sub(crate::tui::text::width(&trail));
                pad(&truncate(&prompt, w), w)
            }),
            Span::styled(format!("  {state}"), theme.dim),
        ]);
        if focused {
            line = line.style(theme.cursor);
            if r.follow {
                c.focus_next();
            }
        }
        c.push(line);
    }
}
