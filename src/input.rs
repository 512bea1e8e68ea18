//! The files a run reads. A site of 20,000 articles keeps its list for the whole run, so the
//! list is stored compactly: every path as its tail after one shared folder prefix, all tails
//! in one string, plus a byte for the format. Names and texts that do not come from the path
//! (standard input, explicitly named files) sit in a small side table.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use crate::document::Format;
use crate::error::Error;
use crate::files::path::{display_key, display_name, normalize};
use crate::files::read::{decode, read_file};

/// One file to lint, as built by callers; [`Inputs`] stores it compactly.
#[derive(Clone, Debug)]
pub struct Input {
    /// Absolute, normalised path (used to resolve links); the constructors normalise it.
    pub path: PathBuf,
    /// How to parse it.
    pub format: Format,
    extra: Extra,
}

/// What an input brings beyond its path.
#[derive(Clone, Debug, Default)]
struct Extra {
    /// Name shown to the user; empty when derived from the path.
    name: String,
    /// Its text, when it does not come from disk (stdin, examples).
    text: Option<String>,
    /// The path, when it cannot be stored as text in the shared string (not UTF-8).
    path: Option<PathBuf>,
}

impl Extra {
    fn is_empty(&self) -> bool {
        self.name.is_empty() && self.text.is_none() && self.path.is_none()
    }
}

impl Input {
    /// A file on disk, shown by its path.
    pub fn file(path: impl Into<PathBuf>, format: Format) -> Input {
        Input::new(String::new(), path.into(), format, None)
    }

    /// A file on disk shown as `name`.
    pub fn named(name: impl Into<String>, path: impl Into<PathBuf>, format: Format) -> Input {
        Input::new(name.into(), path.into(), format, None)
    }

    /// A text that does not come from disk, shown as `name`; `path` places it in the site.
    pub fn with_text(
        name: impl Into<String>,
        path: impl Into<PathBuf>,
        format: Format,
        text: impl Into<String>,
    ) -> Input {
        Input::new(name.into(), path.into(), format, Some(text.into()))
    }

    fn new(name: String, path: PathBuf, format: Format, text: Option<String>) -> Input {
        Input {
            path: normalize(&path),
            format,
            extra: Extra {
                name,
                text,
                path: None,
            },
        }
    }
}

/// The list of files a run reads, in the order they are linted.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The folder every stored path starts with, ending in a separator (or empty).
    prefix: String,
    /// Each path after `prefix`, one after another; input `i`'s is `tails[ends[i-1]..ends[i]]`.
    tails: String,
    ends: Vec<u32>,
    formats: Vec<Format>,
    /// Names, texts and non-UTF-8 paths, by input index (ascending).
    extras: Vec<(u32, Extra)>,
}

impl From<Vec<Input>> for Inputs {
    fn from(list: Vec<Input>) -> Inputs {
        list.into_iter().collect()
    }
}

impl FromIterator<Input> for Inputs {
    fn from_iter<I: IntoIterator<Item = Input>>(list: I) -> Inputs {
        let mut inputs = Inputs::default();
        inputs.extend(list);
        inputs
    }
}

impl Extend<Input> for Inputs {
    fn extend<I: IntoIterator<Item = Input>>(&mut self, list: I) {
        for input in list {
            self.push(input);
        }
    }
}

/// The end of the folder part of `s`: just past its last separator.
fn folder_end(s: &str) -> usize {
    s.rfind(std::path::is_separator).map_or(0, |at| at + 1)
}

impl Inputs {
    /// An empty list.
    pub fn new() -> Inputs {
        Inputs::default()
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.formats.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.formats.is_empty()
    }

    /// Add `input` at the end.
    pub fn push(&mut self, input: Input) {
        let Input {
            path,
            format,
            mut extra,
        } = input;
        let index = self.len() as u32;
        match path.to_str() {
            Some(p) => {
                if self.is_empty() {
                    self.prefix = p[..folder_end(p)].to_string();
                } else if !p.starts_with(self.prefix.as_str()) {
                    self.shorten_prefix(p);
                }
                self.tails.push_str(&p[self.prefix.len()..]);
            }
            None => extra.path = Some(path),
        }
        self.ends.push(self.tails.len() as u32);
        self.formats.push(format);
        if !extra.is_empty() {
            self.extras.push((index, extra));
        }
    }

