//! Teaching sentences for generated questions: why a cell has its owner, what mistake a wrong
//! owner reveals, and a one-line summary of a whole row. Written in the project's own words; the
//! house-versus-flat analogy (the landlord keeps the structure and the main entrance, the tenant
//! keeps the flat's contents and their own key) is used where it helps.

use super::Gen;
use super::text::{join_and, layer_ref, model_in, upper_first};
use crate::rules::{Model, Owner};

/// Why an undisputed cell has the owner it has, in one or two sentences.
pub(super) fn reason(g: &Gen, layer: usize, model: Model) -> String {
    let l = g.layer(layer);
    let name = layer_ref(l);
    if model == Model::OnPremises {
        return format!(
            "On-premises the organisation owns the whole house: it runs every layer itself, {name} included, and no provider takes any part."
        );
    }
    match (l.id.as_str(), model) {
        ("information-and-data", _) => "Data never moves to the provider. Like the contents of a rented flat, it stays the tenant's, whatever the landlord looks after.".into(),
        ("devices", _) => format!("The phones and PCs staff use to reach the service are the customer's to patch, encrypt and manage {}.", model_in(model)),
        ("accounts-and-identities", _) => "Who gets an account, what it may open and how it signs in (MFA, roles) are the customer's decisions: the tenant keeps their own key.".into(),
        ("physical-hosts", _) => "The server hardware is Microsoft's in every cloud model: the landlord keeps the structure of the building.".into(),
        ("physical-network", _) => "The cables, switches and routers inside Azure are Microsoft's in every cloud model; the customer never touches them.".into(),
        ("physical-datacenter", _) => "The building, its power, cooling and guards are Microsoft's in every cloud model, just as a landlord keeps the structure and the main entrance.".into(),
        ("virtualisation", _) => "The hypervisor runs directly on Microsoft's hosts, so it goes with the physical layers: Microsoft's in every cloud model.".into(),
        ("operating-system", Model::Iaas) => "On a virtual machine Microsoft stops at the hypervisor; the guest OS and everything installed on it are the customer's to patch and harden.".into(),
        ("operating-system", Model::Paas) => "The OS is part of the platform Microsoft runs: the customer deploys code and never patches the servers underneath.".into(),
        ("operating-system", _) => "A SaaS customer never sees a server: Microsoft runs and patches the OS under the finished application.".into(),
        ("middleware-runtime", Model::Iaas) => "Runtimes and middleware installed on a VM are the customer's, just like the guest OS beneath them.".into(),
        ("middleware-runtime", _) => "The runtime is part of the platform the provider runs, so it moves to Microsoft together with the OS.".into(),
        ("network-controls", Model::Iaas) => "The customer designs its virtual networks and sets the firewall rules and network security groups around its VMs.".into(),
        ("network-controls", Model::Paas) => "Microsoft supplies the network features of the service, and the customer decides how they are set, for example which addresses may connect.".into(),
        ("network-controls", _) => "In a finished service Microsoft runs the network around the application; the customer has no network settings of its own to manage.".into(),
        ("applications", Model::Iaas) => "Whatever the customer installs on its VMs is its own to configure, update and secure.".into(),
        ("applications", Model::Paas) => "The customer writes and configures the code, while Microsoft runs and secures the platform features the code relies on: each holds part of the row.".into(),
        ("identity-and-directory-infrastructure", Model::Iaas) => "Directory servers the customer runs on its own VMs are its own to run and patch, like everything else above the hypervisor.".into(),
        _ => upper_first(&l.description),
    }
}

