//! Suppression comments as a writer types them into hard-wrapped prose: a directive covers the
//! block under it, needs its reason, and a misspelled one is caught with the fix to it.

use std::path::Path;

use medlint::config::Settings;
use medlint::diagnostic::Safety;
use medlint::document::Format;
use medlint::engine::Report;
use medlint::rules::Registry;

fn lint(text: &str) -> Report {
    let mut registry = Registry::builtin().unwrap_or_else(|e| panic!("packs: {}", e[0]));
    let settings = Settings::defaults(&mut registry, Path::new("/site"));
    medlint::lint_str(&registry, &settings, "a.md", Format::Markdown, text)
}

/// (rule ID, line) of each finding.
fn findings(report: &Report) -> Vec<(String, usize)> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let file = report.sources.get(d.file);
            (
                d.rule.id.clone(),
                file.line_col(d.primary.span.start as usize).0,
            )
        })
        .collect()
}

#[test]
fn next_line_covers_the_hard_wrapped_paragraph_below_it() {
    let text = "# Knees\n\n\
        <!-- medlint-disable-next-line MED101 -- the charity's registered name -->\n\
        Every spring our physiotherapists join the\n\
        Cure Arthritis Now walk, and the Arthritis\n\
        Cure Fund's run along the river.\n\n\
        PRP cures arthritis.\n";
    let report = lint(text);
    let cures: Vec<usize> = findings(&report)
        .into_iter()
        .filter(|(id, _)| id == "MED101")
        .map(|(_, line)| line)
        .collect();
    // Both names in the wrapped paragraph are covered; the next paragraph is not.
    assert_eq!(cures, [8], "{:?}", findings(&report));
    assert_eq!(report.suppressed.len(), 2);
}

#[test]
fn a_suppression_without_a_reason_suppresses_nothing() {
    let report =
        lint("# Knees\n\n<!-- medlint-disable-next-line MED101 -->\nPRP cures arthritis.\n");
    let found = findings(&report);
    assert!(found.contains(&("MED101".into(), 4)), "{found:?}");
    assert!(found.contains(&("MED001".into(), 3)), "{found:?}");
    assert!(report.suppressed.is_empty());
    let invalid = report
        .diagnostics
        .iter()
        .find(|d| d.rule.id == "MED001")
        .unwrap();
    assert!(
        invalid.message.contains("suppresses nothing"),
        "{}",
        invalid.message
    );
    assert_eq!(
        invalid.help.as_deref(),
        Some("Write `<!-- medlint-disable-next-line MED101 -- the reason this is acceptable -->`.")
    );
}

#[test]
fn an_unknown_rule_is_echoed_with_the_closest_names() {
    for (wrote, help) in [
        ("MED13", "`MED13` is not a rule; did you mean `MED103`"),
        (
            "cure-clam",
            "`cure-clam` is not a rule; did you mean `cure-claim`?",
        ),
        (
            "MEDXYZ99",
            "`MEDXYZ99` is not a rule; `medlint rules` lists them.",
        ),
    ] {
        let text =
            format!("# Knees\n\n<!-- medlint-disable-next-line {wrote} -- approved -->\nText.\n");
        let report = lint(&text);
        let invalid = report
            .diagnostics
            .iter()
            .find(|d| d.rule.id == "MED001")
            .unwrap();
        let got = invalid.help.as_deref().unwrap_or_default();
        assert!(got.starts_with(help), "{wrote}: {got}");
    }
}

#[test]
fn a_misspelled_directive_gets_a_safe_fix_to_the_right_name() {
    for (wrote, meant) in [
        ("medlint-disabel-next-line", "medlint-disable-next-line"),
        ("medlint disable", "medlint-disable"),
        ("medlint disable next line", "medlint-disable-next-line"),
        ("medlint-enabel", "medlint-enable"),
    ] {
        let text = format!("# Knees\n\n<!-- {wrote} MED101 -- the charity's name -->\nText.\n");
        let report = lint(&text);
        let invalid = report
            .diagnostics
            .iter()
            .find(|d| d.rule.id == "MED001")
            .unwrap_or_else(|| panic!("{wrote}: no MED001"));
        assert_eq!(invalid.suggestions.len(), 1, "{wrote}");
        let fix = &invalid.suggestions[0];
        assert_eq!(fix.safety, Safety::Safe);
        assert_eq!(fix.replacement, meant);
        assert_eq!(&text[fix.span.range()], wrote);
        assert_eq!(fix.title, format!("Replace with `{meant}`"));
        // Applied, the comment is a directive medlint reads.
        let fixed = format!(
            "{}{meant}{}",
            &text[..fix.span.range().start],
            &text[fix.span.range().end..]
        );
        let again = lint(&fixed);
        assert!(
            again.diagnostics.iter().all(|d| d.rule.id != "MED001"),
            "{wrote}: {:?}",
            findings(&again)
        );
    }
    // An ordinary comment that mentions medlint is left alone.
    let report = lint("# Knees\n\n<!-- medlint is how we check pages -->\nText.\n");
    assert!(report.diagnostics.iter().all(|d| d.rule.id != "MED001"));
}
