//! A compiled [`PhraseIndex`] as bytes. Building the index from the built-in packs is most of
//! medlint's start-up, so it is built ahead of time, kept beside the packs, and read back when
//! a run loads exactly those packs. The bytes carry a key of what in the packs goes into the
//! index: any other packs (or edited ones) get no snapshot and are compiled as before, so a
//! stale snapshot costs time, never correctness. A test rebuilds the index and compares.

use rustc_hash::FxHashMap;

use super::index::{Pattern, PhraseIndex, Star, TierIndex, node_records};
use super::sets::{SetId, Tier};
use super::tables::{EdgeTable, ShortWords, pack};
use super::trie::NONE;

const MAGIC: &[u8; 8] = b"MEDLINTP";
/// Bumped whenever the layout below or the meaning of a compiled index changes.
const FORMAT: u32 = 1;

/// A key of the packs an index is built from: their names and texts, eight bytes a step.
pub fn key<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = u64::from(FORMAT);
    let mut mix = |word: u64| h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    for part in parts {
        let chunks = part.chunks_exact(8);
        let tail = chunks.remainder();
        for c in chunks {
            mix(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        let mut last = [0u8; 8];
        last[..tail.len()].copy_from_slice(tail);
        mix(u64::from_le_bytes(last));
        // The length ends the part, so parts cannot run into each other.
        mix(part.len() as u64);
    }
    h
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("fewer than 2^32 entries"));
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        for &x in v {
            self.u32(x);
        }
    }
    fn u64s(&mut self, v: &[u64]) {
        self.len(v.len());
        for &x in v {
            self.u64(x);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    /// A count, checked against the bytes left so that a corrupt count cannot allocate much.
    fn len(&mut self, min_item: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.checked_mul(min_item)? <= self.bytes.len()).then_some(n)
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = self.len(1)?;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len(4)?;
        let bytes = self.take(n * 4)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes(c.try_into().expect("four bytes")))
                .collect(),
        )
    }
    fn u64s(&mut self) -> Option<Vec<u64>> {
        let n = self.len(8)?;
        let bytes = self.take(n * 8)?;
        Some(
            bytes
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("eight bytes")))
                .collect(),
        )
    }
}

fn write_tier(w: &mut Writer, t: &TierIndex) {
    w.u32(u32::from(t.empty));
    w.u32(t.number);
    w.u32(t.start);
    // The edges in key order; the table is laid out again when read.
    let mut edges: Vec<(u64, u32)> = t
        .edges
        .keys
        .iter()
        .zip(&t.edges.children)
        .filter(|&(&k, _)| k != EdgeTable::EMPTY)
        .map(|(&k, &c)| (k, c))
        .collect();
    edges.sort_unstable();
    w.u64s(&edges.iter().map(|&(k, _)| k).collect::<Vec<_>>());
    w.u32s(&edges.iter().map(|&(_, c)| c).collect::<Vec<_>>());
    w.u32s(&t.end_starts);
    w.u32s(&t.ends);
    w.len(t.patterns.len());
    for p in &t.patterns {
        w.u32(p.reported);
        w.u32(p.start);
        w.u32(p.end);
    }
    w.u32s(&t.pattern_sets.iter().map(|s| s.0).collect::<Vec<_>>());
    w.len(t.stars.len());
    for s in &t.stars {
        w.u32(s.node);
        w.str(&s.prefix);
        w.u32(s.pattern);
    }
    w.len(t.has_star.len());
    w.0.extend(t.has_star.iter().map(|&b| u8::from(b)));
    w.u32s(&t.root_child);
}

