//! Comparing service models (how much each leaves the customer) and classifying the rules'
//! example services.

use super::text::{join_and, model_in, pick, slug};
use super::{
    Gen, LEARN_SERVICE_TYPES, Matrix, TOPIC_SERVICE_TYPES, choice, question, single_or_multi,
};
use crate::bank::question::{Body, CellRef, Choice, OrderItem, Question};
use crate::rules::{Model, Owner};

pub(super) fn generate(g: &Gen, out: &mut Vec<Question>) {
    let extremes = [
        ("most", &Model::ALL[..], true),
        ("most-cloud", &Model::CLOUD[..], true),
        ("least-cloud", &Model::CLOUD[..], false),
    ];
    for (id, models, most) in extremes {
        if let Some(q) = extreme(g, id, models, most) {
            out.push(q);
        }
    }
    for (k, a) in Model::ALL.iter().enumerate() {
        for b in &Model::ALL[k + 1..] {
            if let Some(q) = pair(g, *a, *b) {
                out.push(q);
            }
        }
    }
    let orders = [
        ("all", &Model::ALL[..], true),
        ("cloud", &Model::CLOUD[..], true),
        ("cloud-asc", &Model::CLOUD[..], false),
    ];
    for (id, models, most_first) in orders {
        if let Some(q) = order(g, id, models, most_first) {
            out.push(q);
        }
    }
    service_types(g, out);
}

/// The customer's load under `model` in half rows (as `Rules::customer_load`) under one of
/// Microsoft's matrices, as the lowest and highest it can be.
fn load_range(g: &Gen, matrix: Matrix, model: Model) -> (usize, usize) {
    let m = usize::from(matrix == Matrix::Newer);
    *g.memo.load_range[m][model.index()].get_or_init(|| build_load_range(g, matrix, model))
}

fn build_load_range(g: &Gen, matrix: Matrix, model: Model) -> (usize, usize) {
    let weight = |o: &Option<Owner>| match o {
        Some(Owner::Customer) => 2,
        Some(Owner::Shared) => 1,
        Some(Owner::Microsoft) | None => 0,
    };
    g.matrix().fold((0, 0), |(lo, hi), (i, _)| {
        let w: Vec<usize> = g.in_matrix(matrix, i, model).iter().map(weight).collect();
        let min = w.iter().copied().min().unwrap_or(0);
        let max = w.iter().copied().max().unwrap_or(0);
        (lo + min, hi + max)
    })
}

/// `a` leaves the customer more than `b` under each of Microsoft's matrices.
fn heavier(g: &Gen, a: Model, b: Model) -> bool {
    Matrix::BOTH
        .iter()
        .all(|w| load_range(g, *w, a).0 > load_range(g, *w, b).1)
}

/// "In the AZ-900 Learn matrix, IaaS leaves the customer 7 of the 10 rows alone…"
fn load_why<'g>(g: &'g Gen, model: Model) -> &'g str {
    g.memo
        .load_why
        .get(model.index(), || build_load_why(g, model))
}

fn build_load_why(g: &Gen, model: Model) -> String {
    let count = |o: Owner| g.matrix().filter(|(i, _)| g.owner(*i, model) == o).count();
    let total = g.matrix().len();
    let shared = match count(Owner::Shared) {
        0 => "shares none".to_string(),
        n => format!("shares {n}"),
    };
    format!(
        "In the AZ-900 Learn matrix, {} leaves the customer {} of the {total} rows alone, {shared} and hands {} to Microsoft. {}",
        g.model_name(model),
        count(Owner::Customer),
        count(Owner::Microsoft),
        g.model_description(model)
    )
}

/// "Of the 10 rows of the AZ-900 Learn matrix, the customer holds 7 alone in IaaS and 3 in
/// PaaS, and shares 3 in PaaS.": the counts behind a comparison, once (each choice's why gives
/// its model's own figures and description).
fn load_summary(g: &Gen, models: &[Model]) -> String {
    let count = |m: Model, o: Owner| g.matrix().filter(|(i, _)| g.owner(*i, m) == o).count();
    let alone: Vec<String> = models
        .iter()
        .map(|m| format!("{} {}", count(*m, Owner::Customer), model_in(*m)))
        .collect();
    let shared: Vec<String> = models
        .iter()
        .filter(|m| count(**m, Owner::Shared) > 0)
        .map(|m| format!("{} {}", count(*m, Owner::Shared), model_in(*m)))
        .collect();
    let mut text = format!(
        "Of the {} rows of the AZ-900 Learn matrix, the customer holds alone {}",
        g.matrix().len(),
        join_and(&alone)
    );
    if !shared.is_empty() {
        text.push_str(", and shares ");
        text.push_str(&join_and(&shared));
    }
    text.push('.');
    text
}

