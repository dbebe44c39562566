//! Keys as data. A [`Keymap`] (a value the app owns: [`KEYS`] or the learner's remapped keys)
//! binds keys to messages; each screen's [`Keys`] (in its own file) say what each message does
//! there. The help
//! overlay and the footer hints are generated from both, so a hint can never name a key that
//! does something else.

pub mod docs;

pub use docs::{Doc, Keys, PICKS, doc};

use super::msg::Msg;

/// A key, as the keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Space,
    Up,
    Down,
    Left,
    Right,
    Enter,
    Esc,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
}

impl Key {
    pub fn label(self) -> String {
        match self {
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Space => "Space".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Backspace => "Backspace".into(),
        }
    }
}

/// Every binding. Letters `a`–`e` pick choices like `1`–`5`; `f`, `g` and `h` are commands, so
/// choices past the fifth are picked by digit or with the cursor.
pub const KEYS: &[(Key, Msg)] = &[
    (Key::Up, Msg::Up),
    (Key::Char('k'), Msg::Up),
    (Key::Down, Msg::Down),
    (Key::Char('j'), Msg::Down),
    (Key::Left, Msg::Left),
    (Key::Char('h'), Msg::Left),
    (Key::Right, Msg::Right),
    (Key::Char('l'), Msg::Right),
    (Key::Char('1'), Msg::Pick(0)),
    (Key::Char('2'), Msg::Pick(1)),
    (Key::Char('3'), Msg::Pick(2)),
    (Key::Char('4'), Msg::Pick(3)),
    (Key::Char('5'), Msg::Pick(4)),
    (Key::Char('6'), Msg::Pick(5)),
    (Key::Char('7'), Msg::Pick(6)),
    (Key::Char('8'), Msg::Pick(7)),
    (Key::Char('9'), Msg::Pick(8)),
    (Key::Char('a'), Msg::Pick(0)),
    (Key::Char('b'), Msg::Pick(1)),
    (Key::Char('c'), Msg::Pick(2)),
    (Key::Char('d'), Msg::Pick(3)),
    (Key::Char('e'), Msg::Pick(4)),
    (Key::Space, Msg::Toggle),
    (Key::Enter, Msg::Enter),
    (Key::Char('f'), Msg::Flag),
    (Key::Char('['), Msg::Prev),
    (Key::Char(']'), Msg::Next),
    (Key::Char('r'), Msg::Review),
    (Key::Char('t'), Msg::Timer),
    (Key::Char('p'), Msg::Plan),
    (Key::Char('!'), Msg::Report),
    (Key::Char('u'), Msg::Undo),
    (Key::Char('g'), Msg::Guess),
    (Key::Char('s'), Msg::Submit),
    (Key::Char('y'), Msg::Yes),
    (Key::Char('n'), Msg::No),
    (Key::Char('?'), Msg::Help),
    (Key::Esc, Msg::Back),
    (Key::Backspace, Msg::Back),
    (Key::Char('q'), Msg::Quit),
    (Key::Ctrl('c'), Msg::Quit),
    (Key::PageUp, Msg::PageUp),
    (Key::Ctrl('u'), Msg::PageUp),
    (Key::PageDown, Msg::PageDown),
    (Key::Ctrl('d'), Msg::PageDown),
    (Key::Home, Msg::Top),
    (Key::End, Msg::Bottom),
    (Key::Ctrl('l'), Msg::Redraw),
];

/// The bindings in force, owned by the app: [`KEYS`] by default, or the learner's remapped keys
/// (`keys_config`). Each key means at most one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Key, Msg)>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::new(KEYS.to_vec())
    }
}

