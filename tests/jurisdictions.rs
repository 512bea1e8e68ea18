//! Jurisdiction profiles as a user runs them: `profile` in medlint.toml and `--profile`, the
//! front matter of an article (`jurisdiction`, `audience`, `product-class`), the rules' tags in
//! packs, and what `explain`, `rules` and `--show-settings` say about them.

use std::path::Path;

mod common;

use common::{medlint, stderr, stdout};

/// The disclaimer less its results statement, so that a testimonial has none.
const DISCLAIMER: &str = "This article is for general information only and is not medical \
     advice. Consult a qualified healthcare provider.";

/// A clinic page with a prescription-only medicine offered, the US supplement disclaimer and a
/// testimonial with no results statement: rules of every jurisdiction have something to say.
fn clinic(front_matter: &str) -> String {
    format!(
        "{front_matter}# Clinic\n\nBook your Botox appointment today.\n\n\
         These statements have not been evaluated by the Food and Drug Administration.\n\n\
         > \"After three sessions my back pain is gone,\" says Jane.\n\n{DISCLAIMER}\n"
    )
}

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The rule IDs of `--format short` output, in order.
fn rules_found(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["check", "--format", "short", "--no-config"];
    all.extend(args);
    let o = medlint(dir, &all);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .filter(|id| {
            id.len() > 3
                && id
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .collect()
}

#[test]
fn the_profile_chooses_the_rules_of_its_jurisdictions() {
    let dir = dir_with(&[("a.md", &clinic(""))]);
    let us = rules_found(dir.path(), &["a.md"]);
    assert!(us.contains(&"MED202".to_string()), "{us:?}");
    assert!(!us.iter().any(|r| r == "MED114" || r == "MED115"), "{us:?}");
    let uk = rules_found(dir.path(), &["--profile", "uk", "a.md"]);
    assert!(uk.contains(&"MED114".to_string()), "{uk:?}");
    assert!(uk.contains(&"MED115".to_string()), "{uk:?}");
    // The US results disclosure is not the UK's remedy.
    assert!(!uk.contains(&"MED202".to_string()), "{uk:?}");
    let both = rules_found(dir.path(), &["--profile", "us,uk", "a.md"]);
    for id in ["MED114", "MED115", "MED202"] {
        assert!(both.contains(&id.to_string()), "{id}: {both:?}");
    }
}

#[test]
fn profile_in_medlint_toml_and_its_errors() {
    let dir = dir_with(&[
        ("medlint.toml", "profile = [\"uk\"]\n"),
        ("a.md", &clinic("")),
    ]);
    let o = medlint(dir.path(), &["check", "--format", "short", "a.md"]);
    assert!(stdout(&o).contains("MED115"), "{}", stdout(&o));
    // The flag replaces the file's profile.
    let o = medlint(
        dir.path(),
        &["check", "--format", "short", "--profile", "us", "a.md"],
    );
    assert!(!stdout(&o).contains("MED115"), "{}", stdout(&o));

    std::fs::write(
        dir.path().join("medlint.toml"),
        "fail-on = \"error\"\nprofile = [\"uk\", \"fr\"]\n",
    )
    .unwrap();
    let o = medlint(dir.path(), &["check", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("medlint.toml:2:"), "{err}");
    assert!(
        err.contains("unknown jurisdiction `fr`; known: us, uk, eu"),
        "{err}"
    );

    let o = medlint(
        dir.path(),
        &["check", "--no-config", "--profile", "gb", "a.md"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown jurisdiction `gb`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_rule_named_one_by_one_runs_in_any_jurisdiction() {
    let dir = dir_with(&[("a.md", &clinic(""))]);
    let named = rules_found(dir.path(), &["--extend-select", "MED115", "a.md"]);
    assert!(named.contains(&"MED115".to_string()), "{named:?}");
    let slug = rules_found(
        dir.path(),
        &["--select", "prescription-medicine-advert", "a.md"],
    );
    assert_eq!(slug, ["MED115"]);
    // A prefix or ALL selects only the rules of the profile.
    let prefix = rules_found(dir.path(), &["--select", "MED1", "a.md"]);
    assert!(!prefix.contains(&"MED115".to_string()), "{prefix:?}");
    let all = rules_found(dir.path(), &["--select", "ALL", "a.md"]);
    assert!(!all.contains(&"MED114".to_string()), "{all:?}");
}

#[test]
fn front_matter_sets_the_jurisdiction_of_its_article() {
    let dir = dir_with(&[
        (
            "uk.md",
            &clinic("---\ntitle: Clinic\njurisdiction: uk\n---\n\n"),
        ),
        ("us.md", &clinic("+++\njurisdiction = \"us\"\n+++\n\n")),
    ]);
    // uk.md: UK rules, whatever the profile; us.md: the US rules, though the profile is EU.
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "short",
            "--profile",
            "eu",
            "uk.md",
            "us.md",
        ],
    );
    let out = stdout(&o);
    let of = |file: &str| -> Vec<&str> {
        out.lines()
            .filter(|l| l.starts_with(file))
            .filter_map(|l| l.split_whitespace().nth(2))
            .collect()
    };
    assert!(of("uk.md").contains(&"MED115"), "{out}");
    assert!(!of("uk.md").contains(&"MED202"), "{out}");
    assert!(of("us.md").contains(&"MED202"), "{out}");
    assert!(!of("us.md").contains(&"MED115"), "{out}");
}

#[test]
fn an_article_for_professionals_drops_consumer_advertising_rules() {
    let page = "---\njurisdiction: uk\naudience: professional\n---\n\n# Dosing\n\n\
                We now offer Botox training days for prescribers.\n\n\
                These statements have not been evaluated by the FDA.\n";
    let dir = dir_with(&[("a.md", page)]);
    let found = rules_found(dir.path(), &["a.md"]);
    // No disclaimer and a prescription-only medicine named: neither is a consumer advert.
    assert!(!found.contains(&"MED201".to_string()), "{found:?}");
    assert!(!found.contains(&"MED115".to_string()), "{found:?}");
    // The supplement disclaimer rule is not about consumers only.
    assert!(found.contains(&"MED114".to_string()), "{found:?}");
}

#[test]
fn a_licensed_product_class_turns_a_disease_claim_into_info() {
    let claim = "# Tablets\n\nOur sumatriptan tablets treat migraine attacks.\n";
    let dir = dir_with(&[
        (
            "drug.md",
            &format!("---\nproduct-class: drug\n---\n\n{claim}"),
        ),
        ("plain.md", claim),
    ]);
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--select",
            "MED110",
            "drug.md",
            "plain.md",
        ],
    );
    let out = stdout(&o);
    assert!(out.contains("info[MED110 disease-claim]"), "{out}");
    assert!(out.contains("error[MED110 disease-claim]"), "{out}");
    assert!(
        out.contains("the article sells a drug (`product-class` in its front matter)"),
        "{out}"
    );
    // Only the plain page fails the run.
    assert_eq!(o.status.code(), Some(1));
    let o = medlint(
        dir.path(),
        &["check", "--no-config", "--select", "MED110", "drug.md"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn a_bad_front_matter_value_is_a_tool_error_at_its_line_and_the_run_goes_on() {
    let dir = dir_with(&[
        (
            "bad.md",
            "---\ntitle: Clinic\naudience: doctors\n---\n\nOur drops cure dry eyes.\n",
        ),
        ("good.md", "# Eyes\n\nOur drops cure dry eyes.\n"),
    ]);
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "short",
            "bad.md",
            "good.md",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.md:3:"), "{err}");
    assert!(
        err.contains("front matter: unknown audience `doctors`; known: consumer, professional"),
        "{err}"
    );
    assert!(stdout(&o).contains("good.md:3:"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("bad.md"), "{}", stdout(&o));
}

#[test]
fn packs_tag_rules_and_an_unknown_jurisdiction_is_an_error_at_its_line() {
    let rule = |extra: &str| {
        format!(
            "[pack]\nname = \"p\"\ndescription = \"d\"\n\n[[rule]]\nid = \"ACME101\"\n\
             slug = \"acme\"\nkind = \"phrase\"\nscope = \"sentence\"\nseverity = \"error\"\n\
             {extra}summary = \"s\"\nmessage = \"m\"\nphrases = [\"wonder drug\"]\n\
             docs = \"## What it does\\n\\n## Why it matters\\n\\n## References\\n\"\n\
             bad = [{{ text = \"A wonder drug.\", flags = [\"wonder drug\"] }}]\n\
             good = [\"A drug.\"]\n"
        )
    };
    let cases = [
        (
            "jurisdictions = [\"uk\", \"fr\"]\n",
            "unknown jurisdiction `fr`",
        ),
        ("jurisdictions = []\n", "`jurisdictions` is empty"),
        ("audience = \"doctors\"\n", "unknown audience `doctors`"),
        (
            "jurisdictions = [\"uk\"]\n[rule.regulation]\nus = \"x\"\n",
            "`regulation` names `us`, which is not in the rule's `jurisdictions`",
        ),
    ];
    let dir = dir_with(&[("a.md", "A wonder drug.\n")]);
    for (extra, needle) in cases {
        let packs = tempfile::tempdir().unwrap();
        // A subtable ends the rule's own keys: put it last.
        let text = match extra.split_once("[rule.regulation]") {
            Some((keys, table)) => format!("{}[rule.regulation]{table}", rule(keys)),
            None => rule(extra),
        };
        let line = text
            .lines()
            .position(|l| l.starts_with(needle_key(needle)))
            .expect("the key is in the pack")
            + 1;
        std::fs::write(packs.path().join("p.toml"), &text).unwrap();
        let o = medlint(
            dir.path(),
            &[
                "check",
                "--no-config",
                "--lints",
                &packs.path().to_string_lossy(),
                "a.md",
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{text}");
        let err = stderr(&o);
        assert!(err.contains(needle), "{err}");
        assert!(err.contains(&format!("p.toml:{line}:")), "{err}\n{text}");
    }
    // A well-tagged rule runs only in its jurisdiction.
    let packs = tempfile::tempdir().unwrap();
    let text = format!(
        "{}[rule.regulation]\nuk = \"CAP Code 12.1\"\n",
        rule("jurisdictions = [\"uk\"]\n")
    );
    std::fs::write(packs.path().join("p.toml"), text).unwrap();
    let lints = packs.path().to_string_lossy().into_owned();
    let us = rules_found(dir.path(), &["--lints", &lints, "a.md"]);
    assert!(!us.contains(&"ACME101".to_string()), "{us:?}");
    let uk = rules_found(dir.path(), &["--lints", &lints, "--profile", "uk", "a.md"]);
    assert!(uk.contains(&"ACME101".to_string()), "{uk:?}");
}

/// The pack key a validation message is about, to find its line.
fn needle_key(needle: &str) -> &str {
    if needle.contains("regulation") {
        "us = "
    } else if needle.contains("audience") {
        "audience"
    } else {
        "jurisdictions"
    }
}

#[test]
fn explain_and_rules_show_where_a_rule_applies() {
    let dir = tempfile::tempdir().unwrap();
    let o = medlint(dir.path(), &["explain", "MED115"]);
    let out = stdout(&o);
    assert!(
        out.contains("Jurisdictions: uk, eu · audience: consumers only"),
        "{out}"
    );
    assert!(out.contains("## Regulation by jurisdiction"), "{out}");
    assert!(out.contains("- US: does not apply"), "{out}");
    assert!(
        out.contains("- UK: Human Medicines Regulations 2012"),
        "{out}"
    );
    let o = medlint(dir.path(), &["explain", "MED101"]);
    let out = stdout(&o);
    assert!(out.contains("Jurisdictions: us, uk, eu (all)"), "{out}");
    assert!(
        out.contains("- EU: Unfair Commercial Practices Directive"),
        "{out}"
    );

    let o = medlint(dir.path(), &["rules"]);
    let out = stdout(&o);
    assert!(out.lines().next().unwrap().contains(" WHERE "), "{out}");
    let line = |id: &str| out.lines().find(|l| l.starts_with(id)).unwrap().to_string();
    assert!(line("MED115").contains(" uk,eu (c) "), "{out}");
    assert!(line("MED202").contains(" us (c) "), "{out}");
    assert!(line("MED101").contains(" all "), "{out}");
    let o = medlint(dir.path(), &["rules", "--format", "json"]);
    let json = stdout(&o);
    let med113 = json.lines().find(|l| l.contains("\"MED113\"")).unwrap();
    assert!(med113.contains("\"jurisdictions\":[\"uk\"]"), "{med113}");
    assert!(med113.contains("\"audience\":\"consumer\""), "{med113}");
}

#[test]
fn show_settings_names_the_jurisdiction_in_force_for_the_file() {
    let dir = dir_with(&[
        (
            "uk.md",
            &clinic("---\njurisdiction: uk\naudience: consumer\n---\n\n"),
        ),
        ("plain.md", &clinic("")),
        ("bad.md", "---\njurisdiction: mars\n---\n\nText.\n"),
    ]);
    let show = |file: &str| {
        let o = medlint(
            dir.path(),
            &["check", "--no-config", "--show-settings", file],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    let uk = show("uk.md");
    assert!(uk.contains("profile: us\n"), "{uk}");
    assert!(
        uk.contains("jurisdiction: uk (from the front matter)\n"),
        "{uk}"
    );
    assert!(uk.contains("audience: consumer\n"), "{uk}");
    assert!(
        uk.contains("  MED115 prescription-medicine-advert error\n"),
        "{uk}"
    );
    assert!(!uk.contains("MED202"), "{uk}");
    let plain = show("plain.md");
    assert!(
        plain.contains("jurisdiction: us (from the profile)\n"),
        "{plain}"
    );
    assert!(!plain.contains("MED115"), "{plain}");
    let bad = show("bad.md");
    assert!(
        bad.contains("front matter: line 2: unknown jurisdiction `mars`"),
        "{bad}"
    );
}