/// A model's name as it reads mid-sentence ("on-premises", "IaaS").
fn in_sentence(g: &Gen, model: Model) -> String {
    match model {
        Model::OnPremises => "on-premises".to_string(),
        m => g.model_name(m),
    }
}

fn column_refs(g: &Gen, models: &[Model]) -> Vec<CellRef> {
    models
        .iter()
        .flat_map(|m| g.matrix().map(move |(i, _)| (i, *m)))
        .map(|(i, m)| g.cell_ref(i, m))
        .collect()
}

fn comparison(
    id: String,
    concept: String,
    prompt: String,
    body: Body,
    explanation: String,
) -> Question {
    let mut q = question(id, concept, prompt, body, explanation);
    q.topic = TOPIC_SERVICE_TYPES.to_string();
    q
}

const LOAD_NOTE: &str = "Counting each row the customer holds alone as a full share and each shared row as half, the order is the same under both of Microsoft's matrices.";

/// The model with the most (or least) customer responsibility among `models`.
fn extreme(g: &Gen, id: &str, models: &[Model], most: bool) -> Option<Question> {
    let winner = models.iter().copied().find(|a| {
        models.iter().all(|b| {
            a == b
                || if most {
                    heavier(g, *a, *b)
                } else {
                    heavier(g, *b, *a)
                }
        })
    })?;
    let choices: Vec<Choice> = models
        .iter()
        .map(|m| {
            let right = *m == winner;
            let why = format!(
                "{} {}",
                if right { "Right:" } else { "No:" },
                load_why(g, *m)
            );
            choice(g.model_name(*m), right, why)
        })
        .collect();
    let scope = if models.len() == Model::ALL.len() {
        "Of on-premises, IaaS, PaaS and SaaS, which".to_string()
    } else {
        let names: Vec<String> = models.iter().map(|m| g.model_name(*m)).collect();
        format!(
            "Of the cloud models {}, which",
            super::text::join_and(&names)
        )
    };
    let prompt = format!(
        "{scope} leaves the customer responsible for the {} layers?",
        if most { "most" } else { "fewest" }
    );
    let explanation = cat!(load_summary(g, models), " ", LOAD_NOTE);
    let mut q = comparison(
        cat!("gen-load-", id),
        cat!("load.", id),
        prompt,
        single_or_multi(choices)?,
        explanation,
    );
    q.cells = column_refs(g, models);
    Some(q)
}

/// Which of two models leaves more to the customer.
fn pair(g: &Gen, a: Model, b: Model) -> Option<Question> {
    let heavy = if heavier(g, a, b) {
        a
    } else if heavier(g, b, a) {
        b
    } else {
        return None;
    };
    let choices = [a, b]
        .iter()
        .map(|m| {
            let right = *m == heavy;
            choice(
                g.model_name(*m),
                right,
                format!(
                    "{} {}",
                    if right { "Right:" } else { "No:" },
                    load_why(g, *m)
                ),
            )
        })
        .collect();
    let prompt = format!(
        "Which leaves more of the responsibility with the customer: {} or {}?",
        in_sentence(g, a),
        in_sentence(g, b)
    );
    let mut q = comparison(
        cat!("gen-load-pair-", a.id(), "-", b.id()),
        format!("load.pair.{}.{}", a.id(), b.id()),
        prompt,
        Body::Single { choices },
        cat!(load_summary(g, &[a, b]), " ", LOAD_NOTE),
    );
    q.cells = column_refs(g, &[a, b]);
    Some(q)
}

