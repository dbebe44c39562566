//! `order` tables: one order question, and per item but the last a single on what follows it.

use super::fact::{Ctx, cap, choice, pick_wrong, placed, sentence};
use crate::bank::question::{Body, OrderItem as Item, Question};
use crate::facts::Order;

pub fn generate(cx: &Ctx<'_>, o: &Order, out: &mut Vec<Question>) {
    out.push(sequence(cx, o));
    if o.next.is_some() {
        for i in 0..o.items.len() - 1 {
            out.extend(next(cx, o, i));
        }
    }
}

/// An item's name as a sentence quotes it: items may be whole clauses ("The Bicep file is
/// converted…"), which cannot be spliced into another sentence as they are.
fn quoted(o: &Order, i: usize) -> String {
    format!("\"{}\"", o.items[i].name)
}

/// Why the item sits where it does: `The deployment step "…" happens during deployment…`.
fn why(o: &Order, i: usize) -> String {
    sentence(&format!(
        "The {} {} {}",
        o.subject,
        quoted(o, i),
        o.items[i].why
    ))
}

fn sequence(cx: &Ctx<'_>, o: &Order) -> Question {
    let items = (0..o.items.len())
        .map(|i| Item {
            text: o.items[i].name.clone(),
            why: why(o, i),
        })
        .collect();
    let first = &o.items[0].meta;
    let prompt = format!("Arrange the {}s in order, {}.", o.subject, o.order);
    // A numbered list: the names keep their own case and commas without reading as one clause.
    let names: Vec<String> = (0..o.items.len())
        .map(|i| format!("({}) {}", i + 1, o.items[i].name))
        .collect();
    let explanation = sentence(&format!("{}: {}", cap(&o.order), names.join("; ")));
    cx.question(first, cx.id("order"), cx.concept("order"), prompt)
        .also_cites(o.items.iter().map(|i| &i.meta))
        .done(Body::Order { items }, explanation)
}

fn next(cx: &Ctx<'_>, o: &Order, i: usize) -> Option<Question> {
    let template = o.next.as_deref()?;
    let item = &o.items[i];
    let right = &o.items[i + 1];
    let id = cx.id(&cat!(item.meta.id, ".next"));
    let others: Vec<(usize, usize)> = (0..o.items.len())
        .filter(|j| *j != i && *j != i + 1)
        .map(|j| (j, o.items[j].name.len()))
        .collect();
    let wrong = pick_wrong(&id, right.name.len(), &others, 3)
        .into_iter()
        .map(|j| {
            let place = if j < i {
                "comes before"
            } else {
                "comes later than the one directly after"
            };
            choice(
                &o.items[j].name,
                false,
                format!("{} {place} {}. {}", quoted(o, j), quoted(o, i), why(o, j)),
            )
        })
        .collect();
    let choices = placed(&id, choice(&right.name, true, why(o, i + 1)), wrong);
    let prompt = template.replace("{item}", &item.name);
    let explanation = format!(
        "{} {}",
        sentence(&format!(
            "{} comes directly after {} ({})",
            quoted(o, i + 1),
            quoted(o, i),
            o.order
        )),
        why(o, i + 1)
    );
    Some(
        cx.question(&item.meta, id, cx.concept(&item.meta.id), prompt)
            .also_cites([&right.meta])
            .done(Body::Single { choices }, explanation),
    )
}
