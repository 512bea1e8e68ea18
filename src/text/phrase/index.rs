//! The compiled index: its two tiers, each a trie compiled into flat arrays, and how a
//! builder's trie is compiled into one.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::sets::{SetId, Tier};
use super::tables::{EdgeTable, ShortWords, Table};
use super::trie::{NONE, ROOT, Trie, edge};

/// The word id of a token whose word no phrase has (see [`PhraseIndex::word_id`]).
pub const NO_WORD: u32 = NONE;

/// All phrase sets of a run, compiled into two word tries: one matched in every sentence and
/// one only where a rule looks closer.
#[derive(Debug)]
pub struct PhraseIndex {
    pub(super) main: TierIndex,
    pub(super) detail: TierIndex,
    /// Every phrase word, by id (both tiers share the ids); borrowed from the snapshot bytes
    /// when the index was read in place.
    pub(super) words: FxHashMap<Cow<'static, str>, u32>,
    /// The words of up to eight bytes, by [`pack`](super::tables::pack)ed value.
    pub(super) short: ShortWords,
    pub(super) set_names: Vec<String>,
    pub(super) set_tiers: Vec<Tier>,
    pub(super) verb_bases: FxHashMap<Cow<'static, str>, Cow<'static, str>>,
}

/// One compiled trie.
#[derive(Debug)]
pub(super) struct TierIndex {
    /// Whether it has no phrase at all.
    pub(super) empty: bool,
    pub(super) edges: EdgeTable,
    /// The patterns ending at each node, node after node (see [`NodeRecord`]).
    pub(super) ends: Table<u32>,
    /// Each pattern as `[reported, start, end]` (see [`Pattern`]).
    pub(super) patterns: Table<[u32; 3]>,
    /// The sets of the patterns, by [`SetId`] number.
    pub(super) pattern_sets: Table<u32>,
    pub(super) stars: Vec<Star>,
    /// Nodes with `*` phrases hanging off them (1) or not (0).
    pub(super) has_star: Table<u8>,
    /// The root's child for each word id (`NONE` when no phrase starts with the word): most
    /// walks stop after their first word, so that step is an array read, not a hash lookup.
    pub(super) root_child: Table<u32>,
    /// Per node, what a step of a walk reads of it, in one record (one bounds check and one
    /// cache line, where separate arrays of masks and pattern starts took four checks), as
    /// `[mask low, mask high, ends start, ends end]` (see [`NodeRecord`]).
    pub(super) nodes: Table<[u32; 4]>,
    /// The word id of `#` (any number), or `NONE` when no phrase has one.
    pub(super) number: u32,
    /// The node a leading `^` leads to, or `NONE` when no phrase of the tier has one.
    pub(super) start: u32,
}

/// What a walk reads of one trie node.
#[derive(Copy, Clone, Debug, Default)]
pub(super) struct NodeRecord {
    /// A bit for each `word % 64` of its edges: most steps of a walk find no child, and the
    /// mask says so without probing the edge table (a cache miss, often).
    pub(super) child_words: u64,
    /// Its patterns: `ends[ends_start..ends_end]`; or, when `ends_start` has the
    /// [`INLINE`] bit, its one pattern of one set, kept here (see [`NodeRecord::inline`]).
    pub(super) ends_start: u32,
    pub(super) ends_end: u32,
}

/// The bit of a record's `ends_start` that says the node's one pattern is in the record: the
/// set in the other bits, the tokens reported in `ends_end`. Most nodes that end a phrase end
/// one phrase of one set, and reading it through `ends`, `patterns` and `pattern_sets` took
/// three dependent loads from tables of megabytes for every hit.
pub(super) const INLINE: u32 = 1 << 31;

impl NodeRecord {
    /// The record as stored in [`TierIndex::nodes`].
    fn to_row(self) -> [u32; 4] {
        let mask = self.child_words;
        [
            mask as u32,
            (mask >> 32) as u32,
            self.ends_start,
            self.ends_end,
        ]
    }

    /// The record of `node` in `nodes` (an empty one for a node out of range, which a
    /// consistent index never has).
    #[inline(always)]
    pub(super) fn of(nodes: &[[u32; 4]], node: u32) -> NodeRecord {
        nodes
            .get(node as usize)
            .map_or_else(NodeRecord::default, |&row| NodeRecord::from_row(row))
    }

