//! The site index: which files are linted and the anchors each defines, built in a light first
//! pass so that each document's links can be checked while that document is linted. It borrows
//! the paths of the inputs and keeps a few 3-byte anchor hashes per file, so memory barely
//! grows with the site.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::document::anchors;
use crate::emit::fingerprint::fnv1a;
use crate::input::Inputs;

/// Paths and anchors of the linted files, plus where links resolve.
pub struct SiteIndex<'a> {
    inputs: &'a Inputs,
    /// Indexes into `inputs`, ordered by path, of the files that could be read; empty when
    /// that is every file in input order (the usual case, as folders are walked in order).
    by_path: Vec<u32>,
    /// Whether each input could be read, when some could not.
    unreadable: Vec<bool>,
    /// Sorted anchor hashes of all inputs, one run per input: input `i`'s are
    /// `hashes[starts[i]..starts[i + 1]]` (empty for files that could not be read).
    hashes: Vec<Hash>,
    starts: Vec<u32>,
    /// Where `/…` links resolve.
    pub root: PathBuf,
    /// The site's own origin; absolute links to it are internal.
    pub site_url: Option<String>,
    /// Whether link targets may be looked up on disk (assets that are not articles).
    pub check_filesystem: bool,
}

/// A 24-bit anchor hash. A document has a few dozen anchors, so the chance that a broken
/// anchor collides with one of them (and goes unreported) is about one in a million.
type Hash = [u8; 3];

fn hash(anchor: &str) -> Hash {
    let h = fnv1a(&[anchor]);
    let h = (h ^ (h >> 32)) as u32;
    let [a, b, c, _] = (h ^ (h >> 24)).to_be_bytes();
    [a, b, c]
}

impl<'a> SiteIndex<'a> {
    /// Index `inputs` (in parallel). Files that cannot be read are left out; the lint pass
    /// reports them.
    pub fn build(
        inputs: &'a Inputs,
        root: &Path,
        site_url: Option<String>,
        check_filesystem: bool,
        limit_mib: u64,
        cwd: &Path,
    ) -> SiteIndex<'a> {
        // A chunk at a time, so the only per-file allocations that outlive the chunk are the
        // hashes appended to one flat vector.
        let mut unreadable = Vec::with_capacity(inputs.len());
        let mut hashes = Vec::new();
        let mut starts = Vec::with_capacity(inputs.len() + 1);
        starts.push(0u32);
        for chunk in inputs.chunks(crate::engine::CHUNK) {
            let found: Vec<Option<Vec<Hash>>> = chunk
                .into_par_iter()
                .map(|i| {
                    let input = inputs.get(i);
                    let text =
                        crate::engine::read_text(input, &input.path(), limit_mib, cwd).ok()?;
                    let mut h: Vec<Hash> = anchors(input.format(), &text)
                        .iter()
                        .map(|a| hash(a))
                        .collect();
                    h.sort_unstable();
                    h.dedup();
                    Some(h)
                })
                .collect();
            for h in found {
                unreadable.push(h.is_none());
                hashes.extend_from_slice(h.as_deref().unwrap_or_default());
                starts.push(hashes.len() as u32);
            }
        }
        hashes.shrink_to_fit();
        if !unreadable.contains(&true) {
            unreadable = Vec::new();
        }
        let in_order = (1..inputs.len()).all(|i| inputs.cmp_paths(i - 1, i) != Ordering::Greater);
        let by_path = if in_order {
            Vec::new()
        } else {
            let mut sorted: Vec<u32> = (0..inputs.len() as u32).collect();
            sorted.sort_by(|&a, &b| inputs.cmp_paths(a as usize, b as usize));
            sorted
        };
        SiteIndex {
            inputs,
            by_path,
            unreadable,
            hashes,
            starts,
            root: root.to_path_buf(),
            site_url,
            check_filesystem,
        }
    }

    /// The linted file at `path` (normalised), as an index into the inputs, if any.
    pub fn find(&self, path: &Path) -> Option<usize> {
        let found = match path.to_str() {
            Some(p) => {
                let tail = p.strip_prefix(self.inputs.prefix())?;
                let cmp = |i: usize| match self.inputs.tail_if_shared(i) {
                    Some(t) => t.cmp(tail),
                    // Paths kept aside are not UTF-8, so never equal to this one.
                    None => Ordering::Less,
                };
                search(self.inputs.len(), |k| cmp(self.at(k))).map(|k| self.at(k))
            }
            // A path that is not UTF-8 can only be one of those kept aside.
            None => self
                .inputs
                .aside_paths()
                .find_map(|(i, p)| (p == path).then_some(i)),
        };
        found.filter(|&i| !self.unreadable.get(i).copied().unwrap_or(false))
    }

    /// The input at position `k` in path order.
    fn at(&self, k: usize) -> usize {
        if self.by_path.is_empty() {
            k
        } else {
            self.by_path[k] as usize
        }
    }

    /// Whether file `i` defines `anchor`.
    pub fn has_anchor(&self, i: usize, anchor: &str) -> bool {
        let run = &self.hashes[self.starts[i] as usize..self.starts[i + 1] as usize];
        run.binary_search(&hash(anchor)).is_ok()
    }

    /// File `i`'s path as shown in messages: relative to the site root when inside it.
    pub fn display(&self, i: usize) -> String {
        let p = self.inputs.get(i).path();
        p.strip_prefix(&self.root)
            .unwrap_or(&p)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// The anchor names of file `i`, read again from its source: only needed for a "did you
    /// mean" suggestion, so the index keeps hashes rather than names.
    pub fn anchor_names(&self, i: usize) -> Vec<String> {
        let input = self.inputs.get(i);
        let text = match input.text() {
            Some(t) => t.to_string(),
            None => match std::fs::read_to_string(input.path()) {
                Ok(t) => t,
                Err(_) => return Vec::new(),
            },
        };
        anchors(input.format(), &text).into_iter().collect()
    }
}

