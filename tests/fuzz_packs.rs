//! Fuzzing the pack loader (`az900::bank::pack::parse_pack`) with proptest: arbitrary strings,
//! arbitrary JSON values, pack-shaped JSON with arbitrary field values, and mutations of a valid
//! pack (fields deleted, duplicated, replaced by wrong types, huge or negative numbers, unicode
//! and control characters; the text cut, spliced and keys repeated).
//!
//! For every input: no panic; an error list is never empty and every error names the file; when
//! the text is valid JSON every error (but the "… more errors" tally) has a line and column ≥ 1
//! inside the text; a displayed error carries no raw control or bidi character; an accepted pack
//! only holds questions of that file with distinct ids.
//!
//! The runs are deterministic (a fixed seed) so CI is reproducible; set `AZ900_FUZZ_RANDOM=1`
//! for fresh random cases and `AZ900_FUZZ_CASES=N` to run N cases in each.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use az900::bank::pack::{MAX_ERRORS, parse_pack};
use az900::bank::question::Source;
use az900::rules::Rules;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Number, Value};

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::embedded().unwrap());

/// A file name with a directory, a space and a non-ASCII letter: errors must carry it as is.
const FILE: &str = "packs/fuzz é.json";

static VALID: LazyLock<String> = LazyLock::new(|| {
    let path = format!(
        "{}/tests/fixtures/packs/valid.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
});

static VALID_VALUE: LazyLock<Value> = LazyLock::new(|| serde_json::from_str(&VALID).unwrap());

/// Every field name the format knows, so generated objects hit the real checks.
const FIELDS: &[&str] = &[
    "format",
    "pack",
    "title",
    "questions",
    "id",
    "concept",
    "topic",
    "kind",
    "prompt",
    "choices",
    "text",
    "correct",
    "why",
    "explanation",
    "refs",
    "cells",
    "layer",
    "model",
    "owner",
    "statements",
    "answer",
    "sentence",
    "categories",
    "items",
    "category",
    "columns",
    "rows",
    "label",
];

const KINDS: &[&str] = &[
    "single", "multi", "yes_no", "dropdown", "match", "order", "hot_area", "essay", "",
];

fn cases(default: u32) -> u32 {
    let scale: u32 = std::env::var("AZ900_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    scale.max(1)
}

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    };
    if std::env::var_os("AZ900_FUZZ_RANDOM").is_some() {
        TestRunner::new(config)
    } else {
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
    }
}

