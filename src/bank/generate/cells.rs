//! One cell at a time: who owns a layer under a model (three wordings), the extra layers,
//! whole-row patterns and the disputed cells themselves.

use super::text::{
    alias_ref, fact, layer_ref, lower_first, model_in, owner_with, party_possessive, pick,
    upper_first,
};
use super::{
    Gen, LEARN_SHARED_RESPONSIBILITY, SECURITY_SHARED_RESPONSIBILITY, choice, question,
    single_or_multi,
};
use crate::bank::question::{Body, Choice, Question};
use crate::rules::{Model, Owner};

pub(super) fn generate(g: &Gen, out: &mut Vec<Question>) {
    for (i, _) in g.matrix() {
        for m in Model::ALL {
            if g.disputed(i, m) {
                continue;
            }
            out.push(direct(g, i, m));
            out.push(scenario(g, i, m));
            out.push(dropdown(g, i, m));
        }
    }
    for (i, _) in g.extra_layers() {
        for m in Model::ALL {
            if !g.disputed(i, m) {
                out.push(extra(g, i, m));
            }
        }
    }
    for (i, _) in g.matrix() {
        if let Some(q) = row_pattern(g, i) {
            out.push(q);
        }
    }
    for (i, _) in g.matrix() {
        for m in Model::ALL {
            if g.disputed(i, m)
                && g.alternative_known(i, m)
                && let Some(q) = dispute(g, i, m)
            {
                out.push(q);
            }
        }
    }
    if let Some(q) = disputed_cells(g) {
        out.push(q);
    }
}

fn cell_concept(g: &Gen, layer: usize, model: Model) -> String {
    format!("cell.{}.{}", g.layer(layer).id, model.id())
}

fn cell_id(g: &Gen, family: &str, layer: usize, model: Model) -> String {
    format!("gen-{family}-{}-{}", g.layer(layer).id, model.id())
}

/// Why `offered` is (or is not) the owner of an undisputed cell.
fn owner_why(g: &Gen, layer: usize, model: Model, offered: Owner) -> String {
    let truth = g.owner(layer, model);
    let l = g.layer(layer);
    let claim = fact(l, model, truth);
    if offered == truth {
        return format!(
            "Right: {claim}. {}: {}",
            g.owner_name(truth),
            g.owner_description(truth)
        );
    }
    let contrast = match (offered, truth) {
        (_, Owner::Shared) => format!(
            "Neither party holds it alone: {}",
            lower_first(&g.owner_description(Owner::Shared))
        ),
        (Owner::Shared, _) => format!(
            "Nothing is split here: {} holds the whole layer {}.",
            owner_with(truth),
            model_in(model)
        ),
        (Owner::Microsoft, _) => format!(
            "Microsoft does not take this layer over {}; it stays with the customer.",
            model_in(model)
        ),
        (Owner::Customer, _) => format!(
            "The customer hands this layer over to Microsoft {}.",
            model_in(model)
        ),
    };
    format!("No: {claim}. {contrast}")
}

fn owner_choices(g: &Gen, layer: usize, model: Model) -> Vec<Choice> {
    let truth = g.owner(layer, model);
    Owner::ALL
        .iter()
        .map(|o| {
            choice(
                g.owner_name(*o),
                *o == truth,
                owner_why(g, layer, model, *o),
            )
        })
        .collect()
}

fn cell_explanation(g: &Gen, layer: usize, model: Model) -> String {
    let l = g.layer(layer);
    let mut text = format!(
        "{}. {}: {}",
        fact(l, model, g.owner(layer, model)),
        l.name,
        l.description
    );
    if let Some(band) = g.band(layer)
        && l.matrix_row
    {
        text.push_str(&format!(" Band \"{}\": {}", band.name, band.description));
    }
    if !l.matrix_row {
        text.push_str(
            " This layer comes from the source article; it is not one of the rows of Microsoft's matrix.",
        );
    }
    text
}

fn cell_question(
    g: &Gen,
    family: &str,
    layer: usize,
    model: Model,
    prompt: String,
    body: Body,
) -> Question {
    let mut q = question(
        cell_id(g, family, layer, model),
        cell_concept(g, layer, model),
        prompt,
        body,
        cell_explanation(g, layer, model),
    );
    q.cells = vec![g.cell_ref(layer, model)];
    q
}

/// "Who is responsible for the operating system in IaaS?"
fn direct(g: &Gen, layer: usize, model: Model) -> Question {
    let prompt = format!(
        "Under the shared responsibility model, who is responsible for {} {}?",
        layer_ref(g.layer(layer)),
        model_in(model)
    );
    let body = Body::Single {
        choices: owner_choices(g, layer, model),
    };
    cell_question(g, "owner", layer, model, prompt, body)
}

