//! The word trie a builder fills, one (node, word) edge per step, with the phrase endings it
//! collects; and word ids, interned on first sight.

use rustc_hash::FxHashMap;

use super::sets::SetId;

/// The root node of every trie.
pub(super) const ROOT: u32 = 0;
/// No word id, or no child.
pub(super) const NONE: u32 = u32::MAX;

/// A phrase ending while the trie is built: at `node`, reporting `reported` tokens, for
/// `set`, packed into one integer that sorts by those three. Endings are grouped into
/// patterns at the end, so adding one is a push.
fn ending(node: u32, reported: u32, set: SetId) -> u128 {
    (u128::from(node) << 64) | (u128::from(reported) << 32) | u128::from(set.0)
}

/// The ending of a `*` phrase: any word starting with `prefix` after `node`.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct PrefixEnding {
    pub(super) node: u32,
    pub(super) prefix: Box<str>,
    pub(super) reported: u32,
    pub(super) set: SetId,
}

/// The word trie a builder fills: words are interned to ids (shared by both tries, so a
/// sentence's ids are looked up once) and each edge is one (node, word) pair, so matching
/// costs a hash lookup per token.
#[derive(Debug, Default)]
pub(super) struct Trie {
    pub(super) edges: FxHashMap<u64, u32>,
    pub(super) nodes: u32,
    pub(super) endings: Vec<u128>,
    pub(super) prefix_endings: Vec<PrefixEnding>,
}

/// The key of the edge from `node` along `word`.
pub(super) fn edge(node: u32, word: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(word)
}

/// The id of word `w`, interned on first sight.
pub(super) fn intern(words: &mut FxHashMap<Box<str>, u32>, w: &str) -> u32 {
    if let Some(&id) = words.get(w) {
        return id;
    }
    let id = words.len() as u32;
    words.insert(w.into(), id);
    id
}

impl Trie {
    pub(super) fn new() -> Trie {
        Trie {
            nodes: 1,
            ..Trie::default()
        }
    }

    pub(super) fn child(&mut self, node: u32, word: u32) -> u32 {
        let next = self.nodes;
        let child = *self.edges.entry(edge(node, word)).or_insert(next);
        if child == next {
            self.nodes += 1;
        }
        child
    }

    /// End a phrase whose words lead to `node`.
    pub(super) fn add_ending(&mut self, node: u32, reported: Option<u32>, set: SetId) {
        self.endings
            .push(ending(node, reported.unwrap_or(NONE), set));
    }

    /// End a phrase whose other words lead to `node` with any word starting with `prefix`.
    pub(super) fn add_prefix_ending(
        &mut self,
        node: u32,
        prefix: &str,
        reported: Option<u32>,
        set: SetId,
    ) {
        self.prefix_endings.push(PrefixEnding {
            node,
            prefix: prefix.into(),
            reported: reported.unwrap_or(NONE),
            set,
        });
    }
}
