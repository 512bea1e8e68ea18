//! The findings' filters: severity, rule, article, disposition and a text search. The bar is
//! hidden in the page as written and shown by the page's script, so without script there are
//! no controls that do nothing; the line saying what is shown prints with the findings.

use std::collections::BTreeMap;

use super::escape::escape;
use super::labels::file_anchor;
use super::stats::{RuleStats, SEVERITIES};
use crate::emit::csv::DISPOSITIONS;
use crate::engine::Report;

pub(super) fn filter_bar(out: &mut String, report: &Report, rules: &BTreeMap<&str, RuleStats<'_>>) {
    out.push_str(concat!(
        "<div id=\"filters\" class=\"filters\" hidden=\"\">\n",
        "<fieldset class=\"severities\"><legend>Severity</legend>"
    ));
    for s in SEVERITIES {
        let s = s.as_str();
        out.push_str(&format!(
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{s}\" checked=\"\"> {s}</label>"
        ));
    }
    out.push_str(
        "</fieldset>\n<label>Rule <select name=\"rule\"><option value=\"\">all rules</option>",
    );
    for stats in rules
        .values()
        .filter(|s| s.by_severity.iter().sum::<usize>() > 0)
    {
        let id = escape(&stats.meta.id);
        out.push_str(&format!(
            "<option value=\"{id}\">{id} {}</option>",
            escape(&stats.meta.slug)
        ));
    }
    out.push_str("</select></label>\n<label>Article <select name=\"file\"><option value=\"\">all articles</option>");
    for group in report.diagnostics.chunk_by(|a, b| a.file == b.file) {
        if let Some(first) = group.first() {
            out.push_str(&format!(
                "<option value=\"{}\">{}</option>",
                file_anchor(first.file),
                escape(&report.sources.get(first.file).name)
            ));
        }
    }
    out.push_str("</select></label>\n<label>Disposition <select name=\"disposition\"><option value=\"\">any</option>");
    for d in DISPOSITIONS {
        out.push_str(&format!("<option value=\"{0}\">{0}</option>", escape(d)));
    }
    out.push_str(concat!(
        "</select></label>\n<label class=\"search\">Search <input type=\"search\" name=\"q\" ",
        "placeholder=\"words in a finding, a rule, a file\" autocomplete=\"off\"></label>\n</div>\n"
    ));
    out.push_str(&format!(
        "<p id=\"showing\" class=\"showing\">All {} findings shown.</p>\n",
        report.diagnostics.len()
    ));
}
