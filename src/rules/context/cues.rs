//! What surrounds a match in its sentence, NegEx/ConText style: negation, hedges, boosters,
//! questions and reported speech, each scoped to the match's clause.

use super::lexicon::Lexicon;
use super::view::{Cue, SentenceView, overlaps};
use crate::text::phrase::{Hit, SetId};
use crate::text::tokenize::TokenKind;

/// Forward negation cues reach this many words ahead (within their clause).
pub const NEGATION_WINDOW: usize = 8;
/// "Near" forward negation cues ("without") reach only this many words ahead.
pub const NEAR_NEGATION_WINDOW: usize = 3;
/// A "no" before a list of things none of which "has been shown to" do something reaches
/// this many words ahead.
pub const LIST_NEGATION_WINDOW: usize = 16;

impl SentenceView {
    fn words_between(&self, from: u32, to: u32) -> usize {
        self.tokens.tokens[from as usize..to as usize]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count()
    }

    /// Whether "been shown to" (or proven, found, demonstrated, established; "clinically",
    /// "scientifically" or "medically" allowed before the verb) starts at a token from `from`
    /// up to `starts_before` and ends before `to`: evidence is what a negation before it denies.
    fn evidence_verb_in(&self, from: u32, starts_before: u32, to: u32) -> bool {
        let word = |t: u32| self.tokens.norm_of(t as usize);
        let evidence = |t: u32| {
            matches!(
                word(t),
                "shown" | "proven" | "proved" | "found" | "demonstrated" | "established"
            )
        };
        (from..starts_before.min(to.saturating_sub(2))).any(|t| {
            if word(t) != "been" {
                return false;
            }
            let verb = match word(t + 1) {
                "clinically" | "scientifically" | "medically" => t + 2,
                _ => t + 1,
            };
            verb + 1 < to && evidence(verb) && word(verb + 1) == "to"
        })
    }

