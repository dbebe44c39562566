//! Field-by-field validation of a parsed pack (`serde_json::Value`) into questions, collecting
//! every problem as an [`Issue`] (a field path and a message; `pack` adds the position).

use std::collections::HashMap;

use serde_json::{Map, Value};

mod fields;
mod lists;
mod path;

pub use path::At;

pub use super::values::REF_PREFIX;
pub(crate) use super::values::{
    TextFault, describe, ident_ok, normalize, quote, ref_ok, text_fault,
};

use super::kinds::{Text, fields, optional_fields};
use super::{FORMAT, MAX_ERRORS, MAX_PROMPT_CHARS, MAX_QUESTIONS, MAX_TEXT_CHARS};
use crate::bank::question::{CellRef, Kind, Question, Source};
use crate::rules::{Model, Owner, Rules};

const PACK_FIELDS: &[&str] = &["format", "pack", "title", "questions"];
const COMMON_FIELDS: &[&str] = &[
    "id",
    "concept",
    "objective",
    "topic",
    "kind",
    "prompt",
    "explanation",
    "refs",
    "cells",
];

/// One problem: `path` is shown; `at` is the path whose position is reported (`key`: the
/// position of the member's key rather than its value).
#[derive(Debug)]
pub struct Issue {
    pub path: String,
    pub at: String,
    pub key: bool,
    pub message: String,
}

pub struct Checker<'r> {
    rules: &'r Rules,
    file: String,
    pub issues: Vec<Issue>,
    /// Issues beyond [`MAX_ERRORS`], counted but not kept.
    pub dropped: usize,
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

