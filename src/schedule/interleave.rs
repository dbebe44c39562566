//! Interleaving confusable concepts in the exam plan ([`Scheduler::groups`],
//! [`Scheduler::bank_neighbours`]): each concept the day takes brings along the already seen
//! concepts confusable with it that rank close to the plain plan, so they are told apart side by
//! side rather than reviewed days apart.

use std::collections::{HashMap, HashSet};

use super::exam::{ConceptInfo, ExamPlan};
use super::model::Scheduler;
use super::queue::Left;
use super::state::MemoryState;
use crate::clock::Day;

/// How many same-topic neighbours on each side in bank order the app treats as confusable
/// ([`Scheduler::bank_neighbours`]). Measured in docs/SCHEDULING.md.
pub const BANK_NEIGHBOURS: usize = 2;

/// Minutes to rank past today's plan: a whole day more and an hour.
pub(crate) fn wider_minutes(minutes: u32) -> u32 {
    minutes.saturating_mul(2).saturating_add(60)
}

impl Scheduler {
    /// Whether the exam plan interleaves confusable concepts: [`Scheduler::groups`] or
    /// [`Scheduler::bank_neighbours`] set, and the learner's forgetting not steep
    /// ([`Scheduler::steep_forgetting`]): on steep forgetting a review pulled ahead of its time
    /// costs more than telling concepts apart gains (in the benchmark, up to 0.4 points on
    /// exponential-like learners with neighbours, 0.1–0.3 with groups; docs/SCHEDULING.md).
    pub fn interleaves(&self) -> bool {
        (self.groups.is_some() || self.bank_neighbours > 0) && !self.steep_forgetting()
    }

    /// Whether the exam plan interleaves bank neighbours: [`Scheduler::bank_neighbours`] set and
    /// the learner's forgetting not steep ([`Scheduler::interleaves`]).
    pub fn interleaves_neighbours(&self) -> bool {
        self.bank_neighbours > 0 && !self.steep_forgetting()
    }

