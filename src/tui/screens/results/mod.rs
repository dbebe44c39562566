//! Results: the scaled score (an estimate) as a gauge with the 700 line, pass / fail, raw points,
//! time used, per-topic bars, fixed / slipped / still missed against the previous exam, and the
//! missed questions, each with its explanation.

mod summary;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

pub use summary::{bar, gauge, header_counts, summary_content};

use super::feedback::explained;
use super::header_bar;
use crate::engine::{Mode, Session, Summary};
use crate::tui::app::{App, scrolled};
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, doc};
use crate::tui::text::clean;
use crate::tui::widgets::scroll;

/// The keys of Results (help and footer).
pub const KEYS: Keys = Keys {
    title: "Results",
    docs: &[
        doc(
            &[Msg::Up, Msg::Down],
            "move through the questions listed",
            None,
        ),
        doc(
            &[Msg::Left, Msg::Right],
            "list the wrong / marked / unanswered / all questions",
            Some("filter"),
        ),
        doc(
            &[Msg::Enter],
            "show the selected question's explanation",
            Some("explain"),
        ),
        doc(
            &[Msg::Review],
            "retake the questions not right in a review session",
            Some("review missed"),
        ),
    ],
};

/// The keys of one question's explanation opened from Results (help and footer).
pub const DETAIL_KEYS: Keys = Keys {
    title: "Results: one question",
    docs: &[
        doc(
            &[Msg::Prev, Msg::Next],
            "previous / next question of the list",
            Some("previous/next"),
        ),
        doc(
            &[Msg::Up, Msg::Down, Msg::PageUp, Msg::PageDown],
            "scroll the explanation",
            Some("scroll"),
        ),
        doc(&[Msg::Back], "back to the list", Some("back")),
        doc(&[Msg::Enter], "back to the list", None),
    ],
};

pub fn render(app: &App, header_area: Rect, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let Some(r) = app.screens.results.as_ref() else {
        return;
    };
    let summary = &r.summary;
    let area = super::prose(body);
    let width = scroll::text_width(area.width);
    let entries = r.entries();
    if r.detail
        && let Some(index) = entries.get(r.cursor)
        && let Some(item) = r.session.items().get(*index)
        && let Some(q) = app.service.bank().get(&item.question_id)
    {
        header_bar(
            buf,
            header_area,
            vec![Span::raw(format!(
                "Results · {} {} of {} · question {} · {}",
                r.filter.label(),
                r.cursor + 1,
                entries.len(),
                index + 1,
                clean(&crate::study::question_scope(app.service.bank(), q))
            ))],
            vec![Span::raw("[ ] previous/next · Esc back")],
            theme,
        );
        let c = explained(
            q,
            &item.order,
            item.response.as_ref(),
            item.grade.as_ref(),
            item.guess,
            theme,
            width,
        );
        scroll::render(buf, area, &c, r.scroll.or(Some(0)), theme);
        return;
    }
    header_bar(
        buf,
        header_area,
        vec![Span::raw(format!("Results · {}", summary.mode.name()))],
        vec![Span::raw(header_counts(&summary.counts))],
        theme,
    );
    let c = summary_content(app, summary, r, theme, width);
    scroll::render(buf, area, &c, r.scroll, theme);
}

/// Which questions the results list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFilter {
    /// Answered, not fully right.
    Wrong,
    Marked,
    Unanswered,
    All,
}

