//! Phrase lists as data. A phrase is words separated by spaces, with six conveniences:
//! `(a|b)` picks one alternative, `[a|b]` is optional, a trailing `*` on the last word
//! matches any word that starts with it (`eliminat*`), `~` before a verb matches each of its
//! forms (`~treat`: treat, treats, treated, treating), `#` matches any number (`over #
//! patients`; `\#` is the character itself), `>` ends the part of the phrase that is
//! reported: `heals > (the|your)` requires the following word but flags only "heals", and a
//! leading `^` anchors a phrase at the start of the sentence (`^ for`).
//! Every phrase of every list is compiled into one trie over normalised words, so a sentence
//! is scanned once for all lists, a hash lookup per token, and matches fall on token
//! boundaries by construction.

use rustc_hash::FxHashMap;

use super::tokenize::{TokenKind, Tokens, tokenize};

pub mod snapshot;

/// Most expansions one phrase may produce; guards against combinatorial explosions.
pub const MAX_EXPANSIONS: usize = 4096;

/// Index of a phrase set (a vocabulary or a rule's trigger list).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SetId(pub u32);

/// Which sets a sentence has hits of (or a rule looks for), as bits, for a quick test before
/// the exact one; sets past the 128th make every test say "maybe".
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct SetMask {
    bits: u128,
    overflow: bool,
}

impl SetMask {
    /// The mask of `sets`.
    pub fn of(sets: impl IntoIterator<Item = SetId>) -> SetMask {
        let mut mask = SetMask::default();
        for set in sets {
            mask.insert(set);
        }
        mask
    }

    /// Add `set`.
    pub fn insert(&mut self, set: SetId) {
        match 1u128.checked_shl(set.0) {
            Some(bit) => self.bits |= bit,
            None => self.overflow = true,
        }
    }

    /// The mask that may intersect any other.
    pub fn all() -> SetMask {
        SetMask {
            bits: u128::MAX,
            overflow: true,
        }
    }

    /// Add every set of `other`.
    pub fn union(&mut self, other: &SetMask) {
        self.bits |= other.bits;
        self.overflow |= other.overflow;
    }

    /// False only when `set` is surely not in the mask.
    pub fn may_contain(&self, set: SetId) -> bool {
        match 1u128.checked_shl(set.0) {
            Some(bit) => self.bits & bit != 0,
            None => self.overflow,
        }
    }

    /// False only when the two masks surely share no set.
    pub fn may_intersect(&self, other: &SetMask) -> bool {
        self.overflow || other.overflow || self.bits & other.bits != 0
    }
}

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

/// A phrase split into slots, each a list of alternatives: a literal run is one slot with one
/// alternative, a group one slot with its options (and `""` when it is optional).
fn slots(raw: &str) -> Result<Vec<Vec<&str>>, String> {
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
enum PhraseToken<'a> {
    Word(std::borrow::Cow<'a, str>),
    Id(u32),
    Marker,
    Star,
    /// `^`: the start of the sentence.
    Start,
}

fn phrase_tokens(text: &str) -> Vec<PhraseToken<'_>> {
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

/// What a trie node reports when a phrase ends there: the tokens reported (those before
/// `>`, or all when `NONE`) and its sets, `sets[start..end]` of the index's pattern sets.
#[derive(Copy, Clone, Debug)]
struct Pattern {
    reported: u32,
    start: u32,
    end: u32,
}

/// A phrase whose last word ends in `*`: the words before it lead to trie node `node`, and any
/// token starting with `prefix` completes it.
#[derive(Debug)]
struct Star {
    node: u32,
    prefix: Box<str>,
    pattern: u32,
}

/// The trie word a `#` of a phrase becomes: any number ("over # patients"). No text token
/// can be it (text holds no NUL).
const NUMBER: &str = "\0#";

/// The trie word a leading `^` becomes: the start of a sentence, before its first token.
const START: &str = "\0^";

const ROOT: u32 = 0;
/// No word id, or no child.
const NONE: u32 = u32::MAX;

/// A phrase ending while the trie is built: at `node`, reporting `reported` tokens, for
/// `set`, packed into one integer that sorts by those three. Endings are grouped into
/// patterns at the end, so adding one is a push.
fn ending(node: u32, reported: u32, set: SetId) -> u128 {
    (u128::from(node) << 64) | (u128::from(reported) << 32) | u128::from(set.0)
}

/// The ending of a `*` phrase: any word starting with `prefix` after `node`.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct PrefixEnding {
    node: u32,
    prefix: Box<str>,
    reported: u32,
    set: SetId,
}

