//! The lookup tables the matcher probes once per token: the trie's edges in flat arrays, and
//! short words packed into integers.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::trie::NONE;

/// One flat array of the index: read in place from snapshot bytes that last the whole run
/// (the index built into the binary), or owned (an index built now, or read from other bytes).
pub(super) type Table<T> = Cow<'static, [T]>;

/// The `shift` that maps a 64-bit hash to a slot of a table of `len` slots, when `len` is a
/// power of two of at least 16 (what the tables are built with); `None` otherwise.
fn shift_for(len: usize) -> Option<u32> {
    (len.is_power_of_two() && len >= 16).then(|| 64 - len.trailing_zeros())
}

/// The trie's edges, (node, word) → child, in an open-addressing table of flat arrays: a
/// lookup is a multiply and a probe or two, and the arrays are stored and read back as they are
/// (see [`snapshot`](super::snapshot)).
#[derive(Debug)]
pub(super) struct EdgeTable {
    /// Each slot's edge key ([`EdgeTable::EMPTY`]: none; no node is `u32::MAX`).
    pub(super) keys: Table<u64>,
    /// Each slot's child.
    pub(super) children: Table<u32>,
    shift: u32,
}

impl EdgeTable {
    pub(super) const EMPTY: u64 = u64::MAX;

    pub(super) fn new(edges: &FxHashMap<u64, u32>) -> EdgeTable {
        // In key order, so the table does not depend on hash-map order.
        let mut sorted: Vec<(u64, u32)> = edges.iter().map(|(&k, &v)| (k, v)).collect();
        sorted.sort_unstable();
        EdgeTable::from_sorted(&sorted)
    }

    /// The table of `edges`, in key order, each key once and none [`EdgeTable::EMPTY`].
    pub(super) fn from_sorted(edges: &[(u64, u32)]) -> EdgeTable {
        // At most five-eighths full, so probes stay short.
        let bits = (edges.len() * 8 / 5)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let shift = 64 - bits;
        let mut keys = vec![Self::EMPTY; 1 << bits];
        let mut children = vec![NONE; 1 << bits];
        let mask = keys.len() - 1;
        for &(key, child) in edges {
            let mut slot = slot_of(key, shift);
            while keys[slot] != Self::EMPTY {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            children[slot] = child;
        }
        EdgeTable {
            keys: Cow::Owned(keys),
            children: Cow::Owned(children),
            shift,
        }
    }

    /// A table laid out already (by [`EdgeTable::from_sorted`], read back from a snapshot), if
    /// its arrays fit together and a probe always ends: some slot is empty.
    pub(super) fn from_parts(keys: Table<u64>, children: Table<u32>) -> Option<EdgeTable> {
        let shift = shift_for(keys.len())?;
        (keys.len() == children.len() && keys.contains(&Self::EMPTY)).then_some(EdgeTable {
            keys,
            children,
            shift,
        })
    }

    /// The children of the slots that hold an edge.
    pub(super) fn edge_children(&self) -> impl Iterator<Item = u32> + '_ {
        self.keys
            .iter()
            .zip(self.children.iter())
            .filter(|&(&k, _)| k != Self::EMPTY)
            .map(|(_, &c)| c)
    }

    fn slot(&self, key: u64) -> usize {
        slot_of(key, self.shift)
    }

