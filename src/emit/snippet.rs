//! Colourless rendering of a finding whose labels each sit on one line: byte for byte what
//! codespan-reporting's rich format prints (with its default configuration), written a run of
//! text at a time rather than a character at a time. Rendering is a large share of a run over
//! a big site, so the common case takes this path; anything else (colour, a label spanning
//! lines) goes through codespan-reporting itself. A property test holds the two to the same
//! bytes.

use std::borrow::Cow;
use std::ops::Range;

use unicode_width::UnicodeWidthChar;

pub use super::display::LONG_LINE;
use super::display::{DisplayFile, WINDOW, window_of};
use crate::source::SourceFile;
use crate::text::ascii;

const TAB_WIDTH: usize = 4;

/// One label: primary or secondary, a byte range of the file, and its message.
pub struct SnippetLabel<'a> {
    /// Primary (`^`) or secondary (`-`).
    pub primary: bool,
    /// Bytes of the file it covers.
    pub range: Range<usize>,
    /// Its message; may be empty.
    pub message: Cow<'a, str>,
}

/// A note under the snippet: `prefix` then `text`, the prefix starting its first line. A
/// finding's help is shown behind `help: ` without being copied there.
#[derive(Clone, Debug, Default)]
pub struct Note<'a> {
    /// Written before the first line (`help: `); may be empty.
    pub prefix: &'a str,
    /// The note itself.
    pub text: Cow<'a, str>,
}

impl<'a> Note<'a> {
    /// A note without a prefix.
    pub fn plain(text: Cow<'a, str>) -> Note<'a> {
        Note { prefix: "", text }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.prefix.len() + self.text.len()
    }

    /// Whether it has no text at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Its lines, as `str::lines` gives those of the prefix and text joined: the prefix goes
    /// before the first (it holds no line break).
    fn lines(&self) -> impl Iterator<Item = (&str, &str)> {
        let mut lines = note_lines(&self.text);
        let first = lines.next();
        // A prefix followed by nothing is a line of its own.
        let first = match first {
            None if self.prefix.is_empty() => None,
            first => Some((self.prefix, first.unwrap_or(""))),
        };
        first.into_iter().chain(lines.map(|line| ("", line)))
    }
}

impl std::fmt::Display for Note<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.prefix)?;
        f.write_str(&self.text)
    }
}

/// A finding, as the renderer needs it.
pub struct Snippet<'a> {
    /// `error`, `warning` or `info`.
    pub severity: &'a str,
    /// Shown in brackets after the severity (when not all empty): pieces written end to end.
    pub code: &'a [&'a str],
    /// The headline.
    pub message: &'a str,
    /// Labels, in the order given.
    pub labels: &'a [SnippetLabel<'a>],
    /// Notes under the snippet.
    pub notes: &'a [Note<'a>],
}

/// A label placed on its line: (primary, columns in bytes from the line start, message).
type Placed<'a> = (bool, Range<usize>, &'a str);

/// Whether a label of `ranges` starts or ends on a line longer than [`LONG_LINE`].
pub fn touches_long_line(
    file: &SourceFile,
    mut ranges: impl Iterator<Item = Range<usize>>,
) -> bool {
    let long = |at: usize| {
        file.line_range(file.line_index(at))
            .is_some_and(|r| r.len() > LONG_LINE)
    };
    ranges.any(|r| long(r.start) || long(r.end))
}

