//! A reviewed site of its own (`fixtures/review/`, with its `medlint.toml`): every
//! `<!-- expect: … -->` marker must match a finding on its line, and every finding must have a
//! marker. Run through the binary, so the config is found as a user's would be.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::medlint;

#[test]
fn review_site_findings_match_their_markers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/review");
    let out = medlint(&dir, &["check", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    let found: BTreeSet<_> = common::diagnostics(&out)
        .iter()
        .map(|v| {
            (
                v["path"].as_str().unwrap_or_default().to_string(),
                v["line"].as_u64().unwrap_or_default() as usize,
                v["rule"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let marker = regex::Regex::new(r"<!--\s*expect:\s*([A-Z0-9 ,]+?)\s*-->").unwrap();
    let mut want = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures/review") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).expect("read");
        for (i, line) in text.lines().enumerate() {
            for cap in marker.captures_iter(line) {
                for id in cap[1].split([' ', ',']).filter(|s| !s.is_empty()) {
                    want.insert((name.clone(), i + 1, id.to_string()));
                }
            }
        }
    }
    let missing: Vec<_> = want.difference(&found).collect();
    let extra: Vec<_> = found.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}\nextra {extra:?}"
    );
}

#[test]
fn a_missing_approved_folder_or_a_duplicate_name_is_a_config_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.md"), "# A\n\nText.\n").expect("write");
    for (config, says) in [
        (
            "[rules.approved-text-drift]\nfolder = \"nope\"\n",
            "folder `nope`",
        ),
        (
            "[[rules.approved-text-drift.text]]\nname = \"x\"\ntext = \"One.\"\n[[rules.approved-text-drift.text]]\nname = \"x\"\ntext = \"Two.\"\n",
            "two approved texts are named `x`",
        ),
    ] {
        std::fs::write(dir.path().join("medlint.toml"), config).expect("write");
        let out = medlint(dir.path(), &["check", "a.md"]);
        assert_eq!(out.status.code(), Some(2));
        let err = common::stderr(&out);
        assert!(err.contains("medlint.toml") && err.contains(says), "{err}");
    }
}
