//! The bank's quality floors (issues 13 and 14), each computed from the embedded bank and
//! printed, and each shown to catch a broken bank by a doctored copy of it.
//!
//! Run `cargo test --test bank_floors -- --nocapture --test-threads 1` to read the figures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use az900::bank::Bank;
use az900::bank::question::{Body, Kind, Question, Source};
use az900::engine::blueprint::seat_range;
use az900::engine::select::exam_draw;
use az900::outline::Outline;

/// The ids shipped before this wave (all of them cloud concepts, skill area 1).
const SHIPPED: &str = include_str!("fixtures/ids/v0.1-questions.tsv");
const SHIPPED_COUNT: usize = 384;

fn bank() -> Bank {
    Bank::embedded().unwrap_or_else(|e| panic!("the embedded bank must load:\n{e}"))
}

fn shipped() -> HashSet<&'static str> {
    SHIPPED
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect()
}

fn authored(q: &Question) -> bool {
    matches!(q.source, Source::Pack { .. })
}

fn area(q: &Question) -> &str {
    q.objective.split('.').next().unwrap_or("")
}

/// Panics with every problem found, one a line.
fn none(problems: &[String], what: &str) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s)\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// The checks: each a function of a question list, returning what it found wrong.
// ---------------------------------------------------------------------------------------

/// Every outline objective: at least 12 questions over at least 4 concepts.
fn objective_floors(qs: &[Question], outline: &Outline) -> Vec<String> {
    let mut per: BTreeMap<&str, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for q in qs {
        let e = per.entry(&q.objective).or_default();
        e.0 += 1;
        e.1.insert(&q.concept);
    }
    let mut out = Vec::new();
    let (mut fewest_q, mut fewest_c) = (usize::MAX, usize::MAX);
    for (_, _, o) in outline.objectives() {
        let (n, concepts) = per
            .get(o.id.as_str())
            .map_or((0, 0), |(n, c)| (*n, c.len()));
        fewest_q = fewest_q.min(n);
        fewest_c = fewest_c.min(concepts);
        if n < 12 || concepts < 4 {
            out.push(format!(
                "objective {}: {n} questions over {concepts} concepts (floor 12 over 4)",
                o.id
            ));
        }
    }
    println!(
        "objectives: {} in the outline; the fewest questions {fewest_q}, the fewest concepts {fewest_c}",
        outline.objectives().count()
    );
    out
}

/// Area 2 ≥ 400; areas 1 and 3 ≥ 450 more than the 384 shipped; the bank ≥ 1,100.
fn size_floors(qs: &[Question]) -> Vec<String> {
    let count = |a: &str| qs.iter().filter(|q| area(q) == a).count();
    let (a1, a2, a3) = (count("1"), count("2"), count("3"));
    println!(
        "areas: 1 = {a1}, 2 = {a2}, 3 = {a3}; 1 + 3 = {} (shipped {SHIPPED_COUNT}, gain {}); bank {}",
        a1 + a3,
        (a1 + a3).saturating_sub(SHIPPED_COUNT),
        qs.len()
    );
    let mut out = Vec::new();
    if a2 < 400 {
        out.push(format!("skill area 2 has {a2} questions (floor 400)"));
    }
    if a1 + a3 < SHIPPED_COUNT + 450 {
        out.push(format!(
            "skill areas 1 + 3 have {} questions (floor {SHIPPED_COUNT} + 450)",
            a1 + a3
        ));
    }
    if qs.len() < 1100 {
        out.push(format!("the bank has {} questions (floor 1,100)", qs.len()));
    }
    out
}

/// Authored scenarios are at least a third of area 2 and of the new area-1/3 questions.
fn authored_shares(qs: &[Question], shipped: &HashSet<&str>) -> Vec<String> {
    let share = |pick: &dyn Fn(&Question) -> bool| -> (usize, usize) {
        let all: Vec<&Question> = qs.iter().filter(|q| pick(q)).collect();
        (all.iter().filter(|q| authored(q)).count(), all.len())
    };
    let mut out = Vec::new();
    for (what, (a, n)) in [
        ("skill area 2", share(&|q| area(q) == "2")),
        (
            "new questions of skill areas 1 and 3",
            share(&|q| area(q) != "2" && !shipped.contains(q.id.as_str())),
        ),
    ] {
        println!("{what}: {a} authored of {n}");
        if n == 0 || a * 3 < n {
            out.push(format!("{what}: {a} authored of {n} (floor: a third)"));
        }
    }
    out
}