/// The part of a long line shown: a window of at most [`WINDOW`] bytes around its labels,
/// with `…` where it is cut, and the labels moved onto it.
fn window<'a>(source: &str, labels: &[Placed<'a>]) -> (String, Vec<Placed<'a>>) {
    let source = source.trim_end_matches(['\n', '\r', '\0']);
    let first = labels.iter().map(|l| l.1.start).min().unwrap_or(0);
    let last = labels.iter().map(|l| l.1.end).max().unwrap_or(0);
    let Range { start: lo, end: hi } = window_of(source, first, last);
    let (prefix, suffix) = (
        if lo > 0 { "…" } else { "" },
        if hi < source.len() { "…" } else { "" },
    );
    let shown = format!("{prefix}{}{suffix}", &source[lo..hi]);
    let moved = labels
        .iter()
        .map(|(primary, range, message)| {
            let at = |b: usize| b.clamp(lo, hi) - lo + prefix.len();
            let start = at(range.start);
            let end = at(range.end).max(start + 1);
            (*primary, start..end, *message)
        })
        .collect();
    (shown, moved)
}

/// Print one source line with its labels: whole, or a window of it when it is long. `plain`:
/// the view knows the line to be printable ASCII.
fn shown_line(
    out: &mut String,
    padding: usize,
    number: usize,
    (source, plain): (&str, bool),
    labels: &[Placed<'_>],
) {
    if source.len() > LONG_LINE {
        let (shown, moved) = window(source, labels);
        source_line(out, padding, number, (&shown, false), &moved);
    } else {
        source_line(out, padding, number, (source, plain), labels);
    }
}

/// Render `snippet` into `out`, or return `false` (writing nothing) when it needs the general
/// renderer. The labels' ranges are bytes of the shown text of `file`.
pub fn render(file: &DisplayFile<'_>, snippet: &Snippet<'_>, out: &mut String) -> bool {
    let text = file.text();
    // On a long line a label running onto later lines is shown to the end of its first line:
    // the general renderer would print every line it covers in full.
    let long = snippet.labels.iter().any(|l| {
        [l.range.start, l.range.end].into_iter().any(|at| {
            file.line_range(file.line_index(at.min(text.len())))
                .is_some_and(|r| r.len() > LONG_LINE)
        })
    });
    // The labels placed on their lines, in line order (`lines[k]` is the line of `placed[k]`);
    // on a line sorted by range, a later equal range going before an earlier one (as codespan
    // inserts them). On the stack for the usual few labels, rather than a vector per line.
    let count = snippet.labels.len();
    let mut few_lines = [0usize; 4];
    let mut few_placed: [Placed<'_>; 4] = Default::default();
    let (mut many_lines, mut many_placed) = (Vec::new(), Vec::new());
    let (lines, placed): (&mut [usize], &mut [Placed<'_>]) = if count <= few_lines.len() {
        (&mut few_lines[..count], &mut few_placed[..count])
    } else {
        many_lines.resize(count, 0);
        many_placed.resize(count, Placed::default());
        (&mut many_lines, &mut many_placed)
    };
    let mut outer_padding = 0;
    // The locus: the first primary label, else the first label.
    let mut locus: Option<(bool, usize)> = None;
    for (len, label) in snippet.labels.iter().enumerate() {
        if label.range.start > text.len() || label.range.end > text.len() {
            return false;
        }
        let line = file.line_index(label.range.start);
        let Some(line_range) = file.line_range(line) else {
            return false;
        };
        let mut label_end = label.range.end;
        if file.line_index(label.range.end) != line {
            if !long {
                return false;
            }
            let content = text[line_range.clone()].trim_end_matches(['\n', '\r']);
            label_end = (line_range.start + content.len()).max(label.range.start);
        }
        outer_padding = outer_padding.max(digits(line + 1));
        match locus {
            Some((primary, start))
                if (primary && !label.primary)
                    || (primary == label.primary && start <= label.range.start) => {}
            _ => locus = Some((label.primary, label.range.start)),
        }
        let start = label.range.start - line_range.start;
        let end = (label_end - line_range.start).max(start + 1);
        // Its place: in its line's run, where a binary search of the run's ranges puts it (as
        // inserting into a vector per line did).
        let run = lines[..len].partition_point(|&l| l < line)
            ..lines[..len].partition_point(|&l| l <= line);
        let i = match placed[run.clone()]
            .binary_search_by(|(_, r, _)| (r.start, r.end).cmp(&(start, end)))
        {
            Ok(i) | Err(i) => i,
        };
        let at = run.start + i;
        lines[len] = line;
        placed[len] = (label.primary, start..end, label.message.as_ref());
        lines[at..=len].rotate_right(1);
        placed[at..=len].rotate_right(1);
    }
    let (lines, placed): (&[usize], &[Placed<'_>]) = (lines, placed);
    let runs = || runs(lines, placed);

    // Room for the header, each source line about three times over (text, carets, pointers)
    // and the notes.
    let source: usize = runs()
        .map(|(l, _)| file.line_range(l).map_or(0, |r| r.len().min(WINDOW + 8)) + 16)
        .sum();
    let notes: usize = snippet.notes.iter().map(|n| n.len() + 8).sum();
    out.reserve(snippet.message.len() + file.name.len() + 3 * source + notes + 64);
    out.push_str(snippet.severity);
    if snippet.code.iter().any(|piece| !piece.is_empty()) {
        out.push('[');
        for piece in snippet.code {
            out.push_str(piece);
        }
        out.push(']');
    }
    out.push_str(": ");
    out.push_str(snippet.message);
    out.push('\n');

    if let Some((_, start)) = locus {
        let line = file.line_index(start);
        // The column in the file, whatever escaping did to the shown line.
        let column = file.column(start.min(text.len()));
        gutter(out, outer_padding);
        out.push_str("┌─ ");
        out.push_str(&file.name);
        out.push(':');
        push_number(out, line + 1);
        out.push(':');
        push_number(out, column);
        out.push('\n');
        gutter(out, outer_padding);
        out.push_str("│\n");
    }
    let mut shown = runs().peekable();
    while let Some((line, placed)) = shown.next() {
        let range = file.line_range(line).unwrap_or(0..0);
        let source = (&text[range], file.is_plain_line(line));
        shown_line(out, outer_padding, line + 1, source, placed);
        if let Some((next, _)) = shown.peek() {
            match next - line {
                1 => {}
                2 => {
                    let between = file.line_range(line + 1).unwrap_or(0..0);
                    let source = (&text[between], file.is_plain_line(line + 1));
                    shown_line(out, outer_padding, line + 2, source, &[]);
                }
                _ => {
                    gutter(out, outer_padding);
                    out.push_str("·\n");
                }
            }
        }
    }
    if count > 0 && !snippet.notes.is_empty() {
        gutter(out, outer_padding);
        out.push_str("│\n");
    }
    for note in snippet.notes {
        for (i, (prefix, line)) in note.lines().enumerate() {
            gutter(out, outer_padding);
            out.push_str(if i == 0 { "=" } else { " " });
            out.push(' ');
            out.push_str(prefix);
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
    true
}

/// The lines of `note`, as `str::lines` gives them: a note of one line (most) found so by
/// `memchr` rather than by `lines`' own search for the line break.
fn note_lines(note: &str) -> impl Iterator<Item = &str> {
    let one = memchr::memchr(b'\n', note.as_bytes()).is_none();
    let (single, split) = if one {
        // `lines` gives nothing for an empty note, and a lone `\r` ends no line.
        ((!note.is_empty()).then_some(note), None)
    } else {
        (None, Some(note.lines()))
    };
    single.into_iter().chain(split.into_iter().flatten())
}

/// Each line with labels and its labels, from labels in line order (`lines[k]` is the line
/// of `placed[k]`).
fn runs<'p, 'a>(
    lines: &'p [usize],
    placed: &'p [Placed<'a>],
) -> impl Iterator<Item = (usize, &'p [Placed<'a>])> {
    let mut k = 0;
    std::iter::from_fn(move || {
        let line = *lines.get(k)?;
        let end = k + lines[k..].partition_point(|&l| l == line);
        let run = (line, placed.get(k..end)?);
        k = end;
        Some(run)
    })
}

fn digits(n: usize) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
}

/// The gutter of a line without a number: padding and one space.
fn gutter(out: &mut String, padding: usize) {
    spaces(out, padding + 1);
}

/// Append `n` spaces (a slice at a time, not a character at a time).
fn spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// The width codespan gives a character at display column `column`.
fn width(ch: char, column: usize) -> usize {
    match ch {
        '\t' => TAB_WIDTH - column % TAB_WIDTH,
        ' '..='~' => 1,
        _ => ch.width().unwrap_or(0),
    }
}

/// The characters of a line with their byte offsets and widths.
fn metrics(source: &str) -> impl Iterator<Item = (usize, char, usize)> + '_ {
    metrics_from(source, 0)
}

/// [`metrics`] of text that starts at display column `column`.
fn metrics_from(
    source: &str,
    mut column: usize,
) -> impl Iterator<Item = (usize, char, usize)> + '_ {
    source.char_indices().map(move |(at, ch)| {
        let w = width(ch, column);
        column += w;
        (at, ch, w)
    })
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start.max(b.start) < a.end.min(b.end)
}

/// One source line, its carets and its hanging label messages (`plain`: the line is known to
/// be printable ASCII).
fn source_line(
    out: &mut String,
    padding: usize,
    number: usize,
    (source, plain): (&str, bool),
    labels: &[Placed<'_>],
) {
    let source = source.trim_end_matches(['\n', '\r', '\0']);
    // The line number right-aligned in the gutter (`write!` with a width is slow).
    let digits_of_number = digits(number);
    spaces(out, padding.saturating_sub(digits_of_number));
    push_number(out, number);
    out.push_str(" │ ");
    // On a line of printable ASCII each byte is one column (and there is no tab).
    let simple = plain || ascii::printable(source);
    if !simple && source.contains('\t') {
        for (_, ch, w) in metrics(source) {
            if ch == '\t' {
                out.extend(std::iter::repeat_n(' ', w));
            } else {
                out.push(ch);
            }
        }
    } else {
        out.push_str(source);
    }
    out.push('\n');
    if labels.is_empty() {
        return;
    }

    let mut messages = 0;
    let mut max_start = 0;
    let mut max_end = 0;
    let mut trailing: Option<usize> = None;
    for (i, (_, range, message)) in labels.iter().enumerate() {
        if !message.is_empty() {
            messages += 1;
        }
        max_start = max_start.max(range.start);
        max_end = max_end.max(range.end);
        if range.end == max_end {
            trailing = (!message.is_empty()).then_some(i);
        }
    }
    if let Some(t) = trailing
        && labels
            .iter()
            .enumerate()
            .any(|(i, (_, range, _))| i != t && overlaps(&labels[t].1, range))
    {
        trailing = None;
    }

    // Carets: `^` under primary labels, `-` under secondary ones, primary winning.
    gutter(out, padding);
    out.push_str("│ ");
    if simple {
        ascii_caret_row(out, labels, max_end.min(source.len() + 1));
    } else {
        caret_row(out, source, labels, max_end);
    }
    if let Some(t) = trailing {
        out.push(' ');
        out.push_str(labels[t].2);
    }
    out.push('\n');

    if messages > usize::from(trailing.is_some()) {
        let hanging: Vec<&Placed<'_>> = labels
            .iter()
            .enumerate()
            .filter(|(i, (_, _, m))| !m.is_empty() && Some(*i) != trailing)
            .map(|(_, l)| l)
            .collect();
        gutter(out, padding);
        out.push_str("│ ");
        pointers(out, source, simple, source.len(), max_start, &hanging);
        out.push('\n');
        for (_, range, message) in hanging.iter().rev() {
            gutter(out, padding);
            out.push_str("│ ");
            pointers(out, source, simple, range.start, max_start, &hanging);
            out.push_str(message);
            out.push('\n');
        }
    }
}

/// The caret row of a line of printable ASCII, `columns` wide (a column a byte; the one past
/// the text is a placeholder): written a run of one mark at a time, from one label boundary
/// to the next, rather than filled into a row of its own.
fn ascii_caret_row(out: &mut String, labels: &[Placed<'_>], columns: usize) {
    let mut at = 0;
    while at < columns {
        let mut mark = ' ';
        let mut next = columns;
        for (primary, range, _) in labels {
            if range.contains(&at) {
                mark = if *primary || mark == '^' { '^' } else { '-' };
            }
            for edge in [range.start, range.end] {
                if edge > at {
                    next = next.min(edge);
                }
            }
        }
        repeat(out, mark, next - at);
        at = next;
    }
}

/// Append `c` `n` times: a slice at a time for the marks of a caret row.
fn repeat(out: &mut String, c: char, n: usize) {
    const CARETS: &str = "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^";
    const DASHES: &str = "----------------------------------------------------------------";
    let run = match c {
        ' ' => return spaces(out, n),
        '^' => CARETS,
        '-' => DASHES,
        _ => return out.extend(std::iter::repeat_n(c, n)),
    };
    let mut n = n;
    while n > 0 {
        let k = n.min(run.len());
        out.push_str(&run[..k]);
        n -= k;
    }
}

/// Append the decimal digits of `n` (what `write!` prints, without the formatting machinery).
pub(super) fn push_number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// The caret row of a line with tabs or non-ASCII characters. Characters before the first
/// label are blank: they are measured (eight ASCII bytes at a time, [`columns_before`]) and
/// written as one run of spaces. From there on a character at a time, stopping at the end of
/// the last label rather than at the end of the line.
fn caret_row(out: &mut String, source: &str, labels: &[Placed<'_>], max_end: usize) {
    let min_start = labels.iter().map(|l| l.1.start).min().unwrap_or(0);
    // The start of the character holding the first label's start: every character before it
    // ends by that label's start, so it is under no label.
    let blank = crate::source::floor_char_boundary(source, min_start.min(source.len()));
    let column = columns_before(source, blank);
    spaces(out, column);
    let mut rest = metrics_from(&source[blank..], column)
        .map(|(at, ch, w)| (blank + at, ch, w))
        .take_while(|&(at, _, _)| at < max_end);
    let placeholder = (source.len() < max_end).then_some((source.len(), '\0', 1));
    // Marks are written a run at a time: the run of one mark so far, and its columns.
    let mut run = (' ', 0);
    for (at, ch, w) in rest.by_ref().chain(placeholder) {
        let columns = at..at + ch.len_utf8();
        let mut style = None;
        for (primary, range, _) in labels {
            if overlaps(range, &columns) {
                style = Some(style.unwrap_or(false) || *primary);
            }
        }
        let caret = match style {
            Some(true) => '^',
            Some(false) => '-',
            None => ' ',
        };
        if caret != run.0 {
            repeat(out, run.0, run.1);
            run = (caret, 0);
        }
        run.1 += w;
    }
    repeat(out, run.0, run.1);
}

/// Whether all eight bytes of `x` are printable ASCII (space to `~`): the word test of
/// [`ascii::printable`].
fn printable_word(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let del = x ^ (0x7f * ONES);
    x & HIGH == 0
        && x.wrapping_sub(0x20 * ONES) & !x & HIGH == 0
        && del.wrapping_sub(ONES) & !del & HIGH == 0
}

/// The columns the first `end` bytes of `source` take (from column 0): plain ASCII words
/// eight bytes at a time, other characters one at a time.
fn columns_before(source: &str, end: usize) -> usize {
    let text = &source[..end];
    if text.contains('\t') {
        // A tab's width depends on the column it is at.
        return metrics(text).map(|(_, _, w)| w).sum();
    }
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut column = 0;
    while at < bytes.len() {
        if let Some(word) = bytes[at..].first_chunk::<8>()
            && printable_word(u64::from_le_bytes(*word))
        {
            at += 8;
            column += 8;
            continue;
        }
        let Some(ch) = text[at..].chars().next() else {
            break;
        };
        column += width(ch, column);
        at += ch.len_utf8();
    }
    column
}

/// Vertical bars under the starts of the hanging labels, over the characters before `until`
/// (`simple`: the line is printable ASCII, a column per byte).
fn pointers(
    out: &mut String,
    source: &str,
    simple: bool,
    until: usize,
    max_start: usize,
    hanging: &[&Placed<'_>],
) {
    if simple {
        // Spaces up to the last label start, a bar under each hanging label's start.
        let width = until.min(source.len()).min(max_start + 1);
        let mut bars: Vec<usize> = hanging
            .iter()
            .map(|(_, range, _)| range.start)
            .filter(|&at| at < width)
            .collect();
        bars.sort_unstable();
        bars.dedup();
        let mut at = 0;
        for bar in bars {
            spaces(out, bar - at);
            out.push('│');
            at = bar + 1;
        }
        spaces(out, width - at);
        return;
    }
    for (at, ch, w) in metrics(source).take_while(|&(at, _, _)| at < until) {
        let columns = at..at + ch.len_utf8();
        let pointed = hanging
            .iter()
            .any(|(_, range, _)| columns.contains(&range.start));
        let mut blank = w;
        if pointed {
            out.push('│');
            blank = w.saturating_sub(1);
        }
        if at <= max_start {
            spaces(out, blank);
        }
    }
}

#[cfg(test)]
mod tests {
    use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
    use codespan_reporting::term::termcolor::Buffer;
    use codespan_reporting::term::{self, Config};
    use proptest::prelude::*;

    use super::*;

    use crate::source::SourceFile;

    /// What codespan-reporting prints for the same finding.
    fn codespan(file: &DisplayFile<'_>, snippet: &Snippet<'_>) -> String {
        let id = ();
        let labels = snippet
            .labels
            .iter()
            .map(|l| {
                let label = if l.primary {
                    Label::primary(id, l.range.clone())
                } else {
                    Label::secondary(id, l.range.clone())
                };
                label.with_message(l.message.as_ref())
            })
            .collect();
        let severity = match snippet.severity {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            _ => Severity::Note,
        };
        let diagnostic = Diagnostic::new(severity)
            .with_code(snippet.code.concat())
            .with_message(snippet.message)
            .with_labels(labels)
            .with_notes(snippet.notes.iter().map(|n| n.to_string()).collect());
        let mut buf = Buffer::no_color();
        term::emit_to_write_style(&mut buf, &Config::default(), file, &diagnostic).unwrap();
        String::from_utf8(buf.into_inner()).unwrap()
    }

    /// Pieces of article text, including what needs care: tabs, wide and zero-width
    /// characters, curly quotes, control characters and every line ending.
    const PIECES: &[&str] = &[
        "cure",
        " ",
        "  ",
        "\t",
        "é",
        "’",
        "中文",
        "e\u{301}",
        "\u{1}",
        "\u{1b}[2K",
        "##[",
        "\u{202e}",
        "\u{85}",
        "—",
        "\n",
        "\r\n",
        "\r",
        "back pain",
        ".",
        "x",
    ];
    const MESSAGES: &[&str] = &["", "cure claim", "the treatment this claim is about", "x"];
    const NOTES: &[&str] = &[
        "why: stated, not asked",
        "help: soften it",
        "two\nlines",
        "",
        "\nafter a break",
        "ends\r\n",
    ];
    const PREFIXES: &[&str] = &["", "help: "];

    #[test]
    fn carets_stay_under_the_words_they_mark_after_escapes() {
        let text = "a\u{1b}[2K b\u{202e} ##[x] cure\n";
        let file = SourceFile::new("a.md", text);
        let at = text.find("cure").unwrap();
        let label = at..at + 4;
        let shown = DisplayFile::new(&file, std::slice::from_ref(&label));
        let labels = [SnippetLabel {
            primary: true,
            range: shown.shown_range(&(at..at + 4)),
            message: Cow::Borrowed(""),
        }];
        let snippet = Snippet {
            severity: "error",
            code: &[],
            message: "m",
            labels: &labels,
            notes: &[],
        };
        let mut out = String::new();
        assert!(render(&shown, &snippet, &mut out));
        let lines: Vec<&str> = out.lines().collect();
        // The header keeps the file's column: `cure` is the 16th character.
        assert_eq!(lines[1], "  ┌─ a.md:1:16");
        let source = lines[3];
        assert_eq!(source, "1 │ a\\u{1b}[2K b\\u{202e} ##\\u{5b}x] cure");
        let carets = lines[4];
        let column = |line: &str, s: &str| line[..line.find(s).unwrap()].chars().count();
        assert_eq!(column(carets, "^^^^"), column(source, "cure"));
        assert_eq!(out, codespan(&shown, &snippet));
    }

    /// The caret row a character at a time over the whole line: the plain form that
    /// `ascii_caret_row` and the blank run and early stop of `caret_row` must match.
    fn caret_row_plain(source: &str, labels: &[Placed<'_>], max_end: usize) -> String {
        let mut out = String::new();
        let placeholder = std::iter::once((source.len(), '\0', 1));
        for (at, ch, w) in metrics(source).chain(placeholder) {
            let columns = at..at + ch.len_utf8();
            let mut style = None;
            for (primary, range, _) in labels {
                if overlaps(range, &columns) {
                    style = Some(style.unwrap_or(false) || *primary);
                }
            }
            let caret = match style {
                Some(true) => '^',
                Some(false) => '-',
                None if at < max_end => ' ',
                None => continue,
            };
            out.extend(std::iter::repeat_n(caret, w));
        }
        out
    }

    fn fixture_lines() -> Vec<String> {
        let texts = crate::text::fixtures::fixture_texts(&[]);
        let lines = texts.iter().flat_map(|(_, text)| text.lines());
        lines.map(str::to_string).collect()
    }

    #[test]
    fn note_lines_are_the_lines_str_gives() {
        for note in [
            "",
            "a",
            "a\r",
            "a\n",
            "a\r\nb",
            "\n",
            "\n\n",
            "help: x\n  y\r\n",
            "\r",
        ] {
            let ours: Vec<&str> = note_lines(note).collect();
            let theirs: Vec<&str> = note.lines().collect();
            assert_eq!(ours, theirs, "{note:?}");
            // Behind a prefix: the lines of the two joined.
            for prefix in ["", "help: "] {
                let text = Cow::Borrowed(note);
                let ours: Vec<String> = Note { prefix, text }
                    .lines()
                    .map(|(p, line)| format!("{p}{line}"))
                    .collect();
                let joined = format!("{prefix}{note}");
                let theirs: Vec<&str> = joined.lines().collect();
                assert_eq!(ours, theirs, "{prefix:?} {note:?}");
            }
        }
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 1234, 99_999, usize::MAX] {
            let mut out = String::from("x");
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn caret_rows_match_the_plain_form_on_fixture_lines() {
        let mut lines = fixture_lines();
        lines.push("\tindented\tcure claim ‘x’ 中文 here".to_string());
        let mut checked = 0;
        for line in &lines {
            let source = line.trim_end_matches(['\n', '\r', '\0']);
            let cuts = boundaries(source);
            // Labels as the renderer places them: at least a byte long, possibly past the end.
            let step = (cuts.len() / 5).max(1);
            for (i, &start) in cuts.iter().enumerate().step_by(step) {
                let end = cuts.get(i + 3).copied().unwrap_or(source.len() + 1);
                let other = cuts[(i + 7) % cuts.len()];
                for labels in [
                    vec![(true, start..end.max(start + 1), "")],
                    vec![
                        (false, other..other + 1, "m"),
                        (true, start..end.max(start + 1), ""),
                    ],
                ] {
                    let max_end = labels.iter().map(|l| l.1.end).max().unwrap_or(0);
                    let mut ours = String::new();
                    if ascii::printable(source) {
                        ascii_caret_row(&mut ours, &labels, max_end.min(source.len() + 1));
                    } else {
                        caret_row(&mut ours, source, &labels, max_end);
                    }
                    let plain = caret_row_plain(source, &labels, max_end);
                    assert_eq!(ours, plain, "{source:?} {labels:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    fn boundaries(text: &str) -> Vec<usize> {
        (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn prints_what_codespan_prints(
            pieces in proptest::collection::vec(0..PIECES.len(), 1..40),
            labels in proptest::collection::vec(
                (any::<bool>(), any::<prop::sample::Index>(), 0usize..12, 0..MESSAGES.len()),
                0..4,
            ),
            notes in proptest::collection::vec((0..PREFIXES.len(), 0..NOTES.len()), 0..3),
            severity in 0usize..3,
            message in 0..MESSAGES.len(),
            width in proptest::option::of(24usize..48),
            tail in 0usize..20,
        ) {
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let file = SourceFile::new("blog/a.md", text.clone());
            let cuts = boundaries(&text);
            let ranges: Vec<(bool, std::ops::Range<usize>, usize)> = labels
                .iter()
                .map(|(primary, at, len, m)| {
                    let start = at.index(cuts.len());
                    let end = (start + len).min(cuts.len() - 1);
                    (*primary, cuts[start]..cuts[end], *m)
                })
                .collect();
            let shown = DisplayFile::fitted(
                &file,
                &ranges.iter().map(|(_, r, _)| r.clone()).collect::<Vec<_>>(),
                width,
                tail,
            );
            let labels: Vec<SnippetLabel<'_>> = ranges
                .iter()
                .map(|(primary, range, m)| SnippetLabel {
                    primary: *primary,
                    range: shown.shown_range(range),
                    message: Cow::Borrowed(MESSAGES[*m]),
                })
                .collect();
            let notes: Vec<Note<'_>> = notes
                .iter()
                .map(|&(prefix, i)| Note { prefix: PREFIXES[prefix], text: Cow::Borrowed(NOTES[i]) })
                .collect();
            let snippet = Snippet {
                severity: ["error", "warning", "note"][severity],
                code: &["MED101", " ", "cure-claim"],
                message: MESSAGES[message],
                labels: &labels,
                notes: &notes,
            };
            let single_line = ranges
                .iter()
                .all(|(_, r, _)| file.line_index(r.start) == file.line_index(r.end));
            let mut ours = String::new();
            let rendered = render(&shown, &snippet, &mut ours);
            prop_assert_eq!(rendered, single_line);
            let theirs = codespan(&shown, &snippet);
            if rendered {
                prop_assert_eq!(&ours, &theirs);
                // Fitted to a width, no source line is wider than it, unless the width leaves
                // the text fewer than the fewest columns a line is given beside its gutter.
                if let Some(width) = width {
                    for line in ours.lines().filter(|l| l.contains(" │ ") && !l.starts_with(' ')) {
                        let columns: usize = line.chars().map(|c| c.width().unwrap_or(0)).sum();
                        let gutter = line.find(" │ ").map_or(0, |g| g + 3);
                        let bound = width.max(gutter + crate::emit::display::MIN_COLUMNS);
                        prop_assert!(columns <= bound, "{} columns of {}: {:?}", columns, width, line);
                    }
                }
            }
            // Whichever renderer, nothing a terminal or a CI log acts on gets through.
            for c in theirs.chars() {
                prop_assert!(c == '\n' || !crate::text::escape::is_control(c), "{:?}", theirs);
            }
            prop_assert!(!theirs.contains("##["));
        }
    }
}
