//! Time as an input: the core never reads the system clock itself.
//!
//! Instants are Unix milliseconds (UTC). A study *day* starts at a rollover hour in the
//! learner's local time (default 04:00), so a late-night session counts for the day it began.

use chrono::{Local, Offset, TimeZone, Utc};

/// Unix time in milliseconds.
pub type Millis = i64;

pub const MS_PER_DAY: i64 = 86_400_000;

/// Default hour (local time) at which a new study day starts.
pub const DEFAULT_ROLLOVER_HOUR: u32 = 4;

/// A source of the current time and of the local UTC offset.
pub trait Clock {
    /// The current instant.
    fn now(&self) -> Millis;
    /// The local offset from UTC, in seconds, at instant `at` (DST aware for the system clock).
    fn utc_offset_secs(&self, at: Millis) -> i32;
}

/// The real clock and the machine's time zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Millis {
        Utc::now().timestamp_millis()
    }

    fn utc_offset_secs(&self, at: Millis) -> i32 {
        match Utc.timestamp_millis_opt(at).single() {
            Some(t) => Local
                .offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc(),
            None => 0,
        }
    }
}

/// A clock that stands still (or is moved by hand) at a fixed offset: for tests and simulations.
#[derive(Debug, Clone)]
pub struct FixedClock {
    now: std::cell::Cell<Millis>,
    offset_secs: i32,
}

impl FixedClock {
    pub fn new(now: Millis) -> FixedClock {
        FixedClock::with_offset(now, 0)
    }

    pub fn with_offset(now: Millis, offset_secs: i32) -> FixedClock {
        FixedClock {
            now: std::cell::Cell::new(now),
            offset_secs,
        }
    }

    pub fn set(&self, now: Millis) {
        self.now.set(now);
    }

    pub fn advance(&self, ms: i64) {
        self.now.set(self.now.get().saturating_add(ms));
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Millis {
        self.now.get()
    }

    fn utc_offset_secs(&self, _at: Millis) -> i32 {
        self.offset_secs
    }
}

/// A study day number (days since 1970-01-01 in local time, shifted by the rollover hour).
pub type Day = i64;

/// The study day that instant `at` belongs to, for a local offset and rollover hour.
pub fn study_day(at: Millis, utc_offset_secs: i32, rollover_hour: u32) -> Day {
    let local_ms = at + i64::from(utc_offset_secs) * 1000 - i64::from(rollover_hour) * 3_600_000;
    local_ms.div_euclid(MS_PER_DAY)
}

/// The study day of `at` according to `clock`'s time zone.
pub fn day_of(clock: &dyn Clock, at: Millis, rollover_hour: u32) -> Day {
    study_day(at, clock.utc_offset_secs(at), rollover_hour)
}

/// The calendar date (`YYYY-MM-DD`) of a study day.
pub fn day_to_date(day: Day) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_signed(chrono::Duration::days(day)))
        .unwrap_or_default()
}

/// The study day of a calendar date.
pub fn date_to_day(date: chrono::NaiveDate) -> Day {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (date - epoch).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600_000;

    #[test]
    fn a_day_starts_at_the_rollover_hour() {
        // 2026-11-28 00:00 UTC is day 20785.
        let midnight = 20_785 * MS_PER_DAY;
        assert_eq!(study_day(midnight + 5 * H, 0, 4), 20_785);
        assert_eq!(
            study_day(midnight + 3 * H, 0, 4),
            20_784,
            "03:00 belongs to yesterday"
        );
        assert_eq!(study_day(midnight + 4 * H, 0, 4), 20_785);
        assert_eq!(study_day(midnight + 27 * H, 0, 4), 20_785, "03:00 next day");
    }

    #[test]
    fn the_local_offset_moves_the_day_boundary() {
        let midnight = 20_785 * MS_PER_DAY;
        // 02:00 UTC is 04:00 at UTC+2: a new day there.
        assert_eq!(study_day(midnight + 2 * H, 2 * 3600, 4), 20_785);
        assert_eq!(study_day(midnight + 2 * H, 0, 4), 20_784);
        // Before the epoch still floors.
        assert_eq!(study_day(-1, 0, 0), -1);
    }

    #[test]
    fn dates_round_trip() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(date_to_day(d), 20_785);
        assert_eq!(day_to_date(20_785), d);
    }

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let c = FixedClock::new(1000);
        assert_eq!(c.now(), 1000);
        c.advance(500);
        assert_eq!(c.now(), 1500);
        assert_eq!(day_of(&c, c.now(), 0), 0);
    }
}
