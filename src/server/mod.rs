//! `medlint server`: the Language Server Protocol over standard input and output, so editors
//! underline findings as the writer types, explain them on hover and offer the suggested
//! rewrites, a suppression with its reason, or disabling the rule for the file.

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
