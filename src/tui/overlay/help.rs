//! The help overlay (`?` anywhere), generated from the keymap: the current screen's keys first,
//! then everywhere.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::Overlay;
use crate::tui::app::App;
use crate::tui::event::Msg;
use crate::tui::keymap::Keymap;
use crate::tui::screens::Ctx;
use crate::tui::screens::{block, centered};
use crate::tui::text;
use crate::tui::widgets::scroll::{self, Content};

/// The help text for `ctxs` (then the keys that work everywhere).
pub fn content(ctxs: &[Ctx], keymap: &Keymap, theme: &crate::tui::theme::Theme) -> Content {
    let mut order: Vec<Ctx> = ctxs.to_vec();
    order.push(Ctx::Global);
    let mut c = Content::new();
    let key_w = order
        .iter()
        .flat_map(|ctx| keymap.help_rows(ctx.keys()))
        .map(|(k, _)| text::width(&k))
        .max()
        .unwrap_or(0)
        .min(18);
    // A key the screen gives a meaning of its own (Esc opening the exam's review list) is not
    // listed again under "Everywhere" with its usual one.
    let own: Vec<crate::tui::msg::Msg> = ctxs
        .iter()
        .flat_map(|c| c.keys().docs)
        .flat_map(|d| d.msgs.iter().copied())
        .collect();
    for ctx in order {
        c.push(Line::styled(ctx.title().to_string(), theme.title));
        let docs = ctx
            .keys()
            .docs
            .iter()
            .filter(|d| ctx != Ctx::Global || !d.msgs.iter().all(|m| own.contains(m)));
        for d in docs {
            let (keys, desc) = (keymap.keys_label(d.msgs), d.desc);
            let pad = key_w.saturating_sub(text::width(&keys));
            c.push_indented(
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(keys, theme.key),
                    Span::raw(" ".repeat(pad + 2)),
                    Span::raw(desc),
                ]),
                key_w + 4,
            );
        }
        c.blank();
    }
    c.push(Line::styled(
        "Progress is saved after every answer. Esc or ? closes this help.",
        theme.dim,
    ));
    c
}

pub fn render(app: &App, scroll_at: usize, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 76, area.height);
    Clear.render(rect, buf);
    let b = block("Help: keys", &app.theme);
    let inner = b.inner(rect);
    b.render(rect, buf);
    // Only the keys that work here: the exam's keys are listed in the exam (and on its intro
    // page), never over a practice or study question, where they would only say "exam only".
    let ctxs = app.contexts();
    scroll::render(
        buf,
        inner,
        &content(&ctxs, &app.keymap, &app.theme),
        Some(scroll_at),
        &app.theme,
    );
}

impl App<'_> {
    /// ? / Esc / Enter close the help (back to the dialog under it, if any); the scrolling keys
    /// scroll it; quit closes it and quits. The help was taken off the app before this: it
    /// stays open only if put back.
    pub(crate) fn update_help(&mut self, scroll_at: usize, under: Option<Box<Overlay>>, msg: Msg) {
        if matches!(msg, Msg::Help | Msg::Back | Msg::Enter) {
            self.overlay = under.map(|u| *u);
        } else if msg == Msg::Quit {
            self.overlay = under.map(|u| *u);
            self.request_quit();
        } else {
            let scroll = crate::tui::app::scrolled(scroll_at, msg, self.page(), scroll::last_max())
                .unwrap_or(scroll_at);
            self.overlay = Some(Overlay::Help { scroll, under });
        }
    }
}
