//! One cell at a time: who owns a layer under a model (three wordings), the extra layers,
//! whole-row patterns and the disputed cells themselves.

use super::teach::{mistake, reason};
use super::text::{
    alias_ref, fact, layer_ref, lower_first, model_in, owner_with, pick, upper_first,
};
use super::{Gen, choice, question};
use crate::bank::question::{Body, Choice, Question};
use crate::rules::{Model, Owner};

mod disputes;
mod on_premises;
mod rows;

use disputes::{dispute, disputed_cells};
use on_premises::{OnPremises, on_premises};
use rows::{extra, row_pattern};

pub(super) fn generate(g: &Gen, out: &mut Vec<Question>) {
    for (i, _) in g.matrix() {
        for m in Model::ALL {
            if g.disputed(i, m) {
                continue;
            }
            if m == Model::OnPremises {
                // On-premises every row is the customer's: "who owns it" gives its answer
                // away, so these ids ask which row a duty belongs to instead.
                for family in OnPremises::ALL {
                    out.push(on_premises(g, i, family));
                }
                continue;
            }
            out.push(direct(g, i, m));
            out.push(scenario(g, i, m));
            out.push(dropdown(g, i, m));
            if let Some(q) = case(g, i, m) {
                out.push(q);
            }
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
    cat!("cell.", g.layer(layer).id, ".", model.id())
}

/// The cells a learner mixes up with a cell of `layer` ([`Question::confusable`]): the
/// layer's cells in every service model ("who patches the operating system" in IaaS against
/// PaaS).
fn cell_set(g: &Gen, layer: usize) -> String {
    cat!("cell.", g.layer(layer).id)
}

fn cell_id(g: &Gen, family: &str, layer: usize, model: Model) -> String {
    cat!("gen-", family, "-", g.layer(layer).id, "-", model.id())
}

/// Why `offered` is (or is not) the owner of an undisputed cell: the reason when right, the
/// mistake behind the pick when wrong.
fn owner_why<'g>(g: &'g Gen, layer: usize, model: Model, offered: Owner) -> &'g str {
    let i = Gen::cell_index(layer, model) * 3 + Gen::owner_index(offered);
    g.memo
        .owner_why
        .get(i, || build_owner_why(g, layer, model, offered))
}

fn build_owner_why(g: &Gen, layer: usize, model: Model, offered: Owner) -> String {
    let truth = g.owner(layer, model);
    let claim = fact(g.layer(layer), model, truth);
    if offered == truth {
        return cat!("Right: ", reason(g, layer, model));
    }
    cat!(
        "No: ",
        lower_first(&mistake(g, layer, model, offered)),
        " ",
        claim,
        "."
    )
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

fn cell_explanation<'g>(g: &'g Gen, layer: usize, model: Model) -> &'g str {
    g.memo
        .cell_explanation
        .get(Gen::cell_index(layer, model), || {
            build_cell_explanation(g, layer, model)
        })
}

fn build_cell_explanation(g: &Gen, layer: usize, model: Model) -> String {
    // The reason is the right choice's why: the explanation states the fact and what the
    // row covers, and does not say the reason a second time.
    let l = g.layer(layer);
    let mut text = cat!(
        fact(l, model, g.owner(layer, model)),
        ". The ",
        if l.matrix_row { "row" } else { "layer" },
        " \"",
        l.name,
        "\" covers ",
        lower_first(&l.description)
    );
    if !l.matrix_row && !l.description.contains("Not a row") {
        text.push_str(" It is not one of the rows of Microsoft's matrix.");
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
        cell_explanation(g, layer, model).to_string(),
    );
    q.cells = vec![g.cell_ref(layer, model)];
    q.confusable = Some(cell_set(g, layer));
    q
}

/// "Who is responsible for the operating system in IaaS?", in one of a few exam-style wordings.
fn direct(g: &Gen, layer: usize, model: Model) -> Question {
    let l = g.layer(layer);
    let x = layer_ref(l);
    let m = model_in(model);
    // Only the wording picked is built.
    let stems: [&dyn Fn() -> String; 4] = [
        &|| format!("Under the shared responsibility model, who is responsible for {x} {m}?"),
        &|| format!("In Microsoft's shared responsibility matrix, who owns {x} {m}?"),
        &|| format!("{}, which party is responsible for {x}?", upper_first(m)),
        &|| format!("Who looks after {x} when a workload runs {m}?"),
    ];
    let prompt = pick(&stems, &[l.id.as_str(), model.id(), "direct"])
        .map(|stem| stem())
        .unwrap_or_default();
    let body = Body::Single {
        choices: owner_choices(g, layer, model),
    };
    cell_question(g, "owner", layer, model, prompt, body)
}

