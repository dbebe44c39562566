//! Home: the dashboard (due today, new available, streak, last exam, readiness) and the modes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{block, header_bar};
use crate::engine::Mode;
use crate::engine::score::PASS_SCALED;
use crate::tui::app::App;
use crate::tui::app::Screen;
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, PICKS, doc};
use crate::tui::overlay::{Confirm, Overlay, PlanDraft};
use crate::tui::text;
use crate::tui::theme::{Theme, glyph};
use crate::tui::view::Dashboard;
use crate::tui::widgets::scroll::{self, Content};

/// The keys of Home (help and footer).
pub const KEYS: Keys = Keys {
    title: "Home",
    docs: &[
        doc(&[Msg::Up, Msg::Down], "move through the menu", None),
        doc(PICKS, "open a menu entry by number", None),
        doc(&[Msg::Enter], "open the selected entry", Some("open")),
        doc(
            &[Msg::Plan],
            "set the exam date and the minutes a day the planner works toward",
            Some("exam date"),
        ),
    ],
};

fn figure(label: &str, value: Vec<Span<'static>>, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(format!("{label:<16}"), theme.dim)];
    spans.extend(value);
    Line::from(spans)
}

/// The dashboard's figures.
pub fn dashboard_lines(d: &Dashboard, theme: &Theme) -> Vec<Line<'static>> {
    let mut v = vec![
        figure(
            "Due reviews",
            vec![Span::styled(d.due_today.to_string(), theme.title)],
            theme,
        ),
        figure(
            "New today",
            vec![Span::raw(d.new_available.to_string())],
            theme,
        ),
        figure(
            "Streak",
            vec![Span::raw(format!(
                "{} day{}",
                d.streak,
                if d.streak == 1 { "" } else { "s" }
            ))],
            theme,
        ),
    ];
    v.push(figure(
        "Last exam",
        match d.last_exam_scaled {
            Some(s) => {
                let pass = s >= PASS_SCALED;
                vec![
                    Span::styled(format!("{s}"), theme.title),
                    Span::raw(" / 1000 "),
                    if pass {
                        Span::styled(format!("{} pass", glyph::RIGHT), theme.pass)
                    } else {
                        Span::styled(format!("{} below 700", glyph::WRONG), theme.fail)
                    },
                ]
            }
            // A part of the exam has no scaled score: the figure is the last full exam's.
            None => vec![Span::styled("— no full exam yet", theme.dim)],
        },
        theme,
    ));
    v.push(figure(
        "Readiness",
        match &d.readiness {
            Some(r) => vec![
                Span::styled(
                    format!("{}%", crate::text::percent(r.predicted_percent)),
                    theme.title,
                ),
                Span::raw(format!(
                    " ({}–{}%)",
                    crate::text::percent(r.low),
                    crate::text::percent(r.high)
                )),
                Span::raw(format!(" ≈ {} scaled", r.scaled_estimate)),
                Span::styled(" estimate", theme.dim),
            ],
            None => vec![Span::styled("—", theme.dim)],
        },
        theme,
    ));
    if let Some(date) = &d.exam_date {
        let days = match d.days_to_exam {
            Some(n) if n >= 0 => format!(" ({})", crate::text::days_away(n)),
            _ => String::new(),
        };
        v.push(figure(
            "Exam date",
            vec![Span::raw(format!("{}{days}", text::clean(date)))],
            theme,
        ));
    }
    v.extend(d.minutes_today.1.map(|plan| {
        figure(
            "Today",
            vec![Span::raw(minutes_today(
                d.minutes_today.0,
                plan,
                d.plan_done,
            ))],
            theme,
        )
    }));
    v.push(figure(
        "Answers",
        vec![Span::raw(format!(
            "{} given · bank of {} questions, {} concepts",
            d.attempts, d.questions, d.concepts
        ))],
        theme,
    ));
    v
}

/// Home's "Today" figure: minutes studied of the plan's, and once the plan is done (`done`:
/// its minutes, or its items when answered faster than planned), how to go on (Study due plans
/// again: the most useful concepts for exam day not yet reviewed today).
pub fn minutes_today(studied: u32, plan: u32, done: bool) -> String {
    if done || studied >= plan {
        format!("{studied} of {plan} min studied · plan done: Study due again to go on")
    } else {
        format!("{studied} of {plan} min studied")
    }
}

fn menu_badge(item: MenuItem, d: &Dashboard) -> String {
    match item {
        MenuItem::StudyDue if d.new_available > 0 => {
            format!("{} due · {} new", d.due_today, d.new_available)
        }
        MenuItem::StudyDue => format!("{} due", d.due_today),
        MenuItem::ReviewMissed if d.review_session < d.review_waiting => {
            format!("{} of {} waiting", d.review_session, d.review_waiting)
        }
        MenuItem::ReviewMissed if d.review_waiting > 0 => format!("{} waiting", d.review_waiting),
        MenuItem::Exam if d.unfinished_exam.is_some() => "unfinished".into(),
        _ => String::new(),
    }
}

