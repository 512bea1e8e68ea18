//! A compiled [`PhraseIndex`] as bytes. Building the index from the built-in packs is most of
//! medlint's start-up, so it is built ahead of time, kept beside the packs, and read back when
//! a run loads exactly those packs. The bytes carry a key of what in the packs goes into the
//! index: any other packs (or edited ones) get no snapshot and are compiled as before, so a
//! stale snapshot costs time, never correctness. A test rebuilds the index and compares.
//!
//! The tables are stored as laid out in memory (little-endian, each on an eight-byte
//! boundary), so the index built into the binary is used in place: start-up checks its tables
//! but neither copies nor rebuilds them (copying them was about 1,100 of the 2,200 page faults
//! of a run on one article).

use std::borrow::Cow;

use bytemuck::Pod;
use rustc_hash::FxHashMap;

use super::index::{INLINE, Pattern, PhraseIndex, Star, TierIndex};
use super::sets::Tier;
use super::tables::{EdgeTable, ShortWords, Table};
use super::trie::NONE;

const MAGIC: &[u8; 8] = b"MEDLINTP";
/// Bumped whenever the layout below or the meaning of a compiled index changes.
const FORMAT: u32 = 4;
/// Tables start on multiples of this many bytes from the start of the snapshot.
const ALIGN: usize = 8;

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
        self.bytes(s.as_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }
    /// A table: its length, zeros up to the next [`ALIGN`] boundary, its bytes. Snapshots are
    /// written on little-endian machines only (see [`PhraseIndex::to_bytes`]).
    fn table<T: Pod>(&mut self, v: &[T]) {
        self.len(v.len());
        self.0.resize(self.0.len().next_multiple_of(ALIGN), 0);
        self.0.extend_from_slice(bytemuck::cast_slice(v));
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    /// How far into the snapshot `bytes` starts.
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        self.at += n;
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
        std::str::from_utf8(self.bytes()?).ok()
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len(1)?;
        self.take(n)
    }
    /// The header every snapshot starts with: its key and the note kept with it; `None` for
    /// another format, or on a big-endian machine (the tables are little-endian, so such a
    /// machine builds the index instead).
    fn header(&mut self) -> Option<(u64, &'a [u8])> {
        if cfg!(target_endian = "big") || self.take(MAGIC.len())? != MAGIC || self.u32()? != FORMAT
        {
            return None;
        }
        let key = self.u64()?;
        Some((key, self.bytes()?))
    }
    /// A table written by [`Writer::table`]: in place when the bytes sit on the boundary the
    /// type needs (the snapshot built into the binary does), copied otherwise.
    fn table<T: Pod>(&mut self) -> Option<Cow<'a, [T]>> {
        let n = self.len(std::mem::size_of::<T>())?;
        self.take(self.at.next_multiple_of(ALIGN) - self.at)?;
        let bytes = self.take(n.checked_mul(std::mem::size_of::<T>())?)?;
        Some(match bytemuck::try_cast_slice(bytes) {
            Ok(table) => Cow::Borrowed(table),
            Err(_) => {
                let mut table = vec![T::zeroed(); n];
                bytemuck::cast_slice_mut(&mut table).copy_from_slice(bytes);
                Cow::Owned(table)
            }
        })
    }
}