/// A situation that implies the model, and one of the layer's aliases.
fn scenario(g: &Gen, layer: usize, model: Model) -> Question {
    let l = g.layer(layer);
    let key = [l.id.as_str(), model.id(), "scenario"];
    let examples = g
        .rules
        .model_info(model)
        .map(|m| m.examples.as_slice())
        .unwrap_or_default();
    let example = pick(examples, &key);
    let setting = match (model, example) {
        (Model::OnPremises, _) => {
            "A company runs all of its workloads on servers in its own building.".to_string()
        }
        (Model::Iaas, Some(e)) => {
            format!("An organisation lifts and shifts its servers to Azure, using {e}.")
        }
        (Model::Paas, Some(e)) => format!("A development team builds its solution on {e}."),
        (Model::Saas, Some(e)) => format!("A company subscribes to {e} for its staff."),
        (m, None) => format!("An organisation moves a workload to {}.", g.model_name(m)),
    };
    let aliases: Vec<&String> = l
        .aliases
        .iter()
        .filter(|a| !a.to_lowercase().starts_with("who ") && !a.eq_ignore_ascii_case(&l.name))
        .collect();
    let thing = pick(&aliases, &key).map_or_else(|| layer_ref(l), |a| alias_ref(a));
    let prompt = format!("{setting} Who is responsible for {thing}?");
    let body = Body::Single {
        choices: owner_choices(g, layer, model),
    };
    let mut q = cell_question(g, "owner-scenario", layer, model, prompt, body);
    q.explanation = format!(
        "{} {} In Microsoft's matrix, \"{thing}\" is the row \"{}\".",
        q.explanation,
        g.model_description(model),
        l.name
    );
    q
}

/// "In PaaS, responsibility for network controls lies with ___."
fn dropdown(g: &Gen, layer: usize, model: Model) -> Question {
    let l = g.layer(layer);
    let truth = g.owner(layer, model);
    let sentence = format!(
        "{}, responsibility for {} lies with ___.",
        upper_first(&model_in(model)),
        layer_ref(l)
    );
    let choices = Owner::ALL
        .iter()
        .map(|o| choice(owner_with(*o), *o == truth, owner_why(g, layer, model, *o)))
        .collect();
    let prompt = format!(
        "Select the answer that completes the sentence about {} {}.",
        layer_ref(l),
        model_in(model)
    );
    cell_question(
        g,
        "owner-dropdown",
        layer,
        model,
        prompt,
        Body::Dropdown { sentence, choices },
    )
}

/// A cell of one of the source article's extra layers, phrased as such.
fn extra(g: &Gen, layer: usize, model: Model) -> Question {
    let prompt = format!(
        "The source article adds an extra layer that is not a row of Microsoft's matrix: {}. Who is responsible for it {}?",
        layer_ref(g.layer(layer)),
        model_in(model)
    );
    let body = Body::Single {
        choices: owner_choices(g, layer, model),
    };
    cell_question(g, "extra", layer, model, prompt, body)
}

type Pattern = [Owner; 4];