/// A setting that implies the model without naming it, built around one of its example
/// services.
fn setting(model: Model, example: Option<&str>, key: &[&str]) -> String {
    match (model, example) {
        (Model::OnPremises, _) => pick(
            &[
                "A manufacturer runs all of its applications on servers in a datacenter it owns.",
                "A company keeps every workload on its own servers, in a server room in its own building.",
                "A hospital runs its systems in its own datacenter and has no cloud services.",
            ],
            key,
        )
        .copied()
        .unwrap_or_default()
        .to_string(),
        (Model::Iaas, Some("Azure Virtual Machines")) => {
            "A company moves its file servers to Azure Virtual Machines without changing the software on them.".into()
        }
        (Model::Iaas, Some("Azure Disk Storage")) => {
            "A company runs its database servers on Azure virtual machines, with their data on Azure Disk Storage.".into()
        }
        (Model::Iaas, Some("Azure Virtual Network")) => {
            "A team builds a test lab from Azure virtual machines connected through an Azure Virtual Network.".into()
        }
        (Model::Paas, Some("Azure App Service")) => {
            "A team publishes its web application to Azure App Service.".into()
        }
        (Model::Paas, Some("Azure Functions")) => {
            "A team runs its order-processing code on Azure Functions.".into()
        }
        (Model::Paas, Some("Azure SQL Database")) => {
            "A retailer moves its sales database to Azure SQL Database.".into()
        }
        (Model::Paas, Some("Azure Cosmos DB")) => {
            "An online shop keeps its product catalogue in Azure Cosmos DB.".into()
        }
        (Model::Paas, Some("Azure Container Instances")) => {
            "A team runs a nightly report job as a container on Azure Container Instances.".into()
        }
        (Model::Paas, Some("Azure Container Apps")) => {
            "A team deploys its microservices to Azure Container Apps.".into()
        }
        (Model::Saas, Some("Microsoft 365")) => {
            "A law firm gives its staff Microsoft 365 for email and documents.".into()
        }
        (Model::Saas, Some("Exchange Online")) => {
            "A company retires its own mail servers and moves every mailbox to Exchange Online.".into()
        }
        (Model::Saas, Some("Outlook on the web")) => {
            "A school's staff read and send their email in Outlook on the web.".into()
        }
        (Model::Saas, Some("Dynamics 365")) => {
            "A wholesaler tracks its sales and finances in Dynamics 365.".into()
        }
        (Model::Iaas, Some(e)) => format!("A company moves its servers to Azure, using {e}."),
        (Model::Paas, Some(e)) => format!("A development team builds its solution on {e}."),
        (Model::Saas, Some(e)) => format!("A company subscribes to {e} for its staff."),
        (m, None) => format!("An organisation moves a workload to {}.", m.name()),
    }
}

/// How a scenario names a layer: phrases that read naturally in the setting and cannot be
/// mistaken for a neighbouring row (no "the building", which could be the company's office;
/// no "application code", which is the customer's even where the row is Shared).
fn scenario_things(layer_id: &str, model: Model) -> &'static [&'static str] {
    match (layer_id, model) {
        ("information-and-data", _) => &[
            "the organisation's own data",
            "classifying the organisation's information as public, internal or confidential",
        ],
        ("devices", _) => &[
            "the laptops and phones that staff use to connect",
            "keeping staff PCs patched and encrypted",
        ],
        ("accounts-and-identities", _) => &[
            "deciding which employees get an account and what they may open",
            "requiring multifactor authentication for the organisation's users",
        ],
        // In IaaS the directory a scenario means must be one the customer runs on its VMs: a
        // directory like Microsoft Entra ID runs on Microsoft's service.
        ("identity-and-directory-infrastructure", Model::Iaas) => &[
            "the domain controllers it runs on its own virtual machines",
            "patching the directory servers it hosts on its own VMs",
        ],
        ("identity-and-directory-infrastructure", _) => &[
            "the directory servers that hold and check user identities",
            "running the directory service that users sign in against",
        ],
        ("applications", Model::Paas) => &["the applications layer of the solution"],
        ("applications", _) => &[
            "the application software on the servers",
            "updating and securing the installed applications",
        ],
        ("network-controls", Model::OnPremises | Model::Iaas) => &[
            "the firewall rules and network security groups around the servers",
            "the network controls that decide which traffic reaches the servers",
        ],
        ("network-controls", _) => &["the network controls around the service"],
        ("operating-system", Model::OnPremises) => &["patching the servers' operating system"],
        ("operating-system", Model::Iaas) => &[
            "patching the guest operating system of each VM",
            "the operating system on the virtual machines",
        ],
        ("operating-system", _) => &["patching the operating system underneath"],
        ("physical-hosts", _) => &[
            "replacing a failed server",
            "the physical servers the workloads run on",
        ],
        ("physical-network", _) => &[
            "the switches, routers and cabling between the servers",
            "the physical network inside the datacenter",
        ],
        ("physical-datacenter", _) => &[
            "power, cooling and fire protection in the datacenter",
            "the guards and locked doors of the datacenter",
        ],
        _ => &[],
    }
}

