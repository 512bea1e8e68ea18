//! The site index: which files are linted and the anchors each defines, so that each
//! document's links can be checked while that document is linted. It borrows the paths of
//! the inputs and keeps a few 3-byte anchor hashes per file, so memory barely grows with the
//! site. Anchors are learnt as files are linted, from the text already read; a link to a file
//! not linted yet reads that file's anchors then, once. So each file is read once, or twice
//! when a link reaches it before its own turn.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU64, Ordering as Atomic};

use crate::document::{Format, anchors};
use crate::files::hash::fnv1a;
use crate::input::Inputs;

/// Paths and anchors of the linted files, plus where links resolve.
pub struct SiteIndex<'a> {
    inputs: &'a Inputs,
    /// Indexes into `inputs`, ordered by path; empty when that is input order (the usual
    /// case, as folders are walked in order).
    by_path: Vec<u32>,
    /// Each input's anchors once known, as a [`Slot`] packed into 64 bits (0: not yet).
    slots: Vec<AtomicU64>,
    /// Sorted anchor hashes, one run per input whose anchors are known.
    hashes: Mutex<Vec<Hash>>,
    /// For reading a file whose anchors are wanted before its turn.
    limit_mib: u64,
    cwd: PathBuf,
    /// Where `/…` links resolve.
    pub root: PathBuf,
    /// The site's own origin; absolute links to it are internal.
    pub site_url: Option<String>,
    /// Whether link targets may be looked up on disk (assets that are not articles).
    pub check_filesystem: bool,
    /// Anchor names of files a broken anchor pointed into, read once for every suggestion.
    names: Mutex<FxHashMap<usize, Arc<BTreeSet<String>>>>,
    /// Anchor names of link targets on disk that are not in the run (a single file, standard
    /// input, `--changed-since`), each read once; `None`: it could not be read.
    on_disk: Mutex<FxHashMap<PathBuf, Arc<OnDisk>>>,
}

/// One on-disk target's anchor names, read by the first link that wants them.
type OnDisk = OnceLock<Option<Arc<BTreeSet<String>>>>;

/// Most pages whose anchor names are kept for "did you mean" at once.
const NAMES_CACHED: usize = 64;

/// What the index says of a link's anchor.
#[derive(Debug, PartialEq, Eq)]
pub enum AnchorCheck {
    /// The file defines it.
    Present,
    /// The file does not define it. The file's anchor names come along when they were read
    /// for this check (a "did you mean" wants them, and the index keeps only hashes); else
    /// [`SiteIndex::anchor_names`] reads them.
    Missing(Option<BTreeSet<String>>),
    /// The file cannot be read, so its anchors are unknown.
    Unknown,
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

/// Anchors a page typically defines, for sizing the index.
const TYPICAL_ANCHORS: usize = 24;

/// What is known of one input's anchors: nothing yet, that it could not be read, or its run
/// `hashes[start..start + len]`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Slot {
    Unknown,
    Unreadable,
    Run { start: u32, len: u32 },
}

const KNOWN: u64 = 1 << 63;
const UNREADABLE: u64 = 1 << 62;
/// A run's length takes the 30 bits below the flags (a file's size limit keeps it far less).
const LEN_MASK: u32 = (1 << 30) - 1;

impl Slot {
    fn pack(self) -> u64 {
        match self {
            Slot::Unknown => 0,
            Slot::Unreadable => KNOWN | UNREADABLE,
            Slot::Run { start, len } => KNOWN | (u64::from(len) << 32) | u64::from(start),
        }
    }

    fn unpack(bits: u64) -> Slot {
        if bits & KNOWN == 0 {
            Slot::Unknown
        } else if bits & UNREADABLE != 0 {
            Slot::Unreadable
        } else {
            Slot::Run {
                start: bits as u32,
                len: ((bits >> 32) as u32) & LEN_MASK,
            }
        }
    }
}

