//! A file as the terminal renderers show it: its name and the lines a finding shows, with
//! hidden characters escaped (`text::escape`). Labels are moved onto the escaped text, so the
//! carets stay under what they mark, while line numbers and the header's column stay those of
//! the file. Only the lines a finding shows are copied, and only when one of them needs
//! escaping; otherwise this is the file itself.

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};

use crate::source::{SourceFile, floor_char_boundary};
use crate::text::escape::{self, for_each_piece, shown_as_is};

/// What a source line keeps as it is: a tab (the renderers expand it).
const KEEP: &[char] = &['\t'];

/// Lines codespan-reporting shows after the start of a label that spans lines, and before its
/// end (its default configuration).
const START_CONTEXT_LINES: usize = 3;
const END_CONTEXT_LINES: usize = 1;

/// A line longer than this (in bytes) is shown as a window around its labels, so a finding
/// on a long line (a minified page, a paragraph with no line breaks) prints a bounded amount
/// rather than the whole line each time.
pub const LONG_LINE: usize = 1024;
/// Bytes of the line shown before the first label and after the last, in a window.
const CONTEXT: usize = 120;
/// The most of a long line a window shows.
pub const WINDOW: usize = 480;

/// The window of `line` shown for labels from byte `first` to byte `last` of it: some context
/// either side, at most [`WINDOW`] bytes, cut at character boundaries.
pub fn window_of(line: &str, first: usize, last: usize) -> Range<usize> {
    let lo = floor_char_boundary(line, first.saturating_sub(CONTEXT));
    let hi = floor_char_boundary(line, (last + CONTEXT).min(lo + WINDOW)).max(lo);
    lo..hi
}

/// One shown line of an escaped view.
struct ShownLine {
    /// Zero-based line index in the file.
    index: usize,
    /// Bytes of the file shown: the line without its terminator, or on a long line the window
    /// of it around its labels.
    original: Range<usize>,
    /// Where the line's content ends in the file (its terminator starts).
    content_end: usize,
    /// Bytes of the shown text: the escaped line (with `…` where a window cuts it), where the
    /// escaped `original` starts and ends in it, and the end after its terminator.
    shown: Range<usize>,
    body: Range<usize>,
    shown_end: usize,
}

/// The part of line `content` (bytes of the file) shown for labels over `ranges`: all of it,
/// or on a line longer than [`LONG_LINE`] the window the snippet renderer would show (its
/// labels start on the line and are cut at its end). Escaping only that part keeps the work per
/// finding bounded however long the line.
fn shown_part(text: &str, content: Range<usize>, ranges: &[Range<usize>]) -> Range<usize> {
    if content.len() <= LONG_LINE {
        return content;
    }
    let on_line = ranges
        .iter()
        .filter(|r| content.contains(&r.start) || r.start == content.end);
    let first = on_line
        .clone()
        .map(|r| r.start)
        .min()
        .unwrap_or(content.start);
    let last = on_line
        .map(|r| r.end.min(content.end))
        .max()
        .unwrap_or(content.start);
    let window = window_of(
        &text[content.clone()],
        first - content.start,
        last - content.start,
    );
    content.start + window.start..content.start + window.end
}

/// A file's name and shown lines; implements codespan's `Files` for a single file.
pub struct DisplayFile<'a> {
    /// The file name, escaped.
    pub name: Cow<'a, str>,
    source: &'a SourceFile,
    text: Cow<'a, str>,
    /// `None` when the file is shown as it is.
    lines: Option<Vec<ShownLine>>,
}

/// The line's text without its terminator (`\n`, `\r\n` or a lone `\r`).
fn content(text: &str, range: Range<usize>) -> Range<usize> {
    let line = &text[range.clone()];
    let body = line
        .strip_suffix("\r\n")
        .or_else(|| line.strip_suffix('\n'))
        .or_else(|| line.strip_suffix('\r'))
        .unwrap_or(line);
    range.start..range.start + body.len()
}

