//! Everything a question kind decides in the line front end: how it is shown, how a typed
//! answer is read, and what the feedback says. Every match over a body names each kind (no `_`),
//! so a new kind fails to compile here until all three handle it.

use std::io::Write;

use anyhow::Result;

use crate::bank::question::{Body, Choice, HotRow, Question, Response};
use crate::text::sanitize;

fn letter(i: usize) -> char {
    char::from(b'a' + u8::try_from(i % 26).unwrap_or(0))
}

/// The part of question `q` under its prompt, in presentation `order`: its options,
/// statements, items or grid, with how to answer.
pub(super) fn show_body<W: Write>(q: &Question, order: &[usize], out: &mut W) -> Result<()> {
    match &q.body {
        Body::Single { choices } | Body::Multi { choices } => {
            if let Some(n) = q.body.choose() {
                writeln!(out, "(choose {n})")?;
            }
            for (k, i) in order.iter().enumerate() {
                if let Some(c) = choices.get(*i) {
                    writeln!(out, "  {}) {}", k + 1, sanitize(&c.text))?;
                }
            }
        }
        Body::Dropdown { sentence, choices } => {
            writeln!(out, "  {}", sanitize(sentence))?;
            for (k, i) in order.iter().enumerate() {
                if let Some(c) = choices.get(*i) {
                    writeln!(out, "  {}) {}", k + 1, sanitize(&c.text))?;
                }
            }
        }
        Body::YesNo { statements } => {
            writeln!(out, "(answer y or n for each statement, in order)")?;
            for (k, i) in order.iter().enumerate() {
                if let Some(s) = statements.get(*i) {
                    writeln!(out, "  {}) {}", k + 1, sanitize(&s.text))?;
                }
            }
        }
        Body::Match { categories, items } => {
            let cats: Vec<String> = categories
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{}={}", i + 1, sanitize(c)))
                .collect();
            writeln!(
                out,
                "(give a category number per item: {})",
                cats.join(", ")
            )?;
            for (k, i) in order.iter().enumerate() {
                if let Some(it) = items.get(*i) {
                    writeln!(out, "  {}) {}", k + 1, sanitize(&it.text))?;
                }
            }
        }
        Body::Order { items } => {
            writeln!(out, "(give the option numbers in the right order)")?;
            for (k, i) in order.iter().enumerate() {
                if let Some(it) = items.get(*i) {
                    writeln!(out, "  {}) {}", k + 1, sanitize(&it.text))?;
                }
            }
        }
        Body::HotArea {
            columns,
            rows,
            one_per_row,
            ..
        } => {
            if *one_per_row {
                writeln!(
                    out,
                    "(select one cell per row as row number + column letter, e.g. 1b 2c)"
                )?;
            } else {
                writeln!(
                    out,
                    "(select cells as row number + column letter, e.g. 1b 3c)"
                )?;
            }
            let head: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{}={}", letter(i), sanitize(c)))
                .collect();
            writeln!(out, "  columns: {}", head.join("  "))?;
            for (r, row) in rows.iter().enumerate() {
                writeln!(out, "  {}) {}", r + 1, sanitize(&row.label))?;
            }
        }
    }
    Ok(())
}

/// Parses one line of answer for `q` shown in presentation `order`. A line that leaves part of
/// the question unanswered ([`Body::missing`]) is refused with what is missing.
pub fn parse_answer(q: &Question, order: &[usize], text: &str) -> Result<Response> {
    let response = parse_line(q, order, text)?;
    if let Some(missing) = q.body.missing(&response) {
        anyhow::bail!("incomplete: {missing}");
    }
    Ok(response)
}

