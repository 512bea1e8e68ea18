//! Terminal output through codespan-reporting, and the one-line `short` format.

use std::borrow::Cow;
use std::io;
use std::ops::Range;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

use super::counts::Counts;
use super::display::{DisplayFile, Seen};
use super::snippet::{self, Note, Snippet, SnippetLabel};
use crate::diagnostic::{Diagnostic, Safety, Severity};
use crate::engine::Report;
use crate::error::Error;
use crate::rules::RuleMeta;
use crate::source::FileId;
use crate::text::escape::{visible, visible_lines};

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// A finding's strings as people see them: each escaped for a terminal (`text::escape`).
struct Shown<'a> {
    message: Cow<'a, str>,
    /// `ID slug`, the rule's.
    code: &'a str,
    /// Primary first; ranges of the shown text.
    labels: Vec<SnippetLabel<'a>>,
    /// Notes, then `help: …`.
    notes: Vec<Note<'a>>,
}

impl<'a> Shown<'a> {
    fn of(d: &'a Diagnostic, file: &DisplayFile<'_>) -> Shown<'a> {
        let mut shown = Shown::empty();
        shown.fill(d, file);
        shown
    }

    /// No finding's yet.
    fn empty() -> Shown<'a> {
        Shown {
            message: Cow::Borrowed(""),
            code: "",
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Make this `d`'s, keeping the vectors' room: a report refills one for all its findings
    /// rather than allocating two vectors per finding.
    fn fill(&mut self, d: &'a Diagnostic, file: &DisplayFile<'_>) {
        self.labels.clear();
        self.labels.extend(
            std::iter::once((true, &d.primary))
                .chain(d.secondary.iter().map(|l| (false, l)))
                .map(|(primary, l)| SnippetLabel {
                    primary,
                    range: file.shown_range(&l.span.range()),
                    message: visible(&l.message),
                }),
        );
        // A note may quote the article (a link target): one line. Help comes from a pack and
        // may run over lines, each guarded.
        self.notes.clear();
        self.notes
            .extend(d.notes.iter().map(|n| Note::line(visible(n))));
        let rule: &'a RuleMeta = &d.rule;
        if let Some(help) = &d.help {
            self.notes.push(help_note(rule, help));
        }
        for s in &d.suggestions {
            let prefix = match s.safety {
                Safety::Safe => "suggested fix (safe): ",
                Safety::Unsafe => "suggested fix (unsafe): ",
            };
            self.notes.push(prefixed(prefix, &s.title));
        }
        self.message = visible(&d.message);
        self.code = &rule.shown.code;
    }
}

/// The note `help: …` for `help`, a finding of `rule`'s: its own help (most are) as worked
/// out when the rule loaded, without reading it again.
fn help_note<'a>(rule: &RuleMeta, help: &'a str) -> Note<'a> {
    if rule.shown.help_as_is && rule.help.as_deref() == Some(help) {
        return Note {
            prefix: "help: ",
            text: Cow::Borrowed(help),
            one_line: rule.shown.help_one_line,
        };
    }
    prefixed("help: ", help)
}

/// `prefix` then `text`, shown as [`visible_lines`] shows them joined. The prefix (no line
/// break, no control, no `[`, ending in a space) escapes nothing and changes nothing escaped
/// after it, so a text shown as it is stays behind it uncopied.
fn prefixed<'a>(prefix: &'static str, text: &'a str) -> Note<'a> {
    match visible_lines(text) {
        Cow::Borrowed(text) => Note {
            prefix,
            text: Cow::Borrowed(text),
            one_line: false,
        },
        Cow::Owned(_) => Note::plain(Cow::Owned(lines_shown(joined(&[prefix, text])))),
    }
}

/// `parts` end to end, in one allocation (`format!` costs several times as much for a few
/// strings).
fn joined(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// `text` as [`visible_lines`] shows it, kept as it is (not copied) when nothing needs escaping.
fn lines_shown(text: String) -> String {
    let escaped = match visible_lines(&text) {
        Cow::Owned(escaped) => Some(escaped),
        Cow::Borrowed(_) => None,
    };
    escaped.unwrap_or(text)
}

/// The view of a finding's file: its name and the lines the finding shows, escaped, and
/// trimmed to a terminal `width` columns wide when one is given.
fn display_file<'a>(report: &'a Report, d: &Diagnostic, width: Option<usize>) -> DisplayFile<'a> {
    let name = visible(&report.sources.get(d.file).name);
    display_file_named(report, d, name, width, &mut Seen::default())
}

