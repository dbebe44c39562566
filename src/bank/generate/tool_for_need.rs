//! `tool_for_need` tables: per need a single and a dropdown; per group of needs a yes/no
//! series and a match. Distractors are only the row's declared near-misses.

use super::fact::{
    Ctx, cap, cap_owned, choice, groups, hash_tagged, placed, sentence, statement, truth_pattern,
};
use crate::bank::question::{Body, Choice, MatchItem, Question};
use crate::facts::{Need, ToolForNeed};

pub fn generate(cx: &Ctx<'_>, t: &ToolForNeed, out: &mut Vec<Question>) {
    for row in &t.rows {
        out.push(single(cx, t, row));
        out.push(dropdown(cx, t, row));
    }
    for group in groups(&t.rows, 4) {
        out.push(series(cx, t, group));
        out.extend(matching(cx, t, group));
    }
}

/// Why the answer fits: the row's own sentence, or what the service does.
fn right_why(t: &ToolForNeed, row: &Need) -> String {
    let s = &t.services[row.answer];
    row.why.as_deref().map_or_else(
        || sentence(&cap_owned(cat!(s.in_text, " ", s.does))),
        sentence,
    )
}

/// Why a near-miss does not fit: what it does, and which service does the job.
fn wrong_why(t: &ToolForNeed, row: &Need, miss: usize) -> String {
    let (m, a) = (&t.services[miss], &t.services[row.answer]);
    cap_owned(cat!(
        m.in_text, " ", m.does, "; to ", row.need, ", use ", a.in_text, "."
    ))
}

fn choices(id: &str, t: &ToolForNeed, row: &Need) -> Vec<Choice> {
    let wrong = row
        .near_misses
        .iter()
        .map(|m| choice(&t.services[*m].name, false, wrong_why(t, row, *m)))
        .collect();
    placed(
        id,
        choice(&t.services[row.answer].name, true, right_why(t, row)),
        wrong,
    )
}

/// The need, its service and the near-misses it is told apart from, in one sentence: the
/// right choice's why says what the service does, so the explanation does not repeat it.
fn explanation(t: &ToolForNeed, row: &Need) -> String {
    let misses: Vec<&str> = row
        .near_misses
        .iter()
        .map(|m| t.services[*m].in_text.as_str())
        .collect();
    let not = match misses.as_slice() {
        [] => String::new(),
        [one] => format!(", not {one}"),
        [init @ .., last] => format!(", not {} or {last}", init.join(", ")),
    };
    format!(
        "To {}, use {}{not}.",
        row.need, t.services[row.answer].in_text
    )
}

fn single(cx: &Ctx<'_>, t: &ToolForNeed, row: &Need) -> Question {
    let id = cx.id(&cat!(row.meta.id, ".single"));
    let prompt = format!(
        "A company needs to {}. Which service should it use?",
        row.need
    );
    let body = Body::Single {
        choices: choices(&id, t, row),
    };
    cx.question(&row.meta, id, cx.concept(&row.meta.id), prompt)
        .done(body, explanation(t, row))
}

fn dropdown(cx: &Ctx<'_>, t: &ToolForNeed, row: &Need) -> Question {
    let id = cx.id(&cat!(row.meta.id, ".dropdown"));
    let prompt = "Select the answer that completes the sentence.".to_string();
    let body = Body::Dropdown {
        sentence: format!("To {}, use ___.", row.need),
        choices: choices(&id, t, row),
    };
    cx.question(&row.meta, id, cx.concept(&row.meta.id), prompt)
        .done(body, explanation(t, row))
}

/// "You can use {service} to {need}.": true with the answer, false with a near-miss.
fn series(cx: &Ctx<'_>, t: &ToolForNeed, group: &[Need]) -> Question {
    let first = &group[0];
    let id = cx.id(&cat!(first.meta.id, ".series"));
    let pattern = truth_pattern(&id, group.len());
    let statements = group
        .iter()
        .zip(pattern)
        .map(|(row, shown_true)| {
            let pick =
                usize::try_from(hash_tagged(&id, &row.meta.id) % row.near_misses.len() as u64)
                    .unwrap_or(0);
            let (service, why) = if shown_true {
                (row.answer, right_why(t, row))
            } else {
                let miss = row.near_misses[pick];
                (miss, wrong_why(t, row, miss))
            };
            statement(
                format!(
                    "You can use {} to {}.",
                    t.services[service].in_text, row.need
                ),
                shown_true,
                why,
            )
        })
        .collect();
    let prompt = "For each statement, select Yes if the statement is true. Otherwise, select No."
        .to_string();
    let explanation = group
        .iter()
        .take(3)
        .map(|r| format!("To {}, use {}.", r.need, t.services[r.answer].in_text))
        .collect::<Vec<_>>()
        .join(" ");
    cx.question(
        &first.meta,
        id,
        cx.concept(&cat!(first.meta.id, ".set")),
        prompt,
    )
    .also_cites(group.iter().map(|r| &r.meta))
    .done(Body::YesNo { statements }, explanation)
}

/// Needs → services, with the group's answers and near-misses as categories (at most 6).
fn matching(cx: &Ctx<'_>, t: &ToolForNeed, group: &[Need]) -> Option<Question> {
    let mut categories: Vec<usize> = Vec::new();
    for row in group {
        if !categories.contains(&row.answer) {
            categories.push(row.answer);
        }
    }
    if categories.len() < 2 {
        return None;
    }
    for row in group {
        for m in &row.near_misses {
            if categories.len() < 6 && !categories.contains(m) {
                categories.push(*m);
            }
        }
    }
    categories.sort_unstable();
    let items = group
        .iter()
        .map(|row| MatchItem {
            text: cap(&row.need),
            category: categories
                .iter()
                .position(|c| *c == row.answer)
                .unwrap_or(0),
            why: right_why(t, row),
        })
        .collect();
    let first = &group[0];
    let id = cx.id(&cat!(first.meta.id, ".match"));
    let prompt = "Match each need to the service that meets it. A service may be used once, more than once, or not at all.".to_string();
    let explanation = cap(&sentence(
        &group
            .iter()
            .map(|r| format!("to {}, use {}", r.need, t.services[r.answer].in_text))
            .collect::<Vec<_>>()
            .join("; "),
    ));
    Some(
        cx.question(
            &first.meta,
            id,
            cx.concept(&cat!(first.meta.id, ".set")),
            prompt,
        )
        .also_cites(group.iter().map(|r| &r.meta))
        .done(
            Body::Match {
                categories: categories
                    .iter()
                    .map(|c| t.services[*c].name.clone())
                    .collect(),
                items,
            },
            explanation,
        ),
    )
}
