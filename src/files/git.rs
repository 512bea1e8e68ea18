//! `--changed-since REF`: the files git says changed since a ref, plus untracked ones. git runs
//! as a subprocess; it is the only program medlint ever starts.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::path::normalize;
use crate::error::Error;

fn git(cwd: &Path, args: &[&str]) -> Result<String, Error> {
    let out = Command::new("git")
        .current_dir(cwd)
        .args(args)
        .output()
        .map_err(|e| {
            Error::usage(format!(
                "--changed-since needs git, which could not run: {e}"
            ))
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(Error::usage(format!(
            "--changed-since: git {} failed: {}",
            args.join(" "),
            err.trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Absolute paths of files changed since `reference` (committed, staged, unstaged or untracked).
pub fn changed_since(cwd: &Path, reference: &str) -> Result<BTreeSet<PathBuf>, Error> {
    let top = git(cwd, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim());
    let mut files = BTreeSet::new();
    // Both listings are relative to the top of the work tree when run there.
    let diff = git(
        &top,
        &[
            "diff",
            "--name-only",
            "-z",
            "--diff-filter=ACMRT",
            reference,
            "--",
        ],
    )?;
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    for name in diff.split('\0').chain(untracked.split('\0')) {
        if !name.is_empty() {
            files.insert(normalize(&top.join(name)));
        }
    }
    Ok(files)
}
