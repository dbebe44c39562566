//! `statements`: true facts, each with its classic false twin, for yes/no series.

use serde_json::{Map, Value};

use super::RowMeta;
use super::read;
use crate::bank::pack::check::{At, Checker};

pub const FIELDS: &[&str] = &["statements"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub meta: RowMeta,
    pub truth: String,
    /// The mistake learners really make.
    pub twin: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statements {
    pub statements: Vec<Statement>,
}

type Obj = Map<String, Value>;

pub fn read(c: &mut Checker<'_>, map: &Obj) -> Option<Statements> {
    let root = At::ROOT;
    let allowed = ["id", "objective", "source", "true", "false", "why"];
    let statements = read::rows(
        c,
        map,
        &root,
        "statements",
        (1, 400),
        &allowed,
        |c, m, p| {
            let meta = read::meta(c, m, p);
            let truth = read::text(c, m, p, "true");
            let twin = read::text(c, m, p, "false");
            let why = read::text(c, m, p, "why");
            Some(Statement {
                meta: meta?,
                truth: truth?,
                twin: twin?,
                why: why?,
            })
        },
    )?;
    Some(Statements { statements })
}
