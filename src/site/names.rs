//! Anchor names, each distinct name stored once. A site's pages share most of their section
//! names ("symptoms", "risks", "faq"), so the index keeps a number per anchor and one copy of
//! each name: a page's names stay at hand for "did you mean" without reading it again.

use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

/// The distinct anchor names of a run, numbered in the order first seen.
#[derive(Default)]
pub struct Names {
    /// Every distinct name, end to end.
    text: String,
    /// Where each name ends in `text`; name `id` starts where name `id - 1` ends.
    ends: Vec<usize>,
    /// Name ids by the name's hash. A later name whose hash is taken goes to `clashes`.
    by_hash: FxHashMap<u32, u32>,
    clashes: FxHashMap<Box<str>, u32>,
}

/// 32 bits: a clash costs a second lookup, never a wrong answer, so the table stays small.
fn hash(name: &str) -> u32 {
    let h = FxBuildHasher.hash_one(name);
    (h ^ (h >> 32)) as u32
}

impl Names {
    /// The id of `name`, if it has one.
    pub fn get(&self, name: &str) -> Option<u32> {
        let id = *self.by_hash.get(&hash(name))?;
        if self.name(id) == name {
            Some(id)
        } else {
            self.clashes.get(name).copied()
        }
    }

    /// The id of `name`, numbering it if it is new (its hash found once).
    pub fn intern(&mut self, name: &str) -> u32 {
        let next = self.ends.len() as u32;
        match self.by_hash.entry(hash(name)) {
            Entry::Vacant(slot) => {
                slot.insert(next);
            }
            Entry::Occupied(slot) => {
                let held = *slot.get();
                if name_at(&self.text, &self.ends, held) == name {
                    return held;
                }
                if let Some(&id) = self.clashes.get(name) {
                    return id;
                }
                self.clashes.insert(name.into(), next);
            }
        }
        self.text.push_str(name);
        self.ends.push(self.text.len());
        next
    }

    /// How many distinct names there are.
    #[cfg(test)]
    pub fn intern_count(&self) -> usize {
        self.ends.len()
    }

    /// The name numbered `id`.
    pub fn name(&self, id: u32) -> &str {
        name_at(&self.text, &self.ends, id)
    }
}

/// Name `id` of names stored end to end in `text`, ending at `ends`.
fn name_at<'t>(text: &'t str, ends: &[usize], id: u32) -> &'t str {
    let id = id as usize;
    let start = if id == 0 { 0 } else { ends[id - 1] };
    &text[start..ends[id]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_is_numbered_once() {
        let mut names = Names::default();
        let risks = names.intern("risks");
        let faq = names.intern("faq");
        assert_ne!(risks, faq);
        assert_eq!(names.intern("risks"), risks);
        assert_eq!(names.get("faq"), Some(faq));
        assert_eq!(names.get("benefits"), None);
        assert_eq!((names.name(risks), names.name(faq)), ("risks", "faq"));
        assert_eq!(names.text, "risksfaq");
    }

    #[test]
    fn names_whose_hashes_clash_keep_their_own_ids() {
        // Make "other" look as if it hashed like "risks": the hash table's entry belongs to
        // "risks", so "other" must be found through the clash table.
        let mut names = Names::default();
        let risks = names.intern("risks");
        names.by_hash.insert(hash("other"), risks);
        assert_eq!(names.get("other"), None);
        let other = names.intern("other");
        assert_ne!(other, risks);
        assert_eq!(names.get("other"), Some(other));
        assert_eq!(names.get("risks"), Some(risks));
        assert_eq!(names.intern("other"), other);
    }
}
