//! Reports as a CI job reads them: written whatever the run finds, fingerprints that tell
//! findings apart, JUnit failures that match `--fail-on`, and a Markdown comment with absolute
//! links that fits GitHub's limit.

mod common;
use common::git;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

const DISCLAIMER: &str = "This article is for general information only and is not medical \
     advice. Consult a qualified healthcare provider. Individual results vary.\n";

const GITHUB_VARS: [&str; 3] = ["GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"];

fn medlint_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_medlint"));
    command.current_dir(dir).env_remove("CI");
    for var in GITHUB_VARS {
        command.env_remove(var);
    }
    command.envs(env.iter().copied()).args(args);
    command.output().expect("run medlint")
}

fn medlint(dir: &Path, args: &[&str]) -> Output {
    medlint_env(dir, args, &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every format, each to its own file.
const FORMATS: [&str; 10] = [
    "text", "short", "json", "sarif", "github", "junit", "gitlab", "csv", "html", "markdown",
];

/// Run with every report asked for in `dir`/reports; the reports folder's listing and the run.
fn all_reports(dir: &Path, extra: &[&str]) -> (Output, std::path::PathBuf) {
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    let mut args: Vec<String> = vec!["check".into(), "--format".into(), "sarif".into()];
    for f in FORMATS {
        args.push("--output".into());
        args.push(format!("{f}=reports/out.{f}"));
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    (medlint(dir, &args), reports)
}

/// Each report parses and says there is nothing in it.
fn assert_empty_reports(o: &Output, reports: &Path, why: &str) {
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains(&format!("warning: {why}")));
    let names: BTreeSet<String> = std::fs::read_dir(reports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut expected: BTreeSet<String> = FORMATS.iter().map(|f| format!("out.{f}")).collect();
    // The CSV's record of the run, beside it.
    expected.insert("out.provenance.json".into());
    assert_eq!(names, expected, "every report and no temporary file");

    for sarif in [text(&o.stdout), read(&reports.join("out.sarif"))] {
        let log: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
        let schema: serde_json::Value = serde_json::from_str(&read(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif-schema-2.1.0.json"),
        ))
        .unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert!(validator.is_valid(&log), "{sarif}");
        assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
        assert_eq!(
            log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
            why
        );
    }
    let json = read(&reports.join("out.json"));
    let summary: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(
        (summary["type"].as_str(), summary["files"].as_u64()),
        (Some("summary"), Some(0))
    );
    let gitlab: serde_json::Value =
        serde_json::from_str(&read(&reports.join("out.gitlab"))).unwrap();
    assert_eq!(gitlab, serde_json::json!([]));
    assert_eq!(
        read(&reports.join("out.csv")),
        "path,line,column,rule,slug,severity,message,text,sentence,disposition\r\n"
    );
    let junit = read(&reports.join("out.junit"));
    let doc = roxmltree::Document::parse(&junit).unwrap();
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("failures"), Some("0"));
    assert!(junit.contains(why), "{junit}");
    let html = read(&reports.join("out.html"));
    assert!(
        html.contains(&format!("Nothing was linted: {why}.")),
        "{html}"
    );
    let md = read(&reports.join("out.markdown"));
    let shown: String = pulldown_cmark::Parser::new(&md)
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        shown.contains(&format!("Nothing was linted: {why}.")),
        "{md}"
    );
    assert!(read(&reports.join("out.text")).contains("No problems in 0 files."));
    assert_eq!(read(&reports.join("out.short")), "");
    assert_eq!(read(&reports.join("out.github")), "");
}

#[test]
fn every_report_is_written_when_no_article_changed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/a.md"),
        format!("# A\n\nOur PRP cures pain.\n\n{DISCLAIMER}"),
    )
    .unwrap();
    std::fs::write(dir.path().join(".gitignore"), "reports/\n").unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    let (o, reports) = all_reports(dir.path(), &["--changed-since", "HEAD", "content"]);
    assert_empty_reports(&o, &reports, "no changed articles since HEAD");

    // A baseline is not emptied by a run that linted nothing.
    let o = medlint(
        dir.path(),
        &["check", "--write-baseline", "reports/base.json", "content"],
    );
    assert_eq!(o.status.code(), Some(1));
    let before = read(&dir.path().join("reports/base.json"));
    assert!(before.contains("MED101"), "{before}");
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--changed-since",
            "HEAD",
            "--write-baseline",
            "reports/base.json",
            "content",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stderr).contains("left as it was: nothing was linted"));
    assert_eq!(read(&dir.path().join("reports/base.json")), before);
}