fn read_tier(r: &mut Reader<'_>) -> Option<TierIndex> {
    let empty = r.u32()? != 0;
    let number = r.u32()?;
    let start = r.u32()?;
    let keys = r.u64s()?;
    let children = r.u32s()?;
    // Strictly increasing keys: each edge once, and none the empty marker.
    if keys.len() != children.len()
        || !keys.windows(2).all(|w| w[0] < w[1])
        || keys.last() == Some(&EdgeTable::EMPTY)
    {
        return None;
    }
    let end_starts = r.u32s()?;
    let nodes = node_records(&end_starts, keys.iter().copied());
    let edges = EdgeTable::from_sorted(&keys.into_iter().zip(children).collect::<Vec<_>>());
    let ends = r.u32s()?;
    let n = r.len(12)?;
    let patterns = (0..n)
        .map(|_| {
            Some(Pattern {
                reported: r.u32()?,
                start: r.u32()?,
                end: r.u32()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let pattern_sets = r.u32s()?.into_iter().map(SetId).collect();
    let n = r.len(12)?;
    let stars = (0..n)
        .map(|_| {
            Some(Star {
                node: r.u32()?,
                prefix: r.str()?.into(),
                pattern: r.u32()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let n = r.len(1)?;
    let has_star = r.take(n)?.iter().map(|&b| b != 0).collect();
    let root_child = r.u32s()?;
    let tier = TierIndex {
        empty,
        nodes,
        edges,
        end_starts,
        ends,
        patterns,
        pattern_sets,
        stars,
        has_star,
        root_child,
        number,
        start,
    };
    tier.consistent().then_some(tier)
}

impl TierIndex {
    /// Whether every index the matcher follows stays in bounds, so that bytes from anywhere
    /// cannot make it panic.
    fn consistent(&self) -> bool {
        let nodes = self.end_starts.len().saturating_sub(1);
        let node_ok = |n: u32| n == NONE || (n as usize) < nodes;
        !self.end_starts.is_empty()
            && self.end_starts.windows(2).all(|w| w[0] <= w[1])
            && self
                .end_starts
                .last()
                .is_some_and(|&e| e as usize <= self.ends.len())
            && self
                .ends
                .iter()
                .all(|&p| (p as usize) < self.patterns.len())
            && self.patterns.iter().all(|p| {
                p.start <= p.end
                    && (p.end as usize) <= self.pattern_sets.len()
                    && (p.reported == NONE || p.reported > 0)
            })
            && self.edges.children.iter().all(|&n| node_ok(n))
            && self.root_child.iter().all(|&n| node_ok(n))
            && node_ok(self.start)
            && self.has_star.len() == nodes
            && self
                .stars
                .iter()
                .all(|s| (s.node as usize) < nodes && (s.pattern as usize) < self.patterns.len())
            && self.stars.windows(2).all(|w| w[0].node <= w[1].node)
    }
}

impl PhraseIndex {
    /// The index as bytes, under `key` (see [`key`]).
    pub fn to_bytes(&self, key: u64) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.0.extend_from_slice(MAGIC);
        w.u32(FORMAT);
        w.u64(key);
        w.len(self.set_names.len());
        for (name, tier) in self.set_names.iter().zip(&self.set_tiers) {
            w.str(name);
            w.u32(u32::from(*tier == Tier::Detail));
        }
        let mut words: Vec<(&str, u32)> = self.words.iter().map(|(w, &id)| (&**w, id)).collect();
        words.sort_unstable_by_key(|&(_, id)| id);
        w.len(words.len());
        for (word, _) in words {
            w.str(word);
        }
        let mut bases: Vec<(&String, &String)> = self.verb_bases.iter().collect();
        bases.sort_unstable();
        w.len(bases.len());
        for (form, base) in bases {
            w.str(form);
            w.str(base);
        }
        write_tier(&mut w, &self.main);
        write_tier(&mut w, &self.detail);
        w.0
    }

    /// The index in `bytes` if they were built under `key`; `None` for any other key, another
    /// format, or bytes that do not hold a whole, consistent index.
    pub fn from_bytes(bytes: &[u8], key: u64) -> Option<PhraseIndex> {
        Self::from_bytes_any(bytes).and_then(|(index, k)| (k == key).then_some(index))
    }

    /// The index in `bytes` and the key it was built under; `None` for another format, or
    /// bytes that do not hold a whole, consistent index.
    pub fn from_bytes_any(bytes: &[u8]) -> Option<(PhraseIndex, u64)> {
        let mut r = Reader { bytes };
        if r.take(MAGIC.len())? != MAGIC || r.u32()? != FORMAT {
            return None;
        }
        let key = r.u64()?;
        let n = r.len(8)?;
        let mut set_names = Vec::with_capacity(n);
        let mut set_tiers = Vec::with_capacity(n);
        for _ in 0..n {
            set_names.push(r.str()?.to_string());
            set_tiers.push(if r.u32()? != 0 {
                Tier::Detail
            } else {
                Tier::Main
            });
        }
        let n = r.len(4)?;
        let mut words = FxHashMap::with_capacity_and_hasher(n, Default::default());
        for id in 0..n as u32 {
            words.insert(Box::from(r.str()?), id);
        }
        let n = r.len(8)?;
        let mut verb_bases = FxHashMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let form = r.str()?.to_string();
            verb_bases.insert(form, r.str()?.to_string());
        }
        let main = read_tier(&mut r)?;
        let detail = read_tier(&mut r)?;
        let sets = set_names.len();
        let words_ok = |t: &TierIndex| {
            t.root_child.len() == words.len()
                && t.pattern_sets.iter().all(|s| (s.0 as usize) < sets)
                && (t.number == NONE || (t.number as usize) < words.len())
        };
        if !r.bytes.is_empty() || !words_ok(&main) || !words_ok(&detail) {
            return None;
        }
        let short = ShortWords::new(words.iter().filter_map(|(w, &id)| Some((pack(w)?, id))));
        let index = PhraseIndex {
            main,
            detail,
            words,
            short,
            set_names,
            set_tiers,
            verb_bases,
        };
        Some((index, key))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{PhraseIndexBuilder, Tier};
    use super::*;
    use crate::text::tokenize::tokenize;

    fn small() -> PhraseIndex {
        let mut b = PhraseIndexBuilder::new();
        let relief = b.add_set("relief");
        let label = b.add_set("label");
        let pain = b.add_set_in("pain", Tier::Detail);
        b.add_phrase(relief, "~relieve > (pain|aches)").unwrap();
        b.add_phrase(label, "^ for").unwrap();
        b.add_phrase(label, "over # patients").unwrap();
        b.add_phrase(pain, "(back|joint) pain").unwrap();
        b.add_phrase(pain, "eliminat*").unwrap();
        b.build()
    }

    const SENTENCES: &[&str] = &[
        "For joint pain: it relieves aches in over 300 patients.",
        "Eliminates back pain",
        "",
    ];

    fn hits(index: &PhraseIndex, text: &str) -> Vec<(u32, u32, u32)> {
        let tokens = tokenize(text);
        let (mut ids, mut out) = (Vec::new(), Vec::new());
        index.find(&tokens, &mut ids, &mut out);
        index.find_detail(&tokens, &ids, &mut out);
        out.iter().map(|h| (h.set.0, h.first, h.last)).collect()
    }

    #[test]
    fn reads_back_what_it_wrote_under_its_key_only() {
        let index = small();
        let bytes = index.to_bytes(7);
        let read = PhraseIndex::from_bytes(&bytes, 7).expect("reads back");
        assert_eq!(read.to_bytes(7), bytes);
        for text in SENTENCES {
            assert_eq!(hits(&read, text), hits(&index, text));
        }
        assert!(!hits(&read, SENTENCES[0]).is_empty());
        assert!(PhraseIndex::from_bytes(&bytes, 8).is_none());
    }

    #[test]
    fn cut_or_damaged_bytes_are_refused_or_match_safely() {
        let bytes = small().to_bytes(7);
        for end in 0..bytes.len() {
            assert!(PhraseIndex::from_bytes(&bytes[..end], 7).is_none());
        }
        // Any one byte changed: refused, or an index that matches without panicking.
        for at in 0..bytes.len() {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut damaged = bytes.clone();
                damaged[at] ^= flip;
                if let Some(index) = PhraseIndex::from_bytes(&damaged, 7) {
                    for text in SENTENCES {
                        let _ = hits(&index, text);
                    }
                }
            }
        }
    }

    #[test]
    fn the_key_depends_on_every_part_and_where_it_ends() {
        let k = |parts: &[&str]| key(parts.iter().map(|p| p.as_bytes()));
        assert_eq!(k(&["a.toml", "x = 1"]), k(&["a.toml", "x = 1"]));
        assert_ne!(k(&["a.toml", "x = 1"]), k(&["a.toml", "x = 2"]));
        assert_ne!(k(&["ab", "c"]), k(&["a", "bc"]));
        assert_ne!(k(&["12345678"]), k(&["12345678", ""]));
    }
}
