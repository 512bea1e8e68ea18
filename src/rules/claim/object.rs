//! The health object of a claim: the condition, symptom, body part or function a relation
//! is about, found after the verb, before a verb of state, or next to a noun of relation.

use std::ops::Range;

use super::sets::{ClaimSets, ObjectSets, RoleHits};
use super::words::{after_and, filler_adverb, possessive, scope_of_care};
use super::{Object, ObjectKind, Relation};
use crate::rules::context::{Lexicon, SentenceView};
use crate::text::phrase::Hit;
use crate::text::tokenize::TokenKind;

/// Most words between a verb and the start of its object ("boost > your natural immune >
/// system").
const OBJECT_WINDOW: usize = 5;

/// Most words between an object and the verb it is the subject of ("inflammation > disappears").
const STATE_WINDOW: usize = 4;

/// Words after a verb that end the search for its object: its object would have come first.
fn object_barrier(word: &str) -> bool {
    matches!(
        word,
        // "reduces the appearance of fine lines": a cosmetic effect on how skin looks.
        "appearance"
            | "for"
            | "with"
            | "in"
            | "on"
            | "at"
            | "by"
            | "from"
            | "to"
            | "that"
            | "which"
            | "who"
            | "when"
            | "while"
            | "because"
            | "if"
            | "than"
            | "as"
            | "into"
            | "through"
            | "after"
            | "before"
            | "during"
            | "without"
            | "so"
            | "but"
            | "unless"
            | "since"
            | "like"
            | "is"
            | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "can"
            | "will"
            | "may"
    )
}

/// The object that starts at token `t` (the longest), classified.
pub(super) fn object_at(view: &SentenceView, sets: &ClaimSets, t: u32) -> Option<Object> {
    object_in(view, sets, t, starting_at(view, t))
}

/// `o` widened to the first disease listed after it with "and", "or" or commas ("treats
/// chronic fatigue and depression"): the claim names the disease too. `None` when no disease
/// is listed.
pub(super) fn with_listed_disease(
    view: &SentenceView,
    sets: &ClaimSets,
    o: Object,
) -> Option<Object> {
    if o.kind.is_disease() {
        return None;
    }
    let n = view.tokens.tokens.len() as u32;
    let mut t = o.last + 1;
    while t < n && list_joiner(view.tokens.norm_of(t as usize)) {
        // After "and", "or" or "&" comes the list's last item.
        let last_item = view.tokens.norm_of(t as usize) != ",";
        t += 1;
        match object_at(view, sets, t) {
            // "injuries and conditions of the spine": a clinic's scope, not a disease named.
            Some(x) if x.kind.is_disease() && !scope_of_care(view, x) => {
                return Some(Object {
                    first: o.first,
                    last: x.last,
                    kind: x.kind,
                });
            }
            Some(x) if !last_item => t = x.last + 1,
            _ => return None,
        }
    }
    None
}

/// Whether the words of an object ending at token `last` go on to name something else: "your
/// health goals", "hearing tests", "a money-back guarantee".
fn names_something_else(view: &SentenceView, sets: &ClaimSets, last: u32) -> bool {
    view.hits_of_opt(sets.object_name_head)
        .any(|h| h.first == last + 1)
}

/// Whether `o` is "back" as the particle of a verb or of a time, not the part of the body:
/// "gave back to the community", "a practice dating back to ancient Egypt", "all the way
/// back in 1895". The body's back has a determiner or an adjective before it ("heals your back in
/// weeks", "the lower back"), or a noun after it ("back pain", "back muscles").
fn particle_back(view: &SentenceView, o: Object) -> bool {
    let word = |t: u32| {
        let t = t as usize;
        (t < view.tokens.tokens.len()).then(|| view.tokens.norm_of(t))
    };
    // The word before: a determiner ("the", "a", a possessive) or an adjective of the body.
    let body_before = |w: &str| {
        possessive(w)
            || matches!(
                w,
                "the"
                    | "a"
                    | "lower"
                    | "upper"
                    | "whole"
                    | "entire"
                    | "sore"
                    | "bad"
                    | "aching"
                    | "stiff"
                    | "painful"
                    | "injured"
                    | "strong"
                    | "healthy"
            )
    };
    o.first == o.last
        && word(o.first) == Some("back")
        && !o
            .first
            .checked_sub(1)
            .and_then(word)
            .is_some_and(body_before)
        && matches!(
            word(o.last + 1),
            Some("to" | "in" | "into" | "then" | "when" | "from" | "on" | "at" | ",")
        )
}

