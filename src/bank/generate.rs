//! Questions derived from the rules (`questions/rules.json`).
//!
//! Generation is deterministic (the app shuffles choices when it presents them) and every id is
//! built from layer, model and band ids plus the family, never from positions in a list, so ids
//! stay stable when the rules gain a layer.
//!
//! Disputed cells (Microsoft's AZ-900 Learn matrix and its newer "Shared responsibility in the
//! cloud" article disagree) are never the key of a single-answer question. Families that span a
//! row or a column keep a disputed cell only when their key holds under both matrices, and list
//! it in `cells` with the owner `None`; otherwise they leave it out.

/// `format!` for a text made only of string pieces, allocated once at its final size: the
/// generator builds a few thousand texts at every start-up, and `format!` regrows its buffer
/// and goes through the formatting machinery for each piece.
macro_rules! cat {
    ($($piece:expr),+ $(,)?) => {
        $crate::bank::generate::text::concat(&[$(::core::convert::AsRef::<str>::as_ref(&$piece)),+])
    };
}

mod cells;
mod definitions;
mod fact;
mod grids;
mod matrix;
mod models;
mod order;
mod sets;
mod statements;
mod teach;
mod text;
mod tool_for_need;

#[cfg(test)]
mod tests;

use std::cell::OnceCell;

use super::question::{Body, CellRef, Choice, Question, Source};
use crate::rules::{Band, Layer, Model, Owner, Rules};

/// The AZ-900 Learn unit with the classic matrix: the reference of every matrix question.
pub const LEARN_SHARED_RESPONSIBILITY: &str = "https://learn.microsoft.com/en-us/training/modules/describe-cloud-compute/4-describe-shared-responsibility-model";
/// Microsoft's newer article with the second matrix: cited where a question teaches a dispute.
pub const SECURITY_SHARED_RESPONSIBILITY: &str =
    "https://learn.microsoft.com/en-us/azure/security/fundamentals/shared-responsibility";
/// The AZ-900 Learn module on cloud service types.
pub const LEARN_SERVICE_TYPES: &str =
    "https://learn.microsoft.com/en-us/training/modules/describe-cloud-service-types/";

/// Topic of questions about who owns what.
pub const TOPIC_RESPONSIBILITY: &str = "shared-responsibility";
/// The outline objective of every generated question (the responsibility matrix is 1.1.2).
pub const OBJECTIVE_RESPONSIBILITY: &str = "1.1.2";
/// Topic of questions that compare or classify service models.
pub const TOPIC_SERVICE_TYPES: &str = "service-types";

/// Every generated question, in a stable order with stable ids.
pub fn generate(rules: &Rules) -> Vec<Question> {
    let g = Gen::new(rules);
    let mut out = Vec::new();
    cells::generate(&g, &mut out);
    sets::generate(&g, &mut out);
    grids::generate(&g, &mut out);
    models::generate(&g, &mut out);
    out
}

/// The questions of fact tables, one generator per shape (`questions/facts/FORMAT.md`), in
/// table order.
pub fn from_tables(
    tables: &[crate::facts::Table],
    outline: &crate::outline::Outline,
) -> Vec<Question> {
    use crate::facts::Shape;
    let mut out = Vec::new();
    for table in tables {
        let cx = fact::Ctx::new(table, outline);
        match &table.shape {
            Shape::Matrix(m) => matrix::generate(&cx, m, &mut out),
            Shape::ToolForNeed(t) => tool_for_need::generate(&cx, t, &mut out),
            Shape::Order(o) => order::generate(&cx, o, &mut out),
            Shape::Definitions(d) => definitions::generate(&cx, d, &mut out),
            Shape::Statements(s) => statements::generate(&cx, s, &mut out),
        }
    }
    out
}

/// What Microsoft's newer article says about a disputed cell, where the rules only hold a note.
/// `None` as the alternative: the newer article has no such row.
const KNOWN_ALTERNATIVES: [(&str, Model, Option<Owner>); 4] = [
    ("devices", Model::Saas, Some(Owner::Shared)),
    ("applications", Model::Saas, Some(Owner::Shared)),
    ("identity-and-directory-infrastructure", Model::Paas, None),
    ("identity-and-directory-infrastructure", Model::Saas, None),
];

/// Microsoft's two matrices: the AZ-900 Learn unit's (the rules' owners) and the newer article's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matrix {
    Learn,
    Newer,
}

impl Matrix {
    const BOTH: [Matrix; 2] = [Matrix::Learn, Matrix::Newer];
}

