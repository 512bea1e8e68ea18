//! The binary as a user runs it: exit codes, formats, config and pack errors, determinism.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn medlint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_medlint"));
    c.env_remove("NO_COLOR")
        .env_remove("RAYON_NUM_THREADS")
        .env_remove("COLUMNS");
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    medlint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run medlint")
}

fn run_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = medlint()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn medlint");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

const DISCLAIMER: &str = "This article is for general information only and is not medical advice. \
Consult a qualified healthcare provider. Individual results vary.";

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn cure_and_guarantee_claims_exit_1_with_both_rules() {
    let dir = tempdir();
    let o = run_stdin(
        dir.path(),
        &["check", "--format", "json", "--ignore", "MED201", "-"],
        "Our PRP therapy cures arthritis and is guaranteed to work.\n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines = json_lines(&o);
    let found: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l["type"] == "diagnostic")
        .map(|l| (l["rule"].as_str().unwrap(), l["text"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("MED101", "cures"), ("MED102", "guaranteed")]);
}

#[test]
fn negated_claims_exit_0() {
    let dir = tempdir();
    let o = run_stdin(
        dir.path(),
        &["check", "--format", "short", "-"],
        &format!("PRP does not cure arthritis, and no outcome is guaranteed.\n\n{DISCLAIMER}\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn json_lines_carry_positions_in_characters_and_a_summary() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("a.md"),
        format!("# Title\n\nThe spine’s fix: fibrin cures tears.\n\n{DISCLAIMER}\n"),
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "--format", "json", "a.md"]);
    assert_eq!(o.status.code(), Some(1));
    let lines = json_lines(&o);
    let d = &lines[0];
    assert_eq!(d["type"], "diagnostic");
    assert_eq!(d["rule"], "MED101");
    assert_eq!(d["slug"], "cure-claim");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "a.md");
    assert_eq!(d["line"], 3);
    // "The spine’s fix: fibrin " is 24 characters (the apostrophe is 3 bytes).
    assert_eq!(d["column"], 25);
    assert_eq!(d["end_line"], 3);
    assert_eq!(d["end_column"], 30);
    let text = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    let (s, e) = (
        d["start"].as_u64().unwrap() as usize,
        d["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "cures");
    assert_eq!(d["text"], "cures");
    assert!(d["message"].as_str().unwrap().contains("cures"));
    assert!(d["help"].as_str().is_some());
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["errors"], 1);
}

#[test]
fn text_output_underlines_the_words_and_gives_help() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("a.md"),
        format!("Fibrin is a miracle.\n\n{DISCLAIMER}\n"),
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "--color", "never", "a.md"]);
    let out = stdout(&o);
    assert!(out.contains("error[MED101 cure-claim]"), "{out}");
    assert!(out.contains("┌─ a.md:1:13"), "{out}");
    assert!(out.contains("^^^^^^^"), "{out}");
    assert!(out.contains("= help:"), "{out}");
    assert!(out.contains("1 problem (1 error) in 1 of 1 file."), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no colour codes with --color never"
    );
    let colored = run_in(dir.path(), &["check", "--color", "always", "a.md"]);
    assert!(stdout(&colored).contains('\u{1b}'));
}

