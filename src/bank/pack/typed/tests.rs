//! The fast path gets exactly what the full check gets: on the compiled-in packs, the fixtures
//! and mutations of them.

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};

use super::*;
use crate::bank::embedded::PACKS;
use crate::bank::pack::{parse_embedded_pack, parse_pack};

fn rules() -> Rules {
    Rules::embedded().unwrap()
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/packs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn every_compiled_in_pack_takes_the_fast_path_and_gets_what_the_full_check_gives() {
    let rules = rules();
    for (file, text) in PACKS {
        let fast = parse(file, text, &rules)
            .unwrap_or_else(|| panic!("{file} fell back to the full check at start-up"));
        let full = parse_pack(file, text, &rules).unwrap();
        assert_eq!(fast, full, "{file}");
    }
}

#[test]
fn the_fixtures_get_what_the_full_check_gives() {
    let rules = rules();
    let dir = format!("{}/tests/fixtures/packs", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            parse_embedded_pack(&name, &text, &rules),
            parse_pack(&name, &text, &rules),
            "{name}"
        );
        n += 1;
    }
    assert!(n >= 8);
    assert!(parse("valid.json", &fixture("valid.json"), &rules).is_some());
}

#[test]
fn escaped_kinds_models_and_owners_are_read_like_plain_ones() {
    let rules = rules();
    let text = fixture("valid.json")
        .replace("\"kind\": \"single\"", "\"kind\": \"sin\\u0067le\"")
        .replace("\"model\": \"iaas\"", "\"model\": \"\\u0069aas\"")
        .replace("\"owner\": \"customer\"", "\"owner\": \"custom\\u0065r\"");
    assert!(text.contains("sin\\u0067le") && text.contains("custom\\u0065r"));
    let fast = parse("valid.json", &text, &rules).unwrap();
    assert_eq!(fast, parse_pack("valid.json", &text, &rules).unwrap());
    assert_eq!(
        fast,
        parse("valid.json", &fixture("valid.json"), &rules).unwrap()
    );
}

/// Small inputs the fast path must refuse although serde would take them.
#[test]
fn what_serde_allows_and_the_checker_does_not_is_refused() {
    let rules = rules();
    let valid: Value = serde_json::from_str(&fixture("valid.json")).unwrap();
    type Case = Box<dyn Fn(&mut Value)>;
    let cases: Vec<Case> = vec![
        // A struct given as an array of its fields.
        Box::new(|v| {
            let c = &mut v["questions"][0]["choices"][0];
            *c = json!([c["text"].clone(), c["correct"].clone(), c["why"].clone()]);
        }),
        Box::new(|v| v["title"] = Value::Null),
        Box::new(|v| v["questions"][0]["cells"] = Value::Null),
        Box::new(|v| v["questions"][0]["kind"] = json!({"single": null})),
        Box::new(|v| v["format"] = json!(1.0)),
        // An order item with a category, a match item without one.
        Box::new(|v| v["questions"][5]["items"][0]["category"] = json!("x")),
        Box::new(|v| {
            v["questions"][4]["items"][0]
                .as_object_mut()
                .unwrap()
                .remove("category");
        }),
        // A field of another kind.
        Box::new(|v| v["questions"][0]["sentence"] = json!("a ___ b")),
        Box::new(|v| v["questions"][6]["answer"][0] = json!([0, 0, 0])),
        Box::new(|v| v["questions"][3]["sentence"] = json!("No blank here.")),
        Box::new(|v| v["questions"][3]["sentence"] = json!("Two ___ blanks ___.")),
        Box::new(|v| v["questions"][6]["answer"][0] = json!([0, -0.0])),
    ];
    assert_eq!(valid["questions"][3]["kind"], "dropdown");
    assert_eq!(valid["questions"][4]["kind"], "match");
    assert_eq!(valid["questions"][5]["kind"], "order");
    assert_eq!(valid["questions"][6]["kind"], "hot_area");
    for (i, case) in cases.iter().enumerate() {
        let mut v = valid.clone();
        case(&mut v);
        let text = serde_json::to_string_pretty(&v).unwrap();
        assert!(parse("x.json", &text, &rules).is_none(), "case {i}");
        assert!(parse_pack("x.json", &text, &rules).is_err(), "case {i}");
    }
    let top_level_array = json!([1, "fixture-valid", "t", valid["questions"].clone()]);
    assert!(parse("x.json", &top_level_array.to_string(), &rules).is_none());
}

