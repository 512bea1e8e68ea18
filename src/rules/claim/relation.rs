//! The relations of a sentence (treat, relieve, relief from, anti-inflammatory …) and the
//! tests that tell a relation from a name, a modifier or a passive.

use super::object::object_at;
use super::sets::{ClaimSets, RoleHits};
use super::words::{filler_adverb, names_risk, past_form, praised_at, word_before};
use super::{Object, ObjectKind, Relation};
use crate::rules::context::{Lexicon, SentenceView};
use crate::text::phrase::Hit;
use crate::text::tokenize::TokenKind;

/// The relations of a sentence, leftmost-longest without overlaps, into `found` (cleared
/// first; a buffer the reader keeps from sentence to sentence, which saves an allocation per
/// sentence with a relation hit); relations inside a harm phrase ("increases the risk of")
/// are not relations of benefit. The hits that name an object or a subject go into `roles`
/// in the same pass.
pub(super) fn relations_into(
    view: &SentenceView,
    sets: &ClaimSets,
    found: &mut Vec<Relation>,
    roles: &mut RoleHits,
) {
    found.clear();
    roles.clear();
    for h in &view.hits {
        // Most hits are of other vocabularies: one indexed load passes them by, and gives a
        // relation's roles.
        let role = sets.role(h.set);
        roles.push(*h, role);
        let Some(mut r) = role.relation else {
            continue;
        };
        r.first = h.first;
        r.last = h.last;
        if view
            .hits_of_opt(sets.harm)
            .any(|x| x.first <= h.first && h.last <= x.last)
        {
            continue;
        }
        // Hits come sorted by (first, last): the same words in several sets merge.
        match found.last_mut() {
            Some(last) if last.first == r.first && last.last == r.last => last.join(&r),
            _ => found.push(r),
        }
    }
    if let Some(label) = label_for(view, sets) {
        found.push(label);
    }
    // Leftmost-longest: "protect your liver" over "protect". The kept relations are moved to
    // the front of `found` in place (no second list per sentence).
    found.sort_by_key(|r| (r.first, std::cmp::Reverse(r.last)));
    let mut kept: usize = 0;
    for i in 0..found.len() {
        let r = found[i];
        match kept.checked_sub(1).map(|k| &mut found[k]) {
            Some(k) if r.first <= k.last => {
                // Same start, shorter: its roles join the longer one's.
                if r.first == k.first {
                    k.disease_verb |= r.disease_verb;
                    k.benefit_verb |= r.benefit_verb;
                    k.state |= r.state;
                }
            }
            _ => {
                found[kept] = r;
                kept += 1;
            }
        }
    }
    found.truncate(kept);
}

/// Whether a noun of relation only names a treatment ("disc repair", "cancer treatment").
pub(super) fn neutral_noun(view: &SentenceView, sets: &ClaimSets, rel: &Relation) -> bool {
    view.hits_of_opt(sets.treatment_noun)
        .any(|h| h.first == rel.first && h.last == rel.last)
}

/// Most words of a label that names what a product is for ("FOR ERECTILE DYSFUNCTION").
const LABEL_WORDS: usize = 8;

