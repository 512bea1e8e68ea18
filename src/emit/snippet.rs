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
use super::display::{DisplayFile, window_of};
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
    /// Whether `text` is known to hold no line break (`\n`), as a text shown on one line
    /// never does: then the renderer writes it without looking for one.
    pub one_line: bool,
}

impl<'a> Note<'a> {
    /// A note without a prefix.
    pub fn plain(text: Cow<'a, str>) -> Note<'a> {
        Note {
            prefix: "",
            text,
            one_line: false,
        }
    }

    /// A note without a prefix whose `text` holds no line break.
    pub fn line(text: Cow<'a, str>) -> Note<'a> {
        debug_assert!(!text.contains('\n'), "{text:?}");
        Note {
            prefix: "",
            text,
            one_line: true,
        }
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
    /// Shown in brackets after the severity (when not empty).
    pub code: &'a str,
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

    // Room for a finding of the usual size (a source line, its carets and the notes) before
    // it is written, rather than growing the string along the way.
    out.reserve(1024);
    out.push_str(snippet.severity);
    if snippet.code.is_empty() {
        out.push_str(": ");
    } else {
        out.push('[');
        out.push_str(snippet.code);
        out.push_str("]: ");
    }
    out.push_str(snippet.message);
    out.push('\n');

    if let Some((_, start)) = locus {
        let line = file.line_index(start);
        // The column in the file, whatever escaping did to the shown line.
        let column = file.column(start.min(text.len()));
        gutter(out, outer_padding, LOCATION);
        out.push_str(&file.name);
        out.push(':');
        push_number(out, line + 1);
        out.push(':');
        push_number(out, column);
        out.push('\n');
        gutter(out, outer_padding, BLANK);
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
                _ => gutter(out, outer_padding, GAP),
            }
        }
    }
    if count > 0 && !snippet.notes.is_empty() {
        gutter(out, outer_padding, BLANK);
    }
    for note in snippet.notes {
        if note.one_line || memchr::memchr(b'\n', note.text.as_bytes()).is_none() {
            // Most notes are one line, written without going through `lines`: the prefix and
            // the text, or nothing when both are empty.
            if !note.is_empty() {
                note_line(out, outer_padding, NOTE, note.prefix, &note.text);
            }
            continue;
        }
        for (i, (prefix, line)) in note.lines().enumerate() {
            let lead = if i == 0 { NOTE } else { NOTE_MORE };
            note_line(out, outer_padding, lead, prefix, line);
        }
    }
    out.push('\n');
    true
}

/// A line of a note: the gutter and `lead` ([`NOTE`] on its first line), then `prefix` and
/// `line`.
fn note_line(out: &mut String, padding: usize, lead: &str, prefix: &str, line: &str) {
    gutter(out, padding, lead);
    out.push_str(prefix);
    out.push_str(line);
    out.push('\n');
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

/// The gutter of a line without a number (`padding` and one space), then what follows it:
/// `spaced`, one of the leads below. Both are copied as one slice of it when the gutter fits
/// in the spaces before the lead, as any below a line number of seventeen digits does (copying
/// a run of spaces on its own costs about as much as copying a line of text).
#[inline]
fn gutter(out: &mut String, padding: usize, spaced: &str) {
    match GUTTER_ROOM.checked_sub(padding + 1) {
        Some(skip) => out.push_str(&spaced[skip..]),
        None => wide_gutter(out, padding, spaced),
    }
}

/// [`gutter`] wider than the spaces before a lead.
#[cold]
fn wide_gutter(out: &mut String, padding: usize, spaced: &str) {
    spaces(out, padding + 1);
    out.push_str(&spaced[GUTTER_ROOM..]);
}

/// Spaces before each lead a gutter is copied with.
const GUTTER_ROOM: usize = 16;

/// `lead` behind [`GUTTER_ROOM`] spaces.
macro_rules! spaced {
    ($lead:literal) => {
        concat!("                ", $lead)
    };
}

/// The leads after a gutter: of the file's location, a blank line, a caret or pointer row,
/// the gap between lines shown, a note's first line and its next ones.
const LOCATION: &str = spaced!("┌─ ");
const BLANK: &str = spaced!("│\n");
const ROW: &str = spaced!("│ ");
const GAP: &str = spaced!("·\n");
const NOTE: &str = spaced!("= ");
const NOTE_MORE: &str = spaced!("  ");

/// Runs of spaces and marks to copy slices of: long enough for most rows in one copy.
const SPACES: &str = ascii_run(&[b' '; 256]);
const CARETS: &str = ascii_run(&[b'^'; 256]);
const DASHES: &str = ascii_run(&[b'-'; 256]);

/// ASCII `bytes` as a string (at compile time).
const fn ascii_run(bytes: &'static [u8]) -> &'static str {
    match std::str::from_utf8(bytes) {
        Ok(run) => run,
        Err(_) => panic!("a run is ASCII"),
    }
}

/// Append `n` spaces (a slice at a time, not a character at a time).
fn spaces(out: &mut String, n: usize) {
    push_run(out, SPACES, n);
}

/// Append the first `n` bytes of a `run` of one ASCII byte, repeated when `n` is longer.
fn push_run(out: &mut String, run: &str, mut n: usize) {
    while n > 0 {
        let k = n.min(run.len());
        out.push_str(&run[..k]);
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
    let measure = Measure::of(source, simple);
    if matches!(measure, Measure::Tabs) {
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
    gutter(out, padding, ROW);
    caret_row(out, source, measure, labels, max_end);
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
        gutter(out, padding, ROW);
        pointers(out, source, simple, source.len(), max_start, &hanging);
        out.push('\n');
        for (_, range, message) in hanging.iter().rev() {
            gutter(out, padding, ROW);
            pointers(out, source, simple, range.start, max_start, &hanging);
            out.push_str(message);
            out.push('\n');
        }
    }
}

/// Append `c` `n` times: a slice at a time for the marks of a caret row.
fn repeat(out: &mut String, c: char, n: usize) {
    match c {
        ' ' => push_run(out, SPACES, n),
        '^' => push_run(out, CARETS, n),
        '-' => push_run(out, DASHES, n),
        _ => out.extend(std::iter::repeat_n(c, n)),
    }
}

/// Append the decimal digits of `n` (what `write!` prints, without the formatting machinery):
/// two at a time, copied from a table of the pairs.
pub(super) fn push_number(out: &mut String, n: usize) {
    const PAIRS: &str = concat!(
        "00010203040506070809",
        "10111213141516171819",
        "20212223242526272829",
        "30313233343536373839",
        "40414243444546474849",
        "50515253545556575859",
        "60616263646566676869",
        "70717273747576777879",
        "80818283848586878889",
        "90919293949596979899",
    );
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    if n >= 100 {
        push_number(out, n / 100);
    }
    let pair = 2 * (n % 100);
    out.push_str(&PAIRS[pair..pair + 2]);
}

/// How the columns of a line's text are counted.
#[derive(Clone, Copy, Debug)]
enum Measure {
    /// Printable ASCII: a column a byte.
    Bytes,
    /// Each character's width, printable ASCII sixteen bytes at a time.
    Widths,
    /// A character at a time: the line has a tab, whose width depends on its column.
    Tabs,
}

impl Measure {
    /// The measure of line `source`, `simple` when it is known to be printable ASCII.
    fn of(source: &str, simple: bool) -> Measure {
        if simple {
            Measure::Bytes
        } else if source.contains('\t') {
            Measure::Tabs
        } else {
            Measure::Widths
        }
    }

    /// The columns `text` (whole characters of the line) takes from display column `column`.
    fn columns(self, text: &str, column: usize) -> usize {
        match self {
            Measure::Bytes => text.len(),
            Measure::Widths => widths(text),
            Measure::Tabs => metrics_from(text, column).map(|(_, _, w)| w).sum(),
        }
    }
}

/// The caret row: under each character of `source` a `^` where a primary label covers it, a
/// `-` where only secondary ones do, else a space, up to the end of the last label (the column
/// past the text stands for a label that reaches it). A label covers each character it
/// overlaps: with its ends moved out to character boundaries, every character between two
/// label ends is marked alike. So the row is written a run of one mark at a time, from one
/// label end to the next, each run as wide as its characters ([`Measure`]), rather than a
/// character at a time.
fn caret_row(
    out: &mut String,
    source: &str,
    measure: Measure,
    labels: &[Placed<'_>],
    max_end: usize,
) {
    let len = source.len();
    // In printable ASCII each byte is a character: no ends to move.
    let bytes = matches!(measure, Measure::Bytes);
    let floor = |at: usize| {
        if at < len && !bytes {
            crate::source::floor_char_boundary(source, at)
        } else {
            at
        }
    };
    let ceil = |mut at: usize| {
        while at < len && !bytes && !source.is_char_boundary(at) {
            at += 1;
        }
        at
    };
    // Through the character holding the last label's end, and the column past the text when a
    // label reaches it.
    let end = if max_end > len {
        len + 1
    } else {
        ceil(max_end)
    };
    // Blank up to the character holding the first label's start.
    let mut at = labels
        .iter()
        .map(|l| floor(l.1.start))
        .min()
        .unwrap_or(0)
        .min(len);
    let mut column = measure.columns(&source[..at], 0);
    spaces(out, column);
    while at < end {
        let mut mark = ' ';
        let mut next = end;
        for (primary, range, _) in labels {
            let (start, stop) = (floor(range.start), ceil(range.end));
            if (start..stop).contains(&at) {
                mark = if *primary || mark == '^' { '^' } else { '-' };
            }
            for edge in [start, stop] {
                if edge > at {
                    next = next.min(edge);
                }
            }
        }
        let width = measure.columns(&source[at..next.min(len)], column) + usize::from(next > len);
        repeat(out, mark, width);
        column += width;
        at = next;
    }
}

/// The columns `text`, without a tab, takes: printable ASCII sixteen bytes at a time (a column
/// each); sixteen bytes that are not, a character at a time.
fn widths(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut column = 0;
    while at < bytes.len() {
        if let Some(chunk) = bytes[at..].first_chunk::<16>()
            && ascii::all_sixteen(chunk, ascii::is_printable)
        {
            at += 16;
            column += 16;
            continue;
        }
        let stop = (at + 16).min(bytes.len());
        while at < stop {
            if ascii::is_printable(bytes[at]) {
                at += 1;
                column += 1;
                continue;
            }
            let Some(ch) = text[at..].chars().next() else {
                break;
            };
            column += width(ch, column);
            at += ch.len_utf8();
        }
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
            .with_code(snippet.code)
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
            code: "",
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
    /// `caret_row`'s runs from one label end to the next must match.
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
                let ours: Vec<String> = Note {
                    prefix,
                    ..Note::plain(text)
                }
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
        let some = [1234, 10_000, 99_999, 100_001, usize::MAX];
        for n in (0..=1000).chain(some) {
            let mut out = String::from("x");
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn gutters_are_written_before_their_leads() {
        for lead in [LOCATION, BLANK, ROW, GAP, NOTE, NOTE_MORE] {
            let spaces = lead.len() - lead.trim_start_matches(' ').len();
            assert!(spaces >= GUTTER_ROOM, "{lead:?}");
            for padding in [0, 1, 3, GUTTER_ROOM - 1, GUTTER_ROOM, 40] {
                let mut out = String::new();
                gutter(&mut out, padding, lead);
                let expected = format!("{}{}", " ".repeat(padding + 1), &lead[GUTTER_ROOM..]);
                assert_eq!(out, expected, "{padding} {lead:?}");
            }
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
                    // Starting inside a character.
                    vec![(true, start + 1..end.max(start + 2), "")],
                ] {
                    let max_end = labels.iter().map(|l| l.1.end).max().unwrap_or(0);
                    let plain = caret_row_plain(source, &labels, max_end);
                    // A printable line measured as any other gives the same row.
                    let printable = ascii::printable(source);
                    for simple in [printable, false] {
                        let mut ours = String::new();
                        let measure = Measure::of(source, simple);
                        caret_row(&mut ours, source, measure, &labels, max_end);
                        assert_eq!(ours, plain, "{source:?} {labels:?} {measure:?}");
                        checked += 1;
                    }
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
                .map(|&(prefix, i)| Note {
                    prefix: PREFIXES[prefix],
                    text: Cow::Borrowed(NOTES[i]),
                    // Known to be one line, or left to the renderer to find so.
                    one_line: i % 2 == 0 && !NOTES[i].contains('\n'),
                })
                .collect();
            let snippet = Snippet {
                severity: ["error", "warning", "note"][severity],
                code: "MED101 cure-claim",
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
