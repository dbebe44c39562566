//! Interleaving confusable concepts in the exam plan ([`Scheduler::groups`]): each concept the
//! day takes brings along the already seen concepts of its group that rank close to the plain
//! plan, so they are told apart side by side rather than reviewed days apart.

use std::collections::HashMap;

use super::exam::{ConceptInfo, ExamPlan};
use super::model::Scheduler;
use super::state::MemoryState;
use crate::clock::Day;

/// Minutes to rank past today's plan: a whole day more and an hour.
pub(crate) fn wider_minutes(minutes: u32) -> u32 {
    minutes.saturating_mul(2).saturating_add(60)
}

impl Scheduler {
    /// The exam plan's day with confusable concepts side by side: walk the ranking of a longer
    /// day; each concept taken brings along its group's seen concepts that rank within reach;
    /// stop when the day's minutes are spent.
    pub(crate) fn interleaved(
        &self,
        groups: &HashMap<String, String>,
        plan: ExamPlan,
        states: &[MemoryState],
        all_concepts: &[ConceptInfo],
        today: Day,
        utc_offset_secs: i32,
    ) -> Vec<(String, bool)> {
        let ranked = self.queue_within(
            states,
            all_concepts,
            today,
            utc_offset_secs,
            0,
            Some(wider_minutes(plan.minutes_per_day)),
        );
        let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (c, new)) in ranked.iter().enumerate() {
            if let Some(g) = groups.get(c)
                && !new
            {
                members.entry(g.as_str()).or_default().push(i);
            }
        }
        let budget = f64::from(plan.minutes_per_day) * 60.0;
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
            let mates = groups
                .get(&ranked[i].0)
                .and_then(|g| members.get(g.as_str()))
                .map_or(&[][..], Vec::as_slice);
            for j in std::iter::once(i).chain(mates.iter().copied().filter(|&j| j < reach)) {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::MS_PER_DAY;
    use crate::schedule::{Pace, Rating};

    #[test]
    fn a_scheduler_told_the_groups_queues_each_group_side_by_side() {
        let day0: Day = 20_000;
        let all: Vec<ConceptInfo> = (0..12)
            .map(|i| ConceptInfo {
                concept: format!("c{i}"),
                topic: "t".into(),
            })
            .collect();
        let group = |c: &str| format!("g{}", c[1..].parse::<usize>().unwrap_or(0) % 4);
        let mut s = Scheduler::default().with_exam(Some(ExamPlan {
            exam_day: day0 + 30,
            minutes_per_day: 2,
        }));
        s.pace = Pace {
            new_secs: 10.0,
            review_secs: 12.0,
        };
        let at = day0 * MS_PER_DAY + 9 * 3_600_000;
        let ratings = [Rating::Good, Rating::Again, Rating::Good];
        let states: Vec<MemoryState> = all
            .iter()
            .enumerate()
            .map(|(i, c)| s.review(None, &c.concept, &c.concept, ratings[i % 3], at, 0))
            .collect();
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
}
