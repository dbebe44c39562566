//! The dropdown: the sentence with its blank filled by the current pick as you cycle, and the
//! options below it.

use ratatui::text::{Line, Span};

use crate::bank::question::Body;
use crate::tui::answer::{Draft, Value};
use crate::tui::text::clean;
use crate::tui::theme::{Theme, glyph};

use super::choice_list;
use super::scroll::Content;
use crate::tui::keymap::{Keys, PICKS, doc};
use crate::tui::msg::Msg;

/// The keys of Dropdown (help and footer).
pub const KEYS: Keys = Keys {
    title: "Dropdown",
    docs: &[
        doc(
            &[Msg::Up, Msg::Down, Msg::Left, Msg::Right],
            "change the option in the blank",
            Some("change"),
        ),
        doc(PICKS, "pick an option by number or letter", None),
    ],
};

/// The empty blank, one unbreakable word.
pub const BLANK: &str = "[\u{a0}______\u{a0}▾\u{a0}]";

/// The sentence with `fill` in the blank (or an empty blank).
pub fn sentence_line(
    sentence: &str,
    fill: Option<&str>,
    mark: Option<bool>,
    theme: &Theme,
) -> Line<'static> {
    let sentence = clean(sentence);
    let (before, after) = sentence
        .split_once("___")
        .unwrap_or((sentence.as_str(), ""));
    let mut spans = vec![Span::raw(before.to_string())];
    let fill_style = match mark {
        Some(true) => theme.right,
        Some(false) => theme.wrong,
        None => theme.picked.patch(theme.cursor),
    };
    // The brackets keep to the blank's words (no-break spaces): a line never ends in "[" with
    // "______ ▾ ]" on the next.
    match fill {
        Some(f) => spans.push(Span::styled(
            format!("[\u{a0}{}\u{a0}▾\u{a0}]", clean(f)),
            fill_style,
        )),
        None => spans.push(Span::styled(BLANK, theme.dim)),
    }
    match mark {
        Some(true) => spans.push(Span::styled(format!(" {}", glyph::RIGHT), theme.right)),
        Some(false) => spans.push(Span::styled(format!(" {}", glyph::WRONG), theme.wrong)),
        None => {}
    }
    spans.push(Span::raw(after.to_string()));
    Line::from(spans)
}

pub fn render(body: &Body, draft: &Draft, reveal: bool, theme: &Theme, out: &mut Content) {
    let Body::Dropdown { sentence, choices } = body else {
        return;
    };
    let picked = if let Value::Choices(c) = &draft.value {
        c.iter().next().copied()
    } else {
        None
    };
    let fill = picked.and_then(|i| choices.get(i));
    let mark = if reveal {
        Some(fill.is_some_and(|c| c.correct))
    } else {
        None
    };
    out.push_indented(
        sentence_line(sentence, fill.map(|c| c.text.as_str()), mark, theme),
        2,
    );
    if reveal
        && !fill.is_some_and(|c| c.correct)
        && let Some(right) = choices.iter().find(|c| c.correct)
    {
        out.push(Line::from(vec![
            Span::raw("Right answer: "),
            Span::styled(clean(&right.text), theme.missed),
        ]));
    }
    out.blank();
    if !reveal {
        out.push(Line::styled("Options (← → cycle):", theme.dim));
    }
    choice_list::choices(choices, false, draft, reveal, theme, out);
}

/// Keys on a dropdown of `rows` options: the blank fills with the option as the cursor moves
/// (↑ ↓ ← →, wrapping sideways); a number or letter picks one.
pub fn update(d: &mut Draft, rows: usize, msg: Msg) -> bool {
    match msg {
        Msg::Up | Msg::Down => {
            if let Some(next) = d.next_row(msg, rows) {
                d.cursor = next;
                d.toggle_at(next, false);
            }
            true
        }
        Msg::Left | Msg::Right => {
            d.cursor = if msg == Msg::Right {
                (d.cursor + 1) % rows
            } else {
                (d.cursor + rows - 1) % rows
            };
            d.toggle_at(d.cursor, false);
            true
        }
        _ => choice_list::update(d, rows, false, msg),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// QA: at 200 columns a sentence's blank split across lines (`use [` / `______ ▾ ].`).
    #[test]
    fn the_blank_never_breaks_across_lines() {
        let sentence = "To deploy the same resources again and again from a file, use ___.";
        for fill in [None, Some("Azure Resource Manager templates")] {
            let line = sentence_line(sentence, fill, None, &Theme::monochrome());
            for width in 16..100 {
                let rows: Vec<String> = crate::tui::text::wrap(&line, width, 2)
                    .iter()
                    .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                    .collect();
                for r in &rows {
                    assert!(!r.trim_end().ends_with('['), "{width}: {rows:?}");
                    assert!(!r.trim_start().starts_with('▾'), "{width}: {rows:?}");
                }
                if fill.is_none() {
                    assert_eq!(
                        rows.iter().filter(|r| r.contains(BLANK)).count(),
                        1,
                        "{width}: {rows:?}"
                    );
                }
            }
        }
    }
}
