//! The failure matrix: what medlint does with hostile or broken input. Each case states the
//! expected message and exit status, and that the other files are still linted.

mod common;
use common::{medlint, stderr, stdout};

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A folder holding `good.md` (one cure claim, line 1, column 5) plus the given files.
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), "PRP cures arthritis.\n").unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

const GOOD: &str = "good.md:1:5: error MED101";

/// Lint the folder with only the cure rule, short format.
fn run(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--format", "short", "--select", "MED101"];
    args.extend_from_slice(extra);
    medlint(dir, &args)
}

#[test]
fn missing_path_exits_2_and_lints_the_rest() {
    let dir = folder(&[]);
    let o = run(dir.path(), &["good.md", "nowhere/missing.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error: nowhere/missing.md: no such file or folder"));
    assert!(stdout(&o).contains(GOOD));
}

#[test]
fn a_folder_without_articles_warns_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("image.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let o = run(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("warning: no articles (.md, .markdown, .txt, .html, .htm) found"));
}

#[test]
fn invalid_utf8_and_binary_files_are_named_and_skipped() {
    let dir = folder(&[
        ("latin1.md", b"line one\ncaf\xe9 cures\n"),
        ("blob.md", b"\x7fELF\x00\x00binary"),
    ]);
    let o = run(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: latin1.md: not valid UTF-8 (line 2, byte 12), skipped"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("error: blob.md: binary file (contains NUL bytes), skipped"));
    assert!(stdout(&o).contains(GOOD));
}

#[test]
fn empty_files_and_front_matter_only_are_clean() {
    let dir = folder(&[
        ("empty.md", b""),
        ("meta.md", b"---\ntitle: PRP cures\n---\n"),
    ]);
    let o = medlint(
        dir.path(),
        &["check", "--format", "short", "empty.md", "meta.md"],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn bom_crlf_and_lone_cr_keep_positions_right() {
    let dir = folder(&[
        ("bom.md", "\u{FEFF}PRP cures arthritis.\n".as_bytes()),
        ("crlf.md", b"Intro.\r\n\r\nPRP cures arthritis.\r\n"),
        ("cr.md", b"Intro.\r\rPRP cures arthritis.\r"),
    ]);
    let o = run(dir.path(), &[]);
    let out = stdout(&o);
    for line in [
        "bom.md:1:5: error MED101",
        "crlf.md:3:5: error MED101",
        "cr.md:3:5: error MED101",
    ] {
        assert!(out.contains(line), "{line} in {out}");
    }
}

#[test]
fn a_one_megabyte_line_is_linted() {
    let mut line = "Rest may help. ".repeat(70_000);
    line.push_str("PRP cures arthritis.\n");
    let dir = folder(&[("long.md", line.as_bytes())]);
    let o = run(dir.path(), &["long.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("long.md:1:1050005: error MED101"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_hundred_megabyte_article_is_refused_before_it_is_read() {
    let dir = folder(&[]);
    let huge = std::fs::File::create(dir.path().join("dump.md")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap();
    let o = run(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(
        "error: dump.md: file is 100.0 MiB, over the 16 MiB limit (`max-file-mib` in medlint.toml); skipped"
    ));
    assert!(stdout(&o).contains(GOOD));
    std::fs::write(dir.path().join("medlint.toml"), "max-file-mib = 0\n").unwrap();
    let o = run(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`max-file-mib` must be between 1 and 256"));
    // Above the ceiling too: a 1 GiB file would need tens of GiB to lint.
    std::fs::write(dir.path().join("medlint.toml"), "max-file-mib = 1024\n").unwrap();
    let o = run(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`max-file-mib` must be between 1 and 256"));
}

#[test]
fn ten_thousand_deep_nesting_does_not_overflow() {
    let quotes = format!("{}PRP cures arthritis.\n", "> ".repeat(10_000));
    let lists: String = (0..10_000)
        .map(|i| format!("{}- item\n", " ".repeat(i.min(200) * 2)))
        .collect();
    let html = format!(
        "{}PRP cures arthritis.{}",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let dir = folder(&[
        ("quotes.md", quotes.as_bytes()),
        ("lists.md", lists.as_bytes()),
        ("divs.html", html.as_bytes()),
    ]);
    let o = run(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("divs.html:1:") && out.contains("quotes.md:1:"),
        "{out}"
    );
}

#[test]
fn an_unclosed_code_fence_is_code_to_the_end() {
    let dir = folder(&[("fence.md", b"Intro.\n\n```\nPRP cures arthritis.\n")]);
    let o = run(dir.path(), &["fence.md"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(&[("locked.md", b"PRP cures arthritis.\n")]);
    let locked = dir.path().join("locked.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reads, so there is nothing to observe.
        return;
    }
    let o = run(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error: locked.md: permission denied"));
    assert!(stdout(&o).contains(GOOD));
}

#[test]
fn symlink_loops_are_not_followed() {
    let dir = folder(&[]);
    std::os::unix::fs::symlink("loop-b.md", dir.path().join("loop-a.md")).unwrap();
    std::os::unix::fs::symlink("loop-a.md", dir.path().join("loop-b.md")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("self")).unwrap();
    let o = run(dir.path(), &[]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "walking skips symlinks: {}",
        stderr(&o)
    );
    assert_eq!(stdout(&o).lines().count(), 1);
    let o = run(dir.path(), &["loop-a.md", "good.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error: loop-a.md: "), "{}", stderr(&o));
    assert!(stdout(&o).contains(GOOD));
}

#[test]
fn links_out_of_the_site_root_are_reported() {
    let dir = folder(&[
        ("site/a.md", b"[up](../../outside.md) and [ok](b.md)\n"),
        ("site/b.md", b"B\n"),
    ]);
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--select",
            "MED301",
            "--site-root",
            "site",
            "site",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "site/a.md:1:6: error MED301 broken-internal-link Broken link: `../../outside.md` does not exist in the site\n"
    );
}

#[test]
fn oversized_pack_regexes_are_refused_with_their_line() {
    let dir = folder(&[]);
    let packs = tempfile::tempdir().unwrap();
    let pack = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/packs/bad-regex.toml"),
    )
    .unwrap()
    .replace("'acme (cures'", "'(?:\\w{100}){100}'");
    std::fs::write(packs.path().join("big.toml"), pack).unwrap();
    let o = medlint(
        dir.path(),
        &["check", "--lints", &packs.path().to_string_lossy()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("regex is too large"), "{}", stderr(&o));
    assert!(stderr(&o).contains("big.toml:21:"), "{}", stderr(&o));
}

#[test]
fn html_suppressions_and_cross_format_anchors_work() {
    let dir = folder(&[
        (
            "page.html",
            b"<h2 id=\"risks\">Risks</h2>\n<!-- medlint-disable-next-line MED101 -- product name -->\n<p>Miracle Gel.</p>\n<p>PRP cures.</p>\n",
        ),
        ("post.md", b"See [risks](page.html#risks) and [nothing](page.html#none).\n"),
    ]);
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--select",
            "MED101,MED302",
            "page.html",
            "post.md",
        ],
    );
    assert_eq!(
        stdout(&o),
        "page.html:4:8: error MED101 cure-claim Cure claim: `cures` promises complete resolution\n\
         post.md:1:44: error MED302 broken-anchor Broken anchor: `#none` names no heading in the linked page\n"
    );
}

#[test]
fn writes_never_touch_articles_and_leave_no_temporary_files() {
    let dir = folder(&[]);
    let before = std::fs::read(dir.path().join("good.md")).unwrap();
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--output",
            "json=out.jsonl",
            "--write-baseline",
            "base.json",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(dir.path().join("good.md")).unwrap(), before);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["base.json", "good.md", "out.jsonl"]);
    // A report that cannot be written is a tool error, and the old file is untouched.
    std::fs::create_dir(dir.path().join("ro")).unwrap();
    let o = medlint(
        dir.path(),
        &["check", "--output", "json=ro/missing-dir/out.jsonl"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write"));
}

#[test]
fn stdin_is_held_to_the_same_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(dir.path())
        .args(["check", "--format", "short", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"\xff\xfe binary-ish")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("<stdin>: not valid UTF-8"));
}
