//! Helpers shared by the integration tests.

use std::path::Path;

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
