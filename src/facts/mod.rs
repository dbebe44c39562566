//! Fact tables (`questions/facts/*.json`, format in `questions/facts/FORMAT.md`): typed tables of
//! one of five shapes, each row naming its outline objective and the Learn page that states it.
//! `bank::generate` turns each shape into questions, so a new table of a known shape needs no
//! code.
//!
//! Tables are checked with the pack checker's helpers: every problem is a [`PackError`] located
//! by file, line, column and field path.

mod definitions;
mod matrix;
mod order;
mod read;
mod statements;
mod tool_for_need;

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

pub use definitions::{Definitions, Term};
pub use matrix::{Column, Matrix, MatrixRow};
pub use order::{Order, OrderItem};
pub use statements::{Statement, Statements};
pub use tool_for_need::{Need, Service, ToolForNeed};

use crate::bank::BankError;
use crate::bank::pack::check::{At, Checker};
use crate::bank::pack::{self, PackError};
use crate::rules::Rules;

/// The fact-table format this version reads.
pub const FORMAT: u64 = 1;
/// The shapes, as named in `shape`.
pub const SHAPES: [&str; 5] = [
    "matrix",
    "tool_for_need",
    "order",
    "definitions",
    "statements",
];

include!(concat!(env!("OUT_DIR"), "/facts.rs"));

/// What every row carries: its id, objective and the Learn page that states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowMeta {
    pub id: String,
    pub objective: String,
    pub source: String,
}

/// A table's shape-specific content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Matrix(Matrix),
    ToolForNeed(ToolForNeed),
    Order(Order),
    Definitions(Definitions),
    Statements(Statements),
}

/// One validated table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The file it came from (shown in listings and errors).
    pub file: String,
    /// Its id: part of every generated question and concept id.
    pub id: String,
    pub title: String,
    pub shape: Shape,
}

impl Table {
    /// Every row's common fields, in table order.
    pub fn rows(&self) -> Vec<&RowMeta> {
        match &self.shape {
            Shape::Matrix(m) => m.rows.iter().map(|r| &r.meta).collect(),
            Shape::ToolForNeed(t) => t.rows.iter().map(|r| &r.meta).collect(),
            Shape::Order(o) => o.items.iter().map(|r| &r.meta).collect(),
            Shape::Definitions(d) => d.terms.iter().map(|r| &r.meta).collect(),
            Shape::Statements(s) => s.statements.iter().map(|r| &r.meta).collect(),
        }
    }
}

/// Parses and checks one table file.
pub fn parse_table(file: &str, text: &str, rules: &Rules) -> Result<Table, Vec<PackError>> {
    if text.len() > pack::MAX_FILE_BYTES {
        return Err(vec![PackError::whole_file(
            file.to_string(),
            "the file is too large for a fact table".into(),
        )]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (value, repeats) = match pack::json::parse(text) {
        Ok(v) => v,
        Err(e) => return Err(vec![pack::syntax_error(file, text, &e)]),
    };
    let mut c = Checker::new(rules, file);
    let table = read_table(&mut c, file, &value);
    match (pack::located(file, text, &c, repeats), table) {
        (None, Some(t)) => Ok(t),
        (Some(errors), _) => Err(errors),
        (None, None) => Err(vec![PackError::whole_file(
            file.to_string(),
            "not a valid fact table".into(),
        )]),
    }
}

fn read_table(c: &mut Checker<'_>, file: &str, v: &Value) -> Option<Table> {
    let root = At::ROOT;
    let Value::Object(map) = v else {
        c.err(&root, "a fact table is a JSON object".into());
        return None;
    };
    let shape = c.string(map, &root, "shape")?.to_string();
    let own: &[&str] = match shape.as_str() {
        "matrix" => matrix::FIELDS,
        "tool_for_need" => tool_for_need::FIELDS,
        "order" => order::FIELDS,
        "definitions" => definitions::FIELDS,
        "statements" => statements::FIELDS,
        other => {
            c.err(
                &root.key("shape"),
                format!("unknown shape {other:?} (shapes: {})", SHAPES.join(", ")),
            );
            return None;
        }
    };
    let allowed: Vec<&str> = ["format", "table", "shape", "title"]
        .iter()
        .chain(own)
        .copied()
        .collect();
    c.object(v, &root, &allowed)?;
    if let Some(f) = c.field(map, &root, "format")
        && f.as_u64() != Some(FORMAT)
    {
        c.err(&root.key("format"), format!("format must be {FORMAT}"));
        return None;
    }
    let id = read::table_id(c, map, &root);
    let title = c.text(map, &root, "title", pack::MAX_TEXT_CHARS);
    let shape = match shape.as_str() {
        "matrix" => matrix::read(c, map).map(Shape::Matrix),
        "tool_for_need" => tool_for_need::read(c, map).map(Shape::ToolForNeed),
        "order" => order::read(c, map).map(Shape::Order),
        "definitions" => definitions::read(c, map).map(Shape::Definitions),
        _ => statements::read(c, map).map(Shape::Statements),
    };
    Some(Table {
        file: file.to_string(),
        id: id?,
        title: title?,
        shape: shape?,
    })
}

/// Parses every table of `sources` (file name, text), collecting every error; table ids must
/// be unique across them.
pub fn parse_tables(
    sources: &[(String, impl AsRef<str>)],
    rules: &Rules,
) -> Result<Vec<Table>, Vec<PackError>> {
    let mut tables: Vec<Table> = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for (file, text) in sources {
        match parse_table(file, text.as_ref(), rules) {
            Ok(t) => {
                if let Some(first) = seen.insert(t.id.clone(), file.clone()) {
                    errors.push(PackError::whole_file(
                        file.clone(),
                        format!("table: duplicate table id {:?} (also in {first})", t.id),
                    ));
                } else {
                    tables.push(t);
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(tables)
    } else {
        Err(errors)
    }
}

/// The tables compiled into the binary.
pub fn embedded(rules: &Rules) -> Result<Vec<Table>, Vec<PackError>> {
    // The compiled-in texts are borrowed, not copied.
    let sources: Vec<(String, &str)> = FACTS
        .iter()
        .map(|(f, t)| (format!("facts/{f}"), *t))
        .collect();
    parse_tables(&sources, rules)
}

/// Whether a JSON text is a fact table rather than a pack: an object with `shape` and no
/// `questions`.
pub fn looks_like_table(text: &str) -> bool {
    if !text.contains("\"shape\"") {
        return false;
    }
    match serde_json::from_str::<Value>(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        Ok(Value::Object(map)) => map.contains_key("shape") && !map.contains_key("questions"),
        _ => false,
    }
}

/// The fact tables of a user packs folder: `DIR/facts/*.json`, if that folder exists.
pub fn read_user_tables(dir: &Path) -> Result<pack::FilesAndErrors, BankError> {
    let facts = dir.join("facts");
    if !facts.is_dir() {
        return Ok((Vec::new(), Vec::new()));
    }
    pack::read_pack_files_and_errors(&facts)
}

#[cfg(test)]
mod tests;
