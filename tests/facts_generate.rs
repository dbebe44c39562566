//! The fact-table generators, run on the fixture tables of `tests/fixtures/factbank/facts/`
//! (one small real table per shape), loaded the way a user's `--bank DIR` is: the yields of
//! FORMAT.md, the ids, distractors only from declared entries, a why per choice, the row's
//! Learn page, short explanations and balanced keys. Every generated question also passes the
//! full pack check.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use az900::bank::pack::parse_pack;
use az900::bank::question::{Body, Kind, Question, Source};
use az900::bank::{Bank, BankError};
use az900::rules::Rules;
use serde_json::{Value, json};

mod common;

fn table_json(name: &str) -> Value {
    let text = std::fs::read_to_string(common::factbank_dir().join("facts").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The questions the fixture tables add to the embedded bank.
fn fixture_questions() -> Vec<Question> {
    let bank = Bank::load(&[common::factbank_dir()]).unwrap();
    bank.questions()
        .iter()
        .filter(|q| matches!(&q.source, Source::Table { file } if file.contains("factbank")))
        .cloned()
        .collect()
}

fn of_table<'a>(qs: &'a [Question], table: &str) -> Vec<&'a Question> {
    let prefix = format!("fx.{table}.");
    qs.iter().filter(|q| q.id.starts_with(&prefix)).collect()
}

fn kinds(qs: &[&Question]) -> BTreeMap<Kind, usize> {
    let mut m = BTreeMap::new();
    for q in qs {
        *m.entry(q.kind()).or_default() += 1;
    }
    m
}

#[test]
fn matrix_yields_a_single_per_cell_a_series_per_row_and_a_match_and_hot_area_per_column() {
    let qs = fixture_questions();
    let t = table_json("access-tiers.json");
    let cells: usize = t["cells"]
        .as_object()
        .unwrap()
        .values()
        .map(|r| r.as_object().unwrap().len())
        .sum();
    let rows = t["rows"].as_array().unwrap().len();
    let cols = t["columns"].as_array().unwrap().len();
    let got = of_table(&qs, "fixture-access-tiers");
    let k = kinds(&got);
    assert_eq!(k[&Kind::Single], cells);
    assert_eq!(k[&Kind::YesNo], rows);
    assert_eq!(k[&Kind::Match], cols);
    assert_eq!(k[&Kind::HotArea], cols);
    let q = got
        .iter()
        .find(|q| q.id == "fx.fixture-access-tiers.archive.online.single")
        .unwrap();
    assert_eq!(q.concept, "fixture-access-tiers.archive.online");
    assert_eq!(q.objective, "2.3.2");
    assert_eq!(q.topic, "2.3");
    let Body::Single { choices } = &q.body else {
        panic!()
    };
    let right = choices.iter().find(|c| c.correct).unwrap();
    assert_eq!(right.text, "No");
    assert!(
        right.why.contains("rehydrated"),
        "the note is the why: {}",
        right.why
    );
}

