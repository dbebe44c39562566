use std::collections::{BTreeMap, HashSet};

use super::*;

/// The AZ-900 blueprint's shape: three areas, their groups and objective counts.
fn blueprint() -> Vec<AreaSpec> {
    let area = |id: &str, weight, groups: &[(&str, usize)]| AreaSpec {
        id: id.to_string(),
        name: format!("area {id}"),
        weight,
        groups: groups
            .iter()
            .map(|(g, n)| {
                (
                    g.to_string(),
                    (1..=*n).map(|i| format!("{g}.{i}")).collect(),
                )
            })
            .collect(),
    };
    vec![
        area("1", (25, 30), &[("1.1", 7), ("1.2", 4), ("1.3", 4)]),
        area(
            "2",
            (35, 40),
            &[("2.1", 7), ("2.2", 6), ("2.3", 6), ("2.4", 8)],
        ),
        area(
            "3",
            (30, 35),
            &[("3.1", 4), ("3.2", 4), ("3.3", 5), ("3.4", 3)],
        ),
    ]
}

/// Ids, concepts and objectives for `concepts` concepts per objective, two wordings each
/// (the kinds rotate so every kind is present).
fn bank(areas: &[AreaSpec], concepts: usize) -> Vec<(String, String, String, Kind)> {
    let mut out = Vec::new();
    let mut k = 0;
    for a in areas {
        for (_, objectives) in &a.groups {
            for o in objectives {
                for c in 0..concepts {
                    for w in 0..2 {
                        let kind = Kind::ALL[k % Kind::ALL.len()];
                        k += 1;
                        out.push((
                            format!("{o}-c{c}-w{w}"),
                            format!("{o}-c{c}"),
                            o.clone(),
                            kind,
                        ));
                    }
                }
            }
        }
    }
    out
}

fn candidates(rows: &[(String, String, String, Kind)]) -> Vec<Candidate<'_>> {
    rows.iter()
        .map(|(id, concept, objective, kind)| Candidate {
            id,
            concept,
            objective,
            kind: *kind,
        })
        .collect()
}

#[test]
fn seat_ranges_follow_the_published_weights() {
    let ranges = |n| {
        blueprint()
            .iter()
            .map(|a| seat_range(a.weight, n))
            .collect::<Vec<_>>()
    };
    assert_eq!(ranges(40), vec![(10, 12), (14, 16), (12, 14)]);
    assert_eq!(ranges(60), vec![(15, 18), (21, 24), (18, 21)]);
    // A range too narrow for the count still gives one number.
    assert_eq!(seat_range((25, 26), 3), (1, 1));
}

#[test]
fn a_thousand_draws_of_40_and_60_keep_every_area_in_its_range() {
    let areas = blueprint();
    let rows = bank(&areas, 4);
    let cands = candidates(&rows);
    let objective_of: BTreeMap<&str, &str> =
        rows.iter().map(|r| (r.0.as_str(), r.2.as_str())).collect();
    let concept_of: BTreeMap<&str, &str> =
        rows.iter().map(|r| (r.0.as_str(), r.1.as_str())).collect();
    for count in [40, 60] {
        for seed in 0..1000 {
            let d = draw(&areas, &cands, count, seed);
            assert_eq!(d.ids.len(), count, "seed {seed}");
            assert!(d.short.is_empty());
            let concepts: HashSet<&str> = d.ids.iter().map(|id| concept_of[id.as_str()]).collect();
            assert_eq!(concepts.len(), count, "a concept drawn twice (seed {seed})");
            for (a, (id, n)) in areas.iter().zip(&d.seats) {
                let (lo, hi) = seat_range(a.weight, count);
                assert!((lo..=hi).contains(n), "area {id}: {n} seats at seed {seed}");
                let in_area = d
                    .ids
                    .iter()
                    .filter(|q| objective_of[q.as_str()].starts_with(&format!("{id}.")))
                    .count();
                assert_eq!(in_area, *n, "seats and questions disagree");
                // Inside each group, no objective twice before all have been asked once.
                for (_, objectives) in &a.groups {
                    let per: Vec<usize> = objectives
                        .iter()
                        .map(|o| {
                            d.ids
                                .iter()
                                .filter(|q| objective_of[q.as_str()] == o)
                                .count()
                        })
                        .collect();
                    let (min, max) = (per.iter().min().copied(), per.iter().max().copied());
                    assert!(
                        max.unwrap_or(0) - min.unwrap_or(0) <= 1,
                        "objectives of one group asked {per:?} times (seed {seed})"
                    );
                }
            }
        }
    }
}

#[test]
fn draws_differ_by_seed_and_repeat_for_the_same_seed() {
    let areas = blueprint();
    let rows = bank(&areas, 4);
    let cands = candidates(&rows);
    assert_eq!(draw(&areas, &cands, 40, 7), draw(&areas, &cands, 40, 7));
    assert_ne!(
        draw(&areas, &cands, 40, 7).ids,
        draw(&areas, &cands, 40, 8).ids
    );
}

#[test]
fn kinds_are_mixed_with_single_choice_the_most_common() {
    let areas = blueprint();
    let rows = bank(&areas, 4);
    let cands = candidates(&rows);
    let kind_of: BTreeMap<&str, Kind> = rows.iter().map(|r| (r.0.as_str(), r.3)).collect();
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for seed in 0..50 {
        for id in draw(&areas, &cands, 40, seed).ids {
            *counts.entry(kind_of[id.as_str()]).or_default() += 1;
        }
    }
    let single = counts[&Kind::Single];
    assert!(counts.values().all(|n| *n <= single), "{counts:?}");
    assert_eq!(
        counts.len(),
        Kind::ALL.len(),
        "every kind appears: {counts:?}"
    );
    // Single choice near its 45 % share (of 2,000 questions).
    assert!((800..=1000).contains(&single), "{counts:?}");
}

#[test]
fn an_area_without_enough_questions_is_named_and_the_others_fill_the_exam() {
    let mut areas = blueprint();
    let rows = bank(&areas, 4);
    // Area 2 keeps questions for one objective only (4 concepts).
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|r| !r.2.starts_with("2.") || r.2 == "2.1.1")
        .collect();
    let cands = candidates(&rows);
    let d = draw(&areas, &cands, 40, 1);
    assert_eq!(d.short, vec![("2".to_string(), 4)]);
    assert_eq!(
        d.ids.len(),
        40,
        "areas 1 and 3 take the seats area 2 cannot"
    );
    assert_eq!(d.seats[1].1, 4);
    // One area alone: every seat in it.
    areas.truncate(1);
    let d = draw(&areas, &cands, 20, 1);
    assert_eq!(d.seats, vec![("1".to_string(), 20)]);
    assert!(d.ids.iter().all(|id| id.starts_with("1.")));
}
