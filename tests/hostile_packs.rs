//! Hostile question packs: each gives a clear error (the message is asserted), never a panic or
//! a hang, with bounded memory. Files go through the real reading path (`Bank::load` /
//! `read_pack_files`) where the hazard is in the bytes (invalid UTF-8, size), and through the
//! binary where a crash would show (deep nesting, a 100 MB file, escape sequences in errors).
//!
//! Also: pack text carrying escape sequences, C0/C1 controls, bidi overrides and zero-width
//! characters. The loader refuses control and bidi characters in every text field; zero-width
//! characters are legal text, and `tui::text::sanitize` (used by every front end) removes all of
//! them before anything reaches a terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use az900::bank::pack::{MAX_FILE_BYTES, PackError, parse_pack, read_pack_files};
use az900::bank::{Bank, BankError};
use az900::rules::Rules;
use az900::tui::text::sanitize;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::embedded().unwrap());

/// Tests that measure memory run one at a time (the peak is per process).
static HEAVY: Mutex<()> = Mutex::new(());

fn heavy() -> std::sync::MutexGuard<'static, ()> {
    HEAVY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Counts the hostile inputs of one test and prints the figure when dropped.
struct Tally {
    name: &'static str,
    n: AtomicUsize,
}

impl Tally {
    fn new(name: &'static str) -> Tally {
        Tally {
            name,
            n: AtomicUsize::new(0),
        }
    }
    fn add(&self) {
        self.n.fetch_add(1, Ordering::Relaxed);
    }
    fn count(&self) -> usize {
        self.n.load(Ordering::Relaxed)
    }
}

impl Drop for Tally {
    fn drop(&mut self) {
        println!("{}: hostile inputs tried: {}", self.name, self.count());
    }
}

const FILE: &str = "hostile.json";

/// Parses `text`, failing the test if it takes long (a hang or a quadratic blow-up).
fn parse(text: &str) -> Result<usize, Vec<PackError>> {
    let start = Instant::now();
    let result = parse_pack(FILE, text, &RULES);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "parsing took {:?}",
        start.elapsed()
    );
    result.map(|qs| qs.len())
}

/// The displayed errors of a text that must be rejected.
fn errors(text: &str) -> Vec<String> {
    let errs = parse(text).expect_err("the pack should be rejected");
    for e in &errs {
        assert_eq!(e.file, FILE, "{e}");
    }
    errs.iter().map(ToString::to_string).collect()
}

fn choice(text: &str, correct: bool) -> Value {
    json!({ "text": text, "correct": correct, "why": format!("Because of {text}.") })
}

fn question(id: &str, prompt: &str) -> Value {
    json!({
        "id": id,
        "concept": "iaas-os-customer",
        "topic": "shared-responsibility",
        "kind": "single",
        "prompt": prompt,
        "choices": [choice("The customer", true), choice("Microsoft", false)],
        "explanation": "The customer owns the guest OS.",
        "refs": ["https://learn.microsoft.com/en-us/azure/security/fundamentals/shared-responsibility"]
    })
}

fn pack(name: &str, questions: Vec<Value>) -> String {
    serde_json::to_string_pretty(
        &json!({ "format": 1, "pack": format!("pack-{name}"), "questions": questions }),
    )
    .unwrap()
}