    /// Whether a phrase ends at its node.
    #[inline(always)]
    pub(super) fn has_ends(self) -> bool {
        self.ends_start != self.ends_end
    }

    /// The node's one pattern when it is kept in the record: its set and the tokens it
    /// reports (`NONE`: all).
    #[inline(always)]
    pub(super) fn inline(self) -> Option<(u32, u32)> {
        (self.ends_start & INLINE != 0).then_some((self.ends_start & !INLINE, self.ends_end))
    }

    /// The patterns ending at its node, a range of `ends` (none for a record that keeps its
    /// one pattern itself).
    pub(super) fn ends_in(self, ends: &[u32]) -> &[u32] {
        ends.get(self.ends_start as usize..self.ends_end as usize)
            .unwrap_or_default()
    }

    /// The record stored as `row`.
    fn from_row(row: [u32; 4]) -> NodeRecord {
        NodeRecord {
            child_words: u64::from(row[0]) | u64::from(row[1]) << 32,
            ends_start: row[2],
            ends_end: row[3],
        }
    }
}

/// What a trie node reports when a phrase ends there: the tokens reported (those before
/// `>`, or all when `NONE`) and its sets, `sets[start..end]` of the index's pattern sets.
#[derive(Copy, Clone, Debug)]
pub(super) struct Pattern {
    pub(super) reported: u32,
    pub(super) start: u32,
    pub(super) end: u32,
}

impl Pattern {
    /// The pattern as stored in [`TierIndex::patterns`].
    fn to_row(self) -> [u32; 3] {
        [self.reported, self.start, self.end]
    }

    /// The pattern stored as `row`.
    pub(super) fn from_row([reported, start, end]: [u32; 3]) -> Pattern {
        Pattern {
            reported,
            start,
            end,
        }
    }
}

/// A phrase whose last word ends in `*`: the words before it lead to trie node `node`, and any
/// token starting with `prefix` completes it.
#[derive(Debug)]
pub(super) struct Star {
    pub(super) node: u32,
    pub(super) prefix: Box<str>,
    pub(super) pattern: u32,
}

impl PhraseIndex {
    /// The base form of a verb form that some phrase wrote as `~verb` ("relieves" →
    /// "relieve"); other words as they are.
    pub fn verb_base<'a>(&'a self, word: &'a str) -> &'a str {
        self.verb_bases.get(word).map_or(word, |base| base)
    }

    /// The word id [`PhraseIndex::find`] gives a token whose normal form is `word`; `None`
    /// when no phrase has the word.
    pub fn word_id(&self, word: &str) -> Option<u32> {
        self.word_id_at(word, 0, word.len())
    }

    /// The word id of `text[start..end]`: a short word by its bytes packed into a number
    /// (read from `text` eight bytes at a time where it is long enough), a long one by name.
    // Always inlined: `find` calls it for every token, and as a call it cost 1% of a run.
    #[inline(always)]
    pub(super) fn word_id_at(&self, text: &str, start: usize, end: usize) -> Option<u32> {
        match super::tables::pack_at(text, start, end) {
            Some(key) => self.short.get(key),
            None => self.words.get(&text[start..end]).copied(),
        }
    }

    /// Whether some phrase wrote `word` as a form of a `~verb`.
    pub fn is_verb_form(&self, word: &str) -> bool {
        self.verb_bases.contains_key(word)
    }

    /// Name of a set.
    pub fn set_name(&self, set: SetId) -> &str {
        &self.set_names[set.0 as usize]
    }

    /// The tier a set is matched in.
    pub fn set_tier(&self, set: SetId) -> Tier {
        self.set_tiers[set.0 as usize]
    }
}

