//! Reading the claims of a document, sentence by sentence.

use super::object::{
    object_adjacent, object_after, object_at, object_before, object_by_pronoun, object_shared,
    with_listed_disease,
};
use super::relation::{
    adjectival_participle, by_standard_care, describes_harm, inside_a_name, marker_claim,
    neutral_noun, passive, reads_as_relation, relations_into, scare_quoted,
};
use super::sets::{ClaimSets, ObjectSets, RoleHits};
use super::subject::{coined_opening, subject};
use super::words::{
    Case, after_and, by_habit, filler_into, hypothetical, in_title, is_tagline, lists_options,
    names_a_kind, names_risk, only_says_it_works, past_form, placed_body, praised_at,
    promising_noun, purpose, reports_experience, scope_of_care, standard_care_named,
};
use super::{
    Claim, Excuse, Form, Object, ObjectKind, READER_PREFIX, Relation, Signals, Subject,
    SubjectKind, addresses_reader,
};
use crate::rules::context::{Lexicon, SentenceView};
use crate::text::phrase::{Hit, SetId};
use crate::text::tokenize::TokenKind;

/// How many tokens after a claim's verb a verb joined by "and" may stand and still share its
/// named subject.
const JOINED_VERB_REACH: u32 = 8;

/// What a sentence's neighbours say, for the reader.
#[derive(Copy, Clone, Debug, Default)]
pub(super) struct Around {
    /// Whether the sentence is a question the next sentence of the block answers yes ("Can X
    /// help? Yes!").
    pub(super) answered: bool,
    /// A product or service the paragraph names: (kind, words).
    pub(super) block_topic: Option<SubjectKind>,
    /// Whether the paragraph says the evidence is lacking.
    pub(super) block_disclaims: bool,
    /// Whether the page sells something.
    pub(super) page_promotes: bool,
    /// Whether the paragraph tells a story in the first person.
    pub(super) story: bool,
    /// The ailment a question just before in the paragraph asks about, which "it" or "them"
    /// may stand for ("Tired of back pain? Our table ends it").
    pub(super) asked_before: Option<ObjectKind>,
    /// The ailment a question just before asks the reader whether they suffer ("Tired of
    /// back pain?"), when this sentence is a short answer to it ("We can help.").
    pub(super) answers_ailment: Option<ObjectKind>,
}

/// The ailment question `view` asks about ("Suffering from migraines?"), read with every
/// vocabulary: a question that holds no trigger was matched against the main tier only, and
/// is matched again here; one read closely already has every hit.
pub(super) fn asked_about(view: &SentenceView, lexicon: &Lexicon) -> Option<Asked> {
    let mut found = Vec::new();
    let hits: &[Hit] = if view.read_closely() {
        &view.hits
    } else {
        let mut ids = Vec::new();
        lexicon.index.find(&view.tokens, &mut ids, &mut found);
        lexicon.index.find_detail(&view.tokens, &ids, &mut found);
        &found
    };
    let mut sets = ObjectSets::default();
    for h in hits {
        sets |= lexicon.claim.object_sets(h.set);
    }
    // An everyday symptom before a condition ("back pain" is both), as a claim's object is read.
    let kind = if sets.has(ObjectSets::SERIOUS) {
        ObjectKind::Serious
    } else if sets.has(ObjectSets::MINOR) {
        ObjectKind::Symptom
    } else if sets.has(ObjectSets::CONDITION) {
        ObjectKind::Disease
    } else {
        return None;
    };
    // "Tired of …", "Do you suffer from …" opening the question: it asks whether the reader
    // suffers, not what they want to know ("Questions about back pain?").
    let first_word = view.first_word().unwrap_or(0) as u32;
    // The ailment right after the opening ("Tired of chronic back pain?"), not something else
    // asked about it ("Do you have questions about diabetes?").
    let suffering = hits.iter().any(|h| {
        Some(h.set) == lexicon.claim.suffering_question
            && h.first == first_word
            && hits.iter().any(|o| {
                (h.last + 1..=h.last + 2).contains(&o.first)
                    && lexicon.claim.object_sets(o.set).has(ObjectSets::AILMENT)
            })
    });
    Some(Asked { kind, suffering })
}

/// Whether a sentence speaks in the first person: a hit of `first_person` that is not the
/// Roman numeral of a stage or type ("stage I salivary gland cancer", "type I diabetes").
pub fn in_first_person(view: &SentenceView, first_person: Option<SetId>) -> bool {
    view.hits_of_opt(first_person).any(|h| {
        let numeral = view.tokens.norm_of(h.first as usize) == "i"
            && h.first > 0
            && matches!(
                view.tokens.norm_of(h.first as usize - 1),
                "stage" | "type" | "phase" | "grade" | "class" | "level" | "part" | "schedule"
            );
        !numeral
    })
}

/// Whether a body object, or the word before it, names damage to the part (`body-damage`:
/// "rotator cuff tears", "torn tendons", "knee injuries"), which makes it an ailment rather
/// than where care is given.
fn names_damage(view: &SentenceView, sets: &ClaimSets, o: Object) -> bool {
    let from = o.first.saturating_sub(1);
    view.hits_of_opt(sets.body_damage)
        .any(|h| h.first <= o.last && from <= h.last)
}

/// Whether a noun of treatment after its object names someone's own care ("your diabetes
/// treatment", "their cancer care"): what they are already given, not a product's claim.
fn own_care(view: &SentenceView, sets: &ClaimSets, rel: &Relation, o: Object) -> bool {
    o.first > 0
        && matches!(
            view.tokens.norm_of(o.first as usize - 1),
            "your" | "their" | "his" | "her" | "my"
        )
        && neutral_noun(view, sets, rel)
}