/// [`object_at`], given `here`, the hits that start at token `t`.
fn object_in(view: &SentenceView, sets: &ClaimSets, t: u32, here: &[Hit]) -> Option<Object> {
    let longest = here
        .iter()
        .filter(|h| sets.is_object(h.set))
        .map(|h| h.last)
        .max()?;
    if names_something_else(view, sets, longest) {
        return None;
    }
    Some(Object {
        first: t,
        last: longest,
        kind: classify(view, sets, t, longest)?,
    })
}

/// The hits that start at token `t` (hits are ordered by their first token).
fn starting_at(view: &SentenceView, t: u32) -> &[Hit] {
    let from = view.hits.partition_point(|h| h.first < t);
    &view.hits[starting_from(view, t, from)]
}

/// Where in `view.hits` the hits that start at token `t` are, walking on from index `from`
/// (at or before the first of them): a search that asks of token after token walks the hits
/// once rather than bisecting them twice a token.
fn starting_from(view: &SentenceView, t: u32, from: usize) -> Range<usize> {
    let hits = &view.hits;
    let mut start = from;
    while start < hits.len() && hits[start].first < t {
        start += 1;
    }
    let mut end = start;
    while end < hits.len() && hits[end].first == t {
        end += 1;
    }
    start..end
}

/// What the words `first..=last` name, from the object hits inside them.
fn classify(view: &SentenceView, sets: &ClaimSets, first: u32, last: u32) -> Option<ObjectKind> {
    // Hits are ordered by their first token: those inside start in `first..=last`.
    let from = view.hits.partition_point(|h| h.first < first);
    let to = view.hits.partition_point(|h| h.first <= last);
    // The object sets of the hits inside, and of those that end with the words: one pass.
    let (mut any, mut whole) = (ObjectSets::default(), ObjectSets::default());
    for h in view.hits[from..to].iter().filter(|h| h.last <= last) {
        let bits = sets.object_sets(h.set);
        any |= bits;
        if h.last == last {
            whole |= bits;
        }
    }
    // "chronic back pain": its head is an everyday symptom.
    Some(if any.has(ObjectSets::SERIOUS) {
        ObjectKind::Serious
    } else if any.has(ObjectSets::PATHOGEN) {
        ObjectKind::Pathogen
    } else if whole.has(ObjectSets::MINOR) {
        ObjectKind::Symptom
    } else if any.has(ObjectSets::CONDITION) {
        ObjectKind::Disease
    } else if any.has(ObjectSets::MINOR) {
        ObjectKind::Symptom
    } else if any.has(ObjectSets::FUNCTION) {
        ObjectKind::Function
    } else if any.has(ObjectSets::BODY) {
        ObjectKind::Body
    } else {
        return None;
    })
}

/// The health object a pronoun right after a verb stands for ("candida is the cause, and our
/// cleanse kills it"; "parasites cause cancers, and our tincture kills them"): the object
/// of the pronoun's place, of the kind of the gravest disease or symptom named before the verb.
pub(super) fn object_by_pronoun(
    view: &SentenceView,
    lex: &Lexicon,
    roles: &RoleHits,
    rel: &Relation,
    asked_before: Option<ObjectKind>,
) -> Option<Object> {
    let sets = &lex.claim;
    let t = rel.last + 1;
    if (t as usize) >= view.tokens.tokens.len() || !object_pronoun(view.tokens.norm_of(t as usize))
    {
        return None;
    }
    // Only when something sold is named in the verb's clause: "what eases it" in a list of
    // questions, or "you only need to treat them", claims nothing for a product.
    let sold = roles.subjects.iter().any(|&(h, kind)| {
        h.last < rel.first && view.same_clause(h.first, rel.first) && kind.is_promoted()
    });
    if !sold {
        return None;
    }
    // A verb of supply takes what is supplied: in "therapy for knee arthritis … we offer it",
    // "it" is the therapy.
    if supply_verb(lex, view.tokens.norm_of(rel.first as usize)) {
        return None;
    }
    // Only an ailment: "it" a treatment or a part of the body claims nothing. Else the
    // ailment a question just before asked about.
    let kind = antecedent(view, sets, rel.first)
        .filter(|o| o.kind.is_disease() || o.kind == ObjectKind::Symptom)
        .map(|o| o.kind)
        .or(asked_before)?;
    Some(Object {
        first: t,
        last: t,
        kind,
    })
}

