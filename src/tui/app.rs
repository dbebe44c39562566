//! The front end's state and its one update function. `App::update` is the only place state
//! changes; screens render from `&App`.

use crate::bank::question::{Kind, Question, Response};
use crate::clock::Millis;
use crate::engine::{Action, Event, Mode, Phase, Session, Summary};
use crate::rules::Model;

use super::answer::Draft;
use super::event::Msg;
use super::keymap::{Ctx, Keymap};
use super::service::StudyService;
use super::theme::Theme;
use super::view::{Dashboard, SetupChoice, StatsView};
use super::widgets::matrix_grid::{CellAccuracy, MatrixView};
use super::widgets::scroll;

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

/// A running session and what the question screen keeps about it.
pub struct SessionState {
    pub session: Session,
    pub draft: Draft,
    /// The next answer is marked as a guess.
    pub guess: bool,
    pub timer_hidden: bool,
    /// The exam's review list is open.
    pub review_open: bool,
    pub review_cursor: usize,
    /// Manual scroll of the question / feedback page (`None`: follow the cursor).
    pub scroll: Option<usize>,
    /// In an exam, the incomplete answer the learner was told about (item index and answer):
    /// Enter again on the same answer leaves it incomplete on purpose.
    pub incomplete_warned: Option<(usize, Response)>,
    /// Concepts never reviewed before the session started ("Study due" labels them new).
    pub unseen: Vec<String>,
}

/// The setup page before a practice, cram or exam session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupState {
    pub mode: Mode,
    /// `(id, name)` of each choice: the first entry is the whole exam (id empty), then each
    /// skill area followed by its objective groups, in outline order.
    pub topics: Vec<(String, String)>,
    /// Questions in the bank for each entry of `topics`.
    pub sizes: Vec<usize>,
    pub topic: usize,
    pub count: usize,
    /// The focused field: 0 skill area, 1 question count.
    pub field: usize,
    /// Scroll of the page (PgUp / PgDn, Home / End).
    pub scroll: usize,
}

/// The question counts a setup page offers: from `min` to `max` by `step`.
pub fn count_range(mode: Mode) -> (usize, usize, usize) {
    match mode {
        Mode::Exam => (10, 60, 5),
        _ => (5, 100, 5),
    }
}

/// The exam's time for `count` questions: the real exam's 45 minutes for 40, in proportion.
pub fn exam_minutes(count: usize) -> u32 {
    u32::try_from((count * 45).div_ceil(40))
        .unwrap_or(u32::MAX)
        .max(1)
}

impl SetupState {
    pub fn choice(&self) -> SetupChoice {
        SetupChoice {
            topic: self
                .topics
                .get(self.topic)
                .map(|(id, _)| id.clone())
                .filter(|id| !id.is_empty()),
            count: self.count,
            minutes: (self.mode == Mode::Exam).then(|| exam_minutes(self.count)),
        }
    }
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
    /// Indices (in the session) of the questions the list shows: second chances are left out
    /// (their question is listed once).
    pub fn entries(&self) -> Vec<usize> {
        self.session
            .items()
            .iter()
            .enumerate()
            .filter(|(_, it)| !it.requeued && self.filter.keeps(it))
            .map(|(i, _)| i)
            .collect()
    }
}

pub struct MatrixState {
    /// (row among the matrix rows, model index).
    pub cursor: (usize, usize),
    pub view: MatrixView,
    /// Scroll of the selected cell's detail pane.
    pub detail_scroll: usize,
}

/// A one-line message under the screen (an error when `error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App<'b> {
    pub service: &'b mut dyn StudyService,
    pub theme: Theme,
    /// The keys in force (the defaults, or the learner's `keys.json`): input, footer and help
    /// read it.
    pub keymap: Keymap,
    pub screen: Screen,
    pub help: bool,
    pub help_scroll: usize,
    pub confirm: Option<Confirm>,
    pub status: Option<Status>,
    /// A problem from outside the app's own actions (today's backup failed): shown in the
    /// status line whenever no newer message is, until the app ends.
    pub alert: Option<String>,
    pub home_cursor: usize,
    pub dashboard: Dashboard,
    pub stats: StatsView,
    pub stats_scroll: usize,
    pub accuracy: Vec<CellAccuracy>,
    pub matrix: MatrixState,
    pub session: Option<SessionState>,
    pub results: Option<ResultsState>,
    /// The time of the latest update (render reads it for the countdown).
    pub now: Millis,
    pub quit: bool,
    /// Why the app stopped on its own (an answer the store could not save): the app ends with
    /// it as its error, so the terminal is restored before it is printed.
    pub fatal: Option<String>,
    /// The exam-date planner, while open.
    pub plan: Option<PlanDraft>,
    /// The report-a-question dialog is open (over a question or its feedback).
    pub reporting: bool,
    /// The setup page, while open.
    pub setup: Option<SetupState>,
    /// The terminal's size (columns, rows), given by the event loop before each draw: the
    /// review grid's columns and a page of scrolling follow it.
    pub viewport: (u16, u16),
}

