//! Every report format, parsed back and checked for real content from a fixture article.

mod common;
use common::{git, medlint, stdout};

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A site with known findings: one cure claim with awkward characters around it, and a clean
/// page.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("claim.md"),
        "# PRP, \"the fix\" & more\n\nFor <knees>, our PRP therapy cures arthritis, \"fast\".\n\n\
         This article is for general information only and is not medical advice. Consult a \
         qualified healthcare provider. Individual results vary.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("clean.md"),
        "# Rest\n\nRest may help.\n\nThis article is for general information only and is not \
         medical advice. Consult a qualified healthcare provider. Individual results vary.\n",
    )
    .unwrap();
    dir
}

#[test]
fn sarif_validates_against_the_official_schema_and_locates_findings() {
    let dir = site();
    let o = medlint(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");

    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let listed = stdout(&medlint(dir.path(), &["rules", "--format", "json"]));
    assert_eq!(
        rules.len(),
        listed.lines().count(),
        "every rule is in tool.driver"
    );
    let cure = rules.iter().find(|r| r["id"] == "MED101").unwrap();
    assert_eq!(cure["name"], "cure-claim");
    assert!(
        cure["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("## Why it matters")
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "MED101");
    assert_eq!(r["level"], "error");
    let region = &r["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "claim.md"
    );
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(3), Some(30))
    );
    assert_eq!(region["snippet"]["text"], "cures");
    assert!(
        r["partialFingerprints"]["medlintFinding/v1"]
            .as_str()
            .unwrap()
            .len()
            == 16
    );
}

#[test]
fn github_annotations_are_escaped_workflow_commands() {
    let dir = site();
    let o = medlint(dir.path(), &["check", "--format", "github"]);
    let out = stdout(&o);
    let line = out.lines().next().unwrap();
    assert!(
        line.starts_with("::error file=claim.md,line=3,col=30,endLine=3,endColumn=35,title=MED101 cure-claim::Cure claim: `cures` promises complete resolution%0AHelp: "),
        "{line}"
    );
    assert_eq!(out.lines().count(), 1, "one line per finding: {out}");
}

#[test]
fn junit_is_valid_xml_with_a_case_per_finding_and_per_clean_file() {
    let dir = site();
    // Characters XML cannot hold must not break the document.
    std::fs::write(
        dir.path().join("control.md"),
        "Fibrin is a miracle\u{7} & <b>cure</b> \"quoted\".\n",
    )
    .unwrap();
    let o = medlint(dir.path(), &["check", "--format", "junit"]);
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let names: Vec<&str> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
    assert_eq!(names[0], "claim.md:3:30 MED101 cure-claim");
    assert_eq!(names[1], "clean.md", "a clean file is one passing case");
    assert!(
        names[2..].iter().all(|n| n.starts_with("control.md:")),
        "{names:?}"
    );
    let failures: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    let types: Vec<&str> = failures
        .iter()
        .map(|f| f.attribute("type").unwrap())
        .collect();
    assert!(types.contains(&"MED101 cure-claim"));
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(
        suite.attribute("failures").unwrap(),
        failures.len().to_string()
    );
    assert_eq!(suite.attribute("tests").unwrap(), cases.len().to_string());
    let claim = cases[0]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert!(
        claim
            .text()
            .unwrap()
            .contains("claim.md:3:30: error MED101 cure-claim")
    );
}

#[test]
fn gitlab_code_quality_has_fingerprints_and_positions() {
    let dir = site();
    let o = medlint(dir.path(), &["check", "--format", "gitlab"]);
    let issues: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 1);
    let i = &issues[0];
    assert_eq!(i["check_name"], "MED101 cure-claim");
    assert_eq!(i["severity"], "critical");
    assert_eq!(i["location"]["path"], "claim.md");
    assert_eq!(i["location"]["positions"]["begin"]["line"], 3);
    let again: serde_json::Value =
        serde_json::from_slice(&medlint(dir.path(), &["check", "--format", "gitlab"]).stdout)
            .unwrap();
    assert_eq!(
        again[0]["fingerprint"], i["fingerprint"],
        "fingerprints are stable"
    );
}

