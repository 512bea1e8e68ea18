//! Finding a sentence's hits: each token's word id looked up once, then each tier's trie walked
//! from every token that can start a phrase.

use super::index::{NodeRecord, Pattern, PhraseIndex, TierIndex, may_have_child};
use super::sets::{Hit, SetId};
use super::trie::{NONE, ROOT, edge};
use crate::text::tokenize::{TokenKind, Tokens};

impl PhraseIndex {
    /// Every hit of the main tier in `tokens`, ordered by first token, then last token, then
    /// set. `ids` receives each token's word id, for [`PhraseIndex::find_detail`].
    pub fn find(&self, tokens: &Tokens, ids: &mut Vec<u32>, out: &mut Vec<Hit>) {
        out.clear();
        ids.clear();
        ids.extend(tokens.tokens.iter().map(|t| {
            let (start, end) = (t.norm_start as usize, t.norm_end as usize);
            self.word_id_at(&tokens.norm, start, end).unwrap_or(NONE)
        }));
        self.main.find(tokens, ids, out);
        sort_hits(out, 0);
    }

    /// Add the hits of the detail tier to `out` (the main tier's hits of the same tokens,
    /// whose word ids [`PhraseIndex::find`] gave), keeping the order.
    pub fn find_detail(&self, tokens: &Tokens, ids: &[u32], out: &mut Vec<Hit>) {
        let before = out.len();
        self.detail.find(tokens, ids, out);
        if out.len() > before {
            sort_hits(out, before);
        }
    }

    /// Every hit of both tiers in `text`, each as its set's name and token range: what two
    /// indexes are compared by (one built ahead of time against one built now).
    pub fn named_hits(&self, text: &str) -> Vec<(String, u32, u32)> {
        let tokens = crate::text::tokenize::tokenize(text);
        let (mut ids, mut out) = (Vec::new(), Vec::new());
        self.find(&tokens, &mut ids, &mut out);
        self.find_detail(&tokens, &ids, &mut out);
        out.iter()
            .map(|h| (self.set_name(h.set).to_string(), h.first, h.last))
            .collect()
    }
}

/// The order of hits: by first token, then last token, then set. A tuple is compared field
/// by field, so the check of a run already in order (most are) mostly reads one field.
fn hit_key(h: &Hit) -> (u32, u32, u32) {
    (h.first, h.last, h.set.0)
}

/// Order `out[from..]` by first token, then last token, then set, without repeats, and
/// merge it with `out[..from]`, which is in order already and shares no set with it (another
/// tier's hits). A walk mostly emits hits in that order already (by first token, each walk's
/// ends as it goes), so the order is checked before any sort, and a strictly rising order
/// has no repeats to drop; the two runs are merged only when they interleave. Inlined, so
/// that the main tier's call (`from` 0) keeps no trace of the merge.
#[inline(always)]
fn sort_hits(out: &mut Vec<Hit>, from: usize) {
    let strict = out[from..].is_sorted_by(|a, b| hit_key(a) < hit_key(b));
    if !strict {
        out[from..].sort_unstable_by_key(hit_key);
    }
    if from > 0 && hit_key(&out[from]) < hit_key(&out[from - 1]) {
        merge_runs(out, from);
    }
    if !strict {
        out.dedup();
    }
}

/// Merge the ordered runs `out[..from]` and `out[from..]`, which share no key, into one. The
/// second (another tier's hits, a few) is copied aside and the two are merged from the back
/// in one pass, with none of a sort's work to find the runs; a long one is left to the
/// stable sort, which finds the two runs and merges them.
fn merge_runs(out: &mut [Hit], from: usize) {
    const ASIDE: usize = 32;
    let tail = out.len() - from;
    if tail > ASIDE {
        out.sort_by_key(hit_key);
        return;
    }
    let mut aside = [Hit {
        set: SetId(0),
        first: 0,
        last: 0,
    }; ASIDE];
    aside[..tail].copy_from_slice(&out[from..]);
    // Still to place: `out[..head]` and `aside[..tail]`; the slot after both is filled next.
    let (mut head, mut tail) = (from, tail);
    while tail > 0 {
        let slot = head + tail - 1;
        if head > 0 && hit_key(&out[head - 1]) > hit_key(&aside[tail - 1]) {
            out[slot] = out[head - 1];
            head -= 1;
        } else {
            out[slot] = aside[tail - 1];
            tail -= 1;
        }
    }
}

