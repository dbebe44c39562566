//! The exam-date planner: arrows move the date, `[` `]` the minutes, Enter saves.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Overlay, dialog};
use crate::tui::app::App;
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, doc};
use crate::tui::screens::block;
use crate::tui::theme::Theme;

/// The keys of Exam date (help and footer).
pub const KEYS: Keys = Keys {
    title: "Exam date",
    docs: &[
        doc(
            &[Msg::Left, Msg::Right],
            "a day earlier / later",
            Some("day"),
        ),
        doc(
            &[Msg::Up, Msg::Down],
            "a week later / earlier",
            Some("week"),
        ),
        doc(
            &[Msg::Prev, Msg::Next],
            "5 minutes a day less / more",
            Some("minutes"),
        ),
        doc(&[Msg::Enter], "save", Some("save")),
        doc(&[Msg::Undo], "remove the exam date", Some("clear")),
        doc(&[Msg::Back], "cancel", Some("cancel")),
    ],
};

/// The exam date being edited (a study day) and the minutes a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanDraft {
    pub day: crate::clock::Day,
    pub minutes: u32,
    pub today: crate::clock::Day,
}

use crate::study::MAX_DAYS_AHEAD;

impl App<'_> {
    /// The exam-date planner: arrows move the date, `[` `]` the minutes, Enter saves.
    /// The draft was taken off the app before this: it stays open only if put back.
    pub(crate) fn update_plan(&mut self, mut p: PlanDraft, msg: Msg) {
        match msg {
            Msg::Enter => {
                let (day, minutes) = (p.day, p.minutes);
                match self.service.set_plan(Some(day), minutes) {
                    Ok(()) => {
                        self.say("Exam date saved: the planner now works toward it.");
                        self.refresh_dashboard();
                    }
                    Err(e) => self.fail(format!("cannot save the exam date: {e:#}")),
                }
            }
            Msg::Undo => {
                let minutes = p.minutes;
                match self.service.set_plan(None, minutes) {
                    Ok(()) => {
                        self.say("Exam date removed.");
                        self.refresh_dashboard();
                    }
                    Err(e) => self.fail(format!("cannot clear the exam date: {e:#}")),
                }
            }
            Msg::Back => {}
            _ => {
                match msg {
                    Msg::Left => p.day = (p.day - 1).max(p.today),
                    Msg::Right => p.day = (p.day + 1).min(p.today + MAX_DAYS_AHEAD),
                    Msg::Up => p.day = (p.day + 7).min(p.today + MAX_DAYS_AHEAD),
                    Msg::Down => p.day = (p.day - 7).max(p.today),
                    Msg::Prev => p.minutes = p.minutes.saturating_sub(5).max(5),
                    Msg::Next => p.minutes = (p.minutes + 5).min(600),
                    _ => {}
                }
                self.overlay = Some(Overlay::Plan(p));
            }
        }
    }
}

/// The exam-date planner overlay.
pub fn render(p: &PlanDraft, area: Rect, buf: &mut Buffer, theme: &Theme) {
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
            Span::styled(format!("  ({})", crate::text::days_away(days)), theme.dim),
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