fn valid_fixture() -> String {
    let path = format!(
        "{}/tests/fixtures/packs/valid.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// The `Packs` errors of `Bank::load` on the given paths, as displayed.
fn load_errors(paths: &[&Path]) -> Vec<String> {
    let paths: Vec<_> = paths.iter().map(|p| p.to_path_buf()).collect();
    match Bank::load(&paths) {
        Ok(_) => panic!("the bank loaded"),
        Err(BankError::Packs(errs)) => errs.iter().map(ToString::to_string).collect(),
        Err(other) => panic!("not a pack error: {other}"),
    }
}

/// Runs the binary on `args`, returning (exit code, stderr).
fn az900(args: &[&str], data: &Path) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_az900"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Peak resident memory of this process since the last reset, in KiB, if Linux tells.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak (Linux ≥ 4.0); false where that is not possible.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Runs `f`, returning how far the peak resident memory rose above the memory in use before, in
/// MiB (`None` where it cannot be measured).
fn peak_growth_mib(f: impl FnOnce()) -> Option<u64> {
    let before = rss_kib();
    let reset = reset_peak();
    f();
    let peak = peak_kib();
    match (reset, before, peak) {
        (true, Some(b), Some(p)) => Some(p.saturating_sub(b) / 1024),
        _ => {
            println!("peak memory cannot be measured here: memory bound not checked");
            None
        }
    }
}

// ----- syntax and encoding ---------------------------------------------------------------

#[test]
fn invalid_json_is_one_located_syntax_error() {
    let tally = Tally::new("invalid JSON");
    let cases: &[(&str, &str)] = &[
        (
            "",
            "hostile.json 1:1: invalid JSON: EOF while parsing a value",
        ),
        (
            "{\"format\": 1,",
            "hostile.json 1:13: invalid JSON: EOF while parsing a value",
        ),
        (
            "{\"format\": 1 \"pack\": 2}",
            "hostile.json 1:14: invalid JSON: expected `,` or `}`",
        ),
        (
            "{'format': 1}",
            "hostile.json 1:2: invalid JSON: key must be a string",
        ),
        (
            "{\"format\": 01}",
            "hostile.json 1:13: invalid JSON: invalid number",
        ),
        (
            "{\"format\": NaN}",
            "hostile.json 1:12: invalid JSON: expected value",
        ),
        (
            "{\"a\": \"open",
            "hostile.json 1:11: invalid JSON: EOF while parsing a string",
        ),
        (
            "{\"a\": \"\\u12\"}",
            "hostile.json 1:13: invalid JSON: invalid escape",
        ),
        (
            "{\"a\": \"\\ud800\"}",
            "hostile.json 1:14: invalid JSON: unexpected end of hex escape",
        ),
        (
            "{\"a\": \"tab\there\"}",
            "hostile.json 1:11: invalid JSON: control character (\\u0000-\\u001F) found while parsing a string",
        ),
        (
            "{} {}",
            "hostile.json 1:4: invalid JSON: trailing characters",
        ),
        ("\n\n   ]", "hostile.json 3:4: invalid JSON: expected value"),
    ];
    let mut mismatched = Vec::new();
    for (text, want) in cases {
        tally.add();
        let got = errors(text);
        assert_eq!(got.len(), 1, "{text:?}: {got:?}");
        if !got[0].starts_with(want) {
            mismatched.push(format!("{text:?}\n  got  {}\n  want {want}", got[0]));
        }
    }
    assert!(mismatched.is_empty(), "{}", mismatched.join("\n"));
    // A number too big for any type is still a syntax error, not a crash.
    tally.add();
    let got = errors("{\"format\": 1e400}");
    assert!(
        got[0].contains("invalid JSON: number out of range"),
        "{got:?}"
    );
}

#[test]
fn invalid_utf8_is_reported_through_bank_load() {
    let tally = Tally::new("invalid UTF-8");
    let dir = tempfile::tempdir().unwrap();
    // (bytes, byte offset of the first bad byte, line, column)
    let cases: &[(&[u8], usize, usize, usize)] = &[
        (b"{\"pack\": \"caf\xe9\"}", 13, 1, 14), // Latin-1
        (b"{\n\"a\": \"\xc0\xaf\"}", 8, 2, 7),   // overlong '/'
        (b"{\"a\": \"\xed\xa0\x80\"}", 7, 1, 8), // a UTF-16 surrogate
        (b"{\"a\": \"\xe2\x82", 7, 1, 8),        // cut inside a character
        (b"\xff\xfe{\0\"\0", 0, 1, 1),           // UTF-16 with a BOM
        (b"\x80", 0, 1, 1),                      // a lone continuation byte
    ];
    for (i, (bytes, offset, line, column)) in cases.iter().enumerate() {
        tally.add();
        let path = dir.path().join(format!("bad-{i}.json"));
        std::fs::write(&path, bytes).unwrap();
        let got = load_errors(&[&path]);
        assert_eq!(
            got,
            [format!(
                "{} {line}:{column}: invalid UTF-8 at byte {offset}: a pack must be UTF-8 text",
                path.display()
            )],
            "case {i}"
        );
    }
    // A directory with every bad file: each one is reported, none stops the others.
    tally.add();
    let Err(BankError::Packs(errs)) = read_pack_files(dir.path()) else {
        panic!("a directory of invalid UTF-8 accepted")
    };
    assert_eq!(errs.len(), cases.len());
    assert!(errs.iter().all(|e| e.message.contains("invalid UTF-8")));
}

// ----- size ------------------------------------------------------------------------------

const HUNDRED_MB: u64 = 100 * 1024 * 1024;

#[test]
fn a_100_mb_pack_is_refused_by_size_before_parsing() {
    let _serial = heavy();
    let tally = Tally::new("100 MB files");
    let dir = tempfile::tempdir().unwrap();
    let want = |p: &Path| {
        format!(
            "{}: the file is 100.0 MiB (104857600 bytes); a pack may be at most {} MiB",
            p.display(),
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };

    // Sparse: 100 MB of zero bytes that take no disk space.
    tally.add();
    let sparse = dir.path().join("sparse.json");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(HUNDRED_MB)
        .unwrap();
    let mut got = Vec::new();
    let growth = peak_growth_mib(|| got = load_errors(&[&sparse]));
    assert_eq!(got, [want(&sparse)]);
    if let Some(mib) = growth {
        println!("sparse 100 MB: peak memory grew {mib} MiB");
        assert!(
            mib < 48,
            "reading a 100 MB pack raised the peak by {mib} MiB"
        );
    }

    // Real bytes: a pack-looking text (a huge array of questions) written chunk by chunk.
    tally.add();
    let written = dir.path().join("written.json");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&written).unwrap());
        let head = b"{\"format\": 1, \"pack\": \"big\", \"questions\": [";
        f.write_all(head).unwrap();
        let chunk = format!("{},", question("q-big", &"x".repeat(900)));
        let mut n = head.len() as u64;
        while n + chunk.len() as u64 <= HUNDRED_MB {
            f.write_all(chunk.as_bytes()).unwrap();
            n += chunk.len() as u64;
        }
        f.write_all(&vec![b' '; (HUNDRED_MB - n) as usize]).unwrap();
        f.flush().unwrap();
    }
    assert_eq!(std::fs::metadata(&written).unwrap().len(), HUNDRED_MB);
    let start = Instant::now();
    let growth = peak_growth_mib(|| got = load_errors(&[&written]));
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(got, [want(&written)]);
    if let Some(mib) = growth {
        println!("written 100 MB: peak memory grew {mib} MiB");
        assert!(
            mib < 48,
            "reading a 100 MB pack raised the peak by {mib} MiB"
        );
    }

    // The binary says the same, in one exit code 1 and no crash.
    tally.add();
    let (code, stderr) = az900(
        &["bank", "validate", written.to_str().unwrap()],
        &dir.path().join("data"),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("the file is 100.0 MiB (104857600 bytes)"),
        "{stderr}"
    );
    std::fs::remove_file(&written).unwrap();
}

