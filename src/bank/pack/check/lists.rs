//! The lists of a question's kind-specific fields, checked element by element: objects whose
//! texts must differ (choices, statements, items, rows) and lists of distinct labels
//! (categories, columns). What each kind's lists hold is in [`super::super::kinds`].

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{At, Checker, MAX_TEXT_CHARS, describe, normalize, quote};
use crate::bank::pack::kinds::List;
use crate::bank::question::Choice;

impl Checker<'_> {
    /// The list field `list.key`, its length checked (`subject`: "a single question"). Returns
    /// the elements unless the list is too long to be worth checking element by element.
    pub(in crate::bank::pack) fn list<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &At<'_>,
        subject: &str,
        list: List,
    ) -> Option<&'v [Value]> {
        self.array(map, path, list.key, subject, list.noun, list.min, list.max)
    }

    /// A list of objects with the fields `keys` only, each read by `read` into its text (which
    /// must differ from its siblings' under the field `keys.1`) and the rest, then built by
    /// `make`. An element with a problem is left out, the problem recorded.
    #[allow(clippy::too_many_arguments)]
    pub(in crate::bank::pack) fn parts<T, X>(
        &mut self,
        map: &Map<String, Value>,
        path: &At<'_>,
        subject: &str,
        list: List,
        keys: (&[&str], &str),
        mut read: impl FnMut(&mut Self, &Map<String, Value>, &At<'_>) -> (Option<String>, Option<X>),
        make: impl Fn(String, X) -> T,
    ) -> Option<Vec<T>> {
        let at = path.key(list.key);
        let items = self.list(map, path, subject, list)?;
        let mut out = Vec::with_capacity(items.len());
        let mut seen = HashMap::new();
        for (i, v) in items.iter().enumerate() {
            let p = at.index(i);
            let Some(m) = self.object(v, &p, keys.0) else {
                continue;
            };
            let (text, rest) = read(self, m, &p);
            self.distinct(&mut seen, text.as_deref(), &at, i, keys.1, list.noun);
            if let (Some(text), Some(rest)) = (text, rest) {
                out.push(make(text, rest));
            }
        }
        Some(out)
    }

    /// `choices: [{text, correct, why}]`, texts distinct.
    pub(in crate::bank::pack) fn choices(
        &mut self,
        map: &Map<String, Value>,
        path: &At<'_>,
        subject: &str,
        list: List,
    ) -> Option<Vec<Choice>> {
        self.parts(
            map,
            path,
            subject,
            list,
            (&["text", "correct", "why"], "text"),
            |ck, m, p| {
                let text = ck.text(m, p, "text", MAX_TEXT_CHARS);
                let correct = ck.boolean(m, p, "correct");
                let why = ck.text(m, p, "why", MAX_TEXT_CHARS);
                (text, correct.zip(why))
            },
            |text, (correct, why)| Choice { text, correct, why },
        )
    }

    /// Records `text` (of element `i` of the array at `at`) and reports it when an earlier
    /// sibling has the same.
    fn distinct(
        &mut self,
        seen: &mut HashMap<String, usize>,
        text: Option<&str>,
        at: &At<'_>,
        i: usize,
        key: &str,
        (noun, list): (&str, &str),
    ) {
        let Some(text) = text else { return };
        let norm = normalize(text);
        if let Some(first) = seen.get(&norm).copied() {
            // The earlier sibling as the message names it: `choices[1]`.
            let sibling = at.index(first).to_string();
            let short = sibling.rsplit('.').next().unwrap_or(&sibling);
            self.err(
                &at.index(i).key(key),
                format!("duplicate {noun} text (same as {short}; {list} must differ)"),
            );
        } else {
            seen.insert(norm, i);
        }
    }

    /// An array of distinct, non-empty strings (categories, columns). Returns the strings even
    /// when some are invalid (so later fields can still be checked against them).
    pub(in crate::bank::pack) fn labels(
        &mut self,
        map: &Map<String, Value>,
        path: &At<'_>,
        subject: &str,
        list: List,
    ) -> Option<Vec<String>> {
        let key = list.key;
        let at = path.key(key);
        let items = self.list(map, path, subject, list)?;
        let mut out = Vec::with_capacity(items.len());
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, v) in items.iter().enumerate() {
            let p = at.index(i);
            let Value::String(s) = v else {
                self.err(&p, format!("expected a string, found {}", describe(v)));
                continue;
            };
            out.push(s.clone());
            if !self.check_text(&p, s, MAX_TEXT_CHARS) {
                continue;
            }
            if let Some(first) = seen.get(&normalize(s)) {
                self.err(
                    &p,
                    format!("duplicate {} (same as {key}[{first}])", quote(s)),
                );
                continue;
            }
            seen.insert(normalize(s), i);
        }
        // Every element must be a string for indices to line up; other problems are already
        // reported and keep the question from being built.
        (out.len() == items.len()).then_some(out)
    }
}
