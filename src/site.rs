//! The site index: every linted file's path and the anchors it defines, built in a light first
//! pass so that each document's links can be checked while that document is linted. It keeps
//! only a path and a few 8-byte anchor hashes per file, so memory barely grows with the site.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::discover::Input;
use crate::document::{Format, ParseOptions, anchors};
use crate::emit::fingerprint::fnv1a;

struct Entry {
    path: PathBuf,
    format: Format,
    /// Sorted hashes of the anchors the file defines.
    anchors: Box<[u64]>,
    /// The text of an input that does not come from disk (stdin), for anchor suggestions.
    text: Option<Arc<str>>,
}

/// Paths and anchors of the linted files, plus where links resolve.
pub struct SiteIndex {
    entries: Vec<Entry>,
    /// Where `/…` links resolve.
    pub root: PathBuf,
    /// The site's own origin; absolute links to it are internal.
    pub site_url: Option<String>,
    /// Whether link targets may be looked up on disk (assets that are not articles).
    pub check_filesystem: bool,
    parse: ParseOptions,
}

fn hash(anchor: &str) -> u64 {
    fnv1a(&[anchor])
}

impl SiteIndex {
    /// Index `inputs` (in parallel). Files that cannot be read are left out; the lint pass
    /// reports them.
    pub fn build(
        inputs: &[Input],
        root: &Path,
        site_url: Option<String>,
        check_filesystem: bool,
        parse: &ParseOptions,
        limit_mib: u64,
    ) -> SiteIndex {
        let mut entries: Vec<Entry> = inputs
            .par_iter()
            .filter_map(|input| {
                let text = crate::engine::read_text(input, limit_mib).ok()?;
                let mut hashes: Vec<u64> = anchors(input.format, &text, parse)
                    .iter()
                    .map(|a| hash(a))
                    .collect();
                hashes.sort_unstable();
                hashes.dedup();
                Some(Entry {
                    path: input.path.clone(),
                    format: input.format,
                    anchors: hashes.into_boxed_slice(),
                    text: input.text.as_deref().map(Arc::from),
                })
            })
            .collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        SiteIndex {
            entries,
            root: root.to_path_buf(),
            site_url,
            check_filesystem,
            parse: parse.clone(),
        }
    }

    /// The linted file at `path`, if any.
    pub fn find(&self, path: &Path) -> Option<usize> {
        self.entries
            .binary_search_by(|e| e.path.as_path().cmp(path))
            .ok()
    }

    /// Whether file `i` defines `anchor`.
    pub fn has_anchor(&self, i: usize, anchor: &str) -> bool {
        self.entries[i].anchors.binary_search(&hash(anchor)).is_ok()
    }

    /// File `i`'s path as shown in messages: relative to the site root when inside it.
    pub fn display(&self, i: usize) -> String {
        let p = &self.entries[i].path;
        p.strip_prefix(&self.root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// The anchor names of file `i`, read again from its source: only needed for a "did you
    /// mean" suggestion, so the index keeps hashes rather than names.
    pub fn anchor_names(&self, i: usize) -> Vec<String> {
        let e = &self.entries[i];
        let text = match &e.text {
            Some(t) => t.to_string(),
            None => match std::fs::read_to_string(&e.path) {
                Ok(t) => t,
                Err(_) => return Vec::new(),
            },
        };
        anchors(e.format, &text, &self.parse).into_iter().collect()
    }
}
