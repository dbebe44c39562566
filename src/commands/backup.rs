//! `az900 backup list|restore`: the daily backups, without opening the database (a damaged
//! one is what a backup is restored over).

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;

use super::open::resolve_paths;
use crate::cli::Global;

pub fn run(global: &Global, command: BackupCommand) -> Result<()> {
    let paths = resolve_paths(global)?;
    match command {
        BackupCommand::List => {
            let list = crate::store::list_backups(&paths.backups())?;
            if list.is_empty() {
                outln!("No backups yet in {}.", paths.backups().display());
            }
            for b in list {
                outln!("{}  {:>9} bytes  {}", b.date, b.bytes, b.path.display());
            }
            Ok(())
        }
        BackupCommand::Restore { file } => {
            let moved = crate::store::restore(&file, &paths.database())?;
            outln!(
                "Restored {} into {}.",
                file.display(),
                paths.database().display()
            );
            if let Some(m) = moved {
                outln!("The previous database was kept as {}.", m.display());
            }
            Ok(())
        }
    }
}

#[derive(Debug, Clone, Subcommand)]
pub enum BackupCommand {
    /// List backups, newest first.
    List,
    /// Replace the progress database with a backup (the current file is moved aside, not deleted).
    Restore { file: PathBuf },
}
