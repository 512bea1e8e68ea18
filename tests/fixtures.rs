//! Annotated fixtures: every `<!-- expect: MED103 -->` marker must match a finding starting on
//! that line, and every finding must have a marker. The rendered output of each file is compared
//! with a golden `<file>.out` beside it, written when missing and rewritten when
//! `MEDLINT_BLESS=1`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

mod common;

use medlint::emit::text::render_plain;
use regex::Regex;

static EXPECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--\s*expect:\s*([A-Z0-9 ,]+?)\s*-->").unwrap());

fn expected(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for cap in EXPECT.captures_iter(line) {
            for id in cap[1].split([' ', ',']).filter(|s| !s.is_empty()) {
                out.push((i + 1, id.to_string()));
            }
        }
    }
    out.sort();
    out
}

fn check_suite(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    let report = common::lint_dir(&dir);
    let bless = std::env::var_os("MEDLINT_BLESS").is_some_and(|v| v == "1");
    let mut found: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    let mut rendered: BTreeMap<String, String> = BTreeMap::new();
    for d in &report.diagnostics {
        let file = report.sources.get(d.file);
        let (line, _) = file.line_col(d.primary.span.start as usize);
        found
            .entry(file.name.clone())
            .or_default()
            .push((line, d.rule.id.clone()));
        rendered
            .entry(file.name.clone())
            .or_default()
            .push_str(&render_plain(&report, d));
    }
    let mut problems = Vec::new();
    for i in 0..report.sources.len() {
        let file = report.sources.get(medlint::source::FileId(i as u32));
        let mut got = found.remove(&file.name).unwrap_or_default();
        got.sort();
        let want = expected(&file.text);
        if got != want {
            let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
            let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
            problems.push(format!(
                "{}: markers without findings {missing:?}; findings without markers {extra:?}",
                file.name
            ));
        }
        let golden = dir.join(format!("{}.out", file.name));
        let actual = rendered.remove(&file.name).unwrap_or_default();
        match std::fs::read_to_string(&golden) {
            Ok(expected) if !bless => {
                if expected != actual {
                    problems.push(format!(
                        "{}: rendered output differs from {} (MEDLINT_BLESS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}",
                        file.name,
                        golden.display()
                    ));
                }
            }
            _ => std::fs::write(&golden, &actual).expect("write golden"),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn articles_match_their_markers_and_goldens() {
    check_suite("articles");
}

#[test]
fn site_links_and_anchors_match_their_markers_and_goldens() {
    check_suite("site");
}

#[test]
fn jurisdiction_rules_follow_each_article_front_matter() {
    // UK-only rules fire on the UK page and not on the same text published in the US; a page
    // for professionals drops consumer-advertising rules; a licensed drug's claim is a note;
    // a hedged disease claim is education on a fact page and a claim on one that sells.
    check_suite("jurisdictions");
}

#[test]
fn every_golden_belongs_to_an_article() {
    // A golden left behind by a renamed or deleted article would never be compared again.
    for suite in ["articles", "site", "jurisdictions"] {
        let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(suite);
        for entry in walk(&dir) {
            if let Some(article) = entry.to_str().and_then(|s| s.strip_suffix(".out")) {
                assert!(
                    Path::new(article).is_file(),
                    "stale golden {}",
                    entry.display()
                );
            }
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The whole-report writers (one string per report, a file's name escaped once, no
/// per-finding buffers) print exactly what the per-finding ones print, on every fixture suite,
/// with and without colour and at several widths.
#[test]
fn report_writers_match_the_per_finding_ones() {
    use codespan_reporting::term::termcolor::Buffer;
    use medlint::emit::{json, text};
    for suite in ["articles", "site", "jurisdictions", "review", "hostile"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(suite);
        let report = common::lint_dir(&dir);
        assert!(!report.diagnostics.is_empty(), "{suite}");
        for width in [None, Some(30), Some(60), Some(100)] {
            for colored in [false, true] {
                let mut one_by_one = if colored {
                    Buffer::ansi()
                } else {
                    Buffer::no_color()
                };
                for d in &report.diagnostics {
                    text::render_fitted(&report, d, width, &mut one_by_one).unwrap();
                }
                assert!(
                    text::render_report(&report, width, colored) == one_by_one.as_slice(),
                    "{suite} {width:?} {colored}"
                );
            }
        }
        let plain: String = report
            .diagnostics
            .iter()
            .map(|d| text::render_plain(&report, d))
            .collect();
        assert_eq!(text::render_report_plain(&report, None), plain, "{suite}");
        let short: String = report
            .diagnostics
            .iter()
            .map(|d| text::short_line(&report, d) + "\n")
            .collect();
        assert_eq!(text::short_lines(&report), short, "{suite}");
        let lines: String = json::diagnostics(&report)
            .into_iter()
            .map(|l| l + "\n")
            .collect();
        assert_eq!(json::diagnostic_lines(&report), lines, "{suite}");
    }
}
