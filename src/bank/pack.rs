//! The JSON pack format (`questions/FORMAT.md`) and its validation.
//!
//! A pack is parsed into a `serde_json::Value`, then checked field by field so that every
//! problem is collected, each located by file, line, column and field path. Positions come from
//! a one-pass index of the text ([`super::span`]); syntax errors use serde_json's own.
//! Hostile input (huge files, invalid UTF-8, deep nesting, huge texts or arrays, control
//! characters) gives an error, never a panic or a hang.
//!
//! The compiled-in packs, which are expected to pass, take a fast path first (`typed`:
//! deserialized into typed structs, every rule checked without building a message) and fall
//! back to the full check only to report what is wrong.

pub(crate) mod check;
pub(crate) mod json;
mod kinds;
mod typed;
mod values;

use std::fmt;
use std::io::Read;
use std::path::Path;

use super::BankError;
use super::question::Question;
use super::span::{LineCol, SpanIndex};
use crate::rules::Rules;

pub use values::REF_PREFIX;
pub(crate) use values::ref_ok;

/// The pack format this version reads.
pub const FORMAT: u64 = 1;
/// Largest pack file accepted, checked before parsing.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Most questions in one pack.
pub const MAX_QUESTIONS: usize = 5000;
/// Longest prompt, in characters.
pub const MAX_PROMPT_CHARS: usize = 4000;
/// Longest of any other text (explanation, choice, why, sentence, label…), in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Most errors reported for one pack; the rest are counted in a last error.
pub const MAX_ERRORS: usize = 500;

/// The end of the line that stands for a file's errors past [`MAX_ERRORS`].
const MORE_NOT_SHOWN: &str = "more errors not shown";

/// How many errors `errors` stand for: each one, and the count of a line standing for those
/// not shown.
pub fn count_errors(errors: &[PackError]) -> usize {
    errors
        .iter()
        .map(|e| {
            e.message
                .strip_prefix("… and ")
                .and_then(|m| m.strip_suffix(MORE_NOT_SHOWN))
                .and_then(|n| n.trim().parse::<usize>().ok())
                .filter(|_| e.line == 0)
                .unwrap_or(1)
        })
        .sum()
}

/// One problem in a pack, located by file, line, column and field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub file: String,
    /// 1-based; 0 when the error concerns the whole file.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// Field path such as `questions[3].choices`.
    pub path: String,
    pub message: String,
}

