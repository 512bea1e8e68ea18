//! Runs the `bad` and `good` examples of each rule's pack entry as real Markdown: a bad example
//! must be flagged on exactly the listed texts, and fixed into its `fixed` text (or left as it
//! is, when it has none); a good one not flagged at all. The same runner backs
//! `cargo test` and `medlint test-rules`.

use std::path::Path;

use crate::config::Settings;
use crate::diagnostic::Safety;
use crate::document::Format;
use crate::engine::Engine;
use crate::input::Input;
use crate::rules::{Check, Registry};

/// One example that did not behave as its pack says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Rule ID.
    pub rule: String,
    /// Pack file.
    pub pack: String,
    /// Which example (`bad #2`, `good #1`).
    pub which: String,
    /// The example text.
    pub text: String,
    /// What was expected.
    pub expected: Vec<String>,
    /// What was flagged.
    pub found: Vec<String>,
}

/// Texts flagged by rule `i` in `text`, linted as a one-file site with only that rule enabled
/// (suppression rules run with every default rule, since they judge other rules' findings).
pub fn flagged(registry: &Registry, i: usize, text: &str) -> Vec<String> {
    let report = lint_example(registry, i, text);
    report
        .diagnostics
        .iter()
        .map(|d| report.sources.get(d.file).slice(d.primary.span).to_string())
        .collect()
}

/// `text` with every suggestion of rule `i` applied, safe and unsafe, pass after pass as
/// `check --fix --unsafe-fixes` applies them.
pub fn fixed(registry: &Registry, i: usize, text: &str) -> String {
    crate::fix::until_stable(text, Safety::Unsafe, |current| {
        lint_example(registry, i, current).diagnostics
    })
    .text
}

/// The suggestions rule `i` makes on `text`.
pub fn suggestions(
    registry: &Registry,
    i: usize,
    text: &str,
) -> Vec<crate::diagnostic::Suggestion> {
    lint_example(registry, i, text)
        .diagnostics
        .into_iter()
        .flat_map(|d| d.suggestions)
        .collect()
}

/// The report of rule `i` on `text`, with the findings of other rules left out.
fn lint_example(registry: &Registry, i: usize, text: &str) -> crate::engine::Report {
    let root = Path::new("/medlint-example");
    let mut settings = Settings::only(registry, i, root);
    if matches!(registry.rules[i].check, Check::Suppression(_)) {
        settings = Settings::only_with_defaults(registry, i, root);
    }
    // Expiry dates in examples are judged on a fixed day, so they read the same any year.
    let engine = Engine {
        today: crate::review::EXAMPLES_TODAY,
        ..Engine::in_memory(registry, &settings)
    };
    let input = Input::with_text(
        "example.md",
        root.join("example.md"),
        Format::Markdown,
        text,
    );
    let mut report = engine.run(vec![input], Vec::new());
    let id = &registry.meta(i).id;
    report.diagnostics.retain(|d| &d.rule.id == id);
    report
}

/// Run every example of rule `i`.
pub fn check_rule(registry: &Registry, i: usize) -> Vec<ExampleFailure> {
    let meta = registry.meta(i);
    let mut failures = Vec::new();
    let fail =
        |which: String, text: &str, expected: Vec<String>, found: Vec<String>| ExampleFailure {
            rule: meta.id.clone(),
            pack: meta.pack.clone(),
            which,
            text: text.to_string(),
            expected,
            found,
        };
    // Every rule has docs (packs are checked for them), so none means its pack's docs and
    // examples could not be read: a failure, not a rule with nothing to test.
    if meta.docs().is_empty() {
        failures.push(fail(
            "docs".to_string(),
            "",
            vec!["the rule's docs and examples".to_string()],
            vec!["none could be read: the pack does not parse in full".to_string()],
        ));
    }
    for (n, bad) in meta.bad().iter().enumerate() {
        let found = flagged(registry, i, &bad.text);
        if found != bad.flags {
            failures.push(fail(
                format!("bad #{}", n + 1),
                &bad.text,
                bad.flags.clone(),
                found,
            ));
        }
        // Without a `fixed` text, the rule offers no fix for the example.
        let want = bad.fixed.as_deref().unwrap_or(&bad.text);
        let got = fixed(registry, i, &bad.text);
        if got != want {
            failures.push(fail(
                format!("bad #{} (fixed)", n + 1),
                &bad.text,
                vec![want.to_string()],
                vec![got],
            ));
        }
    }
    for (n, good) in meta.good().iter().enumerate() {
        let found = flagged(registry, i, good);
        if !found.is_empty() {
            failures.push(fail(format!("good #{}", n + 1), good, Vec::new(), found));
        }
    }
    failures
}

/// Run every example of every rule defined in `pack` (all packs when `None`).
pub fn check_all(registry: &Registry, pack: Option<&str>) -> (usize, Vec<ExampleFailure>) {
    let mut count = 0;
    let mut failures = Vec::new();
    for i in 0..registry.rules.len() {
        let meta = registry.meta(i);
        if pack.is_some_and(|p| !meta.pack.ends_with(p)) {
            continue;
        }
        count += meta.bad().len() + meta.good().len();
        failures.extend(check_rule(registry, i));
    }
    (count, failures)
}
