//! Which questions a session asks: pure functions of the bank, the options and a seed.

use std::collections::{BTreeMap, HashSet};

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::EngineError;
use super::blueprint::{self, AreaSpec, Candidate, Draw};
use crate::bank::Bank;
use crate::bank::question::Question;
use crate::outline::{Outline, Scope};

/// Checks that `topic` is one of the rules' topics or an outline id (skill area, group or
/// objective).
pub fn check_topic(bank: &Bank, topic: &str) -> Result<(), EngineError> {
    if bank.rules.topic(topic).is_some() || bank.rules.outline.scope(topic).is_some() {
        Ok(())
    } else {
        let mut known: Vec<String> = bank.rules.topics.iter().map(|t| t.id.clone()).collect();
        known
            .push("or an outline id such as 2 (skill area), 2.3 (group), 2.3.3 (objective)".into());
        Err(EngineError::UnknownTopic {
            topic: topic.to_string(),
            known,
        })
    }
}

/// Questions of `topic` (or all), grouped by concept in a stable order.
fn by_concept<'a>(bank: &'a Bank, topic: Option<&str>) -> BTreeMap<&'a str, Vec<&'a Question>> {
    let mut map: BTreeMap<&str, Vec<&Question>> = BTreeMap::new();
    for q in bank.questions() {
        if topic.is_none_or(|t| bank.in_topic(q, t)) {
            map.entry(q.concept.as_str()).or_default().push(q);
        }
    }
    map
}

fn empty(what: &str, topic: Option<&str>) -> EngineError {
    EngineError::EmptySelection(match topic {
        Some(t) => format!("{what} in topic {t:?}"),
        None => what.to_string(),
    })
}