/// Every kind appears in every skill area.
fn kinds_per_area(qs: &[Question], outline: &Outline) -> Vec<String> {
    let mut seen: BTreeMap<&str, BTreeMap<Kind, usize>> = BTreeMap::new();
    for q in qs {
        *seen
            .entry(area(q))
            .or_default()
            .entry(q.kind())
            .or_default() += 1;
    }
    let mut out = Vec::new();
    for a in &outline.areas {
        let kinds = seen.get(a.id.as_str()).cloned().unwrap_or_default();
        println!(
            "area {} kinds: {}",
            a.id,
            kinds
                .iter()
                .map(|(k, n)| format!("{} {n}", k.id()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for k in Kind::ALL {
            if !kinds.contains_key(&k) {
                out.push(format!("skill area {} has no {} question", a.id, k.id()));
            }
        }
    }
    out
}

/// The why of every choice, statement, item and row.
fn whys(q: &Question) -> Vec<&str> {
    match &q.body {
        Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
            choices.iter().map(|c| c.why.as_str()).collect()
        }
        Body::YesNo { statements } => statements.iter().map(|s| s.why.as_str()).collect(),
        Body::Match { items, .. } => items.iter().map(|i| i.why.as_str()).collect(),
        Body::Order { items } => items.iter().map(|i| i.why.as_str()).collect(),
        Body::HotArea { rows, .. } => rows.iter().map(|r| r.why.as_str()).collect(),
    }
}

fn missing_whys(qs: &[Question]) -> Vec<String> {
    let parts: usize = qs.iter().map(|q| whys(q).len()).sum();
    println!("{parts} choices, statements, items and rows checked for a why");
    qs.iter()
        .flat_map(|q| {
            whys(q)
                .into_iter()
                .enumerate()
                .filter(|(_, w)| w.trim().is_empty())
                .map(move |(i, _)| format!("{}: part {} has no why", q.id, i + 1))
        })
        .collect()
}

/// Sentences in a text: a `.`, `!` or `?` (and any closing quote or bracket) that ends the
/// text or is followed by a space and a capital, a digit or an opening quote. "e.g. a" and
/// "Azure.com" end nothing.
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut n = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j], '"' | '\'' | ')' | '”' | '’') {
                j += 1;
            }
            let ends = j == chars.len()
                || (chars[j].is_whitespace() && {
                    let mut k = j;
                    while k < chars.len() && chars[k].is_whitespace() {
                        k += 1;
                    }
                    k < chars.len()
                        && (chars[k].is_uppercase()
                            || chars[k].is_ascii_digit()
                            || matches!(chars[k], '"' | '“' | '(' | '\''))
                });
            if ends {
                n += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    n.max(usize::from(!text.trim().is_empty()))
}

/// Explanations say it in at most three sentences.
fn long_explanations(qs: &[Question]) -> Vec<String> {
    let most = qs
        .iter()
        .map(|q| (sentences(&q.explanation), q.explanation.chars().count()))
        .fold((0, 0), |(s, c), (s2, c2)| (s.max(s2), c.max(c2)));
    println!(
        "explanations: at most {} sentences, at most {} characters",
        most.0, most.1
    );
    qs.iter()
        .filter(|q| sentences(&q.explanation) > 3)
        .map(|q| {
            format!(
                "{}: explanation of {} sentences",
                q.id,
                sentences(&q.explanation)
            )
        })
        .collect()
}