/// The response one line gives, once each option or cell at most.
fn parse_line(q: &Question, order: &[usize], text: &str) -> Result<Response> {
    let tokens = tokens(q, text);
    let shown = |t: &str| shown_option(order, t);
    Ok(match &q.body {
        Body::Single { .. } | Body::Dropdown { .. } => {
            if tokens.len() != 1 {
                anyhow::bail!("pick one option");
            }
            Response::Choices(vec![shown(&tokens[0])?])
        }
        Body::Multi { .. } => {
            let mut picks = Vec::with_capacity(tokens.len());
            for t in &tokens {
                let pick = shown(t)?;
                if picks.contains(&pick) {
                    anyhow::bail!("{} is given twice: give each option once", quote(t));
                }
                picks.push(pick);
            }
            let n = q.body.choose().unwrap_or(0);
            if picks.len() > n {
                anyhow::bail!("too many: choose {n}, {} given", picks.len());
            }
            if picks.len() < n {
                anyhow::bail!("choose exactly {n} options");
            }
            Response::Choices(picks)
        }
        Body::YesNo { statements } => {
            if tokens.len() != statements.len() {
                anyhow::bail!("give {} answers (y or n)", statements.len());
            }
            let mut answers = vec![None; statements.len()];
            for (k, t) in tokens.iter().enumerate() {
                let v = match t.to_ascii_lowercase().as_str() {
                    "y" | "yes" => true,
                    "n" | "no" => false,
                    _ => anyhow::bail!("{}: answer y or n", quote(t)),
                };
                if let Some(i) = order.get(k) {
                    answers[*i] = Some(v);
                }
            }
            Response::YesNo(answers)
        }
        Body::Match { categories, items } => {
            if tokens.len() != items.len() {
                anyhow::bail!("give {} category numbers", items.len());
            }
            let mut assigned = vec![None; items.len()];
            for (k, t) in tokens.iter().enumerate() {
                let c: usize = t
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "{}: give a category number 1–{}",
                            quote(t),
                            categories.len()
                        )
                    })?;
                if c >= categories.len() {
                    anyhow::bail!(
                        "{}: give a category number 1–{}",
                        quote(t),
                        categories.len()
                    );
                }
                if let Some(i) = order.get(k) {
                    assigned[*i] = Some(c);
                }
            }
            Response::Match(assigned)
        }
        Body::Order { items } => {
            let seq = tokens
                .iter()
                .map(|t| shown(t))
                .collect::<Result<Vec<_>>>()?;
            let mut sorted = seq.clone();
            sorted.sort_unstable();
            sorted.dedup();
            if seq.len() != items.len() || sorted.len() != items.len() {
                anyhow::bail!("give each of the {} options once", items.len());
            }
            Response::Order(seq)
        }
        Body::HotArea {
            columns,
            rows,
            one_per_row,
            ..
        } => Response::HotArea(cells(columns.len(), rows.len(), *one_per_row, &tokens)?),
    })
}

/// Whether `line` says the answer is a guess, and the answer: `g ` first (`g 2`, `g b`), or
/// `g` just before a digit (`g2`, `g13`); a `g` before a letter is an option letter.
pub(super) fn split_guess(line: &str) -> (bool, &str) {
    if let Some(rest) = line.strip_prefix("g ") {
        return (true, rest);
    }
    match line.strip_prefix('g') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => (true, rest),
        _ => (false, line),
    }
}

/// What the plain help adds for question `q`, when its kind has a rule of its own.
pub(super) fn help_for(q: &Question) -> Option<&'static str> {
    match &q.body {
        Body::HotArea {
            one_per_row: true, ..
        } => Some("one cell per row (a row's second cell is refused): 1b 2a 3c"),
        Body::Single { .. }
        | Body::Dropdown { .. }
        | Body::Multi { .. }
        | Body::YesNo { .. }
        | Body::Match { .. }
        | Body::Order { .. }
        | Body::HotArea { .. } => None,
    }
}

/// The most a number can be in an answer to `q` of several numbers (options, or a match's
/// categories); `None` where an answer is one number (single, dropdown) or takes no numbers
/// alone (yes/no, cells).
fn numbered(q: &Question) -> Option<usize> {
    match &q.body {
        Body::Multi { choices } => Some(choices.len()),
        Body::Order { items } => Some(items.len()),
        Body::Match { categories, .. } => Some(categories.len()),
        Body::Single { .. } | Body::Dropdown { .. } | Body::YesNo { .. } | Body::HotArea { .. } => {
            None
        }
    }
}