/// Whether `word` is a form of a verb of supply ("offers", "provided"), whose object is what is
/// given rather than what it acts on; the packs write these verbs as `~verb`, so the index
/// knows their forms.
fn supply_verb(lex: &Lexicon, word: &str) -> bool {
    matches!(
        lex.index.verb_base(word),
        "offer" | "provide" | "give" | "deliver" | "bring"
    )
}

/// Whether `word` joins the items of a list ("back, neck and shoulder pain").
fn list_joiner(word: &str) -> bool {
    matches!(word, "," | "and" | "or" | "&")
}

/// Whether `word` may stand for a claim's object ("kills them", "heals it").
pub(super) fn object_pronoun(word: &str) -> bool {
    matches!(word, "it" | "them")
}

/// The tokens that name object `o` of a claim whose verb starts at token `verb`: the object's
/// own, or for a pronoun the health object it stands for.
pub(super) fn naming_tokens(
    view: &SentenceView,
    sets: &ClaimSets,
    o: Object,
    verb: u32,
) -> (u32, u32) {
    let pronoun = o.first == o.last && object_pronoun(view.tokens.norm_of(o.first as usize));
    match pronoun.then(|| antecedent(view, sets, verb)) {
        Some(Some(a)) => (a.first, a.last),
        _ => (o.first, o.last),
    }
}

/// The gravest health object named before token `before` (of those equally grave, the
/// nearest): what a pronoun after it most likely stands for.
fn antecedent(view: &SentenceView, sets: &ClaimSets, before: u32) -> Option<Object> {
    (0..before)
        .filter_map(|t| object_at(view, sets, t))
        .filter(|o| o.last < before)
        .min_by_key(|o| (o.kind, std::cmp::Reverse(o.first)))
}

