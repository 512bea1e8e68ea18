//! Small pieces several sections share: a severity badge, a link to a rule's reference entry,
//! an article's anchor.

use super::escape::escape;
use crate::diagnostic::Severity;
use crate::rules::RuleMeta;
use crate::source::FileId;

pub(super) fn badge(out: &mut String, s: Severity) {
    let s = s.as_str();
    out.push_str(&format!("<span class=\"badge sev-{s}\">{s}</span>"));
}

pub(super) fn rule_link(out: &mut String, meta: &RuleMeta) {
    let id = escape(&meta.id);
    out.push_str(&format!(
        "<a class=\"rule\" href=\"#rule-{id}\"><code>{id}</code> {}</a>",
        escape(&meta.slug)
    ));
}

pub(super) fn file_anchor(id: FileId) -> String {
    format!("file-{}", id.0)
}
