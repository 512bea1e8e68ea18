//! The rule reference: each cited rule's summary, default severity, docs and help.

use std::collections::BTreeMap;

use super::docs::markdown_into;
use super::escape::{escape, inline, inline_into};
use super::labels::badge;
use super::stats::RuleStats;

pub(super) fn rule_reference(out: &mut String, rules: &BTreeMap<&str, RuleStats<'_>>) {
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
        badge(out, meta.default_severity);
        out.push_str(" <span class=\"muted\">by default</span></h3>\n<p class=\"summary\">");
        inline_into(out, &meta.summary);
        out.push_str("</p>\n<div class=\"docs\">\n");
        markdown_into(out, &meta.docs);
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
