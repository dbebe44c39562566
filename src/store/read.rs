//! Reads. Statistics come from the maintained aggregates and indexed lookups, never from a
//! scan of all attempts.

use rusqlite::{OptionalExtension, Row, params};

use super::Store;
use super::error::StoreError;
use super::types::{
    ConceptAccuracy, ConfusionTable, DayCount, ExamRecord, QuestionCount, SessionId, SessionRecord,
    SessionResult, TopicAccuracy, Totals, WeakConcept,
};
use crate::clock::Day;
use crate::schedule::MemoryState;

pub(super) const MEMORY_COLUMNS: &str =
    "concept, stability, difficulty, last_review, due, reps, lapses, last_question";

impl Store {
    /// Every concept's memory state, by concept.
    pub fn memory_states(&self) -> Result<Vec<MemoryState>, StoreError> {
        let sql = format!("SELECT {MEMORY_COLUMNS} FROM memory ORDER BY concept");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], memory_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One concept's memory state, if it has been reviewed.
    pub fn memory(&self, concept: &str) -> Result<Option<MemoryState>, StoreError> {
        let sql = format!("SELECT {MEMORY_COLUMNS} FROM memory WHERE concept = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row([concept], memory_row).optional()?)
    }

    /// The `limit` concepts with the most lapses (at least `min_lapses`), most first.
    pub fn leeches(&self, min_lapses: u32, limit: usize) -> Result<Vec<MemoryState>, StoreError> {
        let sql = format!(
            "SELECT {MEMORY_COLUMNS} FROM memory WHERE lapses >= ?1
             ORDER BY lapses DESC, concept LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(rusqlite::params![min_lapses, limit], memory_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many concepts have at least `min_lapses` lapses (all of [`Store::leeches`]'s rows).
    pub fn leech_count(&self, min_lapses: u32) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM memory WHERE lapses >= ?1",
            [min_lapses],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Question ids whose latest attempt was wrong or marked, or that were marked without an
    /// answer since, most recent first.
    pub fn review_candidates(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT question_id FROM (
                 SELECT question_id, last_at AS at, last_attempt AS k FROM question_stats
                 WHERE last_correct = 0 OR last_marked = 1
                 UNION ALL
                 SELECT m.question_id, m.marked_at, 0 FROM review_marks m
                 WHERE NOT EXISTS (SELECT 1 FROM question_stats s
                     WHERE s.question_id = m.question_id
                         AND (s.last_correct = 0 OR s.last_marked = 1)))
             ORDER BY at DESC, k DESC",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The `limit` weakest answered concepts: lowest accuracy first, then most lapses, then
    /// most attempts.
    pub fn weakest_concepts(&self, limit: usize) -> Result<Vec<WeakConcept>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.concept, c.correct, c.answered, coalesce(m.lapses, 0)
             FROM concept_stats c LEFT JOIN memory m ON m.concept = c.concept
             WHERE c.answered > 0
             ORDER BY CAST(c.correct AS REAL) / c.answered ASC, coalesce(m.lapses, 0) DESC,
                 c.answered DESC, c.concept
             LIMIT ?1",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map([limit], |r| {
            Ok(WeakConcept {
                concept: r.get(0)?,
                correct: count(r.get(1)?),
                total: count(r.get(2)?),
                lapses: small(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Points scored and possible per topic, by topic.
    pub fn topic_accuracy(&self) -> Result<Vec<TopicAccuracy>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT topic, points, max FROM topic_stats ORDER BY topic")?;
        let rows = stmt.query_map([], |r| {
            Ok(TopicAccuracy {
                topic: r.get(0)?,
                points: count(r.get(1)?),
                max: count(r.get(2)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Fully right attempts and attempts per concept, by concept.
    pub fn concept_accuracy(&self) -> Result<Vec<ConceptAccuracy>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT concept, correct, answered FROM concept_stats ORDER BY concept",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ConceptAccuracy {
                concept: r.get(0)?,
                correct: count(r.get(1)?),
                total: count(r.get(2)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Answers per study day from `from` to `to` (inclusive); days without answers are absent.
    pub fn answers_per_day(&self, from: Day, to: Day) -> Result<Vec<DayCount>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, answered, correct FROM daily WHERE day BETWEEN ?1 AND ?2
             ORDER BY day",
        )?;
        let rows = stmt.query_map([from, to], |r| {
            Ok(DayCount {
                day: r.get(0)?,
                answered: count(r.get(1)?),
                correct: count(r.get(2)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Consecutive study days with at least one answer, ending today — or yesterday, so a
    /// streak is not lost before today's study.
    pub fn streak(&self, today: Day) -> Result<u32, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day FROM daily WHERE day <= ?1 AND answered > 0 ORDER BY day DESC",
        )?;
        let mut rows = stmt.query([today])?;
        let mut expected: Option<Day> = None;
        let mut streak = 0u32;
        while let Some(row) = rows.next()? {
            let day: Day = row.get(0)?;
            match expected {
                None if day == today || day == today - 1 => {}
                None => break,
                Some(e) if day == e => {}
                Some(_) => break,
            }
            streak += 1;
            expected = Some(day - 1);
        }
        Ok(streak)
    }

    /// Finished exams (sessions with a scaled score), oldest first.
    pub fn exam_history(&self) -> Result<Vec<ExamRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM sessions s
             WHERE scaled IS NOT NULL AND ended_at IS NOT NULL ORDER BY id",
            exam_columns()
        ))?;
        let rows = stmt.query_map([], exam_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Per question asked in the most recent finished exam before session `before` (empty if
    /// there is none), whether its latest answer was fully right, by question id. A question
    /// it asked but left unanswered is not right; the questions asked are in the session's
    /// settings (`questions`), and an exam recorded without them counts its answered ones.
    pub fn last_exam_results(&self, before: SessionId) -> Result<Vec<(String, bool)>, StoreError> {
        let exam: Option<(i64, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, settings FROM sessions
                 WHERE scaled IS NOT NULL AND ended_at IS NOT NULL AND id < ?1
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([before.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((exam, settings)) = exam else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.name, a.correct FROM attempts a JOIN names n ON n.id = a.question
             WHERE a.session_id = ?1
               AND a.id = (SELECT max(b.id) FROM attempts b
                           WHERE b.session_id = a.session_id AND b.question = a.question)",
        )?;
        let rows = stmt.query_map([exam], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
        let mut results: std::collections::BTreeMap<String, bool> =
            rows.collect::<Result<_, _>>()?;
        let asked = serde_json::from_str::<serde_json::Value>(&settings)
            .ok()
            .and_then(|v| v.get("questions").cloned());
        if let Some(serde_json::Value::Array(ids)) = asked {
            for id in ids.iter().filter_map(serde_json::Value::as_str) {
                results.entry(id.to_string()).or_insert(false);
            }
        }
        Ok(results.into_iter().collect())
    }

    /// How often each owner was chosen for each true owner: `[truth][chosen]` in
    /// `rules::Owner::ALL` order (Customer, Microsoft, Shared).
    pub fn confusion_table(&self) -> Result<ConfusionTable, StoreError> {
        let mut table = [[0u64; 3]; 3];
        let mut stmt = self
            .conn
            .prepare_cached("SELECT truth, chosen, n FROM confusion_counts")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (t, c, n): (i64, i64, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
            if let (Ok(t), Ok(c)) = (usize::try_from(t), usize::try_from(c))
                && t < 3
                && c < 3
            {
                table[t][c] = count(n);
            }
        }
        Ok(table)
    }

    /// Attempts, sessions and distinct questions answered.
    pub fn totals(&self) -> Result<Totals, StoreError> {
        Ok(self.conn.query_row(
            "SELECT (SELECT coalesce(sum(answered), 0) FROM daily),
                    (SELECT count(*) FROM sessions),
                    (SELECT count(*) FROM question_stats)",
            [],
            |r| {
                Ok(Totals {
                    attempts: count(r.get(0)?),
                    sessions: count(r.get(1)?),
                    questions_seen: count(r.get(2)?),
                })
            },
        )?)
    }

    /// Number of attempts recorded.
    pub fn attempt_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(sum(answered), 0) FROM daily")?
            .query_row([], |r| r.get(0))?;
        Ok(count(n))
    }

    /// How often one question was answered, and fully right.
    pub fn attempts_for_question(&self, question_id: &str) -> Result<QuestionCount, StoreError> {
        let found = self
            .conn
            .prepare_cached("SELECT answered, correct FROM question_stats WHERE question_id = ?1")?
            .query_row([question_id], |r| {
                Ok(QuestionCount {
                    attempts: count(r.get(0)?),
                    correct: count(r.get(1)?),
                })
            })
            .optional()?;
        Ok(found.unwrap_or_default())
    }

    /// The `limit` most recent sessions, newest first, with their attempt counts.
    pub fn history(&self, limit: usize) -> Result<Vec<SessionRecord>, StoreError> {
        self.history_with(limit, true)
    }

    /// [`Store::history`]; without `empty`, only sessions with an answer or an exam score (a
    /// session opened and left without an answer says nothing about the learner's study).
    pub fn history_with(
        &self,
        limit: usize,
        empty: bool,
    ) -> Result<Vec<SessionRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT s.id, s.mode, s.started_at, s.ended_at, s.settings, s.points, s.max,
                    s.scaled, s.passed, count(a.id), coalesce(sum(a.correct), 0),
                    {CREDIT}, {QUESTIONS}
             FROM (SELECT * FROM sessions x WHERE ?2 OR x.scaled IS NOT NULL
                     OR EXISTS (SELECT 1 FROM attempts y WHERE y.session_id = x.id)
                   ORDER BY id DESC LIMIT ?1) s
             LEFT JOIN attempts a ON a.session_id = s.id
             GROUP BY s.id ORDER BY s.id DESC"
        ))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let raw = stmt
            .query_map(params![limit, empty], |r| {
                let settings: String = r.get(4)?;
                let ended_at: Option<i64> = r.get(3)?;
                let points: Option<i64> = r.get(5)?;
                let result = match (ended_at, points) {
                    (Some(_), Some(points)) => Some(SessionResult {
                        points: small(points),
                        max: small(r.get::<_, Option<i64>>(6)?.unwrap_or(0)),
                        scaled: r.get::<_, Option<i64>>(7)?.map(small),
                        passed: r.get(8)?,
                    }),
                    _ => None,
                };
                let exam_score = (r.get::<_, String>(1)? == "exam" && result.is_some())
                    .then(|| -> rusqlite::Result<(f64, u32)> {
                        Ok((tenths(r.get(11)?), small(r.get(12)?)))
                    })
                    .transpose()?;
                Ok((
                    (
                        settings,
                        SessionRecord {
                            id: SessionId(r.get(0)?),
                            mode: r.get(1)?,
                            started_at: r.get(2)?,
                            ended_at,
                            settings: serde_json::Value::Null,
                            result,
                            answered: count(r.get(9)?),
                            correct: count(r.get(10)?),
                            score: None,
                            questions: None,
                        },
                    ),
                    exam_score,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        raw.into_iter()
            .map(|((settings, mut record), exam_score)| {
                record.settings = serde_json::from_str(&settings)?;
                (record.score, record.questions) = exam_score.unzip();
                Ok(record)
            })
            .collect()
    }

    /// A setting's value (see `store::keys`).
    pub fn get_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }
}

/// SQL over `attempts a` grouped by session: an exam's score as its Results show it, each
/// question weighing one (`points / max` of its parts).
const CREDIT: &str =
    "coalesce(sum(CASE WHEN a.max > 0 THEN CAST(a.points AS REAL) / a.max ELSE 0 END), 0)";

/// SQL over `sessions s`: an exam's questions (its settings' count; else those answered).
const QUESTIONS: &str = "coalesce(json_extract(s.settings, '$.count'), count(a.id))";

/// The columns [`exam_row`] reads, over `sessions s`.
pub(super) fn exam_columns() -> String {
    format!(
        "s.id, s.started_at, s.ended_at, s.scaled, s.passed, s.points, s.max,
         (SELECT {CREDIT} FROM attempts a WHERE a.session_id = s.id),
         coalesce(json_extract(s.settings, '$.count'),
                  (SELECT count(*) FROM attempts a WHERE a.session_id = s.id))"
    )
}

/// One finished exam from [`exam_columns`].
pub(super) fn exam_row(r: &Row<'_>) -> rusqlite::Result<ExamRecord> {
    Ok(ExamRecord {
        session: SessionId(r.get(0)?),
        started_at: r.get(1)?,
        ended_at: r.get(2)?,
        scaled: small(r.get(3)?),
        passed: r.get::<_, Option<bool>>(4)?.unwrap_or(false),
        points: small(r.get::<_, Option<i64>>(5)?.unwrap_or(0)),
        max: small(r.get::<_, Option<i64>>(6)?.unwrap_or(0)),
        score: tenths(r.get(7)?),
        questions: small(r.get(8)?),
    })
}

/// A score to a tenth, as a learner reads it (`19.9`).
fn tenths(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(super) fn memory_row(r: &Row<'_>) -> rusqlite::Result<MemoryState> {
    Ok(MemoryState {
        concept: r.get(0)?,
        stability: r.get::<_, f64>(1)? as f32,
        difficulty: r.get::<_, f64>(2)? as f32,
        last_review: r.get(3)?,
        due: r.get(4)?,
        reps: small(r.get(5)?),
        lapses: small(r.get(6)?),
        last_question: r.get(7)?,
    })
}

/// A stored count as `u64` (never negative in a consistent database).
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// A stored small number as `u32`, clamped.
fn small(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}
