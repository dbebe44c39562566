//! A small JSON position index: one pass over a pack's text that records where each value (and
//! each object member's key) starts, keyed by field path (`questions[3].choices`), so validation
//! errors found on a parsed `serde_json::Value` can name a line and column.
//!
//! The scanner is iterative (no recursion), never indexes out of bounds and accepts any input:
//! on malformed text it records what it can and stops at the end.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// Nesting depth past which the scanner stops (serde_json's own limit is 128).
pub const MAX_DEPTH: usize = 256;
/// Most repeated keys recorded.
pub const MAX_DUPLICATES: usize = 1000;

/// Where one value starts in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the value's first character.
    pub value: usize,
    /// Byte offset of the opening quote of the member's key (object members only).
    pub key: Option<usize>,
}

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// A key that repeats an earlier key of the same object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    /// Path of the object.
    pub object: String,
    pub key: String,
    /// Byte offset of the repeated key's opening quote.
    pub offset: usize,
}

/// Positions of the values of one JSON text (all of them, or those asked for), by field path.
#[derive(Debug)]
pub struct SpanIndex<'a> {
    text: &'a str,
    spans: HashMap<String, Span>,
    duplicates: Vec<Repeat>,
    /// Byte offsets of line starts, found on first use (only errors need them).
    line_starts: OnceCell<Vec<usize>>,
}

enum Frame<'a> {
    /// An object: the length of its path and the keys seen so far in it.
    Object { base: usize, keys: Keys<'a> },
    /// An array: the length of its path and the index of the element being read.
    Array { base: usize, n: usize },
}

impl Frame<'_> {
    /// The length of the container's own path.
    fn base(&self) -> usize {
        match self {
            Frame::Object { base, .. } | Frame::Array { base, .. } => *base,
        }
    }
}

/// The keys seen so far in one object: a list while short (objects in packs have a handful of
/// members), a hash set once long (hostile input can have any number).
#[derive(Default)]
struct Keys<'a> {
    few: Vec<Cow<'a, str>>,
    many: HashSet<Cow<'a, str>>,
}

impl<'a> Keys<'a> {
    const FEW: usize = 16;

    fn contains(&self, key: &str) -> bool {
        if self.many.is_empty() {
            self.few.iter().any(|k| k == key)
        } else {
            self.many.contains(key)
        }
    }

    fn insert(&mut self, key: Cow<'a, str>) {
        if self.many.is_empty() && self.few.len() < Self::FEW {
            self.few.push(key);
        } else {
            self.many.extend(self.few.drain(..));
            self.many.insert(key);
        }
    }
}

/// Which values' positions to record.
enum Wanted<'w> {
    All,
    Some(&'w HashSet<String>),
    None,
}

impl Wanted<'_> {
    fn includes(&self, path: &str) -> bool {
        match self {
            Wanted::All => true,
            Wanted::Some(w) => w.contains(path),
            Wanted::None => false,
        }
    }
}