impl<'r> Checker<'r> {
    pub fn new(rules: &'r Rules, file: &str) -> Checker<'r> {
        Checker {
            rules,
            file: file.to_string(),
            issues: Vec::new(),
            dropped: 0,
        }
    }

    pub fn push(&mut self, path: &At<'_>, at: &At<'_>, key: bool, message: String) {
        if self.issues.len() >= MAX_ERRORS {
            self.dropped += 1;
            return;
        }
        self.issues.push(Issue {
            path: path.to_string(),
            at: at.to_string(),
            key,
            message,
        });
    }

    pub(crate) fn err(&mut self, path: &At<'_>, message: String) {
        self.push(path, path, false, message);
    }

    /// Validates the whole pack, returning the questions that passed (the caller discards them
    /// when any issue was recorded). A `format` other than 1 stops the checks there.
    pub fn pack(&mut self, root: &Value) -> Vec<Question> {
        let root_at = At::ROOT;
        let Some(map) = self.object(root, &root_at, PACK_FIELDS) else {
            return Vec::new();
        };
        if let Some(v) = self.field(map, &root_at, "format")
            && v.as_u64() != Some(FORMAT)
        {
            let found = match v {
                Value::Number(n) => n.to_string(),
                other => describe(other).to_string(),
            };
            self.err(
                &root_at.key("format"),
                format!("format must be {FORMAT}, found {found} (this version reads format {FORMAT} packs)"),
            );
            return Vec::new();
        }
        self.ident(map, &root_at, "pack");
        if map.contains_key("title") {
            self.text(map, &root_at, "title", MAX_TEXT_CHARS);
        }
        let Some(items) = self.array(
            map,
            &root_at,
            "questions",
            "a pack",
            ("question", "questions"),
            1,
            MAX_QUESTIONS,
        ) else {
            return Vec::new();
        };
        let mut questions = Vec::with_capacity(items.len());
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut prompts: HashMap<String, usize> = HashMap::new();
        let at = root_at.key("questions");
        for (i, v) in items.iter().enumerate() {
            let path = at.index(i);
            if let Some(q) = self.question(v, &path) {
                questions.push(q);
            }
            let Value::Object(map) = v else { continue };
            if let Some(Value::String(id)) = map.get("id") {
                if let Some(first) = ids.get(id.as_str()).copied() {
                    self.err(
                        &path.key("id"),
                        format!("duplicate id {} (also questions[{first}])", quote(id)),
                    );
                } else {
                    ids.insert(id, i);
                }
            }
            if let Some(Value::String(prompt)) = map.get("prompt") {
                let (stem, what) = stem(map);
                let key = format!("{}\u{0}{stem}", normalize(prompt));
                if let Some(first) = prompts.get(&key) {
                    self.err(
                        &path.key("prompt"),
                        format!("duplicate question: questions[{first}] has the same {what}"),
                    );
                } else {
                    prompts.insert(key, i);
                }
            }
        }
        questions
    }

    fn question(&mut self, v: &Value, path: &At<'_>) -> Option<Question> {
        let before = self.issues.len() + self.dropped;
        let Value::Object(map) = v else {
            self.err(path, format!("expected an object, found {}", describe(v)));
            return None;
        };
        let kind = match self.string(map, path, "kind") {
            None => None,
            Some(s) => {
                let k = Kind::from_id(s);
                if k.is_none() {
                    let all: Vec<_> = Kind::ALL.iter().map(|k| k.id()).collect();
                    self.err(
                        &path.key("kind"),
                        format!(
                            "unknown kind {} (expected one of: {})",
                            quote(s),
                            all.join(", ")
                        ),
                    );
                }
                k
            }
        };
        let mut allowed: Vec<&str> = COMMON_FIELDS.to_vec();
        match kind {
            Some(k) => allowed.extend(fields(k).iter().chain(optional_fields(k))),
            // Without a kind, accept every kind's fields rather than flag them all.
            None => allowed.extend(
                Kind::ALL
                    .iter()
                    .flat_map(|k| fields(*k).iter().chain(optional_fields(*k))),
            ),
        }
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.unknown_field(path, key, &allowed, kind);
            }
        }
        let id = self.ident(map, path, "id");
        let concept = self.ident(map, path, "concept");
        let placed = self.placement(map, path);
        let prompt = self.text(map, path, "prompt", MAX_PROMPT_CHARS);
        let explanation = self.text(map, path, "explanation", MAX_TEXT_CHARS);
        let refs = self.refs(map, path);
        let cells = self.cells(map, path);
        let body = kind.and_then(|k| self.body(k, map, path));
        if self.issues.len() + self.dropped > before {
            return None;
        }
        Some(Question {
            id: id?,
            concept: concept?,
            objective: placed.as_ref()?.0.clone(),
            topic: placed?.1,
            prompt: prompt?,
            body: body?,
            explanation: explanation?,
            refs: refs?,
            cells: cells?,
            source: Source::Pack {
                file: self.file.clone(),
            },
            confusable: None,
        })
    }

    /// The question's `(objective, topic)`: an `objective` of the outline, a legacy `topic` of
    /// the rules, or both. Without a topic it is the objective's group; without an objective,
    /// the topic's.
    fn placement(&mut self, map: &Map<String, Value>, path: &At<'_>) -> Option<(String, String)> {
        let objective = map
            .contains_key("objective")
            .then(|| self.objective(map, path));
        let topic = map.contains_key("topic").then(|| self.topic(map, path));
        match (objective, topic) {
            (Some(o), Some(t)) => Some((o?, t?)),
            (Some(o), None) => {
                let o = o?;
                let group = self.rules.outline.group_of(&o)?.to_string();
                Some((o, group))
            }
            (None, Some(t)) => {
                let t = t?;
                Some((self.rules.topic(&t)?.objective.clone(), t))
            }
            (None, None) => {
                self.push(
                    &path.key("objective"),
                    path,
                    false,
                    "missing field \"objective\" (an objective id of questions/outline.json, e.g. \"2.3.3\")".into(),
                );
                None
            }
        }
    }

    pub(crate) fn objective(&mut self, map: &Map<String, Value>, path: &At<'_>) -> Option<String> {
        let s = self.string(map, path, "objective")?;
        if self.rules.outline.objective(s).is_none() {
            let hint = match self.rules.outline.scope(s) {
                Some(scope) => format!(
                    "{} is a skill area or group, not an objective",
                    scope.label()
                ),
                None => "objective ids look like \"2.3.3\"; see questions/outline.json".into(),
            };
            self.err(
                &path.key("objective"),
                format!("unknown objective {} ({hint})", quote(s)),
            );
            return None;
        }
        Some(s.to_string())
    }

    fn topic(&mut self, map: &Map<String, Value>, path: &At<'_>) -> Option<String> {
        let s = self.string(map, path, "topic")?;
        if self.rules.topic(s).is_none() {
            let all: Vec<_> = self.rules.topics.iter().map(|t| t.id.as_str()).collect();
            self.err(
                &path.key("topic"),
                format!("unknown topic {} (topics: {})", quote(s), all.join(", ")),
            );
            return None;
        }
        Some(s.to_string())
    }

    fn refs(&mut self, map: &Map<String, Value>, path: &At<'_>) -> Option<Vec<String>> {
        let items = self.array(
            map,
            path,
            "refs",
            "a question",
            ("reference URL", "reference URLs"),
            1,
            usize::MAX,
        )?;
        let at = path.key("refs");
        let mut refs = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            let p = at.index(i);
            match v {
                Value::String(s) if ref_ok(s) => refs.push(s.clone()),
                Value::String(s) => self.err(
                    &p,
                    format!("must be a {REF_PREFIX}… URL, found {}", quote(s)),
                ),
                other => self.err(&p, format!("expected a string, found {}", describe(other))),
            }
        }
        Some(refs)
    }

    fn cells(&mut self, map: &Map<String, Value>, path: &At<'_>) -> Option<Vec<CellRef>> {
        if !map.contains_key("cells") {
            return Some(Vec::new());
        }
        let items = self.array(
            map,
            path,
            "cells",
            "a question",
            ("cell", "cells"),
            0,
            usize::MAX,
        )?;
        let at = path.key("cells");
        let mut cells = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            let p = at.index(i);
            let Some(cell) = self.object(v, &p, &["layer", "model", "owner"]) else {
                continue;
            };
            let layer = self.string(cell, &p, "layer").map(str::to_string);
            if let Some(l) = &layer
                && self.rules.layer(l).is_none()
            {
                self.err(&p.key("layer"), format!("unknown layer {}", quote(l)));
            }
            let model = self.string(cell, &p, "model").and_then(|m| {
                let model = Model::from_id(m);
                if model.is_none() {
                    self.err(
                        &p.key("model"),
                        format!(
                            "unknown model {} (expected on-premises, iaas, paas or saas)",
                            quote(m)
                        ),
                    );
                }
                model
            });
            let owner = self.string(cell, &p, "owner").and_then(|o| match o {
                "disputed" => Some(None),
                _ => match Owner::from_id(o) {
                    Some(owner) => Some(Some(owner)),
                    None => {
                        self.err(
                            &p.key("owner"),
                            format!(
                                "unknown owner {} (expected customer, microsoft, shared or disputed)",
                                quote(o)
                            ),
                        );
                        None
                    }
                },
            });
            if let (Some(layer), Some(model), Some(owner)) = (layer, model, owner) {
                cells.push(CellRef {
                    layer,
                    model,
                    owner,
                });
            }
        }
        Some(cells)
    }
}

/// The kind-specific text that, with the prompt, identifies a question (so that a stock
/// prompt such as "Select Yes or No for each statement" may repeat) and what to call it.
fn stem(map: &Map<String, Value>) -> (String, &'static str) {
    let texts = |t: &Text| -> String {
        match *t {
            Text::Field(key) => map
                .get(key)
                .and_then(Value::as_str)
                .map(normalize)
                .unwrap_or_default(),
            Text::List(key, field) => map
                .get(key)
                .and_then(Value::as_array)
                .map(|xs| {
                    xs.iter()
                        .map(|x| match x {
                            Value::String(s) => normalize(s),
                            _ => x
                                .get(field)
                                .and_then(Value::as_str)
                                .map(normalize)
                                .unwrap_or_default(),
                        })
                        .collect::<Vec<_>>()
                        .join("\u{1}")
                })
                .unwrap_or_default(),
        }
    };
    let Some(kind) = map
        .get("kind")
        .and_then(Value::as_str)
        .and_then(Kind::from_id)
    else {
        return (String::new(), "prompt");
    };
    let (fields, what) = super::kinds::stem(kind);
    let stem = fields.iter().map(texts).collect::<Vec<_>>().join("\u{2}");
    (stem, what)
}