    /// The child along an edge, or `NONE`.
    pub(super) fn get(&self, key: u64) -> u32 {
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

/// The slot of `key` in a table of `1 << (64 - shift)` slots.
fn slot_of(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

/// A word of up to eight bytes as one integer (words hold no NUL byte, so the zero padding
/// cannot be confused with a letter), so most lookups hash an integer, not a string.
pub(super) fn pack(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    buf[..bytes.len()].copy_from_slice(bytes);
    Some(u64::from_le_bytes(buf))
}

/// [`pack`] of `text[start..end]`, reading the eight bytes around it at once when the text
/// has that many (a variable-length copy costs a call per token in the hot loop): from
/// `start`, or, for a word near the text's end, its last eight bytes.
pub(super) fn pack_at(text: &str, start: usize, end: usize) -> Option<u64> {
    let len = end - start;
    let bytes = text.as_bytes();
    if len == 0 || len > 8 || bytes.len() < 8 {
        return pack(&text[start..end]);
    }
    // Where eight bytes holding the word start, and how many of them come before it.
    let from = start.min(bytes.len() - 8);
    match bytes.get(from..from + 8) {
        // The word's `len` bytes shifted down to the low end (little-endian), the rest zero.
        Some(&[a, b, c, d, e, f, g, h]) => {
            let eight = u64::from_le_bytes([a, b, c, d, e, f, g, h]);
            Some((eight >> (8 * (start - from))) & (u64::MAX >> (64 - 8 * len)))
        }
        _ => pack(&text[start..end]),
    }
}

/// Words of up to eight bytes by [`pack`]ed value, in a direct-mapped table: a lookup (once
/// per token) is a multiply and a load or two. The few words whose slot is taken live in a
/// hash map, which a slot sends lookups to only when one of them hashed there.
#[derive(Debug)]
pub(super) struct ShortWords {
    /// Each slot's word (0: empty; no word packs to 0).
    pub(super) keys: Table<u64>,
    /// Each slot's word id, with [`ShortWords::OVERFLOW`] set when other words that hash to
    /// the slot are in `overflow`.
    pub(super) ids: Table<u32>,
    shift: u32,
    pub(super) overflow: FxHashMap<u64, u32>,
}

impl ShortWords {
    const OVERFLOW: u32 = 1 << 31;

    pub(super) fn new(words: impl Iterator<Item = (u64, u32)>) -> ShortWords {
        let mut words: Vec<(u64, u32)> = words.collect();
        // Sorted, so which word keeps a contested slot does not depend on hash-map order.
        words.sort_unstable();
        // At most one word in eight slots: few collisions, and the keys stay in cache.
        let bits = (words.len() * 8)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let shift = 64 - bits;
        let mut keys = vec![0; 1 << bits];
        let mut ids = vec![NONE; 1 << bits];
        let mut overflow = FxHashMap::default();
        for (key, id) in words {
            let slot = slot_of(key, shift);
            if keys[slot] == 0 {
                keys[slot] = key;
                ids[slot] = id;
            } else {
                ids[slot] |= Self::OVERFLOW;
                overflow.insert(key, id);
            }
        }
        ShortWords {
            keys: Cow::Owned(keys),
            ids: Cow::Owned(ids),
            shift,
            overflow,
        }
    }

    /// A table laid out already (read back from a snapshot), if its arrays fit together and
    /// every id it gives is below `words`.
    pub(super) fn from_parts(
        keys: Table<u64>,
        ids: Table<u32>,
        overflow: FxHashMap<u64, u32>,
        words: usize,
    ) -> Option<ShortWords> {
        let shift = shift_for(keys.len())?;
        let id_ok = |id: u32| (id as usize) < words;
        let ok = keys.len() == ids.len()
            && ids
                .iter()
                .all(|&id| id == NONE || id_ok(id & !Self::OVERFLOW))
            && overflow.values().all(|&id| id_ok(id));
        ok.then_some(ShortWords {
            keys,
            ids,
            shift,
            overflow,
        })
    }

    fn slot(&self, key: u64) -> usize {
        slot_of(key, self.shift)
    }

    pub(super) fn get(&self, key: u64) -> Option<u32> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_in_place_is_packing_a_copy() {
        let text = "a bb ccc dddd eeeee ffffffff ggggggggg h";
        let mut start = 0;
        for word in text.split(' ') {
            let end = start + word.len();
            assert_eq!(pack_at(text, start, end), pack(word), "{word}");
            for cut in [end, text.len()] {
                let short = &text[..cut];
                assert_eq!(
                    pack_at(short, start, end),
                    pack(word),
                    "{word} in {short:?}"
                );
            }
            start = end + 1;
        }
        assert_eq!(pack_at("ab", 0, 2), pack("ab"));
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
}
