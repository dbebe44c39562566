//! One module per screen. [`render`] is the whole frame: a header, the screen's body, a status
//! line and the key hints, plus the help and confirmation overlays. Rendering only reads `&App`.

pub mod feedback;
pub mod help;
pub mod home;
pub mod matrix;
pub mod question;
pub mod results;
pub mod review_list;
pub mod setup;
pub mod stats;
pub mod too_small;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::{App, Confirm, Screen, Status};
use super::text;
use super::theme::Theme;
use super::widgets::footer;

/// Below this size the app shows the too-small screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// Draws the whole frame.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    draw(app, area, frame.buffer_mut());
}

/// Draws the whole frame into `buf` (also used by tests and the screenshot exporter).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    crate::tui::hits::clear();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small::render(area, buf, &app.theme);
        return;
    }
    let theme = &app.theme;
    let header = Rect { height: 1, ..area };
    let footer_area = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let status_area = Rect {
        y: area.bottom() - 2,
        height: 1,
        ..area
    };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 3,
        ..area
    };
    match app.screen {
        Screen::Home => home::render(app, header, body, buf),
        Screen::Setup => setup::render(app, header, body, buf),
        Screen::Session => match app.session.as_ref() {
            Some(s) if s.review_open => review_list::render(app, header, body, buf),
            Some(s) if s.session.phase() == crate::engine::Phase::Feedback => {
                feedback::render(app, header, body, buf)
            }
            _ => question::render(app, header, body, buf),
        },
        Screen::Results => results::render(app, header, body, buf),
        Screen::Stats => stats::render(app, header, body, buf),
        Screen::Matrix => matrix::render(app, header, body, buf),
    }
    let alert = app.alert.as_ref().map(|text| Status {
        text: text.clone(),
        error: true,
    });
    if let Some(status) = app.status.as_ref().or(alert.as_ref()) {
        let style = if status.error {
            theme.wrong
        } else {
            theme.warn
        };
        let mark = if status.error { "✗ " } else { "» " };
        let line = Line::from(vec![
            Span::styled(mark, style),
            Span::styled(text::clean(&status.text), style),
        ]);
        buf.set_line(
            status_area.x + 1,
            status_area.y,
            &line,
            status_area.width - 1,
        );
    }
    // Under an overlay only the footer's buttons take clicks.
    if app.help || app.confirm.is_some() || app.plan.is_some() || app.reporting {
        crate::tui::hits::clear();
    }
    footer::render(buf, footer_area, &app.contexts(), &app.keymap, theme);
    if app.help {
        help::render(app, body, buf);
    }
    if let Some(c) = &app.confirm {
        confirm(c, body, buf, theme);
    }
    if let Some(p) = &app.plan {
        plan(p, body, buf, theme);
    }
    if app.reporting {
        report(app, body, buf, theme);
    }
}

/// The exam-date planner overlay.
fn plan(p: &crate::tui::app::PlanDraft, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let date = crate::clock::day_to_date(p.day);
    let days = p.day - p.today;
    let budget = crate::schedule::ExamPlan {
        exam_day: p.day,
        minutes_per_day: p.minutes,
    }
    .daily_budget();
    let key = |k: &'static str| Span::styled(k, theme.key);
    let lines = vec![
        Line::from(vec![
            Span::raw("Exam date      "),
            Span::styled(date.format("%a %Y-%m-%d").to_string(), theme.title),
            Span::styled(
                match days {
                    0 => "  (today)".to_string(),
                    1 => "  (tomorrow)".to_string(),
                    n => format!("  (in {n} days)"),
                },
                theme.dim,
            ),
        ]),
        Line::from(vec![
            Span::raw("Minutes a day  "),
            Span::styled(p.minutes.to_string(), theme.title),
            Span::styled(format!("  (about {budget} questions)"), theme.dim),
        ]),
        Line::default(),
        Line::styled(
            "Until then the planner spends each day's time on what most raises your recall on \
             exam day; in the last days it turns to your weakest concepts.",
            theme.dim,
        ),
        Line::default(),
        Line::from(vec![
            key("←→"),
            Span::raw(" day  "),
            key("↑↓"),
            Span::raw(" week  "),
            key("[ ]"),
            Span::raw(" minutes  "),
            key("Enter"),
            Span::raw(" save  "),
            key("u"),
            Span::raw(" clear  "),
            key("Esc"),
            Span::raw(" cancel"),
        ]),
    ];
    dialog(lines, block("Exam date", theme), area, buf);
}

