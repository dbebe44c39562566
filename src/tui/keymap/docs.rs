//! What a message does on one screen, as data: each screen, overlay and answer widget declares
//! its [`Keys`] in its own file; the help overlay lists them and the footer shows their hints.

use crate::tui::msg::Msg;

/// What a group of messages does on one screen. `hint` is the short footer text (`None`: help
/// only).
#[derive(Debug, PartialEq, Eq)]
pub struct Doc {
    pub msgs: &'static [Msg],
    pub desc: &'static str,
    pub hint: Option<&'static str>,
}

pub const PICKS: &[Msg] = &[
    Msg::Pick(0),
    Msg::Pick(1),
    Msg::Pick(2),
    Msg::Pick(3),
    Msg::Pick(4),
    Msg::Pick(5),
    Msg::Pick(6),
    Msg::Pick(7),
    Msg::Pick(8),
];

pub const fn doc(msgs: &'static [Msg], desc: &'static str, hint: Option<&'static str>) -> Doc {
    Doc { msgs, desc, hint }
}

/// The keys of one screen, overlay or answer widget: a title for the help and what each
/// message does there, in help order.
#[derive(Debug, PartialEq, Eq)]
pub struct Keys {
    pub title: &'static str,
    pub docs: &'static [Doc],
}
