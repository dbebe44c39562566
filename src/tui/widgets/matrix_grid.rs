//! The responsibility matrix as learners study it: the ten layers (grouped by band) down the
//! left, on-premises / IaaS / PaaS / SaaS across, each cell coloured by owner (or by the
//! learner's accuracy on it), disputed cells marked `*`, the selected cell marked `▶`.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::rules::{Model, Rules};
use crate::tui::text;
use crate::tui::theme::{Theme, glyph};

/// The learner's record on one cell: answers that touched it, and how many were right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellAccuracy {
    /// Index into `Rules::layers`.
    pub layer: usize,
    pub model: Model,
    pub correct: u32,
    pub total: u32,
}

/// What to colour cells by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatrixView {
    #[default]
    Owner,
    Accuracy,
}

pub const CELL_W: usize = 11;

/// The accuracy record of a cell, if any.
pub fn accuracy_of(acc: &[CellAccuracy], layer: usize, model: Model) -> Option<CellAccuracy> {
    acc.iter()
        .find(|a| a.layer == layer && a.model == model && a.total > 0)
        .copied()
}

fn pad(s: &str, w: usize) -> String {
    let s = text::truncate(s, w);
    let fill = w.saturating_sub(text::width(&s));
    format!("{s}{}", " ".repeat(fill))
}

/// The grid's lines. `cursor` is (row among the matrix rows, model index).
pub fn lines(
    rules: &Rules,
    acc: &[CellAccuracy],
    view: MatrixView,
    cursor: (usize, usize),
    theme: &Theme,
    width: usize,
) -> Vec<(Line<'static>, Option<usize>)> {
    let label_w = label_width(width);
    let mut out = Vec::new();
    let mut head = vec![Span::raw(" ".repeat(label_w + 2))];
    for m in Model::ALL {
        let name = rules
            .model_info(m)
            .map(|i| i.short.clone())
            .unwrap_or_else(|| m.name().to_string());
        head.push(Span::styled(pad(&format!(" {name}"), CELL_W), theme.title));
        head.push(Span::raw(" "));
    }
    out.push((Line::from(head), None));
    let mut band: Option<&str> = None;
    for (row, (li, layer)) in rules.matrix_layers().enumerate() {
        if band != Some(layer.band.as_str()) {
            band = Some(layer.band.as_str());
            let name = rules
                .band(&layer.band)
                .map(|b| b.name.clone())
                .unwrap_or_else(|| layer.band.clone());
            out.push((
                Line::styled(
                    text::truncate(&name, width),
                    theme.dim.add_modifier(Modifier::ITALIC),
                ),
                None,
            ));
        }
        let focused_row = cursor.0 == row;
        let mut spans = vec![
            Span::styled(
                if focused_row {
                    format!("{} ", glyph::CURSOR)
                } else {
                    "  ".into()
                },
                theme.key,
            ),
            Span::styled(
                pad(&layer.name, label_w),
                if focused_row { theme.title } else { theme.base },
            ),
        ];
        for m in Model::ALL {
            let cell = rules.cell(li, m);
            let selected = focused_row && cursor.1 == m.index();
            let mark = if cell.disputed { glyph::DISPUTED } else { " " };
            let (label, style) = match view {
                MatrixView::Owner => (cell.owner.name().to_string(), theme.owner(cell.owner)),
                MatrixView::Accuracy => match accuracy_of(acc, li, m) {
                    Some(a) => {
                        let ratio = f64::from(a.correct) / f64::from(a.total);
                        (
                            format!(
                                "{:>3}% {}/{}",
                                crate::text::percent(ratio * 100.0),
                                a.correct,
                                a.total
                            ),
                            theme.accuracy(ratio),
                        )
                    }
                    None => ("   —".to_string(), theme.dim),
                },
            };
            let lead = if selected { glyph::CURSOR } else { " " };
            let body = pad(&format!("{lead}{label}"), CELL_W - 1);
            let style = if selected {
                style.add_modifier(Modifier::BOLD)
            } else {
                style
            };
            spans.push(Span::styled(body, style));
            spans.push(Span::styled(mark.to_string(), theme.disputed));
            spans.push(Span::raw(" "));
        }
        out.push((Line::from(spans), Some(row)));
    }
    out
}

/// The width of the layer names' column in a grid `width` columns wide.
fn label_width(width: usize) -> usize {
    width.saturating_sub(4 * (CELL_W + 1) + 2).clamp(8, 38)
}

/// Where each model's cell sits on a row of [`lines`] drawn `width` columns wide: (model index,
/// first column, column past the end), so a click on a cell can select it.
pub fn cell_columns(width: usize) -> impl Iterator<Item = (usize, u16, u16)> {
    let first = 2 + label_width(width);
    (0..Model::ALL.len()).filter_map(move |m| {
        let from = u16::try_from(first + m * (CELL_W + 1)).ok()?;
        let to = u16::try_from(first + m * (CELL_W + 1) + CELL_W).ok()?;
        Some((m, from, to))
    })
}

/// The legend line for the current view.
pub fn legend(view: MatrixView, theme: &Theme) -> Line<'static> {
    let mut spans = match view {
        MatrixView::Owner => vec![
            Span::styled(" Customer ", theme.customer),
            Span::raw(" "),
            Span::styled(" Microsoft ", theme.microsoft),
            Span::raw(" "),
            Span::styled(" Shared ", theme.shared),
        ],
        MatrixView::Accuracy => vec![
            Span::styled(" <60% ", theme.accuracy(0.0)),
            Span::raw(" "),
            Span::styled(" 60–85% ", theme.accuracy(0.7)),
            Span::raw(" "),
            Span::styled(" ≥85% ", theme.accuracy(1.0)),
            Span::styled("  — not answered yet", theme.dim),
        ],
    };
    spans.push(Span::styled(
        format!("   {} disputed", glyph::DISPUTED),
        theme.disputed,
    ));
    Line::from(spans)
}
