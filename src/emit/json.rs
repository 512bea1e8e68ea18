//! JSON Lines: one `{"type": "diagnostic", …}` object per finding, `{"type": "error", …}` per
//! tool error, then one `{"type": "summary", …}`. Field names are a stable interface.

use serde::Serialize;

use super::Counts;
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
    },
}

fn diagnostic_line<'a>(report: &'a Report, d: &'a Diagnostic) -> Line<'a> {
    let file = report.sources.get(d.file);
    let (line, column) = file.line_col(d.primary.span.start as usize);
    let (end_line, end_column) = file.line_col(d.primary.span.end as usize);
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
    }
}

/// Every line of the JSON output, each without its newline.
pub fn lines(report: &Report, files: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(report.diagnostics.len() + report.errors.len() + 1);
    let to_string = |l: &Line<'_>| serde_json::to_string(l).unwrap_or_default();
    for d in &report.diagnostics {
        out.push(to_string(&diagnostic_line(report, d)));
    }
    for e in &report.errors {
        out.push(to_string(&Line::Error {
            path: e.path.as_deref(),
            line: e.line(),
            message: &e.message,
        }));
    }
    let c = Counts::of(report);
    out.push(to_string(&Line::Summary {
        files,
        diagnostics: c.total(),
        errors: c.errors,
        warnings: c.warnings,
        infos: c.infos,
        suppressed: report.suppressed.len(),
        tool_errors: report.errors.len(),
    }));
    out
}
