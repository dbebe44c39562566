//! The footer: key hints generated from the keymap for the current screen, and a status message.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::event::Msg;
use crate::tui::hits;
use crate::tui::keymap::Keymap;
use crate::tui::screens::Ctx;
use crate::tui::text;
use crate::tui::theme::Theme;

/// How much a hint matters when the footer is short of room (lower: kept longer). Answering and
/// moving on (Enter), the exam's previous / next and its review list are kept on every exam
/// question at every width; marking for review next; a kind's answer keys then; a guess last.
fn rank(msg: Msg) -> u8 {
    match msg {
        Msg::Enter | Msg::Prev | Msg::Next | Msg::Review => 0,
        Msg::Flag => 1,
        Msg::Guess => 3,
        _ => 2,
    }
}

/// The hints for `ctxs` that fit in `width` columns, with the message each stands for (`?` help
/// and `q` quit are always kept, last). When they do not all fit, the least important go first
/// ([`rank`]); those kept stay in the keymap's order.
pub fn items(ctxs: &[Ctx], keymap: &Keymap, width: usize) -> Vec<(String, &'static str, Msg)> {
    let mut all: Vec<Ctx> = ctxs.to_vec();
    all.push(Ctx::Global);
    let keys: Vec<_> = all.iter().map(|c| c.keys()).collect();
    let hints = keymap.hint_msgs(&keys);
    let global_keys: Vec<String> = keymap
        .hints(&[Ctx::Global.keys()])
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let (global, local): (Vec<_>, Vec<_>) = hints
        .into_iter()
        .partition(|(k, _, _)| global_keys.contains(k));
    let cost = |k: &str, h: &str| text::width(k) + text::width(h) + 3;
    // Hints are separated by two spaces.
    let reserve: usize = global.iter().map(|(k, h, _)| cost(k, h)).sum();
    let mut by_rank: Vec<usize> = (0..local.len()).collect();
    by_rank.sort_by_key(|&i| (rank(local[i].2), i));
    let mut used = 0;
    let mut keep = vec![false; local.len()];
    for i in by_rank {
        let (k, h, _) = &local[i];
        if used + cost(k, h) + reserve > width {
            break;
        }
        used += cost(k, h);
        keep[i] = true;
    }
    let mut out: Vec<_> = local
        .into_iter()
        .zip(keep)
        .filter_map(|(hint, kept)| kept.then_some(hint))
        .collect();
    for (k, h, m) in global {
        if used + cost(&k, h) > width {
            break;
        }
        used += cost(&k, h);
        out.push((k, h, m));
    }
    out
}

/// Hints for `ctxs` that fit in `width` columns (`?` help and `q` quit are always kept last).
pub fn line(ctxs: &[Ctx], keymap: &Keymap, width: usize, theme: &Theme) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (k, h, _) in items(ctxs, keymap, width) {
        spans.push(Span::styled(k, theme.key));
        spans.push(Span::styled(format!(" {h}  "), theme.dim));
    }
    Line::from(spans)
}

/// Draws the hints; each is a button (a click sends its key's message).
pub fn render(buf: &mut Buffer, area: Rect, ctxs: &[Ctx], keymap: &Keymap, theme: &Theme) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let l = line(ctxs, keymap, usize::from(area.width), theme);
    buf.set_line(area.x, area.y, &l, area.width);
    let mut x = area.x;
    for (k, h, m) in items(ctxs, keymap, usize::from(area.width)) {
        let w = u16::try_from(text::width(&k) + 1 + text::width(h)).unwrap_or(0);
        hits::add(
            Rect::new(x, area.y, w.min(area.right().saturating_sub(x)), 1),
            m,
        );
        x = x.saturating_add(w + 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_come_from_the_keymap_and_keep_help_and_quit() {
        let l = text::plain(&line(
            &[Ctx::Feedback],
            &Keymap::default(),
            200,
            &Theme::monochrome(),
        ));
        assert!(l.contains("Enter continue"), "{l}");
        assert!(l.contains("u undo"), "{l}");
        assert!(l.contains("? help") && l.contains("q quit"), "{l}");
        let narrow = text::plain(&line(
            &[Ctx::Question, Ctx::Exam],
            &Keymap::default(),
            30,
            &Theme::monochrome(),
        ));
        assert!(narrow.contains("? help"), "{narrow}");
        assert!(text::width(&narrow) <= 30);
    }
}
