//! Integration tests of question pack loading and validation (`az900::bank::pack`): the exact
//! file, line, column, path and message of errors, that every error is collected, that a valid
//! pack becomes the right questions, and that hostile input gives a clear error, never a panic.

// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use az900::bank::pack::{MAX_ERRORS, MAX_FILE_BYTES, PackError, parse_pack, read_pack_files};
use az900::bank::question::{
    Body, CellRef, Choice, HotRow, MatchItem, OrderItem, Question, Source, Statement,
};
use az900::bank::{Bank, BankError};
use az900::rules::{Model, Owner, Rules};
use serde_json::{Value, json};

fn rules() -> Rules {
    Rules::embedded().unwrap()
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/packs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The errors of a fixture that must be rejected, as displayed.
fn errors(name: &str) -> Vec<String> {
    let errs = parse_pack(name, &fixture(name), &rules()).expect_err("the pack should be rejected");
    errs.iter().map(ToString::to_string).collect()
}

/// Parses generated text, failing the test if it takes long (a hang or quadratic blow-up).
fn parse_timed(text: &str) -> Result<Vec<Question>, Vec<PackError>> {
    let start = Instant::now();
    let result = parse_pack("hostile.json", text, &rules());
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "parsing took {:?}",
        start.elapsed()
    );
    result
}

fn choice(text: &str, correct: bool) -> Value {
    json!({ "text": text, "correct": correct, "why": format!("Because of {text}.") })
}

/// A valid `single` question to break in one way.
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

fn pack(questions: Vec<Value>) -> String {
    json!({ "format": 1, "pack": "hostile", "questions": questions }).to_string()
}

// ----- valid packs -----------------------------------------------------------------------

#[test]
#[allow(clippy::too_many_lines)] // one fixture pack, every field of every kind checked
fn a_valid_pack_becomes_the_right_questions() {
    let qs = parse_pack("valid.json", &fixture("valid.json"), &rules()).unwrap();
    let ids: Vec<_> = qs.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "fx-single",
            "fx-multi",
            "fx-yes-no",
            "fx-dropdown",
            "fx-match",
            "fx-order",
            "fx-hot-area"
        ]
    );
    let c = |text: &str, correct, why: &str| Choice {
        text: text.into(),
        correct,
        why: why.into(),
    };

    let single = &qs[0];
    assert_eq!(single.concept, "iaas-os-customer");
    assert_eq!(single.topic, "shared-responsibility");
    assert_eq!(single.prompt, "Who patches the guest OS of an Azure VM?");
    assert_eq!(single.explanation, "On a VM the customer owns the OS.");
    assert_eq!(
        single.refs,
        ["https://learn.microsoft.com/en-us/azure/security/fundamentals/shared-responsibility"]
    );
    assert_eq!(
        single.source,
        Source::Pack {
            file: "valid.json".into()
        }
    );
    assert_eq!(
        single.body,
        Body::Single {
            choices: vec![
                c("The customer", true, "In IaaS the OS is the customer's."),
                c(
                    "Microsoft",
                    false,
                    "Microsoft runs the hosts, not the guest OS."
                ),
            ]
        }
    );
    assert_eq!(
        single.cells,
        [
            CellRef {
                layer: "operating-system".into(),
                model: Model::Iaas,
                owner: Some(Owner::Customer)
            },
            CellRef {
                layer: "devices".into(),
                model: Model::Saas,
                owner: None
            },
        ]
    );

    assert_eq!(qs[1].body.choose(), Some(2));
    assert!(qs[1].cells.is_empty());
    assert_eq!(
        qs[2].body,
        Body::YesNo {
            statements: vec![
                Statement {
                    text: "In PaaS, Microsoft patches the OS.".into(),
                    answer: true,
                    why: "The platform includes the OS.".into()
                },
                Statement {
                    text: "In IaaS, Microsoft patches the guest OS.".into(),
                    answer: false,
                    why: "The guest OS is the customer's.".into()
                },
            ]
        }
    );
    assert_eq!(
        qs[3].body,
        Body::Dropdown {
            sentence: "In SaaS, ___ is responsible for the application.".into(),
            choices: vec![
                c("Microsoft", true, "The provider runs the app."),
                c("the customer", false, "The customer only uses it."),
            ]
        }
    );
    let item = |text: &str, category, why: &str| MatchItem {
        text: text.into(),
        category,
        why: why.into(),
    };
    assert_eq!(
        qs[4].body,
        Body::Match {
            categories: vec!["IaaS".into(), "PaaS".into(), "SaaS".into()],
            items: vec![
                item("Azure Virtual Machines", 0, "You manage the OS."),
                item("Microsoft 365", 2, "A finished application."),
                item("Azure App Service", 1, "You bring only code."),
            ]
        }
    );
    let Body::Order { items } = &qs[5].body else {
        panic!("not an order question: {:?}", qs[5].body)
    };
    let texts: Vec<_> = items.iter().map(|i: &OrderItem| i.text.as_str()).collect();
    assert_eq!(texts, ["On-premises", "IaaS", "SaaS"]);
    assert_eq!(
        qs[6].body,
        Body::HotArea {
            columns: vec!["IaaS".into(), "PaaS".into()],
            rows: vec![
                HotRow {
                    label: "Operating system".into(),
                    why: "Customer in IaaS only.".into()
                },
                HotRow {
                    label: "Physical hosts".into(),
                    why: "Microsoft in both.".into()
                },
            ],
            answer: vec![(0, 0)],
            one_per_row: false,
        }
    );
    assert_eq!(qs[6].body.parts(), 1);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", pack(vec![question("bom-ok", "With a BOM?")]));
    assert_eq!(parse_timed(&text).unwrap().len(), 1);
}