#[test]
fn text_over_the_limit_is_refused_even_when_handed_over_directly() {
    let tally = Tally::new("oversized text");
    tally.add();
    let text = format!("{}{}", pack("big", vec![]), " ".repeat(MAX_FILE_BYTES));
    assert_eq!(
        errors(&text),
        [format!(
            "hostile.json: the file is 8.0 MiB ({} bytes); a pack may be at most 8 MiB",
            text.len()
        )]
    );
}

// ----- structure ---------------------------------------------------------------------------

#[test]
fn nesting_100_000_levels_deep_is_refused_cleanly() {
    let _serial = heavy();
    let tally = Tally::new("deep nesting");
    const DEPTH: usize = 100_000;
    let arrays = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let objects = format!("{}1{}", "{\"a\":".repeat(DEPTH), "}".repeat(DEPTH));
    let mixed = format!("{}{}", "[{\"a\":".repeat(DEPTH / 2), "}]".repeat(DEPTH / 2));
    let unclosed = "[".repeat(DEPTH);
    let in_a_field = format!(
        "{{\"format\": 1, \"pack\": \"deep\", \"questions\": [{{\"id\": \"deep-q\", \"prompt\": {arrays}}}]}}"
    );
    let mut growth_max = 0;
    for text in [&arrays, &objects, &mixed, &unclosed, &in_a_field] {
        tally.add();
        let mut got = Vec::new();
        if let Some(mib) = peak_growth_mib(|| got = errors(text)) {
            growth_max = growth_max.max(mib);
        }
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].ends_with(": the JSON is nested too deeply (the limit is 127 levels)"),
            "{got:?}"
        );
        assert!(got[0].starts_with("hostile.json 1:"), "{got:?}");
    }
    println!("deep nesting: peak memory grew at most {growth_max} MiB");
    assert!(
        growth_max < 48,
        "deep nesting raised the peak by {growth_max} MiB"
    );

    // The binary (main thread stack) survives it too.
    tally.add();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.json");
    std::fs::write(&path, &objects).unwrap();
    let (code, stderr) = az900(
        &["bank", "validate", path.to_str().unwrap()],
        &dir.path().join("data"),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("nested too deeply"), "{stderr}");
}

