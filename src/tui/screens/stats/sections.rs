//! The sections of the stats page, each drawn into its own block: the score chart, skill areas,
//! answers per day, the due forecast, the owner confusion table and the leeches.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Chart, Dataset, GraphType, Paragraph, Sparkline, Widget, Wrap,
};

use crate::engine::score::PASS_SCALED;
use crate::rules::Owner;
use crate::tui::screens::block;
use crate::tui::screens::results::bar;
use crate::tui::text::{clean, truncate};
use crate::tui::theme::{Theme, glyph};
use crate::tui::view::StatsView;

pub(super) fn score_chart(s: &StatsView, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let b = block("Scaled score per exam (estimate)", theme);
    if s.exams.is_empty() {
        Paragraph::new(vec![
            Line::default(),
            Line::styled("No exam yet: take one from Home (3).", theme.dim),
        ])
        .block(b)
        .render(area, buf);
        return;
    }
    if let [e] = s.exams.as_slice() {
        // One point is no line: say the score, draw it on the gauge.
        let mark = if e.passed {
            Span::styled(format!("{} pass", glyph::RIGHT), theme.pass)
        } else {
            Span::styled(format!("{} below 700", glyph::WRONG), theme.fail)
        };
        let mut lines = vec![
            Line::default(),
            Line::from(vec![
                Span::raw(format!("One exam so far ({}): ", clean(&e.label))),
                Span::styled(e.scaled.to_string(), theme.title),
                Span::raw(" / 1000 "),
                mark,
            ]),
            Line::default(),
        ];
        let inner = b.inner(area);
        lines.extend(crate::tui::screens::results::gauge(
            e.scaled,
            usize::from(inner.width.saturating_sub(2)),
            theme,
        ));
        lines.push(Line::default());
        lines.push(Line::styled(
            "The chart draws a line from your second exam on.",
            theme.dim,
        ));
        Paragraph::new(lines).block(b).render(area, buf);
        return;
    }
    let points: Vec<(f64, f64)> = s
        .exams
        .iter()
        .enumerate()
        .map(|(i, e)| (i as f64, f64::from(e.scaled)))
        .collect();
    let n = (s.exams.len().max(2) - 1) as f64;
    let pass: Vec<(f64, f64)> = (0..=40)
        .map(|k| (n * f64::from(k) / 40.0, f64::from(PASS_SCALED)))
        .collect();
    let first = s.exams.first().map(|e| e.label.clone()).unwrap_or_default();
    let last = s.exams.last().map(|e| e.label.clone()).unwrap_or_default();
    let chart = Chart::new(vec![
        Dataset::default()
            .name("pass 700")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.warn)
            .data(&pass),
        Dataset::default()
            .name("your score")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.title)
            .data(&points),
    ])
    .block(b)
    .x_axis(
        Axis::default()
            .bounds([0.0, n])
            .style(theme.dim)
            .labels(vec![Line::from(clean(&first)), Line::from(clean(&last))]),
    )
    .y_axis(y_axis(s, theme));
    chart.render(area, buf);
    // Label the latest point so the number is readable without the chart.
    if let Some(e) = s.exams.last() {
        let mark = if e.passed { glyph::RIGHT } else { glyph::WRONG };
        let label = format!(" last {} {mark} ", e.scaled);
        let x = area
            .right()
            .saturating_sub(label.chars().count() as u16 + 1);
        buf.set_string(
            x,
            area.y,
            label,
            if e.passed { theme.pass } else { theme.fail },
        );
    }
}

/// Labels are spaced evenly, so the axis runs 400–1000 (700 in the middle) when every score
/// fits, else 0–1000 with labels at 0, 500 and 1000; the dotted line marks 700 either way.
pub(super) fn y_axis(s: &StatsView, theme: &Theme) -> Axis<'static> {
    let low = s.exams.iter().map(|e| e.scaled).min().unwrap_or(0);
    let (bounds, labels) = if low >= 400 {
        ([400.0, 1000.0], ["400", "700", "1000"])
    } else {
        ([0.0, 1000.0], ["0", "500", "1000"])
    };
    Axis::default()
        .bounds(bounds)
        .style(theme.dim)
        .labels(labels.map(Line::from).to_vec())
}

