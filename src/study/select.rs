//! What a session asks: the questions of a new session of each mode, "Study due"'s queue and
//! "Review missed"'s waiting questions (Home's counts come from the same functions).

use std::collections::{HashMap, HashSet};

use anyhow::{Result, bail};
use serde::Serialize;

use super::{
    DEFAULT_CRAM_COUNT, DEFAULT_EXAM_COUNT, DEFAULT_PRACTICE_COUNT, DEFAULT_REVIEW_COUNT,
    StartOptions, Study,
};
use crate::engine::{Mode, select};
use crate::schedule::{self, ConceptInfo, MemoryState};

/// One question of "Study due".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub question_id: String,
    pub concept: String,
    /// A concept never reviewed before (else a due review).
    pub new: bool,
}

/// What "Study due" asks today ([`Study::due_queue`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DueQueue {
    pub items: Vec<DueItem>,
}

impl DueQueue {
    /// Due reviews in the queue.
    pub fn reviews(&self) -> usize {
        self.items.iter().filter(|i| !i.new).count()
    }

    /// New concepts in the queue.
    pub fn new_concepts(&self) -> usize {
        self.items.iter().filter(|i| i.new).count()
    }

    pub fn question_ids(&self) -> Vec<String> {
        self.items.iter().map(|i| i.question_id.clone()).collect()
    }
}

impl Study {
    /// Question ids of a new session of `mode`.
    pub fn select(&self, mode: Mode, opts: &StartOptions, seed: u64) -> Result<Vec<String>> {
        if let Some(t) = &opts.topic {
            select::check_topic(&self.bank, t)?;
        }
        let topic = opts.topic.as_deref();
        let ids = match mode {
            Mode::Practice => select::practice(
                &self.bank,
                topic,
                opts.count.unwrap_or(DEFAULT_PRACTICE_COUNT),
                seed,
            )?,
            Mode::Exam => select::exam(
                &self.bank,
                opts.count.unwrap_or(DEFAULT_EXAM_COUNT),
                topic,
                seed,
            )?,
            Mode::Review => {
                let mut ids = self.review_queue(topic)?;
                ids.truncate(opts.count.unwrap_or(DEFAULT_REVIEW_COUNT));
                if ids.is_empty() {
                    bail!("nothing to review: no question's latest answer was wrong or marked");
                }
                ids
            }
            Mode::Cram => {
                let n = opts.count.unwrap_or(DEFAULT_CRAM_COUNT);
                let weak = self.store.weakest_concepts(n.saturating_mul(2))?;
                let mut ids = Vec::new();
                let mut used = HashSet::new();
                for w in weak {
                    if let Some(q) = self
                        .bank
                        .wordings(&w.concept)
                        .find(|q| topic.is_none_or(|t| self.bank.in_topic(q, t)))
                        && used.insert(q.concept.clone())
                    {
                        ids.push(q.id.clone());
                    }
                }
                // Top up with unseen concepts so a new learner can cram too.
                if ids.len() < n {
                    for id in select::practice(&self.bank, topic, n, seed)? {
                        if let Some(q) = self.bank.get(&id)
                            && used.insert(q.concept.clone())
                        {
                            ids.push(id);
                        }
                    }
                }
                ids.truncate(n);
                ids
            }
            Mode::Due => {
                let mut ids = self.due_queue(topic)?.question_ids();
                if let Some(n) = opts.count {
                    ids.truncate(n);
                }
                if ids.is_empty() {
                    bail!(
                        "nothing is due today and no new concept is left for today; \
                         try practice, or come back tomorrow"
                    );
                }
                ids
            }
        };
        Ok(ids)
    }

    /// What "Study due" asks today, in order: each concept's question, and whether the concept
    /// is new (never reviewed) or a review. Home's counts and the session come from here.
    pub fn due_queue(&self, topic: Option<&str>) -> Result<DueQueue> {
        self.due_queue_from(&self.store.memory_states()?, topic)
    }

    /// [`Study::due_queue`] over memory states already read (`states`: every concept's).
    pub(super) fn due_queue_from(
        &self,
        states: &[MemoryState],
        topic: Option<&str>,
    ) -> Result<DueQueue> {
        let now = self.now();
        let concepts: Vec<ConceptInfo> = self
            .concepts()
            .into_iter()
            .filter(|c| {
                topic.is_none_or(|t| {
                    c.topic == t
                        || self
                            .bank
                            .wordings(&c.concept)
                            .next()
                            .is_some_and(|q| self.bank.in_topic(q, t))
                })
            })
            .collect();
        let today = self.today();
        // Only concepts Study due itself introduced use up its new-a-day limit.
        let introduced = self
            .store
            .concepts_introduced_by_mode_on(today, Mode::Due.id())?;
        // With an exam plan the day is a budget of minutes: what today's answers used of it
        // and the concepts they answered are not planned again.
        let offset = self.offset(now);
        let answered_today: HashSet<String> = states
            .iter()
            .filter(|s| s.reps > 0 && self.scheduler.study_day(s.last_review, offset) == today)
            .map(|s| s.concept.clone())
            .collect();
        let queue = self.scheduler.queue_left(
            states,
            &concepts,
            today,
            offset,
            introduced,
            self.plan_spent_secs()?,
            &answered_today,
        );
        let by_concept: HashMap<&str, &MemoryState> =
            states.iter().map(|s| (s.concept.as_str(), s)).collect();
        let items = queue
            .iter()
            .filter_map(|(c, new)| {
                let last = by_concept
                    .get(c.as_str())
                    .and_then(|s| s.last_question.as_deref());
                schedule::pick_wording(&self.bank, c, last).map(|id| DueItem {
                    question_id: id.to_string(),
                    concept: c.clone(),
                    new: *new,
                })
            })
            .collect();
        Ok(DueQueue { items })
    }

    /// The questions "Review missed" has waiting (latest answer wrong or marked, or marked with
    /// no answer since; still in the bank), most recent first. Home's count and the session
    /// come from here.
    pub fn review_queue(&self, topic: Option<&str>) -> Result<Vec<String>> {
        Ok(self
            .store
            .review_candidates()?
            .into_iter()
            .filter(|id| {
                self.bank
                    .get(id)
                    .is_some_and(|q| topic.is_none_or(|t| self.bank.in_topic(q, t)))
            })
            .collect())
    }
}
