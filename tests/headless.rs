//! The core is headless: nothing outside `src/tui/` imports ratatui, crossterm or `crate::tui`.
//! Only the command that starts the front end (`commands/session.rs`) may name `crate::tui`,
//! and it never names ratatui or crossterm.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "tui") && path.parent() == Some(src()) {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))
}

/// Lines that use `needle` as code (comments and doc comments do not count).
fn uses(text: &str, needle: &str) -> Vec<String> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//"))
        .filter(|l| l.contains(needle))
        .map(str::to_string)
        .collect()
}

#[test]
fn nothing_outside_the_tui_imports_the_terminal_libraries_or_the_tui() {
    let mut files = Vec::new();
    rust_files(src(), &mut files);
    assert!(files.len() > 20, "the walk found the sources");
    let launcher = src().join("commands").join("session.rs");
    let mut offences = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).expect("read source");
        let mut needles = vec!["ratatui", "crossterm"];
        if *f != launcher {
            needles.push("crate::tui");
            needles.push("az900::tui");
        }
        for n in needles {
            for line in uses(&text, n) {
                offences.push(format!("{}: {line}", f.display()));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "the core must stay headless:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_check_sees_an_import_when_there_is_one() {
    let sample = "use std::fmt;\nuse ratatui::text::Line;\n// crate::tui in a comment\n";
    assert_eq!(uses(sample, "ratatui"), vec!["use ratatui::text::Line;"]);
    assert!(uses(sample, "crate::tui").is_empty());
}
