//! Every phrase list of a run, compiled, with the cue sets the context engine reads and the
//! sets the claim reader reads, looked up once by their reserved vocabulary names.

use std::collections::BTreeMap;

use crate::rules::claim::ClaimSets;
use crate::rules::named_sets::named_sets;
use crate::text::phrase::{PhraseIndex, SetId, SetMask};

named_sets! {
    /// The cue sets, resolved to phrase-set ids (absent when no pack declares them).
    pub struct Cues(pub(super)) {
        negation_forward => "negation-forward",
        negation_forward_near => "negation-forward-near",
        negation_backward => "negation-backward",
        pseudo_negation => "pseudo-negation",
        negation_lifted => "negation-lifted",
        hedge => "hedge",
        hedge_population => "hedge-population",
        hedge_majority => "hedge-majority",
        hedge_sentence => "hedge-sentence",
        belief => "belief-hedge",
        booster => "booster",
        reported => "reported",
        clause_break => "clause-break",
        subordinator => "subordinator",
        indirect_question => "indirect-question",
        rhetorical => "rhetorical-question",
        attribution => "attribution",
        affirmative => "affirmative-answer",
    }
}

/// Every phrase list of a run, compiled, with the vocabularies by name.
#[derive(Debug)]
pub struct Lexicon {
    /// Every phrase list, in one word trie.
    pub index: PhraseIndex,
    /// Vocabulary name → set.
    pub vocab: BTreeMap<String, SetId>,
    pub(super) cues: Cues,
    /// The sets the claim reader uses.
    pub claim: ClaimSets,
    /// Their relation sets, worked out once (see [`ClaimSets::relations`]).
    pub claim_relations: SetMask,
}

impl Lexicon {
    /// Wrap a compiled index; cue sets are looked up by their reserved vocabulary names.
    pub fn new(index: PhraseIndex, vocab: BTreeMap<String, SetId>) -> Lexicon {
        let cues = Cues::resolve(&vocab);
        let claim = ClaimSets::resolve(&vocab);
        Lexicon {
            index,
            vocab,
            cues,
            claim_relations: claim.relations(),
            claim,
        }
    }
}
