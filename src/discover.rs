//! Which files a run reads: explicit files as given, folders walked recursively in sorted order,
//! honouring `.gitignore` and the config's include/exclude globs. A file named on the command line
//! that is not an article (`medlint.toml`, an image) is skipped and named, not an error: hooks and
//! scripts hand medlint every file a commit touches.

use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::document::Format;
use crate::error::Error;
use crate::files::path::{display_name, io_message, normalize, relative_to};
use crate::files::read::special_kind;
use crate::input::{Input, Inputs};

/// The extensions medlint reads, as the notes and warnings name them.
pub const ARTICLE_EXTENSIONS: &str = ".md, .markdown, .txt, .html, .htm";

/// What discovery found.
pub struct Discovered {
    /// The articles, in the order they are shown.
    pub inputs: Inputs,
    /// Paths that could not be read or walked.
    pub errors: Vec<Error>,
    /// Files named on the command line that are not articles, as shown; skipped.
    pub skipped: Vec<String>,
}

/// Find the articles under `paths`. Errors name the path; discovery goes on past them.
pub fn discover(paths: &[PathBuf], settings: &Settings, cwd: &Path) -> Discovered {
    let mut inputs = Inputs::new();
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    for given in paths {
        let abs = normalize(&cwd.join(given));
        let meta = match std::fs::metadata(&abs) {
            Ok(m) => m,
            Err(e) => {
                errors.push(Error::input(display_name(given, cwd), io_message(&e)));
                continue;
            }
        };
        if meta.is_file() {
            let name = display_name(given, cwd);
            match Format::from_path(&name) {
                Some(format) => inputs.push(if name == display_name(&abs, cwd) {
                    Input::file(abs, format)
                } else {
                    // Keep the name as given when it differs from what `path` would show.
                    Input::named(name, abs, format)
                }),
                None => skipped.push(name),
            }
            continue;
        }
        // A FIFO, device or socket named on the command line is an error, not a folder to walk
        // (which would find nothing and pass).
        if let Some(kind) = special_kind(&meta) {
            errors.push(Error::input(
                display_name(given, cwd),
                format!("{kind}, not a regular file or folder; not read"),
            ));
            continue;
        }
        let respect = settings.respect_gitignore;
        if respect && let Some((file, why)) = abs.ancestors().find_map(unreadable_ignore_file) {
            errors.push(ignore_file_error(&file, &why, cwd));
            continue;
        }
        let refused = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let refused_in_walk = std::sync::Arc::clone(&refused);
        let walker = ignore::WalkBuilder::new(given)
            .filter_entry(move |entry| {
                // Checked before the walker reads the folder's ignore files.
                if !respect || !entry.file_type().is_some_and(|t| t.is_dir()) {
                    return true;
                }
                match unreadable_ignore_file(entry.path()) {
                    Some(bad) => {
                        lock(&refused_in_walk).push(bad);
                        false
                    }
                    None => true,
                }
            })
            .hidden(true)
            .git_ignore(settings.respect_gitignore)
            .git_global(false)
            .git_exclude(settings.respect_gitignore)
            .ignore(settings.respect_gitignore)
            .parents(settings.respect_gitignore)
            .require_git(false)
            .follow_links(false)
            // Unsorted: the inputs are put in order once walked (`Inputs::in_shown_order`,
            // by their paths' bytes), where sorting each folder's entries by name as the
            // walker does split every name out of its path for every comparison.
            .build();
        // Under a folder written plainly ("site", "docs/blog", "/srv/site") every entry's
        // walked path is normalised already and shows as it is, so neither a normal form nor
        // the two names need be built and compared for each file.
        let plain = is_plain(given) && (given.is_absolute() || is_plain(cwd));
        let filtered = settings.include.is_some() || !settings.exclude.is_empty();
        // Met in the order the folders are read, so sorted before they are reported.
        let mut walk_errors = Vec::new();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    walk_errors.push(format!("while walking the folder: {e}"));
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = if plain {
                cwd.join(entry.path())
            } else {
                normalize(&cwd.join(entry.path()))
            };
            // By the name alone: its extension is the path's.
            let Some(format) = Format::from_path(&entry.file_name().to_string_lossy()) else {
                continue;
            };
            if filtered {
                let rel = relative_to(&path, &settings.base_dir);
                if settings.include.as_ref().is_some_and(|g| !g.is_match(&rel))
                    || settings.exclude.is_match(&rel)
                {
                    continue;
                }
            }
            if plain {
                inputs.push(Input::file(path, format));
                continue;
            }
            let shown = display_name(entry.path(), cwd);
            inputs.push(if shown == display_name(&path, cwd) {
                Input::file(path, format)
            } else {
                Input::named(shown, path, format)
            });
        }
        walk_errors.sort_unstable();
        errors.extend(
            walk_errors
                .into_iter()
                .map(|message| Error::input(display_name(given, cwd), message)),
        );
        let mut refused = std::mem::take(&mut *lock(&refused));
        refused.sort_unstable();
        for (file, why) in refused {
            errors.push(ignore_file_error(&file, &why, cwd));
        }
    }
    Discovered {
        inputs: inputs.in_shown_order(cwd),
        errors,
        skipped,
    }
}

/// Whether `path` is written as its normal form would be, but perhaps for a separator at the
/// end (`site/`, which the walker joins names to as it would to `site`): no `.` or `..`, no
/// repeated separator.
fn is_plain(path: &Path) -> bool {
    use std::path::Component;
    let written = path.as_os_str().as_encoded_bytes();
    let written = match written {
        [rest @ .., b'/'] if !rest.is_empty() => rest,
        _ => written,
    };
    let normal = path.components().all(|c| {
        matches!(
            c,
            Component::Normal(_) | Component::RootDir | Component::Prefix(_)
        )
    });
    normal
        && path
            .components()
            .collect::<PathBuf>()
            .as_os_str()
            .as_encoded_bytes()
            == written
}

/// Ignore files larger than this are refused unread, with their folder.
const MAX_IGNORE_FILE_BYTES: u64 = 16 * 1024 * 1024;

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// An ignore file in `dir` that the walker must not read, and why: one that is (or links to) a
/// FIFO or device would stall the walk or fill memory (a committed `.gitignore -> /dev/zero`),
/// and so would one far larger than any real ignore file.
fn unreadable_ignore_file(dir: &Path) -> Option<(PathBuf, String)> {
    for name in [".gitignore", ".ignore", ".git/info/exclude"] {
        let path = dir.join(name);
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        // A symlink to nothing cannot be read at all; the walker passes over it.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if let Some(kind) = special_kind(&meta) {
            return Some((path, format!("{kind}, not a regular file")));
        }
        if meta.is_file() && meta.len() > MAX_IGNORE_FILE_BYTES {
            return Some((path, "over the 16 MiB limit for an ignore file".to_string()));
        }
    }
    None
}

fn ignore_file_error(file: &Path, why: &str, cwd: &Path) -> Error {
    Error::input(
        display_name(file, cwd),
        format!("{why}; not read, and its folder not linted"),
    )
}
