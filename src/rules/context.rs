//! The context engine every sentence rule shares: each sentence is tokenized, scanned once for
//! every phrase list, and cut into clauses; rules then ask whether a match is negated, hedged,
//! boosted, asked as a question or reported — NegEx/ConText style, with cue lists from packs.
//!
//! Clauses break at `;`, `:`, a lone dash, and clause-break words ("but", "however" …). A
//! parenthetical — between brackets or a pair of dashes — is a clause of its own, and the words
//! on either side of it stay in one clause. A clause that opens with a subordinator
//! ("although", "while" …) ends at its first comma.

use std::collections::BTreeMap;

use crate::document::{BlockKind, Document};
use crate::text::phrase::{Hit, PhraseIndex, SetId, SetMask};
use crate::text::tokenize::{TokenKind, Tokens, tokenize_into};

/// Forward negation cues reach this many words ahead (within their clause).
pub const NEGATION_WINDOW: usize = 8;
/// "Near" forward negation cues ("without") reach only this many words ahead.
pub const NEAR_NEGATION_WINDOW: usize = 3;

/// Declares the cue sets by field and reserved vocabulary name, once.
macro_rules! cues {
    ($($field:ident => $name:literal,)*) => {
        /// The cue sets, resolved to phrase-set ids (absent when no pack declares them).
        #[derive(Clone, Debug, Default)]
        pub struct Cues {
            $($field: Option<SetId>,)*
        }

        impl Cues {
            /// The vocabulary names the context engine reads.
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            fn resolve(vocab: &BTreeMap<String, SetId>) -> Cues {
                let get = |name: &str| vocab.get(name).copied();
                Cues { $($field: get($name),)* }
            }
        }
    };
}

cues! {
    negation_forward => "negation-forward",
    negation_forward_near => "negation-forward-near",
    negation_backward => "negation-backward",
    pseudo_negation => "pseudo-negation",
    hedge => "hedge",
    hedge_population => "hedge-population",
    hedge_sentence => "hedge-sentence",
    booster => "booster",
    reported => "reported",
    clause_break => "clause-break",
    subordinator => "subordinator",
    indirect_question => "indirect-question",
    rhetorical => "rhetorical-question",
    attribution => "attribution",
    affirmative => "affirmative-answer",
}

/// Every phrase list of a run, compiled, with the vocabularies by name.
#[derive(Debug)]
pub struct Lexicon {
    /// Every phrase list, in one word trie.
    pub index: PhraseIndex,
    /// Vocabulary name → set.
    pub vocab: BTreeMap<String, SetId>,
    cues: Cues,
    /// The sets the claim reader uses.
    pub claim: super::claim::ClaimSets,
}

impl Lexicon {
    /// Wrap a compiled index; cue sets are looked up by their reserved vocabulary names.
    pub fn new(index: PhraseIndex, vocab: BTreeMap<String, SetId>) -> Lexicon {
        let cues = Cues::resolve(&vocab);
        let claim = super::claim::ClaimSets::resolve(&vocab);
        Lexicon {
            index,
            vocab,
            cues,
            claim,
        }
    }
}

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
    clause: Vec<u32>,
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

