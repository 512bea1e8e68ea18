//! One sentence, analysed: its tokens, every phrase hit in one scan, and (when a rule will
//! read it closely) its clauses; the hits and spans rules ask about.

use super::clauses::clauses_into;
use super::lexicon::Lexicon;
use crate::document::{BlockKind, Document};
use crate::text::phrase::{Hit, SetId, SetMask};
use crate::text::tokenize::{TokenKind, Tokens, tokenize_into};

/// One sentence, analysed.
#[derive(Clone, Debug, Default)]
pub struct SentenceView {
    /// Index into [`Document::sentences`].
    pub index: usize,
    /// Its tokens.
    pub tokens: Tokens,
    /// Every phrase hit, ordered by position.
    pub hits: Vec<Hit>,
    /// The sets of `hits`, for a quick test of whether a rule can fire here.
    pub sets: SetMask,
    /// Clause number of each token.
    pub(super) clause: Vec<u32>,
    /// Per token, the clause cues starting there (a buffer reused by [`clauses_into`]).
    cue_at: Vec<u8>,
    /// Per token, its phrase word id (a buffer the index fills, reused).
    word_ids: Vec<u32>,
    /// Whether it is asked as a question (or sits in a question heading).
    pub question: bool,
}

/// A cue found in context, for notes.
#[derive(Copy, Clone, Debug)]
pub struct Cue {
    /// The cue's hit.
    pub hit: Hit,
}

pub(super) fn overlaps(h: &Hit, first: u32, last: u32) -> bool {
    h.first <= last && first <= h.last
}

impl SentenceView {
    /// Analyse every sentence of `doc`.
    pub fn analyse_all(doc: &Document, lexicon: &Lexicon) -> Vec<SentenceView> {
        let mut views = Vec::new();
        let n = SentenceView::analyse_all_into(doc, lexicon, &SetMask::all(), &mut views);
        views.truncate(n);
        views
    }

    /// Analyse every sentence of `doc` into the first views of `views` and return how many
    /// there are; clauses are cut only in sentences with a hit of `triggers` (see
    /// [`crate::rules::DocumentRule::sentence_triggers`]). The views' buffers are reused and
    /// views beyond those needed are kept: a worker keeps one list from document to
    /// document, so the hot loop stops allocating once it has warmed up.
    pub fn analyse_all_into(
        doc: &Document,
        lexicon: &Lexicon,
        triggers: &SetMask,
        views: &mut Vec<SentenceView>,
    ) -> usize {
        for (index, s) in doc.sentences.iter().enumerate() {
            let text = doc.sentence_text(s);
            let block = &doc.blocks[s.block as usize];
            let in_question_heading = matches!(block.kind, BlockKind::Heading(_))
                && block.prose.text.trim_end().ends_with('?');
            if index == views.len() {
                views.push(SentenceView::default());
            }
            views[index].reanalyse(index, text, in_question_heading, lexicon, triggers);
        }
        doc.sentences.len()
    }

    /// Per token, its word id in the phrase index (see
    /// [`crate::text::phrase::PhraseIndex::word_id`]; [`crate::text::phrase::NO_WORD`] for a
    /// word no phrase has).
    pub fn word_ids(&self) -> &[u32] {
        &self.word_ids
    }

    /// Analyse one sentence's text.
    pub fn analyse(index: usize, text: &str, in_question: bool, lexicon: &Lexicon) -> Self {
        let mut view = SentenceView::default();
        view.reanalyse(index, text, in_question, lexicon, &SetMask::all());
        view
    }