/// Whether nothing but "you" or a word of time follows relation `rel` in its sentence ("We can
/// help.", "Let us help you today!").
fn ends_answer(view: &SentenceView, rel: &Relation) -> bool {
    let tokens = &view.tokens.tokens;
    (rel.last as usize + 1..tokens.len()).all(|t| {
        tokens[t].kind == TokenKind::Punct
            || matches!(
                view.tokens.norm_of(t),
                "you" | "today" | "now" | "too" | "right" | "away"
            )
    })
}

/// The ailment a question asks about, and whether it asks if the reader suffers from it.
#[derive(Copy, Clone, Debug)]
pub(super) struct Asked {
    pub kind: ObjectKind,
    pub suffering: bool,
}

/// Whether a sentence is short enough to answer the question before it as a whole ("We can
/// help.", "Our chiropractors can help you today!"): six words or fewer.
pub(super) fn short_answer(view: &SentenceView) -> bool {
    view.tokens
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .nth(6)
        .is_none()
}

/// A currency sign before a number: "$99", "£295.00", "€ 40".
pub(super) fn has_price(text: &str) -> bool {
    // `$` is one byte; `£` is C2 A3 and `€` is E2 82 AC, so a sign ends at a byte `$`, A3 or
    // AC, and the number follows it.
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = memchr::memchr3(b'$', 0xA3, 0xAC, &bytes[at..]) {
        let end = at + found;
        let sign = match bytes[end] {
            b'$' => true,
            0xA3 => end >= 1 && bytes[end - 1] == 0xC2,
            _ => end >= 2 && bytes[end - 2..end] == [0xE2, 0x82],
        };
        let next = bytes[end + 1..].iter().find(|&&b| b != b' ');
        if sign && next.is_some_and(u8::is_ascii_digit) {
            return true;
        }
        at = end + 1;
    }
    false
}

/// The kind of the first product, treatment or business a sentence names (not inside standard
/// care such as "stem cell transplant").
pub(super) fn topic_of(view: &SentenceView, sets: &ClaimSets) -> Option<SubjectKind> {
    // Most sentences name nothing sold, which their mask says without a scan.
    if !sets.may_name_promoted(&view.sets) {
        return None;
    }
    let inside_conventional = |h: &Hit| {
        view.hits_of_opt(sets.conventional)
            .any(|c| c.first <= h.first && h.last <= c.last)
    };
    // "waste products", "breakdown products": what the body makes, not something sold.
    let bodily_products = |h: &Hit| {
        h.first == h.last
            && h.first > 0
            && matches!(
                view.tokens.norm_of(h.first as usize),
                "products" | "product"
            )
            && matches!(
                view.tokens.norm_of(h.first as usize - 1),
                "waste" | "breakdown" | "end" | "by" | "metabolic"
            )
    };
    view.hits.iter().find_map(|h| {
        sets.subject_kind(h.set)
            .filter(|k| k.is_promoted() && !inside_conventional(h) && !bodily_products(h))
    })
}

/// Whether the relation at token `first` is a verb of `disease-only-verb` ("treat", "manage")
/// or of `diagnosis-verb`: of a disease a claim, of anything else a service or care described.
fn care_verb(view: &SentenceView, sets: &ClaimSets, first: u32) -> bool {
    view.hits_of_opt(sets.disease_only_verb)
        .chain(view.hits_of_opt(sets.diagnosis_verb))
        .any(|h| h.first == first)
}

/// Whether the relation at token `first` is a form of "treat" (of the `disease-only-verb`s the
/// one that claims an outcome when a product does it; managing a symptom is care by anyone).
fn treats(view: &SentenceView, first: u32) -> bool {
    view.tokens.norm_of(first as usize).starts_with("treat")
}

/// Whether a claim describes the care its subject gives rather than an outcome of something
/// sold. A clinic's people diagnosing a disease is care, not a device's claim; a product or a
/// practice said to treat a symptom ("our gummies treat chronic pain") claims an outcome, where
/// those who give care treating one describe their service; a licensed medical practice
/// treating a named disease ("our dermatologists treat eczema") or naming its "diagnosis and
/// treatment" describes its care, unless something sold is named beside it.
fn describes_care(
    view: &SentenceView,
    sets: &ClaimSets,
    roles: &RoleHits,
    form: Form,
    first: u32,
    object: Option<Object>,
    subject: Subject,
) -> bool {
    // "a psychiatrist with long experience in treating bipolar disorder": a licensed
    // clinician's expertise, whoever the sentence's subject is.
    if form == Form::Verb && expertise_in(view, first) && medical_care(view, sets, roles, first) {
        return true;
    }
    if !from_care_givers(subject) {
        // Only a symptom managed, by anyone: "managing symptoms".
        return form == Form::Verb
            && care_verb(view, sets, first)
            && object.is_some_and(|o| !o.kind.is_disease() && !treats(view, first));
    }
    match form {
        Form::Noun => diagnosis_and_treatment(view, first) && !roles.names_sold(),
        Form::Verb => {
            care_verb(view, sets, first)
                && object.is_some_and(|o| {
                    !o.kind.is_disease()
                        || scope_of_care(view, o)
                        || diagnosis_verb(view, sets, first)
                        || medical_care(view, sets, roles, first)
                })
        }
        _ => false,
    }
}

/// Whether the noun of relation at token `first` is "treatment" after "diagnosis and" (or
/// "diagnosis, treatment"): the words of a practice's care.
fn diagnosis_and_treatment(view: &SentenceView, first: u32) -> bool {
    let word = |t: u32| view.tokens.norm_of(t as usize);
    first >= 2
        && matches!(word(first), "treatment" | "management" | "care")
        && matches!(word(first - 1), "and" | ",")
        && matches!(word(first - 2), "diagnosis" | "assessment" | "evaluation")
}

