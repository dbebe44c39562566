//! The match board: items on the left with the category each is assigned to, the categories
//! (numbered, with how many items each holds) on the right.

use ratatui::text::{Line, Span};

use crate::bank::question::{Body, Response};
use crate::tui::answer::{Draft, Value};
use crate::tui::text::{self, clean};
use crate::tui::theme::{Theme, glyph};

use super::choice_list::{cursor_span, key_label, why_line};
use super::scroll::Content;
use crate::tui::keymap::{Keys, PICKS, doc};
use crate::tui::msg::Msg;

/// The keys of Match (help and footer).
pub const KEYS: Keys = Keys {
    title: "Match",
    docs: &[
        doc(
            PICKS,
            "give the focused item the category with this number",
            Some("category"),
        ),
        doc(
            &[Msg::Left, Msg::Right, Msg::Toggle],
            "previous / next category for the focused item",
            None,
        ),
        doc(&[Msg::Up, Msg::Down], "move between items", None),
    ],
};

#[allow(clippy::too_many_lines)] // one board drawn top to bottom: the answer and graded views share its column arithmetic
pub fn render(
    body: &Body,
    draft: &Draft,
    reveal: bool,
    theme: &Theme,
    width: usize,
    out: &mut Content,
) {
    let Body::Match { categories, items } = body else {
        return;
    };
    let assigned = if let Value::Match(v) = &draft.value {
        v.clone()
    } else {
        vec![None; items.len()]
    };
    let cat_name = |c: usize| categories.get(c).map(|s| clean(s)).unwrap_or_default();
    // The category panel, as lines of its own.
    let mut panel: Vec<Line<'static>> = vec![Line::styled("Categories", theme.title)];
    for (c, name) in categories.iter().enumerate() {
        let n = assigned.iter().filter(|a| **a == Some(c)).count();
        panel.push(Line::from(vec![
            Span::styled(format!("{} ", key_label(c)), theme.key),
            Span::raw(clean(name)),
            Span::styled(format!(" ({n})"), theme.dim),
        ]));
    }
    let panel_w = panel
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let side_by_side = !reveal && width >= 60;
    if !side_by_side && !reveal {
        for l in &panel {
            out.push(l.clone());
        }
        out.blank();
    }
    let left_w = if side_by_side {
        width.saturating_sub(panel_w + 3)
    } else {
        width
    };
    let mut rows: Vec<(Line<'static>, usize, bool)> = Vec::new();
    for (pos, &i) in draft.order.iter().enumerate() {
        let Some(item) = items.get(i) else {
            continue;
        };
        let focused = !reveal && draft.cursor == pos;
        let got = assigned.get(i).copied().flatten();
        let mut spans = vec![cursor_span(focused, theme)];
        if reveal {
            let right = got == Some(item.category);
            spans.push(if right {
                Span::styled(format!("{} ", glyph::RIGHT), theme.right)
            } else {
                Span::styled(format!("{} ", glyph::WRONG), theme.wrong)
            });
        }
        let indent: usize = spans.iter().map(|s| s.width()).sum::<usize>() + 2;
        spans.push(Span::raw(clean(&item.text)));
        spans.push(Span::styled(" → ", theme.dim));
        match got {
            Some(c) => spans.push(Span::styled(slot(&cat_name(c)), theme.picked)),
            None => spans.push(Span::styled(slot("   ?   "), theme.dim)),
        }
        if reveal && got != Some(item.category) {
            spans.push(Span::styled(
                format!(
                    "  answer:\u{a0}{}",
                    cat_name(item.category).replace(' ', "\u{a0}")
                ),
                theme.missed,
            ));
        }
        let mut line = Line::from(spans);
        if focused {
            line = line.style(theme.cursor);
        }
        rows.push((line, indent.min(4), focused));
        if reveal {
            let (why, ind) = why_line(&item.why, 4, theme);
            rows.push((why, ind, false));
        }
    }
    if !side_by_side {
        for (line, indent, focused) in rows {
            if focused {
                out.focus_next();
            }
            out.push_indented(line, indent);
        }
        return;
    }
    // Side by side: wrap the items to the left column, then put the panel beside them.
    let mut left: Vec<(Line<'static>, bool)> = Vec::new();
    for (line, indent, focused) in rows {
        for l in text::wrap(&line, left_w, indent) {
            left.push((l, focused));
        }
    }
    // The panel's long names wrap inside its column, under the name (never back to column 0).
    let panel: Vec<Line<'static>> = panel
        .iter()
        .flat_map(|l| text::wrap(l, panel_w.max(1), 2))
        .collect();
    let n = left.len().max(panel.len());
    for k in 0..n {
        let (mut line, focused) = left
            .get(k)
            .cloned()
            .unwrap_or_else(|| (Line::default(), false));
        let pad = left_w.saturating_sub(line.width());
        let mut spans = std::mem::take(&mut line.spans);
        spans.push(Span::styled(" ".repeat(pad), line.style));
        spans.push(Span::styled(" │ ", theme.border));
        if let Some(p) = panel.get(k) {
            spans.extend(p.spans.iter().cloned());
        }
        let mut row = Line::from(spans);
        row.style = if focused { theme.base } else { line.style };
        if focused && out.focus.is_none() {
            out.focus_next();
        }
        out.push(row);
    }
}

/// An item's slot, `[Category]`, kept on one line when the item wraps (its spaces do not
/// break: a slot split as "[ARM" / "templates]" reads as two things).
pub fn slot(name: &str) -> String {
    format!("[{}]", name.replace(' ', "\u{a0}"))
}

/// Enter before any item has a category.
pub const FIRST_PICK: &str =
    "Give each item a category first (1–9, or {left}/{right}), then {enter}.";

/// The categories given to `rows` items (of `categories`), from a stored response if any.
pub fn value(rows: usize, categories: usize, response: Option<&Response>) -> Value {
    let mut v = vec![None; rows];
    if let Some(Response::Match(a)) = response {
        for (slot, x) in v.iter_mut().zip(a) {
            *slot = x.filter(|c| *c < categories);
        }
    }
    Value::Match(v)
}

/// Keys on `rows` items and `categories` categories: a number gives the focused item that
/// category and moves on; ← / → (and Space) cycle its category.
pub fn update(d: &mut Draft, rows: usize, categories: usize, msg: Msg) -> bool {
    if let Some(used) = d.move_rows(msg, rows) {
        return used;
    }
    let own = d.own_index();
    let Value::Match(v) = &mut d.value else {
        return false;
    };
    let slot = own.and_then(|i| v.get_mut(i));
    match msg {
        Msg::Left | Msg::Right | Msg::Toggle => {
            if let Some(slot) = slot
                && categories > 0
            {
                let right = msg != Msg::Left;
                *slot = Some(match (*slot, right) {
                    (None, true) => 0,
                    (None, false) => categories - 1,
                    (Some(c), true) => (c + 1) % categories,
                    (Some(c), false) => (c + categories - 1) % categories,
                });
            }
            true
        }
        Msg::Pick(n) => {
            let n = usize::from(n);
            if n >= categories {
                return false;
            }
            if let Some(slot) = slot {
                *slot = Some(n);
            }
            d.advance(rows);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    /// QA (`practice --seed 11`, question 3): a long category name wrapped to column 0 and
    /// broke the two columns (`Physical datacenter → [   ?   ]   │ 3 Never: the customer's` /
    /// `in every model (0)`). The name wraps inside the panel, under itself.
    #[test]
    fn long_category_names_wrap_inside_their_column() {
        let body = Body::Match {
            categories: vec![
                "Always the customer's, in every cloud model".into(),
                "Shared between Microsoft and the customer, depending on the model".into(),
                "Never: the customer's responsibility is Microsoft's in every model".into(),
            ],
            items: [
                "Physical datacenter",
                "Information and data",
                "Identity and directory infrastructure",
                "Applications",
            ]
            .iter()
            .map(|t| crate::bank::kind::MatchItem {
                text: (*t).into(),
                category: 0,
                why: String::new(),
            })
            .collect(),
        };
        let draft = Draft {
            kind: crate::bank::question::Kind::Match,
            order: vec![0, 1, 2, 3],
            cursor: 0,
            col: 0,
            holding: false,
            dirty: false,
            given: false,
            value: Value::Match(vec![None; 4]),
        };
        for width in [76, 97] {
            let mut out = Content::new();
            render(&body, &draft, false, &Theme::monochrome(), width, &mut out);
            let (lines, _) = out.layout(width);
            assert_eq!(lines.len(), out.paras.len(), "{width}: a row wrapped");
            let bars: Vec<Option<usize>> = lines
                .iter()
                .map(|l| {
                    let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                    t.chars().position(|c| c == '│')
                })
                .collect();
            assert!(
                bars.iter().all(|b| b.is_some() && *b == bars[0]),
                "{width}: {bars:?}"
            );
            let rows: Vec<String> = lines
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect();
            let bar = bars[0].unwrap_or(0);
            for r in &rows {
                let after: String = r.chars().skip(bar + 2).collect();
                assert!(
                    after.is_empty()
                        || after.starts_with("Categories")
                        || after.starts_with(|c: char| c.is_ascii_digit())
                        || after.starts_with("  "),
                    "{width}: {rows:#?}"
                );
            }
        }
    }

    #[test]
    fn a_slot_never_breaks_across_lines_when_its_item_wraps() {
        for name in ["   ?   ", "ARM templates", "Both"] {
            let s = slot(name);
            let item = "A concise syntax designed to be easier to read";
            let line = Line::from(format!("{item} → {s}"));
            for width in 20..70 {
                let rows: Vec<String> = text::wrap(&line, width, 2)
                    .iter()
                    .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                    .collect();
                let whole = rows.iter().filter(|r| r.contains(&s)).count();
                assert_eq!(whole, 1, "{width}: {rows:?}");
            }
        }
    }
}
