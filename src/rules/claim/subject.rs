//! Who makes a claim: a named product or treatment, the business, a pronoun, a brand, or no
//! one named (a headline or label).

use super::sets::{ClaimSets, ObjectSets, RoleHits};
use super::words::{Case, filler_adverb, inside_standard_care, opens_clause, possessive};
use super::{Subject, SubjectKind};
use crate::rules::context::SentenceView;
use crate::text::phrase::{Hit, NO_WORD};
use crate::text::tokenize::TokenKind;

/// Whether a hit of "us" is the country: written "US", or after "the" ("approved in the US").
fn the_country(view: &SentenceView, text: &str, h: &Hit) -> bool {
    let t = view.tokens.tokens[h.first as usize];
    h.first == h.last
        && view.tokens.norm_of(h.first as usize) == "us"
        && (&text[t.start as usize..t.end as usize] == "US"
            || (h.first > 0 && view.tokens.norm_of(h.first as usize - 1) == "the"))
}

/// Whether token `t` opens its phrase after a preposition of place, with or without "the"
/// ("in the US", "across Europe", "at CV-12").
fn in_place_phrase(view: &SentenceView, t: u32) -> bool {
    let place = |k: u32| {
        t >= k
            && matches!(
                view.tokens.norm_of((t - k) as usize),
                "in" | "across" | "throughout" | "within" | "outside" | "from" | "at"
            )
    };
    place(1) || (t >= 2 && view.tokens.norm_of(t as usize - 1) == "the" && place(2))
}

/// The subject of a relation starting at token `at`: the nearest product, service, business
/// or pronoun before it in its clause; else a name the text capitalises; none when only
/// fillers precede it. Standard care nearer the verb than any of these makes it education.
pub(super) fn subject(
    view: &SentenceView,
    sets: &ClaimSets,
    roles: &RoleHits,
    text: &str,
    at: u32,
    filler: &[bool],
    case: &Case,
) -> Subject {
    let conventional = || {
        view.hits_of_opt(sets.conventional)
            .chain(view.hits_of_opt(sets.habit))
    };
    let inside_conventional = |h: &Hit| inside_standard_care(view, sets, h);
    if relative_to_body(view, roles, at, filler) {
        return Subject::Body;
    }
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
    let named = roles
        .subjects
        .iter()
        .filter(|(h, _)| h.last < at)
        .map(|(h, k)| (*k, h))
        .filter(|(_, h)| view.same_clause(h.first, at))
        .filter(|(_, h)| !inside_conventional(h) && !determiner(h) && !the_country(view, text, h))
        .max_by_key(|(k, h)| (h.last, std::cmp::Reverse(*k), std::cmp::Reverse(h.first)));
    // "cupping therapy", "reflexology treatments": a generic head after a named therapy is
    // part of its name, not standard care.
    let head_of_named = |c: &Hit| {
        c.first == c.last
            && matches!(
                view.tokens.norm_of(c.first as usize),
                "therapy" | "therapies" | "treatment" | "treatments"
            )
            && named.is_some_and(|(_, h)| h.last + 1 == c.first)
    };
    let head = conventional().find(|c| c.last < at && head_of_named(c));
    let nearest = conventional()
        .filter(|c| c.last < at && view.same_clause(c.first, at))
        .filter(|c| named.is_none_or(|(_, h)| !(h.first <= c.first && c.last <= h.last)))
        .filter(|c| head.is_none_or(|h| h.first != c.first))
        // The nearest, and of those ending there the widest ("physical therapy", not "therapy").
        .max_by_key(|c| (c.last, std::cmp::Reverse(c.first)));
    let nearest_conventional = nearest.map(|c| c.last);
    if let Some((kind, h)) = named
        && nearest_conventional.is_none_or(|c| c < h.first)
    {
        return Subject::Named {
            kind,
            first: h.first,
            last: head.map_or(h.last, |c| c.last),
        };
    }
    let brand = brand(view, roles, text, at, filler, case);
    if let Some(c) = nearest_conventional {
        // "Cupping is a traditional treatment that promotes …": a generic word of
        // care after "is" names what the subject before it is.
        if let (Some((kind, h)), Some(n)) = (named, nearest)
            && generic_care(view, n)
            && (h.last + 1..n.first).any(|t| {
                matches!(view.tokens.norm_of(t as usize), "is" | "are")
                    && matches!(view.tokens.norm_of(t as usize + 1), "a" | "an" | "one")
                    && n.first <= t + 6
                    && view.same_clause(t, n.first)
            })
        {
            return Subject::Named {
                kind,
                first: h.first,
                last: h.last,
            };
        }
        // "Vita Flow is a therapy that …": the name stands before the standard care.
        return match brand {
            Some(b @ Subject::Named { last, .. }) if last < c => b,
            // "Decompression therapy is the answer …": a generic head after a word no
            // vocabulary knows may name what the page sells.
            _ if nearest.is_some_and(|h| generic_care(view, h)) => Subject::Unknown,
            _ => Subject::Standard,
        };
    }
    if let Some(b) = brand {
        return b;
    }
    // "By sealing the tear, the fibrin barrier …": a subject after a fronted phrase.
    let after = roles
        .subjects
        .iter()
        .filter(|(h, _)| h.first > at && view.same_clause(h.first, at))
        .filter(|(_, k)| k.is_promoted())
        .map(|(h, k)| (*k, h))
        .filter(|(_, h)| !inside_conventional(h))
        .min_by_key(|(k, h)| (h.first, std::cmp::Reverse(h.last), *k));
    // Read only when a subject stands after the verb (rarely).
    let fronted = || {
        (0..at).any(|t| {
            view.same_clause(t, at) && matches!(view.tokens.norm_of(t as usize), "by" | "thanks")
        })
    };
    if let Some((kind, h)) = after
        && fronted()
    {
        return Subject::Named {
            kind,
            first: h.first,
            last: h.last,
        };
    }
    unnamed(view, roles, at, filler, case.headline)
}

