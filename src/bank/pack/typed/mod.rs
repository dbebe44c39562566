//! The fast path for packs expected to be valid (the compiled-in ones): the text is deserialized
//! straight into typed structs, each string allocated once and moved into the question, and every
//! rule of [`super::check`] is applied as a yes/no test; the value rules (ids, references, texts)
//! are the same functions, in [`super::values`]. Nothing here reports a problem: a syntax error,
//! an unknown or repeated field, a value of the wrong type or any failed rule makes [`parse`]
//! give up (`None`), and the caller runs the full checker, which names every problem with its
//! position and path.
//!
//! So [`super::parse_embedded_pack`] returns exactly what [`super::parse_pack`] returns, for any
//! text; the tests hold the two to that (on the compiled-in packs, the fixtures and mutations of
//! them).

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::kinds::{List, fields, optional_fields, read, stem};
use super::values::{ident_ok, normalize, ref_ok, text_fault};
use super::{FORMAT, MAX_FILE_BYTES, MAX_PROMPT_CHARS, MAX_QUESTIONS, MAX_TEXT_CHARS};
use crate::bank::question::{CellRef, Kind, Question, Source};
use crate::rules::{Model, Owner, Rules};

/// A JSON object deserialized as `T`. serde_json also fills a struct from an array of its
/// fields in order; the checker calls that an error, so this accepts objects only.
pub(super) struct Obj<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjVisitor<T> {
            type Value = Obj<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Obj<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Obj)
            }
        }
        deserializer.deserialize_map(ObjVisitor(PhantomData))
    }
}

/// For optional fields: absent is `None`, but `null` is a wrong type (as the checker has it),
/// not an absent field.
pub(super) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack<'a> {
    format: u64,
    pack: String,
    #[serde(default, deserialize_with = "present")]
    title: Option<String>,
    #[serde(borrow)]
    questions: Vec<Obj<RawQuestion<'a>>>,
}

/// Every field any kind may have; which ones a question must (and may) have depends on its
/// kind, checked in [`super::kinds::read`]. A kind that brings a field no kind had adds it here
/// and in [`KindFields`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion<'a> {
    id: String,
    concept: String,
    #[serde(default, deserialize_with = "present")]
    objective: Option<String>,
    #[serde(default, deserialize_with = "present")]
    topic: Option<String>,
    /// Borrowed from the text unless it has an escape: only compared.
    #[serde(borrow)]
    kind: Cow<'a, str>,
    prompt: String,
    explanation: String,
    refs: Vec<String>,
    #[serde(default, deserialize_with = "present")]
    #[serde(borrow)]
    cells: Option<Vec<Obj<RawCell<'a>>>>,
    #[serde(default, deserialize_with = "present")]
    choices: Option<Vec<Obj<RawChoice>>>,
    #[serde(default, deserialize_with = "present")]
    statements: Option<Vec<Obj<RawStatement>>>,
    #[serde(default, deserialize_with = "present")]
    sentence: Option<String>,
    #[serde(default, deserialize_with = "present")]
    categories: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    items: Option<Vec<Obj<RawItem>>>,
    #[serde(default, deserialize_with = "present")]
    columns: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    rows: Option<Vec<Obj<RawRow>>>,
    #[serde(default, deserialize_with = "present")]
    answer: Option<Vec<[u64; 2]>>,
    #[serde(default, deserialize_with = "present")]
    one_per_row: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCell<'a> {
    layer: String,
    #[serde(borrow)]
    model: Cow<'a, str>,
    #[serde(borrow)]
    owner: Cow<'a, str>,
}

/// The kind-specific fields of a question, as the fast path reads them.
pub(in crate::bank::pack) struct KindFields {
    pub choices: Option<Vec<Obj<RawChoice>>>,
    pub statements: Option<Vec<Obj<RawStatement>>>,
    pub sentence: Option<String>,
    pub categories: Option<Vec<String>>,
    pub items: Option<Vec<Obj<RawItem>>>,
    pub columns: Option<Vec<String>>,
    pub rows: Option<Vec<Obj<RawRow>>>,
    pub answer: Option<Vec<[u64; 2]>>,
    /// Optional ([`super::kinds::optional_fields`]).
    pub one_per_row: Option<bool>,
}

