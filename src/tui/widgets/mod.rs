//! Widgets: one per question kind, plus the matrix grid, the timer, footers and scrolling text.
//! Question widgets write paragraphs into a [`scroll::Content`], so a long question scrolls as one
//! page with its prompt.

pub mod choice_list;
pub mod dropdown;
pub mod footer;
pub mod hot_area;
pub mod match_board;
pub mod matrix_grid;
pub mod order_list;
pub mod scroll;
pub mod timer;
pub mod yes_no;

use crate::bank::question::{Body, Kind, Question};

use super::answer::Draft;
use super::keymap::Keys;
use super::theme::Theme;
use scroll::Content;

/// The answer widget of `q` for its kind: the learner's draft, or with `reveal` the graded view
/// (✓ right, ✗ wrong, the missed right answers, and the `why` of each part).
pub fn answer(q: &Question, draft: &Draft, reveal: bool, theme: &Theme, width: usize) -> Content {
    let mut out = Content::new();
    match &q.body {
        Body::Single { .. } | Body::Multi { .. } => {
            choice_list::render(&q.body, draft, reveal, theme, &mut out)
        }
        Body::YesNo { .. } => yes_no::render(&q.body, draft, reveal, theme, &mut out),
        Body::Dropdown { .. } => dropdown::render(&q.body, draft, reveal, theme, &mut out),
        Body::Match { .. } => match_board::render(&q.body, draft, reveal, theme, width, &mut out),
        Body::Order { .. } => order_list::render(&q.body, draft, reveal, theme, &mut out),
        Body::HotArea { .. } => hot_area::render(&q.body, draft, reveal, theme, width, &mut out),
    }
    out
}

/// The keys that answer a question of `kind` (help and footer).
pub fn keys(kind: Kind) -> &'static Keys {
    match kind {
        Kind::Single | Kind::Multi => &choice_list::KEYS,
        Kind::Dropdown => &dropdown::KEYS,
        Kind::YesNo => &yes_no::KEYS,
        Kind::Match => &match_board::KEYS,
        Kind::Order => &order_list::KEYS,
        Kind::HotArea => &hot_area::KEYS,
    }
}
