//! Word-level readings the claim reader shares: fillers between a verb and its subject,
//! past forms, clause openings, titles and headlines, purposes and hypotheticals.

use super::sets::{ClaimSets, RoleHits};
use super::{Object, ObjectKind, Relation, Subject};
use crate::rules::context::{Lexicon, SentenceView};
use crate::text::phrase::Hit;
use crate::text::tokenize::TokenKind;

/// Whether a capitalised relation inside an ordinary sentence is part of a title or a name
/// ("a study titled Treatment of …"): after a lowercase word, or among three capitalised
/// words in a row, counted back over the "of", "on" and "for" of a name ("the Commission on
/// Dementia Prevention", "the Centers for Disease Control").
pub(super) fn in_title(view: &SentenceView, text: &str, at: u32) -> bool {
    let toks = &view.tokens.tokens;
    let initial = |t: usize| {
        text[toks[t].start as usize..toks[t].end as usize]
            .chars()
            .next()
    };
    let capital =
        |t: usize| toks[t].kind == TokenKind::Word && initial(t).is_some_and(char::is_uppercase);
    let at = at as usize;
    // The capital first: most relations are written in lowercase, and the clause's opening
    // is looked for only for the rest.
    if at == 0
        || !capital(at)
        || toks[at - 1].kind != TokenKind::Word
        || opens_clause(view, at as u32)
    {
        return false;
    }
    let prev_lowercase = (0..at)
        .rev()
        .find(|&t| toks[t].kind == TokenKind::Word)
        .is_some_and(|t| initial(t).is_some_and(char::is_lowercase));
    let mut run = 1;
    let mut t = at;
    let joins_name = |t: usize| {
        toks[t].kind == TokenKind::Punct || matches!(view.tokens.norm_of(t), "of" | "on" | "for")
    };
    while t > 0 && (capital(t - 1) || t > 1 && joins_name(t - 1) && capital(t - 2)) {
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

/// Whether a relation states a purpose: "to relieve" right after a product or after a verb
/// of use ("patients take the capsules to improve their sleep", "trained to use
/// massage to relieve neck pain"), or "for the treatment of".
pub(super) fn purpose(
    view: &SentenceView,
    lex: &Lexicon,
    sets: &ClaimSets,
    roles: &RoleHits,
    rel: &Relation,
) -> bool {
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
    // "used to help decrease pain": the purpose is the helping.
    let at = if at >= 3 && word(at - 1) == "help" && word(at - 2) == "to" {
        at - 1
    } else {
        at
    };
    // "to find and treat the cause": a verb joined to the infinitive before it shares its
    // purpose.
    let at = if at >= 4 && matches!(word(at - 1), "and" | "or") && word(at - 3) == "to" {
        at - 2
    } else {
        at
    };
    if at < 2 || word(at - 1) != "to" {
        return false;
    }
    // "given slowly to reduce": an adverb between the verb and its purpose.
    let before = if at >= 3 && word(at - 2).ends_with("ly") {
        at - 3
    } else {
        at - 2
    };
    // "Our mission is to improve the health of our community", "the aim of the treatment is
    // to …": an aim, not a result.
    if before >= 1
        && matches!(word(before), "is" | "was")
        && (before.saturating_sub(4)..before).any(|t| {
            view.same_clause(t as u32, rel.first)
                && matches!(
                    word(t),
                    "mission"
                        | "goal"
                        | "goals"
                        | "aim"
                        | "aims"
                        | "purpose"
                        | "vision"
                        | "commitment"
                        | "passion"
                        | "job"
                        | "objective"
                )
        })
    {
        return true;
    }
    // "the best way to prevent the flu is to get vaccinated", "ways to ease back pain": the
    // means is named apart, unless the sentence names something sold ("elderberry syrup is
    // the best way to prevent the flu").
    if matches!(word(before), "way" | "ways") {
        return !roles
            .subjects
            .iter()
            .any(|(h, kind)| kind.is_sold() && !inside_standard_care(view, sets, h));
    }
    // "the chiropractor applies gentle force to the spine to realign the vertebrae": a
    // verb of technique earlier in the clause makes the infinitive its purpose.
    let technique = (0..before).any(|t| {
        view.same_clause(t as u32, rel.first)
            && matches!(
                word(t),
                "apply"
                    | "applies"
                    | "applied"
                    | "applying"
                    | "perform"
                    | "performs"
                    | "performed"
                    | "performing"
            )
    });
    technique
        || matches!(
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
        )
        || roles.subjects.iter().any(|&(h, kind)| {
            h.last as usize == before && kind.is_sold() && !heads_label(view, lex, h.first)
        })
}

/// Whether a product named from token `first` heads the sentence as a label's subject: at
/// its start, or after one word that is no verb ("Regenerative PRP Therapy to Relieve Joint
/// Pain", "CBD Oil to Ease Anxiety"). Its "to …" is then what the label promises, not the
/// purpose of a use ("patients take the capsules to improve their sleep", "Try PRP to …").
fn heads_label(view: &SentenceView, lex: &Lexicon, first: u32) -> bool {
    first == 0 || (first == 1 && !lex.index.is_verb_form(view.tokens.norm_of(0)))
}

/// Whether a claim is the condition of an "if", "unless" or "whether" before it in its
/// clause, its subject after that word: "if a certain tea helps prevent colds, …" (but not "if your child has ADHD they may benefit from CBD").
pub(super) fn hypothetical(view: &SentenceView, first: u32, subject: Subject) -> bool {
    let Subject::Named { first: s, .. } = subject else {
        return false;
    };
    (0..s).any(|t| {
        view.same_clause(t, first)
            && matches!(view.tokens.norm_of(t as usize), "if" | "unless" | "whether")
    })
}

/// Whether `word` is a verb's past form ("treated", "shown"): a form of a `~verb` that is
/// neither its base, its third person, nor its -ing form.
pub(super) fn past_form(lex: &Lexicon, word: &str) -> bool {
    // The endings first: they spare most words the look-up.
    !word.ends_with('s') && !word.ends_with("ing") && lex.index.verb_base(word) != word
}

/// Whether a healthy habit follows token `last` in its clause as the means ("with these
/// exercises", "by walking every day").
pub(super) fn by_habit(view: &SentenceView, sets: &ClaimSets, case: &Case, last: u32) -> bool {
    view.hits_of_opt(sets.habit).any(|h| {
        // "with no dieting and no exercise": a habit the promise spares you is no means.
        let spared =
            h.first > 0 && matches!(view.tokens.norm_of(h.first as usize - 1), "no" | "without");
        // "with Revival Hydration": a capital before the habit's word, outside a title-case
        // headline, makes it part of a name.
        let named = !case.headline
            && h.first > 0
            && case
                .text
                .as_bytes()
                .get(view.tokens.tokens[h.first as usize - 1].start as usize)
                .is_some_and(u8::is_ascii_uppercase);
        let spared = spared || named;
        h.first > last
            && !spared
            && view.same_clause(last, h.first)
            && (last + 1..h.first).any(|t| {
                matches!(
                    view.tokens.norm_of(t as usize),
                    "with" | "by" | "through" | "doing"
                )
            })
    })
}

/// Whether object `o` is named by a word of standard care before it ("conventional cancer
/// treatment", "standard migraine care"): the noun after it names what doctors give, not a
/// product's promise.
pub(super) fn standard_care_named(view: &SentenceView, o: Object) -> bool {
    o.first > 0
        && matches!(
            view.tokens.norm_of(o.first as usize - 1),
            "conventional" | "standard" | "mainstream" | "usual" | "established" | "recommended"
        )
}

/// Whether object `o` is a word for conditions in general ("we treat conditions of the foot"):
/// said by the people of a clinic, the scope of their care rather than a claim.
pub(super) fn scope_of_care(view: &SentenceView, o: Object) -> bool {
    o.first == o.last
        && matches!(
            view.tokens.norm_of(o.first as usize),
            "conditions"
                | "condition"
                | "ailments"
                | "disorders"
                | "problems"
                | "issues"
                | "complaints"
                | "illnesses"
                | "diseases"
                | "injuries"
        )
}

/// Whether the object `o` of a noun of relation is followed by the options it names:
/// "treatments for back pain include …", "remedies for colds range from …".
pub(super) fn lists_options(view: &SentenceView, o: Object) -> bool {
    let next = o.last as usize + 1;
    next < view.tokens.tokens.len()
        && matches!(
            view.tokens.norm_of(next),
            "include" | "includes" | "including" | "range" | "vary" | "differ" | "depend"
        )
}

/// Whether `word` is a possessive determiner ("your body", "their joints").
pub(super) fn possessive(word: &str) -> bool {
    matches!(
        word,
        "my" | "your" | "his" | "her" | "its" | "our" | "their"
    )
}

/// Whether hit `h` lies inside a hit of standard care or a healthy habit ("stem cell
/// transplant", "a flu shot", "daily walks"): what it names is then not what a page sells.
/// Read from the hits each time rather than collected: few sentences have any, and their mask
/// says so without a scan.
pub(super) fn inside_standard_care(view: &SentenceView, sets: &ClaimSets, h: &Hit) -> bool {
    view.hits_of_opt(sets.conventional)
        .chain(view.hits_of_opt(sets.habit))
        .any(|c| c.first <= h.first && h.last <= c.last)
}

/// Whether the word before token `at` is "and" or "or": a verb joined to the one before it.
pub(super) fn after_and(view: &SentenceView, at: u32) -> bool {
    at > 0 && matches!(view.tokens.norm_of(at as usize - 1), "and" | "or")
}

/// The word before token `at`, passing over adverbs ("has greatly improved").
pub(super) fn word_before(view: &SentenceView, at: u32) -> Option<u32> {
    (0..at).rev().find(|&t| {
        view.tokens.tokens[t as usize].kind == TokenKind::Word
            && !filler_adverb(view.tokens.norm_of(t as usize))
    })
}

/// Whether the body part `o` stands after a preposition ("marks on the skin"): it then names
/// where something else is, and a relative clause after it ("… that fade") is that thing's.
pub(super) fn placed_body(view: &SentenceView, o: Object) -> bool {
    o.kind == ObjectKind::Body
        && (0..o.first)
            .rev()
            .map(|t| view.tokens.norm_of(t as usize))
            .find(|w| !matches!(*w, "the" | "a" | "an") && !possessive(w))
            .is_some_and(|w| {
                matches!(
                    w,
                    "on" | "in"
                        | "of"
                        | "around"
                        | "under"
                        | "over"
                        | "across"
                        | "at"
                        | "near"
                        | "behind"
                        | "inside"
                        | "along"
                )
            })
}

/// Whether token `t` is the first word of its clause.
pub(super) fn opens_clause(view: &SentenceView, t: u32) -> bool {
    (0..t)
        .all(|u| !view.same_clause(u, t) || view.tokens.tokens[u as usize].kind != TokenKind::Word)
}

/// Per token, whether it is a word that cannot be a claim's subject: punctuation, numbers,
/// grammar words ("the", "can", "to") and the open-class fillers of `subject-filler` ("helps",
/// "naturally", "proven"); for the tokens before `upto`, into `out` (a buffer kept from
/// sentence to sentence).
pub(super) fn filler_into(view: &SentenceView, sets: &ClaimSets, upto: usize, out: &mut Vec<bool>) {
    out.clear();
    out.extend((0..upto.min(view.tokens.tokens.len())).map(|i| {
        let norm = view.tokens.norm_of(i);
        view.tokens.tokens[i].kind == TokenKind::Punct
            || norm.bytes().next().is_some_and(|b| b.is_ascii_digit())
            || grammar_filler(norm)
    }));
    for h in view.hits_of_opt(sets.subject_filler) {
        let words = h.first as usize..(h.last as usize + 1).min(out.len());
        for f in out.get_mut(words).unwrap_or_default() {
            *f = true;
        }
    }
}

/// Grammar words (articles, auxiliaries, conjunctions, a few adverbs of degree and time) that
/// stand before a verb without being its subject. Closed-class words, so kept here rather
/// than matched in every sentence as a vocabulary.
fn grammar_filler(word: &str) -> bool {
    auxiliary(word)
        || matches!(
            word,
            "the"
                | "a"
                | "an"
                | "and"
                | "or"
                | "to"
                | "also"
                | "now"
                | "even"
                | "just"
                | "then"
                | "both"
                | "being"
                | "how"
        )
}

/// Modal auxiliaries and the forms of "do" and "be" that stand before a verb: neither a claim's
/// subject ([`grammar_filler`]) nor absent from a sentence with a verb ([`finite_verb`]).
fn auxiliary(word: &str) -> bool {
    matches!(
        word,
        "can"
            | "could"
            | "will"
            | "would"
            | "may"
            | "might"
            | "do"
            | "does"
            | "did"
            | "is"
            | "are"
            | "be"
            | "been"
    )
}

/// Adverbs that may stand between an auxiliary and its verb ("has greatly improved").
pub(super) fn filler_adverb(word: &str) -> bool {
    word.ends_with("ly")
        || matches!(
            word,
            "also"
                | "not"
                | "never"
                | "already"
                | "just"
                | "even"
                | "still"
                | "well"
                | "very"
                | "often"
        )
}

/// How a sentence is written: most of its words capitalised (a headline or a label), most of
/// its letters capitals.
#[derive(Debug)]
pub(super) struct Case<'t> {
    pub(super) headline: bool,
    text: &'t str,
    /// Counted only when a brand is looked for: most sentences with a claim never ask.
    mostly_caps: std::cell::OnceCell<bool>,
}

impl<'t> Case<'t> {
    pub(super) fn of(view: &SentenceView, text: &'t str) -> Case<'t> {
        Case {
            headline: is_headline(view, text),
            text,
            mostly_caps: std::cell::OnceCell::new(),
        }
    }

    /// Whether most of its letters are capitals.
    pub(super) fn mostly_caps(&self) -> bool {
        *self.mostly_caps.get_or_init(|| {
            let text = self.text;
            let (lower, letters) = ascii_letters(text.as_bytes()).unwrap_or_else(|| {
                let (mut lower, mut letters) = (0, 0);
                for c in text.chars() {
                    lower += usize::from(c.is_lowercase());
                    letters += usize::from(c.is_alphabetic());
                }
                (lower, letters)
            });
            lower * 2 < letters
        })
    }
}

/// The high bit of every byte, and one in every byte, for reading eight bytes at a time.
const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// How many of the bytes of an ASCII text are lowercase letters, and how many are letters;
/// `None` when a byte is not ASCII. Eight bytes at a time (most sentences are ASCII): this
/// replaces two tests and two additions per byte with about three instructions per byte.
fn ascii_letters(bytes: &[u8]) -> Option<(usize, usize)> {
    // Per byte below 0x80, the high bit set when it is in `lo..=hi` (no lane carries).
    let in_range = |x: u64, lo: u8, hi: u8| {
        x.wrapping_add(ONES * u64::from(0x80 - lo))
            & !x.wrapping_add(ONES * u64::from(0x7F - hi))
            & HIGH
    };
    // The number of lanes whose high bit is set: the lanes' ones summed into the top byte.
    let lanes = |mask: u64| ((mask >> 7).wrapping_mul(ONES) >> 56) as usize;
    let (chunks, rest) = bytes.as_chunks::<8>();
    let (mut lower, mut letters) = (0, 0);
    for chunk in chunks {
        let x = u64::from_le_bytes(*chunk);
        if x & HIGH != 0 {
            return None;
        }
        let small = in_range(x, b'a', b'z');
        lower += lanes(small);
        letters += lanes(small | in_range(x, b'A', b'Z'));
    }
    for &b in rest {
        if !b.is_ascii() {
            return None;
        }
        lower += usize::from(b.is_ascii_lowercase());
        letters += usize::from(b.is_ascii_alphabetic());
    }
    Some((lower, letters))
}

/// Whether most of a sentence's words are capitalised (a headline or a label), or it is a
/// bare label of a few words in any case ("better sleep", "Improved circulation:"), as a
/// list of benefits has them.
fn is_headline(view: &SentenceView, text: &str) -> bool {
    is_capitalised(view, text) || is_short_label(view)
}

/// Whether the sentence is two to four words with nothing after them but a colon: no verb
/// phrase that short is a sentence of prose.
fn is_short_label(view: &SentenceView) -> bool {
    let tokens = &view.tokens.tokens;
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
    let marks_ok = tokens.iter().enumerate().all(|(i, t)| {
        t.kind == TokenKind::Word || (i + 1 == tokens.len() && view.tokens.norm_of(i) == ":")
    });
    (2..=4).contains(&words) && marks_ok
}

/// Whether most of a sentence's words are capitalised.
fn is_capitalised(view: &SentenceView, text: &str) -> bool {
    let (mut words, mut capital) = (0, 0);
    let tokens = &view.tokens.tokens;
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        let (start, end) = (t.start as usize, t.end as usize);
        // Words of fewer than three characters do not count. Most words start with three
        // ASCII letters, which answer both questions from their bytes without decoding.
        let initial_capital = match &text.as_bytes()[start..end] {
            short if short.len() < 3 => continue,
            [a, b, c, ..] if (a | b | c).is_ascii() => a.is_ascii_uppercase(),
            _ => {
                let mut chars = text[start..end].chars();
                let initial = chars.next();
                if chars.nth(1).is_none() {
                    continue;
                }
                initial.is_some_and(char::is_uppercase)
            }
        };
        words += 1;
        capital += usize::from(initial_capital);
        // Most sentences are not headlines, and their small words soon say so: with every
        // token left a capitalised word, three in five would still not be reached.
        let lowercase = words - capital;
        if !initial_capital && lowercase * 3 > (capital + tokens.len() - 1 - i) * 2 {
            return false;
        }
    }
    words >= 2 && capital * 5 >= words * 3
}

/// Whether the word after token `last` is a finite verb, or an adverb of frequency before one,
/// that the words up to `last` are the subject of ("remedies have", "remedies do not",
/// "relief is", "remedies often …").
pub(super) fn names_a_kind(view: &SentenceView, last: u32) -> bool {
    let next = last as usize + 1;
    next < view.tokens.tokens.len()
        && matches!(
            view.tokens.norm_of(next),
            "have"
                | "has"
                | "are"
                | "is"
                | "were"
                | "was"
                | "do"
                | "does"
                | "don't"
                | "doesn't"
                | "can"
                | "cannot"
                | "can't"
                | "may"
                | "might"
                | "will"
                | "won't"
                | "tend"
                | "often"
                | "usually"
                | "generally"
                | "rarely"
                | "seldom"
                // What the kind is made of or costs: "Allergy drops contain extracts of …".
                | "contain"
                | "contains"
                | "consist"
                | "consists"
                | "cost"
                | "costs"
        )
}

/// Whether the word before token `first` (or before an adverb of degree there: "reported
/// slightly better sleep") reports an experience: "patients reported less pain".
pub(super) fn reports_experience(view: &SentenceView, first: u32) -> bool {
    let before = match first {
        0 => return false,
        1 => 0,
        f if view.tokens.norm_of(f as usize - 1).ends_with("ly") => f - 2,
        f => f - 1,
    };
    matches!(
        view.tokens.norm_of(before as usize),
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
    )
}

/// Most words of a tagline.
const TAGLINE_WORDS: usize = 8;

/// Whether the sentence is a tagline: a few words and no finite verb ("Fast, lasting relief
/// for sciatica.", "Your answer to chronic migraines.", "Experience freedom from allergies
/// this spring."). Like a headline or a label, it names what a product brings. A word is
/// taken for a finite verb when it is an auxiliary or a common verb of description, or a
/// form of a verb the packs know other than its base and its "-ing" form: one ending in "s"
/// anywhere, any other after the first word ("Proven relief …" is a tagline, "Our patients
/// found relief …" is not).
pub(super) fn is_tagline(view: &SentenceView, lex: &Lexicon) -> bool {
    let mut words = 0;
    for (i, t) in view.tokens.tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        words += 1;
        let w = view.tokens.norm_of(i);
        let verb_form = || {
            (w.ends_with('s') || (words > 1 && !w.ends_with("ing"))) && lex.index.verb_base(w) != w
        };
        if words > TAGLINE_WORDS || finite_verb(w) || verb_form() {
            return false;
        }
    }
    words > 0
}

