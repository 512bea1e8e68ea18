//! Fixes, as ruff tests its own: over every rule's bad examples and every article in
//! `fixtures/`, applying all fixes (safe and unsafe) changes nothing outside their spans,
//! leaves no finding of the fixing rule where it edited, and is stable on a second pass; and
//! `check --fix`, `--unsafe-fixes` and `--diff` do on disk and on standard input what they say.

mod common;

use std::path::{Path, PathBuf};

use common::{medlint, stderr, stdout};
use medlint::config::Settings;
use medlint::diagnostic::{Diagnostic, Safety, Suggestion};
use medlint::document::Format;
use medlint::fix;
use medlint::rules::Registry;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every article under `fixtures/`, by path.
fn fixture_articles() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p
                .extension()
                .is_some_and(|e| ["md", "txt", "html"].contains(&e.to_str().unwrap_or("")))
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("fixtures"), &mut out);
    out
}

struct Linter {
    registry: Registry,
    settings: Settings,
}

impl Linter {
    fn new() -> Linter {
        let mut registry = Registry::builtin().unwrap_or_else(|e| panic!("packs: {}", e[0]));
        let settings = Settings::defaults(&mut registry, Path::new("/medlint-fixes"));
        Linter { registry, settings }
    }

    fn lint(&self, name: &str, format: Format, text: &str) -> Vec<Diagnostic> {
        medlint::lint_str(&self.registry, &self.settings, name, format, text).diagnostics
    }
}

/// The places the applied edits occupy in the fixed text, by the rule that made each.
fn edited_places(applied: &[(String, Suggestion)]) -> Vec<(String, usize, usize)> {
    let mut shift: isize = 0;
    applied
        .iter()
        .map(|(rule, s)| {
            let start = (s.span.start as isize + shift) as usize;
            shift += s.replacement.len() as isize - (s.span.end - s.span.start) as isize;
            (rule.clone(), start, start + s.replacement.len())
        })
        .collect()
}

/// Check one text: apply every fix once, then hold the result to the three properties.
fn check_text(linter: &Linter, label: &str, format: Format, text: &str) -> usize {
    let name = if format == Format::Markdown {
        "example.md"
    } else {
        label
    };
    let found = linter.lint(name, format, text);
    let fixed = fix::apply(
        text,
        found.iter().flat_map(|d| &d.suggestions),
        Safety::Unsafe,
    );
    if fixed.applied.is_empty() {
        return 0;
    }
    // Which rule made each applied edit.
    let applied: Vec<(String, Suggestion)> = fixed
        .applied
        .iter()
        .map(|s| {
            let d = found
                .iter()
                .find(|d| d.suggestions.contains(s))
                .expect("an applied fix comes from a finding");
            (d.rule.id.clone(), s.clone())
        })
        .collect();
    // Nothing outside the spans changed: the text between edits is the original's.
    let mut at_old = 0usize;
    let mut at_new = 0usize;
    for (_, s) in &applied {
        let gap = &text[at_old..s.span.start as usize];
        assert_eq!(
            &fixed.text[at_new..at_new + gap.len()],
            gap,
            "{label}: text outside the fixes changed"
        );
        at_new += gap.len();
        assert!(fixed.text[at_new..].starts_with(&s.replacement), "{label}");
        at_new += s.replacement.len();
        at_old = s.span.end as usize;
    }
    assert_eq!(
        &fixed.text[at_new..],
        &text[at_old..],
        "{label}: the tail changed"
    );
    // No finding of the fixing rule is left where it edited (a missing disclaimer not at all).
    let after = linter.lint(name, format, &fixed.text);
    for (rule, start, end) in edited_places(&applied) {
        let left: Vec<&Diagnostic> = after
            .iter()
            .filter(|d| d.rule.id == rule)
            .filter(|d| {
                rule == "MED201"
                    || (d.primary.span.start as usize) < end.max(start + 1)
                        && start
                            < (d.primary.span.end as usize).max(d.primary.span.start as usize + 1)
            })
            .collect();
        assert!(
            left.is_empty(),
            "{label}: {rule} still fires after its fix at {start}..{end}:\n{}\n{:?}",
            fixed.text,
            left.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }
    // Fixed until stable, a further pass has nothing to apply.
    let stable = fix::until_stable(text, Safety::Unsafe, |t| linter.lint(name, format, t));
    assert!(stable.converged, "{label}: fixes did not converge");
    let again = linter.lint(name, format, &stable.text);
    let more = fix::apply(
        &stable.text,
        again.iter().flat_map(|d| &d.suggestions),
        Safety::Unsafe,
    );
    assert!(
        more.applied.is_empty(),
        "{label}: a second pass still fixes"
    );
    fixed.applied.len()
}

#[test]
fn fixes_on_the_rules_examples_and_the_fixtures_stay_in_their_spans_and_converge() {
    let linter = Linter::new();
    let mut applied = 0;
    let mut fixed_texts = 0;
    for i in 0..linter.registry.rules.len() {
        let meta = linter.registry.meta(i);
        for (n, bad) in meta.bad().iter().enumerate() {
            let label = format!("{} bad #{}", meta.id, n + 1);
            let count = check_text(&linter, &label, Format::Markdown, &bad.text);
            applied += count;
            fixed_texts += usize::from(count > 0);
        }
    }
    for path in fixture_articles() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let format = Format::from_path(&name).unwrap_or(Format::Markdown);
        let count = check_text(&linter, &name, format, &text);
        applied += count;
        fixed_texts += usize::from(count > 0);
    }
    // Most texts with findings have a fix; a change that stopped offering them would show.
    assert!(applied >= 60, "only {applied} fixes applied");
    assert!(fixed_texts >= 30, "only {fixed_texts} texts fixed");
}

