//! Questions over a whole row or column: Yes/No series, matching layers to owners, and hot
//! areas over the matrix grid.

use super::sets::held_why;
use super::teach::row_summary;
use super::text::{fact, layer_ref, lower_first, model_in, party_possessive, stable_hash};
use super::{Gen, question};
use crate::bank::question::{Body, CellRef, HotRow, MatchItem, Question, Statement};
use crate::rules::{Model, Owner};

/// Statements per Yes/No series.
const SERIES: usize = 4;
const YES_NO_TAIL: &str =
    "For each statement, select Yes if the statement is true. Otherwise, select No.";

pub(super) fn generate(g: &Gen, out: &mut Vec<Question>) {
    for m in Model::ALL {
        for party in [Owner::Customer, Owner::Microsoft] {
            if let Some(q) = column_series(g, m, party) {
                out.push(q);
            }
        }
    }
    for (i, _) in g.matrix() {
        if let Some(q) = row_series(g, i) {
            out.push(q);
        }
    }
    for pair in Model::ALL.windows(2) {
        if let [a, b] = pair
            && let Some(q) = shift_series(g, *a, *b)
        {
            out.push(q);
        }
    }
    for m in Model::ALL {
        if let Some(q) = match_column(g, m) {
            out.push(q);
        }
    }
    for m in Model::CLOUD {
        for party in [Owner::Customer, Owner::Microsoft] {
            if let Some(q) = hot_column(g, m, party) {
                out.push(q);
            }
        }
    }
    for pred in GRID_PREDICATES {
        if let Some(q) = hot_grid(g, &pred) {
            out.push(q);
        }
    }
}

/// Up to `SERIES` candidates, about half of each answer, in a stable pseudo-random choice;
/// returned in their original order.
fn sample<T: Copy>(yes: &[(T, u64)], no: &[(T, u64)]) -> Vec<T> {
    let sorted = |v: &[(T, u64)]| {
        let mut v = v.to_vec();
        v.sort_by_key(|(_, h)| *h);
        v
    };
    let (yes, no) = (sorted(yes), sorted(no));
    let want_yes = (SERIES / 2)
        .max(SERIES.saturating_sub(no.len()))
        .min(yes.len());
    let want_no = SERIES.saturating_sub(want_yes).min(no.len());
    let mut picked: Vec<(T, u64)> = yes[..want_yes].to_vec();
    picked.extend_from_slice(&no[..want_no]);
    picked.into_iter().map(|(t, _)| t).collect()
}

fn yes_no(statements: Vec<Statement>) -> Option<Body> {
    (statements.len() >= 3).then_some(Body::YesNo { statements })
}

/// Statements about what one party holds under one model.
fn column_series(g: &Gen, model: Model, party: Owner) -> Option<Question> {
    let mut yes = Vec::new();
    let mut no = Vec::new();
    for (i, l) in g.matrix() {
        let Some(held) = g.settled(i, model, |o| o == Some(party)) else {
            continue;
        };
        let h = stable_hash(&[&l.id, model.id(), party.id(), "yes-no"]);
        if held {
            yes.push((i, h))
        } else {
            no.push((i, h))
        }
    }
    let mut picked = sample(&yes, &no);
    picked.sort_unstable();
    // A column one party holds whole (on-premises) would make an all-Yes or all-No series:
    // every second statement then names the other party instead, so the series is mixed.
    let one_sided = yes.is_empty() || no.is_empty();
    let statements = picked
        .iter()
        .enumerate()
        .map(|(k, i)| {
            let claim = if one_sided && k % 2 == 1 {
                other_party(g, *i, model, party)
            } else {
                party
            };
            let held = g.settled(*i, model, |o| o == Some(claim)) == Some(true);
            Statement {
                text: cat!(fact(g.layer(*i), model, claim), "."),
                answer: held,
                why: held_why(g, *i, model, claim, held).to_string(),
            }
        })
        .collect();
    let who = match party {
        Owner::Customer => "the customer",
        Owner::Microsoft => "Microsoft",
        Owner::Shared => "the customer and Microsoft together",
    };
    let prompt = if one_sided {
        let other = if party == Owner::Customer {
            "Microsoft"
        } else {
            "the customer"
        };
        format!(
            "A company runs a workload {}. Each statement below says that {who} or {other} alone is responsible for a layer. {YES_NO_TAIL}",
            model_in(model)
        )
    } else {
        format!(
            "A company runs a workload {}. Each statement below says that {who} alone is responsible for a layer. {YES_NO_TAIL}",
            model_in(model)
        )
    };
    let mut q = question(
        cat!("gen-yn-col-", party.id(), "-", model.id()),
        cat!("column.", model.id(), ".", party.id()),
        prompt,
        yes_no(statements)?,
        g.model_description(model),
    );
    q.cells = picked.iter().map(|i| g.cell_ref(*i, model)).collect();
    Some(q)
}

