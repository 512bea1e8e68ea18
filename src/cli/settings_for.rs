//! Which settings a run uses, found from what it lints rather than from the folder it starts
//! in: the nearest `medlint.toml` above the linted paths, and the folder site-root links
//! resolve against when no config file says.

use std::path::{Path, PathBuf};

use super::args::CheckArgs;
use crate::config::Config;
use crate::files::path::{display_name, normalize};

/// The paths a run lints: those given; the standard input when only `--stdin-filename` is;
/// else the current folder.
pub fn paths(args: &CheckArgs) -> Vec<PathBuf> {
    if !args.paths.is_empty() {
        args.paths.clone()
    } else if args.stdin_filename.is_some() {
        vec![PathBuf::from("-")]
    } else {
        vec![PathBuf::from(".")]
    }
}

/// The config file found for a run, and notes to show about it.
pub struct Found {
    pub config: Option<PathBuf>,
    pub notes: Vec<String>,
}

/// The folder the config search starts from for `path`: the folder itself, or the one that
/// holds the file (standard input stands at its `--stdin-filename`, else the current folder).
fn start(path: &Path, args: &CheckArgs, cwd: &Path) -> PathBuf {
    let path = if path.as_os_str() == "-" {
        match &args.stdin_filename {
            Some(name) => normalize(&cwd.join(name)),
            None => return cwd.to_path_buf(),
        }
    } else {
        normalize(&cwd.join(path))
    };
    if path.is_dir() {
        path
    } else {
        path.parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
    }
}

/// The `medlint.toml` nearest above the first path linted, the way ruff finds its settings.
/// One run uses one config: a later path under another config gets a note saying so.
pub fn nearest_config(paths: &[PathBuf], args: &CheckArgs, cwd: &Path) -> Found {
    let mut each = paths
        .iter()
        .map(|p| (p, Config::discover(&start(p, args, cwd))));
    let config = each.next().and_then(|(_, c)| c);
    let shown = |c: &Option<PathBuf>| {
        c.as_deref()
            .map_or("no config file".to_string(), |c| display_name(c, cwd))
    };
    let notes = each
        .filter(|(_, c)| *c != config)
        .map(|(p, c)| {
            format!(
                "{} is under {}, but this run uses {} for every path; lint it in a run of its own",
                display_name(p, cwd),
                shown(&c),
                shown(&config)
            )
        })
        .collect();
    Found { config, notes }
}

/// The folder named on the command line, when the first path is one.
pub fn named_folder(paths: &[PathBuf], cwd: &Path) -> Option<PathBuf> {
    let first = paths.first().filter(|p| p.as_os_str() != "-")?;
    let folder = normalize(&cwd.join(first));
    folder.is_dir().then_some(folder)
}