impl Keymap {
    pub fn new(bindings: Vec<(Key, Msg)>) -> Keymap {
        Keymap { bindings }
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> &[(Key, Msg)] {
        &self.bindings
    }

    /// The message bound to `key`, if any.
    pub fn lookup(&self, key: Key) -> Option<Msg> {
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, m)| *m)
    }

    /// The keys bound to any of `msgs`, as a compact label ("↑ k ↓ j", "1–9 a–e").
    pub fn keys_label(&self, msgs: &[Msg]) -> String {
        let keys: Vec<Key> = self
            .bindings
            .iter()
            .filter(|(_, m)| msgs.contains(m))
            .map(|(k, _)| *k)
            .collect();
        let mut parts: Vec<String> = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            // Collapse runs of three or more consecutive characters ("1–9").
            if let Key::Char(start) = keys[i] {
                let mut j = i;
                while j + 1 < keys.len()
                    && matches!((keys[j], keys[j + 1]), (Key::Char(a), Key::Char(b)) if b as u32 == a as u32 + 1)
                {
                    j += 1;
                }
                if j >= i + 2
                    && let Key::Char(end) = keys[j]
                {
                    parts.push(format!("{start}–{end}"));
                    i = j + 1;
                    continue;
                }
            }
            parts.push(keys[i].label());
            i += 1;
        }
        parts.join(" ")
    }

    /// The first key bound to any of `msgs` (for footers, where space is short).
    pub fn first_key(&self, msgs: &[Msg]) -> String {
        let has = |m: Msg| msgs.contains(&m);
        if msgs.len() > 2 && msgs.iter().all(|m| matches!(m, Msg::Pick(_))) {
            return self
                .keys_label(&msgs[..msgs.len().min(9)])
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_string();
        }
        if has(Msg::Left)
            && has(Msg::Right)
            && !has(Msg::Up)
            && self.lookup(Key::Left) == Some(Msg::Left)
            && self.lookup(Key::Right) == Some(Msg::Right)
        {
            return "←→".into();
        }
        if has(Msg::Up)
            && has(Msg::Down)
            && self.lookup(Key::Up) == Some(Msg::Up)
            && self.lookup(Key::Down) == Some(Msg::Down)
        {
            return if has(Msg::Left) {
                "↑↓←→".into()
            } else {
                "↑↓".into()
            };
        }
        self.bindings
            .iter()
            .find(|(_, m)| msgs.contains(m))
            .map(|(k, _)| match (k, msgs.len()) {
                // "[ ]" reads better than "[" for a pair.
                (Key::Char('['), 2) => "[ ]".to_string(),
                _ => k.label(),
            })
            .unwrap_or_default()
    }

    /// Footer hints for the given screens' keys: `(key, hint)` in table order.
    pub fn hints(&self, keys: &[&Keys]) -> Vec<(String, &'static str)> {
        keys.iter()
            .flat_map(|k| k.docs)
            .filter_map(|d| d.hint.map(|h| (self.first_key(d.msgs), h)))
            .collect()
    }

    /// [`hints`] with the message each stands for (a click on the hint sends it).
    pub fn hint_msgs(&self, keys: &[&Keys]) -> Vec<(String, &'static str, Msg)> {
        keys.iter()
            .flat_map(|k| k.docs)
            .filter_map(|d| {
                let msg = d.msgs.first().copied()?;
                d.hint.map(|h| (self.first_key(d.msgs), h, msg))
            })
            .collect()
    }

    /// Help rows for one screen's keys: `(keys, description)`.
    pub fn help_rows(&self, keys: &Keys) -> Vec<(String, &'static str)> {
        keys.docs
            .iter()
            .map(|d| (self.keys_label(d.msgs), d.desc))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::screens::Ctx;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = HashSet::new();
        for (k, _) in KEYS {
            assert!(seen.insert(*k), "{k:?} bound twice");
        }
    }

    #[test]
    fn every_documented_message_has_a_key() {
        for d in Ctx::every().iter().flat_map(|c| c.keys().docs) {
            assert!(
                !Keymap::default().keys_label(d.msgs).is_empty(),
                "{} has no key",
                d.desc
            );
        }
    }

    #[test]
    fn labels_collapse_runs_and_list_alternatives() {
        let k = Keymap::default();
        assert_eq!(k.keys_label(PICKS), "1–9 a–e");
        assert_eq!(k.keys_label(&[Msg::Up, Msg::Down]), "↑ k ↓ j");
        assert_eq!(k.keys_label(&[Msg::Quit]), "q Ctrl+C");
        assert_eq!(k.first_key(&[Msg::Prev, Msg::Next]), "[ ]");
        assert_eq!(k.first_key(PICKS), "1–9");
        assert_eq!(k.first_key(&[Msg::Up, Msg::Down, Msg::PageUp]), "↑↓");
    }

    #[test]
    fn hints_follow_the_table() {
        let h = Keymap::default().hints(&[Ctx::Feedback.keys()]);
        assert!(h.contains(&("u".to_string(), "undo")));
        assert!(h.contains(&("Enter".to_string(), "continue")));
    }

    #[test]
    fn no_function_keys_or_shift_tab() {
        // Terminals eat F1 and Shift+Tab; the Key type cannot even name them.
        assert!(KEYS.iter().all(|(k, _)| !matches!(k, Key::Ctrl('i'))));
    }
}
