//! Progress is keyed on question and concept ids: the ids shipped before the outline
//! (issue 12) must all still exist, each with the same concept.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use az900::bank::Bank;

/// Shipped questions withdrawn on purpose (their history stays; the id is never reused):
/// Skype was retired in 2025, so it is no longer a SaaS example.
const RETIRED: [&str; 1] = ["gen-service-type-skype"];

const SHIPPED: &str = include_str!("fixtures/ids/v0.1-questions.tsv");

fn shipped() -> BTreeMap<&'static str, &'static str> {
    SHIPPED
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split_once('\t').expect("id<TAB>concept"))
        .collect()
}

#[test]
fn every_shipped_question_keeps_its_id_and_concept() {
    let bank = Bank::embedded().unwrap();
    let shipped = shipped();
    assert_eq!(shipped.len(), 384);
    let now: BTreeMap<&str, &str> = bank
        .questions()
        .iter()
        .map(|q| (q.id.as_str(), q.concept.as_str()))
        .collect();
    for (id, concept) in &shipped {
        if RETIRED.contains(id) {
            assert!(!now.contains_key(id), "retired id {id} is never reused");
            continue;
        }
        assert_eq!(now.get(id), Some(concept), "question {id}");
    }
}

#[test]
fn every_question_names_one_objective_and_each_concept_stays_in_one() {
    let bank = Bank::embedded().unwrap();
    let outline = &bank.rules.outline;
    let mut by_concept: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for q in bank.questions() {
        assert!(
            outline.objective(&q.objective).is_some(),
            "{}: {:?}",
            q.id,
            q.objective
        );
        by_concept
            .entry(&q.concept)
            .or_default()
            .insert(&q.objective);
    }
    for (concept, objectives) in by_concept {
        assert_eq!(
            objectives.len(),
            1,
            "concept {concept} spans {objectives:?}"
        );
    }
}

#[test]
fn the_shipped_questions_map_to_the_objectives_they_teach() {
    let bank = Bank::embedded().unwrap();
    let objective = |id: &str| bank.get(id).map(|q| q.objective.as_str());
    assert_eq!(
        objective("gen-owner-information-and-data-on-premises"),
        Some("1.1.2")
    );
    assert_eq!(objective("st-iaas-definition"), Some("1.3.1"));
    assert_eq!(objective("st-paas-definition"), Some("1.3.2"));
    assert_eq!(objective("st-saas-definition"), Some("1.3.3"));
    assert_eq!(objective("st-usecase-match"), Some("1.3.4"));
    assert_eq!(objective("st-serverless-meaning"), Some("1.1.7"));
    assert_eq!(objective("sr-serverless-still-servers"), Some("1.1.7"));
}
