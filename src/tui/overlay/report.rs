//! The report-a-question dialog: a reason by number stores the report; Esc cancels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Overlay, dialog};
use crate::tui::app::App;
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, PICKS, doc};
use crate::tui::screens::block;
use crate::tui::text;
use crate::tui::theme::Theme;

/// The keys of Report a question (help and footer).
pub const KEYS: Keys = Keys {
    title: "Report a question",
    docs: &[
        doc(
            PICKS.split_at(5).0,
            "report with this reason",
            Some("reason"),
        ),
        doc(&[Msg::Back], "cancel", Some("cancel")),
    ],
};

impl App<'_> {
    /// A reason by number stores the report; Esc cancels. The dialog was taken off the app
    /// before this: it stays open only if put back.
    pub(crate) fn update_report(&mut self, msg: Msg) {
        use crate::store::ReportReason;
        match msg {
            Msg::Pick(i) => {
                let Some(reason) = ReportReason::ALL.get(usize::from(i)).copied() else {
                    self.overlay = Some(Overlay::Report);
                    return;
                };
                let Some(state) = self.session.as_ref() else {
                    return;
                };
                // Short enough for the status line at 80 columns (the question's id made it
                // run off the edge); `az900 reports` names the question.
                match self.service.report(&state.session, reason) {
                    Ok(()) => self.say(format!(
                        "Reported ({}); `az900 reports` lists it.",
                        reason.label()
                    )),
                    Err(e) => self.fail(format!("The report was not saved: {e:#}")),
                }
            }
            Msg::Back => {}
            _ => self.overlay = Some(Overlay::Report),
        }
    }
}

/// The report-a-question dialog: the question's prompt (shortened) and the reasons by number.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
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
