//! The line-oriented front end (`--plain`): questions on stdout, answers from stdin.
//!
//! For screen readers, scripts and tests. It drives exactly the same [`Study`] service as the
//! TUI. Every answer is acknowledged with a line starting `saved:` once it is committed.

use std::io::{BufRead, Write};

use anyhow::Result;

use crate::bank::question::{Body, Question, Response};
use crate::engine::{Action, Event, Mode, Phase, Session, Summary};
use crate::study::Study;
use crate::text::sanitize;

const HELP: &str = "\
Answer formats:
  single / dropdown   one option: 2  or  b
  multi               the options, any order: 1 3  or  ac
  yes_no              one y/n per statement: y n y
  match               a category number per item: 1 2 1 3
  order               option numbers, first to last: 3 1 2
  hot_area            cells as row number + column letter: 1b 4c
Prefix an answer with g to say you guessed (g 2).
Commands: ? help, f mark for review, n next, p previous, j N jump (exam), r review list (exam),
          u undo (after feedback), ! N report the question (! alone lists the reasons),
          s submit, q quit (everything answered is already saved)";

/// Runs a session on `input`/`output` until it ends or input runs out.
pub fn run<R: BufRead, W: Write>(
    study: &mut Study,
    mut session: Session,
    input: R,
    out: &mut W,
) -> Result<()> {
    let mut lines = input.lines();
    writeln!(
        out,
        "{} — {} question{}. Type ? for help.",
        session.mode().name(),
        session.items().len(),
        if session.items().len() == 1 { "" } else { "s" }
    )?;
    if let Some(m) = session
        .config()
        .minutes
        .filter(|_| session.mode() == Mode::Exam)
    {
        writeln!(out, "Time limit: {m} minutes.")?;
    }
    let mut shown = usize::MAX;
    loop {
        if session.is_finished() {
            break;
        }
        study.apply(&mut session, Action::Tick)?;
        if session.is_finished() {
            writeln!(out, "Time is up.")?;
            break;
        }
        if session.phase() == Phase::Question && shown != session.current_index() {
            show_question(study, &session, out)?;
            shown = session.current_index();
        }
        write!(out, "> ")?;
        out.flush()?;
        let Some(line) = lines.next() else {
            writeln!(out)?;
            study.abandon(&mut session)?;
            break;
        };
        let line = line?;
        let line = line.trim();
        let result = handle(study, &mut session, line, out, &mut shown);
        match result {
            Ok(Flow::Continue) => {}
            Ok(Flow::Quit) => {
                study.abandon(&mut session)?;
                writeln!(out, "Bye. Your answers are saved.")?;
                if session.mode() == Mode::Exam {
                    writeln!(
                        out,
                        "The exam is kept where you left it: `az900 resume` takes it up again."
                    )?;
                }
                break;
            }
            // Not saved (a full disk...): stop, uncounted, with the error as the exit status.
            Err(e) if e.is::<crate::study::NotSaved>() => return Err(e),
            Err(e) => writeln!(out, "! {}", sanitize(&e.to_string()))?,
        }
    }
    if session.is_finished() {
        let summary = study.summary(&session);
        print_summary(study, &summary, out)?;
    }
    Ok(())
}

enum Flow {
    Continue,
    Quit,
}

fn handle<W: Write>(
    study: &mut Study,
    session: &mut Session,
    line: &str,
    out: &mut W,
    shown: &mut usize,
) -> Result<Flow> {
    let exam = session.mode() == Mode::Exam;
    match line {
        "" => {
            if session.phase() == Phase::Feedback {
                study.apply(session, Action::Next)?;
            }
            return Ok(Flow::Continue);
        }
        "?" | "h" | "help" => {
            writeln!(out, "{HELP}")?;
            return Ok(Flow::Continue);
        }
        "q" | "quit" => return Ok(Flow::Quit),
        "f" => {
            study.apply(session, Action::ToggleMark)?;
            let marked = session.current_item().marked;
            writeln!(
                out,
                "{}",
                if marked {
                    "⚑ marked for review"
                } else {
                    "mark removed"
                }
            )?;
            return Ok(Flow::Continue);
        }
        "n" => {
            study.apply(session, Action::Next)?;
            return Ok(Flow::Continue);
        }
        "p" if exam => {
            study.apply(session, Action::Prev)?;
            return Ok(Flow::Continue);
        }
        "u" => {
            study.apply(session, Action::Undo)?;
            writeln!(out, "undone: answer removed from your progress")?;
            *shown = usize::MAX;
            return Ok(Flow::Continue);
        }
        "r" if exam => {
            for e in session.review_list() {
                writeln!(
                    out,
                    "{:>3}  {}{}",
                    e.index + 1,
                    if e.answered {
                        "answered  "
                    } else {
                        "unanswered"
                    },
                    if e.marked { "  ⚑" } else { "" }
                )?;
            }
            return Ok(Flow::Continue);
        }
        "s" | "submit" => {
            if exam {
                let missing = session.unanswered();
                if !missing.is_empty() {
                    let list: Vec<String> = missing.iter().map(|i| (i + 1).to_string()).collect();
                    writeln!(out, "unanswered: {} (they score 0)", list.join(", "))?;
                }
            }
            study.apply(session, Action::Submit)?;
            return Ok(Flow::Continue);
        }
        _ => {}
    }
    if let Some(rest) = line.strip_prefix('!') {
        let reasons = crate::store::ReportReason::ALL;
        let pick = rest
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1));
        match pick.and_then(|i| reasons.get(i)) {
            Some(reason) => {
                study.report(session, *reason)?;
                writeln!(
                    out,
                    "reported {}: {} (`az900 reports` lists your reports)",
                    session.current_item().question_id,
                    reason.label()
                )?;
            }
            None => {
                writeln!(out, "report this question with ! and a number:")?;
                for (i, r) in reasons.iter().enumerate() {
                    writeln!(out, "  ! {}  {}", i + 1, r.label())?;
                }
            }
        }
        return Ok(Flow::Continue);
    }
    if exam && let Some(n) = line.strip_prefix("j ") {
        let n: usize = n.trim().parse()?;
        study.apply(session, Action::Goto(n.saturating_sub(1)))?;
        return Ok(Flow::Continue);
    }
    if session.phase() != Phase::Question {
        anyhow::bail!("press Enter for the next question (or u to undo)");
    }
    let (guess, text) = match line.strip_prefix("g ") {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let item = session.current_item().clone();
    let Some(q) = study.bank.get(&item.question_id).cloned() else {
        anyhow::bail!("question {} is missing from the bank", item.question_id);
    };
    let response = parse_answer(&q, &item.order, text)?;
    let index = session.current_index();
    let events = study.apply(session, Action::Answer { response, guess })?;
    for e in &events {
        if let Event::Answered(rec) = e {
            writeln!(out, "saved: {} ({})", rec.question_id, index + 1)?;
            if session.mode().gives_feedback() {
                show_feedback(&q, &item.order, rec, out)?;
            }
        }
        if let Event::Requeued { .. } = e {
            writeln!(out, "(this concept will come back later in the session)")?;
        }
    }
    if exam && !session.is_finished() && index + 1 < session.items().len() {
        study.apply(session, Action::Next)?;
    }
    Ok(Flow::Continue)
}

