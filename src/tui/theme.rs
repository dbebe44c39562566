//! One struct of named styles. The colour theme is the default; the monochrome theme (`NO_COLOR`
//! or `--no-color`) uses only bold, dim, underline and reverse, and every meaning is also carried
//! by a glyph ([`glyph`]), so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

use crate::rules::Owner;

/// The glyphs that carry meaning in both themes.
pub mod glyph {
    pub const RIGHT: &str = "✓";
    pub const WRONG: &str = "✗";
    pub const MARKED: &str = "⚑";
    pub const CURSOR: &str = "▶";
    pub const RADIO_ON: &str = "(•)";
    pub const RADIO_OFF: &str = "( )";
    pub const CHECK_ON: &str = "[x]";
    pub const CHECK_OFF: &str = "[ ]";
    pub const DISPUTED: &str = "*";
    pub const TIMER: &str = "⏱";
    pub const UP: &str = "▲";
    pub const DOWN: &str = "▼";
    pub const GUESS: &str = "?";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours are used (false: the monochrome theme).
    pub color: bool,
    pub base: Style,
    pub title: Style,
    /// The header bar of a screen.
    pub header: Style,
    pub border: Style,
    pub dim: Style,
    /// Key names in the footer and the help overlay.
    pub key: Style,
    /// The line under the cursor.
    pub cursor: Style,
    /// A picked choice / toggled cell (before grading).
    pub picked: Style,
    pub right: Style,
    pub wrong: Style,
    /// The right answer the learner missed (shown on feedback).
    pub missed: Style,
    pub marked: Style,
    pub warn: Style,
    pub link: Style,
    pub pass: Style,
    pub fail: Style,
    pub gauge: Style,
    pub bar: Style,
    pub customer: Style,
    pub microsoft: Style,
    pub shared: Style,
    pub disputed: Style,
    /// Learn links are OSC 8 hyperlinks (only where the terminal is known to support them).
    pub hyperlinks: bool,
}

/// Whether the terminal is known to show OSC 8 hyperlinks, from its environment (`var` reads a
/// variable). `AZ900_HYPERLINKS=1` / `0` decides; otherwise terminals that advertise themselves
/// (kitty, WezTerm, iTerm2, VS Code, Windows Terminal, foot, Ghostty, VTE 0.50+) and never
/// inside tmux or screen, which may drop or garble them.
pub fn hyperlinks_supported(var: &dyn Fn(&str) -> Option<String>) -> bool {
    if let Some(v) = var("AZ900_HYPERLINKS") {
        return v == "1";
    }
    if var("TMUX").is_some() || var("STY").is_some() {
        return false;
    }
    let term = var("TERM").unwrap_or_default();
    let program = var("TERM_PROGRAM").unwrap_or_default();
    var("KITTY_WINDOW_ID").is_some()
        || var("WT_SESSION").is_some()
        || var("VTE_VERSION")
            .and_then(|v| v.parse::<u32>().ok())
            .is_some_and(|v| v >= 5000)
        || ["WezTerm", "iTerm.app", "vscode", "ghostty"].contains(&program.as_str())
        || ["xterm-kitty", "foot", "xterm-ghostty", "wezterm"].contains(&term.as_str())
}