/// The word trie a builder fills: words are interned to ids (shared by both tries, so a
/// sentence's ids are looked up once) and each edge is one (node, word) pair, so matching
/// costs a hash lookup per token.
#[derive(Debug, Default)]
struct Trie {
    edges: FxHashMap<u64, u32>,
    nodes: u32,
    endings: Vec<u128>,
    prefix_endings: Vec<PrefixEnding>,
}

fn edge(node: u32, word: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(word)
}

/// The id of word `w`, interned on first sight.
fn intern(words: &mut FxHashMap<Box<str>, u32>, w: &str) -> u32 {
    if let Some(&id) = words.get(w) {
        return id;
    }
    let id = words.len() as u32;
    words.insert(w.into(), id);
    id
}

impl Trie {
    fn new() -> Trie {
        Trie {
            nodes: 1,
            ..Trie::default()
        }
    }

    fn child(&mut self, node: u32, word: u32) -> u32 {
        let next = self.nodes;
        let child = *self.edges.entry(edge(node, word)).or_insert(next);
        if child == next {
            self.nodes += 1;
        }
        child
    }

    /// End a phrase whose words lead to `node`.
    fn add_ending(&mut self, node: u32, reported: Option<u32>, set: SetId) {
        self.endings
            .push(ending(node, reported.unwrap_or(NONE), set));
    }

    /// End a phrase whose other words lead to `node` with any word starting with `prefix`.
    fn add_prefix_ending(&mut self, node: u32, prefix: &str, reported: Option<u32>, set: SetId) {
        self.prefix_endings.push(PrefixEnding {
            node,
            prefix: prefix.into(),
            reported: reported.unwrap_or(NONE),
            set,
        });
    }
}

/// Which of the index's two tries a set's phrases go into.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Tier {
    /// Matched in every sentence: the sets a rule triggers on, and those read across a
    /// document.
    Main,
    /// Matched only in a sentence with a hit of the main tier that a rule reads closely (see
    /// [`PhraseIndex::find_detail`]): the vocabularies a rule consults once it has a match.
    Detail,
}

/// Collects phrase sets, then compiles them into a [`PhraseIndex`].
#[derive(Debug)]
pub struct PhraseIndexBuilder {
    set_names: Vec<String>,
    set_tiers: Vec<Tier>,
    /// The main tier's trie and the detail tier's.
    tries: [Trie; 2],
    /// Every phrase word of both tries, by id.
    words: FxHashMap<Box<str>, u32>,
    /// Verb form → base form, for every `~verb` of every phrase.
    verb_bases: FxHashMap<String, String>,
    /// An index built ahead of time from the same phrases (see [`snapshot`]): phrases are then
    /// not inserted again.
    prebuilt: Option<PhraseIndex>,
}

impl Default for PhraseIndexBuilder {
    fn default() -> Self {
        PhraseIndexBuilder {
            set_names: Vec::new(),
            set_tiers: Vec::new(),
            tries: [Trie::new(), Trie::new()],
            words: FxHashMap::default(),
            verb_bases: FxHashMap::default(),
            prebuilt: None,
        }
    }
}

impl PhraseIndexBuilder {
    /// A new, empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declare a set, matched in every sentence.
    pub fn add_set(&mut self, name: impl Into<String>) -> SetId {
        self.add_set_in(name, Tier::Main)
    }

    /// Declare a set in `tier`.
    pub fn add_set_in(&mut self, name: impl Into<String>, tier: Tier) -> SetId {
        self.set_names.push(name.into());
        self.set_tiers.push(tier);
        SetId(self.set_names.len() as u32 - 1)
    }