#[test]
fn fail_on_controls_the_exit_code() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("a.md"),
        format!("The fibrin matrix seals the tear.\n\n{DISCLAIMER}\n"),
    )
    .unwrap();
    assert_eq!(
        run_in(dir.path(), &["a.md"]).status.code(),
        Some(0),
        "MED103 is a warning"
    );
    assert_eq!(
        run_in(dir.path(), &["--fail-on", "warning", "a.md"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run_in(dir.path(), &["--fail-on", "never", "a.md"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn bad_files_are_reported_and_the_rest_still_linted() {
    let dir = tempdir();
    std::fs::write(dir.path().join("good.md"), "Fibrin is a miracle.\n").unwrap();
    std::fs::write(dir.path().join("latin1.md"), b"caf\xe9 cures\n").unwrap();
    std::fs::write(dir.path().join("blob.md"), b"\x00\x01\x02binary").unwrap();
    let o = run_in(
        dir.path(),
        &["check", "--format", "short", ".", "missing.md"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("latin1.md: not valid UTF-8 (line 1, byte 3)"),
        "{err}"
    );
    assert!(err.contains("blob.md: binary file"), "{err}");
    assert!(err.contains("missing.md: no such file or folder"), "{err}");
    assert!(
        stdout(&o).contains("good.md:1:13: error MED101"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn stdin_filename_names_the_file_and_resolves_links() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("blog")).unwrap();
    std::fs::write(dir.path().join("blog/other.md"), "# Other\n").unwrap();
    let o = run_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--stdin-filename",
            "blog/new.md",
            "-",
        ],
        &format!("See [other](other.md) and [gone](gone.md).\n\n{DISCLAIMER}\n"),
    );
    assert_eq!(
        stdout(&o),
        "blog/new.md:1:34: error MED301 broken-internal-link Broken link: `gone.md` does not exist in the site\n"
    );
}

#[test]
fn malformed_config_exits_2_and_shows_the_line() {
    let dir = tempdir();
    std::fs::copy(
        root().join("fixtures/configs/unknown-key.toml"),
        dir.path().join("medlint.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "Text.\n").unwrap();
    let o = run_in(dir.path(), &["check", "--color", "never", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("unknown field `exclud`"), "{err}");
    assert!(err.contains("medlint.toml:3:1"), "{err}");
    assert!(err.contains("3 │ exclud = [\"drafts/**\"]"), "{err}");

    let o = run_in(
        dir.path(),
        &[
            "check",
            "--config",
            &root()
                .join("fixtures/configs/bad-value.toml")
                .to_string_lossy(),
            "a.md",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`severity` must be"), "{}", stderr(&o));
}

#[test]
fn unknown_rule_selectors_are_usage_errors() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.md"), "Text.\n").unwrap();
    let o = run_in(dir.path(), &["check", "--select", "MED999", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown rule `MED999`"));
}

#[test]
fn a_bad_pattern_of_a_required_or_conditional_rule_is_shown_at_its_line() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.md"), "Text.\n").unwrap();
    let docs =
        "docs = \"\"\"\n## What it does\nx\n## Why it matters\ny\n## References\nz\n\"\"\"\n";
    let head = |kind: &str| {
        format!(
            "[pack]\nname = \"p\"\ndescription = \"d\"\n\n[[rule]]\nid = \"ACME201\"\nslug = \"s\"\n\
             kind = \"{kind}\"\nscope = \"document\"\nseverity = \"warning\"\nsummary = \"s\"\n\
             message = \"m\"\n{docs}"
        )
    };
    let required = format!(
        "{}[[rule.element]]\nname = \"one\"\ndescription = \"d\"\npatterns = ['fine']\n\n\
         [[rule.element]]\nname = \"two\"\ndescription = \"d\"\npatterns = ['also fine',\n  'broken (']\n",
        head("required")
    );
    let conditional = format!(
        "{}when = ['fine']\nthen = ['fine',\n  'fine too',\n  'broken [']\n",
        head("conditional")
    );
    for text in [required, conditional] {
        let text = text.replace(
            "message = \"m\"\n",
            "message = \"m\"\nbad = [{ text = \"fine\", flags = [\"fine\"] }]\ngood = [\"x\"]\n",
        );
        let line = text.lines().position(|l| l.contains("broken")).unwrap() + 1;
        let packs = tempdir();
        std::fs::write(packs.path().join("p.toml"), &text).unwrap();
        let o = run_in(
            dir.path(),
            &["check", "--lints", &packs.path().to_string_lossy(), "a.md"],
        );
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(err.contains("error: invalid regex: unclosed"), "{err}");
        assert!(err.contains(&format!("p.toml:{line}:")), "{err}\n{text}");
        assert_eq!(err.matches("error:").count(), 1, "{err}");
    }
}

#[test]
fn malformed_packs_exit_2_and_show_the_line() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.md"), "Text.\n").unwrap();
    for (pack, needle, line) in [
        ("bad-regex.toml", "invalid regex", "bad-regex.toml:21:"),
        (
            "unknown-key.toml",
            "unknown field `exampels`",
            "unknown-key.toml:15:",
        ),
        (
            "duplicate-id.toml",
            "rule id `MED101` is already defined",
            "duplicate-id.toml:6:",
        ),
        (
            "unknown-list.toml",
            "names `@clinicians`, which no pack's `[words]` declares",
            "unknown-list.toml:21:",
        ),
    ] {
        let packs = tempdir();
        std::fs::copy(
            root().join("fixtures/packs").join(pack),
            packs.path().join(pack),
        )
        .unwrap();
        let o = run_in(
            dir.path(),
            &["check", "--lints", &packs.path().to_string_lossy(), "a.md"],
        );
        assert_eq!(o.status.code(), Some(2), "{pack}");
        let err = stderr(&o);
        assert!(err.contains(needle), "{pack}: {err}");
        assert!(err.contains(line), "{pack}: {err}");
    }
}

#[test]
fn custom_packs_add_rules_and_extend_vocabularies() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("a.md"),
        format!("Dr. Lee is a miracle worker.\n\nIn our experience, PRP relieves knee pain.\n\n{DISCLAIMER}\n"),
    )
    .unwrap();
    let packs = root().join("fixtures/packs/custom");
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--select",
            "ACME101,MED103",
            "--lints",
            &packs.to_string_lossy(),
            "a.md",
        ],
    );
    assert_eq!(
        stdout(&o),
        "a.md:1:14: error ACME101 miracle-worker Do not call clinicians `miracle worker`\n",
        "the extended hedge list excuses the PRP sentence"
    );
    let t = run_in(
        dir.path(),
        &["test-rules", "--lints", &packs.to_string_lossy()],
    );
    assert_eq!(t.status.code(), Some(0), "{}", stdout(&t));
}

#[test]
fn config_selects_ignores_overrides_and_sets_severity() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("legal")).unwrap();
    std::fs::write(
        dir.path().join("medlint.toml"),
        r#"
ignore = ["guarantee-claim"]
[rules.MED103]
severity = "error"
[rules.missing-disclaimer]
require = ["not-medical-advice"]
[[overrides]]
paths = ["legal/**"]
ignore = ["MED1"]
"#,
    )
    .unwrap();
    let article =
        "PRP results are guaranteed. The fibrin matrix seals the tear.\n\nConsult your doctor.\n";
    std::fs::write(dir.path().join("a.md"), article).unwrap();
    std::fs::write(dir.path().join("legal/terms.md"), article).unwrap();
    let o = run_in(dir.path(), &["check", "--format", "short"]);
    assert_eq!(
        stdout(&o),
        "a.md:1:1: error MED201 missing-disclaimer Article is missing disclaimer elements: not-medical-advice\n\
         a.md:1:47: error MED103 unhedged-outcome-claim Outcome claim stated as certain: `seals the tear`\n\
         legal/terms.md:1:1: error MED201 missing-disclaimer Article is missing disclaimer elements: not-medical-advice\n"
    );
    // Flags override the file.
    let o = run_in(
        dir.path(),
        &["check", "--format", "short", "--select", "MED102", "a.md"],
    );
    assert_eq!(
        stdout(&o),
        "a.md:1:17: error MED102 guarantee-claim Guarantee claim: `guaranteed` promises a certain outcome\n"
    );
}

#[test]
fn gitignore_include_and_exclude_decide_which_files_are_read() {
    let dir = tempdir();
    for f in [
        "a.md",
        "drafts/b.md",
        "ignored/c.md",
        "notes.txt",
        "image.png",
    ] {
        let p = dir.path().join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "Fibrin is a miracle.\n").unwrap();
    }
    std::fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
    std::fs::write(
        dir.path().join("medlint.toml"),
        "exclude = [\"drafts/**\"]\nselect = [\"MED101\"]\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "--format", "short"]);
    let out = stdout(&o);
    let files: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(files, ["a.md", "notes.txt"], "{out}");
    let o = run_in(
        dir.path(),
        &["check", "--format", "short", "--no-gitignore"],
    );
    assert!(stdout(&o).contains("ignored/c.md"));
}

#[test]
fn output_is_identical_at_one_and_four_threads() {
    let fixtures = root().join("fixtures");
    // The summary's record of the run holds the command line, which names the thread count;
    // with the time fixed, that is all that differs.
    let run = |threads: &str| {
        let o = medlint()
            .current_dir(fixtures.join("site"))
            .env("SOURCE_DATE_EPOCH", "1796159488")
            .args([
                "check",
                "--format",
                "json",
                "--threads",
                threads,
                "..",
                "--site-root",
                "site",
            ])
            .output()
            .expect("run medlint");
        String::from_utf8(o.stdout)
            .unwrap()
            .replace(&format!("--threads {threads}"), "--threads N")
            .replace(
                &format!("\"--threads\",\"{threads}\""),
                "\"--threads\",\"N\"",
            )
    };
    let one = run("1");
    assert!(one.len() > 1000);
    assert!(one.contains("\"command_line\":\"medlint check --format json --threads N"));
    assert_eq!(one, run("4"));
    assert_eq!(one, run("4"), "and again: same bytes every run");
}

#[test]
fn suppressions_apply_and_are_audited() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("a.md"),
        format!(
            "<!-- medlint-disable-next-line MED101 -- quoting a patient -->\nIt felt like a miracle.\n\nAnother miracle. <!-- medlint-disable-line cure-claim -->\n\n{DISCLAIMER}\n"
        ),
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "--format", "json", "a.md"]);
    let lines = json_lines(&o);
    let rules: Vec<&str> = lines.iter().filter_map(|l| l["rule"].as_str()).collect();
    assert_eq!(
        rules,
        ["MED101", "MED001"],
        "the second directive lacks a reason, so it suppresses nothing"
    );
    assert_eq!(lines.last().unwrap()["suppressed"], 1);
}

