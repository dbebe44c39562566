//! Exam draws by the official blueprint: each skill area gets a number of seats inside its
//! published weight range, seats are spread over the area's objective groups and objectives (no
//! objective asked twice before every objective of its group has been asked once), never two
//! questions of one concept, and the kinds of question mixed as on the real exam.
//!
//! Pure: a function of the candidates, the blueprint, the count and the seed.

use std::collections::{BTreeMap, HashSet};

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::bank::question::Kind;

/// One skill area of the blueprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaSpec {
    /// Outline id (`"1"`, `"2"`, `"3"`).
    pub id: String,
    /// What a learner reads.
    pub name: String,
    /// Microsoft's weight range, in percent of the exam.
    pub weight: (u32, u32),
    /// The area's objective groups, each with its objective ids, in outline order.
    pub groups: Vec<(String, Vec<String>)>,
}

/// A question that may be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// Question id.
    pub id: &'a str,
    /// Its concept (never two of one concept in a draw).
    pub concept: &'a str,
    /// Its outline objective id.
    pub objective: &'a str,
    /// Its kind.
    pub kind: Kind,
}

/// The seats and questions of one draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw {
    /// Question ids in the order to ask them.
    pub ids: Vec<String>,
    /// Per area (blueprint order): `(area id, seats taken)`.
    pub seats: Vec<(String, usize)>,
    /// Areas that could not get the lowest number of seats of their range, with the number
    /// of distinct concepts they hold (a full exam cannot be drawn from them yet).
    pub short: Vec<(String, usize)>,
}

/// The seats an area may take in an exam of `count` questions: `ceil(lo% · count) ..=
/// floor(hi% · count)` (never an empty range: at least the rounded middle).
pub fn seat_range(weight: (u32, u32), count: usize) -> (usize, usize) {
    let (lo, hi) = (
        weight.0.min(weight.1) as usize,
        weight.0.max(weight.1) as usize,
    );
    let min = (lo * count).div_ceil(100);
    let max = hi * count / 100;
    if min <= max {
        (min, max)
    } else {
        let mid = ((lo + hi) * count + 100) / 200;
        (mid, mid)
    }
}

