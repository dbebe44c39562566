//! `az900 history`: one line a session, at the learner's local time.

use crate::clock::Millis;
use crate::store;
use crate::study::Study;

/// `at` as local `YYYY-MM-DD HH:MM` (the clock's UTC offset at that moment).
pub fn local_minute(study: &Study, at: Millis) -> String {
    use chrono::Offset as _;
    let offset =
        chrono::FixedOffset::east_opt(study.offset(at)).unwrap_or_else(|| chrono::Utc.fix());
    chrono::DateTime::from_timestamp_millis(at)
        .map(|t| {
            t.with_timezone(&offset)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// One line of `az900 history`.
pub fn history_line(study: &Study, s: &store::SessionRecord) -> String {
    let when = local_minute(study, s.started_at);
    // An exam's score as its Results showed it; a full exam's scaled score and pass mark.
    let points = match (s.score, s.questions) {
        (Some(score), Some(n)) if n > 0 => format!(
            "score {} / {n} ({}%)",
            crate::engine::score::worth(score),
            crate::text::percent(100.0 * score / f64::from(n))
        ),
        _ => String::new(),
    };
    let score = match s.result {
        Some(r) => match r.scaled {
            Some(scaled) => format!(
                "{points}  {scaled:>4} {}",
                if r.passed == Some(true) {
                    "pass"
                } else {
                    "fail"
                }
            ),
            // A part of the exam: its score, no scaled score. Outside exams the answered/right
            // counts say it all.
            None => points,
        },
        None => "unfinished".into(),
    };
    format!(
        "{when}  {:<9} {:>3} answered, {:>3} right  {score}",
        s.mode, s.answered, s.correct
    )
}
