//! Remapped keys: `<config dir>/keys.json` gives actions other keys than the defaults, e.g.
//! `{"flag": "m", "quit": ["q", "Ctrl+Q"]}`. Only what the file names changes; the defaults
//! stay in code (nothing is ever written to the file). A key given to an action replaces that
//! action's default keys; a key already bound to another action is refused, so no key can end
//! up meaning two things. Every problem names the file, line and column.

use std::path::{Path, PathBuf};

use super::keymap::{KEYS, Key};
use super::msg::Msg;
use crate::bank::span::SpanIndex;

/// Actions that can be remapped, by the name the file uses. Picking an option (`1`–`9`,
/// `a`–`e`) keeps its keys.
pub const ACTIONS: &[(&str, Msg)] = &[
    ("up", Msg::Up),
    ("down", Msg::Down),
    ("left", Msg::Left),
    ("right", Msg::Right),
    ("toggle", Msg::Toggle),
    ("enter", Msg::Enter),
    ("flag", Msg::Flag),
    ("previous", Msg::Prev),
    ("next", Msg::Next),
    ("review", Msg::Review),
    ("timer", Msg::Timer),
    ("undo", Msg::Undo),
    ("guess", Msg::Guess),
    ("submit", Msg::Submit),
    ("yes", Msg::Yes),
    ("no", Msg::No),
    ("help", Msg::Help),
    ("back", Msg::Back),
    ("quit", Msg::Quit),
    ("page_up", Msg::PageUp),
    ("page_down", Msg::PageDown),
    ("top", Msg::Top),
    ("bottom", Msg::Bottom),
    ("redraw", Msg::Redraw),
    ("plan", Msg::Plan),
    ("report", Msg::Report),
];

/// Largest keys file read (it holds a few dozen short entries).
const MAX_BYTES: u64 = 64 * 1024;

/// A keys file that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeysError {
    #[error("{}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("{}:{line}:{column}: {field}: {reason}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        /// The entry (`flag`, `quit[1]`).
        field: String,
        reason: String,
    },
}

