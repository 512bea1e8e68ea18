//! medlint: a compliance linter for patient-facing health content.
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod budget;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod emit;
pub mod engine;
pub mod error;
pub mod examples;
pub mod files;
pub mod fix;
pub mod input;
pub mod review;
pub mod rules;
pub mod server;
pub mod source;
pub mod suppress;
pub mod text;

/// Lint one text as a one-file site: the entry point for embedding medlint and for fuzzing.
pub fn lint_str(
    registry: &rules::Registry,
    settings: &config::Settings,
    name: &str,
    format: document::Format,
    text: &str,
) -> engine::Report {
    let input = input::Input::with_text(name, settings.site_root.join(name), format, text);
    engine::Engine::in_memory(registry, settings).run(vec![input], Vec::new())
}
pub mod site;
