//! Helpers the integration tests share: a clock the test moves by hand, the fixture fact bank,
//! and the answer a `--plain` driver sends after the app's "wrong shape" messages.
//!
//! Each test file that needs them says `mod common;`; a file uses only some of them.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::cell::Cell;
use std::path::PathBuf;
use std::rc::Rc;

use az900::clock::{Clock, Millis};

/// A clock the test moves by hand; clones share the time (one goes into the `Study`, the test
/// keeps the other). UTC unless [`TestClock::set_offset`] says otherwise.
#[derive(Debug, Clone)]
pub struct TestClock {
    now: Rc<Cell<Millis>>,
    offset: Rc<Cell<i32>>,
}

impl TestClock {
    pub fn new(now: Millis) -> TestClock {
        TestClock {
            now: Rc::new(Cell::new(now)),
            offset: Rc::new(Cell::new(0)),
        }
    }

    /// Moves the clock to `now`.
    pub fn set(&self, now: Millis) {
        self.now.set(now);
    }

    /// The local time's offset from UTC, in seconds, from now on.
    pub fn set_offset(&self, offset_secs: i32) {
        self.offset.set(offset_secs);
    }
}

impl Clock for TestClock {
    fn now(&self) -> Millis {
        self.now.get()
    }
    fn utc_offset_secs(&self, _at: Millis) -> i32 {
        self.offset.get()
    }
}

/// The fixture fact bank (`tests/fixtures/factbank`): tables and outline the generator tests
/// read instead of the shipped ones.
pub fn factbank_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/factbank")
}

/// The answer to send after an error message of `--plain` (the messages say what shape is
/// wanted): `y` per statement, category 1 per item, every option once, a cell (column a of
/// every row when each row needs one), or option 1.
pub fn retry_answer(err: &str) -> String {
    if let Some(rows) = grid_rows(err) {
        return rows;
    }
    let n: Option<usize> = err
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok());
    let numbers = |n: usize| (1..=n).map(|i| i.to_string()).collect::<Vec<_>>().join(" ");
    match n {
        Some(n) if err.contains("(y or n)") => vec!["y"; n].join(" "),
        Some(n) if err.contains("category numbers") => vec!["1"; n].join(" "),
        Some(n) if err.contains("choose exactly") || err.contains("options once") => numbers(n),
        _ if err.contains("is not a cell") || err.contains("is not one of the options") => {
            "1a".into()
        }
        _ => "1".into(),
    }
}

/// For "incomplete: 3 of 4 rows without a cell.": a cell in column a of each of the 4 rows.
pub fn grid_rows(err: &str) -> Option<String> {
    if !err.contains("rows without a cell") {
        return None;
    }
    let rows: usize = err
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .nth(1)?
        .parse()
        .ok()?;
    Some(
        (1..=rows)
            .map(|r| format!("{r}a"))
            .collect::<Vec<_>>()
            .join(" "),
    )
}