/// Whether the verb at `at` follows a relative pronoun that stands for a part of the body
/// ("the nerves, which control digestion"): the body part is then its subject,
/// not what an earlier clause named.
fn relative_to_body(view: &SentenceView, roles: &RoleHits, at: u32, filler: &[bool]) -> bool {
    let toks = &view.tokens.tokens;
    let Some(pronoun) = (0..at).rev().find(|&t| !filler[t as usize]) else {
        return false;
    };
    if !matches!(view.tokens.norm_of(pronoun as usize), "which" | "that") {
        return false;
    }
    let Some(before) = (0..pronoun)
        .rev()
        .find(|&u| toks[u as usize].kind == TokenKind::Word)
    else {
        return false;
    };
    in_body(roles, before)
}

/// Whether token `t` lies inside a body part or function among the objects.
fn in_body(roles: &RoleHits, t: u32) -> bool {
    bodily(roles).any(|h| h.first <= t && t <= h.last)
}

/// The hits of body parts and functions among a sentence's objects ("your liver", "blood
/// flow"): what the body is or does, which may be a verb's subject rather than its object.
fn bodily(roles: &RoleHits) -> impl Iterator<Item = &Hit> + '_ {
    roles
        .objects
        .iter()
        .filter(|(_, bits)| bits.has(ObjectSets::BODY) || bits.has(ObjectSets::FUNCTION))
        .map(|(h, _)| h)
}

/// Whether standard care hit `h` is only a generic word of care ("therapy", "the treatment"),
/// which names no particular care: the words of the last line of `conventional-treatment` in
/// `lints/health.toml` (a set of its own cost 0.4% of all instructions, measured).
fn generic_care(view: &SentenceView, h: &Hit) -> bool {
    (h.first..=h.last).all(|t| {
        matches!(
            view.tokens.norm_of(t as usize),
            "therapy"
                | "therapies"
                | "treatment"
                | "treatments"
                | "the"
                | "early"
                | "prompt"
                | "medical"
                | "standard"
                | "management"
        )
    })
}