/// [`display_file`] with the file's name already escaped, and what earlier views have `seen`
/// of the file.
fn display_file_named<'a>(
    report: &'a Report,
    d: &Diagnostic,
    name: Cow<'a, str>,
    width: Option<usize>,
    seen: &mut Seen<'a>,
) -> DisplayFile<'a> {
    // The labels' ranges, in an array on the stack for the usual one to four labels.
    let labels = std::iter::once(&d.primary).chain(&d.secondary);
    let mut few: [Range<usize>; 4] = Default::default();
    let many: Vec<Range<usize>>;
    let ranges: &[Range<usize>] = if d.secondary.len() < few.len() {
        for (slot, label) in few.iter_mut().zip(labels) {
            *slot = label.span.range();
        }
        &few[..1 + d.secondary.len()]
    } else {
        many = labels.map(|l| l.span.range()).collect();
        &many
    };
    // Room after the carets for a label's message, so it stays on the caret row (counted
    // only when there is a width to fit).
    let tail = width.map_or(0, |_| {
        std::iter::once(&d.primary)
            .chain(&d.secondary)
            .map(|l| l.message.chars().count() + 1)
            .max()
            .unwrap_or(0)
    });
    let file = report.sources.get(d.file);
    DisplayFile::fitted_named(file, name, ranges, width, tail, seen)
}

/// The codespan form of a finding, over the escaped view of its file.
fn to_codespan(d: &Diagnostic, shown: &Shown<'_>) -> CsDiagnostic<()> {
    let labels = shown
        .labels
        .iter()
        .map(|l| {
            let label = if l.primary {
                CsLabel::primary((), l.range.clone())
            } else {
                CsLabel::secondary((), l.range.clone())
            };
            label.with_message(l.message.as_ref())
        })
        .collect();
    CsDiagnostic::new(severity(d.severity))
        .with_code(shown.code.to_string())
        .with_message(shown.message.as_ref())
        .with_labels(labels)
        .with_notes(shown.notes.iter().map(|n| n.to_string()).collect())
}

/// Render one finding in the rich style into `out`: without colour through the fast snippet
/// renderer when it can, else through codespan-reporting. Names, messages and source lines are
/// escaped (`text::escape`), so nothing in an article reaches the terminal as a control.
pub fn render(report: &Report, d: &Diagnostic, out: &mut dyn WriteColor) -> io::Result<()> {
    render_fitted(report, d, None, out)
}

/// [`render`] for a terminal `width` columns wide: a source line wider than the room beside
/// the gutter is trimmed around the flagged words, with `…` where it is cut. Without a width,
/// only lines longer than [`LONG_LINE`](super::display::LONG_LINE) bytes are.
pub fn render_fitted(
    report: &Report,
    d: &Diagnostic,
    width: Option<usize>,
    out: &mut dyn WriteColor,
) -> io::Result<()> {
    let file = display_file(report, d, width);
    let shown = Shown::of(d, &file);
    // A finding on a long line is always shown through the snippet renderer, which prints a
    // window of the line (without colour) rather than all of it.
    let ranges =
        std::iter::once(d.primary.span.range()).chain(d.secondary.iter().map(|l| l.span.range()));
    if !out.supports_color() || snippet::touches_long_line(report.sources.get(d.file), ranges) {
        // A report's findings go through `render_report`, which writes them into one string;
        // one finding on its own needs no reused buffer.
        let mut text = String::new();
        if render_fast(d, &file, &shown, &mut text) {
            return out.write_all(text.as_bytes());
        }
    }
    render_codespan(d, &file, &shown, out)
}

/// Every finding of `report` in the rich style, as [`render_fitted`] writes them one by one.
/// Without colour they are written straight into one string: no buffer to copy each finding
/// from, and no stream to grow a finding at a time.
pub fn render_report(report: &Report, width: Option<usize>, colored: bool) -> Vec<u8> {
    if !colored {
        return render_report_plain(report, width).into_bytes();
    }
    let mut buf = Buffer::ansi();
    for d in &report.diagnostics {
        // Rendering into memory cannot fail.
        let _ = render_fitted(report, d, width, &mut buf);
    }
    buf.into_inner()
}