impl TierIndex {
    fn emit(&self, pattern: u32, first: usize, last: usize, out: &mut Vec<Hit>) {
        emit_pattern(
            &self.patterns,
            &self.pattern_sets,
            pattern,
            first,
            last,
            out,
        );
    }

    /// Append every phrase hit of this trie in `tokens` (whose word ids are `ids`) to
    /// `out`, unordered.
    fn find(&self, tokens: &Tokens, ids: &[u32], out: &mut Vec<Hit>) {
        if self.empty {
            return;
        }
        let walk = Walk::new(self, tokens, ids);
        if self.stars.is_empty() {
            walk.walk_all(out);
        } else {
            self.walk_with_stars(tokens, ids, out);
        }
        // Phrases anchored at the start of the sentence go on from its first token.
        if self.start != NONE && !ids.is_empty() {
            // The steps taken here, not by a call of `go_on`: most sentences take neither.
            let record = walk.record(self.start);
            let (by_word, by_number) = walk.steps(self.start, record, 0);
            for next in [by_number, by_word] {
                if next != NONE {
                    walk.follow(next, 0, 0, out);
                }
            }
        }
    }

    /// The `#` word id when token `at` is a number and some phrase has a `#`.
    fn number_at(&self, tokens: &Tokens, at: usize) -> u32 {
        if self.number != NONE && tokens.has_number && is_number(tokens, at) {
            self.number
        } else {
            NONE
        }
    }

    /// Walk the trie from every token, for a tier with `*` phrases: one may start at any
    /// token, even one that is no phrase word.
    fn walk_with_stars(&self, tokens: &Tokens, ids: &[u32], out: &mut Vec<Hit>) {
        let n = ids.len();
        for first in 0..n {
            let mut node = ROOT;
            for (at, &id) in ids.iter().enumerate().skip(first) {
                if self.has_star[node as usize] != 0 {
                    let word = tokens.norm_of(at);
                    let from = self.stars.partition_point(|s| s.node < node);
                    for s in self.stars[from..].iter().take_while(|s| s.node == node) {
                        if word.starts_with(&*s.prefix) {
                            self.emit(s.pattern, first, at, out);
                        }
                    }
                }
                let id = if id == NONE {
                    self.number_at(tokens, at)
                } else {
                    id
                };
                if id == NONE {
                    break;
                }
                let child = if node == ROOT {
                    self.root_child[id as usize]
                } else {
                    self.child(node, id)
                };
                if child == NONE {
                    break;
                }
                node = child;
                emit_record(
                    self.node(node),
                    &self.ends,
                    &self.patterns,
                    &self.pattern_sets,
                    first,
                    at,
                    out,
                );
            }
        }
    }
}

/// Whether token `at` is a number (a word whose normal form starts with a digit).
fn is_number(tokens: &Tokens, at: usize) -> bool {
    let t = tokens.tokens[at];
    t.kind == TokenKind::Word
        && tokens
            .norm
            .as_bytes()
            .get(t.norm_start as usize)
            .is_some_and(u8::is_ascii_digit)
}

/// Report the patterns of the node of `record` (its one pattern kept in the record, or rows
/// of `patterns` listed in `ends`, their sets in `pattern_sets`) for a phrase from token
/// `first` that ended at token `last`.
#[inline(always)]
fn emit_record(
    record: NodeRecord,
    ends: &[u32],
    patterns: &[[u32; 3]],
    pattern_sets: &[u32],
    first: usize,
    last: usize,
    out: &mut Vec<Hit>,
) {
    if let Some((set, reported)) = record.inline() {
        push_hit(set, reported, first, last, out);
        return;
    }
    for &p in record.ends_in(ends) {
        emit_pattern(patterns, pattern_sets, p, first, last, out);
    }
}