/// The menu's width with each entry's description beside it.
const MENU_WITH_DESCRIPTIONS: u16 = 92;

pub fn render(app: &App, header: Rect, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let d = &app.screens.dashboard;
    header_bar(
        buf,
        header,
        vec![Span::raw("az900 · AZ-900 Azure Fundamentals")],
        vec![Span::raw(format!(
            "streak {} · {} due",
            d.streak, d.due_today
        ))],
        theme,
    );
    let wide = body.width >= 100;
    let mut c = Content::new();
    for l in dashboard_lines(d, theme) {
        c.push_indented(l, 16);
    }
    let (menu_area, dash_area) = if wide {
        // As wide as its longest figure (inside the borders, the gap and the scroll column), from 50
        // columns up to what leaves the menu room for its descriptions beside it: at 200
        // columns a 50-column panel wrapped "≈ 274 scaled estimate" beside an empty half.
        let natural = dashboard_lines(d, theme)
            .iter()
            .map(Line::width)
            .max()
            .unwrap_or(0)
            .saturating_add(4);
        let room = body.width.saturating_sub(MENU_WITH_DESCRIPTIONS);
        let dash_w = u16::try_from(natural)
            .unwrap_or(u16::MAX)
            .min(room)
            .max(50.min(body.width / 2));
        // As tall as its figures wrapped to the panel (inside the borders and the scroll
        // column), so no figure hides behind a scroll mark while the screen has room.
        let lines = c
            .layout(scroll::text_width(dash_w.saturating_sub(2)))
            .0
            .len();
        let h = u16::try_from(lines + 2).unwrap_or(u16::MAX);
        let [menu, beside] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(dash_w)]).areas(body);
        let [dash, _] =
            Layout::vertical([Constraint::Length(h), Constraint::Fill(1)]).areas(beside);
        (menu, dash)
    } else {
        // The figures (one line each at this width) plus the borders.
        let figures = u16::try_from(dashboard_lines(d, theme).len()).unwrap_or(8);
        let h = (figures + 2).min(body.height);
        let [dash, menu] =
            Layout::vertical([Constraint::Length(h), Constraint::Fill(1)]).areas(body);
        (menu, dash)
    };
    // Dashboard.
    let b = block("Today", theme);
    let inner = b.inner(dash_area);
    b.render(dash_area, buf);
    scroll::render(buf, inner, &c, Some(0), theme);
    // Menu: descriptions beside the entries when there is room, else the selected one below
    // (without the blank lines when they would push it out of sight: an exam date adds a
    // figure, and at 80×24 the description went behind "▼ 2 more lines").
    let inline = menu_area.width >= MENU_WITH_DESCRIPTIONS;
    let mut m = menu(app, inline, false);
    if m.layout(scroll::text_width(menu_area.width)).0.len() > usize::from(menu_area.height) {
        m = menu(app, inline, true);
    }
    scroll::render(buf, menu_area, &m, None, theme);
}

/// The menu's entries (`inline`: each with its description beside it, else the selected one's
/// below; `compact`: without the blank lines around them).
fn menu(app: &App, inline: bool, compact: bool) -> Content {
    let (theme, d) = (&app.theme, &app.screens.dashboard);
    let mut m = Content::new();
    if !compact {
        m.blank();
    }
    for (i, item) in MenuItem::ALL.iter().enumerate() {
        let focused = app.screens.home_cursor == i;
        let badge = menu_badge(*item, d);
        let mut spans = vec![
            Span::styled(
                if focused {
                    format!(" {} ", glyph::CURSOR)
                } else {
                    "   ".into()
                },
                theme.key,
            ),
            Span::styled(format!("{} ", i + 1), theme.key),
            Span::styled(
                format!("{:<14}", item.label()),
                if focused { theme.title } else { theme.base },
            ),
            Span::styled(format!("{badge:<18} "), theme.warn),
        ];
        if inline {
            spans.push(Span::styled(item.describe(), theme.dim));
        }
        let mut line = Line::from(spans);
        if focused {
            line = line.style(theme.cursor);
            m.focus_next();
        }
        match u8::try_from(i) {
            Ok(n) => m.push_click(line, 30, crate::tui::event::Msg::Pick(n)),
            Err(_) => m.push_indented(line, 30),
        }
    }
    if !inline && let Some(item) = MenuItem::ALL.get(app.screens.home_cursor) {
        if !compact {
            m.blank();
        }
        m.push_indented(
            Line::styled(format!("   {}", item.describe()), theme.dim),
            3,
        );
    }
    m
}

/// The Home menu, in order (1–9 open an entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    StudyDue,
    Practice,
    Exam,
    ReviewMissed,
    Cram,
    Stats,
    Matrix,
    Help,
    Quit,
}

