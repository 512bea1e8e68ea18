//! Baselines on a site adopted once and checked piecemeal: runs of one file, a sub-folder or
//! from another folder keep every entry they did not check, and never call those fixed.

mod common;
use common::{git, medlint, stderr, stdout};

use std::path::Path;

const DISCLAIMER: &str = "This article is for general information only and is not medical advice. Consult a qualified healthcare provider. Individual results vary.";

fn article(body: &str) -> String {
    format!("# Knees\n\n{body}\n\n{DISCLAIMER}\n")
}

/// `(rule, path, sentence, count)` of every entry, and the version.
fn entries(file: &Path) -> (u64, Vec<(String, String, String, u64)>) {
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let rows = b["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["rule"].as_str().unwrap().to_string(),
                e["path"].as_str().unwrap().to_string(),
                e["sentence"].as_str().unwrap().to_string(),
                e["count"].as_u64().unwrap(),
            )
        })
        .collect();
    (b["version"].as_u64().unwrap(), rows)
}

fn entry(path: &str, sentence: &str) -> (String, String, String, u64) {
    ("MED101".into(), path.into(), sentence.into(), 1)
}

/// `root/site` with three articles of one cure claim each, two in `content/`, one in `about/`.
fn three_file_site(root: &Path) -> std::path::PathBuf {
    let site = root.join("site");
    for folder in ["content", "about"] {
        std::fs::create_dir_all(site.join(folder)).unwrap();
    }
    std::fs::write(site.join("content/a.md"), article("PRP cures arthritis.")).unwrap();
    std::fs::write(site.join("content/b.md"), article("Ozone cures gout.")).unwrap();
    std::fs::write(site.join("about/c.md"), article("Fasting cures acne.")).unwrap();
    site
}