/// Auxiliaries, forms of "be" and "have", and verbs that describe rather than claim ("Relief
/// for sciatica includes …", "Treatment for back pain means …").
fn finite_verb(word: &str) -> bool {
    auxiliary(word)
        || matches!(
            word,
            "was"
                | "were"
                | "am"
                | "has"
                | "have"
                | "had"
                | "must"
                | "shall"
                | "should"
                | "includes"
                | "include"
                | "included"
                | "means"
                | "depends"
                | "varies"
                | "vary"
                | "comes"
                | "needs"
                | "need"
                | "takes"
                | "requires"
                | "involves"
                | "starts"
                | "begins"
        )
}

/// Whether a noun of relation promises what a tagline sells ("relief", "a remedy", "the
/// answer", "freedom from", "an ally against"), rather than naming care or help anyone may
/// give ("Treatment for sciatica", "Support for people with dementia"); or is "ideal" or
/// "perfect" for those who suffer ("Ideal for anyone suffering from neuropathy", not "ideal
/// for people with coeliac disease"); or is said to work ("Effective treatment for …").
pub(super) fn promising_noun(view: &SentenceView, rel: &Relation, object: Option<Object>) -> bool {
    let word = |t: u32| view.tokens.norm_of(t as usize);
    let promise = (rel.first..=rel.last).any(|t| {
        matches!(
            word(t),
            "relief"
                | "remedy"
                | "remedies"
                | "solution"
                | "solutions"
                | "answer"
                | "secret"
                | "trick"
                | "fix"
                | "cure"
                | "cures"
                | "freedom"
                | "ally"
                | "allies"
                | "weapon"
                | "weapons"
        )
    });
    let for_sufferers = || {
        matches!(word(rel.first), "ideal" | "perfect")
            && object.is_some_and(|o| {
                (rel.last + 1..o.first).any(|t| {
                    matches!(
                        word(t),
                        "suffering" | "sufferers" | "suffer" | "struggling" | "battling"
                    )
                })
            })
    };
    // "Effective Treatment for Coronavirus", "Proven relief for …", "Increased protection
    // from …": a noun of care the label says works.
    let works = || rel.first > 0 && praises_label_care(word(rel.first - 1));
    promise || for_sufferers() || works()
}

