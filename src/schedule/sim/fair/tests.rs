//! Tests of the fair benchmark: the truth families behave as described, every contender keeps
//! within the minutes.

use super::super::rng::Rng;
use super::bank::concept_weights;
use super::truth::Mem;
use super::*;

fn tiny(truth: Truth) -> FairConfig {
    FairConfig {
        seed: 7,
        concepts: 36,
        learners: 3,
        truths: vec![truth],
        minutes: vec![4],
        horizons: vec![10],
        new_per_day: 5,
        contenders: Contender::ALL.to_vec(),
        az900_known_groups: 1.0,
        az900_neighbours: 0,
        scattered_groups: false,
        az900_weights: true,
    }
}

#[test]
fn act_r_spacing_beats_massing_at_a_later_test() {
    let l = TrueLearner::draw(Truth::ActR, 1, &mut Rng::new(3));
    let study = |days: &[i64]| {
        let mut m = Mem::Unseen;
        for &d in days {
            m = l.outcomes(0, &m, true, d).remove(0).1;
        }
        l.recall(0, &m, 40)
    };
    let massed = study(&[0, 1, 2, 3]);
    let spaced = study(&[0, 4, 12, 24]);
    assert!(spaced > massed + 0.05, "spaced {spaced} massed {massed}");
    // A power law: recall after one exposure falls, but slower than it started.
    let once = |t: i64| study(&[40 - t]);
    assert!(once(1) > once(7) && once(7) > once(30));
    assert!(once(1) - once(7) > once(7) - once(13));
}

#[test]
fn a_neighbours_study_interferes_and_studying_side_by_side_helps() {
    let l = TrueLearner::draw(Truth::Interference, 24, &mut Rng::new(5));
    let (a, b) = (0, TOPICS.len());
    assert_eq!(l.group[a], l.group[b], "same group");
    let learned = Mem::Cons {
        stage: 2,
        stability: 30.0,
        last: 0,
        discrimination: 0.8,
    };
    let mut mems = vec![Mem::Unseen; 24];
    mems[a] = learned.clone();
    let mut studied = vec![false; 24];
    studied[b] = true;
    l.end_day(&mut mems, &studied);
    assert!(l.recall(a, &mems[a], 10) < l.recall(a, &learned, 10));
    // Studied on the same day as its neighbour: told apart better, no interference.
    let mut mems = vec![Mem::Unseen; 24];
    mems[a] = learned.clone();
    studied[a] = true;
    l.end_day(&mut mems, &studied);
    assert!(l.recall(a, &mems[a], 10) > l.recall(a, &learned, 10));
}

#[test]
fn every_contender_keeps_within_the_minutes_and_fillers_fill_them() {
    for truth in Truth::ALL {
        let config = tiny(truth);
        let report = run_fair(&config, 2);
        let all = report.all();
        for kind in &config.contenders {
            let m = report.mean(&all, *kind, |r| r.minutes_per_day);
            assert!(m <= 4.0 + 1e-9, "{} {m}", kind.name());
            if kind.fills() {
                // 36 concepts never run out: the day ends within one new item's time.
                assert!(m > 4.0 - NEW_SECS / 60.0, "{} {m}", kind.name());
            }
        }
        let cap = report.mean(&all, Contender::FsrsCap, |r| r.minutes_per_day);
        let fill = report.mean(&all, Contender::FsrsFill, |r| r.minutes_per_day);
        assert!(cap < fill, "{cap} {fill}");
        // Paired and seeded: the same configuration gives the same figures.
        assert_eq!(run_fair(&config, 1), report);
        // The cells behind are the filling comparisons below 0 beyond their interval, and
        // the first target is met exactly when there are none.
        let against = report.against_filling();
        assert_eq!(against.len(), 3 * report.cells.len());
        let behind = report.behind();
        assert_eq!(
            behind.len(),
            against.iter().filter(|(_, _, m, h)| m + h < 0.0).count()
        );
        assert_eq!(report.targets()[0].2, behind.is_empty());
        assert!(report.table().contains(&format!(
            "cells behind a filling baseline beyond the CI: {}",
            behind.len()
        )));
        // Every score sits between the guessing floor and 100.
        for c in &report.cells {
            for r in c.runs.iter().flatten() {
                assert!(r.score >= 25.0 && r.score <= 100.0, "{r:?}");
            }
        }
    }
}

#[test]
fn exam_weights_sum_to_one_and_favour_heavier_topics() {
    let w = concept_weights(30);
    assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert!(
        w[1] > w[2] && w[2] > w[0],
        "services 37 > governance 35 > cloud 28"
    );
}

#[test]
fn scattered_groups_keep_their_size_and_topic_but_not_their_neighbours() {
    use super::bank::{group_in, topic_of};
    use std::collections::HashMap;
    let n = 200;
    for scattered in [false, true] {
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..n {
            groups.entry(group_in(i, n, scattered)).or_default().push(i);
        }
        for members in groups.values() {
            // A topic's last consecutive group may be short; scattered ones are full.
            let full = if scattered { GROUP } else { 2 };
            assert!((full..=GROUP + 1).contains(&members.len()), "{members:?}");
            assert!(members.iter().all(|&i| topic_of(i) == topic_of(members[0])));
            // Gaps between members in the topic's own order (every third concept).
            let gaps: Vec<usize> = members.windows(2).map(|w| (w[1] - w[0]) / 3).collect();
            if scattered {
                assert!(gaps.iter().all(|&g| g >= 10), "{members:?}");
            } else {
                assert!(gaps.iter().all(|&g| g == 1), "{members:?}");
            }
        }
    }
}

#[test]
fn a_share_of_known_groups_is_spread_evenly() {
    let known = |share: f64| -> Vec<usize> { (0..20).filter(|&g| known_group(g, share)).collect() };
    assert_eq!(known(1.0), (0..20).collect::<Vec<_>>());
    assert!(known(0.0).is_empty());
    assert_eq!(known(0.25), [3, 7, 11, 15, 19]);
    // The app's share: about one group in seven, never two side by side.
    let app: Vec<usize> = (0..100)
        .filter(|&g| known_group(g, APP_KNOWN_GROUPS))
        .collect();
    assert!((14..=15).contains(&app.len()), "{app:?}");
    assert!(app.windows(2).all(|w| w[1] - w[0] >= 6), "{app:?}");
}
