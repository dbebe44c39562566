//! The simulated bank: concepts in topics weighed as the exam weighs the skill areas, and
//! groups of confusable concepts.

use super::{GROUP, TOPICS};
use crate::schedule::ConceptInfo;

/// The topic of concept `i` (round robin) and its group of confusable concepts (consecutive
/// concepts of the same topic).
pub(super) fn topic_of(i: usize) -> usize {
    i % TOPICS.len()
}

pub(super) fn group_of(i: usize) -> usize {
    (i / TOPICS.len() / GROUP) * TOPICS.len() + topic_of(i)
}

/// [`group_of`] in a bank of `n` concepts, or, `scattered`, groups of the same size whose
/// concepts sit far apart in bank order (the topic's `j`-th concept joins group `j mod m`, for
/// `m` groups in the topic): to measure what an interleaving that bets on bank neighbours costs
/// when the similar concepts are not neighbours.
pub(super) fn group_in(i: usize, n: usize, scattered: bool) -> usize {
    if !scattered {
        return group_of(i);
    }
    let topics = TOPICS.len();
    let groups_per_topic = (n.div_ceil(topics) / GROUP).max(1);
    (i / topics % groups_per_topic) * topics + topic_of(i)
}

pub(super) fn concepts(n: usize) -> Vec<ConceptInfo> {
    (0..n)
        .map(|i| ConceptInfo {
            concept: format!("c{i:03}"),
            topic: TOPICS[topic_of(i)].0.to_string(),
        })
        .collect()
}

/// Exam weight of each concept: its topic's weight shared among the topic's concepts,
/// normalised so the weights sum to 1.
pub(super) fn concept_weights(n: usize) -> Vec<f64> {
    let mut count = [0usize; TOPICS.len()];
    for i in 0..n {
        count[topic_of(i)] += 1;
    }
    let present: f64 = TOPICS
        .iter()
        .enumerate()
        .filter(|(t, _)| count[*t] > 0)
        .map(|(_, (_, w))| w)
        .sum();
    (0..n)
        .map(|i| TOPICS[topic_of(i)].1 / present / count[topic_of(i)] as f64)
        .collect()
}