/// Whether a licensed medical profession or practice gives the care of the relation at token
/// `first` ("our dermatologists treat eczema"), with nothing sold named in its sentence ("our
/// doctors treat autism with stem cells" sells the stem cells).
fn medical_care(view: &SentenceView, sets: &ClaimSets, roles: &RoleHits, first: u32) -> bool {
    view.hits_of_opt(sets.medical_profession)
        .any(|h| h.last < first && view.same_clause(h.first, first))
        && !roles.names_sold()
}

/// Whether the relation at token `first` is what someone has expertise in ("experience in
/// treating", "specialises in managing").
fn expertise_in(view: &SentenceView, first: u32) -> bool {
    let word = |t: u32| view.tokens.norm_of(t as usize);
    first >= 2
        && word(first - 1) == "in"
        && matches!(
            word(first - 2),
            "experience"
                | "experienced"
                | "expertise"
                | "training"
                | "trained"
                | "skilled"
                | "specialising"
                | "specializing"
                | "specialises"
                | "specializes"
                | "specialised"
                | "specialized"
                | "specialist"
                | "specialists"
                | "expert"
                | "experts"
        )
}

/// Whether the relation at token `first` is a verb of diagnosis ("detects", "diagnoses").
fn diagnosis_verb(view: &SentenceView, sets: &ClaimSets, first: u32) -> bool {
    view.hits_of_opt(sets.diagnosis_verb)
        .any(|h| h.first == first)
}

/// A label before a colon is explained by what follows it ("Supports natural healing: … may
/// encourage tissue repair"): a hedge after the colon hedges the label.
fn label_hedge(
    view: &SentenceView,
    lex: &Lexicon,
    first: u32,
) -> Option<crate::rules::context::Cue> {
    let toks = &view.tokens.tokens;
    let colon = (first as usize..toks.len())
        .take_while(|&t| view.same_clause(t as u32, first) || view.tokens.norm_of(t) == ":")
        .find(|&t| view.tokens.norm_of(t) == ":")?;
    let after = (colon + 1..toks.len()).find(|&t| toks[t].kind == TokenKind::Word)? as u32;
    view.hedge(lex, after, after)
}

/// The colon that opens the claim's clause, if one does: the words before it govern a list
/// after it ("Trials are under way to learn whether the tea may help: ease cramps, calm nausea").
fn colon_lead(view: &SentenceView, first: u32) -> Option<u32> {
    let start = (0..first).rev().find(|&t| !view.same_clause(t, first))?;
    (view.tokens.norm_of(start as usize) == ":").then_some(start)
}

/// Whether the claim sits in an indirect question ("what patients can expect from X"): one
/// overlapping it, or before it in its clause.
fn indirect(view: &SentenceView, lex: &Lexicon, first: u32) -> bool {
    view.in_indirect_question(lex, first, first) || view.indirect_question_before(lex, first)
}

/// Whether a claim made by `subject` may be said by the people who give care (the business,
/// or no product named): their scope of care is a service, a product's is a claim.
fn from_care_givers(subject: Subject) -> bool {
    matches!(
        subject,
        Subject::Named {
            kind: SubjectKind::Business,
            ..
        } | Subject::Unknown
            | Subject::Standard
    )
}

/// A relation with something to claim about: its form, its object, and whether its verb is a
/// claim without one.
type Candidate = (Relation, Form, Option<Object>, bool);

/// The lists a sentence is read with, kept from sentence to sentence of a document: a sentence
/// with a claim would otherwise allocate each of them.
#[derive(Default)]
pub(super) struct Scratch {
    /// The sentence's relations.
    rels: Vec<Relation>,
    /// The relations with something to claim about.
    candidates: Vec<Candidate>,
    /// The candidates' objects: the candidate's index, the object's first and last token.
    objects: Vec<(usize, u32, u32)>,
    /// Per token before the last verb a subject is looked for, whether it cannot be a subject
    /// (see [`filler_into`]).
    filler: Vec<bool>,
    /// The tokens that address the reader.
    address: Vec<u32>,
    /// Per candidate, whether it states a purpose.
    purposes: Vec<bool>,
    /// The sentence's hits that name an object or a subject.
    roles: RoleHits,
}

/// Whether any of a sentence's relations may make a claim: every claim has a health object,
/// save a medicinal property and a verb that claims without one (`outcome-alone`), so a
/// sentence with no hit of a health object and neither of those has none (about one sentence
/// with a relation in six), and its relations need not be read.
fn may_claim(
    view: &SentenceView,
    sets: &ClaimSets,
    roles: &RoleHits,
    rels: &[Relation],
    asked_before: bool,
) -> bool {
    !roles.objects.is_empty()
        || asked_before
        || rels.iter().any(|r| r.property || r.function_inside)
        || view.hits_of_opt(sets.outcome_alone).next().is_some()
}

