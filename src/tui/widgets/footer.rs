//! The footer: key hints generated from the keymap for the current screen, and a status message.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::keymap::{self, Ctx};
use crate::tui::text;
use crate::tui::theme::Theme;

/// Hints for `ctxs` that fit in `width` columns (`?` help and `q` quit are always kept last).
pub fn line(ctxs: &[Ctx], width: usize, theme: &Theme) -> Line<'static> {
    let mut all: Vec<Ctx> = ctxs.to_vec();
    all.push(Ctx::Global);
    let hints = keymap::hints(&all);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let (global, local): (Vec<_>, Vec<_>) = hints
        .into_iter()
        .partition(|(k, _)| keymap::hints(&[Ctx::Global]).iter().any(|(g, _)| g == k));
    let cost = |k: &str, h: &str| text::width(k) + text::width(h) + 3;
    // Hints are separated by two spaces.
    let reserve: usize = global.iter().map(|(k, h)| cost(k, h)).sum();
    for (k, h) in local {
        if used + cost(&k, h) + reserve > width {
            break;
        }
        used += cost(&k, h);
        spans.push(Span::styled(k, theme.key));
        spans.push(Span::styled(format!(" {h}  "), theme.dim));
    }
    for (k, h) in global {
        if used + cost(&k, h) > width {
            break;
        }
        used += cost(&k, h);
        spans.push(Span::styled(k, theme.key));
        spans.push(Span::styled(format!(" {h}  "), theme.dim));
    }
    Line::from(spans)
}

pub fn render(buf: &mut Buffer, area: Rect, ctxs: &[Ctx], theme: &Theme) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let l = line(ctxs, usize::from(area.width), theme);
    buf.set_line(area.x, area.y, &l, area.width);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_come_from_the_keymap_and_keep_help_and_quit() {
        let l = text::plain(&line(&[Ctx::Feedback], 200, &Theme::monochrome()));
        assert!(l.contains("Enter continue"), "{l}");
        assert!(l.contains("u undo"), "{l}");
        assert!(l.contains("? help") && l.contains("q quit"), "{l}");
        let narrow = text::plain(&line(&[Ctx::Question, Ctx::Exam], 30, &Theme::monochrome()));
        assert!(narrow.contains("? help"), "{narrow}");
        assert!(text::width(&narrow) <= 30);
    }
}
