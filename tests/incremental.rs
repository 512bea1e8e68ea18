//! Runs that lint part of a site (one file, standard input, `--changed-since`) check links as a
//! whole-site run does, and results do not depend on the folder a run starts from.

mod common;
use common::git;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn medlint(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn medlint");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The rule ids of a JSON-lines run's findings, with their files.
fn findings(o: &Output) -> Vec<(String, String)> {
    common::diagnostics(o)
        .into_iter()
        .map(|v| {
            (
                v["rule"].as_str().unwrap_or("").to_string(),
                v["path"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const LINKS: &[&str] = &["--select", "MED301,MED302", "--format", "json"];

fn args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["check"];
    all.extend_from_slice(LINKS);
    all.extend_from_slice(extra);
    all
}

/// A page that links into another page's headings, one anchor right and one wrong.
fn site(dir: &Path) {
    write(dir, "other.md", "# Other\n\n## Side effects\n\nText.\n");
    write(
        dir,
        "a.md",
        "# A\n\nSee [effects](other.md#side-effects) and [dose](other.md#dosage).\n",
    );
}

#[test]
fn a_single_file_run_checks_anchors_in_pages_outside_the_run() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let whole = findings(&medlint(dir.path(), &args(&["."]), None));
    let single = medlint(dir.path(), &args(&["a.md"]), None);
    assert_eq!(whole, vec![("MED302".into(), "a.md".into())]);
    assert_eq!(findings(&single), whole);
    let out = String::from_utf8_lossy(&single.stdout);
    assert!(
        out.contains("no heading or id `dosage` in `other.md`"),
        "{out}"
    );
}

#[test]
fn standard_input_checks_anchors_in_pages_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let text = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    let o = medlint(
        dir.path(),
        &args(&["--stdin-filename", "a.md", "-"]),
        Some(&text),
    );
    assert_eq!(findings(&o), vec![("MED302".into(), "a.md".into())]);
}

/// The number of files a JSON-lines run linted.
fn files_linted(o: &Output) -> u64 {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["type"] == "summary")
        .and_then(|v| v["files"].as_u64())
        .unwrap_or_else(|| panic!("no summary: {}", String::from_utf8_lossy(&o.stdout)))
}

#[test]
fn changed_since_reports_links_into_renamed_and_deleted_pages() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "content/knee.md", "# Knee\n\n## Risks\n");
    write(d, "content/hip/index.md", "# Hip\n");
    write(
        d,
        "content/a.md",
        "# A\n\nRead [the risks](knee.md#risks).\n",
    );
    write(d, "content/b.md", "# B\n\nSee [hip](/hip/).\n");
    write(d, "content/c.md", "# C\n\nNo links.\n");
    write(d, "content/leaflet.pdf", "%PDF-1.4\n");
    write(d, "content/e.md", "# E\n\nThe [leaflet](leaflet.pdf).\n");
    // Names the renamed page in its text, but does not link to it: not linted.
    write(
        d,
        "content/d.md",
        "# D\n\nKnee and hip, knee.md as words.\n",
    );
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "site"]);
    git(d, &["checkout", "-qb", "change"]);
    git(d, &["mv", "content/knee.md", "content/knee-pain.md"]);
    git(
        d,
        &["rm", "-q", "content/hip/index.md", "content/leaflet.pdf"],
    );
    write(d, "content/c.md", "# C\n\nStill no links.\n");
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "rename and delete"]);
    let o = medlint(d, &args(&["--changed-since", "main", "content"]), None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let mut got = findings(&o);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("MED301".into(), "content/a.md".into()),
            ("MED301".into(), "content/b.md".into()),
            ("MED301".into(), "content/e.md".into())
        ],
        "{stderr}"
    );
    // c.md (changed), knee-pain.md (renamed to), a.md, b.md and e.md (they link to what
    // went); d.md, which only names a page, is not linted.
    assert_eq!(files_linted(&o), 5);
}

