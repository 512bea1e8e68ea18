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

/// The fewest columns a line is trimmed to, however narrow the terminal: below this a window
/// shows too little of the sentence to read.
pub const MIN_COLUMNS: usize = 20;
/// Columns a tab is counted as when fitting a line (the renderers expand it to at most four).
const TAB_COLUMNS: usize = 4;

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
/// labels start on the line and are cut at its end), and then, given a terminal's columns for
/// the line and the columns a label's message takes after its carets, what of that fits them
/// around the labels ([`fit`]). Escaping only that part
/// keeps the work per finding bounded however long the line.
fn shown_part(
    text: &str,
    content: Range<usize>,
    ranges: &[Range<usize>],
    fit_to: Option<(usize, usize)>,
) -> Range<usize> {
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
        .unwrap_or(content.start)
        .max(first);
    let mut part = content.clone();
    if content.len() > LONG_LINE {
        let window = window_of(
            &text[content.clone()],
            first - content.start,
            last - content.start,
        );
        part = content.start + window.start..content.start + window.end;
    }
    match fit_to {
        Some(room) => fit(text, part, &content, first..last, room),
        None => part,
    }
}

/// The columns `c` takes once shown: an escape's text, a tab's most, else its display width.
fn columns_of(c: char) -> usize {
    if c == '\t' {
        TAB_COLUMNS
    } else {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

/// What of `part` (bytes of `line`, itself a line of `text`) fits in `columns` once escaped,
/// with a `…` (one column) at each end cut from the line: the labels' bytes `marked` with
/// context either side and room for the `tail` of columns a message takes after the carets,
/// or as much of them as fits from their start. Cuts fall between characters (an escape is
/// never split), so a wide character is never halved.
fn fit(
    text: &str,
    part: Range<usize>,
    line: &Range<usize>,
    marked: Range<usize>,
    (columns, tail): (usize, usize),
) -> Range<usize> {
    let columns = columns.max(MIN_COLUMNS);
    // A long message may wrap rather than leave no room for the sentence.
    let tail = tail.min(columns / 3);
    let body = &text[part.clone()];
    // Printable ASCII without tabs: a column a byte, nothing to measure.
    let cheap = crate::text::ascii::printable(body) && !body.contains("##[");
    let cut_before = usize::from(part.start > line.start);
    let cut_after = usize::from(part.end < line.end);
    if cheap && body.len() + cut_before + cut_after <= columns {
        return part;
    }
    // Each shown unit (a character, or an escape) as (start, end) bytes of `body` and the
    // column it starts at.
    let mut units: Vec<(usize, usize, usize)> = Vec::with_capacity(body.len());
    let mut column = 0;
    for_each_piece(body, KEEP, |start, end, piece| {
        if &body[start..end] != piece {
            units.push((start, end, column));
            column += piece.chars().count();
            return;
        }
        for (at, c) in piece.char_indices() {
            units.push((start + at, start + at + c.len_utf8(), column));
            column += columns_of(c);
        }
    });
    let total = column;
    if total + cut_before + cut_after <= columns {
        return part;
    }
    let column_at = |byte: usize| match units.binary_search_by_key(&byte, |u| u.0) {
        Ok(i) => units[i].2,
        Err(i) => units.get(i).map_or(total, |u| u.2),
    };
    let first = column_at(marked.start.clamp(part.start, part.end) - part.start);
    let last = column_at(marked.end.clamp(part.start, part.end) - part.start).max(first);
    // Where the caret row ends: the carets, then the message.
    let reach = last + tail;
    // Columns for the text: less a `…` at the end (the line is cut there), and at the start
    // unless the window can begin where the part does.
    let (lo, hi) = if cut_before == 0 && reach < columns - 1 {
        (0, columns - 1)
    } else {
        let room = columns - 2;
        let need = reach - first;
        let lo = if need <= room {
            first - first.min((room - need) / 2)
        } else {
            first - first.min((room / 4).min(8))
        };
        if lo + room >= total {
            // The window reaches the end: one `…`, at the start.
            let room = columns - 1 - cut_after;
            (total.saturating_sub(room), total)
        } else {
            (lo, lo + room)
        }
    };
    // Whole units from the first that starts at or after `lo` to the last that ends by `hi`.
    let from = units.partition_point(|u| u.2 < lo);
    let end_column = |i: usize| units.get(i + 1).map_or(total, |u| u.2);
    let to = (from..units.len())
        .take_while(|&i| end_column(i) <= hi)
        .last()
        .map_or(from, |i| i + 1);
    let start = units.get(from).map_or(body.len(), |u| u.0);
    let end = units[..to].last().map_or(start, |u| u.1).max(start);
    part.start + start..part.start + end
}

/// A file's name and shown lines; implements codespan's `Files` for a single file.
pub struct DisplayFile<'a> {
    /// The file name, escaped.
    pub name: Cow<'a, str>,
    source: &'a SourceFile,
    text: Cow<'a, str>,
    /// `None` when the file is shown as it is.
    lines: Option<Vec<ShownLine>>,
    /// The line every label is on, when they share one (most findings) and the file is shown
    /// as it is: the renderer asks about it many times, answered without a search.
    one_line: Option<OneLine>,
}

/// The one line a view's labels are on.
#[derive(Clone, Debug)]
struct OneLine {
    index: usize,
    /// Its bytes, terminator included.
    bytes: Range<usize>,
    /// Whether it is shown whole and is printable ASCII (a column a byte).
    plain: bool,
}

/// What a report's views have read of their file, for the next one: findings come in order
/// of place, several to a line as often as not, so a line is found and checked once for the
/// findings on it rather than once for each.
#[derive(Debug, Default)]
pub struct Seen<'a> {
    /// The file it is of.
    file: Option<&'a SourceFile>,
    /// The last line found: its index and bytes (terminator included).
    line: Option<(usize, Range<usize>)>,
    /// The last part of a line checked: its bytes, and whether they are printable ASCII and
    /// whether shown as they are.
    checked: Option<(Range<usize>, bool, bool)>,
}

