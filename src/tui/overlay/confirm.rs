//! Confirmations: quit or submit the exam, end a session early, resume an unfinished exam.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Overlay, dialog};
use crate::engine::{Action, Mode};
use crate::tui::app::App;
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, doc};
use crate::tui::screens::block;
use crate::tui::theme::Theme;

/// The keys of Unfinished exam (help and footer).
pub const RESUME_KEYS: Keys = Keys {
    title: "Unfinished exam",
    docs: &[
        doc(
            &[Msg::Yes, Msg::Enter],
            "resume the exam where you left it",
            Some("resume"),
        ),
        doc(
            &[Msg::No],
            "start a new exam (the unfinished one ends unscored)",
            Some("new exam"),
        ),
        doc(&[Msg::Back], "cancel", Some("cancel")),
    ],
};

/// The keys of Confirmation (help and footer).
pub const KEYS: Keys = Keys {
    title: "Confirmation",
    docs: &[
        doc(&[Msg::Yes, Msg::Enter], "yes", Some("yes")),
        doc(&[Msg::No, Msg::Back], "no", Some("no")),
    ],
};

/// A question asked before doing something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Quit in the middle of an exam.
    QuitExam,
    /// Submit the exam; lists the unanswered, incomplete and marked questions (1-based).
    SubmitExam {
        unanswered: Vec<usize>,
        incomplete: Vec<usize>,
        marked: Vec<usize>,
    },
    /// End a practice / review / cram / due session early and see its summary.
    EndSession,
    /// An exam was left unfinished: resume it (yes), or start a new one (no) which ends it.
    ResumeExam(crate::tui::view::UnfinishedExam),
}

impl App<'_> {
    /// Yes (y, Enter) does what was asked; no (n, Esc) closes the question. The overlay was
    /// taken off the app before this: it stays open only if put back.
    pub(crate) fn update_confirm(&mut self, confirm: Confirm, msg: Msg) {
        match msg {
            Msg::Yes | Msg::Enter => match confirm {
                Confirm::QuitExam => {
                    self.leave_session();
                    self.quit = true;
                }
                Confirm::SubmitExam { .. } | Confirm::EndSession => {
                    self.act(Action::Submit);
                }
                Confirm::ResumeExam(_) => self.resume_exam(),
            },
            Msg::No if matches!(confirm, Confirm::ResumeExam(_)) => self.start_new(Mode::Exam),
            Msg::No | Msg::Back => {}
            Msg::Quit => {
                if confirm != Confirm::QuitExam {
                    self.request_quit();
                }
            }
            _ => self.overlay = Some(Overlay::Confirm(confirm)),
        }
    }
}

pub fn render(c: &Confirm, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let (title, mut lines): (&str, Vec<Line<'static>>) = match c {
        Confirm::QuitExam => (
            "Quit the exam?",
            vec![
                Line::from("The exam is not submitted yet. Your answers and your place are saved:"),
                Line::from("resume it from Exam on Home, or with `az900 resume`, with the time"),
                Line::from("it had left."),
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
    let keys = key_row(c, theme);
    lines.push(Line::default());
    lines.push(Line::from(keys));
    dialog(
        lines,
        block(title, theme).border_style(theme.warn),
        area,
        buf,
    );
}

/// The dialog's last line: the keys that answer it.
fn key_row(c: &Confirm, theme: &Theme) -> Vec<Span<'static>> {
    let key = |k: &'static str| Span::styled(k, theme.key);
    if matches!(c, Confirm::ResumeExam(_)) {
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
    }
}
