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

use strings::{decode_string, skip_string};

mod strings;

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

    #[allow(clippy::too_many_lines)] // one iterative scanner: its states share the loop's locals
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

#[cfg(test)]
mod tests;
