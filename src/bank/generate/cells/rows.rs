//! Whole rows (which description of a row's owners is right) and the extra layers.

use super::super::text::{fact, layer_ref, model_in, party_possessive};
use super::super::{Gen, choice, question, single_or_multi};
use super::{cell_question, owner_choices};
use crate::bank::question::{Body, Question};
use crate::rules::{Model, Owner};

/// A cell of one of the extra layers study notes use, phrased as such.
pub(super) fn extra(g: &Gen, layer: usize, model: Model) -> Question {
    let l = g.layer(layer);
    let gloss = match l.id.as_str() {
        "virtualisation" => "the hypervisor that splits each physical host into virtual machines",
        "middleware-runtime" => {
            "the language runtimes, web servers and middleware an application needs"
        }
        _ => "",
    };
    let what = if gloss.is_empty() {
        layer_ref(l)
    } else {
        gloss.to_string()
    };
    let prompt = format!(
        "Study notes often add an extra layer that is not a row of Microsoft's matrix: {what}. Who is responsible for it {}?",
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
        .map(|(o, models)| {
            format!(
                "{} in {}",
                g.owner_name(*o),
                super::super::text::join_and(models)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Which description of a whole row is right (rows without a disputed cell only).
pub(super) fn row_pattern(g: &Gen, layer: usize) -> Option<Question> {
    if Model::ALL.iter().any(|m| g.disputed(layer, *m)) {
        return None;
    }
    let pattern_of = |i: usize| -> Pattern { Model::ALL.map(|m| g.owner(i, m)) };
    let truth = pattern_of(layer);
    // Other rows' real patterns first (the plausible mix-ups), then common misconceptions.
    use Owner::{Customer as C, Microsoft as M, Shared as S};
    let mut candidates: Vec<Pattern> = g
        .matrix()
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
        cat!("gen-row-", l.id),
        cat!("row.", l.id),
        prompt,
        single_or_multi(choices)?,
        explanation,
    );
    q.cells = g.row_refs(layer);
    Some(q)
}
