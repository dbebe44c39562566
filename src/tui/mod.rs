//! The terminal front end (ratatui). Input is normalized in [`event`], state changes only in
//! [`app::App::update`], and [`screens`] render from `&App`. The terminal is owned by a guard
//! over `ratatui::try_init()` / `ratatui::restore()`: it is restored on quit, on error (the guard
//! drops) and on panic (ratatui's hook).

pub mod answer;
pub mod app;
#[cfg(any(test, feature = "dev"))]
pub mod demo;
pub mod event;
#[cfg(feature = "dev")]
pub mod export;
pub mod hits;
pub mod keymap;
pub mod keys_config;
pub mod msg;
pub mod overlay;
pub mod screens;
pub mod service;
pub mod session;
pub mod text;
pub mod theme;
pub mod view;
pub mod widgets;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event as term;

use crate::study::Study;

use app::App;
use event::Msg;
use theme::Theme;

/// Owns the terminal while the app runs; dropping it restores the terminal.
struct TerminalGuard {
    terminal: DefaultTerminal,
}

impl TerminalGuard {
    fn new() -> Result<TerminalGuard> {
        let terminal = ratatui::try_init().context("cannot set up the terminal")?;
        // Clicks and the wheel (the keyboard does everything too); turned off on restore.
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::EnableMouseCapture
        );
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::DisableMouseCapture
        );
        ratatui::restore();
    }
}

/// Opens the full-screen app: on Home, or straight into the session `first`.
/// `no_color` selects the monochrome theme (as does `NO_COLOR`); `keymap` is the keys in force. With `backup`, the day's backup
/// of that data dir is made on a thread once the first frame is drawn; a failure shows in the
/// status line.
pub fn run(
    study: &mut Study,
    first: Option<crate::engine::Session>,
    no_color: bool,
    backup: Option<(crate::paths::Paths, crate::clock::Millis)>,
    keymap: keymap::Keymap,
) -> Result<()> {
    let theme = Theme::from_env(no_color);
    let stop = Arc::new(AtomicBool::new(false));
    // A first SIGTERM asks the loop to stop cleanly; a second one ends the process at once.
    signal_hook::flag::register_conditional_shutdown(
        signal_hook::consts::SIGTERM,
        143,
        Arc::clone(&stop),
    )
    .context("cannot install the signal handlers")?;
    signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&stop))
        .context("cannot install the signal handlers")?;
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&stop))
        .context("cannot install the signal handlers")?;
    watchdog(Arc::clone(&stop));
    let mut guard = TerminalGuard::new()?;
    let mut app = App::new(study, theme).with_keymap(keymap);
    if let Some(session) = first {
        app.open_session(session);
    }
    event_loop(&mut guard.terminal, &mut app, &stop, backup)
}

/// When the terminal is gone (SIGHUP), reading it can keep the input layer busy without ever
/// returning to the loop. Once a stop was asked for, this thread gives the loop a second to
/// finish cleanly, then restores what it can and ends the process (every answer given is
/// already committed).
fn watchdog(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_secs(1));
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::DisableMouseCapture
        );
        ratatui::restore();
        std::process::exit(129);
    });
}

/// How often the loop looks at the stop flag (set by SIGTERM or SIGHUP) while idle.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);

/// How long to wait for input: until the countdown's next whole second while one is shown; until
/// the deadline when a timed exam runs with its countdown hidden; otherwise for ever (`None`),
/// so an idle app uses no CPU.
pub fn poll_timeout(app: &App) -> Option<Duration> {
    let remaining = app.remaining_ms()?;
    if !app.timed_session_running() {
        return None;
    }
    let ms = if app.countdown_visible() {
        widgets::timer::until_next_second(remaining)
    } else {
        u64::try_from(remaining).unwrap_or(0).max(1)
    };
    Some(Duration::from_millis(ms))
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    mut backup: Option<(crate::paths::Paths, crate::clock::Millis)>,
) -> Result<()> {
    let mut dirty = true;
    let mut backup_done = None;
    loop {
        if stop.load(Ordering::Relaxed) {
            // SIGTERM or SIGHUP: the answer being given is dropped (every answer given is
            // already committed); the guard restores the terminal.
            app.terminate();
            return Ok(());
        }
        if dirty {
            if let Ok(size) = terminal.size() {
                app.viewport = (size.width, size.height);
            }
            terminal.draw(|frame| screens::render(app, frame))?;
        }
        if app.quit {
            return match app.fatal.take() {
                Some(why) => Err(anyhow::anyhow!(why)),
                None => Ok(()),
            };
        }
        if let Some((paths, now)) = backup.take() {
            backup_done = Some(crate::study::spawn_daily_backup(&paths, now));
        }
        if let Some(result) = backup_done.as_ref().and_then(|rx| rx.try_recv().ok()) {
            backup_done = None;
            if let Err(e) = result {
                app.notify_error(format!("Today's backup was not made: {e:#}"));
                dirty = true;
                continue;
            }
        }
        // Wake at least every SIGNAL_CHECK to notice a stop request: a few wake-ups a second
        // that draw nothing keep an idle app near 0 % CPU.
        let wait = poll_timeout(app).map_or(SIGNAL_CHECK, |t| t.min(SIGNAL_CHECK));
        dirty = false;
        if term::poll(wait)? {
            if let Some(msg) = event::to_msg(term::read()?, &app.keymap) {
                app.update(msg);
                dirty = true;
            }
        } else if app.timed_session_running() {
            app.update(Msg::Tick);
            dirty = true;
        }
    }
}
