//! The findings section, article by article: each finding's rule, place, message, quoted
//! sentence, notes and help; and the tool errors that may leave it incomplete.

use std::collections::BTreeMap;

use super::escape::{escape, escape_into, inline_into};
use super::excerpt::excerpt;
use super::filters::filter_bar;
use super::labels::{badge, file_anchor, rule_link};
use super::signoff::disposition;
use super::stats::{FileStats, RuleStats, SEVERITIES, plural};
use crate::diagnostic::Diagnostic;
use crate::engine::Report;
use crate::source::{FileId, SourceFile};

pub(super) fn tool_errors(out: &mut String, report: &Report) {
    if report.errors.is_empty() {
        return;
    }
    out.push_str(concat!(
        "<section id=\"tool-errors\" class=\"tool-errors\">\n<h2>Tool errors</h2>\n",
        "<p>medlint could not check everything: the findings below may be incomplete.</p>\n<ul>\n"
    ));
    for e in &report.errors {
        out.push_str("<li>");
        escape_into(out, &e.to_string());
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

pub(super) fn findings(
    out: &mut String,
    report: &Report,
    files: &BTreeMap<FileId, FileStats>,
    rules: &BTreeMap<&str, RuleStats<'_>>,
) {
    out.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if report.diagnostics.is_empty() {
        out.push_str("<p class=\"empty\">No findings.</p>\n");
    } else {
        filter_bar(out, report, rules);
    }
    let mut n = 0;
    // Diagnostics are sorted by file, so each article's findings are one run.
    for group in report.diagnostics.chunk_by(|a, b| a.file == b.file) {
        let Some(first) = group.first() else {
            continue;
        };
        let source = report.sources.get(first.file);
        out.push_str(&format!(
            "<section class=\"file\" id=\"{}\">\n<h3><span class=\"path\">{}</span>",
            file_anchor(first.file),
            escape(&source.name)
        ));
        if let Some(stats) = files.get(&first.file) {
            out.push_str(" <span class=\"file-counts\">");
            out.push_str(&file_summary(stats));
            out.push_str("</span>");
        }
        out.push_str("</h3>\n<ol class=\"findings\">\n");
        for d in group {
            n += 1;
            finding(out, source, d, n);
        }
        out.push_str("</ol>\n</section>\n");
    }
    clean_files(out, report, files);
    out.push_str("</section>\n");
}

fn file_summary(stats: &FileStats) -> String {
    let mut parts: Vec<String> = SEVERITIES
        .iter()
        .zip(stats.by_severity)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| plural(n, s.as_str()))
        .collect();
    if stats.suppressed > 0 {
        parts.push(format!("{} suppressed", stats.suppressed));
    }
    parts.join(" · ")
}

fn clean_files(out: &mut String, report: &Report, files: &BTreeMap<FileId, FileStats>) {
    let clean: Vec<String> = files
        .iter()
        .filter(|(_, s)| s.findings() == 0)
        .map(|(id, _)| format!("<code>{}</code>", escape(&report.sources.get(*id).name)))
        .collect();
    if !clean.is_empty() {
        out.push_str("<p class=\"clean\">No findings in ");
        out.push_str(&clean.join(", "));
        out.push_str(".</p>\n");
    }
}

/// Finding number `n` of the page, with what the filters read: its severity, rule, article.
fn finding(out: &mut String, source: &SourceFile, d: &Diagnostic, n: usize) {
    let (line, column) = source.line_col(d.primary.span.start as usize);
    let severity = d.severity.as_str();
    out.push_str(&format!(
        "<li class=\"finding sev-{severity}\" id=\"finding-{n}\" data-severity=\"{severity}\" data-rule=\"{}\" data-file=\"{}\" data-path=\"{}\">\n<div class=\"finding-head\">",
        escape(&d.rule.id),
        file_anchor(d.file),
        escape(&source.name)
    ));
    badge(out, d.severity);
    out.push(' ');
    rule_link(out, &d.rule);
    out.push_str(&format!(
        " <span class=\"loc\" title=\"line:column\">{line}:{column}</span>"
    ));
    disposition(out, n);
    out.push_str("</div>\n<p class=\"message\">");
    inline_into(out, &d.message);
    out.push_str("</p>\n<blockquote class=\"excerpt\">");
    excerpt(out, source, d);
    out.push_str("</blockquote>\n");
    notes(out, source, d);
    if let Some(help) = &d.help {
        out.push_str("<p class=\"help\"><span class=\"key\">help</span> ");
        inline_into(out, help);
        out.push_str("</p>\n");
    }
    out.push_str("</li>\n");
}

/// The `why:` notes (and others), then what each secondary label points at.
fn notes(out: &mut String, source: &SourceFile, d: &Diagnostic) {
    let labels: Vec<_> = d
        .secondary
        .iter()
        .filter(|l| !l.message.is_empty())
        .collect();
    if d.notes.is_empty() && labels.is_empty() {
        return;
    }
    out.push_str("<ul class=\"notes\">\n");
    for note in &d.notes {
        out.push_str("<li>");
        match note.split_once(": ") {
            Some(("why", rest)) => {
                out.push_str("<span class=\"key\">why</span> ");
                inline_into(out, rest);
            }
            _ => inline_into(out, note),
        }
        out.push_str("</li>\n");
    }
    for label in labels {
        out.push_str("<li><span class=\"subject\">");
        escape_into(out, source.slice(label.span));
        out.push_str("</span> ");
        inline_into(out, &label.message);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}
