//! One module per screen. [`render`] is the whole frame: a header, the screen's body, a status
//! line and the key hints, plus the help and confirmation overlays. Rendering only reads `&App`.

pub mod feedback;
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
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

use super::app::{App, Status};
use super::event::Msg;
use super::keymap::Keys;
use super::overlay;
use super::text;
use super::theme::Theme;
use super::widgets::footer;

/// Below this size the app shows the too-small screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// The screens, overlays and answer widgets that give keys a meaning (footer and help); each
/// declares its [`Keys`] in its own file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// Every screen.
    Global,
    Home,
    /// The setup page before a session (skill area, count; the exam's intro).
    Setup,
    Question,
    /// Answering a question of this kind (its widget's keys).
    Answer(crate::bank::question::Kind),
    /// Only in an exam (shown on the question screen of an exam).
    Exam,
    /// A question outside the exam (practice, study due, review missed, cram).
    Study,
    Feedback,
    ReviewList,
    Results,
    /// One question's explanation opened from the results list.
    ResultsDetail,
    Stats,
    Matrix,
    Confirm,
    /// The exam-date planner.
    Plan,
    /// The report-a-question dialog.
    Report,
    /// The resume-your-unfinished-exam question.
    Resume,
}

impl Ctx {
    /// What each key does here.
    pub fn keys(self) -> &'static Keys {
        match self {
            Ctx::Global => &crate::tui::app::KEYS,
            Ctx::Home => &home::KEYS,
            Ctx::Setup => &setup::KEYS,
            Ctx::Question => &question::KEYS,
            Ctx::Answer(kind) => crate::tui::widgets::keys(kind),
            Ctx::Exam => &question::EXAM_KEYS,
            Ctx::Study => &question::STUDY_KEYS,
            Ctx::Feedback => &feedback::KEYS,
            Ctx::ReviewList => &review_list::KEYS,
            Ctx::Results => &results::KEYS,
            Ctx::ResultsDetail => &results::DETAIL_KEYS,
            Ctx::Stats => &stats::KEYS,
            Ctx::Matrix => &matrix::KEYS,
            Ctx::Confirm => &overlay::confirm::KEYS,
            Ctx::Plan => &overlay::plan::KEYS,
            Ctx::Report => &overlay::report::KEYS,
            Ctx::Resume => &overlay::confirm::RESUME_KEYS,
        }
    }

    pub fn title(self) -> &'static str {
        self.keys().title
    }

    /// Every context (tests check each documented key is bound).
    #[cfg(test)]
    pub fn every() -> Vec<Ctx> {
        let mut v = vec![
            Ctx::Global,
            Ctx::Home,
            Ctx::Setup,
            Ctx::Question,
            Ctx::Exam,
            Ctx::Study,
            Ctx::Feedback,
            Ctx::ReviewList,
            Ctx::Results,
            Ctx::ResultsDetail,
            Ctx::Stats,
            Ctx::Matrix,
            Ctx::Confirm,
            Ctx::Plan,
            Ctx::Report,
            Ctx::Resume,
        ];
        v.extend(
            crate::bank::question::Kind::ALL
                .iter()
                .map(|k| Ctx::Answer(*k)),
        );
        v
    }
}

/// Each screen's own state, kept while the app runs (a screen's module defines its type).
#[derive(Default)]
pub struct Screens {
    /// Home's selected menu entry.
    pub home_cursor: usize,
    /// Home's figures (also tells whether an exam is left unfinished).
    pub dashboard: crate::tui::view::Dashboard,
    pub stats: crate::tui::view::StatsView,
    pub stats_scroll: usize,
    /// The learner's accuracy per matrix cell (the matrix's accuracy view).
    pub accuracy: Vec<crate::tui::widgets::matrix_grid::CellAccuracy>,
    pub matrix: matrix::MatrixState,
    /// The setup page, while open.
    pub setup: Option<setup::SetupState>,
    /// The results of the session that ended last, while shown.
    pub results: Option<results::ResultsState>,
}

