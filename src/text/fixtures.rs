//! The repository's fixture files, for tests that hold a fast path to its plain form on real
//! articles.

use std::path::{Path, PathBuf};

/// Every file under `folders` of `fixtures/` (all of it when none are named), sub-folders
/// included, with its text, in path order; files that are not UTF-8 are passed over.
pub fn fixture_texts(folders: &[&str]) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut pending: Vec<PathBuf> = if folders.is_empty() {
        vec![root]
    } else {
        folders.iter().map(|f| root.join(f)).collect()
    };
    let mut out = Vec::new();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("fixtures readable")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((path, text));
            }
        }
    }
    out.sort();
    out
}
