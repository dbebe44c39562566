//! The quiz engine: one headless state machine for every mode.
//!
//! - [`select`] picks the question ids of a session (pure, seeded).
//! - [`session::Session`] runs a session: the front end feeds it [`Action`]s with the current
//!   time and gets back [`Event`]s (graded answers to persist, undo, requeue, finish, time-up).
//! - [`grade`] grades one response; [`score`] turns points into an *estimated* scaled score.
//! - [`summary::Summary`] is a pure view of a finished (or abandoned) session.
//! - [`confusion`] extracts (truth, chosen) owner pairs for a confusion table of owners.
//!
//! The engine never reads the clock or an entropy source: `now` and `seed` are inputs.

#![warn(missing_docs)]

pub mod blueprint;
pub mod cells;
pub mod confusion;
pub mod grade;
pub mod score;
pub mod select;
pub mod session;
pub mod summary;

use serde::{Deserialize, Serialize};

pub use score::{Score, TopicScore, scaled_score};
pub use session::{
    Action, AnswerRecord, Event, FULL_EXAM_QUESTIONS, Item, MAX_REQUEUES, Phase, Position,
    ReviewEntry, SNAPSHOT_FORMAT, Session, SessionConfig, Snapshot, exam_minutes,
};
pub use summary::{Counts, PreviousExam, Summary, Versus};

/// How a session behaves: feedback, navigation, timing and whether answers feed the scheduler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Questions spread over concepts, feedback after each answer.
    Practice,
    /// The exam simulator: timed, no feedback, free navigation, marking, submit.
    Exam,
    /// Questions whose latest attempt was wrong, plus marked ones; misses come back.
    Review,
    /// Weakest concepts first; does not touch the schedule.
    Cram,
    /// The scheduler's due concepts; misses come back.
    Due,
}

impl Mode {
    /// Every mode, in menu order.
    pub const ALL: [Mode; 5] = [
        Mode::Practice,
        Mode::Exam,
        Mode::Review,
        Mode::Cram,
        Mode::Due,
    ];

