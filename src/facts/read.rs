//! Field readers shared by the shapes, on top of the pack checker's.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::RowMeta;
use crate::bank::pack::check::{At, Checker, quote};
use crate::bank::pack::{MAX_TEXT_CHARS, ref_ok};

type Obj = Map<String, Value>;

fn id_ok(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len())
        && s.bytes()
            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
}

fn id(
    c: &mut Checker<'_>,
    map: &Obj,
    path: &At<'_>,
    key: &str,
    min: usize,
    max: usize,
) -> Option<String> {
    let s = c.string(map, path, key)?;
    if !id_ok(s, min, max) {
        c.err(
            &path.key(key),
            format!(
                "{} is not a valid {key}: use {min} to {max} characters of a-z, 0-9 and '-'",
                quote(s)
            ),
        );
        return None;
    }
    Some(s.to_string())
}

/// The table id: `[a-z0-9-]`, 3–40 characters.
pub fn table_id(c: &mut Checker<'_>, map: &Obj, path: &At<'_>) -> Option<String> {
    id(c, map, path, "table", 3, 40)
}

/// A row, column or service id: `[a-z0-9-]`, 2–60 characters.
pub fn row_id(c: &mut Checker<'_>, map: &Obj, path: &At<'_>) -> Option<String> {
    id(c, map, path, "id", 2, 60)
}

/// A text field (pack rules: not blank, no control characters, at most 4000 characters).
pub fn text(c: &mut Checker<'_>, map: &Obj, path: &At<'_>, key: &str) -> Option<String> {
    c.text(map, path, key, MAX_TEXT_CHARS)
}

/// An optional text field.
pub fn opt_text(
    c: &mut Checker<'_>,
    map: &Obj,
    path: &At<'_>,
    key: &str,
) -> Option<Option<String>> {
    if map.contains_key(key) {
        text(c, map, path, key).map(Some)
    } else {
        Some(None)
    }
}

/// A text that must hold each of `slots` (`{row}`, `{value}`…).
pub fn template(
    c: &mut Checker<'_>,
    map: &Obj,
    path: &At<'_>,
    key: &str,
    slots: &[&str],
) -> Option<String> {
    let s = text(c, map, path, key)?;
    for slot in slots {
        if !s.contains(slot) {
            c.err(&path.key(key), format!("must contain {slot}"));
            return None;
        }
    }
    Some(s)
}

/// `id`, `objective` and `source` of a row.
pub fn meta(c: &mut Checker<'_>, map: &Obj, path: &At<'_>) -> Option<RowMeta> {
    let id = row_id(c, map, path);
    let objective = c.objective(map, path);
    let source = match c.string(map, path, "source") {
        Some(s) if ref_ok(s) => Some(s.to_string()),
        Some(s) => {
            c.err(
                &path.key("source"),
                format!(
                    "must be the https://learn.microsoft.com/… page that states the fact, found {}",
                    quote(s)
                ),
            );
            None
        }
        None => None,
    };
    Some(RowMeta {
        id: id?,
        objective: objective?,
        source: source?,
    })
}

/// The elements of array `key` (length `min..=max`), each an object with only `allowed` keys,
/// read by `each`; row ids (`id`) must be unique. `None` if anything is wrong.
pub fn rows<T>(
    c: &mut Checker<'_>,
    map: &Obj,
    path: &At<'_>,
    key: &str,
    (min, max): (usize, usize),
    allowed: &[&str],
    mut each: impl FnMut(&mut Checker<'_>, &Obj, &At<'_>) -> Option<T>,
) -> Option<Vec<T>> {
    let items = c.array(map, path, key, "a table", ("entry", "entries"), min, max)?;
    let at = path.key(key);
    let mut out = Vec::with_capacity(items.len());
    let mut ok = (min..=max).contains(&items.len());
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, v) in items.iter().enumerate() {
        let p = at.index(i);
        let Some(obj) = c.object(v, &p, allowed) else {
            ok = false;
            continue;
        };
        if let Some(Value::String(id)) = obj.get("id")
            && let Some(first) = ids.insert(id, i)
        {
            c.err(
                &p.key("id"),
                format!("duplicate id {} (also {key}[{first}])", quote(id)),
            );
            ok = false;
        }
        match each(c, obj, &p) {
            Some(t) => out.push(t),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// An array of strings (length `min..=max`), each one of `known` and none twice or equal to
/// `not`: the near-misses and confusable terms.
#[allow(clippy::too_many_arguments)]
pub fn refs_to(
    c: &mut Checker<'_>,
    map: &Obj,
    path: &At<'_>,
    key: &str,
    (min, max): (usize, usize),
    known: &[&str],
    not: &str,
    what: &str,
) -> Option<Vec<String>> {
    let items = c.array(map, path, key, "an entry", ("id", "ids"), min, max)?;
    let at = path.key(key);
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    let mut ok = (min..=max).contains(&items.len());
    for (i, v) in items.iter().enumerate() {
        let p = at.index(i);
        let Value::String(s) = v else {
            c.err(&p, "expected a string".into());
            ok = false;
            continue;
        };
        if !known.contains(&s.as_str()) {
            c.err(
                &p,
                format!(
                    "{} names no {what} of this table (known: {})",
                    quote(s),
                    known.join(", ")
                ),
            );
            ok = false;
        } else if s == not || out.contains(s) {
            c.err(
                &p,
                format!("{} is the entry itself or listed twice", quote(s)),
            );
            ok = false;
        } else {
            out.push(s.clone());
        }
    }
    ok.then_some(out)
}
