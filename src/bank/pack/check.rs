//! Field-by-field validation of a parsed pack (`serde_json::Value`) into questions, collecting
//! every problem as an [`Issue`] (a field path and a message; `pack` adds the position).

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

mod lists;

pub use super::values::REF_PREFIX;
pub(crate) use super::values::{
    TextFault, describe, ident_ok, normalize, quote, ref_ok, text_fault,
};

use super::kinds::{Text, fields};
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

/// A field path (`questions[3].choices[0].text`), built on the stack as the checker descends
/// and formatted only when an issue is recorded: the checker visits every field, and almost
/// every field is fine.
#[derive(Clone, Copy)]
pub struct At<'p> {
    parent: Option<&'p At<'p>>,
    seg: Seg<'p>,
}

#[derive(Clone, Copy)]
enum Seg<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> At<'p> {
    /// The pack itself (the empty path).
    pub const ROOT: At<'static> = At {
        parent: None,
        seg: Seg::Root,
    };

    /// The member `key` of the object at this path.
    pub fn key(&'p self, key: &'p str) -> At<'p> {
        At {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    /// Element `i` of the array at this path.
    pub fn index(&'p self, i: usize) -> At<'p> {
        At {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }

    fn is_root(&self) -> bool {
        matches!(self.seg, Seg::Root)
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.seg {
            Seg::Root => Ok(()),
            Seg::Key(key) if self.parent.is_none_or(At::is_root) => f.write_str(key),
            Seg::Key(key) => write!(f, ".{key}"),
            Seg::Index(i) => write!(f, "[{i}]"),
        }
    }
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

    pub(crate) fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &At<'_>,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.err(path, format!("expected an object, found {}", describe(v)));
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.unknown_field(path, key, allowed, None);
            }
        }
        Some(map)
    }

    fn unknown_field(&mut self, path: &At<'_>, key: &str, allowed: &[&str], kind: Option<Kind>) {
        if self.issues.len() >= MAX_ERRORS {
            // Over the cap: count it without building a message (suggestions cost time).
            self.dropped += 1;
            return;
        }
        let other_kind = Kind::ALL.into_iter().find(|k| fields(*k).contains(&key));
        let message = match (kind, other_kind) {
            (Some(kind), Some(_)) => {
                format!(
                    "field {} does not belong to a {} question",
                    quote(key),
                    kind.id()
                )
            }
            _ => match suggest(key, allowed) {
                Some(s) => format!("unknown field {} (did you mean {s:?}?)", quote(key)),
                None => format!(
                    "unknown field {} (expected one of: {})",
                    quote(key),
                    allowed.join(", ")
                ),
            },
        };
        self.push(path, &path.key(key), true, message);
    }

    pub(crate) fn field<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &At<'_>,
        key: &str,
    ) -> Option<&'v Value> {
        let v = map.get(key);
        if v.is_none() {
            self.push(
                &path.key(key),
                path,
                false,
                format!("missing field {key:?}"),
            );
        }
        v
    }

    pub(crate) fn string<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &At<'_>,
        key: &str,
    ) -> Option<&'v str> {
        match self.field(map, path, key)? {
            Value::String(s) => Some(s),
            other => {
                self.err(
                    &path.key(key),
                    format!("expected a string, found {}", describe(other)),
                );
                None
            }
        }
    }

    pub(crate) fn boolean(
        &mut self,
        map: &Map<String, Value>,
        path: &At<'_>,
        key: &str,
    ) -> Option<bool> {
        match self.field(map, path, key)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.err(
                    &path.key(key),
                    format!("expected true or false, found {}", describe(other)),
                );
                None
            }
        }
    }

    /// Checks a text's content; true when it is acceptable.
    pub(crate) fn check_text(&mut self, path: &At<'_>, s: &str, max: usize) -> bool {
        let message = match text_fault(s, max) {
            None => return true,
            Some(TextFault::Empty) => "must not be empty".into(),
            Some(TextFault::TooLong(n)) => format!("is {n} characters long; the limit is {max}"),
            Some(TextFault::Forbidden(i, c)) => format!(
                "contains the control character U+{:04X} at character {} (only newline is allowed)",
                u32::from(c),
                i + 1
            ),
        };
        self.err(path, message);
        false
    }

    pub(crate) fn text(
        &mut self,
        map: &Map<String, Value>,
        path: &At<'_>,
        key: &str,
        max: usize,
    ) -> Option<String> {
        let s = self.string(map, path, key)?;
        self.check_text(&path.key(key), s, max)
            .then(|| s.to_string())
    }

    /// An id or concept: `[a-z0-9._-]`, 3–80 characters.
    pub(crate) fn ident(
        &mut self,
        map: &Map<String, Value>,
        path: &At<'_>,
        key: &str,
    ) -> Option<String> {
        let s = self.string(map, path, key)?;
        if !ident_ok(s) {
            self.err(
                &path.key(key),
                format!(
                    "{} is not a valid {key}: use 3 to 80 characters of a-z, 0-9, '.', '_' and '-'",
                    quote(s)
                ),
            );
            return None;
        }
        Some(s.to_string())
    }

    /// An array field whose length must be within `min..=max` (`subject`: "a single question",
    /// `noun`: ("choice", "choices")). Returns the elements unless the array is too long to be
    /// worth checking element by element.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn array<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &At<'_>,
        key: &str,
        subject: &str,
        noun: (&str, &str),
        min: usize,
        max: usize,
    ) -> Option<&'v [Value]> {
        let at = path.key(key);
        let items = match self.field(map, path, key)? {
            Value::Array(items) => items,
            other => {
                self.err(&at, format!("expected an array, found {}", describe(other)));
                return None;
            }
        };
        let n = items.len();
        if n < min || n > max {
            let (one, many) = noun;
            let range = if max == usize::MAX {
                format!("at least {}", plural(min, one, many))
            } else if n > max {
                format!("at most {}", plural(max, one, many))
            } else {
                format!("{min} to {max} {many}")
            };
            self.err(&at, format!("{subject} needs {range}, found {n}"));
        }
        (n <= max).then_some(items.as_slice())
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
            Some(k) => allowed.extend(fields(k)),
            // Without a kind, accept every kind's fields rather than flag them all.
            None => allowed.extend(Kind::ALL.iter().flat_map(|k| fields(*k))),
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

/// A known field within two edits of `key`, for "did you mean".
fn suggest(key: &str, allowed: &[&str]) -> Option<&'static str> {
    if key.chars().count() > 40 {
        return None;
    }
    let known = PACK_FIELDS
        .iter()
        .chain(COMMON_FIELDS)
        .chain(Kind::ALL.iter().flat_map(|k| fields(*k)))
        .chain(&[
            "text", "correct", "why", "answer", "category", "label", "layer", "model", "owner",
        ]);
    known
        .copied()
        .filter(|k| allowed.contains(k))
        .map(|k| (distance(key, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_format_as_before() {
        let root = At::ROOT;
        let q = root.key("questions");
        let q3 = q.index(3);
        let c = q3.key("choices");
        let c0 = c.index(0);
        assert_eq!(root.to_string(), "");
        assert_eq!(root.key("format").to_string(), "format");
        assert_eq!(q3.to_string(), "questions[3]");
        assert_eq!(c0.key("text").to_string(), "questions[3].choices[0].text");
        assert_eq!(c0.index(1).to_string(), "questions[3].choices[0][1]");
    }
}
