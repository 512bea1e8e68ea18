//! `testimonial-health-claim`: a first-person story says that using a product changed a
//! condition, a symptom or a body function ("since I started taking it my joints no longer
//! ache"). The advertiser is responsible for what its testimonials claim.

use crate::diagnostic::Sink;
use crate::rules::SentenceView;
use crate::rules::claim::report::words;
use crate::rules::claim::{ClaimSets, addresses_reader, in_first_person};
use crate::rules::{DocContext, DocumentRule};
use crate::text::phrase::{SetId, SetMask};

/// Whether a sentence speaks of someone, not to the reader: "he", "her", no "you".
fn third_person(v: &SentenceView) -> bool {
    let words = (0..v.tokens.tokens.len()).map(|t| v.tokens.norm_of(t));
    let (mut third, mut second) = (false, false);
    for w in words {
        third |= matches!(w, "he" | "she" | "his" | "her" | "him" | "they" | "their");
        second |= addresses_reader(w);
    }
    third && !second
}

/// Whether `text` closes a quotation and signs it with a name: a closing quotation mark, a
/// dash, and a capitalised word ("”  – Maria T.", "\" — Dave, 62").
fn signed_quote(text: &str) -> bool {
    text.char_indices()
        .filter(|&(_, c)| matches!(c, '"' | '”' | '»'))
        .any(|(at, c)| {
            let rest = text[at + c.len_utf8()..].trim_start();
            let Some(after_dash) = rest.strip_prefix(['—', '–', '-', '―']) else {
                return false;
            };
            after_dash
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
}

/// Whether a sentence is told by one person of their own body: "I", "my" or "me" and none of
/// the business's words ("we", "our"), which are most often its voice.
fn told_by_one(v: &SentenceView, sets: &ClaimSets) -> bool {
    in_first_person(v, sets.first_person) && v.hits_of_opt(sets.business).next().is_none()
}

/// Whether what starts at token `first` (a claim's object or verb) is the teller's own: "my"
/// within the three words before it ("my immunity", "my chronic lower back pain", "my hair's
/// growing back").
fn owned(v: &SentenceView, first: u32) -> bool {
    (first.saturating_sub(3)..first).any(|t| v.tokens.norm_of(t as usize) == "my")
}

/// The rule.
pub struct TestimonialClaim {
    /// The relation sets (its sentences' claims are read too).
    pub triggers: SetMask,
    /// Flag only the stories that say results vary (where such a qualification does not make
    /// a testimonial for a medicinal claim acceptable); otherwise only those that do not.
    pub qualified: bool,
}

impl DocumentRule for TestimonialClaim {
    fn sentence_triggers(&self) -> Option<SetMask> {
        Some(self.triggers)
    }

    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        let sets = &cx.lexicon.claim;
        let has = |v: &SentenceView, set| v.hits_of_opt(set).next().is_some();
        // A story told of someone else says in one sentence that they used something and
        // what changed ("has been taking X for weeks and has noticed a drop in …").
        let told =
            |v: &SentenceView| has(v, sets.usage) && has(v, sets.improvement) && third_person(v);
        // Most pages tell no story: the union of their sentences' masks says so in one test,
        // before any sentence is asked.
        let mut page = SetMask::default();
        for v in cx.sentences {
            page.union(&v.sets);
        }
        let may = |set: Option<SetId>| set.is_some_and(|s| page.may_contain(s));
        // A sentence in the first person is looked for first: where the page's mask allows
        // one there is one, and the longer test of a story told of someone else is spared.
        let tells = || {
            cx.sentences
                .iter()
                .any(|v| in_first_person(v, sets.first_person))
                || cx.sentences.iter().any(told)
        };
        if !(may(sets.first_person) || (may(sets.usage) && may(sets.improvement))) || !tells() {
            return;
        }
        let blocks = cx.doc.blocks.len();
        let mut usage = vec![false; blocks];
        // A quoted story is in the first person even where one sentence is not ("Six weeks
        // with Dr. Hollis and it's gone.").
        let mut first_person = vec![false; blocks];
        // A story is about using a product when it says so ("since I started taking") or
        // names one ("the NAD+ drip"). Most sentences have none of these sets, which one test
        // of their mask says.
        let usage_sets = SetMask::of(
            [sets.usage, sets.product, sets.therapy, sets.high_risk]
                .into_iter()
                .flatten(),
        );
        for v in cx.sentences {
            let block = cx.doc.sentences[v.index].block as usize;
            first_person[block] |= in_first_person(v, sets.first_person);
            usage[block] |= v.sets.may_intersect(&usage_sets)
                && (has(v, sets.usage)
                    || has(v, sets.product)
                    || has(v, sets.therapy)
                    || has(v, sets.high_risk));
        }
        // A quoted block is one story: its sentences are the teller's even when one is not in
        // the first person. In any other block only the sentences in the first person are.
        let quoted: Vec<bool> = cx
            .doc
            .blocks
            .iter()
            .map(|b| b.prose.text.trim_start().starts_with(['"', '“', '«', '\'']))
            .collect();
        // A quotation signed with a name ("… my knee is healed." – Frank D.) is a customer's
        // testimonial on the page that shows it, whether or not it names the product.
        let signed: Vec<bool> = cx
            .doc
            .blocks
            .iter()
            .zip(&quoted)
            .map(|(b, &q)| q && signed_quote(&b.prose.text))
            .collect();
        for (view, claims) in cx.sentences.iter().zip(cx.claims().by_sentence()) {
            let sentence = &cx.doc.sentences[view.index];
            let block = sentence.block as usize;
            let teller = || in_first_person(view, sets.first_person) || quoted[block];
            let of_use =
                (first_person[block] && (usage[block] || signed[block]) && teller()) || told(view);
            // A change to one's own body told in the first person is a testimonial even where
            // its block names no product: a page's story section, an advert's quote. Only the
            // teller's own ailment counts there ("my headache disappeared"), not what a
            // practitioner's bio says they treat ("I specialise in treating migraines").
            let own_only = !of_use && told_by_one(view, sets);
            if !(of_use || own_only) || view.question {
                continue;
            }
            // "Results vary" in the story itself qualifies it, where a qualification counts.
            let qualification = view.sentence_hedge(cx.lexicon);
            if qualification.is_some() != self.qualified {
                continue;
            }
            // What changed: an improvement ("my pain is gone") or a claim with a health
            // object that nothing excuses.
            let improvement = view
                .hits_of_opt(sets.improvement)
                .find(|h| {
                    view.negation_except(cx.lexicon, h.first, h.last, &[(h.first, h.last)])
                        .is_none()
                })
                .map(|h| (h.first, h.last));
            let claim = claims
                .iter()
                .find(|c| {
                    c.excuse.is_none()
                        && c.hedge.is_none()
                        && c.object.is_some_and(|o| {
                            !own_only || owned(view, o.first) || owned(view, c.first)
                        })
                })
                .map(|c| c.extent());
            let Some((first, last)) = improvement.or(claim) else {
                continue;
            };
            let text = cx.doc.sentence_text(sentence);
            let (a, b) = view.byte_range(first, last);
            let span = cx.doc.sentence_source_span(sentence, a, b);
            let matched = words(view, text, first, last);
            let message = crate::rules::fill(&sink.rule().message, &[("match", &matched)]);
            let d = sink.report(span, message);
            d.primary.message = "testimonial claim".into();
            d.context = Some(sentence.span);
            d.notes.push(match qualification {
                Some(q) => format!(
                    "why: a story of someone who used the product says it changed a health \
                     condition; \"{}\" does not stop it being a medicinal claim the advertiser \
                     makes",
                    view.hit_text(&q.hit)
                ),
                None => "why: a story of someone who used the product says it changed a health \
                         condition; the advertiser answers for what its testimonials claim"
                    .into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::signed_quote;

    #[test]
    fn a_quotation_is_signed_by_a_dash_and_a_name() {
        assert!(signed_quote("\"My knee is healed.\" – Frank D."));
        assert!(signed_quote("“Best decision I made.” — Dave, 62"));
        assert!(!signed_quote("\"My knee is healed.\" - and then some"));
        assert!(!signed_quote("\"My knee is healed,\" said Frank."));
        assert!(!signed_quote("A plain sentence – Frank agrees."));
    }
}
