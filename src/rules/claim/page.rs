//! Reading the claims of a document: each sentence, then each list item with its lead-in.

use super::Claim;
use super::listed::{Listed, Page, read_lists};
use super::object::object_pronoun;
use super::read::{
    Around, Scratch, asked_about, has_price, in_first_person, read_sentence, short_answer, topic_of,
};
use super::sets::ClaimSets;
use crate::document::Document;
use crate::rules::context::{Lexicon, SentenceView};

/// The claims of a document's sentences, kept in one list for the page rather than a list
/// per sentence with a claim: sentence `i`'s claims end at `ends[i]` and start where the
/// sentence before's end.
#[derive(Clone, Debug, Default)]
pub struct DocumentClaims {
    claims: Vec<Claim>,
    /// Per sentence, where its claims end in `claims`.
    ends: Vec<u32>,
    /// The list items that claim something read with their lead-in, in order.
    listed: Vec<Listed>,
}

impl DocumentClaims {
    /// The claims of each sentence, in the order of the sentences.
    pub fn by_sentence(&self) -> impl Iterator<Item = &[Claim]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.claims[start as usize..end as usize])
    }

    /// The list items that claim something when read with their lead-in (see
    /// `claim/listed.rs`).
    pub fn listed(&self) -> &[Listed] {
        &self.listed
    }
}

/// Every sentence's claims, in the order of `sentences` (the analysed sentences of `doc`), and,
/// when those are all of its sentences, the claims of list items read with their lead-in (see
/// `claim/listed.rs`); `block_disclaims` says whether a block says the evidence is lacking.
pub fn read_document(
    doc: &Document,
    sentences: &[SentenceView],
    lexicon: &Lexicon,
    block_disclaims: &dyn Fn(usize) -> bool,
) -> DocumentClaims {
    let sets = &lexicon.claim;
    let relations = lexicon.claim_relations;
    let mut out = DocumentClaims::default();
    if !sentences.iter().any(|v| v.sets.may_intersect(&relations)) {
        out.ends = vec![0; sentences.len()];
        return out;
    }
    out.ends.reserve(sentences.len());
    // Front matter that names what the article sells says the page sells it.
    let page_promotes = doc.article.product_class.is_some() || page_promotes(doc, sentences, sets);
    // The views of each block, which are consecutive.
    let mut block_views = vec![(0usize, 0usize); doc.blocks.len()];
    for (i, v) in sentences.iter().enumerate().rev() {
        let range = &mut block_views[doc.sentences[v.index].block as usize];
        if range.1 == 0 {
            range.1 = i + 1;
        }
        range.0 = i;
    }
    let views_of = |b: usize| &sentences[block_views[b].0..block_views[b].1];
    // What a block says around each of its sentences (the product it names, whether it
    // disclaims the evidence or tells a story), worked out once per block that needs it.
    let mut of_block: Vec<Option<Around>> = vec![None; doc.blocks.len()];
    let mut block_around = |b: usize| {
        *of_block[b].get_or_insert_with(|| Around {
            block_topic: views_of(b).iter().find_map(|v| topic_of(v, sets)),
            block_disclaims: block_disclaims(b),
            page_promotes,
            story: views_of(b)
                .iter()
                .any(|v| in_first_person(v, sets.first_person)),
            ..Around::default()
        })
    };
    // The lists a sentence is read with, in buffers kept for the document.
    let mut scratch = Scratch::default();
    for (i, v) in sentences.iter().enumerate() {
        if !v.sets.may_intersect(&relations) {
            out.ends.push(out.claims.len() as u32);
            continue;
        }
        let sentence = &doc.sentences[v.index];
        let b = sentence.block as usize;
        let next = sentences
            .get(i + 1)
            .filter(|n| doc.sentences[n.index].block == sentence.block);
        let mut around = Around {
            // Asked only of a question.
            answered: v.question && next.is_some_and(|n| n.answers_yes(lexicon)),
            ..block_around(b)
        };
        let question_before = i
            .checked_sub(1)
            .map(|p| &sentences[p])
            .filter(|p| p.question && doc.sentences[p.index].block == sentence.block);
        if let Some(p) = question_before {
            let pronoun = (0..v.tokens.tokens.len()).any(|t| object_pronoun(v.tokens.norm_of(t)));
            let short = short_answer(v);
            if pronoun || short {
                let asked = asked_about(p, lexicon);
                around.asked_before = asked.filter(|_| pronoun).map(|a| a.kind);
                around.answers_ailment = asked.filter(|a| short && a.suffering).map(|a| a.kind);
            }
        } else if v.first_word().is_some_and(|t| match v.tokens.norm_of(t) {
            "whether" => true,
            "if" => t + 1 < v.tokens.tokens.len() && v.tokens.norm_of(t + 1) == "you",
            _ => false,
        }) {
            // "Whether you suffer from back pain or sciatica, we can help.", "If you suffer
            // from arthritis, this balm can help.": the question and its answer in one
            // sentence.
            around.answers_ailment = asked_about(v, lexicon)
                .filter(|a| a.suffering)
                .map(|a| a.kind);
        }
        let text = doc.sentence_text(sentence);
        read_sentence(v, text, lexicon, &around, &mut scratch, &mut out.claims);
        out.ends.push(out.claims.len() as u32);
    }
    // A list item is read again with its lead-in only where the sentences are the page's own
    // (not a selection of them) and it claims nothing alone.
    if sentences.len() == doc.sentences.len() {
        let ends = &out.ends;
        let claimed = |i: usize| ends[i] > i.checked_sub(1).map_or(0, |p| ends[p]);
        let mut page = Page {
            doc,
            views: sentences,
            block_sentences: &block_views,
            claimed: &claimed,
            around: &mut block_around,
        };
        out.listed = read_lists(&mut page, lexicon, &mut scratch);
    }
    out
}

/// Whether a page sells something: a call to action, a price or a trademark sign anywhere, or
/// the business speaking ("we", "our") in two sentences or more.
fn page_promotes(doc: &Document, views: &[SentenceView], sets: &ClaimSets) -> bool {
    let mut business = 0;
    for v in views {
        if v.hits_of_opt(sets.promotion).next().is_some()
            || has_price(doc.sentence_text(&doc.sentences[v.index]))
        {
            return true;
        }
        if v.hits_of_opt(sets.business).next().is_some() {
            business += 1;
            if business >= 2 {
                return true;
            }
        }
    }
    false
}