/// The object after a verb or noun: the first health object within a few words, in its
/// clause, before a preposition, a punctuation mark or another clause. "Symptoms of asthma"
/// is about asthma.
pub(super) fn object_after(
    view: &SentenceView,
    sets: &ClaimSets,
    roles: &RoleHits,
    rel: &Relation,
) -> Option<Object> {
    // Only a hit of a health object after the relation can be its object: most relations have
    // none, and the sentence's object hits say so before the words are read.
    if !roles.object_hits().any(|h| h.first > rel.last) {
        return None;
    }
    let toks = &view.tokens.tokens;
    let mut words = 0;
    let mut t = rel.last + 1;
    // The clause the object is looked for in: the relation's, or the list a lead word opens.
    let mut clause_of = rel.first;
    // "offered for: […] migraines": a relation ending in "for" may open a list too.
    // "Treats: tinnitus, vertigo …": a verb before a colon opens a list (not a label's noun,
    // "Sealing: the fibrin seals the tear", whose clause says the rest).
    let last_word = view.tokens.norm_of(rel.last as usize);
    let mut lead = matches!(last_word, "for")
        || list_lead(last_word)
        || (rel.last as usize + 1 < toks.len()
            && view.tokens.norm_of(rel.last as usize + 1) == ":"
            && !last_word.ends_with("ing"));
    // "Conditions we treat: fibromyalgia, lupus …": a relation that ends at its colon opens
    // the list after it, which the colon puts in a clause of its own.
    if last_word == ":" {
        lead = true;
        clause_of = rel.last + 1;
    }
    // Whether the search has passed the people a claim is made for ("helps people with").
    let mut past_people = false;
    // How far the hits are walked: none of those before starts after the relation.
    let mut walked = view.hits.partition_point(|h| h.first <= rel.last);
    while (t as usize) < toks.len() && view.same_clause(t, clause_of) {
        // The hits that start here, found once for both tests below.
        let here = starting_from(view, t, walked);
        walked = here.start;
        let here = &view.hits[here];
        if let Some(o) = object_in(view, sets, t, here) {
            if particle_back(view, o) {
                return None;
            }
            // "helps people with cancer feel more relaxed": the verb after the people's
            // disease says what is helped, and it is their experience, not the disease.
            if past_people
                && (o.last as usize + 1) < toks.len()
                && experience_verb(view.tokens.norm_of(o.last as usize + 1))
            {
                return None;
            }
            // "helps the body absorb calcium": what the body is helped to do is ordinary
            // physiology, described; the body itself is not the outcome.
            if o.kind == ObjectKind::Body && (o.last as usize + 1) < toks.len() && {
                let next = view.tokens.norm_of(o.last as usize + 1);
                physiology_verb(next) || appearance_verb(next)
            } {
                return None;
            }
            // "ditch your blood pressure pills": a condition naming the medicine after it is
            // the medicine's kind, not the object.
            if view
                .hits_of_opt(sets.drug_noun)
                .any(|h| h.first == o.last + 1)
            {
                return None;
            }
            return Some(more_specific(view, sets, o));
        }
        // "for people suffering with gout": the people are not the object.
        if let Some(end) = sufferer_end(sets, here) {
            past_people = true;
            t = end + 1;
            continue;
        }
        // "helps you log your sleep", "will help them understand their pain": a task of the
        // reader's (or of the people helped) after them takes what follows.
        if t > rel.last + 1
            && matches!(
                view.tokens.norm_of(t as usize - 1),
                "you" | "them" | "us" | "him" | "her" | "patients" | "people" | "families"
            )
            && reader_task(view.tokens.norm_of(t as usize))
        {
            return None;
        }
        // "Calm Leaf drops melt away stress": another verb of relation, not joined to this
        // one by "and", a comma or "or", has the words after it for its own object (a
        // participle is read through: "free dissolved oxygen", "the healing process").
        let participle = || {
            let word = view.tokens.norm_of(t as usize);
            word.ends_with("ed") || word.ends_with("ing")
        };
        if here.iter().any(|h| {
            sets.role(h.set)
                .relation
                .is_some_and(|r| r.benefit_verb || r.disease_verb)
        }) && !participle()
            && !after_and(view, t)
            && !matches!(
                view.tokens.norm_of(t as usize - 1),
                ","
                    | "&"
                    | "/"
                    | "to"
                    | "help"
                    | "helps"
                    | "helping"
                    | "helped"
                    // "helps you manage diabetes": the verb a helped person does.
                    | "you"
                    | "them"
                    | "us"
                    | "me"
                    | "people"
                    | "patients"
                    | "children"
            )
        {
            return None;
        }
        let tok = toks[t as usize];
        let norm = view.tokens.norm_of(t as usize);
        match tok.kind {
            // "problems we help with include: […] back pain": a list opened by a lead word goes
            // on past its colon and the marks of words left out.
            TokenKind::Punct if lead && matches!(norm, ":" | "…" | "[" | "]" | ".") => {
                t += 1;
                clause_of = t;
                continue;
            }
            // "preventing … heart disease": words left out of a quotation.
            TokenKind::Punct if norm == "…" => {}
            // "helps releive [sic] the cramps": an editor's mark inside a quotation.
            TokenKind::Punct
                if norm == "["
                    && (t as usize + 2) < toks.len()
                    && view.tokens.norm_of(t as usize + 1) == "sic"
                    && view.tokens.norm_of(t as usize + 2) == "]" =>
            {
                t += 3;
                continue;
            }
            // "kills 99.9% of germs", "NAD+ for fatigue": a figure or a name goes on.
            TokenKind::Punct if !matches!(norm, "-" | "'" | "/" | "&" | "%" | "+") => return None,
            TokenKind::Punct => {}
            TokenKind::Word => {
                let such_as =
                    norm == "as" && t > 0 && view.tokens.norm_of(t as usize - 1) == "such";
                // "burns up to 600 calories": a bound on a figure, no barrier.
                let up_to = || norm == "to" && t > 0 && view.tokens.norm_of(t as usize - 1) == "up";
                if such_as || list_lead(norm) {
                    lead = true;
                } else if object_barrier(norm) && !up_to() {
                    return None;
                }
                words += 1;
                if words > OBJECT_WINDOW {
                    return None;
                }
            }
        }
        t += 1;
    }
    None
}

