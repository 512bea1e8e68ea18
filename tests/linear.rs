//! Inputs whose cost once grew with the square of their size: what medlint prints for them
//! stays proportional to the input. (Time is held linear by `scripts/check_linear.py`, which
//! CI runs on a release build; tests count bytes, not seconds.)

mod common;
use common::medlint;

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

#[test]
fn findings_on_a_long_line_print_a_window_of_it() {
    // 2,000 claims on one 32 KB line: the whole line per finding would be 64 MB.
    let line = "PRP cures pain. ".repeat(2_000);
    let dir = folder(&[("a.md", &format!("# T\n\n{line}\n"))]);
    for color in ["never", "always"] {
        let o = medlint(
            dir.path(),
            &[
                "check",
                "--no-config",
                "--select",
                "MED101",
                "--color",
                color,
                "a.md",
            ],
        );
        assert_eq!(o.status.code(), Some(1));
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(out.matches("error[MED101 cure-claim]").count(), 2_000);
        assert!(o.stdout.len() < 2_000 * 1_500, "{} bytes", o.stdout.len());
        // The window keeps the real line and column, and marks where the line is cut.
        assert!(
            out.contains(&format!("┌─ a.md:3:{}\n", 16 * 1_999 + 5)),
            "{out:.2000}"
        );
        assert!(out.contains("3 │ …in. PRP cures pain."), "{out:.2000}");
        assert!(out.contains("PRP cures pain. P…\n"), "{out:.2000}");
    }
}

#[test]
fn a_short_line_is_still_shown_whole() {
    let dir = folder(&[("a.md", "# T\n\nOur PRP cures pain.\n")]);
    let o = medlint(
        dir.path(),
        &["check", "--no-config", "--select", "MED101", "a.md"],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("3 │ Our PRP cures pain.\n"), "{out}");
    assert!(out.contains("  │         ^^^^^ cure claim\n"), "{out}");
}

#[test]
fn many_claims_in_one_sentence_are_each_found() {
    // One "sentence" of 5,000 claims is read in pieces; none is lost at a cut.
    let dir = folder(&[(
        "a.md",
        &format!("# T\n\n{}\n", "PRP cures pain, ".repeat(5_000)),
    )]);
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--select",
            "MED101",
            "--format",
            "short",
            "a.md",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.matches(" error MED101 ").count(), 5_000);
    assert!(out.contains(&format!("a.md:3:{}: error MED101", 16 * 4_999 + 5)));
}

#[test]
fn a_pack_error_on_a_long_line_shows_a_window_of_it() {
    // 2,000 bad phrases on one 20 KB line: repeating the line per error printed 40 MB.
    let phrases: Vec<String> = (0..2_000).map(|i| format!("\"bad( {i}\"")).collect();
    let pack = format!(
        "[pack]\nname = \"bad\"\ndescription = \"Bad.\"\n\n[[rule]]\nid = \"ZZ101\"\n\
         slug = \"bad-rule\"\nkind = \"phrase\"\nscope = \"sentence\"\nseverity = \"warning\"\n\
         summary = \"S.\"\nmessage = \"M\"\n\
         docs = \"## What it does\\n## Why it matters\\n## References\\n\"\n\
         phrases = [{}]\nbad = [{{ text = \"x\", flags = [\"x\"] }}]\ngood = [\"y\"]\n",
        phrases.join(", ")
    );
    let dir = folder(&[("house/bad.toml", &pack), ("a.md", "# T\n")]);
    let o = medlint(
        dir.path(),
        &["check", "--no-config", "--lints", "house", "a.md"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("error: unclosed `(` in phrase").count(), 2_000);
    assert!(o.stderr.len() < 2_000 * 1_000, "{} bytes", o.stderr.len());
    // Each names its line and column, and shows the phrase it is about.
    let column = pack.lines().nth(13).unwrap().find("\"bad( 1999\"").unwrap() + 1;
    assert!(
        err.contains(&format!("house/bad.toml:14:{column}\n")),
        "{err:.3000}"
    );
    assert!(err.contains("\"bad( 1999\"…") || err.contains("\"bad( 1999\"]\n"));
}
