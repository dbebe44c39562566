//! Writes. Each public method is one transaction; the aggregates (`daily`, `topic_stats`,
//! `concept_stats`, `question_stats`, `confusion_counts`) change in the same transaction as
//! the attempts they summarise.

use rusqlite::{OptionalExtension, Transaction, params};

use super::error::StoreError;
use super::types::{AttemptId, NewAttempt, NewSession, SessionId, SessionResult};
use super::{Store, compact, owner_index};
use crate::clock::{Day, Millis};
use crate::rules::Owner;
use crate::schedule::MemoryState;

impl Store {
    /// Start a session.
    pub fn begin_session(&self, session: &NewSession) -> Result<SessionId, StoreError> {
        let settings = serde_json::to_string(&session.settings)?;
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO sessions (mode, started_at, settings) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![session.mode, session.started_at, settings])?;
            Ok(SessionId(tx.last_insert_rowid()))
        })
    }

    /// Record a session's end and score (it can no longer be resumed).
    pub fn finish_session(
        &self,
        id: SessionId,
        ended_at: Millis,
        result: &SessionResult,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            if held(tx, id)? {
                // The exam's answers join the aggregates now that it can no longer change.
                let ids: Vec<i64> = tx
                    .prepare_cached("SELECT id FROM attempts WHERE session_id = ?1 ORDER BY id")?
                    .query_map([id.0], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                for attempt in ids {
                    count_stored(tx, AttemptId(attempt))?;
                }
            }
            let n = tx
                .prepare_cached(
                    "UPDATE sessions SET ended_at = ?2, points = ?3, max = ?4, scaled = ?5,
                     passed = ?6 WHERE id = ?1",
                )?
                .execute(params![
                    id.0,
                    ended_at,
                    result.points,
                    result.max,
                    result.scaled,
                    result.passed
                ])?;
            if n == 0 {
                return Err(StoreError::NoSuchSession(id));
            }
            tx.prepare_cached("DELETE FROM snapshots WHERE session_id = ?1")?
                .execute([id.0])?;
            Ok(())
        })
    }

    /// Record one graded answer with its matrix confusions `(truth, chosen)` and, if given,
    /// the concept's new memory state: all of it, or (on error) none of it.
    pub fn record_attempt(
        &self,
        attempt: &NewAttempt,
        memory: Option<&MemoryState>,
        confusion: &[(Owner, Owner)],
    ) -> Result<AttemptId, StoreError> {
        self.write(|tx| {
            let id = insert_attempt(tx, None, attempt, confusion)?;
            if let Some(m) = memory {
                put_memory(tx, m)?;
            }
            Ok(id)
        })
    }

    /// Record one graded answer and update its concept's memory state in the same transaction:
    /// `review` gets the state as it is inside the transaction (so two app instances reviewing
    /// one concept at once never lose a review) and returns the new state, or `None` to leave
    /// it unchanged. Returns the attempt's id and the state before.
    pub fn record_attempt_with(
        &self,
        attempt: &NewAttempt,
        confusion: &[(Owner, Owner)],
        review: impl FnOnce(Option<&MemoryState>) -> Option<MemoryState>,
    ) -> Result<(AttemptId, Option<MemoryState>), StoreError> {
        self.write(|tx| {
            let sql = format!(
                "SELECT {} FROM memory WHERE concept = ?1",
                super::read::MEMORY_COLUMNS
            );
            let before = tx
                .prepare_cached(&sql)?
                .query_row([&attempt.concept], super::read::memory_row)
                .optional()?;
            let id = insert_attempt(tx, None, attempt, confusion)?;
            if let Some(m) = review(before.as_ref()) {
                put_memory(tx, &m)?;
            }
            Ok((id, before))
        })
    }

    /// Apply `review` to one concept's memory state inside one transaction (read, update,
    /// write), as `record_attempt_with` does.
    pub fn update_memory(
        &self,
        concept: &str,
        review: impl FnOnce(Option<&MemoryState>) -> MemoryState,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let sql = format!(
                "SELECT {} FROM memory WHERE concept = ?1",
                super::read::MEMORY_COLUMNS
            );
            let before = tx
                .prepare_cached(&sql)?
                .query_row([concept], super::read::memory_row)
                .optional()?;
            put_memory(tx, &review(before.as_ref()))
        })
    }

    /// Record an exam answer, replacing the answer already recorded for the same question in
    /// the same session (the learner changed it) — the replacement keeps the attempt's id.
    pub fn upsert_exam_answer(
        &self,
        attempt: &NewAttempt,
        memory: Option<&MemoryState>,
        confusion: &[(Owner, Owner)],
    ) -> Result<AttemptId, StoreError> {
        self.write(|tx| {
            let existing: Option<i64> = tx
                .prepare_cached(
                    "SELECT id FROM attempts WHERE session_id = ?1
                         AND question = (SELECT id FROM names WHERE name = ?2)
                     ORDER BY id DESC LIMIT 1",
                )?
                .query_row(params![attempt.session.0, attempt.question_id], |r| {
                    r.get(0)
                })
                .optional()?;
            let reuse = match existing {
                Some(id) => {
                    remove_attempt(tx, AttemptId(id))?;
                    Some(AttemptId(id))
                }
                None => None,
            };
            let id = insert_attempt(tx, reuse, attempt, confusion)?;
            if let Some(m) = memory {
                put_memory(tx, m)?;
            }
            Ok(id)
        })
    }

    /// Take back an attempt: delete it, its confusion rows and its share of the aggregates,
    /// and put the concept's memory back to `restore` (deleting it if `None`: the attempt
    /// was the concept's first review).
    pub fn undo_attempt(
        &self,
        id: AttemptId,
        restore: Option<&MemoryState>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let concept = remove_attempt(tx, id)?;
            match restore {
                Some(m) => put_memory(tx, m),
                None => {
                    tx.prepare_cached("DELETE FROM memory WHERE concept = ?1")?
                        .execute([concept])?;
                    Ok(())
                }
            }
        })
    }

    /// Save one concept's memory state.
    pub fn set_memory(&self, memory: &MemoryState) -> Result<(), StoreError> {
        self.write(|tx| put_memory(tx, memory))
    }

    /// Save several memory states in one transaction.
    pub fn set_memories(&self, memories: &[MemoryState]) -> Result<(), StoreError> {
        self.write(|tx| memories.iter().try_for_each(|m| put_memory(tx, m)))
    }

    /// Set a setting (see `store::keys`).
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([key, value])?;
            Ok(())
        })
    }

    /// Remove a setting (back to its default).
    pub fn remove_setting(&self, key: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.prepare_cached("DELETE FROM settings WHERE key = ?1")?
                .execute([key])?;
            Ok(())
        })
    }
}