    fn cue_in_clause<'a>(
        &'a self,
        set: Option<SetId>,
        first: u32,
        last: u32,
    ) -> impl Iterator<Item = &'a Hit> + 'a {
        self.hits_of_opt(set)
            .filter(move |h| !overlaps(h, first, last) && self.same_clause(h.first, first))
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
        // "Nothing could relieve your back pain – until now!": the denial is lifted after it.
        if self.hits_of_opt(c.negation_lifted).any(|h| h.first > last) {
            return None;
        }
        // Inside a pseudo-negation ("not only"): looked up only for a cue in reach, which
        // most sentences have none of, so no list of them is collected.
        let in_pseudo = |h: &Hit| {
            self.hits_of_opt(c.pseudo_negation)
                .any(|p| p.first <= h.first && h.last <= p.last)
        };
        // A cue of the one word `word`.
        let bare = |h: &Hit, word: &str| {
            h.first == h.last && self.tokens.norm_of(h.first as usize) == word
        };
        // "no sensitivity and no risk": a "no" listed before a match that is itself a "no …"
        // denies nothing of it.
        let listed_no = self.tokens.norm_of(first as usize) == "no";
        let forward = |set: Option<SetId>, window: usize| {
            self.cue_in_clause(set, first, last).find(|h| {
                !(listed_no && bare(h, "no"))
                    && h.last < first
                    && self.words_between(h.last + 1, first) < window
                    && !in_pseudo(h)
                    && !skip.iter().any(|&(a, b)| overlaps(h, a, b))
            })
        };
        forward(c.negation_forward, NEGATION_WINDOW)
            .or_else(|| forward(c.negation_forward_near, NEAR_NEGATION_WINDOW))
            // "No diet, supplement or chelation therapy has been shown to cure autism": a "no"
            // before a list reaches past it to what the evidence is denied for.
            .or_else(|| {
                forward(c.negation_forward, LIST_NEGATION_WINDOW).filter(|h| {
                    (bare(h, "no") || bare(h, "none"))
                        && self.evidence_verb_in(h.last + 1, first, first)
                })
            })
            // "has not been clinically proven to cure or be effective in the treatment of
            // cancer": evidence denied reaches every use it is denied for.
            .or_else(|| {
                forward(c.negation_forward, LIST_NEGATION_WINDOW)
                    .filter(|h| self.evidence_verb_in(h.last + 1, h.last + 3, first))
            })
            .or_else(|| {
                self.cue_in_clause(c.negation_backward, first, last)
                    .find(|h| h.first > last)
            })
            .map(|&hit| Cue { hit })
    }

    /// Any hedge in scope: an epistemic or population hedge in the clause, or a sentence-wide
    /// hedge ("results vary") anywhere in the sentence. A qualifier of when or how fast
    /// ("usually in three visits") says when a claim comes true, not whether, and what a
    /// business's customers usually get is its claim: no hedge.
    pub fn hedge(&self, lex: &Lexicon, first: u32, last: u32) -> Option<Cue> {
        self.hedge_of(lex, first, last, false)
    }

    /// [`hedge`](Self::hedge) for a claim a seller makes of what it sells: a belief it
    /// reports ("is believed to", "is said to") does not qualify it (the FTC reads the net
    /// impression; a seller's "is thought to help" still says it helps), nor does a frequency
    /// of most cases ("often relieves": relief promised to most).
    pub fn seller_hedge(&self, lex: &Lexicon, first: u32, last: u32) -> Option<Cue> {
        self.hedge_of(lex, first, last, true)
    }

    /// A hedge of the clause, beliefs reported among them unless `seller` says the claim is
    /// a seller's.
    fn hedge_of(&self, lex: &Lexicon, first: u32, last: u32, seller: bool) -> Option<Cue> {
        let c = &lex.cues;
        let (belief, majority) = if seller {
            (None, None)
        } else {
            (c.belief, c.hedge_majority)
        };
        self.cue_in_clause(c.hedge, first, last)
            .chain(self.cue_in_clause(belief, first, last))
            .chain(self.cue_in_clause(c.hedge_population, first, last))
            .chain(self.cue_in_clause(majority, first, last))
            .find(|h| !self.hedges_nothing(lex, h))
            .or_else(|| {
                self.hits_of_opt(c.hedge_sentence)
                    .find(|h| !overlaps(h, first, last) && !self.hedges_nothing(lex, h))
            })
            .map(|&hit| Cue { hit })
    }

    /// A sentence-wide hedge ("results vary") anywhere in the sentence.
    pub fn sentence_hedge(&self, lex: &Lexicon) -> Option<Cue> {
        self.hits_of_opt(lex.cues.hedge_sentence)
            .next()
            .map(|&hit| Cue { hit })
    }

    /// Whether token `t` is a frequency of most cases ("often", "usually"; `hedge-majority`),
    /// which a seller's claim is not hedged by and its rewrite replaces.
    pub fn of_most_cases(&self, lex: &Lexicon, t: u32) -> bool {
        self.hits_of_opt(lex.cues.hedge_majority)
            .any(|h| h.first == t && h.last == t)
    }

    /// A population hedge ("in some cases", "some patients", "usually") in the clause.
    pub fn population_hedge(&self, lex: &Lexicon, first: u32, last: u32) -> Option<Cue> {
        let c = &lex.cues;
        self.cue_in_clause(c.hedge_population, first, last)
            .chain(self.cue_in_clause(c.hedge_majority, first, last))
            .find(|h| !self.hedges_nothing(lex, h))
            .map(|&hit| Cue { hit })
    }

    /// Whether a hedge cue hedges nothing where it stands: inside a qualifier of when or how
    /// fast ("usually in three visits"), or of the typical results of a business's own customers
    /// ("our clients usually"), which say how a claim comes true, not whether
    /// (`timing-qualifier`); or inside an ability given as what something makes possible
    /// ("makes it possible to recover faster", `ability-stated`), which says it can be done as
    /// "can" does.
    fn hedges_nothing(&self, lex: &Lexicon, cue: &Hit) -> bool {
        self.hits_of_opt(lex.claim.timing)
            .chain(self.hits_of_opt(lex.claim.ability))
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
        self.first_word().is_some_and(|w| {
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
}