#[test]
fn unknown_missing_and_mistyped_fields_are_named() {
    let tally = Tally::new("field errors");
    let mut cases: Vec<(Value, &str)> = Vec::new();

    let mut q = question("unknown-field", "Unknown?");
    q["promt"] = json!("typo");
    cases.push((
        q,
        "questions[0]: unknown field \"promt\" (did you mean \"prompt\"?)",
    ));

    let mut q = question("unknown-far", "Unknown?");
    q["zzzzzzzz"] = json!(1);
    cases.push((
        q,
        "questions[0]: unknown field \"zzzzzzzz\" (expected one of:",
    ));

    let mut q = question("missing-prompt", "x");
    q.as_object_mut().unwrap().remove("prompt");
    cases.push((q, "questions[0].prompt: missing field \"prompt\""));

    let mut q = question("missing-choices", "Missing choices?");
    q.as_object_mut().unwrap().remove("choices");
    cases.push((q, "questions[0].choices: missing field \"choices\""));

    let mut q = question("wrong-prompt", "x");
    q["prompt"] = json!(42);
    cases.push((q, "questions[0].prompt: expected a string, found a number"));

    let mut q = question("wrong-choices", "Wrong choices?");
    q["choices"] = json!({ "text": "a" });
    cases.push((
        q,
        "questions[0].choices: expected an array, found an object",
    ));

    let mut q = question("wrong-correct", "Wrong correct?");
    q["choices"][0]["correct"] = json!("yes");
    cases.push((
        q,
        "questions[0].choices[0].correct: expected true or false, found a string",
    ));

    let mut q = question("wrong-refs", "Wrong refs?");
    q["refs"] = json!(null);
    cases.push((q, "questions[0].refs: expected an array, found null"));

    let mut q = question("wrong-kind", "Wrong kind?");
    q["kind"] = json!("essay");
    cases.push((
        q,
        "questions[0].kind: unknown kind \"essay\" (expected one of:",
    ));

    let mut q = question("number-kind", "Kind as a number?");
    q["kind"] = json!(3);
    cases.push((q, "questions[0].kind: expected a string, found a number"));

    let mut q = question("alien-field", "A field of another kind?");
    q["statements"] = json!([]);
    cases.push((
        q,
        "questions[0]: field \"statements\" does not belong to a single question",
    ));

    for (q, want) in cases {
        tally.add();
        let got = errors(&pack("fields", vec![q]));
        assert!(
            got.iter()
                .any(|e| e.starts_with("hostile.json ") && e.contains(want)),
            "want {want:?} in {got:#?}"
        );
    }

    let whole: &[(&str, &str)] = &[
        ("[]", "hostile.json 1:1: expected an object, found an array"),
        (
            "\"pack\"",
            "hostile.json 1:1: expected an object, found a string",
        ),
        ("null", "hostile.json 1:1: expected an object, found null"),
        (
            r#"{"format": "1", "pack": "p", "questions": []}"#,
            "hostile.json 1:12 format: format must be 1, found a string (this version reads format 1 packs)",
        ),
        (
            r#"{"format": -1, "pack": "p", "questions": [{}]}"#,
            "hostile.json 1:12 format: format must be 1, found -1",
        ),
        (
            r#"{"format": 18446744073709551615, "pack": "p", "questions": [{}]}"#,
            "hostile.json 1:12 format: format must be 1, found 18446744073709551615",
        ),
        (
            r#"{"format": 1, "pack": "p", "questions": {"0": {}}}"#,
            "hostile.json 1:41 questions: expected an array, found an object",
        ),
    ];
    let mut mismatched = Vec::new();
    for (text, want) in whole {
        tally.add();
        let got = errors(text);
        if !got.iter().any(|e| e.starts_with(want)) {
            mismatched.push(format!("{text}\n  got  {got:?}\n  want {want}"));
        }
    }
    assert!(mismatched.is_empty(), "{}", mismatched.join("\n"));
}