/// Whether a character must never reach a terminal raw.
fn hostile_char(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The properties every parse must have. Returns the number of errors (for statistics).
fn check(text: &str) -> Result<usize, TestCaseError> {
    let result = parse_pack(FILE, text, &RULES);
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let valid_json = serde_json::from_str::<Value>(body).is_ok();
    match result {
        Ok(questions) => {
            prop_assert!(valid_json, "accepted text that is not JSON: {text:?}");
            prop_assert!(!questions.is_empty(), "an accepted pack has no questions");
            let mut ids = HashSet::new();
            for q in &questions {
                prop_assert_eq!(
                    &q.source,
                    &Source::Pack {
                        file: FILE.to_string()
                    }
                );
                prop_assert!(ids.insert(q.id.clone()), "duplicate id {} accepted", q.id);
            }
            Ok(0)
        }
        Err(errors) => {
            prop_assert!(!errors.is_empty(), "rejected with no error");
            prop_assert!(
                errors.len() <= MAX_ERRORS + 1,
                "{} errors: the list is not capped",
                errors.len()
            );
            let lines = body.split('\n').count();
            for e in &errors {
                prop_assert_eq!(&e.file, FILE);
                let shown = e.to_string();
                prop_assert!(shown.starts_with(FILE), "{shown:?} does not name the file");
                prop_assert!(
                    !shown.chars().any(hostile_char),
                    "raw control or bidi character in an error: {shown:?}"
                );
                prop_assert!(!e.message.is_empty(), "empty message: {shown:?}");
                let tally = e.message.contains("more errors not shown");
                if valid_json && !tally {
                    prop_assert!(
                        e.line >= 1 && e.column >= 1,
                        "unlocated error in valid JSON: {shown:?}\ntext: {text:?}"
                    );
                }
                if e.line >= 1 {
                    prop_assert!(
                        e.line <= lines,
                        "line {} past the end ({lines} lines): {shown:?}",
                        e.line
                    );
                    prop_assert!(e.column >= 1, "line without a column: {shown:?}");
                }
            }
            Ok(errors.len())
        }
    }
}

/// Runs `strategy` through `check`, printing how many cases ran.
fn fuzz<S>(name: &str, cases: u32, strategy: S, to_text: impl Fn(S::Value) -> String)
where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let ran = AtomicUsize::new(0);
    let rejected = AtomicUsize::new(0);
    let started = std::time::Instant::now();
    let result = runner(cases).run(&strategy, |input| {
        ran.fetch_add(1, Ordering::Relaxed);
        let text = to_text(input);
        if check(&text)? > 0 {
            rejected.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    let n = ran.load(Ordering::Relaxed);
    println!(
        "{name}: fuzz cases run: {n} ({} rejected, {} accepted) in {:.1?}",
        rejected.load(Ordering::Relaxed),
        n - rejected.load(Ordering::Relaxed),
        started.elapsed()
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    assert!(n >= cases as usize, "{name}: only {n} of {cases} cases ran");
}

// ----- generators ------------------------------------------------------------------------

/// Strings that exercise the checks: empty, blank, long, unicode, control, bidi, path-like.
fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("   ".to_string()),
        Just("\n".to_string()),
        Just("x".repeat(4001)),
        Just("é".repeat(4000)),
        Just("😀".repeat(4001)),
        Just("\u{1b}[2J\u{1b}]0;pwned\u{7}".to_string()),
        Just("a\u{202E}b".to_string()),
        Just("zero\u{200B}width".to_string()),
        Just("nul\0".to_string()),
        Just("c1\u{9b}31m".to_string()),
        Just("../../etc/passwd".to_string()),
        Just("https://learn.microsoft.com/en-us/azure/".to_string()),
        Just("http://example.com".to_string()),
        Just("___".to_string()),
        Just("In SaaS, ___ is ___.".to_string()),
        Just("IaaS".to_string()),
        Just("iaas".to_string()),
        Just("customer".to_string()),
        Just("disputed".to_string()),
        Just("operating-system".to_string()),
        Just("shared-responsibility".to_string()),
        Just("Bad ID".to_string()),
        Just("fx-single".to_string()),
        prop::sample::select(KINDS).prop_map(str::to_string),
        prop::sample::select(FIELDS).prop_map(str::to_string),
        "[a-z0-9._-]{0,90}",
        any::<String>(),
    ]
}

/// Numbers at the edges: huge, negative, fractional, the u64/i64 limits.
fn odd_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::from(0)),
        Just(Value::from(1)),
        Just(Value::from(2)),
        Just(Value::from(-1)),
        Just(Value::from(i64::MIN)),
        Just(Value::from(u64::MAX)),
        Just(Value::from(1.5)),
        Just(Value::from(1e308)),
        Just(Value::from(-1e308)),
        Just(Value::from(5e-324)),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        odd_number(),
        odd_string().prop_map(Value::String),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(FIELDS).prop_map(str::to_string),
        1 => odd_string(),
    ]
}

/// Arbitrary JSON, with the format's field names as likely keys.
fn any_json() -> impl Strategy<Value = Value> {
    json_tree(6, 64)
}

