//! `--changed-since`: the unchanged pages whose links point at a page deleted or renamed since
//! the ref. Those links broke in this change, so those pages are linted too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::document::{Document, Format};
use crate::input::{Input, Inputs};
use crate::rules::link_target::{Resolution, resolve};
use crate::site::SiteIndex;
use crate::source::FileId;

/// The paths among `inputs` (other than `changed`) with a link that resolves to one of
/// `removed`. A page is parsed only when its text names a removed page's file or folder name,
/// so a removal costs one read of each unchanged page and few parses.
pub fn linking_to_removed(
    inputs: &Inputs,
    changed: &BTreeSet<PathBuf>,
    removed: &BTreeSet<PathBuf>,
    settings: &Settings,
) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    // Assets count too (a deleted PDF breaks its links); a format is only needed to read
    // anchors, which nothing here does.
    let gone: Vec<Input> = removed
        .iter()
        .map(|p| {
            let format = Format::from_path(&p.to_string_lossy()).unwrap_or(Format::Markdown);
            Input::file(p, format)
        })
        .collect();
    if gone.is_empty() {
        return found;
    }
    let names: BTreeSet<String> = removed.iter().filter_map(|p| link_name(p)).collect();
    let gone = Inputs::from(gone);
    // Only the removed pages are in this index, so a link found in it leads to one of them.
    let site = SiteIndex::build(
        &gone,
        &settings.site_root,
        settings.site_url.clone(),
        false,
        settings.max_file_mib,
        &settings.cwd,
    );
    for input in inputs.iter() {
        let path = input.path();
        if changed.contains(&*path) {
            continue;
        }
        // A page that cannot be read is not linted here; that is its own run's business.
        let Ok(text) = crate::files::read::read_file(&path, "", settings.max_file_mib) else {
            continue;
        };
        if !names.iter().any(|n| text.contains(n.as_str())) {
            continue;
        }
        let doc = Document::parse(FileId(0), input.format(), &text, &settings.parse);
        if doc.links.iter().any(|link| {
            matches!(
                resolve(&site, &path, &link.dest),
                Resolution::Found { doc: Some(_) }
            )
        }) {
            found.insert(path.into_owned());
        }
    }
    found
}

/// The part of a page's path any link to it must spell: its file name without extension, or
/// the folder name for an index page.
fn link_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    if stem.eq_ignore_ascii_case("index") {
        return Some(path.parent()?.file_name()?.to_str()?.to_string());
    }
    Some(stem.to_string())
}
