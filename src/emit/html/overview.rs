//! The overview section: a table of counts by rule and one by article.

use std::collections::BTreeMap;

use super::escape::{escape, inline_into};
use super::labels::{badge, file_anchor, rule_link};
use super::stats::{FileStats, RuleStats, SEVERITIES};
use crate::diagnostic::Severity;
use crate::engine::Report;
use crate::source::FileId;

pub(super) fn overview(
    out: &mut String,
    report: &Report,
    rules: &BTreeMap<&str, RuleStats<'_>>,
    files: &BTreeMap<FileId, FileStats>,
) {
    out.push_str("<section id=\"overview\">\n<h2>Overview</h2>\n<h3>By rule</h3>\n");
    if rules.is_empty() {
        out.push_str("<p class=\"empty\">No rule fired.</p>\n");
    } else {
        rule_table(out, rules);
    }
    out.push_str("<h3>By article</h3>\n");
    if files.is_empty() {
        out.push_str("<p class=\"empty\">No article was read.</p>\n");
    } else {
        file_table(out, report, files);
    }
    out.push_str("</section>\n");
}

fn rule_table(out: &mut String, rules: &BTreeMap<&str, RuleStats<'_>>) {
    out.push_str(concat!(
        "<div class=\"table-wrap\">\n<table class=\"by-rule\">\n<thead><tr><th scope=\"col\">Rule</th>",
        "<th scope=\"col\">Severity</th><th scope=\"col\" class=\"num\">Findings</th>",
        "<th scope=\"col\" class=\"num\">Suppressed</th><th scope=\"col\">What it flags</th>",
        "</tr></thead>\n<tbody>\n"
    ));
    for stats in rules.values() {
        out.push_str("<tr><td class=\"nowrap\">");
        rule_link(out, stats.meta);
        out.push_str("</td><td>");
        severity_mix(out, &stats.by_severity);
        let total: usize = stats.by_severity.iter().sum();
        out.push_str(&format!(
            "</td><td class=\"num\">{total}</td><td class=\"num\">{}</td><td>",
            stats.suppressed
        ));
        inline_into(out, &stats.meta.summary);
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

/// The severities a rule's findings have (boosters can raise some), with counts when mixed.
fn severity_mix(out: &mut String, by_severity: &[usize; 3]) {
    let present: Vec<(Severity, usize)> = SEVERITIES
        .iter()
        .zip(by_severity)
        .filter(|(_, n)| **n > 0)
        .map(|(s, n)| (*s, *n))
        .collect();
    match present.as_slice() {
        [] => out.push_str("<span class=\"muted nowrap\">none active</span>"),
        [(s, _)] => badge(out, *s),
        many => {
            for (i, (s, n)) in many.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                badge(out, *s);
                out.push_str(&format!("&#8201;{n}"));
            }
        }
    }
}

fn file_table(out: &mut String, report: &Report, files: &BTreeMap<FileId, FileStats>) {
    out.push_str(concat!(
        "<div class=\"table-wrap\">\n<table class=\"by-file\">\n<thead><tr><th scope=\"col\">Article</th>",
        "<th scope=\"col\" class=\"num\">Errors</th><th scope=\"col\" class=\"num\">Warnings</th>",
        "<th scope=\"col\" class=\"num\">Info</th><th scope=\"col\" class=\"num\">Suppressed</th>",
        "</tr></thead>\n<tbody>\n"
    ));
    for (&id, stats) in files {
        let name = escape(&report.sources.get(id).name);
        if stats.findings() > 0 {
            out.push_str(&format!(
                "<tr><td class=\"path\"><a href=\"#{}\">{name}</a></td>",
                file_anchor(id)
            ));
        } else {
            out.push_str(&format!("<tr><td class=\"path\">{name}</td>"));
        }
        for (i, n) in stats.by_severity.iter().enumerate() {
            let class = if *n > 0 {
                format!("num sev-{}", SEVERITIES[i].as_str())
            } else {
                "num zero".to_string()
            };
            out.push_str(&format!("<td class=\"{class}\">{n}</td>"));
        }
        out.push_str(&format!(
            "<td class=\"num\">{}</td></tr>\n",
            stats.suppressed
        ));
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}
