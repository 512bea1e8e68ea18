//! Reading the claims of a document, sentence by sentence.

use super::sets::ClaimSets;
use super::{Claim, Excuse, Form, Object, ObjectKind, Signals, Subject, SubjectKind};
use crate::document::Document;
use crate::rules::context::{Lexicon, SentenceView};
use crate::text::phrase::{Hit, SetId, SetMask};
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
        "for"
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

/// What a sentence's neighbours say, for the reader.
#[derive(Clone, Debug, Default)]
struct Around {
    /// Whether the next sentence of the block answers yes ("Can X help? Yes!").
    answered: bool,
    /// A product or service the paragraph names: (kind, words).
    block_topic: Option<SubjectKind>,
    /// Whether the paragraph says the evidence is lacking.
    block_disclaims: bool,
    /// Whether the page sells something.
    page_promotes: bool,
    /// Whether the paragraph tells a story in the first person.
    story: bool,
}

/// Every sentence's claims, in the order of `sentences` (the analysed sentences of `doc`);
/// `block_disclaims` says whether a block says the evidence is lacking.
pub fn read_document(
    doc: &Document,
    sentences: &[SentenceView],
    lexicon: &Lexicon,
    block_disclaims: &dyn Fn(usize) -> bool,
) -> Vec<Vec<Claim>> {
    let sets = &lexicon.claim;
    let relations = lexicon.claim_relations;
    let mut out = vec![Vec::new(); sentences.len()];
    if !sentences.iter().any(|v| v.sets.may_intersect(&relations)) {
        return out;
    }
    let texts: Vec<&str> = sentences
        .iter()
        .map(|v| doc.sentence_text(&doc.sentences[v.index]))
        .collect();
    let page_promotes = page_promotes(sentences, &texts, sets);
    // Per block: the first product it names, worked out only for blocks with a relation.
    let mut topic: Vec<Option<Option<SubjectKind>>> = vec![None; doc.blocks.len()];
    let mut story: Vec<Option<bool>> = vec![None; doc.blocks.len()];
    // The views of each block, which are consecutive.
    let mut block_views = vec![(0usize, 0usize); doc.blocks.len()];
    for (i, v) in sentences.iter().enumerate().rev() {
        let range = &mut block_views[doc.sentences[v.index].block as usize];
        if range.1 == 0 {
            range.1 = i + 1;
        }
        range.0 = i;
    }
    let views_of = |b: usize| &sentences[block_views[b].0..block_views[b].1];
    for (i, v) in sentences.iter().enumerate() {
        if !v.sets.may_intersect(&relations) {
            continue;
        }
        let sentence = &doc.sentences[v.index];
        let b = sentence.block as usize;
        let next = sentences
            .get(i + 1)
            .filter(|n| doc.sentences[n.index].block == sentence.block);
        let block_topic =
            *topic[b].get_or_insert_with(|| views_of(b).iter().find_map(|v| topic_of(v, sets)));
        let around = Around {
            answered: next.is_some_and(|n| n.answers_yes(lexicon)),
            block_topic,
            block_disclaims: block_disclaims(b),
            page_promotes,
            story: *story[b].get_or_insert_with(|| {
                views_of(b)
                    .iter()
                    .any(|v| v.hits_of_opt(sets.first_person).next().is_some())
            }),
        };
        out[i] = read_sentence(v, texts[i], lexicon, &around, &relations);
    }
    out
}

/// Whether a page sells something: a call to action, a price or a trademark sign anywhere, or
/// the business speaking ("we", "our") in two sentences or more.
fn page_promotes(views: &[SentenceView], texts: &[&str], sets: &ClaimSets) -> bool {
    let mut business = 0;
    for (v, text) in views.iter().zip(texts) {
        if v.hits_of_opt(sets.promotion).next().is_some() || has_price(text) {
            return true;
        }
        if v.hits_of_opt(sets.business).next().is_some() {
            business += 1;
            if business >= 2 {
                return true;
            }
        }
    }
    false
}

