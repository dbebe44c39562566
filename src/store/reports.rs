//! Questions the learner reported as wrong or unclear: kept with the question id and the reason,
//! listed by `az900 reports` so they can be checked against the facts and fixed in the pack.

use rusqlite::params;
use serde::Serialize;

use super::{AttemptId, Store, StoreError};
use crate::clock::Millis;

/// Why a question was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    /// The answer the app counts as right is wrong.
    WrongKey,
    /// The question can be read more than one way.
    Unclear,
    /// An explanation or an option's "why" is wrong.
    WrongExplanation,
    /// A typo or a broken link.
    Typo,
    Other,
}

impl ReportReason {
    /// In the order the report dialog lists them.
    pub const ALL: [ReportReason; 5] = [
        ReportReason::WrongKey,
        ReportReason::Unclear,
        ReportReason::WrongExplanation,
        ReportReason::Typo,
        ReportReason::Other,
    ];

    /// The stored (and JSON) name.
    pub fn slug(self) -> &'static str {
        match self {
            ReportReason::WrongKey => "wrong_key",
            ReportReason::Unclear => "unclear",
            ReportReason::WrongExplanation => "wrong_explanation",
            ReportReason::Typo => "typo",
            ReportReason::Other => "other",
        }
    }

    /// What the learner reads.
    pub fn label(self) -> &'static str {
        match self {
            ReportReason::WrongKey => "the answer counted as right is wrong",
            ReportReason::Unclear => "the question is unclear or ambiguous",
            ReportReason::WrongExplanation => "an explanation is wrong",
            ReportReason::Typo => "a typo or a broken link",
            ReportReason::Other => "something else",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ReportReason> {
        ReportReason::ALL.into_iter().find(|r| r.slug() == slug)
    }
}

/// A stored report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub id: i64,
    pub question_id: String,
    pub reason: ReportReason,
    pub reported_at: Millis,
    /// The answer it was reported from, while that answer is stored (an undo removes it).
    pub attempt: Option<i64>,
}

impl Store {
    /// Store a report of `question_id` (one transaction).
    pub fn add_report(
        &self,
        question_id: &str,
        reason: ReportReason,
        at: Millis,
        attempt: Option<AttemptId>,
    ) -> Result<i64, StoreError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO reports (question_id, reason, reported_at, attempt_id)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                question_id,
                reason.slug(),
                at,
                attempt.map(|a| a.0)
            ])?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Every report, newest first. A reason this build does not know reads as `Other`.
    pub fn reports(&self) -> Result<Vec<Report>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, question_id, reason, reported_at, attempt_id FROM reports
             ORDER BY reported_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let reason: String = r.get(2)?;
            Ok(Report {
                id: r.get(0)?,
                question_id: r.get(1)?,
                reason: ReportReason::from_slug(&reason).unwrap_or(ReportReason::Other),
                reported_at: r.get(3)?,
                attempt: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewSession, Store};

    #[test]
    fn reports_round_trip_newest_first_and_outlive_an_undone_answer() {
        let store = Store::open_in_memory().unwrap();
        assert!(store.reports().unwrap().is_empty());
        let s = store
            .begin_session(&NewSession {
                mode: "practice".into(),
                started_at: 1_000,
                settings: serde_json::json!({}),
            })
            .unwrap();
        let a = store
            .record_attempt(
                &crate::store::NewAttempt {
                    session: s,
                    question_id: "q1".into(),
                    concept: "c".into(),
                    topic: "t".into(),
                    kind: crate::bank::question::Kind::Single,
                    response: None,
                    points: 0,
                    max: 1,
                    correct: false,
                    time_ms: 1,
                    marked: false,
                    guess: false,
                    answered_at: 2_000,
                    day: 0,
                },
                None,
                &[],
            )
            .unwrap();
        store
            .add_report("q1", ReportReason::WrongKey, 3_000, Some(a))
            .unwrap();
        store
            .add_report("q2", ReportReason::Typo, 4_000, None)
            .unwrap();
        let all = store.reports().unwrap();
        let seen: Vec<_> = all
            .iter()
            .map(|r| (r.question_id.as_str(), r.reason, r.attempt))
            .collect();
        assert_eq!(
            seen,
            [
                ("q2", ReportReason::Typo, None),
                ("q1", ReportReason::WrongKey, Some(a.0)),
            ]
        );
        store.undo_attempt(a, None).unwrap();
        let after = store.reports().unwrap();
        assert_eq!(after.len(), 2, "an undo keeps the report");
        assert_eq!(
            after[1].attempt, None,
            "and forgets the answer it came from"
        );
    }

    #[test]
    fn every_reason_round_trips_through_its_slug() {
        for r in ReportReason::ALL {
            assert_eq!(ReportReason::from_slug(r.slug()), Some(r));
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.slug()));
        }
        assert_eq!(ReportReason::from_slug("nonsense"), None);
    }
}