/// What an attempt adds to the aggregates.
struct Share {
    /// Study time counted for the day (capped).
    time_ms: i64,
    question_id: String,
    concept: String,
    topic: String,
    day: Day,
    points: i64,
    max: i64,
    correct: i64,
}

fn insert_attempt(
    tx: &Transaction<'_>,
    id: Option<AttemptId>,
    a: &NewAttempt,
    confusion: &[(Owner, Owner)],
) -> Result<AttemptId, StoreError> {
    // Fails when the session does not exist.
    let held = held(tx, a.session)?;
    // A fully right answer's response is the key: only the others are kept, for review.
    let response = match &a.response {
        Some(r) if !a.correct => Some(serde_json::to_string(r)?),
        _ => None,
    };
    let time_ms = i64::try_from(a.time_ms).unwrap_or(i64::MAX);
    let question = compact::name_id(tx, &a.question_id)?;
    let concept = compact::name_id(tx, &a.concept)?;
    let topic = compact::name_id(tx, &a.topic)?;
    let kind = compact::name_id(tx, a.kind.id())?;
    let pairs: Option<Vec<u8>> = (!confusion.is_empty()).then(|| {
        confusion
            .iter()
            .map(|&(t, c)| compact::pair_byte(t, c))
            .collect()
    });
    tx.prepare_cached(
        "INSERT INTO attempts (id, session_id, question, concept, topic, kind, points, max,
             correct, time_ms, marked, guess, answered_at, day, confusion, response)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        id.map(|i| i.0),
        a.session.0,
        question,
        concept,
        topic,
        kind,
        a.points,
        a.max,
        a.correct,
        time_ms,
        a.marked,
        a.guess,
        a.answered_at,
        a.day,
        pairs,
        response,
    ])?;
    let id = AttemptId(tx.last_insert_rowid());
    if held {
        return Ok(id);
    }
    let share = Share {
        time_ms: counted_ms(time_ms),
        question_id: a.question_id.clone(),
        concept: a.concept.clone(),
        topic: a.topic.clone(),
        day: a.day,
        points: i64::from(a.points),
        max: i64::from(a.max),
        correct: i64::from(a.correct),
    };
    let pairs = confusion
        .iter()
        .map(|&(t, c)| (owner_index(t), owner_index(c)));
    add_counts(tx, id, &share, pairs, a.marked, a.answered_at)?;
    Ok(id)
}

