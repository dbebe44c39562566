//! `definitions` tables: per term a single (definition → term), a dropdown and a single per
//! example; per group of terms a match (examples → terms). Distractors are only the term's
//! declared confusables.

use super::fact::{Ctx, choice, groups, placed, sentence};
use crate::bank::question::{Body, Choice, MatchItem, Question};
use crate::facts::{Definitions, Term};

pub fn generate(cx: &Ctx<'_>, d: &Definitions, out: &mut Vec<Question>) {
    for t in &d.terms {
        out.push(single(cx, d, t));
        out.push(dropdown(cx, d, t));
        for n in 0..t.examples.len() {
            out.push(example(cx, d, t, n));
        }
    }
    let with_examples: Vec<&Term> = d.terms.iter().filter(|t| !t.examples.is_empty()).collect();
    for group in groups(&with_examples, 4) {
        out.extend(matching(cx, d, group));
    }
}

fn means(t: &Term) -> String {
    sentence(&format!("{} means {}", t.name, t.definition))
}

/// Why a confusable is not the answer: what it means instead.
fn not_this(d: &Definitions, other: usize) -> String {
    let o = &d.terms[other];
    format!("No: {}", means(o))
}

fn choices(id: &str, d: &Definitions, t: &Term) -> Vec<Choice> {
    let wrong = t
        .confused_with
        .iter()
        .map(|o| choice(&d.terms[*o].name, false, not_this(d, *o)))
        .collect();
    placed(id, choice(&t.name, true, means(t)), wrong)
}

fn single(cx: &Ctx<'_>, d: &Definitions, t: &Term) -> Question {
    let id = cx.id(&cat!(t.meta.id, ".single"));
    let prompt = format!("Which {} means {}?", d.subject, t.definition);
    cx.question(&t.meta, id.clone(), cx.concept(&t.meta.id), prompt)
        .done(
            Body::Single {
                choices: choices(&id, d, t),
            },
            means(t),
        )
}

fn dropdown(cx: &Ctx<'_>, d: &Definitions, t: &Term) -> Question {
    let id = cx.id(&cat!(t.meta.id, ".dropdown"));
    let body = Body::Dropdown {
        sentence: format!("___ means {}.", t.definition),
        choices: choices(&id, d, t),
    };
    cx.question(
        &t.meta,
        id,
        cx.concept(&t.meta.id),
        "Select the answer that completes the sentence.".into(),
    )
    .done(body, means(t))
}

fn example(cx: &Ctx<'_>, d: &Definitions, t: &Term, n: usize) -> Question {
    let id = cx.id(&format!("{}.example-{}", t.meta.id, n + 1));
    let prompt = format!(
        "{} Which {} does this describe?",
        sentence(&t.examples[n]),
        d.subject
    );
    cx.question(&t.meta, id.clone(), cx.concept(&t.meta.id), prompt)
        .done(
            Body::Single {
                choices: choices(&id, d, t),
            },
            means(t),
        )
}

/// Examples → terms: up to 3 examples of each term of the group.
fn matching(cx: &Ctx<'_>, d: &Definitions, group: &[&Term]) -> Option<Question> {
    let mut items = Vec::new();
    for (c, t) in group.iter().enumerate() {
        for e in t.examples.iter().take(3) {
            items.push(MatchItem {
                text: sentence(e),
                category: c,
                why: means(t),
            });
        }
    }
    items.truncate(12);
    let first = &group[0].meta;
    let id = cx.id(&cat!(first.id, ".match"));
    let article = if d.subject.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "An"
    } else {
        "A"
    };
    let prompt = format!(
        "Match each scenario to the {} it describes. {article} {} may be used once, more than once, or not at all.",
        d.subject, d.subject
    );
    let explanation = group
        .iter()
        .take(3)
        .map(|t| means(t))
        .collect::<Vec<_>>()
        .join(" ");
    Some(
        cx.question(first, id, cx.concept(&cat!(first.id, ".set")), prompt)
            .also_cites(group.iter().map(|t| &t.meta))
            .done(
                Body::Match {
                    categories: group.iter().map(|t| t.name.clone()).collect(),
                    items,
                },
                explanation,
            ),
    )
}
