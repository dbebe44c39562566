//! Stats: scaled score per exam (line chart with the 700 line), accuracy per skill area and
//! answered objective, answers per day, the due forecast for the next 14 days, the owner
//! confusion table and the leeches. The page is drawn at its full height off screen and
//! scrolled as a whole.

mod sections;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::header_bar;
use crate::tui::app::{App, scrolled};
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, doc};
use crate::tui::theme::{Theme, glyph};
use crate::tui::view::StatsView;
use crate::tui::widgets::scroll;
use sections::{confusion, forecast, leeches, per_day, score_chart, topics, topics_height};

/// The keys of Stats (help and footer).
pub const KEYS: Keys = Keys {
    title: "Stats",
    docs: &[doc(
        &[Msg::Up, Msg::Down, Msg::PageUp, Msg::PageDown],
        "scroll",
        Some("scroll"),
    )],
};

type Section = fn(&StatsView, Rect, &mut Buffer, &Theme);

/// The page layout: sections with their heights, in one or two columns.
fn layout(s: &StatsView, width: u16) -> Vec<(Section, u16, u16)> {
    // (section, column, height)
    if width >= 110 {
        let topics_h = topics_height(s, width - width / 2);
        vec![
            (score_chart as Section, 0, 14),
            (per_day, 0, 8),
            (leeches, 0, 8),
            (topics, 1, topics_h),
            (forecast, 1, 10),
            (confusion, 1, 8),
        ]
    } else {
        let topics_h = topics_height(s, width);
        vec![
            (score_chart as Section, 0, 12),
            (topics, 0, topics_h),
            (per_day, 0, 7),
            (forecast, 0, 9),
            (confusion, 0, 8),
            (leeches, 0, 8),
        ]
    }
}

/// The whole page's height at `width`.
pub fn page_height(s: &StatsView, width: u16) -> u16 {
    let l = layout(s, width);
    let col = |c: u16| l.iter().filter(|s| s.1 == c).map(|s| s.2).sum::<u16>();
    col(0).max(col(1))
}

/// Draws the full page into a buffer of its own height.
pub fn page(s: &StatsView, width: u16, theme: &Theme) -> Buffer {
    let h = page_height(s, width);
    let mut page = Buffer::empty(Rect::new(0, 0, width, h));
    let l = layout(s, width);
    let two = l.iter().any(|s| s.1 == 1);
    let col_w = if two { width / 2 } else { width };
    let mut y = [0u16; 2];
    for (section, col, height) in l {
        let c = usize::from(col);
        let x = if col == 0 { 0 } else { col_w };
        let w = if col == 0 { col_w } else { width - col_w };
        section(s, Rect::new(x, y[c], w, height), &mut page, theme);
        y[c] += height;
    }
    page
}

pub fn render(app: &App, header_area: Rect, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let width = body.width.saturating_sub(1);
    let page = page(&app.screens.stats, width, theme);
    let max = page.area.height.saturating_sub(body.height);
    crate::tui::widgets::scroll::set_last_max(usize::from(max));
    crate::tui::widgets::scroll::set_last_page(usize::from(body.height));
    let start = u16::try_from(app.screens.stats_scroll)
        .unwrap_or(u16::MAX)
        .min(max);
    header_bar(
        buf,
        header_area,
        vec![Span::raw("Stats")],
        vec![Span::raw(match app.screens.stats.exams.len() {
            1 => "1 exam".to_string(),
            n => format!("{n} exams"),
        })],
        theme,
    );
    for row in 0..body.height.min(page.area.height - start) {
        for x in 0..width {
            let cell = page[(x, start + row)].clone();
            buf[(body.x + x, body.y + row)] = cell;
        }
    }
    if max > 0 {
        let x = body.right() - 1;
        if start > 0 {
            buf.set_string(x, body.y, glyph::UP, theme.key);
        }
        if start < max {
            buf.set_string(x, body.bottom() - 1, glyph::DOWN, theme.key);
            let more = format!(" ↓ {} more rows ", max - start);
            let w = more.chars().count() as u16;
            if w + 2 < body.width {
                buf.set_string(x - w, body.bottom() - 1, more, theme.key);
            }
        }
    }
}

impl App<'_> {
    pub(crate) fn update_stats(&mut self, msg: Msg) {
        match msg {
            Msg::Back => self.go_home(),
            m => {
                if let Some(s) = scrolled(
                    self.screens.stats_scroll,
                    m,
                    self.page(),
                    scroll::last_max(),
                ) {
                    self.screens.stats_scroll = s;
                }
            }
        }
    }
}

#[cfg(test)]
mod leech_tests {
    use super::*;

    fn text(b: &Buffer) -> String {
        let a = b.area;
        (a.y..a.y + a.height)
            .map(|y| {
                (a.x..a.x + a.width)
                    .map(|x| b[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// With more leeches than listed, the section's title says how many of how many.
    #[test]
    fn the_leech_section_says_how_many_of_how_many_it_lists() {
        let mut s = crate::tui::demo::stats();
        let listed = s.leeches.len();
        let plain = text(&page(&s, 100, &Theme::monochrome()));
        assert!(plain.contains("Leeches: missed again and again"), "{plain}");
        assert!(!plain.contains("most failed of"), "{plain}");
        s.leeches_more = 7;
        let more = text(&page(&s, 100, &Theme::monochrome()));
        let title = format!("the {listed} most failed of {}", listed + 7);
        assert!(more.contains(&title), "{more}");
    }
}