    /// Add one phrase (with the phrase syntax) to `set`. Each literal and option is tokenized
    /// once and the variants are inserted into the trie without building their text.
    pub fn add_phrase(&mut self, set: SetId, raw: &str) -> Result<(), String> {
        if self.prebuilt.is_some() {
            return Ok(());
        }
        if raw.matches('>').count() > 1 {
            return Err(format!("`>` may appear once, in phrase `{raw}`"));
        }
        let words = &mut self.words;
        let trie = match self.set_tiers.get(set.0 as usize) {
            Some(Tier::Detail) => &mut self.tries[1],
            _ => &mut self.tries[0],
        };
        // Most phrases are plain lowercase words ("rheumatoid arthritis"): one path.
        if !raw.is_empty()
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ')
        {
            let mut node = ROOT;
            for word in raw.split_ascii_whitespace() {
                let id = intern(words, word);
                node = trie.child(node, id);
            }
            if node == ROOT {
                return Err(format!("phrase `{raw}` is empty"));
            }
            trie.add_ending(node, None, set);
            return Ok(());
        }
        let verb_bases = &mut self.verb_bases;
        let expanded = super::inflect::expand_verbs(raw, &mut |base, forms| {
            if !verb_bases.contains_key(base) {
                verb_bases.extend(forms.iter().map(|f| (f.clone(), base.to_string())));
            }
        });
        let words = &mut self.words;
        let trie = match self.set_tiers.get(set.0 as usize) {
            Some(Tier::Detail) => &mut self.tries[1],
            _ => &mut self.tries[0],
        };
        // Each alternative is tokenized, and its words interned, once; the variants then
        // walk the trie by word id.
        let slots: Vec<Vec<Vec<PhraseToken>>> = slots(&expanded)?
            .into_iter()
            .map(|slot| {
                slot.into_iter()
                    .map(|alternative| {
                        let mut tokens = phrase_tokens(alternative);
                        // A word before `*` stays text: it is a prefix, not a trie word.
                        for i in 0..tokens.len() {
                            let before_star = matches!(tokens.get(i + 1), Some(PhraseToken::Star));
                            if let PhraseToken::Word(w) = &tokens[i]
                                && !before_star
                            {
                                tokens[i] = PhraseToken::Id(intern(words, w));
                            }
                        }
                        tokens
                    })
                    .collect()
            })
            .collect();
        // The trie is grown slot by slot: every alternative of a slot extends every path so
        // far, and paths that reach one node in one state go on as one. A cartesian product
        // of options costs its trie's nodes, not its variants times their length.
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
        struct Path<'p> {
            node: u32,
            words: u32,
            marker: Option<u32>,
            prefix: Option<&'p str>,
            star: bool,
        }
        let misplaced_star = || format!("`*` may only end the last word, in phrase `{raw}`");
        if raw.contains('^') && raw.contains('*') {
            return Err(format!(
                "`^` and `*` may not be combined, in phrase `{raw}`"
            ));
        }
        let start = intern(words, START);
        let mut paths = vec![Path {
            node: ROOT,
            words: 0,
            marker: None,
            prefix: None,
            star: false,
        }];
        let mut next_paths = Vec::new();
        for slot in &slots {
            next_paths.clear();
            for path in &paths {
                for alternative in slot {
                    let mut p = path.clone();
                    for token in alternative {
                        if p.star || (p.prefix.is_some() && !matches!(token, PhraseToken::Star)) {
                            return Err(misplaced_star());
                        }
                        match token {
                            PhraseToken::Id(id) => {
                                p.node = trie.child(p.node, *id);
                                p.words += 1;
                            }
                            PhraseToken::Word(w) => {
                                p.prefix = Some(w);
                                p.words += 1;
                            }
                            PhraseToken::Star if p.prefix.is_some() => p.star = true,
                            PhraseToken::Star => return Err(misplaced_star()),
                            PhraseToken::Marker if p.words == 0 => {
                                return Err(format!(
                                    "`>` needs words on both sides, in phrase `{raw}`"
                                ));
                            }
                            PhraseToken::Marker => p.marker = Some(p.words),
                            // The start is a step in the trie but no word of the hit.
                            PhraseToken::Start if p.node == ROOT && p.words == 0 => {
                                p.node = trie.child(p.node, start);
                            }
                            PhraseToken::Start => {
                                return Err(format!("`^` may only start phrase `{raw}`"));
                            }
                        }
                    }
                    next_paths.push(p);
                }
            }
            next_paths.sort_unstable();
            next_paths.dedup();
            std::mem::swap(&mut paths, &mut next_paths);
        }
        let mut any = false;
        for p in &paths {
            if p.words == 0 {
                continue;
            }
            any = true;
            if p.marker == Some(p.words) {
                return Err(format!("`>` needs words on both sides, in phrase `{raw}`"));
            }
            match p.prefix {
                Some(prefix) => trie.add_prefix_ending(p.node, prefix, p.marker, set),
                None => trie.add_ending(p.node, p.marker, set),
            }
        }
        if !any {
            return Err(format!("phrase `{raw}` is empty"));
        }
        Ok(())
    }

    /// Take `index`, built ahead of time from the phrases this builder is about to be given,
    /// instead of building one: phrases are no longer inserted, and
    /// [`PhraseIndexBuilder::finish`] returns it if the sets declared match.
    pub fn use_prebuilt(&mut self, index: PhraseIndex) {
        self.prebuilt = Some(index);
    }

    /// The index: the one built ahead of time, when one was given and its sets are the ones
    /// declared (`None` when they are not: it was built from other phrases), else built now.
    pub fn finish(mut self) -> Option<PhraseIndex> {
        match self.prebuilt.take() {
            Some(index) => (index.set_names == self.set_names && index.set_tiers == self.set_tiers)
                .then_some(index),
            None => Some(self.build()),
        }
    }

    /// Compile every phrase into the index.
    pub fn build(mut self) -> PhraseIndex {
        let [main, detail] = self.tries;
        self.words.shrink_to_fit();
        let short = ShortWords::new(
            self.words
                .iter()
                .filter_map(|(w, &id)| Some((pack(w)?, id))),
        );
        let number = self.words.get(NUMBER).copied().unwrap_or(NONE);
        let start = self.words.get(START).copied().unwrap_or(NONE);
        let words = self.words.len();
        PhraseIndex {
            main: TierIndex::new(main, words, number, start),
            detail: TierIndex::new(detail, words, number, start),
            words: self.words,
            short,
            set_names: self.set_names,
            set_tiers: self.set_tiers,
            verb_bases: self.verb_bases,
        }
    }
}

