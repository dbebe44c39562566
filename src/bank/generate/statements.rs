//! `statements` tables: per statement a single ("Which statement is true?": its true form
//! against false twins of the same objective); per objective, yes/no series of 2–4
//! statements, some true, some in their false form.

use std::collections::BTreeMap;

use super::fact::{Ctx, choice, groups, pick_wrong, placed, sentence, statement, truth_pattern};
use crate::bank::question::{Body, Question};
use crate::facts::{Statement, Statements};

pub fn generate(cx: &Ctx<'_>, s: &Statements, out: &mut Vec<Question>) {
    let mut by_objective: BTreeMap<&str, Vec<&Statement>> = BTreeMap::new();
    for st in &s.statements {
        by_objective.entry(&st.meta.objective).or_default().push(st);
    }
    for st in &s.statements {
        out.push(single(cx, &by_objective[st.meta.objective.as_str()], st));
    }
    for same in by_objective.values() {
        for group in groups(same, 4) {
            out.push(series(cx, group));
        }
    }
}

/// The true form against its own false twin and up to two other false twins of its objective.
fn single(cx: &Ctx<'_>, same: &[&Statement], st: &Statement) -> Question {
    let id = cx.id(&cat!(st.meta.id, ".single"));
    let others: Vec<&&Statement> = same.iter().filter(|o| o.meta.id != st.meta.id).collect();
    let lens: Vec<(usize, usize)> = others
        .iter()
        .enumerate()
        .map(|(i, o)| (i, o.twin.len()))
        .collect();
    let mut wrong = vec![choice(&st.twin, false, sentence(&st.why))];
    for i in pick_wrong(&id, st.truth.len(), &lens, 2) {
        wrong.push(choice(&others[i].twin, false, sentence(&others[i].why)));
    }
    let choices = placed(&id, choice(&st.truth, true, sentence(&st.why)), wrong);
    let explanation = format!("{} {}", sentence(&st.truth), sentence(&st.why));
    cx.question(
        &st.meta,
        id,
        cx.concept(&st.meta.id),
        "Which statement is true?".into(),
    )
    .done(Body::Single { choices }, explanation)
}

fn series(cx: &Ctx<'_>, group: &[&Statement]) -> Question {
    let first = &group[0].meta;
    let id = cx.id(&cat!(first.id, ".series"));
    let statements = group
        .iter()
        .zip(truth_pattern(&id, group.len()))
        .map(|(st, shown_true)| {
            let text = if shown_true { &st.truth } else { &st.twin };
            statement(sentence(text), shown_true, sentence(&st.why))
        })
        .collect();
    let explanation = group
        .iter()
        .take(3)
        .map(|st| sentence(&st.truth))
        .collect::<Vec<_>>()
        .join(" ");
    cx.question(
        first,
        id,
        cx.concept(&cat!(first.id, ".set")),
        "For each statement, select Yes if the statement is true. Otherwise, select No.".into(),
    )
    .also_cites(group.iter().map(|st| &st.meta))
    .done(Body::YesNo { statements }, explanation)
}
