//! Writers for a [`Report`](crate::engine::Report): terminal text, one-line-per-finding, and
//! JSON Lines. Emitters see diagnostics and the rule metadata they cite, nothing else.

mod counts;
pub mod csv;
pub mod display;
pub mod fingerprint;
mod format;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod options;
pub mod provenance;
pub mod sarif;
pub mod snippet;
pub mod statistics;
pub mod text;
pub mod xml;

pub use counts::Counts;
pub use format::OutputFormat;
pub use options::{LinkBase, RenderOptions};
pub use provenance::Provenance;

/// Render `report` in `format` as it is written to a file (text without colour).
pub fn render(
    format: OutputFormat,
    report: &crate::engine::Report,
    registry: &crate::rules::Registry,
    options: &RenderOptions,
) -> String {
    match format {
        OutputFormat::Text => {
            let mut out = text::render_report_plain(report, None);
            out.push_str(&text::summary_line(&Counts::of(report)));
            out.push('\n');
            out
        }
        OutputFormat::Short => text::short_lines(report),
        OutputFormat::Json => json::lines_with(report, options.provenance.as_ref())
            .into_iter()
            .map(|l| l + "\n")
            .collect(),
        OutputFormat::Sarif => sarif::render(report, registry, options),
        OutputFormat::Github => github::render(report),
        OutputFormat::Junit => junit::render(report, options),
        OutputFormat::Gitlab => gitlab::render(report),
        OutputFormat::Csv => csv::render(report),
        OutputFormat::Html => html::render_with(report, "medlint report", options),
        OutputFormat::Markdown => markdown::render(report, options),
    }
}