/// Whether every word before token `first` is a filler (see [`filler_into`]) or says that
/// the care at `first` works ("Effective Treatment for …", "Cost Effective Treatment for …").
pub(super) fn only_says_it_works(view: &SentenceView, filler: &[bool], first: u32) -> bool {
    (0..first as usize).all(|t| {
        let w = view.tokens.norm_of(t);
        filler[t]
            || view.tokens.tokens[t].kind == TokenKind::Punct
            || praises_label_care(w)
            || w == "cost"
    })
}

/// Whether the word right before token `t` says that what follows works ("an effective way of
/// treating", "an effective back pain treatment").
pub(super) fn praised_at(view: &SentenceView, t: u32) -> bool {
    t > 0 && says_it_works(view.tokens.norm_of(t as usize - 1))
}

/// Whether an adjective before a noun of care says that the care works ("Effective
/// treatment for …", "lasting relief").
fn says_it_works(word: &str) -> bool {
    matches!(
        word,
        "effective" | "proven" | "powerful" | "lasting" | "permanent" | "guaranteed"
    )
}

/// Whether `word`, before a label's noun of care, says the care works ([`says_it_works`]) or
/// works better than others would: "Increased protection from the flu", "Dramatic relief of
/// angina". (Words of speed, "instant relief", are boosters of the claim instead.)
fn praises_label_care(word: &str) -> bool {
    says_it_works(word)
        || matches!(
            word,
            "increased" | "enhanced" | "improved" | "dramatic" | "total" | "complete" | "maximum"
        )
}

