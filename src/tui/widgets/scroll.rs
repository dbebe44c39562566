//! Scrolling text: content is a list of paragraphs (each wrapped with a hanging indent to the
//! area's width) drawn from an offset, with a one-column indicator on the right that shows ▲/▼
//! when there is more above or below, so nothing is ever cut off silently.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::tui::event::Msg;
use crate::tui::text;
use crate::tui::theme::{Theme, glyph};

/// One paragraph: a styled line (may hold newlines) and the indent of its wrapped lines.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub line: Line<'static>,
    pub indent: usize,
    /// A web address the paragraph's text links to (OSC 8, where the terminal supports it).
    pub link: Option<String>,
    /// What a click on the paragraph means (the key it stands for).
    pub click: Option<Msg>,
    /// Clickable stretches of its first line: `(from, to)` columns (from the line's start) and
    /// what a click there means (a cell of a grid).
    pub spans: Vec<(u16, u16, Msg)>,
}

/// Wrapped lines, the focused line range and each line's link.
pub type Layout<'a> = (
    Vec<Line<'static>>,
    Option<(usize, usize)>,
    Vec<LineInfo<'a>>,
);

/// What a wrapped line keeps of its paragraph: its link, what a click means, and (on the
/// paragraph's first line) its clickable stretches.
#[derive(Debug, Clone, Copy)]
pub struct LineInfo<'a> {
    pub link: Option<&'a str>,
    pub click: Option<Msg>,
    pub spans: &'a [(u16, u16, Msg)],
}

/// Paragraphs plus the one that holds the cursor (kept in view).
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub paras: Vec<Para>,
    pub focus: Option<usize>,
}

impl Content {
    pub fn new() -> Content {
        Content::default()
    }

    pub fn push(&mut self, line: impl Into<Line<'static>>) {
        self.push_indented(line, 0);
    }

    pub fn push_indented(&mut self, line: impl Into<Line<'static>>, indent: usize) {
        self.paras.push(Para {
            line: line.into(),
            indent,
            link: None,
            click: None,
            spans: Vec::new(),
        });
    }

    /// A one-line paragraph whose stretches `(from, to, msg)` (columns from the line's start)
    /// take clicks (the cells of a grid).
    pub fn push_spans(&mut self, line: impl Into<Line<'static>>, spans: Vec<(u16, u16, Msg)>) {
        self.paras.push(Para {
            line: line.into(),
            indent: 0,
            link: None,
            click: None,
            spans,
        });
    }

    /// A paragraph a click on which means `msg` (a choice: its number; a menu entry: its own).
    pub fn push_click(&mut self, line: impl Into<Line<'static>>, indent: usize, msg: Msg) {
        self.paras.push(Para {
            line: line.into(),
            indent,
            link: None,
            click: Some(msg),
            spans: Vec::new(),
        });
    }

    /// A paragraph whose text links to `url` (clickable where the terminal supports OSC 8).
    pub fn push_link(&mut self, line: impl Into<Line<'static>>, indent: usize, url: &str) {
        self.paras.push(Para {
            line: line.into(),
            indent,
            link: Some(url.to_string()),
            click: None,
            spans: Vec::new(),
        });
    }

    pub fn blank(&mut self) {
        self.push(Line::default());
    }

    /// Marks the next paragraph pushed as the focused one.
    pub fn focus_next(&mut self) {
        self.focus = Some(self.paras.len());
    }

    pub fn extend(&mut self, other: Content) {
        let base = self.paras.len();
        if let Some(f) = other.focus {
            self.focus = Some(base + f);
        }
        self.paras.extend(other.paras);
    }

    /// Wraps to `width`: the lines and, for the focused paragraph, its line range.
    pub fn layout(&self, width: usize) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
        let (lines, focus, _) = self.layout_links(width);
        (lines, focus)
    }

    /// [`Content::layout`], with the link of each line's paragraph.
    pub fn layout_links(&self, width: usize) -> Layout<'_> {
        let mut lines = Vec::new();
        let mut links = Vec::new();
        let mut focus = None;
        for (i, p) in self.paras.iter().enumerate() {
            let start = lines.len();
            lines.extend(text::wrap(&p.line, width, p.indent));
            let info = LineInfo {
                link: p.link.as_deref(),
                click: p.click,
                spans: &[],
            };
            links.resize(lines.len(), info);
            if let Some(first) = links.get_mut(start) {
                first.spans = &p.spans;
            }
            if self.focus == Some(i) {
                focus = Some((start, lines.len().max(start + 1)));
            }
        }
        (lines, focus, links)
    }
}

