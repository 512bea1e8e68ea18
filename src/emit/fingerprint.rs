//! A finding's identity that survives edits elsewhere in the article: its rule, its file, the
//! normalised text of the sentence it is in and of the words it flags, and its place among
//! like findings (not its line number). Baselines key on the sentence; SARIF and GitLab
//! fingerprints on all of it.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::engine::Report;
use crate::files::hash::fnv1a;
use crate::source::{FileId, Span};

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

/// Hex fingerprints of the report's findings, in order: each hashes the rule, the path, the
/// sentence, the flagged text, and how many findings of that rule with that text came before
/// it in sentences of that text in the file. Two findings in one sentence differ, a repeated
/// sentence's findings differ, and lines added elsewhere change nothing.
pub fn fingerprints(report: &Report) -> Vec<String> {
    // A sentence is normalised once however many findings it holds: a long one with many
    // findings stays linear.
    let mut sentences: HashMap<(FileId, Span), u64> = HashMap::new();
    let mut seen: HashMap<u64, u64> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let file = report.sources.get(d.file);
            let sentence = match d.context {
                Some(span) => *sentences
                    .entry((d.file, span))
                    .or_insert_with(|| fnv1a(&[&normalise(file.slice(span))])),
                None => fnv1a(&[&anchor_text(report, d)]),
            };
            let key = fnv1a(&[
                &d.rule.id,
                &file.name,
                &format!("{sentence:016x}"),
                &normalise(file.slice(d.primary.span)),
            ]);
            let count = seen.entry(key).or_insert(0);
            let index = *count;
            *count += 1;
            format!(
                "{:016x}",
                fnv1a(&[&format!("{key:016x}"), &index.to_string()])
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_space_and_quotes() {
        assert_eq!(normalise("  The Spine’s\n  “Fix” "), "the spine's \"fix\"");
    }
}