/// Area 2 links at least 25 distinct Learn pages.
fn area2_pages(qs: &[Question]) -> Vec<String> {
    let pages: BTreeSet<&str> = qs
        .iter()
        .filter(|q| area(q) == "2")
        .flat_map(|q| q.refs.iter().map(String::as_str))
        .filter(|r| r.starts_with("https://learn.microsoft.com/"))
        .collect();
    println!("skill area 2 links {} distinct Learn pages", pages.len());
    if pages.len() < 25 {
        vec![format!(
            "skill area 2 links {} distinct Learn pages (floor 25)",
            pages.len()
        )]
    } else {
        Vec::new()
    }
}

/// How often the right answer is the longest choice against how often chance would make it
/// so, over single, dropdown and multi questions with one longest choice: (observed,
/// expected, questions).
fn length_cue<'a>(qs: impl Iterator<Item = &'a Question>) -> (f64, f64, usize) {
    let (mut observed, mut expected, mut n) = (0.0, 0.0, 0);
    for q in qs {
        let Some(choices) = q.body.choices() else {
            continue;
        };
        if choices.len() < 2 {
            continue;
        }
        let lens: Vec<usize> = choices.iter().map(|c| c.text.chars().count()).collect();
        let max = lens.iter().copied().max().unwrap_or(0);
        let longest: Vec<usize> = (0..lens.len()).filter(|i| lens[*i] == max).collect();
        if longest.len() != 1 {
            continue; // a tie points at nothing
        }
        let right = choices.iter().filter(|c| c.correct).count();
        expected += right as f64 / choices.len() as f64;
        if choices[longest[0]].correct {
            observed += 1.0;
        }
        n += 1;
    }
    (observed, expected, n)
}

fn length_cues(qs: &[Question]) -> Vec<String> {
    let mut out = Vec::new();
    for (what, pick) in [
        (
            "authored",
            &(|q: &Question| authored(q)) as &dyn Fn(&Question) -> bool,
        ),
        ("generated", &|q: &Question| !authored(q)),
    ] {
        let (obs, exp, n) = length_cue(qs.iter().filter(|q| pick(q)));
        let ratio = if exp > 0.0 { obs / exp } else { 0.0 };
        println!(
            "length cue, {what}: right answer longest in {obs} of {n} questions, chance {exp:.1}, ratio {ratio:.2}"
        );
        if !(0.8..=1.25).contains(&ratio) {
            out.push(format!(
                "{what}: the right answer is the longest choice {obs} times where chance expects {exp:.1} (ratio {ratio:.2}, allowed 0.8–1.25)"
            ));
        }
    }
    out
}

/// Where the right answer of a single or dropdown sits among its choices, per number of
/// choices: every position between half and one and a half times chance (groups of 30 or
/// more). The shipped rules-generated questions are left out: their choices keep the order
/// that stored answers index (reordering them would regrade a learner's history), and the
/// app shuffles every question's choices when it shows them.
fn positions(qs: &[Question]) -> Vec<String> {
    let mut out = Vec::new();
    for (what, pick) in [
        (
            "authored",
            &(|q: &Question| authored(q)) as &dyn Fn(&Question) -> bool,
        ),
        ("from fact tables", &|q: &Question| {
            matches!(q.source, Source::Table { .. })
        }),
    ] {
        let mut per: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for q in qs.iter().filter(|q| pick(q)) {
            let (Body::Single { choices } | Body::Dropdown { choices, .. }) = &q.body else {
                continue;
            };
            let Some(key) = choices.iter().position(|c| c.correct) else {
                continue;
            };
            let counts = per
                .entry(choices.len())
                .or_insert_with(|| vec![0; choices.len()]);
            counts[key] += 1;
        }
        for (len, counts) in per {
            let n: usize = counts.iter().sum();
            println!("right-answer positions, {what}, {len} choices: {counts:?}");
            if n < 30 {
                continue;
            }
            let chance = n as f64 / len as f64;
            for (i, c) in counts.iter().enumerate() {
                let r = *c as f64 / chance;
                if !(0.5..=1.5).contains(&r) {
                    out.push(format!(
                        "{what}, {len} choices: the right answer is choice {} in {c} of {n} (chance {chance:.1})",
                        i + 1
                    ));
                }
            }
        }
    }
    out
}

