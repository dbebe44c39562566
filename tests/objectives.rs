//! Every question names one outline objective: packs give `objective`, `topic` or both; the
//! fast path for embedded packs and the full check agree on all of them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use az900::bank::pack::{parse_embedded_pack, parse_pack};
use az900::rules::Rules;
use serde_json::{Value, json};

fn pack_with(fields: Value) -> String {
    let mut q = json!({
        "id": "ob-question",
        "concept": "ob-concept",
        "kind": "single",
        "prompt": "Which redundancy option keeps three copies in one datacenter?",
        "choices": [
            { "text": "LRS", "correct": true, "why": "It copies data three times in one datacenter." },
            { "text": "ZRS", "correct": false, "why": "It spreads copies over three zones." }
        ],
        "explanation": "LRS keeps its copies in one datacenter.",
        "refs": ["https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy"]
    });
    for (k, v) in fields.as_object().unwrap() {
        q[k] = v.clone();
    }
    serde_json::to_string_pretty(&json!({ "format": 1, "pack": "obj", "questions": [q] })).unwrap()
}

/// `(objective, topic)` from both parsers, which must agree.
fn placed(fields: Value) -> Result<(String, String), Vec<String>> {
    let rules = Rules::embedded().unwrap();
    let text = pack_with(fields);
    let full = parse_pack("ob.json", &text, &rules);
    let fast = parse_embedded_pack("ob.json", &text, &rules);
    assert_eq!(full, fast, "the fast path and the full check disagree");
    full.map(|qs| (qs[0].objective.clone(), qs[0].topic.clone()))
        .map_err(|es| es.iter().map(ToString::to_string).collect())
}

#[test]
fn an_objective_alone_gives_its_group_as_the_topic() {
    assert_eq!(
        placed(json!({ "objective": "2.3.3" })),
        Ok(("2.3.3".into(), "2.3".into()))
    );
}

#[test]
fn an_old_pack_with_only_a_topic_gets_the_topics_objective() {
    assert_eq!(
        placed(json!({ "topic": "service-types" })),
        Ok(("1.3.4".into(), "service-types".into()))
    );
    assert_eq!(
        placed(json!({ "topic": "customer-duties" })),
        Ok(("1.1.2".into(), "customer-duties".into()))
    );
}

#[test]
fn both_are_kept_as_given() {
    assert_eq!(
        placed(json!({ "objective": "1.3.1", "topic": "service-types" })),
        Ok(("1.3.1".into(), "service-types".into()))
    );
}

#[test]
fn an_unknown_or_missing_objective_is_a_located_error() {
    let errs = placed(json!({ "objective": "2.3.9" })).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("ob.json 22:20 questions[0].objective: unknown objective \"2.3.9\""),
        "{}",
        errs[0]
    );
    let errs = placed(json!({ "objective": "2.3" })).unwrap_err();
    assert!(
        errs[0].contains("2.3 Storage is a skill area or group"),
        "{}",
        errs[0]
    );
    let errs = placed(json!({})).unwrap_err();
    assert!(
        errs[0].contains("questions[0].objective: missing field \"objective\""),
        "{}",
        errs[0]
    );
}

#[test]
fn topic_filters_accept_outline_ids() {
    use az900::bank::Bank;
    use az900::engine::select::practice;
    let bank = Bank::embedded().unwrap();
    for (scope, prefix) in [("1.3", "1.3."), ("1.3.1", "1.3.1"), ("1", "1.")] {
        let ids = practice(&bank, Some(scope), 1000, 7).unwrap();
        assert!(!ids.is_empty(), "{scope}");
        for id in &ids {
            let q = bank.get(id).unwrap();
            assert!(
                q.objective.starts_with(prefix),
                "{scope}: {id} is {}",
                q.objective
            );
        }
    }
    // 1.3.1 holds the IaaS questions: definitions, examples, control.
    let iaas = practice(&bank, Some("1.3.1"), 1000, 7).unwrap();
    assert!(iaas.iter().any(|id| id == "st-iaas-definition"), "{iaas:?}");
    assert!(practice(&bank, Some("9.9"), 5, 1).is_err());
}
