//! Citations that resolve: an evidence or statistic claim is excused only by a citation a
//! reader can follow, and `MED304` says why the others lead nowhere. Run through the binary on
//! a small site, with and without a config that adds a citation source.

mod common;

use std::fs;

use common::medlint;

/// (rule, line) of each finding in JSON Lines output.
fn findings(o: &std::process::Output) -> Vec<(String, u64)> {
    common::diagnostics(o)
        .into_iter()
        .map(|v| {
            (
                v["rule"].as_str().unwrap_or_default().to_string(),
                v["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

const PAGE: &str = "\
# Knee pain

Studies show PRP heals tendons ([the study](https://pubmed.ncbi.nlm.nih.gov/123/)).

Research shows our drops work ([source](https://shop.example.com/drops)).

Clinical data show PRP helps ([our results](results.md)).

Clinical data show PRP helps ([old results](retired.md)).

Studies show ozone heals wounds.[^1]

One trial [2] showed faster recovery.
";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("knee.md"), PAGE).expect("write");
    fs::write(dir.path().join("results.md"), "# Results\n\nOur audit.\n").expect("write");
    dir
}

#[test]
fn only_citations_that_resolve_excuse_a_claim() {
    let dir = site();
    let out = medlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--select",
            "MED106,MED301,MED304",
            "knee.md",
        ],
    );
    let found = findings(&out);
    let on = |line: u64| -> Vec<&str> {
        found
            .iter()
            .filter(|(_, l)| *l == line)
            .map(|(r, _)| r.as_str())
            .collect()
    };
    // A PubMed link and a page of the site resolve.
    assert_eq!(on(3), Vec::<&str>::new(), "{found:?}");
    assert_eq!(on(7), Vec::<&str>::new(), "{found:?}");
    // A shop page offered as the source, a missing page, an undefined footnote and a number
    // with no reference list excuse nothing.
    assert_eq!(on(5), ["MED106", "MED304"], "{found:?}");
    assert_eq!(on(9), ["MED106", "MED301"], "{found:?}");
    assert_eq!(on(11), ["MED106", "MED304"], "{found:?}");
    assert_eq!(on(13), ["MED304"], "{found:?}");
}

#[test]
fn a_config_adds_citation_sources_and_rejects_what_is_not_a_host() {
    let dir = site();
    fs::write(
        dir.path().join("medlint.toml"),
        "[citations]\nallow = [\"https://shop.example.com/\"]\n",
    )
    .expect("write");
    let out = medlint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "MED106,MED304",
            "knee.md",
        ],
    );
    let found = findings(&out);
    assert!(!found.iter().any(|(_, l)| *l == 5), "{found:?}");

    fs::write(
        dir.path().join("medlint.toml"),
        "[citations]\nallow = [\"not a host\"]\n",
    )
    .expect("write");
    let out = medlint(dir.path(), &["check", "knee.md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("medlint.toml") && err.contains("citation source"),
        "{err}"
    );
}