/// The subject of a relation no vocabulary names: none when only fillers precede the verb in
/// its clause (a label, an imperative); unknown otherwise, and for a purpose ("to fight
/// infections") unless in a headline ("How to …").
fn unnamed(
    view: &SentenceView,
    roles: &RoleHits,
    at: u32,
    filler: &[bool],
    headline: bool,
) -> Subject {
    let toks = &view.tokens.tokens;
    // The last two words before the verb in its clause (nearest first).
    let mut words_before = (0..at)
        .rev()
        .filter(|&t| view.same_clause(t, at) && toks[t as usize].kind == TokenKind::Word);
    let (to, before) = (words_before.next(), words_before.next());
    let purpose = match (before, to) {
        (Some(before), Some(to)) => {
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
        (None, Some(to)) => {
            let opens_sentence = (0..to).all(|t| toks[t as usize].kind != TokenKind::Word);
            view.tokens.norm_of(to as usize) == "to"
                && (!opens_sentence
                    || (at as usize..toks.len()).any(|t| view.tokens.norm_of(t) == ","))
        }
        _ => false,
    };
    if purpose && !headline {
        return Subject::Unknown;
    }
    // "Your body already knows how to heal": the body is the subject, when it opens the
    // clause; after another verb it is that verb's object ("Kick your cravings and reverse
    // …", an imperative).
    // "Your liver and kidneys filter waste": body parts joined are one subject.
    let last = (0..at)
        .rev()
        .find(|&t| view.same_clause(t, at) && !filler[t as usize]);
    if let Some(t) = last
        && bodily(roles).any(|h| {
            h.first <= t
                && t <= h.last
                && (0..h.first).all(|u| {
                    !view.same_clause(u, at)
                        || filler[u as usize]
                        || possessive(view.tokens.norm_of(u as usize))
                        || in_body(roles, u)
                })
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

/// A word with a capital inside it after a small letter ("GlucoBalance", "CardioPure"): a
/// product name wherever it stands, even opening a sentence, where any word has a capital.
/// Not a surname's "Mc"/"Mac" ("McKenzie").
fn camel_case(word: &str) -> bool {
    let b = word.as_bytes();
    // A capital after a small letter, past the first two letters, is looked for first: most
    // words have none, and are ruled out in one pass over their bytes.
    b.len() >= 5
        && b[1..]
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
        && b.iter().all(u8::is_ascii_alphanumeric)
        && !word.starts_with("Mc")
        && !word.starts_with("Mac")
}

/// A product name before the verb in its clause: a word followed by a trademark sign, a word
/// in capitals in a sentence that is not, or a capitalised word that does not start its
/// clause in an ordinary sentence ("Thanks to Flexirol there is no need …"), or a name with a
/// capital inside it anywhere.
fn brand(
    view: &SentenceView,
    roles: &RoleHits,
    text: &str,
    at: u32,
    filler: &[bool],
    case: &Case,
) -> Option<Subject> {
    let headline = case.headline;
    let toks = &view.tokens.tokens;
    let word_of = |t: u32| &text[toks[t as usize].start as usize..toks[t as usize].end as usize];
    // The words before the verb in its clause that may be its subject, nearest first.
    let before = || {
        (0..at)
            .rev()
            .filter(|&t| view.same_clause(t, at) && !filler[t as usize])
    };
    let last = before().next()?;
    let is_object = |t: u32| roles.object_hits().any(|h| h.first <= t && t <= h.last);
    let word = word_of(last);
    let trademark = toks.get(last as usize + 1).is_some_and(|t| {
        t.kind == TokenKind::Punct && matches!(&text[t.start as usize..t.end as usize], "™" | "®")
    });
    // Most words have a small letter, which rules out capitals before the letters are counted.
    let all_caps = word.chars().all(|c| !c.is_lowercase())
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let at_name = (trademark
        || camel_case(word)
        || (all_caps && !case.mostly_caps())
        || (capitalised && !headline && !all_caps && !opens_clause(view, last)))
        && !is_object(last)
        // "approved in the US to", "sold across Europe": a name in a phrase of place.
        && !in_place_phrase(view, last);
    let name_end = if at_name {
        last
    } else if headline {
        return None;
    } else {
        // Near the verb: a name far back in a long clause is rarely what makes the claim. In
        // a text mostly in capitals there is none; counted only once a name is found.
        let found = before().take(5).find(|&t| {
            let w = word_of(t);
            // A capital first: it rules out most words at once.
            if !w.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            letters >= 3
                && (camel_case(w) || !opens_clause(view, t))
                && (letters > 4 || w.chars().any(char::is_lowercase))
                && !is_title(w)
                && w != "The"
                && !is_object(t)
        });
        found.filter(|_| !case.mostly_caps())?
    };
    let start = before()
        .skip_while(|&t| t > name_end)
        .take_while(|&t| word_of(t).chars().next().is_some_and(char::is_uppercase))
        .last()
        .unwrap_or(name_end);
    // "Dr. Patel", "Doctor Lee": a person with a title, not a product.
    let title = |t: u32| is_title(word_of(t));
    if title(start)
        || (start >= 1 && title(start - 1))
        || (start >= 2 && word_of(start - 1) == "." && title(start - 2))
    {
        return None;
    }
    Some(Subject::Named {
        kind: SubjectKind::Brand,
        first: start,
        last: name_end,
    })
}

/// A capitalised word opening the sentence that no vocabulary knows, with nothing but
/// fillers between it and the verb at `verb` ("Glucotrust lowers blood sugar", "Ioniplex can
/// help control blood sugar"): a coined name. An ordinary noun there ("Exercise", "Salt",
/// "Sleep") is a word some phrase of the packs has; a gerund ("Gardening relieves stress")
/// names an activity, a plural ("Interventions to promote …") a kind of thing, and a word
/// with a medicine's or a procedure's ending standard care.
pub(super) fn coined_opening(
    view: &SentenceView,
    text: &str,
    filler: &[bool],
    verb: u32,
) -> Option<Subject> {
    let toks = &view.tokens.tokens;
    let first = view.first_word()? as u32;
    if first >= verb {
        return None;
    }
    // "Panchakarma therapies improve …", "Kalmora drops ease …": a noun of care or of a
    // product after the coined word names what it is.
    let next = (first + 1 < verb).then(|| view.tokens.norm_of(first as usize + 1));
    let (head, kind) = match next.unwrap_or_default() {
        "therapy" | "therapies" | "treatment" | "treatments" | "massage" | "session"
        | "sessions" | "technique" | "method" | "protocol" | "cleanse" => {
            (first + 1, SubjectKind::Therapy)
        }
        "oil" | "oils" | "tea" | "teas" | "drops" | "capsules" | "tablets" | "supplement"
        | "supplements" | "formula" | "extract" | "powder" | "gummies" | "cream" | "balm"
        | "tincture" | "spray" | "patch" | "patches" => (first + 1, SubjectKind::Product),
        _ => (first, SubjectKind::Brand),
    };
    if !(head + 1..verb).all(|t| filler.get(t as usize) == Some(&true)) {
        return None;
    }
    let t = toks[first as usize];
    let word = &text[t.start as usize..t.end as usize];
    let coined = view.word_ids().get(first as usize) == Some(&NO_WORD)
        && word.len() >= 4
        && word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && word.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && !word.ends_with("ing")
        && !word.ends_with('s')
        && !medical_stem(view.tokens.norm_of(first as usize));
    coined.then_some(Subject::Named {
        kind,
        first,
        last: head,
    })
}

/// Whether a word ends like the generic name of a medicine (the USAN/INN stems: "-mab",
/// "-tinib", "-statin", "-mycin" …) or of a procedure ("-ectomy", "-plasty"): standard care
/// named, not a product coined. `word` is lowercase; no stem ends another.
fn medical_stem(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "mab",
        "nib",
        "vir",
        "cillin",
        "mycin",
        "micin",
        "cycline",
        "azole",
        "olol",
        "pril",
        "sartan",
        "statin",
        "dipine",
        "tidine",
        "ectin",
        "parin",
        "semide",
        "thiazide",
        "gliptin",
        "gliflozin",
        "tide",
        "formin",
        "triptan",
        "oxetine",
        "aline",
        "caine",
        "dronate",
        "lukast",
        "terol",
        "sone",
        "olone",
        "profen",
        "fenac",
        "coxib",
        "azepam",
        "zolam",
        "barbital",
        "oxacin",
        "platin",
        "rubicin",
        "taxel",
        "trexate",
        "ectomy",
        "otomy",
        "ostomy",
        "plasty",
        "scopy",
        "pexy",
        "desis",
        "lysis",
    ];
    STEMS.iter().any(|stem| word.ends_with(stem))
}

/// A title before a person's name.
fn is_title(word: &str) -> bool {
    matches!(
        word,
        "Dr" | "Mr"
            | "Mrs"
            | "Ms"
            | "Miss"
            | "Mx"
            | "Prof"
            | "Doctor"
            | "Professor"
            | "Nurse"
            | "Sir"
            | "Dame"
    )
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn a_capital_inside_a_word_names_a_product() {
        for name in ["GlucoBalance", "CardioPure", "ProstaFlow", "NervaCalm"] {
            assert!(camel_case(name), "{name}");
        }
        for word in [
            "Cardio",
            "GLUCOSE",
            "McKenzie",
            "MacArthur",
            "Sleep",
            "iPad",
        ] {
            assert!(!camel_case(word), "{word}");
        }
    }
}