/// Columns the accuracy rows need beside a name: a space, a bar of at least 8, " 100%", two
/// spaces and the widest "right/answered" count.
pub(super) fn topics_tail(s: &StatsView) -> usize {
    let count_w = s
        .topics
        .iter()
        .map(|t| format!("{}/{}", t.points, t.max).len())
        .max()
        .unwrap_or(0);
    1 + 8 + 5 + 2 + count_w
}

/// The longest name of the accuracy rows (objectives indented by two).
pub(super) fn topics_longest(s: &StatsView) -> usize {
    s.topics
        .iter()
        .map(|t| clean(&t.name).chars().count() + if t.objective { 2 } else { 0 })
        .max()
        .unwrap_or(0)
}

/// Whether each accuracy row fits on one line inside `inner` columns (else a name line, then
/// its bar on the next).
pub(super) fn topics_on_one_line(s: &StatsView, inner: usize) -> bool {
    topics_longest(s) + topics_tail(s) <= inner
}

pub(super) fn topics(s: &StatsView, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let b = block("Accuracy by skill area (objectives answered)", theme);
    let inner = b.inner(area);
    b.render(area, buf);
    let w = usize::from(inner.width);
    let one_line = topics_on_one_line(s, w);
    let count_w = topics_tail(s) - 16;
    let name_w = if one_line { topics_longest(s) } else { w };
    let bar_w = if one_line {
        w.saturating_sub(name_w + topics_tail(s) - 8)
    } else {
        w.saturating_sub(4 + topics_tail(s) - 9)
    }
    .clamp(4, 40);
    let mut lines = Vec::new();
    if s.topics.is_empty() {
        lines.push(Line::styled("No answers yet.", theme.dim));
    }
    for t in &s.topics {
        let (indent, style) = if t.objective {
            ("  ", theme.dim)
        } else {
            ("", theme.title)
        };
        let nw = name_w.saturating_sub(indent.len());
        let name = truncate(&clean(&t.name), nw);
        let mut spans = Vec::new();
        if one_line {
            spans.push(Span::raw(indent));
            spans.push(Span::styled(format!("{name:<nw$} "), style));
        } else {
            // The name on a line of its own, every bar below it at one indent.
            lines.push(Line::from(vec![
                Span::raw(indent),
                Span::styled(name, style),
            ]));
            spans.push(Span::raw("    "));
        }
        if t.max == 0 {
            // No answer is no accuracy: never a 0 % bar.
            spans.push(Span::styled("— not answered yet", theme.dim));
        } else {
            spans.extend(bar(t.ratio(), bar_w, theme));
            spans.push(Span::styled(
                format!("  {:>count_w$}", format!("{}/{}", t.points, t.max)),
                theme.dim,
            ));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The accuracy section's height in a column `width` wide: a row per skill area and answered
/// objective (two where a name and its bar do not fit on one line), and borders.
pub(super) fn topics_height(s: &StatsView, width: u16) -> u16 {
    let inner = usize::from(width.saturating_sub(2));
    let per = if topics_on_one_line(s, inner) { 1 } else { 2 };
    u16::try_from(s.topics.len().max(1) * per + 2).unwrap_or(u16::MAX)
}

pub(super) fn per_day(s: &StatsView, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let total: u64 = s.per_day.iter().map(|d| d.answered).sum();
    let right: u64 = s.per_day.iter().map(|d| d.correct).sum();
    let b = block(
        &format!(
            "Answers per day · {} days · {total} answers, {right} right",
            s.per_day.len()
        ),
        theme,
    );
    let inner = b.inner(area);
    b.render(area, buf);
    if inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let days: Vec<u64> = s
        .per_day
        .iter()
        .skip(s.per_day.len().saturating_sub(w))
        .map(|d| d.answered)
        .collect();
    let max = days.iter().copied().max().unwrap_or(0);
    let [spark, _] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    Sparkline::default()
        .data(&days)
        .style(theme.bar)
        .render(spark, buf);
    let first = s
        .per_day
        .get(s.per_day.len().saturating_sub(w))
        .map(|d| clean(&d.label))
        .unwrap_or_default();
    buf.set_string(
        inner.x,
        inner.bottom() - 1,
        format!("{first} … today · busiest day {max}"),
        theme.dim,
    );
}

pub(super) fn forecast(s: &StatsView, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let b = block("Due in the next 14 days", theme);
    let bars: Vec<Bar> = s
        .due_forecast
        .iter()
        .take(14)
        .enumerate()
        .map(|(i, n)| {
            Bar::default().value(*n as u64).label(Line::from(if i == 0 {
                "T".to_string()
            } else {
                format!("{i}")
            }))
        })
        .collect();
    let inner_w = area.width.saturating_sub(2);
    let bw = (inner_w / 14).saturating_sub(1).clamp(1, 4);
    BarChart::default()
        .block(b)
        .data(BarGroup::default().bars(&bars))
        .bar_width(bw)
        .bar_gap(1)
        .bar_style(theme.bar)
        .value_style(theme.header)
        .label_style(theme.dim)
        .render(area, buf);
}

pub(super) fn confusion(s: &StatsView, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let b = block("Owners: the truth against your answer", theme);
    let inner = b.inner(area);
    b.render(area, buf);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{:<12}", "truth \\ you"), theme.dim),
        Span::styled(
            format!("{:>11}{:>11}{:>9}", "Customer", "Microsoft", "Shared"),
            theme.title,
        ),
    ])];
    for (t, owner) in Owner::ALL.iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{:<12}", owner.name()), theme.title)];
        for c in 0..3 {
            let n = s.confusion[t][c];
            let w = if c == 2 { 9 } else { 11 };
            let (text, style) = if t == c {
                (format!("{n} {}", glyph::RIGHT), theme.right)
            } else if n > 0 {
                (format!("{n} {}", glyph::WRONG), theme.wrong)
            } else {
                ("0  ".to_string(), theme.dim)
            };
            spans.push(Span::styled(format!("{text:>w$}"), style));
        }
        lines.push(Line::from(spans));
    }
    // The most frequent confusion, in words.
    let mut worst: Option<(u64, usize, usize)> = None;
    for t in 0..3 {
        for c in 0..3 {
            let n = s.confusion[t][c];
            if t != c && n > 0 && worst.is_none_or(|(m, _, _)| n > m) {
                worst = Some((n, t, c));
            }
        }
    }
    if let Some((n, t, c)) = worst {
        lines.push(Line::styled(
            format!(
                "Most often: {} answered when it is {} ({n}×)",
                Owner::ALL[c].name(),
                Owner::ALL[t].name()
            ),
            theme.warn,
        ));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

pub(super) fn leeches(s: &StatsView, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let title = if s.leeches_more > 0 {
        format!(
            "Leeches: missed again and again · the {} most failed of {}",
            s.leeches.len(),
            s.leeches.len() + s.leeches_more
        )
    } else {
        "Leeches: missed again and again".to_string()
    };
    let b = block(&title, theme);
    let inner = b.inner(area);
    b.render(area, buf);
    let mut lines = Vec::new();
    if s.leeches.is_empty() {
        lines.push(Line::styled("None so far.", theme.dim));
    }
    for l in &s.leeches {
        lines.push(Line::from(vec![
            Span::styled(format!("{:>2}× ", l.lapses), theme.wrong),
            Span::styled(clean(&l.title), theme.title),
        ]));
        if let Some(e) = &l.explanation {
            lines.push(Line::styled(format!("    {}", clean(e)), theme.dim));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}