/// Up to `count` practice question ids, shuffled and spread over concepts: one wording of each
/// concept (concepts in a seeded order) before a second wording of any, and rounds are arranged
/// so two wordings of one concept are never adjacent when it can be avoided.
///
/// Errors: an unknown topic; no question (or `count` 0).
pub fn practice(
    bank: &Bank,
    topic: Option<&str>,
    count: usize,
    seed: u64,
) -> Result<Vec<String>, EngineError> {
    if let Some(t) = topic {
        check_topic(bank, t)?;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut groups: Vec<Vec<&Question>> = by_concept(bank, topic).into_values().collect();
    if groups.is_empty() || count == 0 {
        return Err(empty("no practice questions", topic));
    }
    for g in &mut groups {
        g.shuffle(&mut rng);
    }
    let mut out: Vec<&Question> = Vec::new();
    let mut round = 0;
    while out.len() < count {
        let mut this: Vec<&Question> = groups
            .iter()
            .filter_map(|g| g.get(round).copied())
            .collect();
        if this.is_empty() {
            break;
        }
        this.shuffle(&mut rng);
        if let (Some(last), Some(first)) = (out.last(), this.first())
            && last.concept == first.concept
            && this.len() > 1
        {
            this.rotate_left(1);
        }
        out.extend(this);
        round += 1;
    }
    out.truncate(count);
    Ok(out.into_iter().map(|q| q.id.clone()).collect())
}

/// Up to `count` exam question ids drawn by the blueprint (see [`blueprint`]): without a
/// `topic`, every skill area inside its weight range; with an area, group or objective id, that
/// part of the outline alone; with a legacy topic, its questions spread over their objectives.
///
/// Errors: an unknown topic; no question (or `count` 0).
pub fn exam(
    bank: &Bank,
    count: usize,
    topic: Option<&str>,
    seed: u64,
) -> Result<Vec<String>, EngineError> {
    Ok(exam_draw(bank, count, topic, seed)?.ids)
}

/// The whole blueprint draw of [`exam`]: ids, seats per area and the areas it could not fill.
pub fn exam_draw(
    bank: &Bank,
    count: usize,
    topic: Option<&str>,
    seed: u64,
) -> Result<Draw, EngineError> {
    if let Some(t) = topic {
        check_topic(bank, t)?;
    }
    let areas = blueprint_areas(&bank.rules.outline, topic);
    let candidates: Vec<Candidate<'_>> = bank
        .questions()
        .iter()
        .filter(|q| topic.is_none_or(|t| bank.in_topic(q, t)))
        .map(|q| Candidate {
            id: &q.id,
            concept: &q.concept,
            objective: &q.objective,
            kind: q.kind(),
        })
        .collect();
    let draw = blueprint::draw(&areas, &candidates, count, seed);
    if draw.ids.is_empty() {
        return Err(empty("no exam questions", topic));
    }
    Ok(draw)
}

/// The blueprint for `topic`: the whole outline, one area, one group, or one objective (a
/// legacy topic keeps the whole outline: its questions are filtered by the caller).
pub fn blueprint_areas(outline: &Outline, topic: Option<&str>) -> Vec<AreaSpec> {
    let spec = |a: &crate::outline::Area, groups: Vec<(String, Vec<String>)>| AreaSpec {
        id: a.id.clone(),
        name: a.name.clone(),
        weight: (a.weight[0], a.weight[1]),
        groups,
    };
    let group = |g: &crate::outline::Group| {
        (
            g.id.clone(),
            g.objectives.iter().map(|o| o.id.clone()).collect(),
        )
    };
    match topic.and_then(|t| outline.scope(t)) {
        Some(Scope::Area(a)) => vec![spec(a, a.groups.iter().map(group).collect())],
        Some(Scope::Group(a, g)) => vec![spec(a, vec![group(g)])],
        Some(Scope::Objective(a, g, o)) => vec![spec(a, vec![(g.id.clone(), vec![o.id.clone()])])],
        None => {
            let all: Vec<AreaSpec> = outline
                .areas
                .iter()
                .map(|a| spec(a, a.groups.iter().map(group).collect()))
                .collect();
            if topic.is_some() {
                // A legacy topic: one pseudo-area holding every group, so its questions are
                // spread over their objectives without weights.
                let groups = all.iter().flat_map(|a| a.groups.clone()).collect();
                vec![AreaSpec {
                    id: String::new(),
                    name: String::new(),
                    weight: (100, 100),
                    groups,
                }]
            } else {
                all
            }
        }
    }
}

/// The ids of a list made by the store or the scheduler (review: latest attempt wrong plus
/// marked; cram: weakest first; due: today's queue), kept in the caller's order: ids no longer
/// in the bank are skipped, duplicates dropped, optionally filtered by `topic` and cut at
/// `count`.
///
/// Errors: an unknown topic; nothing left.
pub fn from_ids(
    bank: &Bank,
    ids: &[String],
    topic: Option<&str>,
    count: Option<usize>,
) -> Result<Vec<String>, EngineError> {
    if let Some(t) = topic {
        check_topic(bank, t)?;
    }
    let mut seen = HashSet::new();
    let out: Vec<String> = ids
        .iter()
        .filter(|id| {
            bank.get(id)
                .is_some_and(|q| topic.is_none_or(|t| bank.in_topic(q, t)))
        })
        .filter(|id| seen.insert(id.as_str()))
        .take(count.unwrap_or(usize::MAX))
        .cloned()
        .collect();
    if out.is_empty() {
        return Err(empty("nothing in the list", topic));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::engine::fixtures::{TOPICS, wide_bank};

    fn concepts(bank: &Bank, ids: &[String]) -> Vec<String> {
        ids.iter()
            .map(|id| bank.get(id).map(|q| q.concept.clone()).unwrap_or_default())
            .collect()
    }

    fn per_topic(bank: &Bank, ids: &[String]) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for id in ids {
            if let Some(q) = bank.get(id) {
                *m.entry(q.topic.clone()).or_insert(0) += 1;
            }
        }
        m
    }

    #[test]
    fn an_exam_never_asks_two_questions_of_one_concept() {
        let bank = wide_bank([30, 20, 15], 3);
        for seed in 0..20 {
            let ids = exam(&bank, 40, None, seed).unwrap();
            assert_eq!(ids.len(), 40);
            let mut c = concepts(&bank, &ids);
            c.sort();
            c.dedup();
            assert_eq!(c.len(), 40, "seed {seed}: a concept was asked twice");
        }
    }

    /// Every objective of the embedded outline with `per_objective` concepts of one wording.
    fn outline_bank(per_objective: usize, skip_area: Option<&str>) -> Bank {
        let outline = crate::outline::Outline::embedded().unwrap();
        let mut qs = Vec::new();
        for (a, _, o) in outline.objectives() {
            if Some(a.id.as_str()) == skip_area {
                continue;
            }
            for c in 0..per_objective {
                let mut q = crate::engine::fixtures::single(
                    &format!("q{}-{c}", o.id),
                    &format!("c{}-{c}", o.id),
                    TOPICS[0],
                );
                q.objective = o.id.clone();
                qs.push(q);
            }
        }
        crate::engine::fixtures::bank(qs)
    }

    fn per_area(bank: &Bank, ids: &[String]) -> Vec<usize> {
        ["1", "2", "3"]
            .iter()
            .map(|a| {
                ids.iter()
                    .filter(|id| {
                        bank.get(id)
                            .is_some_and(|q| q.objective.starts_with(&format!("{a}.")))
                    })
                    .count()
            })
            .collect()
    }

    #[test]
    fn an_exam_lands_every_skill_area_inside_its_weight_range() {
        let bank = outline_bank(3, None);
        for seed in 0..200 {
            let ids = exam(&bank, 40, None, seed).unwrap();
            assert_eq!(ids.len(), 40);
            let m = per_area(&bank, &ids);
            assert!((10..=12).contains(&m[0]), "{m:?}");
            assert!((14..=16).contains(&m[1]), "{m:?}");
            assert!((12..=14).contains(&m[2]), "{m:?}");
        }
        // One skill area, one group, one objective.
        let ids = exam(&bank, 20, Some("2"), 1).unwrap();
        assert_eq!(per_area(&bank, &ids), vec![0, 20, 0]);
        let ids = exam(&bank, 10, Some("2.3"), 1).unwrap();
        assert!(
            ids.iter()
                .all(|id| bank.get(id).unwrap().objective.starts_with("2.3."))
        );
        assert_eq!(ids.len(), 10);
        assert_eq!(exam(&bank, 10, Some("3.2.2"), 1).unwrap().len(), 3);
    }

    #[test]
    fn an_area_the_bank_cannot_fill_is_named_and_the_others_take_its_seats() {
        let bank = outline_bank(3, Some("2"));
        let d = exam_draw(&bank, 40, None, 1).unwrap();
        assert_eq!(d.ids.len(), 40);
        assert_eq!(d.short, vec![("2".to_string(), 0)]);
        assert_eq!(per_area(&bank, &d.ids)[1], 0);
    }

    #[test]
    fn an_exam_on_one_topic_only_asks_that_topic() {
        let bank = wide_bank([10, 10, 10], 2);
        let ids = exam(&bank, 8, Some(TOPICS[1]), 3).unwrap();
        assert_eq!(ids.len(), 8);
        assert_eq!(per_topic(&bank, &ids)[TOPICS[1]], 8);
    }

    #[test]
    fn selection_is_deterministic_per_seed_and_differs_between_seeds() {
        let bank = wide_bank([20, 20, 20], 3);
        assert_eq!(exam(&bank, 30, None, 42), exam(&bank, 30, None, 42));
        assert_ne!(exam(&bank, 30, None, 42), exam(&bank, 30, None, 43));
        assert_eq!(practice(&bank, None, 30, 42), practice(&bank, None, 30, 42));
        assert_ne!(practice(&bank, None, 30, 42), practice(&bank, None, 30, 43));
    }

    #[test]
    fn practice_spreads_over_concepts_before_repeating_one() {
        let bank = wide_bank([4, 3, 3], 3);
        let ids = practice(&bank, None, 10, 5).unwrap();
        let mut c = concepts(&bank, &ids);
        c.sort();
        c.dedup();
        assert_eq!(c.len(), 10, "ten questions cover the ten concepts");
        for seed in 0..20 {
            let ids = practice(&bank, None, 25, seed).unwrap();
            assert_eq!(ids.len(), 25);
            let c = concepts(&bank, &ids);
            assert!(
                c.windows(2).all(|w| w[0] != w[1]),
                "seed {seed}: two wordings of one concept in a row"
            );
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), 25, "no question asked twice");
        }
        // Never more than the bank holds.
        assert_eq!(practice(&bank, None, 1000, 1).unwrap().len(), 30);
        let only = practice(&bank, Some(TOPICS[2]), 100, 1).unwrap();
        assert_eq!(only.len(), 9);
        assert!(only.iter().all(|id| id.starts_with(TOPICS[2])));
    }

    #[test]
    fn unknown_topics_and_empty_selections_are_errors() {
        let bank = wide_bank([2, 0, 0], 1);
        assert!(matches!(
            practice(&bank, Some("nope"), 5, 1),
            Err(EngineError::UnknownTopic { .. })
        ));
        assert!(matches!(
            exam(&bank, 5, Some("nope"), 1),
            Err(EngineError::UnknownTopic { .. })
        ));
        assert!(matches!(
            exam(&bank, 5, Some(TOPICS[1]), 1),
            Err(EngineError::EmptySelection(_))
        ));
        assert!(matches!(
            practice(&bank, None, 0, 1),
            Err(EngineError::EmptySelection(_))
        ));
        assert!(matches!(
            from_ids(&bank, &["gone".to_string()], None, None),
            Err(EngineError::EmptySelection(_))
        ));
    }

    #[test]
    fn from_ids_keeps_the_callers_order_and_skips_unknown_and_repeated_ids() {
        let bank = wide_bank([3, 3, 0], 1);
        let ids: Vec<String> = [
            "service-types-2-0",
            "gone",
            "shared-responsibility-0-0",
            "service-types-2-0",
            "service-types-1-0",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            from_ids(&bank, &ids, None, None).unwrap(),
            [
                "service-types-2-0",
                "shared-responsibility-0-0",
                "service-types-1-0"
            ]
        );
        assert_eq!(
            from_ids(&bank, &ids, Some(TOPICS[1]), Some(1)).unwrap(),
            ["service-types-2-0"]
        );
    }
}