#[test]
fn tool_for_need_yields_a_single_and_a_dropdown_per_need_from_its_near_misses() {
    let qs = fixture_questions();
    let t = table_json("monitoring-tools.json");
    let names: BTreeMap<&str, &str> = t["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["name"].as_str().unwrap()))
        .collect();
    let got = of_table(&qs, "fixture-monitoring-tools");
    for row in t["rows"].as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        let mut allowed: BTreeSet<&str> = row["near_misses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| names[m.as_str().unwrap()])
            .collect();
        let answer = names[row["answer"].as_str().unwrap()];
        allowed.insert(answer);
        for variant in ["single", "dropdown"] {
            let q = got
                .iter()
                .find(|q| q.id == format!("fx.fixture-monitoring-tools.{id}.{variant}"))
                .unwrap();
            assert_eq!(q.concept, format!("fixture-monitoring-tools.{id}"));
            assert_eq!(q.refs[0], row["source"].as_str().unwrap());
            let choices = q.body.choices().unwrap();
            let texts: BTreeSet<&str> = choices.iter().map(|c| c.text.as_str()).collect();
            assert_eq!(
                texts, allowed,
                "{}: distractors are the declared near-misses",
                q.id
            );
            assert_eq!(choices.iter().find(|c| c.correct).unwrap().text, answer);
            for c in choices.iter().filter(|c| !c.correct) {
                assert!(c.why.contains(&format!("use {answer}")), "{}", c.why);
            }
        }
    }
    let k = kinds(&got);
    assert_eq!((k[&Kind::YesNo], k[&Kind::Match]), (1, 1));
}

#[test]
fn order_yields_the_order_and_a_next_question_per_item_but_the_last() {
    let qs = fixture_questions();
    let t = table_json("hierarchy.json");
    let items = t["items"].as_array().unwrap();
    let got = of_table(&qs, "fixture-hierarchy");
    let order = got
        .iter()
        .find(|q| q.id == "fx.fixture-hierarchy.order")
        .unwrap();
    assert_eq!(order.concept, "fixture-hierarchy.order");
    let Body::Order { items: shown } = &order.body else {
        panic!()
    };
    let want: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(
        shown.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        want
    );
    assert_eq!(got.len(), 1 + items.len() - 1);
    let q = got
        .iter()
        .find(|q| q.id == "fx.fixture-hierarchy.subscription.next")
        .unwrap();
    assert_eq!(q.prompt, "Which scope sits directly below Subscription?");
    assert_eq!(
        q.body
            .choices()
            .unwrap()
            .iter()
            .find(|c| c.correct)
            .unwrap()
            .text,
        "Resource group"
    );
}

#[test]
fn definitions_yield_two_per_term_one_per_example_and_a_match() {
    let qs = fixture_questions();
    let t = table_json("pricing.json");
    let terms = t["terms"].as_array().unwrap();
    let examples: usize = terms
        .iter()
        .map(|t| t["examples"].as_array().map_or(0, Vec::len))
        .sum();
    let got = of_table(&qs, "fixture-vm-pricing");
    let k = kinds(&got);
    assert_eq!(k[&Kind::Single], terms.len() + examples);
    assert_eq!(k[&Kind::Dropdown], terms.len());
    assert_eq!(k[&Kind::Match], 1);
    assert!(
        got.iter()
            .any(|q| q.id == "fx.fixture-vm-pricing.spot.example-1")
    );
}

#[test]
fn statements_yield_a_single_each_and_series_per_objective() {
    let qs = fixture_questions();
    let t = table_json("resource-groups.json");
    let n = t["statements"].as_array().unwrap().len();
    let got = of_table(&qs, "fixture-resource-groups");
    let k = kinds(&got);
    assert_eq!(k[&Kind::Single], n);
    assert_eq!(
        k[&Kind::YesNo],
        1,
        "the four statements share one objective: one series"
    );
    let q = got
        .iter()
        .find(|q| q.id == "fx.fixture-resource-groups.no-nesting.single")
        .unwrap();
    let choices = q.body.choices().unwrap();
    assert_eq!(
        choices.iter().find(|c| c.correct).unwrap().text,
        "A resource group cannot contain another resource group."
    );
    assert!(
        choices
            .iter()
            .any(|c| c.text == "A resource group can contain other resource groups."),
        "its own false twin"
    );
}

/// Sentences in a text: ends of sentence followed by a space or the end.
fn sentences(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|i| matches!(b[*i], b'.' | b'?' | b'!') && (i + 1 == b.len() || b[i + 1] == b' '))
        .count()
}

#[test]
fn every_generated_question_cites_its_rows_explains_briefly_and_passes_the_pack_check() {
    let qs = fixture_questions();
    assert!(qs.len() >= 40, "{}", qs.len());
    check_quality(&qs);
}

/// The fact-table questions compiled into the app (the content tables) meet the same rules.
#[test]
fn the_embedded_tables_questions_meet_the_same_rules() {
    let bank = Bank::embedded().unwrap();
    let qs: Vec<Question> = bank
        .questions()
        .iter()
        .filter(|q| matches!(q.source, Source::Table { .. }))
        .cloned()
        .collect();
    eprintln!("{} questions from embedded fact tables", qs.len());
    if !qs.is_empty() {
        check_quality(&qs);
    }
    if qs.len() >= 20 {
        check_balance(&qs);
    }
}

