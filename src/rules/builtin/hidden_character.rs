//! `hidden-character`: a word a rule matches hides an invisible character or a letter of
//! another script drawn like a Latin one ("c\u{200B}ures", "сures"). The other rules read
//! through the disguise; this one says it is there, since text written to slip past a
//! reviewer is itself worth a look.

use crate::diagnostic::Sink;
use crate::rules::{DocContext, DocumentRule, fill};
use crate::text::disguise::describe;
use crate::text::phrase::Tier;

/// The rule.
pub struct HiddenCharacter;

impl DocumentRule for HiddenCharacter {
    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        let index = &cx.lexicon.index;
        for view in cx.sentences {
            for &t in &view.tokens.disguised {
                // Only words some rule triggers on: an invisible character elsewhere (a soft
                // hyphen a CMS put in a long word) hides nothing a rule looks for.
                let matched = view
                    .hits
                    .iter()
                    .any(|h| h.first <= t && t <= h.last && index.set_tier(h.set) == Tier::Main);
                if !matched {
                    continue;
                }
                let sentence = &cx.doc.sentences[view.index];
                let token = view.tokens.tokens[t as usize];
                let (start, end) = (token.start as usize, token.end as usize);
                let written = &cx.doc.sentence_text(sentence)[start..end];
                let word = view.tokens.norm_of(t as usize);
                let message = fill(&sink.rule().message, &[("match", word)]);
                let span = cx.doc.sentence_source_span(sentence, start, end);
                let d = sink.report(span, message);
                d.notes
                    .push(format!("it hides {}", describe(written).join("; ")));
            }
        }
    }
}
