//! The learner's own pace: seconds per answer for an unseen concept and for a review, measured
//! from their recent answers, so that "10 minutes a day" plans 10 minutes of their work.
//!
//! Robust to breaks: each class uses the median of its recent answer times (a coffee break in
//! the middle of a question moves a median by one rank, not by its length), and each time is
//! capped at [`ANSWER_CAP_SECS`] first. With few answers in a class, the measure is pulled
//! toward [`Pace::DEFAULT`] as if [`PRIOR_ANSWERS`] answers at the default pace had been seen.

/// Answer times beyond this (seconds) count as this: the learner stepped away.
pub const ANSWER_CAP_SECS: f64 = 120.0;

/// How many recent answers per class the pace looks at.
pub const RECENT_ANSWERS: usize = 50;

/// Weight of the default pace, in answers, while a class has few of its own.
pub const PRIOR_ANSWERS: f64 = 5.0;

/// One recorded answer, as the pace reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnswerTime {
    /// Time on the question, in milliseconds.
    pub time_ms: u64,
    /// The concept's first answer ever (an unseen concept, with its explanation to read).
    pub new: bool,
}

/// Seconds per answer, for an unseen concept and for a review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    pub new_secs: f64,
    pub review_secs: f64,
}

impl Default for Pace {
    fn default() -> Pace {
        Pace::DEFAULT
    }
}

impl Pace {
    /// Before any answer: half a minute for either (an exam-style question with its
    /// explanation), the pace the plan assumed before it measured one.
    pub const DEFAULT: Pace = Pace {
        new_secs: 30.0,
        review_secs: 30.0,
    };

    /// The pace of `answers` (oldest first; only the last [`RECENT_ANSWERS`] of each class
    /// count), pulled toward [`Pace::DEFAULT`] while a class has few answers.
    pub fn measure(answers: &[AnswerTime]) -> Pace {
        let class = |new: bool, default: f64| {
            let mut secs: Vec<f64> = answers
                .iter()
                .rev()
                .filter(|a| a.new == new)
                .take(RECENT_ANSWERS)
                .map(|a| (a.time_ms as f64 / 1000.0).min(ANSWER_CAP_SECS))
                .collect();
            if secs.is_empty() {
                return default;
            }
            secs.sort_by(f64::total_cmp);
            let n = secs.len();
            let median = if n % 2 == 1 {
                secs[n / 2]
            } else {
                (secs[n / 2 - 1] + secs[n / 2]) / 2.0
            };
            let n = n as f64;
            // At least a second an answer: a plan never counts an answer as free.
            ((median * n + default * PRIOR_ANSWERS) / (n + PRIOR_ANSWERS)).max(1.0)
        };
        Pace {
            new_secs: class(true, Pace::DEFAULT.new_secs),
            review_secs: class(false, Pace::DEFAULT.review_secs),
        }
    }

    /// Seconds one item costs.
    pub fn secs(&self, new: bool) -> f64 {
        if new { self.new_secs } else { self.review_secs }
    }

    /// How many reviews fit in `minutes` (at least one).
    pub fn reviews_in(&self, minutes: u32) -> usize {
        ((f64::from(minutes) * 60.0 / self.review_secs.max(1.0)).round() as usize).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times(new: bool, secs: &[f64]) -> Vec<AnswerTime> {
        secs.iter()
            .map(|s| AnswerTime {
                time_ms: (s * 1000.0) as u64,
                new,
            })
            .collect()
    }

    #[test]
    fn no_answers_give_the_default_pace() {
        assert_eq!(Pace::measure(&[]), Pace::DEFAULT);
        assert_eq!(Pace::DEFAULT.reviews_in(10), 20);
    }

    #[test]
    fn many_answers_give_their_median_per_class() {
        // 50 reviews at 12 s and 50 new at 20 s: the prior weighs 5 answers at 30 s.
        let mut all = times(false, &[12.0; 50]);
        all.extend(times(true, &[20.0; 50]));
        let p = Pace::measure(&all);
        let expect = |m: f64| (m * 50.0 + 30.0 * PRIOR_ANSWERS) / (50.0 + PRIOR_ANSWERS);
        assert!((p.review_secs - expect(12.0)).abs() < 1e-9, "{p:?}");
        assert!((p.new_secs - expect(20.0)).abs() < 1e-9, "{p:?}");
        // 10 minutes at the measured review pace.
        assert_eq!(p.reviews_in(10), (600.0 / expect(12.0)).round() as usize);
    }

    #[test]
    fn a_coffee_break_barely_moves_the_pace() {
        let mut steady = times(false, &[10.0; 21]);
        let base = Pace::measure(&steady).review_secs;
        // One answer left open for half an hour.
        steady[7].time_ms = 30 * 60 * 1000;
        let with_break = Pace::measure(&steady).review_secs;
        assert!((with_break - base).abs() < 1e-9, "{base} vs {with_break}");
        // A mean would have moved by minutes; the capped median does not move.
        let mean: f64 = steady
            .iter()
            .map(|a| a.time_ms as f64 / 1000.0)
            .sum::<f64>()
            / 21.0;
        assert!(mean > 90.0);
    }

    #[test]
    fn only_recent_answers_count() {
        let mut all = times(false, &[60.0; 100]);
        all.extend(times(false, &[8.0; RECENT_ANSWERS]));
        let p = Pace::measure(&all);
        let expect = (8.0 * RECENT_ANSWERS as f64 + 30.0 * PRIOR_ANSWERS)
            / (RECENT_ANSWERS as f64 + PRIOR_ANSWERS);
        assert!((p.review_secs - expect).abs() < 1e-9, "{p:?}");
        assert_eq!(p.new_secs, Pace::DEFAULT.new_secs);
    }
}