/// Put models in order of the customer's responsibility.
fn order(g: &Gen, id: &str, models: &[Model], most_first: bool) -> Option<Question> {
    let mut sorted = models.to_vec();
    sorted.sort_by_key(|m| std::cmp::Reverse(g.rules.customer_load(*m)));
    if !most_first {
        sorted.reverse();
    }
    // Only when every neighbour is strictly ordered under both matrices.
    let strict = sorted.windows(2).all(|w| match w {
        [x, y] if most_first => heavier(g, *x, *y),
        [x, y] => heavier(g, *y, *x),
        _ => true,
    });
    if !strict || sorted.len() < 2 {
        return None;
    }
    let items = sorted
        .iter()
        .enumerate()
        .map(|(k, m)| OrderItem {
            text: g.model_name(*m),
            why: format!(
                "Position {} of {}: {}",
                k + 1,
                sorted.len(),
                load_why(g, *m)
            ),
        })
        .collect();
    let names: Vec<String> = models.iter().map(|m| in_sentence(g, *m)).collect();
    let (from, to) = if most_first {
        ("the most", "the least")
    } else {
        ("the least", "the most")
    };
    let prompt = format!(
        "Arrange {} from the model that leaves the customer {from} responsibility to the one that leaves it {to}.",
        super::text::join_and(&names)
    );
    let mut q = comparison(
        cat!("gen-order-load-", id),
        format!("load.order.{id}"),
        prompt,
        Body::Order { items },
        LOAD_NOTE.to_string(),
    );
    q.cells = column_refs(g, models);
    Some(q)
}

/// "Which cloud service type is Azure App Service?" for every example that only one model lists.
fn service_types(g: &Gen, out: &mut Vec<Question>) {
    let listed_elsewhere = |model: Model, example: &str| {
        g.rules.models.iter().any(|info| {
            (info.id != model.id() && info.examples.iter().any(|e| e == example))
                || info.ambiguous_examples.iter().any(|e| e == example)
        })
    };
    for model in Model::CLOUD {
        let Some(info) = g.rules.model_info(model) else {
            continue;
        };
        for example in &info.examples {
            if listed_elsewhere(model, example) {
                continue;
            }
            let choices = Model::CLOUD
                .iter()
                .map(|m| {
                    let right = *m == model;
                    let why = if right {
                        cat!("Right: ", g.model_description(*m))
                    } else {
                        cat!("No: ", service_type_mistake(*m, model, example))
                    };
                    choice(g.model_name(*m), right, why)
                })
                .collect();
            let key = [example.as_str(), "service-type"];
            let stems: [&dyn Fn() -> String; 3] = [
                &|| format!("Which cloud service type is {example}?"),
                &|| format!("{example} is an example of which cloud service type?"),
                &|| {
                    format!(
                        "A company starts using {example}. Which cloud service type is it using?"
                    )
                },
            ];
            let prompt = pick(&stems, &key).map(|stem| stem()).unwrap_or_default();
            let mut q = comparison(
                cat!("gen-service-type-", slug(example)),
                cat!("service-type.", slug(example)),
                prompt,
                Body::Single { choices },
                format!(
                    "{example} is {}. {} {}",
                    g.model_name(model),
                    info.description,
                    service_type_tell(model)
                ),
            );
            q.refs = vec![LEARN_SERVICE_TYPES.to_string()];
            out.push(q);
        }
    }
}

/// What a learner who classified an example of `truth` as `offered` got wrong.
fn service_type_mistake(offered: Model, truth: Model, example: &str) -> String {
    match (offered, truth) {
        (Model::Iaas, Model::Paas) => format!(
            "IaaS would hand the customer virtual machines whose operating system it patches; with {example} Microsoft runs the OS and platform, and the customer brings code and data."
        ),
        (Model::Saas, Model::Paas) => format!(
            "SaaS is a finished application that end users sign in to; {example} is a platform the customer builds on with its own code or data."
        ),
        (Model::Paas, Model::Iaas) => format!(
            "In PaaS Microsoft would run the operating system and platform; {example} is a piece of infrastructure the customer configures itself, and the OS on its VMs stays its own to run."
        ),
        (Model::Saas, Model::Iaas) => format!(
            "SaaS is a finished application; {example} is a piece of infrastructure the customer assembles into its own environment."
        ),
        (Model::Iaas, Model::Saas) => format!(
            "IaaS would leave the customer running servers; {example} is a finished application that Microsoft runs and people simply use."
        ),
        (Model::Paas, Model::Saas) => format!(
            "PaaS is for deploying your own code; {example} is ready-made software the customer subscribes to and uses as it is."
        ),
        _ => String::new(),
    }
}

/// A quick test for telling the service types apart.
fn service_type_tell(model: Model) -> &'static str {
    match model {
        Model::Iaas => {
            "A quick test: if the customer gets virtual hardware and looks after the OS on it, it is IaaS."
        }
        Model::Paas => {
            "A quick test: if the customer brings its own code or data and never patches an OS, it is PaaS."
        }
        Model::Saas => {
            "A quick test: if people just sign in and use a finished application, usually paid per user, it is SaaS."
        }
        Model::OnPremises => "",
    }
}