/// SQL over `sessions`: the session's answers are held out of the aggregates (see [`held`]).
pub(super) const HELD: &str =
    "(ended_at IS NULL AND coalesce(json_extract(settings, '$.held'), 0) = 1)";

/// Whether session `id`'s answers are held out of the aggregates until it ends (its settings
/// say `"held": true`, as an exam's do: nothing may show an answer's outcome while it can
/// still be resumed and changed). Fails when the session does not exist.
fn held(tx: &Transaction<'_>, id: SessionId) -> Result<bool, StoreError> {
    tx.prepare_cached(&format!("SELECT {HELD} FROM sessions WHERE id = ?1"))?
        .query_row([id.0], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NoSuchSession(id))
}

/// Add a stored attempt's share of the aggregates, its confusion counts, and make it its
/// question's latest attempt where it is.
fn add_counts(
    tx: &Transaction<'_>,
    id: AttemptId,
    share: &Share,
    pairs: impl Iterator<Item = (i64, i64)>,
    marked: bool,
    answered_at: Millis,
) -> Result<(), StoreError> {
    {
        let mut count = tx.prepare_cached(
            "INSERT INTO confusion_counts (truth, chosen, n) VALUES (?1, ?2, 1)
             ON CONFLICT (truth, chosen) DO UPDATE SET n = n + 1",
        )?;
        for (truth, chosen) in pairs {
            count.execute(params![truth, chosen])?;
        }
    }
    apply_share(tx, share, 1)?;
    // The new attempt is the question's latest unless the clock went back: no scan needed.
    tx.prepare_cached(
        "UPDATE question_stats SET last_attempt = ?2, last_correct = ?3, last_marked = ?4,
             last_at = ?5
         WHERE question_id = ?1
             AND (answered = 1 OR last_at < ?5 OR (last_at = ?5 AND last_attempt <= ?2))",
    )?
    .execute(params![
        share.question_id,
        id.0,
        share.correct != 0,
        marked,
        answered_at
    ])?;
    // An answer carries its own mark: a mark given without one is settled.
    tx.prepare_cached("DELETE FROM review_marks WHERE question_id = ?1")?
        .execute([&share.question_id])?;
    Ok(())
}

/// A stored attempt's share of the aggregates, its question's name id, its confusion bytes,
/// whether it is marked and when it was answered.
fn stored_share(
    tx: &Transaction<'_>,
    id: AttemptId,
) -> Result<(Share, i64, Vec<u8>, bool, Millis), StoreError> {
    tx.prepare_cached(
        "SELECT q.name, c.name, t.name, a.day, a.points, a.max, a.correct, a.question,
                a.confusion, a.time_ms, a.marked, a.answered_at
         FROM attempts a JOIN names q ON q.id = a.question JOIN names c ON c.id = a.concept
              JOIN names t ON t.id = a.topic
         WHERE a.id = ?1",
    )?
    .query_row([id.0], |r| {
        Ok((
            Share {
                time_ms: counted_ms(r.get(9)?),
                question_id: r.get(0)?,
                concept: r.get(1)?,
                topic: r.get(2)?,
                day: r.get(3)?,
                points: r.get(4)?,
                max: r.get(5)?,
                correct: r.get(6)?,
            },
            r.get::<_, i64>(7)?,
            r.get::<_, Option<Vec<u8>>>(8)?.unwrap_or_default(),
            r.get(10)?,
            r.get(11)?,
        ))
    })
    .optional()?
    .ok_or(StoreError::NoSuchAttempt(id))
}

