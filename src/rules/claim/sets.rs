//! The vocabularies the claim reader uses, resolved by their reserved names (declared in
//! `lints/health.toml`, `lints/conditions.toml` and `lints/context.toml`; a team extends them
//! with `[extend-vocab]`). A name no pack declares resolves to nothing, and the reader finds
//! no claim that needs it.

use crate::rules::named_sets::named_sets;
use crate::text::phrase::{SetId, SetMask};

named_sets! {
    /// The sets of one run, by role.
    pub struct ClaimSets(pub) {
        /// Clinic treatments and services.
        therapy => "therapy",
        /// Consumer products and ingredients.
        product => "product",
        /// Products whose disease claims are flagged even when hedged.
        high_risk => "high-risk-product",
        /// "we", "our".
        business => "business",
        /// "it", "they", "this".
        pronoun => "pronoun-subject",
        /// Standard medical care ("stem cell transplant"): not what a page sells.
        conventional => "conventional-treatment",
        /// Words between a verb and its clause's start that are not its subject.
        subject_filler => "subject-filler",
        /// Verbs that make a disease claim of a disease object.
        relation_disease => "relation-disease",
        /// Verbs of benefit.
        relation_benefit => "relation-benefit",
        /// Verbs that are a claim without a named object when a treatment is their subject.
        outcome_alone => "outcome-alone",
        /// Relations that are a claim whoever makes them ("reverses", "eradicates").
        drastic => "drastic-relation",
        /// People between a claim and its object ("people suffering with").
        sufferer => "sufferer",
        /// "relief from", "a remedy for".
        relation_noun => "relation-noun",
        /// "hangover relief", "immune support".
        relation_noun_after => "relation-noun-after",
        /// "enhanced healing", "faster recovery".
        outcome_up => "outcome-up",
        /// "reduced inflammation", "less pain".
        outcome_down => "outcome-down",
        /// Nouns that make a noun of relation part of a name ("prevention trials").
        non_claim_head => "non-claim-head",
        /// "treatment", "care": a claim only about a disease.
        treatment_noun => "treatment-noun",
        /// "the pain disappears".
        relation_state => "relation-state",
        /// "anti-inflammatory".
        property => "property",
        /// "For …" at the start of a label: what a product is for.
        label_start => "label-start",
        /// "properties", "effects".
        property_noun => "property-noun",
        /// "drugs", "medications".
        drug_noun => "drug-noun",
        /// "increases the risk of".
        harm => "harm-relation",
        /// Diseases, disorders and symptoms.
        condition => "condition",
        /// Diseases no unapproved product may claim to treat.
        serious => "serious-condition",
        /// Everyday symptoms.
        minor => "minor-symptom",
        /// Body parts, systems and tissues.
        body => "body",
        /// What the body does.
        function => "body-function",
        /// Viruses, bacteria, cancer cells.
        pathogen => "pathogen",
        /// "blood pressure", "blood sugar": measures whose lowering treats a disease.
        disease_marker => "disease-marker",
        /// Calls to action and selling words.
        promotion => "promotion",
        /// Marketing superlatives.
        hype => "hype",
        /// "greatly", "vastly".
        intensifier => "intensifier",
        /// "FDA has approved … to treat".
        approved_use => "approved-use",
        /// "there is insufficient evidence".
        evidence_disclaimer => "evidence-disclaimer",
        /// "usually in three visits".
        timing => "timing-qualifier",
        /// "studies", "research": a claim after one is reported as evidence.
        evidence_source => "evidence-source",
        /// "show", "prove".
        evidence_verb => "evidence-verb",
        /// "I", "my".
        first_person => "first-person",
        /// "since I started taking".
        usage => "usage",
        /// "is gone", "no longer".
        improvement => "improvement",
    }
}

impl ClaimSets {
    /// The vocabularies of relations: a sentence needs a hit of one for a claim to be read in
    /// it.
    pub const RELATION_NAMES: &'static [&'static str] = &[
        "relation-disease",
        "relation-benefit",
        "relation-noun",
        "relation-noun-after",
        "relation-state",
        "property",
        "outcome-up",
        "outcome-down",
        "label-start",
    ];

    /// The vocabularies the claim rules read in sentences other than the one a claim is in:
    /// what a paragraph is about, whether it disclaims the evidence, whether the page sells,
    /// whether the next sentence answers yes, whether a story is told in the first person.
    pub const PAGE_NAMES: &'static [&'static str] = &[
        "therapy",
        "product",
        "high-risk-product",
        "conventional-treatment",
        "business",
        "promotion",
        "evidence-disclaimer",
        "affirmative-answer",
        "first-person",
        "usage",
        "improvement",
    ];

    /// The relation sets ([`ClaimSets::RELATION_NAMES`]): a sentence needs a hit of one for a
    /// claim to be read in it.
    pub fn relations(&self) -> SetMask {
        SetMask::of(
            Self::RELATION_NAMES
                .iter()
                .filter_map(|name| self.get(name)),
        )
    }

    /// Whether `set` is one of `sets`.
    pub fn is(set: SetId, sets: &[Option<SetId>]) -> bool {
        sets.contains(&Some(set))
    }
}