/// Draws `count` questions over `areas` (the whole exam, or one area or group when the caller
/// passes only that part of the blueprint).
pub fn draw(areas: &[AreaSpec], candidates: &[Candidate<'_>], count: usize, seed: u64) -> Draw {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Per objective: its concepts, each with its wordings (stable order before shuffling).
    let mut by_objective: BTreeMap<&str, BTreeMap<&str, Vec<Candidate<'_>>>> = BTreeMap::new();
    for c in candidates {
        by_objective
            .entry(c.objective)
            .or_default()
            .entry(c.concept)
            .or_default()
            .push(*c);
    }
    let capacity: Vec<usize> = areas
        .iter()
        .map(|a| {
            area_objectives(a)
                .map(|o| by_objective.get(o).map_or(0, BTreeMap::len))
                .sum()
        })
        .collect();
    let seats = area_seats(areas, &capacity, count, &mut rng);
    let short = areas
        .iter()
        .zip(&capacity)
        .filter(|(a, cap)| **cap < seat_range(a.weight, count).0)
        .map(|(a, cap)| (a.id.clone(), *cap))
        .collect();
    let mut picker = Picker::default();
    for (area, n) in areas.iter().zip(&seats) {
        picker.fill_area(area, *n, &by_objective, &mut rng);
    }
    let mut ids = picker.ids;
    ids.shuffle(&mut rng);
    Draw {
        ids,
        seats: areas
            .iter()
            .zip(seats)
            .map(|(a, n)| (a.id.clone(), n))
            .collect(),
        short,
    }
}

fn area_objectives(area: &AreaSpec) -> impl Iterator<Item = &str> {
    area.groups
        .iter()
        .flat_map(|(_, objectives)| objectives.iter().map(String::as_str))
}

/// Seats per area: each its range's minimum, the rest handed out one by one at random (weighted
/// by the middle of the range) to areas below their maximum; capacity caps everything, and seats
/// an area cannot fill go to the others so the exam keeps its length when the bank allows.
fn area_seats(
    areas: &[AreaSpec],
    capacity: &[usize],
    count: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<usize> {
    if areas.len() == 1 {
        return vec![count.min(capacity.first().copied().unwrap_or(0))];
    }
    let ranges: Vec<(usize, usize)> = areas.iter().map(|a| seat_range(a.weight, count)).collect();
    let mut seats: Vec<usize> = ranges
        .iter()
        .zip(capacity)
        .map(|((lo, _), cap)| (*lo).min(*cap))
        .collect();
    let total_capacity: usize = capacity.iter().sum();
    let target = count.min(total_capacity);
    // First inside the ranges, then (only when some area is short) beyond them.
    for within_range in [true, false] {
        loop {
            let placed: usize = seats.iter().sum();
            if placed >= target {
                return seats;
            }
            let open: Vec<usize> = (0..areas.len())
                .filter(|i| seats[*i] < capacity[*i] && (!within_range || seats[*i] < ranges[*i].1))
                .collect();
            if open.is_empty() {
                break;
            }
            let weights: Vec<u32> = open
                .iter()
                .map(|i| areas[*i].weight.0 + areas[*i].weight.1)
                .collect();
            let sum: u32 = weights.iter().sum::<u32>().max(1);
            let mut ticket = rng.random_range(0..sum);
            let mut chosen = open[0];
            for (i, w) in open.iter().zip(&weights) {
                if ticket < *w {
                    chosen = *i;
                    break;
                }
                ticket -= w;
            }
            seats[chosen] += 1;
        }
    }
    seats
}

/// Picks questions objective by objective, keeping the kinds near their share of the real
/// exam ([`Kind::exam_share`]).
#[derive(Default)]
struct Picker {
    ids: Vec<String>,
    used_concepts: HashSet<String>,
    kinds: BTreeMap<Kind, usize>,
}

impl Picker {
    fn fill_area(
        &mut self,
        area: &AreaSpec,
        seats: usize,
        by_objective: &BTreeMap<&str, BTreeMap<&str, Vec<Candidate<'_>>>>,
        rng: &mut ChaCha8Rng,
    ) {
        // Per group: the objectives still to be asked in this round, shuffled.
        let mut queues: Vec<Vec<&str>> = vec![Vec::new(); area.groups.len()];
        let mut taken: Vec<usize> = vec![0; area.groups.len()];
        let mut placed = 0;
        while placed < seats {
            // The group furthest below its share (share = its number of objectives with room).
            let room = |objective: &str| {
                by_objective
                    .get(objective)
                    .is_some_and(|cs| cs.keys().any(|c| !self.used_concepts.contains(*c)))
            };
            let mut best: Option<(usize, f64)> = None;
            let mut order: Vec<usize> = (0..area.groups.len()).collect();
            order.shuffle(rng);
            for g in order {
                let open = area.groups[g].1.iter().filter(|o| room(o)).count();
                if open == 0 {
                    continue;
                }
                let ratio = taken[g] as f64 / area.groups[g].1.len().max(1) as f64;
                if best.is_none_or(|(_, r)| ratio < r) {
                    best = Some((g, ratio));
                }
            }
            let Some((g, _)) = best else { return };
            queues[g].retain(|o| room(o));
            if queues[g].is_empty() {
                queues[g] = area.groups[g]
                    .1
                    .iter()
                    .map(String::as_str)
                    .filter(|o| room(o))
                    .collect();
                queues[g].shuffle(rng);
            }
            let Some(objective) = queues[g].pop() else {
                return;
            };
            if let Some(concepts) = by_objective.get(objective) {
                self.pick(concepts, rng);
                placed += 1;
            }
            taken[g] += 1;
        }
    }

    /// One question of an unused concept of the objective: the wording whose kind is furthest
    /// below its share of the exam so far.
    fn pick(&mut self, concepts: &BTreeMap<&str, Vec<Candidate<'_>>>, rng: &mut ChaCha8Rng) {
        let mut options: Vec<&Candidate<'_>> = concepts
            .iter()
            .filter(|(c, _)| !self.used_concepts.contains(**c))
            .flat_map(|(_, qs)| qs.iter())
            .collect();
        options.shuffle(rng);
        let total = self.ids.len() as f64 + 1.0;
        let deficit =
            |k: Kind| k.exam_share() * total - self.kinds.get(&k).copied().unwrap_or(0) as f64;
        let best = options
            .iter()
            .max_by(|a, b| deficit(a.kind).total_cmp(&deficit(b.kind)));
        if let Some(q) = best {
            self.used_concepts.insert(q.concept.to_string());
            *self.kinds.entry(q.kind).or_default() += 1;
            self.ids.push(q.id.to_string());
        }
    }
}

#[cfg(test)]
mod tests;