#[test]
fn every_report_is_written_when_there_are_no_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/logo.png"), [0x89, b'P']).unwrap();
    let (o, reports) = all_reports(dir.path(), &["content"]);
    assert_empty_reports(
        &o,
        &reports,
        "no articles (.md, .markdown, .txt, .html, .htm) found",
    );
}

/// SARIF and GitLab fingerprints, in finding order.
fn fingerprints(dir: &Path) -> (Vec<String>, Vec<String>) {
    let sarif: serde_json::Value =
        serde_json::from_slice(&medlint(dir, &["check", "--format", "sarif"]).stdout).unwrap();
    let sarif = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let prints = r["partialFingerprints"].as_object().unwrap();
            assert_eq!(prints.len(), 1, "{prints:?}");
            prints
                .values()
                .next()
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let gitlab: serde_json::Value =
        serde_json::from_slice(&medlint(dir, &["check", "--format", "gitlab"]).stdout).unwrap();
    let gitlab = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect();
    (sarif, gitlab)
}

#[test]
fn fingerprints_tell_findings_in_one_sentence_apart_and_survive_a_line_above() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        "Our PRP cures pain and cures arthritis, and it cures pain.\n\n\
         Stem cells cure knees.\n\nStem cells cure knees.\n\n{DISCLAIMER}"
    );
    std::fs::write(dir.path().join("a.md"), format!("# A\n\n{body}")).unwrap();
    let (sarif, gitlab) = fingerprints(dir.path());
    assert_eq!(sarif.len(), 5, "three in one sentence, one in each copy");
    for prints in [&sarif, &gitlab] {
        let unique: BTreeSet<&String> = prints.iter().collect();
        assert_eq!(unique.len(), prints.len(), "{prints:?}");
    }
    assert_eq!(sarif, gitlab);

    std::fs::write(
        dir.path().join("a.md"),
        format!("# A\n\nA new paragraph above, with a line of its own.\n\n{body}"),
    )
    .unwrap();
    let (moved, _) = fingerprints(dir.path());
    assert_eq!(moved, sarif, "lines added above change no fingerprint");
}

/// A site with one finding of each severity, and a clean page.
fn severities() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        format!(
            "# A\n\nOur PRP therapy cures arthritis.\n\n\
             As Smith et al. (2019) reported, it is the best treatment in town.\n\n\
             Our article on epidural injections explains the risks.\n\n{DISCLAIMER}"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        format!("# B\n\nRest may help.\n\n{DISCLAIMER}"),
    )
    .unwrap();
    dir
}

#[test]
fn junit_fails_only_findings_at_or_above_fail_on() {
    let dir = severities();
    let short = text(
        &medlint(
            dir.path(),
            &["check", "--format", "short", "--fail-on", "never"],
        )
        .stdout,
    );
    let levels: Vec<&str> = short
        .lines()
        .map(|l| l.split(' ').nth(1).unwrap())
        .collect();
    assert_eq!(levels, ["error", "warning", "info"], "{short}");
    for (level, failing, exit) in [
        ("error", 1, 1),
        ("warning", 2, 1),
        ("info", 3, 1),
        ("never", 0, 0),
    ] {
        let o = medlint(
            dir.path(),
            &["check", "--format", "junit", "--fail-on", level],
        );
        assert_eq!(o.status.code(), Some(exit), "--fail-on {level}");
        let xml = text(&o.stdout);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        let cases: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        // A case per finding, and one for the clean page.
        assert_eq!(cases.len(), 4, "{xml}");
        let count = |tag: &str| {
            cases
                .iter()
                .filter(|c| c.children().any(|n| n.has_tag_name(tag)))
                .count()
        };
        assert_eq!(count("failure"), failing, "--fail-on {level}\n{xml}");
        assert_eq!(count("skipped"), 3 - failing, "--fail-on {level}\n{xml}");
        for c in &cases {
            let results = c
                .children()
                .filter(|n| n.has_tag_name("failure") || n.has_tag_name("skipped"))
                .count();
            assert!(results <= 1, "one result per case\n{xml}");
        }
        for suite in doc
            .descendants()
            .filter(|n| n.has_tag_name("testsuite") || n.has_tag_name("testsuites"))
        {
            assert_eq!(suite.attribute("tests"), Some("4"));
            assert_eq!(
                suite.attribute("failures"),
                Some(failing.to_string().as_str())
            );
            assert_eq!(
                suite.attribute("skipped"),
                Some((3 - failing).to_string().as_str())
            );
        }
        let names: Vec<&str> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
        assert_eq!(names[0], "a.md:3:17 MED101 cure-claim");
        assert_eq!(names[3], "b.md");
    }
}