#[test]
fn hot_area_answers_are_sorted() {
    let mut q = question("grid-sorted", "Select the cells.");
    let m = q.as_object_mut().unwrap();
    m.remove("choices");
    m.insert("kind".into(), json!("hot_area"));
    m.insert("columns".into(), json!(["IaaS", "PaaS"]));
    m.insert(
        "rows".into(),
        json!([{ "label": "OS", "why": "a" }, { "label": "Hosts", "why": "b" }]),
    );
    m.insert("answer".into(), json!([[1, 1], [0, 1], [0, 0]]));
    let qs = parse_timed(&pack(vec![q])).unwrap();
    let Body::HotArea { answer, .. } = &qs[0].body else {
        panic!("{:?}", qs[0].body)
    };
    assert_eq!(answer, &[(0, 0), (0, 1), (1, 1)]);
}

/// A two-row grid whose key has `answer`, with `one_per_row` set to `flag` (absent: `None`).
fn grid(answer: Value, flag: Option<Value>) -> Value {
    let mut q = question("grid-per-row", "For each layer, select who is responsible.");
    let m = q.as_object_mut().unwrap();
    m.remove("choices");
    m.insert("kind".into(), json!("hot_area"));
    m.insert("columns".into(), json!(["Customer", "Microsoft"]));
    m.insert(
        "rows".into(),
        json!([{ "label": "OS", "why": "a" }, { "label": "Hosts", "why": "b" }]),
    );
    m.insert("answer".into(), answer);
    if let Some(f) = flag {
        m.insert("one_per_row".into(), f);
    }
    q
}