/// JSON nested up to `depth` levels with about `size` nodes.
fn json_tree(depth: u32, size: u32) -> impl Strategy<Value = Value> {
    leaf().prop_recursive(depth, size, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A pack-shaped object: the right skeleton, arbitrary values inside.
fn pack_shaped() -> impl Strategy<Value = Value> {
    let question = prop::collection::vec((key(), json_tree(3, 12)), 0..12)
        .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>()));
    (
        prop_oneof![Just(Value::from(1)), leaf()],
        prop_oneof![Just(Value::from("fuzz")), leaf()],
        prop::collection::vec(question, 0..4),
    )
        .prop_map(|(format, pack, questions)| {
            serde_json::json!({ "format": format, "pack": pack, "questions": questions })
        })
}

/// One step on the path to a node of a JSON value.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    At(usize),
}

fn node_paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                here.push(Step::Key(k.clone()));
                node_paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                here.push(Step::At(i));
                node_paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'v>(v: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    let mut cur = v;
    for step in path {
        cur = match step {
            Step::Key(k) => cur.get_mut(k.as_str())?,
            Step::At(i) => cur.get_mut(*i)?,
        };
    }
    Some(cur)
}

/// A change to one node of the valid pack.
#[derive(Debug, Clone)]
enum Edit {
    Delete,
    Replace(Value),
    /// Copy another node's value here (duplicate ids, prompts, choices…).
    CopyFrom(Index),
    /// Arrays: repeat an element; objects: add a field.
    Grow(String, Value),
    /// Arrays: an element out of range / negative as an index pair (hot-area answers).
    IndexPair(i64, i64),
}

/// A change to the pretty-printed text after the edits.
#[derive(Debug, Clone)]
enum TextEdit {
    None,
    /// Repeat a line holding a key (a duplicate field, or a syntax error).
    RepeatLine(Index),
    Truncate(Index),
    Insert(Index, char),
    DeleteRange(Index, u8),
    /// Prepend a byte-order mark.
    Bom,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => Just(Edit::Delete),
        4 => any_json().prop_map(Edit::Replace),
        3 => leaf().prop_map(Edit::Replace),
        2 => any::<Index>().prop_map(Edit::CopyFrom),
        2 => (key(), leaf()).prop_map(|(k, v)| Edit::Grow(k, v)),
        1 => (
            prop_oneof![Just(-1i64), Just(0), Just(1), Just(2), Just(i64::MAX), any::<i64>()],
            prop_oneof![Just(-1i64), Just(0), Just(1), Just(2), Just(i64::MIN), any::<i64>()],
        )
            .prop_map(|(r, c)| Edit::IndexPair(r, c)),
    ]
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        6 => Just(TextEdit::None),
        2 => any::<Index>().prop_map(TextEdit::RepeatLine),
        1 => any::<Index>().prop_map(TextEdit::Truncate),
        1 => (any::<Index>(), any::<char>()).prop_map(|(i, c)| TextEdit::Insert(i, c)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, n)| TextEdit::DeleteRange(i, n)),
        1 => Just(TextEdit::Bom),
    ]
}

