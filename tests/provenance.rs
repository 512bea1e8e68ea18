//! The record of the run in every report that carries one (JSON summary, SARIF, the CSV's
//! sidecar, the HTML page), on a real git repository: versions and hashes, config, command
//! line, time from `SOURCE_DATE_EPOCH`, commit, scope, severities in force, verdict; and the
//! same bytes from the same inputs.

use std::path::Path;
use std::process::{Command, Output};

mod common;

use common::{git, stderr};

const EPOCH: &str = "1796159488";
const TIME: &str = "2026-12-01T21:11:28Z";

/// medlint in `dir` with the time fixed, the CI variables cleared.
fn medlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("CI")
        .env_remove("GITHUB_SERVER_URL")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_SHA")
        .args(args)
        .output()
        .expect("run medlint")
}

const CONFIG: &str =
    "[rules.cure-claim]\nseverity = \"warning\"\n\n[rules.safety-absolute]\nseverity = \"off\"\n";

/// A repository with two articles (one with claims), a config that changes two severities, and
/// a remote whose URL holds a token.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("site")).unwrap();
    std::fs::write(
        root.join("site/knee.md"),
        "# Knee pain\n\nOur PRP injections cure arthritis and regenerate cartilage.\n",
    )
    .unwrap();
    std::fs::write(root.join("site/notes.txt"), "Nothing to see.\n").unwrap();
    std::fs::write(root.join("medlint.toml"), CONFIG).unwrap();
    std::fs::write(root.join(".gitignore"), "reports/\n").unwrap();
    git(root, &["init", "-q", "-b", "main"]);
    git(
        root,
        &[
            "remote",
            "add",
            "origin",
            "https://x-access-token:SECRET@github.com/acme/clinic.git",
        ],
    );
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "articles"]);
    std::fs::create_dir_all(root.join("reports")).unwrap();
    dir
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn json_summary(o: &Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&o.stdout);
    let last = text.lines().last().expect("a summary line");
    serde_json::from_str(last).unwrap()
}

