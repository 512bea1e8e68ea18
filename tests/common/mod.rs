//! Helpers shared by the integration tests (each test file uses some of them).
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use medlint::config::Settings;
use medlint::discover::discover;
use medlint::engine::{Engine, Report};
use medlint::rules::Registry;

/// Lint a folder as a site rooted at it, with the default rules and no config file.
pub fn lint_dir(dir: &Path) -> Report {
    let mut registry = Registry::builtin().unwrap_or_else(|e| panic!("packs: {}", e[0]));
    let settings = Settings::defaults(&mut registry, dir);
    let found = discover(&[dir.to_path_buf()], &settings, dir);
    let (inputs, errors) = (found.inputs, found.errors);
    assert!(errors.is_empty(), "discovery errors: {errors:?}");
    assert!(!inputs.is_empty(), "no articles in {}", dir.display());
    Engine::new(&registry, &settings).run(inputs, errors)
}

/// Run the medlint binary in `dir`. The environment of a CI runner is cleared, so results do
/// not depend on where the tests run (`CI` hides the progress bar; `COLUMNS` would trim text
/// output; the GitHub variables would make the Markdown summary's links absolute; `MEDLINT_TODAY`
/// would judge suppressions' expiry dates on another day).
pub fn medlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(dir)
        .env_remove("CI")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_SERVER_URL")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_SHA")
        .env_remove("MEDLINT_TODAY")
        .args(args)
        .output()
        .expect("run medlint")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The findings of a `--format json` run: its JSON lines of type `diagnostic` (every line
/// must be JSON).
pub fn diagnostics(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l)
                .unwrap_or_else(|e| panic!("not a JSON line: {l}: {e}"))
        })
        .filter(|v| v["type"] == "diagnostic")
        .collect()
}

/// Run `git` in `dir` as a committer named `t`; it must succeed. Its output, trimmed.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("run git");
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}
