//! Text that reaches the terminal: a sanitizer for pack text and width-aware word wrapping.
//!
//! Every string that comes from a question pack goes through [`sanitize`] before it is drawn, so
//! an escape sequence, a bidi override or a zero-width character in a pack can never move the
//! cursor, recolour the screen or hide text. Widths are measured with `unicode-width`, so wide
//! (CJK) characters wrap where they should.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

pub use crate::text::sanitize;

/// [`sanitize`], under the name the widgets use.
pub fn clean(s: &str) -> String {
    sanitize(s)
}

/// Display width of a string, in terminal columns.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cuts `s` to at most `max` columns, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Wraps one styled line to `width` columns; continuation lines start with `indent` spaces
/// (a hanging indent, so wrapped choices stay aligned under their text). Newlines in the text
/// start new lines (at the indent). Words longer than a line are broken. Never returns an empty
/// vector for a non-zero width (an empty line wraps to one empty line).
pub fn wrap(line: &Line<'_>, width: usize, indent: usize) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let indent = if indent * 2 > width { 0 } else { indent };
    let base = line.style;
    // Flatten into styled characters.
    let mut cells: Vec<(char, Style)> = Vec::new();
    for span in &line.spans {
        let style = base.patch(span.style);
        cells.extend(span.content.chars().map(|c| (c, style)));
    }
    let mut out: Vec<Vec<(char, Style)>> = Vec::new();
    let mut cur: Vec<(char, Style)> = Vec::new();
    let mut cur_w = 0usize;
    let mut at_start = true; // only indentation (or nothing) on the current line so far
    let new_line = |out: &mut Vec<Vec<(char, Style)>>,
                    cur: &mut Vec<(char, Style)>,
                    cur_w: &mut usize,
                    at_start: &mut bool| {
        out.push(std::mem::take(cur));
        cur.extend(std::iter::repeat_n((' ', Style::default()), indent));
        *cur_w = indent;
        *at_start = true;
    };
    let mut i = 0;
    let first_line = |out: &Vec<Vec<(char, Style)>>| out.is_empty();
    while i < cells.len() {
        let (c, _) = cells[i];
        if c == '\n' {
            new_line(&mut out, &mut cur, &mut cur_w, &mut at_start);
            i += 1;
            continue;
        }
        // The next run: spaces, or a word.
        let is_space = c == ' ';
        let start = i;
        while i < cells.len() && cells[i].0 != '\n' && (cells[i].0 == ' ') == is_space {
            i += 1;
        }
        let run = &cells[start..i];
        let run_w: usize = run.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
        if is_space {
            // Leading spaces of the very first line are kept (indentation); spaces at the start
            // of a continuation line are dropped; spaces that would overflow end the line.
            if at_start && !first_line(&out) {
                continue;
            }
            if cur_w + run_w > width {
                new_line(&mut out, &mut cur, &mut cur_w, &mut at_start);
                continue;
            }
            cur.extend_from_slice(run);
            cur_w += run_w;
            continue;
        }
        if cur_w + run_w > width && !at_start {
            // Trailing spaces go with the break.
            while cur.last().is_some_and(|(c, _)| *c == ' ') && cur.len() > indent {
                cur.pop();
            }
            new_line(&mut out, &mut cur, &mut cur_w, &mut at_start);
        }
        // Where this word starts on the current line (a word longer than the line is split,
        // after its last '/' that fits when it has one, else its last '-': a URL breaks
        // between path segments or the words of a slug, never inside a word).
        let mut word_start = cur.len();
        for &(c, style) in run {
            let cw = c.width().unwrap_or(0);
            if cur_w + cw > width && cur_w > indent {
                let after = |mark: char| {
                    cur[word_start..]
                        .iter()
                        .rposition(|(c, _)| *c == mark)
                        .map(|p| word_start + p + 1)
                        .filter(|p| *p < cur.len())
                };
                let slash = after('/').or_else(|| after('-'));
                let tail = slash.map(|p| cur.split_off(p)).unwrap_or_default();
                new_line(&mut out, &mut cur, &mut cur_w, &mut at_start);
                word_start = cur.len();
                for cell in tail {
                    cur_w += cell.0.width().unwrap_or(0);
                    cur.push(cell);
                }
            }
            if cw > width {
                // A character wider than the whole line (width 1, a CJK character): skip it
                // rather than overflow.
                continue;
            }
            cur.push((c, style));
            cur_w += cw;
        }
        at_start = false;
    }
    out.push(cur);
    out.into_iter().map(|cells| to_line(&cells)).collect()
}

