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

mod builder;
mod index;
mod matching;
mod sets;
pub mod snapshot;
mod syntax;
mod tables;
mod trie;

// Each part imports the parts it needs directly; this face only hands the public items on.
pub use builder::PhraseIndexBuilder;
pub use index::{NO_WORD, PhraseIndex};
pub use sets::{Hit, SetId, SetMask, Tier};
pub use syntax::MAX_EXPANSIONS;