#[test]
fn a_next_line_suppression_covers_the_hard_wrapped_block_below_it() {
    let dir = tempdir();
    // The claim is on the paragraph's second line; the next paragraph is not covered.
    std::fs::write(
        dir.path().join("a.md"),
        format!(
            "<!-- medlint-disable-next-line MED101 -- quoting the patient, reviewed -->\n\
             As one patient wrote to us last spring,\nthe injections cured my arthritis.\n\n\
             Our PRP injections cure arthritis.\n\n{DISCLAIMER}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.html"),
        format!(
            "<html><body><h1>T</h1>\n\
             <!-- medlint-disable-next-line MED101 -- quoting the patient, reviewed -->\n\
             <p>As one patient wrote to us last spring,\nthe injections cured my arthritis.</p>\n\
             <p>Our PRP injections cure arthritis.</p>\n<p>{DISCLAIMER}</p></body></html>\n"
        ),
    )
    .unwrap();
    for file in ["a.md", "b.html"] {
        let o = run_in(
            dir.path(),
            &[
                "check",
                "--format",
                "json",
                "--select",
                "MED101,MED002",
                file,
            ],
        );
        let lines = json_lines(&o);
        let found: Vec<(&str, u64)> = lines
            .iter()
            .filter_map(|l| Some((l["rule"].as_str()?, l["line"].as_u64()?)))
            .collect();
        assert_eq!(found, [("MED101", 5)], "{file}");
        assert_eq!(lines.last().unwrap()["suppressed"], 1, "{file}");
    }
}

