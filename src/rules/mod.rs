//! Rules: their metadata, the traits code rules implement, and the registry that loads rule
//! packs and resolves which rules run. Every rule, data or code, has one `[[rule]]` entry in a
//! pack under `lints/`: the packs are the index of all rules.

pub mod alternatives;
pub mod builtin;
pub mod case;
pub mod check;
pub mod cites;
pub mod claim;
pub mod conditional;
pub mod context;
pub mod document_rule;
pub mod explain;
pub mod link_target;
pub mod meta;
pub mod named_sets;
pub mod pack;
pub mod phrase;
pub mod regex;
pub mod registry;
pub mod required;
#[cfg(test)]
pub mod test_strings;

pub use check::{Check, Rule};
pub use context::SentenceView;
pub use document_rule::{DocContext, DocumentRule};
pub use meta::{BadExample, RuleMeta, Scope, Status, fill};
pub use registry::Registry;
