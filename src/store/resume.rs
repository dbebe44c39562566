//! The saved state of an unfinished session (an exam cut off by a crash, a closed terminal or a
//! quit), kept in `snapshots` until the session ends.

use rusqlite::{OptionalExtension, params};

use super::{AttemptId, SessionId, Store, StoreError};
use crate::clock::Millis;

/// An unfinished session that can be resumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSession {
    pub id: SessionId,
    pub mode: String,
    pub started_at: Millis,
    /// The engine's snapshot, as JSON.
    pub snapshot: String,
}

/// [`Store::resumable`]'s query: `CROSS JOIN` keeps `snapshots` the outer loop.
const RESUMABLE: &str = "SELECT s.id, s.mode, s.started_at, n.snapshot
     FROM snapshots n CROSS JOIN sessions s ON s.id = n.session_id
     WHERE s.ended_at IS NULL AND s.mode = ?1
     ORDER BY n.session_id DESC LIMIT 1";

impl Store {
    /// Save `snapshot` (JSON) on the unfinished session `id`; a finished session is left alone.
    pub fn save_snapshot(&self, id: SessionId, snapshot: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO snapshots (session_id, snapshot)
                 SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM sessions
                     WHERE id = ?1 AND ended_at IS NULL)
                 ON CONFLICT (session_id) DO UPDATE SET snapshot = excluded.snapshot",
            )?
            .execute(params![id.0, snapshot])?;
            Ok(())
        })
    }

    /// The newest unfinished session of `mode` with a saved state. Read from the saved states
    /// (a handful: a session's is deleted when it ends), newest first, each session found by
    /// its id; left to itself SQLite scanned every session instead (12 M instructions, 6 % of
    /// `az900 stats` at 1M answers).
    pub fn resumable(&self, mode: &str) -> Result<Option<SavedSession>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(RESUMABLE)?
            .query_row([mode], |r| {
                Ok(SavedSession {
                    id: SessionId(r.get(0)?),
                    mode: r.get(1)?,
                    started_at: r.get(2)?,
                    snapshot: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// The attempts stored for session `id`, as (question id, attempt), oldest first.
    pub fn session_attempts(&self, id: SessionId) -> Result<Vec<(String, AttemptId)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.name, a.id FROM attempts a JOIN names n ON n.id = a.question
             WHERE a.session_id = ?1 ORDER BY a.id",
        )?;
        let rows = stmt.query_map([id.0], |r| Ok((r.get(0)?, AttemptId(r.get(1)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{NewSession, SessionResult, Store};

    #[test]
    fn the_resumable_session_is_found_from_the_saved_states_not_a_scan_of_sessions() {
        let store = Store::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", super::RESUMABLE))
            .unwrap()
            .query_map(["exam"], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            plan,
            ["SCAN n", "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)"],
            "{plan:?}"
        );
    }

    #[test]
    fn a_saved_state_is_offered_until_its_session_ends() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.resumable("exam").unwrap(), None);
        let begin = |mode: &str, at| {
            store
                .begin_session(&NewSession {
                    mode: mode.into(),
                    started_at: at,
                    settings: serde_json::json!({}),
                })
                .unwrap()
        };
        let old = begin("exam", 1);
        let practice = begin("practice", 2);
        let new = begin("exam", 3);
        store.save_snapshot(old, "{\"n\":1}").unwrap();
        store.save_snapshot(practice, "{\"n\":2}").unwrap();
        assert_eq!(store.resumable("exam").unwrap().unwrap().id, old);
        store.save_snapshot(new, "{\"n\":3}").unwrap();
        let saved = store.resumable("exam").unwrap().unwrap();
        assert_eq!((saved.id, saved.snapshot.as_str()), (new, "{\"n\":3}"));
        assert_eq!(saved.started_at, 3);
        let result = SessionResult {
            points: 0,
            max: 0,
            scaled: None,
            passed: None,
        };
        store.finish_session(new, 4, &result).unwrap();
        assert_eq!(store.resumable("exam").unwrap().unwrap().id, old);
        // A finished session takes no new state.
        store.save_snapshot(new, "{}").unwrap();
        store.finish_session(old, 5, &result).unwrap();
        assert_eq!(store.resumable("exam").unwrap(), None);
        assert_eq!(store.resumable("practice").unwrap().unwrap().id, practice);
    }
}