#[test]
fn every_example_with_a_fixed_text_belongs_to_a_rule_that_fixes() {
    let linter = Linter::new();
    let with_fixes: Vec<&str> = (0..linter.registry.rules.len())
        .map(|i| linter.registry.meta(i))
        .filter(|m| m.bad().iter().any(|b| b.fixed.is_some()))
        .map(|m| m.id.as_str())
        .collect();
    for id in [
        "MED101", "MED102", "MED103", "MED105", "MED106", "MED108", "MED201", "MED302",
    ] {
        assert!(with_fixes.contains(&id), "{id} shows no fixed example");
    }
    // The examples' fixed texts are checked by the pack example runner.
    let (_, failures) = medlint::examples::check_all(&linter.registry, None);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A copy of `fixtures/site` with one more page: no disclaimer, and a misspelled anchor.
fn site_copy() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let p = e.unwrap().path();
            let dest = to.join(p.file_name().unwrap());
            if p.is_dir() {
                copy(&p, &dest);
            } else if !p.to_string_lossy().ends_with(".out") {
                std::fs::copy(&p, &dest).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&root().join("fixtures/site"), dir.path());
    std::fs::write(
        dir.path().join("blog/new.md"),
        "# New article\n\nOur plan is in [the recovery section](first.md#recovry-plan).\n",
    )
    .unwrap();
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn fix_rewrites_misspelled_anchors_and_adds_the_disclaimer_once() {
    let dir = site_copy();
    let before_index = read(dir.path(), "index.md");
    // --diff shows the change and writes nothing; it exits 1 because there are changes.
    let diff = medlint(dir.path(), &["check", "--diff", "."]);
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
    let shown = stdout(&diff);
    assert!(shown.contains("--- index.md\n+++ index.md\n"), "{shown}");
    assert!(
        shown.contains(
            "-[raw html anchor](blog/first.md#legacy-anchor), [misspelled](blog/first.md#rsiks)"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(
            "+[raw html anchor](blog/first.md#legacy-anchor), [misspelled](blog/first.md#risks)"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("+This article is for general information only"),
        "{shown}"
    );
    assert!(
        stderr(&diff).contains("Would fix 3 problems"),
        "{}",
        stderr(&diff)
    );
    assert_eq!(read(dir.path(), "index.md"), before_index);

    let o = medlint(dir.path(), &["check", "--fix", "."]);
    let out = stdout(&o);
    // The broken links to missing pages have no fix and remain; the run still fails on them.
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("Fixed 3 problems (6 remaining)"), "{out}");
    assert!(
        !out.contains("#rsiks"),
        "findings are of the fixed text: {out}"
    );
    let index = read(dir.path(), "index.md");
    assert_eq!(
        index,
        before_index.replace("first.md#rsiks", "first.md#risks"),
        "only the anchor changed"
    );
    let new = read(dir.path(), "blog/new.md");
    assert_eq!(
        new,
        "# New article\n\nOur plan is in [the recovery section](first.md#recovery-plan).\n\n\
         This article is for general information only and is not medical advice. Consult a \
         qualified healthcare provider about your situation. Individual results vary and no \
         specific outcome is guaranteed.\n"
    );

    // A second run has nothing more to fix and changes nothing.
    let again = medlint(dir.path(), &["check", "--fix", "."]);
    assert!(
        stdout(&again).contains("Fixed 0 problems (6 remaining)"),
        "{}",
        stdout(&again)
    );
    assert_eq!(read(dir.path(), "blog/new.md"), new);
    assert_eq!(read(dir.path(), "index.md"), index);
    let diff = medlint(dir.path(), &["check", "--diff", "."]);
    assert_eq!(diff.status.code(), Some(0));
    assert_eq!(stdout(&diff), "");
}

#[test]
fn unsafe_fixes_are_applied_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let article = "# Knees\n\nOur PRP therapy cures arthritis.\n\nThis article is for general \
                   information only and is not medical advice. Consult your doctor. Individual \
                   results vary.\n";
    std::fs::write(dir.path().join("knee.md"), article).unwrap();
    let o = medlint(dir.path(), &["check", "--fix", "."]);
    assert_eq!(
        read(dir.path(), "knee.md"),
        article,
        "a claim is not rewritten by --fix"
    );
    let out = stdout(&o);
    assert!(
        out.contains("Fixed 0 problems (1 remaining; 1 more with --unsafe-fixes)"),
        "{out}"
    );
    assert!(
        out.contains(
            "suggested fix (unsafe): Replace `cures` with `may help manage the symptoms of`"
        ),
        "{out}"
    );
    let o = medlint(dir.path(), &["check", "--fix", "--unsafe-fixes", "."]);
    // The rewrite is no longer a cure claim, but PRP said to ease a disease still is a disease
    // claim: what remains is reported against the fixed text.
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("Fixed 1 problem (1 remaining)"), "{out}");
    assert!(out.contains("error[MED110 disease-claim]"), "{out}");
    assert!(!out.contains("MED101"), "{out}");
    assert_eq!(
        read(dir.path(), "knee.md"),
        article.replace("cures", "may help manage the symptoms of")
    );
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(dir.path())
        .env_remove("CI")
        .args(["check", "--fix", "--unsafe-fixes", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"# Hips\n\nThe procedure is risk-free.\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        stdout(&o),
        "# Hips\n\nThe procedure is generally well tolerated.\n\nThis article is for general \
         information only and is not medical advice. Consult a qualified healthcare provider \
         about your situation. Individual results vary and no specific outcome is guaranteed.\n"
    );
    assert!(
        stderr(&o).contains("Fixed 2 problems (0 remaining)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(0));
    // Nothing is written beside the run.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn json_and_sarif_carry_the_fixes() {
    let dir = site_copy();
    let o = medlint(dir.path(), &["check", "--format", "json", "blog/new.md"]);
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let anchor = lines.iter().find(|l| l["rule"] == "MED302").unwrap();
    let fix = &anchor["fixes"][0];
    assert_eq!(fix["safety"], "safe");
    assert_eq!(
        fix["title"],
        "Replace `#recovry-plan` with `#recovery-plan`"
    );
    let edit = &fix["edits"][0];
    assert_eq!(edit["replacement"], "recovery-plan");
    assert_eq!(
        (edit["line"].as_u64(), edit["column"].as_u64()),
        (Some(3), Some(48))
    );
    let text = read(dir.path(), "blog/new.md");
    let (start, end) = (
        edit["start"].as_u64().unwrap() as usize,
        edit["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "recovry-plan");
    let disclaimer = lines.iter().find(|l| l["rule"] == "MED201").unwrap();
    assert_eq!(disclaimer["fixes"][0]["edits"][0]["start"], text.len());
    // A finding without a fix has no `fixes` field.
    let plain = medlint(dir.path(), &["check", "--format", "json", "index.md"]);
    let broken = stdout(&plain)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["rule"] == "MED301")
        .unwrap();
    assert!(broken.get("fixes").is_none());

    let o = medlint(dir.path(), &["check", "--format", "sarif", "blog/new.md"]);
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let anchor = results.iter().find(|r| r["ruleId"] == "MED302").unwrap();
    let change = &anchor["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "blog/new.md");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "recovery-plan");
    assert_eq!(replacement["deletedRegion"]["startLine"], 3);
    assert_eq!(replacement["deletedRegion"]["startColumn"], 48);
    assert_eq!(replacement["deletedRegion"]["charLength"], 12);
    let insert = results.iter().find(|r| r["ruleId"] == "MED201").unwrap();
    let region = &insert["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"];
    assert_eq!(region["charLength"], 0);
}

#[test]
fn a_configured_disclaimer_template_is_what_fix_adds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("medlint.toml"),
        "[rules.missing-disclaimer]\ntemplate = \"Educational purposes only; not medical advice. \
         Talk to your doctor. Results vary.\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n\nRest may help.").unwrap();
    std::fs::write(
        dir.path().join("b.html"),
        "<html><body><h1>B</h1><p>Rest may help.</p></body></html>\n",
    )
    .unwrap();
    let o = medlint(dir.path(), &["check", "--fix", "."]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        read(dir.path(), "a.md"),
        "# A\n\nRest may help.\n\nEducational purposes only; not medical advice. Talk to your \
         doctor. Results vary.\n"
    );
    assert_eq!(
        read(dir.path(), "b.html"),
        "<html><body><h1>B</h1><p>Rest may help.</p><p>Educational purposes only; not medical \
         advice. Talk to your doctor. Results vary.</p>\n</body></html>\n"
    );
    // A template that does not supply what is missing is not offered: it would be added again
    // on every run.
    std::fs::write(
        dir.path().join("medlint.toml"),
        "[rules.missing-disclaimer]\ntemplate = \"Talk to your doctor.\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("c.md"), "# C\n\nRest may help.\n").unwrap();
    let o = medlint(dir.path(), &["check", "--fix", "c.md"]);
    assert!(
        stdout(&o).contains("Fixed 0 problems (1 remaining)"),
        "{}",
        stdout(&o)
    );
    assert_eq!(read(dir.path(), "c.md"), "# C\n\nRest may help.\n");
}

#[test]
fn fixes_that_keep_making_fixes_stop_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("packs")).unwrap();
    std::fs::write(
        dir.path().join("packs/echo.toml"),
        r###"[pack]
name = "echo"
description = "A rewrite that brings back what it replaces."

[[rule]]
id = "ECHO101"
slug = "echo"
kind = "phrase"
scope = "sentence"
severity = "warning"
summary = "Says echo."
message = "Echo: `{match}`"
phrases = ["echo"]
replace = { "echo" = "echo echo" }
docs = "## What it does\nFlags echo.\n## Why it matters\nIt repeats.\n## References\n- None.\n"
bad = [{ text = "An echo.", flags = ["echo"], fixed = "An echo." }]
good = ["No repeats here."]
"###,
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "An echo.\n").unwrap();
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--lints",
            "packs",
            "--select",
            "ECHO101",
            "--fix",
            "--unsafe-fixes",
            "a.md",
        ],
    );
    let out = stdout(&o);
    assert!(
        out.contains("warning: Failed to converge after 10 passes"),
        "{out}{}",
        stderr(&o)
    );
    let text = read(dir.path(), "a.md");
    // Each pass doubles the words; ten passes ran, no more.
    assert_eq!(text.matches("echo").count(), 1 << 10, "{text}");
}