/// The party a mixed column series names instead of `party`: the cell's owner when `party` is
/// not it (a Yes), else the other sole owner (a No).
fn other_party(g: &Gen, layer: usize, model: Model, party: Owner) -> Owner {
    let truth = g.owner(layer, model);
    if truth != party {
        return truth;
    }
    match party {
        Owner::Customer => Owner::Microsoft,
        Owner::Microsoft | Owner::Shared => Owner::Customer,
    }
}

/// Statements about one row across the models; claims alternate between right and wrong owners
/// by a stable hash.
fn row_series(g: &Gen, layer: usize) -> Option<Question> {
    let l = g.layer(layer);
    let mut claims: Vec<(Model, Owner)> = Vec::new();
    for m in Model::ALL {
        if g.disputed(layer, m) {
            continue;
        }
        let truth = g.owner(layer, m);
        let h = stable_hash(&[&l.id, m.id(), "row"]);
        let others: Vec<Owner> = Owner::ALL.into_iter().filter(|o| *o != truth).collect();
        let claim = if h.is_multiple_of(2) {
            truth
        } else {
            others[usize::from((h / 2) % 2 == 1)]
        };
        claims.push((m, claim));
    }
    // Keep the series from being all Yes or all No.
    let right = |(m, o): &(Model, Owner)| g.owner(layer, *m) == *o;
    let all_same = claims.iter().all(right) || !claims.iter().any(right);
    if all_same && let Some((m, o)) = claims.last_mut() {
        let truth = g.owner(layer, *m);
        *o = if *o == truth {
            Owner::ALL
                .into_iter()
                .find(|x| *x != truth)
                .unwrap_or(truth)
        } else {
            truth
        };
    }
    let statements = claims
        .iter()
        .map(|(m, o)| {
            let truth = g.owner(layer, *m);
            let why = if truth == *o {
                cat!("Yes: ", fact(l, *m, truth), ".")
            } else {
                format!(
                    "No: {}. {}",
                    fact(l, *m, truth),
                    super::teach::mistake(g, layer, *m, *o)
                )
            };
            Statement {
                text: cat!(fact(l, *m, *o), "."),
                answer: truth == *o,
                why,
            }
        })
        .collect();
    let prompt = format!(
        "The statements below are about who is responsible for {} in different service models. {YES_NO_TAIL}",
        layer_ref(l)
    );
    let mut q = question(
        cat!("gen-yn-row-", l.id),
        cat!("row.", l.id),
        prompt,
        yes_no(statements)?,
        format!(
            "The row \"{}\" covers {} It is {}.",
            l.name,
            lower_first(&l.description),
            row_summary(g, layer)
        ),
    );
    q.cells = claims.iter().map(|(m, _)| g.cell_ref(layer, *m)).collect();
    Some(q)
}

fn model_plain(model: Model) -> String {
    match model {
        Model::OnPremises => "on-premises".into(),
        m => m.name().into(),
    }
}