#[test]
fn duplicate_ids_are_refused_within_a_pack_and_across_packs() {
    let tally = Tally::new("duplicate ids");
    tally.add();
    let text = pack(
        "dups",
        vec![
            question("same-id", "First?"),
            question("same-id", "Second?"),
        ],
    );
    let got = errors(&text);
    assert!(
        got.iter()
            .any(|e| e.contains("questions[1].id: duplicate id \"same-id\" (also questions[0])")),
        "{got:#?}"
    );

    // Two files, each valid alone: Bank::load names both.
    tally.add();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    std::fs::write(&a, pack("a", vec![question("shared-id", "In pack a?")])).unwrap();
    std::fs::write(&b, pack("b", vec![question("shared-id", "In pack b?")])).unwrap();
    assert!(
        Bank::load(std::slice::from_ref(&a)).is_ok(),
        "pack a alone is valid"
    );
    assert!(
        Bank::load(std::slice::from_ref(&b)).is_ok(),
        "pack b alone is valid"
    );
    let got = load_errors(&[&a, &b]);
    assert_eq!(
        got,
        [format!(
            "{}: questions: duplicate id \"shared-id\" (also in {})",
            b.display(),
            a.display()
        )]
    );
    // The same file given twice is a duplicate too (not silently merged).
    tally.add();
    let got = load_errors(&[&a, &a]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains("duplicate id \"shared-id\""), "{got:?}");

    // An id clashing with an embedded (generated or shipped) question.
    tally.add();
    let embedded_id = Bank::embedded().unwrap().questions()[0].id.clone();
    let c = dir.path().join("c.json");
    std::fs::write(&c, pack("c", vec![question(&embedded_id, "Clash?")])).unwrap();
    let got = load_errors(&[&c]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with(&format!(
            "{}: questions: duplicate id {embedded_id:?} (also in ",
            c.display()
        )),
        "{got:?}"
    );
}

