//! Hovering over a finding shows its rule's documentation, as `medlint explain` prints it.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Range};

use super::convert::Finding;

/// Whether `range` covers `at` (its end included, so the cursor just after a word counts).
pub fn covers(range: &Range, at: Position) -> bool {
    range.start <= at && at <= range.end
}

/// The docs of every rule with a finding at `at`, or `None` when there is none.
pub fn hover(findings: &[Finding], at: Position) -> Option<Hover> {
    let here: Vec<&Finding> = findings
        .iter()
        .filter(|f| covers(&f.diagnostic.range, at))
        .collect();
    let first = here.first()?;
    let mut shown: Vec<&str> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for f in &here {
        if !shown.contains(&f.rule.id.as_str()) {
            shown.push(&f.rule.id);
            parts.push(crate::rules::explain::explain(&f.rule));
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n---\n\n"),
        }),
        range: Some(first.diagnostic.range),
    })
}
