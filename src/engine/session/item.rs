//! One question slot of a session ([`Item`]), where the session is ([`Phase`]), and how a
//! question's items are laid out for the learner.

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::bank::kind::Layout;
use crate::bank::question::{Body, Grade, Question, Response};
use crate::clock::Millis;

/// One question slot of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The question asked.
    pub question_id: String,
    /// Its concept.
    pub concept: String,
    /// Its topic.
    pub topic: String,
    /// Seeded presentation order of the body's items: `order[k]` is the question's own index of
    /// the choice / statement / match item / order item shown at position `k`. For `order`
    /// questions it is the initial scrambled arrangement (never already correct when there are
    /// two or more items); for `hot_area` it lists the rows, kept in their order.
    pub order: Vec<usize>,
    /// The latest response (question indices), if any.
    pub response: Option<Response>,
    /// The grade of `response` (also set in exams, where it must not be shown before the end).
    pub grade: Option<Grade>,
    /// Flagged by the learner ("mark for review").
    pub marked: bool,
    /// The learner said the answer was a guess.
    pub guess: bool,
    /// When the item was first shown.
    pub shown_at: Option<Millis>,
    /// When the latest response was given.
    pub answered_at: Option<Millis>,
    /// Time spent on the item while it was open for answering (feedback time not counted).
    pub time_ms: u64,
    /// This slot is a second chance at a missed concept, added by requeue.
    pub requeued: bool,
}

impl Item {
    /// Whether the item has a response.
    pub fn is_answered(&self) -> bool {
        self.response.is_some()
    }

    /// Whether the item is answered and every part is right.
    pub fn is_correct(&self) -> bool {
        self.grade.as_ref().is_some_and(Grade::is_correct)
    }
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// The current item is open for an answer.
    Question,
    /// The current item was answered and its grade is shown (feedback modes).
    Feedback,
    /// Submitted, timed out or past the last item.
    Finished,
}

/// A fresh item for `q` with a seeded presentation order.
pub(super) fn new_item(q: &Question, rng: &mut ChaCha8Rng, requeued: bool) -> Item {
    Item {
        question_id: q.id.clone(),
        concept: q.concept.clone(),
        topic: q.topic.clone(),
        order: presentation_order(&q.body, rng),
        response: None,
        grade: None,
        marked: false,
        guess: false,
        shown_at: None,
        answered_at: None,
        time_ms: 0,
        requeued,
    }
}

/// The seeded presentation permutation of a body's items (see [`Item::order`]).
pub fn presentation_order(body: &Body, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let (n, layout) = body.layout();
    let mut order: Vec<usize> = (0..n).collect();
    match layout {
        Layout::Fixed => return order,
        Layout::Shuffled | Layout::ShuffledUnsolved => order.shuffle(rng),
    }
    if layout == Layout::ShuffledUnsolved
        && n >= 2
        && order.iter().enumerate().all(|(i, v)| i == *v)
    {
        // Never start an order question already solved.
        order.rotate_left(1);
    }
    order
}