/// Read the claims of one sentence, appending them to `claims` (the page's list).
pub(super) fn read_sentence(
    view: &SentenceView,
    text: &str,
    lex: &Lexicon,
    around: &Around,
    scratch: &mut Scratch,
    claims: &mut Vec<Claim>,
) {
    let sets = &lex.claim;
    let Scratch {
        rels,
        candidates,
        objects,
        filler,
        address: address_clauses,
        purposes,
        roles,
    } = scratch;
    relations_into(view, sets, rels, roles);
    let (rels, roles): (&[Relation], &RoleHits) = (rels, roles);
    if rels.is_empty()
        || !may_claim(
            view,
            sets,
            roles,
            rels,
            around.asked_before.is_some() || around.answers_ailment.is_some(),
        )
    {
        return;
    }
    // The sentence's case, worked out once, only if a candidate or a claim needs it.
    let case_cell = std::cell::OnceCell::new();
    let case = || case_cell.get_or_init(|| Case::of(view, text));
    // First the relations that have something to claim about; most sentences stop here.
    candidates.clear();
    for rel in rels {
        // "Detox teas do not remove toxins": a verb opening the sentence that names a kind of
        // product, the subject of the verb after it, is no imperative.
        if rel.first == 0 && names_a_kind(view, rel.last + 1) {
            continue;
        }
        if inside_a_name(view, sets, roles, rel) {
            continue;
        }
        if view
            .hits_of_opt(sets.cure_idiom)
            .any(|h| h.first <= rel.first && rel.last <= h.last)
        {
            continue;
        }
        let adjectival = (rel.benefit_verb || rel.disease_verb)
            && adjectival_participle(view, lex, roles, text, rel);
        let modifier = (rel.up || rel.down)
            && (adjectival
                || !(rel.disease_verb
                    || rel.benefit_verb
                    || rel.noun
                    || rel.noun_after
                    || rel.state));
        if !modifier && (adjectival || !reads_as_relation(view, lex, text, rel)) {
            continue;
        }
        // "patients reported less pain": an experience reported (a statistic's or a story's),
        // not an outcome named in a label.
        if modifier && reports_experience(view, rel.first) {
            continue;
        }
        let (form, object) = if rel.function_inside {
            let verb = Object {
                first: rel.first,
                last: rel.first,
                kind: ObjectKind::Function,
            };
            (Form::Modified, Some(verb))
        } else if modifier {
            // The object starts at the next word, or the one after ("enhanced disc healing").
            let object = (rel.last + 1..=rel.last + 2)
                .filter(|&t| (t as usize) < view.tokens.tokens.len())
                .find_map(|t| object_at(view, sets, t))
                .filter(|o| {
                    if rel.up {
                        matches!(o.kind, ObjectKind::Function | ObjectKind::Body)
                    } else {
                        matches!(o.kind, ObjectKind::Symptom | ObjectKind::Disease)
                    }
                });
            match object {
                Some(o) => (Form::Modified, Some(o)),
                None => continue,
            }
        } else if rel.property {
            // "anti-inflammatory drugs", "anti-TNF drugs": a drug class.
            let drug = view
                .hits_of_opt(sets.drug_noun)
                .any(|h| h.first > rel.last && h.first <= rel.last + 3);
            // "your antidepressant", "any antibiotic": a medicine someone takes, named; "an
            // SSRI antidepressant", "a prescription antibiotic": a class of medicines, named.
            let named_medicine = rel.first > 0
                && matches!(
                    view.tokens.norm_of(rel.first as usize - 1),
                    "your"
                        | "their"
                        | "his"
                        | "her"
                        | "my"
                        | "any"
                        | "other"
                        | "another"
                        | "which"
                        | "ssri"
                        | "snri"
                        | "tricyclic"
                        | "maoi"
                        | "prescription"
                        | "prescribed"
                        | "licensed"
                );
            if drug || named_medicine {
                continue;
            }
            (Form::Property, None)
        } else if rel.disease_verb || rel.benefit_verb {
            match object_after(view, sets, roles, rel) {
                Some(o) if describes_harm(view, lex, rel, o) => continue,
                Some(o) => {
                    let o = with_listed_disease(view, sets, o).unwrap_or(o);
                    (Form::Verb, Some(marker_claim(view, sets, lex, rel, o)))
                }
                // "… and our cleanse kills them": a pronoun standing for a health object.
                None if let Some(o) =
                    object_by_pronoun(view, lex, roles, rel, around.asked_before) =>
                {
                    (Form::Verb, Some(o))
                }
                // "Tired of back pain? We can help.": a verb that ends a short answer to a
                // question about the reader's ailment takes that ailment as its object.
                None if let Some(kind) = around.answers_ailment
                    && ends_answer(view, rel) =>
                {
                    let own = Object {
                        first: rel.first,
                        last: rel.last,
                        kind,
                    };
                    (Form::Verb, Some(own))
                }
                // The passive: "knee injuries that can be treated with PRP"; treated by
                // standard care, it is education.
                None if passive(view, lex, rel) => {
                    if by_standard_care(view, sets, rel) {
                        continue;
                    }
                    match object_before(view, sets, roles, rel)
                        .or_else(|| object_shared(view, sets, roles, rel))
                    {
                        Some(o) => (Form::State, Some(o)),
                        None => (Form::Verb, None),
                    }
                }
                None if rel.state => match object_before(view, sets, roles, rel) {
                    Some(o)
                        if !rels.iter().any(|r| {
                            r.last < o.first
                                && o.first <= r.last + 3
                                && view.same_clause(r.first, o.first)
                        }) =>
                    {
                        (Form::State, Some(o))
                    }
                    _ => (Form::Verb, None),
                },
                // "Immune System Boost": a verb that is also a noun after its object.
                None if rel.noun_after => match object_adjacent(view, sets, roles, rel) {
                    Some(o) if standard_care_named(view, o) || own_care(view, sets, rel, o) => {
                        continue;
                    }
                    Some(o)
                        if !neutral_noun(view, sets, rel)
                            || o.kind.is_disease()
                            || praised_at(view, o.first) =>
                    {
                        (Form::NounAfter, Some(o))
                    }
                    _ => (Form::Verb, None),
                },
                None => (Form::Verb, None),
            }
        } else if rel.noun {
            match object_after(view, sets, roles, rel) {
                // "Treatments for back pain include …": the options listed, not a claim.
                Some(o) if lists_options(view, o) => continue,
                // "PRP Treatment of Knee", "therapy for the shoulder": a service named by the
                // part of the body it is given to promises no outcome for it (a part with its
                // damage, "rotator cuff tears", is an ailment). Only the words of care, not
                // all of `treatment-noun`: "repair of the annulus" promises the repair.
                Some(o)
                    if o.kind == ObjectKind::Body
                        && !names_damage(view, sets, o)
                        && matches!(
                            view.tokens.norm_of(rel.first as usize),
                            "treatment" | "treatments" | "therapy" | "therapies" | "care"
                        ) =>
                {
                    continue;
                }
                Some(o) => (Form::Noun, Some(o)),
                None => continue,
            }
        } else if rel.noun_after {
            // "cancer prevention trials", and "disease prevention or treatment claims": the
            // head the nouns name, after another noun of relation joined to this one.
            let head = rels
                .iter()
                .find(|r| {
                    r.noun_after
                        && r.first == rel.last + 2
                        && matches!(view.tokens.norm_of(rel.last as usize + 1), "or" | "and")
                })
                .map_or(rel.last + 1, |r| r.last + 1);
            if view
                .hits_of_opt(sets.non_claim_head)
                .any(|h| h.first == head)
            {
                continue;
            }
            match object_adjacent(view, sets, roles, rel) {
                Some(o) if standard_care_named(view, o) || own_care(view, sets, rel, o) => continue,
                Some(o)
                    if !neutral_noun(view, sets, rel)
                        || o.kind.is_disease()
                        || praised_at(view, o.first) =>
                {
                    (Form::NounAfter, Some(o))
                }
                _ => continue,
            }
        } else {
            match object_before(view, sets, roles, rel) {
                Some(o) => (Form::State, Some(o)),
                None => continue,
            }
        };
        // "Hangover remedies have little evidence": a kind of product named as the subject
        // of a sentence's verb, not a label claiming the benefit.
        if form == Form::NounAfter && names_a_kind(view, rel.last) && !case().headline {
            continue;
        }
        // "bone healing", "wound healing": an -ing form right after its object names a
        // process, not a change claimed.
        if form == Form::State
            && let Some(o) = object
            && o.last + 1 == rel.first
            && rel.first == rel.last
            && view.tokens.norm_of(rel.first as usize).ends_with("ing")
        {
            continue;
        }
        // "marks on the skin that fade": what fades is the marks, not the skin.
        if form == Form::State && object.is_some_and(|o| placed_body(view, o)) {
            continue;
        }
        // "While your scalp heals, keep it dry": a change in a clause of time says when
        // something is done, and promises nothing.
        if form == Form::State && in_time_clause(view, rel.first) {
            continue;
        }
        // "relieve cramps and improve …": the symptoms are the object of "relieve", not
        // the subject of "improve".
        if form == Form::State
            && let Some(o) = object
            && rels.iter().any(|r| {
                r.last < o.first && o.first <= r.last + 3 && view.same_clause(r.first, o.first)
            })
        {
            continue;
        }
        // "healing processes", "the healing": an -ing form with no object is a noun.
        if form == Form::Verb
            && object.is_none()
            && view.tokens.norm_of(rel.last as usize).ends_with("ing")
        {
            continue;
        }
        // "our service treats only cleared indications", "we treat athletes": a verb of care
        // with an object no vocabulary knows says whom or what is cared for, not an outcome.
        let serves_someone = object.is_none()
            && care_verb(view, sets, rel.first)
            && view
                .tokens
                .tokens
                .get(rel.last as usize + 1)
                .is_some_and(|t| t.kind == TokenKind::Word);
        let alone = !serves_someone
            && view
                .hits_of_opt(sets.outcome_alone)
                .any(|h| h.first == rel.first);
        // No rule takes a claim with no health object, but a property or a treatment's own
        // verb of repair: read no further.
        if object.is_none() && form != Form::Property && !alone {
            continue;
        }
        candidates.push((*rel, form, object, alone));
    }
    // "speeds muscle recovery": a noun of relation inside another claim's object is part of
    // that object. (A claim's own object may hold its verb: an answer's verb stands for the
    // ailment asked about.)
    objects.clear();
    objects.extend(
        candidates
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.2.map(|o| (i, o.first, o.last))),
    );
    let mut owner = 0;
    candidates.retain(|(rel, ..)| {
        let inside = objects
            .iter()
            .any(|&(i, a, b)| i != owner && a <= rel.first && rel.last <= b);
        owner += 1;
        !inside
    });
    if candidates.is_empty() {
        return;
    }
    // A subject is looked for only before a verb that is not a verb of state: the fillers of
    // the words after the last such verb are never asked for.
    let subject_reach = candidates
        .iter()
        .filter(|c| c.1 != Form::State)
        .map(|c| c.0.first as usize)
        .max()
        .unwrap_or(0);
    filler_into(view, sets, subject_reach, filler);
    let filler: &[bool] = filler;
    let case = case();
    let headline = case.headline;
    let has = |set: Option<SetId>| view.hits_of_opt(set).next().is_some();
    let approved = has(sets.approved_use);
    let rhetorical = view.rhetorical(lex);

    // "How can X help your joints?" presupposes that it can; "How does acupuncture treat
    // migraines?" asks how the care works, and heads the answer that follows, which is read
    // on its own.
    let presupposes = || {
        let first_word = view.first_word().map(|i| view.tokens.norm_of(i));
        matches!(first_word, Some("how" | "what" | "which"))
            && (0..view.tokens.tokens.len())
                .any(|t| matches!(view.tokens.norm_of(t), "can" | "will" | "could"))
            && !view.tokens.norm.contains("whether")
    };
    let asked = view.question && !rhetorical && !around.answered && !presupposes();
    let signals = Signals {
        business: has(sets.business),
        selling: has(sets.promotion) || has_price(text),
        hype: false,
        intensifier: false,
        // One byte, searched as a byte: no character of the text need be decoded.
        exclamation: memchr::memchr(b'!', text.as_bytes()).is_some(),
        address: false,
        address_sentence: false,
        headline,
        tagline: false,
    };
    let sentence_topic = topic_of(view, sets);
    let tagline = std::cell::OnceCell::new();
    // Tokens that address the reader ("your immune system"), for each claim's clause.
    reader_tokens_into(view, address_clauses);
    // "to relieve neck pain and improve posture": the second verb shares the
    // first one's purpose.
    purposes.clear();
    purposes.extend(
        candidates
            .iter()
            .map(|(rel, ..)| purpose(view, lex, sets, roles, rel)),
    );
    for i in 1..candidates.len() {
        let (prev, rel) = (candidates[i - 1].0, candidates[i].0);
        let joined = after_and(view, rel.first) && view.same_clause(prev.first, rel.first);
        if joined && purposes[i - 1] {
            purposes[i] = true;
        }
    }
    // The last named subject, for a verb joined to its clause by "and" ("the massage reduces
    // swelling after surgery and clears congestion").
    let mut last_named: Option<(Subject, u32)> = None;
    for (&(rel, form, object, alone), &purpose) in candidates.iter().zip(purposes.iter()) {
        let rel = &rel;
        let mut subject = match form {
            Form::State => Subject::Unknown,
            _ => subject(view, sets, roles, text, rel.first, filler, case),
        };
        // "Effective Treatment for Coronavirus": a label whose only words before its noun of
        // care say that it works has no subject; nor has one whose noun of care follows the
        // symptom it eases ("Pain Relief for Migraines").
        if form == Form::Noun
            && subject == Subject::Unknown
            && only_says_it_works(view, filler, label_start(roles, rel))
        {
            subject = Subject::Absent;
        }
        // "Glucotrust lowers blood sugar": a name no vocabulary knows, opening the sentence
        // before its verb.
        if form == Form::Verb
            && matches!(subject, Subject::Absent | Subject::Unknown)
            && let Some(coined) = coined_opening(view, text, filler, rel.first)
        {
            subject = coined;
        }
        // "Strengthen your core with these exercises": an imperative whose means is a habit
        // is advice, as if the habit were its subject.
        if subject == Subject::Absent && by_habit(view, sets, case, rel.last) {
            subject = Subject::Standard;
        }
        match (subject, last_named) {
            // A name read from capitals is too weak to lend to another verb.
            (Subject::Named { kind, .. }, _) if kind != SubjectKind::Brand => {
                last_named = Some((subject, rel.last));
            }
            (Subject::Unknown | Subject::Standard, Some((named, end)))
                if form == Form::Verb
                    && after_and(view, rel.first)
                    && rel.first <= end + JOINED_VERB_REACH =>
            {
                subject = named;
            }
            _ => {}
        }
        if !headline && in_title(view, text, rel.first) {
            continue;
        }
        let (first, last) = (rel.first, rel.last);
        let in_clause = |set| {
            view.hits_of_opt(set)
                .any(|h| view.same_clause(h.first, first))
        };
        // "lowers dementia risk": the risk named after the disease it is of, the object's
        // last word, as "reduces the risk of dementia" names it before.
        let risk_after = object.is_some_and(|o| {
            let after = o.last as usize + 1;
            after < view.tokens.tokens.len() && names_risk(view.tokens.norm_of(after))
        });
        let object = object.map(|o| Object {
            last: o.last + u32::from(risk_after),
            ..o
        });
        let told_in_past = form == Form::State && {
            let verb = view.tokens.norm_of(first as usize);
            past_form(lex, verb) || matches!(verb, "was" | "were")
        };
        let mut claim = Claim {
            form,
            alone,
            // "the cough went away after a month": a change told in the past is a story,
            // not a promise, unless something else sells it.
            drastic: view.hits_of_opt(sets.drastic).any(|h| h.first == first) && !told_in_past,
            told_in_past,
            neutral_noun: neutral_noun(view, sets, rel)
                || (form == Form::Modified && view.tokens.norm_of(first as usize) == "better"),
            risk: (first..=last).any(|t| names_risk(view.tokens.norm_of(t as usize))) || risk_after,
            property_noun: form == Form::Property
                && view
                    .hits_of_opt(sets.property_noun)
                    .any(|h| h.first > last && h.first <= last + 4),
            purpose,
            service: describes_care(view, sets, roles, form, first, object, subject),
            first,
            last,
            object,
            subject,
            topic: sentence_topic.or(around.block_topic),
            topic_in_sentence: sentence_topic.is_some(),
            opens_with_reference: reference_verbs_from(view, subject, first)
                .is_some_and(|from| points_back_with(view, from, last, object)),
            as_evidence: false,
            hedge: None,
            excuse: None,
            booster: view.booster(lex, first, last).map(|c| c.hit),
            signals: Signals {
                address: address_clauses.iter().any(|&t| view.same_clause(t, first)),
                address_sentence: !address_clauses.is_empty(),
                hype: in_clause(sets.hype),
                intensifier: in_clause(sets.intensifier),
                // Read only of a noun of promise with no subject: most sentences never ask.
                tagline: subject == Subject::Absent
                    && form == Form::Noun
                    && object.is_some()
                    && promising_noun(view, rel, object)
                    && *tagline.get_or_init(|| is_tagline(view, lex)),
                ..signals
            },
            page_promotes: around.page_promotes,
        };
        // Read its context only when some rule could take it, hedged or not (or a story
        // might tell it).
        if !(super::policy::could_be_taken(&claim) || (around.story && object.is_some())) {
            continue;
        }
        let lead = colon_lead(view, first);
        claim.excuse = if view
            .negation_except(lex, first, last, &[(first, last)])
            .is_some()
        {
            Some(Excuse::Negated)
        } else if hypothetical(view, first, claim.subject) {
            Some(Excuse::Hypothetical)
        } else if scare_quoted(view, text, rel, headline) {
            Some(Excuse::Reported)
        } else if asked
            || (!rhetorical
                && (indirect(view, lex, first)
                    || lead.is_some_and(|colon| indirect(view, lex, colon))))
        {
            Some(Excuse::Question)
        // A reporting cue before the relation: "It is a myth that an injection can rebuild …".
        } else if view
            .reported(lex, first)
            .is_some_and(|cue| !own_product_reported(view, sets, cue.hit.last, first))
            || lead.is_some_and(|colon| view.reported(lex, colon).is_some())
        {
            Some(Excuse::Reported)
        } else if approved {
            Some(Excuse::ApprovedUse)
        } else if around.block_disclaims {
            Some(Excuse::EvidenceDisclaimed)
        } else if view
            .hits_of_opt(sets.research_status)
            .any(|h| view.same_clause(h.first, first))
        {
            Some(Excuse::UnderStudy)
        } else {
            None
        };
        // "Studies show that PRP rebuilds cartilage": a source, then a verb of evidence.
        claim.as_evidence = view.hits_of_opt(sets.evidence_source).any(|s| {
            view.hits_of_opt(sets.evidence_verb)
                .any(|v| s.last < v.first && v.last < first && view.same_clause(s.first, first))
        });
        let sold = claim
            .subject_kind()
            .is_some_and(|k| k.is_sold() || k == SubjectKind::Brand);
        let hedge = if sold {
            view.seller_hedge(lex, first, last)
        } else {
            view.hedge(lex, first, last)
        };
        claim.hedge = hedge
            .or_else(|| label_hedge(view, lex, first))
            // "may help: fight infections": a hedge that governs the colon's list.
            .or_else(|| {
                lead.and_then(|colon| {
                    view.hedge(lex, colon, colon)
                        .filter(|c| c.hit.last + 3 >= colon)
                })
            })
            .map(|c| c.hit);
        claims.push(claim);
    }
}

