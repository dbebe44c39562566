//! Shown when the terminal is smaller than the app needs: the current and the needed size.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::theme::Theme;

pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let lines = vec![
        Line::styled("Terminal too small", theme.warn),
        Line::from(format!("now {}×{}", area.width, area.height)),
        Line::from(format!("needs {MIN_WIDTH}×{MIN_HEIGHT}")),
        Line::styled("Enlarge the window, or q to quit", theme.dim),
    ];
    let top = area.height.saturating_sub(4) / 2;
    let [_, rect] = Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]).areas(area);
    Paragraph::new(lines)
        .centered()
        .wrap(Wrap { trim: true })
        .render(rect, buf);
}
