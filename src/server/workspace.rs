//! The rules and settings a document is linted with, found as `medlint check` finds them for
//! a file: the nearest `medlint.toml` above it, its packs, its settings. Each config is
//! loaded once and again only when the file changes on disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::config::{CliOverrides, Config, Settings};
use crate::error::Error;
use crate::rules::Registry;

/// The rules and resolved settings of one config (or of none).
pub struct Loaded {
    /// The rules.
    pub registry: Registry,
    /// Selection, site root, parse options.
    pub settings: Settings,
}

/// What the config file looked like when it was loaded: a change means loading it again.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: Option<&Path>) -> Stamp {
    let meta = std::fs::metadata(path?).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

struct Entry {
    stamp: Stamp,
    loaded: Result<Arc<Loaded>, String>,
}

/// Configs loaded so far, by (config file, working folder).
pub struct Workspaces {
    /// The editor's workspace folder: file names are shown relative to it, and with no config
    /// file, site-root links resolve against it.
    root: Option<PathBuf>,
    cache: HashMap<(Option<PathBuf>, PathBuf), Entry>,
}

/// The settings for one document, and a problem to show the writer when the config or packs
/// failed to load this time (shown once, not on every keystroke).
pub struct Lookup {
    /// `None` when the config or packs have errors.
    pub loaded: Option<Arc<Loaded>>,
    /// What went wrong, naming the file, when it is new.
    pub new_problem: Option<String>,
}

impl Workspaces {
    /// No configs loaded yet.
    pub fn new(root: Option<PathBuf>) -> Workspaces {
        Workspaces {
            root,
            cache: HashMap::new(),
        }
    }

    /// The working folder for a document at `path`: the workspace folder when it holds the
    /// document, else the document's own folder.
    fn cwd_for(&self, path: &Path) -> PathBuf {
        match &self.root {
            Some(root) if path.starts_with(root) => root.clone(),
            _ => path
                .parent()
                .map_or_else(|| PathBuf::from("/"), Path::to_path_buf),
        }
    }

    /// The rules and settings for the document at `path`.
    pub fn for_document(&mut self, path: &Path) -> Lookup {
        let cwd = self.cwd_for(path);
        let config_path = path.parent().and_then(Config::discover);
        let now = stamp(config_path.as_deref());
        let key = (config_path, cwd);
        if let Some(entry) = self.cache.get(&key).filter(|e| e.stamp == now) {
            return Lookup {
                loaded: entry.loaded.as_ref().ok().cloned(),
                new_problem: None,
            };
        }
        let loaded = load(key.0.as_deref(), &key.1).map(Arc::new);
        let lookup = Lookup {
            loaded: loaded.as_ref().ok().cloned(),
            new_problem: loaded.as_ref().err().cloned(),
        };
        self.cache.insert(key, Entry { stamp: now, loaded });
        lookup
    }
}

/// Load `config` (or the defaults) as `medlint check` does for a file in `cwd`.
fn load(config: Option<&Path>, cwd: &Path) -> Result<Loaded, String> {
    let mut file = match config {
        Some(path) => Config::load(path).map_err(|e| describe(&[e]))?,
        None => Config::empty(),
    };
    // With no config file to anchor it, site-root links resolve against the workspace folder,
    // as they resolve against the folder named on the command line.
    let overrides = CliOverrides {
        site_root: config.is_none().then(|| cwd.to_path_buf()),
        ..CliOverrides::default()
    };
    let mut registry =
        Registry::load(&file.pack_dirs(cwd, &overrides)).map_err(|e| describe(&e))?;
    let settings = file
        .resolve(&mut registry, &overrides, cwd)
        .map_err(|e| describe(&e))?;
    Ok(Loaded { registry, settings })
}

/// Errors as one message, each naming its file and line.
fn describe(errors: &[Error]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| format!("medlint: {e}")).collect();
    lines.join("\n")
}