fn check_quality(qs: &[Question]) {
    let rules = Rules::embedded().unwrap();
    let mut pack = Vec::new();
    for q in qs {
        assert!(
            !q.refs.is_empty()
                && q.refs
                    .iter()
                    .all(|r| r.starts_with("https://learn.microsoft.com/")),
            "{}",
            q.id
        );
        assert!(
            sentences(&q.explanation) <= 3,
            "{}: {}",
            q.id,
            q.explanation
        );
        assert!(rules.outline.objective(&q.objective).is_some());
        let mut v = serde_json::to_value(q).unwrap();
        let o = v.as_object_mut().unwrap();
        o.remove("source");
        o.remove("topic");
        // Packs name a match item's category by its text.
        if let Some(cats) = o.get("categories").cloned() {
            for item in o["items"].as_array_mut().unwrap() {
                let i = usize::try_from(item["category"].as_u64().unwrap()).unwrap();
                item["category"] = cats[i].clone();
            }
        }
        pack.push(v);
    }
    // Generated prompts may repeat ("Which statement is true?") with other choices: give each a
    // unique prompt so the pack's duplicate-question rule does not hide other faults.
    for (i, v) in pack.iter_mut().enumerate() {
        let p = v["prompt"].as_str().unwrap().to_string();
        v["prompt"] = json!(format!("{p} ({i})"));
    }
    let text = serde_json::to_string_pretty(
        &json!({ "format": 1, "pack": "generated", "questions": pack }),
    )
    .unwrap();
    if let Err(errs) = parse_pack("generated.json", &text, &rules) {
        panic!(
            "{}",
            errs.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn keys_are_balanced() {
    check_balance(&fixture_questions());
}

fn check_balance(qs: &[Question]) {
    let mut positions: BTreeMap<usize, usize> = BTreeMap::new();
    let (mut longest, mut chance, mut n) = (0usize, 0f64, 0usize);
    for q in qs {
        if let Some(choices) = q.body.choices() {
            let right = choices.iter().position(|c| c.correct).unwrap();
            *positions.entry(right).or_default() += 1;
            let len = |i: usize| choices[i].text.chars().count();
            if (0..choices.len()).all(|i| i == right || len(i) < len(right)) {
                longest += 1;
            }
            #[allow(clippy::cast_precision_loss)]
            {
                chance += 1.0 / choices.len() as f64;
            }
            n += 1;
        }
        if let Body::YesNo { statements } = &q.body
            && statements.len() >= 2
        {
            assert!(statements.iter().any(|s| s.answer), "{}: all No", q.id);
            assert!(statements.iter().any(|s| !s.answer), "{}: all Yes", q.id);
        }
    }
    let most = positions.values().max().copied().unwrap_or(0);
    #[allow(clippy::cast_precision_loss)]
    let (most_share, longest_share, chance) = (
        most as f64 / n as f64,
        longest as f64 / n as f64,
        chance / n as f64,
    );
    eprintln!(
        "{n} choice questions; right answer positions {positions:?}; right is the longest {longest_share:.2} (chance {chance:.2})"
    );
    assert!(positions.len() >= 3, "{positions:?}");
    assert!(most_share < 0.5, "{positions:?}");
    assert!(
        longest_share <= chance + 0.15,
        "right answer longest in {longest_share:.2} of questions (chance {chance:.2})"
    );
}

#[test]
fn a_new_table_of_a_known_shape_adds_questions_without_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("facts")).unwrap();
    let before = Bank::load(&[dir.path().to_path_buf()]).unwrap().len();
    let table = json!({
        "format": 1, "table": "locks-test", "shape": "statements", "title": "Resource locks",
        "statements": [
            { "id": "delete-lock-allows-changes", "objective": "3.2.3",
              "source": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/lock-resources",
              "true": "A delete lock still lets authorized users change a resource.",
              "false": "A delete lock stops every change to a resource.",
              "why": "A delete lock blocks deletion only; a read-only lock blocks changes." },
            { "id": "locks-inherit", "objective": "3.2.3",
              "source": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/lock-resources",
              "true": "A lock on a resource group applies to the resources in it.",
              "false": "A lock on a resource group protects only the group, not its resources.",
              "why": "Resources inherit locks from the scopes above them." }
        ]
    });
    std::fs::write(
        dir.path().join("facts/locks.json"),
        serde_json::to_string_pretty(&table).unwrap(),
    )
    .unwrap();
    let bank = Bank::load(&[dir.path().to_path_buf()]).unwrap();
    let new: Vec<&Question> = bank
        .questions()
        .iter()
        .filter(|q| q.id.starts_with("fx.locks-test."))
        .collect();
    assert_eq!(bank.len(), before + new.len());
    let ids: BTreeSet<&str> = new.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            "fx.locks-test.delete-lock-allows-changes.single",
            "fx.locks-test.locks-inherit.single",
            "fx.locks-test.delete-lock-allows-changes.series",
        ])
    );
    assert!(
        new.iter()
            .all(|q| q.objective == "3.2.3" && q.topic == "3.2")
    );
    // A broken table in the folder is a located error, not a silent skip.
    std::fs::write(
        dir.path().join("facts/locks.json"),
        "{\n  \"format\": 1,\n  \"table\": \"locks-test\",\n  \"shape\": \"order\"\n}",
    )
    .unwrap();
    match Bank::load(&[dir.path().to_path_buf()]) {
        Err(BankError::Packs(errs)) => {
            assert!(
                errs.iter().any(|e| e.line == 1
                    && e.path == "subject"
                    && e.message.contains("missing field")),
                "{errs:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A service's `in_text` ("the Azure pricing calculator", "resource locks") is how every
/// generated sentence names it; the choice keeps the `name`. Checked on the embedded tables:
/// no why or explanation says "use Resource locks", and each `in_text` is used.
#[test]
fn tool_for_need_sentences_name_a_service_by_its_in_text() {
    let bank = Bank::load(&[]).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/facts");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let t: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if t["shape"] != "tool_for_need" {
            continue;
        }
        let table = t["table"].as_str().unwrap();
        let texts: Vec<String> = of_table(bank.questions(), table)
            .iter()
            .map(|q| serde_json::to_string(q).unwrap())
            .collect();
        for s in t["services"].as_array().unwrap() {
            let (name, Some(in_text)) = (s["name"].as_str().unwrap(), s["in_text"].as_str()) else {
                continue;
            };
            let wrong = format!("use {name}");
            let right = format!("use {in_text}");
            assert!(
                texts.iter().all(|x| !x.contains(&wrong)),
                "{table}: a sentence says {wrong:?}"
            );
            assert!(
                texts.iter().any(|x| x.contains(&right)),
                "{table}: no sentence says {right:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} services with in_text");
}