impl<'a> Seen<'a> {
    /// What is seen of `file`: nothing when it was another.
    fn of(&mut self, file: &'a SourceFile) -> &mut Seen<'a> {
        if !self.file.is_some_and(|seen| std::ptr::eq(seen, file)) {
            *self = Seen {
                file: Some(file),
                ..Seen::default()
            };
        }
        self
    }

    /// The line holding byte `at` (at most the text's length), and its bytes.
    fn line(&mut self, file: &SourceFile, at: usize) -> Option<(usize, Range<usize>)> {
        if let Some((index, bytes)) = &self.line
            && bytes.contains(&at)
        {
            return Some((*index, bytes.clone()));
        }
        let index = file.line_index(at);
        let bytes = file.line_range(index)?;
        self.line = Some((index, bytes.clone()));
        Some((index, bytes))
    }

    /// Whether `part` of `text` is printable ASCII, and whether it is shown as it is (a tab
    /// left for the renderers to expand).
    fn check(&mut self, text: &str, part: Range<usize>) -> (bool, bool) {
        if let Some((seen, printable, as_is)) = &self.checked
            && *seen == part
        {
            return (*printable, *as_is);
        }
        let body = &text[part.clone()];
        let printable = escape::printable_shown_as_is(body);
        let as_is = printable.unwrap_or_else(|| shown_as_is(body, KEEP));
        self.checked = Some((part, printable.is_some(), as_is));
        (printable.is_some(), as_is)
    }
}

/// The line every label of `ranges` starts and ends on, if there is one.
fn single_line(file: &SourceFile, ranges: &[Range<usize>], seen: &mut Seen<'_>) -> Option<usize> {
    let len = file.text.len();
    let (line, span) = seen.line(file, ranges.first()?.start.min(len))?;
    let last = line + 1 == file.line_count();
    // `line_index` of an offset is `line` when it is in the line's range, or at the end of
    // the text on the last line.
    let on_line = |at: usize| {
        let at = at.min(len);
        span.start <= at && (at < span.end || last)
    };
    ranges
        .iter()
        .all(|r| on_line(r.start) && on_line(r.end))
        .then_some(line)
}

/// The lines a renderer may show for labels over `ranges`: each label's first and last line,
/// the context lines of a label spanning lines, and the one line in a gap of one.
fn lines_needed(file: &SourceFile, ranges: &[Range<usize>]) -> Vec<usize> {
    let text = file.text.as_str();
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
    needed
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
        DisplayFile::fitted(file, ranges, None, 0)
    }

