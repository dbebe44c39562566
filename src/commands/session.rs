//! The commands that open a session: `az900` (home), `practice`, `exam`, `review`, `cram`, `due`
//! and `resume`, in the full-screen app or, with `--plain`, line by line. This is the one place
//! outside `src/tui/` that names the terminal front end (it starts it).

use std::io::IsTerminal;

use anyhow::{Result, bail};

use super::open::{Access, Backup, Opened, with_study};
use crate::cli::{Global, SessionArgs};
use crate::engine::{Mode, Session};
use crate::study::{StartOptions, Study};

/// `az900` with no command: the home screen (or, with `--plain`, a practice session).
pub fn home(global: &Global) -> Result<()> {
    with_study(global, Access::Session, |o| {
        start_front_end(global, o, First::Home)
    })
}

/// `az900 practice|exam|review|cram|due`: a session of `mode`.
pub fn start(global: &Global, mode: Mode, args: SessionArgs) -> Result<()> {
    let opts = StartOptions {
        topic: args.topic,
        count: args.count.map(|c| c as usize),
        minutes: args.minutes,
        seed: args.seed,
    };
    with_study(global, Access::Session, |o| {
        start_front_end(global, o, First::Start(mode, opts))
    })
}

/// `az900 resume`: the unfinished exam, where it was left.
pub fn resume(global: &Global) -> Result<()> {
    with_study(global, Access::Session, |o| {
        let session = o.study.resume_exam()?;
        start_front_end(global, o, First::Session(Box::new(session)))
    })
}

/// What a front end opens on.
enum First {
    Home,
    Start(Mode, StartOptions),
    /// A session already started (a resumed exam).
    Session(Box<Session>),
}

/// Opens `first` in `--plain` or in the full-screen app (which makes the day's backup after its
/// first frame when `opened.backup` asks for it).
fn start_front_end(global: &Global, opened: &mut Opened, first: First) -> Result<()> {
    let study: &mut Study = &mut opened.study;
    let paths = &opened.paths;
    if global.plain {
        let session = match first {
            First::Session(s) => *s,
            First::Start(mode, opts) => study.start(mode, &opts)?,
            First::Home => study.start(Mode::Practice, &Default::default())?,
        };
        let stdin = std::io::stdin();
        let mut out = std::io::stdout().lock();
        return crate::plain::run(study, session, stdin.lock(), &mut out);
    }
    let keymap =
        crate::tui::keymap::Keymap::new(crate::tui::keys_config::load(&paths.keys_file())?);
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the full-screen app needs a terminal; use --plain for line-by-line questions");
    }
    let no_color = global.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let backup = match opened.backup {
        Backup::AfterFirstFrame(now) => Some((paths.clone(), now)),
        Backup::Done => None,
    };
    let first = match first {
        First::Session(s) => Some(*s),
        First::Start(mode, opts) => Some(study.start(mode, &opts)?),
        First::Home => None,
    };
    crate::tui::run(study, first, no_color, backup, keymap)
}
