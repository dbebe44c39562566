//! Imports inside each core folder point one way: no module of `schedule/`, `engine/`,
//! `study/`, `bank/` or `store/` reaches, directly or through others, back to itself (the
//! scheduler type depends on its parts, never a part on it), and in the TUI `event` →
//! `keymap` → `msg` is a line, not a circle. A module's own tests (`#[cfg(test)]` onwards, and
//! `tests.rs` / `tests/` files) do not count: a test may use anything.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a file before its first `#[cfg(test)]`, without comment lines.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn files_of(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            let p = entry.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name == "tests" || name == "tests.rs" || name.ends_with("_tests.rs") {
                continue;
            }
            files_of(&p, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// `folder`'s modules (its files and subfolders, `mod.rs` aside) and, for each, the sibling
/// modules its code names as `super::x` or `crate::<folder>::x`.
fn graph(folder: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = src().join(folder);
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        if stem == "mod" || stem == "tests" || stem.ends_with("_tests") {
            continue;
        }
        if p.is_dir() || p.extension().is_some_and(|e| e == "rs") {
            files_of(&p, modules.entry(stem).or_default());
        }
    }
    let names: Vec<String> = modules.keys().cloned().collect();
    let crate_path = format!("crate::{}::", folder.replace('/', "::"));
    modules
        .iter()
        .map(|(m, files)| {
            let text: String = files.iter().map(|f| code(f)).collect();
            let uses = names
                .iter()
                .filter(|o| *o != m)
                .filter(|o| {
                    let short = format!("super::{o}");
                    let long = format!("{crate_path}{o}");
                    [short, long].iter().any(|needle| {
                        text.match_indices(needle.as_str()).any(|(i, _)| {
                            !text[i + needle.len()..]
                                .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                        })
                    })
                })
                .cloned()
                .collect();
            (m.clone(), uses)
        })
        .collect()
}

/// A circle of imports in `g`, if there is one.
fn circle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        g: &BTreeMap<String, BTreeSet<String>>,
        m: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut c = path[at..].to_vec();
            c.push(m.to_string());
            return Some(c);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(g, next, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|m| visit(g, m, &mut Vec::new(), &mut done))
}

#[test]
fn no_core_folder_imports_in_a_circle() {
    for folder in ["schedule", "engine", "study", "bank", "store"] {
        let g = graph(folder);
        assert!(g.len() >= 3, "{folder}: only {} modules found", g.len());
        if let Some(c) = circle(&g) {
            panic!("{folder}: imports go round: {}", c.join(" → "));
        }
    }
}

#[test]
fn the_tui_reads_keys_in_one_direction() {
    let g = graph("tui");
    let uses = |a: &str, b: &str| g.get(a).is_some_and(|s| s.contains(b));
    assert!(
        !(uses("event", "keymap") && uses("keymap", "event")),
        "{g:?}"
    );
}

#[test]
fn the_check_finds_a_circle() {
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("model", &["curve"][..]),
        ("curve", &["readiness"][..]),
        ("readiness", &["model"][..]),
        ("rating", &[][..]),
    ]
    .into_iter()
    .map(|(m, uses)| {
        (
            m.to_string(),
            uses.iter().map(|u| (*u).to_string()).collect(),
        )
    })
    .collect();
    assert_eq!(
        circle(&g),
        Some(vec![
            "curve".to_string(),
            "readiness".into(),
            "model".into(),
            "curve".into()
        ])
    );
}
