//! The question screen: a header with the mode, "12 / 40", the topic, the kind, the flag and the
//! countdown; the prompt and the answer widget below it, scrolling together.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Ctx;
use super::header_bar;
use crate::bank::question::Kind;
use crate::bank::question::Question;
use crate::engine::Action;
use crate::engine::Mode;
use crate::tui::app::scrolled;
use crate::tui::app::{App, SessionState};
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, doc};
use crate::tui::overlay::{Confirm, Overlay};
use crate::tui::text::clean;
use crate::tui::theme::{Theme, glyph};
use crate::tui::widgets::scroll::{self, Content};
use crate::tui::widgets::{self as w, timer};

/// The keys of Exam (help and footer).
pub const EXAM_KEYS: Keys = Keys {
    title: "Exam",
    docs: &[
        doc(
            &[Msg::Prev, Msg::Next],
            "previous / next question",
            Some("move"),
        ),
        doc(
            &[Msg::Review, Msg::Back],
            "open the review list (every question; Esc there comes back)",
            Some("review"),
        ),
        doc(
            &[Msg::Submit],
            "submit the exam (asks first, listing what is unanswered or marked)",
            None,
        ),
        doc(
            &[Msg::Timer],
            "hide or show the countdown (it keeps running)",
            None,
        ),
    ],
};

/// The keys of a question outside the exam (practice, study due, review missed, cram).
pub const STUDY_KEYS: Keys = Keys {
    title: "Session",
    docs: &[doc(
        &[Msg::Back, Msg::Submit],
        "end the session early (asks first), then its summary; Esc there goes Home",
        None,
    )],
};

/// The keys of Question (help and footer).
pub const KEYS: Keys = Keys {
    title: "Question",
    docs: &[
        doc(&[Msg::Enter], "submit the answer", Some("submit")),
        doc(
            &[Msg::Guess],
            "mark the answer as a guess (a right guess is scheduled sooner)",
            Some("guess"),
        ),
        doc(&[Msg::Flag], "mark the question for review", Some("mark")),
        doc(
            &[Msg::PageUp, Msg::PageDown],
            "scroll a long question",
            None,
        ),
        doc(
            &[Msg::Report],
            "report this question (wrong answer, unclear, typo...)",
            None,
        ),
    ],
};

/// The header spans shared by the question and feedback screens.
pub fn header(
    app: &App,
    state: &SessionState,
    q: Option<&Question>,
) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
    let theme = &app.theme;
    let s = &state.session;
    // Open for an answer, the header never names one of the options (an objective's title
    // can be the answer: "Defense in depth"); on feedback it names the objective.
    let bank = app.service.bank();
    let topic = q
        .map(|q| {
            if s.phase() == crate::engine::Phase::Feedback {
                crate::study::question_scope(bank, q)
            } else {
                crate::study::question_scope_asked(bank, q)
            }
        })
        .unwrap_or_default();
    let mut left = vec![
        Span::styled(s.mode().name().to_string(), theme.header),
        Span::raw(" · "),
        Span::raw(s.position().to_string()),
        Span::raw(" · "),
    ];
    if s.mode() == Mode::Due {
        // Study due serves due reviews and new concepts: say which this one is.
        let new = state.unseen.contains(&s.current_item().concept);
        left.push(Span::raw(if new {
            "new concept · "
        } else {
            "review · "
        }));
    }
    // The kind first: on a narrow terminal the header cuts the objective's title, not the kind.
    if let Some(q) = q {
        left.push(Span::raw(q.kind().label()));
        left.push(Span::raw(" · "));
    }
    if !topic.is_empty() {
        left.push(Span::raw(clean(&topic)));
    } else if q.is_some() {
        left.pop();
    }
    let mut right = Vec::new();
    let item = s.current_item();
    if item.marked {
        right.push(Span::styled(
            format!("{} marked", glyph::MARKED),
            theme.header,
        ));
        right.push(Span::raw("  "));
    }
    if state.guess {
        right.push(Span::styled(
            format!("{} guess", glyph::GUESS),
            theme.header,
        ));
        right.push(Span::raw("  "));
    }
    if let Some(rem) = app.remaining_ms() {
        right.push(timer::span(rem, state.timer_hidden, theme));
    }
    (left, right)
}

/// The prompt paragraph.
pub fn prompt(q: &Question, theme: &Theme, c: &mut Content) {
    c.blank();
    c.push(Line::styled(clean(&q.prompt), theme.title));
    c.blank();
}

pub fn render(app: &App, header_area: Rect, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let Some(state) = app.session.as_ref() else {
        return;
    };
    let q = app.current_question();
    let (left, right) = header(app, state, q);
    header_bar(buf, header_area, left, right, theme);
    let Some(q) = q else {
        return;
    };
    let area = super::prose(body);
    let mut c = Content::new();
    prompt(q, theme, &mut c);
    let width = scroll::text_width(area.width);
    c.extend(w::answer(q, &state.draft, false, theme, width));
    scroll::render(buf, area, &c, state.scroll, theme);
}

