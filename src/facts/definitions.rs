//! `definitions`: terms and the confusable terms next to them (high availability vs
//! scalability vs elasticity; CapEx vs OpEx).

use serde_json::{Map, Value};

use super::RowMeta;
use super::read;
use crate::bank::pack::check::{At, Checker};

pub const FIELDS: &[&str] = &["subject", "terms"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub meta: RowMeta,
    pub name: String,
    /// A noun phrase read after "{name} means".
    pub definition: String,
    /// 0–4 scenarios that show this term and not the others.
    pub examples: Vec<String>,
    /// Indices of 2–4 other terms.
    pub confused_with: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definitions {
    pub subject: String,
    pub terms: Vec<Term>,
}

type Obj = Map<String, Value>;

pub fn read(c: &mut Checker<'_>, map: &Obj) -> Option<Definitions> {
    let root = At::ROOT;
    let subject = read::text(c, map, &root, "subject");
    // Term ids first, so `confused_with` can name a later term.
    let ids: Vec<String> = match map.get("terms") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|t| t.get("id").and_then(Value::as_str).map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    let known: Vec<&str> = ids.iter().map(String::as_str).collect();
    let allowed = [
        "id",
        "name",
        "objective",
        "source",
        "definition",
        "examples",
        "confused_with",
    ];
    let terms = read::rows(c, map, &root, "terms", (3, 40), &allowed, |c, m, p| {
        let meta = read::meta(c, m, p);
        let name = read::text(c, m, p, "name");
        let definition = read::text(c, m, p, "definition");
        let examples = examples(c, m, p);
        let own = meta.as_ref().map_or("", |x| x.id.as_str());
        let confused = read::refs_to(c, m, p, "confused_with", (2, 4), &known, own, "term");
        let confused_with = confused?
            .iter()
            .filter_map(|s| known.iter().position(|k| k == s))
            .collect();
        Some(Term {
            meta: meta?,
            name: name?,
            definition: definition?,
            examples: examples?,
            confused_with,
        })
    });
    Some(Definitions {
        subject: subject?,
        terms: terms?,
    })
}

fn examples(c: &mut Checker<'_>, m: &Obj, p: &At<'_>) -> Option<Vec<String>> {
    if !m.contains_key("examples") {
        return Some(Vec::new());
    }
    let items = c.array(m, p, "examples", "a term", ("example", "examples"), 0, 4)?;
    let at = p.key("examples");
    let mut out = Vec::new();
    for (i, v) in items.iter().enumerate() {
        match v {
            Value::String(s)
                if c.check_text(&at.index(i), s, crate::bank::pack::MAX_TEXT_CHARS) =>
            {
                out.push(s.clone())
            }
            Value::String(_) => return None,
            _ => {
                c.err(&at.index(i), "expected a string".into());
                return None;
            }
        }
    }
    Some(out)
}
