//! List items read with their lead-in. A page often puts a claim's verb in a lead-in and its
//! objects in the list under it ("Our IV drip can help with:" then "Migraines", "Chronic
//! fatigue"; a heading "Conditions we treat" then "Fibromyalgia"): each item alone names a
//! condition and claims nothing, so it is read again as one sentence with its lead-in ("Our
//! IV drip can help with Migraines"). A claim of that reading counts for the item when its
//! verb is the lead-in's and its object among the item's words; the lead-in's own claims are
//! its own sentence's.

use super::Claim;
use super::read::{Around, Scratch, read_sentence};
use crate::document::{BlockKind, Document};
use crate::rules::context::{Lexicon, SentenceView};
use crate::text::tokenize::TokenKind;

/// A list item read as one sentence with its lead-in, and the claims that reading found
/// about the item.
#[derive(Clone, Debug)]
pub struct Listed {
    /// The item's sentence (an index of [`Document::sentences`]).
    pub item: usize,
    /// The lead-in's sentence (an index of [`Document::sentences`]).
    pub lead: usize,
    /// The lead-in's words (without its colon), a space, and the item's.
    pub text: String,
    /// Where the item's words start in `text`.
    pub split: usize,
    /// The analysed `text`.
    pub view: SentenceView,
    /// The claims about the item, in the tokens of `view`.
    pub claims: Vec<Claim>,
}

/// The most words of an item that runs on from its lead-in: a condition or two ("Chronic
/// fatigue", "Neck and shoulder pain"), not a sentence of its own.
const ITEM_WORDS: usize = 8;

/// How many words after a lead-in's last relation word may end it: the relation's object is
/// then the list ("can help with:", "Conditions we treat", "relief for those suffering
/// from:"), not words of its own.
const LEAD_TAIL: usize = 3;

/// Whether a lead-in's words may run on into a list item's: a relation of the claim reader
/// among its last words.
fn runs_on(lead: &SentenceView, lexicon: &Lexicon) -> bool {
    let relations = &lexicon.claim_relations;
    if !lead.sets.may_intersect(relations) {
        return false;
    }
    let tokens = &lead.tokens.tokens;
    let Some(last_word) = tokens.iter().rposition(|t| t.kind == TokenKind::Word) else {
        return false;
    };
    lead.hits
        .iter()
        .any(|h| relations.may_contain(h.set) && h.last as usize + LEAD_TAIL >= last_word)
}

/// What the page's reading of each sentence gives the reading of a list item.
pub(super) struct Page<'a> {
    pub doc: &'a Document,
    /// The analysed sentences, one per sentence of `doc`, in order.
    pub views: &'a [SentenceView],
    /// Per block, the range of its sentences.
    pub block_sentences: &'a [(usize, usize)],
    /// Per sentence, whether its own reading found a claim.
    pub claimed: &'a dyn Fn(usize) -> bool,
    /// The context the reader gives a sentence of block `b` (worked out once per block).
    pub around: &'a mut dyn FnMut(usize) -> Around,
}

/// Read each list item that claims nothing alone with its lead-in, when the lead-in has a
/// relation ([`Lexicon`]'s `claim_relations`): the items with a claim so read, in order.
pub(super) fn read_lists(
    page: &mut Page<'_>,
    lexicon: &Lexicon,
    scratch: &mut Scratch,
) -> Vec<Listed> {
    let doc = page.doc;
    let mut out = Vec::new();
    // The last sentence of the block leading in to the run of list items being read: the
    // paragraph ending in a colon, the heading, or the item ending in a colon (of a nested
    // list) the run follows.
    let mut lead: Option<usize> = None;
    // Whether the last lead-in asked about runs on, so a list's items ask it once.
    let mut known: Option<(usize, bool)> = None;
    for (b, block) in doc.blocks.iter().enumerate() {
        let (from, to) = page.block_sentences[b];
        let colon = || block.prose.text.trim_end().ends_with(':');
        let last = to.checked_sub(1).filter(|_| to > from);
        let item_lead = match block.kind {
            BlockKind::Heading(_) => {
                lead = last;
                continue;
            }
            BlockKind::Paragraph => {
                lead = last.filter(|_| colon());
                continue;
            }
            BlockKind::TableCell => {
                lead = None;
                continue;
            }
            BlockKind::ListItem => {
                let item_lead = lead;
                if let Some(l) = last.filter(|_| colon()) {
                    lead = Some(l);
                }
                item_lead
            }
        };
        let (Some(lead_sentence), true) = (item_lead, to > from) else {
            continue;
        };
        let i = from;
        let words = page.views[i].tokens.tokens.iter();
        if (page.claimed)(i) || words.filter(|t| t.kind == TokenKind::Word).count() > ITEM_WORDS {
            continue;
        }
        let runs = match known {
            Some((asked, runs)) if asked == lead_sentence => runs,
            _ => {
                let runs = runs_on(&page.views[lead_sentence], lexicon);
                known = Some((lead_sentence, runs));
                runs
            }
        };
        if runs && let Some(listed) = read_item(page, lexicon, scratch, lead_sentence, i) {
            out.push(listed);
        }
    }
    out
}

/// Read list item `item` (its first sentence) run on from lead-in sentence `lead`: the
/// reading, when it finds a claim about the item.
fn read_item(
    page: &mut Page<'_>,
    lexicon: &Lexicon,
    scratch: &mut Scratch,
    lead: usize,
    item: usize,
) -> Option<Listed> {
    let doc = page.doc;
    if page.views[lead].question {
        // "What can IV therapy help with?": the list answers a question, which the reader
        // judges in its own sentences.
        return None;
    }
    let lead_text = doc.sentence_text(&doc.sentences[lead]).trim_end();
    let lead_words = lead_text.trim_end_matches(':').trim_end();
    let sentence = &doc.sentences[item];
    let text = format!("{lead_words} {}", doc.sentence_text(sentence));
    let split = lead_words.len() + 1;
    let view = SentenceView::analyse(item, &text, false, lexicon);
    // The first token of the item's words.
    let first_item_token = view
        .tokens
        .tokens
        .iter()
        .position(|t| t.start as usize >= split)
        .unwrap_or(view.tokens.tokens.len()) as u32;
    let mut claims = Vec::new();
    let around = (page.around)(sentence.block as usize);
    read_sentence(&view, &text, lexicon, &around, scratch, &mut claims);
    // The lead-in gives the verb and the item its object; a claim all in the item's words is
    // the item's own, which its own reading judged.
    claims.retain(|c| {
        c.first < first_item_token && c.object.is_some_and(|o| o.first >= first_item_token)
    });
    (!claims.is_empty()).then_some(Listed {
        item,
        lead,
        text,
        split,
        view,
        claims,
    })
}