/// Verbs of what people living with a disease do or feel ("helps people with cancer feel
/// calmer", "cope with treatment"): after the disease, they make the people the ones helped.
fn experience_verb(word: &str) -> bool {
    matches!(
        word,
        "feel"
            | "cope"
            | "relax"
            | "rest"
            | "live"
            | "enjoy"
            | "stay"
            | "keep"
            | "get"
            | "deal"
            | "move"
            | "return"
            | "carry"
            | "prepare"
            | "understand"
    )
}

/// What the body does in the course of things ("helps the body absorb calcium", "make
/// vitamin D"): a verb of ordinary physiology after the body.
fn physiology_verb(word: &str) -> bool {
    matches!(
        word,
        "absorb"
            | "make"
            | "use"
            | "produce"
            | "process"
            | "store"
            | "convert"
            | "digest"
            | "metabolise"
            | "metabolize"
            | "synthesise"
            | "synthesize"
            | "excrete"
            | "transport"
    )
}

/// Verbs of how something looks ("helps skin look smoother"): after a body part, a cosmetic
/// effect, not a health outcome.
fn appearance_verb(word: &str) -> bool {
    matches!(word, "look" | "looks" | "appear" | "appears")
}

/// Tasks a product or service helps the reader with that are no health outcome ("helps you
/// log your sleep", "helps you understand your symptoms"): what follows is their object.
fn reader_task(word: &str) -> bool {
    matches!(
        word,
        "log"
            | "track"
            | "record"
            | "find"
            | "book"
            | "plan"
            | "understand"
            | "learn"
            | "choose"
            | "compare"
            | "remember"
            | "navigate"
            | "prepare"
            | "organise"
            | "organize"
            | "schedule"
            | "access"
            | "read"
            | "know"
            | "decide"
            | "ask"
            | "talk"
            | "share"
            | "note"
            | "measure"
            | "check"
    )
}

/// Words that open a list of what a relation is about ("conditions such as", "including").
fn list_lead(word: &str) -> bool {
    matches!(
        word,
        "include" | "includes" | "including" | "like" | "following"
    )
}

/// The disease of the people named at token `t` ("people with osteoarthritis", "adults living
/// with kidney disease"), if they are named by a disease.
fn for_people_with(view: &SentenceView, sets: &ClaimSets, t: u32) -> Option<Object> {
    let people = sufferer_end(sets, starting_at(view, t))?;
    let with = sufferer_end(sets, starting_at(view, people + 1))?;
    object_at(view, sets, with + 1).filter(|o| o.kind.is_disease())
}

/// Where the longest of `here`'s words for people who have a condition ends ("people",
/// "suffering from"), if any is among them.
fn sufferer_end(sets: &ClaimSets, here: &[Hit]) -> Option<u32> {
    here.iter()
        .filter(|h| Some(h.set) == sets.sufferer)
        .map(|h| h.last)
        .max()
}

/// "the symptoms of asthma", "damage to the joints": a generic object followed by "of" and a
/// more specific one is about the latter.
fn more_specific(view: &SentenceView, sets: &ClaimSets, o: Object) -> Object {
    if !matches!(
        o.kind,
        ObjectKind::Symptom | ObjectKind::Function | ObjectKind::Body
    ) {
        return o;
    }
    let n = view.tokens.tokens.len() as u32;
    let mut t = o.last + 1;
    // "knee osteoarthritis", "shoulder bursitis": a body part naming where a condition is;
    // "muscle and joint pain", "neck, shoulder and back pain": body parts listed before the
    // ailment they all have.
    if o.kind == ObjectKind::Body {
        let mut at = t;
        while at < n && at <= t + 8 {
            let w = view.tokens.norm_of(at as usize);
            if list_joiner(w) || w == "/" {
                at += 1;
                continue;
            }
            match object_at(view, sets, at) {
                Some(next) if next.kind < o.kind => {
                    return Object {
                        first: o.first,
                        last: next.last,
                        kind: next.kind,
                    };
                }
                Some(next) if next.kind == ObjectKind::Body && at > t => at = next.last + 1,
                _ => break,
            }
        }
    }
    // "supports joint comfort for people with osteoarthritis": a benefit for the people who
    // have a disease is a claim about the disease (FDA: an implied disease claim).
    if o.kind != ObjectKind::Body
        && t + 2 < n
        && matches!(view.tokens.norm_of(t as usize), "for" | "in")
        && let Some(disease) = for_people_with(view, sets, t + 1)
    {
        return Object {
            first: o.first,
            last: disease.last,
            kind: disease.kind,
        };
    }
    if t >= n || view.tokens.norm_of(t as usize) != "of" {
        return o;
    }
    t += 1;
    // A determiner or two: "of the", "of your".
    for _ in 0..2 {
        if t < n
            && matches!(
                view.tokens.norm_of(t as usize),
                "the"
                    | "your"
                    | "a"
                    | "an"
                    | "this"
                    | "these"
                    | "that"
                    | "those"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "all"
                    | "many"
            )
        {
            t += 1;
        }
    }
    match (t < n).then(|| object_at(view, sets, t)).flatten() {
        Some(specific) if specific.kind < o.kind => Object {
            first: o.first,
            last: specific.last,
            kind: specific.kind,
        },
        _ => o,
    }
}

