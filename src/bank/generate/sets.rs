//! Sets of models or layers: the models in which a party holds a layer, the layers a party
//! holds in a model, and the matrix's three bands.

use super::teach::{mistake, row_summary};
use super::text::{
    fact, layer_ref, lower_first, model_in, number_word, party_possessive, upper_first,
};
use super::{Gen, choice, question, single_or_multi};
use crate::bank::question::{Body, Choice, Question};
use crate::rules::{Model, Owner};

/// The most a "Which N…" question asks for.
const MAX_PICKS: usize = 5;

pub(super) fn generate(g: &Gen, out: &mut Vec<Question>) {
    for (i, _) in g.matrix().chain(g.extra_layers()) {
        for party in Owner::ALL {
            if let Some(q) = models_holding(g, i, party) {
                out.push(q);
            }
        }
    }
    for m in Model::ALL {
        for party in Owner::ALL {
            if let Some(q) = layers_held(g, m, party) {
                out.push(q);
            }
        }
    }
    for band in &g.rules.bands {
        if let Some(q) = band_members(g, &band.id) {
            out.push(q);
        }
    }
    for (i, _) in g.matrix() {
        if let Some(q) = band_of(g, i) {
            out.push(q);
        }
    }
}

/// Why a cell is or is not held by `party`, when that holds under both matrices.
pub(super) fn held_why<'g>(
    g: &'g Gen,
    layer: usize,
    model: Model,
    party: Owner,
    held: bool,
) -> &'g str {
    let i = (Gen::cell_index(layer, model) * 3 + Gen::owner_index(party)) * 2 + usize::from(held);
    g.memo
        .held_why
        .get(i, || build_held_why(g, layer, model, party, held))
}

fn build_held_why(g: &Gen, layer: usize, model: Model, party: Owner, held: bool) -> String {
    let l = g.layer(layer);
    match g.dispute_note(layer, model) {
        Some(note) if held => cat!(
            "Right: whichever page you follow, it is ",
            party_possessive(party),
            ". ",
            note
        ),
        Some(note) => cat!(
            "No: whichever page you follow, it is not ",
            party_possessive(party),
            ". ",
            note
        ),
        None if held => cat!("Right: ", fact(l, model, party), "."),
        None => cat!(
            "No: ",
            fact(l, model, g.owner(layer, model)),
            ". ",
            mistake(g, layer, model, party)
        ),
    }
}

/// "the customer alone responsible for X" as it reads after "In which models is".
fn holds_clause(party: Owner, thing: &str) -> String {
    match party {
        Owner::Customer => format!("is the customer alone responsible for {thing}"),
        Owner::Microsoft => format!("is Microsoft alone responsible for {thing}"),
        Owner::Shared => format!("do the customer and Microsoft share responsibility for {thing}"),
    }
}

fn row_explanation<'g>(g: &'g Gen, layer: usize) -> &'g str {
    g.memo
        .row_explanation
        .get(layer, || build_row_explanation(g, layer))
}

fn build_row_explanation(g: &Gen, layer: usize) -> String {
    let l = g.layer(layer);
    let notes: Vec<&str> = Model::ALL
        .iter()
        .filter_map(|m| g.dispute_note(layer, *m))
        .collect();
    let mut text = format!(
        "The {} \"{}\" covers {} It is {}.",
        if l.matrix_row { "row" } else { "layer" },
        l.name,
        lower_first(&l.description),
        row_summary(g, layer)
    );
    // One dispute note, or one sentence for several (each choice's why carries its own).
    match notes.as_slice() {
        [] => {}
        [one] => {
            text.push(' ');
            text.push_str(one);
        }
        _ => text.push_str(
            " Microsoft's AZ-900 Learn matrix and its newer article disagree about the disputed cells; each choice says how.",
        ),
    }
    text
}

/// The models in which `party` holds a layer: multi when two or more, single when one.
fn models_holding(g: &Gen, layer: usize, party: Owner) -> Option<Question> {
    let l = g.layer(layer);
    let mut choices: Vec<Choice> = Vec::new();
    let mut cells = Vec::new();
    for m in Model::ALL {
        let Some(held) = g.settled(layer, m, |o| o == Some(party)) else {
            continue;
        };
        choices.push(choice(
            g.model_name(m),
            held,
            held_why(g, layer, m, party, held),
        ));
        cells.push(g.cell_ref(layer, m));
    }
    let n = choices.iter().filter(|c| c.correct).count();
    let body = single_or_multi(choices)?;
    let which = if n == 1 {
        "In which of these models".to_string()
    } else {
        format!("In which {} of these models", number_word(n))
    };
    let prompt = if l.matrix_row {
        format!("{which} {}?", holds_clause(party, &layer_ref(l)))
    } else {
        format!(
            "Study notes often add an extra layer that is not a row of Microsoft's matrix: {}. {which} {}?",
            layer_ref(l),
            holds_clause(party, "it")
        )
    };
    let mut q = question(
        cat!("gen-models-", party.id(), "-", l.id),
        cat!("models.", party.id(), ".", l.id),
        prompt,
        body,
        row_explanation(g, layer).to_string(),
    );
    q.cells = cells;
    Some(q)
}