/// The generator's view of the rules.
struct Gen<'a> {
    rules: &'a Rules,
    /// The ten matrix rows, in Microsoft's order.
    matrix: Vec<(usize, &'a Layer)>,
    memo: Memo,
}

/// Texts and figures that many questions repeat, each built on first use and reused for the
/// rest of one generation (the same value every time: they depend only on the rules).
struct Memo {
    /// Per layer: `teach::row_summary`.
    row_summary: Texts,
    /// Per layer: `sets::row_explanation`.
    row_explanation: Texts,
    /// Per model: `models::load_why`.
    load_why: Texts,
    /// Per matrix and model: `models::load_range`.
    load_range: [[OnceCell<(usize, usize)>; 4]; 2],
    /// Per undisputed cell ([`Gen::cell_index`]): [`Gen::cell_fact`].
    cell_fact: Texts,
    /// Per cell: `cells::cell_explanation`.
    cell_explanation: Texts,
    /// Per cell and offered owner: `cells::owner_why`.
    owner_why: Texts,
    /// Per cell, party and answer: `sets::held_why`.
    held_why: Texts,
}

/// One text per index, built on first use.
struct Texts(Vec<OnceCell<String>>);

impl Texts {
    fn new(n: usize) -> Texts {
        Texts((0..n).map(|_| OnceCell::new()).collect())
    }

    fn get(&self, i: usize, build: impl FnOnce() -> String) -> &str {
        self.0[i].get_or_init(build)
    }
}

impl<'a> Gen<'a> {
    fn new(rules: &'a Rules) -> Gen<'a> {
        let layers = rules.layers.len();
        Gen {
            rules,
            matrix: rules.matrix_layers().collect(),
            memo: Memo {
                row_summary: Texts::new(layers),
                row_explanation: Texts::new(layers),
                load_why: Texts::new(Model::ALL.len()),
                load_range: Default::default(),
                cell_fact: Texts::new(layers * 4),
                cell_explanation: Texts::new(layers * 4),
                owner_why: Texts::new(layers * 4 * 3),
                held_why: Texts::new(layers * 4 * 3 * 2),
            },
        }
    }

    /// The position of a cell (layer index, model) in a per-cell table.
    fn cell_index(layer: usize, model: Model) -> usize {
        layer * 4 + model.index()
    }

    /// The position of an owner in a per-owner table.
    fn owner_index(owner: Owner) -> usize {
        match owner {
            Owner::Customer => 0,
            Owner::Microsoft => 1,
            Owner::Shared => 2,
        }
    }

    /// The ten matrix rows, in Microsoft's order.
    fn matrix(&self) -> impl ExactSizeIterator<Item = (usize, &'a Layer)> + Clone + '_ {
        self.matrix.iter().copied()
    }

    /// The source article's extra layers (not rows of Microsoft's matrix).
    fn extra_layers(&self) -> Vec<(usize, &'a Layer)> {
        self.rules
            .layers
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.matrix_row)
            .collect()
    }

    fn layer(&self, i: usize) -> &'a Layer {
        &self.rules.layers[i]
    }

    fn owner(&self, layer: usize, model: Model) -> Owner {
        self.rules.cell(layer, model).owner
    }

    fn disputed(&self, layer: usize, model: Model) -> bool {
        self.rules.cell(layer, model).disputed
    }

    /// The owner under each of Microsoft's matrices (`None`: that matrix has no such row). An
    /// undisputed cell has one; a disputed cell whose alternative is unknown could be anything.
    fn possible(&self, layer: usize, model: Model) -> Vec<Option<Owner>> {
        let mut all = self.in_matrix(Matrix::Learn, layer, model).to_vec();
        for o in self.in_matrix(Matrix::Newer, layer, model) {
            if !all.contains(o) {
                all.push(*o);
            }
        }
        all
    }

