//! The front end's state and its one update function. `App::update` is the only place state
//! changes; screens render from `&App`. This file routes: a message goes to the open overlay,
//! else to the global keys (help, quit), else to the screen (`screens::Screen`); each screen and
//! overlay keeps its own state, update and render in its own file, and the running session's
//! glue is in `session.rs`.

use crate::clock::Millis;
use crate::engine::Action;

use super::event::Msg;
use super::keymap::Keymap;
use super::screens::Ctx;
use super::service::StudyService;
use super::theme::Theme;
use super::widgets::scroll;

pub use super::overlay::{Confirm, Overlay, PlanDraft};
pub use super::screens::home::MenuItem;
pub use super::screens::question::{first_pick_hint, kind_ctx};
pub use super::screens::results::{ResultsFilter, ResultsState};
pub use super::screens::setup::{SetupState, count_range, exam_minutes};
pub use super::screens::{Screen, Screens};
pub use super::session::{SessionState, draft_for};
use crate::tui::keymap::{Keys, doc};

/// The keys of Everywhere (help and footer).
pub const KEYS: Keys = Keys {
    title: "Everywhere",
    docs: &[
        doc(
            &[Msg::Help],
            "show or hide this help (↑ ↓ scroll it)",
            Some("help"),
        ),
        doc(&[Msg::Back], "go back / close", None),
        doc(
            &[Msg::Quit],
            "quit (progress is saved after every answer)",
            Some("quit"),
        ),
    ],
};

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
    /// Where the learner is: this screen, under `overlay` if one is open.
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// A problem from outside the app's own actions (today's backup failed): shown in the
    /// status line whenever no newer message is, until the app ends.
    pub alert: Option<String>,
    /// Each screen's own state (home's selection, the setup page, results, stats, matrix).
    pub screens: Screens,
    /// The running session, if any (its glue is in `session.rs`).
    pub session: Option<SessionState>,
    /// The time of the latest update (render reads it for the countdown).
    pub now: Millis,
    pub quit: bool,
    /// Why the app stopped on its own (an answer the store could not save): the app ends with
    /// it as its error, so the terminal is restored before it is printed.
    pub fatal: Option<String>,
    /// The terminal's size (columns, rows), given by the event loop before each draw: the
    /// review grid's columns and a page of scrolling follow it.
    pub viewport: (u16, u16),
}

impl<'b> App<'b> {
    pub fn new(service: &'b mut dyn StudyService, theme: Theme) -> App<'b> {
        let now = service.now();
        let mut app = App {
            service,
            theme,
            keymap: Keymap::default(),
            screen: Screen::Home,
            overlay: None,
            status: None,
            fatal: None,
            alert: None,
            screens: Screens::default(),
            session: None,
            now,
            quit: false,
            viewport: (80, 24),
        };
        app.refresh_dashboard();
        app
    }

    /// The app with `keymap` in force instead of the default keys.
    pub fn with_keymap(mut self, keymap: Keymap) -> App<'b> {
        self.keymap = keymap;
        self
    }

    /// The contexts whose keys apply now (footer and help).
    pub fn contexts(&self) -> Vec<Ctx> {
        match self.overlay.as_ref().and_then(Overlay::ctx) {
            Some(ctx) => vec![ctx],
            None => self.screen.contexts(self),
        }
    }

    /// The open help's scroll offset (`None`: help is closed).
    pub fn help(&self) -> Option<usize> {
        match &self.overlay {
            Some(Overlay::Help { scroll, .. }) => Some(*scroll),
            _ => None,
        }
    }

    /// The confirmation asked, if one is open.
    pub fn confirm(&self) -> Option<&Confirm> {
        match &self.overlay {
            Some(Overlay::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    /// The exam date being edited, while the planner is open.
    pub fn plan(&self) -> Option<&PlanDraft> {
        match &self.overlay {
            Some(Overlay::Plan(p)) => Some(p),
            _ => None,
        }
    }

    /// Whether the report dialog is open.
    pub fn reporting(&self) -> bool {
        self.overlay == Some(Overlay::Report)
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

    pub(crate) fn say(&mut self, text: impl Into<String>) {
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

    pub(crate) fn fail(&mut self, err: impl std::fmt::Display) {
        self.status = Some(Status {
            text: err.to_string(),
            error: true,
        });
    }

    pub(crate) fn refresh_dashboard(&mut self) {
        match self.service.dashboard() {
            Ok(d) => self.screens.dashboard = d,
            Err(e) => self.fail(format!("cannot read progress: {e:#}")),
        }
    }

    /// The one place state changes.
    pub fn update(&mut self, msg: Msg) {
        self.now = self.service.now();
        // Under "Terminal too small" nothing is shown to act on: keys and clicks do nothing
        // (an answer picked blind was waiting on the exam once the window grew), but quit
        // works at once, as the screen says (an exam stays resumable).
        if self.too_small() && !matches!(msg, Msg::Redraw | Msg::Tick) {
            if msg == Msg::Quit {
                self.terminate();
            }
            return;
        }
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
        if let Some(overlay) = self.overlay.take() {
            self.update_overlay(overlay, msg);
            return;
        }
        // A new key clears the last message.
        self.status = None;
        match msg {
            Msg::Help => {
                self.overlay = Some(Overlay::help(None));
                return;
            }
            Msg::Quit => {
                self.request_quit();
                return;
            }
            _ => {}
        }
        self.update_screen(msg);
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
        match &mut self.overlay {
            Some(Overlay::Help { scroll, .. }) => {
                *scroll = step(*scroll);
                return;
            }
            Some(_) => return,
            None => {}
        }
        self.wheel_screen(up, step);
    }

    /// Whether the terminal is smaller than the app needs (it shows only that).
    pub(crate) fn too_small(&self) -> bool {
        self.viewport.0 < super::screens::MIN_WIDTH || self.viewport.1 < super::screens::MIN_HEIGHT
    }

    pub(crate) fn request_quit(&mut self) {
        if self.exam_running() && self.screen == Screen::Session {
            self.overlay = Some(Overlay::Confirm(Confirm::QuitExam));
        } else {
            self.leave_session();
            self.quit = true;
        }
    }

    /// Ends the app at once (SIGTERM, SIGHUP): closes the running session, whose answers are
    /// already saved, without asking.
    pub fn terminate(&mut self) {
        self.overlay = None;
        self.leave_session();
        self.quit = true;
    }

    /// Abandons a running session (answers given are already saved).
    pub(crate) fn leave_session(&mut self) {
        if let Some(mut s) = self.session.take()
            && !s.session.is_finished()
            && let Err(e) = self.service.abandon(&mut s.session)
        {
            self.fail(format!("could not close the session: {e:#}"));
        }
    }

    fn tick(&mut self) {
        if self.timed_session_running() {
            self.act(Action::Tick);
        }
    }

    pub(crate) fn go_home(&mut self) {
        self.screen = Screen::Home;
        self.refresh_dashboard();
    }
}

/// A scroll offset moved by a scrolling message (`None`: not a scrolling message): ↑ ↓ by a
/// line, PgUp PgDn by `page` lines, Home End to either end, never past `max`.
pub(crate) fn scrolled(offset: usize, msg: Msg, page: usize, max: usize) -> Option<usize> {
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

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
