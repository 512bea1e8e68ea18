//! A Markdown summary for a pull-request comment: totals, counts by rule, and a table of
//! findings linking to their lines. Every string from an article, a file name or a pack is
//! shown as text, never as Markdown or HTML (`text::escape::markdown_text`), and link
//! destinations are percent-encoded.

use std::collections::BTreeMap;

use super::counts::Counts;
use crate::engine::Report;
use crate::text::escape::{markdown_text as cell, markdown_url};

/// A rule ID inside a code span: IDs are checked when packs load, but a backtick or a pipe
/// would still end the span or the cell.
fn code(id: &str) -> String {
    id.replace(['`', '|'], "?")
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The summary, with links relative to the repository root (`path#L12`).
pub fn render(report: &Report) -> String {
    let c = Counts::of(report);
    let mut out = String::from("## medlint\n\n");
    if c.total() == 0 {
        out.push_str(&format!(
            "No problems found in {}.\n",
            plural(report.sources.len(), "file")
        ));
    } else {
        out.push_str(&format!(
            "**{}** ({}, {}, {} info) in {}",
            plural(c.total(), "problem"),
            plural(c.errors, "error"),
            plural(c.warnings, "warning"),
            c.infos,
            plural(report.sources.len(), "file")
        ));
        if !report.suppressed.is_empty() {
            out.push_str(&format!("; {} suppressed", report.suppressed.len()));
        }
        out.push_str(".\n\n| Rule | Count |\n| --- | ---: |\n");
        let mut by_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for d in &report.diagnostics {
            *by_rule.entry((&d.rule.id, &d.rule.slug)).or_default() += 1;
        }
        for ((id, slug), n) in by_rule {
            out.push_str(&format!("| `{}` {} | {n} |\n", code(id), cell(slug)));
        }
        out.push_str("\n| Severity | Location | Rule | Finding |\n| --- | --- | --- | --- |\n");
        for d in &report.diagnostics {
            let file = report.sources.get(d.file);
            let (line, col) = file.line_col(d.primary.span.start as usize);
            out.push_str(&format!(
                "| {} | [{}:{line}:{col}]({}#L{line}) | `{}` | {} |\n",
                d.severity,
                cell(&file.name),
                markdown_url(&file.name),
                code(&d.rule.id),
                cell(&d.message)
            ));
        }
    }
    for e in &report.errors {
        out.push_str(&format!("\n> **error**: {}\n", cell(&e.to_string())));
    }
    out
}
