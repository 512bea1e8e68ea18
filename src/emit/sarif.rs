//! SARIF 2.1.0 for code-scanning dashboards: every rule in `tool.driver.rules`, every finding
//! with its region (columns in Unicode code points) and a partial fingerprint unique to it.

use serde_json::{Value, json};

use super::fingerprint::fingerprints;
use super::options::RenderOptions;
use crate::diagnostic::Severity;
use crate::engine::Report;
use crate::rules::Registry;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encode what a relative URI reference cannot hold as is.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SARIF log as pretty JSON.
pub fn render(report: &Report, registry: &Registry, options: &RenderOptions) -> String {
    let mut metas: Vec<_> = registry.rules.iter().map(|r| &r.meta).collect();
    metas.sort_by(|a, b| a.id.cmp(&b.id));
    let rules: Vec<Value> = metas
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "name": m.slug,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.docs, "markdown": m.docs },
                "help": {
                    "text": m.help.clone().unwrap_or_else(|| m.summary.clone()),
                    "markdown": m.docs,
                },
                "defaultConfiguration": {
                    "level": level(m.default_severity),
                    "enabled": m.enabled_by_default,
                },
                "properties": { "tags": [m.scope.as_str(), m.kind.as_str()] },
            })
        })
        .collect();
    let index = |id: &str| metas.iter().position(|m| m.id == id).unwrap_or(0);
    let prints = fingerprints(report);
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .zip(&prints)
        .map(|(d, print)| {
            let file = report.sources.get(d.file);
            let ((start_line, start_col), (end_line, end_col)) = file.line_cols(d.primary.span);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nHelp: ");
                message.push_str(help);
            }
            json!({
                "ruleId": d.rule.id,
                "ruleIndex": index(&d.rule.id),
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&file.name) },
                        "region": {
                            "startLine": start_line,
                            "startColumn": start_col,
                            "endLine": end_line,
                            "endColumn": end_col,
                            "charOffset": file.text[..d.primary.span.start as usize].chars().count(),
                            "charLength": file.slice(d.primary.span).chars().count(),
                            "snippet": { "text": file.slice(d.primary.span) },
                        },
                    },
                }],
                "partialFingerprints": { "medlintFinding/v1": print },
            })
        })
        .collect();
    let mut notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| json!({ "level": "error", "message": { "text": e.to_string() } }))
        .collect();
    if let Some(why) = &options.nothing_linted {
        notifications.push(json!({ "level": "note", "message": { "text": why } }));
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "medlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
        }],
    });
    let mut out =
        crate::text::escape::json_guard(serde_json::to_string_pretty(&log).unwrap_or_default());
    out.push('\n');
    out
}
