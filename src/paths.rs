//! Where az900 keeps its files: `--data-dir` > `AZ900_DATA_DIR` > the XDG data dir.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

/// The resolved locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Holds the progress database and its backups.
    pub data_dir: PathBuf,
    /// Holds extra question packs (`packs/`) the user adds.
    pub config_dir: PathBuf,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PathsError {
    #[error("the data directory must be an absolute path, got {0:?} (try \"$PWD/{0}\")")]
    Relative(String),
    #[error("the data directory {0:?} is empty")]
    Empty(String),
    #[error(
        "cannot find a home directory to keep progress in; pass --data-dir or set AZ900_DATA_DIR"
    )]
    NoHome,
}

impl Paths {
    /// Resolves the directories from the flag, then the environment value, then XDG defaults.
    pub fn resolve(flag: Option<&Path>, env: Option<&str>) -> Result<Paths, PathsError> {
        let strategy = etcetera::choose_base_strategy().ok();
        let data_dir = match (flag, env) {
            (Some(p), _) => checked(p)?,
            (None, Some(e)) if !e.is_empty() => checked(Path::new(e))?,
            _ => strategy
                .as_ref()
                .map(|s| s.data_dir().join("az900"))
                .ok_or(PathsError::NoHome)?,
        };
        let config_dir = strategy
            .as_ref()
            .map(|s| s.config_dir().join("az900"))
            .unwrap_or_else(|| data_dir.join("config"));
        Ok(Paths {
            data_dir,
            config_dir,
        })
    }

    pub fn database(&self) -> PathBuf {
        self.data_dir.join("progress.sqlite3")
    }

    pub fn backups(&self) -> PathBuf {
        self.data_dir.join("backups")
    }

    /// Remapped keys (`keys.json`, read if present).
    pub fn keys_file(&self) -> PathBuf {
        self.config_dir.join("keys.json")
    }

    /// Extra packs dropped in by the user.
    pub fn user_packs(&self) -> PathBuf {
        self.config_dir.join("packs")
    }
}

fn checked(p: &Path) -> Result<PathBuf, PathsError> {
    if p.as_os_str().is_empty() {
        return Err(PathsError::Empty(p.display().to_string()));
    }
    if !p.is_absolute() {
        return Err(PathsError::Relative(p.display().to_string()));
    }
    Ok(p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_environment() {
        let p = Paths::resolve(Some(Path::new("/tmp/a")), Some("/tmp/b")).unwrap();
        assert_eq!(p.data_dir, PathBuf::from("/tmp/a"));
        assert_eq!(p.database(), PathBuf::from("/tmp/a/progress.sqlite3"));
        assert_eq!(p.backups(), PathBuf::from("/tmp/a/backups"));
    }

    #[test]
    fn the_environment_wins_over_xdg() {
        let p = Paths::resolve(None, Some("/tmp/b")).unwrap();
        assert_eq!(p.data_dir, PathBuf::from("/tmp/b"));
    }

    #[test]
    fn without_either_the_xdg_data_dir_is_used() {
        let p = Paths::resolve(None, None).unwrap();
        assert!(p.data_dir.ends_with("az900"), "{:?}", p.data_dir);
        assert!(p.data_dir.is_absolute());
        let empty_env = Paths::resolve(None, Some("")).unwrap();
        assert_eq!(empty_env.data_dir, p.data_dir);
    }

    #[test]
    fn relative_data_dirs_are_refused() {
        assert_eq!(
            Paths::resolve(Some(Path::new("data")), None),
            Err(PathsError::Relative("data".into()))
        );
        assert_eq!(
            Paths::resolve(None, Some("rel/dir")),
            Err(PathsError::Relative("rel/dir".into()))
        );
    }
}
