use std::collections::{BTreeSet, HashSet};

use super::generate;
use crate::bank::question::{Body, CellRef, Kind, Question};
use crate::engine::grade::grade;
use crate::rules::{Model, Owner, RULES_JSON, Rules};

mod keys;

fn rules() -> Rules {
    Rules::embedded().unwrap()
}

fn bank() -> Vec<Question> {
    generate(&rules())
}

/// What Microsoft's newer article says about the disputed cells (facts sheet, section 1),
/// kept here independently of the generator. `None`: the newer article has no such row.
const NEWER: [(&str, Model, Option<Owner>); 4] = [
    ("devices", Model::Saas, Some(Owner::Shared)),
    ("applications", Model::Saas, Some(Owner::Shared)),
    ("identity-and-directory-infrastructure", Model::Paas, None),
    ("identity-and-directory-infrastructure", Model::Saas, None),
];

/// The owner of a cell under each of Microsoft's two matrices.
fn both(rules: &Rules, layer: &str, model: Model) -> [Option<Owner>; 2] {
    let cell = rules.cell_by_id(layer, model).unwrap();
    if !cell.disputed {
        return [Some(cell.owner); 2];
    }
    let newer = NEWER
        .iter()
        .find(|(l, m, _)| *l == layer && *m == model)
        .unwrap_or_else(|| panic!("no known alternative for {layer} in {model:?}"))
        .2;
    [Some(cell.owner), newer]
}

/// Whether `pred` gives the same answer under both matrices, and that answer.
fn settled(rules: &Rules, layer: &str, model: Model, pred: impl Fn(Option<Owner>) -> bool) -> bool {
    let [a, b] = both(rules, layer, model);
    assert_eq!(
        pred(a),
        pred(b),
        "key for {layer} in {model:?} differs between the matrices"
    );
    pred(a)
}

fn model_named(s: &str) -> Model {
    match s {
        "On-premises" => Model::OnPremises,
        "IaaS" => Model::Iaas,
        "PaaS" => Model::Paas,
        "SaaS" => Model::Saas,
        _ => panic!("not a model name: {s:?}"),
    }
}

fn owner_named(rules: &Rules, s: &str) -> Owner {
    let info = rules
        .owners
        .iter()
        .find(|o| o.name == s)
        .unwrap_or_else(|| panic!("not an owner: {s:?}"));
    Owner::from_id(&info.id).unwrap()
}

fn layer_named<'a>(rules: &'a Rules, s: &str) -> &'a str {
    &rules
        .layers
        .iter()
        .find(|l| l.name == s)
        .unwrap_or_else(|| panic!("not a layer: {s:?}"))
        .id
}

/// The owner a yes/no statement claims, read from how it starts.
fn claimed(text: &str) -> Owner {
    if text.starts_with("The customer alone is responsible for") {
        Owner::Customer
    } else if text.starts_with("Microsoft alone is responsible for") {
        Owner::Microsoft
    } else if text.starts_with("The customer and Microsoft share responsibility for") {
        Owner::Shared
    } else {
        panic!("statement claims no owner: {text:?}")
    }
}

fn party_of(id: &str, prefix: &str) -> Owner {
    let rest = id.strip_prefix(prefix).unwrap();
    Owner::ALL
        .into_iter()
        .find(|o| rest.starts_with(&format!("{}-", o.id())))
        .unwrap()
}

fn correct_texts(q: &Question) -> Vec<&str> {
    q.body
        .choices()
        .unwrap()
        .iter()
        .filter(|c| c.correct)
        .map(|c| c.text.as_str())
        .collect()
}

#[test]
#[ignore]
fn dump() {
    for q in bank() {
        println!("{}", serde_json::to_string_pretty(&q).unwrap());
    }
}

#[test]
fn generates_at_least_120_questions_with_unique_ids_and_prompts() {
    let qs = bank();
    assert!(qs.len() >= 120, "only {} questions", qs.len());
    let mut ids = HashSet::new();
    let mut prompts = HashSet::new();
    for q in &qs {
        assert!(ids.insert(q.id.as_str()), "duplicate id {}", q.id);
        assert!(
            prompts.insert(q.prompt.as_str()),
            "duplicate prompt {:?}",
            q.prompt
        );
    }
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(bank(), bank());
}