thread_local! {
    /// The furthest start of the scrolling view drawn last (see [`last_max`]).
    static LAST_MAX: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
    /// The height of the scrolling view drawn last (0: none yet; see [`last_page`]).
    static LAST_PAGE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The height of the scrolling view drawn last (`None` before any): a PgUp / PgDn there moves
/// by this much, less a line kept for context.
pub fn last_page() -> Option<usize> {
    Some(LAST_PAGE.with(std::cell::Cell::get)).filter(|h| *h > 0)
}

/// Records the height of the view being drawn (for views drawn without [`render`]).
pub fn set_last_page(height: usize) {
    LAST_PAGE.with(|p| p.set(height));
}

/// The furthest a scrolling view drawn last could start (its lines less its height): updates
/// clamp offsets to it, so ↑ after End (or after paging past the end) moves at once.
pub fn last_max() -> usize {
    LAST_MAX.with(std::cell::Cell::get)
}

/// Records the furthest start of the view being drawn (for views drawn without [`render`]).
pub fn set_last_max(max: usize) {
    LAST_MAX.with(|m| m.set(max));
}

/// Makes the text of row `y` (from `x`, `width` cells; leading and trailing blanks left out)
/// an OSC 8 hyperlink to `url`: the first cell carries the escape sequences and the whole text
/// with its real width, the cells it covers are skipped when the frame is written out.
fn hyperlink(buf: &mut Buffer, x: u16, y: u16, width: u16, url: &str) {
    use ratatui::buffer::CellDiffOption;
    // Only printable ASCII goes into the escape sequence.
    if url.is_empty() || !url.chars().all(|c| c.is_ascii_graphic()) {
        return;
    }
    let cells: Vec<u16> = (x..x + width)
        .filter(|cx| buf[(*cx, y)].symbol() != " ")
        .collect();
    let (Some(first), Some(last)) = (cells.first().copied(), cells.last().copied()) else {
        return;
    };
    let text: String = (first..=last)
        .map(|cx| buf[(cx, y)].symbol().to_string())
        .collect();
    let Some(w) = std::num::NonZeroU16::new(last - first + 1) else {
        return;
    };
    buf[(first, y)]
        .set_symbol(&format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\"))
        .set_diff_option(CellDiffOption::ForcedWidth(w));
    for cx in first + 1..=last {
        buf[(cx, y)].set_diff_option(CellDiffOption::Skip);
    }
}

/// Where the view starts: the requested `offset` (`None`: follow the focus from the top),
/// clamped so the page is full and the focused lines are visible.
pub fn view_start(
    total: usize,
    height: usize,
    offset: Option<usize>,
    focus: Option<(usize, usize)>,
) -> usize {
    let max = total.saturating_sub(height);
    match (offset, focus) {
        (Some(o), _) => o.min(max),
        (None, Some((fs, fe))) => {
            if fe > height {
                // Show the focus, ending at its last line (but never past its first).
                (fe - height).min(fs).min(max)
            } else {
                0
            }
        }
        (None, None) => 0,
    }
}

/// The columns text gets in a scrolling view `area_width` wide: the last column is the scroll
/// bar's and the one before it a gap, so text never runs into the bar (`…The█`).
pub fn text_width(area_width: u16) -> usize {
    usize::from(area_width.saturating_sub(2)).max(1)
}

/// Draws `content` into `area`, the last column kept for the scroll indicator and the one
/// before it blank ([`text_width`]).
pub fn render(
    buf: &mut Buffer,
    area: Rect,
    content: &Content,
    offset: Option<usize>,
    theme: &Theme,
) {
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height == 0 {
        return;
    }
    let width = text_width(area.width);
    let full = usize::from(area.height);
    let (lines, focus, links) = content.layout_links(width);
    // When the content overflows, the last row says how much is left below (when there is
    // room for it) instead of hiding a line of text under the note.
    let overflow = lines.len() > full;
    let note = overflow && full > 2 && area.width > 24;
    let height = if note { full - 1 } else { full };
    let start = view_start(lines.len(), height, offset, focus);
    set_last_max(lines.len().saturating_sub(height));
    set_last_page(height);
    for (row, line) in lines.iter().skip(start).take(height).enumerate() {
        let y = area.y + row as u16;
        buf.set_line(area.x, y, line, width as u16);
        if let Some(info) = links.get(start + row) {
            if theme.hyperlinks
                && let Some(url) = info.link
            {
                hyperlink(buf, area.x, y, area.width - 1, url);
            }
            if let Some(msg) = info.click {
                crate::tui::hits::add(Rect::new(area.x, y, area.width - 1, 1), msg);
            }
            for (from, to, msg) in info.spans {
                let x = area.x.saturating_add(*from);
                let w = to.saturating_sub(*from).min(area.right().saturating_sub(x));
                crate::tui::hits::add(Rect::new(x, y, w, 1), *msg);
            }
        }
    }
    let above = start > 0;
    let below = start + height < lines.len();
    if !(above || below) {
        return;
    }
    let x = area.right() - 1;
    // A track with a thumb proportional to the visible share.
    let total = lines.len().max(1);
    let thumb_len = (full * height / total).clamp(1, full);
    let thumb_start = (start * full / total).min(full - thumb_len);
    for row in 0..full {
        let y = area.y + row as u16;
        let (sym, style) = if row == 0 && above {
            (glyph::UP, theme.key)
        } else if row == full - 1 && below {
            (glyph::DOWN, theme.key)
        } else if (thumb_start..thumb_start + thumb_len).contains(&row) {
            ("█", theme.dim)
        } else {
            ("│", theme.dim)
        };
        buf.set_string(x, y, sym, style);
    }
    if note {
        let y = area.bottom() - 1;
        let more = if below {
            format!(
                "{} {} more lines (↓ PgDn)",
                glyph::DOWN,
                lines.len() - start - height
            )
        } else {
            format!("{} end", glyph::UP)
        };
        let more = text::truncate(&more, usize::from(area.width - 1));
        let w = text::width(&more) as u16;
        buf.set_string(
            x.saturating_sub(w + 1),
            y,
            &more,
            theme.dim.patch(Style::new()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;

    fn content(n: usize) -> Content {
        let mut c = Content::new();
        for i in 0..n {
            c.push(format!("line {i}"));
        }
        c
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    /// QA: text ran into the scroll bar with no gap (`…The█`, `of 2 in both│ exams`).
    #[test]
    fn a_blank_column_separates_text_from_the_scroll_bar() {
        let mut c = Content::new();
        for _ in 0..10 {
            c.push("word ".repeat(20));
        }
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 6));
        render(
            &mut buf,
            Rect::new(0, 0, 30, 6),
            &c,
            Some(0),
            &Theme::monochrome(),
        );
        for y in 0..5 {
            let r: Vec<String> = (0..30).map(|x| buf[(x, y)].symbol().to_string()).collect();
            assert_eq!(r[28], " ", "row {y}: {:?}", r.concat());
            assert_ne!(r[29], " ", "row {y}: the bar");
            assert!(r[..28].concat().contains("word"), "row {y}");
        }
    }

    #[test]
    fn view_start_keeps_the_focus_visible() {
        assert_eq!(view_start(10, 4, None, None), 0);
        assert_eq!(view_start(10, 4, None, Some((6, 7))), 3);
        assert_eq!(view_start(10, 4, Some(99), None), 6);
        assert_eq!(view_start(3, 4, Some(2), None), 0);
    }

    #[test]
    fn overflow_shows_an_indicator_and_the_count_of_hidden_lines() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 4));
        render(
            &mut buf,
            Rect::new(0, 0, 30, 4),
            &content(10),
            None,
            &Theme::monochrome(),
        );
        assert!(row(&buf, 0).starts_with("line 0"));
        assert!(
            row(&buf, 3).contains("▼ 7 more lines"),
            "{:?}",
            row(&buf, 3)
        );
        assert!(
            row(&buf, 2).starts_with("line 2"),
            "no text hidden under the note"
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 4));
        render(
            &mut buf,
            Rect::new(0, 0, 30, 4),
            &content(10),
            Some(99),
            &Theme::monochrome(),
        );
        assert!(row(&buf, 0).starts_with("line 7"));
        assert!(row(&buf, 0).ends_with('▲'));
        assert!(row(&buf, 2).starts_with("line 9"));
        assert!(row(&buf, 3).contains("▲ end"));
    }

    #[test]
    fn content_that_fits_has_no_indicator() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 4));
        render(
            &mut buf,
            Rect::new(0, 0, 30, 4),
            &content(3),
            None,
            &Theme::monochrome(),
        );
        assert_eq!(buf[(29u16, 0u16)].symbol(), " ");
    }

    #[test]
    fn tiny_areas_do_not_panic() {
        for (w, h) in [(0, 0), (1, 1), (2, 1), (3, 2)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            render(
                &mut buf,
                Rect::new(0, 0, w, h),
                &content(5),
                Some(3),
                &Theme::colored(),
            );
        }
    }
}