/// The exam date being edited (a study day) and the minutes a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanDraft {
    pub day: crate::clock::Day,
    pub minutes: u32,
    pub today: crate::clock::Day,
}

impl<'b> App<'b> {
    pub fn new(service: &'b mut dyn StudyService, theme: Theme) -> App<'b> {
        let now = service.now();
        let mut app = App {
            service,
            theme,
            keymap: Keymap::default(),
            screen: Screen::Home,
            help: false,
            help_scroll: 0,
            confirm: None,
            status: None,
            fatal: None,
            alert: None,
            home_cursor: 0,
            dashboard: Dashboard::default(),
            stats: StatsView::default(),
            stats_scroll: 0,
            accuracy: Vec::new(),
            matrix: MatrixState {
                cursor: (0, 1),
                view: MatrixView::Owner,
                detail_scroll: 0,
            },
            session: None,
            results: None,
            now,
            quit: false,
            viewport: (80, 24),
            setup: None,
            plan: None,
            reporting: false,
        };
        app.refresh_dashboard();
        app
    }

    /// The app with `keymap` in force instead of the default keys.
    pub fn with_keymap(mut self, keymap: Keymap) -> App<'b> {
        self.keymap = keymap;
        self
    }

    /// Opens a session that was started outside (the `practice|exam|…` subcommands).
    pub fn open_session(&mut self, session: Session) {
        let draft = draft_for(
            self.service.bank().get(&session.current_item().question_id),
            &session,
        );
        let unseen = if session.mode() == Mode::Due {
            self.service.unseen_concepts(&session)
        } else {
            Vec::new()
        };
        self.session = Some(SessionState {
            session,
            draft,
            unseen,
            guess: false,
            timer_hidden: false,
            review_open: false,
            review_cursor: 0,
            scroll: None,
            incomplete_warned: None,
        });
        self.screen = Screen::Session;
    }

    /// The contexts whose keys apply now (footer and help).
    pub fn contexts(&self) -> Vec<Ctx> {
        if let Some(c) = &self.confirm {
            return vec![if matches!(c, Confirm::ResumeExam(_)) {
                Ctx::Resume
            } else {
                Ctx::Confirm
            }];
        }
        if self.plan.is_some() {
            return vec![Ctx::Plan];
        }
        if self.reporting {
            return vec![Ctx::Report];
        }
        match self.screen {
            Screen::Home => vec![Ctx::Home],
            Screen::Setup => vec![Ctx::Setup],
            Screen::Session => match &self.session {
                Some(s) if s.review_open => vec![Ctx::ReviewList],
                Some(s) if s.session.phase() == Phase::Feedback => vec![Ctx::Feedback],
                Some(s) => {
                    let mut v = vec![kind_ctx(s.draft.kind), Ctx::Question];
                    if s.session.mode() == Mode::Exam {
                        v.push(Ctx::Exam);
                    }
                    v
                }
                None => vec![Ctx::Question],
            },
            Screen::Results => vec![Ctx::Results],
            Screen::Stats => vec![Ctx::Stats],
            Screen::Matrix => vec![Ctx::Matrix],
        }
    }

    /// Lines a PgUp / PgDn moves: the height of the page drawn last (before any, the body's
    /// height) less a line kept for context.
    pub fn page(&self) -> usize {
        scroll::last_page()
            .map_or(usize::from(self.viewport.1.saturating_sub(4)), |h| {
                h.saturating_sub(1)
            })
            .max(1)
    }

