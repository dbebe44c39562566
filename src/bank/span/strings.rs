//! JSON string bodies: skipping one in the raw text, and decoding its escapes as serde_json
//! does (the index keys object members by their decoded names).

use std::borrow::Cow;

/// From the opening quote at `i`, the offset just past the closing quote (or the end).
pub(super) fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Decodes a JSON string body (without its quotes) as serde_json would (borrowed when it has
/// no escape).
pub(super) fn decode_string(raw: Option<&str>) -> Cow<'_, str> {
    let Some(raw) = raw else {
        return Cow::Borrowed("");
    };
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hi = hex4(&mut chars);
                let code = match hi {
                    Some(h) if (0xD800..0xDC00).contains(&h) => {
                        let mut look = chars.clone();
                        let lo = match (look.next(), look.next()) {
                            (Some('\\'), Some('u')) => hex4(&mut look),
                            _ => None,
                        };
                        match lo {
                            Some(l) if (0xDC00..0xE000).contains(&l) => {
                                chars = look;
                                Some(0x10000 + ((h - 0xD800) << 10) + (l - 0xDC00))
                            }
                            _ => None,
                        }
                    }
                    other => other,
                };
                out.push(code.and_then(char::from_u32).unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Cow::Owned(out)
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.to_digit(16)?;
    }
    Some(v)
}
