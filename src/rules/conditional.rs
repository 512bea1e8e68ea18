//! `conditional` rules: if a document contains one thing, it must also contain another (a
//! testimonial needs a results-vary statement, say).

use super::alternatives::{Alternatives, Boundaries};

use super::{DocContext, DocumentRule, fill};
use crate::diagnostic::Sink;

/// If any `when` pattern matches the document's prose, some `then` pattern must match too.
pub struct ConditionalRule {
    /// Triggers, as one regex of alternatives.
    when: Alternatives,
    /// What must then be present, as one regex of alternatives.
    then: Alternatives,
}

impl ConditionalRule {
    /// A rule from its `when` and `then` patterns.
    pub fn new(when: &[String], then: &[String]) -> Result<ConditionalRule, String> {
        let (when, then) = rayon::join(|| Alternatives::new(when), || Alternatives::new(then));
        Ok(ConditionalRule {
            when: when?,
            then: then?,
        })
    }
}

impl DocumentRule for ConditionalRule {
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        let prose = cx.joined();
        let boundaries = Boundaries::of(&prose.text);
        // `then` first: its phrases are rarer, so its search is the cheaper one, and most
        // articles that need it have it.
        if self.then.is_match(&prose.text, boundaries) {
            return;
        }
        let Some(m) = self.when.find(&prose.text, boundaries) else {
            return;
        };
        let span = prose.source_span(m.start(), m.end());
        let message = fill(&sink.rule().message, &[("match", m.as_str())]);
        sink.report(span, message);
    }
}