/// The screens, one module each (state, update, render). A new screen is a module here, a
/// variant, and its arm in each `match` below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    /// Choosing a skill area and a question count (and, for the exam, its intro page).
    Setup,
    /// A running session: question, feedback or the exam's review list.
    Session,
    Results,
    Stats,
    Matrix,
}

impl Screen {
    /// The contexts whose keys apply on this screen (footer and help).
    pub fn contexts(self, app: &App) -> Vec<Ctx> {
        match self {
            Screen::Home => vec![Ctx::Home],
            Screen::Setup => vec![Ctx::Setup],
            Screen::Session => question::contexts(app),
            Screen::Results => match app.screens.results.as_ref() {
                Some(r) if r.detail => vec![Ctx::ResultsDetail],
                _ => vec![Ctx::Results],
            },
            Screen::Stats => vec![Ctx::Stats],
            Screen::Matrix => vec![Ctx::Matrix],
        }
    }
}

impl App<'_> {
    /// A message for the screen (no overlay is open and it was not a global key).
    pub(crate) fn update_screen(&mut self, msg: Msg) {
        match self.screen {
            Screen::Home => self.update_home(msg),
            Screen::Setup => self.update_setup(msg),
            Screen::Session => self.update_session(msg),
            Screen::Results => self.update_results(msg),
            Screen::Stats => self.update_stats(msg),
            Screen::Matrix => self.update_matrix(msg),
        }
    }

    /// The mouse wheel over the screen: `step` moves a scroll offset by three lines.
    pub(crate) fn wheel_screen(&mut self, up: bool, step: impl Fn(usize) -> usize) {
        let arrow = if up { Msg::Up } else { Msg::Down };
        match self.screen {
            Screen::Home => self.update(arrow),
            Screen::Stats => self.screens.stats_scroll = step(self.screens.stats_scroll),
            Screen::Setup => {
                if let Some(st) = self.screens.setup.as_mut() {
                    st.scroll = step(st.scroll);
                }
            }
            Screen::Results => {
                if let Some(r) = self.screens.results.as_mut() {
                    if r.detail {
                        r.scroll = Some(step(r.scroll.unwrap_or(0)));
                    } else {
                        self.update(arrow);
                    }
                }
            }
            Screen::Session => {
                if let Some(s) = self.session.as_mut() {
                    if s.review_open {
                        self.update(arrow);
                    } else {
                        s.scroll = Some(step(s.scroll.unwrap_or(0)));
                    }
                }
            }
            Screen::Matrix => {
                self.screens.matrix.detail_scroll = if up {
                    self.screens.matrix.detail_scroll.saturating_sub(3)
                } else {
                    self.screens.matrix.detail_scroll + 3
                };
            }
        }
    }
}

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
    let [header, body, status_area, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
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
    if app.overlay.is_some() {
        crate::tui::hits::clear();
    }
    footer::render(buf, footer_area, &app.contexts(), &app.keymap, theme);
    if let Some(o) = &app.overlay {
        overlay::render(app, o, body, buf);
    }
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

/// The column a page of prose is drawn in: a column in from each side of `body`, at most
/// [`MEASURE`] wide, on the left.
pub fn prose(body: Rect) -> Rect {
    let [area] = Layout::horizontal([Constraint::Max(MEASURE)])
        .flex(Flex::Start)
        .areas(body.inner(Margin::new(1, 0)));
    area
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    // The odd column or row left over goes after (right, below).
    let w = w.min(area.width);
    let h = h.min(area.height);
    let [_, column, _] = Layout::horizontal([
        Constraint::Length((area.width - w) / 2),
        Constraint::Length(w),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, rect, _] = Layout::vertical([
        Constraint::Length((area.height - h) / 2),
        Constraint::Length(h),
        Constraint::Fill(1),
    ])
    .areas(column);
    rect
}

/// A bordered block with a title.
pub fn block(title: &str, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}