#[test]
fn an_anchor_is_rewritten_only_to_the_one_close_heading_as_written() {
    let linter = Linter::new();
    let anchor_fixes = |text: &str| -> Vec<(String, Vec<String>)> {
        linter
            .lint("page.md", Format::Markdown, text)
            .into_iter()
            .filter(|d| d.rule.id == "MED302")
            .map(|d| {
                let fixes = d
                    .suggestions
                    .iter()
                    .map(|s| s.replacement.clone())
                    .collect();
                (d.help.unwrap_or_default(), fixes)
            })
            .collect()
    };
    // One close heading: fixed.
    assert_eq!(
        anchor_fixes("See [r](#rsks).\n\n## Risks\n\nText.\n"),
        vec![(
            "did you mean `#risks`?".to_string(),
            vec!["risks".to_string()]
        )]
    );
    // Two as close: the nearer is suggested in the help, and nothing is rewritten.
    let two = anchor_fixes("See [r](#risk-c).\n\n## Risk A\n\nText.\n\n## Risk B\n\nText.\n");
    assert_eq!(two.len(), 1);
    assert_eq!(two[0].0, "did you mean `#risk-a`?");
    assert!(two[0].1.is_empty(), "{two:?}");
    // A fragment written percent-encoded is not the text the fix would replace: help only.
    let encoded = anchor_fixes("See [r](#rsk%73).\n\n## Risks\n\nText.\n");
    assert_eq!(encoded.len(), 1);
    assert!(encoded[0].1.is_empty(), "{encoded:?}");
    // In HTML, the attribute's fragment is rewritten.
    let html =
        "<html><body><h2 id=\"risks\">Risks</h2><p><a href=\"#rsks\">r</a></p></body></html>";
    let found = linter.lint("page.html", Format::Html, html);
    let fixed = fix::apply(
        html,
        found
            .iter()
            .filter(|d| d.rule.id == "MED302")
            .flat_map(|d| &d.suggestions),
        Safety::Safe,
    );
    assert_eq!(fixed.text, html.replace("#rsks", "#risks"));
}

#[test]
fn a_fix_field_a_rule_kind_does_not_use_is_a_pack_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("packs")).unwrap();
    std::fs::write(
        dir.path().join("packs/odd.toml"),
        r###"[pack]
name = "odd"
description = "A template on a phrase rule."

[[rule]]
id = "ODD101"
slug = "odd"
kind = "phrase"
scope = "sentence"
severity = "warning"
summary = "Says odd."
message = "Odd: `{match}`"
phrases = ["odd"]
template = "Not odd."
docs = "## What it does\nFlags odd.\n## Why it matters\nIt is.\n## References\n- None.\n"
bad = [{ text = "An odd one.", flags = ["odd"] }]
good = ["An even one."]
"###,
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "An odd one.\n").unwrap();
    let o = medlint(
        dir.path(),
        &["check", "--no-config", "--lints", "packs", "a.md"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("`template` is not used by kind `phrase`"),
        "{err}"
    );
    assert!(err.contains("odd.toml:8"), "{err}");
}