/// The tokens of an answer line: split at spaces or commas; else one a character for a run of
/// letters, a yes/no answer ("ac", "yny") or a run of digits where every number is one digit
/// ("23"); else the whole line.
fn tokens(q: &Question, text: &str) -> Vec<String> {
    if text.contains([' ', ',']) {
        text.split([' ', ','])
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    } else if text.chars().all(|c| c.is_ascii_alphabetic()) && !matches!(q.body, Body::YesNo { .. })
    {
        text.chars().map(|c| c.to_string()).collect()
    } else if text.len() > 1
        && text.chars().all(|c| c.is_ascii_digit())
        && numbered(q).is_some_and(|n| n <= 9)
    {
        text.chars().map(|c| c.to_string()).collect()
    } else if matches!(q.body, Body::YesNo { .. }) {
        text.chars().map(|c| c.to_string()).collect()
    } else {
        vec![text.to_string()]
    }
}

/// How many characters of a typed token an error message repeats.
const ECHO_CHARS: usize = 24;

/// A typed token, quoted for an error message: its first [`ECHO_CHARS`] characters, then `…`.
pub(super) fn quote(t: &str) -> String {
    match t.char_indices().nth(ECHO_CHARS) {
        Some((i, _)) => format!("{:?}…", &t[..i]),
        None => format!("{t:?}"),
    }
}

/// The option a token names (a number from 1, or a letter), as its index in the question.
fn shown_option(order: &[usize], t: &str) -> Result<usize> {
    let k = if let Ok(n) = t.parse::<usize>() {
        n.checked_sub(1)
    } else {
        let mut cs = t.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_ascii_lowercase() => Some(c as usize - 'a' as usize),
            (Some(c), None) if c.is_ascii_uppercase() => Some(c as usize - 'A' as usize),
            _ => None,
        }
    };
    k.and_then(|k| order.get(k).copied()).ok_or_else(|| {
        anyhow::anyhow!("{} is not one of the options (1–{})", quote(t), order.len())
    })
}

/// The hot-area cells the tokens name (row number + column letter), sorted; a cell named twice,
/// or with `one_per_row` a second cell of a row, is refused.
fn cells(
    columns: usize,
    rows: usize,
    one_per_row: bool,
    tokens: &[String],
) -> Result<Vec<(usize, usize)>> {
    let mut cells: Vec<(usize, usize)> = Vec::new();
    for t in tokens {
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        let rest: String = t.chars().skip_while(char::is_ascii_digit).collect();
        let r = digits.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
        let mut rc = rest.chars();
        let c = match (rc.next(), rc.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => {
                Some(c.to_ascii_lowercase() as usize - 'a' as usize)
            }
            _ => None,
        };
        match (r, c) {
            (Some(r), Some(c)) if r < rows && c < columns => {
                if cells.contains(&(r, c)) {
                    anyhow::bail!("{} is given twice: give each cell once", quote(t));
                }
                if one_per_row && cells.iter().any(|(cr, _)| *cr == r) {
                    anyhow::bail!("row {}: select one cell per row", r + 1);
                }
                cells.push((r, c));
            }
            _ => anyhow::bail!(
                "{} is not a cell (row number + column letter, e.g. 2b)",
                quote(t)
            ),
        }
    }
    cells.sort_unstable();
    Ok(cells)
}

/// The feedback after an answer: right or not, each part, the explanation and where to learn.
pub(super) fn show_feedback<W: Write>(
    q: &Question,
    order: &[usize],
    rec: &crate::engine::AnswerRecord,
    out: &mut W,
) -> Result<()> {
    let g = &rec.grade;
    if g.is_correct() {
        writeln!(out, "✓ Right ({}/{} points)", g.points, g.max)?;
    } else {
        writeln!(out, "✗ Not quite ({}/{} points)", g.points, g.max)?;
    }
    parts(q, order, &rec.response, out)?;
    // The parts above carry their texts and whys; the explanation adds what they did not say.
    if let Some(more) = q.explanation_beyond_parts() {
        writeln!(out, "{}", sanitize(&more))?;
    }
    for r in &q.refs {
        writeln!(out, "  Learn: {}", sanitize(r))?;
    }
    writeln!(out, "(Enter: next question · u: undo this answer)")?;
    Ok(())
}

fn mark(right: bool) -> &'static str {
    if right { "✓" } else { "✗" }
}

