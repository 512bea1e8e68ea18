//! The text a writer reads: severities named as medlint names them, the summary line, reports
//! whose format comes from their file name, and long lines trimmed to the terminal's width.

use std::path::Path;

mod common;

use common::{medlint, stderr, stdout};

const DISCLAIMER: &str = "This article is for general information only and is not medical advice. \
    Consult a qualified healthcare provider about your situation. Individual results vary and no \
    specific outcome is guaranteed. Like any injection, it can cause bruising or infection.";

/// A folder with one article holding an info finding (an unlinked cross-reference) and a
/// warning, and one clean article.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        format!(
            "# Knees\n\nOur knee injections relieve pain.\n\nSee our overview of knee care for more.\n\n{DISCLAIMER}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        format!("# Clinic hours\n\nWe are open on weekdays.\n\n{DISCLAIMER}\n"),
    )
    .unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "--no-config"];
    all.extend_from_slice(args);
    medlint(dir, &all)
}

#[test]
fn info_findings_are_called_info_in_text_with_and_without_colour() {
    let dir = site();
    for color in ["never", "always"] {
        let out = stdout(&run(dir.path(), &["--color", color, "a.md"]));
        assert!(out.contains("info[MED303 unlinked-reference]"), "{out}");
        assert!(!out.contains("note["), "{out}");
    }
    let short = stdout(&run(dir.path(), &["--format", "short", "a.md"]));
    assert!(
        short.contains(": info MED303 unlinked-reference"),
        "{short}"
    );
}

#[test]
fn sarif_results_keep_the_note_level_and_say_info() {
    let dir = site();
    let out = stdout(&run(dir.path(), &["--format", "sarif", "a.md"]));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let info = results
        .iter()
        .find(|r| r["ruleId"] == "MED303")
        .expect("an MED303 result");
    assert_eq!(info["level"], "note");
    assert_eq!(info["properties"]["severity"], "info");
}

#[test]
fn the_summary_counts_problems_in_files_with_findings_of_files_linted() {
    let dir = site();
    let text = stdout(&run(dir.path(), &["--color", "never", "."]));
    // The summary, then (when a finding has one) how many `--fix` would mend.
    let last = text
        .lines()
        .rev()
        .find(|l| l.contains(" problems ") || l.starts_with("No problems"))
        .unwrap();
    assert!(
        last.starts_with("2 problems (1 warning, 1 info) in 1 of 2 files"),
        "{text}"
    );
    // The short format keeps standard output to one line per finding: its summary is on
    // standard error, in a stream or not.
    for args in [
        &["--format", "short", "."][..],
        &["--format", "short", "--output", "r.csv", "."],
    ] {
        let o = run(dir.path(), args);
        assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
        assert_eq!(stderr(&o), format!("{last}\n"));
    }
    let statistics = stdout(&run(dir.path(), &["--statistics", "."]));
    assert!(
        statistics.ends_with(&format!("\n\n{last}\n")),
        "{statistics}"
    );
    let clean = stdout(&run(dir.path(), &["--color", "never", "b.md"]));
    assert_eq!(clean, "No problems in 1 file.\n");
    let one = stdout(&run(
        dir.path(),
        &["--select", "MED303", "--color", "never", "."],
    ));
    assert!(
        one.ends_with("1 problem (1 info) in 1 of 2 files.\n"),
        "{one}"
    );
}