    /// Analyse a sentence into this view, reusing its buffers; its clauses only when it has a
    /// hit of `triggers` (no rule asks about the clauses of another sentence). Inlined into
    /// each caller: the loop over a page's sentences, where most of the time goes, keeps it
    /// inline though [`SentenceView::analyse`] calls it too (0.1% of a run's instructions).
    #[inline(always)]
    pub(super) fn reanalyse(
        &mut self,
        index: usize,
        text: &str,
        in_question: bool,
        lexicon: &Lexicon,
        triggers: &SetMask,
    ) {
        tokenize_into(text, &mut self.tokens);
        self.hits.reserve(self.tokens.tokens.len() / 2 + 4);
        lexicon
            .index
            .find(&self.tokens, &mut self.word_ids, &mut self.hits);
        let trimmed = text.trim_end_matches(['"', '\'', '’', '”', ')', ' ']);
        self.index = index;
        self.question = in_question || trimmed.ends_with('?');
        self.sets = SetMask::of(self.hits.iter().map(|h| h.set));
        if !self.sets.may_intersect(triggers) {
            self.clause.clear();
            return;
        }
        // A rule reads this sentence closely: find the vocabularies it consults.
        lexicon
            .index
            .find_detail(&self.tokens, &self.word_ids, &mut self.hits);
        self.sets = SetMask::of(self.hits.iter().map(|h| h.set));
        clauses_into(
            &self.tokens,
            &self.hits,
            &lexicon.cues,
            &mut self.cue_at,
            &mut self.clause,
        );
    }

    /// Whether the sentence has a hit of any of `sets` (its mask answers most without a scan).
    pub fn has_any(&self, sets: &[SetId]) -> bool {
        sets.iter().any(|&s| self.hits_of(s).next().is_some())
    }

    /// Hits of `set`.
    pub fn hits_of(&self, set: SetId) -> impl Iterator<Item = &Hit> + '_ {
        self.hits_of_opt(Some(set))
    }

    /// Hits of `set`, if the set exists.
    pub fn hits_of_opt(&self, set: Option<SetId>) -> impl Iterator<Item = &Hit> + '_ {
        // Most sets have no hit in a sentence: its mask says so without a scan.
        let hits = match set {
            Some(set) if self.sets.may_contain(set) => &self.hits[..],
            _ => &[],
        };
        hits.iter().filter(move |h| Some(h.set) == set)
    }

    /// Whether every vocabulary was matched in it (a rule reads it closely; see
    /// [`SentenceView::analyse_all_into`]): its clauses are cut only then.
    pub fn read_closely(&self) -> bool {
        !self.clause.is_empty()
    }

    /// The index of its first word token, if it has a word.
    pub fn first_word(&self) -> Option<usize> {
        self.tokens
            .tokens
            .iter()
            .position(|t| t.kind == TokenKind::Word)
    }

    /// Byte range (within the sentence text) of tokens `first..=last`.
    /// A range that would start inside a word (at the verb of "it's", split from its pronoun,
    /// or the unit of "10mg") starts with the word.
    pub fn byte_range(&self, first: u32, last: u32) -> (usize, usize) {
        let toks = &self.tokens.tokens;
        let mut a = toks[first as usize].start;
        if let Some(before) = (first as usize).checked_sub(1).map(|i| toks[i])
            && before.end == a
            && before.kind == TokenKind::Word
            && toks[first as usize].kind == TokenKind::Word
        {
            a = before.start;
        }
        let b = toks[last as usize].end as usize;
        (a as usize, b)
    }

    /// Tokens covering the byte range `start..end` of the sentence text.
    pub fn tokens_covering(&self, start: usize, end: usize) -> Option<(u32, u32)> {
        let toks = &self.tokens.tokens;
        let first = toks.iter().position(|t| t.end as usize > start)?;
        let last = toks.iter().rposition(|t| (t.start as usize) < end)?;
        (first <= last).then_some((first as u32, last as u32))
    }

    /// True when two tokens are in the same clause.
    pub fn same_clause(&self, a: u32, b: u32) -> bool {
        // A sentence with no clauses cut (no trigger hit) has every token apart.
        let clause = |t: u32| self.clause.get(t as usize);
        clause(a).is_some_and(|c| Some(c) == clause(b))
    }

    /// The normalised words of a hit, for notes.
    pub fn hit_text(&self, hit: &Hit) -> String {
        let mut out = String::new();
        self.push_hit_text(hit, &mut out);
        out
    }

    /// Append the normalised words of a hit, separated by spaces, to `out`.
    pub fn push_hit_text(&self, hit: &Hit, out: &mut String) {
        for i in hit.first..=hit.last {
            if i > hit.first {
                out.push(' ');
            }
            out.push_str(self.tokens.norm_of(i as usize));
        }
    }
}