impl MenuItem {
    pub const ALL: [MenuItem; 9] = [
        MenuItem::StudyDue,
        MenuItem::Practice,
        MenuItem::Exam,
        MenuItem::ReviewMissed,
        MenuItem::Cram,
        MenuItem::Stats,
        MenuItem::Matrix,
        MenuItem::Help,
        MenuItem::Quit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MenuItem::StudyDue => "Study due",
            MenuItem::Practice => "Practice",
            MenuItem::Exam => "Exam",
            MenuItem::ReviewMissed => "Review missed",
            MenuItem::Cram => "Cram",
            MenuItem::Stats => "Stats",
            MenuItem::Matrix => "Matrix",
            MenuItem::Help => "Help",
            MenuItem::Quit => "Quit",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            MenuItem::StudyDue => "the questions the scheduler has due today, then new ones",
            MenuItem::Practice => "the whole exam or one part of it, feedback after each",
            MenuItem::Exam => "timed, no feedback until the end, mark and review, pass at 700",
            MenuItem::ReviewMissed => "what you got wrong last time, and what you marked",
            MenuItem::Cram => "weakest concepts first; does not change your schedule",
            MenuItem::Stats => "scores over time, skill areas, answers per day, confusions",
            MenuItem::Matrix => "the shared responsibility matrix, and your accuracy on it",
            MenuItem::Help => "every key",
            MenuItem::Quit => "progress is saved after every answer",
        }
    }

    fn mode(self) -> Option<Mode> {
        match self {
            MenuItem::StudyDue => Some(Mode::Due),
            MenuItem::Practice => Some(Mode::Practice),
            MenuItem::Exam => Some(Mode::Exam),
            MenuItem::ReviewMissed => Some(Mode::Review),
            MenuItem::Cram => Some(Mode::Cram),
            _ => None,
        }
    }
}

impl App<'_> {
    pub(crate) fn update_home(&mut self, msg: Msg) {
        let n = MenuItem::ALL.len();
        match msg {
            Msg::Up => self.screens.home_cursor = (self.screens.home_cursor + n - 1) % n,
            Msg::Down => self.screens.home_cursor = (self.screens.home_cursor + 1) % n,
            Msg::Top => self.screens.home_cursor = 0,
            Msg::Bottom => self.screens.home_cursor = n - 1,
            Msg::Pick(i) if usize::from(i) < n => {
                self.screens.home_cursor = usize::from(i);
                self.open_menu(MenuItem::ALL[usize::from(i)]);
            }
            Msg::Enter => self.open_menu(MenuItem::ALL[self.screens.home_cursor % n]),
            Msg::Plan => {
                let today = self.service.calendar_today();
                let (day, minutes) = self.service.plan().unwrap_or((today + 30, 20));
                self.overlay = Some(Overlay::Plan(PlanDraft {
                    day: day.max(today),
                    minutes,
                    today,
                }));
            }
            Msg::Back => {}
            _ => {}
        }
    }
    pub(crate) fn open_menu(&mut self, item: MenuItem) {
        if let Some(mode) = item.mode() {
            self.start(mode);
            return;
        }
        match item {
            MenuItem::Stats => {
                match self.service.stats() {
                    Ok(s) => self.screens.stats = s,
                    Err(e) => return self.fail(format!("cannot read stats: {e:#}")),
                }
                self.screens.stats_scroll = 0;
                self.screen = Screen::Stats;
            }
            MenuItem::Matrix => {
                match self.service.cell_accuracy() {
                    Ok(a) => self.screens.accuracy = a,
                    Err(e) => self.fail(format!("cannot read accuracy: {e:#}")),
                }
                self.screen = Screen::Matrix;
            }
            MenuItem::Help => self.overlay = Some(Overlay::help(None)),
            MenuItem::Quit => self.request_quit(),
            _ => {}
        }
    }
    pub(crate) fn start(&mut self, mode: Mode) {
        if mode == Mode::Exam
            && let Some(unfinished) = self.screens.dashboard.unfinished_exam
        {
            self.overlay = Some(Overlay::Confirm(Confirm::ResumeExam(unfinished)));
            return;
        }
        self.start_new(mode);
    }
    /// Takes up the unfinished exam where it was.
    pub(crate) fn resume_exam(&mut self) {
        match self.service.resume_exam() {
            Ok(session) => {
                self.screens.results = None;
                self.open_session(session);
                self.say("Exam resumed where you left it.");
            }
            Err(e) => {
                self.fail(format!("{e:#}"));
                self.refresh_dashboard();
            }
        }
    }
    pub(crate) fn start_new(&mut self, mode: Mode) {
        if matches!(mode, Mode::Practice | Mode::Exam | Mode::Cram) {
            self.open_setup(mode);
            return;
        }
        match self.service.start(mode) {
            Ok(session) => {
                self.screens.results = None;
                self.open_session(session);
            }
            Err(e) => self.fail(format!("{e:#}")),
        }
    }
}

#[cfg(test)]
mod minutes_tests {
    #[test]
    fn the_today_figure_offers_to_go_on_once_the_plan_is_done() {
        assert_eq!(super::minutes_today(7, 20, false), "7 of 20 min studied");
        assert!(super::minutes_today(7, 20, true).contains("plan done"));
        let done = super::minutes_today(21, 20, false);
        assert!(done.starts_with("21 of 20 min studied"), "{done}");
        assert!(done.contains("Study due again to go on"), "{done}");
    }
}