/// "Customer in On-premises and IaaS; Shared in PaaS; Microsoft in SaaS".
fn describe_pattern(g: &Gen, pattern: &Pattern) -> String {
    let mut groups: Vec<(Owner, Vec<String>)> = Vec::new();
    for m in Model::ALL {
        let o = pattern[m.index()];
        match groups.iter_mut().find(|(owner, _)| *owner == o) {
            Some((_, models)) => models.push(g.model_name(m)),
            None => groups.push((o, vec![g.model_name(m)])),
        }
    }
    groups
        .iter()
        .map(|(o, models)| format!("{} in {}", g.owner_name(*o), super::text::join_and(models)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Which description of a whole row is right (rows without a disputed cell only).
fn row_pattern(g: &Gen, layer: usize) -> Option<Question> {
    if Model::ALL.iter().any(|m| g.disputed(layer, *m)) {
        return None;
    }
    let pattern_of = |i: usize| -> Pattern { Model::ALL.map(|m| g.owner(i, m)) };
    let truth = pattern_of(layer);
    // Other rows' real patterns first (the plausible mix-ups), then common misconceptions.
    use Owner::{Customer as C, Microsoft as M, Shared as S};
    let mut candidates: Vec<Pattern> = g
        .matrix()
        .into_iter()
        .filter(|(i, _)| !Model::ALL.iter().any(|m| g.disputed(*i, *m)))
        .map(|(i, _)| pattern_of(i))
        .collect();
    candidates.extend([[C, S, S, S], [C, C, C, M], [C, S, M, M]]);
    let mut distractors: Vec<Pattern> = Vec::new();
    for p in candidates {
        if p != truth && !distractors.contains(&p) && distractors.len() < 3 {
            distractors.push(p);
        }
    }
    let l = g.layer(layer);
    let mut choices = vec![choice(
        describe_pattern(g, &truth),
        true,
        format!(
            "Right: {}.",
            Model::ALL
                .iter()
                .map(|m| fact(l, *m, truth[m.index()]))
                .collect::<Vec<_>>()
                .join(". ")
        ),
    )];
    for p in distractors {
        let wrong = Model::ALL
            .iter()
            .find(|m| p[m.index()] != truth[m.index()])
            .copied()
            .unwrap_or(Model::OnPremises);
        choices.push(choice(
            describe_pattern(g, &p),
            false,
            format!(
                "No: {}, not {} as this option says.",
                fact(l, wrong, truth[wrong.index()]),
                party_possessive(p[wrong.index()])
            ),
        ));
    }
    let prompt = format!(
        "Which statement correctly describes who is responsible for {} across on-premises, IaaS, PaaS and SaaS?",
        layer_ref(l)
    );
    let mut explanation = format!("{}: {}", l.name, l.description);
    if let Some(band) = g.band(layer) {
        explanation.push_str(&format!(" Band \"{}\": {}", band.name, band.description));
    }
    let mut q = question(
        format!("gen-row-{}", l.id),
        format!("row.{}", l.id),
        prompt,
        single_or_multi(choices)?,
        explanation,
    );
    q.cells = g.row_refs(layer);
    Some(q)
}

/// "the customer's alone", "Microsoft's alone", "shared" for the dispute questions.
fn owner_word(owner: Owner) -> &'static str {
    match owner {
        Owner::Customer => "the customer's alone",
        Owner::Microsoft => "Microsoft's alone",
        Owner::Shared => "shared",
    }
}

/// What holds under both matrices for a disputed cell whose alternative is known.
fn safe_statement(g: &Gen, layer: usize, model: Model) -> Option<String> {
    let possible = g.possible(layer, model);
    let owners: Vec<Owner> = possible.iter().flatten().copied().collect();
    match (possible.contains(&None), owners.as_slice()) {
        (false, [a, b]) => {
            let missing = Owner::ALL.into_iter().find(|o| o != a && o != b)?;
            Some(format!(
                "Neither page makes it {}: one says {}, the other {}.",
                owner_word(missing),
                owner_word(*a),
                owner_word(*b)
            ))
        }
        (true, [a]) => Some(format!(
            "The AZ-900 Learn matrix makes it {}; the newer article has no such row at all.",
            owner_word(*a)
        )),
        _ => None,
    }
}

/// Teaches a disputed cell: which statement holds under both of Microsoft's matrices.
fn dispute(g: &Gen, layer: usize, model: Model) -> Option<Question> {
    let note = g.dispute_note(layer, model)?;
    let l = g.layer(layer);
    let mut choices = vec![choice(
        safe_statement(g, layer, model)?,
        true,
        format!("Right: {note}"),
    )];
    for o in Owner::ALL {
        choices.push(choice(
            format!("Both pages make it {}.", owner_word(o)),
            false,
            format!("No: the two pages disagree here. {note}"),
        ));
    }
    let prompt = format!(
        "Microsoft's AZ-900 Learn matrix and its newer \"Shared responsibility in the cloud\" article disagree about {} {}. Which statement holds under both?",
        layer_ref(l),
        model_in(model)
    );
    let explanation = format!(
        "{note} Because the two pages disagree, a safe answer is one that holds under both: never learn this cell as having a single owner."
    );
    let mut q = question(
        format!("gen-dispute-{}-{}", l.id, model.id()),
        cell_concept(g, layer, model),
        prompt,
        Body::Single { choices },
        explanation,
    );
    q.refs.push(SECURITY_SHARED_RESPONSIBILITY.to_string());
    q.cells = vec![g.cell_ref(layer, model)];
    Some(q)
}

/// "Which four of these cells do the two matrices disagree about?"
fn disputed_cells(g: &Gen) -> Option<Question> {
    let disputed: Vec<(usize, Model)> = g
        .matrix()
        .into_iter()
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
                format!("Right: {}", g.cell_fact(*i, *m))
            } else {
                format!("No: both pages agree. {}", g.cell_fact(*i, *m))
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
        super::text::number_word(n)
    );
    let explanation = format!(
        "The two pages disagree about {}. Everywhere else they agree, so those cells have one right answer.",
        super::text::join_and(
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
