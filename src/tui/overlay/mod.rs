//! The overlays: modal layers drawn over a screen (help, a confirmation, the exam-date planner,
//! the report dialog). At most one is open ([`App::overlay`]); while it is, keys go to it.

pub mod confirm;
pub mod help;
pub mod plan;
pub mod report;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

pub use confirm::Confirm;
pub use plan::PlanDraft;

use super::app::App;
use super::event::Msg;
use super::screens::Ctx;
use super::screens::centered;
use super::text;

/// The modal layer over the screen, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The keys of the screen (or of the dialog `under` it), scrolled by `scroll` lines.
    Help {
        scroll: usize,
        under: Option<Box<Overlay>>,
    },
    /// A question asked before doing something.
    Confirm(Confirm),
    /// The exam-date planner.
    Plan(PlanDraft),
    /// The report-a-question dialog (over a question or its feedback).
    Report,
}

impl Overlay {
    /// The help over whatever is on screen now (`under`: the dialog open, if any).
    pub fn help(under: Option<Overlay>) -> Overlay {
        Overlay::Help {
            scroll: 0,
            under: under.map(Box::new),
        }
    }

    /// The keys that apply while it is open (`None`: the screen's, for help over a screen).
    pub fn ctx(&self) -> Option<Ctx> {
        match self {
            Overlay::Help { under, .. } => under.as_ref().and_then(|u| u.ctx()),
            Overlay::Confirm(Confirm::ResumeExam(_)) => Some(Ctx::Resume),
            Overlay::Confirm(_) => Some(Ctx::Confirm),
            Overlay::Plan(_) => Some(Ctx::Plan),
            Overlay::Report => Some(Ctx::Report),
        }
    }
}

impl App<'_> {
    /// Keys while an overlay is open. Help (`?`) and quit still work over the planner and the
    /// report dialog.
    pub(crate) fn update_overlay(&mut self, overlay: Overlay, msg: Msg) {
        match overlay {
            Overlay::Confirm(c) => self.update_confirm(c, msg),
            Overlay::Help { scroll, under } => self.update_help(scroll, under, msg),
            o @ (Overlay::Plan(_) | Overlay::Report) if matches!(msg, Msg::Help | Msg::Quit) => {
                self.status = None;
                if msg == Msg::Help {
                    self.overlay = Some(Overlay::help(Some(o)));
                } else {
                    self.overlay = Some(o);
                    self.request_quit();
                }
            }
            Overlay::Plan(p) => self.update_plan(p, msg),
            Overlay::Report => self.update_report(msg),
        }
    }
}

/// Draws `overlay` over the screen's `body`.
pub fn render(app: &App, overlay: &Overlay, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    match overlay {
        Overlay::Help { scroll, under } => {
            if let Some(u) = under {
                render(app, u, body, buf);
            }
            help::render(app, *scroll, body, buf);
        }
        Overlay::Confirm(c) => confirm::render(c, body, buf, theme),
        Overlay::Plan(p) => plan::render(p, body, buf, theme),
        Overlay::Report => report::render(app, body, buf, theme),
    }
}

/// A dialog box centred in `area`, at most 70 columns wide and as tall as its wrapped lines.
pub fn dialog(lines: Vec<Line<'_>>, frame: Block<'_>, area: Rect, buf: &mut Buffer) {
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