/// Count a stored attempt that was held out of the aggregates (its exam is ending).
fn count_stored(tx: &Transaction<'_>, id: AttemptId) -> Result<(), StoreError> {
    let (share, _, pairs, marked, at) = stored_share(tx, id)?;
    add_counts(tx, id, &share, compact::pairs_of(&pairs), marked, at)
}

/// Delete an attempt and everything it added; returns its concept.
fn remove_attempt(tx: &Transaction<'_>, id: AttemptId) -> Result<String, StoreError> {
    let (share, question, pairs, _, _) = stored_share(tx, id)?;
    let session = tx
        .prepare_cached("SELECT session_id FROM attempts WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0))?;
    tx.prepare_cached("DELETE FROM attempts WHERE id = ?1")?
        .execute([id.0])?;
    if held(tx, SessionId(session))? {
        // It added nothing yet.
        return Ok(share.concept);
    }
    {
        let mut dec = tx.prepare_cached(
            "UPDATE confusion_counts SET n = n - 1 WHERE truth = ?1 AND chosen = ?2 AND n > 0",
        )?;
        for (t, c) in compact::pairs_of(&pairs) {
            dec.execute([t, c])?;
        }
    }
    apply_share(tx, &share, -1)?;
    refresh_latest(tx, &share.question_id, question)?;
    Ok(share.concept)
}

/// An answer's time as the day's study time counts it: at most
/// [`ANSWER_CAP_SECS`](crate::schedule::pace::ANSWER_CAP_SECS) (the learner stepped away).
fn counted_ms(time_ms: i64) -> i64 {
    time_ms.clamp(0, (crate::schedule::pace::ANSWER_CAP_SECS * 1000.0) as i64)
}

/// Add (`sign` 1) or take away (`sign` -1) an attempt's share of the aggregates.
fn apply_share(tx: &Transaction<'_>, s: &Share, sign: i64) -> Result<(), StoreError> {
    let vals = (sign, sign * s.correct, sign * s.points, sign * s.max);
    tx.prepare_cached(
        "INSERT INTO daily (day, answered, correct, points, max, time_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (day) DO UPDATE SET answered = answered + excluded.answered,
             correct = correct + excluded.correct, points = points + excluded.points,
             max = max + excluded.max, time_ms = time_ms + excluded.time_ms",
    )?
    .execute(params![
        s.day,
        vals.0,
        vals.1,
        vals.2,
        vals.3,
        sign * s.time_ms
    ])?;
    tx.prepare_cached(
        "INSERT INTO topic_stats (topic, answered, correct, points, max)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (topic) DO UPDATE SET answered = answered + excluded.answered,
             correct = correct + excluded.correct, points = points + excluded.points,
             max = max + excluded.max",
    )?
    .execute(params![s.topic, vals.0, vals.1, vals.2, vals.3])?;
    // `first_n` counts the answers on `first_day`, so that taking one back moves the first
    // day only when it was the last of its day.
    tx.prepare_cached(
        "INSERT INTO concept_stats (concept, answered, correct, points, max, first_day, first_n)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?2)
         ON CONFLICT (concept) DO UPDATE SET answered = answered + excluded.answered,
             correct = correct + excluded.correct, points = points + excluded.points,
             max = max + excluded.max,
             first_n = CASE WHEN excluded.first_day < first_day THEN excluded.first_n
                            WHEN excluded.first_day = first_day THEN first_n + excluded.first_n
                            ELSE first_n END,
             first_day = CASE WHEN excluded.first_day < first_day AND excluded.first_n > 0
                              THEN excluded.first_day ELSE first_day END",
    )?
    .execute(params![s.concept, vals.0, vals.1, vals.2, vals.3, s.day])?;
    tx.prepare_cached(
        "INSERT INTO question_stats (question_id, answered, correct, last_attempt,
             last_correct, last_marked, last_at)
         VALUES (?1, ?2, ?3, 0, 0, 0, 0)
         ON CONFLICT (question_id) DO UPDATE SET answered = answered + excluded.answered,
             correct = correct + excluded.correct",
    )?
    .execute(params![s.question_id, vals.0, vals.1])?;
    if sign < 0 {
        tx.prepare_cached("DELETE FROM daily WHERE day = ?1 AND answered <= 0")?
            .execute([s.day])?;
        tx.prepare_cached("DELETE FROM topic_stats WHERE topic = ?1 AND answered <= 0")?
            .execute([&s.topic])?;
        tx.prepare_cached("DELETE FROM concept_stats WHERE concept = ?1 AND answered <= 0")?
            .execute([&s.concept])?;
        // The attempt is gone from `attempts` by now. When it was the last answer of the
        // concept's first day (rare: the clock went back, or an exam answer was changed days
        // later), the first day moves later: found by a scan, as no index serves it.
        tx.prepare_cached(
            "UPDATE concept_stats SET
                 first_day = (SELECT min(day) FROM attempts
                     WHERE concept = (SELECT id FROM names WHERE name = ?1)),
                 first_n = (SELECT count(*) FROM attempts
                     WHERE concept = (SELECT id FROM names WHERE name = ?1)
                     AND day = (SELECT min(day) FROM attempts
                         WHERE concept = (SELECT id FROM names WHERE name = ?1)))
             WHERE concept = ?1 AND first_n <= 0",
        )?
        .execute([&s.concept])?;
    }
    Ok(())
}