#[test]
fn the_site_root_is_the_folder_named_when_no_config_says() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "site/contact.md", "# Contact\n");
    write(
        d,
        "site/blog/a.md",
        "# A\n\n[Contact](/contact/) and [gone](/gone/).\n",
    );
    let o = medlint(d, &args(&["site/"]), None);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        findings(&o),
        vec![("MED301".into(), "site/blog/a.md".into())],
        "{out}"
    );
    assert!(out.contains("`/gone/`"), "{out}");
    assert!(out.contains("in site root `site`"), "{out}");
    // From inside the folder the same run finds the same.
    let inside = medlint(&d.join("site"), &args(&["."]), None);
    assert_eq!(findings(&inside).len(), 1);
}

#[test]
fn the_nearest_config_above_the_linted_path_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "articles/medlint.toml", "select = [\"MED301\"]\n");
    write(
        d,
        "articles/content/a.md",
        "# A\n\nThis tea cures arthritis. See [gone](/gone/) and [b](/content/b/).\n",
    );
    write(d, "articles/content/b.md", "# B\n");
    let elsewhere = d.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    for (cwd, path) in [
        (d, "articles/content"),
        (elsewhere.as_path(), "../articles/content"),
    ] {
        let o = medlint(cwd, &["check", "--format", "json", path], None);
        let got: Vec<String> = findings(&o).into_iter().map(|(rule, _)| rule).collect();
        // Only the config's rule runs; `/content/b/` resolves against the config's folder.
        assert_eq!(got, vec!["MED301"], "from {}", cwd.display());
    }
}

#[test]
fn stdin_filename_alone_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    // A page on disk with a finding, which a run of `.` would report.
    write(dir.path(), "content/b.md", "# B\n\n[x](nowhere.md)\n");
    let text = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    let o = medlint(
        dir.path(),
        &args(&["--stdin-filename", "content/../a.md"]),
        Some(&text),
    );
    assert_eq!(findings(&o), vec![("MED302".into(), "a.md".into())]);
    assert_eq!(files_linted(&o), 1);
}

#[test]
fn show_settings_and_show_files_say_what_a_run_would_use() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "articles/medlint.toml",
        "select = [\"MED301\", \"MED101\"]\nfail-on = \"warning\"\n\n[[overrides]]\n\
         paths = [\"content/legal/**\"]\nseverity = { cure-claim = \"info\" }\n",
    );
    write(d, "articles/content/a.md", "# A\n\n[gone](gone.md)\n");
    write(d, "articles/content/legal/terms.md", "# Terms\n");
    let o = medlint(
        d,
        &[
            "check",
            "--show-settings",
            "articles/content/legal/terms.md",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "path: articles/content/legal/terms.md\n\
         config file: articles/medlint.toml\n\
         site root: articles\n\
         fail on: warning\n\
         profile: us\n\
         jurisdiction: us (from the profile)\n\
         rules (2):\n  \
         MED101 cure-claim info\n  \
         MED301 broken-internal-link error\n"
    );
    // Standard input is placed by its name: the config above it, its path's overrides.
    let o = medlint(
        d,
        &[
            "check",
            "--show-settings",
            "--stdin-filename",
            "articles/content/legal/x.md",
        ],
        Some("# X\n"),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("config file: articles/medlint.toml\n"),
        "{out}"
    );
    assert!(out.contains("MED101 cure-claim info\n"), "{out}");
    let o = medlint(d, &["check", "--show-files", "articles"], None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "nothing is linted, so nothing fails"
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "articles/content/a.md\narticles/content/legal/terms.md\n"
    );
    // One run, one config: a path under another config is linted with the first, and told.
    write(d, "other/medlint.toml", "fail-on = \"never\"\n");
    write(d, "other/o.md", "# O\n");
    let o = medlint(d, &["check", "--show-files", "articles", "other"], None);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "note: other is under other/medlint.toml, but this run uses articles/medlint.toml"
        ),
        "{err}"
    );
}
