//! The suppressions section, the audit trail: every suppressed finding with the reason its
//! directive gives.

use super::escape::{escape, escape_into, inline_into};
use super::labels::rule_link;
use crate::engine::Report;

pub(super) fn suppressions(out: &mut String, report: &Report) {
    out.push_str("<section id=\"suppressions\">\n<h2>Suppressions</h2>\n");
    if report.suppressed.is_empty() {
        out.push_str("<p class=\"empty\">No findings were suppressed.</p>\n</section>\n");
        return;
    }
    out.push_str(concat!(
        "<p>Findings that a <code>medlint-disable</code> comment removed, with the reason it ",
        "gives.</p>\n<div class=\"table-wrap\">\n<table class=\"suppressions\">\n<thead><tr><th scope=\"col\">Article</th>",
        "<th scope=\"col\" class=\"num\">Line:col</th><th scope=\"col\">Rule</th>",
        "<th scope=\"col\">Suppressed finding</th><th scope=\"col\">Reason</th></tr></thead>\n",
        "<tbody>\n"
    ));
    for s in &report.suppressed {
        let d = &s.diagnostic;
        let source = report.sources.get(d.file);
        let (line, column) = source.line_col(d.primary.span.start as usize);
        let (directive_line, _) = source.line_col(s.directive.start as usize);
        out.push_str(&format!(
            "<tr><td class=\"path\">{}</td><td class=\"num\">{line}:{column}</td><td class=\"nowrap\">",
            escape(&source.name)
        ));
        rule_link(out, &d.rule);
        out.push_str("</td><td>");
        inline_into(out, &d.message);
        out.push_str("<br><span class=\"quote\">“");
        escape_into(out, source.slice(d.primary.span));
        out.push_str(&format!(
            "”</span></td><td>{}<br><span class=\"muted\">directive on line {directive_line}</span></td></tr>\n",
            reason(s.reason.as_deref())
        ));
    }
    out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

fn reason(reason: Option<&str>) -> String {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => escape(r),
        None => "<span class=\"no-reason\">(no reason given)</span>".to_string(),
    }
}