/// A label that is only "for" and a health object ("For Relief of Aching Knees", "For
/// better sleep"): what the product is for, said for it. The object comes within three
/// words; a sentence with a comma, or people after "for" ("For parents of children with
/// asthma"), is not a label. The label ends at a dash ("Botox for depression — ask about
/// …"), and commas may list the conditions it names ("HBOT for long COVID, Lyme disease …").
fn label_for(view: &SentenceView, sets: &ClaimSets) -> Option<Relation> {
    let toks = &view.tokens.tokens;
    let lead = view.hits_of_opt(sets.label_start).find(|h| h.first == 0)?;
    let end = (0..toks.len())
        .find(|&t| matches!(view.tokens.norm_of(t), "—" | "–" | "|"))
        .unwrap_or(toks.len());
    let lists_objects = |t: usize| {
        (t + 1..=t + 2)
            .filter(|&u| u < end)
            .any(|u| object_at(view, sets, u as u32).is_some())
    };
    let commas = || (0..end).filter(|&t| view.tokens.norm_of(t) == ",");
    let comma = commas().any(|t| !lists_objects(t));
    // The words up to the list of further conditions.
    let words = toks[..commas().next().unwrap_or(end)]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count();
    if words > LABEL_WORDS || comma {
        return None;
    }
    // "PRP for Knee Pain: What the Research Says": a title of education, not a label.
    let asks = (0..toks.len()).any(|t| {
        matches!(
            view.tokens.norm_of(t),
            "what" | "how" | "why" | "when" | "does" | "do" | "can" | "should" | "?"
        )
    });
    let about = view.hits_of_opt(sets.evidence_source).next().is_some()
        || view.hits_of_opt(sets.non_claim_head).next().is_some();
    if asks || about {
        return None;
    }
    (lead.last + 1..=lead.last + 3)
        .filter(|&t| (t as usize) < toks.len())
        .any(|t| object_at(view, sets, t).is_some())
        .then_some(Relation {
            first: lead.first,
            last: lead.last,
            disease_verb: true,
            ..Relation::default()
        })
}

/// Whether a verb's past form is used as an adjective: "NCI-supported trials", "with reduced
/// amounts", "limited joint movement". A past form is a verb after an auxiliary ("has
/// improved", "was shown to"), a pronoun, or right after a product or service ("our treatment
/// relieved"); otherwise, and always in a hyphenated compound, an adjective.
pub(super) fn adjectival_participle(
    view: &SentenceView,
    lex: &Lexicon,
    roles: &RoleHits,
    text: &str,
    rel: &Relation,
) -> bool {
    let toks = &view.tokens.tokens;
    let at = rel.first as usize;
    if !past_form(lex, view.tokens.norm_of(at)) {
        return false;
    }
    // "is well-treated with": an adverb joined by a hyphen is read as one standing apart, so
    // the auxiliary before it decides, as it does for "is well treated".
    if at > 0 && hyphenated(view, text, at) && !joined_to_adverb(view, at) {
        return true;
    }
    // "Indicated for gout": a relation that holds its own preposition is a verb phrase, as a
    // label's opening words, not an adjective before a noun.
    // "Reduced risk of heart disease": so is one that holds the risk it lowers.
    if rel.last as usize > at
        && (matches!(view.tokens.norm_of(at + 1), "for" | "to" | "in" | "against")
            || (at + 1..=rel.last as usize).any(|t| names_risk(view.tokens.norm_of(t))))
    {
        return false;
    }
    let verbal = word_before(view, rel.first).is_some_and(|t| {
        let t = t as usize;
        matches!(
            view.tokens.norm_of(t),
            "has"
                | "have"
                | "had"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "get"
                | "gets"
                | "got"
                | "it"
                | "they"
                | "we"
                | "i"
                | "this"
                | "that"
                | "which"
                | "who"
        ) || roles.subjects.iter().any(|(h, _)| h.last as usize == t)
            // "their migraines stopped after one drip": a health object before it and a
            // preposition, an adverb or the end after it make it the object's verb.
            || (roles.object_hits().any(|h| h.last as usize == t)
                && toks
                    .get(rel.last as usize + 1)
                    .is_none_or(|_| ends_a_change(view.tokens.norm_of(rel.last as usize + 1))))
    });
    !verbal
}

/// Whether the word hyphen-joined before token `at` is an adverb ("well-treated",
/// "clinically-proven"), not a noun of a compound ("NCI-supported").
fn joined_to_adverb(view: &SentenceView, at: usize) -> bool {
    filler_adverb(view.tokens.norm_of(at - 1))
}

/// Whether tokens `t - 1` and `t` are joined by a hyphen and nothing else ("self-healing"),
/// read from the one byte between them rather than a slice of the text compared.
fn hyphenated(view: &SentenceView, text: &str, t: usize) -> bool {
    let toks = &view.tokens.tokens;
    let (end, start) = (toks[t - 1].end as usize, toks[t].start as usize);
    start == end + 1 && text.as_bytes()[end] == b'-'
}