/// The link targets of a Markdown document.
fn links(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    Parser::new_ext(md, Options::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn markdown_links_are_absolute_from_link_base_or_github_variables() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/a b.md"),
        format!("# A\n\nOur PRP cures pain.\n\n{DISCLAIMER}"),
    )
    .unwrap();
    git(dir.path(), &["init", "-q"]);
    let content = dir.path().join("content");
    let md = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check", "--format", "markdown"];
        all.extend(args);
        text(&medlint_env(&content, &all, env).stdout)
    };
    assert_eq!(
        links(&md(&[], &[])),
        ["a%20b.md#L3"],
        "relative without a base"
    );
    let github = [
        ("GITHUB_SERVER_URL", "https://github.com"),
        ("GITHUB_REPOSITORY", "acme/clinic"),
        ("GITHUB_SHA", "0123456789abcdef"),
    ];
    // Run from a sub-folder: the link holds the path from the repository's top.
    assert_eq!(
        links(&md(&[], &github)),
        ["https://github.com/acme/clinic/blob/0123456789abcdef/content/a%20b.md#L3"]
    );
    assert_eq!(
        links(&md(
            &["--link-base", "https://example.org/tree/v1"],
            &github
        )),
        ["https://example.org/tree/v1/content/a%20b.md#L3"],
        "the flag wins over the environment"
    );
    assert_eq!(
        links(&md(&["--link-base", "https://example.org/x)[y]<z>"], &[])),
        ["https://example.org/x%29%5By%5D%3Cz%3E/content/a%20b.md#L3"],
        "a base cannot close the link"
    );
    let bad = medlint(&content, &["check", "--link-base", "javascript:alert(1)"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("expected an http(s) URL"));
}

#[test]
fn markdown_stays_under_the_comment_limit_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let total = 3000;
    let mut body = String::from("# A\n\n");
    for i in 0..total {
        body.push_str(&format!("Treatment {i} cures pain.\n\n"));
    }
    body.push_str(DISCLAIMER);
    std::fs::write(dir.path().join("a.md"), body).unwrap();
    let md = text(
        &medlint(
            dir.path(),
            &["check", "--format", "markdown", "--select", "MED101"],
        )
        .stdout,
    );
    assert!(
        md.chars().count() <= 65_536,
        "{} characters",
        md.chars().count()
    );
    let shown = md.lines().filter(|l| l.starts_with("| error |")).count();
    let more = md
        .lines()
        .find_map(|l| l.strip_prefix("…and "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no count of the rest in\n{}", &md[md.len() - 300..]));
    assert!(shown > 100, "{shown} rows shown");
    assert_eq!(shown + more, total);
    assert!(md.contains(&format!("…and {more} more findings not shown")));

    std::fs::write(
        dir.path().join("a.md"),
        format!("# A\n\nOur PRP cures pain.\n\n{DISCLAIMER}"),
    )
    .unwrap();
    let small = text(&medlint(dir.path(), &["check", "--format", "markdown"]).stdout);
    assert!(!small.contains("more findings"), "{small}");
}
