//! `tool_for_need`: a need → the one service that meets it, with the near-misses learners
//! confuse it with.

use serde_json::{Map, Value};

use super::RowMeta;
use super::read;
use crate::bank::pack::check::{At, Checker, quote};

pub const FIELDS: &[&str] = &["services", "rows"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: String,
    /// The name as a choice shows it ("Azure pricing calculator").
    pub name: String,
    /// The name as a sentence reads it ("the Azure pricing calculator", "resource locks"):
    /// `in_text` in the table, or the name.
    pub in_text: String,
    /// What it does, a verb phrase ("{in_text} {does}").
    pub does: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub meta: RowMeta,
    /// A verb phrase read after "needs to".
    pub need: String,
    /// Index into `services`.
    pub answer: usize,
    /// Indices into `services`: 2–4 other services.
    pub near_misses: Vec<usize>,
    pub why: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolForNeed {
    pub services: Vec<Service>,
    pub rows: Vec<Need>,
}

type Obj = Map<String, Value>;

pub fn read(c: &mut Checker<'_>, map: &Obj) -> Option<ToolForNeed> {
    let root = At::ROOT;
    let services = read::rows(
        c,
        map,
        &root,
        "services",
        (3, 40),
        &["id", "name", "in_text", "does"],
        |c, m, p| {
            let id = read::row_id(c, m, p);
            let name = read::text(c, m, p, "name");
            let in_text = read::opt_text(c, m, p, "in_text");
            let does = read::text(c, m, p, "does");
            let name = name?;
            Some(Service {
                id: id?,
                in_text: in_text?.unwrap_or_else(|| name.clone()),
                name,
                does: does?,
            })
        },
    )?;
    let ids: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
    let index = |id: &str| ids.iter().position(|x| *x == id);
    let allowed = [
        "id",
        "objective",
        "source",
        "need",
        "answer",
        "near_misses",
        "why",
    ];
    let rows = read::rows(c, map, &root, "rows", (1, 200), &allowed, |c, m, p| {
        let meta = read::meta(c, m, p);
        let need = read::text(c, m, p, "need");
        let why = read::opt_text(c, m, p, "why");
        let answer = c.string(m, p, "answer").map(str::to_string);
        let answer = match answer {
            Some(a) if index(&a).is_some() => Some(a),
            Some(a) => {
                c.err(
                    &p.key("answer"),
                    format!(
                        "{} names no service of this table (known: {})",
                        quote(&a),
                        ids.join(", ")
                    ),
                );
                None
            }
            None => None,
        };
        let misses = read::refs_to(
            c,
            m,
            p,
            "near_misses",
            (2, 4),
            &ids,
            answer.as_deref().unwrap_or(""),
            "service",
        );
        let near_misses = misses?.iter().filter_map(|s| index(s)).collect();
        Some(Need {
            meta: meta?,
            need: need?,
            answer: index(&answer?)?,
            near_misses,
            why: why?,
        })
    })?;
    Some(ToolForNeed { services, rows })
}