fn overlaps(h: &Hit, first: u32, last: u32) -> bool {
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

    /// Analyse one sentence's text.
    pub fn analyse(index: usize, text: &str, in_question: bool, lexicon: &Lexicon) -> Self {
        let mut view = SentenceView::default();
        view.reanalyse(index, text, in_question, lexicon, &SetMask::all());
        view
    }

    /// Analyse a sentence into this view, reusing its buffers; its clauses only when it has a
    /// hit of `triggers` (no rule asks about the clauses of another sentence).
    fn reanalyse(
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

    /// Hits of `set`.
    pub fn hits_of(&self, set: SetId) -> impl Iterator<Item = &Hit> + '_ {
        // Most sets have no hit in a sentence: its mask says so without a scan.
        let hits = if self.sets.may_contain(set) {
            &self.hits[..]
        } else {
            &[]
        };
        hits.iter().filter(move |h| h.set == set)
    }

    /// Byte range (within the sentence text) of tokens `first..=last`.
    pub fn byte_range(&self, first: u32, last: u32) -> (usize, usize) {
        let a = self.tokens.tokens[first as usize].start as usize;
        let b = self.tokens.tokens[last as usize].end as usize;
        (a, b)
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

    fn words_between(&self, from: u32, to: u32) -> usize {
        self.tokens.tokens[from as usize..to as usize]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count()
    }

    fn cue_in_clause<'a>(
        &'a self,
        set: Option<SetId>,
        first: u32,
        last: u32,
    ) -> impl Iterator<Item = &'a Hit> + 'a {
        self.hits.iter().filter(move |h| {
            Some(h.set) == set && !overlaps(h, first, last) && self.same_clause(h.first, first)
        })
    }

    /// A negation cue whose scope covers tokens `first..=last`: a forward cue shortly before
    /// it in its clause (and not part of a pseudo-negation), or a backward cue after it.
    pub fn negation(&self, lex: &Lexicon, first: u32, last: u32) -> Option<Cue> {
        self.negation_except(lex, first, last, &[])
    }

    /// Like [`negation`](Self::negation), ignoring cues that overlap the token ranges `skip` (the
    /// "no" of another flagged phrase such as "no side effects" negates nothing else).
    pub fn negation_except(
        &self,
        lex: &Lexicon,
        first: u32,
        last: u32,
        skip: &[(u32, u32)],
    ) -> Option<Cue> {
        let c = &lex.cues;
        let pseudo: Vec<&Hit> = self.hits_of_opt(c.pseudo_negation).collect();
        let inside = |h: &Hit, a: u32, b: u32| a <= h.first && h.last <= b;
        let forward = |set: Option<SetId>, window: usize| {
            self.cue_in_clause(set, first, last).find(|h| {
                h.last < first
                    && self.words_between(h.last + 1, first) < window
                    && !pseudo.iter().any(|p| inside(h, p.first, p.last))
                    && !skip.iter().any(|&(a, b)| overlaps(h, a, b))
            })
        };
        forward(c.negation_forward, NEGATION_WINDOW)
            .or_else(|| forward(c.negation_forward_near, NEAR_NEGATION_WINDOW))
            .or_else(|| {
                self.cue_in_clause(c.negation_backward, first, last)
                    .find(|h| h.first > last)
            })
            .map(|&hit| Cue { hit })
    }

    /// Hits of `set`, if the set exists.
    pub fn hits_of_opt(&self, set: Option<SetId>) -> impl Iterator<Item = &Hit> + '_ {
        let hits = match set {
            Some(set) if self.sets.may_contain(set) => &self.hits[..],
            _ => &[],
        };
        hits.iter().filter(move |h| Some(h.set) == set)
    }

    /// Any hedge in scope: an epistemic or population hedge in the clause, or a sentence-wide
    /// hedge ("results vary") anywhere in the sentence. A qualifier of when or how fast
    /// ("usually in three visits") says when a claim comes true, not whether: no hedge.
    pub fn hedge(&self, lex: &Lexicon, first: u32, last: u32) -> Option<Cue> {
        let c = &lex.cues;
        self.cue_in_clause(c.hedge, first, last)
            .chain(self.cue_in_clause(c.hedge_population, first, last))
            .find(|h| !self.timing(lex, h))
            .or_else(|| {
                self.hits_of_opt(c.hedge_sentence)
                    .find(|h| !overlaps(h, first, last) && !self.timing(lex, h))
            })
            .map(|&hit| Cue { hit })
    }

    /// A sentence-wide hedge ("results vary") anywhere in the sentence.
    pub fn sentence_hedge(&self, lex: &Lexicon) -> Option<Cue> {
        self.hits_of_opt(lex.cues.hedge_sentence)
            .next()
            .map(|&hit| Cue { hit })
    }

    /// A population hedge ("in some cases", "some patients") in the clause.
    pub fn population_hedge(&self, lex: &Lexicon, first: u32, last: u32) -> Option<Cue> {
        self.cue_in_clause(lex.cues.hedge_population, first, last)
            .find(|h| !self.timing(lex, h))
            .map(|&hit| Cue { hit })
    }

    /// Whether a cue is part of a qualifier of when or how fast ("usually in three visits").
    fn timing(&self, lex: &Lexicon, cue: &Hit) -> bool {
        self.hits_of_opt(lex.claim.timing)
            .any(|t| overlaps(cue, t.first, t.last))
    }

    /// A booster ("completely", "guaranteed", "100%") in the clause.
    pub fn booster(&self, lex: &Lexicon, first: u32, last: u32) -> Option<Cue> {
        self.cue_in_clause(lex.cues.booster, first, last)
            .next()
            .map(|&hit| Cue { hit })
    }

    /// Whether a question asserts rather than asks ("Why suffer?", "Did you know …?").
    pub fn rhetorical(&self, lex: &Lexicon) -> bool {
        self.hits_of_opt(lex.cues.rhetorical).next().is_some()
    }

    /// Whether the sentence opens with a yes ("Yes!", "Absolutely."): after a question, it
    /// makes the question a claim.
    pub fn answers_yes(&self, lex: &Lexicon) -> bool {
        let first_word = self
            .tokens
            .tokens
            .iter()
            .position(|t| t.kind == TokenKind::Word);
        first_word.is_some_and(|w| {
            self.hits_of_opt(lex.cues.affirmative)
                .any(|h| h.first as usize == w)
        })
    }

    /// Whether tokens `first..=last` sit inside an indirect question ("what the research
    /// shows").
    pub fn in_indirect_question(&self, lex: &Lexicon, first: u32, last: u32) -> bool {
        self.hits_of_opt(lex.cues.indirect_question)
            .any(|h| overlaps(h, first, last))
    }

    /// Whether an indirect question stands before token `first` in its clause ("what
    /// patients can expect from X").
    pub fn indirect_question_before(&self, lex: &Lexicon, first: u32) -> bool {
        self.hits_of_opt(lex.cues.indirect_question)
            .any(|h| h.last < first && self.same_clause(h.first, first))
    }

    /// A reported-speech cue ("claims that", "beware of") before the match in its clause, or
    /// an attribution ("according to the NCI") anywhere in the sentence.
    pub fn reported(&self, lex: &Lexicon, first: u32) -> Option<Cue> {
        // In its clause when clauses are cut ("While we make no medical claims, patients
        // improved" reports nothing); anywhere before it otherwise.
        let clauses = !self.clause.is_empty();
        self.hits_of_opt(lex.cues.reported)
            .find(|h| h.last < first && (!clauses || self.same_clause(h.first, first)))
            .or_else(|| self.hits_of_opt(lex.cues.attribution).next())
            .map(|&hit| Cue { hit })
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

/// Clause number of each token, into `clause`.
fn clauses_into(
    tokens: &Tokens,
    hits: &[Hit],
    cues: &Cues,
    cue_at: &mut Vec<u8>,
    clause: &mut Vec<u32>,
) {
    let n = tokens.tokens.len();
    clause.clear();
    clause.reserve(n);
    // Per token: bit 0, a clause-break cue starts here; bit 1, a subordinator does.
    const BREAK: u8 = 1;
    const SUBORDINATOR: u8 = 2;
    cue_at.clear();
    cue_at.resize(n, 0);
    for h in hits {
        if Some(h.set) == cues.clause_break {
            cue_at[h.first as usize] |= BREAK;
        }
        if Some(h.set) == cues.subordinator {
            cue_at[h.first as usize] |= SUBORDINATOR;
        }
    }
    let dashes = (0..n)
        .filter(|&i| tokens.tokens[i].kind == TokenKind::Punct && tokens.norm_of(i) == "—")
        .count();
    let mut next_id = 0u32;
    let mut current = 0u32;
    // Clauses to return to after a parenthetical closes.
    let mut outer: Vec<u32> = Vec::new();
    let mut dash_open = false;
    let mut subordinate = false;
    let mut at_clause_start = true;
    let new_clause = |next_id: &mut u32| {
        *next_id += 1;
        *next_id
    };
    for (i, &cue) in cue_at.iter().enumerate() {
        let t = tokens.tokens[i];
        if t.kind == TokenKind::Punct {
            let p = tokens.norm_of(i);
            match p {
                // An ellipsis marks words left out of a quotation, inside a clause, unless
                // it ends a sentence run on to the next ("metabolism….Eases joint pain").
                ";" | ":" => {
                    clause.push(current);
                    current = new_clause(&mut next_id);
                    subordinate = false;
                    at_clause_start = true;
                    continue;
                }
                "…" if i + 1 < n && tokens.norm_of(i + 1) == "." => {
                    clause.push(current);
                    current = new_clause(&mut next_id);
                    subordinate = false;
                    at_clause_start = true;
                    continue;
                }
                "(" | "[" => {
                    clause.push(current);
                    outer.push(current);
                    current = new_clause(&mut next_id);
                    at_clause_start = true;
                    continue;
                }
                ")" | "]" => {
                    clause.push(current);
                    current = outer.pop().unwrap_or_else(|| new_clause(&mut next_id));
                    continue;
                }
                "—" => {
                    clause.push(current);
                    if dashes >= 2 && !dash_open {
                        dash_open = true;
                        outer.push(current);
                        current = new_clause(&mut next_id);
                    } else if dash_open {
                        dash_open = false;
                        current = outer.pop().unwrap_or_else(|| new_clause(&mut next_id));
                    } else {
                        current = new_clause(&mut next_id);
                    }
                    at_clause_start = true;
                    continue;
                }
                "," if subordinate => {
                    clause.push(current);
                    current = new_clause(&mut next_id);
                    subordinate = false;
                    at_clause_start = true;
                    continue;
                }
                _ => {}
            }
        }
        let starts_clause = cue & BREAK != 0;
        if starts_clause && !at_clause_start {
            current = new_clause(&mut next_id);
        }
        if cue & SUBORDINATOR != 0 && (at_clause_start || starts_clause) {
            subordinate = true;
        }
        at_clause_start = false;
        clause.push(current);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Registry;
    use std::sync::LazyLock;

    static REGISTRY: LazyLock<Registry> =
        LazyLock::new(|| Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0])));

    fn view(text: &str) -> SentenceView {
        SentenceView::analyse(0, text, false, &REGISTRY.lexicon)
    }

    /// Token range of the first occurrence of `word` (a single token).
    fn find(v: &SentenceView, word: &str) -> (u32, u32) {
        let i = (0..v.tokens.tokens.len())
            .find(|&i| v.tokens.norm_of(i) == word)
            .unwrap_or_else(|| panic!("no token {word}"));
        (i as u32, i as u32)
    }

    #[test]
    fn clauses_are_cut_only_in_sentences_a_rule_may_read() {
        let lex = &REGISTRY.lexicon;
        let triggers = REGISTRY.sentence_triggers();
        let mut v = SentenceView::default();
        // A cure claim is a trigger: its clauses are cut, as with every set wanted.
        let claim = "PRP cures knee pain, but results vary.";
        v.reanalyse(0, claim, false, lex, triggers);
        let all = view(claim);
        assert!(!v.clause.is_empty());
        assert_eq!(v.clause, all.clause);
        let (cure, pain) = (find(&v, "cures").0, find(&v, "pain").0);
        assert!(v.same_clause(cure, pain));
        assert!(!v.same_clause(cure, find(&v, "vary").0));
        // A sentence no rule fires on is not read closely: no cue is looked for (the hedge
        // "may" and the negation "not" are detail vocabularies) and no clause is cut, and a
        // question about its clauses answers "apart" rather than failing.
        let plain = "Some patients may not notice any change; others do.";
        v.reanalyse(0, plain, false, lex, triggers);
        assert!(!v.sets.may_intersect(triggers));
        assert!(v.hits.is_empty());
        assert!(v.clause.is_empty());
        assert!(!v.same_clause(0, 1));
        let all = view(plain);
        assert!(!all.clause.is_empty());
        assert!(!all.hits.is_empty());
    }

    fn negated(text: &str, word: &str) -> bool {
        let v = view(text);
        let (a, b) = find(&v, word);
        v.negation(&REGISTRY.lexicon, a, b).is_some()
    }

    fn hedged(text: &str, word: &str) -> bool {
        let v = view(text);
        let (a, b) = find(&v, word);
        v.hedge(&REGISTRY.lexicon, a, b).is_some()
    }

    #[test]
    fn negation_scopes_forward_within_its_clause() {
        assert!(negated("There is no cure for this condition.", "cure"));
        assert!(negated(
            "It is not intended to diagnose, treat, cure, or prevent any disease.",
            "cure"
        ));
        assert!(negated("PRP does not cure arthritis.", "cure"));
        assert!(!negated("PRP cures arthritis.", "cures"));
        // The clause break stops the negation.
        assert!(!negated(
            "Surgery does not help everyone, but fibrin cures tears.",
            "cures"
        ));
        // A subordinate clause ends at its comma.
        assert!(!negated(
            "Although there is no cure, PRP cures it.",
            "cures"
        ));
    }

    #[test]
    fn negation_scopes_backward_from_post_cues() {
        assert!(negated("A permanent cure has not been found.", "cure"));
        assert!(negated("A good outcome is not guaranteed here.", "outcome"));
    }

    #[test]
    fn pseudo_negations_do_not_negate() {
        assert!(!negated(
            "This treatment not only seals damaged discs but also helps heal them.",
            "seals"
        ));
        assert!(!negated("No doubt fibrin seals the tear.", "seals"));
    }

    #[test]
    fn near_cues_reach_only_a_few_words() {
        assert!(negated("Recovery without any cure is rare.", "cure"));
        assert!(!negated(
            "Without surgery or long hospital stays, our therapy cures pain.",
            "cures"
        ));
    }

    #[test]
    fn hedges_act_in_their_clause_or_sentence() {
        assert!(hedged("Fibrin may help seal the tear.", "seal"));
        assert!(hedged("In some patients, PRP relieves pain.", "relieves"));
        assert!(hedged("PRP relieves pain; results vary.", "relieves"));
        assert!(!hedged("PRP may be costly; it relieves pain.", "relieves"));
        // "Promising" and "pilot" are not hedges.
        assert!(!hedged(
            "A promising pilot shows PRP relieves pain.",
            "relieves"
        ));
    }

    #[test]
    fn parentheticals_are_clauses_of_their_own() {
        let v = view("Fibrin — a natural protein — closes the tear.");
        let (f, _) = find(&v, "fibrin");
        let (c, _) = find(&v, "closes");
        let (p, _) = find(&v, "protein");
        assert!(v.same_clause(f, c));
        assert!(!v.same_clause(f, p));
        let v = view("Fibrin (which may vary) closes the tear.");
        let (c, _) = find(&v, "closes");
        assert!(v.hedge(&REGISTRY.lexicon, c, c).is_none());
    }

    #[test]
    fn questions_and_reported_speech_are_recognised() {
        assert!(view("Can fibrin cure a torn disc?").question);
        assert!(!view("Fibrin cures torn discs.").question);
        let v = view("Claims that stem cells cure back pain are false.");
        let (c, _) = find(&v, "cure");
        assert!(v.reported(&REGISTRY.lexicon, c).is_some());
    }
}
