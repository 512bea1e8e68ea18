//! Hostile article text and file names reach no CI log, terminal, spreadsheet or pull-request
//! comment as anything but text: no workflow command, no terminal control, no formula, no
//! Markdown or HTML.

mod common;
use common::medlint;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const DISCLAIMER: &str = "This article is for general information only and is not medical \
     advice. Consult a qualified healthcare provider. Individual results vary.\n";

/// A site of hostile pages: a link whose decoded target carries workflow commands, a legacy
/// `##[` command in prose, terminal escapes after a claim, and a file name with a newline.
fn hostile_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("link.html"),
        format!(
            "<html><body><h1>T</h1><p>See <a href=\"x.md&#10;::error file=README.md,line=1::PWNED&#10;\">x</a>. \
             Buy now ##[error]LEGACY and <a href=\"y.md&#10;::stop-commands::tok\">y</a> \
             <a href=\"z.md##[error]J\">z</a>.</p><p>{DISCLAIMER}</p></body></html>\n"
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("title.md"),
        format!("# T\n\nOur PRP injections cure knee pain.\u{1b}]0;PWNED\u{7}\u{1b}[1A\u{1b}[2K\n\n{DISCLAIMER}"),
    )
    .unwrap();
    std::fs::write(
        root.join("b\n::error::x.md"),
        format!("# T\n\nOur PRP cures pain.\n\n{DISCLAIMER}"),
    )
    .unwrap();
    std::fs::write(
        root.join("e\u{1b}[2J\u{202e}dm.md"),
        format!("# T\n\nOur PRP cures pain.\n\n{DISCLAIMER}"),
    )
    .unwrap();
    dir
}

/// Lines as a GitHub Actions runner reads them (at LF, CR or CRLF), none of which it may take as
/// a workflow command: `::` after white space starts one, `##[` anywhere a legacy one.
fn assert_no_workflow_command(stream: &str, out: &str) {
    for line in out.split(['\n', '\r']) {
        assert!(
            !line.trim_start().starts_with("::"),
            "{stream} has a workflow command line: {line:?}\n{out}"
        );
        assert!(
            !line.contains("##["),
            "{stream} has a legacy command: {line:?}\n{out}"
        );
    }
}