#[test]
fn csv_rows_quote_commas_quotes_and_carry_the_sentence() {
    let dir = site();
    let o = medlint(dir.path(), &["check", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "path",
            "line",
            "column",
            "rule",
            "slug",
            "severity",
            "message",
            "text",
            "sentence",
            "disposition"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(&r[0], "claim.md");
    assert_eq!(&r[3], "MED101");
    assert_eq!(&r[7], "cures");
    assert_eq!(
        &r[8],
        "For <knees>, our PRP therapy cures arthritis, \"fast\"."
    );
}

#[test]
fn markdown_summary_links_to_lines() {
    let dir = site();
    let out = stdout(&medlint(dir.path(), &["check", "--format", "markdown"]));
    assert!(
        out.contains("**1 problem** (1 error, 0 warnings, 0 info) in 2 files"),
        "{out}"
    );
    assert!(out.contains("| `MED101` cure-claim | 1 |"), "{out}");
    assert!(out.contains("[claim.md:3:30](claim.md#L3)"), "{out}");
}

#[test]
fn several_reports_in_one_run_keep_the_terminal_format() {
    let dir = site();
    let reports = tempfile::tempdir().unwrap();
    let sarif = reports.path().join("out.sarif");
    let csv_path = reports.path().join("out.csv");
    let html = reports.path().join("out.html");
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--output",
            &format!("sarif={}", sarif.display()),
            "--output",
            &format!("csv={}", csv_path.display()),
            "--output",
            &format!("html={}", html.display()),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("claim.md:3:30: error MED101"));
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "MED101");
    assert!(
        std::fs::read_to_string(&csv_path)
            .unwrap()
            .contains("MED101")
    );
    assert!(std::fs::read_to_string(&html).unwrap().contains("MED101"));
    let names: Vec<_> = std::fs::read_dir(reports.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // Three reports and the CSV's record of the run beside it.
    assert_eq!(names.len(), 4, "no temporary files left: {names:?}");
    assert!(
        names.iter().any(|n| n.ends_with(".provenance.json")),
        "{names:?}"
    );
    let bad = medlint(dir.path(), &["check", "--output", "pdf=x.pdf"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown format `pdf`"));
}

#[test]
fn statistics_count_per_rule_and_file() {
    let out = stdout(&medlint(
        &fixtures().join("articles"),
        &["check", "--statistics"],
    ));
    let rule_section: Vec<&str> = out.split("\n\n").next().unwrap().lines().collect();
    assert_eq!(rule_section[0], "count  rule");
    assert!(
        rule_section
            .iter()
            .any(|l| l.trim_start().ends_with("MED101 cure-claim"))
    );
    assert!(out.contains("count  file"));
    assert!(out.lines().any(|l| l.trim_start().ends_with("claims.md")));
    let json: serde_json::Value = serde_json::from_slice(
        &medlint(
            &fixtures().join("articles"),
            &["check", "--statistics", "--format", "json"],
        )
        .stdout,
    )
    .unwrap();
    let total: u64 = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    let files: u64 = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, files);
    assert!(total > 20);
}

#[test]
fn baseline_survives_edits_above_and_reports_new_and_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.md");
    let disclaimer = "This article is for general information only and is not medical advice. Consult a qualified healthcare provider. Individual results vary.";
    std::fs::write(
        &article,
        format!("# Knees\n\nPRP cures arthritis.\n\nFibrin is a miracle.\n\n{disclaimer}\n"),
    )
    .unwrap();
    let o = medlint(dir.path(), &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(o.status.code(), Some(1));
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(b["entries"].as_array().unwrap().len(), 2);

    // Insert paragraphs above the findings: nothing resurfaces.
    std::fs::write(
        &article,
        format!("# Knees\n\nA new introduction.\n\nAnother paragraph.\n\nPRP cures arthritis.\n\nFibrin is a miracle.\n\n{disclaimer}\n"),
    )
    .unwrap();
    let o = medlint(
        dir.path(),
        &["check", "--format", "short", "--baseline", "baseline.json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("2 known findings hidden; 0 baseline entries fixed")
    );

    // A new claim is reported; a removed one counts as fixed.
    std::fs::write(
        &article,
        format!("# Knees\n\nPRP cures arthritis.\n\nStem cells are a miracle.\n\n{disclaimer}\n"),
    )
    .unwrap();
    let o = medlint(
        dir.path(),
        &["check", "--format", "short", "--baseline", "baseline.json"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "a.md:5:18: error MED101 cure-claim Cure claim: `miracle` promises complete resolution\n"
    );
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("1 known findings hidden; 1 baseline entries fixed")
    );

    std::fs::write(
        dir.path().join("broken.json"),
        "{\"version\": 1, \"entries\": [{}]}",
    )
    .unwrap();
    let o = medlint(dir.path(), &["check", "--baseline", "broken.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("broken.json: not a medlint baseline"));
}

#[test]
fn changed_since_lints_only_changed_files() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["old.md", "edited.md"] {
        std::fs::write(dir.path().join(f), "PRP cures arthritis.\n").unwrap();
    }
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    std::fs::write(dir.path().join("edited.md"), "Fibrin is a miracle.\n").unwrap();
    std::fs::write(dir.path().join("new.md"), "Stem cells cure everything.\n").unwrap();
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--select",
            "MED101",
            "--changed-since",
            "HEAD",
        ],
    );
    let files: Vec<String> = stdout(&o)
        .lines()
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect();
    assert_eq!(files, ["edited.md", "new.md"]);

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("a.md"), "Text.\n").unwrap();
    let o = medlint(outside.path(), &["check", "--changed-since", "HEAD"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("--changed-since: git rev-parse --show-toplevel failed")
    );
}

#[test]
fn suppressions_are_listed_for_audit() {
    let dir = fixtures().join("articles");
    let o = medlint(
        &dir,
        &["suppressions", "--format", "csv", "suppressions.md"],
    );
    assert_eq!(o.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "path",
            "line",
            "directive",
            "rules",
            "reason",
            "suppressed",
            "reviewed_by",
            "expires",
            "expired"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() >= 3);
    assert!(rows.iter().all(|r| &r[0] == "suppressions.md"));
    assert!(
        rows.iter()
            .any(|r| !r[4].is_empty() && r[5].parse::<u32>().unwrap() > 0)
    );
    let json = stdout(&medlint(
        &dir,
        &["suppressions", "--format", "json", "suppressions.md"],
    ));
    let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert!(first["line"].is_u64() && first["suppressed"].is_u64());
    let text = stdout(&medlint(&dir, &["suppressions", "suppressions.md"]));
    assert!(
        text.ends_with(&format!("{} suppressions\n", rows.len())),
        "{text}"
    );
}
