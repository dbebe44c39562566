//! The line-oriented front end (`--plain`): questions on stdout, answers from stdin.
//!
//! For screen readers, scripts and tests. It drives exactly the same [`Study`] service as the
//! TUI. Every answer is acknowledged with a line starting `saved:` once it is committed.
//!
//! This file is the session loop and its commands; `kinds` is everything a question kind
//! decides (how it is shown, how a typed answer is read, what the feedback says).

mod kinds;

pub use kinds::parse_answer;

use std::io::{BufRead, Write};

use anyhow::Result;

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
                      (one cell per row where the question says so: 1b 2a 3c)
Several options may run together, as letters or as numbers of one digit: 23 = bc = 2 3.
Prefix an answer with g to say you guessed: g 2, g2, g 2 3 (letters need the space: g b).
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
    let mut input = input;
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
        let line = match read_line(&mut input)? {
            None => {
                writeln!(out)?;
                study.abandon(&mut session)?;
                break;
            }
            Some(Line::Text(line)) => line,
            Some(Line::NotUtf8) => {
                writeln!(out, "! not UTF-8 text; type the answer again")?;
                continue;
            }
            Some(Line::TooLong(n)) => {
                writeln!(
                    out,
                    "! a line of {n} bytes is longer than any answer ({MAX_LINE} at most); type the answer again"
                )?;
                continue;
            }
        };
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

/// The longest line read as an answer or command (a longer one is refused, and only this much
/// of it is kept in memory).
const MAX_LINE: usize = 4096;

/// One line of input.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    Text(String),
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// A line of this many bytes, over [`MAX_LINE`].
    TooLong(usize),
}

/// The next line of `input` without its line ending (`None` at the end of input). A line over
/// [`MAX_LINE`] bytes is read to its end but not kept.
fn read_line<R: BufRead>(input: &mut R) -> std::io::Result<Option<Line>> {
    let mut kept: Vec<u8> = Vec::new();
    let mut total = 0usize;
    let mut ended = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        let (chunk, used, newline) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], i + 1, true),
            None => (buf, buf.len(), false),
        };
        total += chunk.len();
        if kept.len() < MAX_LINE + 1 {
            let room = MAX_LINE + 1 - kept.len();
            kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
        input.consume(used);
        ended = true;
        if newline {
            break;
        }
    }
    if !ended {
        return Ok(None);
    }
    if kept.last() == Some(&b'\r') && total <= MAX_LINE + 1 {
        kept.pop();
        total -= 1;
    }
    if total > MAX_LINE {
        return Ok(Some(Line::TooLong(total)));
    }
    Ok(Some(match String::from_utf8(kept) {
        Ok(s) => Line::Text(s),
        Err(_) => Line::NotUtf8,
    }))
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
    if let Some(flow) = command(study, session, line, out, shown)? {
        return Ok(flow);
    }
    if let Some(rest) = line.strip_prefix('!') {
        report(study, session, rest, out)?;
        return Ok(Flow::Continue);
    }
    if session.mode() == Mode::Exam
        && let Some(n) = line.strip_prefix("j ")
    {
        let n: usize = n.trim().parse()?;
        study.apply(session, Action::Goto(n.saturating_sub(1)))?;
        return Ok(Flow::Continue);
    }
    if session.phase() != Phase::Question {
        anyhow::bail!("press Enter for the next question (or u to undo)");
    }
    answer(study, session, line, out)
}

/// What a one-word command (Enter, help, quit, mark, next, previous, undo, review list,
/// submit) does, or `None` if `line` is not one.
fn command<W: Write>(
    study: &mut Study,
    session: &mut Session,
    line: &str,
    out: &mut W,
    shown: &mut usize,
) -> Result<Option<Flow>> {
    let exam = session.mode() == Mode::Exam;
    match line {
        "" => {
            if session.phase() == Phase::Feedback {
                study.apply(session, Action::Next)?;
            }
        }
        "?" | "h" | "help" => {
            writeln!(out, "{HELP}")?;
            if let Some(q) = study.bank.get(&session.current_item().question_id)
                && let Some(hint) = kinds::help_for(q)
            {
                writeln!(out, "This question: {hint}")?;
            }
        }
        "q" | "quit" => return Ok(Some(Flow::Quit)),
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
        }
        "n" => {
            study.apply(session, Action::Next)?;
        }
        "p" if exam => {
            study.apply(session, Action::Prev)?;
        }
        "u" => {
            study.apply(session, Action::Undo)?;
            writeln!(out, "undone: answer removed from your progress")?;
            *shown = usize::MAX;
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
        }
        "s" | "submit" => {
            if exam {
                for line in before_submit(&study.bank, session) {
                    writeln!(out, "{line}")?;
                }
            }
            study.apply(session, Action::Submit)?;
        }
        _ => return Ok(None),
    }
    Ok(Some(Flow::Continue))
}