/// Binary search over positions `0..len` ordered by `cmp` (each position's order against
/// the target); the position found, if any.
fn search(len: usize, cmp: impl Fn(usize) -> Ordering) -> Option<usize> {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match cmp(mid) {
            Ordering::Less => lo = mid + 1,
            Ordering::Greater => hi = mid,
            Ordering::Equal => return Some(mid),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::input::Input;

    fn page(path: &str, text: &str) -> Input {
        Input::with_text(path, path, Format::Markdown, text)
    }

    fn index(inputs: &Inputs) -> SiteIndex<'_> {
        let root = Path::new("/site");
        SiteIndex::build(inputs, root, None, false, 16, root)
    }

    #[test]
    fn finds_files_listed_out_of_byte_order() {
        // Shown order is by path components; byte order puts `knee-pain/` before `knee/`.
        let inputs = Inputs::from(vec![
            page("/site/knee/a.md", "# A\n"),
            page("/site/knee-pain/b.md", "# B\n## Risks\n"),
            page("/site/z.md", "# Z\n"),
        ]);
        let site = index(&inputs);
        assert!(!site.by_path.is_empty());
        assert_eq!(site.find(Path::new("/site/knee/a.md")), Some(0));
        assert_eq!(site.find(Path::new("/site/knee-pain/b.md")), Some(1));
        assert_eq!(site.find(Path::new("/site/z.md")), Some(2));
        assert_eq!(site.find(Path::new("/site/knee/b.md")), None);
        assert_eq!(site.find(Path::new("/elsewhere/z.md")), None);
        assert!(site.has_anchor(1, "risks"));
        assert!(!site.has_anchor(1, "benefits"));
    }

    #[test]
    fn files_in_order_need_no_sorted_copy() {
        let inputs = Inputs::from(vec![
            page("/site/a.md", "# A\n"),
            page("/site/b/c.md", "# C\n"),
        ]);
        let site = index(&inputs);
        assert!(site.by_path.is_empty());
        assert_eq!(site.find(Path::new("/site/b/c.md")), Some(1));
        assert!(site.has_anchor(1, "c"));
    }

    #[test]
    fn unreadable_files_are_not_found() {
        let inputs = Inputs::from(vec![
            page("/site/a.md", "# A\n"),
            Input::file("/site/does-not-exist/b.md", Format::Markdown),
        ]);
        let site = index(&inputs);
        assert_eq!(site.find(Path::new("/site/a.md")), Some(0));
        assert_eq!(site.find(Path::new("/site/does-not-exist/b.md")), None);
    }

    #[cfg(unix)]
    #[test]
    fn finds_paths_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let odd = PathBuf::from(std::ffi::OsStr::from_bytes(b"/site/\xff.md"));
        let inputs = Inputs::from(vec![
            page("/site/a.md", "# A\n"),
            Input::with_text("odd", &odd, Format::Markdown, "# Odd\n"),
        ]);
        let site = index(&inputs);
        assert_eq!(site.find(&odd), Some(1));
        assert_eq!(site.find(Path::new("/site/a.md")), Some(0));
        assert!(site.has_anchor(1, "odd"));
    }
}
