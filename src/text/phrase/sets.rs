//! Phrase sets as the index names them: ids, masks of ids for a quick test, the tier a set is
//! matched in, and a hit of a set in a sentence.

/// Index of a phrase set (a vocabulary or a rule's trigger list).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SetId(pub u32);

/// Which sets a sentence has hits of (or a rule looks for), as bits, for a quick test before
/// the exact one; sets past the 128th make every test say "maybe". Two 64-bit words, not one
/// `u128`: a test of one set shifts one word, where a shift of a `u128` by a variable took
/// twice the instructions, and rules make such tests for every sentence.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct SetMask {
    words: [u64; 2],
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
        match self.words.get_mut((set.0 >> 6) as usize) {
            Some(word) => *word |= 1 << (set.0 & 63),
            None => self.overflow = true,
        }
    }

    /// The mask that may intersect any other.
    pub fn all() -> SetMask {
        SetMask {
            words: [u64::MAX; 2],
            overflow: true,
        }
    }

    /// Add every set of `other`.
    pub fn union(&mut self, other: &SetMask) {
        self.words[0] |= other.words[0];
        self.words[1] |= other.words[1];
        self.overflow |= other.overflow;
    }

    /// False only when `set` is surely not in the mask.
    #[inline]
    pub fn may_contain(&self, set: SetId) -> bool {
        match self.words.get((set.0 >> 6) as usize) {
            Some(word) => word >> (set.0 & 63) & 1 != 0,
            None => self.overflow,
        }
    }

    /// False only when the two masks surely share no set.
    #[inline]
    pub fn may_intersect(&self, other: &SetMask) -> bool {
        self.overflow
            || other.overflow
            || (self.words[0] & other.words[0]) | (self.words[1] & other.words[1]) != 0
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

/// Which of the index's two tries a set's phrases go into.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Tier {
    /// Matched in every sentence: the sets a rule triggers on, and those read across a
    /// document.
    Main,
    /// Matched only in a sentence with a hit of the main tier that a rule reads closely (see
    /// [`PhraseIndex::find_detail`](super::PhraseIndex::find_detail)): the vocabularies a rule
    /// consults once it has a match.
    Detail,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_masks_rule_out_only_what_they_can() {
        let a = SetMask::of([SetId(1), SetId(70)]);
        assert!(a.may_intersect(&SetMask::of([SetId(70)])));
        assert!(!a.may_intersect(&SetMask::of([SetId(2)])));
        // Past 128 sets the mask cannot tell, so it says "maybe".
        assert!(a.may_intersect(&SetMask::of([SetId(200)])));
        assert!(!a.may_intersect(&SetMask::of([])));
        // Each set of either word, and only those, is found.
        for n in 0..140 {
            let set = SetId(n);
            assert_eq!(a.may_contain(set), n == 1 || n == 70, "{n}");
            assert!(SetMask::of([set]).may_contain(set), "{n}");
            assert_eq!(SetMask::of([SetId(64)]).may_contain(set), n == 64);
        }
    }
}