    /// The view of `file` for a terminal `width` columns wide, when known: each shown line
    /// wider than the room beside the gutter is trimmed around its labels, with `…` where it
    /// is cut, leaving `tail` columns after the labels for a message where it can. Without a
    /// width only lines longer than [`LONG_LINE`] are.
    pub fn fitted(
        file: &'a SourceFile,
        ranges: &[Range<usize>],
        width: Option<usize>,
        tail: usize,
    ) -> DisplayFile<'a> {
        let name = escape::visible(&file.name);
        DisplayFile::fitted_named(file, name, ranges, width, tail, &mut Seen::default())
    }

    /// [`fitted`](Self::fitted) with the file's `name` already escaped, and what the views of
    /// a report's earlier findings have `seen` of the file (a report escapes the name once for
    /// all the findings in the file, and finds and checks a line once for those on it).
    pub fn fitted_named(
        file: &'a SourceFile,
        name: Cow<'a, str>,
        ranges: &[Range<usize>],
        width: Option<usize>,
        tail: usize,
        seen: &mut Seen<'a>,
    ) -> DisplayFile<'a> {
        let ranges_of_labels = ranges;
        let text = file.text.as_str();
        let seen = seen.of(file);
        // The lines a renderer may show: most findings have every label on one line.
        let one: [usize; 1];
        let many: Vec<usize>;
        let single = single_line(file, ranges, seen);
        let needed: &[usize] = match single {
            Some(line) => {
                one = [line];
                &one
            }
            None => {
                many = lines_needed(file, ranges);
                &many
            }
        };
        let ranges = needed
            .iter()
            .filter_map(|&l| Some((l, file.line_range(l)?)));
        let label_ranges = ranges_of_labels;
        // The room for a line's text: the width less the gutter (`12 │ `).
        let gutter = needed.last().map_or(1, |&l| digits(l + 1)) + 3;
        let columns = width.map(|w| (w.saturating_sub(gutter), tail));
        // Whether the one line, shown whole, is printable ASCII, for the renderer to know
        // without reading it again.
        let mut plain = false;
        if ranges.clone().all(|(index, r)| {
            let line = content(text, r);
            let part = shown_part(text, line.clone(), label_ranges, columns);
            let whole = part == line;
            // Trimmed to the terminal, a line is shown as the view's own copy.
            if !(columns.is_none() || whole) {
                return false;
            }
            let (printable, as_is) = seen.check(text, part);
            plain |= whole && single == Some(index) && printable;
            as_is
        }) {
            return DisplayFile {
                name,
                source: file,
                text: Cow::Borrowed(text),
                lines: None,
                one_line: single.and_then(|index| {
                    let bytes = file.line_range(index)?;
                    Some(OneLine {
                        index,
                        bytes,
                        plain,
                    })
                }),
            };
        }
        let mut shown = String::new();
        let mut lines = Vec::with_capacity(needed.len());
        for (index, range) in ranges {
            let line = content(text, range.clone());
            let original = shown_part(text, line.clone(), label_ranges, columns);
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
            one_line: None,
        }
    }

    /// Whether line `index` is shown as it is and is printable ASCII, as the view knows
    /// without reading it again (`false` when it does not know).
    #[inline]
    pub fn is_plain_line(&self, index: usize) -> bool {
        self.one_line
            .as_ref()
            .is_some_and(|l| l.index == index && l.plain)
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
    #[inline]
    pub fn shown_range(&self, range: &Range<usize>) -> Range<usize> {
        if self.lines.is_none() {
            // The file shown as it is (most views).
            return range.clone();
        }
        self.shown_offset(range.start)..self.shown_offset(range.end)
    }

    /// Zero-based line index in the file of shown byte `at`.
    #[inline]
    pub fn line_index(&self, at: usize) -> usize {
        match &self.lines {
            None => match &self.one_line {
                Some(l) if l.bytes.contains(&at) => l.index,
                _ => self.source.line_index(at),
            },
            Some(lines) => lines.get(self.shown_line(lines, at)).map_or(0, |l| l.index),
        }
    }

    /// Shown bytes of line `index` (terminator included); an empty range for a line not shown.
    #[inline]
    pub fn line_range(&self, index: usize) -> Option<Range<usize>> {
        let Some(lines) = &self.lines else {
            return match &self.one_line {
                Some(l) if l.index == index => Some(l.bytes.clone()),
                _ => self.source.line_range(index),
            };
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
            // On a line of ASCII a character is a byte: nothing to count.
            if let Some(l) = &self.one_line
                && l.plain
                && l.bytes.contains(&at)
            {
                return at - l.bytes.start + 1;
            }
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

/// Decimal digits of `n`.
fn digits(n: usize) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
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

    /// The columns `s` takes in a terminal.
    fn columns(s: &str) -> usize {
        s.chars().map(columns_of).sum()
    }

    #[test]
    fn a_line_wider_than_the_terminal_is_trimmed_around_its_label() {
        // Wide characters, an escape and curly quotes either side of the flagged words.
        let text = format!(
            "# T\n\n{}Our \u{1b}[1m“PRP” cures knee pain{}\n",
            "中文 health notes. ".repeat(12),
            " in every patient. 世界".repeat(12)
        );
        let file = SourceFile::new("a.md", text.as_str());
        let at = text.find("cures").unwrap();
        let label = at..at + "cures knee pain".len();
        for width in [30, 60, 100] {
            let shown = DisplayFile::fitted(&file, std::slice::from_ref(&label), Some(width), 0);
            let range = shown.shown_range(&label);
            assert_eq!(&shown.text()[range.clone()], "cures knee pain");
            let line = shown.text()[shown.line_range(2).unwrap()].trim_end();
            assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
            // The gutter `3 │ ` takes four columns.
            assert!(
                columns(line) <= width - 4,
                "{width}: {} {line}",
                columns(line)
            );
            assert!(
                columns(line) >= width - 6,
                "{width}: {} {line}",
                columns(line)
            );
            assert_eq!(shown.column(range.start), file.line_col(at).1);
        }
        // Near the start of the line, only its end is cut; a short line is left alone.
        let near = text.find("health").unwrap();
        let shown =
            DisplayFile::fitted(&file, std::slice::from_ref(&(near..near + 6)), Some(40), 0);
        let line = shown.text()[shown.line_range(2).unwrap()].trim_end();
        assert!(
            line.starts_with("中文 health") && line.ends_with('…'),
            "{line}"
        );
        let shown = DisplayFile::fitted(&file, std::slice::from_ref(&(0..3)), Some(40), 0);
        assert!(shown.lines.is_none());
        // Without a width a line under LONG_LINE is shown whole, as before.
        let shown = DisplayFile::fitted(&file, std::slice::from_ref(&label), None, 0);
        assert!(shown.text()[shown.line_range(2).unwrap()].contains("中文 health notes. 中文"));
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