/// Wraps many lines (see [`wrap`]), each with the same hanging indent.
pub fn wrap_all<'a>(
    lines: impl IntoIterator<Item = Line<'a>>,
    width: usize,
    indent: usize,
) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .flat_map(|l| wrap(&l, width, indent))
        .collect()
}

fn to_line(cells: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style: Option<Style> = None;
    for &(c, s) in cells {
        if style != Some(s) {
            if let Some(prev) = style
                && !text.is_empty()
            {
                spans.push(Span::styled(std::mem::take(&mut text), prev));
            }
            style = Some(s);
        }
        text.push(c);
    }
    if let Some(s) = style
        && !text.is_empty()
    {
        spans.push(Span::styled(text, s));
    }
    Line::from(spans)
}

/// The plain text of a line (for tests and width checks).
pub fn plain(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Stylize};

    #[test]
    fn sanitize_strips_escape_sequences_and_controls() {
        let hostile = "Who\u{1b}[2J\u{1b}[31mowns\u{1b}]0;pwned\u{7} the\u{0} OS?\r\u{1b}(B";
        assert_eq!(sanitize(hostile), "Whoowns the OS?");
    }

    #[test]
    fn sanitize_strips_bidi_overrides_and_zero_width_characters() {
        let s = "Micro\u{200B}soft \u{202E}remotsuc\u{202C} \u{2066}x\u{2069}\u{FEFF}";
        assert_eq!(sanitize(s), "Microsoft remotsuc x");
    }

    #[test]
    fn sanitize_keeps_newlines_and_plain_unicode() {
        assert_eq!(sanitize("a\nb ✓ 日本"), "a\nb ✓ 日本");
        assert_eq!(sanitize("tab\there"), "tab here");
        assert_eq!(sanitize("c1\u{9b}31mred"), "c1red");
    }

    #[test]
    fn wrap_breaks_at_words_and_keeps_a_hanging_indent() {
        let line = Line::from("1 ( ) The customer patches the guest operating system");
        let got: Vec<String> = wrap(&line, 20, 6).iter().map(plain).collect();
        assert_eq!(
            got,
            vec![
                "1 ( ) The customer",
                "      patches the",
                "      guest",
                "      operating",
                "      system"
            ]
        );
        for l in &got {
            assert!(width(l) <= 20);
        }
    }

    #[test]
    fn wrap_measures_wide_characters_and_breaks_long_words() {
        let line = Line::from("日本語日本語 abcdefghijklmnop");
        let got = wrap(&line, 8, 0);
        for l in &got {
            assert!(width(&plain(l)) <= 8, "{:?}", plain(l));
        }
        let joined: String = got.iter().map(plain).collect();
        assert_eq!(joined.replace(' ', ""), "日本語日本語abcdefghijklmnop");
    }

    #[test]
    fn wrap_keeps_styles_and_splits_on_newlines() {
        let line = Line::from(vec!["red".red(), " plain\nnext".into()]);
        let got = wrap(&line, 40, 2);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].spans[0].style.fg, Some(Color::Red));
        assert_eq!(plain(&got[1]), "  next");
    }

    #[test]
    fn a_long_url_breaks_between_path_segments_never_inside_a_word() {
        let url = "https://learn.microsoft.com/en-us/training/modules/describe-cloud-compute/4-describe-shared-responsibility-model";
        for width in [30, 40, 60, 80] {
            // At 40 columns and more, every path segment fits whole.
            let slash_only = width >= 40;
            let lines = wrap(&Line::from(format!("  {url}")), width, 2);
            let texts: Vec<String> = lines.iter().map(plain).collect();
            assert!(texts.len() > 1, "{width}: {texts:?}");
            for t in &texts[..texts.len() - 1] {
                assert!(t.ends_with('/') || t.ends_with('-'), "{width}: {texts:?}");
                assert!(width_of(t) <= width, "{width}: {texts:?}");
            }
            if slash_only {
                assert!(texts[..texts.len() - 1].iter().all(|t| t.ends_with('/')));
            }
            let joined: String = texts.iter().map(|t| t.trim_start()).collect();
            assert_eq!(joined, url);
        }
    }

    fn width_of(s: &str) -> usize {
        super::width(s)
    }

    #[test]
    fn wrap_survives_tiny_widths() {
        for w in 0..4 {
            let _ = wrap(&Line::from("日本 a long sentence"), w, 3);
        }
        assert!(wrap(&Line::from("x"), 0, 0).is_empty());
        assert_eq!(wrap(&Line::from(""), 5, 0).len(), 1);
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("Operating system", 9), "Operatin…");
        assert_eq!(truncate("OS", 9), "OS");
    }
}