/// [`render_report`] without colour.
pub fn render_report_plain(report: &Report, width: Option<usize>) -> String {
    // A kilobyte and a half a finding, more than most take (a source line, its carets and the
    // notes), and the kilobyte the snippet renderer makes room for before the last one: the
    // string is seldom grown (each time a copy of all of it).
    let mut out = String::with_capacity(report.diagnostics.len() * 1536 + 1024);
    // The escaped name of the last finding's file: findings come a file at a time, so a name
    // is escaped once per file rather than once per finding.
    let mut last: Option<(FileId, Cow<'_, str>)> = None;
    let mut shown = Shown::empty();
    let mut seen = Seen::default();
    for d in &report.diagnostics {
        let name = match &last {
            Some((file, name)) if *file == d.file => name.clone(),
            _ => {
                let name = visible(&report.sources.get(d.file).name);
                last = Some((d.file, name.clone()));
                name
            }
        };
        let file = display_file_named(report, d, name, width, &mut seen);
        shown.fill(d, &file);
        render_shown_into(d, &file, &shown, &mut out);
    }
    out
}

/// Append one finding, rendered without colour over the view of its `file`, to `out`.
fn render_plain_into(d: &Diagnostic, file: &DisplayFile<'_>, out: &mut String) {
    render_shown_into(d, file, &Shown::of(d, file), out);
}

/// [`render_plain_into`] with the finding's strings already escaped.
fn render_shown_into(d: &Diagnostic, file: &DisplayFile<'_>, shown: &Shown<'_>, out: &mut String) {
    if render_fast(d, file, shown, out) {
        return;
    }
    let mut buf = Buffer::no_color();
    // Rendering into memory cannot fail for spans the engine produced.
    let _ = render_codespan(d, file, shown, &mut buf);
    out.push_str(&String::from_utf8_lossy(buf.as_slice()));
}

/// A finding rendered by codespan-reporting, with colour when `out` takes it.
fn render_codespan(
    d: &Diagnostic,
    file: &DisplayFile<'_>,
    shown: &Shown<'_>,
    out: &mut dyn WriteColor,
) -> io::Result<()> {
    let diagnostic = to_codespan(d, shown);
    if d.severity != Severity::Info {
        return term::emit_to_write_style(out, &Config::default(), file, &diagnostic)
            .map_err(|e| io::Error::other(e.to_string()));
    }
    // codespan-reporting has no `info` severity: it is rendered as `note` and renamed.
    let mut buf = if out.supports_color() {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    term::emit_to_write_style(&mut buf, &Config::default(), file, &diagnostic)
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(&renamed_note(buf.as_slice()))
}

/// A rendered `note` finding with its severity word (the first `note` of its header, after
/// any colour codes) read as `info`.
fn renamed_note(rendered: &[u8]) -> Vec<u8> {
    let mut bytes = rendered.to_vec();
    if let Some(at) = bytes.windows(4).position(|w| w == b"note") {
        bytes[at..at + 4].copy_from_slice(b"info");
    }
    bytes
}

fn render_fast(
    d: &Diagnostic,
    file: &DisplayFile<'_>,
    shown: &Shown<'_>,
    out: &mut String,
) -> bool {
    let snippet = Snippet {
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        },
        code: shown.code,
        message: &shown.message,
        labels: &shown.labels,
        notes: &shown.notes,
    };
    snippet::render(file, &snippet, out)
}

/// Render one finding in the rich style, without colour.
pub fn render_plain(report: &Report, d: &Diagnostic) -> String {
    let mut out = String::new();
    render_plain_into(d, &display_file(report, d, None), &mut out);
    out
}

/// The one-line form: `path:line:col: severity ID slug message`.
pub fn short_line(report: &Report, d: &Diagnostic) -> String {
    let mut out = String::new();
    push_short_line(
        report,
        d,
        &visible(&report.sources.get(d.file).name),
        &mut out,
    );
    out
}

/// Every finding of `report` in the one-line form, each line ending in a newline: written into
/// one string, a file's escaped name worked out once for its findings.
pub fn short_lines(report: &Report) -> String {
    let mut out = String::with_capacity(report.diagnostics.len() * 160);
    let mut last: Option<(FileId, Cow<'_, str>)> = None;
    for d in &report.diagnostics {
        if last.as_ref().is_none_or(|(file, _)| *file != d.file) {
            last = Some((d.file, visible(&report.sources.get(d.file).name)));
        }
        let name = last.as_ref().map_or("", |(_, name)| name.as_ref());
        push_short_line(report, d, name, &mut out);
        out.push('\n');
    }
    out
}

/// Append [`short_line`] for `d`, given its file's escaped `name` (pieces pushed one by one:
/// `format!` costs several times as much).
fn push_short_line(report: &Report, d: &Diagnostic, name: &str, out: &mut String) {
    let file = report.sources.get(d.file);
    let (line, col) = file.line_col(d.primary.span.start as usize);
    // The name starts the line: `visible` also keeps it from starting a workflow command.
    out.push_str(name);
    out.push(':');
    snippet::push_number(out, line);
    out.push(':');
    snippet::push_number(out, col);
    out.push_str(": ");
    out.push_str(d.severity.as_str());
    for part in [&d.rule.id, &d.rule.slug, &d.message] {
        out.push(' ');
        out.push_str(&visible(part));
    }
}

/// The closing summary line: `3 problems (1 error, 2 warnings) in 2 of 5 files.`, or
/// `No problems in 5 files.`, then how many were suppressed.
pub fn summary_line(c: &Counts) -> String {
    let mut parts = Vec::new();
    for (n, word) in [
        (c.errors, "error"),
        (c.warnings, "warning"),
        (c.infos, "info"),
    ] {
        if n > 0 {
            parts.push(format!(
                "{n} {word}{}",
                if n == 1 || word == "info" { "" } else { "s" }
            ));
        }
    }
    let mut line = if parts.is_empty() {
        format!("No problems in {}", plural(c.files, "file"))
    } else {
        format!(
            "{} ({}) in {} of {}",
            plural(c.total(), "problem"),
            parts.join(", "),
            c.files_with_findings,
            plural(c.files, "file")
        )
    };
    if c.suppressed > 0 {
        line.push_str(&format!("; {} suppressed", c.suppressed));
    }
    line.push('.');
    line
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Write a tool error: with its source line when it has a location. Names, messages and
/// lines are escaped as findings are.
pub fn render_error(e: &Error, out: &mut dyn WriteColor) -> io::Result<()> {
    match (&e.location, &e.path) {
        (Some(loc), Some(path)) => crate::source::with_indexed(path, &loc.text, |source| {
            let range = loc.span.range();
            let file = DisplayFile::new(source, std::slice::from_ref(&range));
            let shown = file.shown_range(&range);
            let message = visible(&e.message);
            // Through the snippet renderer when it can (always on a long line, which it shows
            // as a window), as for findings.
            if !out.supports_color()
                || snippet::touches_long_line(source, std::iter::once(range.clone()))
            {
                let labels = [SnippetLabel {
                    primary: true,
                    range: shown.clone(),
                    message: Cow::Borrowed(""),
                }];
                let snippet = Snippet {
                    severity: "error",
                    code: "",
                    message: &message,
                    labels: &labels,
                    notes: &[],
                };
                let mut text = String::new();
                if snippet::render(&file, &snippet, &mut text) {
                    return out.write_all(text.as_bytes());
                }
            }
            let diag = CsDiagnostic::error()
                .with_message(message)
                .with_labels(vec![CsLabel::primary((), shown)]);
            term::emit_to_write_style(out, &Config::default(), &file, &diag)
                .map_err(|e| io::Error::other(e.to_string()))
        }),
        _ => {
            out.set_color(
                codespan_reporting::term::termcolor::ColorSpec::new()
                    .set_fg(Some(codespan_reporting::term::termcolor::Color::Red))
                    .set_bold(true),
            )?;
            write!(out, "error")?;
            out.reset()?;
            writeln!(out, ": {}", visible(&e.to_string()))
        }
    }
}
