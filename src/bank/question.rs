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
    /// The set of concepts a learner easily mixes up with this question's concept: one
    /// attribute across a fact table's rows (each access tier's minimum retention), one layer
    /// of the responsibility matrix across the service models. The exam plan reviews a set's
    /// concepts side by side ([`Scheduler::groups`](crate::schedule::Scheduler::groups)). Set
    /// by the generators; not part of the pack format.
    #[serde(skip)]
    pub confusable: Option<String>,
}

impl Question {
    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    /// What the explanation adds to the parts, which feedback shows above it with their whys:
    /// the explanation less every why it repeats word for word (a generated single's
    /// explanation is often its right choice's why) and every sentence that is only a part's
    /// own text. `None` when nothing is left.
    pub fn explanation_beyond_parts(&self) -> Option<String> {
        let parts = self.body.texts_and_whys();
        let mut rest = self.explanation.clone();
        for (_, why) in &parts {
            let why = why.trim();
            if !why.is_empty() {
                rest = rest.replace(why, " ");
            }
        }
        let bare = |s: &str| s.trim().trim_end_matches(['.', '!', '?']).to_string();
        let texts: Vec<String> = parts.iter().map(|(text, _)| bare(text)).collect();
        let kept: Vec<&str> = sentences(&rest)
            .into_iter()
            .filter(|s| s.chars().any(char::is_alphanumeric) && !texts.contains(&bare(s)))
            .collect();
        (!kept.is_empty()).then(|| kept.join(" "))
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

/// `text` cut after each `.`, `!` or `?` that a space follows, each piece trimmed.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = matches!(c, '.' | '!' | '?')
            && chars.peek().is_none_or(|(_, next)| next.is_whitespace());
        if ends {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}