/// Families of single and dropdown questions that offer the same choices ("Customer,
/// Microsoft, Shared"; "Hot, Cool, Cold, Archive"): in a family of six or more, no choice is
/// the right answer more often than chance plus two standard deviations plus one.
fn families(qs: &[Question]) -> Vec<String> {
    let mut fam: BTreeMap<Vec<String>, Vec<&Question>> = BTreeMap::new();
    for q in qs {
        let (Body::Single { choices } | Body::Dropdown { choices, .. }) = &q.body else {
            continue;
        };
        let mut key: Vec<String> = choices
            .iter()
            .map(|c| c.text.trim().to_lowercase())
            .collect();
        key.sort();
        fam.entry(key).or_default().push(q);
    }
    let mut out = Vec::new();
    for (choices, members) in fam.into_iter().filter(|(_, m)| m.len() >= 6) {
        let k = choices.len() as f64;
        let n = members.len() as f64;
        let mut right: BTreeMap<String, usize> = BTreeMap::new();
        for q in &members {
            for c in q.body.choices().unwrap_or_default() {
                if c.correct {
                    *right.entry(c.text.trim().to_lowercase()).or_default() += 1;
                }
            }
        }
        let limit = n / k + 2.0 * (n * (1.0 / k) * (1.0 - 1.0 / k)).sqrt() + 1.0;
        let spread: Vec<String> = choices
            .iter()
            .map(|c| format!("{c} {}", right.get(c).copied().unwrap_or(0)))
            .collect();
        println!(
            "family of {} ({}): limit {limit:.1}",
            members.len(),
            spread.join(", ")
        );
        for (c, r) in &right {
            if *r as f64 > limit {
                out.push(format!(
                    "{c:?} is right in {r} of the {} questions offering {choices:?} (limit {limit:.1}; e.g. {})",
                    members.len(),
                    members[0].id
                ));
            }
        }
    }
    out
}

/// No yes/no series has every answer Yes or every answer No.
fn one_sided_series(qs: &[Question]) -> Vec<String> {
    let mut n = 0;
    let out: Vec<String> = qs
        .iter()
        .filter_map(|q| {
            let Body::YesNo { statements } = &q.body else {
                return None;
            };
            n += 1;
            let yes = statements.iter().filter(|s| s.answer).count();
            (statements.len() >= 2 && (yes == 0 || yes == statements.len())).then(|| {
                format!(
                    "{}: all {} statements are {}",
                    q.id,
                    statements.len(),
                    if yes == 0 { "No" } else { "Yes" }
                )
            })
        })
        .collect();
    println!("{n} yes/no series, {} one-sided", out.len());
    out
}

/// Every dropdown sentence has one blank, with no space between it and the punctuation after
/// it ("___ ." reads as a stray full stop).
fn blanks(qs: &[Question]) -> Vec<String> {
    qs.iter()
        .filter_map(|q| {
            let Body::Dropdown { sentence, .. } = &q.body else {
                return None;
            };
            let n = sentence.matches("___").count();
            let loose = [" .", " ,", " ;", " :", " ?"]
                .iter()
                .any(|p| sentence.contains(&format!("___{p}")));
            (n != 1 || loose).then(|| format!("{}: {sentence:?}", q.id))
        })
        .collect()
}