    /// The owners a cell can have under one of Microsoft's matrices: one, or every possibility
    /// when the newer matrix disagrees in a way the generator does not know.
    fn in_matrix(&self, matrix: Matrix, layer: usize, model: Model) -> &'static [Option<Owner>] {
        let one = |owner: Option<Owner>| -> &'static [Option<Owner>] {
            match owner {
                Some(Owner::Customer) => &[Some(Owner::Customer)],
                Some(Owner::Microsoft) => &[Some(Owner::Microsoft)],
                Some(Owner::Shared) => &[Some(Owner::Shared)],
                None => &[None],
            }
        };
        let cell = self.rules.cell(layer, model);
        if !cell.disputed || matrix == Matrix::Learn {
            return one(Some(cell.owner));
        }
        let id = self.layer(layer).id.as_str();
        match KNOWN_ALTERNATIVES
            .iter()
            .find(|(l, m, _)| *l == id && *m == model)
        {
            Some((_, _, alt)) => one(*alt),
            None => &[
                Some(Owner::Customer),
                Some(Owner::Microsoft),
                Some(Owner::Shared),
                None,
            ],
        }
    }

    /// Whether `pred` holds for the cell under both matrices (`None`: they disagree).
    fn settled(
        &self,
        layer: usize,
        model: Model,
        pred: impl Fn(Option<Owner>) -> bool,
    ) -> Option<bool> {
        // Over every owner either matrix allows (a repeat changes nothing).
        let mut answers = self
            .in_matrix(Matrix::Learn, layer, model)
            .iter()
            .chain(self.in_matrix(Matrix::Newer, layer, model))
            .map(|o| pred(*o));
        let first = answers.next()?;
        answers.all(|a| a == first).then_some(first)
    }

    /// Whether the alternative owner of a disputed cell is known.
    fn alternative_known(&self, layer: usize, model: Model) -> bool {
        let id = self.layer(layer).id.as_str();
        KNOWN_ALTERNATIVES
            .iter()
            .any(|(l, m, _)| *l == id && *m == model)
    }

    /// The cell as a question records it: a disputed cell has no single owner.
    fn cell_ref(&self, layer: usize, model: Model) -> CellRef {
        let cell = self.rules.cell(layer, model);
        CellRef {
            layer: self.layer(layer).id.clone(),
            model,
            owner: (!cell.disputed).then_some(cell.owner),
        }
    }

    fn row_refs(&self, layer: usize) -> Vec<CellRef> {
        Model::ALL
            .iter()
            .map(|m| self.cell_ref(layer, *m))
            .collect()
    }

    fn owner_name(&self, owner: Owner) -> String {
        self.rules
            .owners
            .iter()
            .find(|o| o.id == owner.id())
            .map_or_else(|| owner.name().to_string(), |o| o.name.clone())
    }

    fn owner_description(&self, owner: Owner) -> String {
        self.rules
            .owners
            .iter()
            .find(|o| o.id == owner.id())
            .map(|o| o.description.clone())
            .unwrap_or_default()
    }

    fn model_name(&self, model: Model) -> String {
        self.rules
            .model_info(model)
            .map_or_else(|| model.name().to_string(), |m| m.name.clone())
    }

    fn model_description(&self, model: Model) -> String {
        let d = self
            .rules
            .model_info(model)
            .map(|m| m.description.clone())
            .unwrap_or_default();
        // On-premises has no long name to start its description with.
        if model == Model::OnPremises && !d.is_empty() {
            format!("On-premises means {}", text::lower_first(&d))
        } else {
            d
        }
    }

    fn band(&self, layer: usize) -> Option<&'a Band> {
        self.rules.band(&self.layer(layer).band)
    }

    fn dispute_note(&self, layer: usize, model: Model) -> Option<&'a str> {
        self.rules.dispute_note(layer, model)
    }

    /// "Right/No: Microsoft alone is responsible for … in PaaS." with the dispute note if any.
    fn cell_fact(&self, layer: usize, model: Model) -> &str {
        match self.dispute_note(layer, model) {
            Some(note) => note,
            None => self.memo.cell_fact.get(Gen::cell_index(layer, model), || {
                cat!(
                    text::fact(self.layer(layer), model, self.owner(layer, model)),
                    "."
                )
            }),
        }
    }
}

/// A generated question with the common fields filled in: the shared-responsibility topic and
/// the Learn unit as its reference.
fn question(
    id: String,
    concept: String,
    prompt: String,
    body: Body,
    explanation: String,
) -> Question {
    Question {
        id,
        concept,
        objective: OBJECTIVE_RESPONSIBILITY.to_string(),
        topic: TOPIC_RESPONSIBILITY.to_string(),
        prompt,
        body,
        explanation,
        refs: vec![LEARN_SHARED_RESPONSIBILITY.to_string()],
        cells: Vec::new(),
        source: Source::Generated,
        confusable: None,
    }
}

fn choice(text: impl Into<String>, correct: bool, why: impl Into<String>) -> Choice {
    Choice {
        text: text.into(),
        correct,
        why: why.into(),
    }
}

/// Single when one choice is right, multi when two or more (but not all) are; `None` otherwise.
fn single_or_multi(choices: Vec<Choice>) -> Option<Body> {
    let right = choices.iter().filter(|c| c.correct).count();
    match right {
        1 if choices.len() >= 2 => Some(Body::Single { choices }),
        n if n >= 2 && n < choices.len() && choices.len() >= 3 => Some(Body::Multi { choices }),
        _ => None,
    }
}