/// How what is read from snapshot bytes is kept: borrowed when the bytes last the whole run,
/// copied otherwise.
trait Keep<'a> {
    fn table<T: Pod>(&self, table: Cow<'a, [T]>) -> Table<T>;
    fn str(&self, s: &'a str) -> Cow<'static, str>;
    /// Whether every entry of the tables is checked, or only their shapes (see
    /// [`TierIndex::consistent`]).
    const CHECK_ENTRIES: bool = true;
}

/// Bytes that last the whole run: tables and words are used in place. They are the bytes
/// built into the binary, which a test holds to an index built from the packs now, so only
/// the shapes of their tables are checked: checking every entry read all 2.7 MB at every
/// start (1.5 M instructions).
struct InPlace;

impl Keep<'static> for InPlace {
    const CHECK_ENTRIES: bool = false;

    fn table<T: Pod>(&self, table: Cow<'static, [T]>) -> Table<T> {
        table
    }
    fn str(&self, s: &'static str) -> Cow<'static, str> {
        Cow::Borrowed(s)
    }
}

/// Bytes that may go away: everything is copied out.
struct Copied;

impl<'a> Keep<'a> for Copied {
    fn table<T: Pod>(&self, table: Cow<'a, [T]>) -> Table<T> {
        Cow::Owned(table.into_owned())
    }
    fn str(&self, s: &'a str) -> Cow<'static, str> {
        Cow::Owned(s.to_string())
    }
}

fn write_tier(w: &mut Writer, t: &TierIndex) {
    w.u32(u32::from(t.empty));
    w.u32(t.number);
    w.u32(t.start);
    w.table(&t.edges.keys);
    w.table(&t.edges.children);
    w.table(&t.nodes);
    w.table(&t.ends);
    w.table(&t.patterns);
    w.table(&t.pattern_sets);
    w.table(&t.has_star);
    w.table(&t.root_child);
    w.len(t.stars.len());
    for s in &t.stars {
        w.u32(s.node);
        w.str(&s.prefix);
        w.u32(s.pattern);
    }
}

fn read_tier<'a, K: Keep<'a>>(r: &mut Reader<'a>, keep: &K, sets: usize) -> Option<TierIndex> {
    let empty = r.u32()? != 0;
    let number = r.u32()?;
    let start = r.u32()?;
    let keys = keep.table(r.table()?);
    let children = keep.table(r.table()?);
    let edges = EdgeTable::from_parts(keys, children)?;
    let nodes = keep.table(r.table()?);
    let ends = keep.table(r.table()?);
    let patterns = keep.table(r.table()?);
    let pattern_sets = keep.table(r.table()?);
    let has_star = keep.table(r.table()?);
    let root_child = keep.table(r.table()?);
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
    let tier = TierIndex {
        empty,
        nodes,
        edges,
        ends,
        patterns,
        pattern_sets,
        stars,
        has_star,
        root_child,
        number,
        start,
    };
    tier.consistent(K::CHECK_ENTRIES, sets).then_some(tier)
}

impl TierIndex {
    /// Whether every index the matcher follows stays in bounds, so that bytes from anywhere
    /// cannot make it panic; with `entries` false, only what does not need a pass over the
    /// tables (their lengths agree). `sets` is the number of sets, which a record that keeps
    /// its one pattern names.
    fn consistent(&self, entries: bool, sets: usize) -> bool {
        let nodes = self.nodes.len();
        let node_ok = |n: u32| n == NONE || (n as usize) < nodes;
        if !(node_ok(self.start) && self.has_star.len() == nodes) {
            return false;
        }
        if !entries {
            return true;
        }
        self.nodes
            .iter()
            .all(|&[_, _, start, end]| match start & INLINE {
                0 => start <= end && end as usize <= self.ends.len(),
                // Its one pattern: a set, and the tokens it reports.
                _ => ((start & !INLINE) as usize) < sets && start != end && end > 0,
            })
            && self
                .ends
                .iter()
                .all(|&p| (p as usize) < self.patterns.len())
            && self.patterns.iter().all(|&row| {
                let p = Pattern::from_row(row);
                p.start <= p.end
                    && (p.end as usize) <= self.pattern_sets.len()
                    && (p.reported == NONE || p.reported > 0)
            })
            && self.edges.edge_children().all(node_ok)
            && self.root_child.iter().all(|&n| node_ok(n))
            && self
                .stars
                .iter()
                .all(|s| (s.node as usize) < nodes && (s.pattern as usize) < self.patterns.len())
            && self.stars.windows(2).all(|w| w[0].node <= w[1].node)
    }
}

impl PhraseIndex {
    /// The index as bytes, under `key` (see [`key`]). The tables are written in this
    /// machine's byte order, which reading checks is little-endian.
    pub fn to_bytes(&self, key: u64) -> Vec<u8> {
        self.to_bytes_with(key, &[])
    }

    /// [`PhraseIndex::to_bytes`], with `note`: bytes kept beside the index for whoever built
    /// it, read back by [`note`] without reading the index.
    pub fn to_bytes_with(&self, key: u64, note: &[u8]) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.0.extend_from_slice(MAGIC);
        w.u32(FORMAT);
        w.u64(key);
        w.bytes(note);
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
        let mut bases: Vec<(&str, &str)> =
            self.verb_bases.iter().map(|(f, b)| (&**f, &**b)).collect();
        bases.sort_unstable();
        w.len(bases.len());
        for (form, base) in bases {
            w.str(form);
            w.str(base);
        }
        w.table(&self.short.keys);
        w.table(&self.short.ids);
        let mut overflow: Vec<(u64, u32)> = self
            .short
            .overflow
            .iter()
            .map(|(&k, &id)| (k, id))
            .collect();
        overflow.sort_unstable();
        w.table(&overflow.iter().map(|&(k, _)| k).collect::<Vec<_>>());
        w.table(&overflow.iter().map(|&(_, id)| id).collect::<Vec<_>>());
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
    /// bytes that do not hold a whole, consistent index. Its tables are copied out.
    pub fn from_bytes_any(bytes: &[u8]) -> Option<(PhraseIndex, u64)> {
        read(bytes, &Copied)
    }

    /// [`PhraseIndex::from_bytes_any`] of bytes that last the whole run, such as those built
    /// into the binary: the tables are used where they are, on a little-endian machine.
    pub fn from_static_bytes(bytes: &'static [u8]) -> Option<(PhraseIndex, u64)> {
        read(bytes, &InPlace)
    }
}

/// The note kept beside the index in snapshot `bytes` (see [`PhraseIndex::to_bytes_with`]),
/// read without reading the index; `None` for bytes of another format.
pub fn note(bytes: &[u8]) -> Option<&[u8]> {
    Reader { bytes, at: 0 }.header().map(|(_, note)| note)
}

fn read<'a>(bytes: &'a [u8], keep: &impl Keep<'a>) -> Option<(PhraseIndex, u64)> {
    let mut r = Reader { bytes, at: 0 };
    let (key, _) = r.header()?;
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
        words.insert(keep.str(r.str()?), id);
    }
    let n = r.len(8)?;
    let mut verb_bases = FxHashMap::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let form = keep.str(r.str()?);
        verb_bases.insert(form, keep.str(r.str()?));
    }
    let short_keys = keep.table(r.table()?);
    let short_ids = keep.table(r.table()?);
    let overflow_keys: Cow<'_, [u64]> = r.table()?;
    let overflow_ids: Cow<'_, [u32]> = r.table()?;
    if overflow_keys.len() != overflow_ids.len() {
        return None;
    }
    let overflow = overflow_keys
        .iter()
        .copied()
        .zip(overflow_ids.iter().copied())
        .collect();
    let short = ShortWords::from_parts(short_keys, short_ids, overflow, words.len())?;
    let sets = set_names.len();
    let main = read_tier(&mut r, keep, sets)?;
    let detail = read_tier(&mut r, keep, sets)?;
    let words_ok = |t: &TierIndex| {
        t.root_child.len() == words.len()
            && t.pattern_sets.iter().all(|&s| (s as usize) < sets)
            && (t.number == NONE || (t.number as usize) < words.len())
    };
    if !r.bytes.is_empty() || !words_ok(&main) || !words_ok(&detail) {
        return None;
    }
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
    fn bytes_that_last_the_run_are_read_in_place() {
        let bytes = small().to_bytes(7);
        // On an eight-byte boundary, as the snapshot built into the binary is.
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(&bytes);
        let held: &'static [u64] = Vec::leak(words);
        let held = &bytemuck::cast_slice::<u64, u8>(held)[..bytes.len()];
        let (read, key) = PhraseIndex::from_static_bytes(held).expect("reads back");
        assert_eq!(key, 7);
        assert!(matches!(read.main.edges.keys, Cow::Borrowed(_)));
        assert!(matches!(read.detail.nodes, Cow::Borrowed(_)));
        assert!(matches!(read.short.ids, Cow::Borrowed(_)));
        assert!(read.words.keys().all(|w| matches!(w, Cow::Borrowed(_))));
        // Copied out of bytes that may go away.
        let (copied, _) = PhraseIndex::from_bytes_any(held).expect("reads back");
        assert!(matches!(copied.main.edges.keys, Cow::Owned(_)));
        for text in SENTENCES {
            assert_eq!(hits(&read, text), hits(&small(), text));
            assert_eq!(hits(&copied, text), hits(&small(), text));
        }
        // Off the boundary, the tables are copied and read the same.
        let mut shifted = vec![0u8];
        shifted.extend_from_slice(&bytes);
        let (off, _) = PhraseIndex::from_bytes_any(&shifted[1..]).expect("reads back");
        assert_eq!(off.to_bytes(7), bytes);
    }

    #[test]
    fn a_note_is_kept_beside_the_index() {
        let bytes = small().to_bytes_with(7, b"packs");
        assert_eq!(note(&bytes), Some(&b"packs"[..]));
        let (read, key) = PhraseIndex::from_bytes_any(&bytes).expect("reads back");
        assert_eq!(key, 7);
        assert_eq!(read.to_bytes_with(7, b"packs"), bytes);
        assert_eq!(note(&small().to_bytes(7)), Some(&b""[..]));
        assert_eq!(note(b"MEDLINTP"), None);
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
