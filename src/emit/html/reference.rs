//! The rule reference: each cited rule's summary, the severity it ran at (and its default,
//! when a config or flag changed it), docs and help.

use std::collections::BTreeMap;

use crate::emit::provenance::RuleInForce;

use super::docs::markdown_into;
use super::escape::{escape, inline, inline_into};
use super::labels::badge;
use super::stats::RuleStats;

pub(super) fn rule_reference(
    out: &mut String,
    rules: &BTreeMap<&str, RuleStats<'_>>,
    in_force: &[RuleInForce],
) {
    out.push_str("<section id=\"rules\">\n<h2>Rule reference</h2>\n");
    if rules.is_empty() {
        out.push_str("<p class=\"empty\">No rule is cited in this report.</p>\n");
    }
    for stats in rules.values() {
        let meta = stats.meta;
        let id = escape(&meta.id);
        out.push_str(&format!(
            "<article class=\"rule-doc\" id=\"rule-{id}\">\n<h3><code>{id}</code> {} ",
            escape(&meta.slug)
        ));
        match in_force.iter().find(|r| r.id == meta.id) {
            Some(r) => {
                out.push_str(&format!(
                    "<span class=\"badge sev-{0}\">{0}</span> <span class=\"muted\">in force",
                    escape(&r.severity)
                ));
                if r.severity != r.default_severity {
                    out.push_str(&format!(" (default {})", escape(&r.default_severity)));
                }
                out.push_str("</span>");
            }
            None => {
                badge(out, meta.default_severity);
                out.push_str(" <span class=\"muted\">by default</span>");
            }
        }
        out.push_str("</h3>\n<p class=\"summary\">");
        inline_into(out, &meta.summary);
        out.push_str("</p>\n<div class=\"docs\">\n");
        markdown_into(out, meta.docs());
        out.push_str("</div>\n");
        if let Some(help) = &meta.help {
            out.push_str(&format!(
                "<p class=\"help\"><span class=\"key\">help</span> {}</p>\n",
                inline(help)
            ));
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}
