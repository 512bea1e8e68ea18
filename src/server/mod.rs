//! `medlint server`: the Language Server Protocol over standard input and output, so editors
//! underline findings as the writer types, explain them on hover and offer the suggested
//! rewrites, a suppression with its reason, or disabling the rule for the file.

// `lsp_types::Uri` caches parts of itself in cells, but hashes and orders by its text alone,
// so it is a sound map key.
#![allow(clippy::mutable_key_type)]

mod actions;
mod capabilities;
mod convert;
mod documents;
mod hover;
mod links;
mod main_loop;
mod position;
mod suppression;
mod transport;
mod uri;
mod worker;
mod workspace;

pub use main_loop::serve;