impl TierIndex {
    /// Compile one trie: its endings grouped into patterns, and each node's patterns in one
    /// flat list.
    fn new(mut trie: Trie, words: usize, number: u32, start: u32) -> TierIndex {
        let mut endings = std::mem::take(&mut trie.endings);
        endings.sort_unstable();
        endings.dedup();
        let mut prefix_endings = std::mem::take(&mut trie.prefix_endings);
        prefix_endings.sort_unstable();
        prefix_endings.dedup();
        let nodes = trie.nodes as usize;
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut pattern_sets: Vec<SetId> = Vec::with_capacity(endings.len());
        let mut node_patterns: Vec<(u32, u32)> = Vec::new();
        let mut stars: Vec<Star> = Vec::new();
        let mut add_pattern = |reported: u32, sets: &mut dyn Iterator<Item = SetId>| {
            let start = pattern_sets.len() as u32;
            pattern_sets.extend(sets);
            patterns.push(Pattern {
                reported,
                start,
                end: pattern_sets.len() as u32,
            });
            patterns.len() as u32 - 1
        };
        // Endings that share a node and a reported length are one pattern.
        for group in endings.chunk_by(|a, b| a >> 32 == b >> 32) {
            let node = (group[0] >> 64) as u32;
            let reported = (group[0] >> 32) as u32;
            let id = add_pattern(reported, &mut group.iter().map(|&e| SetId(e as u32)));
            node_patterns.push((node, id));
        }
        for group in prefix_endings
            .chunk_by(|a, b| (a.node, &a.prefix, a.reported) == (b.node, &b.prefix, b.reported))
        {
            let id = add_pattern(group[0].reported, &mut group.iter().map(|e| e.set));
            stars.push(Star {
                node: group[0].node,
                prefix: group[0].prefix.clone(),
                pattern: id,
            });
        }
        // Node → its patterns: `ends[end_starts[n]..end_starts[n + 1]]`.
        let mut end_starts = vec![0u32; nodes + 1];
        for &(node, _) in &node_patterns {
            end_starts[node as usize + 1] += 1;
        }
        for n in 0..nodes {
            end_starts[n + 1] += end_starts[n];
        }
        let ends: Vec<u32> = node_patterns.iter().map(|&(_, p)| p).collect();
        stars.sort_by_key(|s| s.node);
        let mut has_star = vec![false; nodes];
        for s in &stars {
            has_star[s.node as usize] = true;
        }
        let mut root_child = vec![NONE; words];
        // `#` is looked for only in a tier with a phrase that has one.
        let mut uses_number = false;
        for (&key, &child) in &trie.edges {
            if key >> 32 == u64::from(ROOT) {
                root_child[key as u32 as usize] = child;
            }
            uses_number |= number != NONE && key as u32 == number;
        }
        let start_node = if start == NONE {
            NONE
        } else {
            root_child[start as usize]
        };
        TierIndex {
            empty: trie.edges.is_empty() && stars.is_empty(),
            child_words: child_words(nodes, trie.edges.keys().copied()),
            edges: EdgeTable::new(&trie.edges),
            end_starts,
            ends,
            patterns,
            pattern_sets,
            stars,
            has_star,
            root_child,
            number: if uses_number { number } else { NONE },
            start: start_node,
        }
    }