/// Where a label's noun of care at `rel` starts, with the symptom right before it that it
/// eases ("Pain Relief for Migraines" starts at "Pain").
fn label_start(roles: &RoleHits, rel: &Relation) -> u32 {
    roles
        .objects
        .iter()
        .filter(|(h, _)| h.last + 1 == rel.first)
        .map(|(h, _)| h.first)
        .min()
        .unwrap_or(rel.first)
}

/// Whether `subject` is "It", "They", "This" or "These" opening the sentence, alone or before
/// the word of care or product it points back with: "It also restores damaged tissue", "This
/// eases joint pain", "This treatment relieves back pain".
fn opening_pronoun(view: &SentenceView, subject: Subject) -> bool {
    let Subject::Named {
        kind: SubjectKind::Pronoun,
        first: s,
        last,
    } = subject
    else {
        return false;
    };
    let word = view.tokens.norm_of(s as usize);
    opens_clause(view, s)
        && if s == last {
            matches!(word, "it" | "they" | "this" | "these")
        } else {
            matches!(word, "this" | "these")
        }
}

/// Where the verbs of a claim at `first` start when an opening pronoun or anaphor is its
/// subject (after the pronoun; at the claim's own verb after an anaphor, whose noun may carry
/// words of its own); `None` when neither opens it.
fn reference_verbs_from(view: &SentenceView, subject: Subject, first: u32) -> Option<u32> {
    match subject {
        Subject::Named { last, .. } if opening_pronoun(view, subject) => Some(last + 1),
        _ if opening_anaphor(view, subject, first) => Some(first),
        _ => None,
    }
}