#[test]
fn adopting_editing_one_file_and_rerunning_from_other_folders_loses_nothing() {
    let root = tempfile::tempdir().unwrap();
    let site = three_file_site(root.path());
    let content = site.join("content");
    let o = medlint(
        &site,
        &["check", "--write-baseline", "medlint-baseline.json", "."],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let adopted = entries(&site.join("medlint-baseline.json"));
    assert_eq!(
        adopted,
        (
            2,
            vec![
                entry("about/c.md", "fasting cures acne."),
                entry("content/a.md", "prp cures arthritis."),
                entry("content/b.md", "ozone cures gout."),
            ]
        )
    );

    // Edit one article: a new claim beside the recorded one.
    std::fs::write(
        content.join("b.md"),
        article("Ozone cures gout.\n\nOzone is a miracle."),
    )
    .unwrap();
    let new_finding = "cure claim: `miracle` promises complete resolution";

    // From the parent folder, the whole site: only the new claim; nothing fixed or unchecked.
    let o = medlint(
        root.path(),
        &[
            "check",
            "--format",
            "short",
            "--baseline",
            "site/medlint-baseline.json",
            "site",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(stdout(&o).starts_with("site/content/b.md:5:12: error MED101"));
    assert!(stdout(&o).to_lowercase().contains(new_finding));
    assert!(stderr(&o).contains(
        "3 known findings hidden; 0 baseline entries fixed since it was written; 0 baseline entries not checked in this run"
    ), "{}", stderr(&o));

    // From the sub-folder, one file: the other two files' entries are not checked, not fixed.
    let o = medlint(
        &content,
        &[
            "check",
            "--format",
            "short",
            "--baseline",
            "../medlint-baseline.json",
            "b.md",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("b.md:5:12: error MED101"));
    assert!(stderr(&o).contains(
        "1 known findings hidden; 0 baseline entries fixed since it was written; 2 baseline entries not checked in this run"
    ), "{}", stderr(&o));

    // A sub-folder from the parent: `about/` is not checked.
    let o = medlint(
        root.path(),
        &[
            "check",
            "--format",
            "short",
            "--baseline",
            "site/medlint-baseline.json",
            "site/content",
        ],
    );
    assert!(stderr(&o).contains(
        "2 known findings hidden; 0 baseline entries fixed since it was written; 1 baseline entries not checked in this run"
    ), "{}", stderr(&o));

    // Record the edited file alone, from the parent folder: the other entries stay as they were.
    let o = medlint(
        root.path(),
        &[
            "check",
            "--write-baseline",
            "site/medlint-baseline.json",
            "site/content/b.md",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains(
        "wrote 4 baseline entries to site/medlint-baseline.json; 2 entries of files not linted in this run kept unchanged"
    ), "{}", stderr(&o));
    let (version, rows) = entries(&site.join("medlint-baseline.json"));
    assert_eq!(version, 2);
    assert_eq!(
        rows,
        vec![
            entry("about/c.md", "fasting cures acne."),
            entry("content/a.md", "prp cures arthritis."),
            entry("content/b.md", "ozone cures gout."),
            entry("content/b.md", "ozone is a miracle."),
        ]
    );

    // And from the sub-folder, the whole site passes with everything hidden.
    let o = medlint(
        &content,
        &[
            "check",
            "--format",
            "short",
            "--baseline",
            "../medlint-baseline.json",
            "..",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains(
        "4 known findings hidden; 0 baseline entries fixed since it was written; 0 baseline entries not checked in this run"
    ), "{}", stderr(&o));

    // A claim removed from one file, checked alone from the sub-folder: that entry is fixed,
    // the other files' are not checked.
    std::fs::write(content.join("a.md"), article("PRP may help some patients.")).unwrap();
    let o = medlint(
        &content,
        &[
            "check",
            "--format",
            "short",
            "--baseline",
            "../medlint-baseline.json",
            "a.md",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains(
        "0 known findings hidden; 1 baseline entries fixed since it was written; 3 baseline entries not checked in this run"
    ), "{}", stderr(&o));
}

#[test]
fn a_version_1_baseline_is_read_relative_to_the_working_folder() {
    let root = tempfile::tempdir().unwrap();
    let site = three_file_site(root.path());
    std::fs::create_dir(site.join("reports")).unwrap();
    // Written by an older medlint run from `site/`: paths relative to that folder.
    let v1 = serde_json::json!({"version": 1, "entries": [
        {"rule": "MED101", "path": "about/c.md", "sentence": "fasting cures acne.", "count": 1},
        {"rule": "MED101", "path": "content/a.md", "sentence": "prp cures arthritis.", "count": 1},
        {"rule": "MED101", "path": "content/b.md", "sentence": "ozone cures gout.", "count": 1},
    ]});
    std::fs::write(site.join("reports/base.json"), v1.to_string()).unwrap();
    let o = medlint(&site, &["check", "--baseline", "reports/base.json", "."]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("3 known findings hidden; 0 baseline entries fixed"));

    // Rewritten from one file, it becomes version 2, every path relative to `reports/`.
    let o = medlint(
        &site,
        &[
            "check",
            "--write-baseline",
            "reports/base.json",
            "content/a.md",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        entries(&site.join("reports/base.json")),
        (
            2,
            vec![
                entry("../about/c.md", "fasting cures acne."),
                entry("../content/a.md", "prp cures arthritis."),
                entry("../content/b.md", "ozone cures gout."),
            ]
        )
    );
    // Which now reads the same from anywhere.
    let o = medlint(
        root.path(),
        &["check", "--baseline", "site/reports/base.json", "site"],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("3 known findings hidden; 0 baseline entries fixed"));
}

#[test]
fn a_run_with_a_rule_off_neither_drops_nor_fixes_that_rules_entries() {
    let dir = tempfile::tempdir().unwrap();
    // No disclaimer: MED201 as well as the cure claim.
    std::fs::write(dir.path().join("a.md"), "# Knees\n\nPRP cures arthritis.\n").unwrap();
    let o = medlint(dir.path(), &["check", "--write-baseline", "b.json", "a.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rules = |p: &Path| -> Vec<String> { entries(p).1.into_iter().map(|e| e.0).collect() };
    assert_eq!(rules(&dir.path().join("b.json")), ["MED101", "MED201"]);

    let o = medlint(
        dir.path(),
        &[
            "check",
            "--select",
            "MED101",
            "--baseline",
            "b.json",
            "a.md",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains(
        "1 known findings hidden; 0 baseline entries fixed since it was written; 1 baseline entries not checked in this run"
    ), "{}", stderr(&o));
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--select",
            "MED101",
            "--write-baseline",
            "b.json",
            "a.md",
        ],
    );
    assert!(stderr(&o).contains("1 entries of files not linted in this run kept unchanged"));
    assert_eq!(rules(&dir.path().join("b.json")), ["MED101", "MED201"]);
}

#[test]
fn entries_of_a_deleted_file_are_fixed_and_dropped() {
    let root = tempfile::tempdir().unwrap();
    let site = three_file_site(root.path());
    let o = medlint(&site, &["check", "--write-baseline", "b.json", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    std::fs::remove_file(site.join("about/c.md")).unwrap();
    let o = medlint(&site, &["check", "--baseline", "b.json", "content/a.md"]);
    assert!(stderr(&o).contains(
        "1 known findings hidden; 1 baseline entries fixed since it was written; 1 baseline entries not checked in this run"
    ), "{}", stderr(&o));
    let o = medlint(
        &site,
        &["check", "--write-baseline", "b.json", "content/a.md"],
    );
    assert!(stderr(&o).contains(
        "wrote 2 baseline entries to b.json; 1 entries of files not linted in this run kept unchanged; 1 entries of files that no longer exist dropped"
    ), "{}", stderr(&o));
}

#[test]
fn an_unreadable_baseline_is_not_replaced_by_a_write() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), article("PRP cures arthritis.")).unwrap();
    std::fs::write(
        dir.path().join("b.json"),
        "{\"version\": 1, \"entries\": [{}]}",
    )
    .unwrap();
    let o = medlint(dir.path(), &["check", "--write-baseline", "b.json", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("b.json: not a medlint baseline"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.json")).unwrap(),
        "{\"version\": 1, \"entries\": [{}]}"
    );
}

#[test]
fn changed_since_checks_and_records_only_the_changed_file() {
    let root = tempfile::tempdir().unwrap();
    let site = three_file_site(root.path());
    git(&site, &["init", "-q"]);
    let o = medlint(
        &site,
        &["check", "--write-baseline", "medlint-baseline.json", "."],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    git(&site, &["add", "."]);
    git(&site, &["commit", "-qm", "adopt"]);
    std::fs::write(
        site.join("content/b.md"),
        article("Ozone cures gout.\n\nOzone is a miracle."),
    )
    .unwrap();

    // From a sub-folder, as a pull-request gate: the unchanged files are not checked.
    let content = site.join("content");
    let gate = [
        "check",
        "--changed-since",
        "HEAD",
        "--format",
        "short",
        "--baseline",
        "../medlint-baseline.json",
        "..",
    ];
    let o = medlint(&content, &gate);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("../content/b.md:5:12: error MED101"),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains(
        "1 known findings hidden; 0 baseline entries fixed since it was written; 2 baseline entries not checked in this run"
    ), "{}", stderr(&o));

    let o = medlint(
        &site,
        &[
            "check",
            "--changed-since",
            "HEAD",
            "--write-baseline",
            "medlint-baseline.json",
            ".",
        ],
    );
    assert!(stderr(&o).contains(
        "wrote 4 baseline entries to medlint-baseline.json; 2 entries of files not linted in this run kept unchanged"
    ), "{}", stderr(&o));
    let (_, rows) = entries(&site.join("medlint-baseline.json"));
    assert_eq!(rows.len(), 4);
    let o = medlint(&content, &gate);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}