#[test]
fn output_takes_its_format_from_the_extension() {
    let dir = site();
    let o = run(
        dir.path(),
        &[
            "a.md",
            "--output",
            "report.sarif",
            "--output",
            "junit.xml",
            "--output",
            "summary.md",
            "--output",
            "rows.csv",
            "--output",
            "gitlab=quality.json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let sarif: serde_json::Value = serde_json::from_str(&read("report.sarif")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(read("junit.xml").starts_with("<?xml"));
    assert!(read("summary.md").starts_with("## medlint"));
    assert!(read("rows.csv").starts_with("path,line,column,rule"));
    // FORMAT=PATH still names a format, whatever the extension says.
    let gitlab: serde_json::Value = serde_json::from_str(&read("quality.json")).unwrap();
    assert!(gitlab.is_array(), "{gitlab}");
}

#[test]
fn an_output_with_an_unknown_extension_is_a_usage_error() {
    let dir = site();
    let o = run(dir.path(), &["a.md", "--output", "report.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("report.pdf"), "{err}");
    assert!(err.contains("FORMAT=PATH"), "{err}");
    assert!(!dir.path().join("report.pdf").exists());
}

/// A CMS export: a paragraph on one line, the claim far along it.
fn one_line_paragraph(dir: &Path) -> String {
    let before =
        "Patients often ask how long recovery takes after a procedure like this one. ".repeat(5);
    let after = " Recovery time depends on many things, including age and activity.".repeat(4);
    let line = format!("{before}Our knee injections relieve pain.{after}");
    std::fs::write(
        dir.join("long.md"),
        format!("# Knees\n\n{line}\n\n{DISCLAIMER}\n"),
    )
    .unwrap();
    line
}

/// The source line (`3 │ …`) of a rendering and the caret row under it.
fn source_and_carets(out: &str) -> (String, String) {
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("3 │ "))
        .unwrap_or_else(|| panic!("no line 3 in {out}"));
    (lines[at].to_string(), lines[at + 1].to_string())
}

#[test]
fn long_lines_are_trimmed_to_the_width_with_the_carets_under_the_claim() {
    let dir = tempfile::tempdir().unwrap();
    let line = one_line_paragraph(dir.path());
    let column = line.find("relieve").unwrap() + 1;
    let by_flag = run(
        dir.path(),
        &["--color", "never", "--width", "80", "long.md"],
    );
    let by_columns = medlint(
        dir.path(),
        &["check", "--no-config", "--color", "never", "long.md"],
    );
    let by_env = std::process::Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(dir.path())
        .env("COLUMNS", "80")
        .args(["check", "--no-config", "--color", "never", "long.md"])
        .output()
        .unwrap();
    assert_eq!(stdout(&by_flag), stdout(&by_env));
    let out = stdout(&by_flag);
    assert!(out.contains(&format!("┌─ long.md:3:{column}")), "{out}");
    let (source, carets) = source_and_carets(&out);
    assert!(source.chars().count() <= 80, "{source}");
    assert!(
        source.starts_with("3 │ …") && source.ends_with('…'),
        "{source}"
    );
    // The label's message stays on the caret row, inside the width too.
    assert!(carets.ends_with("^ stated as certain"), "{carets}");
    assert!(carets.chars().count() <= 80, "{carets}");
    let under = |row: &str, s: &str| row[..row.find(s).unwrap()].chars().count();
    assert_eq!(under(&carets, "^"), under(&source, "relieve"), "{out}");
    // In colour (through codespan-reporting), the same line is shown.
    let colour = stdout(&run(
        dir.path(),
        &["--color", "always", "--width", "80", "long.md"],
    ));
    let plain = regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .unwrap()
        .replace_all(&colour, "");
    assert!(colour.contains('\u{1b}'));
    assert!(plain.contains(source.trim_start_matches("3 │ ")), "{plain}");
    // Off a terminal with no width, a line under 1024 bytes is shown whole, as before.
    let (whole, _) = source_and_carets(&stdout(&by_columns));
    assert_eq!(whole, format!("3 │ {line}"));
}

#[test]
fn width_is_bounded() {
    let dir = site();
    for width in ["19", "1001", "wide"] {
        let o = run(dir.path(), &["--width", width, "a.md"]);
        assert_eq!(o.status.code(), Some(2), "--width {width}");
        assert!(stderr(&o).contains("--width"), "{}", stderr(&o));
    }
}