    /// Cut the shared prefix back to a folder that `path` also starts with, moving the cut
    /// part into every stored tail. Happens at most once per folder level.
    fn shorten_prefix(&mut self, path: &str) {
        let common = self
            .prefix
            .char_indices()
            .zip(path.chars())
            .find(|((_, a), b)| a != b)
            .map_or(self.prefix.len().min(path.len()), |((at, _), _)| at);
        let keep = folder_end(&self.prefix[..common]);
        let moved = self.prefix[keep..].to_string();
        let mut tails = String::with_capacity(self.tails.len() + moved.len() * self.len());
        let mut ends = Vec::with_capacity(self.ends.capacity());
        for i in 0..self.len() {
            if self.aside(i).is_none() {
                tails.push_str(&moved);
                tails.push_str(self.tail(i));
            }
            ends.push(tails.len() as u32);
        }
        self.tails = tails;
        self.ends = ends;
        self.prefix.truncate(keep);
    }

    fn extra(&self, i: usize) -> Option<&Extra> {
        self.extras
            .binary_search_by_key(&(i as u32), |(at, _)| *at)
            .ok()
            .map(|at| &self.extras[at].1)
    }

    fn tail(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.tails[start..self.ends[i] as usize]
    }

    /// The path of input `i` when it is stored aside rather than as prefix + tail.
    fn aside(&self, i: usize) -> Option<&Path> {
        self.extra(i).and_then(|x| x.path.as_deref())
    }

    /// Input `i`.
    pub fn get(&self, i: usize) -> InputRef<'_> {
        InputRef { inputs: self, i }
    }

    /// Positions `0..len()` in consecutive runs of at most `size`.
    pub(crate) fn chunks(&self, size: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
        let len = self.len();
        (0..len).step_by(size).map(move |at| at..len.min(at + size))
    }

    /// Every input, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = InputRef<'_>> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Keep only the inputs whose paths satisfy `keep`.
    pub fn retain(&mut self, mut keep: impl FnMut(&Path) -> bool) {
        let kept: Vec<Input> = self
            .iter()
            .filter(|input| keep(&input.path()))
            .map(|input| input.to_input())
            .collect();
        *self = Inputs::from(kept);
    }

    /// The list in the order files are shown, by name, with repeated paths dropped. Files
    /// whose names derive from their paths sort by path: the same order, without building
    /// every name. Folders are walked in order, so this rarely has to move anything.
    pub(crate) fn in_shown_order(self, cwd: &Path) -> Inputs {
        // Paths below the shared prefix compare by their tails when the working folder strips
        // the same components from all of them (or from none).
        let prefix = Path::new(&self.prefix);
        let tails_decide = prefix.starts_with(cwd) || !cwd.starts_with(prefix);
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        let in_order = if tails_decide && self.extras.is_empty() {
            // Every file named by its path and none kept aside (a folder walked, say): the
            // tails alone decide, as bytes.
            let keys = PathKeys::of((0..self.len()).map(|i| self.tail(i)));
            let in_order = (1..self.len()).all(|i| keys.get(i - 1) <= keys.get(i));
            if !in_order {
                // Equal paths keep their order (the first of them stays).
                order.sort_unstable_by(|&a, &b| {
                    let (a, b) = (a as usize, b as usize);
                    keys.get(a).cmp(keys.get(b)).then(a.cmp(&b))
                });
            }
            in_order
        } else {
            let before = |a: usize, b: usize| {
                let (x, y) = (self.get(a), self.get(b));
                if !x.name().is_empty() || !y.name().is_empty() {
                    return x.display(cwd).cmp(&y.display(cwd));
                }
                match (self.tail_if_shared(a), self.tail_if_shared(b)) {
                    (Some(s), Some(t)) if tails_decide => Path::new(s).cmp(Path::new(t)),
                    _ => display_key(&x.path(), cwd).cmp(display_key(&y.path(), cwd)),
                }
            };
            let in_order = (1..self.len()).all(|i| before(i - 1, i) != Ordering::Greater);
            if !in_order {
                order.sort_by(|&a, &b| before(a as usize, b as usize));
            }
            in_order
        };
        order.dedup_by(|a, b| self.same_path(*a as usize, *b as usize));
        if in_order && order.len() == self.len() {
            return self;
        }
        order
            .iter()
            .map(|&i| self.get(i as usize).to_input())
            .collect()
    }

    fn same_path(&self, a: usize, b: usize) -> bool {
        self.cmp_paths(a, b) == Ordering::Equal
    }

    /// The order of the paths of inputs `a` and `b` by their bytes. Paths are normalised, so
    /// equal bytes are equal paths, and bytes compare far faster than components. Paths kept
    /// aside sort first.
    pub(crate) fn cmp_paths(&self, a: usize, b: usize) -> Ordering {
        match (self.aside(a), self.aside(b)) {
            // Both start with the shared prefix.
            (None, None) => self.tail(a).cmp(self.tail(b)),
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(x), Some(y)) => x
                .as_os_str()
                .as_encoded_bytes()
                .cmp(y.as_os_str().as_encoded_bytes()),
        }
    }

    /// Input `i`'s path after [`prefix`](Self::prefix), or `None` when its path is stored
    /// aside (not UTF-8).
    pub(crate) fn tail_if_shared(&self, i: usize) -> Option<&str> {
        self.aside(i).is_none().then(|| self.tail(i))
    }

    /// The inputs whose paths are kept aside (not UTF-8), with their positions.
    pub(crate) fn aside_paths(&self) -> impl Iterator<Item = (usize, &Path)> {
        self.extras
            .iter()
            .filter_map(|(i, x)| Some((*i as usize, x.path.as_deref()?)))
    }

    /// The folder prefix every path not stored aside starts with.
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }
}