impl KindFields {
    /// Exactly the fields of `kind` are given.
    pub(in crate::bank::pack) fn are_those_of(&self, kind: Kind) -> bool {
        let given = [
            ("choices", self.choices.is_some()),
            ("statements", self.statements.is_some()),
            ("sentence", self.sentence.is_some()),
            ("categories", self.categories.is_some()),
            ("items", self.items.is_some()),
            ("columns", self.columns.is_some()),
            ("rows", self.rows.is_some()),
            ("answer", self.answer.is_some()),
        ];
        let wanted = fields(kind);
        let optional = [("one_per_row", self.one_per_row.is_some())];
        given.iter().all(|(f, g)| *g == wanted.contains(f))
            && optional
                .iter()
                .all(|(f, g)| !*g || optional_fields(kind).contains(f))
    }

    /// The texts of field `key` (see [`super::kinds::stem`]).
    fn texts(&self, key: &str) -> Vec<&str> {
        fn of<T>(v: Option<&Vec<T>>, text: impl Fn(&T) -> &str) -> Vec<&str> {
            v.map(|xs| xs.iter().map(text).collect())
                .unwrap_or_default()
        }
        match key {
            "sentence" => self.sentence.iter().map(String::as_str).collect(),
            "statements" => of(self.statements.as_ref(), |Obj(s)| s.text.as_str()),
            "categories" => of(self.categories.as_ref(), String::as_str),
            "items" => of(self.items.as_ref(), |Obj(i)| i.text.as_str()),
            "columns" => of(self.columns.as_ref(), String::as_str),
            "rows" => of(self.rows.as_ref(), |Obj(r)| r.label.as_str()),
            _ => Vec::new(),
        }
    }

    /// The kind-specific text that identifies a question of `kind` with its prompt ([`super::kinds::stem`]),
    /// as the full check builds it from the parsed JSON.
    pub(in crate::bank::pack) fn stem(&self, kind: Kind) -> String {
        stem(kind)
            .0
            .iter()
            .map(|t| {
                self.texts(t.key())
                    .into_iter()
                    .map(normalize)
                    .collect::<Vec<_>>()
                    .join("\u{1}")
            })
            .collect::<Vec<_>>()
            .join("\u{2}")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::bank::pack) struct RawChoice {
    pub text: String,
    pub correct: bool,
    pub why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::bank::pack) struct RawStatement {
    pub text: String,
    pub answer: bool,
    pub why: String,
}

/// An item of a `match` (with `category`) or an `order` question (without).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::bank::pack) struct RawItem {
    pub text: String,
    #[serde(default, deserialize_with = "present")]
    pub category: Option<String>,
    pub why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::bank::pack) struct RawRow {
    pub label: String,
    pub why: String,
}

/// The questions of a valid pack, or `None` when anything is wrong (or merely unusual, such as a
/// byte-order mark): the caller then runs the full check.
pub fn parse(file: &str, text: &str, rules: &Rules) -> Option<Vec<Question>> {
    if text.len() > MAX_FILE_BYTES {
        return None;
    }
    let Obj(raw) = serde_json::from_str::<Obj<RawPack>>(text).ok()?;
    let ok = raw.format == FORMAT
        && ident_ok(&raw.pack)
        && raw
            .title
            .as_deref()
            .is_none_or(|t| text_ok(t, MAX_TEXT_CHARS))
        && (1..=MAX_QUESTIONS).contains(&raw.questions.len());
    if !ok {
        return None;
    }
    let mut questions = Vec::with_capacity(raw.questions.len());
    let mut ids: HashSet<&str> = HashSet::with_capacity(raw.questions.len());
    let mut prompts: HashSet<String> = HashSet::with_capacity(raw.questions.len());
    let source = Source::Pack {
        file: file.to_string(),
    };
    for Obj(q) in raw.questions {
        let (q, key) = question(q, rules, &source)?;
        if !prompts.insert(key) {
            return None;
        }
        questions.push(q);
    }
    for q in &questions {
        if !ids.insert(q.id.as_str()) {
            return None;
        }
    }
    Some(questions)
}

pub(super) fn text_ok(s: &str, max: usize) -> bool {
    text_fault(s, max).is_none()
}

