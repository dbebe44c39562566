//! `az900 bank list|coverage|validate|export`: inspect, validate and export the question bank.

use std::io::Write;

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Subcommand, ValueEnum};

use super::open::{bank_error, io_reason, load_bank, resolve_paths};
use super::print_json;
use crate::bank::Bank;
use crate::cli::Global;
use crate::report;

pub fn run(global: &Global, command: BankCommand) -> Result<()> {
    let paths = resolve_paths(global).ok();
    match command {
        BankCommand::List { json } => {
            let bank = load_bank(global, paths.as_ref())?;
            let counts = report::BankCounts::of(&bank);
            if json {
                print_json(&counts)?;
            } else {
                out!("{}", counts.to_text(&bank));
            }
            Ok(())
        }
        BankCommand::Coverage { json } => {
            let bank = load_bank(global, paths.as_ref())?;
            let coverage = crate::bank::coverage::Coverage::of(&bank);
            if json {
                print_json(&coverage)?;
            } else {
                out!("{}", coverage.to_text());
            }
            Ok(())
        }
        BankCommand::Validate { paths: files } => {
            let bank = if files.is_empty() {
                load_bank(global, paths.as_ref())?
            } else {
                let mut all = Vec::new();
                for f in &files {
                    if let Err(e) = std::fs::metadata(f) {
                        bail!("{}: {}", crate::text::path(f), io_reason(&e));
                    }
                    all.push(crate::bank::resolve(f));
                }
                Bank::load(&all).map_err(bank_error)?
            };
            outln!(
                "ok: {} questions over {} concepts",
                bank.len(),
                bank.concepts().len()
            );
            Ok(())
        }
        BankCommand::Export { format } => {
            let bank = load_bank(global, paths.as_ref())?;
            let text = match format {
                ExportFormat::Json => report::export_json(&bank)?,
                ExportFormat::Csv => report::export_csv(&bank),
                ExportFormat::Anki => report::export_anki(&bank),
            };
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.write_all(b"\n"))
                .context("writing the export")?;
            Ok(())
        }
    }
}

#[derive(Debug, Clone, Subcommand)]
pub enum BankCommand {
    /// Counts per skill area, group, kind and concept.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Questions, concepts and kinds per exam objective, the objectives with none first.
    Coverage {
        #[arg(long)]
        json: bool,
    },
    /// Check pack files (default: the embedded bank plus --bank packs) and list every error.
    Validate {
        /// Pack files or directories.
        paths: Vec<PathBuf>,
    },
    /// Export every question, for other tools (Anki, a spreadsheet, scripts); not a pack to load back with --bank.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
    Anki,
}
