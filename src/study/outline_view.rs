//! Stats per skill area and objective: the study service's side of
//! [`crate::schedule::by_objective`] (it gathers each concept's evidence from the store).

use std::collections::BTreeMap;

use anyhow::Result;

use super::Study;
use crate::schedule::MemoryState;
use crate::schedule::by_objective::{ConceptEvidence, OutlineStats, outline_stats};

impl Study {
    /// Readiness and accuracy per skill area and objective, predicted for the exam day (or
    /// today).
    pub fn outline_stats(&self) -> Result<OutlineStats> {
        self.outline_stats_from(&self.store.memory_states()?)
    }

    /// [`Study::outline_stats`] over memory states already read.
    pub(super) fn outline_stats_from(&self, states: &[MemoryState]) -> Result<OutlineStats> {
        let mut concepts: BTreeMap<String, (String, ConceptEvidence)> = BTreeMap::new();
        for q in self.bank.questions() {
            concepts
                .entry(q.concept.clone())
                .or_insert_with(|| (q.objective.clone(), ConceptEvidence::default()));
        }
        let now = self.now();
        let day = self.prediction_day();
        for s in states {
            if s.reps == 0 {
                continue;
            }
            if let Some((_, e)) = concepts.get_mut(&s.concept) {
                e.recall = Some(self.scheduler.recall_on(s, day, self.offset(now)));
            }
        }
        for a in self.store.concept_accuracy()? {
            if let Some((_, e)) = concepts.get_mut(&a.concept) {
                e.answered = a.total;
                e.correct = a.correct;
            }
        }
        Ok(outline_stats(
            &self.bank.rules.outline,
            &concepts,
            crate::engine::session::DEFAULT_CUT_PERCENT / 100.0,
        ))
    }
}
