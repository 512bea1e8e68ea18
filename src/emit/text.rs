//! Terminal output through codespan-reporting, and the one-line `short` format.

use std::io;
use std::sync::Arc;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

use super::counts::Counts;
use super::snippet::{self, Snippet, SnippetLabel};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Report;
use crate::error::Error;
use crate::source::{FileId, SourceFile};

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// The codespan form of a finding.
pub fn to_codespan(d: &Diagnostic) -> CsDiagnostic<FileId> {
    let mut labels =
        vec![CsLabel::primary(d.file, d.primary.span.range()).with_message(&d.primary.message)];
    for s in &d.secondary {
        labels.push(CsLabel::secondary(d.file, s.span.range()).with_message(&s.message));
    }
    let mut notes = d.notes.clone();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    CsDiagnostic::new(severity(d.severity))
        .with_code(format!("{} {}", d.rule.id, d.rule.slug))
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Render one finding in the rich style into `out`: without colour through the fast snippet
/// renderer when it can, else through codespan-reporting.
pub fn render(report: &Report, d: &Diagnostic, out: &mut dyn WriteColor) -> io::Result<()> {
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
            let done = render_fast(report, d, text).then(|| out.write_all(text.as_bytes()));
            if text.capacity() > 1 << 16 {
                *text = String::new();
            }
            done
        });
        if let Some(result) = written {
            return result;
        }
    }
    term::emit_to_write_style(out, &Config::default(), &report.sources, &to_codespan(d))
        .map_err(|e| io::Error::other(e.to_string()))
}

fn render_fast(report: &Report, d: &Diagnostic, out: &mut String) -> bool {
    let mut labels = Vec::with_capacity(1 + d.secondary.len());
    for (primary, label) in
        std::iter::once((true, &d.primary)).chain(d.secondary.iter().map(|l| (false, l)))
    {
        labels.push(SnippetLabel {
            primary,
            range: label.span.range(),
            message: &label.message,
        });
    }
    let help = d.help.as_ref().map(|h| format!("help: {h}"));
    let notes: Vec<&str> = d
        .notes
        .iter()
        .map(String::as_str)
        .chain(help.as_deref())
        .collect();
    let code = format!("{} {}", d.rule.id, d.rule.slug);
    let snippet = Snippet {
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        },
        code: &code,
        message: &d.message,
        labels: &labels,
        notes: &notes,
    };
    snippet::render(report.sources.get(d.file), &snippet, out)
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
    format!(
        "{}:{line}:{col}: {} {} {} {}",
        file.name, d.severity, d.rule.id, d.rule.slug, d.message
    )
}

/// The closing summary line.
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
    let found = if parts.is_empty() {
        "No problems found".to_string()
    } else {
        format!(
            "Found {} ({})",
            plural(c.total(), "problem"),
            parts.join(", ")
        )
    };
    let mut line = format!("{found} in {}", plural(c.files, "file"));
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

/// Call `f` with the file an error is located in, indexed once for all the errors in it
/// (per thread): a pack with thousands of errors is not indexed again for each.
fn with_error_file<T>(
    path: &str,
    text: &Arc<str>,
    f: impl FnOnce(&SimpleFile<String, Arc<str>>, &SourceFile) -> T,
) -> T {
    type Indexed = (Arc<str>, SimpleFile<String, Arc<str>>, SourceFile);
    thread_local! {
        static LAST: std::cell::RefCell<Option<Indexed>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| {
        let fresh = match last {
            Some((t, simple, _)) => !Arc::ptr_eq(t, text) || simple.name() != path,
            None => true,
        };
        if fresh {
            *last = Some((
                Arc::clone(text),
                SimpleFile::new(path.to_string(), Arc::clone(text)),
                SourceFile::new(path, &**text),
            ));
        }
        match last {
            Some((_, simple, file)) => f(simple, file),
            None => f(
                &SimpleFile::new(path.to_string(), Arc::clone(text)),
                &SourceFile::new(path, &**text),
            ),
        }
    })
}

/// Write a tool error: with its source line when it has a location.
pub fn render_error(e: &Error, out: &mut dyn WriteColor) -> io::Result<()> {
    let message = e.message.clone();
    match (&e.location, &e.path) {
        (Some(loc), Some(path)) => with_error_file(path, &loc.text, |simple, file| {
            // Through the snippet renderer when it can (always on a long line, which it shows
            // as a window), as for findings.
            let range = loc.span.range();
            if !out.supports_color()
                || snippet::touches_long_line(file, std::iter::once(range.clone()))
            {
                let labels = [SnippetLabel {
                    primary: true,
                    range: range.clone(),
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
                if snippet::render(file, &snippet, &mut text) {
                    return out.write_all(text.as_bytes());
                }
            }
            let diag = CsDiagnostic::error()
                .with_message(message.as_str())
                .with_labels(vec![CsLabel::primary((), range)]);
            term::emit_to_write_style(out, &Config::default(), simple, &diag)
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
            writeln!(out, ": {e}")
        }
    }
}
