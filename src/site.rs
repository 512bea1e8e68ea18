//! The site index: which files are linted and the anchors each defines, so that each
//! document's links can be checked while that document is linted. It borrows the paths of
//! the inputs and keeps a 4-byte number per anchor into one table of distinct names (pages
//! share most section names), so memory grows little with the site and a broken anchor's
//! "did you mean" needs no second read. Anchors are learnt as files are linted, from the text
//! already read; a link to a file not linted yet reads that file's anchors then, once. So each
//! file is read once, or twice when a link reaches it before its own turn.

mod names;

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU64, Ordering as Atomic};

use crate::document::{Format, anchors};
use crate::input::Inputs;
use names::Names;

/// Paths and anchors of the linted files, plus where links resolve.
pub struct SiteIndex<'a> {
    inputs: &'a Inputs,
    /// Indexes into `inputs`, ordered by path; empty when that is input order (the usual
    /// case, as folders are walked in order).
    by_path: Vec<u32>,
    /// Each input's anchors once known, as a [`Slot`] packed into 64 bits (0: not yet).
    slots: Vec<AtomicU64>,
    /// The anchors of the inputs whose anchors are known.
    anchors: Mutex<AnchorTable>,
    /// For reading a file whose anchors are wanted before its turn.
    limit_mib: u64,
    cwd: PathBuf,
    /// Where `/…` links resolve.
    pub root: PathBuf,
    /// The site's own origin; absolute links to it are internal.
    pub site_url: Option<String>,
    /// Whether link targets may be looked up on disk (assets that are not articles).
    pub check_filesystem: bool,
    /// Anchor names of link targets on disk that are not in the run (a single file, standard
    /// input, `--changed-since`), each read once; `None`: it could not be read.
    on_disk: Mutex<FxHashMap<PathBuf, Arc<OnDisk>>>,
}

/// One on-disk target's anchor names, read by the first link that wants them.
type OnDisk = OnceLock<Option<Arc<BTreeSet<String>>>>;

/// What the index says of a link's anchor.
#[derive(Debug, PartialEq, Eq)]
pub enum AnchorCheck {
    /// The file defines it.
    Present,
    /// The file does not define it ([`SiteIndex::anchor_names`] has the names it does).
    Missing,
    /// The file cannot be read, so its anchors are unknown.
    Unknown,
}

/// Every known input's anchors: a sorted run of name ids per input, into one table of names.
struct AnchorTable {
    ids: Vec<u32>,
    names: Names,
}

/// Anchors a page typically defines, for sizing the index.
const TYPICAL_ANCHORS: usize = 24;