/// Point `question_stats`' "latest attempt" columns at the question's latest attempt (by
/// answer time, then id), or drop the row when no attempt is left. Only the question's 64
/// newest rows by id are compared (a seek in `attempts_question`, whose entries are in id
/// order per question): answer times go with ids unless the clock went back over more than
/// 64 answers to one question, and a scan of every answer to it (thousands at 1M answers)
/// made an undo take 9 ms.
fn refresh_latest(
    tx: &Transaction<'_>,
    question_id: &str,
    question: i64,
) -> Result<(), StoreError> {
    let latest: Option<(i64, bool, bool, i64)> = tx
        .prepare_cached(&format!(
            "SELECT id, correct, marked, answered_at FROM (
                 SELECT id, correct, marked, answered_at FROM attempts WHERE question = ?1
                     AND session_id NOT IN (SELECT id FROM sessions WHERE {HELD})
                 ORDER BY id DESC LIMIT 64)
             ORDER BY answered_at DESC, id DESC LIMIT 1"
        ))?
        .query_row([question], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    match latest {
        Some((id, correct, marked, at)) => {
            tx.prepare_cached(
                "UPDATE question_stats SET last_attempt = ?2, last_correct = ?3,
                     last_marked = ?4, last_at = ?5
                 WHERE question_id = ?1",
            )?
            .execute(params![question_id, id, correct, marked, at])?;
        }
        None => {
            tx.prepare_cached("DELETE FROM question_stats WHERE question_id = ?1")?
                .execute([question_id])?;
        }
    }
    Ok(())
}

pub(super) fn put_memory(tx: &Transaction<'_>, m: &MemoryState) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO memory (concept, stability, difficulty, last_review, due, reps, lapses,
             last_question)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (concept) DO UPDATE SET stability = excluded.stability,
             difficulty = excluded.difficulty, last_review = excluded.last_review,
             due = excluded.due, reps = excluded.reps, lapses = excluded.lapses,
             last_question = excluded.last_question",
    )?
    .execute(params![
        m.concept,
        f64::from(m.stability),
        f64::from(m.difficulty),
        m.last_review,
        m.due,
        m.reps,
        m.lapses,
        m.last_question,
    ])?;
    Ok(())
}
