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

use super::values::{ident_ok, normalize, ref_ok, text_fault};
use super::{FORMAT, MAX_FILE_BYTES, MAX_PROMPT_CHARS, MAX_QUESTIONS, MAX_TEXT_CHARS};
use crate::bank::question::{
    Body, CellRef, Choice, HotRow, Kind, MatchItem, OrderItem, Question, Source, Statement,
};
use crate::rules::{Model, Owner, Rules};

/// A JSON object deserialized as `T`. serde_json also fills a struct from an array of its
/// fields in order; the checker calls that an error, so this accepts objects only.
struct Obj<T>(T);

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
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
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
/// kind, checked in [`body`].
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    text: String,
    correct: bool,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatement {
    text: String,
    answer: bool,
    why: String,
}

/// An item of a `match` (with `category`) or an `order` question (without).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    text: String,
    #[serde(default, deserialize_with = "present")]
    category: Option<String>,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    label: String,
    why: String,
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
        let q = question(q, rules, &source)?;
        if !prompts.insert(prompt_key(&q)) {
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

fn text_ok(s: &str, max: usize) -> bool {
    text_fault(s, max).is_none()
}

fn question(q: RawQuestion<'_>, rules: &Rules, source: &Source) -> Option<Question> {
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
    let body = body(
        kind,
        KindFields {
            choices: q.choices,
            statements: q.statements,
            sentence: q.sentence,
            categories: q.categories,
            items: q.items,
            columns: q.columns,
            rows: q.rows,
            answer: q.answer,
        },
    )?;
    Some(Question {
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
    })
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

/// The kind-specific fields of a question, as given.
struct KindFields {
    choices: Option<Vec<Obj<RawChoice>>>,
    statements: Option<Vec<Obj<RawStatement>>>,
    sentence: Option<String>,
    categories: Option<Vec<String>>,
    items: Option<Vec<Obj<RawItem>>>,
    columns: Option<Vec<String>>,
    rows: Option<Vec<Obj<RawRow>>>,
    answer: Option<Vec<[u64; 2]>>,
}

impl KindFields {
    /// Which fields are given, in the order of [`Kind`]'s field lists.
    fn given(&self) -> [bool; 8] {
        [
            self.choices.is_some(),
            self.statements.is_some(),
            self.sentence.is_some(),
            self.categories.is_some(),
            self.items.is_some(),
            self.columns.is_some(),
            self.rows.is_some(),
            self.answer.is_some(),
        ]
    }
}

/// The fields each kind has (all required, no others allowed), in [`KindFields::given`]'s order:
/// choices, statements, sentence, categories, items, columns, rows, answer.
fn wanted(kind: Kind) -> [bool; 8] {
    let (c, st, se, ca, i, co, r, a) = match kind {
        Kind::Single | Kind::Multi => (1, 0, 0, 0, 0, 0, 0, 0),
        Kind::YesNo => (0, 1, 0, 0, 0, 0, 0, 0),
        Kind::Dropdown => (1, 0, 1, 0, 0, 0, 0, 0),
        Kind::Match => (0, 0, 0, 1, 1, 0, 0, 0),
        Kind::Order => (0, 0, 0, 0, 1, 0, 0, 0),
        Kind::HotArea => (0, 0, 0, 0, 0, 1, 1, 1),
    };
    [c, st, se, ca, i, co, r, a].map(|x| x == 1)
}

#[allow(clippy::too_many_lines)] // one short arm per question kind: the kind table in one place
fn body(kind: Kind, f: KindFields) -> Option<Body> {
    if f.given() != wanted(kind) {
        return None;
    }
    match kind {
        Kind::Single => {
            let choices = choices(f.choices?, 2)?;
            (correct(&choices) == 1).then_some(Body::Single { choices })
        }
        Kind::Multi => {
            let choices = choices(f.choices?, 3)?;
            let right = correct(&choices);
            (right >= 2 && right != choices.len()).then_some(Body::Multi { choices })
        }
        Kind::Dropdown => {
            let sentence = f.sentence?;
            let ok = text_ok(&sentence, MAX_TEXT_CHARS) && sentence.matches("___").count() == 1;
            let choices = choices(f.choices?, 2)?;
            (ok && correct(&choices) == 1).then_some(Body::Dropdown { sentence, choices })
        }
        Kind::YesNo => {
            let items = f.statements?;
            if !(1..=12).contains(&items.len()) {
                return None;
            }
            let mut seen = Distinct::default();
            let statements = items
                .into_iter()
                .map(|Obj(s)| {
                    let ok = seen.part(&s.text, &s.why);
                    ok.then_some(Statement {
                        text: s.text,
                        answer: s.answer,
                        why: s.why,
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Body::YesNo { statements })
        }
        Kind::Match => {
            let categories = labels(f.categories?, 2, 6)?;
            let items = f.items?;
            if !(2..=12).contains(&items.len()) {
                return None;
            }
            let mut seen = Distinct::default();
            let items = items
                .into_iter()
                .map(|Obj(item)| {
                    let category = categories
                        .iter()
                        .position(|c| Some(c) == item.category.as_ref())?;
                    let ok = seen.part(&item.text, &item.why);
                    ok.then_some(MatchItem {
                        text: item.text,
                        category,
                        why: item.why,
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Body::Match { categories, items })
        }
        Kind::Order => {
            let items = f.items?;
            if !(2..=12).contains(&items.len()) {
                return None;
            }
            let mut seen = Distinct::default();
            let items = items
                .into_iter()
                .map(|Obj(item)| {
                    let ok = item.category.is_none() && seen.part(&item.text, &item.why);
                    ok.then_some(OrderItem {
                        text: item.text,
                        why: item.why,
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Body::Order { items })
        }
        Kind::HotArea => {
            let columns = labels(f.columns?, 1, 8)?;
            let rows = f.rows?;
            if !(1..=12).contains(&rows.len()) {
                return None;
            }
            let mut seen = Distinct::default();
            let rows = rows
                .into_iter()
                .map(|Obj(row)| {
                    let ok = seen.part(&row.label, &row.why);
                    ok.then_some(HotRow {
                        label: row.label,
                        why: row.why,
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            let cells = f.answer?;
            if !(1..=12 * 8).contains(&cells.len()) {
                return None;
            }
            let mut answer: Vec<(usize, usize)> = Vec::with_capacity(cells.len());
            for [r, c] in cells {
                let (r, c) = (usize::try_from(r).ok()?, usize::try_from(c).ok()?);
                if r >= rows.len() || c >= columns.len() || answer.contains(&(r, c)) {
                    return None;
                }
                answer.push((r, c));
            }
            answer.sort_unstable();
            Some(Body::HotArea {
                columns,
                rows,
                answer,
            })
        }
    }
}

/// `min..=12` choices with valid, distinct texts.
fn choices(items: Vec<Obj<RawChoice>>, min: usize) -> Option<Vec<Choice>> {
    if !(min..=12).contains(&items.len()) {
        return None;
    }
    let mut seen = Distinct::default();
    items
        .into_iter()
        .map(|Obj(c)| {
            let ok = seen.part(&c.text, &c.why);
            ok.then_some(Choice {
                text: c.text,
                correct: c.correct,
                why: c.why,
            })
        })
        .collect()
}

fn correct(choices: &[Choice]) -> usize {
    choices.iter().filter(|c| c.correct).count()
}

/// `min..=max` valid, distinct strings (categories, columns).
fn labels(items: Vec<String>, min: usize, max: usize) -> Option<Vec<String>> {
    let mut seen = Distinct::default();
    let ok = (min..=max).contains(&items.len())
        && items
            .iter()
            .all(|s| text_ok(s, MAX_TEXT_CHARS) && seen.first(s));
    ok.then_some(items)
}

/// Texts seen so far in one list, compared as the checker compares them ([`normalize`]). Lists
/// hold at most 12 texts, so a linear search beats hashing.
#[derive(Default)]
struct Distinct(Vec<String>);

impl Distinct {
    /// A part of a question (choice, statement, item, row): its text and why are valid texts
    /// and no earlier text of the list reads the same.
    fn part(&mut self, text: &str, why: &str) -> bool {
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

/// What makes two questions of a pack the same question: the prompt plus the kind-specific text
/// (as the checker's `stem` builds it from the parsed JSON).
fn prompt_key(q: &Question) -> String {
    let join = |texts: &mut dyn Iterator<Item = &String>| -> String {
        texts
            .map(|t| normalize(t))
            .collect::<Vec<_>>()
            .join("\u{1}")
    };
    let stem = match &q.body {
        Body::Single { .. } | Body::Multi { .. } => String::new(),
        Body::Dropdown { sentence, .. } => normalize(sentence),
        Body::YesNo { statements } => join(&mut statements.iter().map(|s| &s.text)),
        Body::Match { categories, items } => format!(
            "{}\u{2}{}",
            join(&mut categories.iter()),
            join(&mut items.iter().map(|i| &i.text))
        ),
        Body::Order { items } => join(&mut items.iter().map(|i| &i.text)),
        Body::HotArea { columns, rows, .. } => format!(
            "{}\u{2}{}",
            join(&mut columns.iter()),
            join(&mut rows.iter().map(|r| &r.label))
        ),
    };
    let mut key = normalize(&q.prompt);
    key.push('\u{0}');
    key.push_str(&stem);
    key
}

#[cfg(test)]
mod tests;
