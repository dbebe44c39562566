//! Queries the study service needs beyond the core reads: marks, daily new-concept counts,
//! and the review log for fitting FSRS parameters.

use rusqlite::{OptionalExtension, params};

use super::{AttemptId, ExamRecord, Store, StoreError};
use crate::clock::Day;
#[cfg(doc)]
use crate::schedule::Pace;
use crate::schedule::{AnswerTime, ReviewLog, rating_for};

impl Store {
    /// Change the "marked for review" flag of a recorded attempt (and of its question's
    /// latest-attempt summary, which feeds the review list).
    pub fn set_marked(&self, id: AttemptId, marked: bool) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.prepare_cached("UPDATE attempts SET marked = ?2 WHERE id = ?1")?
                .execute(params![id.0, marked])?;
            tx.prepare_cached(
                "UPDATE question_stats SET last_marked = ?2 WHERE last_attempt = ?1",
            )?
            .execute(params![id.0, marked])?;
            Ok(())
        })
    }

    /// Mark (or unmark) a question that has no answer in the session, at `at`: Review missed
    /// takes it up until it is answered.
    pub fn set_unanswered_mark(
        &self,
        question_id: &str,
        marked: bool,
        at: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            if marked {
                tx.prepare_cached(
                    "INSERT INTO review_marks (question_id, marked_at) VALUES (?1, ?2)
                     ON CONFLICT (question_id) DO UPDATE SET marked_at = excluded.marked_at",
                )?
                .execute(params![question_id, at])?;
            } else {
                tx.prepare_cached("DELETE FROM review_marks WHERE question_id = ?1")?
                    .execute([question_id])?;
            }
            Ok(())
        })
    }

    /// How many concepts were answered for the first time on study day `day` and answered
    /// that day in a session of `mode` (what counts against "Study due"'s new-a-day limit:
    /// practice and exam answers do not use it up).
    pub fn concepts_introduced_by_mode_on(
        &self,
        day: Day,
        mode: &str,
    ) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM concept_stats c WHERE c.first_day = ?1 AND EXISTS (
                   SELECT 1 FROM attempts a JOIN sessions s ON s.id = a.session_id
                   JOIN names n ON n.id = a.concept
                   WHERE n.name = c.concept AND a.day = ?1 AND s.mode = ?2)",
            )?
            .query_row(params![day, mode], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Every recorded answer to `question_id`, oldest first (answers stored without a
    /// response, or with one this version cannot read, and those of an exam not yet ended, are
    /// left out).
    pub fn responses_for_question(
        &self,
        question_id: &str,
    ) -> Result<Vec<crate::bank::question::Response>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.response FROM attempts a JOIN names q ON q.id = a.question
             WHERE q.name = ?1 AND a.response IS NOT NULL
                 AND a.session_id NOT IN (SELECT id FROM sessions WHERE {})
             ORDER BY a.answered_at, a.id",
            super::write::HELD
        ))?;
        let rows = stmt.query_map([question_id], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for text in rows {
            if let Ok(r) = serde_json::from_str(&text?) {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// How many concepts were answered for the first time on study day `day`.
    pub fn concepts_introduced_on(&self, day: Day) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM concept_stats WHERE first_day = ?1")?
            .query_row([day], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The `limit` most recent finished exams, oldest first: what a chart or `az900 stats`
    /// shows without reading every exam ever taken (`exam_history` grows with the history).
    /// Read newest first through the partial index `sessions_exams`, then reversed.
    pub fn recent_exams(&self, limit: usize) -> Result<Vec<ExamRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM sessions s
             WHERE scaled IS NOT NULL AND ended_at IS NOT NULL ORDER BY id DESC LIMIT ?1",
            super::read::exam_columns()
        ))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map([limit], super::read::exam_row)?;
        let mut exams: Vec<ExamRecord> = rows.collect::<Result<_, _>>()?;
        exams.reverse();
        Ok(exams)
    }

    /// The most recent finished exam (Home's "last exam"), in one index lookup.
    pub fn last_exam(&self) -> Result<Option<ExamRecord>, StoreError> {
        Ok(self.recent_exams(1)?.pop())
    }

    /// Study time recorded on study day `day`, in milliseconds (each answer counted up to
    /// [`ANSWER_CAP_SECS`](crate::schedule::pace::ANSWER_CAP_SECS)).
    pub fn studied_ms(&self, day: Day) -> Result<u64, StoreError> {
        let ms: Option<i64> = self
            .conn
            .prepare_cached("SELECT time_ms FROM daily WHERE day = ?1")?
            .query_row([day], |r| r.get(0))
            .optional()?;
        Ok(u64::try_from(ms.unwrap_or(0)).unwrap_or(0))
    }

    /// The last `limit` answers' times, oldest first, for [`Pace::measure`]. An answer counts
    /// as new when it is its concept's first: on the concept's first study day and the first
    /// of the concept among these answers (read newest first by id, so the cost does not grow
    /// with the history).
    pub fn recent_answer_times(&self, limit: usize) -> Result<Vec<AnswerTime>, StoreError> {
        self.answer_times("1", [limit_param(limit)])
    }

    /// [`Store::recent_answer_times`] of the answers given before study day `day`: the pace
    /// the exam plan keeps for the whole of `day`.
    pub fn recent_answer_times_before(
        &self,
        day: Day,
        limit: usize,
    ) -> Result<Vec<AnswerTime>, StoreError> {
        self.answer_times("a.day < ?2", [limit_param(limit), day])
    }

    /// Every answer given on study day `day`, oldest first, each new or not as in
    /// [`Store::recent_answer_times`].
    pub fn answer_times_on(&self, day: Day) -> Result<Vec<AnswerTime>, StoreError> {
        self.answer_times("a.day = ?2", [i64::MAX, day])
    }

    fn answer_times<const N: usize>(
        &self,
        filter: &str,
        args: [i64; N],
    ) -> Result<Vec<AnswerTime>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.time_ms, a.day, a.concept, c.first_day
             FROM attempts a JOIN names n ON n.id = a.concept
                  LEFT JOIN concept_stats c ON c.concept = n.name
             WHERE {filter}
             ORDER BY a.id DESC LIMIT ?1"
        ))?;
        let mut rows: Vec<(i64, Day, i64, Option<Day>)> = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.reverse();
        let mut seen = std::collections::HashSet::new();
        Ok(rows
            .into_iter()
            .map(|(ms, day, concept, first_day)| AnswerTime {
                time_ms: u64::try_from(ms).unwrap_or(0),
                new: seen.insert(concept) && first_day == Some(day),
            })
            .collect())
    }

    /// Every review that fed the schedule (cram and exams not yet ended excluded), oldest first, as FSRS review logs.
    pub fn review_logs(&self) -> Result<Vec<ReviewLog>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT n.name, a.answered_at, a.day, a.correct, a.guess
             FROM attempts a JOIN sessions s ON s.id = a.session_id
                  JOIN names n ON n.id = a.concept
             WHERE s.mode <> 'cram' AND s.id NOT IN (SELECT id FROM sessions WHERE {})
             ORDER BY a.answered_at, a.id",
            super::write::HELD
        ))?;
        let rows = stmt.query_map([], |r| {
            let correct: bool = r.get(3)?;
            let guess: bool = r.get(4)?;
            Ok(ReviewLog {
                concept: r.get(0)?,
                at: r.get(1)?,
                day: r.get(2)?,
                rating: rating_for(correct, guess),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn limit_param(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use crate::store::{NewSession, SessionResult, Store};

    #[test]
    fn recent_exams_are_the_newest_finished_ones_oldest_first() {
        let store = Store::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for (i, scaled) in [Some(600), None, Some(720), Some(810)]
            .into_iter()
            .enumerate()
        {
            let id = store
                .begin_session(&NewSession {
                    mode: "exam".into(),
                    started_at: i as i64,
                    settings: serde_json::json!({}),
                })
                .unwrap();
            let result = SessionResult {
                points: 1,
                max: 2,
                scaled,
                passed: scaled.map(|s| s >= 700),
            };
            store.finish_session(id, i as i64 + 1, &result).unwrap();
            ids.push(id);
        }
        let recent = store.recent_exams(2).unwrap();
        let scores: Vec<u32> = recent.iter().map(|e| e.scaled).collect();
        assert_eq!(scores, [720, 810]);
        assert_eq!(store.last_exam().unwrap().unwrap().session, ids[3]);
        assert_eq!(
            store.recent_exams(10).unwrap(),
            store.exam_history().unwrap()
        );
    }
}