/// What submitting the exam leaves behind, as the TUI's question before submitting lists it:
/// the unanswered, incomplete and marked questions (1-based), a line each when any.
pub(crate) fn before_submit(bank: &crate::bank::Bank, session: &Session) -> Vec<String> {
    let list = |v: &[usize]| {
        v.iter()
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let incomplete = session.incomplete_items(bank);
    let mut lines = Vec::new();
    for (n, what) in [
        (session.unanswered(), "unanswered (they score zero)"),
        (incomplete, "incomplete"),
        (session.marked(), "marked for review"),
    ] {
        if !n.is_empty() {
            lines.push(format!("{} {what}: {}", n.len(), list(&n)));
        }
    }
    lines
}

/// `! N` reports the current question with reason N; `!` alone lists the reasons.
fn report<W: Write>(study: &mut Study, session: &Session, rest: &str, out: &mut W) -> Result<()> {
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
            let typed = rest.trim();
            if !typed.is_empty() {
                writeln!(
                    out,
                    "! {} is not a report reason (1–{})",
                    kinds::quote(typed),
                    reasons.len()
                )?;
            }
            writeln!(out, "report this question with ! and a number:")?;
            for (i, r) in reasons.iter().enumerate() {
                writeln!(out, "  ! {}  {}", i + 1, r.label())?;
            }
        }
    }
    Ok(())
}

/// Reads `line` as an answer to the current question (`g ` first: a guess), saves it, and shows
/// the feedback (practice) or moves on (exam).
fn answer<W: Write>(
    study: &mut Study,
    session: &mut Session,
    line: &str,
    out: &mut W,
) -> Result<Flow> {
    let exam = session.mode() == Mode::Exam;
    let (guess, text) = kinds::split_guess(line);
    let item = session.current_item().clone();
    let Some(q) = study.bank.get(&item.question_id).cloned() else {
        anyhow::bail!("question {} is missing from the bank", item.question_id);
    };
    let response = kinds::parse_answer(&q, &item.order, text)?;
    let index = session.current_index();
    let events = study.apply(session, Action::Answer { response, guess })?;
    for e in &events {
        if let Event::Answered(rec) = e {
            writeln!(out, "saved: {} ({})", rec.question_id, index + 1)?;
            if rec.guess {
                writeln!(out, "? recorded as a guess")?;
            }
            if session.mode().gives_feedback() {
                kinds::show_feedback(&q, &item.order, rec, out)?;
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

fn show_question<W: Write>(study: &Study, session: &Session, out: &mut W) -> Result<()> {
    let item = session.current_item();
    let Some(q) = study.bank.get(&item.question_id) else {
        return Ok(());
    };
    let pos = session.position();
    // Never one of the options (see `question_scope_asked`).
    let topic = sanitize(&crate::study::question_scope_asked(&study.bank, q));
    writeln!(out)?;
    write!(out, "Question {pos} · {}", q.kind().label())?;
    if !topic.is_empty() {
        write!(out, " · {topic}")?;
    }
    if let Some(ms) = session.remaining_ms(study.now()) {
        write!(out, " · {} left", crate::report::mmss(ms))?;
    }
    if item.marked {
        write!(out, " · ⚑")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", sanitize(&q.prompt))?;
    kinds::show_body(q, &item.order, out)
}

fn print_summary<W: Write>(study: &Study, s: &Summary, out: &mut W) -> Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", crate::report::summary_text(&study.bank, s))?;
    Ok(())
}

#[cfg(test)]
mod tests;