/// Each part of an answer: right or wrong, the key, what the learner gave, and why.
fn parts<W: Write>(q: &Question, order: &[usize], response: &Response, out: &mut W) -> Result<()> {
    match (&q.body, response) {
        (
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. },
            Response::Choices(picked),
        ) => {
            choices_feedback(choices, order, picked, out)?;
        }
        (Body::YesNo { statements }, Response::YesNo(answers)) => {
            for (k, i) in order.iter().enumerate() {
                let Some(s) = statements.get(*i) else {
                    continue;
                };
                let you = answers.get(*i).copied().flatten();
                let yn = |b: bool| if b { "Yes" } else { "No" };
                writeln!(
                    out,
                    "  {} {}) {} — answer {}, you said {} — {}",
                    mark(you == Some(s.answer)),
                    k + 1,
                    sanitize(&s.text),
                    yn(s.answer),
                    you.map(yn).unwrap_or("nothing"),
                    sanitize(&s.why)
                )?;
            }
        }
        (Body::Match { categories, items }, Response::Match(assigned)) => {
            for (k, i) in order.iter().enumerate() {
                let Some(it) = items.get(*i) else { continue };
                let you = assigned.get(*i).copied().flatten();
                let cat = |c: usize| categories.get(c).map(|s| sanitize(s)).unwrap_or_default();
                writeln!(
                    out,
                    "  {} {}) {} → {} (you: {}) — {}",
                    mark(you == Some(it.category)),
                    k + 1,
                    sanitize(&it.text),
                    cat(it.category),
                    you.map(cat).unwrap_or_else(|| "nothing".into()),
                    sanitize(&it.why)
                )?;
            }
        }
        (Body::Order { items }, Response::Order(seq)) => {
            writeln!(out, "  Right order:")?;
            for (pos, it) in items.iter().enumerate() {
                writeln!(
                    out,
                    "  {} {}. {} — {}",
                    mark(seq.get(pos) == Some(&pos)),
                    pos + 1,
                    sanitize(&it.text),
                    sanitize(&it.why)
                )?;
            }
        }
        (
            Body::HotArea {
                columns,
                rows,
                answer,
                ..
            },
            Response::HotArea(sel),
        ) => {
            hot_area_feedback(columns, rows, answer, sel, out)?;
        }
        // Every kind is named (no `_`): a new kind fails to compile here until it is shown.
        (
            Body::Single { .. }
            | Body::Multi { .. }
            | Body::YesNo { .. }
            | Body::Dropdown { .. }
            | Body::Match { .. }
            | Body::Order { .. }
            | Body::HotArea { .. },
            _,
        ) => {}
    }
    Ok(())
}

/// Each option of a single, multi or dropdown question: the key, the learner's picks, why.
fn choices_feedback<W: Write>(
    choices: &[Choice],
    order: &[usize],
    picked: &[usize],
    out: &mut W,
) -> Result<()> {
    for (k, i) in order.iter().enumerate() {
        let Some(c) = choices.get(*i) else { continue };
        let you = if picked.contains(i) {
            "you chose · "
        } else {
            ""
        };
        let key = if c.correct { "right answer · " } else { "" };
        writeln!(
            out,
            "  {} {}) {} — {you}{key}{}",
            mark(c.correct),
            k + 1,
            sanitize(&c.text),
            sanitize(&c.why)
        )?;
    }
    Ok(())
}

/// Each row of a hot area: the key's cells, the learner's, why.
fn hot_area_feedback<W: Write>(
    columns: &[String],
    rows: &[HotRow],
    answer: &[(usize, usize)],
    sel: &[(usize, usize)],
    out: &mut W,
) -> Result<()> {
    for (r, row) in rows.iter().enumerate() {
        let key: Vec<String> = answer
            .iter()
            .filter(|(ar, _)| *ar == r)
            .filter_map(|(_, c)| columns.get(*c).map(|s| sanitize(s)))
            .collect();
        let you: Vec<String> = sel
            .iter()
            .filter(|(sr, _)| *sr == r)
            .filter_map(|(_, c)| columns.get(*c).map(|s| sanitize(s)))
            .collect();
        writeln!(
            out,
            "  {} {}) {}: key [{}], you [{}] — {}",
            mark(key == you),
            r + 1,
            sanitize(&row.label),
            key.join(", "),
            you.join(", "),
            sanitize(&row.why)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