/// Report pattern `pattern` (a row of `patterns`, its sets in `pattern_sets`) for a phrase
/// from token `first` that ended at token `last`.
#[inline(always)]
fn emit_pattern(
    patterns: &[[u32; 3]],
    pattern_sets: &[u32],
    pattern: u32,
    first: usize,
    last: usize,
    out: &mut Vec<Hit>,
) {
    let pattern = Pattern::from_row(patterns[pattern as usize]);
    // Pushed one by one: a pattern has one set or two, too few for `extend` to pay.
    for &set in &pattern_sets[pattern.start as usize..pattern.end as usize] {
        push_hit(set, pattern.reported, first, last, out);
    }
}

/// Report `set` for a phrase from token `first` that ended at token `last`: its first
/// `reported` tokens (all when `NONE`).
#[inline(always)]
fn push_hit(set: u32, reported: u32, first: usize, last: usize, out: &mut Vec<Hit>) {
    let last = if reported == NONE {
        last
    } else {
        // Never past the token the phrase ended on, whatever the index says.
        (first + reported as usize - 1).min(last)
    };
    out.push(Hit {
        set: SetId(set),
        first: first as u32,
        last: last as u32,
    });
}

/// A walk of one trie over one sentence, with the trie's tables as plain slices. They are
/// taken once per sentence: read through the tier's `Cow`s, each read tests which kind of
/// `Cow` it is, and a walk that reads half a dozen tables per token kept too many values
/// to hold in registers.
struct Walk<'a> {
    tier: &'a TierIndex,
    tokens: &'a Tokens,
    ids: &'a [u32],
    root_child: &'a [u32],
    nodes: &'a [[u32; 4]],
    ends: &'a [u32],
    patterns: &'a [[u32; 3]],
    pattern_sets: &'a [u32],
    /// The bit of `#` in a node's edge mask (see [`may_have_child`]), or 0 when no phrase
    /// has `#` or the sentence has no number: most sentences have none, and then one test
    /// of a node's mask rules out a `#` step before any token is read.
    number_bit: u64,
}

