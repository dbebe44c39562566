//! The compact history (schema v4): names as integer ids, the confusion pairs as bytes, and
//! the copy of a v3 history into that form.

use std::collections::HashMap;
use std::io::Write as _;

use rusqlite::{OptionalExtension, Transaction, params};

use crate::rules::Owner;

/// Histories at least this long show a progress line while they are copied.
const PROGRESS_FROM: i64 = 20_000;
/// Rows between two progress updates.
const PROGRESS_EVERY: i64 = 50_000;

/// The id of `name` in `names`, added if missing.
pub(super) fn name_id(tx: &Transaction<'_>, name: &str) -> rusqlite::Result<i64> {
    let found = tx
        .prepare_cached("SELECT id FROM names WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    match found {
        Some(id) => Ok(id),
        None => {
            tx.prepare_cached("INSERT INTO names (name) VALUES (?1)")?
                .execute([name])?;
            Ok(tx.last_insert_rowid())
        }
    }
}

/// One confusion pair as its stored byte.
pub(super) fn pair_byte(truth: Owner, chosen: Owner) -> u8 {
    let (t, c) = (super::owner_index(truth), super::owner_index(chosen));
    // Both are 0..=2.
    u8::try_from(t * 3 + c).unwrap_or(0)
}

/// The `(truth, chosen)` owner indexes of stored confusion bytes; a byte out of range (never
/// written by this build) is skipped.
pub(super) fn pairs_of(bytes: &[u8]) -> impl Iterator<Item = (i64, i64)> + '_ {
    bytes
        .iter()
        .filter(|&&b| b < 9)
        .map(|&b| (i64::from(b / 3), i64::from(b % 3)))
}

/// The Rust part of the v4 migration: copy every row of the v3 `attempts` (and its
/// `owner_confusion` rows) into `attempts_v4`, in id order, keeping every answer. The response
/// of a fully right answer is dropped (it is the key). Prints a progress line on stderr for
/// long histories. Returns the number of answers copied.
pub(super) fn copy_attempts(tx: &Transaction<'_>) -> rusqlite::Result<i64> {
    let total: i64 = tx.query_row("SELECT count(*) FROM attempts", [], |r| r.get(0))?;
    let show = total >= PROGRESS_FROM;
    let mut ids: HashMap<String, i64> = HashMap::new();
    let mut add_name = tx.prepare("INSERT INTO names (name) VALUES (?1)")?;
    let mut intern = |name: String| -> rusqlite::Result<i64> {
        if let Some(&id) = ids.get(&name) {
            return Ok(id);
        }
        add_name.execute([&name])?;
        let id = tx.last_insert_rowid();
        ids.insert(name, id);
        Ok(id)
    };
    let mut read = tx.prepare(
        "SELECT a.id, a.session_id, a.question_id, a.concept, a.topic, a.kind, a.points, a.max,
                a.correct, a.time_ms, a.marked, a.guess, a.answered_at, a.day, a.response,
                (SELECT group_concat(o.truth * 3 + o.chosen) FROM owner_confusion o
                 WHERE o.attempt_id = a.id)
         FROM attempts a ORDER BY a.id",
    )?;
    let mut write = tx.prepare(
        "INSERT INTO attempts_v4 (id, session_id, question, concept, topic, kind, points, max,
             correct, time_ms, marked, guess, answered_at, day, confusion, response)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    let mut rows = read.query([])?;
    let mut done = 0i64;
    let mut err = std::io::stderr();
    while let Some(r) = rows.next()? {
        let correct: i64 = r.get(8)?;
        let response: Option<String> = if correct == 1 { None } else { r.get(14)? };
        let confusion: Option<Vec<u8>> = r.get::<_, Option<String>>(15)?.map(|list| {
            list.split(',')
                .filter_map(|b| b.trim().parse::<u8>().ok())
                .collect()
        });
        write.execute(params![
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            intern(r.get(2)?)?,
            intern(r.get(3)?)?,
            intern(r.get(4)?)?,
            intern(r.get(5)?)?,
            r.get::<_, i64>(6)?,
            r.get::<_, i64>(7)?,
            correct,
            r.get::<_, i64>(9)?,
            r.get::<_, i64>(10)?,
            r.get::<_, i64>(11)?,
            r.get::<_, i64>(12)?,
            r.get::<_, i64>(13)?,
            confusion,
            response,
        ])?;
        done += 1;
        if show && done % PROGRESS_EVERY == 0 {
            let _ = write!(
                err,
                "\raz900: compacting the answer history (schema v4): {done} of {total} answers"
            );
        }
    }
    if show {
        let _ = writeln!(
            err,
            "\raz900: compacting the answer history (schema v4): {done} of {total} answers, done"
        );
    }
    Ok(done)
}