/// What changes hands when a workload moves from `from` to `to`.
fn shift_series(g: &Gen, from: Model, to: Model) -> Option<Question> {
    let mut yes = Vec::new();
    let mut no = Vec::new();
    for (i, l) in g.matrix() {
        if g.disputed(i, from) || g.disputed(i, to) {
            continue;
        }
        let h = stable_hash(&[&l.id, from.id(), to.id(), "shift"]);
        if g.owner(i, from) == g.owner(i, to) {
            no.push((i, h));
        } else {
            yes.push((i, h));
        }
    }
    let mut picked = sample(&yes, &no);
    picked.sort_unstable();
    let statements = picked
        .iter()
        .map(|i| {
            let l = g.layer(*i);
            let changes = g.owner(*i, from) != g.owner(*i, to);
            let facts = format!(
                "{}. {}.",
                fact(l, from, g.owner(*i, from)),
                fact(l, to, g.owner(*i, to))
            );
            Statement {
                text: format!("The move changes who is responsible for {}.", layer_ref(l)),
                answer: changes,
                why: format!("{} {facts}", if changes { "Yes:" } else { "No:" }),
            }
        })
        .collect();
    let prompt = format!(
        "A company moves a workload from {} to {}. {YES_NO_TAIL}",
        model_plain(from),
        model_plain(to)
    );
    let mut q = question(
        cat!("gen-yn-shift-", from.id(), "-", to.id()),
        cat!("shift.", from.id(), ".", to.id()),
        prompt,
        yes_no(statements)?,
        format!("{} {}", g.model_description(from), g.model_description(to)),
    );
    q.cells = picked
        .iter()
        .flat_map(|i| [g.cell_ref(*i, from), g.cell_ref(*i, to)])
        .collect();
    Some(q)
}

/// Note for the explanation when disputed layers are left out of a column.
fn left_out_note(names: &[String]) -> String {
    if names.is_empty() {
        return String::new();
    }
    format!(
        " Left out: {}, because Microsoft's two matrices disagree about {}.",
        super::text::join_and(names),
        if names.len() == 1 { "it" } else { "them" }
    )
}

/// Match each layer (settled cells only) to its owner under one model.
fn match_column(g: &Gen, model: Model) -> Option<Question> {
    let categories: Vec<String> = Owner::ALL.iter().map(|o| g.owner_name(*o)).collect();
    let mut items = Vec::new();
    let mut cells = Vec::new();
    let mut left_out = Vec::new();
    for (i, l) in g.matrix() {
        if g.disputed(i, model) {
            left_out.push(layer_ref(l));
            continue;
        }
        let owner = g.owner(i, model);
        let category = Owner::ALL.iter().position(|o| *o == owner)?;
        items.push(MatchItem {
            text: l.name.clone(),
            category,
            why: cat!(fact(l, model, owner), "."),
        });
        cells.push(g.cell_ref(i, model));
    }
    if items.len() < 2 || items.len() > 12 {
        return None;
    }
    let prompt = format!(
        "Match each layer to the party responsible for it {}.",
        model_in(model)
    );
    let explanation = format!("{}{}", g.model_description(model), left_out_note(&left_out));
    let mut q = question(
        cat!("gen-match-", model.id()),
        cat!("column.", model.id()),
        prompt,
        Body::Match { categories, items },
        explanation,
    );
    q.cells = cells;
    Some(q)
}

/// Select, in a one-column grid, the layers one party holds under one model.
fn hot_column(g: &Gen, model: Model, party: Owner) -> Option<Question> {
    let mut rows = Vec::new();
    let mut answer = Vec::new();
    let mut cells = Vec::new();
    let mut left_out = Vec::new();
    for (i, l) in g.matrix() {
        let Some(held) = g.settled(i, model, |o| o == Some(party)) else {
            left_out.push(layer_ref(l));
            continue;
        };
        if held {
            answer.push((rows.len(), 0));
        }
        rows.push(HotRow {
            label: l.name.clone(),
            why: held_why(g, i, model, party, held).to_string(),
        });
        cells.push(g.cell_ref(i, model));
    }
    if answer.is_empty() || rows.len() > 12 {
        return None;
    }
    let prompt = format!(
        "Select every layer that is {} {}.",
        party_possessive(party),
        model_in(model)
    );
    let explanation = format!("{}{}", g.model_description(model), left_out_note(&left_out));
    let mut q = question(
        cat!("gen-hot-col-", party.id(), "-", model.id()),
        cat!("column.", model.id(), ".", party.id()),
        prompt,
        Body::HotArea {
            columns: vec![g.model_name(model)],
            rows,
            answer,
            one_per_row: false,
        },
        explanation,
    );
    q.cells = cells;
    Some(q)
}

