//! `conditional` rules: if a document contains one thing, it must also contain another (a
//! testimonial needs a results-vary statement, say).

use regex::Regex;

use super::{DocContext, DocumentRule, fill};
use crate::diagnostic::Sink;

/// If any `when` pattern matches the document's prose, some `then` pattern must match too.
pub struct ConditionalRule {
    /// Triggers, as one regex of alternatives.
    when: Regex,
    /// What must then be present, as one regex of alternatives.
    then: Regex,
}

/// Patterns as the alternatives of one regex, so a text is scanned once; each pattern was
/// checked on its own already. Together they may be as large as eight single patterns.
pub fn alternatives(patterns: &[String]) -> Result<Regex, String> {
    let parts: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
    regex::RegexBuilder::new(&parts.join("|"))
        .case_insensitive(true)
        .size_limit(super::pack::REGEX_SIZE_LIMIT * 8)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("the patterns together compile to more than {limit} bytes")
            }
            other => other.to_string(),
        })
}

impl ConditionalRule {
    /// A rule from its `when` and `then` patterns.
    pub fn new(when: &[String], then: &[String]) -> Result<ConditionalRule, String> {
        let (when, then) = rayon::join(|| alternatives(when), || alternatives(then));
        Ok(ConditionalRule {
            when: when?,
            then: then?,
        })
    }
}

impl DocumentRule for ConditionalRule {
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        let prose = cx.joined();
        let Some(m) = self.when.find(&prose.text) else {
            return;
        };
        if self.then.is_match(&prose.text) {
            return;
        }
        let span = prose.source_span(m.start(), m.end());
        let message = fill(&sink.rule().message, &[("match", m.as_str())]);
        sink.report(span, message);
    }
}
