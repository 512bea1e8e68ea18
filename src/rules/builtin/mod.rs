//! Code rules: the only list of them. Each has a `[[rule]]` entry with `kind = "builtin"` in a
//! pack, which supplies its ID, slug, severity, docs and examples.

pub mod approved_text;
pub mod disease_claim;
pub mod hidden_character;
pub mod links;
pub mod outcome_claim;
pub mod testimonial_claim;
pub mod unresolved_citation;

use std::collections::BTreeMap;

use super::check::Check;
pub use super::check::SuppressionCheck;
use super::claim::ClaimSets;
use crate::text::phrase::{SetId, SetMask};

/// The suppression stage reports these itself, after all other rules.
/// Names a pack may use in `builtin = "…"`.
pub const NAMES: &[&str] = &[
    "outcome-claim",
    "disease-claim",
    "testimonial-claim",
    "qualified-testimonial-claim",
    "hidden-character",
    "approved-text-drift",
    "broken-internal-link",
    "broken-anchor",
    "unresolved-citation",
    "invalid-suppression",
    "unused-suppression",
    "expired-suppression",
];

/// The vocabularies a code rule reads in every sentence (its triggers, and what it reads
/// across a document); the others are matched only in sentences a rule reads closely.
pub fn vocab_read_everywhere(name: &str) -> Vec<&'static str> {
    match name {
        "outcome-claim" | "disease-claim" | "testimonial-claim" | "qualified-testimonial-claim" => {
            ClaimSets::RELATION_NAMES
                .iter()
                .chain(ClaimSets::PAGE_NAMES)
                .copied()
                .collect()
        }
        "unresolved-citation" => vec!["citation-cue"],
        _ => Vec::new(),
    }
}

/// The check behind a builtin name; code rules that read phrase lists find them in `vocab`.
pub fn create(name: &str, vocab: &BTreeMap<String, SetId>) -> Option<Check> {
    let claim_triggers = || ClaimSets::resolve(vocab).relations();
    Some(match name {
        "outcome-claim" => Check::Document(Box::new(outcome_claim::OutcomeClaim {
            triggers: claim_triggers(),
        })),
        "disease-claim" => Check::Document(Box::new(disease_claim::DiseaseClaim {
            triggers: claim_triggers(),
        })),
        "testimonial-claim" | "qualified-testimonial-claim" => {
            // A story's sentences are read closely too: "… and it's gone."
            let sets = ClaimSets::resolve(vocab);
            let mut triggers = sets.relations();
            triggers.union(&SetMask::of(
                [sets.first_person, sets.improvement].into_iter().flatten(),
            ));
            Check::Document(Box::new(testimonial_claim::TestimonialClaim {
                triggers,
                qualified: name == "qualified-testimonial-claim",
            }))
        }
        "hidden-character" => Check::Document(Box::new(hidden_character::HiddenCharacter)),
        "approved-text-drift" => {
            Check::Document(Box::new(approved_text::ApprovedTextDrift::default()))
        }
        "broken-internal-link" => Check::Document(Box::new(links::BrokenInternalLink)),
        "broken-anchor" => Check::Document(Box::new(links::BrokenAnchor)),
        "unresolved-citation" => {
            Check::Document(Box::new(unresolved_citation::UnresolvedCitation {
                cue: vocab.get("citation-cue").copied(),
            }))
        }
        "invalid-suppression" => Check::Suppression(SuppressionCheck::Invalid),
        "unused-suppression" => Check::Suppression(SuppressionCheck::Unused),
        "expired-suppression" => Check::Suppression(SuppressionCheck::Expired),
        _ => return None,
    })
}
