//! CSV for spreadsheets: one row per finding, RFC 4180 quoting, and no cell a spreadsheet
//! would run as a formula (`text::escape::csv_cell`).

use crate::engine::Report;
use crate::text::escape::csv_cell;

/// Column names, in order.
pub const HEADER: [&str; 9] = [
    "path", "line", "column", "rule", "slug", "severity", "message", "text", "sentence",
];

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
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