#[test]
fn ten_thousand_items_in_a_list_give_one_error_each() {
    let _serial = heavy();
    let tally = Tally::new("10 000-item lists");
    let n = 10_000;
    let statements: Vec<Value> = (0..n)
        .map(|i| json!({ "text": format!("s{i}"), "answer": true, "why": "w" }))
        .collect();
    let items_match: Vec<Value> = (0..n)
        .map(|i| json!({ "text": format!("i{i}"), "category": "A", "why": "w" }))
        .collect();
    let items_order: Vec<Value> = (0..n)
        .map(|i| json!({ "text": format!("o{i}"), "why": "w" }))
        .collect();
    let single_choices: Vec<Value> = (0..n).map(|i| choice(&format!("c{i}"), i == 0)).collect();
    let refs: Vec<Value> = (0..n)
        .map(|i| json!(format!("https://learn.microsoft.com/en-us/azure/{i}")))
        .collect();

    let mut cases: Vec<(Value, &str, String)> = Vec::new();
    let mut q = question("many-choices", "Which one?");
    q["choices"] = Value::Array(single_choices);
    cases.push((
        q,
        "questions[0].choices",
        "a single question needs at most 12 choices, found 10000".into(),
    ));
    let mut q = question("many-statements", "Yes or no?");
    q["kind"] = json!("yes_no");
    q.as_object_mut().unwrap().remove("choices");
    q["statements"] = Value::Array(statements);
    cases.push((q, "questions[0].statements", "found 10000".into()));
    let mut q = question("many-match", "Match them.");
    q["kind"] = json!("match");
    q.as_object_mut().unwrap().remove("choices");
    q["categories"] = json!(["A", "B"]);
    q["items"] = Value::Array(items_match);
    cases.push((q, "questions[0].items", "found 10000".into()));
    let mut q = question("many-order", "Order them.");
    q["kind"] = json!("order");
    q.as_object_mut().unwrap().remove("choices");
    q["items"] = Value::Array(items_order);
    cases.push((
        q,
        "questions[0].items",
        "an order question needs at most 12 items, found 10000".into(),
    ));

    for (q, path, message) in cases {
        tally.add();
        let text = pack("many", vec![q]);
        let start = Instant::now();
        let errs = parse(&text).unwrap_err();
        let elapsed = start.elapsed();
        let shown: Vec<_> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(errs.len(), 1, "{path}: {shown:#?}");
        assert_eq!(errs[0].path, path, "{shown:?}");
        assert!(errs[0].message.contains(&message), "{shown:?}");
        assert!(elapsed < Duration::from_secs(2), "{path}: {elapsed:?}");
    }

    // Reference URLs have no upper bound in the format (only the 8 MiB file limit): 10 000 of
    // them load, in bounded time.
    tally.add();
    let mut q = question("many-refs", "Many refs?");
    q["refs"] = Value::Array(refs);
    let start = Instant::now();
    assert_eq!(parse(&pack("many", vec![q])), Ok(1));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn megabyte_texts_are_caught_by_the_length_limits_with_short_messages() {
    let _serial = heavy();
    let tally = Tally::new("1 MB texts");
    let mb = 1_000_000;
    let ascii = "x".repeat(mb);
    let wide = "é".repeat(mb); // 2 MB of UTF-8, 1 M characters
    let fields: &[(&[&str], &str)] = &[
        (&["prompt"], "questions[0].prompt"),
        (&["explanation"], "questions[0].explanation"),
        (&["choices", "0", "text"], "questions[0].choices[0].text"),
        (&["choices", "1", "why"], "questions[0].choices[1].why"),
    ];
    for body in [&ascii, &wide] {
        for (at, path) in fields {
            tally.add();
            let mut q = question("huge-text", "Huge?");
            let mut node = &mut q;
            for step in *at {
                node = match step.parse::<usize>() {
                    Ok(i) => &mut node[i],
                    Err(_) => &mut node[*step],
                };
            }
            *node = json!(body);
            let errs = parse(&pack("huge", vec![q])).unwrap_err();
            let shown: Vec<_> = errs.iter().map(ToString::to_string).collect();
            let too_long: Vec<_> = errs.iter().filter(|e| e.path == *path).collect();
            assert_eq!(too_long.len(), 1, "{shown:?}");
            assert_eq!(
                too_long[0].message,
                "is 1000000 characters long; the limit is 4000"
            );
            // A refused choice may also leave its list short of a correct choice; nothing else.
            assert!(
                errs.iter()
                    .all(|e| e.path == *path || e.path == "questions[0].choices"),
                "{shown:?}"
            );
        }
    }
    // A huge value or key in a place that is quoted back stays short in the message.
    for huge in [&ascii, &wide] {
        tally.add();
        let mut q = question("huge-key", "Huge key?");
        q[huge.as_str()] = json!(1);
        q["kind"] = json!(huge);
        let errs = parse(&pack("huge", vec![q])).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        for e in &errs {
            let shown = e.to_string();
            assert!(
                shown.chars().count() < 400,
                "a {}-character message quotes the whole text",
                shown.chars().count()
            );
            assert!(
                shown.contains('…'),
                "the quoted text is not marked as cut: {shown}"
            );
        }
    }
}

// ----- control characters ------------------------------------------------------------------

/// 1-based line and column of the value after the first `key` in `text`.
fn value_position(text: &str, key: &str) -> (usize, usize) {
    let at = text.find(key).unwrap() + key.len();
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

/// Every character the loader must refuse inside pack text.
fn forbidden_chars() -> Vec<char> {
    let mut v: Vec<char> = ('\u{0}'..='\u{1f}').filter(|c| *c != '\n').collect();
    v.push('\u{7f}');
    v.extend('\u{80}'..='\u{9f}');
    v.extend('\u{202a}'..='\u{202e}');
    v.extend('\u{2066}'..='\u{2069}');
    v
}

/// Invisible characters that are legal in pack text but must never reach the terminal.
const INVISIBLE: &[char] = &[
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{2060}', '\u{2061}', '\u{2062}',
    '\u{2063}', '\u{2064}', '\u{feff}', '\u{00ad}', '\u{061c}', '\u{180e}',
];

#[test]
fn the_loader_refuses_control_and_bidi_characters() {
    let tally = Tally::new("control characters in a prompt");
    for c in forbidden_chars() {
        tally.add();
        let prompt = format!("Who{c} patches?");
        let text = pack("ctl", vec![question("ctl-char", &prompt)]);
        let (line, column) = value_position(&text, "\"prompt\": ");
        let got = errors(&text);
        assert_eq!(
            got,
            [format!(
                "hostile.json {line}:{column} questions[0].prompt: contains the control character U+{:04X} at character 4 (only newline is allowed)",
                u32::from(c)
            )],
            "U+{:04X}",
            u32::from(c)
        );
    }
    assert_eq!(tally.count(), 31 + 1 + 32 + 5 + 4);
}

#[test]
fn no_text_field_of_a_pack_lets_an_escape_sequence_through() {
    // Every string in the valid fixture, one at a time, gets an escape sequence appended; the
    // pack must then be refused with an error at that very field.
    let tally = Tally::new("escape sequence in each string field");
    let valid: Value = serde_json::from_str(&valid_fixture()).unwrap();
    let mut leaves = Vec::new();
    collect_strings(&valid, String::new(), &mut Vec::new(), &mut leaves);
    assert!(leaves.len() > 80, "only {} strings", leaves.len());
    for (path, pointer) in &leaves {
        for payload in [
            "\u{1b}[2J\u{1b}[H",
            "\u{1b}]0;pwned\u{7}",
            "\u{9b}31m",
            "\u{202e}",
        ] {
            tally.add();
            let mut v = valid.clone();
            let node = v.pointer_mut(pointer).unwrap();
            let old = node.as_str().unwrap().to_string();
            *node = json!(format!("{old}{payload}"));
            let errs = parse(&serde_json::to_string_pretty(&v).unwrap())
                .expect_err(&format!("{payload:?} accepted in {path}"));
            assert!(
                errs.iter().any(|e| e.path == *path),
                "{payload:?} in {path}: errors elsewhere: {errs:#?}"
            );
            for e in &errs {
                let shown = e.to_string();
                assert!(
                    !shown.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
                    "raw control character in {shown:?}"
                );
            }
        }
    }
}

/// (field path as the errors spell it, JSON pointer) of every string in `v`.
fn collect_strings(
    v: &Value,
    path: String,
    pointer: &mut Vec<String>,
    out: &mut Vec<(String, String)>,
) {
    let ptr = || pointer.iter().map(|s| format!("/{s}")).collect::<String>();
    match v {
        Value::String(_) => out.push((path, ptr())),
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                pointer.push(i.to_string());
                collect_strings(child, format!("{path}[{i}]"), pointer, out);
                pointer.pop();
            }
        }
        Value::Object(m) => {
            for (k, child) in m {
                pointer.push(k.clone());
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                collect_strings(child, p, pointer, out);
                pointer.pop();
            }
        }
        _ => {}
    }
}