/// A pack with the fixture's questions and the first of each kind from every compiled-in
/// pack, so mutations hit real texts.
fn base_pack() -> Value {
    let mut v: Value = serde_json::from_str(&fixture("valid.json")).unwrap();
    let mut extra = Vec::new();
    for (_, text) in PACKS {
        let pack: Value = serde_json::from_str(text).unwrap();
        let mut kinds = HashSet::new();
        for q in pack["questions"].as_array().unwrap() {
            if kinds.insert(q["kind"].as_str().unwrap().to_string()) {
                extra.push(q.clone());
            }
        }
    }
    v["questions"].as_array_mut().unwrap().extend(extra);
    v
}

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

#[derive(Debug, Clone)]
enum Edit {
    Delete,
    Replace(Value),
    CopyFrom(Index),
    /// The same field of the next element of the nearest enclosing array (a repeated
    /// choice, statement, category, label…).
    CopySibling,
    /// Objects: add a field; arrays: repeat an element.
    Grow(String),
    /// Same text, other case or spacing (duplicates after normalising).
    Respell(bool),
    /// An object as an array of its values.
    Flatten,
}

const KEYS: &[&str] = &[
    "title",
    "id",
    "concept",
    "objective",
    "topic",
    "kind",
    "prompt",
    "explanation",
    "refs",
    "cells",
    "choices",
    "statements",
    "sentence",
    "categories",
    "items",
    "columns",
    "rows",
    "answer",
    "text",
    "correct",
    "why",
    "category",
    "label",
    "layer",
    "model",
    "owner",
    "extra",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop::sample::select(vec![
            json!(0),
            json!(1),
            json!(2),
            json!(-1),
            json!(1.5),
            json!(12),
            json!(99)
        ]),
        prop::sample::select(vec![
            "",
            " ",
            "x",
            "abc",
            "abc-1",
            "Bad ID",
            "___",
            "a ___ b ___",
            "disputed",
            "customer",
            "microsoft",
            "shared",
            "iaas",
            "saas",
            "on-premises",
            "devices",
            "operating-system",
            "shared-responsibility",
            "service-types",
            "single",
            "multi",
            "yes_no",
            "dropdown",
            "match",
            "order",
            "hot_area",
            "essay",
            "https://learn.microsoft.com/x",
            "https://learn.microsoft.com/",
            "https://learn.microsoft.com/a b",
            "bell\u{7}",
            "a\u{202E}b",
            "ÉCOLE école",
            "The customer",
            "Microsoft",
        ])
        .prop_map(Value::from),
        Just(json!([])),
        Just(json!([0, 0])),
        Just(json!([1, 0])),
        Just(json!({})),
        Just(json!(["a", "b"])),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => Just(Edit::Delete),
        4 => leaf().prop_map(Edit::Replace),
        2 => any::<Index>().prop_map(Edit::CopyFrom),
        4 => Just(Edit::CopySibling),
        2 => prop::sample::select(KEYS).prop_map(|k| Edit::Grow(k.to_string())),
        2 => any::<bool>().prop_map(Edit::Respell),
        1 => Just(Edit::Flatten),
    ]
}

