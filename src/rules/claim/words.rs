//! Word-level readings the claim reader shares: fillers between a verb and its subject,
//! past forms, clause openings, titles and headlines, purposes and hypotheticals.

use super::sets::ClaimSets;
use super::{Relation, Subject, SubjectKind};
use crate::rules::context::{Lexicon, SentenceView};
use crate::text::phrase::SetId;
use crate::text::tokenize::TokenKind;

pub(super) fn subject_kind(sets: &ClaimSets, set: SetId) -> Option<SubjectKind> {
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

/// Whether a capitalised relation inside an ordinary sentence is part of a title or a name
/// ("a study titled Treatment of …"): after a lowercase word, or among three capitalised
/// words in a row.
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

/// Whether a relation states a purpose: "to relieve" right after a product or after a verb
/// of use ("patients take the capsules to improve their sleep", "trained to use
/// massage to relieve neck pain"), or "for the treatment of".
pub(super) fn purpose(view: &SentenceView, sets: &ClaimSets, rel: &Relation) -> bool {
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
    lex.index.verb_base(word) != word && !word.ends_with('s') && !word.ends_with("ing")
}

/// The word before token `at`, passing over adverbs ("has greatly improved").
pub(super) fn word_before(view: &SentenceView, at: u32) -> Option<u32> {
    (0..at).rev().find(|&t| {
        view.tokens.tokens[t as usize].kind == TokenKind::Word
            && !filler_adverb(view.tokens.norm_of(t as usize))
    })
}

/// Whether token `t` is the first word of its clause.
pub(super) fn opens_clause(view: &SentenceView, t: u32) -> bool {
    (0..t)
        .all(|u| !view.same_clause(u, t) || view.tokens.tokens[u as usize].kind != TokenKind::Word)
}

/// Per token, whether it is a word that cannot be a claim's subject: punctuation, numbers,
/// grammar words ("the", "can", "to") and the open-class fillers of `subject-filler` ("helps",
/// "naturally", "proven").
pub(super) fn filler(view: &SentenceView, sets: &ClaimSets) -> Vec<bool> {
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
pub(super) fn filler_adverb(word: &str) -> bool {
    word.ends_with("ly")
        || matches!(
            word,
            "also" | "not" | "never" | "already" | "just" | "even" | "still"
        )
}

/// How a sentence is written: most of its words capitalised (a headline or a label), most of
/// its letters capitals.
#[derive(Copy, Clone, Debug)]
pub(super) struct Case {
    pub(super) headline: bool,
    pub(super) mostly_caps: bool,
}

impl Case {
    pub(super) fn of(view: &SentenceView, text: &str) -> Case {
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
