//! Where the mouse can click: each frame records the rows (and spans) that stand for a key (a
//! choice is its number, a footer hint its key, a menu entry its number), and a click is turned
//! into that key's message. The keyboard stays first: a click only ever does what a key does.

use std::cell::RefCell;

use ratatui::layout::Rect;

use super::event::Msg;

thread_local! {
    static HITS: RefCell<Vec<(Rect, Msg)>> = const { RefCell::new(Vec::new()) };
}

/// Forgets the last frame's regions (called as a frame starts).
pub fn clear() {
    HITS.with(|h| h.borrow_mut().clear());
}

/// Records that a click inside `area` means `msg`.
pub fn add(area: Rect, msg: Msg) {
    if area.width > 0 && area.height > 0 {
        HITS.with(|h| h.borrow_mut().push((area, msg)));
    }
}

/// What a click at (`x`, `y`) means in the last frame drawn (the region drawn last wins).
pub fn at(x: u16, y: u16) -> Option<Msg> {
    HITS.with(|h| {
        h.borrow()
            .iter()
            .rev()
            .find(|(r, _)| x >= r.x && x < r.right() && y >= r.y && y < r.bottom())
            .map(|(_, m)| *m)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_region_over_a_point_wins_and_clear_forgets() {
        clear();
        add(Rect::new(0, 0, 10, 2), Msg::Enter);
        add(Rect::new(2, 1, 3, 1), Msg::Pick(1));
        assert_eq!(at(3, 1), Some(Msg::Pick(1)));
        assert_eq!(at(0, 1), Some(Msg::Enter));
        assert_eq!(at(11, 0), None);
        clear();
        assert_eq!(at(3, 1), None);
    }
}
