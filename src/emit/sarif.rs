//! SARIF 2.1.0 for code-scanning dashboards: every rule in `tool.driver.rules`, every finding
//! with its region (columns in Unicode code points) and a partial fingerprint unique to it.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::fingerprint::fingerprints;
use super::options::RenderOptions;
use super::provenance::Provenance;
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
            let pack = registry.packs.iter().find(|p| p.path == m.pack);
            let mut properties = json!({ "tags": [m.scope.as_str(), m.kind.as_str()] });
            if let Some(pack) = pack {
                properties["pack"] = json!(pack.name);
                if let Some(version) = &pack.version {
                    properties["packVersion"] = json!(version);
                }
            }
            json!({
                "id": m.id,
                "name": m.slug,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.docs(), "markdown": m.docs() },
                "help": {
                    "text": m.help.clone().unwrap_or_else(|| m.summary.clone()),
                    "markdown": m.docs(),
                },
                "defaultConfiguration": {
                    "level": level(m.default_severity),
                    "enabled": m.enabled_by_default,
                },
                "properties": properties,
            })
        })
        .collect();
    // Each rule's place in the list, looked up per finding (the first of a repeated ID).
    let mut places: HashMap<&str, usize> = HashMap::with_capacity(metas.len());
    for (i, m) in metas.iter().enumerate() {
        places.entry(m.id.as_str()).or_insert(i);
    }
    let index = |id: &str| places.get(id).copied().unwrap_or(0);
    let prints = fingerprints(report);
    let results = report.diagnostics.iter().zip(&prints).map(|(d, print)| {
        let file = report.sources.get(d.file);
        let ((start_line, start_col), (end_line, end_col)) = file.line_cols(d.primary.span);
        // Counted from checkpoints, not from the file start, for each finding.
        let start = file.char_offset(d.primary.span.start as usize);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nHelp: ");
            message.push_str(help);
        }
        let region = |span: crate::source::Span| {
            let ((start_line, start_col), (end_line, end_col)) = file.line_cols(span);
            let start = file.char_offset(span.start as usize);
            json!({
                "startLine": start_line,
                "startColumn": start_col,
                "endLine": end_line,
                "endColumn": end_col,
                "charOffset": start,
                "charLength": file.char_offset(span.end as usize) - start,
            })
        };
        // SARIF `fix` objects: one replacement each (an empty deleted region inserts).
        let fixes: Vec<Value> = d
            .suggestions
            .iter()
            .map(|s| {
                json!({
                    "description": { "text": s.title },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri(&file.name) },
                        "replacements": [{
                            "deletedRegion": region(s.span),
                            "insertedContent": { "text": s.replacement },
                        }],
                    }],
                    "properties": { "safety": s.safety.as_str() },
                })
            })
            .collect();
        let mut result = json!({
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
                        "charOffset": start,
                        "charLength": file.char_offset(d.primary.span.end as usize) - start,
                        "snippet": { "text": file.slice(d.primary.span) },
                    },
                },
            }],
            "partialFingerprints": { "medlintFinding/v1": print },
            // SARIF's `note` level is medlint's `info`: the severity as medlint names it.
            "properties": { "severity": d.severity.as_str() },
        });
        if !fixes.is_empty() {
            result["fixes"] = Value::Array(fixes);
        }
        result
    });
    let mut notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| json!({ "level": "error", "message": { "text": e.to_string() } }))
        .collect();
    if let Some(why) = &options.nothing_linted {
        notifications.push(json!({ "level": "note", "message": { "text": why } }));
    }
    let mut invocation = json!({
        "executionSuccessful": report.errors.is_empty(),
        "toolExecutionNotifications": notifications,
    });
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "medlint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            },
        },
        "columnKind": "unicodeCodePoints",
        "results": [],
    });
    if let Some(p) = &options.provenance {
        provenance_into(&mut run, &mut invocation, p, &index);
    }
    run["invocations"] = json!([invocation]);
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    let frame = serde_json::to_string_pretty(&log).unwrap_or_default();
    // The results go where the pretty printer put the empty list, each printed as it is built
    // and its tree dropped (a tree per finding, held for the whole log, took many times the
    // output's size). JSON strings hold no raw newline, so indenting each line of a result is
    // exactly what the pretty printer would have done.
    let empty = format!("\n{RUN_INDENT}\"results\": []");
    let Some(at) = frame
        .find(&empty)
        .filter(|_| !report.diagnostics.is_empty())
    else {
        return crate::text::escape::json_guard(frame + "\n");
    };
    let mut out = String::with_capacity(frame.len() + 1024 * report.diagnostics.len());
    out.push_str(&frame[..at]);
    out.push_str(&format!("\n{RUN_INDENT}\"results\": [\n"));
    for (i, result) in results.enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        let text = serde_json::to_string_pretty(&result).unwrap_or_default();
        for (k, line) in text.split('\n').enumerate() {
            if k > 0 {
                out.push('\n');
            }
            out.push_str(RESULT_INDENT);
            out.push_str(line);
        }
    }
    out.push_str(&format!("\n{RUN_INDENT}]"));
    out.push_str(&frame[at + empty.len()..]);
    out.push('\n');
    // Hidden characters written as escapes, once over the whole log.
    crate::text::escape::json_guard(out)
}

/// The record of the run in SARIF's own terms: the command line, start time and rule
/// severities in force on the invocation, each pack as a tool extension, the commit as version
/// control provenance (SARIF needs the repository's URI for that; without one the commit is in
/// the run's `properties.provenance`, which holds the whole record).
fn provenance_into(
    run: &mut Value,
    invocation: &mut Value,
    p: &Provenance,
    index: &dyn Fn(&str) -> usize,
) {
    invocation["commandLine"] = json!(p.command_line);
    invocation["arguments"] = json!(p.arguments);
    invocation["startTimeUtc"] = json!(p.time_utc);
    invocation["exitCode"] = json!(p.verdict.exit_code);
    let overrides: Vec<Value> = p
        .rules
        .iter()
        .filter(|r| r.severity != r.default_severity && !r.severity.contains(' '))
        .map(|r| {
            let configuration = match r.severity.as_str() {
                "off" => json!({ "enabled": false }),
                s => json!({ "enabled": true, "level": if s == "info" { "note" } else { s } }),
            };
            json!({
                "descriptor": { "id": r.id, "index": index(&r.id) },
                "configuration": configuration,
            })
        })
        .collect();
    if !overrides.is_empty() {
        invocation["ruleConfigurationOverrides"] = json!(overrides);
    }
    run["tool"]["extensions"] = p
        .packs
        .iter()
        .map(|pack| {
            let mut ext = json!({
                "name": pack.name,
                "properties": { "source": pack.source, "sha256": pack.sha256 },
            });
            if let Some(v) = &pack.version {
                ext["version"] = json!(v);
            }
            ext
        })
        .collect();
    if let Some(git) = &p.git
        && let Some(uri) = &git.repository
    {
        let mut details = json!({ "repositoryUri": uri, "revisionId": git.commit });
        if let Some(branch) = &git.branch {
            details["branch"] = json!(branch);
        }
        run["versionControlProvenance"] = json!([details]);
    }
    run["properties"] = json!({ "provenance": p });
}

/// The pretty printer's indentation of a run's keys (`{"runs": [{…}]}`), and of the items of
/// its `results` list.
const RUN_INDENT: &str = "      ";
const RESULT_INDENT: &str = "        ";