impl Theme {
    pub fn colored() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            color: true,
            base: Style::new(),
            title: Style::new().fg(Color::Cyan).add_modifier(bold),
            header: Style::new().fg(Color::Black).bg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            dim: Style::new().fg(Color::DarkGray),
            key: Style::new().fg(Color::Yellow).add_modifier(bold),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            picked: Style::new().fg(Color::Cyan).add_modifier(bold),
            right: Style::new().fg(Color::Green).add_modifier(bold),
            wrong: Style::new().fg(Color::Red).add_modifier(bold),
            missed: Style::new()
                .fg(Color::Green)
                .add_modifier(Modifier::UNDERLINED),
            marked: Style::new().fg(Color::Magenta).add_modifier(bold),
            warn: Style::new().fg(Color::Yellow).add_modifier(bold),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            pass: Style::new().fg(Color::Green).add_modifier(bold),
            fail: Style::new().fg(Color::Red).add_modifier(bold),
            gauge: Style::new().fg(Color::Cyan),
            bar: Style::new().fg(Color::Cyan),
            customer: Style::new().fg(Color::Black).bg(Color::LightBlue),
            microsoft: Style::new().fg(Color::Black).bg(Color::LightYellow),
            shared: Style::new().fg(Color::Black).bg(Color::LightGreen),
            disputed: Style::new().fg(Color::Red).add_modifier(bold),
            hyperlinks: false,
        }
    }

    pub fn monochrome() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let plain = Style::new();
        Theme {
            color: false,
            base: plain,
            title: bold,
            header: Style::new().add_modifier(Modifier::REVERSED),
            border: plain,
            dim: Style::new().add_modifier(Modifier::DIM),
            key: bold,
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            picked: bold,
            right: bold,
            wrong: bold,
            missed: Style::new().add_modifier(Modifier::UNDERLINED),
            marked: bold,
            warn: bold,
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            pass: bold,
            fail: bold,
            gauge: plain,
            bar: plain,
            customer: Style::new().add_modifier(Modifier::REVERSED),
            microsoft: plain,
            shared: Style::new().add_modifier(Modifier::UNDERLINED),
            disputed: bold,
            hyperlinks: false,
        }
    }

    /// The monochrome theme when `--no-color` was given or `NO_COLOR` is set to a non-empty
    /// value (<https://no-color.org>), else the colour theme.
    pub fn select(no_color_flag: bool, no_color_env: Option<&str>) -> Theme {
        if no_color_flag || no_color_env.is_some_and(|v| !v.is_empty()) {
            Theme::monochrome()
        } else {
            Theme::colored()
        }
    }

    /// [`Theme::select`] with the process environment, hyperlinks on where
    /// [`hyperlinks_supported`] says so.
    pub fn from_env(no_color_flag: bool) -> Theme {
        let env = std::env::var("NO_COLOR").ok();
        let mut theme = Theme::select(no_color_flag, env.as_deref());
        theme.hyperlinks = hyperlinks_supported(&|k| std::env::var(k).ok());
        theme
    }

    pub fn owner(&self, owner: Owner) -> Style {
        match owner {
            Owner::Customer => self.customer,
            Owner::Microsoft => self.microsoft,
            Owner::Shared => self.shared,
        }
    }

    /// A style for an accuracy between 0 and 1 (the matrix's accuracy view, topic bars).
    pub fn accuracy(&self, ratio: f64) -> Style {
        if !self.color {
            return if ratio < 0.6 {
                Style::new().add_modifier(Modifier::REVERSED)
            } else if ratio < 0.85 {
                Style::new().add_modifier(Modifier::UNDERLINED)
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            };
        }
        let bg = if ratio < 0.6 {
            Color::LightRed
        } else if ratio < 0.85 {
            Color::LightYellow
        } else {
            Color::LightGreen
        };
        Style::new().fg(Color::Black).bg(bg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_selects_the_monochrome_theme() {
        assert!(Theme::select(false, None).color);
        assert!(
            Theme::select(false, Some("")).color,
            "empty NO_COLOR is unset"
        );
        assert!(!Theme::select(false, Some("1")).color);
        assert!(!Theme::select(true, None).color);
    }

    #[test]
    fn monochrome_uses_no_colour_at_all() {
        let t = Theme::monochrome();
        for s in [
            t.base,
            t.title,
            t.header,
            t.border,
            t.dim,
            t.key,
            t.cursor,
            t.picked,
            t.right,
            t.wrong,
            t.missed,
            t.marked,
            t.warn,
            t.link,
            t.pass,
            t.fail,
            t.gauge,
            t.bar,
            t.customer,
            t.microsoft,
            t.shared,
            t.disputed,
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        // Owners stay distinguishable without colour.
        assert_ne!(t.customer, t.microsoft);
        assert_ne!(t.customer, t.shared);
        assert_ne!(t.shared, t.microsoft);
    }
}