/// The matrix layers that `party` holds in `model` ("Which three of these layers…").
fn layers_held(g: &Gen, model: Model, party: Owner) -> Option<Question> {
    let mut choices: Vec<Choice> = Vec::new();
    let mut cells = Vec::new();
    let mut left_out = Vec::new();
    for (i, l) in g.matrix() {
        let Some(held) = g.settled(i, model, |o| o == Some(party)) else {
            left_out.push(layer_ref(l));
            continue;
        };
        choices.push(choice(
            l.name.clone(),
            held,
            held_why(g, i, model, party, held),
        ));
        cells.push(g.cell_ref(i, model));
    }
    let n = choices.iter().filter(|c| c.correct).count();
    if n > MAX_PICKS {
        return None;
    }
    let body = single_or_multi(choices)?;
    let prompt = if n == 1 {
        format!(
            "Which of these layers is {} {}?",
            party_possessive(party),
            model_in(model)
        )
    } else {
        format!(
            "Which {} of these layers are {} {}?",
            number_word(n),
            party_possessive(party),
            model_in(model)
        )
    };
    // The model in a sentence and the layers that answer the question; each choice's why
    // gives its own cell.
    let held: Vec<String> = g
        .matrix()
        .filter(|(i, _)| g.settled(*i, model, |o| o == Some(party)) == Some(true))
        .map(|(_, l)| layer_ref(l))
        .collect();
    let mut explanation = g.model_description(model);
    explanation.push(' ');
    explanation.push_str(&upper_first(&fact_many(&held, model, party)));
    if !left_out.is_empty() {
        explanation.push_str(&format!(
            " Not offered: {}, because Microsoft's two matrices disagree about {}.",
            super::text::join_and(&left_out),
            if left_out.len() == 1 { "it" } else { "them" }
        ));
    }
    let mut q = question(
        cat!("gen-layers-", party.id(), "-", model.id()),
        cat!("column.", model.id(), ".", party.id()),
        prompt,
        body,
        explanation,
    );
    q.cells = cells;
    Some(q)
}

/// "the customer alone is responsible for a, b and c in PaaS."
fn fact_many(layers: &[String], model: Model, party: Owner) -> String {
    let who = match party {
        Owner::Customer => "the customer alone is responsible for",
        Owner::Microsoft => "Microsoft alone is responsible for",
        Owner::Shared => "the customer and Microsoft share responsibility for",
    };
    format!(
        "{who} {} {}.",
        super::text::join_and(layers),
        model_in(model)
    )
}

/// The layers the AZ-900 Learn matrix groups in one band ("Which three…").
fn band_members(g: &Gen, band_id: &str) -> Option<Question> {
    let band = g.rules.band(band_id)?;
    let mut choices = Vec::new();
    let mut cells = Vec::new();
    let mut members = Vec::new();
    for (i, l) in g.matrix() {
        let member = l.band == band.id;
        let why = if member {
            members.push(l.name.clone());
            cells.extend(g.row_refs(i));
            cat!("Right: ", row_explanation(g, i))
        } else {
            let other = g.band(i).map_or_else(String::new, |b| b.name.clone());
            format!("No: it belongs to \"{other}\". {}", row_explanation(g, i))
        };
        choices.push(choice(l.name.clone(), member, why));
    }
    let n = members.len();
    if n > MAX_PICKS {
        return None;
    }
    let body = single_or_multi(choices)?;
    let prompt = if n == 1 {
        format!(
            "The AZ-900 Learn matrix groups its rows into bands. Which of these layers forms the band \"{}\"?",
            band.name
        )
    } else {
        format!(
            "The AZ-900 Learn matrix groups its rows into bands. Which {} of these layers form the band \"{}\"?",
            number_word(n),
            band.name
        )
    };
    let explanation = format!(
        "\"{}\": {} The band holds {}.",
        band.name,
        band.description,
        super::text::join_and(&members)
    );
    let mut q = question(
        cat!("gen-band-", band.id),
        cat!("band.", band.id),
        prompt,
        body,
        explanation,
    );
    q.cells = cells;
    Some(q)
}

/// What a band's layers have in common, as it reads after "the layers that".
fn band_meaning(band_id: &str) -> &'static str {
    match band_id {
        "always-customer" => "stay the customer's whatever the service model",
        "varies" => "change hands as a workload moves from IaaS to PaaS to SaaS",
        "always-provider" => {
            "are the customer's only on-premises and Microsoft's in every cloud model"
        }
        _ => "share one pattern of ownership",
    }
}

/// Which band one matrix row belongs to.
fn band_of(g: &Gen, layer: usize) -> Option<Question> {
    let l = g.layer(layer);
    let own = g.band(layer)?;
    let choices: Vec<Choice> = g
        .rules
        .bands
        .iter()
        .map(|b| {
            let right = b.id == own.id;
            let why = if right {
                cat!("Right: ", row_explanation(g, layer))
            } else {
                format!(
                    "No: \"{}\" holds the layers that {}. The row \"{}\" is {}, so it does not fit.",
                    b.name,
                    band_meaning(&b.id),
                    l.name,
                    row_summary(g, layer)
                )
            };
            choice(b.name.clone(), right, why)
        })
        .collect();
    let prompt = format!(
        "In the AZ-900 Learn matrix, which band does the row \"{}\" belong to?",
        l.name
    );
    // The row itself is the right choice's why; the explanation names the band's rule.
    let explanation = format!(
        "The band \"{}\" holds the layers that {}: the row \"{}\" is {}.",
        own.name,
        band_meaning(&own.id),
        l.name,
        row_summary(g, layer)
    );
    let mut q = question(
        cat!("gen-band-of-", l.id),
        cat!("band-of.", l.id),
        prompt,
        Body::Single { choices },
        explanation,
    );
    q.cells = g.row_refs(layer);
    Some(q)
}