fn apply(v: &mut Value, at: &Index, e: &Edit) {
    let mut paths = Vec::new();
    node_paths(v, &mut Vec::new(), &mut paths);
    let path = paths[at.index(paths.len())].clone();
    match e {
        Edit::Delete => {
            let Some((last, parent)) = path.split_last() else {
                return;
            };
            match (node_mut(v, parent), last) {
                (Some(Value::Object(m)), Step::Key(k)) => {
                    m.remove(k);
                }
                (Some(Value::Array(a)), Step::At(i)) => {
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
            let value = node_mut(v, &source).map(|n| n.clone());
            if let (Some(value), Some(n)) = (value, node_mut(v, &path)) {
                *n = value;
            }
        }
        Edit::CopySibling => {
            let Some(k) = path.iter().rposition(|s| matches!(s, Step::At(_))) else {
                return;
            };
            let len = node_mut(v, &path[..k]).and_then(|a| a.as_array().map(Vec::len));
            let (Some(len), Step::At(i)) = (len, &path[k]) else {
                return;
            };
            let mut sibling = path.clone();
            sibling[k] = Step::At((i + 1) % len);
            let value = node_mut(v, &sibling).map(|n| n.clone());
            if let (Some(value), Some(n)) = (value, node_mut(v, &path)) {
                *n = value;
            }
        }
        Edit::Grow(key) => match node_mut(v, &path) {
            Some(Value::Object(m)) => {
                m.insert(key.clone(), json!("grown"));
            }
            Some(Value::Array(a)) if !a.is_empty() => {
                let first = a[0].clone();
                a.push(first);
            }
            _ => {}
        },
        Edit::Respell(upper) => {
            if let Some(Value::String(s)) = node_mut(v, &path) {
                *s = if *upper {
                    s.to_uppercase()
                } else {
                    format!("  {}  ", s.replace(' ', "   "))
                };
            }
        }
        Edit::Flatten => {
            if let Some(n) = node_mut(v, &path)
                && let Value::Object(m) = n
            {
                let values: Vec<Value> = std::mem::take(m).into_iter().map(|(_, x)| x).collect();
                *n = Value::Array(values);
            }
        }
    }
}

/// Mutations of a valid pack (values, fields, duplicates, types, keys repeated in the text):
/// the start-up path returns exactly what the full check returns, errors included.
#[test]
fn mutated_packs_get_what_the_full_check_gives() {
    let rules = rules();
    let base = base_pack();
    assert!(parse("base.json", &base.to_string(), &rules).is_some());
    let config = Config {
        cases: 1000,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let accepted = std::cell::Cell::new(0usize);
    let rejected = std::cell::Cell::new(0usize);
    let strategy = (
        prop::collection::vec((any::<Index>(), edit()), 0..3),
        prop::option::weighted(0.15, any::<Index>()),
    );
    runner
        .run(&strategy, |(edits, repeat_line)| {
            let mut v = base.clone();
            for (at, e) in &edits {
                apply(&mut v, at, e);
            }
            let mut text = serde_json::to_string_pretty(&v).unwrap();
            if let Some(at) = repeat_line {
                // Repeat a line: a key given twice, or a syntax error.
                let lines: Vec<&str> = text.lines().collect();
                let i = at.index(lines.len());
                let mut out: Vec<&str> = lines[..=i].to_vec();
                out.push(lines[i]);
                out.extend_from_slice(&lines[i + 1..]);
                text = out.join("\n");
            }
            let full = parse_pack("m.json", &text, &rules);
            let fast = parse_embedded_pack("m.json", &text, &rules);
            if full.is_ok() {
                accepted.set(accepted.get() + 1);
            } else {
                rejected.set(rejected.get() + 1);
            }
            prop_assert_eq!(fast, full, "text: {}", text);
            Ok(())
        })
        .unwrap();
    // Both outcomes must be exercised for the comparison to mean anything.
    eprintln!("{} accepted, {} rejected", accepted.get(), rejected.get());
    assert!(accepted.get() >= 100, "{} accepted", accepted.get());
    assert!(rejected.get() >= 300, "{} rejected", rejected.get());
}

#[test]
fn ids_and_prompts_repeated_across_questions_are_refused() {
    let rules = rules();
    let base: Value = serde_json::from_str(&fixture("valid.json")).unwrap();
    let mut twice = base.clone();
    let q0 = twice["questions"][0].clone();
    twice["questions"].as_array_mut().unwrap().push(q0.clone());
    let mut same_prompt = base.clone();
    let mut q = q0;
    q["id"] = json!("fx-single-2");
    q["prompt"] = json!("  WHO patches the guest OS   of an Azure VM?");
    same_prompt["questions"].as_array_mut().unwrap().push(q);
    for v in [twice, same_prompt] {
        let text = v.to_string();
        assert!(parse("x.json", &text, &rules).is_none());
        assert!(parse_pack("x.json", &text, &rules).is_err());
    }
}