impl<'a> Walk<'a> {
    fn new(tier: &'a TierIndex, tokens: &'a Tokens, ids: &'a [u32]) -> Walk<'a> {
        let number_bit = if tier.number != NONE && tokens.has_number {
            1u64 << (tier.number % 64)
        } else {
            0
        };
        Walk {
            tier,
            tokens,
            ids,
            root_child: &tier.root_child,
            nodes: &tier.nodes,
            ends: &tier.ends,
            patterns: &tier.patterns,
            pattern_sets: &tier.pattern_sets,
            number_bit,
        }
    }

    /// The record of `node` (see [`NodeRecord::of`]).
    #[inline(always)]
    fn record(&self, node: u32) -> NodeRecord {
        NodeRecord::of(self.nodes, node)
    }

    /// Report the phrases that end at the node of `record`, reached at token `at`, of a
    /// phrase that started at `first`.
    fn emit_ends(&self, record: NodeRecord, first: usize, at: usize, out: &mut Vec<Hit>) {
        emit_record(
            record,
            self.ends,
            self.patterns,
            self.pattern_sets,
            first,
            at,
            out,
        );
    }

    /// False only when token `at` surely leads nowhere from the node of `record`: the
    /// sentence has ended, or the node's edge mask has no bit for its word nor for `#`.
    #[inline(always)]
    fn may_go_on(&self, record: NodeRecord, at: usize) -> bool {
        match self.ids.get(at) {
            Some(&next) => {
                may_have_child(record, next) || record.child_words & self.number_bit != 0
            }
            None => false,
        }
    }

    /// Where token `at` leads from `node`: along its word, and along `#` when it is a number
    /// (each `NONE` when it leads nowhere, or when the sentence has ended).
    #[inline(always)]
    fn steps(&self, node: u32, record: NodeRecord, at: usize) -> (u32, u32) {
        let Some(&next) = self.ids.get(at) else {
            return (NONE, NONE);
        };
        let by_word = self.tier.child_of(record, node, next);
        let by_number = if record.child_words & self.number_bit != 0 && is_number(self.tokens, at) {
            self.tier.edges.get(edge(node, self.tier.number))
        } else {
            NONE
        };
        (by_word, by_number)
    }

    /// Walk the trie from every token that starts a phrase word (the tier has no `*`
    /// phrases): each step is one edge, or two for a number that some phrase names and `#`
    /// takes. Not inlined, so that its loop has the registers to itself.
    #[inline(never)]
    fn walk_all(&self, out: &mut Vec<Hit>) {
        // Where `#` leads from the root (`NONE` when no phrase starts with it, or when the
        // sentence has no number), so a token is read as a number only when one could start
        // a phrase.
        let number_start = match self.root_child.get(self.tier.number as usize) {
            Some(&node) if self.number_bit != 0 => node,
            _ => NONE,
        };
        for (first, &id) in self.ids.iter().enumerate() {
            if let Some(&node) = self.root_child.get(id as usize)
                && node != NONE
            {
                self.walk_from(node, first, out);
            }
            if number_start != NONE && is_number(self.tokens, first) {
                self.walk_from(number_start, first, out);
            }
        }
    }

    /// A walk from the root's child `node` at token `first`: its phrases reported and its
    /// first step taken here, [`follow`](Self::follow) called only when the next token leads
    /// on. Most walks end after one word, and a call of `follow` sets up for a long walk.
    /// Inlined into the loop over tokens: half the walks neither report nor go on, and
    /// for those the call was most of the cost.
    #[inline(always)]
    fn walk_from(&self, node: u32, first: usize, out: &mut Vec<Hit>) {
        let record = self.record(node);
        if record.has_ends() {
            self.emit_ends(record, first, first, out);
        }
        if self.may_go_on(record, first + 1) {
            self.go_on(node, record, first, first + 1, out);
        }
    }

    /// The steps from `node` (the node of `record`) along token `at`, each followed.
    #[inline(never)]
    fn go_on(&self, node: u32, record: NodeRecord, first: usize, at: usize, out: &mut Vec<Hit>) {
        let (by_word, by_number) = self.steps(node, record, at);
        for next in [by_number, by_word] {
            if next != NONE {
                self.follow(next, first, at, out);
            }
        }
    }

    /// Follow the trie from `node` (reached at token `at`) for a phrase that started at
    /// `first`, reporting every phrase that ends on the way.
    fn follow(&self, mut node: u32, first: usize, mut at: usize, out: &mut Vec<Hit>) {
        loop {
            let record = self.record(node);
            if record.has_ends() {
                self.emit_ends(record, first, at, out);
            }
            at += 1;
            let (by_word, by_number) = self.steps(node, record, at);
            match (by_word != NONE, by_number != NONE) {
                (true, true) => {
                    self.follow(by_number, first, at, out);
                    node = by_word;
                }
                (true, false) => node = by_word,
                (false, true) => node = by_number,
                (false, false) => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::builder::PhraseIndexBuilder;
    use super::super::sets::{SetId, Tier};
    use super::super::syntax::expand;
    use super::*;
    use crate::text::tokenize::tokenize;

    fn hits(phrases: &[&str], text: &str) -> Vec<(u32, u32)> {
        let mut b = PhraseIndexBuilder::new();
        let s = b.add_set("s");
        for p in phrases {
            b.add_phrase(s, p).unwrap();
        }
        let idx = b.build();
        let mut out = Vec::new();
        idx.find(&tokenize(text), &mut Vec::new(), &mut out);
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
        idx.find(
            &tokenize("There are no side effects"),
            &mut Vec::new(),
            &mut out,
        );
        assert_eq!(out.len(), 2);
        assert_eq!(idx.set_name(out[0].set), "c");
    }

    #[test]
    fn caret_anchors_a_phrase_at_the_sentence_start() {
        let mut b = PhraseIndexBuilder::new();
        let label = b.add_set("label");
        b.add_phrase(label, "^ (for|made for)").unwrap();
        b.add_phrase(label, "^ over # patients").unwrap();
        assert!(b.add_phrase(label, "good ^ for").is_err());
        assert!(b.add_phrase(label, "^ eliminat*").is_err());
        let idx = b.build();
        let find = |text: &str| {
            let mut out = Vec::new();
            idx.find(&tokenize(text), &mut Vec::new(), &mut out);
            out.iter().map(|h| (h.first, h.last)).collect::<Vec<_>>()
        };
        assert_eq!(find("For Joint Pain"), [(0, 0)]);
        assert_eq!(find("Made for the joints"), [(0, 1)]);
        assert_eq!(find("Good for joints, and for skin"), []);
        assert_eq!(find("Over 500 patients agree"), [(0, 2)]);
        assert_eq!(find("x ^ for"), []);
    }

    #[test]
    fn detail_tier_is_matched_only_on_request() {
        let mut b = PhraseIndexBuilder::new();
        let relief = b.add_set("relief");
        let pain = b.add_set_in("pain", Tier::Detail);
        let number = b.add_set_in("number", Tier::Detail);
        b.add_phrase(relief, "~relieve").unwrap();
        b.add_phrase(pain, "back pain").unwrap();
        b.add_phrase(pain, "pain").unwrap();
        b.add_phrase(number, "in # visits").unwrap();
        let idx = b.build();
        let tokens = tokenize("It relieves back pain in 3 visits");
        let (mut ids, mut out) = (Vec::new(), Vec::new());
        idx.find(&tokens, &mut ids, &mut out);
        let hits = |out: &[Hit]| -> Vec<(String, u32, u32)> {
            out.iter()
                .map(|h| (idx.set_name(h.set).to_string(), h.first, h.last))
                .collect()
        };
        assert_eq!(hits(&out), [("relief".to_string(), 1, 1)]);
        // The detail tier shares the main tier's word ids and keeps the hits in order.
        idx.find_detail(&tokens, &ids, &mut out);
        assert_eq!(
            hits(&out),
            [
                ("relief".to_string(), 1, 1),
                ("pain".to_string(), 2, 3),
                ("pain".to_string(), 3, 3),
                ("number".to_string(), 4, 6),
            ]
        );
    }

    #[test]
    fn two_runs_merge_as_one_sort_would() {
        let hit = |first, last, set| Hit {
            set: SetId(set),
            first,
            last,
        };
        for tail in [1, 5, 32, 33, 60] {
            let head: Vec<Hit> = (0..40).map(|i| hit(i / 2, i, 1)).collect();
            let mut out = head.clone();
            out.extend((0..tail).map(|i| hit(i * 3 % 25, i, 2)));
            out[40..].sort_by_key(hit_key);
            let mut want = out.clone();
            want.sort_by_key(hit_key);
            merge_runs(&mut out, 40);
            assert_eq!(out, want, "{tail}");
        }
    }

    /// The matcher the trie replaces: every expanded variant compared token by token at every
    /// position. Returns (set, first, last) triples in the trie's order.
    fn brute_force(phrases: &[(u32, &str)], text: &str) -> Vec<(u32, u32, u32)> {
        let sentence = tokenize(text);
        let n = sentence.tokens.len();
        let mut out = Vec::new();
        for &(set, raw) in phrases {
            for variant in expand(raw).unwrap() {
                let (body, prefix) = match variant.strip_suffix('*') {
                    Some(b) => (b.trim_end().to_string(), true),
                    None => (variant.clone(), false),
                };
                let reported = body
                    .split_once('>')
                    .map(|(head, _)| tokenize(head).tokens.len());
                let words = tokenize(&body.replace('>', " "));
                let len = words.tokens.len();
                for first in 0..n {
                    if first + len > n {
                        break;
                    }
                    let matches = (0..len).all(|k| {
                        let (want, got) = (words.norm_of(k), sentence.norm_of(first + k));
                        // `#` (a bare `#` in a phrase) takes any number.
                        let number = sentence.tokens[first + k].kind == TokenKind::Word
                            && got.starts_with(|c: char| c.is_ascii_digit());
                        if prefix && k + 1 == len {
                            got.starts_with(want)
                        } else if want == "#" {
                            number
                        } else {
                            got == want
                        }
                    });
                    if matches {
                        let last = first + reported.unwrap_or(len) - 1;
                        out.push((set, first as u32, last as u32));
                    }
                }
            }
        }
        out.sort_by_key(|&(set, first, last)| (first, last, set));
        out.dedup();
        out
    }

    fn trie(phrases: &[(u32, &str)], text: &str) -> Vec<(u32, u32, u32)> {
        let mut b = PhraseIndexBuilder::new();
        for i in 0..3 {
            b.add_set(format!("s{i}"));
        }
        for &(set, raw) in phrases {
            b.add_phrase(SetId(set), raw).unwrap();
        }
        let idx = b.build();
        let mut out = Vec::new();
        idx.find(&tokenize(text), &mut Vec::new(), &mut out);
        out.iter().map(|h| (h.set.0, h.first, h.last)).collect()
    }

    const PHRASES: &[(u32, &str)] = &[
        (0, "(cure|cures) [back] pain"),
        (0, "no side effects"),
        (1, "no"),
        (1, "heals > (the|your)"),
        (2, "risk-free"),
        (2, "eliminat*"),
        (2, "pain (relief|free*)"),
        (0, "100 %"),
        (1, "doesn't cure"),
        (2, "back pain > relief"),
    ];

    const WORDS: &[&str] = &[
        "cure",
        "cures",
        "back",
        "pain",
        "no",
        "side",
        "effects",
        "heals",
        "the",
        "your",
        "risk-free",
        "risk",
        "free",
        "freedom",
        "eliminates",
        "eliminat",
        "relief",
        "100%",
        "doesn’t",
        "Cure",
        "PAIN",
        ",",
        "it",
        "–",
    ];

    proptest::proptest! {
        #[test]
        fn trie_agrees_with_matching_every_variant(
            picks in proptest::collection::vec(0..WORDS.len(), 0..24)
        ) {
            let text: Vec<&str> = picks.iter().map(|&i| WORDS[i]).collect();
            let text = text.join(" ");
            proptest::prop_assert_eq!(trie(PHRASES, &text), brute_force(PHRASES, &text));
            // Without `*` phrases the trie takes its other walk.
            let plain: Vec<(u32, &str)> =
                PHRASES.iter().copied().filter(|(_, p)| !p.contains('*')).collect();
            proptest::prop_assert_eq!(trie(&plain, &text), brute_force(&plain, &text));
        }

        #[test]
        fn numbers_match_as_every_variant_does(
            picks in proptest::collection::vec(0..NUMBER_WORDS.len(), 0..24)
        ) {
            // `#` phrases, at the start of a phrase and after its first word, with the plain
            // phrases (the walk without `*` phrases, which reads a number only where a `#`
            // edge could take it).
            let text: Vec<&str> = picks.iter().map(|&i| NUMBER_WORDS[i]).collect();
            let text = text.join(" ");
            let phrases: Vec<(u32, &str)> = PHRASES
                .iter()
                .chain(NUMBER_PHRASES)
                .copied()
                .filter(|(_, p)| !p.contains('*'))
                .collect();
            proptest::prop_assert_eq!(trie(&phrases, &text), brute_force(&phrases, &text));
        }
    }

    const NUMBER_PHRASES: &[(u32, &str)] = &[
        (1, "over # patients"),
        (2, "# %"),
        (0, "in # [more] visits"),
        (1, "# in #"),
        (2, "100 patients"),
    ];

    const NUMBER_WORDS: &[&str] = &[
        "over", "patients", "in", "visits", "more", "12", "100", "2.5", "%", "100%", "#", "pain",
        "no", "cure", "x9",
    ];
}