impl<'a> DisplayFile<'a> {
    /// The view of `file` for a finding with labels over `ranges` (bytes of the file).
    pub fn new(file: &'a SourceFile, ranges: &[Range<usize>]) -> DisplayFile<'a> {
        let ranges_of_labels = ranges;
        let name = escape::visible(&file.name);
        let text = file.text.as_str();
        // The lines a renderer may show: each label's first and last line, the context lines
        // of a label spanning lines, and the one line in a gap of one.
        let mut needed: Vec<usize> = Vec::new();
        for r in ranges {
            let start = file.line_index(r.start.min(text.len()));
            let end = file.line_index(r.end.min(text.len())).max(start);
            needed.extend(start..=end.min(start + START_CONTEXT_LINES));
            needed.extend(end.saturating_sub(END_CONTEXT_LINES).max(start)..=end);
        }
        needed.sort_unstable();
        needed.dedup();
        for i in 1..needed.len() {
            if needed[i] - needed[i - 1] == 2 {
                needed.push(needed[i] - 1);
            }
        }
        needed.sort_unstable();
        let ranges = needed
            .iter()
            .filter_map(|&l| Some((l, file.line_range(l)?)));
        let label_ranges = ranges_of_labels;
        if ranges.clone().all(|(_, r)| {
            shown_as_is(
                &text[shown_part(text, content(text, r), label_ranges)],
                KEEP,
            )
        }) {
            return DisplayFile {
                name,
                source: file,
                text: Cow::Borrowed(text),
                lines: None,
            };
        }
        let mut shown = String::new();
        let mut lines = Vec::with_capacity(needed.len());
        for (index, range) in ranges {
            let line = content(text, range.clone());
            let original = shown_part(text, line.clone(), label_ranges);
            let start = shown.len();
            if original.start > line.start {
                shown.push('…');
            }
            let body_start = shown.len();
            for_each_piece(&text[original.clone()], KEEP, |_, _, piece| {
                shown.push_str(piece)
            });
            let body_end = shown.len();
            if original.end < line.end {
                shown.push('…');
            }
            let end = shown.len();
            shown.push_str(&text[line.end..range.end]);
            lines.push(ShownLine {
                index,
                original,
                content_end: line.end,
                shown: start..end,
                body: body_start..body_end,
                shown_end: shown.len(),
            });
        }
        DisplayFile {
            name,
            source: file,
            text: Cow::Owned(shown),
            lines: Some(lines),
        }
    }

    /// The shown text (the lines it holds are those [`line_range`](Self::line_range) gives).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The shown line holding shown byte `at`.
    fn shown_line(&self, lines: &[ShownLine], at: usize) -> usize {
        match lines.binary_search_by_key(&at, |l| l.shown.start) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Where byte `at` of the file is in the shown text.
    pub fn shown_offset(&self, at: usize) -> usize {
        let Some(lines) = &self.lines else {
            return at;
        };
        let index = self.source.line_index(at);
        let Ok(i) = lines.binary_search_by_key(&index, |l| l.index) else {
            return 0;
        };
        let line = &lines[i];
        if at >= line.content_end {
            return (line.shown.end + (at - line.content_end)).min(line.shown_end);
        }
        if at >= line.original.end {
            return line.body.end;
        }
        let body = &self.source.text[line.original.clone()];
        let rel = at.saturating_sub(line.original.start);
        let mut shown = line.body.start;
        for_each_piece(body, KEEP, |start, end, piece| {
            if end <= rel {
                shown += piece.len();
            } else if start < rel {
                shown += rel - start;
            }
        });
        shown
    }

    /// A label's range of the file, moved onto the shown text.
    pub fn shown_range(&self, range: &Range<usize>) -> Range<usize> {
        self.shown_offset(range.start)..self.shown_offset(range.end)
    }

    /// Zero-based line index in the file of shown byte `at`.
    pub fn line_index(&self, at: usize) -> usize {
        match &self.lines {
            None => self.source.line_index(at),
            Some(lines) => lines.get(self.shown_line(lines, at)).map_or(0, |l| l.index),
        }
    }

    /// Shown bytes of line `index` (terminator included); an empty range for a line not shown.
    pub fn line_range(&self, index: usize) -> Option<Range<usize>> {
        let Some(lines) = &self.lines else {
            return self.source.line_range(index);
        };
        if index >= self.source.line_count() {
            return None;
        }
        Some(match lines.binary_search_by_key(&index, |l| l.index) {
            Ok(i) => lines[i].shown.start..lines[i].shown_end,
            Err(i) => {
                let at = lines.get(i).map_or(self.text.len(), |l| l.shown.start);
                at..at
            }
        })
    }

    /// One-based column in the file (in characters) of shown byte `at`.
    pub fn column(&self, at: usize) -> usize {
        let Some(lines) = &self.lines else {
            return self.source.line_col(at).1;
        };
        let Some(line) = lines.get(self.shown_line(lines, at)) else {
            return 1;
        };
        let body = &self.source.text[line.original.clone()];
        let mut shown = line.body.start;
        // The column where the shown part starts (1 unless a window cuts the line).
        let mut column = self.source.line_col(line.original.start).1;
        for_each_piece(body, KEEP, |start, end, piece| {
            if shown + piece.len() <= at {
                column += body[start..end].chars().count();
            } else if shown < at {
                // A plain run: shown byte for byte.
                column += body[start..start + (at - shown)].chars().count();
            }
            shown += piece.len();
        });
        column
    }
}

impl<'f> Files<'f> for DisplayFile<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'f str, FilesError> {
        Ok(&self.name)
    }

