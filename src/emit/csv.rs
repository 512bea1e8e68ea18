//! CSV for spreadsheets: one row per finding, RFC 4180 quoting.

use crate::engine::Report;

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
        let _ = w.write_record([
            file.name.as_str(),
            &line.to_string(),
            &col.to_string(),
            &d.rule.id,
            &d.rule.slug,
            d.severity.as_str(),
            &d.message,
            file.slice(d.primary.span),
            &sentence.split_whitespace().collect::<Vec<_>>().join(" "),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