impl PackError {
    pub fn whole_file(file: String, message: String) -> PackError {
        PackError {
            file,
            line: 0,
            column: 0,
            path: String::new(),
            message,
        }
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, " {}:{}", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, " {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// `parse_pack` for the packs compiled into the binary, which are expected to be valid: the text
/// is deserialized into typed structs and checked rule by rule without building any message
/// (`typed`), and only if anything is wrong does the full check run, to report it. The result is
/// the same as [`parse_pack`]'s for any text (tests hold the two to that), and the test suite
/// also runs the full [`parse_pack`] on every compiled-in pack (`tests/bank_quality.rs`).
pub fn parse_embedded_pack(
    file: &str,
    text: &str,
    rules: &Rules,
) -> Result<Vec<Question>, Vec<PackError>> {
    match typed::parse(file, text, rules) {
        Some(questions) => Ok(questions),
        None => parse_pack(file, text, rules),
    }
}

/// Parses and validates one pack, returning its questions (with `Source::Pack { file }`) or
/// every error found, sorted by position.
pub fn parse_pack(file: &str, text: &str, rules: &Rules) -> Result<Vec<Question>, Vec<PackError>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![too_large(file, text.len())]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (value, repeats) = match json::parse(text) {
        Ok(v) => v,
        Err(e) => return Err(vec![syntax_error(file, text, &e)]),
    };
    let mut checker = check::Checker::new(rules, file);
    let questions = checker.pack(&value);
    match located(file, text, &checker, repeats) {
        None => Ok(questions),
        Some(errors) => Err(errors),
    }
}

/// The checker's issues (and any repeated key in the text) as errors located by line and
/// column, sorted by position and capped at [`MAX_ERRORS`]; `None` when there are none.
/// `repeats`: whether the parse saw a repeated key ([`json::parse`]); without it and without
/// issues there is nothing to locate, and the text scan is skipped.
pub(crate) fn located(
    file: &str,
    text: &str,
    checker: &check::Checker<'_>,
    repeats: bool,
) -> Option<Vec<PackError>> {
    if checker.issues.is_empty() && !repeats {
        return None;
    }
    // One pass over the text, keeping only the positions the errors need.
    let index = SpanIndex::for_paths(text, checker.issues.iter().map(|i| i.at.as_str()));
    if checker.issues.is_empty() && index.duplicates().is_empty() {
        return None;
    }
    let at = |line_col: Option<LineCol>| line_col.map_or((0, 0), |a| (a.line, a.column));
    let mut errors: Vec<PackError> = checker
        .issues
        .iter()
        .map(|issue| {
            let (line, column) = at(index.locate(&issue.at, issue.key));
            PackError {
                file: file.to_string(),
                line,
                column,
                path: issue.path.clone(),
                message: issue.message.clone(),
            }
        })
        .collect();
    errors.extend(index.duplicates().iter().map(|r| {
        let (line, column) = at(Some(index.line_col(r.offset)));
        PackError {
            file: file.to_string(),
            line,
            column,
            path: r.object.clone(),
            message: format!("field {} appears twice in one object", check::quote(&r.key)),
        }
    }));
    errors.sort_by_key(|e| (e.line, e.column));
    let dropped = checker.dropped + errors.len().saturating_sub(MAX_ERRORS);
    errors.truncate(MAX_ERRORS);
    if dropped > 0 {
        errors.push(PackError::whole_file(
            file.to_string(),
            format!("… and {dropped} {MORE_NOT_SHOWN}"),
        ));
    }
    Some(errors)
}

fn too_large(file: &str, bytes: usize) -> PackError {
    // Display only: the precision lost converting to f64 does not matter.
    #[allow(clippy::cast_precision_loss)]
    let mib = bytes as f64 / (1024.0 * 1024.0);
    PackError::whole_file(
        file.to_string(),
        format!(
            "the file is {mib:.1} MiB ({bytes} bytes); a pack may be at most {} MiB",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// A JSON syntax (or typed-deserialization) error, located by serde_json's line and column.
pub(crate) fn syntax_error(file: &str, text: &str, e: &serde_json::Error) -> PackError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let mut message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    if message.contains("recursion limit exceeded") {
        message = "the JSON is nested too deeply (the limit is 127 levels)".into();
    } else {
        message = format!("invalid JSON: {message}");
    }
    if e.line() == 0 {
        return PackError::whole_file(file.to_string(), message);
    }
    let index = SpanIndex::for_paths(text, []);
    let at = index.line_col(index.offset_of(e.line(), e.column()));
    PackError {
        file: file.to_string(),
        line: at.line,
        column: at.column,
        path: String::new(),
        message,
    }
}

/// Reads a pack file, or every `*.json` file of a directory (sorted by name). An unreadable
/// path is an I/O error naming it; files too large or not UTF-8 are pack errors (all of them
/// are collected).
pub fn read_pack_files(path: &Path) -> Result<Vec<(String, String)>, BankError> {
    let (files, errors) = read_pack_files_and_errors(path)?;
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(BankError::Packs(errors))
    }
}

/// Files read (name, text), and the errors of those that could not be.
pub type FilesAndErrors = (Vec<(String, String)>, Vec<PackError>);

/// [`read_pack_files`], with the files that could be read and the errors of those that could
/// not (not a regular file, too large, not UTF-8) apart, so the readable ones are still
/// checked and every problem is reported at once.
pub fn read_pack_files_and_errors(path: &Path) -> Result<FilesAndErrors, BankError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |source| BankError::Io { path: p, source }
    };
    let meta = std::fs::metadata(path).map_err(io(path))?;
    let paths = if meta.is_dir() {
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(path).map_err(io(path))? {
            let p = entry.map_err(io(path))?.path();
            if p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            {
                paths.push(p);
            }
        }
        paths.sort();
        paths
    } else {
        vec![path.to_path_buf()]
    };
    let mut files = Vec::with_capacity(paths.len());
    let mut errors = Vec::new();
    for p in paths {
        let name = p.display().to_string();
        // Before opening: opening a FIFO blocks until a writer comes, and a device (/dev/zero)
        // never ends. The metadata follows symlinks (a loop is an I/O error saying so).
        let kind = std::fs::metadata(&p).map_err(io(&p))?.file_type();
        if !kind.is_file() {
            errors.push(PackError::whole_file(
                name,
                format!(
                    "not a regular file ({}); a pack must be a JSON file",
                    file_kind(kind)
                ),
            ));
            continue;
        }
        let mut bytes = Vec::new();
        let file = std::fs::File::open(&p).map_err(io(&p))?;
        let limit = u64::try_from(MAX_FILE_BYTES).unwrap_or(u64::MAX);
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(io(&p))?;
        if bytes.len() > MAX_FILE_BYTES {
            let size = std::fs::metadata(&p)
                .ok()
                .and_then(|m| usize::try_from(m.len()).ok())
                .unwrap_or(bytes.len());
            errors.push(too_large(&name, size));
            continue;
        }
        match String::from_utf8(bytes) {
            Ok(text) => files.push((name, text)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let valid = &e.as_bytes()[..offset];
                // The prefix is valid UTF-8 by construction.
                let prefix = std::str::from_utf8(valid).unwrap_or("");
                let line = prefix.matches('\n').count() + 1;
                let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                errors.push(PackError {
                    file: name,
                    line,
                    column,
                    path: String::new(),
                    message: format!("invalid UTF-8 at byte {offset}: a pack must be UTF-8 text"),
                });
            }
        }
    }
    Ok((files, errors))
}

/// What a file that is not a regular file is, in words.
fn file_kind(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}