/// Normal relative paths as keys that order as [`Path`] orders them, component by component:
/// their bytes with `/` as 0, below any byte a name holds (a name ends before a longer one
/// that starts with it). Compared as plain bytes, without splitting a path into components
/// for every comparison.
struct PathKeys {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl PathKeys {
    fn of<'a>(paths: impl Iterator<Item = &'a str>) -> PathKeys {
        let mut keys = PathKeys {
            bytes: Vec::new(),
            ends: Vec::new(),
        };
        for path in paths {
            keys.bytes
                .extend(path.bytes().map(|b| if b == b'/' { 0 } else { b }));
            keys.ends.push(keys.bytes.len());
        }
        keys
    }

    fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }
}

/// One entry of [`Inputs`].
#[derive(Clone, Copy)]
pub struct InputRef<'a> {
    inputs: &'a Inputs,
    i: usize,
}

impl<'a> InputRef<'a> {
    /// Its absolute, normalised path.
    pub fn path(&self) -> Cow<'a, Path> {
        match self.inputs.aside(self.i) {
            Some(p) => Cow::Borrowed(p),
            None => {
                let mut p = String::with_capacity(self.inputs.prefix.len() + 64);
                p.push_str(&self.inputs.prefix);
                p.push_str(self.inputs.tail(self.i));
                Cow::Owned(PathBuf::from(p))
            }
        }
    }

    /// How to parse it.
    pub fn format(&self) -> Format {
        self.inputs.formats[self.i]
    }

    /// Its text when it does not come from disk.
    pub fn text(&self) -> Option<&'a str> {
        self.inputs.extra(self.i).and_then(|x| x.text.as_deref())
    }

    /// The name given for this file; empty when it is shown by its path.
    pub(crate) fn name(&self) -> &'a str {
        self.inputs.extra(self.i).map_or("", |x| x.name.as_str())
    }

    /// The name shown for this file: its given name, or its path relative to `cwd` when
    /// inside it.
    pub fn display(&self, cwd: &Path) -> Cow<'a, str> {
        match self.name() {
            "" => display_name(&self.path(), cwd).into(),
            name => name.into(),
        }
    }

    /// An owned copy, as callers build entries.
    pub fn to_input(&self) -> Input {
        Input {
            path: self.path().into_owned(),
            format: self.format(),
            extra: Extra {
                name: self.name().to_string(),
                text: self.text().map(str::to_string),
                path: None,
            },
        }
    }
}

