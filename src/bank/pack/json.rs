//! A JSON text parsed into a `serde_json::Value` exactly as `serde_json::from_str` parses it,
//! telling on the way whether any object repeats a key (a `Value` keeps only the last, so the
//! repeat is gone once parsed). When none does and the checker found nothing, a valid pack or
//! table skips the text scan ([`super::located`]) that would find the same thing: no repeat.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// The value of `text`, and whether some object of it repeats a key (keys compared decoded,
/// as the text scan compares them). Errors are `serde_json::from_str`'s, the same ones.
pub(crate) fn parse(text: &str) -> Result<(Value, bool), serde_json::Error> {
    let repeats = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed(&repeats).deserialize(&mut de)?;
    de.end()?;
    Ok((value, repeats.get()))
}

/// Builds a `Value` as serde_json's own `Deserialize` does, setting the flag on a repeated key.
#[derive(Clone, Copy)]
struct Seed<'f>(&'f Cell<bool>);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(self)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self)?;
            if out.insert(key, value).is_some() {
                self.0.set(true);
            }
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::bank::span::SpanIndex;

    /// The value and the errors are serde_json's; the flag is the text scan's verdict.
    fn agrees(text: &str) {
        let ours = parse(text);
        let theirs = serde_json::from_str::<Value>(text);
        match (&ours, &theirs) {
            (Ok((v, repeats)), Ok(w)) => {
                assert_eq!(v, w, "{text}");
                let scan = !SpanIndex::for_paths(text, []).duplicates().is_empty();
                assert_eq!(*repeats, scan, "{text}");
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text}"),
            _ => panic!("{text}: {ours:?} / {theirs:?}"),
        }
    }

    #[test]
    fn values_errors_and_repeats_agree_with_serde_json_and_the_text_scan() {
        for text in [
            r#"{"a": 1, "b": [true, null, -2, 3.5, 1e400, "x"], "c": {"d": {}}}"#,
            r#"{"a": 1, "a": 2}"#,
            r#"{"a": {"b": 1, "c": {"b": 2}}, "d": [{"e": 1}, {"e": 2}]}"#,
            r#"{"a": [{"e": 1, "f": 2, "e": 3}]}"#,
            r#"{"a": 1, "\u0061": 2}"#,
            r#"{"\ud83d\ude00": 1, "😀": 2}"#,
            r#"{"\ud800": 1, "\ud801": 2}"#,
            r#"{"\udc00": 1}"#,
            r#"{"a\"b": 1, "a\u0022b": 2}"#,
            r#"{"a": 1,}"#,
            r#"{"a" 1}"#,
            r#"[1, 2"#,
            r#"{"a": 1} x"#,
            "",
            "18446744073709551616",
            "-0",
        ] {
            agrees(text);
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        agrees(&deep);
    }

    #[test]
    fn a_repeat_anywhere_is_told() {
        assert!(!parse(r#"{"a": {"b": 1}, "b": {"a": 1}}"#).unwrap().1);
        assert!(parse(r#"[[{"x": [{"y": 1, "y": 1}]}]]"#).unwrap().1);
    }
}