    /// Stable id, as stored and used on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Exam => "exam",
            Mode::Review => "review",
            Mode::Cram => "cram",
            Mode::Due => "due",
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Practice => "Practice",
            Mode::Exam => "Exam simulation",
            Mode::Review => "Review missed",
            Mode::Cram => "Cram",
            Mode::Due => "Study due",
        }
    }

    /// The mode with this [`Mode::id`].
    pub fn from_id(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.id() == s)
    }

    /// Whether each answer is graded and shown at once (everything but the exam).
    pub fn gives_feedback(self) -> bool {
        self != Mode::Exam
    }

    /// Whether answers should update the per-concept memory state (everything but cram).
    pub fn updates_schedule(self) -> bool {
        self != Mode::Cram
    }

    /// Whether a missed question comes back later in the session by default (review and due).
    pub fn requeues_by_default(self) -> bool {
        matches!(self, Mode::Review | Mode::Due)
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What the engine refuses, with the reason.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EngineError {
    /// A topic id that the rules do not define.
    #[error("unknown topic {topic:?} (known topics: {})", known.join(", "))]
    UnknownTopic {
        /// The topic asked for.
        topic: String,
        /// The rules' topic ids.
        known: Vec<String>,
    },
    /// A question id that is not in the bank.
    #[error("unknown question {0:?}")]
    UnknownQuestion(String),
    /// Nothing to ask (no question matches, or a count of zero).
    #[error("no questions to ask: {0}")]
    EmptySelection(String),
    /// The action makes no sense in the session's current state.
    #[error("{action} is not possible now: {reason}")]
    NotAllowed {
        /// The refused action ("undo", "previous"…).
        action: &'static str,
        /// Why, in words for the learner.
        reason: &'static str,
    },
    /// The session has finished; only `Tick` is still accepted (and ignored).
    #[error("the session is over")]
    Finished,
    /// `Goto` past the end of the session.
    #[error("no question {index} (the session has {len})")]
    IndexOutOfRange {
        /// The index asked for (0-based).
        index: usize,
        /// The number of items.
        len: usize,
    },
    /// A response that does not fit the question (wrong kind, index out of range…).
    #[error("response does not fit question {question_id:?}: {reason}")]
    BadResponse {
        /// The question answered.
        question_id: String,
        /// What does not fit.
        reason: String,
    },
}

/// Hand-made questions for the engine's unit tests (independent of the generator and packs).
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::bank::Bank;
    use crate::bank::question::{
        Body, CellRef, Choice, MatchItem, OrderItem, Question, Source, Statement,
    };
    use crate::rules::{Model, Owner, Rules};

    pub const TOPICS: [&str; 3] = ["shared-responsibility", "service-types", "customer-duties"];

    fn question(id: &str, concept: &str, topic: &str, body: Body) -> Question {
        Question {
            id: id.into(),
            concept: concept.into(),
            objective: "1.1.2".into(),
            topic: topic.into(),
            prompt: format!("Prompt of {id}"),
            body,
            explanation: String::new(),
            refs: Vec::new(),
            cells: Vec::new(),
            source: Source::Generated,
            confusable: None,
        }
    }

    pub fn choice(text: &str, correct: bool) -> Choice {
        Choice {
            text: text.into(),
            correct,
            why: String::new(),
        }
    }

    /// Four choices; choice 1 is right.
    pub fn single(id: &str, concept: &str, topic: &str) -> Question {
        let choices = (0..4).map(|i| choice(&format!("c{i}"), i == 1)).collect();
        question(id, concept, topic, Body::Single { choices })
    }

    pub fn order(id: &str, concept: &str, topic: &str, n: usize) -> Question {
        let items = (0..n)
            .map(|i| OrderItem {
                text: format!("step {i}"),
                why: String::new(),
            })
            .collect();
        question(id, concept, topic, Body::Order { items })
    }

    pub fn yes_no(id: &str, concept: &str, topic: &str, answers: &[bool]) -> Question {
        let statements = answers
            .iter()
            .map(|a| Statement {
                text: format!("statement {a}"),
                answer: *a,
                why: String::new(),
            })
            .collect();
        question(id, concept, topic, Body::YesNo { statements })
    }

    /// "Who owns X in PaaS?" with the owners as choices; `truth` is keyed and in `cells`.
    pub fn owner_single(id: &str, truth: Owner) -> Question {
        let choices = Owner::ALL
            .iter()
            .map(|o| choice(o.name(), *o == truth))
            .collect();
        let mut q = question(id, id, TOPICS[0], Body::Single { choices });
        q.cells = vec![CellRef {
            layer: "identity-and-directory-infrastructure".into(),
            model: Model::Paas,
            owner: Some(truth),
        }];
        q
    }

    /// Items keyed to the given owner category indices; categories Microsoft, Customer, Shared.
    pub fn owner_match(id: &str, keys: &[usize]) -> Question {
        let items = keys
            .iter()
            .map(|k| MatchItem {
                text: format!("layer {k}"),
                category: *k,
                why: String::new(),
            })
            .collect();
        let categories = vec!["Microsoft".into(), "Customer".into(), "Shared".into()];
        question(id, id, TOPICS[0], Body::Match { categories, items })
    }

    pub fn bank(questions: Vec<Question>) -> Bank {
        match Rules::embedded().map(|r| Bank::from_questions(r, questions)) {
            Ok(Ok(b)) => b,
            _ => panic!("test bank"),
        }
    }

    /// `per_topic[t]` concepts in topic `t`, each with `wordings` single-answer wordings;
    /// ids `"{topic}-{concept}-{wording}"`, concepts `"{topic}-{concept}"`.
    pub fn wide_bank(per_topic: [usize; 3], wordings: usize) -> Bank {
        let mut qs = Vec::new();
        for (t, n) in TOPICS.iter().zip(per_topic) {
            for c in 0..n {
                for w in 0..wordings {
                    qs.push(single(&format!("{t}-{c}-{w}"), &format!("{t}-{c}"), t));
                }
            }
        }
        bank(qs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_ids_round_trip_and_flags_follow_the_modes() {
        for m in Mode::ALL {
            assert_eq!(Mode::from_id(m.id()), Some(m));
        }
        assert_eq!(Mode::from_id("nope"), None);
        assert!(!Mode::Exam.gives_feedback());
        assert!(Mode::Practice.gives_feedback() && Mode::Cram.gives_feedback());
        assert!(!Mode::Cram.updates_schedule());
        assert!(Mode::Exam.updates_schedule() && Mode::Due.updates_schedule());
        assert!(Mode::Review.requeues_by_default() && !Mode::Practice.requeues_by_default());
    }
}