#[test]
fn text_and_short_output_start_no_workflow_command() {
    let dir = hostile_site();
    for args in [
        &["check", "."][..],
        &["check", "--format", "short", "."],
        &["check", "--color", "always", "."],
        &["check", "--format", "json", "."],
        &["check", "--format", "sarif", "."],
        &["check", "--format", "gitlab", "."],
        &["check", "--format", "junit", "."],
        &["check", "--format", "html", "."],
        &["check", "--format", "markdown", "."],
        &["check", "--statistics", "."],
    ] {
        let o = medlint(dir.path(), args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", text(&o.stderr));
        assert_no_workflow_command(&format!("{args:?} stdout"), &text(&o.stdout));
        assert_no_workflow_command(&format!("{args:?} stderr"), &text(&o.stderr));
    }
    // JSON stays JSON, its strings unchanged, with nothing a log or a terminal acts on.
    for format in ["json", "sarif", "gitlab"] {
        let out = text(&medlint(dir.path(), &["check", "--format", format, "."]).stdout);
        let values: Vec<serde_json::Value> = if format == "json" {
            out.lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect()
        } else {
            vec![serde_json::from_str(&out).unwrap()]
        };
        assert!(
            values.iter().any(|v| v.to_string().contains("##[error]J")),
            "{format}: the link target is kept: {out}"
        );
        assert!(
            out.chars().all(|c| c == '\n' || !c.is_control()),
            "{format}: {out}"
        );
    }
    // The broken link is still reported, its target shown on one line.
    let short = text(&medlint(dir.path(), &["check", "--format", "short", "."]).stdout);
    assert!(
        short.contains(
            "Broken link: `x.md\\u{a}::error file=README.md,line=1::PWNED\\u{a}` does not exist"
        ),
        "{short}"
    );
    // The file name with a newline is one escaped name.
    assert!(
        short.contains("b\\u{a}::error::x.md:3:9: error MED101"),
        "{short}"
    );
}

#[test]
fn github_format_escapes_tool_errors_on_stderr() {
    let dir = hostile_site();
    // Not UTF-8: a tool error naming a file whose name holds a newline and a command.
    std::fs::write(
        dir.path().join("u\n::warning::PWNED,x:y.md"),
        b"# T\n\xff\n",
    )
    .unwrap();
    let o = medlint(dir.path(), &["check", "--format", "github", "."]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = text(&o.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=u%0A%3A%3Awarning%3A%3APWNED%2Cx%3Ay.md::not valid UTF-8 (line 2, byte 4), skipped"
        ],
        "{stderr}"
    );
    // Each annotation is one line starting with a command of ours; the error is not repeated.
    let stdout = text(&o.stdout);
    for line in stdout.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "{line}"
        );
        assert!(!line.contains("u%0A"), "{line}");
    }
    assert!(
        stdout.contains("::error file=b%0A%3A%3Aerror%3A%3Ax.md,line=3,col=9,"),
        "{stdout}"
    );
    // Reports written to a file keep the error.
    let report = dir.path().join("out.github");
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--format",
            "github",
            "--output",
            &format!("github={}", report.display()),
            ".",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let written = std::fs::read_to_string(&report).unwrap();
    assert!(
        written.contains("::error file=u%0A%3A%3Awarning%3A%3APWNED%2Cx%3Ay.md::not valid UTF-8"),
        "{written}"
    );
    // Hidden characters in a name are shown, not written raw into the log.
    assert!(
        text(&o.stdout).contains("::error file=e\\u{1b}[2J\\u{202e}dm.md,line=3"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn terminal_escapes_are_shown_not_obeyed() {
    let dir = hostile_site();
    for color in ["never", "always"] {
        let o = medlint(dir.path(), &["check", "--color", color, "title.md", "."]);
        let out = text(&o.stdout);
        // Colour codes are ours; nothing else a terminal acts on gets through.
        let without_colour = out
            .split('\u{1b}')
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    // An SGR colour sequence: `[`, digits and `;`, then `m`.
                    let end = part.find('m').expect("only colour sequences");
                    assert!(
                        part[..end]
                            .trim_start_matches('[')
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == ';'),
                        "not a colour sequence: {part:?}"
                    );
                    &part[end + 1..]
                }
            })
            .collect::<String>();
        for c in without_colour.chars() {
            assert!(
                c == '\n' || !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "{color}: raw {c:?} in\n{out}"
            );
        }
        assert!(
            without_colour.contains(
                "Our PRP injections cure knee pain.\\u{1b}]0;PWNED\\u{7}\\u{1b}[1A\\u{1b}[2K"
            ),
            "{out}"
        );
        assert!(
            without_colour.contains("e\\u{1b}[2J\\u{202e}dm.md:3:9"),
            "{out}"
        );
    }
    // The flagged line is shown with its carets under `cure`, at the file's column.
    let out = text(&medlint(dir.path(), &["check", "title.md"]).stdout);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("3 │ Our PRP"))
        .expect("source line");
    assert!(lines[at - 2].ends_with("title.md:3:20"), "{out}");
    let column = |line: &str, s: &str| line[..line.find(s).unwrap()].chars().count();
    assert_eq!(
        column(lines[at + 1], "^^^^"),
        column(lines[at], "cure knee")
    );
}

#[test]
fn markdown_report_shows_hostile_names_as_text() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    let dir = tempfile::tempdir().unwrap();
    let names = [
        "p|<b>bold<b>|q.md",
        "a`) ![img](x.png) @octocat #1 [l](y) <img src=x>.md",
        "$x$ *e* _u_ ~~s~~ &amp; =.md",
    ];
    for name in names {
        std::fs::write(
            dir.path().join(name),
            format!("# T\n\nOur PRP cures pain.\n\n{DISCLAIMER}"),
        )
        .unwrap();
    }
    let o = medlint(dir.path(), &["check", "--format", "markdown", "."]);
    let md = text(&o.stdout);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_cell = false;
    let mut links = Vec::new();
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                rows.last_mut().unwrap().push(String::new());
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) | Event::Code(t) if in_cell => {
                rows.last_mut().unwrap().last_mut().unwrap().push_str(&t)
            }
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in\n{md}"),
            Event::Start(Tag::Image { .. }) => panic!("an image in\n{md}"),
            // The summary line above the tables is bold; nothing in a cell is.
            Event::Start(t @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough)) if in_cell => {
                panic!("{t:?} in\n{md}")
            }
            _ => {}
        }
    }
    // Each finding is a row of four cells whose location reads as the file name.
    let findings: Vec<&Vec<String>> = rows.iter().filter(|r| r.len() == 4).skip(1).collect();
    assert_eq!(findings.len(), 3, "{md}");
    for (row, name) in findings.iter().zip({
        let mut sorted = names;
        sorted.sort();
        sorted
    }) {
        assert_eq!(
            row[1].replace('\u{2060}', ""),
            format!("{name}:3:9"),
            "{md}"
        );
    }
    assert_eq!(links.len(), 3, "one link per finding: {links:?}");
    for link in &links {
        assert!(
            link.chars()
                .all(|c| c.is_ascii_alphanumeric() || "%-._~/#".contains(c)),
            "{link}"
        );
    }
    // No mention, no issue link: `@` and `#` are joined to a word joiner.
    assert!(!md.contains("@octocat") && !md.contains("#1 "), "{md}");
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn assert_no_formula(rows: &[Vec<String>]) {
    for row in rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell {cell:?} in {row:?}"
            );
        }
    }
}