#[test]
fn zero_width_characters_load_but_never_reach_the_screen() {
    let tally = Tally::new("zero-width characters");
    for c in INVISIBLE {
        tally.add();
        let prompt = format!("Who{c} patches?");
        let qs = parse(&pack("zw", vec![question("zw-char", &prompt)]))
            .unwrap_or_else(|e| panic!("U+{:04X}: {e:?}", u32::from(*c)));
        assert_eq!(qs, 1);
        assert_eq!(sanitize(&prompt), "Who patches?", "U+{:04X}", u32::from(*c));
    }
}

/// Whether a character may reach the terminal.
fn safe_on_screen(c: char) -> bool {
    let control = c.is_control() && c != '\n';
    let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}');
    !(control || bidi || INVISIBLE.contains(&c))
}

#[test]
fn sanitize_strips_escape_sequences_controls_bidi_and_zero_width() {
    let tally = Tally::new("sanitize, fixed inputs");
    let cases: &[(&str, &str)] = &[
        ("plain text\nsecond line", "plain text\nsecond line"),
        ("red \u{1b}[31mtext\u{1b}[0m", "red text"),
        ("clear\u{1b}[2J\u{1b}[Hscreen", "clearscreen"),
        ("title \u{1b}]0;pwned\u{7}set", "title set"),
        ("title \u{1b}]0;pwned\u{1b}\\set", "title set"),
        (
            "link \u{1b}]8;;https://evil.example\u{1b}\\here\u{1b}]8;;\u{1b}\\",
            "link here",
        ),
        ("dcs \u{1b}P1$r0m\u{1b}\\end", "dcs end"),
        ("c1 csi \u{9b}31mred", "c1 csi red"),
        ("c1 osc \u{9d}0;pwned\u{9c}end", "c1 osc end"),
        ("charset \u{1b}(0x", "charset x"),
        ("save\u{1b}7 restore\u{1b}8", "save restore"),
        ("bell\u{7} bs\u{8} nul\u{0} del\u{7f}", "bell bs nul del"),
        ("tab\there", "tab here"),
        ("cr\r\nlf", "cr\nlf"),
        ("abc\u{202e}fed\u{202c}", "abcfed"),
        ("iso\u{2066}late\u{2069}", "isolate"),
        ("zero\u{200b}width\u{200d}joiner\u{feff}", "zerowidthjoiner"),
        ("unterminated \u{1b}[31", "unterminated "),
        ("trailing escape \u{1b}", "trailing escape "),
        ("unterminated osc \u{1b}]0;never ends", "unterminated osc "),
        ("wide 漢字 and é stay", "wide 漢字 and é stay"),
    ];
    for (input, want) in cases {
        tally.add();
        let got = sanitize(input);
        assert_eq!(&got, want, "{input:?}");
        assert!(got.chars().all(safe_on_screen), "{input:?} -> {got:?}");
    }
    // Every forbidden and invisible character, alone and together.
    let all: String = forbidden_chars()
        .into_iter()
        .chain(INVISIBLE.iter().copied())
        .collect();
    for c in all.chars() {
        tally.add();
        let got = sanitize(&format!("a{c}b"));
        assert!(
            got.chars().all(safe_on_screen),
            "U+{:04X} -> {got:?}",
            u32::from(c)
        );
        assert!(got.starts_with('a'), "U+{:04X} -> {got:?}", u32::from(c));
    }
    tally.add();
    assert!(sanitize(&all).chars().all(safe_on_screen));
}

