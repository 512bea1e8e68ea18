//! `conditional` rules: if a document contains one thing, it must also contain another (a
//! testimonial needs a results-vary statement, say).

use super::alternatives::{Alternatives, Boundaries};

use super::{DocContext, DocumentRule, fill};
use crate::diagnostic::Sink;

/// Blocks at the end of a document searched on their own first.
const TAIL_BLOCKS: usize = 3;

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
        // What `then` asks for usually sits in a closing disclaimer: a match in one of the last
        // blocks settles it without searching the whole prose (for context-free patterns, a
        // match in a block is a match in the joined prose).
        let blocks = &cx.doc.blocks;
        if self.then.is_context_free()
            && blocks[blocks.len().saturating_sub(TAIL_BLOCKS)..]
                .iter()
                .rev()
                .any(|b| {
                    self.then
                        .is_match(&b.prose.text, Boundaries::of(&b.prose.text))
                })
        {
            return;
        }
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Settings;
    use crate::document::Format;
    use crate::rules::Registry;

    /// MED202's findings on `text`, as the messages it gives.
    fn findings(text: &str) -> Vec<String> {
        let registry = Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0]));
        let i = registry.find("MED202").expect("MED202 exists");
        let settings = Settings::only(&registry, i, Path::new("/t"));
        let report = crate::lint_str(&registry, &settings, "a.md", Format::Markdown, text);
        report.diagnostics.into_iter().map(|d| d.message).collect()
    }

    /// A testimonial, `middle`, filler paragraphs (more than the tail searched on its own),
    /// then `end`.
    fn article(middle: &str, end: &str) -> String {
        format!(
            "# Knee pain\n\nOne patient walked again after a week.\n\n{middle}\n\n{}{end}\n",
            "Rest and ice can help.\n\n".repeat(2 * TAIL_BLOCKS)
        )
    }

    #[test]
    fn a_disclosure_anywhere_satisfies_the_rule() {
        assert!(findings(&article("", "Individual results vary.")).is_empty());
        assert!(findings(&article("Individual results vary.", "")).is_empty());
    }

    #[test]
    fn a_testimonial_without_a_disclosure_is_flagged() {
        assert_eq!(
            findings(&article("", "")),
            ["Testimonial without a results disclosure: `One patient`"]
        );
    }

    #[test]
    fn patterns_asserting_an_edge_are_not_context_free() {
        let alts = |p: &str| Alternatives::new(&[p.to_string()]).unwrap();
        assert!(alts(r"\bresults vary\b").is_context_free());
        assert!(!alts(r"^Disclaimer").is_context_free());
        assert!(!alts(r"advice\.$").is_context_free());
        assert!(!alts(r"\Ano").is_context_free());
        assert!(!alts(r"[^a]b").is_context_free());
    }
}