/// What a matrix hot area asks to select.
struct GridPredicate {
    id: &'static str,
    /// Reads after "select every cell in which".
    clause: &'static str,
    owners: &'static [Owner],
}

const GRID_PREDICATES: [GridPredicate; 5] = [
    GridPredicate {
        id: "customer",
        clause: "the customer alone is responsible",
        owners: &[Owner::Customer],
    },
    GridPredicate {
        id: "microsoft",
        clause: "Microsoft alone is responsible",
        owners: &[Owner::Microsoft],
    },
    GridPredicate {
        id: "shared",
        clause: "the customer and Microsoft share the responsibility",
        owners: &[Owner::Shared],
    },
    GridPredicate {
        id: "customer-involved",
        clause: "the customer holds all or part of the responsibility",
        owners: &[Owner::Customer, Owner::Shared],
    },
    GridPredicate {
        id: "microsoft-involved",
        clause: "Microsoft holds all or part of the responsibility",
        owners: &[Owner::Microsoft, Owner::Shared],
    },
];

/// Select, in the layers × models grid, every cell matching a predicate. Rows with a cell the
/// two matrices disagree on (for this predicate) are left out.
fn hot_grid(g: &Gen, pred: &GridPredicate) -> Option<Question> {
    let test = |o: Option<Owner>| o.is_some_and(|o| pred.owners.contains(&o));
    let mut rows = Vec::new();
    let mut answer = Vec::new();
    let mut cells: Vec<CellRef> = Vec::new();
    let mut left_out = Vec::new();
    for (i, l) in g.matrix() {
        let settled: Option<Vec<bool>> =
            Model::ALL.iter().map(|m| g.settled(i, *m, test)).collect();
        let Some(selected) = settled else {
            left_out.push(layer_ref(l));
            continue;
        };
        let r = rows.len();
        let picked: Vec<String> = Model::ALL
            .iter()
            .filter(|m| selected[m.index()])
            .map(|m| g.model_name(*m))
            .collect();
        for m in Model::ALL {
            if selected[m.index()] {
                answer.push((r, m.index()));
            }
        }
        let facts: Vec<&str> = Model::ALL.iter().map(|m| g.cell_fact(i, *m)).collect();
        let why = if picked.is_empty() {
            format!("Select nothing in this row. {}", facts.join(" "))
        } else {
            format!(
                "Select {}. {}",
                super::text::join_and(&picked),
                facts.join(" ")
            )
        };
        rows.push(HotRow {
            label: l.name.clone(),
            why,
        });
        cells.extend(g.row_refs(i));
    }
    if answer.is_empty() || rows.len() > 12 {
        return None;
    }
    let prompt = format!(
        "In the grid of layers and service models, select every cell in which {}.",
        pred.clause
    );
    let owners: Vec<String> = pred
        .owners
        .iter()
        .map(|o| format!("{}: {}", g.owner_name(*o), g.owner_description(*o)))
        .collect();
    let explanation = format!("{}{}", owners.join(" "), left_out_note(&left_out));
    let mut q = question(
        cat!("gen-hot-grid-", pred.id),
        cat!("grid.", pred.id),
        prompt,
        Body::HotArea {
            columns: Model::ALL.iter().map(|m| g.model_name(*m)).collect(),
            rows,
            answer,
            one_per_row: false,
        },
        explanation,
    );
    q.cells = cells;
    Some(q)
}