    /// The exam plan's day with confusable concepts side by side: walk the ranking of a longer
    /// day; each concept taken brings along its group's seen concepts that rank within reach;
    /// stop when the day's minutes are spent.
    pub(crate) fn interleaved(
        &self,
        plan: ExamPlan,
        states: &[MemoryState],
        all_concepts: &[ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
    ) -> Vec<(String, bool)> {
        let none = HashSet::new();
        let whole = Left {
            budget_secs: f64::from(plan.minutes_per_day) * 60.0,
            skip: &none,
        };
        self.interleaved_left(plan, states, all_concepts, today, utc_offset_secs, whole)
    }

    /// [`Scheduler::interleaved`] cut at `left.budget_secs`, without the concepts of
    /// `left.skip` ([`Scheduler::queue_left`]).
    pub(crate) fn interleaved_left(
        &self,
        plan: ExamPlan,
        states: &[MemoryState],
        all_concepts: &[ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
        left: Left,
    ) -> Vec<(String, bool)> {
        let wider = wider_minutes(plan.minutes_per_day);
        let ranked = self.queue_left_within(
            states,
            all_concepts,
            today,
            utc_offset_secs,
            0,
            Left {
                budget_secs: f64::from(wider) * 60.0,
                skip: left.skip,
            },
        );
        let mates = self.ranked_mates(&ranked, all_concepts);
        let budget = left.budget_secs;
        let pace = self.pace;
        // Only mates that rank close to the plain plan come along (within half its length
        // again): interleaving reorders the day, it does not spend it on concepts the plan
        // would not have asked soon.
        let mut plain = 0;
        let mut plain_spent = 0.0;
        for (_, new) in &ranked {
            plain_spent += pace.secs(*new);
            if plain > 0 && plain_spent > budget + 1e-9 {
                break;
            }
            plain += 1;
        }
        let reach = plain + plain / 2;
        let mut taken = vec![false; ranked.len()];
        let mut spent = 0.0;
        let mut out = Vec::new();
        'walk: for i in 0..ranked.len() {
            if taken[i] {
                continue;
            }
            for j in std::iter::once(i).chain(mates[i].iter().copied().filter(|&j| j < reach)) {
                if taken[j] {
                    continue;
                }
                let cost = pace.secs(ranked[j].1);
                if !out.is_empty() && spent + cost > budget + 1e-9 {
                    break 'walk;
                }
                taken[j] = true;
                spent += cost;
                out.push(ranked[j].clone());
            }
        }
        out
    }

    /// For each concept of `ranked`: the positions in `ranked` of the seen concepts confusable
    /// with it (its group's, [`Scheduler::groups`]; for a concept without a group, its topic's
    /// [`Scheduler::bank_neighbours`] nearest on each side among the concepts without one, in
    /// the order of `all_concepts`), in ranked order, without itself.
    fn ranked_mates(
        &self,
        ranked: &[(String, bool)],
        all_concepts: &[ConceptInfo],
    ) -> Vec<Vec<usize>> {
        let mut seen_at: HashMap<&str, usize> = HashMap::new();
        let mut by_group: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (c, new)) in ranked.iter().enumerate() {
            if *new {
                continue;
            }
            seen_at.insert(c.as_str(), i);
            if let Some(g) = self.groups.as_ref().and_then(|g| g.get(c)) {
                by_group.entry(g.as_str()).or_default().push(i);
            }
        }
        let mut neighbours: HashMap<&str, Vec<usize>> = HashMap::new();
        if self.interleaves_neighbours() {
            // Neighbours stand in for groups where none is known: a concept with a group
            // neither brings nor is brought as a neighbour (in a fact table listed row by row,
            // its neighbours are the row's other attributes, not what it is confused with).
            let grouped = |c: &str| self.groups.as_ref().is_some_and(|g| g.contains_key(c));
            let mut by_topic: HashMap<&str, Vec<&str>> = HashMap::new();
            for c in all_concepts.iter().filter(|c| !grouped(&c.concept)) {
                by_topic.entry(&c.topic).or_default().push(&c.concept);
            }
            let k = self.bank_neighbours;
            for list in by_topic.values() {
                for (i, c) in list.iter().enumerate() {
                    let near = &list[i.saturating_sub(k)..list.len().min(i + k + 1)];
                    neighbours.insert(
                        c,
                        near.iter()
                            .filter_map(|o| seen_at.get(o).copied())
                            .collect(),
                    );
                }
            }
        }
        ranked
            .iter()
            .enumerate()
            .map(|(i, (c, _))| {
                let mut mates: Vec<usize> = self
                    .groups
                    .as_ref()
                    .and_then(|g| g.get(c))
                    .and_then(|g| by_group.get(g.as_str()))
                    .cloned()
                    .unwrap_or_default();
                mates.extend(neighbours.get(c.as_str()).into_iter().flatten());
                mates.retain(|&j| j != i);
                mates.sort_unstable();
                mates.dedup();
                mates
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::MS_PER_DAY;
    use crate::schedule::{Pace, Rating};

    const DAY0: Day = 20_000;

    /// Concepts `c0`, `c1`, … with the topic `topic` gives each index.
    fn concepts(n: usize, topic: impl Fn(usize) -> &'static str) -> Vec<ConceptInfo> {
        (0..n)
            .map(|i| ConceptInfo {
                concept: format!("c{i}"),
                topic: topic(i).into(),
            })
            .collect()
    }

    /// An exam 30 days after [`DAY0`], `minutes` a day at `review_secs` a review, and each
    /// concept of `all` answered once on [`DAY0`] with the rating `rate` gives its index.
    fn answered_once(
        all: &[ConceptInfo],
        minutes: u32,
        review_secs: f64,
        rate: impl Fn(usize) -> Rating,
    ) -> (Scheduler, Vec<MemoryState>) {
        let mut s = Scheduler::default().with_exam(Some(ExamPlan {
            exam_day: DAY0 + 30,
            minutes_per_day: minutes,
        }));
        s.pace = Pace {
            new_secs: 20.0,
            review_secs,
        };
        let at = DAY0 * MS_PER_DAY + 9 * 3_600_000;
        let states = all
            .iter()
            .enumerate()
            .map(|(i, c)| s.review(None, &c.concept, &c.concept, rate(i), at, 0))
            .collect();
        (s, states)
    }

    #[test]
    fn a_scheduler_told_the_groups_queues_each_group_side_by_side() {
        let day0 = DAY0;
        let all = concepts(12, |_| "t");
        let group = |c: &str| format!("g{}", c[1..].parse::<usize>().unwrap_or(0) % 4);
        let ratings = [Rating::Good, Rating::Again, Rating::Good];
        let (mut s, states) = answered_once(&all, 2, 12.0, |i| ratings[i % 3]);
        let contiguous = |plan: &[String]| {
            let groups: Vec<String> = plan.iter().map(|c| group(c)).collect();
            let runs = groups.windows(2).filter(|w| w[0] != w[1]).count() + 1;
            let mut distinct = groups.clone();
            distinct.sort();
            distinct.dedup();
            runs == distinct.len()
        };
        let plain = s.queue(&states, &all, day0 + 4, 0, 0);
        s.groups = Some(
            all.iter()
                .map(|c| (c.concept.clone(), group(&c.concept)))
                .collect(),
        );
        let grouped = s.queue(&states, &all, day0 + 4, 0, 0);
        // Two minutes hold ten reviews either way; grouped, each group is one run.
        assert_eq!((plain.len(), grouped.len()), (10, 10));
        assert!(!contiguous(&plain), "{plain:?}");
        assert!(contiguous(&grouped), "{grouped:?}");
        assert_eq!(plain[0], grouped[0]);
        // Without an exam date the groups change nothing.
        let mut no_exam = s.clone().with_exam(None);
        let without = no_exam.queue(&states, &all, day0 + 4, 0, 0);
        no_exam.groups = None;
        assert_eq!(without, no_exam.queue(&states, &all, day0 + 4, 0, 0));
    }

    /// c0–c2 in topic a, c3–c5 in topic b, all answered once; c1, c3 and c5 were missed (their
    /// review gains less: they rank last). One minute a day holds four reviews at 15 s.
    fn two_topics_of_three() -> (Vec<ConceptInfo>, Scheduler, Vec<MemoryState>) {
        let all = concepts(6, |i| if i < 3 { "a" } else { "b" });
        let (s, states) = answered_once(&all, 1, 15.0, |i| {
            if i % 2 == 0 {
                Rating::Good
            } else {
                Rating::Again
            }
        });
        (all, s, states)
    }

    #[test]
    fn bank_neighbours_of_the_same_topic_come_along_unless_forgetting_is_steep_nor_do_groups() {
        let day0 = DAY0;
        let (all, mut s, states) = two_topics_of_three();
        let plain = s.queue(&states, &all, day0 + 4, 0, 0);
        assert_eq!(plain, ["c0", "c2", "c4", "c1"]);
        s.bank_neighbours = 1;
        assert!(s.interleaves_neighbours());
        // c0 brings its neighbour c1; c2's neighbours are c1 (taken) and c3 (another topic).
        assert_eq!(
            s.queue(&states, &all, day0 + 4, 0, 0),
            ["c0", "c1", "c2", "c4"]
        );
        // On steep forgetting, the plain plan (whatever it is then).
        s.calibration = Some(crate::schedule::Calibration::for_tests(0.8, None, 150));
        assert!(!s.interleaves_neighbours());
        let steep = s.queue(&states, &all, day0 + 4, 0, 0);
        // Groups too: c0 and c1 in one set change nothing.
        s.groups = Some(
            [("c0", "g"), ("c1", "g")]
                .map(|(c, g)| (c.into(), g.into()))
                .into(),
        );
        assert!(!s.interleaves());
        assert_eq!(steep, s.queue(&states, &all, day0 + 4, 0, 0));
        s.groups = None;
        s.bank_neighbours = 0;
        assert_eq!(steep, s.queue(&states, &all, day0 + 4, 0, 0));
    }

    #[test]
    fn a_concept_with_a_group_is_no_concepts_bank_neighbour() {
        let day0 = DAY0;
        // As in the test above: with one neighbour on each side c0 brings c1 along.
        let (all, mut s, states) = two_topics_of_three();
        s.bank_neighbours = 1;
        assert_eq!(
            s.queue(&states, &all, day0 + 4, 0, 0),
            ["c0", "c1", "c2", "c4"]
        );
        // c1 in a set of its own (a fact table's column whose other cells are elsewhere): c0's
        // neighbour among the ungrouped concepts of its topic is c2, next anyway, and the
        // minute left after c4 goes to c4's neighbour c3, not to c1.
        s.groups = Some([("c1".to_string(), "set".to_string())].into());
        assert_eq!(
            s.queue(&states, &all, day0 + 4, 0, 0),
            ["c0", "c2", "c4", "c3"]
        );
    }

    /// The app plans again each time it is asked ([`Scheduler::queue_left`]): with nothing
    /// done it is the day's queue as the planner makes it (the benchmark's choices), with some
    /// minutes spent it is that day's plan less what was answered, cut at the minutes left, and
    /// once the minutes are spent another round of them, without today's concepts.
    #[test]
    fn what_is_left_of_the_day_is_the_days_queue_less_what_is_done() {
        let all = concepts(40, |i| if i < 20 { "a" } else { "b" });
        let ratings = [Rating::Good, Rating::Again, Rating::Good];
        for groups in [false, true] {
            let (mut s, states) = answered_once(&all[..24], 2, 12.0, |i| ratings[i % 3]);
            if groups {
                s.groups = Some(
                    all.iter()
                        .map(|c| (c.concept.clone(), format!("g{}", c.concept.len())))
                        .collect(),
                );
            }
            let today = DAY0 + 4;
            let none = HashSet::new();
            let whole = s.queue_tagged(&states, &all, today, 0, 0);
            assert_eq!(s.queue_left(&states, &all, today, 0, 0, 0.0, &none), whole);
            // Two minutes at 12 s a review: ten of them.
            assert_eq!(whole.len(), 10, "{whole:?}");
            let done: HashSet<String> = whole[..3].iter().map(|(c, _)| c.clone()).collect();
            let left = s.queue_left(&states, &all, today, 0, 0, 36.0, &done);
            assert_eq!(left.len(), 7, "{left:?}");
            assert!(left.iter().all(|(c, _)| !done.contains(c)));
            // The day's minutes spent: another round of ten, none of today's.
            let round = s.queue_left(&states, &all, today, 0, 0, 120.0, &done);
            assert_eq!(round.len(), 10, "{round:?}");
            assert!(round.iter().all(|(c, _)| !done.contains(c)));
        }
    }
}
