//! JSON Lines: one `{"type": "diagnostic", …}` object per finding, `{"type": "error", …}` per
//! tool error, then one `{"type": "summary", …}`. Field names are a stable interface.

use serde::Serialize;

use super::counts::Counts;
use super::provenance::Provenance;
use crate::diagnostic::Diagnostic;
use crate::engine::Report;

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    Diagnostic {
        rule: &'a str,
        slug: &'a str,
        severity: &'a str,
        path: &'a str,
        line: usize,
        column: usize,
        end_line: usize,
        end_column: usize,
        start: u32,
        end: u32,
        message: &'a str,
        help: Option<&'a str>,
        notes: &'a [String],
        text: &'a str,
        /// Suggested edits; left out when there are none.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        fixes: Vec<Fix<'a>>,
    },
    Error {
        path: Option<&'a str>,
        line: Option<usize>,
        message: &'a str,
    },
    Summary {
        files: usize,
        diagnostics: usize,
        errors: usize,
        warnings: usize,
        infos: usize,
        suppressed: usize,
        tool_errors: usize,
        /// The record of the run, when the command line made one.
        #[serde(skip_serializing_if = "Option::is_none")]
        provenance: Option<&'a Provenance>,
    },
}

/// A suggestion: what it does, its tier, and its edit.
#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    safety: &'a str,
    edits: [Edit<'a>; 1],
}

/// Replace `start..end` (bytes) with `replacement`; an empty range inserts.
#[derive(Serialize)]
struct Edit<'a> {
    start: u32,
    end: u32,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

fn diagnostic_line<'a>(report: &'a Report, d: &'a Diagnostic) -> Line<'a> {
    let file = report.sources.get(d.file);
    let ((line, column), (end_line, end_column)) = file.line_cols(d.primary.span);
    Line::Diagnostic {
        rule: &d.rule.id,
        slug: &d.rule.slug,
        severity: d.severity.as_str(),
        path: &file.name,
        line,
        column,
        end_line,
        end_column,
        start: d.primary.span.start,
        end: d.primary.span.end,
        message: &d.message,
        help: d.help.as_deref(),
        notes: &d.notes,
        text: file.slice(d.primary.span),
        fixes: d
            .suggestions
            .iter()
            .map(|s| {
                let ((line, column), (end_line, end_column)) = file.line_cols(s.span);
                Fix {
                    title: &s.title,
                    safety: s.safety.as_str(),
                    edits: [Edit {
                        start: s.span.start,
                        end: s.span.end,
                        line,
                        column,
                        end_line,
                        end_column,
                        replacement: &s.replacement,
                    }],
                }
            })
            .collect(),
    }
}

fn to_string(l: &Line<'_>) -> String {
    crate::text::escape::json_guard(serde_json::to_string(l).unwrap_or_default())
}

/// One line per finding, each ending in a newline, in one string: each line serialized into
/// one reused buffer (no string grown and dropped per finding) and guarded as it is appended.
pub fn diagnostic_lines(report: &Report) -> String {
    let mut out = String::with_capacity(report.diagnostics.len() * 1024);
    let mut line = Vec::with_capacity(2048);
    for d in &report.diagnostics {
        line.clear();
        if serde_json::to_writer(&mut line, &diagnostic_line(report, d)).is_ok() {
            // serde_json writes UTF-8 (checked here by the standard library's word-at-a-time
            // validation; `from_utf8_lossy` costs several times as much).
            match std::str::from_utf8(&line) {
                Ok(text) => crate::text::escape::json_guard_into(text, &mut out),
                Err(_) => {
                    crate::text::escape::json_guard_into(&String::from_utf8_lossy(&line), &mut out)
                }
            }
        }
        out.push('\n');
    }
    out
}

/// One line per finding.
pub fn diagnostics(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| to_string(&diagnostic_line(report, d)))
        .collect()
}

/// The line for a tool error.
pub fn error(e: &crate::error::Error) -> String {
    to_string(&Line::Error {
        path: e.path.as_deref(),
        line: e.line(),
        message: &e.message,
    })
}

/// The closing summary line.
pub fn summary(c: &Counts, tool_errors: usize) -> String {
    summary_with(c, tool_errors, None)
}

/// The closing summary line, with the record of the run when there is one.
pub fn summary_with(c: &Counts, tool_errors: usize, provenance: Option<&Provenance>) -> String {
    to_string(&Line::Summary {
        files: c.files,
        diagnostics: c.total(),
        errors: c.errors,
        warnings: c.warnings,
        infos: c.infos,
        suppressed: c.suppressed,
        tool_errors,
        provenance,
    })
}

/// Every line of the JSON output, each without its newline.
pub fn lines(report: &Report) -> Vec<String> {
    lines_with(report, None)
}

/// [`lines`], the summary carrying the record of the run when there is one.
pub fn lines_with(report: &Report, provenance: Option<&Provenance>) -> Vec<String> {
    let mut out = diagnostics(report);
    out.extend(report.errors.iter().map(error));
    out.push(summary_with(
        &Counts::of(report),
        report.errors.len(),
        provenance,
    ));
    out
}