#[test]
fn one_per_row_is_read_by_both_readers_and_needs_one_key_cell_in_each_row() {
    let per_row = |text: &str| {
        let full = parse_timed(text).map(|qs| qs[0].body.clone());
        let fast = az900::bank::pack::parse_embedded_pack("hostile.json", text, &rules())
            .map(|qs| qs[0].body.clone());
        assert_eq!(full, fast, "both readers agree");
        full.map(|b| {
            matches!(
                b,
                Body::HotArea {
                    one_per_row: true,
                    ..
                }
            )
        })
        .map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>())
    };
    let good = json!([[0, 0], [1, 1]]);
    assert_eq!(
        per_row(&pack(vec![grid(good.clone(), Some(json!(true)))])),
        Ok(true)
    );
    assert_eq!(per_row(&pack(vec![grid(good.clone(), None)])), Ok(false));
    assert_eq!(
        per_row(&pack(vec![grid(good, Some(json!(false)))])),
        Ok(false)
    );
    let errs = per_row(&pack(vec![grid(
        json!([[0, 0], [0, 1]]),
        Some(json!(true)),
    )]))
    .unwrap_err();
    assert!(
        errs[0].contains("one_per_row: row 0 has 2 answer cells"),
        "{errs:?}"
    );
    let errs = per_row(&pack(vec![grid(
        json!([[0, 0], [1, 1]]),
        Some(json!("yes")),
    )]))
    .unwrap_err();
    assert!(errs[0].contains("expected true or false"), "{errs:?}");
    let mut single = question("single-flag", "Who patches the OS?");
    single["one_per_row"] = json!(true);
    let errs = per_row(&pack(vec![single])).unwrap_err();
    assert!(
        errs[0].contains("does not belong to a single question"),
        "{errs:?}"
    );
}

#[test]
fn the_embedded_bank_loads() {
    match Bank::embedded() {
        Ok(bank) => assert!(!bank.is_empty()),
        Err(e) => panic!("the embedded bank does not load:\n{e}"),
    }
}

// ----- broken packs: exact errors --------------------------------------------------------

#[test]
fn every_error_of_a_pack_is_reported_with_its_position() {
    assert_eq!(
        errors("three_errors.json"),
        [
            "three_errors.json 11:18 questions[0].choices: a multi question needs at least 2 correct choices, found 1",
            "three_errors.json 22:16 questions[1].topic: unknown topic \"networking\" (topics: shared-responsibility, service-types, customer-duties)",
            "three_errors.json 30:16 questions[1].refs[0]: must be a https://learn.microsoft.com/… URL, found \"http://example.com/paas\"",
        ]
    );
}

#[test]
fn error_fields_are_structured() {
    let errs =
        parse_pack("three_errors.json", &fixture("three_errors.json"), &rules()).unwrap_err();
    assert_eq!(
        errs[0],
        PackError {
            file: "three_errors.json".into(),
            line: 11,
            column: 18,
            path: "questions[0].choices".into(),
            message: "a multi question needs at least 2 correct choices, found 1".into(),
        }
    );
}

#[test]
fn type_errors_missing_and_unknown_fields_are_located() {
    assert_eq!(
        errors("types.json"),
        [
            "types.json 11:18 questions[0].choices: expected an array, found a string",
            "types.json 15:5 questions[1].explanation: missing field \"explanation\"",
            "types.json 21:18 questions[1].choices: a single question needs exactly one correct choice, found 0",
            "types.json 22:46 questions[1].choices[0].correct: expected true or false, found a string",
            "types.json 23:9 questions[1].choices[1].why: missing field \"why\"",
            "types.json 25:7 questions[1]: unknown field \"explanaton\" (did you mean \"explanation\"?)",
            "types.json 27:7 questions[1]: field \"statements\" does not belong to a single question",
        ]
    );
}

#[test]
fn syntax_errors_give_serde_json_position() {
    assert_eq!(
        errors("syntax.json"),
        ["syntax.json 5:18: invalid JSON: trailing comma"]
    );
}

#[test]
fn duplicates_are_errors() {
    assert_eq!(
        errors("duplicates.json"),
        [
            "duplicates.json 13:19 questions[0].choices[1].text: duplicate choice text (same as choices[0]; choices must differ)",
            "duplicates.json 19:13 questions[1].id: duplicate id \"fx-dup\" (also questions[0])",
            "duplicates.json 22:7 questions[1]: field \"topic\" appears twice in one object",
            "duplicates.json 24:17 questions[1].prompt: duplicate question: questions[0] has the same prompt",
        ]
    );
}

#[test]
fn control_characters_other_than_newline_are_errors() {
    let errs = errors("control.json");
    assert_eq!(
        errs,
        [
            "control.json 10:17 questions[0].prompt: contains the control character U+001B at character 9 (only newline is allowed)",
            "control.json 12:19 questions[0].statements[0].text: contains the control character U+0009 at character 6 (only newline is allowed)",
            "control.json 14:19 questions[0].statements[2].text: contains the control character U+202E at character 6 (only newline is allowed)",
        ]
    );
}

