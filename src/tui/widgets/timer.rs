//! The exam countdown: `⏱ 42:17`, a warning style in the last five minutes, and a placeholder
//! when the learner hid it (it keeps running).

use ratatui::text::Span;

use crate::tui::theme::{Theme, glyph};

/// `mm:ss` (or `h:mm:ss` from an hour up); negative times show as `0:00`.
pub fn format_remaining(ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// The header span for a countdown with `remaining_ms` left.
pub fn span(remaining_ms: i64, hidden: bool, theme: &Theme) -> Span<'static> {
    if hidden {
        return Span::styled(format!("{} --:-- (t)", glyph::TIMER), theme.dim);
    }
    let style = if remaining_ms <= 5 * 60 * 1000 {
        theme.warn
    } else {
        theme.header
    };
    Span::styled(
        format!("{} {}", glyph::TIMER, format_remaining(remaining_ms)),
        style,
    )
}

/// Milliseconds until the displayed countdown next changes (the next whole second), for the
/// event loop's poll timeout.
pub fn until_next_second(remaining_ms: i64) -> u64 {
    let r = remaining_ms.rem_euclid(1000);
    let wait = if r == 0 { 1000 } else { r };
    u64::try_from(wait).unwrap_or(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_minutes_and_hours() {
        assert_eq!(format_remaining(45 * 60 * 1000), "45:00");
        assert_eq!(
            format_remaining(61_001),
            "01:02",
            "rounds up partial seconds"
        );
        assert_eq!(format_remaining(3_600_000 + 5_000), "1:00:05");
        assert_eq!(format_remaining(-5), "00:00");
    }

    #[test]
    fn hidden_timer_shows_no_time_and_the_last_minutes_warn() {
        let t = Theme::colored();
        assert!(!span(600_000, true, &t).content.contains("10:00"));
        assert_eq!(span(60_000, false, &t).style, t.warn);
    }

    #[test]
    fn waits_until_the_display_changes() {
        assert_eq!(until_next_second(10_250), 250);
        assert_eq!(until_next_second(10_000), 1000);
    }
}
