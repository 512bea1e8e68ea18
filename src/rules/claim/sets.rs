//! The vocabularies the claim reader uses, resolved by their reserved names (declared in
//! `lints/health.toml`, `lints/conditions.toml` and `lints/context.toml`; a team extends them
//! with `[extend-vocab]`). A name no pack declares resolves to nothing, and the reader finds
//! no claim that needs it.

use std::collections::BTreeMap;

use crate::text::phrase::{SetId, SetMask};

/// The sets of one run, by role.
#[derive(Clone, Debug, Default)]
pub struct ClaimSets {
    /// Clinic treatments and services.
    pub therapy: Option<SetId>,
    /// Consumer products and ingredients.
    pub product: Option<SetId>,
    /// Products whose disease claims are flagged even when hedged.
    pub high_risk: Option<SetId>,
    /// "we", "our".
    pub business: Option<SetId>,
    /// "it", "they", "this".
    pub pronoun: Option<SetId>,
    /// Standard medical care ("stem cell transplant"): not what a page sells.
    pub conventional: Option<SetId>,
    /// Words between a verb and its clause's start that are not its subject.
    pub subject_filler: Option<SetId>,
    /// Verbs that make a disease claim of a disease object.
    pub relation_disease: Option<SetId>,
    /// Verbs of benefit.
    pub relation_benefit: Option<SetId>,
    /// Verbs that are a claim without a named object when a treatment is their subject.
    pub outcome_alone: Option<SetId>,
    /// Relations that are a claim whoever makes them ("reverses", "eradicates").
    pub drastic: Option<SetId>,
    /// People between a claim and its object ("people suffering with").
    pub sufferer: Option<SetId>,
    /// "relief from", "a remedy for".
    pub relation_noun: Option<SetId>,
    /// "hangover relief", "immune support".
    pub relation_noun_after: Option<SetId>,
    /// "enhanced healing", "faster recovery".
    pub outcome_up: Option<SetId>,
    /// "reduced inflammation", "less pain".
    pub outcome_down: Option<SetId>,
    /// Nouns that make a noun of relation part of a name ("prevention trials").
    pub non_claim_head: Option<SetId>,
    /// "treatment", "care": a claim only about a disease.
    pub treatment_noun: Option<SetId>,
    /// "the pain disappears".
    pub relation_state: Option<SetId>,
    /// "anti-inflammatory".
    pub property: Option<SetId>,
    /// "properties", "effects".
    pub property_noun: Option<SetId>,
    /// "drugs", "medications".
    pub drug_noun: Option<SetId>,
    /// "increases the risk of".
    pub harm: Option<SetId>,
    /// Diseases, disorders and symptoms.
    pub condition: Option<SetId>,
    /// Diseases no unapproved product may claim to treat.
    pub serious: Option<SetId>,
    /// Everyday symptoms.
    pub minor: Option<SetId>,
    /// Body parts, systems and tissues.
    pub body: Option<SetId>,
    /// What the body does.
    pub function: Option<SetId>,
    /// Viruses, bacteria, cancer cells.
    pub pathogen: Option<SetId>,
    /// Calls to action and selling words.
    pub promotion: Option<SetId>,
    /// Marketing superlatives.
    pub hype: Option<SetId>,
    /// "greatly", "vastly".
    pub intensifier: Option<SetId>,
    /// "FDA has approved … to treat".
    pub approved_use: Option<SetId>,
    /// "there is insufficient evidence".
    pub evidence_disclaimer: Option<SetId>,
    /// "usually in three visits".
    pub timing: Option<SetId>,
    /// "studies", "research": a claim after one is reported as evidence.
    pub evidence_source: Option<SetId>,
    /// "I", "my".
    pub first_person: Option<SetId>,
    /// "since I started taking".
    pub usage: Option<SetId>,
    /// "is gone", "no longer".
    pub improvement: Option<SetId>,
}

impl ClaimSets {
    /// Look the sets up by their reserved vocabulary names.
    pub fn resolve(vocab: &BTreeMap<String, SetId>) -> ClaimSets {
        let get = |name: &str| vocab.get(name).copied();
        ClaimSets {
            therapy: get("therapy"),
            product: get("product"),
            high_risk: get("high-risk-product"),
            business: get("business"),
            pronoun: get("pronoun-subject"),
            conventional: get("conventional-treatment"),
            subject_filler: get("subject-filler"),
            relation_disease: get("relation-disease"),
            relation_benefit: get("relation-benefit"),
            outcome_alone: get("outcome-alone"),
            drastic: get("drastic-relation"),
            sufferer: get("sufferer"),
            relation_noun: get("relation-noun"),
            relation_noun_after: get("relation-noun-after"),
            outcome_up: get("outcome-up"),
            outcome_down: get("outcome-down"),
            non_claim_head: get("non-claim-head"),
            treatment_noun: get("treatment-noun"),
            relation_state: get("relation-state"),
            property: get("property"),
            property_noun: get("property-noun"),
            drug_noun: get("drug-noun"),
            harm: get("harm-relation"),
            condition: get("condition"),
            serious: get("serious-condition"),
            minor: get("minor-symptom"),
            body: get("body"),
            function: get("body-function"),
            pathogen: get("pathogen"),
            promotion: get("promotion"),
            hype: get("hype"),
            intensifier: get("intensifier"),
            approved_use: get("approved-use"),
            evidence_disclaimer: get("evidence-disclaimer"),
            timing: get("timing-qualifier"),
            evidence_source: get("evidence-source"),
            first_person: get("first-person"),

            usage: get("usage"),
            improvement: get("improvement"),
        }
    }

    /// The relation sets: a sentence needs a hit of one for a claim to be read in it.
    pub fn relations(&self) -> SetMask {
        SetMask::of(
            [
                self.relation_disease,
                self.relation_benefit,
                self.relation_noun,
                self.relation_noun_after,
                self.relation_state,
                self.property,
                self.outcome_up,
                self.outcome_down,
            ]
            .into_iter()
            .flatten(),
        )
    }

    /// Whether `set` is one of `sets`.
    pub fn is(set: SetId, sets: &[Option<SetId>]) -> bool {
        sets.contains(&Some(set))
    }
}