#[test]
fn csv_cells_never_start_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("=HYPERLINK(\"http:x\",\"y\").md"),
        format!("# T\n\n=1+2 our PRP cures pain.\n\n{DISCLAIMER}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("@SUM(A1).md"),
        format!(
            "# T\n\n<!-- medlint-disable-next-line MED101 -- =cmd|' /C calc'!A0 -->\n\
             -2+3 our PRP cures pain.\n\nOur PRP cures pain.\n\n{DISCLAIMER}"
        ),
    )
    .unwrap();
    let o = medlint(dir.path(), &["check", "--format", "csv", "."]);
    let rows = csv_rows(&o.stdout);
    assert_eq!(rows.len(), 2, "{}", text(&o.stdout));
    assert_no_formula(&rows);
    assert_eq!(rows[0][0], "'=HYPERLINK(\"http:x\",\"y\").md");
    assert_eq!(rows[0][8], "'=1+2 our PRP cures pain.");
    assert_eq!(rows[1][0], "'@SUM(A1).md");

    let o = medlint(dir.path(), &["suppressions", "--format", "csv", "."]);
    let rows = csv_rows(&o.stdout);
    assert_eq!(rows.len(), 1, "{}", text(&o.stdout));
    assert_no_formula(&rows);
    assert_eq!(rows[0][0], "'@SUM(A1).md");
    assert_eq!(rows[0][4], "'=cmd|' /C calc'!A0");
}

/// A pack from a pull request: its summary, help and docs carry terminal escapes and workflow
/// commands.
const HOSTILE_PACK: &str = r#"
[pack]
name = "house"
description = "House rules."

[[rule]]
id = "HOUSE101"
slug = "miracle-worker"
kind = "phrase"
scope = "sentence"
severity = "error"
summary = "Calls a clinician a miracle worker.\u001b]0;PWNED\u0007"
message = "Do not call clinicians `{match}`"
help = "Describe qualifications.\n::error file=README.md::PWNED\n##[warning]LEGACY\u001b[2K"
phrases = ["miracle worker"]
docs = """
## What it does
Flags "miracle worker".
::stop-commands::tok
\u001b[1A\u001b[2K
## Why it matters
It promises results.
## References
- House style.
"""
bad = [{ text = "Dr. Lee is a miracle worker.", flags = ["miracle worker"] }]
good = ["Dr. Lee is careful."]
"#;

#[test]
fn pack_text_is_escaped_where_it_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let packs = dir.path().join("house");
    std::fs::create_dir(&packs).unwrap();
    std::fs::write(packs.join("house.toml"), HOSTILE_PACK).unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        format!("# T\n\nDr. Lee is a miracle worker.\n\n{DISCLAIMER}"),
    )
    .unwrap();
    let lints = packs.to_string_lossy().into_owned();
    for args in [
        &["check", "--lints", &lints, "a.md"][..],
        &["check", "--color", "always", "--lints", &lints, "a.md"],
        &["rules", "--lints", &lints],
        &["explain", "HOUSE101", "--lints", &lints],
    ] {
        let o = medlint(dir.path(), args);
        assert!(
            o.status.code().is_some_and(|c| c < 2),
            "{args:?}: {}",
            text(&o.stderr)
        );
        let out = text(&o.stdout);
        assert_no_workflow_command(&format!("{args:?}"), &out);
        assert!(
            !out.contains('\u{7}') && !out.contains("\u{1b}]0;"),
            "{args:?}: {out}"
        );
        assert!(
            !out.contains("\u{1b}[2K") && !out.contains("\u{1b}[1A"),
            "{args:?}: {out}"
        );
    }
    let out = text(&medlint(dir.path(), &["check", "--lints", &lints, "a.md"]).stdout);
    assert!(
        out.contains("\\u{3a}:error file=README.md::PWNED"),
        "help is shown, escaped: {out}"
    );
    // As annotations: one command of ours per finding, the help inside its message.
    let o = medlint(
        dir.path(),
        &["check", "--format", "github", "--lints", &lints, "a.md"],
    );
    let out = text(&o.stdout);
    assert_eq!(out.lines().count(), 2, "{out}");
    for line in out.lines() {
        assert!(line.starts_with("::error file=a.md,line=3,"), "{line}");
        assert!(!line.contains('\u{1b}') && !line.contains("##["), "{line}");
    }
}