    /// Indices of the session's items answered only in part (a choose-2 with one pick, a
    /// yes/no series with statements left open, ...).
    pub fn incomplete_items(&self) -> Vec<usize> {
        let Some(state) = self.session.as_ref() else {
            return Vec::new();
        };
        let bank = self.service.bank();
        state
            .session
            .items()
            .iter()
            .enumerate()
            .filter(|(_, it)| {
                it.response.as_ref().is_some_and(|r| {
                    bank.get(&it.question_id)
                        .is_some_and(|q| q.body.missing(r).is_some())
                })
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The question of the current session item.
    pub fn current_question(&self) -> Option<&Question> {
        let s = self.session.as_ref()?;
        self.service
            .bank()
            .get(&s.session.current_item().question_id)
    }

    /// Whether a countdown is on screen (the event loop then wakes every second).
    pub fn countdown_visible(&self) -> bool {
        self.screen == Screen::Session
            && self
                .session
                .as_ref()
                .is_some_and(|s| !s.timer_hidden && s.session.deadline().is_some())
    }

    /// Whether a timed exam is running (it needs ticks even with the countdown hidden, to end
    /// at the deadline).
    pub fn timed_session_running(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.session.deadline().is_some() && !s.session.is_finished())
    }

    /// Milliseconds left in a timed session.
    pub fn remaining_ms(&self) -> Option<i64> {
        let s = self.session.as_ref()?;
        s.session
            .remaining_ms(self.now)
            .map(|r| i64::try_from(r).unwrap_or(i64::MAX))
    }

    fn exam_running(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.session.mode() == Mode::Exam && !s.session.is_finished())
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    /// Show an error from outside the app's own actions (the background backup) in the status
    /// line: at once, and again whenever the line has no newer message ([`App::alert`]).
    pub fn notify_error(&mut self, err: impl std::fmt::Display) {
        let text = err.to_string();
        self.fail(&text);
        self.alert = Some(text);
    }

    fn fail(&mut self, err: impl std::fmt::Display) {
        self.status = Some(Status {
            text: err.to_string(),
            error: true,
        });
    }

    fn refresh_dashboard(&mut self) {
        match self.service.dashboard() {
            Ok(d) => self.dashboard = d,
            Err(e) => self.fail(format!("cannot read progress: {e:#}")),
        }
    }

    /// The one place state changes.
    pub fn update(&mut self, msg: Msg) {
        self.now = self.service.now();
        match msg {
            Msg::Redraw => return,
            Msg::Tick => {
                self.tick();
                return;
            }
            // A click does what the key drawn there does.
            Msg::Click(x, y) => {
                if let Some(m) = super::hits::at(x, y) {
                    self.update(m);
                }
                return;
            }
            Msg::WheelUp | Msg::WheelDown => {
                self.wheel(msg == Msg::WheelUp);
                return;
            }
            _ => {}
        }
        if self.confirm.is_some() {
            self.update_confirm(msg);
            return;
        }
        if self.plan.is_some() && !matches!(msg, Msg::Help | Msg::Quit) {
            self.update_plan(msg);
            return;
        }
        if self.reporting && !matches!(msg, Msg::Help | Msg::Quit) {
            self.update_report(msg);
            return;
        }
        if self.help {
            if matches!(msg, Msg::Help | Msg::Back | Msg::Enter) {
                self.help = false;
            } else if let Some(s) = scrolled(self.help_scroll, msg, self.page(), scroll::last_max())
            {
                self.help_scroll = s;
            } else if msg == Msg::Quit {
                self.help = false;
                self.request_quit();
            }
            return;
        }
        // A new key clears the last message.
        self.status = None;
        match msg {
            Msg::Help => {
                self.help = true;
                self.help_scroll = 0;
                return;
            }
            Msg::Quit => {
                self.request_quit();
                return;
            }
            _ => {}
        }
        match self.screen {
            Screen::Home => self.update_home(msg),
            Screen::Setup => self.update_setup(msg),
            Screen::Session => self.update_session(msg),
            Screen::Results => self.update_results(msg),
            Screen::Stats => self.update_stats(msg),
            Screen::Matrix => self.update_matrix(msg),
        }
    }

    /// The mouse wheel: scrolls the page under it by three lines (on Home and in the results
    /// list it moves the selection, as ↑ / ↓ do).
    fn wheel(&mut self, up: bool) {
        let step = |o: usize| {
            let o = o.min(scroll::last_max());
            if up {
                o.saturating_sub(3)
            } else {
                o.saturating_add(3).min(scroll::last_max())
            }
        };
        if self.help {
            self.help_scroll = step(self.help_scroll);
            return;
        }
        if self.confirm.is_some() || self.plan.is_some() || self.reporting {
            return;
        }
        let arrow = if up { Msg::Up } else { Msg::Down };
        match self.screen {
            Screen::Home => self.update(arrow),
            Screen::Stats => self.stats_scroll = step(self.stats_scroll),
            Screen::Setup => {
                if let Some(st) = self.setup.as_mut() {
                    st.scroll = step(st.scroll);
                }
            }
            Screen::Results => {
                if let Some(r) = self.results.as_mut() {
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
                self.matrix.detail_scroll = if up {
                    self.matrix.detail_scroll.saturating_sub(3)
                } else {
                    self.matrix.detail_scroll + 3
                };
            }
        }
    }

    fn request_quit(&mut self) {
        if self.exam_running() && self.screen == Screen::Session {
            self.confirm = Some(Confirm::QuitExam);
        } else {
            self.leave_session();
            self.quit = true;
        }
    }

    /// Ends the app at once (SIGTERM, SIGHUP): closes the running session, whose answers are
    /// already saved, without asking.
    pub fn terminate(&mut self) {
        self.confirm = None;
        self.leave_session();
        self.quit = true;
    }

    /// Abandons a running session (answers given are already saved).
    fn leave_session(&mut self) {
        if let Some(mut s) = self.session.take()
            && !s.session.is_finished()
            && let Err(e) = self.service.abandon(&mut s.session)
        {
            self.fail(format!("could not close the session: {e:#}"));
        }
    }

    fn update_confirm(&mut self, msg: Msg) {
        let Some(confirm) = self.confirm.clone() else {
            return;
        };
        match msg {
            Msg::Yes | Msg::Enter => {
                self.confirm = None;
                match confirm {
                    Confirm::QuitExam => {
                        self.leave_session();
                        self.quit = true;
                    }
                    Confirm::SubmitExam { .. } | Confirm::EndSession => {
                        self.act(Action::Submit);
                    }
                    Confirm::ResumeExam(_) => self.resume_exam(),
                }
            }
            Msg::No if matches!(confirm, Confirm::ResumeExam(_)) => {
                self.confirm = None;
                self.start_new(Mode::Exam);
            }
            Msg::No | Msg::Back => self.confirm = None,
            Msg::Quit => {
                self.confirm = None;
                if confirm != Confirm::QuitExam {
                    self.request_quit();
                }
            }
            _ => {}
        }
    }

    fn tick(&mut self) {
        if self.timed_session_running() {
            self.act(Action::Tick);
        }
    }

    // ---- Home ----

    fn update_home(&mut self, msg: Msg) {
        let n = MenuItem::ALL.len();
        match msg {
            Msg::Up => self.home_cursor = (self.home_cursor + n - 1) % n,
            Msg::Down => self.home_cursor = (self.home_cursor + 1) % n,
            Msg::Top => self.home_cursor = 0,
            Msg::Bottom => self.home_cursor = n - 1,
            Msg::Pick(i) if usize::from(i) < n => {
                self.home_cursor = usize::from(i);
                self.open_menu(MenuItem::ALL[usize::from(i)]);
            }
            Msg::Enter => self.open_menu(MenuItem::ALL[self.home_cursor % n]),
            Msg::Plan => {
                let today = self.service.today();
                let (day, minutes) = self.service.plan().unwrap_or((today + 30, 20));
                self.plan = Some(PlanDraft {
                    day: day.max(today),
                    minutes,
                    today,
                });
            }
            Msg::Back => {}
            _ => {}
        }
    }

    /// The report dialog: a reason by number stores the report; Esc cancels.
    fn update_report(&mut self, msg: Msg) {
        use crate::store::ReportReason;
        match msg {
            Msg::Pick(i) => {
                let Some(reason) = ReportReason::ALL.get(usize::from(i)).copied() else {
                    return;
                };
                self.reporting = false;
                let Some(state) = self.session.as_ref() else {
                    return;
                };
                let id = state.session.current_item().question_id.clone();
                match self.service.report(&state.session, reason) {
                    Ok(()) => self.say(format!(
                        "Reported {id}: {}. `az900 reports` lists your reports.",
                        reason.label()
                    )),
                    Err(e) => self.fail(format!("The report was not saved: {e:#}")),
                }
            }
            Msg::Back => self.reporting = false,
            _ => {}
        }
    }

    /// The exam-date planner: arrows move the date, `[` `]` the minutes, Enter saves.
    fn update_plan(&mut self, msg: Msg) {
        let Some(p) = self.plan.as_mut() else {
            return;
        };
        match msg {
            Msg::Left => p.day = (p.day - 1).max(p.today),
            Msg::Right => p.day += 1,
            Msg::Up => p.day += 7,
            Msg::Down => p.day = (p.day - 7).max(p.today),
            Msg::Prev => p.minutes = p.minutes.saturating_sub(5).max(5),
            Msg::Next => p.minutes = (p.minutes + 5).min(600),
            Msg::Enter => {
                let (day, minutes) = (p.day, p.minutes);
                self.plan = None;
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
                self.plan = None;
                match self.service.set_plan(None, minutes) {
                    Ok(()) => {
                        self.say("Exam date removed.");
                        self.refresh_dashboard();
                    }
                    Err(e) => self.fail(format!("cannot clear the exam date: {e:#}")),
                }
            }
            Msg::Back => self.plan = None,
            _ => {}
        }
    }

    fn open_menu(&mut self, item: MenuItem) {
        if let Some(mode) = item.mode() {
            self.start(mode);
            return;
        }
        match item {
            MenuItem::Stats => {
                match self.service.stats() {
                    Ok(s) => self.stats = s,
                    Err(e) => return self.fail(format!("cannot read stats: {e:#}")),
                }
                self.stats_scroll = 0;
                self.screen = Screen::Stats;
            }
            MenuItem::Matrix => {
                match self.service.cell_accuracy() {
                    Ok(a) => self.accuracy = a,
                    Err(e) => self.fail(format!("cannot read accuracy: {e:#}")),
                }
                self.screen = Screen::Matrix;
            }
            MenuItem::Help => self.help = true,
            MenuItem::Quit => self.request_quit(),
            _ => {}
        }
    }

    fn start(&mut self, mode: Mode) {
        if mode == Mode::Exam
            && let Some(unfinished) = self.dashboard.unfinished_exam
        {
            self.confirm = Some(Confirm::ResumeExam(unfinished));
            return;
        }
        self.start_new(mode);
    }

    /// Takes up the unfinished exam where it was.
    fn resume_exam(&mut self) {
        match self.service.resume_exam() {
            Ok(session) => {
                self.results = None;
                self.open_session(session);
                self.say("Exam resumed where you left it.");
            }
            Err(e) => {
                self.fail(format!("{e:#}"));
                self.refresh_dashboard();
            }
        }
    }

    fn start_new(&mut self, mode: Mode) {
        if matches!(mode, Mode::Practice | Mode::Exam | Mode::Cram) {
            self.open_setup(mode);
            return;
        }
        match self.service.start(mode) {
            Ok(session) => {
                self.results = None;
                self.open_session(session);
            }
            Err(e) => self.fail(format!("{e:#}")),
        }
    }

    /// The setup page for `mode`, with the choice made last time.
    fn open_setup(&mut self, mode: Mode) {
        let bank = self.service.bank();
        // The whole exam, then each skill area (with its weight on the exam) followed by its
        // objective groups, in outline order, as far as the bank has questions for them.
        let mut topics = vec![(
            String::new(),
            "The whole exam (every skill area)".to_string(),
        )];
        let mut sizes = vec![bank.len()];
        let size = |id: &str| {
            bank.questions()
                .iter()
                .filter(|q| bank.in_topic(q, id))
                .count()
        };
        for a in &bank.rules.outline.areas {
            let n = size(&a.id);
            if n > 0 {
                topics.push((
                    a.id.clone(),
                    format!("{} {} ({}–{}%)", a.id, a.name, a.weight[0], a.weight[1]),
                ));
                sizes.push(n);
            }
            for g in &a.groups {
                let n = size(&g.id);
                if n > 0 {
                    topics.push((g.id.clone(), format!("{} {}", g.id, g.name)));
                    sizes.push(n);
                }
            }
        }
        let last = self.service.last_setup(mode);
        let (min, max, _) = count_range(mode);
        let default = match mode {
            Mode::Exam => crate::study::DEFAULT_EXAM_COUNT,
            Mode::Cram => crate::study::DEFAULT_CRAM_COUNT,
            _ => crate::study::DEFAULT_PRACTICE_COUNT,
        };
        let topic = last
            .as_ref()
            .and_then(|c| c.topic.as_ref())
            .and_then(|t| topics.iter().position(|(id, _)| id == t))
            .unwrap_or(0);
        let count = last.map_or(default, |c| c.count).clamp(min, max);
        self.setup = Some(SetupState {
            mode,
            topics,
            sizes,
            topic,
            count,
            field: 0,
            scroll: 0,
        });
        self.screen = Screen::Setup;
    }

    fn update_setup(&mut self, msg: Msg) {
        let page = self.page();
        let Some(st) = self.setup.as_mut() else {
            self.go_home();
            return;
        };
        let (min, max, step) = count_range(st.mode);
        match msg {
            Msg::Up => st.field = st.field.saturating_sub(1),
            Msg::Down => st.field = (st.field + 1).min(1),
            Msg::Left | Msg::Right if st.field == 0 => {
                let n = st.topics.len().max(1);
                st.topic = if msg == Msg::Right {
                    (st.topic + 1) % n
                } else {
                    (st.topic + n - 1) % n
                };
            }
            Msg::Left => st.count = st.count.saturating_sub(step).max(min),
            Msg::Right => st.count = (st.count + step).min(max),
            Msg::PageUp | Msg::PageDown | Msg::Top | Msg::Bottom => {
                if let Some(o) = scrolled(st.scroll, msg, page, scroll::last_max()) {
                    st.scroll = o;
                }
            }
            Msg::Enter => {
                let mode = st.mode;
                let choice = st.choice();
                if let Err(e) = self.service.save_setup(mode, &choice) {
                    self.fail(format!("cannot remember this choice: {e:#}"));
                }
                match self.service.start_with(mode, &choice) {
                    Ok(session) => {
                        self.setup = None;
                        self.results = None;
                        self.open_session(session);
                    }
                    Err(e) => self.fail(format!("{e:#}")),
                }
            }
            Msg::Back => {
                self.setup = None;
                self.go_home();
            }
            _ => {}
        }
    }

    fn go_home(&mut self) {
        self.screen = Screen::Home;
        self.refresh_dashboard();
    }

    // ---- Session ----

    /// Applies an action to the running session and follows its events.
    fn act(&mut self, action: Action) {
        let Some(state) = self.session.as_mut() else {
            return;
        };
        let before = state.session.current_index();
        let was_phase = state.session.phase();
        match self.service.apply(&mut state.session, action) {
            Ok(events) => {
                let moved =
                    state.session.current_index() != before || state.session.phase() != was_phase;
                if moved && state.session.phase() == Phase::Question {
                    let q = self
                        .service
                        .bank()
                        .get(&state.session.current_item().question_id);
                    state.draft = draft_for(q, &state.session);
                    state.guess = state.session.current_item().guess;
                    state.scroll = None;
                } else if moved {
                    state.scroll = None;
                }
                for e in &events {
                    match e {
                        Event::TimeUp => self.say("Time is up: the exam was submitted."),
                        Event::Requeued { .. } => {
                            self.say("Missed: this concept comes back in a few questions.")
                        }
                        _ => {}
                    }
                }
                if events.contains(&Event::Finished) {
                    self.finish_session();
                }
            }
            // The answer was not saved (a full disk...): stop rather than move on as if it
            // were; the session is left (nothing more is written) and the app ends.
            Err(e) if e.is::<crate::study::NotSaved>() => {
                self.session = None;
                self.fatal = Some(format!("{e:#}"));
                self.quit = true;
            }
            Err(e) => self.fail(format!("{e:#}")),
        }
    }

    fn finish_session(&mut self) {
        if let Some(s) = self.session.take() {
            let summary = self.service.summary(&s.session);
            // Open on the wrong answers; with none, on the unanswered, else on every question.
            let items = s.session.items();
            let filter = [ResultsFilter::Wrong, ResultsFilter::Unanswered]
                .into_iter()
                .find(|f| items.iter().any(|it| !it.requeued && f.keeps(it)))
                .unwrap_or(ResultsFilter::All);
            self.results = Some(ResultsState {
                summary,
                session: s.session,
                cursor: 0,
                detail: false,
                scroll: None,
                follow: false,
                filter,
            });
            self.screen = Screen::Results;
            self.refresh_dashboard();
        }
    }

    fn update_session(&mut self, msg: Msg) {
        let Some(state) = self.session.as_ref() else {
            self.screen = Screen::Home;
            return;
        };
        let exam = state.session.mode() == Mode::Exam;
        if state.review_open {
            self.update_review_list(msg);
            return;
        }
        match state.session.phase() {
            Phase::Feedback => self.update_feedback(msg),
            Phase::Question => self.update_question(msg, exam),
            Phase::Finished => self.finish_session(),
        }
    }

    fn update_question(&mut self, msg: Msg, exam: bool) {
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
            Msg::Report => self.reporting = true,
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
                    self.confirm = Some(Confirm::EndSession);
                }
            }
            Msg::Submit if !exam => self.confirm = Some(Confirm::EndSession),
            Msg::Undo => self.say("Nothing to undo yet: u takes back an answer on its feedback."),
            other => {
                if state.draft.update(&q.body, other) {
                    state.scroll = None;
                }
            }
        }
    }

