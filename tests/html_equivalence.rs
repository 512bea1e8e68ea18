//! The same site as Markdown and as a CMS's HTML export (with navigation, cookie banner,
//! scripts, footer and entities) gives the same findings, and the HTML spans underline exactly
//! the flagged words in the HTML source.

use std::collections::BTreeMap;
use std::path::Path;

mod common;

use medlint::engine::Report;

/// Page of a file: `blog/x.md` and `blog/x/index.html` are both `blog/x`.
fn page(name: &str) -> String {
    name.trim_end_matches(".md")
        .trim_end_matches("/index.html")
        .to_string()
}

fn findings(report: &Report) -> BTreeMap<(String, String, String), usize> {
    let mut out = BTreeMap::new();
    for d in &report.diagnostics {
        let file = report.sources.get(d.file);
        *out.entry((page(&file.name), d.rule.id.clone(), d.message.clone()))
            .or_insert(0) += 1;
    }
    out
}

fn export() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/export")
}

#[test]
fn html_export_gives_the_same_findings_as_markdown() {
    let markdown = findings(&common::lint_dir(&export().join("markdown")));
    let html = findings(&common::lint_dir(&export().join("html")));
    assert!(
        markdown.len() >= 10,
        "the fixture site has findings: {markdown:#?}"
    );
    assert_eq!(markdown, html);
}

#[test]
fn html_spans_cover_exactly_the_flagged_words() {
    let report = common::lint_dir(&export().join("html"));
    for d in &report.diagnostics {
        let file = report.sources.get(d.file);
        let flagged = file.slice(d.primary.span);
        if d.rule.id == "MED201" || d.rule.id == "MED202" {
            continue;
        }
        assert!(
            !flagged.contains('<'),
            "{} span takes in markup: {flagged:?}",
            d.rule.id
        );
        assert!(!flagged.is_empty(), "{} has an empty span", d.rule.id);
    }
    let safety = report
        .diagnostics
        .iter()
        .find(|d| d.rule.id == "MED108")
        .expect("the safety claim is found through its &nbsp;");
    assert_eq!(
        report.sources.get(safety.file).slice(safety.primary.span),
        "100%&nbsp;safe"
    );
}
