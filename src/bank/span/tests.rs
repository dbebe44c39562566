//! The position index on well-formed, odd and malformed text.

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
