//! Text that reaches a terminal from outside the program: pack text, fact tables, file names
//! and paths. Every front end (the TUI, `--plain`, the commands' reports and error lines) prints
//! such text only through [`sanitize`] (or [`path`] / [`one_line`]), so an escape sequence, a
//! bidi override or a zero-width character can never move the cursor, retitle or clear the
//! terminal, or hide text.

use std::path::Path;

/// How far a day is from today, as a learner reads it: "today", "tomorrow", "in 12 days".
pub fn days_away(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        n => format!("in {n} days"),
    }
}

/// A share in per cent as every screen and report shows it: a whole number, rounded half up
/// (2.5 % is "3", as `{:.0}` would not: it rounds half to even, "2"). Float noise from the
/// division (2.4999999999) is taken off first.
#[must_use]
pub fn percent(p: f64) -> i64 {
    if !p.is_finite() {
        return 0;
    }
    let p = (p * 1e9).round() / 1e9;
    (p + 0.5).floor() as i64
}

/// Characters that change how text is laid out or read without being visible themselves.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'   // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{061C}'              // Arabic letter mark
        | '\u{FEFF}'              // zero-width no-break space / BOM
        | '\u{00AD}'              // soft hyphen
        | '\u{180E}'              // Mongolian vowel separator
        | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
    )
}

/// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: not controls, yet they break lines.
fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Strips control characters (C0 except newline, DEL, C1), whole escape sequences (CSI, OSC, DCS
/// and two-byte escapes), bidi overrides and zero-width characters. Tabs become a space and `\r`
/// is dropped. Newlines are kept (U+2028 and U+2029 become newlines): the wrapper turns them
/// into line breaks.
pub fn sanitize(s: &str) -> String {
    if !s
        .chars()
        .any(|c| (c.is_control() && c != '\n') || is_invisible_format(c) || is_separator(c))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Line and paragraph separators are line breaks, as the author meant them.
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{1B}' => skip_escape(&mut chars),
            // A lone C1 CSI/OSC/DCS introducer starts a sequence too.
            '\u{9B}' => skip_csi(&mut chars),
            '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => skip_string(&mut chars),
            c if c.is_control() || is_invisible_format(c) => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            skip_string(chars);
        }
        // Two-byte escapes (ESC 7, ESC c, ESC (B's intermediate…): drop the next character.
        Some(c) if !c.is_control() => {
            chars.next();
            // ESC ( B and friends: an intermediate byte followed by a final byte.
            if ('\u{20}'..='\u{2F}').contains(&c)
                && let Some(n) = chars.peek()
                && !n.is_control()
            {
                chars.next();
            }
        }
        _ => {}
    }
}

/// Skips a CSI sequence's parameters up to and including its final byte.
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7E}').contains(&c) {
            return;
        }
        if !('\u{20}'..='\u{3F}').contains(&c) {
            // Not a parameter or intermediate byte: the sequence is malformed; stop here.
            return;
        }
    }
}

/// Skips an OSC/DCS-style string up to BEL, ST (ESC \) or the C1 ST.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{07}' | '\u{9C}' => return,
            '\u{1B}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// [`sanitize`] for text that must stay on one line (an error line, a path): line breaks
/// become spaces.
pub fn one_line(s: &str) -> String {
    sanitize(s).replace('\n', " ")
}

/// A path as it may be printed: [`one_line`] of its (lossy UTF-8) display form.
pub fn path(p: &Path) -> String {
    one_line(&p.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percentage_rounds_half_up() {
        assert_eq!(percent(2.5), 3);
        assert_eq!(percent(100.0 * 1.0 / 40.0), 3);
        assert_eq!(percent(0.5), 1);
        assert_eq!(percent(12.5), 13);
        assert_eq!(percent(2.49), 2);
        assert_eq!(percent(100.0), 100);
        assert_eq!(percent(f64::NAN), 0);
    }

    #[test]
    fn line_and_paragraph_separators_become_line_breaks() {
        assert_eq!(sanitize("a\u{2028}b\u{2029}c"), "a\nb\nc");
        assert_eq!(one_line("a\u{2028}b\nc"), "a b c");
    }

    #[test]
    fn a_hostile_file_name_prints_without_its_escape_sequences() {
        let p = Path::new("/tmp/x\u{1b}]0;pwned\u{7}\u{1b}[2J\nname.json");
        assert_eq!(path(p), "/tmp/x name.json");
    }
}