/// The report-a-question dialog: the question's prompt (shortened) and the reasons by number.
fn report(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    // Learners see the question's prompt, never its internal id.
    let prompt = app
        .current_question()
        .map(|q| text::clean(&q.prompt).replace('\n', " "))
        .unwrap_or_default();
    let key = |k: String| Span::styled(k, theme.key);
    let mut lines = vec![
        Line::from("What is wrong with this question?"),
        Line::styled(format!("“{}”", text::truncate(&prompt, 60)), theme.dim),
        Line::default(),
    ];
    for (i, reason) in crate::store::ReportReason::ALL.iter().enumerate() {
        lines.push(Line::from(vec![
            key(format!("{}", i + 1)),
            Span::raw(format!("  {}", reason.label())),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Reports stay on this machine: `az900 reports` lists them to check or send.",
        theme.dim,
    ));
    lines.push(Line::from(vec![key("Esc".into()), Span::raw(" cancel")]));
    dialog(lines, block("Report this question", theme), area, buf);
}

/// The screen's title bar: `title` on the left, `right` on the right, in the header style.
/// The widest a page of prose gets (questions, feedback, results): lines longer than about
/// 100 columns are hard to read on a wide terminal.
pub const MEASURE: u16 = 100;

pub fn header_bar(
    buf: &mut Buffer,
    area: Rect,
    left: Vec<Span<'static>>,
    right: Vec<Span<'static>>,
    theme: &Theme,
) {
    buf.set_style(area, theme.header);
    let right_w: usize = right.iter().map(|s| s.width()).sum();
    let width = usize::from(area.width);
    // The left part is cut with "…" (never run into the right part).
    let left_text: String = left.iter().map(|s| s.content.as_ref()).collect();
    let left_max = width.saturating_sub(right_w + 3);
    let l = if text::width(&left_text) > left_max {
        Line::from(text::truncate(&left_text, left_max))
    } else {
        Line::from(left)
    };
    let l = l.style(theme.header);
    buf.set_line(area.x + 1, area.y, &l, left_max as u16);
    if right_w + 1 < width {
        let x = area.right() - right_w as u16 - 1;
        buf.set_line(
            x,
            area.y,
            &Line::from(right).style(theme.header),
            right_w as u16,
        );
    }
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A bordered block with a title.
pub fn block(title: &str, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}

fn confirm(c: &Confirm, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let (title, mut lines): (&str, Vec<Line<'static>>) = match c {
        Confirm::QuitExam => (
            "Quit the exam?",
            vec![
                Line::from("The exam is not submitted yet. Your answers and your place are saved:"),
                Line::from("open Exam again to resume it, with the time it had left."),
            ],
        ),
        Confirm::ResumeExam(u) => {
            let left = u
                .remaining_ms
                .map(|ms| {
                    let secs = ms.max(0) / 1000;
                    format!(", {}:{:02} left", secs / 60, secs % 60)
                })
                .unwrap_or_default();
            (
                "Resume your unfinished exam?",
                vec![
                    Line::from(format!(
                        "You left an exam with {} of {} questions answered{left}.",
                        u.answered, u.total
                    )),
                    Line::styled(
                        "Resume it where you were, or start a new exam (the unfinished one \
                         then ends without a score; its answers stay saved).",
                        theme.dim,
                    ),
                ],
            )
        }
        Confirm::SubmitExam {
            unanswered,
            incomplete,
            marked,
        } => {
            let mut v = vec![Line::from("Submit the exam and see your score?")];
            let list = |n: &[usize]| {
                n.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if unanswered.is_empty() && incomplete.is_empty() {
                v.push(Line::styled("Every question is answered.", theme.right));
            }
            if !unanswered.is_empty() {
                v.push(Line::styled(
                    format!(
                        "{} unanswered (they score zero): {}",
                        unanswered.len(),
                        list(unanswered)
                    ),
                    theme.warn,
                ));
            }
            if !incomplete.is_empty() {
                v.push(Line::styled(
                    format!("{} incomplete: {}", incomplete.len(), list(incomplete)),
                    theme.warn,
                ));
            }
            if !marked.is_empty() {
                v.push(Line::styled(
                    format!("{} marked for review: {}", marked.len(), list(marked)),
                    theme.marked,
                ));
            }
            ("Submit the exam?", v)
        }
        Confirm::EndSession => (
            "End this session?",
            vec![Line::from(
                "Every answer is already saved. You will see the session's summary.",
            )],
        ),
    };
    let key = |k: &'static str| Span::styled(k, theme.key);
    let keys = if matches!(c, Confirm::ResumeExam(_)) {
        vec![
            key("y"),
            Span::raw("/"),
            key("Enter"),
            Span::raw(" resume    "),
            key("n"),
            Span::raw(" new exam    "),
            key("Esc"),
            Span::raw(" cancel"),
        ]
    } else {
        vec![
            key("y"),
            Span::raw("/"),
            key("Enter"),
            Span::raw(" yes    "),
            key("n"),
            Span::raw("/"),
            key("Esc"),
            Span::raw(" no"),
        ]
    };
    lines.push(Line::default());
    lines.push(Line::from(keys));
    dialog(
        lines,
        block(title, theme).border_style(theme.warn),
        area,
        buf,
    );
}

/// A dialog box centred in `area`, at most 70 columns wide and as tall as its wrapped lines.
fn dialog(lines: Vec<Line<'_>>, frame: Block<'_>, area: Rect, buf: &mut Buffer) {
    let w = area.width.min(70);
    let inner_w = usize::from(w.saturating_sub(4)).max(1);
    let needed: usize = lines
        .iter()
        .map(|l| text::wrap(l, inner_w, 0).len())
        .sum::<usize>()
        + 2;
    let rect = centered(area, w, u16::try_from(needed).unwrap_or(u16::MAX));
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .style(Style::new())
        .block(frame)
        .render(rect, buf);
}