/// Whether a claim whose verbs run over tokens `from..=last` may point back to what the page
/// sells through an opening pronoun or anaphor. Not with "is used to" ("It is used to treat
/// lymphoma"), which education says of a drug as often as a page of its product; nor with
/// "help" unless what it helps with is an ailment: "It helps regulate bone growth" is said of
/// the body and its hormones, "It also helps prevent infection" of a product (reading every
/// "It helps …" as a claim gained seven claims across the real-text sets for two NIH
/// sentences and this kind of education).
fn points_back_with(view: &SentenceView, from: u32, last: u32, object: Option<Object>) -> bool {
    let said =
        |words: &[&str]| (from..=last).any(|t| words.contains(&view.tokens.norm_of(t as usize)));
    let ailment = object.is_some_and(|o| {
        matches!(
            o.kind,
            ObjectKind::Serious | ObjectKind::Pathogen | ObjectKind::Disease | ObjectKind::Symptom
        )
    });
    !said(&["used"]) && (ailment || !said(&["help", "helps", "helped"]))
}

/// Whether an unknown subject opens the sentence (or its clause after a connective) right
/// before the verb at `verb` and points back to what the page offers,
/// as "It" does: "This process strengthens the immune system", "The sessions ease
/// stiffness", "The treatment calms inflammation". "This"/"these" point back with a word of
/// care or of its working ("this response", "this boost"); "the" only with a word of care,
/// since "the immune response" is the body's. ("This treatment", "these sessions" are phrases
/// of `pronoun-subject`, a subject already, read with the page: a claim where it sells.) Which
/// verbs let either point back is [`points_back_with`]'s question.
fn opening_anaphor(view: &SentenceView, subject: Subject, verb: u32) -> bool {
    if subject != Subject::Unknown {
        return false;
    }
    let Some(first) = view.first_word().map(|t| t as u32) else {
        return false;
    };
    let Some(start) = (first..verb)
        .find(|&t| matches!(view.tokens.norm_of(t as usize), "this" | "these" | "the"))
        .filter(|&t| opens_clause(view, t))
    else {
        return false;
    };
    let care = |w: &str| {
        matches!(
            w,
            "treatment"
                | "treatments"
                | "therapy"
                | "therapies"
                | "procedure"
                | "procedures"
                | "session"
                | "sessions"
                | "method"
                | "technique"
                | "approach"
                | "protocol"
                | "injection"
                | "injections"
                | "infusion"
                | "infusions"
        )
    };
    let working = |w: &str| {
        matches!(
            w,
            "process"
                | "exposure"
                | "response"
                | "reaction"
                | "boost"
                | "increase"
                | "combination"
                | "stimulation"
        )
    };
    let demonstrative = view.tokens.norm_of(start as usize) != "the";
    let noun = |w: &str| care(w) || (demonstrative && working(w));
    let words: Vec<&str> = (start + 1..verb)
        .map(|t| view.tokens.norm_of(t as usize))
        .collect();
    match words.as_slice() {
        [n] | [_, n] => noun(n),
        ["type" | "kind" | "form", "of", n] | [_, "type" | "kind" | "form", "of", n] => noun(n),
        // "This boost in energy …", "This increase in plasma oxygen …".
        [n, "in" | "of", ..] => demonstrative && noun(n),
        _ => false,
    }
}

