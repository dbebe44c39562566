//! Plain-text and JSON output of the non-interactive commands (`bank`, `stats`, `history`,
//! `reports`, `optimize`) and of the `--plain` session summary. The core gathers the numbers
//! (`crate::study`); this writes the text.

mod bank;
mod export;
mod history;
mod optimize;
mod reports;
mod stats;
mod summary;

pub use bank::BankCounts;
pub use export::{answer_text, export_anki, export_csv, export_json, options_text};
pub use history::{history_line, local_minute};
pub use optimize::optimize_lines;
pub use reports::{report_json, report_text};
pub use summary::{mmss, summary_text};