/// The object before a verb of state ("the pain disappears"): the nearest object ending a few
/// words before it in its clause.
pub(super) fn object_before(
    view: &SentenceView,
    sets: &ClaimSets,
    roles: &RoleHits,
    rel: &Relation,
) -> Option<Object> {
    // Only a health object that ends before the relation can be found: without one, no word
    // need be read.
    if !roles.object_hits().any(|h| h.last < rel.first) {
        return None;
    }
    let mut words = 0;
    let mut t = rel.first;
    while t > 0 {
        t -= 1;
        if !view.same_clause(t, rel.first) {
            return None;
        }
        if let Some(h) = roles
            .object_hits()
            .filter(|h| h.last == t)
            .min_by_key(|h| h.first)
        {
            // "our hearing tests are free": the state is said of what the words name.
            if names_something_else(view, sets, h.last) {
                return None;
            }
            if let Some(kind) = classify(view, sets, h.first, h.last) {
                return Some(Object {
                    first: h.first,
                    last: h.last,
                    kind,
                });
            }
        }
        if view.tokens.tokens[t as usize].kind == TokenKind::Word {
            words += 1;
            if words > STATE_WINDOW {
                return None;
            }
        }
    }
    None
}

/// The subject a passive shares with the clause before it when its own is left out: "hearing
/// loss is not treatable by surgery, but can be treated with hearing aids". The passive's
/// clause opens with "but", "and" or "yet" right before its auxiliaries and adverbs, and the
/// object is the health object just before a form of "be" or a modal earlier in the sentence.
pub(super) fn object_shared(
    view: &SentenceView,
    sets: &ClaimSets,
    roles: &RoleHits,
    rel: &Relation,
) -> Option<Object> {
    let word = |t: u32| view.tokens.norm_of(t as usize);
    let mut t = rel.first;
    while t > 0 && {
        let w = word(t - 1);
        filler_adverb(w) || matches!(w, "can" | "be" | "is" | "are" | "now")
    } {
        t -= 1;
    }
    if t == 0 || t == rel.first || !matches!(word(t - 1), "but" | "and" | "yet") {
        return None;
    }
    let joint = t - 1;
    let h = roles.object_hits().find(|h| {
        h.last + 1 < joint
            && matches!(
                word(h.last + 1),
                "is" | "are" | "can" | "cannot" | "may" | "was" | "were" | "has" | "have"
            )
    })?;
    classify(view, sets, h.first, h.last).map(|kind| Object {
        first: h.first,
        last: h.last,
        kind,
    })
}

/// The object just before a noun of relation ("hangover relief"), or the object phrase that
/// ends with it ("immune support").
pub(super) fn object_adjacent(
    view: &SentenceView,
    sets: &ClaimSets,
    roles: &RoleHits,
    rel: &Relation,
) -> Option<Object> {
    roles
        .object_hits()
        .filter(|h| (h.last + 1 == rel.first) || (h.last == rel.last && h.first < rel.first))
        .min_by_key(|h| h.first)
        .and_then(|h| {
            Some(Object {
                first: h.first,
                last: h.last.min(rel.first.saturating_sub(1)).max(h.first),
                kind: classify(view, sets, h.first, h.last)?,
            })
        })
}
