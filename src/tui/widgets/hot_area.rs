//! The hot-area grid: row labels down the left, columns across; arrows move the cell cursor and
//! Space toggles a cell. Long row labels are cut with `…` in the grid and shown in full under it.

use ratatui::text::{Line, Span};

use std::collections::BTreeSet;

use crate::bank::question::{Body, Response};
use crate::tui::answer::{Draft, Value};
use crate::tui::event::Msg;
use crate::tui::text::{self, clean};
use crate::tui::theme::{Theme, glyph};

use super::choice_list::why_line;
use super::scroll::Content;
use crate::tui::keymap::{Keys, doc};

/// The keys of Hot area (help and footer).
pub const KEYS: Keys = Keys {
    title: "Hot area",
    docs: &[
        doc(
            &[Msg::Toggle],
            "select / unselect the focused cell",
            Some("select"),
        ),
        doc(
            &[Msg::Up, Msg::Down, Msg::Left, Msg::Right],
            "move between cells",
            Some("move"),
        ),
    ],
};

/// The column letter of column `c` (A, B, … Z, then AA…).
fn letter(c: usize) -> String {
    let mut n = c;
    let mut out = String::new();
    loop {
        out.insert(0, char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out
}

/// The widths of the row labels and of each column at `width`, and whether the columns are
/// shown by letter: when the column names do not all fit whole beside the row labels, the
/// grid names them A, B, C… (listed in full under it) and the row labels get the room.
fn grid_widths(
    rows: &[crate::bank::question::HotRow],
    columns: &[String],
    width: usize,
) -> (usize, usize, bool) {
    let ncols = columns.len().max(1);
    let want_col = columns
        .iter()
        .map(|c| text::width(c))
        .max()
        .unwrap_or(0)
        .max(5);
    let longest = rows
        .iter()
        .map(|r| text::width(&clean(&r.label)))
        .max()
        .unwrap_or(0)
        .max(4);
    if 2 + longest + ncols * (want_col + 1) <= width {
        return (longest, want_col, false);
    }
    // By letter, a column needs only the room of a cell.
    let col_w = 5;
    let label_w = longest
        .min(width.saturating_sub(2 + ncols * (col_w + 1)))
        .max(4);
    (label_w, col_w, true)
}

fn center(s: &str, w: usize) -> String {
    let sw = text::width(s);
    if sw >= w {
        return text::truncate(s, w);
    }
    let left = (w - sw) / 2;
    format!("{}{s}{}", " ".repeat(left), " ".repeat(w - sw - left))
}

#[allow(clippy::too_many_lines)] // one grid drawn top to bottom: the answer and graded views share its column arithmetic
pub fn render(
    body: &Body,
    draft: &Draft,
    reveal: bool,
    theme: &Theme,
    width: usize,
    out: &mut Content,
) {
    let Body::HotArea {
        columns,
        rows,
        answer,
        one_per_row,
        ..
    } = body
    else {
        return;
    };
    let selected = if let Value::HotArea(s) = &draft.value {
        s.clone()
    } else {
        BTreeSet::new()
    };
    let columns: Vec<String> = columns.iter().map(|c| clean(c)).collect();
    let (label_w, col_w, lettered) = grid_widths(rows, &columns, width);
    let mut cut = false;
    if !reveal {
        // How Space behaves, which says no more than the prompt does (one cell per row, or
        // any number).
        out.push(Line::styled(
            if *one_per_row {
                "Arrows move; Space picks one cell per row (replacing the row's other pick)"
            } else {
                "Arrows move between cells; Space selects or clears one"
            },
            theme.dim,
        ));
        out.blank();
    }
    // Headers cut to a few letters read as nothing: name the columns A, B, C… in the grid
    // and in full under it instead.
    let heads: Vec<String> = if lettered {
        (0..columns.len()).map(letter).collect()
    } else {
        columns.clone()
    };
    let mut head = vec![Span::raw(" ".repeat(label_w + 2))];
    for c in &heads {
        head.push(Span::styled(center(c, col_w), theme.title));
        head.push(Span::raw(" "));
    }
    out.push(Line::from(head));
    for (r, row) in rows.iter().enumerate() {
        let label = clean(&row.label);
        let shown = text::truncate(&label, label_w);
        cut |= shown != label;
        let focused_row = !reveal && draft.cursor == r;
        let mut spans = vec![
            Span::styled(
                if focused_row {
                    format!("{} ", glyph::CURSOR)
                } else {
                    "  ".into()
                },
                theme.key,
            ),
            Span::raw(format!("{shown:<label_w$}", label_w = label_w)),
        ];
        // Pad by width, not chars, for wide labels.
        let pad = label_w.saturating_sub(text::width(&shown));
        spans[1] = Span::raw(format!("{shown}{}", " ".repeat(pad)));
        for c in 0..columns.len() {
            let on = selected.contains(&(r, c));
            let key = answer.contains(&(r, c));
            let (sym, style) = if reveal {
                match (on, key) {
                    (true, true) => (format!("[{}]", glyph::RIGHT), theme.right),
                    (true, false) => (format!("[{}]", glyph::WRONG), theme.wrong),
                    (false, true) => ("[○]".to_string(), theme.missed),
                    (false, false) => ("[ ]".to_string(), theme.dim),
                }
            } else if on {
                (glyph::CHECK_ON.to_string(), theme.picked)
            } else {
                (glyph::CHECK_OFF.to_string(), theme.base)
            };
            let style = if focused_row && draft.col == c {
                style.patch(theme.cursor)
            } else {
                style
            };
            spans.push(Span::styled(center(&sym, col_w), style));
            spans.push(Span::raw(" "));
        }
        if focused_row {
            out.focus_next();
        }
        if reveal {
            out.push(Line::from(spans));
        } else {
            // A click on a cell toggles it.
            let clicks = (0..columns.len())
                .filter_map(|c| {
                    let x = u16::try_from(2 + label_w + c * (col_w + 1)).ok()?;
                    let w = u16::try_from(col_w).ok()?;
                    let msg = Msg::Cell(u8::try_from(r).ok()?, u8::try_from(c).ok()?);
                    Some((x, x + w, msg))
                })
                .collect();
            out.push_spans(Line::from(spans), clicks);
        }
    }
    if lettered {
        out.blank();
        for (c, name) in columns.iter().enumerate() {
            out.push_indented(
                Line::from(vec![
                    Span::styled(format!("  {}  ", letter(c)), theme.title),
                    Span::styled(name.clone(), theme.dim),
                ]),
                5,
            );
        }
    }
    out.blank();
    if reveal {
        out.push(Line::from(vec![
            Span::styled(format!("[{}]", glyph::RIGHT), theme.right),
            Span::raw(" selected, right   "),
            Span::styled(format!("[{}]", glyph::WRONG), theme.wrong),
            Span::raw(" selected, wrong   "),
            Span::styled("[○]", theme.missed),
            Span::raw(" missed"),
        ]));
        // Short feedback: only the cells answered wrong, each named, with its row's why.
        let mut wrong_rows = 0;
        for (r, row) in rows.iter().enumerate() {
            let cells: Vec<(usize, bool)> = (0..columns.len())
                .filter_map(|c| {
                    let on = selected.contains(&(r, c));
                    let key = answer.contains(&(r, c));
                    (on != key).then_some((c, on))
                })
                .collect();
            if cells.is_empty() {
                continue;
            }
            wrong_rows += 1;
            let named: Vec<String> = cells
                .iter()
                .map(|(c, on)| {
                    let col = columns.get(*c).cloned().unwrap_or_default();
                    // The column's name first, what went wrong after it in brackets, so a
                    // long name does not read as a sentence ("… a resource missed").
                    if *on {
                        format!("{col} (selected, not in the answer)")
                    } else {
                        format!("{col} (missed)")
                    }
                })
                .collect();
            out.push_indented(
                Line::from(vec![
                    Span::styled(format!("{} ", glyph::WRONG), theme.wrong),
                    Span::styled(clean(&row.label), theme.title),
                    Span::raw(format!(": {}", named.join(", "))),
                ]),
                2,
            );
            let (why, ind) = why_line(&row.why, 2, theme);
            out.push_indented(why, ind);
        }
        if wrong_rows == 0 {
            out.push(Line::styled(
                format!("{} Every cell right.", glyph::RIGHT),
                theme.right,
            ));
        }
    } else {
        let n = selected.len();
        let mut spans = vec![Span::styled(format!("{n} selected"), theme.dim)];
        if cut && let Some(row) = rows.get(draft.cursor) {
            spans.push(Span::raw(" · row: "));
            spans.push(Span::raw(clean(&row.label)));
        }
        let mut cell = String::new();
        if let Some(c) = columns.get(draft.col) {
            let l = if lettered {
                format!("{} ", letter(draft.col))
            } else {
                String::new()
            };
            cell = format!(" · column: {l}{c}");
        }
        spans.push(Span::styled(cell, theme.dim));
        out.push_indented(Line::from(spans), 2);
    }
}

/// Enter before any cell is selected.
pub const FIRST_PICK: &str = "Select cells first (arrows move, {toggle} selects), then {enter}.";

/// The cells selected in a grid of `rows` × `cols`, from a stored response if any.
pub fn value(rows: usize, cols: usize, response: Option<&Response>) -> Value {
    let mut cells = BTreeSet::new();
    if let Some(Response::HotArea(given)) = response {
        cells.extend(
            given
                .iter()
                .copied()
                .filter(|(r, c)| *r < rows && *c < cols),
        );
    }
    Value::HotArea(cells)
}

/// Keys on a grid of `rows` × `cols` cells: arrows move, Space (or a click) selects or clears
/// a cell, a number toggles that column of the focused row. With `one_per_row`, selecting a
/// cell clears the other cell of its row.
pub fn update(d: &mut Draft, rows: usize, cols: usize, one_per_row: bool, msg: Msg) -> bool {
    if let Some(used) = d.move_rows(msg, rows) {
        return used;
    }
    let cell = match msg {
        Msg::Left | Msg::Right => {
            d.col = if msg == Msg::Right {
                (d.col + 1).min(cols.saturating_sub(1))
            } else {
                d.col.saturating_sub(1)
            };
            return true;
        }
        Msg::Pick(n) if usize::from(n) < cols => (d.cursor, usize::from(n)),
        Msg::Cell(r, c) if usize::from(r) < rows && usize::from(c) < cols => {
            (usize::from(r), usize::from(c))
        }
        Msg::Toggle => (d.cursor, d.col),
        _ => return false,
    };
    (d.cursor, d.col) = cell;
    if let Value::HotArea(s) = &mut d.value
        && !s.remove(&cell)
    {
        if one_per_row {
            s.retain(|(r, _)| *r != cell.0);
        }
        s.insert(cell);
    }
    true
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn grid(width: usize) -> String {
        let mut q = crate::tui::demo::questions()
            .into_iter()
            .find(|q| matches!(q.body, Body::HotArea { .. }))
            .unwrap();
        if let Body::HotArea { columns, rows, .. } = &mut q.body {
            *columns = vec![
                "What resources may look like".into(),
                "Which actions people may take".into(),
                "Whether anyone may delete it".into(),
                "Nothing: it only labels".into(),
            ];
            rows[0].label = "Policy assignment (Azure Policy)".into();
        }
        let order: Vec<usize> = (0..8).collect();
        let draft = Draft::new(&q, &order, None);
        let mut c = Content::new();
        render(&q.body, &draft, false, &Theme::colored(), width, &mut c);
        c.layout(width).0.iter().map(|l| format!("{l}\n")).collect()
    }

    #[test]
    fn column_names_show_whole_or_by_letter_with_a_legend_never_cut() {
        let names = [
            "What resources may look like",
            "Which actions people may take",
            "Whether anyone may delete it",
            "Nothing: it only labels",
        ];
        let wide = grid(200);
        for n in names {
            assert!(wide.contains(n), "{wide}");
        }
        assert!(wide.contains("Policy assignment (Azure Policy)"), "{wide}");
        assert!(!wide.contains('…'), "{wide}");
        let narrow = grid(77);
        let head = narrow.lines().find(|l| l.contains(" A ")).unwrap();
        assert!(head.contains(" B ") && head.contains(" D "), "{narrow}");
        for (l, n) in ["A", "B", "C", "D"].iter().zip(names) {
            let legend = format!("  {l}  {n}");
            assert!(narrow.contains(&legend), "{legend:?} in\n{narrow}");
        }
        // The row labels get the room the letters leave.
        assert!(
            narrow.contains("Policy assignment (Azure Policy)"),
            "{narrow}"
        );
        assert!(!narrow.contains('…'), "{narrow}");
        assert!(!narrow.contains("every cell"), "{narrow}");
    }

    /// A one-cell-per-row grid says so where Space's behaviour is told (a second cell in a
    /// row replaces the first, which nothing on screen said).
    #[test]
    fn the_hint_says_one_cell_per_row_where_a_cell_replaces_its_rows_other() {
        let mut q = crate::tui::demo::questions()
            .into_iter()
            .find(|q| matches!(q.body, Body::HotArea { .. }))
            .unwrap();
        let hint = |q: &crate::bank::Question| {
            let draft = Draft::new(q, &(0..8).collect::<Vec<_>>(), None);
            let mut c = Content::new();
            render(&q.body, &draft, false, &Theme::colored(), 80, &mut c);
            c.layout(80).0[0].to_string()
        };
        assert!(hint(&q).contains("selects or clears one"));
        if let Body::HotArea { one_per_row, .. } = &mut q.body {
            *one_per_row = true;
        }
        assert!(hint(&q).contains("one cell per row"), "{}", hint(&q));
    }
}
