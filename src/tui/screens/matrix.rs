//! The responsibility matrix: the grid (owner or accuracy view) and a detail pane for the
//! selected cell: its owner, why, the dispute note, and the learner's answers on it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{block, header_bar};
use crate::rules::Model;
use crate::tui::app::App;
use crate::tui::app::scrolled;
use crate::tui::event::Msg;
use crate::tui::keymap::{Keys, doc};
use crate::tui::text::clean;
use crate::tui::theme::glyph;
use crate::tui::widgets::matrix_grid::{self, MatrixView};
use crate::tui::widgets::scroll::{self, Content};

/// The keys of Matrix (help and footer).
pub const KEYS: Keys = Keys {
    title: "Matrix",
    docs: &[
        doc(
            &[Msg::Up, Msg::Down, Msg::Left, Msg::Right],
            "move between cells",
            Some("move"),
        ),
        doc(
            &[Msg::Toggle],
            "colour by owner / by your accuracy",
            Some("accuracy view"),
        ),
        doc(
            &[Msg::PageUp, Msg::PageDown],
            "scroll the selected cell's details",
            None,
        ),
    ],
};

/// The detail pane's content for the selected cell.
pub fn detail(app: &App) -> Content {
    let theme = &app.theme;
    let rules = &app.service.bank().rules;
    let mut c = Content::new();
    let (row, col) = app.screens.matrix.cursor;
    let Some((li, layer)) = rules.matrix_layers().nth(row) else {
        return c;
    };
    let model = Model::ALL[col.min(3)];
    let cell = rules.cell(li, model);
    c.push(Line::from(vec![
        Span::styled(clean(&layer.name), theme.title),
        Span::raw(" under "),
        Span::styled(model.name(), theme.title),
        Span::raw(": "),
        Span::styled(format!(" {} ", cell.owner.name()), theme.owner(cell.owner)),
    ]));
    if let Some(b) = rules.band(&layer.band) {
        c.push(Line::styled(clean(&b.name), theme.dim));
    }
    c.push(Line::from(clean(&layer.description)));
    if let Some(info) = rules.model_info(model) {
        c.push(Line::styled(clean(&info.description), theme.dim));
    }
    if let Some(note) = rules.dispute_note(li, model) {
        c.blank();
        c.push(Line::from(vec![
            Span::styled(format!("{} Disputed: ", glyph::DISPUTED), theme.disputed),
            Span::raw(clean(note)),
        ]));
    }
    c.blank();
    match matrix_grid::accuracy_of(&app.screens.accuracy, li, model) {
        Some(a) => c.push(Line::from(vec![
            Span::raw("Your answers on this cell: "),
            Span::styled(
                format!("{} of {} right", a.correct, a.total),
                theme.accuracy(f64::from(a.correct) / f64::from(a.total)),
            ),
        ])),
        None => c.push(Line::styled(
            "Your answers on this cell: none yet.",
            theme.dim,
        )),
    }
    c
}

