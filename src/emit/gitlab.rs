//! GitLab Code Quality: a JSON array of issues that GitLab shows in merge requests.

use serde_json::{Value, json};

use super::fingerprint::fingerprints;
use crate::diagnostic::Severity;
use crate::engine::Report;

/// The report as a Code Quality JSON array.
pub fn render(report: &Report) -> String {
    let prints = fingerprints(report);
    let issues: Vec<Value> = report
        .diagnostics
        .iter()
        .zip(prints)
        .map(|(d, print)| {
            let file = report.sources.get(d.file);
            let ((begin, col), (end, end_col)) = file.line_cols(d.primary.span);
            json!({
                "type": "issue",
                "check_name": format!("{} {}", d.rule.id, d.rule.slug),
                "description": d.message,
                "content": { "body": d.help.clone().unwrap_or_default() },
                "categories": ["Compliance"],
                "severity": match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "info",
                },
                "fingerprint": print,
                "location": {
                    "path": file.name,
                    "positions": {
                        "begin": { "line": begin, "column": col },
                        "end": { "line": end, "column": end_col },
                    },
                },
            })
        })
        .collect();
    let mut out =
        crate::text::escape::json_guard(serde_json::to_string_pretty(&issues).unwrap_or_default());
    out.push('\n');
    out
}