impl TierIndex {
    /// Compile one trie: its endings grouped into patterns, and each node's patterns in one
    /// flat list.
    pub(super) fn new(mut trie: Trie, words: usize, number: u32, start: u32) -> TierIndex {
        let mut endings = std::mem::take(&mut trie.endings);
        endings.sort_unstable();
        endings.dedup();
        let mut prefix_endings = std::mem::take(&mut trie.prefix_endings);
        prefix_endings.sort_unstable();
        prefix_endings.dedup();
        let nodes = trie.nodes as usize;
        let mut patterns: Vec<[u32; 3]> = Vec::new();
        let mut pattern_sets: Vec<u32> = Vec::with_capacity(endings.len());
        let mut node_patterns: Vec<(u32, u32)> = Vec::new();
        let mut stars: Vec<Star> = Vec::new();
        let mut add_pattern = |reported: u32, sets: &mut dyn Iterator<Item = SetId>| {
            let start = pattern_sets.len() as u32;
            pattern_sets.extend(sets.map(|s| s.0));
            let end = pattern_sets.len() as u32;
            patterns.push(
                Pattern {
                    reported,
                    start,
                    end,
                }
                .to_row(),
            );
            patterns.len() as u32 - 1
        };
        // A node's one pattern of one set is kept in its record; endings that share a node
        // and a reported length are otherwise one pattern.
        let mut inline: Vec<(u32, u32, u32)> = Vec::new();
        for at_node in endings.chunk_by(|a, b| a >> 64 == b >> 64) {
            let node = (at_node[0] >> 64) as u32;
            let set = at_node[0] as u32;
            if let [one] = at_node
                && set < INLINE - 1
            {
                inline.push((node, set | INLINE, (one >> 32) as u32));
                continue;
            }
            for group in at_node.chunk_by(|a, b| a >> 32 == b >> 32) {
                let reported = (group[0] >> 32) as u32;
                let id = add_pattern(reported, &mut group.iter().map(|&e| SetId(e as u32)));
                node_patterns.push((node, id));
            }
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
        let mut has_star = vec![0u8; nodes];
        for s in &stars {
            has_star[s.node as usize] = 1;
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
            nodes: Cow::Owned(node_records(
                &end_starts,
                &inline,
                trie.edges.keys().copied(),
            )),
            edges: EdgeTable::new(&trie.edges),
            ends: Cow::Owned(ends),
            patterns: Cow::Owned(patterns),
            pattern_sets: Cow::Owned(pattern_sets),
            stars,
            has_star: Cow::Owned(has_star),
            root_child: Cow::Owned(root_child),
            number: if uses_number { number } else { NONE },
            start: start_node,
        }
    }

    /// The record of `node` (an empty one for a node out of range, which a consistent
    /// index never has).
    pub(super) fn node(&self, node: u32) -> NodeRecord {
        NodeRecord::of(&self.nodes, node)
    }

    /// The child of `node` along `word` (either may be `NONE`), or `NONE`.
    pub(super) fn child(&self, node: u32, word: u32) -> u32 {
        self.child_of(self.node(node), node, word)
    }

    /// [`child`](Self::child), given the record of `node`.
    #[inline(always)]
    pub(super) fn child_of(&self, record: NodeRecord, node: u32, word: u32) -> u32 {
        if word != NONE && may_have_child(record, word) {
            self.edges.get(edge(node, word))
        } else {
            NONE
        }
    }
}

/// False only when the node of `record` surely has no edge along `word` (its mask has no bit
/// for it).
pub(super) fn may_have_child(record: NodeRecord, word: u32) -> bool {
    record.child_words & (1u64 << (word % 64)) != 0
}

/// [`TierIndex::nodes`] of a trie whose patterns start at `end_starts` (one more entry than
/// nodes), whose nodes in `inline` keep their one pattern (node, `ends_start`, `ends_end`),
/// and with these edge keys.
fn node_records(
    end_starts: &[u32],
    inline: &[(u32, u32, u32)],
    keys: impl Iterator<Item = u64>,
) -> Vec<[u32; 4]> {
    let mut records: Vec<NodeRecord> = end_starts
        .windows(2)
        .map(|w| NodeRecord {
            child_words: 0,
            ends_start: w[0],
            ends_end: w[1],
        })
        .collect();
    for &(node, ends_start, ends_end) in inline {
        if let Some(record) = records.get_mut(node as usize) {
            record.ends_start = ends_start;
            record.ends_end = ends_end;
        }
    }
    for key in keys {
        if let Some(record) = records.get_mut((key >> 32) as usize) {
            record.child_words |= 1 << ((key as u32) % 64);
        }
    }
    records.into_iter().map(NodeRecord::to_row).collect()
}
