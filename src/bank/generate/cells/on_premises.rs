//! On-premises cells, asked as "which row does this duty belong to?".

use super::super::Gen;
use super::super::choice;
use super::super::text::{fact, lower_first};
use super::{cell_question, scenario_things, setting};
use crate::bank::question::{Body, Question};
use crate::rules::Model;

/// The three wordings an on-premises cell has had since the first release (their ids stay).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OnPremises {
    Direct,
    Scenario,
    Dropdown,
}

impl OnPremises {
    pub(super) const ALL: [OnPremises; 3] = [
        OnPremises::Direct,
        OnPremises::Scenario,
        OnPremises::Dropdown,
    ];
}

/// The two rows a learner most easily mistakes for `id` (the distractors of its on-premises
/// "which row" questions), chosen too so that the right row's name is not the longest choice
/// more often than chance.
fn confusable_rows(id: &str) -> [&'static str; 2] {
    match id {
        "information-and-data" => ["accounts-and-identities", "applications"],
        "devices" => ["physical-hosts", "identity-and-directory-infrastructure"],
        "accounts-and-identities" => [
            "identity-and-directory-infrastructure",
            "information-and-data",
        ],
        "identity-and-directory-infrastructure" => ["accounts-and-identities", "applications"],
        "applications" => ["operating-system", "information-and-data"],
        "network-controls" => ["physical-network", "applications"],
        "operating-system" => ["devices", "applications"],
        "physical-hosts" => ["physical-datacenter", "operating-system"],
        "physical-network" => ["network-controls", "physical-datacenter"],
        // physical-datacenter: the locked doors are access control too.
        _ => ["physical-hosts", "accounts-and-identities"],
    }
}

/// A row's description as it reads mid-sentence, without its full stop.
fn covers(l: &crate::rules::Layer) -> String {
    lower_first(l.description.trim_end_matches('.'))
}

/// An on-premises cell, asked as "which row does this duty belong to?". On-premises every row
/// is the customer's, so the owner is no question; which row a duty falls under is what the
/// learner needs to place it in the cloud models. The right row is the first choice, where
/// "Customer" (always right on-premises) used to be, so answers already recorded keep their
/// grade; the app shuffles choices when it shows them.
pub(super) fn on_premises(g: &Gen, layer: usize, family: OnPremises) -> Question {
    let l = g.layer(layer);
    let model = Model::OnPremises;
    let things = scenario_things(&l.id, model);
    let thing = |i: usize| {
        things
            .get(i % things.len().max(1))
            .map_or_else(|| covers(l), |t| (*t).to_string())
    };
    let mut choices = vec![choice(
        l.name.clone(),
        true,
        cat!("Right: the row \"", l.name, "\" covers ", covers(l), "."),
    )];
    for id in confusable_rows(&l.id) {
        if let Some(i) = g.rules.layer_index(id).filter(|i| *i != layer) {
            let other = g.layer(i);
            choices.push(choice(
                other.name.clone(),
                false,
                cat!(
                    "No: the row \"",
                    other.name,
                    "\" covers ",
                    covers(other),
                    "."
                ),
            ));
        }
    }
    const ASK: &str = "Which row of Microsoft's shared responsibility matrix does it belong to?";
    let (family_id, prompt, body) = match family {
        OnPremises::Direct => (
            "owner",
            cat!(
                "On-premises, this is the organisation's own job: ",
                thing(0),
                ". ",
                ASK
            ),
            Body::Single { choices },
        ),
        OnPremises::Scenario => (
            "owner-scenario",
            cat!(
                setting(model, None, &[l.id.as_str(), model.id(), "scenario"]),
                " Its own staff take care of this: ",
                thing(1),
                ". ",
                ASK
            ),
            Body::Single { choices },
        ),
        OnPremises::Dropdown => (
            "owner-dropdown",
            cat!(
                "Select the answer that correctly completes the sentence about ",
                thing(0),
                " on-premises."
            ),
            Body::Dropdown {
                sentence: cat!(
                    "On-premises the organisation holds every row of the matrix itself, including ___, the row that covers ",
                    covers(l),
                    "."
                ),
                choices,
            },
        ),
    };
    let mut q = cell_question(g, family_id, layer, model, prompt, body);
    q.explanation = cat!(
        fact(l, model, g.owner(layer, model)),
        ", as is every row there: no provider takes part. Across the models the row \"",
        l.name,
        "\" is ",
        super::super::teach::row_summary(g, layer),
        "."
    );
    q
}
