//! The site index: which files are linted and the anchors each defines, built in a light first
//! pass so that each document's links can be checked while that document is linted. It borrows
//! the paths of the inputs and keeps a few 4-byte anchor hashes per file, so memory barely
//! grows with the site.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::discover::Input;
use crate::document::anchors;
use crate::emit::fingerprint::fnv1a;

/// Paths and anchors of the linted files, plus where links resolve.
pub struct SiteIndex<'a> {
    inputs: &'a [Input],
    /// Indexes into `inputs`, ordered by path, of the files that could be read.
    by_path: Vec<u32>,
    /// Sorted anchor hashes of all inputs, one run per input: input `i`'s are
    /// `hashes[starts[i]..starts[i + 1]]` (empty for files that could not be read).
    hashes: Vec<u32>,
    starts: Vec<u32>,
    /// Where `/…` links resolve.
    pub root: PathBuf,
    /// The site's own origin; absolute links to it are internal.
    pub site_url: Option<String>,
    /// Whether link targets may be looked up on disk (assets that are not articles).
    pub check_filesystem: bool,
}

/// What paths are sorted and searched by.
fn key(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// A 32-bit anchor hash: a document has a few dozen anchors, so a collision (which could only
/// hide a broken anchor) is vanishingly unlikely.
fn hash(anchor: &str) -> u32 {
    let h = fnv1a(&[anchor]);
    (h ^ (h >> 32)) as u32
}

impl<'a> SiteIndex<'a> {
    /// Index `inputs` (in parallel). Files that cannot be read are left out; the lint pass
    /// reports them.
    pub fn build(
        inputs: &'a [Input],
        root: &Path,
        site_url: Option<String>,
        check_filesystem: bool,
        limit_mib: u64,
        cwd: &Path,
    ) -> SiteIndex<'a> {
        // A chunk at a time, so the only per-file allocations that outlive the chunk are the
        // hashes appended to one flat vector.
        let mut readable = Vec::with_capacity(inputs.len());
        let mut hashes = Vec::new();
        let mut starts = Vec::with_capacity(inputs.len() + 1);
        starts.push(0u32);
        for chunk in inputs.chunks(256) {
            let found: Vec<Option<Vec<u32>>> = chunk
                .par_iter()
                .map(|input| {
                    let text = crate::engine::read_text(input, limit_mib, cwd).ok()?;
                    let mut h: Vec<u32> = anchors(input.format, &text)
                        .iter()
                        .map(|a| hash(a))
                        .collect();
                    h.sort_unstable();
                    h.dedup();
                    Some(h)
                })
                .collect();
            for h in found {
                readable.push(h.is_some());
                hashes.extend_from_slice(h.as_deref().unwrap_or_default());
                starts.push(hashes.len() as u32);
            }
        }
        hashes.shrink_to_fit();
        let mut by_path: Vec<u32> = (0..inputs.len() as u32)
            .filter(|&i| readable[i as usize])
            .collect();
        // Byte order: paths are normalised, so equal bytes are equal paths, and comparing
        // bytes is far cheaper than comparing components.
        by_path.sort_by(|&a, &b| key(&inputs[a as usize].path).cmp(key(&inputs[b as usize].path)));
        SiteIndex {
            inputs,
            by_path,
            hashes,
            starts,
            root: root.to_path_buf(),
            site_url,
            check_filesystem,
        }
    }

    /// The linted file at `path` (normalised), as an index into the inputs, if any.
    pub fn find(&self, path: &Path) -> Option<usize> {
        self.by_path
            .binary_search_by(|&i| key(&self.inputs[i as usize].path).cmp(key(path)))
            .ok()
            .map(|at| self.by_path[at] as usize)
    }

    /// Whether file `i` defines `anchor`.
    pub fn has_anchor(&self, i: usize, anchor: &str) -> bool {
        let run = &self.hashes[self.starts[i] as usize..self.starts[i + 1] as usize];
        run.binary_search(&hash(anchor)).is_ok()
    }

    /// File `i`'s path as shown in messages: relative to the site root when inside it.
    pub fn display(&self, i: usize) -> String {
        let p = &self.inputs[i].path;
        p.strip_prefix(&self.root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// The anchor names of file `i`, read again from its source: only needed for a "did you
    /// mean" suggestion, so the index keeps hashes rather than names.
    pub fn anchor_names(&self, i: usize) -> Vec<String> {
        let input = &self.inputs[i];
        let text = match input.text() {
            Some(t) => t.to_string(),
            None => match std::fs::read_to_string(&input.path) {
                Ok(t) => t,
                Err(_) => return Vec::new(),
            },
        };
        anchors(input.format, &text).into_iter().collect()
    }
}