#[test]
fn kind_rules_are_checked() {
    assert_eq!(
        errors("kinds.json"),
        [
            "kinds.json 11:18 questions[0].choices: a single question needs exactly one correct choice, found 2",
            "kinds.json 24:19 questions[1].sentence: the sentence needs exactly one blank `___`, found 0",
            "kinds.json 38:30 questions[2].categories[1]: duplicate \"iaas\" (same as categories[0])",
            "kinds.json 41:48 questions[2].items[1].category: \"SaaS\" is not one of the categories (\"IaaS\", \"iaas\")",
            "kinds.json 54:26 questions[3].answer[1]: column 2 is outside the grid (it has 2 columns)",
            "kinds.json 54:34 questions[3].answer[2]: row 1 is outside the grid (it has 1 row)",
            "kinds.json 54:42 questions[3].answer[3]: duplicate cell [0, 0] (same as answer[0])",
            "kinds.json 54:50 questions[3].answer[4]: expected a [row, column] pair of zero-based indices",
            "kinds.json 64:16 questions[4].items: an order question needs 2 to 12 items, found 1",
            "kinds.json 65:22 questions[4].explanation: must not be empty",
            "kinds.json 66:15 questions[4].refs: a question needs at least 1 reference URL, found 0",
            "kinds.json 67:28 questions[4].cells[0].layer: unknown layer \"kitchen\"",
            "kinds.json 67:48 questions[4].cells[0].model: unknown model \"faas\" (expected on-premises, iaas, paas or saas)",
            "kinds.json 67:65 questions[4].cells[0].owner: unknown owner \"nobody\" (expected customer, microsoft, shared or disputed)",
            "kinds.json 70:13 questions[5].id: \"Bad ID\" is not a valid id: use 3 to 80 characters of a-z, 0-9, '.', '_' and '-'",
            "kinds.json 73:15 questions[5].kind: unknown kind \"essay\" (expected one of: single, multi, yes_no, dropdown, match, order, hot_area)",
        ]
    );
}

#[test]
fn multi_needs_a_wrong_choice_and_three_choices() {
    let mut q = question("multi-all-right", "Which two?");
    q["kind"] = json!("multi");
    q["choices"] = json!([choice("A", true), choice("B", true)]);
    let errs: Vec<_> = parse_timed(&pack(vec![q]))
        .unwrap_err()
        .into_iter()
        .map(|e| e.message)
        .collect();
    assert_eq!(
        errs,
        [
            "a multi question needs 3 to 12 choices, found 2",
            "a multi question needs at least 1 wrong choice",
        ]
    );
}

#[test]
fn a_later_format_is_refused_with_one_error() {
    assert_eq!(
        errors("format2.json"),
        ["format2.json 1:13 format: format must be 1, found 2 (this version reads format 1 packs)"]
    );
}

#[test]
fn pack_level_fields_are_checked() {
    let text = r#"{"format": 1, "questions": [], "extra": true}"#;
    let errs: Vec<_> = parse_timed(text)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errs,
        [
            "hostile.json 1:1 pack: missing field \"pack\"",
            "hostile.json 1:28 questions: a pack needs 1 to 5000 questions, found 0",
            "hostile.json 1:32: unknown field \"extra\" (expected one of: format, pack, title, questions)",
        ]
    );
    let errs: Vec<_> = parse_timed("[1, 2]")
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errs,
        ["hostile.json 1:1: expected an object, found an array"]
    );
}

// ----- hostile input ---------------------------------------------------------------------

#[test]
fn a_huge_prompt_is_caught_by_the_length_limit() {
    let prompt = "x".repeat(1_000_000);
    let errs = parse_timed(&pack(vec![question("huge-prompt", &prompt)])).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].path, "questions[0].prompt");
    assert_eq!(
        errs[0].message,
        "is 1000000 characters long; the limit is 4000"
    );
}