/// The bindings with `path`'s remappings applied; the defaults if there is no such file.
pub fn load(path: &Path) -> Result<Vec<(Key, Msg)>, KeysError> {
    let unreadable = |reason: String| KeysError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(KEYS.to_vec()),
        Err(e) => return Err(unreadable(e.to_string())),
    };
    if meta.len() > MAX_BYTES {
        return Err(unreadable(format!(
            "{} bytes is too large for a keys file (at most {MAX_BYTES})",
            meta.len()
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
    parse(path, &text)
}

/// [`load`] on text already read.
pub fn parse(path: &Path, text: &str) -> Result<Vec<(Key, Msg)>, KeysError> {
    let spans = SpanIndex::new(text);
    let invalid = |field: &str, key: bool, reason: String| {
        let at = spans
            .locate(field, key)
            .unwrap_or(crate::bank::span::LineCol { line: 1, column: 1 });
        KeysError::Invalid {
            path: path.to_path_buf(),
            line: at.line,
            column: at.column,
            field: field.to_string(),
            reason,
        }
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| KeysError::Invalid {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        field: "(file)".into(),
        reason: format!("not valid JSON: {e}"),
    })?;
    let serde_json::Value::Object(entries) = value else {
        return Err(invalid(
            "",
            false,
            "the file must be one object of action names, e.g. {\"flag\": \"m\"}".into(),
        ));
    };
    let mut remapped: Vec<(Msg, Vec<(Key, String)>)> = Vec::new();
    for (name, keys) in &entries {
        let Some(msg) = ACTIONS.iter().find(|(n, _)| n == name).map(|(_, m)| *m) else {
            let names: Vec<&str> = ACTIONS.iter().map(|(n, _)| *n).collect();
            return Err(invalid(
                name,
                true,
                format!("unknown action (actions: {})", names.join(", ")),
            ));
        };
        let list: Vec<(String, &serde_json::Value)> = match keys {
            serde_json::Value::Array(items) if !items.is_empty() => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{name}[{i}]"), v))
                .collect(),
            serde_json::Value::Array(_) => {
                return Err(invalid(name, false, "give at least one key".into()));
            }
            other => vec![(name.clone(), other)],
        };
        let mut parsed = Vec::new();
        for (field, v) in list {
            let Some(s) = v.as_str() else {
                return Err(invalid(
                    &field,
                    false,
                    "a key is a string such as \"m\", \"Ctrl+X\" or \"PageDown\"".into(),
                ));
            };
            let key = parse_key(s).map_err(|reason| invalid(&field, false, reason))?;
            parsed.push((key, field));
        }
        remapped.push((msg, parsed));
    }
    let replaced: Vec<Msg> = remapped.iter().map(|(m, _)| *m).collect();
    let mut bindings: Vec<(Key, Msg)> = KEYS
        .iter()
        .filter(|(_, m)| !replaced.contains(m))
        .copied()
        .collect();
    for (msg, keys) in remapped {
        for (key, field) in keys {
            if let Some((_, other)) = bindings.iter().find(|(k, _)| *k == key) {
                let owner = ACTIONS
                    .iter()
                    .find(|(_, m)| m == other)
                    .map_or_else(|| "picking an option".to_string(), |(n, _)| n.to_string());
                if *other != msg {
                    return Err(invalid(
                        &field,
                        false,
                        format!("{} is already the key of {owner}", key.label()),
                    ));
                }
                continue;
            }
            bindings.push((key, msg));
        }
    }
    Ok(bindings)
}

/// A key as the file writes it: one character, `Ctrl+<letter>`, or a name (`Space`, `Enter`,
/// `Esc`, `Backspace`, `Up`, `Down`, `Left`, `Right`, `PageUp`, `PageDown`, `Home`, `End`).
pub fn parse_key(s: &str) -> Result<Key, String> {
    let named = [
        ("space", Key::Space),
        ("enter", Key::Enter),
        ("esc", Key::Esc),
        ("backspace", Key::Backspace),
        ("up", Key::Up),
        ("down", Key::Down),
        ("left", Key::Left),
        ("right", Key::Right),
        ("pageup", Key::PageUp),
        ("pagedown", Key::PageDown),
        ("home", Key::Home),
        ("end", Key::End),
    ];
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(' '), None) => return Ok(Key::Space),
        (Some(c), None) if !c.is_control() => return Ok(Key::Char(c)),
        _ => {}
    }
    let lower = s.to_ascii_lowercase();
    if let Some((_, k)) = named.iter().find(|(n, _)| *n == lower) {
        return Ok(*k);
    }
    if let Some(rest) = lower.strip_prefix("ctrl+") {
        let mut c = rest.chars();
        if let (Some(c), None) = (c.next(), c.next())
            && c.is_ascii_alphabetic()
        {
            // Ctrl+I is Tab and Ctrl+M is Enter in a terminal: they cannot be told apart.
            if c == 'i' || c == 'm' {
                return Err(format!("{s:?} cannot be told apart from Tab or Enter"));
            }
            return Ok(Key::Ctrl(c));
        }
    }
    Err(format!(
        "{s:?} is not a key: use one character, Ctrl+<letter>, or one of Space, Enter, Esc, \
         Backspace, Up, Down, Left, Right, PageUp, PageDown, Home, End (F-keys and Shift+Tab \
         are left out: many terminals swallow them)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> PathBuf {
        PathBuf::from("/home/me/.config/az900/keys.json")
    }

    fn key_of(bindings: &[(Key, Msg)], msg: Msg) -> Vec<Key> {
        bindings
            .iter()
            .filter(|(_, m)| *m == msg)
            .map(|(k, _)| *k)
            .collect()
    }

    #[test]
    fn a_remapped_action_gets_the_new_keys_instead_of_the_defaults() {
        let b = parse(&path(), r#"{"flag": "m", "quit": ["q", "Ctrl+Q"]}"#).unwrap();
        assert_eq!(key_of(&b, Msg::Flag), [Key::Char('m')]);
        assert_eq!(key_of(&b, Msg::Quit), [Key::Char('q'), Key::Ctrl('q')]);
        assert!(
            !b.iter().any(|(k, _)| *k == Key::Char('f')),
            "f is free now"
        );
        assert_eq!(
            key_of(&b, Msg::Guess),
            key_of(KEYS, Msg::Guess),
            "the rest as before"
        );
        // The freed key can go to another action.
        let b = parse(&path(), r#"{"flag": "m", "report": "f"}"#).unwrap();
        assert_eq!(key_of(&b, Msg::Report), [Key::Char('f')]);
    }

    #[test]
    fn no_file_means_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&dir.path().join("keys.json")).unwrap(), KEYS.to_vec());
    }

    #[test]
    fn each_mistake_names_the_line_column_and_entry() {
        let cases = [
            (
                "{\n  \"flag\": \"m\",\n  \"flg\": \"x\"\n}",
                3,
                3,
                "flg",
                "unknown action",
            ),
            ("{\n  \"flag\": \"F1\"\n}", 2, 11, "flag", "is not a key"),
            (
                "{\n  \"quit\": [\"q\", 7]\n}",
                2,
                17,
                "quit[1]",
                "a key is a string",
            ),
            (
                "{\n  \"flag\": \"a\"\n}",
                2,
                11,
                "flag",
                "a is already the key of picking an option",
            ),
            (
                "{\n  \"flag\": \"u\"\n}",
                2,
                11,
                "flag",
                "u is already the key of undo",
            ),
            ("{\n  \"flag\": []\n}", 2, 11, "flag", "at least one key"),
            ("{\n  \"flag\": \"Ctrl+I\"\n}", 2, 11, "flag", "Tab"),
            ("[\"flag\"]", 1, 1, "", "one object"),
            ("{\"flag\": \"m\",}", 1, 14, "(file)", "not valid JSON"),
        ];
        for (text, line, column, field, reason) in cases {
            let err = parse(&path(), text).unwrap_err();
            let KeysError::Invalid {
                line: l,
                column: c,
                field: f,
                reason: r,
                ..
            } = &err
            else {
                panic!("{err:?}");
            };
            assert_eq!((*l, *c, f.as_str()), (line, column, field), "{text}: {err}");
            assert!(r.contains(reason), "{text}: {err}");
            assert!(
                err.to_string().starts_with(&format!(
                    "/home/me/.config/az900/keys.json:{line}:{column}: "
                )),
                "{err}"
            );
        }
    }

    #[test]
    fn key_names_parse_case_insensitively() {
        assert_eq!(parse_key("PageDown"), Ok(Key::PageDown));
        assert_eq!(parse_key("esc"), Ok(Key::Esc));
        assert_eq!(parse_key("ctrl+x"), Ok(Key::Ctrl('x')));
        assert_eq!(parse_key(" "), Ok(Key::Space));
        assert_eq!(parse_key("é"), Ok(Key::Char('é')));
        assert!(parse_key("").is_err());
        assert!(parse_key("\u{1b}").is_err());
        assert!(parse_key("Shift+Tab").is_err());
    }

    #[test]
    fn every_action_name_is_unique_and_every_message_but_picks_and_ticks_is_remappable() {
        let mut names: Vec<&str> = ACTIONS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ACTIONS.len());
        for (_, m) in KEYS {
            if !matches!(m, Msg::Pick(_)) {
                assert!(ACTIONS.iter().any(|(_, a)| a == m), "{m:?} has no name");
            }
        }
    }
}
