//! Phrase lists as data. A phrase is words separated by spaces, with four conveniences:
//! `(a|b)` picks one alternative, `[a|b]` is optional, a trailing `*` on the last word
//! matches any word that starts with it (`eliminat*`), and `>` ends the part of the phrase
//! that is reported: `heals > (the|your)` requires the following word but flags only "heals". Every phrase of every list is compiled
//! into one Aho-Corasick automaton over the normalised token string, so a sentence is scanned
//! once for all lists; a match counts only when it starts and ends on token boundaries.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::tokenize::{Tokens, tokenize};

/// Most expansions one phrase may produce; guards against combinatorial explosions.
pub const MAX_EXPANSIONS: usize = 512;

/// Index of a phrase set (a vocabulary or a rule's trigger list).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SetId(pub u32);

/// A phrase of set `set` found at tokens `first..=last`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Which set matched.
    pub set: SetId,
    /// First token.
    pub first: u32,
    /// Last token (inclusive).
    pub last: u32,
}

/// Expand the phrase syntax into plain phrases.
pub fn expand(raw: &str) -> Result<Vec<String>, String> {
    let mut variants = vec![String::new()];
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
        for v in &mut variants {
            v.push_str(literal);
        }
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
        let mut next = Vec::with_capacity(variants.len() * options.len());
        for v in &variants {
            for o in &options {
                let mut s = v.clone();
                s.push(' ');
                s.push_str(o);
                s.push(' ');
                next.push(s);
            }
        }
        if next.len() > MAX_EXPANSIONS {
            return Err(format!(
                "phrase `{raw}` expands to more than {MAX_EXPANSIONS} variants"
            ));
        }
        variants = next;
        rest = &rest[body_start + len + 1..];
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

#[derive(Debug)]
struct Pattern {
    prefix: bool,
    /// Tokens reported (those before `>`); `None` reports the whole match.
    reported: Option<u32>,
    sets: Vec<SetId>,
}

/// Collects phrase sets, then compiles them into a [`PhraseIndex`].
#[derive(Debug, Default)]
pub struct PhraseIndexBuilder {
    set_names: Vec<String>,
    by_text: HashMap<(String, bool, Option<u32>), usize>,
    texts: Vec<String>,
    patterns: Vec<Pattern>,
}

impl PhraseIndexBuilder {
    /// A new, empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declare a set.
    pub fn add_set(&mut self, name: impl Into<String>) -> SetId {
        self.set_names.push(name.into());
        SetId(self.set_names.len() as u32 - 1)
    }

    /// Add one phrase (with the phrase syntax) to `set`.
    pub fn add_phrase(&mut self, set: SetId, raw: &str) -> Result<(), String> {
        if raw.matches('>').count() > 1 {
            return Err(format!("`>` may appear once, in phrase `{raw}`"));
        }
        for variant in expand(raw)? {
            let (body, prefix) = match variant.strip_suffix('*') {
                Some(b) => (b.trim_end(), true),
                None => (variant.as_str(), false),
            };
            if body.contains('*') {
                return Err(format!("`*` may only end the last word, in phrase `{raw}`"));
            }
            let (head, reported) = match body.split_once('>') {
                Some((head, tail)) => {
                    let n = tokenize(head).tokens.len() as u32;
                    if n == 0 || tokenize(tail).tokens.is_empty() {
                        return Err(format!("`>` needs words on both sides, in phrase `{raw}`"));
                    }
                    (format!("{head} {tail}"), Some(n))
                }
                None => (body.to_string(), None),
            };
            let norm = tokenize(&head).norm;
            if norm.is_empty() {
                return Err(format!("phrase `{raw}` has no words"));
            }
            let next = self.patterns.len();
            let idx = *self
                .by_text
                .entry((norm.clone(), prefix, reported))
                .or_insert(next);
            if idx == next {
                self.texts.push(norm);
                self.patterns.push(Pattern {
                    prefix,
                    reported,
                    sets: Vec::new(),
                });
            }
            let sets = &mut self.patterns[idx].sets;
            if !sets.contains(&set) {
                sets.push(set);
            }
        }
        Ok(())
    }

    /// Compile every phrase into one automaton.
    pub fn build(self) -> PhraseIndex {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            // A DFA: the fastest overlapping search, built once per run.
            .build(&self.texts)
            .expect("phrase automaton within size limits");
        PhraseIndex {
            ac,
            patterns: self.patterns,
            set_names: self.set_names,
        }
    }
}

/// All phrase sets of a run, compiled.
#[derive(Debug)]
pub struct PhraseIndex {
    ac: AhoCorasick,
    patterns: Vec<Pattern>,
    set_names: Vec<String>,
}

impl PhraseIndex {
    /// Name of a set.
    pub fn set_name(&self, set: SetId) -> &str {
        &self.set_names[set.0 as usize]
    }

    /// Every phrase hit in `tokens`, ordered by first token, then last token, then set.
    pub fn find(&self, tokens: &Tokens, out: &mut Vec<Hit>) {
        out.clear();
        for m in self.ac.find_overlapping_iter(&tokens.norm) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            let Some(first) = tokens.token_starting_at(m.start()) else {
                continue;
            };
            let last = if pattern.prefix {
                tokens.token_ending_in(m.end())
            } else {
                tokens
                    .token_ending_in(m.end())
                    .filter(|&i| tokens.tokens[i].norm_end as usize == m.end())
            };
            let Some(mut last) = last else { continue };
            if let Some(n) = pattern.reported {
                last = first + n as usize - 1;
            }
            for &set in &pattern.sets {
                out.push(Hit {
                    set,
                    first: first as u32,
                    last: last as u32,
                });
            }
        }
        out.sort_by_key(|h| (h.first, h.last, h.set));
        out.dedup();
    }
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

    fn hits(phrases: &[&str], text: &str) -> Vec<(u32, u32)> {
        let mut b = PhraseIndexBuilder::new();
        let s = b.add_set("s");
        for p in phrases {
            b.add_phrase(s, p).unwrap();
        }
        let idx = b.build();
        let mut out = Vec::new();
        idx.find(&tokenize(text), &mut out);
        out.iter().map(|h| (h.first, h.last)).collect()
    }

    #[test]
    fn matches_whole_tokens_only() {
        assert_eq!(hits(&["cure"], "Cure is not secure."), [(0, 0)]);
        assert_eq!(hits(&["cure"], "procure"), []);
        assert_eq!(hits(&["risk-free"], "It is risk free"), [(2, 3)]);
    }

    #[test]
    fn prefix_patterns_match_inside_the_last_word() {
        assert_eq!(hits(&["eliminat*"], "it eliminates"), [(1, 1)]);
        assert_eq!(hits(&["eliminat*"], "eliminat"), [(0, 0)]);
        assert_eq!(hits(&["eliminat*"], "preeliminates"), []);
    }

    #[test]
    fn reports_only_the_words_before_the_marker() {
        assert_eq!(hits(&["heals > (the|your)"], "It heals the tear"), [(1, 1)]);
        assert_eq!(hits(&["heals > (the|your)"], "It heals quickly"), []);
        let mut b = PhraseIndexBuilder::new();
        let s = b.add_set("s");
        assert!(b.add_phrase(s, "a > b > c").is_err());
        assert!(b.add_phrase(s, "> b").is_err());
    }

    #[test]
    fn overlapping_sets_all_report() {
        let mut b = PhraseIndexBuilder::new();
        let a = b.add_set("a");
        let c = b.add_set("c");
        b.add_phrase(a, "no side effects").unwrap();
        b.add_phrase(c, "no").unwrap();
        let idx = b.build();
        let mut out = Vec::new();
        idx.find(&tokenize("There are no side effects"), &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(idx.set_name(out[0].set), "c");
    }
}