/// A currency sign before a number: "$99", "£295.00", "€ 40".
fn has_price(text: &str) -> bool {
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
fn topic_of(view: &SentenceView, sets: &ClaimSets) -> Option<SubjectKind> {
    let inside_conventional = |h: &Hit| {
        view.hits_of_opt(sets.conventional)
            .any(|c| c.first <= h.first && h.last <= c.last)
    };
    view.hits.iter().find_map(|h| {
        subject_kind(sets, h.set).filter(|k| k.is_promoted() && !inside_conventional(h))
    })
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

fn subject_kind(sets: &ClaimSets, set: SetId) -> Option<SubjectKind> {
    let s = Some(set);
    if s == sets.high_risk {
        Some(SubjectKind::HighRisk)
    } else if s == sets.therapy {
        Some(SubjectKind::Therapy)
    } else if s == sets.product {
        Some(SubjectKind::Product)
    } else if s == sets.business {
        Some(SubjectKind::Business)
    } else if s == sets.pronoun {
        Some(SubjectKind::Pronoun)
    } else {
        None
    }
}

/// A relation found in a sentence, with every role its words may play.
#[derive(Copy, Clone, Debug, Default)]
struct Relation {
    first: u32,
    last: u32,
    disease_verb: bool,
    benefit_verb: bool,
    noun: bool,
    noun_after: bool,
    state: bool,
    property: bool,
    /// An adjective of a better function ("enhanced healing") or a smaller symptom ("less
    /// pain").
    up: bool,
    down: bool,
}

impl Relation {
    /// Take on `other`'s roles too: the same words in another vocabulary.
    fn join(&mut self, other: &Relation) {
        self.disease_verb |= other.disease_verb;
        self.benefit_verb |= other.benefit_verb;
        self.noun |= other.noun;
        self.noun_after |= other.noun_after;
        self.state |= other.state;
        self.property |= other.property;
        self.up |= other.up;
        self.down |= other.down;
    }
}

/// The relations of a sentence, leftmost-longest without overlaps; relations inside a harm
/// phrase ("increases the risk of") are not relations of benefit.
fn relations(view: &SentenceView, sets: &ClaimSets, mask: &SetMask) -> Vec<Relation> {
    let mut found: Vec<Relation> = Vec::new();
    for h in &view.hits {
        // Most hits are of other vocabularies: one test of the mask passes them by.
        if !mask.may_contain(h.set) {
            continue;
        }
        let s = Some(h.set);
        let mut r = Relation {
            first: h.first,
            last: h.last,
            ..Relation::default()
        };
        if s == sets.relation_disease {
            r.disease_verb = true;
        } else if s == sets.relation_benefit {
            r.benefit_verb = true;
        } else if s == sets.relation_noun {
            r.noun = true;
        } else if s == sets.relation_noun_after {
            r.noun_after = true;
        } else if s == sets.relation_state {
            r.state = true;
        } else if s == sets.property {
            r.property = true;
        } else if s == sets.outcome_up {
            r.up = true;
        } else if s == sets.outcome_down {
            r.down = true;
        } else {
            continue;
        }
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
    // Leftmost-longest: "protect your liver" over "protect".
    found.sort_by_key(|r| (r.first, std::cmp::Reverse(r.last)));
    let mut kept: Vec<Relation> = Vec::with_capacity(found.len());
    for r in found {
        match kept.last_mut() {
            Some(k) if r.first <= k.last => {
                // Same start, shorter: its roles join the longer one's.
                if r.first == k.first {
                    k.disease_verb |= r.disease_verb;
                    k.benefit_verb |= r.benefit_verb;
                    k.state |= r.state;
                }
            }
            _ => kept.push(r),
        }
    }
    kept
}

/// Whether a noun of relation only names a treatment ("disc repair", "cancer treatment").
fn neutral_noun(view: &SentenceView, sets: &ClaimSets, rel: &Relation) -> bool {
    view.hits_of_opt(sets.treatment_noun)
        .any(|h| h.first == rel.first && h.last == rel.last)
}

/// Most words of a label that names what a product is for ("FOR ERECTILE DYSFUNCTION").
const LABEL_WORDS: usize = 8;

/// A label that is only "for" and a health object ("For Relief of Aching Knees", "For
/// better sleep"): what the product is for, said for it. The object comes within three
/// words; a sentence with a comma, or people after "for" ("For parents of children with
/// asthma"), is not a label.
fn label_for(view: &SentenceView, sets: &ClaimSets) -> Option<Relation> {
    let toks = &view.tokens.tokens;
    let lead = view.hits_of_opt(sets.label_start).find(|h| h.first == 0)?;
    let words = toks.iter().filter(|t| t.kind == TokenKind::Word).count();
    let comma = (0..toks.len()).any(|t| view.tokens.norm_of(t) == ",");
    if words > LABEL_WORDS || comma {
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

/// Whether a capitalised relation inside an ordinary sentence is part of a title or a name
/// ("a study titled Treatment of …"): after a lowercase word, or among three capitalised
/// words in a row.
fn in_title(view: &SentenceView, text: &str, at: u32) -> bool {
    let toks = &view.tokens.tokens;
    let initial = |t: usize| {
        text[toks[t].start as usize..toks[t].end as usize]
            .chars()
            .next()
    };
    let capital =
        |t: usize| toks[t].kind == TokenKind::Word && initial(t).is_some_and(char::is_uppercase);
    let at = at as usize;
    if opens_clause(view, at as u32)
        || at == 0
        || toks[at - 1].kind != TokenKind::Word
        || !capital(at)
    {
        return false;
    }
    let prev_lowercase = (0..at)
        .rev()
        .find(|&t| toks[t].kind == TokenKind::Word)
        .is_some_and(|t| initial(t).is_some_and(char::is_lowercase));
    let mut run = 1;
    let mut t = at;
    while t > 0
        && (capital(t - 1) || toks[t - 1].kind == TokenKind::Punct && t > 1 && capital(t - 2))
    {
        run += usize::from(capital(t - 1));
        t -= 1;
    }
    let mut t = at;
    while t + 1 < toks.len() && capital(t + 1) {
        run += 1;
        t += 1;
    }
    prev_lowercase || run >= 3
}

/// Whether a verb's past form is used as an adjective: "NCI-supported trials", "with reduced
/// amounts", "limited joint movement". A past form is a verb after an auxiliary ("has
/// improved", "was shown to"), a pronoun, or right after a product or service ("our treatment
/// relieved"); otherwise, and always in a hyphenated compound, an adjective.
fn adjectival_participle(view: &SentenceView, lex: &Lexicon, text: &str, rel: &Relation) -> bool {
    let toks = &view.tokens.tokens;
    let at = rel.first as usize;
    if !past_form(lex, view.tokens.norm_of(at)) {
        return false;
    }
    if at > 0 && &text[toks[at - 1].end as usize..toks[at].start as usize] == "-" {
        return true;
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
        ) || view
            .hits
            .iter()
            .any(|h| h.last as usize == t && subject_kind(&lex.claim, h.set).is_some())
    });
    !verbal
}

/// Whether a relation states a purpose: "to relieve" right after a product or after a verb
/// of use ("patients take the capsules to improve their sleep", "trained to use
/// massage to relieve neck pain"), or "for the treatment of".
fn purpose(view: &SentenceView, sets: &ClaimSets, rel: &Relation) -> bool {
    let at = rel.first as usize;
    let word = |t: usize| view.tokens.norm_of(t);
    // "for the (prophylactic) treatment of": what something is used for.
    if rel.noun
        && matches!(
            word(at),
            "treatment" | "treatments" | "prevention" | "management"
        )
        && (1..=3).any(|k| at >= k && word(at - k) == "for")
    {
        return true;
    }
    if at < 2 || word(at - 1) != "to" {
        return false;
    }
    let before = at - 2;
    matches!(
        word(before),
        "use"
            | "used"
            | "uses"
            | "using"
            | "take"
            | "takes"
            | "took"
            | "taking"
            | "trained"
            | "prescribed"
            | "given"
            | "recommended"
            | "applied"
            | "injected"
            | "administered"
    ) || view.hits.iter().any(|h| {
        h.last as usize == before
            && matches!(
                subject_kind(sets, h.set),
                Some(SubjectKind::Therapy | SubjectKind::Product | SubjectKind::HighRisk)
            )
    })
}

/// Whether a claim is the condition of an "if", "unless" or "whether" before it in its
/// clause, its subject after that word: "if a certain tea helps prevent colds, …" (but not "if your child has ADHD they may benefit from CBD").
fn hypothetical(view: &SentenceView, first: u32, subject: Subject) -> bool {
    let Subject::Named { first: s, .. } = subject else {
        return false;
    };
    (0..s).any(|t| {
        view.same_clause(t, first)
            && matches!(view.tokens.norm_of(t as usize), "if" | "unless" | "whether")
    })
}

/// Whether a relation is in double quotation marks of its own, outside a headline:
/// the tonic is said to "cure" … (in a headline, quotes only stress a word).
fn scare_quoted(view: &SentenceView, text: &str, rel: &Relation, headline: bool) -> bool {
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

/// Whether `word` is a verb's past form ("treated", "shown"): a form of a `~verb` that is
/// neither its base, its third person, nor its -ing form.
fn past_form(lex: &Lexicon, word: &str) -> bool {
    lex.index.verb_base(word) != word && !word.ends_with('s') && !word.ends_with("ing")
}

/// The word before token `at`, passing over adverbs ("has greatly improved").
fn word_before(view: &SentenceView, at: u32) -> Option<u32> {
    (0..at).rev().find(|&t| {
        view.tokens.tokens[t as usize].kind == TokenKind::Word
            && !filler_adverb(view.tokens.norm_of(t as usize))
    })
}

/// Whether token `t` is the first word of its clause.
fn opens_clause(view: &SentenceView, t: u32) -> bool {
    (0..t)
        .all(|u| !view.same_clause(u, t) || view.tokens.tokens[u as usize].kind != TokenKind::Word)
}

/// A verb's past participle after a form of "be": "can be treated", "is relieved".
fn passive(view: &SentenceView, lex: &Lexicon, rel: &Relation) -> bool {
    past_form(lex, view.tokens.norm_of(rel.first as usize))
        && word_before(view, rel.first).is_some_and(|t| {
            matches!(
                view.tokens.norm_of(t as usize),
                "be" | "been" | "being" | "is" | "are" | "was" | "were" | "get" | "gets" | "got"
            )
        })
}

/// "Lowers blood pressure", "controls blood sugar": a claim to lower or control a measure of
/// a disease is about the disease; to keep it healthy ("maintain healthy cholesterol") is not.
fn marker_claim(
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
fn reads_as_relation(view: &SentenceView, lex: &Lexicon, text: &str, rel: &Relation) -> bool {
    let sets = &lex.claim;
    let toks = &view.tokens.tokens;
    let (first, last) = (rel.first as usize, rel.last as usize);
    if first > 0 && &text[toks[first - 1].end as usize..toks[first].start as usize] == "-" {
        return false;
    }
    if view
        .hits_of_opt(sets.non_claim_head)
        .any(|h| h.first as usize == last + 1)
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
        ["al", "ic", "ive", "ous", "ful", "less", "ent", "ant", "ary"]
            .iter()
            .any(|end| w.ends_with(end) && w.len() > 4)
    };
    if (rel.benefit_verb || rel.disease_verb) && !rel.noun && !rel.property {
        let w = word(first);
        let base = rel.first == rel.last && lex.index.verb_base(w) == w;
        if base
            && first > 0
            && (determiner(first - 1)
                || (first > 1 && adjective(first - 1) && determiner(first - 2)))
        {
            return false;
        }
    }
    if rel.noun {
        // "an overview of treatments for", "an article on remedies for".
        let mut words = 0;
        for t in (0..first).rev() {
            if toks[t].kind == TokenKind::Punct {
                break;
            }
            if matches!(word(t), "of" | "on" | "about" | "regarding" | "into") {
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

/// The object that starts at token `t` (the longest), classified.
fn object_at(view: &SentenceView, sets: &ClaimSets, t: u32) -> Option<Object> {
    let longest = starting_at(view, t)
        .iter()
        .filter(|h| is_object_set(sets, h.set))
        .map(|h| h.last)
        .max()?;
    Some(Object {
        first: t,
        last: longest,
        kind: classify(view, sets, t, longest)?,
    })
}

/// The hits that start at token `t` (hits are ordered by their first token).
fn starting_at(view: &SentenceView, t: u32) -> &[Hit] {
    let from = view.hits.partition_point(|h| h.first < t);
    let to = view.hits.partition_point(|h| h.first <= t);
    &view.hits[from..to]
}

fn is_object_set(sets: &ClaimSets, set: SetId) -> bool {
    ClaimSets::is(
        set,
        &[
            sets.condition,
            sets.serious,
            sets.minor,
            sets.body,
            sets.function,
            sets.pathogen,
        ],
    )
}

/// What the words `first..=last` name, from the object hits inside them.
fn classify(view: &SentenceView, sets: &ClaimSets, first: u32, last: u32) -> Option<ObjectKind> {
    // Hits are ordered by their first token: those inside start in `first..=last`.
    let from = view.hits.partition_point(|h| h.first < first);
    let to = view.hits.partition_point(|h| h.first <= last);
    let inside = || view.hits[from..to].iter().filter(|h| h.last <= last);
    let any = |set: Option<SetId>| inside().any(|h| Some(h.set) == set);
    // "chronic back pain": its head is an everyday symptom.
    let whole = |set: Option<SetId>| inside().any(|h| Some(h.set) == set && h.last == last);
    Some(if any(sets.serious) {
        ObjectKind::Serious
    } else if any(sets.pathogen) {
        ObjectKind::Pathogen
    } else if whole(sets.minor) {
        ObjectKind::Symptom
    } else if any(sets.condition) {
        ObjectKind::Disease
    } else if any(sets.minor) {
        ObjectKind::Symptom
    } else if any(sets.function) {
        ObjectKind::Function
    } else if any(sets.body) {
        ObjectKind::Body
    } else {
        return None;
    })
}

/// The object after a verb or noun: the first health object within a few words, in its
/// clause, before a preposition, a punctuation mark or another clause. "Symptoms of asthma"
/// is about asthma.
fn object_after(view: &SentenceView, sets: &ClaimSets, rel: &Relation) -> Option<Object> {
    let toks = &view.tokens.tokens;
    let mut words = 0;
    let mut t = rel.last + 1;
    // The clause the object is looked for in: the relation's, or the list a lead word opens.
    let mut clause_of = rel.first;
    // "offered for: […] migraines": a relation ending in "for" may open a list too.
    let mut lead = matches!(view.tokens.norm_of(rel.last as usize), "for")
        || list_lead(view.tokens.norm_of(rel.last as usize));
    while (t as usize) < toks.len() && view.same_clause(t, clause_of) {
        if let Some(o) = object_at(view, sets, t) {
            return Some(more_specific(view, sets, o));
        }
        // "for people suffering with gout": the people are not the object.
        if let Some(end) = view
            .hits_of_opt(sets.sufferer)
            .filter(|h| h.first == t)
            .map(|h| h.last)
            .max()
        {
            t = end + 1;
            continue;
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
            TokenKind::Punct if !matches!(norm, "-" | "'" | "/" | "&") => return None,
            TokenKind::Punct => {}
            TokenKind::Word => {
                let such_as =
                    norm == "as" && t > 0 && view.tokens.norm_of(t as usize - 1) == "such";
                if such_as || list_lead(norm) {
                    lead = true;
                } else if object_barrier(norm) {
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

/// Words that open a list of what a relation is about ("conditions such as", "including").
fn list_lead(word: &str) -> bool {
    matches!(
        word,
        "include" | "includes" | "including" | "like" | "following"
    )
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
    if t >= n || view.tokens.norm_of(t as usize) != "of" {
        return o;
    }
    t += 1;
    // A determiner or two: "of the", "of your".
    for _ in 0..2 {
        if t < n
            && matches!(
                view.tokens.norm_of(t as usize),
                "the" | "your" | "a" | "an" | "this" | "these" | "their" | "all" | "many"
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
fn object_before(view: &SentenceView, sets: &ClaimSets, rel: &Relation) -> Option<Object> {
    let mut words = 0;
    let mut t = rel.first;
    while t > 0 {
        t -= 1;
        if !view.same_clause(t, rel.first) {
            return None;
        }
        if let Some(o) = view
            .hits
            .iter()
            .filter(|h| h.last == t && is_object_set(sets, h.set))
            .min_by_key(|h| h.first)
            .and_then(|h| {
                Some(Object {
                    first: h.first,
                    last: h.last,
                    kind: classify(view, sets, h.first, h.last)?,
                })
            })
        {
            return Some(o);
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

/// The object just before a noun of relation ("hangover relief"), or the object phrase that
/// ends with it ("immune support").
fn object_adjacent(view: &SentenceView, sets: &ClaimSets, rel: &Relation) -> Option<Object> {
    view.hits
        .iter()
        .filter(|h| {
            is_object_set(sets, h.set)
                && ((h.last + 1 == rel.first) || (h.last == rel.last && h.first < rel.first))
        })
        .min_by_key(|h| h.first)
        .and_then(|h| {
            Some(Object {
                first: h.first,
                last: h.last.min(rel.first.saturating_sub(1)).max(h.first),
                kind: classify(view, sets, h.first, h.last)?,
            })
        })
}

/// Per token, whether it is a word that cannot be a claim's subject: punctuation, numbers,
/// grammar words ("the", "can", "to") and the open-class fillers of `subject-filler` ("helps",
/// "naturally", "proven").
fn filler(view: &SentenceView, sets: &ClaimSets) -> Vec<bool> {
    let mut out: Vec<bool> = (0..view.tokens.tokens.len())
        .map(|i| {
            let norm = view.tokens.norm_of(i);
            view.tokens.tokens[i].kind == TokenKind::Punct
                || norm.bytes().next().is_some_and(|b| b.is_ascii_digit())
                || grammar_filler(norm)
        })
        .collect();
    for h in view.hits_of_opt(sets.subject_filler) {
        for f in &mut out[h.first as usize..=h.last as usize] {
            *f = true;
        }
    }
    out
}

/// Grammar words (articles, auxiliaries, conjunctions, a few adverbs of degree and time) that
/// stand before a verb without being its subject. Closed-class words, so kept here rather
/// than matched in every sentence as a vocabulary.
fn grammar_filler(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "to"
            | "can"
            | "could"
            | "will"
            | "would"
            | "may"
            | "might"
            | "also"
            | "now"
            | "even"
            | "just"
            | "then"
            | "both"
            | "does"
            | "do"
            | "did"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "how"
    )
}

/// Adverbs that may stand between an auxiliary and its verb ("has greatly improved").
fn filler_adverb(word: &str) -> bool {
    word.ends_with("ly")
        || matches!(
            word,
            "also" | "not" | "never" | "already" | "just" | "even" | "still"
        )
}

/// How a sentence is written: most of its words capitalised (a headline or a label), most of
/// its letters capitals.
#[derive(Copy, Clone, Debug)]
struct Case {
    headline: bool,
    mostly_caps: bool,
}

impl Case {
    fn of(view: &SentenceView, text: &str) -> Case {
        let (mut lower, mut letters) = (0, 0);
        if text.is_ascii() {
            // Most sentences: a byte test, not a Unicode table lookup per letter.
            for b in text.bytes() {
                lower += usize::from(b.is_ascii_lowercase());
                letters += usize::from(b.is_ascii_alphabetic());
            }
        } else {
            for c in text.chars() {
                lower += usize::from(c.is_lowercase());
                letters += usize::from(c.is_alphabetic());
            }
        }
        Case {
            headline: is_headline(view, text),
            mostly_caps: lower * 2 < letters,
        }
    }
}

/// Whether most of a sentence's words are capitalised (a headline or a label).
fn is_headline(view: &SentenceView, text: &str) -> bool {
    let (mut words, mut capital) = (0, 0);
    for t in &view.tokens.tokens {
        let w = &text[t.start as usize..t.end as usize];
        // Fewer than three characters: by bytes when ASCII, which most words are.
        let short = if w.is_ascii() {
            w.len() < 3
        } else {
            w.chars().count() < 3
        };
        if t.kind != TokenKind::Word || short {
            continue;
        }
        words += 1;
        capital += usize::from(w.chars().next().is_some_and(char::is_uppercase));
    }
    words >= 2 && capital * 5 >= words * 3
}

/// The subject of a relation starting at token `at`: the nearest product, service, business
/// or pronoun before it in its clause; else a name the text capitalises; none when only
/// fillers precede it. Standard care nearer the verb than any of these makes it education.
fn subject(
    view: &SentenceView,
    sets: &ClaimSets,
    text: &str,
    at: u32,
    filler: &[bool],
    case: Case,
) -> Subject {
    let conventional: Vec<&Hit> = view.hits_of_opt(sets.conventional).collect();
    let inside_conventional = |h: &Hit| {
        conventional
            .iter()
            .any(|c| c.first <= h.first && h.last <= c.last)
    };
    // "this region", "these nerves": a demonstrative before a noun is its determiner, not a
    // pronoun standing for what the page sells ("this can help", "these really work").
    let determiner = |h: &Hit| {
        h.first == h.last
            && matches!(view.tokens.norm_of(h.first as usize), "this" | "these")
            && h.last + 1 < at
            && view.tokens.tokens[h.last as usize + 1].kind == TokenKind::Word
            && !filler[h.last as usize + 1]
            && !filler_adverb(view.tokens.norm_of(h.last as usize + 1))
            && !matches!(
                view.tokens.norm_of(h.last as usize + 1),
                "has" | "have" | "had" | "was" | "were" | "must" | "should" | "shall"
            )
    };
    let named = view
        .hits
        .iter()
        .filter(|h| h.last < at && view.same_clause(h.first, at))
        .filter_map(|h| subject_kind(sets, h.set).map(|k| (k, h)))
        .filter(|(_, h)| !inside_conventional(h) && !determiner(h))
        .max_by_key(|(k, h)| (h.last, std::cmp::Reverse(*k), std::cmp::Reverse(h.first)));
    let nearest_conventional = conventional
        .iter()
        .filter(|c| c.last < at && view.same_clause(c.first, at))
        .filter(|c| named.is_none_or(|(_, h)| !(h.first <= c.first && c.last <= h.last)))
        .map(|c| c.last)
        .max();
    if let Some((kind, h)) = named
        && nearest_conventional.is_none_or(|c| c < h.first)
    {
        return Subject::Named {
            kind,
            first: h.first,
            last: h.last,
        };
    }
    let brand = brand(view, sets, text, at, filler, case);
    if let Some(c) = nearest_conventional {
        // "Vita Flow is a therapy that …": the name stands before the standard care.
        return match brand {
            Some(b @ Subject::Named { last, .. }) if last < c => b,
            _ => Subject::Unknown,
        };
    }
    if let Some(b) = brand {
        return b;
    }
    // "By sealing the tear, the fibrin barrier …": a subject after a fronted phrase.
    let after = view
        .hits
        .iter()
        .filter(|h| h.first > at && view.same_clause(h.first, at))
        .filter_map(|h| {
            subject_kind(sets, h.set)
                .filter(|k| k.is_promoted())
                .map(|k| (k, h))
        })
        .filter(|(_, h)| !inside_conventional(h))
        .min_by_key(|(k, h)| (h.first, std::cmp::Reverse(h.last), *k));
    let fronted = (0..at).any(|t| {
        view.same_clause(t, at) && matches!(view.tokens.norm_of(t as usize), "by" | "thanks")
    });
    if fronted && let Some((kind, h)) = after {
        return Subject::Named {
            kind,
            first: h.first,
            last: h.last,
        };
    }
    unnamed(view, sets, at, filler, case.headline)
}

/// The subject of a relation no vocabulary names: none when only fillers precede the verb in
/// its clause (a label, an imperative); unknown otherwise, and for a purpose ("to fight
/// infections") unless in a headline ("How to …").
fn unnamed(
    view: &SentenceView,
    sets: &ClaimSets,
    at: u32,
    filler: &[bool],
    headline: bool,
) -> Subject {
    let toks = &view.tokens.tokens;
    let words_before: Vec<u32> = (0..at)
        .filter(|&t| view.same_clause(t, at) && toks[t as usize].kind == TokenKind::Word)
        .collect();
    let purpose = match words_before[..] {
        [.., before, to] => {
            view.tokens.norm_of(to as usize) == "to"
                && !matches!(
                    view.tokens.norm_of(before as usize),
                    "help"
                        | "helps"
                        | "helping"
                        | "helped"
                        | "shown"
                        | "proven"
                        | "proved"
                        | "designed"
                        | "formulated"
                        | "able"
                        | "known"
                        | "used"
                        | "way"
                        | "ways"
                        | "how"
                )
        }
        // "To prevent falls, the doctor …" is a purpose; ".... to soothe sore muscles." with
        // nothing after it is a label.
        [to] => {
            let opens_sentence = (0..to).all(|t| toks[t as usize].kind != TokenKind::Word);
            view.tokens.norm_of(to as usize) == "to"
                && (!opens_sentence
                    || (at as usize..toks.len()).any(|t| view.tokens.norm_of(t) == ","))
        }
        [] => false,
    };
    if purpose && !headline {
        return Subject::Unknown;
    }
    // "Your body already knows how to heal": the body is the subject.
    let last = (0..at)
        .rev()
        .find(|&t| view.same_clause(t, at) && !filler[t as usize]);
    if let Some(t) = last
        && view.hits.iter().any(|h| {
            h.first <= t
                && t <= h.last
                && (Some(h.set) == sets.body || Some(h.set) == sets.function)
        })
    {
        return Subject::Body;
    }
    if (0..at).any(|t| view.same_clause(t, at) && !filler[t as usize]) {
        Subject::Unknown
    } else {
        Subject::Absent
    }
}

/// A product name before the verb in its clause: a word followed by a trademark sign, a word
/// in capitals in a sentence that is not, or a capitalised word that does not start its
/// clause in an ordinary sentence ("Thanks to Flexirol there is no need …").
fn brand(
    view: &SentenceView,
    sets: &ClaimSets,
    text: &str,
    at: u32,
    filler: &[bool],
    case: Case,
) -> Option<Subject> {
    let Case {
        headline,
        mostly_caps,
    } = case;
    let toks = &view.tokens.tokens;
    let word_of = |t: u32| &text[toks[t as usize].start as usize..toks[t as usize].end as usize];
    let before: Vec<u32> = (0..at)
        .filter(|&t| view.same_clause(t, at) && !filler[t as usize])
        .collect();
    let &last = before.last()?;
    let is_object = |t: u32| {
        view.hits
            .iter()
            .any(|h| h.first <= t && t <= h.last && is_object_set(sets, h.set))
    };
    let word = word_of(last);
    let trademark = toks.get(last as usize + 1).is_some_and(|t| {
        t.kind == TokenKind::Punct && matches!(&text[t.start as usize..t.end as usize], "™" | "®")
    });
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = letters >= 3 && word.chars().all(|c| !c.is_lowercase());
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let at_name = !is_object(last)
        && (trademark
            || (all_caps && !mostly_caps)
            || (capitalised && !opens_clause(view, last) && !headline && !all_caps));
    let name_end = if at_name {
        last
    } else if headline || mostly_caps {
        return None;
    } else {
        // Near the verb: a name far back in a long clause is rarely what makes the claim.
        *before.iter().rev().take(5).find(|&&t| {
            let w = word_of(t);
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            letters >= 3
                && !opens_clause(view, t)
                && w.chars().next().is_some_and(char::is_uppercase)
                && (letters > 4 || w.chars().any(char::is_lowercase))
                && !matches!(
                    w,
                    "Dr" | "Mr" | "Mrs" | "Ms" | "Doctor" | "Professor" | "The"
                )
                && !is_object(t)
        })?
    };
    let start = before
        .iter()
        .rev()
        .skip_while(|&&t| t > name_end)
        .take_while(|&&t| word_of(t).chars().next().is_some_and(char::is_uppercase))
        .last()
        .copied()
        .unwrap_or(name_end);
    Some(Subject::Named {
        kind: SubjectKind::Brand,
        first: start,
        last: name_end,
    })
}

fn read_sentence(
    view: &SentenceView,
    text: &str,
    lex: &Lexicon,
    around: &Around,
    relation_sets: &SetMask,
) -> Vec<Claim> {
    let sets = &lex.claim;
    let rels = relations(view, sets, relation_sets);
    if rels.is_empty() {
        return Vec::new();
    }
    // First the relations that have something to claim about; most sentences stop here.
    let mut candidates: Vec<(&Relation, Form, Option<Object>, bool)> = Vec::new();
    for rel in &rels {
        let adjectival =
            (rel.benefit_verb || rel.disease_verb) && adjectival_participle(view, lex, text, rel);
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
        let reported_experience = modifier
            && rel.first > 0
            && matches!(
                view.tokens.norm_of(rel.first as usize - 1),
                "report"
                    | "reports"
                    | "reported"
                    | "experience"
                    | "experienced"
                    | "experiences"
                    | "feel"
                    | "felt"
                    | "notice"
                    | "noticed"
                    | "see"
                    | "saw"
                    | "had"
                    | "have"
                    | "has"
                    | "described"
                    | "describe"
            );
        if reported_experience {
            continue;
        }
        let (form, object) = if modifier {
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
            if drug {
                continue;
            }
            (Form::Property, None)
        } else if rel.disease_verb || rel.benefit_verb {
            match object_after(view, sets, rel) {
                Some(o) => (Form::Verb, Some(marker_claim(view, sets, lex, rel, o))),
                // The passive: "knee injuries that can be treated with PRP".
                None if passive(view, lex, rel) => match object_before(view, sets, rel) {
                    Some(o) => (Form::State, Some(o)),
                    None => (Form::Verb, None),
                },
                None if rel.state => match object_before(view, sets, rel) {
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
                None if rel.noun_after => match object_adjacent(view, sets, rel) {
                    Some(o) if !neutral_noun(view, sets, rel) || o.kind.is_disease() => {
                        (Form::NounAfter, Some(o))
                    }
                    _ => (Form::Verb, None),
                },
                None => (Form::Verb, None),
            }
        } else if rel.noun {
            match object_after(view, sets, rel) {
                Some(o) => (Form::Noun, Some(o)),
                None => continue,
            }
        } else if rel.noun_after {
            if view
                .hits_of_opt(sets.non_claim_head)
                .any(|h| h.first == rel.last + 1)
            {
                continue;
            }
            match object_adjacent(view, sets, rel) {
                Some(o) if !neutral_noun(view, sets, rel) || o.kind.is_disease() => {
                    (Form::NounAfter, Some(o))
                }
                _ => continue,
            }
        } else {
            match object_before(view, sets, rel) {
                Some(o) => (Form::State, Some(o)),
                None => continue,
            }
        };
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
        let alone = view
            .hits_of_opt(sets.outcome_alone)
            .any(|h| h.first == rel.first);
        // No rule takes a claim with no health object, but a property or a treatment's own
        // verb of repair: read no further.
        if object.is_none() && form != Form::Property && !alone {
            continue;
        }
        candidates.push((rel, form, object, alone));
    }
    // "speeds muscle recovery": a noun of relation inside another claim's object is part of
    // that object.
    let objects: Vec<(u32, u32)> = candidates
        .iter()
        .filter_map(|c| c.2.map(|o| (o.first, o.last)))
        .collect();
    candidates.retain(|(rel, ..)| {
        !objects
            .iter()
            .any(|&(a, b)| a <= rel.first && rel.last <= b)
    });
    if candidates.is_empty() {
        return Vec::new();
    }
    let filler = filler(view, sets);
    let case = Case::of(view, text);
    let headline = case.headline;
    let has = |set: Option<SetId>| view.hits_of_opt(set).next().is_some();
    let approved = has(sets.approved_use);
    let rhetorical = view.rhetorical(lex);

    let first_word = view
        .tokens
        .tokens
        .iter()
        .position(|t| t.kind == TokenKind::Word)
        .map(|i| view.tokens.norm_of(i));
    // "How can X help your joints?" presupposes that it does.
    let presupposes = matches!(first_word, Some("how" | "what" | "which"))
        && !view.tokens.norm.contains("whether");
    let asked = view.question && !rhetorical && !around.answered && !presupposes;
    let signals = Signals {
        business: has(sets.business),
        selling: has(sets.promotion) || has_price(text),
        hype: false,
        intensifier: false,
        exclamation: text.contains('!'),
        address: false,
        address_sentence: false,
        headline,
    };
    let sentence_topic = topic_of(view, sets);
    // Tokens that address the reader ("your immune system"), for each claim's clause.
    let address_clauses: Vec<u32> = (0..view.tokens.tokens.len() as u32)
        .filter(|&t| matches!(view.tokens.norm_of(t as usize), "your" | "you" | "yourself"))
        .collect();
    let mut claims = Vec::new();
    // "to relieve neck pain and improve posture": the second verb shares the
    // first one's purpose.
    let mut purposes: Vec<bool> = candidates
        .iter()
        .map(|(rel, ..)| purpose(view, sets, rel))
        .collect();
    for i in 1..candidates.len() {
        let (prev, rel) = (candidates[i - 1].0, candidates[i].0);
        let joined = rel.first > 0
            && matches!(view.tokens.norm_of(rel.first as usize - 1), "and" | "or")
            && view.same_clause(prev.first, rel.first);
        if joined && purposes[i - 1] {
            purposes[i] = true;
        }
    }
    for ((rel, form, object, alone), purpose) in candidates.into_iter().zip(purposes) {
        let subject = match form {
            Form::State => Subject::Unknown,
            _ => subject(view, sets, text, rel.first, &filler, case),
        };
        if !headline && in_title(view, text, rel.first) {
            continue;
        }
        let (first, last) = (rel.first, rel.last);
        let in_clause = |set| {
            view.hits_of_opt(set)
                .any(|h| view.same_clause(h.first, first))
        };
        let mut claim = Claim {
            form,
            alone,
            drastic: view.hits_of_opt(sets.drastic).any(|h| h.first == first),
            neutral_noun: neutral_noun(view, sets, rel)
                || (form == Form::Modified && view.tokens.norm_of(first as usize) == "better"),
            risk: (first..=last).any(|t| {
                matches!(
                    view.tokens.norm_of(t as usize),
                    "risk" | "risks" | "chance" | "chances" | "likelihood"
                )
            }),
            property_noun: form == Form::Property
                && view
                    .hits_of_opt(sets.property_noun)
                    .any(|h| h.first > last && h.first <= last + 4),
            purpose,
            first,
            last,
            object,
            subject,
            topic: sentence_topic.or(around.block_topic),
            topic_in_sentence: sentence_topic.is_some(),
            as_evidence: false,
            hedge: None,
            excuse: None,
            booster: view.booster(lex, first, last).map(|c| c.hit),
            signals: Signals {
                address: address_clauses.iter().any(|&t| view.same_clause(t, first)),
                address_sentence: !address_clauses.is_empty(),
                hype: in_clause(sets.hype),
                intensifier: in_clause(sets.intensifier),
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
        } else if view.reported(lex, first).is_some()
            || lead.is_some_and(|colon| view.reported(lex, colon).is_some())
        {
            Some(Excuse::Reported)
        } else if approved {
            Some(Excuse::ApprovedUse)
        } else if around.block_disclaims {
            Some(Excuse::EvidenceDisclaimed)
        } else {
            None
        };
        // "Studies show that PRP rebuilds cartilage": a source, then a verb of evidence.
        claim.as_evidence = view.hits_of_opt(sets.evidence_source).any(|s| {
            view.hits_of_opt(sets.evidence_verb)
                .any(|v| s.last < v.first && v.last < first && view.same_clause(s.first, first))
        });
        claim.hedge = view
            .hedge(lex, first, last)
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
    claims
}
