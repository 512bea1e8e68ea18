//! Which files a run reads: explicit files as given, folders walked recursively in sorted order,
//! honouring `.gitignore` and the config's include/exclude globs.

use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::document::Format;
use crate::error::Error;
use crate::files::path::{display_name, io_message, normalize, relative_to};
use crate::files::read::special_kind;
use crate::input::{Input, Inputs};

/// Find the articles under `paths`. Errors name the path; discovery goes on past them.
pub fn discover(paths: &[PathBuf], settings: &Settings, cwd: &Path) -> (Inputs, Vec<Error>) {
    let mut inputs = Inputs::new();
    let mut errors = Vec::new();
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
                None => errors.push(Error::input(
                    name,
                    "not a supported article format (.md, .markdown, .txt, .html, .htm)",
                )),
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
        let walker = ignore::WalkBuilder::new(given)
            .hidden(true)
            .git_ignore(settings.respect_gitignore)
            .git_global(false)
            .git_exclude(settings.respect_gitignore)
            .ignore(settings.respect_gitignore)
            .parents(settings.respect_gitignore)
            .require_git(false)
            .follow_links(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        // Under a plain relative folder ("site", "docs/blog") every entry shows as its walked
        // path, so the two names need not be built and compared for each file.
        let plain = given.is_relative()
            && given
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        let filtered = settings.include.is_some() || !settings.exclude.is_empty();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(Error::input(
                        display_name(given, cwd),
                        format!("while walking the folder: {e}"),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = normalize(&cwd.join(entry.path()));
            let Some(format) = Format::from_path(&path.to_string_lossy()) else {
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
    }
    (inputs.in_shown_order(cwd), errors)
}