impl<'a> SpanIndex<'a> {
    /// Scans `text` once, recording every value.
    pub fn new(text: &'a str) -> SpanIndex<'a> {
        SpanIndex::scan_text(text, None)
    }

    /// Scans `text` once, recording only the values at `paths` and at their ancestors (what
    /// [`SpanIndex::locate`] needs), so memory stays small however large the text is.
    pub fn for_paths<'p>(text: &'a str, paths: impl IntoIterator<Item = &'p str>) -> SpanIndex<'a> {
        let mut wanted = HashSet::new();
        for path in paths {
            let mut p = Some(path);
            while let Some(here) = p {
                if !wanted.insert(here.to_string()) {
                    break;
                }
                p = parent(here);
            }
        }
        SpanIndex::scan_text(text, Some(&wanted))
    }

    fn scan_text(text: &'a str, wanted: Option<&HashSet<String>>) -> SpanIndex<'a> {
        let mut index = SpanIndex {
            text,
            spans: HashMap::new(),
            duplicates: Vec::new(),
            line_starts: OnceCell::new(),
        };
        index.scan(wanted);
        index
    }

    fn scan(&mut self, wanted: Option<&HashSet<String>>) {
        let text = self.text;
        let b = text.as_bytes();
        // Nothing wanted (a pack without problems): only repeated keys are looked for.
        let wanted = match wanted {
            Some(w) if w.is_empty() => Wanted::None,
            Some(w) => Wanted::Some(w),
            None => Wanted::All,
        };
        let mut i = 0;
        let mut stack: Vec<Frame<'a>> = Vec::new();
        // The path of the value being read or expected next: one buffer, cut back to a
        // container's own path when it gets its next member and when it closes.
        let mut path = String::new();
        // When a value is expected: the offset of its member's key, if it has one.
        let mut pending: Option<Option<usize>> = Some(None);
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if stack.len() > MAX_DEPTH {
                // Deeper than any pack can be (serde_json stops at 128): paths would grow
                // quadratically, so stop recording.
                break;
            }
            if let Some(key) = pending.take() {
                if c == b']' {
                    // An empty array: no first element after all.
                    if let Some(frame) = stack.pop() {
                        path.truncate(frame.base());
                    }
                    i += 1;
                    continue;
                }
                if wanted.includes(&path) {
                    self.spans.insert(path.clone(), Span { value: i, key });
                }
                match c {
                    b'{' => {
                        stack.push(Frame::Object {
                            base: path.len(),
                            keys: Keys::default(),
                        });
                        i += 1;
                    }
                    b'[' => {
                        stack.push(Frame::Array {
                            base: path.len(),
                            n: 0,
                        });
                        path.push_str("[0]");
                        pending = Some(None);
                        i += 1;
                    }
                    b'"' => i = skip_string(b, i),
                    _ => {
                        while i < b.len()
                            && !matches!(b[i], b',' | b']' | b'}' | b':' | b'"')
                            && !b[i].is_ascii_whitespace()
                        {
                            i += 1;
                        }
                    }
                }
                continue;
            }
            match (c, stack.last_mut()) {
                (b',', Some(Frame::Array { base, n })) => {
                    *n += 1;
                    path.truncate(*base);
                    // Writing to a String cannot fail.
                    let _ = write!(path, "[{n}]");
                    pending = Some(None);
                    i += 1;
                }
                (b'"', Some(Frame::Object { base, keys })) => {
                    let key_at = i;
                    let end = skip_string(b, i);
                    let key = decode_string(text.get(i + 1..end.saturating_sub(1)));
                    path.truncate(*base);
                    if *base > 0 {
                        path.push('.');
                    }
                    path.push_str(&key);
                    if keys.contains(&key) {
                        if self.duplicates.len() < MAX_DUPLICATES {
                            self.duplicates.push(Repeat {
                                object: path[..*base].to_string(),
                                key: key.into_owned(),
                                offset: key_at,
                            });
                        }
                    } else {
                        keys.insert(key);
                    }
                    i = end;
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    if i < b.len() && b[i] == b':' {
                        i += 1;
                    }
                    pending = Some(Some(key_at));
                }
                (b'}' | b']', _) => {
                    if let Some(frame) = stack.pop() {
                        path.truncate(frame.base());
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// Where the value at `path` starts.
    pub fn get(&self, path: &str) -> Option<Span> {
        self.spans.get(path).copied()
    }

    /// Keys that repeat an earlier key of the same object, in text order (at most
    /// [`MAX_DUPLICATES`]).
    pub fn duplicates(&self) -> &[Repeat] {
        &self.duplicates
    }

    /// Line and column of the value at `path` (of its key when `key` is set and it has one).
    /// A path that is not in the text (a missing field) falls back to its nearest ancestor.
    pub fn locate(&self, path: &str, key: bool) -> Option<LineCol> {
        let mut p = Some(path);
        while let Some(here) = p {
            if let Some(span) = self.get(here) {
                let offset = if key {
                    span.key.unwrap_or(span.value)
                } else {
                    span.value
                };
                return Some(self.line_col(offset));
            }
            p = parent(here);
        }
        None
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|s| *s <= offset).max(1);
        let start = line_starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        LineCol { line, column }
    }

    /// The byte offset of a 1-based line and byte column as serde_json reports them (the
    /// column is the number of bytes of the line read, including the offending one).
    pub fn offset_of(&self, line: usize, byte_column: usize) -> usize {
        let start = match line.checked_sub(1).and_then(|l| self.line_starts().get(l)) {
            Some(s) => *s,
            None => return self.text.len(),
        };
        (start + byte_column.saturating_sub(1)).min(self.text.len())
    }
}

/// The parent of a field path: `a.b[2]` → `a.b` → `a` → `` → none.
pub fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    if path.ends_with(']')
        && let Some(open) = path.rfind('[')
    {
        return Some(&path[..open]);
    }
    Some(path.rfind('.').map_or("", |dot| &path[..dot]))
}

/// From the opening quote at `i`, the offset just past the closing quote (or the end).
fn skip_string(b: &[u8], mut i: usize) -> usize {
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
fn decode_string(raw: Option<&str>) -> Cow<'_, str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"format\": 1,\n  \"questions\": [\n    { \"id\": \"a\", \"choices\": [ {\"text\": \"x\"}, {\"text\": \"y\"} ] },\n    {\"id\":\"b\\u00e9\", \"é\": [], \"n\": [1, [2, 3]]}\n  ]\n}\n";

    fn at(index: &SpanIndex<'_>, path: &str) -> (usize, usize) {
        let lc = index.locate(path, false).unwrap();
        (lc.line, lc.column)
    }

    #[test]
    fn values_are_located_by_path() {
        let index = SpanIndex::new(TEXT);
        assert_eq!(at(&index, ""), (1, 1));
        assert_eq!(at(&index, "format"), (2, 13));
        assert_eq!(at(&index, "questions"), (3, 16));
        assert_eq!(at(&index, "questions[0]"), (4, 5));
        assert_eq!(at(&index, "questions[0].id"), (4, 13));
        assert_eq!(at(&index, "questions[0].choices[1]"), (4, 46));
        assert_eq!(at(&index, "questions[0].choices[1].text"), (4, 55));
        assert_eq!(at(&index, "questions[1]"), (5, 5));
        assert_eq!(at(&index, "questions[1].n[1][1]"), (5, 44));
    }

    #[test]
    fn keys_are_located_and_escapes_decoded() {
        let index = SpanIndex::new(TEXT);
        let key = index.locate("questions[0].choices", true).unwrap();
        assert_eq!((key.line, key.column), (4, 18));
        // "b\u00e9" is a value; the key "é" is non-ASCII: columns count characters.
        assert!(index.get("questions[1].é").is_some());
        let key = index.locate("questions[1].é", true).unwrap();
        assert_eq!((key.line, key.column), (5, 22));
        assert_eq!(at(&index, "questions[1].é"), (5, 27));
        // An empty array has no first element.
        assert!(index.get("questions[1].é[0]").is_none());
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_ancestor() {
        let index = SpanIndex::new(TEXT);
        assert_eq!(at(&index, "questions[0].choices[1].why"), (4, 46));
        // Indexing only the paths asked for gives the same positions.
        let some = SpanIndex::for_paths(TEXT, ["questions[0].choices[1].why", "format"]);
        assert_eq!(at(&some, "questions[0].choices[1].why"), (4, 46));
        assert_eq!(at(&some, "format"), (2, 13));
        assert!(some.get("questions[1]").is_none());
        assert_eq!(at(&index, "questions[7].prompt"), (3, 16));
        assert_eq!(parent("a.b[2]"), Some("a.b"));
        assert_eq!(parent("a.b"), Some("a"));
        assert_eq!(parent("a"), Some(""));
        assert_eq!(parent(""), None);
    }

    #[test]
    fn repeated_keys_are_reported() {
        let text = "{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2}, \"a\": 3}";
        let index = SpanIndex::new(text);
        let dups: Vec<_> = index
            .duplicates()
            .iter()
            .map(|r| (format!("{}/{}", r.object, r.key), index.line_col(r.offset)))
            .collect();
        assert_eq!(
            dups,
            vec![
                (
                    "b/c".to_string(),
                    LineCol {
                        line: 2,
                        column: 16
                    }
                ),
                (
                    "/a".to_string(),
                    LineCol {
                        line: 2,
                        column: 25
                    }
                ),
            ]
        );
        // The last value wins, as in serde_json.
        assert_eq!(index.line_col(index.get("a").unwrap().value).column, 30);
    }

    #[test]
    fn surrogate_pairs_in_keys_decode() {
        let index = SpanIndex::new(r#"{"\ud83d\ude00": 1, "\u0041\n": 2}"#);
        assert!(index.get("😀").is_some());
        assert!(index.get("A\n").is_some());
    }

    #[test]
    fn malformed_or_hostile_text_never_panics() {
        for text in [
            "",
            "{",
            "[",
            "\"",
            "{\"a",
            "{\"a\":",
            "]]]}}}",
            "{\"a\\",
            "[1,,2",
            "é\"é",
            "\\u",
            "{\"\\ud800\": 1}",
            "{\"\\uzzzz\": [}",
            "\n\n\n",
        ] {
            let index = SpanIndex::new(text);
            let _ = index.locate("a", true);
            let _ = index.line_col(usize::MAX);
            let _ = index.offset_of(usize::MAX, usize::MAX);
        }
        let deep = "[".repeat(100_000);
        let index = SpanIndex::new(&deep);
        assert!(index.get("[0][0][0]").is_some());
        assert!(index.get(&"[0]".repeat(MAX_DEPTH + 1)).is_none());
    }

    /// The scanner as it was before it kept one path buffer, for comparison.
    enum OldFrame {
        Object(String, HashSet<String>),
        Array(String, usize),
    }

    fn reference_scan(
        text: &str,
        wanted: Option<&HashSet<String>>,
    ) -> (HashMap<String, Span>, Vec<Repeat>) {
        let mut spans = HashMap::new();
        let mut duplicates: Vec<Repeat> = Vec::new();
        let b = text.as_bytes();
        let mut i = 0;
        let mut stack: Vec<OldFrame> = Vec::new();
        // The path (and key offset) of the value expected next, if a value is expected.
        let mut pending: Option<(String, Option<usize>)> = Some((String::new(), None));
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if stack.len() > MAX_DEPTH {
                // Deeper than any pack can be (serde_json stops at 128): paths would grow
                // quadratically, so stop recording.
                break;
            }
            if let Some((path, key)) = pending.take() {
                if c == b']' {
                    // An empty array: no first element after all.
                    stack.pop();
                    i += 1;
                    continue;
                }
                if wanted.is_none_or(|w| w.contains(&path)) {
                    spans.insert(path.clone(), Span { value: i, key });
                }
                match c {
                    b'{' => {
                        stack.push(OldFrame::Object(path, HashSet::new()));
                        i += 1;
                    }
                    b'[' => {
                        pending = Some((format!("{path}[0]"), None));
                        stack.push(OldFrame::Array(path, 0));
                        i += 1;
                    }
                    b'"' => i = skip_string(b, i),
                    _ => {
                        while i < b.len()
                            && !matches!(b[i], b',' | b']' | b'}' | b':' | b'"')
                            && !b[i].is_ascii_whitespace()
                        {
                            i += 1;
                        }
                    }
                }
                continue;
            }
            match (c, stack.last_mut()) {
                (b',', Some(OldFrame::Array(path, n))) => {
                    *n += 1;
                    pending = Some((format!("{path}[{n}]"), None));
                    i += 1;
                }
                (b'"', Some(OldFrame::Object(parent, keys))) => {
                    let key_at = i;
                    let end = skip_string(b, i);
                    let key = decode_string(text.get(i + 1..end.saturating_sub(1))).into_owned();
                    let path = if parent.is_empty() {
                        key.clone()
                    } else {
                        format!("{parent}.{key}")
                    };
                    if keys.contains(&key) {
                        if duplicates.len() < MAX_DUPLICATES {
                            duplicates.push(Repeat {
                                object: parent.clone(),
                                key,
                                offset: key_at,
                            });
                        }
                    } else {
                        keys.insert(key);
                    }
                    i = end;
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    if i < b.len() && b[i] == b':' {
                        i += 1;
                    }
                    pending = Some((path, Some(key_at)));
                }
                (b'}' | b']', _) => {
                    stack.pop();
                    i += 1;
                }
                _ => i += 1,
            }
        }
        (spans, duplicates)
    }

    fn same_as_reference(text: &str, wanted: Option<&HashSet<String>>) {
        let index = match wanted {
            None => SpanIndex::new(text),
            Some(w) => SpanIndex::for_paths(text, w.iter().map(String::as_str)),
        };
        // for_paths also records the ancestors of the paths asked for.
        let wanted_all: Option<HashSet<String>> = wanted.map(|w| {
            let mut all = HashSet::new();
            for path in w {
                let mut p = Some(path.as_str());
                while let Some(here) = p {
                    all.insert(here.to_string());
                    p = parent(here);
                }
            }
            all
        });
        let (spans, duplicates) = reference_scan(text, wanted_all.as_ref());
        assert_eq!(index.spans, spans, "{text:?}");
        assert_eq!(index.duplicates, duplicates, "{text:?}");
    }

    #[test]
    fn the_scanner_records_what_it_recorded_before() {
        let pack = std::fs::read_to_string(format!(
            "{}/tests/fixtures/packs/valid.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        // An object with more keys than `Keys` lists before it hashes, some repeated.
        let many = format!(
            "{{{}}}",
            (0..40)
                .chain([3, 30, 39, 0])
                .map(|k| format!("\"k{k}\": [{k}]"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for text in [
            TEXT,
            pack.as_str(),
            many.as_str(),
            "{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2}, \"a\": 3}",
        ] {
            same_as_reference(text, None);
            let some: HashSet<String> = ["questions[0].choices[1].why", "format", "b.c", "nope"]
                .into_iter()
                .map(String::from)
                .collect();
            same_as_reference(text, Some(&some));
            same_as_reference(text, Some(&HashSet::new()));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_scanner_records_what_it_recorded_before_on_any_text(
            text in "[\\[\\]{}:,\" a\\\\u0-9é\n]{0,60}",
            wanted in proptest::collection::hash_set("[a\\[\\]0-9.]{0,6}", 0..4),
        ) {
            same_as_reference(&text, None);
            same_as_reference(&text, Some(&wanted));
        }
    }

    #[test]
    fn byte_columns_convert_to_character_columns() {
        let text = "{\n\"é\": x}";
        let index = SpanIndex::new(text);
        // serde_json reports byte column 7 for the `x` (é is two bytes).
        let offset = index.offset_of(2, 7);
        assert_eq!(&text[offset..=offset], "x");
        assert_eq!(index.line_col(offset), LineCol { line: 2, column: 6 });
    }
}