#[test]
fn ids_are_the_documented_stable_ones() {
    let qs = bank();
    let ids: HashSet<&str> = qs.iter().map(|q| q.id.as_str()).collect();
    for id in [
        "gen-owner-operating-system-iaas",
        "gen-owner-scenario-network-controls-paas",
        "gen-owner-dropdown-physical-hosts-saas",
        "gen-extra-middleware-runtime-paas",
        "gen-row-operating-system",
        "gen-models-customer-operating-system",
        "gen-models-microsoft-physical-datacenter",
        "gen-layers-microsoft-iaas",
        "gen-band-always-customer",
        "gen-band-of-network-controls",
        "gen-yn-row-operating-system",
        "gen-yn-col-customer-saas",
        "gen-yn-shift-iaas-paas",
        "gen-match-paas",
        "gen-hot-col-customer-paas",
        "gen-hot-grid-customer",
        "gen-dispute-applications-saas",
        "gen-dispute-cells",
        "gen-load-most-cloud",
        "gen-load-pair-paas-saas",
        "gen-order-load-all",
        "gen-service-type-azure-app-service",
    ] {
        assert!(ids.contains(id), "missing stable id {id}");
    }
    // Disputed cells never get an owner question.
    for id in [
        "gen-owner-applications-saas",
        "gen-owner-devices-saas",
        "gen-owner-identity-and-directory-infrastructure-paas",
    ] {
        assert!(!ids.contains(id), "{id} keys a disputed cell");
    }
}

#[test]
fn ids_do_not_depend_on_the_order_or_number_of_layers() {
    let before = bank();
    let mut v: serde_json::Value = serde_json::from_str(RULES_JSON).unwrap();
    let layers = v["layers"].as_array_mut().unwrap();
    layers.swap(7, 8); // physical hosts <-> physical network
    layers.swap(0, 2); // data <-> accounts
    layers.push(serde_json::json!({
        "id": "power-and-cooling",
        "name": "Power and cooling",
        "band": "always-provider",
        "matrix_row": false,
        "aliases": [],
        "description": "Electricity and cooling of the datacenter.",
        "owners": { "on-premises": "customer", "iaas": "microsoft", "paas": "microsoft", "saas": "microsoft" }
    }));
    let after = generate(&Rules::from_json(&v.to_string()).unwrap());
    let after_ids: HashSet<&str> = after.iter().map(|q| q.id.as_str()).collect();
    for q in &before {
        assert!(
            after_ids.contains(q.id.as_str()),
            "{} vanished when rules.json changed",
            q.id
        );
    }
    // A question about one cell keeps its content too.
    let find = |qs: &[Question], id: &str| qs.iter().find(|q| q.id == id).cloned().unwrap();
    let id = "gen-owner-physical-hosts-iaas";
    assert_eq!(find(&before, id), find(&after, id));
    assert!(after_ids.contains("gen-extra-power-and-cooling-paas"));
}

