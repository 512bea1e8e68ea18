//! Words and phrases: the tokenizer every sentence rule shares, and the phrase-list syntax
//! compiled into one word trie per run.

pub mod ascii;
pub mod case;
pub mod disguise;
pub mod escape;
#[cfg(test)]
pub mod fixtures;
pub mod inflect;
pub mod phrase;
pub mod tokenize;

/// Stands in for an inline code span inside prose: it separates words but matches no phrase.
pub const CODE_PLACEHOLDER: char = '\u{FFFC}';
