//! `conditional` rules: if a document contains one thing, it must also contain another (a
//! testimonial needs a results-vary statement, say).

use regex::Regex;

use super::{DocContext, DocumentRule, fill};
use crate::diagnostic::Sink;

/// If any `when` pattern matches the document's prose, some `then` pattern must match too.
pub struct ConditionalRule {
    /// Triggers.
    pub when: Vec<Regex>,
    /// What must then be present.
    pub then: Vec<Regex>,
}

impl DocumentRule for ConditionalRule {
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        let prose = cx.joined();
        let first = self
            .when
            .iter()
            .filter_map(|re| re.find(&prose.text))
            .min_by_key(|m| (m.start(), m.end()));
        let Some(m) = first else { return };
        if self.then.iter().any(|re| re.is_match(&prose.text)) {
            return;
        }
        let span = prose.source_span(m.start(), m.end());
        let message = fill(&sink.rule().message, &[("match", m.as_str())]);
        sink.report(span, message);
    }
}