#[test]
#[allow(clippy::too_many_lines)] // one check per rule or table, read top to bottom
fn every_question_meets_the_pack_format_rules() {
    let rules = rules();
    let topics: HashSet<&str> = rules.topics.iter().map(|t| t.id.as_str()).collect();
    for q in bank() {
        let at = &q.id;
        assert!((3..=80).contains(&q.id.len()), "{at}: id length");
        assert!(
            q.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c)),
            "{at}: id chars"
        );
        assert!(q.id.starts_with("gen-"), "{at}");
        assert!(
            q.concept
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c)),
            "{at}: concept {}",
            q.concept
        );
        assert!(topics.contains(q.topic.as_str()), "{at}: topic");
        assert!(
            !q.prompt.trim().is_empty() && q.prompt.len() <= 4000,
            "{at}: prompt"
        );
        assert!(!q.explanation.trim().is_empty(), "{at}: explanation");
        assert!(
            !q.refs.is_empty()
                && q.refs
                    .iter()
                    .all(|r| r.starts_with("https://learn.microsoft.com/")),
            "{at}: refs"
        );
        for text in [&q.prompt, &q.explanation] {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{at}: control character"
            );
        }
        let unique = |texts: Vec<&str>| {
            let set: HashSet<&str> = texts.iter().copied().collect();
            assert_eq!(set.len(), texts.len(), "{at}: duplicate texts {texts:?}");
        };
        match &q.body {
            Body::Single { choices } | Body::Dropdown { choices, .. } => {
                assert!((2..=12).contains(&choices.len()), "{at}");
                assert_eq!(choices.iter().filter(|c| c.correct).count(), 1, "{at}");
            }
            Body::Multi { choices } => {
                let n = choices.iter().filter(|c| c.correct).count();
                assert!(
                    (3..=12).contains(&choices.len()) && n >= 2 && n < choices.len(),
                    "{at}"
                );
                let word = ["", "", "two", "three", "four", "five"][n];
                assert!(
                    q.prompt.contains(&format!("Which {word} "))
                        || q.prompt.contains(&format!("which {word} ")),
                    "{at}: prompt must say how many: {}",
                    q.prompt
                );
            }
            Body::YesNo { statements } => {
                assert!((3..=12).contains(&statements.len()), "{at}");
                unique(statements.iter().map(|s| s.text.as_str()).collect());
                assert!(
                    statements.iter().all(|s| !s.why.is_empty()),
                    "{at}: statement why"
                );
            }
            Body::Match { categories, items } => {
                assert!(
                    (2..=6).contains(&categories.len()) && (2..=12).contains(&items.len()),
                    "{at}"
                );
                unique(categories.iter().map(String::as_str).collect());
                unique(items.iter().map(|i| i.text.as_str()).collect());
                assert!(
                    items
                        .iter()
                        .all(|i| i.category < categories.len() && !i.why.is_empty()),
                    "{at}"
                );
            }
            Body::Order { items } => {
                assert!((2..=12).contains(&items.len()), "{at}");
                unique(items.iter().map(|i| i.text.as_str()).collect());
                assert!(items.iter().all(|i| !i.why.is_empty()), "{at}: item why");
            }
            Body::HotArea {
                columns,
                rows,
                answer,
                one_per_row,
            } => {
                if *one_per_row {
                    assert!(
                        (0..rows.len()).all(|r| answer.iter().filter(|c| c.0 == r).count() == 1),
                        "{at}: a one-cell-per-row grid keys one cell in each row"
                    );
                }
                assert!(
                    (1..=8).contains(&columns.len()) && (1..=12).contains(&rows.len()),
                    "{at}"
                );
                assert!(!answer.is_empty(), "{at}");
                assert!(
                    answer.windows(2).all(|w| w[0] < w[1]),
                    "{at}: answer sorted, no duplicates"
                );
                assert!(
                    answer
                        .iter()
                        .all(|(r, c)| *r < rows.len() && *c < columns.len()),
                    "{at}"
                );
                unique(rows.iter().map(|r| r.label.as_str()).collect());
                assert!(rows.iter().all(|r| !r.why.is_empty()), "{at}: row why");
            }
        }
        if let Body::Dropdown { sentence, .. } = &q.body {
            assert_eq!(sentence.matches("___").count(), 1, "{at}: one blank");
        }
        if let Some(choices) = q.body.choices() {
            unique(choices.iter().map(|c| c.text.as_str()).collect());
            assert!(
                choices.iter().all(|c| !c.why.trim().is_empty()),
                "{at}: every choice needs a why"
            );
        }
    }
}

#[test]
fn every_question_grades_fully_correct_with_its_own_key_and_not_otherwise() {
    for q in bank() {
        let g = grade(&q.body, Some(&q.body.key()));
        assert!(
            g.is_correct(),
            "{}: its own key scored {}/{}",
            q.id,
            g.points,
            g.max
        );
        assert!(!grade(&q.body, None).is_correct(), "{}", q.id);
    }
}

#[test]
fn cells_agree_with_the_rules_and_disputed_cells_never_have_an_owner() {
    let rules = rules();
    for q in bank() {
        for c in &q.cells {
            let cell = rules
                .cell_by_id(&c.layer, c.model)
                .unwrap_or_else(|| panic!("{}: unknown layer {}", q.id, c.layer));
            match c.owner {
                Some(o) => {
                    assert!(
                        !cell.disputed,
                        "{}: disputed cell {} {:?} given the owner {o:?}",
                        q.id, c.layer, c.model
                    );
                    assert_eq!(o, cell.owner, "{}: {} {:?}", q.id, c.layer, c.model);
                }
                None => assert!(
                    cell.disputed,
                    "{}: undisputed cell {} {:?} has no owner",
                    q.id, c.layer, c.model
                ),
            }
        }
        if matches!(q.kind(), Kind::Single | Kind::Dropdown) && !q.id.starts_with("gen-dispute-") {
            assert!(
                q.cells
                    .iter()
                    .all(|c| c.owner.is_some() || !q.id.starts_with("gen-owner")),
                "{}",
                q.id
            );
        }
    }
}