#[test]
fn the_json_summary_records_the_run() {
    let dir = repo();
    let root = dir.path();
    let o = medlint(root, &["check", "--format", "json", "site"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let summary = json_summary(&o);
    let p = &summary["provenance"];
    assert_eq!(p["medlint_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(p["time_utc"], TIME);
    assert_eq!(p["time_source"], "SOURCE_DATE_EPOCH");
    assert_eq!(p["command_line"], "medlint check --format json site");
    assert_eq!(
        p["arguments"],
        serde_json::json!(["check", "--format", "json", "site"])
    );
    assert_eq!(p["config"]["path"], "medlint.toml");
    assert_eq!(p["config"]["sha256"], sha256(CONFIG.as_bytes()));
    // Every built-in pack, with its version and the hash of its file in the source tree.
    let packs = p["packs"].as_array().unwrap();
    assert_eq!(packs.len(), 7);
    let claims = packs.iter().find(|k| k["name"] == "claims").unwrap();
    let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("lints/claims.toml"));
    assert_eq!(claims["sha256"], sha256(&text.unwrap()));
    assert_eq!(claims["version"], "1");
    assert_eq!(claims["source"], "built-in lints/claims.toml");
    // The commit, branch and a clean tree (reports/ is ignored); the token is not printed.
    assert_eq!(p["git"]["commit"], git(root, &["rev-parse", "HEAD"]));
    assert_eq!(p["git"]["branch"], "main");
    assert_eq!(p["git"]["dirty"], false);
    assert_eq!(p["git"]["repository"], "https://github.com/acme/clinic.git");
    assert!(!String::from_utf8_lossy(&o.stdout).contains("SECRET"));
    // Scope: two files, nothing hidden.
    assert_eq!(p["scope"]["files_linted"], 2);
    assert_eq!(p["scope"]["hidden_by_baseline"], 0);
    assert_eq!(p["scope"]["changed_since"], serde_json::Value::Null);
    // Severities as the config sets them, beside the pack's.
    let rule = |id: &str| {
        p["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(rule("MED101")["severity"], "warning");
    assert_eq!(rule("MED101")["default_severity"], "error");
    assert_eq!(rule("MED108")["severity"], "off");
    assert_eq!(rule("MED102")["severity"], "error");
    assert_eq!(p["fail_on"], "error");
    let errors = summary["errors"].as_u64().unwrap();
    assert!(errors > 0);
    assert_eq!(p["verdict"]["outcome"], "fail");
    assert_eq!(p["verdict"]["exit_code"], 1);
    assert_eq!(
        p["verdict"]["reason"],
        format!(
            "{errors} finding{} at or above error (--fail-on error)",
            if errors == 1 { "" } else { "s" }
        )
    );

    // An edit makes the tree dirty; --fail-on never passes.
    std::fs::write(root.join("site/notes.txt"), "Edited.\n").unwrap();
    let o = medlint(
        root,
        &["check", "--format", "json", "--fail-on", "never", "site"],
    );
    let p = &json_summary(&o)["provenance"];
    assert_eq!(p["git"]["dirty"], true);
    assert_eq!(p["fail_on"], "never");
    assert_eq!(p["verdict"]["outcome"], "pass");
}

#[test]
fn baselines_and_changed_since_are_recorded() {
    let dir = repo();
    let root = dir.path();
    let o = medlint(
        root,
        &["check", "--write-baseline", "reports/baseline.json", "site"],
    );
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    // One more claim in a new article; the old ones are in the baseline.
    std::fs::write(
        root.join("site/new.md"),
        "# Back pain\n\nOur therapy cures back pain.\n",
    )
    .unwrap();
    let o = medlint(
        root,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "reports/baseline.json",
            "--changed-since",
            "HEAD",
            "site",
        ],
    );
    let summary = json_summary(&o);
    let scope = &summary["provenance"]["scope"];
    assert_eq!(scope["changed_since"], "HEAD");
    assert_eq!(scope["files_linted"], 1, "{summary}");
    assert_eq!(scope["files_unchanged"], 2, "{summary}");
    assert_eq!(scope["baseline"], "reports/baseline.json");

    // Without --changed-since, the baseline hides the old findings, and says how many.
    let o = medlint(
        root,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "reports/baseline.json",
            "site",
        ],
    );
    let hidden = stderr(&o)
        .split("baseline: ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse::<u64>().ok())
        .expect("the baseline says what it hid");
    assert!(hidden > 0);
    assert_eq!(
        json_summary(&o)["provenance"]["scope"]["hidden_by_baseline"],
        hidden
    );
}

#[test]
fn sarif_records_the_run_and_stays_valid() {
    let dir = repo();
    let root = dir.path();
    let o = medlint(root, &["check", "--format", "sarif", "site"]);
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    let invocation = &run["invocations"][0];
    assert_eq!(
        invocation["commandLine"],
        "medlint check --format sarif site"
    );
    assert_eq!(invocation["startTimeUtc"], TIME);
    assert_eq!(invocation["executionSuccessful"], true);
    assert_eq!(invocation["exitCode"], 1);
    // The severities the config changed, as SARIF levels.
    let overrides = invocation["ruleConfigurationOverrides"].as_array().unwrap();
    let of = |id: &str| {
        overrides
            .iter()
            .find(|o| o["descriptor"]["id"] == id)
            .map(|o| o["configuration"].clone())
    };
    assert_eq!(
        of("MED101"),
        Some(serde_json::json!({ "enabled": true, "level": "warning" }))
    );
    assert_eq!(of("MED108"), Some(serde_json::json!({ "enabled": false })));
    assert_eq!(of("MED102"), None);
    let vcs = &run["versionControlProvenance"][0];
    assert_eq!(vcs["repositoryUri"], "https://github.com/acme/clinic.git");
    assert_eq!(vcs["revisionId"], git(root, &["rev-parse", "HEAD"]));
    assert_eq!(vcs["branch"], "main");
    // Each pack as an extension with its version and hash; each rule names its pack.
    let extensions = run["tool"]["extensions"].as_array().unwrap();
    assert_eq!(extensions.len(), 7);
    assert!(extensions.iter().all(|e| e["version"] == "1"));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let med101 = rules.iter().find(|r| r["id"] == "MED101").unwrap();
    assert_eq!(med101["properties"]["pack"], "claims");
    assert_eq!(med101["properties"]["packVersion"], "1");
    assert_eq!(
        run["properties"]["provenance"]["verdict"]["outcome"],
        "fail"
    );
}

#[test]
fn a_csv_report_has_its_record_beside_it() {
    let dir = repo();
    let root = dir.path();
    let o = medlint(
        root,
        &[
            "check",
            "--format",
            "json",
            "--output",
            "reports/findings.csv",
            "site",
        ],
    );
    let csv = std::fs::read(root.join("reports/findings.csv")).unwrap();
    let header = String::from_utf8_lossy(&csv)
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(header.ends_with(",disposition"), "{header}");
    let rows = String::from_utf8_lossy(&csv).lines().count() - 1;
    assert!(rows > 0);
    // Every row's disposition is left empty for the reviewer.
    let mut reader = csv::Reader::from_reader(&csv[..]);
    for record in reader.records() {
        assert_eq!(record.unwrap().get(9), Some(""));
    }
    let sidecar: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root.join("reports/findings.provenance.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(sidecar["report"]["file"], "findings.csv");
    assert_eq!(sidecar["report"]["sha256"], sha256(&csv));
    // The same record as the JSON summary's.
    assert_eq!(sidecar["provenance"], json_summary(&o)["provenance"]);
}

#[test]
fn the_html_page_opens_with_the_record() {
    let dir = repo();
    let root = dir.path();
    let o = medlint(root, &["check", "--format", "html", "site"]);
    let html = String::from_utf8_lossy(&o.stdout);
    let commit = git(root, &["rev-parse", "HEAD"]);
    let record = html.find("<section id=\"record\"").expect("a run record");
    let record = &html[record..record + html[record..].find("</section>").unwrap()];
    for expected in [
        "<p class=\"verdict fail\"><strong>FAIL</strong>",
        &format!("{TIME} <span class=\"muted\">(from SOURCE_DATE_EPOCH)</span>"),
        "<code>medlint check --format html site</code>",
        &format!(
            "<code>medlint.toml</code> <span class=\"muted\">sha256</span> <code class=\"hash\">{}</code>",
            sha256(CONFIG.as_bytes())
        ),
        &format!(
            "<code class=\"hash\">{commit}</code> on branch <code>main</code>; work tree clean"
        ),
        "2 files linted",
        "<span class=\"level changed\"><code>MED101</code> warning <span class=\"muted\">(default error)</span></span>",
        "<code>MED108</code>",
    ] {
        assert!(record.contains(expected), "missing {expected}");
    }
    // The record comes first, then the sign-off; the rule reference shows severities in force.
    assert!(html.find("id=\"record\"") < html.find("id=\"sign-off\""));
    assert!(html.find("id=\"sign-off\"") < html.find("id=\"overview\""));
    assert!(html.contains(
        "<span class=\"badge sev-warning\">warning</span> <span class=\"muted\">in force (default error)</span>"
    ));
}

#[test]
fn the_same_inputs_and_time_give_the_same_bytes() {
    let dir = repo();
    let root = dir.path();
    // The same command twice (the record holds the command line, so it must not change).
    let run = || {
        let o = medlint(
            root,
            &[
                "check",
                "--format",
                "json",
                "--force",
                "--threads",
                "4",
                "--output",
                "reports/r.html",
                "--output",
                "reports/r.sarif",
                "--output",
                "reports/r.csv",
                "site",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let read = |f: &str| std::fs::read_to_string(root.join("reports").join(f)).unwrap();
        (
            String::from_utf8(o.stdout).unwrap(),
            read("r.html"),
            read("r.sarif"),
            read("r.csv"),
            read("r.provenance.json"),
        )
    };
    let first = run();
    let again = run();
    assert!(first == again, "the reports differ between runs");
    assert!(first.0.contains(TIME) && first.1.contains(TIME) && first.2.contains(TIME));
    // Without SOURCE_DATE_EPOCH the clock is used and said to be.
    let o = Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["check", "--format", "json", "site"])
        .output()
        .unwrap();
    assert_eq!(json_summary(&o)["provenance"]["time_source"], "clock");
}