/// Words after a verb of change that say when or how it came ("stopped after", "cleared up
/// completely"), or end its clause: the verb is then a verb, not an adjective before a noun.
fn ends_a_change(word: &str) -> bool {
    matches!(
        word,
        "after"
            | "within"
            | "once"
            | "since"
            | "when"
            | "overnight"
            | "completely"
            | "entirely"
            | "for"
            | "and"
            | ","
            | "."
            | "!"
            | "in"
            | "up"
            | "away"
            | "naturally"
            | "forever"
            | "permanently"
    )
}

/// Whether a relation is in double quotation marks of its own, outside a headline:
/// the tonic is said to "cure" … (in a headline, quotes only stress a word).
pub(super) fn scare_quoted(
    view: &SentenceView,
    text: &str,
    rel: &Relation,
    headline: bool,
) -> bool {
    let toks = &view.tokens.tokens;
    let (a, b) = (rel.first as usize, rel.last as usize);
    let quote = |t: usize| {
        toks.get(t).is_some_and(|tok| {
            tok.kind == TokenKind::Punct
                && matches!(
                    &text[tok.start as usize..tok.end as usize],
                    "\"" | "“" | "”"
                )
        })
    };
    !headline && a > 0 && quote(a - 1) && quote(b + 1)
}

/// Whether the relation's words lie inside a name: a habit's ("losing weight lowers …",
/// "reducing salt"), even when the name is the relation's words alone; or a longer name of
/// what is sold ("energy healing treats …", "healing frequencies shut down …"), where the
/// claim is the name's verb and reading both would report one claim twice; or of a health
/// object ("a heart attack" attacks nothing).
pub(super) fn inside_a_name(
    view: &SentenceView,
    sets: &ClaimSets,
    roles: &RoleHits,
    rel: &Relation,
) -> bool {
    let covers = |h: &Hit| h.first <= rel.first && rel.last <= h.last;
    let longer = |h: &Hit| covers(h) && (h.first, h.last) != (rel.first, rel.last);
    view.hits_of_opt(sets.habit).any(covers)
        || roles
            .subjects
            .iter()
            .any(|&(h, k)| k.is_sold() && longer(&h))
        || roles.object_hits().any(longer)
}

/// Whether a passive relation's agent is standard care: "cataracts can only be treated by
/// surgery" describes care, it sells nothing.
pub(super) fn by_standard_care(view: &SentenceView, sets: &ClaimSets, rel: &Relation) -> bool {
    let by = rel.last as usize + 1;
    by < view.tokens.tokens.len()
        && matches!(view.tokens.norm_of(by), "by" | "with")
        && view
            .hits_of_opt(sets.conventional)
            .any(|h| h.first as usize == by + 1)
}

/// A verb's past participle after a form of "be": "can be treated", "is relieved".
pub(super) fn passive(view: &SentenceView, lex: &Lexicon, rel: &Relation) -> bool {
    // "are effectively treated": a relation that opens with its adverb has its verb next.
    let first = rel.first as usize;
    let verb = if rel.last as usize > first && filler_adverb(view.tokens.norm_of(first)) {
        first + 1
    } else {
        first
    };
    let word = view.tokens.norm_of(verb);
    // "Research on it is limited": an adjective of amount far more often than the verb.
    // "Infusions for depression are given under supervision": what is given, delivered or
    // offered is the treatment, not the condition before it.
    // The form of "be" first: it spares most verbs the look-ups of their forms.
    word_before(view, rel.first).is_some_and(|t| {
        matches!(
            view.tokens.norm_of(t as usize),
            "be" | "been" | "being" | "is" | "are" | "was" | "were" | "get" | "gets" | "got"
        )
    }) && word != "limited"
        && past_form(lex, word)
        && !matches!(
            lex.index.verb_base(word),
            "give" | "deliver" | "provide" | "offer" | "bring"
        )
}

/// "Stress lowers your immunity", "age reduces the chances of getting pregnant": to lower
/// what the body wants kept describes a harm; it claims no benefit.
fn lowers_wanted(view: &SentenceView, sets: &ClaimSets, rel: &Relation, o: Object) -> bool {
    o.kind == ObjectKind::Function
        && view
            .hits_of_opt(sets.lowering)
            .any(|h| h.first == rel.first)
        && view
            .hits_of_opt(sets.wanted_function)
            .any(|h| o.first <= h.first && h.last <= o.last)
}

