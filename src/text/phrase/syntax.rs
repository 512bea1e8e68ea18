//! The phrase syntax: a phrase split into slots of alternatives (groups and options), each
//! alternative into the tokens the trie is built from.

use crate::text::tokenize::{TokenKind, tokenize};

/// Most expansions one phrase may produce; guards against combinatorial explosions.
pub const MAX_EXPANSIONS: usize = 4096;

/// The trie word a `#` of a phrase becomes: any number ("over # patients"). No text token
/// can be it (text holds no NUL).
pub(super) const NUMBER: &str = "\0#";

/// The trie word a leading `^` becomes: the start of a sentence, before its first token.
pub(super) const START: &str = "\0^";

/// A phrase split into slots, each a list of alternatives: a literal run is one slot with one
/// alternative, a group one slot with its options (and `""` when it is optional).
pub(super) fn slots(raw: &str) -> Result<Vec<Vec<&str>>, String> {
    let mut out = Vec::new();
    let mut variants = 1usize;
    let mut rest = raw;
    while !rest.is_empty() {
        let open = rest.find(['(', '[']);
        let (literal, group) = match open {
            Some(at) => (&rest[..at], Some(at)),
            None => (rest, None),
        };
        if literal.contains([')', ']', '|']) {
            return Err(format!(
                "unbalanced `)`, `]` or stray `|` in phrase `{raw}`"
            ));
        }
        out.push(vec![literal]);
        let Some(at) = group else { break };
        let opener = rest.as_bytes()[at];
        let closer = if opener == b'(' { ')' } else { ']' };
        let body_start = at + 1;
        let Some(len) = rest[body_start..].find(closer) else {
            return Err(format!("unclosed `{}` in phrase `{raw}`", opener as char));
        };
        let body = &rest[body_start..body_start + len];
        if body.contains(['(', '[', ')', ']']) {
            return Err(format!("nested groups are not supported in phrase `{raw}`"));
        }
        let mut options: Vec<&str> = body.split('|').collect();
        if opener == b'[' {
            options.push("");
        }
        if options.iter().all(|o| o.trim().is_empty()) {
            return Err(format!("empty group in phrase `{raw}`"));
        }
        variants = variants.saturating_mul(options.len());
        if variants > MAX_EXPANSIONS {
            return Err(format!(
                "phrase `{raw}` expands to more than {MAX_EXPANSIONS} variants"
            ));
        }
        out.push(options);
        rest = &rest[body_start + len + 1..];
    }
    Ok(out)
}

/// A token of a phrase: a word (or punctuation mark) to match, the same interned in a trie,
/// the `>` marker or a `*`.
#[derive(Debug)]
pub(super) enum PhraseToken<'a> {
    Word(std::borrow::Cow<'a, str>),
    Id(u32),
    Marker,
    Star,
    /// `^`: the start of the sentence.
    Start,
}

pub(super) fn phrase_tokens(text: &str) -> Vec<PhraseToken<'_>> {
    // Most alternatives are lowercase ASCII words, which the tokenizer leaves as they are.
    if text
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ')
    {
        return text
            .split_ascii_whitespace()
            .map(|w| PhraseToken::Word(w.into()))
            .collect();
    }
    let tokens = tokenize(text);
    let mut out = Vec::with_capacity(tokens.tokens.len());
    let mut escaped = false;
    for i in 0..tokens.tokens.len() {
        let t = tokens.tokens[i];
        let raw = &text[t.start as usize..t.end as usize];
        let punct = t.kind == TokenKind::Punct;
        // `\` before a mark makes it literal: `\#` is the character, not any number.
        if std::mem::take(&mut escaped) {
            out.push(PhraseToken::Word(tokens.norm_of(i).to_string().into()));
            continue;
        }
        out.push(match raw {
            "\\" if punct => {
                escaped = true;
                continue;
            }
            ">" if punct => PhraseToken::Marker,
            "*" if punct => PhraseToken::Star,
            "^" if punct => PhraseToken::Start,
            "#" if punct => PhraseToken::Word(NUMBER.into()),
            _ => PhraseToken::Word(tokens.norm_of(i).to_string().into()),
        });
    }
    out
}

/// The phrase syntax expanded into plain phrases: the written-out form the trie must
/// match as.
#[cfg(test)]
pub(super) fn expand(raw: &str) -> Result<Vec<String>, String> {
    let mut variants = vec![String::new()];
    for slot in slots(raw)? {
        let mut next = Vec::with_capacity(variants.len() * slot.len());
        for v in &variants {
            for o in &slot {
                // Groups are whole words: a space on each side.
                next.push(format!("{v} {o} "));
            }
        }
        variants = next;
    }
    let mut out: Vec<String> = variants
        .into_iter()
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| !v.is_empty())
        .collect();
    if out.is_empty() {
        return Err(format!("phrase `{raw}` is empty"));
    }
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_groups_and_options() {
        let got = expand("(eliminate|eliminates) [your|the] pain").unwrap();
        assert_eq!(
            got,
            [
                "eliminate your pain",
                "eliminate the pain",
                "eliminate pain",
                "eliminates your pain",
                "eliminates the pain",
                "eliminates pain"
            ]
        );
    }

    #[test]
    fn rejects_malformed_phrases() {
        assert!(expand("(a|b").is_err());
        assert!(expand("a)").is_err());
        assert!(expand("[]").is_err());
        assert!(expand("((a))").is_err());
    }
}