fn apply_edit(v: &mut Value, at: &Index, e: &Edit) {
    let mut paths = Vec::new();
    node_paths(v, &mut Vec::new(), &mut paths);
    let path = paths[at.index(paths.len())].clone();
    match e {
        Edit::Delete => {
            let Some((last, parent)) = path.split_last() else {
                *v = Value::Null;
                return;
            };
            match (node_mut(v, parent), last) {
                (Some(Value::Object(m)), Step::Key(k)) => {
                    m.remove(k);
                }
                (Some(Value::Array(a)), Step::At(i)) if *i < a.len() => {
                    a.remove(*i);
                }
                _ => {}
            }
        }
        Edit::Replace(new) => {
            if let Some(n) = node_mut(v, &path) {
                *n = new.clone();
            }
        }
        Edit::CopyFrom(from) => {
            let source = paths[from.index(paths.len())].clone();
            let copy = node_mut(v, &source).map(|n| n.clone());
            if let (Some(copy), Some(n)) = (copy, node_mut(v, &path)) {
                *n = copy;
            }
        }
        Edit::Grow(k, new) => match node_mut(v, &path) {
            Some(Value::Array(a)) => {
                let repeated = a.first().cloned().unwrap_or_else(|| new.clone());
                a.push(repeated);
            }
            Some(Value::Object(m)) => {
                m.insert(k.clone(), new.clone());
            }
            Some(other) => *other = Value::Array(vec![other.clone(), new.clone()]),
            None => {}
        },
        Edit::IndexPair(r, c) => {
            if let Some(n) = node_mut(v, &path) {
                *n = serde_json::json!([[r, c], [0, 0]]);
            }
        }
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply_text_edit(mut text: String, e: &TextEdit) -> String {
    match e {
        TextEdit::None => text,
        TextEdit::RepeatLine(i) => {
            let lines: Vec<&str> = text.split('\n').collect();
            let keyed: Vec<usize> = (0..lines.len())
                .filter(|&n| lines[n].contains("\":"))
                .collect();
            if keyed.is_empty() {
                return text;
            }
            let n = keyed[i.index(keyed.len())];
            let mut out: Vec<&str> = lines[..=n].to_vec();
            out.push(lines[n]);
            out.extend_from_slice(&lines[n + 1..]);
            out.join("\n")
        }
        TextEdit::Truncate(i) => {
            let at = floor_boundary(&text, i.index(text.len() + 1));
            text.truncate(at);
            text
        }
        TextEdit::Insert(i, c) => {
            let at = floor_boundary(&text, i.index(text.len() + 1));
            text.insert(at, *c);
            text
        }
        TextEdit::DeleteRange(i, n) => {
            let from = floor_boundary(&text, i.index(text.len() + 1));
            let to = floor_boundary(&text, from + usize::from(*n));
            text.replace_range(from..to, "");
            text
        }
        TextEdit::Bom => format!("\u{feff}{text}"),
    }
}

// ----- the runs ----------------------------------------------------------------------------

#[test]
fn the_valid_fixture_passes_the_checks() {
    // The mutations start from a pack that is accepted.
    let qs = parse_pack(FILE, &VALID, &RULES).unwrap();
    assert_eq!(qs.len(), 7);
    assert_eq!(check(&VALID).unwrap(), 0);
    assert_eq!(
        check(&serde_json::to_string_pretty(&*VALID_VALUE).unwrap()).unwrap(),
        0
    );
}

#[test]
fn arbitrary_strings_never_panic() {
    let jsonish = "[\\[\\]{}\",:0-9a-z \n\\\\.eE+-]{0,120}";
    let strategy = prop_oneof![
        any::<String>(),
        jsonish,
        prop::collection::vec(any::<u8>(), 0..200)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ];
    fuzz("arbitrary strings", cases(3000), strategy, |s| s);
}

#[test]
fn arbitrary_json_values_never_panic() {
    fuzz("arbitrary JSON", cases(1500), any_json(), |v| {
        serde_json::to_string_pretty(&v).unwrap()
    });
}

#[test]
fn pack_shaped_json_never_panics() {
    fuzz("pack-shaped JSON", cases(1000), pack_shaped(), |v| {
        serde_json::to_string_pretty(&v).unwrap()
    });
}

#[test]
fn mutations_of_a_valid_pack_never_panic() {
    let strategy = (
        prop::collection::vec((any::<Index>(), edit()), 1..4),
        text_edit(),
        any::<bool>(),
    );
    fuzz(
        "mutated valid pack",
        cases(1500),
        strategy,
        |(edits, text_edit, pretty)| {
            let mut v = VALID_VALUE.clone();
            for (at, e) in &edits {
                apply_edit(&mut v, at, e);
            }
            let text = if pretty {
                serde_json::to_string_pretty(&v).unwrap()
            } else {
                serde_json::to_string(&v).unwrap()
            };
            apply_text_edit(text, &text_edit)
        },
    );
}