impl<'a> SiteIndex<'a> {
    /// Index the paths of `inputs`; anchors are learnt later (see [`record`](Self::record)).
    /// Files that cannot be read have no anchors; the lint pass reports them.
    pub fn build(
        inputs: &'a Inputs,
        root: &Path,
        site_url: Option<String>,
        check_filesystem: bool,
        limit_mib: u64,
        cwd: &Path,
    ) -> SiteIndex<'a> {
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
            slots: (0..inputs.len()).map(|_| AtomicU64::new(0)).collect(),
            // Room for a typical page's anchors up front: growing by doubling would copy
            // the whole index several times, and untouched room costs no memory.
            hashes: Mutex::new(Vec::with_capacity(inputs.len() * TYPICAL_ANCHORS)),
            limit_mib,
            cwd: cwd.to_path_buf(),
            root: root.to_path_buf(),
            site_url,
            check_filesystem,
            names: Mutex::new(FxHashMap::default()),
            on_disk: Mutex::new(FxHashMap::default()),
        }
    }

    /// The anchor names of `path`, a file on disk that is not in the run, read with the same
    /// size limit as articles; each file is read once however many links point into it
    /// (`None`: it could not be read, is not an article, or lies outside the site root: a
    /// link must not make medlint read, and suggest headings from, any file on the machine).
    pub fn disk_anchors(&self, path: &Path) -> Option<Arc<BTreeSet<String>>> {
        if !path.starts_with(&self.root) {
            return None;
        }
        let format = Format::from_path(&path.to_string_lossy())?;
        let cell = {
            let mut map = self.on_disk.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(map.entry(path.to_path_buf()).or_default())
        };
        // Read outside the map's lock; a second link into the same file waits for this read.
        cell.get_or_init(|| {
            let name = crate::files::path::display_name(path, &self.cwd);
            let text = crate::files::read::read_file(path, &name, self.limit_mib).ok()?;
            Some(Arc::new(anchors(format, &text)))
        })
        .clone()
    }

    /// The site root as shown in messages: relative to the working folder when inside it.
    pub fn root_display(&self) -> String {
        if self.root == self.cwd {
            ".".to_string()
        } else {
            crate::files::path::display_name(&self.root, &self.cwd)
        }
    }

    /// `path` as shown in messages: relative to the site root when inside it.
    pub fn display_path(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// Learn the anchors of input `i` from its text (`None`: it could not be read), unless
    /// they are known already.
    pub fn record(&self, i: usize, text: Option<&str>) {
        if self.slot(i) == Slot::Unknown {
            self.store(
                i,
                text.map(|t| anchor_hashes(self.inputs.get(i).format(), t)),
            );
        }
    }

    /// Learn the anchors of input `i` from a list of them (they must be what [`anchors()`]
    /// reads from its text), unless they are known already.
    pub fn record_anchors<'s>(&self, i: usize, names: impl IntoIterator<Item = &'s str>) {
        if self.slot(i) == Slot::Unknown {
            self.store(i, Some(sorted_hashes(names)));
        }
    }

    fn slot(&self, i: usize) -> Slot {
        Slot::unpack(self.slots[i].load(Atomic::Acquire))
    }

    /// Store input `i`'s hashes, unless another thread did first; what is stored.
    fn store(&self, i: usize, found: Option<Vec<Hash>>) -> Slot {
        let mut hashes = self.hashes.lock().unwrap_or_else(|e| e.into_inner());
        let known = self.slot(i);
        if known != Slot::Unknown {
            return known;
        }
        let slot = match found {
            None => Slot::Unreadable,
            Some(h) => {
                let start = hashes.len() as u32;
                hashes.extend_from_slice(&h);
                Slot::Run {
                    start,
                    len: (h.len() as u32).min(LEN_MASK),
                }
            }
        };
        self.slots[i].store(slot.pack(), Atomic::Release);
        slot
    }

    /// Input `i`'s anchors, read from its file now if they are not known yet; with the names
    /// read, when they were.
    fn known(&self, i: usize) -> (Slot, Option<BTreeSet<String>>) {
        match self.slot(i) {
            Slot::Unknown => {
                let input = self.inputs.get(i);
                let text =
                    crate::input::read_text(input, &input.path(), self.limit_mib, &self.cwd).ok();
                let names = text.map(|t| anchors(input.format(), &t));
                let hashes = names
                    .as_ref()
                    .map(|n| sorted_hashes(n.iter().map(String::as_str)));
                (self.store(i, hashes), names)
            }
            known => (known, None),
        }
    }

    /// The linted file at `path` (normalised), as an index into the inputs, if any.
    pub fn find(&self, path: &Path) -> Option<usize> {
        match path.to_str() {
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
        }
    }

    /// The input at position `k` in path order.
    fn at(&self, k: usize) -> usize {
        if self.by_path.is_empty() {
            k
        } else {
            self.by_path[k] as usize
        }
    }

    /// Whether file `i` defines `anchor`, reading the file's anchors now if they are not
    /// known yet.
    pub fn check_anchor(&self, i: usize, anchor: &str) -> AnchorCheck {
        let (Slot::Run { start, len }, names) = self.known(i) else {
            return AnchorCheck::Unknown;
        };
        let hashes = self.hashes.lock().unwrap_or_else(|e| e.into_inner());
        let run = &hashes[start as usize..(start + len) as usize];
        if run.binary_search(&hash(anchor)).is_ok() {
            AnchorCheck::Present
        } else {
            AnchorCheck::Missing(names)
        }
    }

    /// Whether file `i` defines `anchor`; `None` when the file cannot be read, so its anchors
    /// are unknown.
    pub fn has_anchor(&self, i: usize, anchor: &str) -> Option<bool> {
        match self.check_anchor(i, anchor) {
            AnchorCheck::Present => Some(true),
            AnchorCheck::Missing(_) => Some(false),
            AnchorCheck::Unknown => None,
        }
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
    /// mean" suggestion, so the index keeps hashes rather than names. Each file is read for
    /// this at most once; its names are kept for later links into it.
    pub fn anchor_names(&self, i: usize) -> Arc<BTreeSet<String>> {
        let cached = |names: &Mutex<FxHashMap<_, Arc<_>>>| {
            let names = names.lock().unwrap_or_else(|e| e.into_inner());
            names.get(&i).map(Arc::clone)
        };
        if let Some(names) = cached(&self.names) {
            return names;
        }
        let input = self.inputs.get(i);
        let names = Arc::new(
            match crate::input::read_text(input, &input.path(), self.limit_mib, &self.cwd) {
                Ok(text) => anchors(input.format(), &text),
                Err(_) => BTreeSet::new(),
            },
        );
        let mut cache = self.names.lock().unwrap_or_else(|e| e.into_inner());
        // Links into one page come together (a page's links, a page's section index), so a
        // small cache serves them; emptied when full, it holds no more than that many pages'
        // names however large the site.
        if cache.len() >= NAMES_CACHED && !cache.contains_key(&i) {
            cache.clear();
        }
        Arc::clone(cache.entry(i).or_insert(names))
    }
}