/// Exams of `count` drawn with seeds `seeds`: every skill area inside its seat range, no
/// concept twice, `count` questions.
fn exam_draws(bank: &Bank, count: usize, seeds: std::ops::Range<u64>) -> Vec<String> {
    let concept: HashMap<&str, &str> = bank
        .questions()
        .iter()
        .map(|q| (q.id.as_str(), q.concept.as_str()))
        .collect();
    let ranges: Vec<(&str, (usize, usize))> = bank
        .rules
        .outline
        .areas
        .iter()
        .map(|a| (a.id.as_str(), seat_range((a.weight[0], a.weight[1]), count)))
        .collect();
    let mut seen: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut out = Vec::new();
    for seed in seeds.clone() {
        let draw = match exam_draw(bank, count, None, seed) {
            Ok(d) => d,
            Err(e) => {
                out.push(format!("{count} questions, seed {seed}: {e}"));
                continue;
            }
        };
        if draw.ids.len() != count {
            out.push(format!(
                "{count} questions, seed {seed}: drew {}",
                draw.ids.len()
            ));
        }
        let mut concepts = HashSet::new();
        for id in &draw.ids {
            if !concepts.insert(concept.get(id.as_str()).copied().unwrap_or("")) {
                out.push(format!(
                    "{count} questions, seed {seed}: concept of {id} asked twice"
                ));
            }
        }
        for (id, (lo, hi)) in &ranges {
            let n = draw
                .seats
                .iter()
                .find(|(a, _)| a == id)
                .map_or(0, |(_, n)| *n);
            let asked = draw
                .ids
                .iter()
                .filter(|q| {
                    bank.get(q)
                        .is_some_and(|q| q.objective.split('.').next() == Some(*id))
                })
                .count();
            let e = seen.entry(id).or_insert((usize::MAX, 0));
            *e = (e.0.min(asked), e.1.max(asked));
            if n != asked || asked < *lo || asked > *hi {
                out.push(format!(
                    "{count} questions, seed {seed}: area {id} got {asked} questions ({n} seats), range {lo}–{hi}"
                ));
            }
        }
    }
    println!(
        "exams of {count} over {} seeds: {}",
        seeds.end - seeds.start,
        ranges
            .iter()
            .map(|(id, (lo, hi))| {
                let (a, b) = seen.get(id).copied().unwrap_or((0, 0));
                format!("area {id} {a}–{b} (range {lo}–{hi})")
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    out
}

// ---------------------------------------------------------------------------------------
// The floors, on the embedded bank.
// ---------------------------------------------------------------------------------------

#[test]
fn every_objective_has_twelve_questions_over_four_concepts() {
    let bank = bank();
    none(
        &objective_floors(bank.questions(), &bank.rules.outline),
        "objective floors",
    );
}

#[test]
fn the_areas_and_the_bank_reach_their_sizes_with_a_third_authored() {
    let bank = bank();
    let mut problems = size_floors(bank.questions());
    problems.extend(authored_shares(bank.questions(), &shipped()));
    none(&problems, "size floors");
}

#[test]
fn every_kind_appears_in_every_skill_area() {
    let bank = bank();
    none(
        &kinds_per_area(bank.questions(), &bank.rules.outline),
        "kinds per area",
    );
}

#[test]
fn every_part_has_a_why_and_every_explanation_at_most_three_sentences() {
    let bank = bank();
    let mut problems = missing_whys(bank.questions());
    problems.extend(long_explanations(bank.questions()));
    none(&problems, "whys and explanations");
}

#[test]
fn every_dropdown_has_one_blank_set_tight_against_its_punctuation() {
    let bank = bank();
    none(&blanks(bank.questions()), "dropdown blanks");
}

#[test]
fn the_blank_check_catches_a_loose_full_stop_and_two_blanks() {
    let qs = doctored(|qs| {
        let mut n = 0;
        for q in qs.iter_mut() {
            if let Body::Dropdown { sentence, .. } = &mut q.body {
                *sentence = if n == 0 {
                    "It is decided by ___ .".into()
                } else {
                    "___ and ___.".into()
                };
                n += 1;
                if n == 2 {
                    break;
                }
            }
        }
    });
    assert_eq!(blanks(&qs).len(), blanks(bank().questions()).len() + 2);
}

#[test]
fn skill_area_2_links_at_least_25_learn_pages() {
    let bank = bank();
    none(&area2_pages(bank.questions()), "Learn pages");
}

#[test]
fn the_right_answer_is_the_longest_about_as_often_as_chance() {
    let bank = bank();
    none(&length_cues(bank.questions()), "length cue");
}

#[test]
fn right_answers_spread_over_positions() {
    let bank = bank();
    none(&positions(bank.questions()), "positions");
}

#[test]
fn no_answer_of_a_family_is_right_much_more_often_than_chance() {
    let bank = bank();
    none(&families(bank.questions()), "answer families");
}

#[test]
fn no_yes_no_series_is_all_yes_or_all_no() {
    let bank = bank();
    none(&one_sided_series(bank.questions()), "yes/no series");
}

#[test]
fn exams_of_40_and_60_hold_the_blueprint_over_1000_seeds() {
    let bank = bank();
    let mut problems = exam_draws(&bank, 40, 0..1000);
    problems.extend(exam_draws(&bank, 60, 0..1000));
    problems.truncate(20);
    none(&problems, "exam draws");
}

// ---------------------------------------------------------------------------------------
// Each check catches a broken bank: a doctored copy of the embedded questions.
// ---------------------------------------------------------------------------------------

fn doctored(edit: impl Fn(&mut Vec<Question>)) -> Vec<Question> {
    let mut qs = bank().questions().to_vec();
    edit(&mut qs);
    qs
}

#[test]
fn the_objective_floor_catches_an_objective_left_with_eleven_questions() {
    let bank = bank();
    let qs = doctored(|qs| {
        let mut kept = 0;
        qs.retain(|q| {
            if q.objective != "2.1.1" {
                return true;
            }
            kept += 1;
            kept <= 11
        });
    });
    let p = objective_floors(&qs, &bank.rules.outline);
    assert!(p.iter().any(|p| p.contains("2.1.1")), "{p:?}");
    // …and one whose questions share three concepts.
    let qs = doctored(|qs| {
        for q in qs.iter_mut().filter(|q| q.objective == "3.2.3") {
            let n = q.concept.len() % 3;
            q.concept = format!("c{n}");
        }
    });
    let p = objective_floors(&qs, &bank.rules.outline);
    assert!(p.iter().any(|p| p.contains("3.2.3")), "{p:?}");
}

#[test]
fn the_size_floors_catch_a_small_area_and_too_few_authored() {
    let qs = doctored(|qs| qs.retain(|q| area(q) != "2" || q.id.len() % 2 == 0));
    let p = size_floors(&qs);
    assert!(p.iter().any(|p| p.contains("area 2")), "{p:?}");
    let qs = doctored(|qs| {
        for q in qs.iter_mut().filter(|q| area(q) == "3") {
            q.source = Source::Table { file: "x".into() };
        }
    });
    let p = authored_shares(&qs, &shipped());
    assert!(p.iter().any(|p| p.contains("1 and 3")), "{p:?}");
}

#[test]
fn the_kind_check_catches_an_area_without_hot_areas() {
    let bank = bank();
    let qs = doctored(|qs| qs.retain(|q| !(area(q) == "3" && q.kind() == Kind::HotArea)));
    let p = kinds_per_area(&qs, &bank.rules.outline);
    assert_eq!(p, vec!["skill area 3 has no hot_area question".to_string()]);
}

#[test]
fn the_why_and_explanation_checks_catch_a_blank_why_and_a_paragraph() {
    let qs = doctored(|qs| {
        let q = qs.iter_mut().find(|q| q.kind() == Kind::Match).unwrap();
        if let Body::Match { items, .. } = &mut q.body {
            items[1].why = " ".into();
        }
    });
    let base = bank();
    let before = missing_whys(base.questions()).len();
    assert_eq!(missing_whys(&qs).len(), before + 1);
    let qs = doctored(|qs| {
        let q = qs
            .iter_mut()
            .find(|q| sentences(&q.explanation) <= 3)
            .unwrap();
        q.explanation = "One. Two! Three? Four (e.g. this) ends \"here.\"".into();
    });
    let before = long_explanations(base.questions()).len();
    assert_eq!(long_explanations(&qs).len(), before + 1);
    assert_eq!(
        sentences("Azure.com hosts it. The 2 tiers e.g. hot differ."),
        2
    );
    assert_eq!(sentences("No full stop"), 1);
    assert_eq!(sentences("It says \"stop.\" Then: go. 3 more."), 3);
}

#[test]
fn the_page_check_catches_an_area_citing_few_pages() {
    let qs = doctored(|qs| {
        for (i, q) in qs.iter_mut().filter(|q| area(q) == "2").enumerate() {
            q.refs = vec![format!("https://learn.microsoft.com/p{}", i % 24)];
        }
    });
    assert_eq!(area2_pages(&qs).len(), 1);
}

#[test]
fn the_length_cue_catches_right_answers_padded_to_be_longest_or_trimmed_to_be_shortest() {
    for pad in [true, false] {
        let qs = doctored(|qs| {
            for q in qs.iter_mut().filter(|q| authored(q)) {
                if let Body::Single { choices } = &mut q.body {
                    let longest = choices.iter().map(|c| c.text.len()).max().unwrap_or(0);
                    for c in choices.iter_mut().filter(|c| c.correct) {
                        c.text = if pad {
                            format!("{}{}", c.text, "x".repeat(longest + 1))
                        } else {
                            "y".into()
                        };
                    }
                }
            }
        });
        let p = length_cues(&qs);
        assert!(p.iter().any(|p| p.starts_with("authored")), "{pad}: {p:?}");
    }
}

#[test]
fn the_position_check_catches_right_answers_always_first() {
    let qs = doctored(|qs| {
        for q in qs.iter_mut().filter(|q| authored(q)) {
            if let Body::Single { choices } = &mut q.body {
                let key = choices.iter().position(|c| c.correct).unwrap();
                choices.swap(0, key);
            }
        }
    });
    let p = positions(&qs);
    assert!(p.iter().any(|p| p.starts_with("authored")), "{p:?}");
}

#[test]
fn the_family_check_catches_one_owner_right_most_of_the_time() {
    // Twelve "who owns it" questions, nine keyed Customer: chance is four.
    let owner = bank()
        .questions()
        .iter()
        .find(|q| q.id == "gen-owner-physical-hosts-iaas")
        .cloned()
        .unwrap();
    let qs: Vec<Question> = (0..12)
        .map(|i| {
            let mut q = owner.clone();
            q.id = format!("q{i}");
            if let Body::Single { choices } = &mut q.body {
                for (j, c) in choices.iter_mut().enumerate() {
                    c.correct = j == if i < 9 { 0 } else { i % 3 };
                }
            }
            q
        })
        .collect();
    let p = families(&qs);
    assert!(p.iter().any(|p| p.starts_with("\"customer\"")), "{p:?}");
    // Spread evenly, the same family passes.
    let even: Vec<Question> = qs
        .into_iter()
        .enumerate()
        .map(|(i, mut q)| {
            if let Body::Single { choices } = &mut q.body {
                for (j, c) in choices.iter_mut().enumerate() {
                    c.correct = j == i % 3;
                }
            }
            q
        })
        .collect();
    assert!(families(&even).is_empty());
}

#[test]
fn the_series_check_catches_an_all_yes_series() {
    let qs = doctored(|qs| {
        let q = qs
            .iter_mut()
            .find(|q| matches!(&q.body, Body::YesNo { statements } if statements.iter().any(|s| s.answer) && statements.iter().any(|s| !s.answer)))
            .unwrap();
        if let Body::YesNo { statements } = &mut q.body {
            for s in statements.iter_mut() {
                s.answer = true;
            }
        }
    });
    let before = one_sided_series(bank().questions()).len();
    assert_eq!(one_sided_series(&qs).len(), before + 1);
}

#[test]
fn the_exam_check_catches_an_area_the_bank_cannot_fill() {
    let b = bank();
    let qs = doctored(|qs| {
        let mut kept = 0;
        qs.retain(|q| {
            if area(q) != "3" {
                return true;
            }
            kept += 1;
            kept <= 5
        });
    });
    let thin = Bank::from_questions(b.rules.clone(), qs).unwrap();
    let p = exam_draws(&thin, 40, 0..3);
    assert!(p.iter().any(|p| p.contains("area 3")), "{p:?}");
}
