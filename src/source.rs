//! Source files and byte spans. Every span in medlint is a half-open byte range into the
//! original file text; columns are counted in characters only when shown to people.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// A text that is either built into the binary (borrowed, never copied) or shared from a
/// file read at run time: the built-in packs are 360 KB that every run would otherwise copy.
#[derive(Clone, Debug)]
pub enum SourceText {
    /// Embedded in the binary.
    Static(&'static str),
    /// Read at run time.
    Shared(Arc<str>),
}

impl SourceText {
    /// The text as a shared string (a copy only of an embedded one).
    pub fn to_shared(&self) -> Arc<str> {
        match self {
            SourceText::Static(text) => Arc::from(*text),
            SourceText::Shared(text) => Arc::clone(text),
        }
    }

    /// Whether `other` is this very text, not an equal one.
    pub fn same_as(&self, other: &SourceText) -> bool {
        std::ptr::eq(self.as_ptr(), other.as_ptr()) && self.len() == other.len()
    }
}

impl std::ops::Deref for SourceText {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            SourceText::Static(text) => text,
            SourceText::Shared(text) => text,
        }
    }
}

/// Half-open byte range `[start, end)` into a source file.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets. Offsets past `u32::MAX` are clamped; files that large are
    /// refused before parsing.
    pub fn new(start: usize, end: usize) -> Span {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Span {
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    /// An empty span at `at`.
    pub fn empty(at: usize) -> Span {
        Span::new(at, at)
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `usize` range, for slicing and for codespan labels.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// True when `other` lies entirely within `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Index of a file in a [`SourceDb`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// One file's text plus its line index.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the working directory when possible).
    pub name: String,
    /// The file's full text.
    pub text: String,
    line_starts: Vec<u32>,
    /// Characters before each [`CHECKPOINT`]-byte block, built the first time a column is
    /// asked far into a long line, so columns and character offsets cost a bounded count.
    checkpoints: OnceLock<Vec<u32>>,
}

/// Bytes between character-count checkpoints: the most a column or offset count scans.
const CHECKPOINT: usize = 4096;

/// Characters in `bytes` (a slice starting on a character boundary): bytes that do not
/// continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl SourceFile {
    /// Index a file's text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts = Vec::with_capacity(text.len() / 48 + 2);
        line_starts.push(0u32);
        let bytes = text.as_bytes();
        let line_start = |i: usize| u32::try_from(i + 1).unwrap_or(u32::MAX);
        if memchr::memchr(b'\r', bytes).is_none() {
            // Most files end lines with \n alone: a one-byte search finds them faster.
            line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(line_start));
        } else {
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                // \n, \r\n and a lone \r each end a line.
                let ends_line =
                    bytes[i] == b'\n' || bytes.get(i + 1).is_none_or(|&next| next != b'\n');
                if ends_line {
                    line_starts.push(line_start(i));
                }
            }
        }
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            checkpoints: OnceLock::new(),
        }
    }

    /// Zero-based line index holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte range of zero-based `line`, including its terminator.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let start = *self.line_starts.get(line)? as usize;
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&e| e as usize);
        Some(start..end)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// One-based line and one-based column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts[line] as usize;
        let column = if offset - start <= CHECKPOINT {
            self.text[start..offset].chars().count()
        } else {
            // Far into a long line: count from checkpoints rather than from the line start.
            self.char_offset(offset) - self.char_offset(start)
        };
        (line + 1, column + 1)
    }

    /// Characters before byte `offset` (snapped back to a character boundary), counted from
    /// the nearest checkpoint: bounded work however long the file or line.
    pub fn char_offset(&self, offset: usize) -> usize {
        let offset = floor_char_boundary(&self.text, offset);
        let bytes = self.text.as_bytes();
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut seen = 0u32;
            let mut out = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
            for block in bytes.chunks(CHECKPOINT) {
                out.push(seen);
                seen += count_chars(block) as u32;
            }
            out
        });
        let block = offset / CHECKPOINT;
        match checkpoints.get(block) {
            Some(&before) => before as usize + count_chars(&bytes[block * CHECKPOINT..offset]),
            // The offset is the end of a file whose length is a multiple of the block.
            None => {
                checkpoints.last().map_or(0, |&c| c as usize)
                    + count_chars(&bytes[bytes.len().saturating_sub(CHECKPOINT)..offset])
            }
        }
    }

    /// One-based (line, column) of a span's start and of its end.
    pub fn line_cols(&self, span: Span) -> ((usize, usize), (usize, usize)) {
        (
            self.line_col(span.start as usize),
            self.line_col(span.end as usize),
        )
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// Largest char boundary at or before `at`.
pub fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Call `f` with the index of `text`, a config or pack file shared as an `Arc` and shown as
/// `name`. The last one indexed is kept (per thread): a file's errors come one after another,
/// so it is indexed once for all of them rather than once per error.
pub fn with_indexed<T>(name: &str, text: &Arc<str>, f: impl FnOnce(&SourceFile) -> T) -> T {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(Arc<str>, SourceFile)>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| {
        let fresh = match last {
            Some((t, file)) => !Arc::ptr_eq(t, text) || file.name != name,
            None => true,
        };
        if fresh {
            *last = Some((Arc::clone(text), SourceFile::new(name, &**text)));
        }
        match last {
            Some((_, file)) => f(file),
            None => f(&SourceFile::new(name, &**text)),
        }
    })
}

