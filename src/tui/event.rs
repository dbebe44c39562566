//! Input normalized at the edge: one function turns a terminal event into a [`Msg`]. Nothing past
//! it sees a key event; which key means what is data in the app's [`Keymap`].

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::keymap::{Key, Keymap};
pub use super::msg::Msg;

/// The one place a terminal event becomes a message: key presses only (never repeats or
/// releases, which some terminals report), resizes become [`Msg::Redraw`], a left click
/// [`Msg::Click`] and the wheel [`Msg::WheelUp`] / [`Msg::WheelDown`].
pub fn to_msg(event: Event, keymap: &Keymap) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => key_to_msg(key, keymap),
        Event::Resize(_, _) => Some(Msg::Redraw),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Msg::WheelUp),
            MouseEventKind::ScrollDown => Some(Msg::WheelDown),
            _ => None,
        },
        _ => None,
    }
}

fn key_to_msg(key: KeyEvent, keymap: &Keymap) -> Option<Msg> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let k = match key.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(' ') => Key::Space,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Backspace => Key::Backspace,
        _ => return None,
    };
    keymap.lookup(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventState, MouseEvent};

    fn press(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn only_presses_become_messages() {
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(to_msg(Event::Key(release), &Keymap::default()), None);
        let repeat = KeyEvent {
            code: KeyCode::Enter,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Repeat,
            state: KeyEventState::NONE,
        };
        assert_eq!(to_msg(Event::Key(repeat), &Keymap::default()), None);
        assert_eq!(
            to_msg(press(KeyCode::Char('q')), &Keymap::default()),
            Some(Msg::Quit)
        );
    }

    #[test]
    fn resize_redraws_and_other_events_are_ignored() {
        assert_eq!(
            to_msg(Event::Resize(10, 3), &Keymap::default()),
            Some(Msg::Redraw)
        );
        assert_eq!(to_msg(Event::FocusGained, &Keymap::default()), None);
        let mouse = MouseEvent {
            kind: MouseEventKind::Moved,
            column: 0,
            row: 0,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(to_msg(Event::Mouse(mouse), &Keymap::default()), None);
        let click = MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 7,
            row: 3,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(
            to_msg(Event::Mouse(click), &Keymap::default()),
            Some(Msg::Click(7, 3))
        );
        let wheel = MouseEvent {
            kind: MouseEventKind::ScrollDown,
            ..click
        };
        assert_eq!(
            to_msg(Event::Mouse(wheel), &Keymap::default()),
            Some(Msg::WheelDown)
        );
    }

    #[test]
    fn arrows_and_vim_keys_move() {
        for (code, msg) in [
            (KeyCode::Up, Msg::Up),
            (KeyCode::Char('k'), Msg::Up),
            (KeyCode::Down, Msg::Down),
            (KeyCode::Char('j'), Msg::Down),
            (KeyCode::Left, Msg::Left),
            (KeyCode::Char('h'), Msg::Left),
            (KeyCode::Right, Msg::Right),
            (KeyCode::Char('l'), Msg::Right),
        ] {
            assert_eq!(
                to_msg(press(code), &Keymap::default()),
                Some(msg),
                "{code:?}"
            );
        }
    }

    #[test]
    fn digits_and_letters_pick_choices() {
        assert_eq!(
            to_msg(press(KeyCode::Char('1')), &Keymap::default()),
            Some(Msg::Pick(0))
        );
        assert_eq!(
            to_msg(press(KeyCode::Char('9')), &Keymap::default()),
            Some(Msg::Pick(8))
        );
        assert_eq!(
            to_msg(press(KeyCode::Char('a')), &Keymap::default()),
            Some(Msg::Pick(0))
        );
        assert_eq!(
            to_msg(press(KeyCode::Char('e')), &Keymap::default()),
            Some(Msg::Pick(4))
        );
        assert_eq!(to_msg(press(KeyCode::Char('0')), &Keymap::default()), None);
    }

    #[test]
    fn the_issue_keys_map_to_their_commands() {
        for (c, msg) in [
            (' ', Msg::Toggle),
            ('f', Msg::Flag),
            ('[', Msg::Prev),
            (']', Msg::Next),
            ('r', Msg::Review),
            ('t', Msg::Timer),
            ('u', Msg::Undo),
            ('g', Msg::Guess),
            ('?', Msg::Help),
            ('q', Msg::Quit),
            ('s', Msg::Submit),
            ('y', Msg::Yes),
            ('n', Msg::No),
        ] {
            assert_eq!(
                to_msg(press(KeyCode::Char(c)), &Keymap::default()),
                Some(msg),
                "{c:?}"
            );
        }
        assert_eq!(
            to_msg(press(KeyCode::Enter), &Keymap::default()),
            Some(Msg::Enter)
        );
        assert_eq!(
            to_msg(press(KeyCode::Esc), &Keymap::default()),
            Some(Msg::Back)
        );
    }

    #[test]
    fn ctrl_c_quits_and_terminal_eaten_keys_are_unused() {
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(to_msg(ctrl_c, &Keymap::default()), Some(Msg::Quit));
        assert_eq!(to_msg(press(KeyCode::F(1)), &Keymap::default()), None);
        assert_eq!(to_msg(press(KeyCode::BackTab), &Keymap::default()), None);
    }
}
