//! The context engine every sentence rule shares: each sentence is tokenized, scanned once for
//! every phrase list, and cut into clauses; rules then ask whether a match is negated, hedged,
//! boosted, asked as a question or reported — NegEx/ConText style, with cue lists from packs.
//!
//! Clauses break at `;`, `:`, a lone dash, and clause-break words ("but", "however" …). A
//! parenthetical — between brackets or a pair of dashes — is a clause of its own, and the words
//! on either side of it stay in one clause. A clause that opens with a subordinator
//! ("although", "while" …) ends at its first comma.

mod clauses;
mod cues;
mod lexicon;
mod view;

pub use cues::{NEAR_NEGATION_WINDOW, NEGATION_WINDOW};
pub use lexicon::{Cues, Lexicon};
pub use view::{Cue, SentenceView};

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