    /// The child of `node` along `word` (either may be `NONE`), or `NONE`.
    fn child(&self, node: u32, word: u32) -> u32 {
        let bit = 1u64 << (word % 64);
        match self.child_words.get(node as usize) {
            Some(mask) if word != NONE && mask & bit != 0 => self.edges.get(edge(node, word)),
            _ => NONE,
        }
    }

    /// The patterns ending at `node`.
    fn ends(&self, node: u32) -> &[u32] {
        let n = node as usize;
        &self.ends[self.end_starts[n] as usize..self.end_starts[n + 1] as usize]
    }
}

/// [`TierIndex::child_words`] of a trie with `nodes` nodes and these edge keys.
fn child_words(nodes: usize, keys: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut masks = vec![0u64; nodes];
    for key in keys {
        if let Some(mask) = masks.get_mut((key >> 32) as usize) {
            *mask |= 1 << ((key as u32) % 64);
        }
    }
    masks
}

/// The trie's edges, (node, word) → child, in an open-addressing table of flat arrays: a
/// lookup is a multiply and a probe or two, and the arrays are stored and read back as they are
/// (see [`snapshot`]).
#[derive(Debug)]
struct EdgeTable {
    /// Each slot's edge key ([`EdgeTable::EMPTY`]: none; no node is `u32::MAX`).
    keys: Vec<u64>,
    /// Each slot's child.
    children: Vec<u32>,
    shift: u32,
}

impl EdgeTable {
    const EMPTY: u64 = u64::MAX;

    fn new(edges: &FxHashMap<u64, u32>) -> EdgeTable {
        // In key order, so the table does not depend on hash-map order.
        let mut sorted: Vec<(u64, u32)> = edges.iter().map(|(&k, &v)| (k, v)).collect();
        sorted.sort_unstable();
        EdgeTable::from_sorted(&sorted)
    }