#[test]
fn extra_layers_are_never_shown_as_matrix_rows() {
    let rules = rules();
    let extra: Vec<&str> = rules
        .layers
        .iter()
        .filter(|l| !l.matrix_row)
        .map(|l| l.name.as_str())
        .collect();
    for q in bank() {
        let mut shown: Vec<&str> = Vec::new();
        match &q.body {
            Body::HotArea { rows, .. } => shown.extend(rows.iter().map(|r| r.label.as_str())),
            Body::Match { items, .. } => shown.extend(items.iter().map(|i| i.text.as_str())),
            // Choices are added below; statements and order items never name a row.
            Body::Single { .. }
            | Body::Multi { .. }
            | Body::Dropdown { .. }
            | Body::YesNo { .. }
            | Body::Order { .. } => {}
        }
        if let Some(choices) = q.body.choices() {
            shown.extend(choices.iter().map(|c| c.text.as_str()));
        }
        for name in &extra {
            assert!(
                !shown.contains(name),
                "{}: extra layer {name} shown as an item",
                q.id
            );
        }
        let about_extra = q
            .cells
            .iter()
            .any(|c| !rules.layer(&c.layer).unwrap().matrix_row);
        if about_extra {
            assert!(
                q.prompt
                    .contains("extra layer that is not a row of Microsoft's matrix"),
                "{}",
                q.id
            );
        }
    }
}

#[test]
fn wordings_of_one_cell_share_its_concept() {
    let qs = bank();
    let concept: Vec<&str> = qs
        .iter()
        .filter(|q| q.id.ends_with("-operating-system-iaas"))
        .map(|q| q.concept.as_str())
        .collect();
    assert_eq!(concept, ["cell.operating-system.iaas"; 3]);
    for q in &qs {
        let expected = if q.id.starts_with("gen-load")
            || q.id.starts_with("gen-order-load")
            || q.id.starts_with("gen-service-type")
        {
            "service-types"
        } else {
            "shared-responsibility"
        };
        assert_eq!(q.topic, expected, "{}", q.id);
    }
}

/// Re-derives the key of every generated question from the rules, family by family, using the
/// question's `cells` (and, for disputed cells, the facts sheet's second matrix).

#[test]
fn lower_first_keeps_acronyms_and_inner_capitals() {
    use super::text::lower_first;
    assert_eq!(lower_first("IaaS leaves more"), "IaaS leaves more");
    assert_eq!(lower_first("PaaS: the provider"), "PaaS: the provider");
    assert_eq!(lower_first("OS updates"), "OS updates");
    assert_eq!(lower_first("The customer"), "the customer");
    assert_eq!(lower_first("A company"), "a company");
    // No generated text shows a lowered acronym ("iaaS", "paaS", "saaS").
    for q in bank() {
        let all = format!("{} {} {:?}", q.prompt, q.explanation, q.body);
        for bad in ["iaaS", "paaS", "saaS"] {
            assert!(!all.contains(bad), "{}: {bad}", q.id);
        }
    }
}

/// The sets a learner mixes up ([`Question::confusable`]): a fact table's column across its
/// rows, a responsibility layer across the service models; never a row's other attributes,
/// and never two sets for one concept.
#[test]
fn confusable_sets_are_a_columns_cells_and_a_layers_cells() {
    let bank = crate::bank::Bank::embedded().unwrap();
    let sets = bank.confusable_sets();
    let set = |c: &str| sets.get(c).map(String::as_str);
    let retention = Some("stor-access-tiers.col_min-days");
    for tier in ["hot", "cool", "cold", "archive"] {
        assert_eq!(
            set(&format!("stor-access-tiers.{tier}.min-days")),
            retention
        );
        assert_eq!(
            set(&format!("stor-access-tiers.{tier}.online")),
            Some("stor-access-tiers.col_online")
        );
    }
    // The column's own match and hot area belong to it; the row's yes/no series to none.
    assert_eq!(set("stor-access-tiers.col_min-days"), retention);
    assert_eq!(set("stor-access-tiers.cool"), None);
    for model in ["on-premises", "iaas", "paas", "saas"] {
        assert_eq!(
            set(&format!("cell.operating-system.{model}")),
            Some("cell.operating-system")
        );
    }
    // Every question of a concept names the same set (or none).
    let mut named: std::collections::HashMap<&str, &str> = Default::default();
    for q in bank.questions() {
        if let Some(s) = &q.confusable {
            let first = *named.entry(q.concept.as_str()).or_insert(s.as_str());
            assert_eq!(first, s, "{}", q.id);
        }
    }
    // Sets are small: what the plan brings along stays a handful.
    let mut size: std::collections::HashMap<&str, usize> = Default::default();
    for s in sets.values() {
        *size.entry(s.as_str()).or_default() += 1;
    }
    assert!(size.values().all(|n| (2..=13).contains(n)), "{size:?}");
}