/// Whether the relation with object `o` describes a harm rather than claims a benefit: it
/// lowers what the body wants kept, or raises a symptom or disease.
pub(super) fn describes_harm(
    view: &SentenceView,
    lex: &Lexicon,
    rel: &Relation,
    o: Object,
) -> bool {
    lowers_wanted(view, &lex.claim, rel, o) || raises_unwanted(view, lex, rel, o)
}

/// "Blood thinners can increase bruising", "sugar boosts inflammation": to raise a symptom or a
/// disease named right after the verb describes a harm; it claims no benefit. (A farther object
/// may be what a benefit guards against: "boosts your resistance to colds".) So does raising a
/// measure of disease ("salt raises blood pressure"), and raising a vital sign describes what
/// something does to the body ("saunas raise your heart rate").
fn raises_unwanted(view: &SentenceView, lex: &Lexicon, rel: &Relation, o: Object) -> bool {
    let next = (rel.last + 1..o.first).all(|t| {
        matches!(
            view.tokens.norm_of(t as usize),
            "the" | "your" | "their" | "any" | "more"
        )
    });
    let sets = &lex.claim;
    let measure = || {
        [sets.disease_marker, sets.vital_sign]
            .into_iter()
            .any(|set| {
                // Overlapping: "heart rate" is read as the object "heart".
                view.hits_of_opt(set)
                    .any(|h| h.first <= o.last && o.first <= h.last)
            })
    };
    next && (o.kind.is_disease() || o.kind == ObjectKind::Symptom || measure())
        && matches!(
            lex.index.verb_base(view.tokens.norm_of(rel.first as usize)),
            "increase" | "raise" | "boost" | "amplify" | "elevate" | "heighten" | "worsen"
        )
}

/// "Lowers blood pressure", "controls blood sugar": a claim to lower or control a measure of
/// a disease is about the disease; to keep it healthy ("maintain healthy cholesterol") is not.
pub(super) fn marker_claim(
    view: &SentenceView,
    sets: &ClaimSets,
    lex: &Lexicon,
    rel: &Relation,
    object: Object,
) -> Object {
    let marker = view
        .hits_of_opt(sets.disease_marker)
        .any(|h| object.first <= h.first && h.last <= object.last);
    if !marker || object.kind.is_disease() {
        return object;
    }
    let verb = lex.index.verb_base(view.tokens.norm_of(rel.first as usize));
    let keeps = matches!(verb, "support" | "maintain" | "promote")
        || (rel.last + 1..object.first).any(|t| {
            matches!(
                view.tokens.norm_of(t as usize),
                "healthy" | "normal" | "maintain" | "maintaining" | "support" | "supporting"
            )
        });
    if keeps {
        object
    } else {
        Object {
            kind: ObjectKind::Disease,
            ..object
        }
    }
}

