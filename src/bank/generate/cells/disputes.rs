//! The disputed cells: the statement that describes both of Microsoft's matrices, and which
//! cells they disagree about.

use super::super::text::{layer_ref, lower_first, model_in};
use super::super::{
    Gen, LEARN_SHARED_RESPONSIBILITY, SECURITY_SHARED_RESPONSIBILITY, choice, question,
    single_or_multi,
};
use super::{cell_concept, cell_set};
use crate::bank::question::{Body, Choice, Question};
use crate::rules::{Model, Owner};

/// "the customer's alone", "Microsoft's alone", "shared" for the dispute questions.
fn owner_word(owner: Owner) -> &'static str {
    match owner {
        Owner::Customer => "the customer's alone",
        Owner::Microsoft => "Microsoft's alone",
        Owner::Shared => "shared",
    }
}

/// "Neither page makes it X: one says A, the other B." for the owners A and B.
fn neither(a: Owner, b: Owner) -> Option<String> {
    let missing = Owner::ALL.into_iter().find(|o| *o != a && *o != b)?;
    Some(format!(
        "Neither page makes it {}: one says {}, the other {}.",
        owner_word(missing),
        owner_word(a),
        owner_word(b)
    ))
}

/// The statements a dispute question offers: the one that describes both pages (first) and
/// parallel ones that get a page wrong, each with the mistake it makes.
fn dispute_statements(g: &Gen, layer: usize, model: Model) -> Option<Vec<(String, bool, String)>> {
    let note = g.dispute_note(layer, model)?;
    let learn = g.owner(layer, model);
    let possible = g.possible(layer, model);
    let newer: Option<Owner> = possible.iter().flatten().copied().find(|o| *o != learn);
    let no_row = possible.contains(&None);
    let mut out = Vec::new();
    match (no_row, newer) {
        (false, Some(n)) => {
            out.push((neither(learn, n)?, true, format!("Right: {note}")));
            let missing = Owner::ALL.into_iter().find(|o| *o != learn && *o != n)?;
            for a in [learn, n] {
                out.push((
                    neither(a, missing)?,
                    false,
                    format!(
                        "No: this has one page saying {}, but neither does. {note}",
                        owner_word(missing)
                    ),
                ));
            }
            out.push((
                format!(
                    "Both pages make it {}; they differ only in wording.",
                    owner_word(learn)
                ),
                false,
                format!(
                    "No: the pages really disagree about the owner, not just the words. {note}"
                ),
            ));
        }
        (true, None) => {
            out.push((
                format!(
                    "The AZ-900 Learn matrix makes it {}; the newer article has no such row at all.",
                    owner_word(learn)
                ),
                true,
                format!("Right: {note}"),
            ));
            for o in Owner::ALL.into_iter().filter(|o| *o != learn) {
                out.push((
                    format!(
                        "The AZ-900 Learn matrix makes it {}; the newer article has no such row at all.",
                        owner_word(o)
                    ),
                    false,
                    format!(
                        "No: the newer article does drop the row, but the Learn matrix makes it {}, not {}. {note}",
                        owner_word(learn),
                        owner_word(o)
                    ),
                ));
            }
            out.push((
                format!(
                    "The newer article makes it {}; the AZ-900 Learn matrix has no such row at all.",
                    owner_word(learn)
                ),
                false,
                format!("No: this swaps the two pages: the row is in the Learn matrix and missing from the newer article. {note}"),
            ));
        }
        _ => return None,
    }
    Some(out)
}

/// Teaches a disputed cell: which statement describes both of Microsoft's matrices correctly.
pub(super) fn dispute(g: &Gen, layer: usize, model: Model) -> Option<Question> {
    let note = g.dispute_note(layer, model)?;
    let l = g.layer(layer);
    let choices: Vec<Choice> = dispute_statements(g, layer, model)?
        .into_iter()
        .map(|(text, right, why)| choice(text, right, why))
        .collect();
    let prompt = format!(
        "Microsoft's AZ-900 Learn unit and its newer \"Shared responsibility in the cloud\" article do not agree about {} {}. Which statement describes the two pages correctly?",
        layer_ref(l),
        model_in(model)
    );
    let explanation = format!(
        "{note} Because the two pages disagree, learn what each one says and what holds under both, never a single owner for this cell."
    );
    let mut q = question(
        cat!("gen-dispute-", l.id, "-", model.id()),
        cell_concept(g, layer, model),
        prompt,
        Body::Single { choices },
        explanation,
    );
    q.refs.push(SECURITY_SHARED_RESPONSIBILITY.to_string());
    q.cells = vec![g.cell_ref(layer, model)];
    q.confusable = Some(cell_set(g, layer));
    Some(q)
}

/// "Which four of these cells do the two matrices disagree about?"
pub(super) fn disputed_cells(g: &Gen) -> Option<Question> {
    let disputed: Vec<(usize, Model)> = g
        .matrix()
        .flat_map(|(i, _)| Model::ALL.into_iter().map(move |m| (i, m)))
        .filter(|(i, m)| g.disputed(*i, *m))
        .collect();
    // Distractors: the same layers under the neighbouring model, when that cell is settled.
    let mut cells = disputed.clone();
    for (i, m) in &disputed {
        let before = Model::ALL.get(m.index().wrapping_sub(1)).copied();
        let after = Model::ALL.get(m.index() + 1).copied();
        for n in [before, after].into_iter().flatten() {
            if !g.disputed(*i, n) && !cells.contains(&(*i, n)) && cells.len() < 2 * disputed.len() {
                cells.push((*i, n));
            }
        }
    }
    let label = |i: usize, m: Model| format!("{} {}", g.layer(i).name, model_in(m));
    let choices: Vec<Choice> = cells
        .iter()
        .map(|(i, m)| {
            let disputed = g.disputed(*i, *m);
            let why = if disputed {
                cat!("Right: ", g.cell_fact(*i, *m))
            } else {
                cat!("No: both pages agree. ", g.cell_fact(*i, *m))
            };
            choice(label(*i, *m), disputed, why)
        })
        .collect();
    if choices.len() > 12 {
        return None;
    }
    let body = single_or_multi(choices)?;
    let n = disputed.len();
    let prompt = format!(
        "Microsoft's AZ-900 Learn matrix and its newer \"Shared responsibility in the cloud\" article give different owners for some cells. Which {} of these cells are they?",
        super::super::text::number_word(n)
    );
    let explanation = format!(
        "The two pages disagree about {}. Everywhere else they agree, so those cells have one right answer.",
        super::super::text::join_and(
            &disputed
                .iter()
                .map(|(i, m)| lower_first(&label(*i, *m)))
                .collect::<Vec<_>>()
        )
    );
    let mut q = question(
        "gen-dispute-cells".to_string(),
        "dispute.cells".to_string(),
        prompt,
        body,
        explanation,
    );
    q.refs = vec![
        LEARN_SHARED_RESPONSIBILITY.to_string(),
        SECURITY_SHARED_RESPONSIBILITY.to_string(),
    ];
    q.cells = cells.iter().map(|(i, m)| g.cell_ref(*i, *m)).collect();
    Some(q)
}
