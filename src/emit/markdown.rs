//! A Markdown summary for a pull-request comment: totals, counts by rule, and a table of
//! findings linking to their lines. Every string from an article, a file name or a pack is
//! shown as text, never as Markdown or HTML (`text::escape::markdown_text`), and link
//! destinations are percent-encoded.
//!
//! A comment holds at most 65,536 characters, so the tables stop short of that and a line says
//! how many rows were left out. Links are absolute (`…/blob/SHA/path#L12`) when a link base is
//! known, as they must be in a comment; otherwise relative to the working folder.

use std::collections::BTreeMap;
use std::path::Path;

use super::counts::Counts;
use super::options::{LinkBase, RenderOptions};
use crate::engine::Report;
use crate::files::path::{normalize, path_text};
use crate::text::escape::{markdown_text as cell, markdown_url};

/// GitHub's limit on a comment's body, in characters.
pub const COMMENT_LIMIT: usize = 65_536;

/// Bytes (never fewer than characters) the rows may fill: the limit less room for the lines
/// that say what was left out.
const ROW_BUDGET: usize = COMMENT_LIMIT - 1_024;

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

/// Rows added while they fit the budget; after the first that does not, the rest are counted.
struct Table {
    left_out: usize,
}

impl Table {
    fn new() -> Table {
        Table { left_out: 0 }
    }

    fn push(&mut self, out: &mut String, row: &str) {
        if self.left_out == 0 && out.len() + row.len() <= ROW_BUDGET {
            out.push_str(row);
        } else {
            self.left_out += 1;
        }
    }

    /// A paragraph after the table (a blank line ends it) naming what was left out.
    fn close(self, out: &mut String, what: &str) {
        if self.left_out > 0 {
            let n = self.left_out;
            let s = if n == 1 { "" } else { "s" };
            out.push_str(&format!(
                "\n…and {n} more {what}{s} not shown (a comment holds at most 65,536 characters).\n"
            ));
        }
    }
}

/// A URL prefix as a link destination: only characters a URL needs are kept as they are.
fn url_prefix(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:%@+,;=".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where a finding's line is on the web, or, without a link base, relative to here.
fn link(links: Option<&LinkBase>, name: &str, line: usize) -> Option<String> {
    let Some(base) = links else {
        return Some(format!("{}#L{line}", markdown_url(name)));
    };
    let path = path_text(&normalize(Path::new(&format!("{}{name}", base.folder))));
    // A file outside the repository has no page there.
    if path.starts_with("../") || path == ".." || path.starts_with('/') {
        return None;
    }
    Some(format!(
        "{}{}#L{line}",
        url_prefix(&base.url),
        markdown_url(&path)
    ))
}

/// The summary as it is posted in a comment.
pub fn render(report: &Report, options: &RenderOptions) -> String {
    let c = Counts::of(report);
    let mut out = String::from("## medlint\n\n");
    if let Some(why) = &options.nothing_linted {
        out.push_str(&format!("Nothing was linted: {}.\n", cell(why)));
    } else if c.total() == 0 {
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
        let mut rules = Table::new();
        for ((id, slug), n) in by_rule {
            rules.push(
                &mut out,
                &format!("| `{}` {} | {n} |\n", code(id), cell(slug)),
            );
        }
        rules.close(&mut out, "rule");
        out.push_str("\n| Severity | Location | Rule | Finding |\n| --- | --- | --- | --- |\n");
        let mut findings = Table::new();
        for d in &report.diagnostics {
            let file = report.sources.get(d.file);
            let (line, col) = file.line_col(d.primary.span.start as usize);
            let place = format!("{}:{line}:{col}", cell(&file.name));
            let location = match link(options.links.as_ref(), &file.name, line) {
                Some(url) => format!("[{place}]({url})"),
                None => place,
            };
            findings.push(
                &mut out,
                &format!(
                    "| {} | {location} | `{}` | {} |\n",
                    d.severity,
                    code(&d.rule.id),
                    cell(&d.message)
                ),
            );
        }
        findings.close(&mut out, "finding");
    }
    let mut errors = Table::new();
    for e in &report.errors {
        errors.push(
            &mut out,
            &format!("\n> **error**: {}\n", cell(&e.to_string())),
        );
    }
    errors.close(&mut out, "tool error");
    out
}
