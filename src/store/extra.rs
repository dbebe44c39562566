//! Queries the study service needs beyond the core reads: marks, daily new-concept counts,
//! and the review log for fitting FSRS parameters.

use rusqlite::params;

use super::{AttemptId, Store, StoreError};
use crate::clock::Day;
use crate::schedule::{ReviewLog, rating_for};

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

    /// How many concepts were answered for the first time on study day `day`.
    pub fn concepts_introduced_on(&self, day: Day) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM concept_stats WHERE first_day = ?1")?
            .query_row([day], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Every review that fed the schedule (cram excluded), oldest first, as FSRS review logs.
    pub fn review_logs(&self) -> Result<Vec<ReviewLog>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.concept, a.answered_at, a.day, a.correct, a.guess
             FROM attempts a JOIN sessions s ON s.id = a.session_id
             WHERE s.mode <> 'cram'
             ORDER BY a.answered_at, a.id",
        )?;
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
