//! medlint: a compliance linter for patient-facing health content.
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod diagnostic;
pub mod document;
pub mod error;
pub mod source;
pub mod text;
pub mod rules;
pub mod config;
pub mod discover;
pub mod engine;
pub mod suppress;
