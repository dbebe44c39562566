//! The shared responsibility matrix: layers, bands, service models, owners and disputed cells.
//!
//! Loaded from `questions/rules.json` (compiled in) and validated on load. Everything the bank
//! derives about "who secures what" comes from here.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::outline::{Outline, OutlineError};

/// The embedded rules file.
pub const RULES_JSON: &str = include_str!("../questions/rules.json");

/// Who is responsible for a cell of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Customer,
    Microsoft,
    Shared,
}

impl Owner {
    pub const ALL: [Owner; 3] = [Owner::Customer, Owner::Microsoft, Owner::Shared];

    pub fn id(self) -> &'static str {
        match self {
            Owner::Customer => "customer",
            Owner::Microsoft => "microsoft",
            Owner::Shared => "shared",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Owner::Customer => "Customer",
            Owner::Microsoft => "Microsoft",
            Owner::Shared => "Shared",
        }
    }

    pub fn from_id(s: &str) -> Option<Owner> {
        Owner::ALL.into_iter().find(|o| o.id() == s)
    }
}

/// The four deployment / service models, in the matrix's column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Model {
    #[serde(rename = "on-premises")]
    OnPremises,
    #[serde(rename = "iaas")]
    Iaas,
    #[serde(rename = "paas")]
    Paas,
    #[serde(rename = "saas")]
    Saas,
}

impl Model {
    pub const ALL: [Model; 4] = [Model::OnPremises, Model::Iaas, Model::Paas, Model::Saas];
    /// The three cloud models (everything but on-premises).
    pub const CLOUD: [Model; 3] = [Model::Iaas, Model::Paas, Model::Saas];

