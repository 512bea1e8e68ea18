//! Phrase sets as the index names them: ids, masks of ids for a quick test, the tier a set is
//! matched in, and a hit of a set in a sentence.

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
    }
}
