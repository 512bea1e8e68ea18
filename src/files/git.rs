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

/// Where a run's files stand in git, as reports record it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Head {
    /// The commit checked out (`HEAD`), as a full id.
    pub commit: String,
    /// The branch checked out; none when `HEAD` is detached (as in most CI checkouts).
    pub branch: Option<String>,
    /// Whether tracked files differ from the commit or untracked files are present.
    pub dirty: bool,
    /// `remote.origin.url` without any user name, password or query (which can hold tokens);
    /// none when there is no such remote or it is not a URL reports can show.
    pub repository: Option<String>,
}

/// The commit, branch and state of the work tree holding `cwd`; none outside a repository or
/// before its first commit.
pub fn head(cwd: &Path) -> Option<Head> {
    let commit = git(cwd, &["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).ok()?;
    let commit = commit.trim().to_string();
    if commit.is_empty() || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let branch = git(cwd, &["symbolic-ref", "--quiet", "--short", "HEAD"])
        .ok()
        .map(|b| b.trim().to_string())
        .filter(|b| !b.is_empty());
    // Untracked files count: an article not yet committed is not what the commit holds.
    let dirty = git(cwd, &["status", "--porcelain", "-z"]).map_or(true, |s| !s.is_empty());
    let repository = git(cwd, &["config", "--get", "remote.origin.url"])
        .ok()
        .and_then(|url| public_url(url.trim()));
    Some(Head {
        commit,
        branch,
        dirty,
        repository,
    })
}

/// A remote's URL fit to print: user names, passwords and queries removed, scp-like
/// `git@host:owner/repo.git` written as `ssh://host/owner/repo.git`; none for anything else
/// (a local path says nothing to a reader elsewhere).
pub fn public_url(url: &str) -> Option<String> {
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
        None => {
            // scp-like: [user@]host:path, the host without a slash.
            let (host, path) = url.split_once(':')?;
            let host = host.rsplit('@').next()?;
            if host.len() < 2 || host.contains('/') || path.is_empty() {
                return None;
            }
            return Some(format!("ssh://{host}/{}", path.trim_start_matches('/')));
        }
    };
    if !matches!(scheme.as_str(), "https" | "http" | "ssh" | "git") {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.rsplit('@').next().unwrap_or("");
    if host.is_empty() {
        return None;
    }
    Some(format!("{scheme}://{host}/{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_urls_lose_their_credentials() {
        let url = |u: &str| public_url(u);
        assert_eq!(
            url("https://x-access-token:ghs_SECRET@github.com/acme/site.git").as_deref(),
            Some("https://github.com/acme/site.git")
        );
        assert_eq!(
            url("git@github.com:acme/site.git").as_deref(),
            Some("ssh://github.com/acme/site.git")
        );
        assert_eq!(
            url("https://gitlab.example/acme/site?private_token=SECRET").as_deref(),
            Some("https://gitlab.example/acme/site")
        );
        assert_eq!(url("/srv/git/site.git"), None);
        assert_eq!(url("file:///srv/git/site.git"), None);
        assert_eq!(url("https://a b/c"), None);
    }
}
