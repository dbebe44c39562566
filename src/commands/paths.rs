//! `az900 paths`: where the app keeps its files.

use anyhow::Result;

use super::open::resolve_paths;
use crate::cli::Global;

pub fn run(global: &Global) -> Result<()> {
    let paths = resolve_paths(global)?;
    outln!("data      {}", paths.data_dir.display());
    outln!("database  {}", paths.database().display());
    outln!("backups   {}", paths.backups().display());
    outln!("packs     {}", paths.user_packs().display());
    outln!("keys      {}", paths.keys_file().display());
    Ok(())
}
