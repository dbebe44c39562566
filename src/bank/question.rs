//! The question model shared by packs, the generator, the engine and the front ends: one
//! question as stored ([`Question`]), the matrix cells its key depends on, where it came from
//! and its graded result. What differs per kind is in [`super::kind`] (re-exported here).

use serde::{Deserialize, Serialize};

pub use super::kind::{Body, Choice, HotRow, Kind, MatchItem, OrderItem, Response, Statement};

use crate::rules::{Model, Owner};

/// A matrix cell a question's key depends on, with the owner the key assumes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellRef {
    pub layer: String,
    pub model: Model,
    /// The owner the key assumes; `None` means the question teaches the cell as disputed.
    pub owner: Option<Owner>,
}

/// Where a question came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Source {
    /// Derived from `rules.json` by `bank::generate`.
    Generated,
    /// Read from a pack file (the name shown in errors and listings).
    Pack { file: String },
    /// Generated from a fact table (`questions/facts/…`) by its shape's generator.
    Table { file: String },
}

/// One question, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id: progress is keyed on it; never reused for another question.
    pub id: String,
    /// The fact it tests; wordings of one fact share a concept.
    pub concept: String,
    /// The outline objective it tests (`2.3.3`): exactly one per question.
    #[serde(default)]
    pub objective: String,
    /// A legacy topic of `rules.json`, or (for a question that names only an objective) the
    /// objective's group id.
    pub topic: String,
    pub prompt: String,
    #[serde(flatten)]
    pub body: Body,
    pub explanation: String,
    /// Microsoft Learn URLs.
    pub refs: Vec<String>,
    /// Matrix cells the key depends on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<CellRef>,
    pub source: Source,
}

impl Question {
    pub fn kind(&self) -> Kind {
        self.body.kind()
    }
}

/// The graded result of one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    pub points: u32,
    pub max: u32,
    /// Per scored part: right or not (length = `max`).
    pub parts: Vec<bool>,
}

impl Grade {
    /// Every part right.
    pub fn is_correct(&self) -> bool {
        self.points == self.max && self.max > 0
    }

    pub fn zero(max: u32) -> Grade {
        Grade {
            points: 0,
            max,
            parts: vec![false; max as usize],
        }
    }
}