/// Whether token `t` opens the sentence, or its main clause after the sentence's opening words
/// (see [`after_opening_words`]).
fn opens_clause(view: &SentenceView, t: u32) -> bool {
    view.first_word() == Some(t as usize) || after_opening_words(view, t)
}

/// Whether token `s` follows the sentence's opening words and their comma, where those words
/// are a connective ("Additionally, it aids wound healing") or a fronted clause of reason, time
/// or concession ("Since the device opens the airway, it can help treat snoring", "Although
/// known for relaxation, it …"): the pronoun is the main clause's subject as much as a
/// sentence's first word is.
fn after_opening_words(view: &SentenceView, s: u32) -> bool {
    let Some(first) = view.first_word() else {
        return false;
    };
    if s < 2 || view.tokens.norm_of(s as usize - 1) != "," {
        return false;
    }
    let words: Vec<&str> = (first..s as usize - 1)
        .map(|t| view.tokens.norm_of(t))
        .collect();
    let connective = matches!(
        words.as_slice(),
        ["additionally"
            | "also"
            | "plus"
            | "moreover"
            | "furthermore"
            | "besides"
            | "importantly"
            | "finally"]
            | ["in", "addition"]
            | ["better", "yet"]
            | ["best", "of", "all"]
            | ["what", "is", "more"]
            | ["on", "top", "of", "that"]
            | ["most", "importantly"]
            | ["above", "all"]
    );
    let fronted = matches!(
        words.first(),
        Some(&("since" | "because" | "as" | "once" | "although" | "though" | "while"))
    ) && !words.contains(&",");
    connective || fronted
}