/// A situation that implies the model, and a way of naming the layer that fits it.
fn scenario(g: &Gen, layer: usize, model: Model) -> Question {
    let l = g.layer(layer);
    let key = [l.id.as_str(), model.id(), "scenario"];
    let examples = g
        .rules
        .model_info(model)
        .map(|m| m.examples.as_slice())
        .unwrap_or_default();
    // A container image carries an OS of its own (the customer's): the operating-system row
    // is asked about a setting without containers, where "the OS underneath" is unambiguous.
    let examples: Vec<&String> = examples
        .iter()
        .filter(|e| l.id != "operating-system" || !e.contains("Container"))
        .collect();
    let example = pick(&examples, &key).map(|e| e.as_str());
    let setting = setting(model, example, &key);
    let thing = pick(scenario_things(&l.id, model), &key).map_or_else(
        || {
            let aliases: Vec<&String> = l
                .aliases
                .iter()
                .filter(|a| {
                    !a.to_lowercase().starts_with("who ") && !a.eq_ignore_ascii_case(&l.name)
                })
                .collect();
            pick(&aliases, &key).map_or_else(|| layer_ref(l), |a| alias_ref(a))
        },
        |t| (*t).to_string(),
    );
    let prompt = format!("{setting} Who is responsible for {thing}?");
    let body = Body::Single {
        choices: owner_choices(g, layer, model),
    };
    let mut q = cell_question(g, "owner-scenario", layer, model, prompt, body);
    q.explanation = format!(
        "{} {}: the duty in the question is part of the row \"{}\".",
        g.model_description(model),
        fact(l, model, g.owner(layer, model)),
        l.name
    );
    q
}

/// A further case for a Shared cell: the matrix has only two undisputed Shared cells, so
/// without it "Shared" would be the right owner far less often than chance (and the other two
/// more often), a cue a test-wise learner reads.
fn case(g: &Gen, layer: usize, model: Model) -> Option<Question> {
    if g.owner(layer, model) != Owner::Shared {
        return None;
    }
    let prompt = match (g.layer(layer).id.as_str(), model) {
        ("applications", Model::Paas) => {
            "A team publishes its web app to Azure App Service and wants to know who must keep the app itself secure and well configured. Under the shared responsibility model, who is responsible for the application?"
        }
        ("network-controls", Model::Paas) => {
            "A shop keeps its orders in Azure SQL Database and must allow connections only from its own office IP addresses. Who is responsible for these network controls?"
        }
        _ => return None,
    };
    let body = Body::Single {
        choices: owner_choices(g, layer, model),
    };
    Some(cell_question(
        g,
        "owner-case",
        layer,
        model,
        prompt.to_string(),
        body,
    ))
}

/// "In PaaS, responsibility for network controls lies with ___." in one of a few wordings.
fn dropdown(g: &Gen, layer: usize, model: Model) -> Question {
    let l = g.layer(layer);
    let truth = g.owner(layer, model);
    let x = layer_ref(l);
    let m = model_in(model);
    let sentences: [&dyn Fn() -> String; 3] = [
        &|| format!("{}, responsibility for {x} lies with ___.", upper_first(m)),
        &|| format!("For a workload {m}, responsibility for {x} falls to ___."),
        &|| {
            format!(
                "Under the shared responsibility model, responsibility for {x} {m} rests with ___."
            )
        },
    ];
    let sentence = pick(&sentences, &[l.id.as_str(), model.id(), "dropdown"])
        .map(|sentence| sentence())
        .unwrap_or_default();
    let choices = Owner::ALL
        .iter()
        .map(|o| choice(owner_with(*o), *o == truth, owner_why(g, layer, model, *o)))
        .collect();
    let prompt = format!("Select the answer that correctly completes the sentence about {x} {m}.");
    cell_question(
        g,
        "owner-dropdown",
        layer,
        model,
        prompt,
        Body::Dropdown { sentence, choices },
    )
}