/// Whether `word` names the risk or chance of something ("reduces the risk of", "lower
/// chances of"): what a claim about it lowers is the disease that follows.
pub(super) fn names_risk(word: &str) -> bool {
    matches!(
        word,
        "risk" | "risks" | "chance" | "chances" | "likelihood" | "incidence"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain count [`ascii_letters`] must agree with.
    fn plain_letters(text: &str) -> (usize, usize) {
        let lower = text.bytes().filter(u8::is_ascii_lowercase).count();
        let letters = text.bytes().filter(u8::is_ascii_alphabetic).count();
        (lower, letters)
    }

    #[test]
    fn letters_are_counted_eight_bytes_at_a_time_as_one_by_one() {
        let texts = [
            "",
            "a",
            "PRP Relieves Knee Pain!",
            "@[`{ AZaz 09 ~\x7f",
            "FIBRIN SEALS THE TEAR; results vary (in some patients) -- 100% natural.",
        ];
        for text in texts {
            assert_eq!(
                ascii_letters(text.as_bytes()),
                Some(plain_letters(text)),
                "{text}"
            );
        }
        // Every byte below 0x80, in each lane position.
        let all: String = (0u8..128).map(char::from).collect();
        for skip in 0..8 {
            let text = &all[skip..];
            assert_eq!(ascii_letters(text.as_bytes()), Some(plain_letters(text)));
        }
        assert_eq!(ascii_letters("café au lait".as_bytes()), None);
        assert_eq!(ascii_letters("cafe au lait, s’il".as_bytes()), None);
    }

    #[test]
    fn a_tagline_is_a_few_words_with_no_finite_verb() {
        let registry = crate::rules::Registry::builtin().unwrap_or_else(|e| panic!("{}", e[0]));
        let lex = &registry.lexicon;
        let tagline = |text: &str| is_tagline(&SentenceView::analyse(0, text, false, lex), lex);
        for text in [
            "Fast, lasting relief for sciatica.",
            "Proven relief for sore knees.",
            "Experience freedom from allergies this spring.",
        ] {
            assert!(tagline(text), "{text}");
        }
        for text in [
            "Relief for sciatica depends on its cause.",
            "Our balm relieves sore knees.",
            "Our patients found relief from sciatica.",
            "Relief is possible.",
            "Fast relief for sore knees, stiff shoulders, aching hips and tired feet after a long day.",
        ] {
            assert!(!tagline(text), "{text}");
        }
    }
}
