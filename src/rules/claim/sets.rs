//! The vocabularies the claim reader uses, resolved by their reserved names (declared in
//! `lints/health.toml`, `lints/conditions.toml` and `lints/context.toml`; a team extends them
//! with `[extend-vocab]`). A name no pack declares resolves to nothing, and the reader finds
//! no claim that needs it.

use std::collections::BTreeMap;

use super::{Relation, SubjectKind};
use crate::rules::named_sets::named_sets;
use crate::text::phrase::{Hit, SetId, SetMask};

named_sets! {
    /// The set ids of one run, by role.
    pub struct ClaimSetIds(pub) {
        /// Clinic treatments and services.
        therapy => "therapy",
        /// Consumer products and ingredients.
        product => "product",
        /// Products whose disease claims are flagged even when hedged.
        high_risk => "high-risk-product",
        /// "we", "our".
        business => "business",
        /// "our dermatologists", "the sleep clinic": licensed medical care.
        medical_profession => "medical-profession",
        /// Practitioners of complementary care, who speak for what the business sells.
        practitioner => "practitioner",
        /// "it", "they", "this".
        pronoun => "pronoun-subject",
        /// Standard medical care ("stem cell transplant"): not what a page sells.
        conventional => "conventional-treatment",
        /// Healthy habits ("exercise", "a balanced diet"): like standard care, education.
        habit => "healthy-habit",
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
        /// "Tired of", "Suffering from": a question about the reader's ailment.
        suffering_question => "suffering-question",
        /// "relief from", "a remedy for".
        relation_noun => "relation-noun",
        /// "hangover relief", "immune support".
        relation_noun_after => "relation-noun-after",
        /// "enhanced healing", "faster recovery".
        outcome_up => "outcome-up",
        /// "reduced inflammation", "less pain".
        outcome_down => "outcome-down",
        /// "sleep better", "breathe easier": a function and a comparative claimed of it.
        function_comparative => "function-comparative",
        /// Nouns that make a noun of relation part of a name ("prevention trials").
        non_claim_head => "non-claim-head",
        /// Nouns that make a health word part of a name ("your health goals", "hearing tests").
        object_name_head => "object-name-head",
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
        /// "lowers", "weakens": verbs that take something down.
        lowering => "lowering-verb",
        /// "treat", "manage": verbs that claim something only of a disease ("manage
        /// diabetes"), and name a service or describe care of anything else ("we treat back
        /// pain", "managing symptoms").
        disease_only_verb => "disease-only-verb",
        /// "diagnose", "detect": of a disease a claim when a product makes it, care when the
        /// business or standard care does; of anything else no claim.
        diagnosis_verb => "diagnosis-verb",
        /// What the body does and wants kept ("immunity", "memory"): a function, whose
        /// lowering is harm, not a benefit.
        wanted_function => "wanted-function",
        /// Cure words that are no health claim ("gel nails are cured under a UV lamp",
        /// "dry-cured ham"), declared for `cure-claim` in `lints/claims.toml`.
        cure_idiom => "cure-idiom",
        /// Diseases, disorders and symptoms.
        condition => "condition",
        /// A body system's troubles in everyday words ("respiratory complaints"), composed
        /// rather than listed: read as conditions.
        condition_compound => "condition-compound",
        /// Diseases no unapproved product may claim to treat.
        serious => "serious-condition",
        /// Everyday symptoms.
        minor => "minor-symptom",
        /// Body parts, systems and tissues.
        body => "body",
        /// What the body does, other than what it wants kept (`wanted_function`).
        function => "body-function",
        /// Viruses, bacteria, cancer cells.
        pathogen => "pathogen",
        /// "blood pressure", "blood sugar": measures whose lowering treats a disease.
        disease_marker => "disease-marker",
        /// "heart rate", "body temperature": signs whose raising describes what something does
        /// to the body, not a benefit.
        vital_sign => "vital-sign",
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
        /// "is still being studied": a research status in the claim's clause.
        research_status => "research-status",
        /// "tears", "torn", "injuries": damage that makes a part of the body an ailment.
        body_damage => "body-damage",
        /// "usually in three visits".
        timing => "timing-qualifier",
        /// "makes it possible to": what something can do, said as a possibility.
        ability => "ability-stated",
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

/// The sets of one run: their ids by role (read through `Deref`, `sets.therapy`), and the
/// roles by set id for the tests made of every hit of a sentence.
#[derive(Clone, Debug, Default)]
pub struct ClaimSets {
    ids: ClaimSetIds,
    /// By set id: what a hit of the set says about a claim. Asked of about 135,000 hits on
    /// 200 articles; one indexed load replaces a chain of up to eleven comparisons of
    /// optional ids.
    roles: Box<[SetRole]>,
    /// The sets a subject is recognised by that name something sold (all but the pronouns),
    /// for a test of a sentence's mask.
    promoted: SetMask,
}

/// What a hit of one set can be in a claim.
#[derive(Copy, Clone, Debug, Default)]
pub(super) struct SetRole {
    /// Its subject, of this kind.
    pub(super) subject: Option<SubjectKind>,
    /// The relation it is, with the roles of its words (its tokens are the hit's).
    pub(super) relation: Option<Relation>,
    /// The object sets it is (a condition, symptom, body part or function, or pathogen), as
    /// bits of [`ObjectSets`]; none when it names no object.
    pub(super) object_sets: ObjectSets,
}

impl SetRole {
    /// The role of a set that is none of the claim reader's.
    const NONE: SetRole = SetRole {
        subject: None,
        relation: None,
        object_sets: ObjectSets(0),
    };
}

/// A sentence's hits that name an object or a subject, with their roles, in the order of its
/// hits. They are picked out in the one pass that finds its relations, so that the searches
/// for a claim's object and subject walk these few hits rather than all of the sentence's.
#[derive(Clone, Debug, Default)]
pub(super) struct RoleHits {
    /// The hits of object sets, with the object sets each is.
    pub(super) objects: Vec<(Hit, ObjectSets)>,
    /// The hits that name a subject, with its kind.
    pub(super) subjects: Vec<(Hit, SubjectKind)>,
}

impl RoleHits {
    /// Empty both lists, for another sentence.
    pub(super) fn clear(&mut self) {
        self.objects.clear();
        self.subjects.clear();
    }

    /// Take `hit`, of a set whose role is `role`, into the lists it belongs to.
    pub(super) fn push(&mut self, hit: Hit, role: &SetRole) {
        if !role.object_sets.is_empty() {
            self.objects.push((hit, role.object_sets));
        }
        if let Some(kind) = role.subject {
            self.subjects.push((hit, kind));
        }
    }

    /// Whether some hit names something sold (a therapy or a product): care given beside it
    /// is that thing's use ("our doctors treat autism with stem cells").
    pub(super) fn names_sold(&self) -> bool {
        self.subjects.iter().any(|(_, kind)| kind.is_sold())
    }

    /// The hits of object sets.
    pub(super) fn object_hits(&self) -> impl Iterator<Item = &Hit> + '_ {
        self.objects.iter().map(|(h, _)| h)
    }
}

/// Which object sets a set is, one bit each: the sets of the hits inside an object, joined
/// in one pass, answer the tests of its kind.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct ObjectSets(u8);

impl ObjectSets {
    pub(super) const SERIOUS: ObjectSets = ObjectSets(1);
    pub(super) const PATHOGEN: ObjectSets = ObjectSets(1 << 1);
    pub(super) const MINOR: ObjectSets = ObjectSets(1 << 2);
    pub(super) const CONDITION: ObjectSets = ObjectSets(1 << 3);
    /// `body-function` or `wanted-function`.
    pub(super) const FUNCTION: ObjectSets = ObjectSets(1 << 4);
    pub(super) const BODY: ObjectSets = ObjectSets(1 << 5);
    /// A disease or symptom of any gravity.
    pub(super) const AILMENT: ObjectSets =
        ObjectSets(Self::SERIOUS.0 | Self::MINOR.0 | Self::CONDITION.0);

    /// Whether any of `other`'s sets is one of these.
    pub(super) fn has(self, other: ObjectSets) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether it is no object set at all.
    pub(super) fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl std::ops::BitOrAssign for ObjectSets {
    fn bitor_assign(&mut self, other: ObjectSets) {
        self.0 |= other.0;
    }
}

impl ClaimSetIds {
    /// The sets a claim's subject is recognised by, with its kind, in the order they are
    /// tested: a set named twice is of the first kind.
    fn subject_sets(&self) -> [(Option<SetId>, SubjectKind); 6] {
        [
            (self.high_risk, SubjectKind::HighRisk),
            (self.therapy, SubjectKind::Therapy),
            (self.product, SubjectKind::Product),
            (self.business, SubjectKind::Business),
            (self.practitioner, SubjectKind::Business),
            (self.pronoun, SubjectKind::Pronoun),
        ]
    }

    /// The sets of relations, with the roles their words take, in the order they are tested:
    /// a set named twice takes the roles of the first.
    fn relation_sets(&self) -> [(Option<SetId>, Relation); 9] {
        let r = Relation::default();
        [
            (
                self.relation_disease,
                Relation {
                    disease_verb: true,
                    ..r
                },
            ),
            (
                self.relation_benefit,
                Relation {
                    benefit_verb: true,
                    ..r
                },
            ),
            (self.relation_noun, Relation { noun: true, ..r }),
            (
                self.relation_noun_after,
                Relation {
                    noun_after: true,
                    ..r
                },
            ),
            (self.relation_state, Relation { state: true, ..r }),
            (
                self.property,
                Relation {
                    property: true,
                    ..r
                },
            ),
            (self.outcome_up, Relation { up: true, ..r }),
            (self.outcome_down, Relation { down: true, ..r }),
            (
                self.function_comparative,
                Relation {
                    up: true,
                    function_inside: true,
                    ..r
                },
            ),
        ]
    }

    /// The sets of what a claim is about (a disease, a body system, a function).
    fn object_sets(&self) -> [(Option<SetId>, ObjectSets); 8] {
        [
            (self.condition, ObjectSets::CONDITION),
            (self.condition_compound, ObjectSets::CONDITION),
            (self.serious, ObjectSets::SERIOUS),
            (self.minor, ObjectSets::MINOR),
            (self.body, ObjectSets::BODY),
            (self.function, ObjectSets::FUNCTION),
            (self.wanted_function, ObjectSets::FUNCTION),
            (self.pathogen, ObjectSets::PATHOGEN),
        ]
    }
}

/// The role of `set` in `roles`, when the set is declared.
fn role_of(roles: &mut [SetRole], set: Option<SetId>) -> Option<&mut SetRole> {
    roles.get_mut(set?.0 as usize)
}

impl std::ops::Deref for ClaimSets {
    type Target = ClaimSetIds;

    fn deref(&self) -> &ClaimSetIds {
        &self.ids
    }
}

impl ClaimSets {
    /// The vocabulary names these sets are read from.
    pub const NAMES: &'static [&'static str] = ClaimSetIds::NAMES;

    /// Look the sets up by their reserved vocabulary names (absent when no pack declares
    /// one), and tabulate their roles.
    pub fn resolve(vocab: &BTreeMap<String, SetId>) -> ClaimSets {
        let ids = ClaimSetIds::resolve(vocab);
        let size = vocab.values().map(|s| s.0 as usize + 1).max().unwrap_or(0);
        let mut roles = vec![SetRole::default(); size];
        // Lowest priority first: a set named twice keeps the kind the first test of the
        // plain chain would have given.
        for (set, kind) in ids.subject_sets().into_iter().rev() {
            if let Some(r) = role_of(&mut roles, set) {
                r.subject = Some(kind);
            }
        }
        for (set, bits) in ids.object_sets() {
            if let Some(r) = role_of(&mut roles, set) {
                r.object_sets |= bits;
            }
        }
        for (set, relation) in ids.relation_sets().into_iter().rev() {
            if let Some(r) = role_of(&mut roles, set) {
                r.relation = Some(relation);
            }
        }
        let promoted = SetMask::of(
            ids.subject_sets()
                .into_iter()
                .filter(|&(_, kind)| kind.is_promoted())
                .filter_map(|(set, _)| set),
        );
        ClaimSets {
            ids,
            roles: roles.into_boxed_slice(),
            promoted,
        }
    }

    /// What a hit of `set` can be in a claim (nothing, for a set no role names).
    pub(super) fn role(&self, set: SetId) -> &SetRole {
        self.roles.get(set.0 as usize).unwrap_or(&SetRole::NONE)
    }

    /// The kind of subject a hit of `set` names, if it names one.
    pub(super) fn subject_kind(&self, set: SetId) -> Option<SubjectKind> {
        self.role(set).subject
    }

    /// Whether a sentence with set mask `mask` may have a hit that names something sold (a
    /// subject other than a pronoun).
    pub(super) fn may_name_promoted(&self, mask: &SetMask) -> bool {
        mask.may_intersect(&self.promoted)
    }

    /// The object sets `set` is.
    pub(super) fn object_sets(&self, set: SetId) -> ObjectSets {
        self.role(set).object_sets
    }

    /// Whether a hit of `set` names a claim's object.
    pub(super) fn is_object(&self, set: SetId) -> bool {
        !self.object_sets(set).is_empty()
    }

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
        "function-comparative",
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Registry;

    /// The chain of comparisons the role table replaces: the first set that is `set`.
    fn plain_subject_kind(ids: &ClaimSetIds, set: SetId) -> Option<SubjectKind> {
        let s = Some(set);
        ids.subject_sets()
            .into_iter()
            .find_map(|(id, kind)| (id == s).then_some(kind))
    }

    fn plain_is_object(ids: &ClaimSetIds, set: SetId) -> bool {
        ids.object_sets().iter().any(|&(id, _)| id == Some(set))
    }

    /// The chain of comparisons the relation roles replace: the first relation set that is
    /// `set`, with its roles.
    fn plain_relation(ids: &ClaimSetIds, set: SetId) -> Option<Relation> {
        let s = Some(set);
        ids.relation_sets()
            .into_iter()
            .find_map(|(id, relation)| (id == s).then_some(relation))
    }

    #[test]
    fn roles_by_set_id_agree_with_the_named_sets() {
        let registry = Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0]));
        let vocab = &registry.lexicon.vocab;
        let sets = ClaimSets::resolve(vocab);
        assert!(sets.therapy.is_some() && sets.condition.is_some());
        let last = vocab.values().map(|s| s.0).max().unwrap_or(0);
        // Every set of the run, and ids past the last one.
        for id in 0..last + 3 {
            let set = SetId(id);
            assert_eq!(
                sets.subject_kind(set),
                plain_subject_kind(&sets, set),
                "{id}"
            );
            assert_eq!(sets.is_object(set), plain_is_object(&sets, set), "{id}");
            assert_eq!(
                format!("{:?}", sets.role(set).relation),
                format!("{:?}", plain_relation(&sets, set)),
                "{id}"
            );
        }
        // A run whose packs declare none of them.
        let none = ClaimSets::resolve(&BTreeMap::new());
        assert_eq!(none.subject_kind(SetId(0)), None);
        assert!(!none.is_object(SetId(0)));
        assert!(none.role(SetId(0)).relation.is_none());
    }
}
