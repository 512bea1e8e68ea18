//! CSV for spreadsheets: one row per finding, RFC 4180 quoting, and no cell a spreadsheet
//! would run as a formula (`text::escape::csv_cell`). The last column, `disposition`, is left
//! empty for the reviewer. The record of the run goes in a sidecar JSON file beside it rather
//! than in `#` rows, which most CSV readers (spreadsheets, Python's `csv`, R's `read.csv` by
//! default) would take for data.

use serde::Serialize;

use super::provenance::Provenance;
use crate::engine::Report;
use crate::text::escape::csv_cell;

/// Column names, in order.
pub const HEADER: [&str; 10] = [
    "path",
    "line",
    "column",
    "rule",
    "slug",
    "severity",
    "message",
    "text",
    "sentence",
    "disposition",
];

/// What a reviewer may write in the `disposition` column (the HTML report offers the same).
pub const DISPOSITIONS: [&str; 4] = ["open", "accepted risk", "fixed", "false positive"];

/// The report as CSV.
pub fn render(report: &Report) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(HEADER);
    for d in &report.diagnostics {
        let file = report.sources.get(d.file);
        let (line, col) = file.line_col(d.primary.span.start as usize);
        let sentence = d.context.map(|s| file.slice(s)).unwrap_or_default();
        let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = w.write_record([
            csv_cell(&file.name),
            line.to_string(),
            col.to_string(),
            csv_cell(&d.rule.id),
            csv_cell(&d.rule.slug),
            d.severity.as_str().to_string(),
            csv_cell(&d.message),
            csv_cell(file.slice(d.primary.span)),
            csv_cell(&sentence),
            String::new(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The sidecar of a CSV report: `findings.csv` gets `findings.provenance.json` beside it.
pub fn sidecar_path(csv: &std::path::Path) -> std::path::PathBuf {
    csv.with_extension("provenance.json")
}

#[derive(Serialize)]
struct Sidecar<'a> {
    /// The CSV this describes: its file name and SHA-256, so the two stay paired.
    report: ReportFile<'a>,
    provenance: &'a Provenance,
}

#[derive(Serialize)]
struct ReportFile<'a> {
    file: &'a str,
    sha256: String,
}

/// The sidecar's JSON for the CSV `csv` written as `file_name`.
pub fn sidecar(provenance: &Provenance, file_name: &str, csv: &[u8]) -> String {
    let sidecar = Sidecar {
        report: ReportFile {
            file: file_name,
            sha256: crate::files::hash::sha256_hex(csv),
        },
        provenance,
    };
    crate::text::escape::json_guard(serde_json::to_string_pretty(&sidecar).unwrap_or_default())
        + "\n"
}
