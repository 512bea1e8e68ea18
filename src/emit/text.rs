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
use super::display::DisplayFile;
use super::snippet::{self, Snippet, SnippetLabel};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Report;
use crate::error::Error;
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
    code: String,
    /// (primary, range of the shown text, message), primary first.
    labels: Vec<(bool, Range<usize>, Cow<'a, str>)>,
    /// Notes, then `help: …`.
    notes: Vec<Cow<'a, str>>,
}

impl<'a> Shown<'a> {
    fn of(d: &'a Diagnostic, file: &DisplayFile<'_>) -> Shown<'a> {
        let labels = std::iter::once((true, &d.primary))
            .chain(d.secondary.iter().map(|l| (false, l)))
            .map(|(primary, l)| {
                (
                    primary,
                    file.shown_range(&l.span.range()),
                    visible(&l.message),
                )
            })
            .collect();
        // A note may quote the article (a link target): one line. Help comes from a pack and
        // may run over lines, each guarded.
        let mut notes: Vec<Cow<'a, str>> = d.notes.iter().map(|n| visible(n)).collect();
        if let Some(help) = &d.help {
            notes.push(Cow::Owned(
                visible_lines(&format!("help: {help}")).into_owned(),
            ));
        }
        for s in &d.suggestions {
            let line = format!("suggested fix ({}): {}", s.safety.as_str(), s.title);
            notes.push(Cow::Owned(visible_lines(&line).into_owned()));
        }
        Shown {
            message: visible(&d.message),
            code: visible(&format!("{} {}", d.rule.id, d.rule.slug)).into_owned(),
            labels,
            notes,
        }
    }
}

/// The view of a finding's file: its name and the lines the finding shows, escaped, and
/// trimmed to a terminal `width` columns wide when one is given.
fn display_file<'a>(report: &'a Report, d: &Diagnostic, width: Option<usize>) -> DisplayFile<'a> {
    let ranges: Vec<Range<usize>> = std::iter::once(&d.primary)
        .chain(&d.secondary)
        .map(|l| l.span.range())
        .collect();
    // Room after the carets for a label's message, so it stays on the caret row.
    let tail = std::iter::once(&d.primary)
        .chain(&d.secondary)
        .map(|l| l.message.chars().count() + 1)
        .max()
        .unwrap_or(0);
    DisplayFile::fitted(report.sources.get(d.file), &ranges, width, tail)
}

/// The codespan form of a finding, over the escaped view of its file.
fn to_codespan(d: &Diagnostic, shown: &Shown<'_>) -> CsDiagnostic<()> {
    let labels = shown
        .labels
        .iter()
        .map(|(primary, range, message)| {
            let label = if *primary {
                CsLabel::primary((), range.clone())
            } else {
                CsLabel::secondary((), range.clone())
            };
            label.with_message(message.as_ref())
        })
        .collect();
    CsDiagnostic::new(severity(d.severity))
        .with_code(&shown.code)
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
        // One buffer per thread for the rendered text, reused from finding to finding.
        thread_local! {
            static TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let written = TEXT.with_borrow_mut(|text| {
            text.clear();
            let done = render_fast(d, &file, &shown, text).then(|| out.write_all(text.as_bytes()));
            if text.capacity() > 1 << 16 {
                *text = String::new();
            }
            done
        });
        if let Some(result) = written {
            return result;
        }
    }
    let diagnostic = to_codespan(d, &shown);
    if d.severity != Severity::Info {
        return term::emit_to_write_style(out, &Config::default(), &file, &diagnostic)
            .map_err(|e| io::Error::other(e.to_string()));
    }
    // codespan-reporting has no `info` severity: it is rendered as `note` and renamed.
    let mut buf = if out.supports_color() {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    term::emit_to_write_style(&mut buf, &Config::default(), &file, &diagnostic)
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
    let labels: Vec<SnippetLabel<'_>> = shown
        .labels
        .iter()
        .map(|(primary, range, message)| SnippetLabel {
            primary: *primary,
            range: range.clone(),
            message,
        })
        .collect();
    let notes: Vec<&str> = shown.notes.iter().map(|n| n.as_ref()).collect();
    let snippet = Snippet {
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        },
        code: &shown.code,
        message: &shown.message,
        labels: &labels,
        notes: &notes,
    };
    snippet::render(file, &snippet, out)
}

/// Render one finding in the rich style, without colour.
pub fn render_plain(report: &Report, d: &Diagnostic) -> String {
    let mut buf = Buffer::no_color();
    // Rendering into memory cannot fail for spans the engine produced.
    let _ = render(report, d, &mut buf);
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

/// The one-line form: `path:line:col: severity ID slug message`.
pub fn short_line(report: &Report, d: &Diagnostic) -> String {
    let file = report.sources.get(d.file);
    let (line, col) = file.line_col(d.primary.span.start as usize);
    // The name starts the line: `visible` also keeps it from starting a workflow command.
    format!(
        "{}:{line}:{col}: {} {} {} {}",
        visible(&file.name),
        d.severity,
        visible(&d.rule.id),
        visible(&d.rule.slug),
        visible(&d.message)
    )
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
                    message: "",
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