/// Whether the words of a relation are used as one, not as part of a name or a noun phrase:
/// not in a hyphenated compound ("wound-healing"), not before a noun that makes them a
/// modifier ("repair cells", "prevention trials"), not a noun after a determiner ("a physical
/// seal"), and not a topic a reference points to ("our overview of treatments for …").
pub(super) fn reads_as_relation(
    view: &SentenceView,
    lex: &Lexicon,
    text: &str,
    rel: &Relation,
) -> bool {
    let sets = &lex.claim;
    let toks = &view.tokens.tokens;
    let (first, last) = (rel.first as usize, rel.last as usize);
    // "self-healing", "non-healing": not a relation; "pain-relieving" is one, read as a noun
    // after its object, and so is a state after its object ("pain-free").
    if first > 0
        && hyphenated(view, text, first)
        && !(rel.noun_after && view.tokens.norm_of(first).ends_with("ing"))
        && !rel.state
        && !joined_to_adverb(view, first)
    {
        return false;
    }
    if view
        .hits_of_opt(sets.non_claim_head)
        .any(|h| h.first as usize == last + 1)
    {
        return false;
    }
    // "lower-extremity joint conditions": a verb joined by a hyphen to the next word is part of
    // a compound adjective, not a verb.
    if first == last
        && !(rel.noun || rel.noun_after || rel.state || rel.property)
        && last + 1 < toks.len()
        && hyphenated(view, text, last + 1)
    {
        return false;
    }
    let word = |t: usize| view.tokens.norm_of(t);
    let determiner = |t: usize| {
        matches!(
            word(t),
            "a" | "an"
                | "the"
                | "this"
                | "these"
                | "those"
                | "their"
                | "its"
                | "our"
                | "your"
                | "his"
                | "her"
                | "my"
                | "any"
                | "each"
                | "every"
                | "some"
        )
    };
    let adjective = |t: usize| {
        let w = word(t);
        // Places care is given end like adjectives: "the injections at our clinic regenerate".
        let place = matches!(w, "clinic" | "hospital" | "dispensary" | "apothecary");
        !place
            && ["al", "ic", "ive", "ous", "ful", "less", "ent", "ant", "ary"]
                .iter()
                .any(|end| w.ends_with(end) && w.len() > 4)
    };
    if (rel.benefit_verb || rel.disease_verb) && !rel.noun && !rel.property {
        let w = word(first);
        // The determiner first: it spares most verbs the look-up of their base.
        if first > 0
            && (determiner(first - 1)
                || (first > 1 && adjective(first - 1) && determiner(first - 2)))
            && rel.first == rel.last
            && lex.index.verb_base(w) == w
        {
            return false;
        }
    }
    // "ways of managing it", "tips for easing": a gerund after a noun of options names the
    // options talked through, not an outcome claimed; "an effective way of treating it" says
    // that one works.
    let praised = |t: usize| praised_at(view, t as u32);
    let options = |t: usize| {
        matches!(
            word(t),
            "options"
                | "ways"
                | "strategies"
                | "tips"
                | "techniques"
                | "methods"
                | "approaches"
                // "an essential part of treating your tinnitus": a stage of care, not a result.
                | "part"
                | "step"
                | "steps"
                | "aspect"
        ) && !praised(t)
    };
    if word(first).ends_with("ing")
        && first > 1
        && matches!(word(first - 1), "of" | "for")
        && (options(first - 2) || (word(first - 2) == "way" && !praised(first - 2)))
    {
        return false;
    }
    // "options to help alleviate your tinnitus", "ways to ease the pain": the same ("the best
    // way to prevent the flu" is a purpose, read as one).
    if (first >= 2 && word(first - 1) == "to" && options(first - 2))
        || (first >= 3
            && word(first - 1) == "help"
            && word(first - 2) == "to"
            && options(first - 3))
    {
        return false;
    }
    // "before starting any supplement for memory": any one of a kind, none sold.
    if rel.noun && first > 0 && matches!(word(first - 1), "any" | "every" | "each") {
        return false;
    }
    if rel.noun {
        // "an overview of treatments for", "an article on remedies for".
        let mut words = 0;
        for t in (0..first).rev() {
            if toks[t].kind == TokenKind::Punct {
                break;
            }
            // "thousands of patients have found relief from": a verb between ends the noun
            // phrase the relation is in.
            if matches!(
                word(t),
                "have"
                    | "has"
                    | "had"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "get"
                    | "gets"
                    | "got"
                    | "find"
                    | "finds"
                    | "found"
                    | "offer"
                    | "offers"
                    | "provide"
                    | "provides"
                    | "give"
                    | "gives"
                    | "bring"
                    | "brings"
                    | "enjoy"
                    | "enjoyed"
                    | "experience"
                    | "experienced"
                    | "can"
                    | "will"
            ) {
                break;
            }
            // "the first line of defence against" is no overview of one.
            let line_of = word(t) == "of" && t > 0 && word(t - 1) == "line";
            if matches!(word(t), "of" | "on" | "about" | "regarding" | "into") && !line_of {
                return false;
            }
            words += 1;
            if words > 4 {
                break;
            }
        }
    }
    true
}