/// All files of one run. Implements codespan's `Files` so diagnostics render without copying.
#[derive(Debug, Default)]
pub struct SourceDb {
    files: Vec<SourceFile>,
}

impl SourceDb {
    /// An empty database.
    pub fn new() -> SourceDb {
        SourceDb::default()
    }

    /// Add a file and return its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    /// Look a file up.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file was added.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl<'a> codespan_reporting::files::Files<'a> for SourceDb {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id.0 as usize)
            .map(|f| f.name.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id.0 as usize)
            .map(|f| f.text.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(
        &'a self,
        id: FileId,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let file = self
            .files
            .get(id.0 as usize)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        Ok(file.line_index(byte_index))
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let file = self
            .files
            .get(id.0 as usize)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        file.line_range(line_index)
            .ok_or(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: file.line_count() - 1,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let f = SourceFile::new("t", "a\nb\r\nc\rd");
        assert_eq!(f.line_count(), 4);
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(2), (2, 1));
        assert_eq!(f.line_col(5), (3, 1));
        assert_eq!(f.line_col(7), (4, 1));
    }

    #[test]
    fn lf_only_text_indexes_every_line() {
        let text = "# Title\n\nFirst line.\nSecond’s line\n\n- item\nlast";
        let f = SourceFile::new("t", text);
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        assert_eq!(f.line_count(), lines.len());
        for (i, line) in lines.iter().enumerate() {
            let range = f.line_range(i).expect("a line");
            assert_eq!(&text[range], *line);
        }
        // The same lines with \r\n endings index the same way through the mixed scan.
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(SourceFile::new("t", crlf).line_count(), lines.len());
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::new("t", "spine’s cure");
        let at = f.text.find("cure").unwrap();
        assert_eq!(f.line_col(at), (1, 9));
    }

    #[test]
    fn columns_far_into_long_lines_agree_with_a_count() {
        let text = format!("# T\n\n{}\nend", "PRP’s cure é, 中文 ".repeat(3000));
        let f = SourceFile::new("t", text.clone());
        for offset in (0..=text.len()).step_by(997).chain([text.len()]) {
            let at = floor_char_boundary(&text, offset);
            assert_eq!(f.char_offset(offset), text[..at].chars().count());
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(
                f.line_col(offset).1,
                text[line_start..at].chars().count() + 1
            );
        }
    }

    #[test]
    fn offsets_inside_a_character_snap_back() {
        let f = SourceFile::new("t", "’x");
        assert_eq!(f.line_col(1), (1, 1));
    }
}
