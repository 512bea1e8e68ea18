//! `unresolved-citation`: a citation a reader cannot follow — a footnote or reference link with
//! no definition, a numbered reference on a page with no reference list, or a link offered as
//! the source of a claim that leads to a host that is not a citation source. Such a citation
//! excuses no evidence or statistic claim (see [`crate::rules::cites`]); this rule says why.

use crate::diagnostic::Sink;
use crate::rules::cites::{Citation, Kind, Unresolved};
use crate::rules::{DocContext, DocumentRule, fill};
use crate::text::phrase::SetId;

/// The rule.
pub struct UnresolvedCitation {
    /// Words that offer a link as a source ("study", "research", "source"): a link to any other
    /// host is only a link.
    pub cue: Option<SetId>,
}

impl UnresolvedCitation {
    /// Whether the sentence of block `b` that holds citation `c` offers a source. Sentences are
    /// in document order, so it is found by a binary search, not a scan per citation.
    fn offered_as_source(&self, cx: &DocContext<'_>, b: usize, c: &Citation) -> bool {
        let Some(cue) = self.cue else { return false };
        let at = (b as u32, c.start);
        let i = cx
            .doc
            .sentences
            .partition_point(|s| (s.block, s.start) <= at);
        let Some(i) = i.checked_sub(1) else {
            return false;
        };
        let s = &cx.doc.sentences[i];
        s.block as usize == b
            && c.start < s.end.max(s.start + 1)
            && cx
                .sentences
                .get(i)
                .is_some_and(|v| v.hits.iter().any(|h| h.set == cue))
    }
}

impl DocumentRule for UnresolvedCitation {
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        for (b, block) in cx.doc.blocks.iter().enumerate() {
            // Every block's prose is looked at for a `[`: memchr's SIMD search, not a char
            // search, which reads a byte at a time.
            if block.footnote_refs.is_empty()
                && block.link_text.is_empty()
                && memchr::memchr(b'[', block.prose.text.as_bytes()).is_none()
            {
                continue;
            }
            for (c, why) in cx.block_citations(b) {
                let Some(why) = why.as_ref().filter(|w| w.reported()) else {
                    continue;
                };
                if matches!(why, Unresolved::NotASource(_)) && !self.offered_as_source(cx, b, c) {
                    continue;
                }
                let text = &block.prose.text[c.start as usize..c.end as usize];
                let span = match c.kind {
                    Kind::Link(i) => cx.doc.links[i as usize].span,
                    _ => block.prose.source_span(c.start as usize, c.end as usize),
                };
                let message = fill(&sink.rule().message, &[("match", text.trim())]);
                let note = match why {
                    Unresolved::DanglingFootnote => {
                        "the footnote has no definition, so the page shows the brackets and no source"
                            .to_string()
                    }
                    Unresolved::UndefinedReference => {
                        "the reference link has no definition, so the page shows the brackets and no link"
                            .to_string()
                    }
                    Unresolved::NoReferenceList => {
                        "the page has no reference list (a `References` or `Sources` heading) for the number to point into"
                            .to_string()
                    }
                    Unresolved::NotASource(host) if host.is_empty() => {
                        "the link names no host a reader could check".to_string()
                    }
                    Unresolved::NotASource(host) => format!(
                        "`{host}` is not a citation source; add it under `[citations] allow` in medlint.toml if it publishes research"
                    ),
                    Unresolved::MissingPage => continue,
                };
                sink.report(span, message).notes.push(note);
            }
        }
    }
}