impl App<'_> {
    pub(crate) fn update_question(&mut self, msg: Msg, exam: bool) {
        let page = self.page();
        let Some(q) = self.current_question().cloned() else {
            return;
        };
        let Some(state) = self.session.as_mut() else {
            return;
        };
        match msg {
            Msg::Enter => self.submit(exam),
            Msg::Guess => {
                state.guess = !state.guess;
                let text = if state.guess {
                    "This answer will be recorded as a guess."
                } else {
                    "No longer a guess."
                };
                self.say(text);
            }
            Msg::Flag => self.act(Action::ToggleMark),
            Msg::Report => self.overlay = Some(Overlay::Report),
            Msg::PageUp | Msg::PageDown => {
                state.scroll = scrolled(state.scroll.unwrap_or(0), msg, page, scroll::last_max());
            }
            Msg::Prev | Msg::Next | Msg::Review | Msg::Timer if !exam => {
                self.say("That key works in the exam only.");
            }
            Msg::Prev => {
                self.save_exam_draft();
                self.act(Action::Prev);
            }
            Msg::Next => {
                self.save_exam_draft();
                self.act(Action::Next);
            }
            Msg::Review => {
                self.save_exam_draft();
                if let Some(state) = self.session.as_mut() {
                    state.review_open = true;
                    state.review_cursor = state.session.current_index();
                }
            }
            Msg::Timer => state.timer_hidden = !state.timer_hidden,
            Msg::Back => {
                if exam {
                    self.save_exam_draft();
                    if let Some(state) = self.session.as_mut() {
                        state.review_open = true;
                        state.review_cursor = state.session.current_index();
                    }
                } else {
                    self.overlay = Some(Overlay::Confirm(Confirm::EndSession));
                }
            }
            Msg::Submit if exam => {
                // The answer on screen counts first, as when moving away from it.
                self.save_exam_draft();
                self.confirm_submit_exam();
            }
            Msg::Submit => self.overlay = Some(Overlay::Confirm(Confirm::EndSession)),
            Msg::Undo => self.say("Nothing to undo yet: u takes back an answer on its feedback."),
            other => {
                if state.draft.update(&q.body, other) {
                    state.scroll = None;
                }
            }
        }
    }
    pub(crate) fn submit(&mut self, exam: bool) {
        let Some(q) = self.current_question().cloned() else {
            return;
        };
        let Some(state) = self.session.as_mut() else {
            return;
        };
        // An order list is an answer as shown: Enter on it is on purpose.
        if !state.draft.is_answered() && !state.draft.value.answer_as_shown() {
            let hint = first_pick_hint(q.kind(), &self.keymap);
            self.say(hint);
            return;
        }
        let response = state.draft.response();
        let index = state.session.current_index();
        // Too few is incomplete; too many is an answer not as asked (each extra pick cancels a
        // right one): both refused in practice, in the exam once.
        let problem = match q.body.missing(&response) {
            Some(missing) => Some(("Incomplete", missing, "Finish it")),
            None => q
                .body
                .too_many(&response)
                .map(|over| ("Too many", over, "Unpick one")),
        };
        if let Some((what, clause, fix)) = problem {
            let warned = state.incomplete_warned.as_ref() == Some(&(index, response.clone()));
            if !exam {
                self.say(format!("{what}: {clause} {fix}, then Enter."));
                return;
            }
            if !warned {
                state.incomplete_warned = Some((index, response));
                self.say(format!("{what}: {clause} Enter again to leave it so."));
                return;
            }
        }
        state.incomplete_warned = None;
        let guess = state.guess;
        let last = index + 1 == state.session.items().len();
        self.act(Action::Answer { response, guess });
        if exam {
            if last {
                if let Some(state) = self.session.as_mut() {
                    state.review_open = true;
                    state.review_cursor = state.session.current_index();
                }
                self.say("That was the last question: check the list, then s to submit.");
            } else {
                self.act(Action::Next);
            }
        }
    }
}

/// The keys that answer a question of `kind` (help and footer list only those).
pub fn kind_ctx(kind: Kind) -> Ctx {
    Ctx::Answer(kind)
}

pub use crate::tui::widgets::first_pick_hint;

/// The contexts of the session screen: the review list, the feedback, or the question (its
/// kind's keys, the question's, and the exam's in an exam).
pub fn contexts(app: &App) -> Vec<Ctx> {
    match &app.session {
        Some(s) if s.review_open => vec![Ctx::ReviewList],
        Some(s) if s.session.phase() == crate::engine::Phase::Feedback => vec![Ctx::Feedback],
        Some(s) => {
            let mut v = vec![kind_ctx(s.draft.kind), Ctx::Question];
            v.push(if s.session.mode() == Mode::Exam {
                Ctx::Exam
            } else {
                Ctx::Study
            });
            v
        }
        None => vec![Ctx::Question],
    }
}
