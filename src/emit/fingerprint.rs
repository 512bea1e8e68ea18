//! A finding's identity that survives edits elsewhere in the article: its rule, its file and
//! the normalised text of the sentence it is in (not its line number). Baselines and SARIF /
//! GitLab fingerprints use it.

use crate::diagnostic::Diagnostic;
use crate::engine::Report;
use crate::files::hash::fnv1a;

/// Lowercase, straight quotes, single spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '’' | '‘' => out.push('\''),
                '“' | '”' => out.push('"'),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// The text a finding is keyed on: its sentence when known, else the flagged text, else the
/// message (document-level findings).
pub fn anchor_text(report: &Report, d: &Diagnostic) -> String {
    let file = report.sources.get(d.file);
    let text = match d.context {
        Some(span) => file.slice(span),
        None if !d.primary.span.is_empty() => file.slice(d.primary.span),
        None => d.message.as_str(),
    };
    normalise(text)
}

/// Hex fingerprint of a finding: rule, path and sentence.
pub fn fingerprint(report: &Report, d: &Diagnostic) -> String {
    let path = &report.sources.get(d.file).name;
    format!(
        "{:016x}",
        fnv1a(&[&d.rule.id, path, &anchor_text(report, d)])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_space_and_quotes() {
        assert_eq!(normalise("  The Spine’s\n  “Fix” "), "the spine's \"fix\"");
    }
}
