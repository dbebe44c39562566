//! Reading one field of a parsed pack and naming what is wrong with it: a missing field, a
//! value of the wrong type, an invalid text, id or list length, an unknown field (with a "did
//! you mean").

use serde_json::{Map, Value};

use super::{
    At, COMMON_FIELDS, Checker, MAX_ERRORS, PACK_FIELDS, TextFault, describe, fields, ident_ok,
    optional_fields, plural, quote, text_fault,
};
use crate::bank::question::Kind;

impl Checker<'_> {
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

    pub(super) fn unknown_field(
        &mut self,
        path: &At<'_>,
        key: &str,
        allowed: &[&str],
        kind: Option<Kind>,
    ) {
        if self.issues.len() >= MAX_ERRORS {
            // Over the cap: count it without building a message (suggestions cost time).
            self.dropped += 1;
            return;
        }
        let other_kind = Kind::ALL
            .into_iter()
            .find(|k| fields(*k).contains(&key) || optional_fields(*k).contains(&key));
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
        .chain(Kind::ALL.iter().flat_map(|k| optional_fields(*k)))
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