#[test]
fn rules_explain_and_test_rules() {
    let dir = tempdir();
    let o = run_in(dir.path(), &["rules"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("MED101  cure-claim"));
    let o = run_in(dir.path(), &["rules", "--format", "json"]);
    let rules = json_lines(&o);
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "MED301" && r["scope"] == "corpus")
    );
    let o = run_in(dir.path(), &["explain", "cure-claim"]);
    let out = stdout(&o);
    for part in [
        "# MED101 cure-claim",
        "## What it does",
        "## Why it matters",
        "## References",
        "Our PRP therapy [cures] arthritis.",
        "There is no cure",
    ] {
        assert!(out.contains(part), "missing {part:?} in:\n{out}");
    }
    let o = run_in(dir.path(), &["explain", "MED999"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run_in(dir.path(), &["test-rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains(" passed, 0 failed"));
}

#[test]
fn init_writes_a_config_that_loads() {
    let dir = tempdir();
    let o = run_in(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(dir.path().join("medlint.toml").is_file());
    assert_eq!(
        run_in(dir.path(), &["init"]).status.code(),
        Some(2),
        "no silent overwrite"
    );
    assert_eq!(
        run_in(dir.path(), &["init", "--force"]).status.code(),
        Some(0)
    );
    std::fs::write(
        dir.path().join("a.md"),
        format!("Rest may help.\n\n{DISCLAIMER}\n"),
    )
    .unwrap();
    let o = run_in(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn readme_usage_matches_help() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("<!-- usage:start -->")
        .expect("usage start marker");
    let end = readme.find("<!-- usage:end -->").expect("usage end marker");
    let block = &readme[start..end];
    let body = block
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.rsplit_once("```"))
        .map(|(b, _)| b)
        .expect("a ```text block between the markers");
    let help = stdout(&medlint().arg("--help").output().unwrap());
    assert_eq!(
        body, help,
        "README usage block differs from `medlint --help`"
    );
}

#[test]
fn usage_errors_exit_2() {
    let o = medlint().arg("--format").arg("xml").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = medlint().arg("--version").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn empty_folders_warn_and_exit_0() {
    let dir = tempdir();
    let o = run_in(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("no articles"));
}

/// A hook or script hands medlint every file a commit touches; a named file that is not an
/// article is skipped with a note, the articles beside it are still linted, and it is no error.
#[test]
fn a_named_file_that_is_not_an_article_is_skipped_with_a_note() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.md"), "Fibrin is a miracle cure.\n").unwrap();
    std::fs::write(dir.path().join("medlint.toml"), "select = [\"MED101\"]\n").unwrap();
    std::fs::write(dir.path().join("x.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "medlint.toml",
            "a.md",
            "x.png",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("a.md:1:"), "{}", stdout(&o));
    let err = stderr(&o);
    for name in ["medlint.toml", "x.png"] {
        assert!(
            err.contains(&format!(
                "note: {name}: not an article (.md, .markdown, .txt, .html, .htm); skipped"
            )),
            "{err}"
        );
    }
    assert!(!err.contains("error:"), "{err}");
    // Only files that are not articles: nothing to lint, exit 0.
    let o = run_in(dir.path(), &["check", "medlint.toml", "x.png"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("note: x.png: not an article"));
}