/// What a learner who picked `offered` for an undisputed cell got wrong (`offered` is not the
/// owner).
pub(super) fn mistake(g: &Gen, layer: usize, model: Model, offered: Owner) -> String {
    let l = g.layer(layer);
    let name = layer_ref(l);
    let truth = g.owner(layer, model);
    let band = l.band.as_str();
    let physical = band == "always-provider";
    let platform = matches!(l.id.as_str(), "operating-system" | "middleware-runtime");
    let any_disputed = Model::ALL.iter().any(|m| g.disputed(layer, *m));
    match (offered, truth) {
        (Owner::Customer, Owner::Shared) => format!(
            "That leaves out Microsoft's part: {} it supplies and secures the platform side of {name}, and the customer configures its own side.",
            model_in(model)
        ),
        (Owner::Microsoft, Owner::Shared) => format!(
            "That leaves out the customer's part: a managed platform does not take over how the customer {} its side of {name}.",
            if l.id == "applications" { "writes and configures" } else { "configures" }
        ),
        (Owner::Shared, _) if physical => {
            "The physical layers are never Shared: the customer's on-premises, Microsoft's in every cloud model.".into()
        }
        (Owner::Shared, _) if band == "always-customer" && any_disputed => format!(
            "{} are the customer's alone {}; both of Microsoft's matrices agree on this cell.",
            upper_first(&name),
            model_in(model)
        ),
        (Owner::Shared, _) if band == "always-customer" => format!(
            "The row \"{}\" is never Shared in Microsoft's matrix: it stays the customer's alone in every model.",
            l.name
        ),
        (Owner::Shared, _) if platform => format!(
            "The row \"{}\" is never Shared: it goes straight from the customer (IaaS) to Microsoft (PaaS and SaaS).",
            l.name
        ),
        (Owner::Shared, Owner::Customer) if model == Model::OnPremises => {
            "On-premises there is no provider to share with: the organisation holds every layer alone.".into()
        }
        (Owner::Shared, Owner::Customer) => {
            let splits_later = !g.disputed(layer, Model::Paas)
                && g.owner(layer, Model::Paas) == Owner::Shared;
            format!(
                "IaaS has no Shared cells at all: the row \"{}\" is still wholly the customer's there{}.",
                l.name,
                if splits_later { ", and is split only from PaaS on" } else { "" }
            )
        }
        (Owner::Shared, _) => format!(
            "Shared cells are where Microsoft supplies a control and the customer configures it; {} nothing of {name} is left for the customer to configure.",
            model_in(model)
        ),
        (Owner::Microsoft, _) if model == Model::OnPremises => {
            "On-premises no cloud provider is involved: the organisation runs every layer itself.".into()
        }
        (Owner::Microsoft, _) if band == "always-customer" => format!(
            "Moving to the cloud never hands {name} to Microsoft alone; the customer keeps {} in every model.",
            if any_disputed { "at least a share of them" } else { "this layer" }
        ),
        (Owner::Microsoft, _) => format!(
            "This is the classic IaaS mix-up: Microsoft runs the hosts and the hypervisor beneath the VM, not {name} above them."
        ),
        (Owner::Customer, _) if physical || l.id == "virtualisation" => format!(
            "The customer looks after {name} only on-premises; {} that layer is Microsoft's.",
            model_in(model)
        ),
        (Owner::Customer, _) if platform => format!(
            "That would be true on a virtual machine (IaaS); {} {name} is part of the platform Microsoft runs.",
            model_in(model)
        ),
        (Owner::Customer, _) => format!(
            "The customer sets {name} itself in IaaS and shares them in PaaS; {} Microsoft runs the whole finished service, {name} included.",
            model_in(model)
        ),
    }
}

/// "the customer's on-premises and in IaaS, Shared in PaaS, Microsoft's in SaaS" (disputed cells:
/// "disputed in SaaS").
pub(super) fn row_summary<'g>(g: &'g Gen, layer: usize) -> &'g str {
    g.memo
        .row_summary
        .get(layer, || build_row_summary(g, layer))
}

fn build_row_summary(g: &Gen, layer: usize) -> String {
    let label = |m: Model| -> &'static str {
        if g.disputed(layer, m) {
            return "disputed";
        }
        match g.owner(layer, m) {
            Owner::Customer => "the customer's",
            Owner::Microsoft => "Microsoft's",
            Owner::Shared => "Shared",
        }
    };
    let mut groups: Vec<(&'static str, Vec<Model>)> = Vec::new();
    for m in Model::ALL {
        let o = label(m);
        match groups.iter_mut().find(|(x, _)| *x == o) {
            Some((_, ms)) => ms.push(m),
            None => groups.push((o, vec![m])),
        }
    }
    groups
        .iter()
        .map(|(o, ms)| {
            let mut parts: Vec<String> = Vec::new();
            let mut cloud: Vec<String> = Vec::new();
            for m in ms {
                if *m == Model::OnPremises {
                    parts.push("on-premises".into());
                } else {
                    cloud.push(m.name().to_string());
                }
            }
            if !cloud.is_empty() {
                parts.push(format!("in {}", join_and(&cloud)));
            }
            format!("{o} {}", parts.join(" and "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