/// What is known of one input's anchors: nothing yet, that it could not be read, or its run
/// `ids[start..start + len]` of the anchor table.
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
            anchors: Mutex::new(AnchorTable {
                ids: Vec::with_capacity(inputs.len() * TYPICAL_ANCHORS),
                names: Names::default(),
            }),
            limit_mib,
            cwd: cwd.to_path_buf(),
            root: root.to_path_buf(),
            site_url,
            check_filesystem,
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
            let names = text.map(|t| anchors(self.inputs.get(i).format(), t));
            self.store(i, names.as_ref().map(|n| n.iter().map(String::as_str)));
        }
    }

    /// Learn the anchors of input `i` from a list of them (they must be what [`anchors()`]
    /// reads from its text), unless they are known already.
    pub fn record_anchors<'s>(&self, i: usize, names: impl IntoIterator<Item = &'s str>) {
        if self.slot(i) == Slot::Unknown {
            self.store(i, Some(names.into_iter()));
        }
    }

    fn slot(&self, i: usize) -> Slot {
        Slot::unpack(self.slots[i].load(Atomic::Acquire))
    }

    /// Store input `i`'s anchor names (`None`: it could not be read), unless another thread
    /// did first; what is stored.
    fn store<'s>(&self, i: usize, found: Option<impl Iterator<Item = &'s str>>) -> Slot {
        let mut table = self.anchors.lock().unwrap_or_else(|e| e.into_inner());
        let known = self.slot(i);
        if known != Slot::Unknown {
            return known;
        }
        let slot = match found {
            None => Slot::Unreadable,
            Some(names) => {
                let mut run: Vec<u32> = names.map(|n| table.names.intern(n)).collect();
                run.sort_unstable();
                run.dedup();
                let start = table.ids.len() as u32;
                table.ids.extend_from_slice(&run);
                Slot::Run {
                    start,
                    len: (run.len() as u32).min(LEN_MASK),
                }
            }
        };
        self.slots[i].store(slot.pack(), Atomic::Release);
        slot
    }

    /// Input `i`'s anchors, read from its file now if they are not known yet.
    fn known(&self, i: usize) -> Slot {
        match self.slot(i) {
            Slot::Unknown => {
                let input = self.inputs.get(i);
                let text =
                    crate::input::read_text(input, &input.path(), self.limit_mib, &self.cwd).ok();
                let names = text.map(|t| anchors(input.format(), &t));
                self.store(i, names.as_ref().map(|n| n.iter().map(String::as_str)))
            }
            known => known,
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
        let Slot::Run { start, len } = self.known(i) else {
            return AnchorCheck::Unknown;
        };
        let table = self.anchors.lock().unwrap_or_else(|e| e.into_inner());
        let run = &table.ids[start as usize..(start + len) as usize];
        match table.names.get(anchor) {
            Some(id) if run.binary_search(&id).is_ok() => AnchorCheck::Present,
            _ => AnchorCheck::Missing,
        }
    }

    /// Whether file `i` defines `anchor`; `None` when the file cannot be read, so its anchors
    /// are unknown.
    pub fn has_anchor(&self, i: usize, anchor: &str) -> Option<bool> {
        match self.check_anchor(i, anchor) {
            AnchorCheck::Present => Some(true),
            AnchorCheck::Missing => Some(false),
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

    /// The anchor names of file `i` (none when they are not known), for a "did you mean".
    #[cfg(test)]
    pub fn anchor_names(&self, i: usize) -> BTreeSet<String> {
        self.anchor_name_list(i).into_iter().collect()
    }

    /// The anchor names of file `i`, each once, in no particular order (none when they are
    /// not known): a "did you mean" orders them its own way, so no set is built.
    pub fn anchor_name_list(&self, i: usize) -> Vec<String> {
        let Slot::Run { start, len } = self.slot(i) else {
            return Vec::new();
        };
        let table = self.anchors.lock().unwrap_or_else(|e| e.into_inner());
        table.ids[start as usize..(start + len) as usize]
            .iter()
            .map(|&id| table.names.name(id).to_string())
            .collect()
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
    fn anchor_names_need_no_second_read() {
        // A broken anchor into a page wants its names; they were kept when the page was
        // first read (it is gone before they are asked for).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        std::fs::write(&path, "# Big\n\n## Risks\n").unwrap();
        let inputs = Inputs::from(vec![Input::file(&path, Format::Markdown)]);
        let site = SiteIndex::build(&inputs, dir.path(), None, false, 16, dir.path());
        assert_eq!(site.check_anchor(0, "risk"), AnchorCheck::Missing);
        std::fs::remove_file(&path).unwrap();
        let names = BTreeSet::from(["big".to_string(), "risks".to_string()]);
        assert_eq!(site.anchor_names(0), names);
        assert_eq!(site.check_anchor(0, "risks"), AnchorCheck::Present);
    }

    #[test]
    fn pages_share_one_copy_of_each_name() {
        let inputs = Inputs::from(vec![
            page("/site/a.md", "# A\n\n## Risks\n\n## FAQ\n"),
            page("/site/b.md", "# B\n\n## FAQ\n\n## Risks\n\n## Risks\n"),
        ]);
        let site = index(&inputs);
        assert_eq!(site.has_anchor(0, "risks"), Some(true));
        assert_eq!(site.has_anchor(1, "risks-1"), Some(true));
        assert_eq!(site.has_anchor(1, "a"), Some(false));
        assert_eq!(site.has_anchor(0, "b"), Some(false));
        let table = site.anchors.lock().unwrap();
        // a, risks, faq, b, risks-1: five names for seven anchors.
        assert_eq!(table.ids.len(), 7);
        assert!(table.names.get("faq").is_some() && table.names.get("risks-1").is_some());
        assert_eq!(table.names.intern_count(), 5);
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