impl ResultsFilter {
    pub const ALL: [ResultsFilter; 4] = [
        ResultsFilter::Wrong,
        ResultsFilter::Marked,
        ResultsFilter::Unanswered,
        ResultsFilter::All,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ResultsFilter::Wrong => "wrong",
            ResultsFilter::Marked => "marked",
            ResultsFilter::Unanswered => "unanswered",
            ResultsFilter::All => "all",
        }
    }

    /// Whether the session item belongs in the list.
    pub fn keeps(self, item: &crate::engine::session::Item) -> bool {
        match self {
            ResultsFilter::Wrong => item.is_answered() && !item.is_correct(),
            ResultsFilter::Marked => item.marked,
            ResultsFilter::Unanswered => !item.is_answered(),
            ResultsFilter::All => true,
        }
    }

    fn step(self, forward: bool) -> ResultsFilter {
        let i = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        let n = Self::ALL.len();
        Self::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The results of a finished session.
pub struct ResultsState {
    pub summary: Summary,
    pub session: Session,
    /// The selected missed question.
    pub cursor: usize,
    /// The selected question's explanation is open.
    pub detail: bool,
    pub scroll: Option<usize>,
    /// The learner moved through the missed list: keep the selected one in view (until then the
    /// page opens at the top, on the score).
    pub follow: bool,
    /// Which questions the list shows (←/→ switch).
    pub filter: ResultsFilter,
}

impl ResultsState {
    /// Indices (in the session) of the questions the list shows, each question once at its
    /// latest answer ([`crate::engine::summary::questions`]), kept by the filter on that.
    pub fn entries(&self) -> Vec<usize> {
        let items = self.session.items();
        crate::engine::summary::questions(items)
            .into_iter()
            .filter(|&i| self.filter.keeps(&items[i]))
            .collect()
    }
}

impl App<'_> {
    pub(crate) fn update_results(&mut self, msg: Msg) {
        let page = self.page();
        let Some(r) = self.screens.results.as_mut() else {
            self.go_home();
            return;
        };
        let n = r.entries().len();
        match msg {
            Msg::Left | Msg::Right | Msg::Toggle if !r.detail => {
                r.filter = r.filter.step(msg != Msg::Left);
                r.cursor = 0;
                r.follow = true;
                r.scroll = None;
            }
            Msg::Up | Msg::Down | Msg::Top | Msg::Bottom if r.detail => {
                r.scroll = scrolled(r.scroll.unwrap_or(0), msg, page, scroll::last_max());
            }
            Msg::Up => {
                r.cursor = r.cursor.saturating_sub(1);
                r.follow = true;
                r.scroll = None;
            }
            Msg::Down => {
                r.cursor = (r.cursor + 1).min(n.saturating_sub(1));
                r.follow = true;
                r.scroll = None;
            }
            Msg::PageUp | Msg::PageDown => {
                r.scroll = scrolled(r.scroll.unwrap_or(0), msg, page, scroll::last_max());
                r.follow = false;
            }
            Msg::Top => {
                r.cursor = 0;
                r.scroll = Some(0);
                r.follow = false;
            }
            Msg::Bottom => {
                r.cursor = n.saturating_sub(1);
                r.scroll = None;
                r.follow = true;
            }
            Msg::Enter if n > 0 => {
                r.detail = !r.detail;
                r.scroll = None;
            }
            // The list, back from the explanation, shows the question explained last.
            Msg::Prev if r.detail => {
                r.cursor = r.cursor.saturating_sub(1);
                r.scroll = None;
                r.follow = true;
            }
            Msg::Next if r.detail => {
                r.cursor = (r.cursor + 1).min(n.saturating_sub(1));
                r.scroll = None;
                r.follow = true;
            }
            Msg::Review => {
                if r.summary.missed.is_empty() {
                    self.say("Nothing missed: nothing to review.");
                } else {
                    // Exactly the questions whose latest answer in this session is not right,
                    // until each is answered right.
                    let ids = r
                        .summary
                        .missed
                        .iter()
                        .map(|m| m.question_id.clone())
                        .collect();
                    match self.service.start_ids(Mode::Review, ids) {
                        Ok(session) => {
                            self.screens.results = None;
                            self.open_session(session);
                        }
                        Err(e) => self.fail(format!("{e:#}")),
                    }
                }
            }
            Msg::Back if r.detail => {
                r.detail = false;
                r.scroll = None;
            }
            Msg::Back => {
                self.screens.results = None;
                self.go_home();
            }
            _ => {}
        }
    }
}
