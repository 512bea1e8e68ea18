//! medlint: a compliance linter for patient-facing health content.
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod emit;
pub mod engine;
pub mod error;
pub mod git;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod text;
pub mod write;