/// The sorted, distinct hashes of the anchors a text in `format` defines.
fn anchor_hashes(format: Format, text: &str) -> Vec<Hash> {
    sorted_hashes(anchors(format, text).iter().map(String::as_str))
}

fn sorted_hashes<'s>(names: impl IntoIterator<Item = &'s str>) -> Vec<Hash> {
    let mut h: Vec<Hash> = names.into_iter().map(hash).collect();
    h.sort_unstable();
    h.dedup();
    h
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
        assert_eq!(site.has_anchor(1, "risks"), Some(true));
        assert_eq!(site.has_anchor(1, "benefits"), Some(false));
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
        assert_eq!(site.has_anchor(1, "c"), Some(true));
    }

    #[test]
    fn unreadable_files_are_found_with_unknown_anchors() {
        let inputs = Inputs::from(vec![
            page("/site/a.md", "# A\n"),
            Input::file("/site/does-not-exist/b.md", Format::Markdown),
        ]);
        let site = index(&inputs);
        assert_eq!(site.find(Path::new("/site/a.md")), Some(0));
        assert_eq!(site.find(Path::new("/site/does-not-exist/b.md")), Some(1));
        assert_eq!(site.has_anchor(1, "b"), None);
        assert_eq!(site.has_anchor(0, "a"), Some(true));
    }

    #[test]
    fn anchors_recorded_from_text_are_not_read_again() {
        // The file does not exist: its anchors can only come from the recorded text.
        let inputs = Inputs::from(vec![Input::file("/site/gone.md", Format::Markdown)]);
        let site = index(&inputs);
        site.record(0, Some("# Gone\n\n## Risks\n"));
        assert_eq!(site.has_anchor(0, "risks"), Some(true));
        assert_eq!(site.has_anchor(0, "gone"), Some(true));
        assert_eq!(site.has_anchor(0, "benefits"), Some(false));
        // What is known is kept: a later record changes nothing.
        site.record(0, None);
        assert_eq!(site.has_anchor(0, "risks"), Some(true));
    }

    #[test]
    fn the_anchor_name_cache_holds_a_bounded_number_of_pages() {
        let dir = tempfile::tempdir().unwrap();
        let inputs: Vec<Input> = (0..NAMES_CACHED * 3)
            .map(|i| {
                let path = dir.path().join(format!("p{i}.md"));
                std::fs::write(&path, format!("# Page {i}\n")).unwrap();
                Input::file(&path, Format::Markdown)
            })
            .collect();
        let inputs = Inputs::from(inputs);
        let site = SiteIndex::build(&inputs, dir.path(), None, false, 16, dir.path());
        for i in 0..NAMES_CACHED * 3 {
            assert!(site.anchor_names(i).contains(&format!("page-{i}")));
            let cached = site.names.lock().unwrap().len();
            assert!(cached <= NAMES_CACHED, "{cached}");
        }
    }

    #[test]
    fn anchor_names_are_read_once_for_every_link() {
        // Every broken anchor into a page asks for its names; the page is read the first
        // time only (it is gone before the second ask).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        std::fs::write(&path, "# Big\n\n## Risks\n").unwrap();
        let inputs = Inputs::from(vec![Input::file(&path, Format::Markdown)]);
        let site = SiteIndex::build(&inputs, dir.path(), None, false, 16, dir.path());
        let names = BTreeSet::from(["big".to_string(), "risks".to_string()]);
        assert_eq!(*site.anchor_names(0), names);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(*site.anchor_names(0), names);
    }

    #[test]
    fn a_missing_anchor_brings_the_names_read_for_the_check() {
        let inputs = Inputs::from(vec![page("/site/a.md", "# A\n\n## Risks\n")]);
        let site = index(&inputs);
        // The first check reads the file, so the names are at hand for a suggestion.
        let names = BTreeSet::from(["a".to_string(), "risks".to_string()]);
        assert_eq!(
            site.check_anchor(0, "risk"),
            AnchorCheck::Missing(Some(names.clone()))
        );
        // Later checks use the hashes; the names are read again only when asked for.
        assert_eq!(site.check_anchor(0, "risk"), AnchorCheck::Missing(None));
        assert_eq!(site.check_anchor(0, "risks"), AnchorCheck::Present);
        assert_eq!(*site.anchor_names(0), names);
    }

    #[test]
    fn anchors_of_files_outside_the_run_are_read_once() {
        // No input at all: the target is only on disk. It is gone before the second ask, so
        // the names can only come from the first read.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.md");
        std::fs::write(&path, "# Other\n\n## Side effects\n").unwrap();
        let inputs = Inputs::new();
        let site = SiteIndex::build(&inputs, dir.path(), None, true, 16, dir.path());
        let names = site.disk_anchors(&path).expect("readable");
        assert!(names.contains("side-effects") && names.contains("other"));
        std::fs::remove_file(&path).unwrap();
        assert_eq!(site.disk_anchors(&path), Some(names));
        // Over the size limit: not read, so its anchors are unknown.
        let big = dir.path().join("big.md");
        std::fs::write(&big, "# Big\n".repeat(200_000)).unwrap();
        let site = SiteIndex::build(&inputs, dir.path(), None, true, 1, dir.path());
        assert_eq!(site.disk_anchors(&big), None);
        assert_eq!(site.disk_anchors(&dir.path().join("logo.png")), None);
        // Outside the site root: never read.
        let inner = dir.path().join("site");
        std::fs::create_dir(&inner).unwrap();
        std::fs::write(&path, "# Other\n").unwrap();
        let site = SiteIndex::build(&inputs, &inner, None, true, 16, dir.path());
        assert_eq!(site.disk_anchors(&path), None);
    }

    #[test]
    fn anchors_can_be_recorded_by_name() {
        let inputs = Inputs::from(vec![Input::file("/site/gone.md", Format::Markdown)]);
        let site = index(&inputs);
        site.record_anchors(0, ["risks", "overview", "risks"]);
        assert_eq!(site.has_anchor(0, "overview"), Some(true));
        assert_eq!(site.has_anchor(0, "benefits"), Some(false));
    }

    #[test]
    fn slots_pack_and_unpack() {
        for slot in [
            Slot::Unknown,
            Slot::Unreadable,
            Slot::Run { start: 0, len: 0 },
            Slot::Run {
                start: u32::MAX,
                len: LEN_MASK,
            },
        ] {
            assert_eq!(Slot::unpack(slot.pack()), slot);
        }
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
        assert_eq!(site.has_anchor(1, "odd"), Some(true));
    }
}
