//! The value rules of the pack format, each written once and applied by both paths: the full
//! checker (`check`, which names the problem) and the fast path for compiled-in packs (`typed`,
//! a yes/no). Ids, reference URLs, texts (blank, too long, forbidden characters) and the
//! comparison form used to find repeats; plus how a value is quoted in a message.

use serde_json::Value;

/// The prefix every reference URL must have.
pub const REF_PREFIX: &str = "https://learn.microsoft.com/";
const MAX_URL_CHARS: usize = 2000;

/// A value shown in a message: truncated and escaped, so hostile text cannot reach a terminal.
pub(crate) fn quote(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() > MAX {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut:?}…")
    } else {
        format!("{s:?}")
    }
}

pub(crate) fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Characters a text may not hold: control characters other than newline, and the
/// bidirectional controls that can make text display differently from what it says.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Comparison form of a text: trimmed, whitespace collapsed, lower case.
pub(crate) fn normalize(s: &str) -> String {
    if !s.is_ascii() {
        return s
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    }
    // Tidy text (single spaces between words, no other whitespace) only needs lower-casing.
    let tidy = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s
            .bytes()
            .fold(false, |any, b| any | matches!(b, b'\t'..=b'\r'));
    if tidy {
        return s.to_ascii_lowercase();
    }
    // The same result for other ASCII text, in one allocation: words copied whole, then
    // lower-cased in place. The ASCII characters `char::is_whitespace` accepts are tab, line feed, vertical
    // tab, form feed, carriage return and space; in ASCII text every byte offset is a character
    // boundary.
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !space(bytes[i]) {
            i += 1;
        }
        if start < i {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s[start..i]);
        }
    }
    out.make_ascii_lowercase();
    out
}

/// An id or concept: `[a-z0-9._-]`, 3–80 characters.
pub(crate) fn ident_ok(s: &str) -> bool {
    // Only ASCII characters pass, so bytes are characters.
    (3..=80).contains(&s.len())
        && s.bytes()
            .all(|c| matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-'))
}

/// A reference: a Microsoft Learn URL, at most [`MAX_URL_CHARS`] characters, with no whitespace
/// or [`forbidden`] character.
pub(crate) fn ref_ok(s: &str) -> bool {
    if !(s.starts_with(REF_PREFIX) && s.len() > REF_PREFIX.len()) {
        return false;
    }
    // Printable ASCII only (no space, control or DEL): one byte per character, nothing
    // forbidden. The pass has no early exit, so it compiles to vector instructions.
    if s.bytes()
        .fold(true, |ok, b| ok & (b'!'..=b'~').contains(&b))
    {
        return s.len() <= MAX_URL_CHARS;
    }
    s.chars().count() <= MAX_URL_CHARS && !s.chars().any(|c| c.is_whitespace() || forbidden(c))
}

/// What is wrong with a text, if anything: see [`text_fault`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextFault {
    /// Empty or only whitespace.
    Empty,
    /// Longer than the limit: its length in characters.
    TooLong(usize),
    /// A forbidden character and its 0-based character index.
    Forbidden(usize, char),
}

/// Checks a text's content: not blank, at most `max` characters, no [`forbidden`] character.
pub(crate) fn text_fault(s: &str, max: usize) -> Option<TextFault> {
    if s.trim().is_empty() {
        return Some(TextFault::Empty);
    }
    if s.is_ascii() {
        // One byte per character; the only forbidden ASCII characters are the controls. The
        // first pass has no early exit, so it compiles to vector instructions; texts are valid.
        if s.len() > max {
            return Some(TextFault::TooLong(s.len()));
        }
        let control = |b: u8| (b < 0x20 && b != b'\n') || b == 0x7f;
        if !s.bytes().fold(false, |any, b| any | control(b)) {
            return None;
        }
        return s
            .bytes()
            .position(control)
            .map(|i| TextFault::Forbidden(i, char::from(s.as_bytes()[i])));
    }
    let n = s.chars().count();
    if n > max {
        return Some(TextFault::TooLong(n));
    }
    s.chars()
        .enumerate()
        .find(|(_, c)| forbidden(*c))
        .map(|(i, c)| TextFault::Forbidden(i, c))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The definitions the fast paths must agree with.
    fn normalize_ref(s: &str) -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    fn text_fault_ref(s: &str, max: usize) -> Option<TextFault> {
        if s.trim().is_empty() {
            return Some(TextFault::Empty);
        }
        let n = s.chars().count();
        if n > max {
            return Some(TextFault::TooLong(n));
        }
        s.chars()
            .enumerate()
            .find(|(_, c)| forbidden(*c))
            .map(|(i, c)| TextFault::Forbidden(i, c))
    }

    fn ref_ref(s: &str) -> bool {
        s.starts_with(REF_PREFIX)
            && s.len() > REF_PREFIX.len()
            && s.chars().count() <= MAX_URL_CHARS
            && !s.chars().any(|c| c.is_whitespace() || forbidden(c))
    }

    fn ident_ref(s: &str) -> bool {
        let n = s.chars().count();
        (3..=80).contains(&n)
            && s.chars()
                .all(|c| matches!(c, 'a'..='z' | '0'..='9' | '.' | '_' | '-'))
    }

    proptest! {
        #[test]
        fn normalize_and_text_fault_agree_with_their_definitions(
            s in "(?s)[ a-zA-Z\t\n\r\u{b}\u{c}\u{0}\u{1c}\u{1f}\u{7f}\u{85}\u{a0}\u{202e}ΣσÉé.]{0,40}",
            max in 0usize..50,
        ) {
            prop_assert_eq!(normalize(&s), normalize_ref(&s));
            prop_assert_eq!(text_fault(&s, max), text_fault_ref(&s, max));
            prop_assert_eq!(ident_ok(&s), ident_ref(&s));
        }

        #[test]
        fn refs_agree_with_their_definition(
            tail in "(?s)[a-z/ \t\n\u{b}\u{0}\u{1f}\u{7f}\u{85}\u{a0}\u{2003}\u{202e}é]{0,12}",
            long in 0usize..3,
        ) {
            let pad = [String::new(), "a".repeat(1990), "é".repeat(1990)];
            let s = format!("{REF_PREFIX}{}{tail}", pad[long]);
            prop_assert_eq!(ref_ok(&s), ref_ref(&s));
            prop_assert_eq!(ref_ok(&tail), ref_ref(&tail));
        }

        #[test]
        fn ids_agree_with_their_definition(s in "[a-z0-9._\\-é A]{0,90}") {
            prop_assert_eq!(ident_ok(&s), ident_ref(&s));
        }

        #[test]
        fn normalize_and_text_fault_agree_on_any_text(s in any::<String>(), max in 0usize..50) {
            prop_assert_eq!(normalize(&s), normalize_ref(&s));
            prop_assert_eq!(text_fault(&s, max), text_fault_ref(&s, max));
        }
    }
}
