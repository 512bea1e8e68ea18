//! English verb forms, for phrase lists that name a verb once (`~treat`) and match every form
//! ("treat", "treats", "treated", "treating").

/// Verbs whose past forms are not made with -ed: (base, past, past participle).
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("beat", "beat", "beaten"),
    ("begin", "began", "begun"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("cut", "cut", "cut"),
    ("draw", "drew", "drawn"),
    ("do", "did", "done"),
    ("fight", "fought", "fought"),
    ("feel", "felt", "felt"),
    ("find", "found", "found"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lead", "led", "led"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("overcome", "overcame", "overcome"),
    ("prove", "proved", "proven"),
    ("put", "put", "put"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("regrow", "regrew", "regrown"),
    ("rid", "rid", "rid"),
    ("say", "said", "said"),
    ("set", "set", "set"),
    ("shed", "shed", "shed"),
    ("show", "showed", "shown"),
    ("shrink", "shrank", "shrunk"),
    ("slay", "slew", "slain"),
    ("speed", "sped", "sped"),
    ("take", "took", "taken"),
    ("undo", "undid", "undone"),
    ("win", "won", "won"),
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether the final consonant doubles before -ed and -ing: one syllable ending in a single
/// vowel and a consonant ("stop" → "stopped"; not "treat", "help" or "fix").
fn doubles(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    if n < 3 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let (last, vowel, before) = (b[n - 1], b[n - 2], b[n - 3]);
    let syllables = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(b[i - 1])))
        .count();
    syllables == 1
        && !is_vowel(last)
        && !matches!(last, b'w' | b'x' | b'y')
        && is_vowel(vowel)
        && !is_vowel(before)
}

fn third_person(base: &str) -> String {
    let b = base.as_bytes();
    if base.ends_with(['s', 'x', 'z', 'o']) || base.ends_with("ch") || base.ends_with("sh") {
        format!("{base}es")
    } else if b.len() > 1 && base.ends_with('y') && !is_vowel(b[b.len() - 2]) {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    }
}

fn regular_past(base: &str) -> String {
    let b = base.as_bytes();
    if base.ends_with('e') {
        format!("{base}d")
    } else if b.len() > 1 && base.ends_with('y') && !is_vowel(b[b.len() - 2]) {
        format!("{}ied", &base[..base.len() - 1])
    } else if doubles(base) {
        format!("{base}{}ed", &base[base.len() - 1..])
    } else {
        format!("{base}ed")
    }
}

fn present_participle(base: &str) -> String {
    if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e')
        && !base.ends_with("ee")
        && !base.ends_with("ye")
        && base.len() > 2
    {
        format!("{}ing", &base[..base.len() - 1])
    } else if doubles(base) {
        format!("{base}{}ing", &base[base.len() - 1..])
    } else {
        format!("{base}ing")
    }
}

/// Every form of the verb `base` (lowercase): base, third person, past, past participle and
/// present participle, without duplicates, base first.
pub fn verb_forms(base: &str) -> Vec<String> {
    let (past, participle) = match IRREGULAR.iter().find(|(b, _, _)| *b == base) {
        Some(&(_, past, participle)) => (past.to_string(), participle.to_string()),
        None => (regular_past(base), regular_past(base)),
    };
    let mut forms = vec![
        base.to_string(),
        third_person(base),
        past,
        participle,
        present_participle(base),
    ];
    let mut seen = std::collections::BTreeSet::new();
    forms.retain(|f| seen.insert(f.clone()));
    forms
}

/// Rewrite `~verb` words of a phrase into a group of the verb's forms: `~treat it` becomes
/// `(treat|treats|treated|treating) it`, and inside a group `(~ease|soothe)` becomes
/// `(ease|eases|eased|easing|soothe)`.
/// Each form written is recorded with its base through `record` (for messages that quote the
/// verb), once per verb of the phrase.
pub fn expand_verbs<'a>(
    raw: &'a str,
    record: &mut impl FnMut(&str, &[String]),
) -> std::borrow::Cow<'a, str> {
    if !raw.contains('~') {
        return raw.into();
    }
    let mut out = String::with_capacity(raw.len() * 3);
    let mut depth = 0usize;
    let mut rest = raw;
    while let Some(at) = rest.find(['~', '(', '[', ')', ']']) {
        out.push_str(&rest[..at]);
        let c = rest.as_bytes()[at];
        if c != b'~' {
            depth = match c {
                b'(' | b'[' => depth + 1,
                _ => depth.saturating_sub(1),
            };
            out.push(c as char);
            rest = &rest[at + 1..];
            continue;
        }
        let word_end = rest[at + 1..]
            .find(|ch: char| !(ch.is_alphanumeric() || ch == '\''))
            .map_or(rest.len(), |n| at + 1 + n);
        let word = &rest[at + 1..word_end];
        if word.is_empty() {
            out.push('~');
        } else {
            let base = word.to_lowercase();
            let forms = verb_forms(&base);
            record(&base, &forms);
            if depth == 0 {
                out.push('(');
                out.push_str(&forms.join("|"));
                out.push(')');
            } else {
                // Inside a group the words after the verb belong to its alternative ("(~get
                // to|~reach) the"): every form takes them.
                let tail_end = rest[word_end..]
                    .find(['|', ')', ']'])
                    .map_or(rest.len(), |n| word_end + n);
                let tail = &rest[word_end..tail_end];
                if tail.contains(['~', '(', '[']) {
                    out.push_str(&forms.join("|"));
                } else {
                    let with_tail: Vec<String> =
                        forms.iter().map(|f| format!("{f}{tail}")).collect();
                    out.push_str(&with_tail.join("|"));
                    rest = &rest[tail_end..];
                    continue;
                }
            }
        }
        rest = &rest[word_end..];
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_regular_and_irregular_verbs() {
        assert_eq!(
            verb_forms("treat"),
            ["treat", "treats", "treated", "treating"]
        );
        assert_eq!(verb_forms("ease"), ["ease", "eases", "eased", "easing"]);
        assert_eq!(verb_forms("stop"), ["stop", "stops", "stopped", "stopping"]);
        assert_eq!(verb_forms("relieve")[3], "relieving");
        assert_eq!(verb_forms("remedy")[1], "remedies");
        assert_eq!(verb_forms("remedy")[2], "remedied");
        assert_eq!(verb_forms("detox")[1], "detoxes");
        assert_eq!(verb_forms("soothe")[3], "soothing");
        assert_eq!(
            verb_forms("fight"),
            ["fight", "fights", "fought", "fighting"]
        );
        assert_eq!(
            verb_forms("regrow"),
            ["regrow", "regrows", "regrew", "regrown", "regrowing"]
        );
        // "I lost 30 pounds", "the swelling shrank": stories are told in the past.
        assert_eq!(verb_forms("lose"), ["lose", "loses", "lost", "losing"]);
        assert_eq!(
            verb_forms("shrink"),
            ["shrink", "shrinks", "shrank", "shrunk", "shrinking"]
        );
        // Two syllables or two vowels: no doubling.
        assert_eq!(verb_forms("target")[2], "targeted");
        assert_eq!(verb_forms("heal")[2], "healed");
        assert_eq!(verb_forms("help")[3], "helping");
    }

    #[test]
    fn phrases_expand_inside_and_outside_groups() {
        let mut bases: Vec<(String, String)> = Vec::new();
        let mut record = |base: &str, forms: &[String]| {
            bases.extend(forms.iter().map(|f| (f.clone(), base.to_string())));
        };
        assert_eq!(
            expand_verbs("~heal the tear", &mut record),
            "(heal|heals|healed|healing) the tear"
        );
        assert_eq!(
            expand_verbs("(~ease|calm) pain", &mut record),
            "(ease|eases|eased|easing|calm) pain"
        );
        // The words after a verb inside a group go with every form of it.
        assert_eq!(
            expand_verbs("(~get to|~reach) the root", &mut record),
            "(get to|gets to|got to|gotten to|getting to|reach|reaches|reached|reaching) the root"
        );
        assert_eq!(expand_verbs("no verbs", &mut record), "no verbs");
        assert!(bases.contains(&("easing".into(), "ease".into())));
        assert!(bases.contains(&("heals".into(), "heal".into())));
        assert_eq!(bases.len(), 17);
    }
}