    pub fn id(self) -> &'static str {
        match self {
            Model::OnPremises => "on-premises",
            Model::Iaas => "iaas",
            Model::Paas => "paas",
            Model::Saas => "saas",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Model::OnPremises => "On-premises",
            Model::Iaas => "IaaS",
            Model::Paas => "PaaS",
            Model::Saas => "SaaS",
        }
    }

    pub fn from_id(s: &str) -> Option<Model> {
        Model::ALL.into_iter().find(|m| m.id() == s)
    }

    pub fn index(self) -> usize {
        match self {
            Model::OnPremises => 0,
            Model::Iaas => 1,
            Model::Paas => 2,
            Model::Saas => 3,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnerInfo {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelInfo {
    pub id: String,
    pub name: String,
    pub short: String,
    pub description: String,
    /// Azure services that clearly belong to this model.
    pub examples: Vec<String>,
    /// Services whose classification is unclear or disputed: never a single-answer item.
    pub ambiguous_examples: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A legacy topic of the first packs; `weight` is its share of an exam (relative). Packs now
/// name an outline objective; a question that gives only a topic gets the topic's `objective`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub skill: String,
    pub weight: u32,
    /// The outline objective a question with this topic and no `objective` gets.
    pub objective: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub id: String,
    pub name: String,
    pub band: String,
    /// `false` for the source article's extra layers that are not rows of Microsoft's matrix.
    pub matrix_row: bool,
    pub aliases: Vec<String>,
    pub description: String,
    /// Owner per model id.
    pub owners: BTreeMap<String, String>,
    /// Per model id: why the cell is disputed (Microsoft's two matrices disagree).
    #[serde(default)]
    pub disputed: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    owners: Vec<OwnerInfo>,
    models: Vec<ModelInfo>,
    bands: Vec<Band>,
    topics: Vec<Topic>,
    layers: Vec<Layer>,
}

/// One validated cell of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub owner: Owner,
    pub disputed: bool,
}

/// The validated rules.
#[derive(Debug, Clone)]
pub struct Rules {
    pub owners: Vec<OwnerInfo>,
    pub models: Vec<ModelInfo>,
    pub bands: Vec<Band>,
    pub topics: Vec<Topic>,
    /// The exam outline every question's objective comes from.
    pub outline: Outline,
    /// Every layer, matrix rows first in Microsoft's order, then the extra layers.
    pub layers: Vec<Layer>,
    cells: Vec<[Cell; 4]>,
}

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("rules.json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("rules.json: {}", .0.join("; "))]
    Invalid(Vec<String>),
    #[error(transparent)]
    Outline(#[from] OutlineError),
}

impl Rules {
    /// The rules compiled into the binary.
    pub fn embedded() -> Result<Rules, RulesError> {
        Rules::from_json(RULES_JSON)
    }

    /// Rules from `text`, with the embedded outline.
    pub fn from_json(text: &str) -> Result<Rules, RulesError> {
        Rules::with_outline(text, Outline::embedded()?)
    }

    /// Rules from `text` checked against `outline`.
    pub fn with_outline(text: &str, outline: Outline) -> Result<Rules, RulesError> {
        let raw: RawRules = serde_json::from_str(text)?;
        let mut errors = Vec::new();
        let mut seen = HashSet::new();
        let mut names = HashSet::new();
        let band_ids: HashSet<&str> = raw.bands.iter().map(|b| b.id.as_str()).collect();
        for m in Model::ALL {
            if !raw.models.iter().any(|i| i.id == m.id()) {
                errors.push(format!("models: missing model {:?}", m.id()));
            }
        }
        for o in Owner::ALL {
            if !raw.owners.iter().any(|i| i.id == o.id()) {
                errors.push(format!("owners: missing owner {:?}", o.id()));
            }
        }
        let mut cells = Vec::with_capacity(raw.layers.len());
        for (i, layer) in raw.layers.iter().enumerate() {
            let at = format!("layers[{i}] ({})", layer.id);
            if !seen.insert(layer.id.as_str()) {
                errors.push(format!("{at}: duplicate layer id"));
            }
            if !names.insert(layer.name.to_lowercase()) {
                errors.push(format!("{at}: duplicate layer name {:?}", layer.name));
            }
            if !band_ids.contains(layer.band.as_str()) {
                errors.push(format!("{at}.band: unknown band {:?}", layer.band));
            }
            for key in layer.owners.keys().chain(layer.disputed.keys()) {
                if Model::from_id(key).is_none() {
                    errors.push(format!("{at}: unknown model {key:?}"));
                }
            }
            let mut row = [Cell {
                owner: Owner::Customer,
                disputed: false,
            }; 4];
            for m in Model::ALL {
                match layer.owners.get(m.id()) {
                    None => errors.push(format!("{at}.owners: missing model {:?}", m.id())),
                    Some(o) => match Owner::from_id(o) {
                        None => errors.push(format!("{at}.owners.{}: unknown owner {o:?}", m.id())),
                        Some(owner) => {
                            row[m.index()] = Cell {
                                owner,
                                disputed: layer.disputed.contains_key(m.id()),
                            }
                        }
                    },
                }
            }
            cells.push(row);
        }
        let matrix_rows = raw.layers.iter().filter(|l| l.matrix_row).count();
        if matrix_rows != 10 {
            errors.push(format!(
                "layers: expected 10 matrix rows, found {matrix_rows}"
            ));
        }
        if let Some(pos) = raw.layers.iter().position(|l| !l.matrix_row)
            && raw.layers[pos..].iter().any(|l| l.matrix_row)
        {
            errors.push("layers: matrix rows must come before the extra layers".into());
        }
        let mut topic_ids = HashSet::new();
        for t in &raw.topics {
            if !topic_ids.insert(t.id.as_str()) {
                errors.push(format!("topics: duplicate topic {:?}", t.id));
            }
            if outline.objective(&t.objective).is_none() {
                errors.push(format!(
                    "topics ({}): unknown objective {:?}",
                    t.id, t.objective
                ));
            }
        }
        if !errors.is_empty() {
            return Err(RulesError::Invalid(errors));
        }
        Ok(Rules {
            owners: raw.owners,
            models: raw.models,
            bands: raw.bands,
            topics: raw.topics,
            outline,
            layers: raw.layers,
            cells,
        })
    }

    /// The ten rows of Microsoft's matrix, in order.
    pub fn matrix_layers(&self) -> impl Iterator<Item = (usize, &Layer)> {
        self.layers.iter().enumerate().filter(|(_, l)| l.matrix_row)
    }

    pub fn layer_index(&self, id: &str) -> Option<usize> {
        self.layers.iter().position(|l| l.id == id)
    }

    pub fn layer(&self, id: &str) -> Option<&Layer> {
        self.layers.iter().find(|l| l.id == id)
    }

    /// The cell of layer `layer` (an index into `layers`) under `model`.
    pub fn cell(&self, layer: usize, model: Model) -> Cell {
        self.cells[layer][model.index()]
    }

    /// The cell by layer id; `None` for an unknown layer.
    pub fn cell_by_id(&self, layer: &str, model: Model) -> Option<Cell> {
        self.layer_index(layer).map(|i| self.cell(i, model))
    }

    pub fn dispute_note(&self, layer: usize, model: Model) -> Option<&str> {
        self.layers[layer]
            .disputed
            .get(model.id())
            .map(String::as_str)
    }

    pub fn model_info(&self, model: Model) -> Option<&ModelInfo> {
        self.models.iter().find(|m| m.id == model.id())
    }

    pub fn band(&self, id: &str) -> Option<&Band> {
        self.bands.iter().find(|b| b.id == id)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The customer's share of the matrix under `model`, in half rows: 2 for each row the
    /// customer owns alone, 1 for each shared row.
    pub fn customer_load(&self, model: Model) -> usize {
        self.matrix_layers()
            .map(|(i, _)| match self.cell(i, model).owner {
                Owner::Customer => 2,
                Owner::Shared => 1,
                Owner::Microsoft => 0,
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The facts sheet's table, kept here independently of rules.json.
    /// C = customer, M = Microsoft, S = shared; columns on-prem, IaaS, PaaS, SaaS.
    const FACTS: [(&str, [char; 4]); 10] = [
        ("information-and-data", ['C', 'C', 'C', 'C']),
        ("devices", ['C', 'C', 'C', 'C']),
        ("accounts-and-identities", ['C', 'C', 'C', 'C']),
        (
            "identity-and-directory-infrastructure",
            ['C', 'C', 'S', 'S'],
        ),
        ("applications", ['C', 'C', 'S', 'M']),
        ("network-controls", ['C', 'C', 'S', 'M']),
        ("operating-system", ['C', 'C', 'M', 'M']),
        ("physical-hosts", ['C', 'M', 'M', 'M']),
        ("physical-network", ['C', 'M', 'M', 'M']),
        ("physical-datacenter", ['C', 'M', 'M', 'M']),
    ];

    const DISPUTED: [(&str, Model); 4] = [
        ("devices", Model::Saas),
        ("applications", Model::Saas),
        ("identity-and-directory-infrastructure", Model::Paas),
        ("identity-and-directory-infrastructure", Model::Saas),
    ];

    fn owner(c: char) -> Owner {
        match c {
            'C' => Owner::Customer,
            'M' => Owner::Microsoft,
            'S' => Owner::Shared,
            _ => unreachable!(),
        }
    }

    #[test]
    fn rules_json_matches_the_facts_sheet_in_every_cell() {
        let rules = Rules::embedded().unwrap();
        let rows: Vec<_> = rules
            .matrix_layers()
            .map(|(i, l)| (i, l.id.clone()))
            .collect();
        assert_eq!(rows.len(), 10);
        for ((i, id), (want_id, want)) in rows.iter().zip(FACTS) {
            assert_eq!(id, want_id, "matrix rows out of Microsoft's order");
            for m in Model::ALL {
                let cell = rules.cell(*i, m);
                assert_eq!(
                    cell.owner,
                    owner(want[m.index()]),
                    "{id} under {}",
                    m.name()
                );
                let disputed = DISPUTED.contains(&(want_id, m));
                assert_eq!(
                    cell.disputed,
                    disputed,
                    "disputed flag of {id} under {}",
                    m.name()
                );
            }
        }
    }

    #[test]
    fn counts_from_the_facts_sheet_hold() {
        let rules = Rules::embedded().unwrap();
        let shared: usize = rules
            .matrix_layers()
            .map(|(i, _)| {
                Model::ALL
                    .iter()
                    .filter(|m| rules.cell(i, **m).owner == Owner::Shared)
                    .count()
            })
            .sum();
        assert_eq!(shared, 4);
        assert_eq!(rules.customer_load(Model::OnPremises), 20);
        assert_eq!(rules.customer_load(Model::Iaas), 14);
        assert!(rules.customer_load(Model::Iaas) > rules.customer_load(Model::Paas));
        assert!(rules.customer_load(Model::Paas) > rules.customer_load(Model::Saas));
    }

    #[test]
    fn extra_layers_are_not_matrix_rows() {
        let rules = Rules::embedded().unwrap();
        for id in ["virtualisation", "middleware-runtime"] {
            assert!(!rules.layer(id).unwrap().matrix_row, "{id}");
        }
        let mw = rules.layer_index("middleware-runtime").unwrap();
        assert_eq!(rules.cell(mw, Model::Iaas).owner, Owner::Customer);
        assert_eq!(rules.cell(mw, Model::Paas).owner, Owner::Microsoft);
    }

    #[test]
    fn validation_reports_missing_models_unknown_owners_and_duplicates() {
        let mut v: serde_json::Value = serde_json::from_str(RULES_JSON).unwrap();
        let layers = v["layers"].as_array_mut().unwrap();
        layers[0]["owners"].as_object_mut().unwrap().remove("paas");
        layers[1]["owners"]["iaas"] = "nobody".into();
        layers[2]["id"] = "information-and-data".into();
        let err = Rules::from_json(&v.to_string()).unwrap_err().to_string();
        assert!(err.contains("missing model \"paas\""), "{err}");
        assert!(err.contains("unknown owner \"nobody\""), "{err}");
        assert!(err.contains("duplicate layer id"), "{err}");
    }
}