fn letter(i: usize) -> char {
    char::from(b'a' + u8::try_from(i % 26).unwrap_or(0))
}

fn show_question<W: Write>(study: &Study, session: &Session, out: &mut W) -> Result<()> {
    let item = session.current_item();
    let Some(q) = study.bank.get(&item.question_id) else {
        return Ok(());
    };
    let pos = session.position();
    let topic = sanitize(&crate::study::question_scope(&study.bank, q));
    writeln!(out)?;
    write!(out, "Question {pos} · {} · {topic}", q.kind().label())?;
    if let Some(ms) = session.remaining_ms(study.now()) {
        write!(out, " · {}:{:02} left", ms / 60_000, (ms / 1000) % 60)?;
    }
    if item.marked {
        write!(out, " · ⚑")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", sanitize(&q.prompt))?;
    let order = &item.order;
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
        Body::HotArea { columns, rows, .. } => {
            writeln!(
                out,
                "(select cells as row number + column letter, e.g. 1b 3c)"
            )?;
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

/// Parses one line of answer for `q` shown in presentation `order`.
pub fn parse_answer(q: &Question, order: &[usize], text: &str) -> Result<Response> {
    let tokens: Vec<String> = if text.contains([' ', ',']) {
        text.split([' ', ','])
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    } else if text.chars().all(|c| c.is_ascii_alphabetic()) && !matches!(q.body, Body::YesNo { .. })
    {
        text.chars().map(|c| c.to_string()).collect()
    } else if matches!(q.body, Body::YesNo { .. }) {
        text.chars().map(|c| c.to_string()).collect()
    } else {
        vec![text.to_string()]
    };
    let shown = |t: &str| -> Result<usize> {
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
        k.and_then(|k| order.get(k).copied())
            .ok_or_else(|| anyhow::anyhow!("{t:?} is not one of the options (1–{})", order.len()))
    };
    Ok(match &q.body {
        Body::Single { .. } | Body::Dropdown { .. } => {
            if tokens.len() != 1 {
                anyhow::bail!("pick one option");
            }
            Response::Choices(vec![shown(&tokens[0])?])
        }
        Body::Multi { .. } => {
            let picks = tokens
                .iter()
                .map(|t| shown(t))
                .collect::<Result<Vec<_>>>()?;
            let n = q.body.choose().unwrap_or(0);
            if picks.len() != n {
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
                    _ => anyhow::bail!("{t:?}: answer y or n"),
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
                        anyhow::anyhow!("{t:?}: give a category number 1–{}", categories.len())
                    })?;
                if c >= categories.len() {
                    anyhow::bail!("{t:?}: give a category number 1–{}", categories.len());
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
        Body::HotArea { columns, rows, .. } => {
            let mut cells = Vec::new();
            for t in &tokens {
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
                    (Some(r), Some(c)) if r < rows.len() && c < columns.len() => {
                        cells.push((r, c));
                    }
                    _ => anyhow::bail!("{t:?} is not a cell (row number + column letter, e.g. 2b)"),
                }
            }
            cells.sort_unstable();
            cells.dedup();
            Response::HotArea(cells)
        }
    })
}

fn show_feedback<W: Write>(
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
    let mark = |right: bool| if right { "✓" } else { "✗" };
    match (&q.body, &rec.response) {
        (
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. },
            Response::Choices(picked),
        ) => {
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
            },
            Response::HotArea(sel),
        ) => {
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
    writeln!(out, "{}", sanitize(&q.explanation))?;
    for r in &q.refs {
        writeln!(out, "  Learn: {}", sanitize(r))?;
    }
    writeln!(out, "(Enter: next question · u: undo this answer)")?;
    Ok(())
}

fn print_summary<W: Write>(study: &Study, s: &Summary, out: &mut W) -> Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", crate::report::summary_text(&study.bank, s))?;
    Ok(())
}