#[test]
fn sanitize_leaves_nothing_unsafe_in_random_text() {
    // Random text salted with escape introducers, controls, bidi and zero-width characters.
    let salt = prop_oneof![
        4 => any::<char>(),
        2 => prop::sample::select(forbidden_chars()),
        1 => prop::sample::select(INVISIBLE.to_vec()),
        1 => prop::sample::select(vec!['[', ']', 'P', '\\', ';', '0', 'm', '\n', 'x']),
    ];
    let strategy =
        prop::collection::vec(salt, 0..64).prop_map(|cs| cs.into_iter().collect::<String>());
    let config = Config {
        cases: 4000,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let tally = Tally::new("sanitize, random inputs");
    let result = runner.run(&strategy, |s| {
        tally.add();
        let once = sanitize(&s);
        prop_assert!(once.chars().all(safe_on_screen), "{s:?} -> {once:?}");
        prop_assert_eq!(sanitize(&once), once.clone(), "not idempotent");
        if s.chars().all(safe_on_screen) {
            prop_assert_eq!(&once, &s, "safe text was changed");
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(tally.count() >= 4000);
}

#[test]
fn errors_printed_by_the_binary_carry_no_raw_escape() {
    let tally = Tally::new("binary error output");
    let dir = tempfile::tempdir().unwrap();
    let mut q = question("esc-prompt", "Who \u{1b}[2J patches?");
    q["\u{1b}]0;pwned\u{7}"] = json!(1);
    q["choices"][0]["text"] = json!("a\u{202e}b");
    let path = dir.path().join("esc.json");
    std::fs::write(&path, pack("esc", vec![q])).unwrap();
    tally.add();
    let (code, stderr) = az900(
        &["bank", "validate", path.to_str().unwrap()],
        &dir.path().join("data"),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("questions[0].prompt: contains the control character U+001B"),
        "{stderr}"
    );
    assert!(
        stderr.chars().all(|c| c == '\n' || safe_on_screen(c)),
        "raw control character on stderr: {stderr:?}"
    );
}