#[test]
fn ten_thousand_choices_give_one_error() {
    let mut q = question("many-choices", "Which one?");
    let choices: Vec<Value> = (0..10_000)
        .map(|i| choice(&format!("choice {i}"), i == 0))
        .collect();
    q["choices"] = Value::Array(choices);
    let errs = parse_timed(&pack(vec![q])).unwrap_err();
    let shown: Vec<_> = errs
        .iter()
        .map(|e| (e.path.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        shown,
        [(
            "questions[0].choices",
            "a single question needs at most 12 choices, found 10000"
        )]
    );
}

#[test]
fn more_than_5000_questions_are_refused() {
    let qs: Vec<Value> = (0..5001)
        .map(|i| question(&format!("q-{i:05}"), &format!("Question {i}?")))
        .collect();
    let errs = parse_timed(&pack(qs)).unwrap_err();
    let shown: Vec<_> = errs
        .iter()
        .map(|e| (e.path.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        shown,
        [(
            "questions",
            "a pack needs at most 5000 questions, found 5001"
        )]
    );
    // 5000 is allowed.
    let qs: Vec<Value> = (0..5000)
        .map(|i| question(&format!("q-{i:05}"), &format!("Question {i}?")))
        .collect();
    assert_eq!(parse_timed(&pack(qs)).unwrap().len(), 5000);
}

#[test]
fn deep_nesting_gives_a_clear_error() {
    let deep = format!(
        "{{\"format\": 1, \"pack\": \"deep\", \"questions\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let errs: Vec<_> = parse_timed(&deep)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errs,
        ["hostile.json 1:170: the JSON is nested too deeply (the limit is 127 levels)"]
    );
}

#[test]
fn files_over_8_mib_are_refused_before_parsing() {
    let text = " ".repeat(MAX_FILE_BYTES + 1);
    let errs: Vec<_> = parse_timed(&text)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errs,
        ["hostile.json: the file is 8.0 MiB (8388609 bytes); a pack may be at most 8 MiB"]
    );
}

#[test]
fn hostile_field_names_are_escaped_in_messages() {
    let mut q = question("escape-key", "Escapes?");
    q["\u{1b}[2J\u{1b}]0;pwned\u{7}"] = json!(1);
    let errs = parse_timed(&pack(vec![q])).unwrap_err();
    assert_eq!(errs.len(), 1);
    let shown = errs[0].to_string();
    assert!(
        !shown.chars().any(|c| c.is_control()),
        "raw control character in {shown:?}"
    );
    assert!(
        shown.contains(r#"unknown field "\u{1b}[2J\u{1b}]0;pwned\u{7}""#),
        "{shown}"
    );
}

#[test]
fn a_flood_of_unknown_or_repeated_fields_stays_fast_and_capped() {
    let mut q = question("many-fields", "Fields?");
    let m = q.as_object_mut().unwrap();
    for i in 0..200_000 {
        m.insert(format!("k{i}"), json!(i));
    }
    let errs = parse_timed(&pack(vec![q])).unwrap_err();
    assert_eq!(errs.len(), MAX_ERRORS + 1);
    assert_eq!(
        errs[MAX_ERRORS].message,
        format!("… and {} more errors not shown", 200_000 - MAX_ERRORS)
    );

    let repeated = format!(
        "{{\"format\": 1, \"pack\": \"dups\", \"questions\": [{}]}}",
        question("dup-keys", "Keys?")
            .to_string()
            .replacen('{', &"\"x\": 1, ".repeat(100_000), 1)
            .replacen("\"x\"", "{\"x\"", 1)
    );
    let errs = parse_timed(&repeated).unwrap_err();
    assert_eq!(errs.len(), MAX_ERRORS + 1);
    assert_eq!(errs[0].path, "questions[0]");
    assert_eq!(errs[1].message, "field \"x\" appears twice in one object");
}

#[test]
fn a_huge_array_in_a_bounded_field_gives_one_error() {
    let mut q = question("huge-array", "Huge?");
    q["choices"] = Value::Array((0..1_000_000).map(|i| json!(i)).collect());
    let errs = parse_timed(&pack(vec![q])).unwrap_err();
    let shown: Vec<_> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        shown,
        ["a single question needs at most 12 choices, found 1000000"]
    );
}

#[test]
fn errors_are_capped_and_counted() {
    let qs: Vec<Value> = (0..1000)
        .map(|i| question(&format!("Q{i}"), &format!("Question {i}?")))
        .collect();
    let errs = parse_timed(&pack(qs)).unwrap_err();
    assert_eq!(errs.len(), MAX_ERRORS + 1);
    assert_eq!(
        errs[MAX_ERRORS].message,
        format!("… and {} more errors not shown", 1000 - MAX_ERRORS)
    );
    assert!(
        errs[..MAX_ERRORS]
            .iter()
            .all(|e| e.message.contains("is not a valid id"))
    );
}

// ----- reading files ---------------------------------------------------------------------

#[test]
fn invalid_utf8_is_reported_with_file_line_and_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.json");
    std::fs::write(&path, b"{\n  \"pack\": \"caf\xe9\"\n}\n").unwrap();
    let Err(BankError::Packs(errs)) = read_pack_files(&path) else {
        panic!("invalid UTF-8 accepted")
    };
    let shown: Vec<_> = errs.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "{} 2:15: invalid UTF-8 at byte 16: a pack must be UTF-8 text",
            path.display()
        )]
    );
}