    /// The table of `edges`, in key order, each key once and none [`EdgeTable::EMPTY`].
    fn from_sorted(edges: &[(u64, u32)]) -> EdgeTable {
        // At most half full, so probes stay short.
        let bits = (edges.len() * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut table = EdgeTable {
            keys: vec![Self::EMPTY; 1 << bits],
            children: vec![NONE; 1 << bits],
            shift: 64 - bits,
        };
        let mask = table.keys.len() - 1;
        for &(key, child) in edges {
            let mut slot = table.slot(key);
            while table.keys[slot] != Self::EMPTY {
                slot = (slot + 1) & mask;
            }
            table.keys[slot] = key;
            table.children[slot] = child;
        }
        table
    }

    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The child along an edge, or `NONE`.
    fn get(&self, key: u64) -> u32 {
        let mask = self.keys.len() - 1;
        let mut slot = self.slot(key);
        loop {
            let k = self.keys[slot];
            if k == key {
                return self.children[slot];
            }
            if k == Self::EMPTY {
                return NONE;
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// A word of up to eight bytes as one integer (words hold no NUL byte, so the zero padding
/// cannot be confused with a letter), so most lookups hash an integer, not a string.
fn pack(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    buf[..bytes.len()].copy_from_slice(bytes);
    Some(u64::from_le_bytes(buf))
}

/// [`pack`] of `text[start..end]`, reading eight bytes at once when the text has them after
/// `start` (a variable-length copy costs a call per token in the hot loop).
fn pack_at(text: &str, start: usize, end: usize) -> Option<u64> {
    let len = end - start;
    if len == 0 || len > 8 {
        return pack(&text[start..end]);
    }
    match text.as_bytes().get(start..start + 8) {
        // The word's `len` low bytes (little-endian), the rest zero.
        Some(&[a, b, c, d, e, f, g, h]) => {
            Some(u64::from_le_bytes([a, b, c, d, e, f, g, h]) & (u64::MAX >> (64 - 8 * len)))
        }
        _ => pack(&text[start..end]),
    }
}

/// Words of up to eight bytes by [`pack`]ed value, in a direct-mapped table: a lookup (once
/// per token) is a multiply and a load or two. The few words whose slot is taken live in a
/// hash map, which a slot sends lookups to only when one of them hashed there.
#[derive(Debug)]
struct ShortWords {
    /// Each slot's word (0: empty; no word packs to 0).
    keys: Vec<u64>,
    /// Each slot's word id, with [`ShortWords::OVERFLOW`] set when other words that hash to
    /// the slot are in `overflow`.
    ids: Vec<u32>,
    shift: u32,
    overflow: FxHashMap<u64, u32>,
}

impl ShortWords {
    const OVERFLOW: u32 = 1 << 31;

    fn new(words: impl Iterator<Item = (u64, u32)>) -> ShortWords {
        let mut words: Vec<(u64, u32)> = words.collect();
        // Sorted, so which word keeps a contested slot does not depend on hash-map order.
        words.sort_unstable();
        // At most one word in eight slots: few collisions, and the keys stay in cache.
        let bits = (words.len() * 8)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut table = ShortWords {
            keys: vec![0; 1 << bits],
            ids: vec![NONE; 1 << bits],
            shift: 64 - bits,
            overflow: FxHashMap::default(),
        };
        for (key, id) in words {
            let slot = table.slot(key);
            if table.keys[slot] == 0 {
                table.keys[slot] = key;
                table.ids[slot] = id;
            } else {
                table.ids[slot] |= Self::OVERFLOW;
                table.overflow.insert(key, id);
            }
        }
        table
    }

    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn get(&self, key: u64) -> Option<u32> {
        let slot = self.slot(key);
        let id = self.ids[slot];
        if self.keys[slot] == key {
            Some(id & !Self::OVERFLOW)
        } else if id != NONE && id & Self::OVERFLOW != 0 {
            self.overflow.get(&key).copied()
        } else {
            None
        }
    }
}

/// All phrase sets of a run, compiled into two word tries: one matched in every sentence and
/// one only where a rule looks closer.
#[derive(Debug)]
pub struct PhraseIndex {
    main: TierIndex,
    detail: TierIndex,
    /// Every phrase word, by id (both tiers share the ids).
    words: FxHashMap<Box<str>, u32>,
    /// The words of up to eight bytes, by [`pack`]ed value.
    short: ShortWords,
    set_names: Vec<String>,
    set_tiers: Vec<Tier>,
    verb_bases: FxHashMap<String, String>,
}

/// One compiled trie.
#[derive(Debug)]
struct TierIndex {
    /// Whether it has no phrase at all.
    empty: bool,
    edges: EdgeTable,
    /// Where each node's patterns start in `ends` (one more entry than nodes).
    end_starts: Vec<u32>,
    ends: Vec<u32>,
    patterns: Vec<Pattern>,
    pattern_sets: Vec<SetId>,
    stars: Vec<Star>,
    /// Nodes with `*` phrases hanging off them.
    has_star: Vec<bool>,
    /// The root's child for each word id (`NONE` when no phrase starts with the word): most
    /// walks stop after their first word, so that step is an array read, not a hash lookup.
    root_child: Vec<u32>,
    /// Per node, a bit for each `word % 64` of its edges: most steps of a walk find no child,
    /// and the mask says so without probing the edge table (a cache miss, often).
    child_words: Vec<u64>,
    /// The word id of `#` (any number), or `NONE` when no phrase has one.
    number: u32,
    /// The node a leading `^` leads to, or `NONE` when no phrase of the tier has one.
    start: u32,
}

impl PhraseIndex {
    /// The base form of a verb form that some phrase wrote as `~verb` ("relieves" →
    /// "relieve"); other words as they are.
    pub fn verb_base<'a>(&'a self, word: &'a str) -> &'a str {
        self.verb_bases.get(word).map_or(word, String::as_str)
    }

    /// Whether some phrase wrote `word` as a form of a `~verb`.
    pub fn is_verb_form(&self, word: &str) -> bool {
        self.verb_bases.contains_key(word)
    }

    /// Name of a set.
    pub fn set_name(&self, set: SetId) -> &str {
        &self.set_names[set.0 as usize]
    }

    /// Every hit of the main tier in `tokens`, ordered by first token, then last token, then
    /// set. `ids` receives each token's word id, for [`PhraseIndex::find_detail`].
    pub fn find(&self, tokens: &Tokens, ids: &mut Vec<u32>, out: &mut Vec<Hit>) {
        out.clear();
        ids.clear();
        ids.extend(tokens.tokens.iter().map(|t| {
            let (start, end) = (t.norm_start as usize, t.norm_end as usize);
            match pack_at(&tokens.norm, start, end) {
                Some(key) => self.short.get(key),
                None => self.words.get(&tokens.norm[start..end]).copied(),
            }
            .unwrap_or(NONE)
        }));
        self.main.find(tokens, ids, out);
        out.sort_unstable_by_key(|h| (h.first, h.last, h.set));
        out.dedup();
    }

    /// Add the hits of the detail tier to `out` (the main tier's hits of the same tokens,
    /// whose word ids [`PhraseIndex::find`] gave), keeping the order.
    pub fn find_detail(&self, tokens: &Tokens, ids: &[u32], out: &mut Vec<Hit>) {
        let before = out.len();
        self.detail.find(tokens, ids, out);
        if out.len() > before {
            out.sort_unstable_by_key(|h| (h.first, h.last, h.set));
            out.dedup();
        }
    }
}

impl TierIndex {
    fn emit(&self, pattern: u32, first: usize, last: usize, out: &mut Vec<Hit>) {
        let pattern = self.patterns[pattern as usize];
        let last = if pattern.reported == NONE {
            last
        } else {
            // Never past the token the phrase ended on, whatever the index says.
            (first + pattern.reported as usize - 1).min(last)
        };
        for &set in &self.pattern_sets[pattern.start as usize..pattern.end as usize] {
            out.push(Hit {
                set,
                first: first as u32,
                last: last as u32,
            });
        }
    }

    /// Append every phrase hit of this trie in `tokens` (whose word ids are `ids`) to
    /// `out`, unordered.
    fn find(&self, tokens: &Tokens, ids: &[u32], out: &mut Vec<Hit>) {
        if self.empty {
            return;
        }
        self.walk(tokens, ids, out);
        // Phrases anchored at the start of the sentence go on from its first token.
        if self.start != NONE && !ids.is_empty() {
            let step = |word: u32| self.child(self.start, word);
            for node in [step(ids[0]), step(self.number_at(tokens, 0))] {
                if node != NONE {
                    self.follow(tokens, ids, node, 0, 0, out);
                }
            }
        }
    }

    /// The `#` word id when token `at` is a number and some phrase has a `#`.
    fn number_at(&self, tokens: &Tokens, at: usize) -> u32 {
        if self.number == NONE {
            return NONE;
        }
        let t = tokens.tokens[at];
        match tokens.norm.as_bytes().get(t.norm_start as usize) {
            Some(b) if b.is_ascii_digit() && t.kind == TokenKind::Word => self.number,
            _ => NONE,
        }
    }

    /// Follow the trie from `node` (reached at token `at`) for a phrase that started at
    /// `first`, reporting every phrase that ends on the way.
    fn follow(
        &self,
        tokens: &Tokens,
        ids: &[u32],
        mut node: u32,
        first: usize,
        mut at: usize,
        out: &mut Vec<Hit>,
    ) {
        loop {
            for &p in self.ends(node) {
                self.emit(p, first, at, out);
            }
            at += 1;
            let Some(&next) = ids.get(at) else { return };
            let step = |word: u32| self.child(node, word);
            let by_word = step(next);
            let by_number = step(self.number_at(tokens, at));
            match (by_word != NONE, by_number != NONE) {
                (true, true) => {
                    self.follow(tokens, ids, by_number, first, at, out);
                    node = by_word;
                }
                (true, false) => node = by_word,
                (false, true) => node = by_number,
                (false, false) => return,
            }
        }
    }

    /// Walk the trie from every token that starts a phrase word.
    fn walk(&self, tokens: &Tokens, ids: &[u32], out: &mut Vec<Hit>) {
        let n = ids.len();
        if self.stars.is_empty() {
            // No `*` phrases: a walk starts only at a word that starts a phrase, and each
            // step is one edge (or two, for a number that some phrase names and `#` takes).
            for (first, &id) in ids.iter().enumerate() {
                let alt = self.number_at(tokens, first);
                let start = self.root_child.get(id as usize).copied().unwrap_or(NONE);
                let start_alt = self.root_child.get(alt as usize).copied().unwrap_or(NONE);
                if start != NONE {
                    self.follow(tokens, ids, start, first, first, out);
                }
                if start_alt != NONE {
                    self.follow(tokens, ids, start_alt, first, first, out);
                }
            }
            return;
        }
        // A `*` phrase may start at any token, even one that is no phrase word.
        for first in 0..n {
            let mut node = ROOT;
            for (at, &id) in ids.iter().enumerate().skip(first) {
                if self.has_star[node as usize] {
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
                for &p in self.ends(node) {
                    self.emit(p, first, at, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrase syntax expanded into plain phrases: the written-out form the trie must
    /// match as.
    fn expand(raw: &str) -> Result<Vec<String>, String> {
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
        idx.find(&tokenize(text), &mut Vec::new(), &mut out);
        out.iter().map(|h| (h.first, h.last)).collect()
    }

    #[test]
    fn short_word_table_finds_every_word_and_only_those() {
        let words: Vec<(u64, u32)> = (0..5000u32)
            .map(|i| (pack(&format!("w{i}")).unwrap(), i))
            .collect();
        let table = ShortWords::new(words.iter().copied());
        assert!(!table.overflow.is_empty(), "some words should share a slot");
        for &(key, id) in &words {
            assert_eq!(table.get(key), Some(id));
        }
        for i in 5000..10_000 {
            assert_eq!(table.get(pack(&format!("w{i}")).unwrap()), None);
        }
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
    fn set_masks_rule_out_only_what_they_can() {
        let a = SetMask::of([SetId(1), SetId(70)]);
        assert!(a.may_intersect(&SetMask::of([SetId(70)])));
        assert!(!a.may_intersect(&SetMask::of([SetId(2)])));
        // Past 128 sets the mask cannot tell, so it says "maybe".
        assert!(a.may_intersect(&SetMask::of([SetId(200)])));
        assert!(!a.may_intersect(&SetMask::of([])));
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
                        if prefix && k + 1 == len {
                            got.starts_with(want)
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
    }
}