/// The question, and what makes two questions of a pack the same question: the prompt plus
/// the kind-specific text (as the checker's `stem` builds it from the parsed JSON).
fn question(q: RawQuestion<'_>, rules: &Rules, source: &Source) -> Option<(Question, String)> {
    let ok = ident_ok(&q.id)
        && ident_ok(&q.concept)
        && text_ok(&q.prompt, MAX_PROMPT_CHARS)
        && text_ok(&q.explanation, MAX_TEXT_CHARS)
        && !q.refs.is_empty()
        && q.refs.iter().all(|r| ref_ok(r));
    if !ok {
        return None;
    }
    let cells = match q.cells {
        None => Vec::new(),
        Some(cells) => cells
            .into_iter()
            .map(|Obj(c)| cell(c, rules))
            .collect::<Option<Vec<_>>>()?,
    };
    let (objective, topic) = placement(q.objective, q.topic, rules)?;
    let kind = Kind::from_id(&q.kind)?;
    let fields = KindFields {
        choices: q.choices,
        statements: q.statements,
        sentence: q.sentence,
        categories: q.categories,
        items: q.items,
        columns: q.columns,
        rows: q.rows,
        answer: q.answer,
        one_per_row: q.one_per_row,
    };
    let mut key = normalize(&q.prompt);
    key.push('\u{0}');
    key.push_str(&fields.stem(kind));
    let body = read(kind, fields)?;
    let question = Question {
        id: q.id,
        concept: q.concept,
        objective,
        topic,
        prompt: q.prompt,
        body,
        explanation: q.explanation,
        refs: q.refs,
        cells,
        source: source.clone(),
        confusable: None,
    };
    Some((question, key))
}

/// `(objective, topic)` as the full check resolves them (`check::Checker::placement`).
fn placement(
    objective: Option<String>,
    topic: Option<String>,
    rules: &Rules,
) -> Option<(String, String)> {
    if let Some(o) = &objective {
        rules.outline.objective(o)?;
    }
    if let Some(t) = &topic {
        rules.topic(t)?;
    }
    match (objective, topic) {
        (Some(o), Some(t)) => Some((o, t)),
        (Some(o), None) => {
            let group = rules.outline.group_of(&o)?.to_string();
            Some((o, group))
        }
        (None, Some(t)) => Some((rules.topic(&t)?.objective.clone(), t)),
        (None, None) => None,
    }
}

fn cell(c: RawCell<'_>, rules: &Rules) -> Option<CellRef> {
    rules.layer(&c.layer)?;
    let model = Model::from_id(&c.model)?;
    let owner = match &*c.owner {
        "disputed" => None,
        o => Some(Owner::from_id(o)?),
    };
    Some(CellRef {
        layer: c.layer,
        model,
        owner,
    })
}

/// Parts of a question (choices, statements, items, rows) whose text and why (`text`) are
/// valid and whose texts differ, as many as `list` holds, each built by `make` (which may
/// refuse it).
pub(super) fn parts<R, T>(
    raw: Vec<Obj<R>>,
    list: List,
    text: impl Fn(&R) -> (&str, &str),
    make: impl Fn(R) -> Option<T>,
) -> Option<Vec<T>> {
    if !list.holds(raw.len()) {
        return None;
    }
    let mut seen = Distinct::default();
    raw.into_iter()
        .map(|Obj(r)| {
            let (t, why) = text(&r);
            if seen.part(t, why) { make(r) } else { None }
        })
        .collect()
}

/// Valid, distinct strings (categories, columns), as many as `list` holds.
pub(super) fn labels(items: Vec<String>, list: List) -> Option<Vec<String>> {
    let mut seen = Distinct::default();
    let ok = list.holds(items.len())
        && items
            .iter()
            .all(|s| text_ok(s, MAX_TEXT_CHARS) && seen.first(s));
    ok.then_some(items)
}

/// Texts seen so far in one list, compared as the checker compares them ([`normalize`]). Lists
/// hold at most 12 texts, so a linear search beats hashing.
#[derive(Default)]
pub(super) struct Distinct(Vec<String>);

impl Distinct {
    /// A part of a question (choice, statement, item, row): its text and why are valid texts
    /// and no earlier text of the list reads the same.
    pub(super) fn part(&mut self, text: &str, why: &str) -> bool {
        text_ok(text, MAX_TEXT_CHARS) && text_ok(why, MAX_TEXT_CHARS) && self.first(text)
    }

    /// True when no earlier text of the list reads the same.
    fn first(&mut self, text: &str) -> bool {
        let norm = normalize(text);
        if self.0.contains(&norm) {
            return false;
        }
        self.0.push(norm);
        true
    }
}

#[cfg(test)]
mod tests;