    fn source(&'f self, (): ()) -> Result<&'f str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'f self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(DisplayFile::line_index(self, byte_index))
    }

    fn line_range(&'f self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        DisplayFile::line_range(self, line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: self.source.line_count().saturating_sub(1),
        })
    }

    fn column_number(
        &'f self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        Ok(self.column(byte_index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_file_is_shown_as_it_is() {
        let file = SourceFile::new("a.md", "# T\n\nOur PRP cures pain.\n");
        let at = file.text.find("cures").unwrap();
        let label = at..at + 5;
        let shown = DisplayFile::new(&file, std::slice::from_ref(&label));
        assert!(shown.lines.is_none());
        assert_eq!(shown.text(), file.text);
        assert_eq!(shown.shown_range(&(at..at + 5)), at..at + 5);
        assert_eq!(shown.column(at), 9);
    }

    #[test]
    fn escapes_move_labels_and_keep_columns() {
        let text = "# T\n\nOur \u{1b}]0;X\u{7} PRP cures pain.\r\nnext\n";
        let file = SourceFile::new("b\n::error::x.md", text);
        let at = text.find("cures").unwrap();
        let label = at..at + 5;
        let shown = DisplayFile::new(&file, std::slice::from_ref(&label));
        assert_eq!(shown.name, "b\\u{a}::error::x.md");
        let range = shown.shown_range(&(at..at + 5));
        assert_eq!(&shown.text()[range.clone()], "cures");
        assert_eq!(shown.line_index(range.start), 2);
        let line = shown.line_range(2).unwrap();
        assert_eq!(
            &shown.text()[line],
            "Our \\u{1b}]0;X\\u{7} PRP cures pain.\r\n"
        );
        // The column is the file's: `cures` is the 16th character of its line.
        assert_eq!(shown.column(range.start), file.line_col(at).1);
        assert_eq!(shown.column(range.start), 16);
        // Lines not shown are empty.
        assert_eq!(shown.line_range(0).map(|r| r.len()), Some(0));
        assert_eq!(shown.line_range(9), None);
    }

    #[test]
    fn a_long_line_is_escaped_only_in_the_window_shown() {
        let text = format!("# T\n\n\u{1b}[1m{}\n", "PRP cures pain. ".repeat(1000));
        let file = SourceFile::new("a.md", text.as_str());
        // Far from the control, the window needs no escaping: the file is shown as it is (and
        // the snippet renderer cuts its window from it).
        let far = text.match_indices("cures").nth(500).unwrap().0;
        let shown = DisplayFile::new(&file, std::slice::from_ref(&(far..far + 5)));
        assert!(shown.lines.is_none());
        // Near the line start the control is inside the window: only the window is escaped.
        let near = text.find("cures").unwrap();
        let label = near..near + 5;
        let shown = DisplayFile::new(&file, std::slice::from_ref(&label));
        let range = shown.shown_range(&label);
        assert_eq!(&shown.text()[range.clone()], "cures");
        let line = &shown.text()[shown.line_range(2).unwrap()];
        assert!(line.starts_with("\\u{1b}[1mPRP cures"));
        assert!(line.trim_end().ends_with('…'));
        assert!(line.len() < LONG_LINE, "{}", line.len());
        assert_eq!(shown.column(range.start), 9);
        assert_eq!(shown.column(range.start), file.line_col(near).1);
    }
}
