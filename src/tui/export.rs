//! Screenshots for the README: a rendered buffer written as SVG (monospace text with its
//! foreground and background colours, bold, dim, italic, underline and reverse), so `assets/`
//! is regenerated from the real render code, never drawn by hand.

use std::fmt::Write;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

const CELL_W: f64 = 8.4;
const CELL_H: f64 = 18.0;
const FONT_SIZE: f64 = 14.0;
const BACKGROUND: &str = "#1d1f21";
const FOREGROUND: &str = "#d5d8d6";

fn hex(c: Color) -> Option<String> {
    let s = match c {
        Color::Reset => return None,
        Color::Black => "#1d1f21",
        Color::Red => "#cc6666",
        Color::Green => "#8fbf5f",
        Color::Yellow => "#e6c04a",
        Color::Blue => "#81a2be",
        Color::Magenta => "#c397d8",
        Color::Cyan => "#70c0b1",
        Color::Gray => "#b4b7b4",
        Color::DarkGray => "#6f7370",
        Color::LightRed => "#f2a0a0",
        Color::LightGreen => "#b5e08c",
        Color::LightYellow => "#f5e08a",
        Color::LightBlue => "#a7c7e7",
        Color::LightMagenta => "#e0b8f0",
        Color::LightCyan => "#a0e0d8",
        Color::White => "#ffffff",
        Color::Rgb(r, g, b) => return Some(format!("#{r:02x}{g:02x}{b:02x}")),
        Color::Indexed(i) => return Some(format!("#{i:02x}{i:02x}{i:02x}")),
    };
    Some(s.to_string())
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The colours of a cell after reverse video.
fn colours(cell: &Cell) -> (String, Option<String>) {
    let fg = hex(cell.fg);
    let bg = hex(cell.bg);
    if cell.modifier.contains(Modifier::REVERSED) {
        (
            bg.unwrap_or_else(|| BACKGROUND.to_string()),
            Some(fg.unwrap_or_else(|| FOREGROUND.to_string())),
        )
    } else {
        (fg.unwrap_or_else(|| FOREGROUND.to_string()), bg)
    }
}

fn text_attrs(cell: &Cell, fill: &str) -> String {
    let mut a = format!(" fill=\"{fill}\"");
    let m = cell.modifier;
    if m.contains(Modifier::BOLD) {
        a.push_str(" font-weight=\"bold\"");
    }
    if m.contains(Modifier::ITALIC) {
        a.push_str(" font-style=\"italic\"");
    }
    if m.contains(Modifier::DIM) {
        a.push_str(" opacity=\"0.6\"");
    }
    if m.contains(Modifier::UNDERLINED) {
        a.push_str(" text-decoration=\"underline\"");
    }
    a
}

/// The buffer as a standalone SVG image.
pub fn buffer_to_svg(buf: &Buffer) -> String {
    let area = buf.area;
    let w = f64::from(area.width) * CELL_W;
    let h = f64::from(area.height) * CELL_H;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.1} {h:.1}\">"
    );
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"{BACKGROUND}\"/>\n<g font-family=\"'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace\" font-size=\"{FONT_SIZE}\" xml:space=\"preserve\">"
    );
    for y in 0..area.height {
        let py = f64::from(y) * CELL_H;
        let base = py + CELL_H * 0.75;
        // Backgrounds, merged into runs.
        let mut x = 0;
        while x < area.width {
            let (_, bg) = colours(&buf[(area.x + x, area.y + y)]);
            let start = x;
            while x < area.width && colours(&buf[(area.x + x, area.y + y)]).1 == bg {
                x += 1;
            }
            if let Some(bg) = bg {
                let _ = writeln!(
                    out,
                    "<rect x=\"{:.1}\" y=\"{py:.1}\" width=\"{:.1}\" height=\"{CELL_H}\" fill=\"{bg}\"/>",
                    f64::from(start) * CELL_W,
                    f64::from(x - start) * CELL_W
                );
            }
        }
        // Text: runs of one style; a character that is not plain ASCII gets its own element at
        // its own column, so wide and box-drawing glyphs never shift what follows.
        let mut x = 0;
        while x < area.width {
            let cell = &buf[(area.x + x, area.y + y)];
            let sym = cell.symbol();
            if sym.trim().is_empty() {
                x += 1;
                continue;
            }
            let (fg, _) = colours(cell);
            let attrs = text_attrs(cell, &fg);
            let start = x;
            let mut run = String::new();
            if !sym.is_ascii() {
                run.push_str(sym);
                x += u16::try_from(sym.width().max(1)).unwrap_or(1);
            } else {
                while x < area.width {
                    let c = &buf[(area.x + x, area.y + y)];
                    let s = c.symbol();
                    if !s.is_ascii() || text_attrs(c, &colours(c).0) != attrs {
                        break;
                    }
                    run.push_str(if s.is_empty() { " " } else { s });
                    x += 1;
                }
            }
            let trimmed = run.trim_end();
            if trimmed.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{base:.1}\"{attrs}>{}</text>",
                f64::from(start) * CELL_W,
                escape(trimmed)
            );
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn svg_holds_escaped_text_colours_and_reverse_video() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 2));
        buf.set_string(0, 0, "a<b & ✓", Style::new().fg(Color::Green));
        buf.set_string(0, 1, "rev", Style::new().add_modifier(Modifier::REVERSED));
        let svg = buffer_to_svg(&buf);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("a&lt;b &amp;"), "{svg}");
        assert!(svg.contains(">✓</text>"));
        assert!(svg.contains("fill=\"#8fbf5f\""), "green text");
        assert!(
            svg.contains(&format!("fill=\"{FOREGROUND}\"/>")),
            "reverse video paints the background with the foreground colour"
        );
        assert!(svg.trim_end().ends_with("</svg>"));
    }
}