/// Whether the business names its own product between a reporting cue ending at token `cue`
/// and the claim at `first` ("The FDA has confirmed that our device relieves …", "reviewers
/// say our cream cleared their eczema"): a report of what others found about what it sells is
/// its own claim, an endorsement, not speech it keeps at a distance.
fn own_product_reported(view: &SentenceView, sets: &ClaimSets, cue: u32, first: u32) -> bool {
    view.hits_of_opt(sets.business)
        .any(|h| cue < h.first && h.last < first && view.same_clause(h.first, first))
}

/// The tokens that address the reader ("you", "your"), in order, into `out` (cleared first).
/// Every such word starts with [`READER_PREFIX`]: the sentence's normal form is searched for
/// it at a token's start, rather than every token's words compared.
fn reader_tokens_into(view: &SentenceView, out: &mut Vec<u32>) {
    out.clear();
    let (norm, toks) = (view.tokens.norm.as_bytes(), &view.tokens.tokens);
    let prefix = READER_PREFIX.as_bytes();
    for at in memchr::memchr_iter(prefix[0], norm) {
        if !norm[at..].starts_with(prefix) {
            continue;
        }
        let from = toks.partition_point(|t| (t.norm_start as usize) < at);
        let starting = (from..toks.len()).take_while(|&t| toks[t].norm_start as usize == at);
        out.extend(
            starting
                .filter(|&t| addresses_reader(view.tokens.norm_of(t)))
                .map(|t| t as u32),
        );
    }
}

/// Whether token `at` is in a clause that opens with a conjunction of time ("while your
/// scalp heals", "until the swelling goes down").
fn in_time_clause(view: &SentenceView, at: u32) -> bool {
    let opening = (0..=at).find(|&t| {
        view.same_clause(t, at) && view.tokens.tokens[t as usize].kind == TokenKind::Word
    });
    opening.is_some_and(|t| {
        matches!(
            view.tokens.norm_of(t as usize),
            "while" | "whilst" | "until" | "till" | "once" | "as"
        )
    })
}