    fn submit(&mut self, exam: bool) {
        let Some(q) = self.current_question().cloned() else {
            return;
        };
        let Some(state) = self.session.as_mut() else {
            return;
        };
        // An order list is an answer as shown: Enter on it is on purpose.
        if !state.draft.is_answered() && q.kind() != Kind::Order {
            self.say(first_pick_hint(q.kind()));
            return;
        }
        let response = state.draft.response();
        let index = state.session.current_index();
        if let Some(missing) = q.body.missing(&response) {
            let warned = state.incomplete_warned.as_ref() == Some(&(index, response.clone()));
            if !exam {
                self.say(format!("Incomplete: {missing} Finish it, then Enter."));
                return;
            }
            if !warned {
                state.incomplete_warned = Some((index, response));
                self.say(format!("Incomplete: {missing} Enter again to leave it so."));
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

    /// In an exam, an answer changed but not submitted is saved when leaving the question.
    fn save_exam_draft(&mut self) {
        let Some(state) = self.session.as_ref() else {
            return;
        };
        if state.session.mode() == Mode::Exam && state.draft.dirty && state.draft.is_answered() {
            let response = state.draft.response();
            let guess = state.guess;
            let n = state.session.current_index() + 1;
            let missing = self
                .current_question()
                .and_then(|q| q.body.missing(&response));
            self.act(Action::Answer { response, guess });
            if let Some(state) = self.session.as_mut() {
                state.draft.dirty = false;
            }
            if let Some(missing) = missing {
                self.say(format!("Question {n} kept incomplete: {missing}"));
            }
        }
    }

    fn update_feedback(&mut self, msg: Msg) {
        let page = self.page();
        let Some(state) = self.session.as_mut() else {
            return;
        };
        match msg {
            Msg::Enter | Msg::Next => self.act(Action::Next),
            Msg::Undo => {
                // Keep the picks so the learner can change them.
                let keep = state.draft.clone();
                self.act(Action::Undo);
                if let Some(state) = self.session.as_mut()
                    && state.session.phase() == Phase::Question
                {
                    state.draft = keep;
                    state.draft.dirty = true;
                    self.say("Answer taken back: change it and press Enter.");
                }
            }
            Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown | Msg::Top | Msg::Bottom => {
                state.scroll = scrolled(state.scroll.unwrap_or(0), msg, page, scroll::last_max());
            }
            Msg::Flag => self.act(Action::ToggleMark),
            Msg::Report => self.reporting = true,
            Msg::Back | Msg::Submit => self.confirm = Some(Confirm::EndSession),
            _ => {}
        }
    }

    fn update_review_list(&mut self, msg: Msg) {
        let cols = super::screens::review_list::grid_columns(self.viewport.0);
        let incomplete = self.incomplete_items();
        let Some(state) = self.session.as_mut() else {
            return;
        };
        let n = state.session.items().len();
        match msg {
            Msg::Up => state.review_cursor = state.review_cursor.saturating_sub(cols),
            Msg::Down => {
                state.review_cursor = (state.review_cursor + cols).min(n.saturating_sub(1))
            }
            Msg::Left => state.review_cursor = state.review_cursor.saturating_sub(1),
            Msg::Right => state.review_cursor = (state.review_cursor + 1).min(n.saturating_sub(1)),
            Msg::Top => state.review_cursor = 0,
            Msg::Bottom => state.review_cursor = n.saturating_sub(1),
            Msg::Enter => {
                let target = state.review_cursor;
                state.review_open = false;
                if target != state.session.current_index() {
                    self.act(Action::Goto(target));
                }
            }
            Msg::Flag => {
                let target = state.review_cursor;
                if target != state.session.current_index() {
                    self.act(Action::Goto(target));
                }
                self.act(Action::ToggleMark);
            }
            Msg::Submit => {
                let one_based = |v: Vec<usize>| v.into_iter().map(|i| i + 1).collect();
                self.confirm = Some(Confirm::SubmitExam {
                    unanswered: one_based(state.session.unanswered()),
                    incomplete: one_based(incomplete),
                    marked: one_based(state.session.marked()),
                });
            }
            Msg::Select(i) if usize::from(i) < n => {
                let target = usize::from(i);
                state.review_cursor = target;
                state.review_open = false;
                if target != state.session.current_index() {
                    self.act(Action::Goto(target));
                }
            }
            Msg::Back | Msg::Review => state.review_open = false,
            Msg::Timer => state.timer_hidden = !state.timer_hidden,
            _ => {}
        }
    }

    // ---- Results ----

    fn update_results(&mut self, msg: Msg) {
        let page = self.page();
        let Some(r) = self.results.as_mut() else {
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
            Msg::Prev if r.detail => {
                r.cursor = r.cursor.saturating_sub(1);
                r.scroll = None;
            }
            Msg::Next if r.detail => {
                r.cursor = (r.cursor + 1).min(n.saturating_sub(1));
                r.scroll = None;
            }
            Msg::Review => {
                if n == 0 {
                    self.say("Nothing missed: nothing to review.");
                } else {
                    // Exactly this session's misses, until each is answered right.
                    let ids = r
                        .summary
                        .missed
                        .iter()
                        .map(|m| m.question_id.clone())
                        .collect();
                    match self.service.start_ids(Mode::Review, ids) {
                        Ok(session) => {
                            self.results = None;
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
                self.results = None;
                self.go_home();
            }
            _ => {}
        }
    }

    // ---- Stats and matrix ----

    fn update_stats(&mut self, msg: Msg) {
        match msg {
            Msg::Back => self.go_home(),
            m => {
                if let Some(s) = scrolled(self.stats_scroll, m, self.page(), scroll::last_max()) {
                    self.stats_scroll = s;
                }
            }
        }
    }

    fn update_matrix(&mut self, msg: Msg) {
        let rows = self.service.bank().rules.matrix_layers().count();
        let (r, c) = self.matrix.cursor;
        let cols = Model::ALL.len();
        // The detail pane is the page drawn last.
        if let Some(s) = scrolled(
            self.matrix.detail_scroll,
            msg,
            self.page(),
            scroll::last_max(),
        )
        .filter(|_| matches!(msg, Msg::PageUp | Msg::PageDown))
        {
            self.matrix.detail_scroll = s;
            return;
        }
        if matches!(msg, Msg::Up | Msg::Down | Msg::Left | Msg::Right) {
            self.matrix.detail_scroll = 0;
        }
        match msg {
            Msg::Up => self.matrix.cursor.0 = r.saturating_sub(1),
            Msg::Down => self.matrix.cursor.0 = (r + 1).min(rows.saturating_sub(1)),
            Msg::Left => self.matrix.cursor.1 = c.saturating_sub(1),
            Msg::Right => self.matrix.cursor.1 = (c + 1).min(cols - 1),
            Msg::Toggle | Msg::Enter => {
                self.matrix.view = match self.matrix.view {
                    MatrixView::Owner => MatrixView::Accuracy,
                    MatrixView::Accuracy => MatrixView::Owner,
                }
            }
            Msg::Back => self.go_home(),
            _ => {}
        }
    }
}

/// A scroll offset moved by a scrolling message (`None`: not a scrolling message): ↑ ↓ by a
/// line, PgUp PgDn by `page` lines, Home End to either end, never past `max`.
fn scrolled(offset: usize, msg: Msg, page: usize, max: usize) -> Option<usize> {
    let o = offset.min(max);
    let to = match msg {
        Msg::Up => o.saturating_sub(1),
        Msg::Down => o.saturating_add(1),
        Msg::PageUp => o.saturating_sub(page),
        Msg::PageDown => o.saturating_add(page),
        Msg::Top => 0,
        Msg::Bottom => max,
        _ => return None,
    };
    Some(to.min(max))
}

/// The keys that answer a question of `kind` (help and footer list only those).
pub fn kind_ctx(kind: Kind) -> Ctx {
    match kind {
        Kind::Single | Kind::Multi => Ctx::Choices,
        Kind::Dropdown => Ctx::Dropdown,
        Kind::YesNo => Ctx::YesNo,
        Kind::Match => Ctx::Match,
        Kind::Order => Ctx::Order,
        Kind::HotArea => Ctx::HotArea,
    }
}

/// What to do before Enter on a question of `kind` with nothing picked yet (keys that work on
/// that kind only).
pub fn first_pick_hint(kind: Kind) -> &'static str {
    match kind {
        Kind::Single | Kind::Dropdown => {
            "Pick an answer first (1–9, a–e, or ↑/↓ and Space), then Enter."
        }
        Kind::Multi => "Pick your answers first (1–9, a–e, or ↑/↓ and Space), then Enter.",
        Kind::YesNo => "Answer each statement first (y / n, or ←/→), then Enter.",
        Kind::Match => "Give each item a category first (1–9, or ←/→), then Enter.",
        Kind::Order => {
            "Put the items in order first (Space picks one up, ↑/↓ move it), then Enter."
        }
        Kind::HotArea => "Select cells first (arrows move, Space selects), then Enter.",
    }
}

/// A fresh draft for the session's current item.
pub fn draft_for(q: Option<&Question>, session: &Session) -> Draft {
    let item = session.current_item();
    match q {
        Some(q) => Draft::new(q, &item.order, item.response.as_ref()),
        None => Draft {
            kind: crate::bank::question::Kind::Single,
            order: Vec::new(),
            cursor: 0,
            col: 0,
            holding: false,
            dirty: false,
            given: false,
            value: super::answer::Value::Choices(Default::default()),
        },
    }
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