pub fn render(app: &App, header_area: Rect, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let rules = &app.service.bank().rules;
    let view_name = match app.screens.matrix.view {
        MatrixView::Owner => "by owner",
        MatrixView::Accuracy => "by your accuracy",
    };
    header_bar(
        buf,
        header_area,
        vec![Span::raw(format!(
            "Shared responsibility matrix · {view_name}"
        ))],
        vec![Span::raw("Space switches the view")],
        theme,
    );
    let wide = body.width >= 120;
    let grid_w: u16 = if wide { 80.min(body.width) } else { body.width };
    // The grid's text, inside its area (a column in from the left, the last kept for a scroll bar).
    let grid_text_w = scroll::text_width(grid_w.saturating_sub(1));
    let lines = matrix_grid::lines(
        rules,
        &app.screens.accuracy,
        app.screens.matrix.view,
        app.screens.matrix.cursor,
        theme,
        grid_text_w,
    );
    let grid_h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    // A column of margin, the grid, and when wide a column between and the detail pane beside.
    let columns = Layout::horizontal([
        Constraint::Length(1),
        Constraint::Length(grid_w.saturating_sub(1)),
        Constraint::Length(u16::from(wide)),
        Constraint::Fill(1),
    ]);
    let [grid_rows, below] =
        Layout::vertical([Constraint::Length(grid_h), Constraint::Fill(1)]).areas(body);
    let [_, grid_area, _, _] = columns.areas(grid_rows);
    let [_, _, _, beside] = columns.areas(body);
    let mut g = Content::new();
    for (l, row) in lines {
        match row.and_then(|r| u8::try_from(r).ok()) {
            // A click on a cell selects it, as moving there would.
            Some(r) => g.push_spans(
                l,
                matrix_grid::cell_columns(grid_text_w)
                    .filter_map(|(m, from, to)| {
                        Some((from, to, Msg::Cell(r, u8::try_from(m).ok()?)))
                    })
                    .collect(),
            ),
            None => g.push(l),
        }
    }
    g.blank();
    g.push(matrix_grid::legend(app.screens.matrix.view, theme));
    scroll::render(buf, grid_area, &g, Some(0), theme);
    // Wide, the detail pane takes the full height beside the grid (the why, the dispute note
    // and the related questions can be long); narrow, the rows below it.
    let detail_area = if wide { beside } else { below };
    if detail_area.height < 3 {
        return;
    }
    let b = block("Selected cell", theme);
    let inner = b.inner(detail_area);
    b.render(detail_area, buf);
    scroll::render(
        buf,
        inner,
        &detail(app),
        Some(app.screens.matrix.detail_scroll),
        theme,
    );
}

pub struct MatrixState {
    /// (row among the matrix rows, model index).
    pub cursor: (usize, usize),
    pub view: MatrixView,
    /// Scroll of the selected cell's detail pane.
    pub detail_scroll: usize,
}

impl Default for MatrixState {
    fn default() -> MatrixState {
        MatrixState {
            cursor: (0, 1),
            view: MatrixView::Owner,
            detail_scroll: 0,
        }
    }
}

impl App<'_> {
    pub(crate) fn update_matrix(&mut self, msg: Msg) {
        let rows = self.service.bank().rules.matrix_layers().count();
        let (r, c) = self.screens.matrix.cursor;
        let cols = Model::ALL.len();
        // The detail pane is the page drawn last.
        if let Some(s) = scrolled(
            self.screens.matrix.detail_scroll,
            msg,
            self.page(),
            scroll::last_max(),
        )
        .filter(|_| matches!(msg, Msg::PageUp | Msg::PageDown))
        {
            self.screens.matrix.detail_scroll = s;
            return;
        }
        if matches!(
            msg,
            Msg::Up | Msg::Down | Msg::Left | Msg::Right | Msg::Cell(..)
        ) {
            self.screens.matrix.detail_scroll = 0;
        }
        match msg {
            Msg::Up => self.screens.matrix.cursor.0 = r.saturating_sub(1),
            Msg::Down => self.screens.matrix.cursor.0 = (r + 1).min(rows.saturating_sub(1)),
            Msg::Left => self.screens.matrix.cursor.1 = c.saturating_sub(1),
            Msg::Right => self.screens.matrix.cursor.1 = (c + 1).min(cols - 1),
            Msg::Cell(r, c) if usize::from(r) < rows && usize::from(c) < cols => {
                self.screens.matrix.cursor = (usize::from(r), usize::from(c));
            }
            Msg::Toggle | Msg::Enter => {
                self.screens.matrix.view = match self.screens.matrix.view {
                    MatrixView::Owner => MatrixView::Accuracy,
                    MatrixView::Accuracy => MatrixView::Owner,
                }
            }
            Msg::Back => self.go_home(),
            _ => {}
        }
    }
}