/// Read an input's text: its text in memory, or its file, with the limits of
/// [`crate::files::read`]. `path` is `input.path()`, built once by the caller, which needs it
/// too.
pub fn read_text(
    input: InputRef<'_>,
    path: &Path,
    limit_mib: u64,
    cwd: &Path,
) -> Result<String, Error> {
    read_named(input, path, limit_mib, cwd).map(|(_, text)| text)
}

/// [`read_text`], with the name the input is shown by (which its errors carry too): a caller
/// that shows the file uses this name rather than working it out from the path again.
pub fn read_named(
    input: InputRef<'_>,
    path: &Path,
    limit_mib: u64,
    cwd: &Path,
) -> Result<(String, String), Error> {
    let name = input.display(cwd);
    let text = match input.text() {
        Some(text) => decode(&name, text.as_bytes().to_vec(), limit_mib)?,
        None => read_file(path, &name, limit_mib)?,
    };
    Ok((name.into_owned(), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(inputs: &Inputs) -> Vec<PathBuf> {
        inputs.iter().map(|i| i.path().into_owned()).collect()
    }

    #[test]
    fn paths_come_back_as_given_while_the_prefix_shortens() {
        let given = [
            "/site/blog/knee/a.md",
            "/site/blog/knee/b.md",
            "/site/blog/hip/c.md",
            "/site/d.md",
            "/other/e.md",
            "/site/blog/knee/f.md",
        ];
        let inputs = Inputs::from(
            given
                .iter()
                .map(|p| Input::file(p, Format::Markdown))
                .collect::<Vec<_>>(),
        );
        assert_eq!(
            paths(&inputs),
            given.iter().map(PathBuf::from).collect::<Vec<_>>()
        );
        assert_eq!(inputs.prefix(), "/");
        assert_eq!(inputs.tail_if_shared(5), Some("site/blog/knee/f.md"));
    }

    #[test]
    fn names_and_texts_stay_with_their_entries() {
        let inputs = Inputs::from(vec![
            Input::file("/s/a.md", Format::Markdown),
            Input::with_text("<stdin>", "/s/stdin.md", Format::Text, "Hello."),
            Input::named("b.html", "/s/b.html", Format::Html),
        ]);
        let cwd = Path::new("/s");
        let shown: Vec<_> = inputs.iter().map(|i| i.display(cwd).into_owned()).collect();
        assert_eq!(shown, ["a.md", "<stdin>", "b.html"]);
        assert_eq!(inputs.get(1).text(), Some("Hello."));
        assert_eq!(inputs.get(0).text(), None);
        assert_eq!(inputs.get(2).format(), Format::Html);
    }

    #[test]
    fn retain_keeps_order_and_extras() {
        let mut inputs = Inputs::from(vec![
            Input::file("/s/a.md", Format::Markdown),
            Input::with_text("x", "/s/x.md", Format::Markdown, "Text."),
            Input::file("/s/c.md", Format::Markdown),
        ]);
        inputs.retain(|p| p != Path::new("/s/a.md"));
        assert_eq!(paths(&inputs), [PathBuf::from("/s/x.md"), "/s/c.md".into()]);
        assert_eq!(inputs.get(0).text(), Some("Text."));
    }

    #[test]
    fn shown_order_sorts_by_components_and_drops_repeats() {
        let inputs = Inputs::from(vec![
            Input::file("/s/knee-pain/b.md", Format::Markdown),
            Input::file("/s/knee/a.md", Format::Markdown),
            Input::named("./z.md", "/s/z.md", Format::Markdown),
            Input::file("/s/knee/a.md", Format::Markdown),
        ]);
        let sorted = inputs.in_shown_order(Path::new("/s"));
        let shown: Vec<_> = sorted
            .iter()
            .map(|i| i.display(Path::new("/s")).into_owned())
            .collect();
        assert_eq!(shown, ["./z.md", "knee/a.md", "knee-pain/b.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_paths_are_kept_aside() {
        use std::os::unix::ffi::OsStrExt;
        let odd = PathBuf::from(std::ffi::OsStr::from_bytes(b"/s/\xff.md"));
        let inputs = Inputs::from(vec![
            Input::file("/s/a/b.md", Format::Markdown),
            Input::file(&odd, Format::Markdown),
            Input::file("/t/c.md", Format::Markdown),
        ]);
        assert_eq!(
            paths(&inputs),
            [PathBuf::from("/s/a/b.md"), odd, "/t/c.md".into()]
        );
    }

    /// Path pieces that exercise the prefix and the orders: shared and diverging folders,
    /// names that sort differently by bytes and by components, and a folder named like a file.
    const PIECES: &[&str] = &[
        "/site",
        "/blog",
        "/knee",
        "/knee-pain",
        "/a.md",
        "/b.md",
        "/x",
        "/knee.md",
        "/knee!",
    ];

    /// The plain reference: owned inputs sorted by shown name (derived names by path),
    /// repeated paths dropped.
    fn reference(list: &[Input], cwd: &Path) -> Vec<(PathBuf, String)> {
        let shown = |i: &Input| {
            if i.extra.name.is_empty() {
                display_name(&i.path, cwd)
            } else {
                i.extra.name.clone()
            }
        };
        let mut list = list.to_vec();
        list.sort_by(|a, b| {
            if a.extra.name.is_empty() && b.extra.name.is_empty() {
                display_key(&a.path, cwd).cmp(display_key(&b.path, cwd))
            } else {
                shown(a).cmp(&shown(b))
            }
        });
        list.dedup_by(|a, b| a.path == b.path);
        list.iter().map(|i| (i.path.clone(), shown(i))).collect()
    }

    /// `inputs` in the order shown, as (path, shown name).
    fn shown_order(inputs: Inputs, cwd: &Path) -> Vec<(PathBuf, String)> {
        inputs
            .in_shown_order(cwd)
            .iter()
            .map(|i| (i.path().into_owned(), i.display(cwd).into_owned()))
            .collect()
    }

    /// Working folders for the property tests: above, at and below the paths' shared folders.
    const CWDS: [&str; 3] = ["/site", "/", "/site/blog/knee"];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 512,
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn compact_list_agrees_with_the_plain_one(
            paths in proptest::collection::vec(
                proptest::collection::vec(0..PIECES.len(), 1..5), 0..12),
            cwd in 0..CWDS.len(),
        ) {
            let cwd = Path::new(CWDS[cwd]);
            // Every fifth path is named on the command line, shown by the name given.
            let list: Vec<Input> = paths
                .iter()
                .enumerate()
                .map(|(n, p)| {
                    let path: String = p.iter().map(|&i| PIECES[i]).collect();
                    if n % 5 == 4 {
                        Input::named(format!("./{}", &path[1..]), path, Format::Markdown)
                    } else {
                        Input::file(path, Format::Markdown)
                    }
                })
                .collect();
            let inputs = Inputs::from(list.clone());
            // Every path comes back as given, in order.
            let back: Vec<PathBuf> = inputs.iter().map(|i| i.path().into_owned()).collect();
            let given: Vec<PathBuf> = list.iter().map(|i| i.path.clone()).collect();
            proptest::prop_assert_eq!(back, given);
            // Shown order and repeats as the plain list would have them.
            proptest::prop_assert_eq!(shown_order(inputs, cwd), reference(&list, cwd));
        }

        #[test]
        fn a_walked_folder_sorts_as_the_plain_list(
            paths in proptest::collection::vec(
                proptest::collection::vec(0..PIECES.len(), 1..5), 0..40),
            cwd in 0..CWDS.len(),
        ) {
            // Every file named by its path, in the order a folder's entries come unsorted.
            let cwd = Path::new(CWDS[cwd]);
            let list: Vec<Input> = paths
                .iter()
                .map(|p| Input::file(p.iter().map(|&i| PIECES[i]).collect::<String>(), Format::Markdown))
                .collect();
            proptest::prop_assert_eq!(
                shown_order(Inputs::from(list.clone()), cwd),
                reference(&list, cwd)
            );
        }
    }
}
