//! `--changed-since REF`: the files git says changed since a ref, plus untracked ones. git runs
//! as a subprocess; it is the only program medlint ever starts.
//!
//! The ref comes from whoever wrote the CI job, or from a pull request that edits it, so it is
//! never handed to git where it could be read as an option (`--output=FILE` would have git write
//! a file): it is checked first, resolved to a commit id, and only that id reaches `git diff`.
//! git itself runs with the programs a repository's config can name switched off (an fsmonitor
//! hook, external diff and textconv drivers, hooks), so linting a checkout runs none of them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::path::normalize;
use crate::error::Error;

/// Settings given ahead of every git command: programs a repository's config could make git
/// run are turned off.
const SAFE_CONFIG: &[&str] = &[
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "diff.external=",
    "-c",
    "core.pager=cat",
    "--no-pager",
    "--no-optional-locks",
];

/// Environment variables that make git run a program or change what it reads; cleared.
const UNSAFE_ENV: &[&str] = &[
    "GIT_EXTERNAL_DIFF",
    "GIT_DIFF_OPTS",
    "GIT_PAGER",
    "GIT_EDITOR",
    "GIT_ASKPASS",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_TRACE",
];

fn git(cwd: &Path, args: &[&str]) -> Result<String, Error> {
    let mut command = Command::new("git");
    command.current_dir(cwd).args(SAFE_CONFIG).args(args);
    for var in UNSAFE_ENV {
        command.env_remove(var);
    }
    command.env("GIT_TERMINAL_PROMPT", "0");
    let out = command.output().map_err(|e| {
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

/// The commit id `reference` names, or an error saying it names none. A ref that starts with
/// `-` is refused before git sees it; git is told where options end all the same.
pub fn resolve_commit(cwd: &Path, reference: &str) -> Result<String, Error> {
    let refused = || {
        Error::usage(format!(
            "--changed-since: `{reference}` is not a commit in this repository"
        ))
    };
    if reference.is_empty() || reference.starts_with('-') || reference.contains('\0') {
        return Err(refused());
    }
    let spec = format!("{reference}^{{commit}}");
    let id = git(
        cwd,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )
    .map_err(|_| refused())?;
    let id = id.trim();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(refused());
    }
    Ok(id.to_string())
}

/// What changed since a ref, as absolute paths.
#[derive(Debug, Default)]
pub struct Changes {
    /// Files added, copied, modified, renamed (their new name) or retyped, plus untracked ones.
    pub changed: BTreeSet<PathBuf>,
    /// Files deleted or renamed away (their old name): links into them broke elsewhere.
    pub removed: BTreeSet<PathBuf>,
}

/// Files changed since `reference` (committed, staged, unstaged or untracked), and those
/// deleted or renamed away since then.
pub fn changed_since(cwd: &Path, reference: &str) -> Result<Changes, Error> {
    let top = git(cwd, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim());
    let commit = resolve_commit(&top, reference)?;
    let mut changes = Changes::default();
    // Every listing is relative to the top of the work tree when run there.
    let diff = git(
        &top,
        &[
            "diff",
            "--no-ext-diff",
            "--no-textconv",
            "--name-only",
            "-z",
            "--diff-filter=ACMRT",
            "--end-of-options",
            &commit,
            "--",
        ],
    )?;
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    // Without rename detection a rename is its old name deleted and its new name added, so
    // one listing of deletions holds both the deleted pages and the renamed ones' old names.
    let deleted = git(
        &top,
        &[
            "diff",
            "--no-ext-diff",
            "--no-textconv",
            "--no-renames",
            "--name-only",
            "-z",
            "--diff-filter=D",
            "--end-of-options",
            &commit,
            "--",
        ],
    )?;
    let names = |listing: &str| {
        listing
            .split('\0')
            .filter(|n| !n.is_empty())
            .map(|n| normalize(&top.join(n)))
            .collect::<Vec<_>>()
    };
    changes.changed.extend(names(&diff));
    changes.changed.extend(names(&untracked));
    changes.removed.extend(names(&deleted));
    Ok(changes)
}