#[test]
fn a_directory_is_read_in_name_order_and_every_bad_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.json"), "{}").unwrap();
    std::fs::write(dir.path().join("a.JSON"), "[]").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a pack").unwrap();
    let files = read_pack_files(dir.path()).unwrap();
    let names: Vec<_> = files
        .iter()
        .map(|(n, t)| (n.rsplit('/').next().unwrap(), t.as_str()))
        .collect();
    assert_eq!(names, [("a.JSON", "[]"), ("b.json", "{}")]);

    std::fs::write(dir.path().join("c.json"), b"\xff").unwrap();
    let big = std::fs::File::create(dir.path().join("d.json")).unwrap();
    big.set_len(9 * 1024 * 1024).unwrap();
    let Err(BankError::Packs(errs)) = read_pack_files(dir.path()) else {
        panic!("bad files accepted")
    };
    let shown: Vec<_> = errs
        .iter()
        .map(|e| e.to_string().rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        shown,
        [
            "c.json 1:1: invalid UTF-8 at byte 0: a pack must be UTF-8 text",
            "d.json: the file is 9.0 MiB (9437184 bytes); a pack may be at most 8 MiB",
        ]
    );
}

/// `bank validate DIR` stopped at the files it could not read: one file too large or not
/// UTF-8 hid every located error of the others. Now the bank reports them all together, and
/// the count in the first line is every error, those past the 500 shown included.
#[test]
fn an_unreadable_pack_does_not_hide_the_errors_of_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.json"), b"\xff").unwrap();
    std::fs::write(
        dir.path().join("b.json"),
        r#"{"format": 1, "pack": "b", "questions": [{"id": "b-1"}]}"#,
    )
    .unwrap();
    let err = az900::bank::Bank::load(&[dir.path().to_path_buf()]).unwrap_err();
    let BankError::Packs(errs) = &err else {
        panic!("{err}")
    };
    let files: std::collections::BTreeSet<_> = errs
        .iter()
        .map(|e| e.file.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(files.into_iter().collect::<Vec<_>>(), ["a.json", "b.json"]);
    assert!(
        errs.iter()
            .any(|e| e.file.ends_with("b.json") && e.line == 1)
    );
    assert!(
        err.to_string()
            .starts_with(&format!("{} error(s) in question packs:", errs.len())),
        "{err}"
    );
    let many = PackError::whole_file("c.json".into(), "… and 3721 more errors not shown".into());
    assert_eq!(az900::bank::pack::count_errors(&[many.clone(), many]), 7442);
}

#[test]
fn an_unreadable_path_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let err = read_pack_files(&missing).unwrap_err();
    assert!(
        matches!(err, BankError::Io { ref path, .. } if *path == missing),
        "{err:?}"
    );
    assert!(
        err.to_string().contains(&missing.display().to_string()),
        "{err}"
    );
}
