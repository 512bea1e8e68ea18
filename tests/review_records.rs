//! Review records on suppression comments, through the binary on Markdown in a temporary
//! folder: `reviewed-by` and `expires` fields, expiry judged on `--today` / `MEDLINT_TODAY`,
//! `MED003 expired-suppression`, the `[suppressions]` policy, and the audit listing.

mod common;

use std::path::Path;
use std::process::Output;

use common::{medlint, stderr, stdout};

/// A folder holding `a.md` with `text`, and `medlint.toml` with `config` when given.
fn site(text: &str, config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.md"), text).expect("write a.md");
    if let Some(config) = config {
        std::fs::write(dir.path().join("medlint.toml"), config).expect("write medlint.toml");
    }
    dir
}

/// `medlint check` on a.md with the suppression rules and the cure-claim rule, short format.
fn check(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--format", "short", "--select", "MED0,MED101"];
    args.extend_from_slice(extra);
    args.push("a.md");
    medlint(dir, &args)
}

/// `line ID` of each finding in short output (`path:line:col: severity ID slug message`).
fn ids(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .filter_map(|l| {
            let mut parts = l.splitn(4, ':');
            let (_, line, _, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
            Some(format!("{line} {}", rest.split_whitespace().nth(1)?))
        })
        .collect()
}

macro_rules! assert_no_findings {
    ($found:expr) => {
        assert_no_findings!($found, "")
    };
    ($found:expr, $($why:tt)*) => {{
        let found = $found;
        assert!(found.is_empty(), "{found:?} {}", format!($($why)*));
    }};
}

const RECORDED: &str = "# Knees\n\n\
    <!-- medlint-disable-next-line MED101 -- quoting the trial; reviewed-by: jdoe; expires: 2027-06-30 -->\n\
    PRP cures arthritis.\n";

#[test]
fn a_suppression_holds_through_its_expiry_day_and_not_after() {
    let dir = site(RECORDED, None);
    let on_the_day = check(dir.path(), &["--today", "2027-06-30"]);
    assert_no_findings!(ids(&on_the_day), "{}", stdout(&on_the_day));
    assert_eq!(on_the_day.status.code(), Some(0));

    let after = check(dir.path(), &["--today", "2027-07-01"]);
    let out = stdout(&after);
    // The finding it hid is back, and the comment is reported naming the date and reviewer.
    assert_eq!(ids(&after), ["3 MED003", "4 MED101"], "{out}");
    assert!(
        out.contains("suppression expired on 2027-06-30 (reviewed by jdoe)"),
        "{out}"
    );
    assert_eq!(after.status.code(), Some(1));
}

#[test]
fn medlint_today_sets_the_date_and_the_flag_wins_over_it() {
    let dir = site(RECORDED, None);
    let run = |env: &str, args: &[&str]| {
        let mut all = vec!["check", "--format", "short", "--select", "MED0,MED101"];
        all.extend_from_slice(args);
        all.push("a.md");
        std::process::Command::new(env!("CARGO_BIN_EXE_medlint"))
            .current_dir(dir.path())
            .env("MEDLINT_TODAY", env)
            .env_remove("CI")
            .args(&all)
            .output()
            .expect("run medlint")
    };
    assert_eq!(ids(&run("2028-01-01", &[])).len(), 2);
    assert_no_findings!(ids(&run("2027-01-01", &[])));
    assert_no_findings!(ids(&run("2028-01-01", &["--today", "2027-01-01"])));
    // A date that is none is a usage error, named.
    let bad = run("2027-02-30", &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("MEDLINT_TODAY=`2027-02-30` is not a date: that month has 28 days"),
        "{}",
        stderr(&bad)
    );
    let bad = check(dir.path(), &["--today", "30/06/2027"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("`30/06/2027` is not a date: write dates as YYYY-MM-DD"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn every_directive_form_takes_a_review_record_and_expires() {
    let text = "# Knees\n\n\
        PRP cures arthritis. <!-- medlint-disable-line MED101 -- quoted; reviewed-by: ann; expires: 2001-01-31 -->\n\n\
        <!-- medlint-disable MED101 -- quoted; expires: 2001-01-31; reviewed-by: bo -->\n\
        Ozone cures gout.\n\
        <!-- medlint-enable MED101 -->\n";
    let dir = site(text, None);
    let o = check(dir.path(), &["--today", "2026-01-01"]);
    let out = stdout(&o);
    assert_eq!(
        ids(&o),
        ["3 MED101", "3 MED003", "5 MED003", "6 MED101"],
        "{out}"
    );
    assert!(out.contains("(reviewed by ann)") && out.contains("(reviewed by bo)"));
    // Before they expire, both suppress.
    let o = check(dir.path(), &["--today", "2000-12-31"]);
    assert_no_findings!(ids(&o), "{}", stdout(&o));

    let file = site(
        "# Legal\n\n<!-- medlint-disable-file MED101 -- legal page; expires: 2001-01-31 -->\n\nPRP cures arthritis.\n",
        None,
    );
    let o = check(file.path(), &["--today", "2026-01-01"]);
    assert_eq!(ids(&o), ["3 MED003", "5 MED101"], "{}", stdout(&o));
    assert!(stdout(&o).contains("(no reviewer named)"));
}

#[test]
fn a_malformed_review_record_is_reported_and_suppresses_nothing() {
    let cases = [
        (
            "quoted; expiry: 2999-01-01",
            "unknown review field `expiry` (did you mean `expires`?)",
        ),
        (
            "quoted; expires: 2999-02-30",
            "`expires: 2999-02-30` is not a date (that month has 28 days)",
        ),
        (
            "quoted; expires: 31/12/2999",
            "`expires: 31/12/2999` is not a date (write dates as YYYY-MM-DD)",
        ),
        (
            "quoted; reviewed-by: a; reviewed-by: b",
            "review field `reviewed-by` is given twice",
        ),
        (
            "quoted; reviewed-by: a; lgtm",
            "`lgtm` after a review field is not a `key: value` field",
        ),
        (
            "quoted; reviewed-by:",
            "review field `reviewed-by` has no value",
        ),
    ];
    for (after, message) in cases {
        let dir = site(
            &format!(
                "# Knees\n\n<!-- medlint-disable-next-line MED101 -- {after} -->\nPRP cures arthritis.\n"
            ),
            None,
        );
        let o = check(dir.path(), &["--today", "2026-01-01"]);
        let out = stdout(&o);
        assert_eq!(ids(&o), ["3 MED001", "4 MED101"], "{after}: {out}");
        assert!(
            out.contains(&format!(
                "{message}; the suppression suppresses nothing until it is fixed"
            )),
            "{after}: {out}"
        );
    }
}

#[test]
fn a_reason_with_semicolons_and_colons_is_kept_whole() {
    let dir = site(
        "# Knees\n\n<!-- medlint-disable-next-line MED101 -- the charity's name; see https://example.org/x; FDA guidance: section 3 -->\nPRP cures arthritis.\n",
        None,
    );
    let o = check(dir.path(), &[]);
    assert_no_findings!(ids(&o), "{}", stdout(&o));
    let o = medlint(dir.path(), &["suppressions", "--format", "json", "a.md"]);
    let row: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().unwrap_or("")).expect("a JSON row");
    assert_eq!(
        row["reason"],
        "the charity's name; see https://example.org/x; FDA guidance: section 3"
    );
    assert_eq!(row["reviewed_by"], serde_json::Value::Null);
    assert_eq!(row["expires"], serde_json::Value::Null);
    assert_eq!(row["expired"], false);
}

#[test]
fn require_reviewed_by_makes_an_unsigned_suppression_suppress_nothing() {
    let text = "# Knees\n\n\
        <!-- medlint-disable-next-line MED101 -- quoting the trial -->\n\
        PRP cures arthritis.\n\n\
        <!-- medlint-disable-next-line MED101 -- quoting the trial; reviewed-by: jdoe -->\n\
        Ozone cures gout.\n";
    let dir = site(text, Some("[suppressions]\nrequire-reviewed-by = true\n"));
    let o = check(dir.path(), &[]);
    let out = stdout(&o);
    assert_eq!(ids(&o), ["3 MED001", "4 MED101"], "{out}");
    assert!(
        out.contains("has no `reviewed-by`, which this site requires, so it suppresses nothing"),
        "{out}"
    );
    let shown = stdout(&medlint(dir.path(), &["check", "--show-settings", "a.md"]));
    assert!(
        shown.contains("\nsuppressions: reviewed-by required\n"),
        "{shown}"
    );
    // Without the setting, both suppress, and the settings shown say nothing of it.
    let dir = site(text, None);
    let shown = stdout(&medlint(dir.path(), &["check", "--show-settings", "a.md"]));
    assert!(!shown.contains("suppressions:"), "{shown}");
    assert_no_findings!(ids(&check(dir.path(), &[])));
}

#[test]
fn an_unsuppressible_rule_stays_reported_by_id_or_slug() {
    let text = "# Knees\n\n\
        <!-- medlint-disable-next-line MED101 -- quoting the trial; reviewed-by: jdoe -->\n\
        PRP cures arthritis.\n\n\
        <!-- medlint-disable-next-line -- a quotation; reviewed-by: jdoe -->\n\
        Ozone cures gout.\n";
    for name in ["MED101", "cure-claim"] {
        let dir = site(
            text,
            Some(&format!("[suppressions]\nunsuppressible = [\"{name}\"]\n")),
        );
        let o = check(dir.path(), &[]);
        let out = stdout(&o);
        // The named suppression and the one naming all rules are both reported, once each,
        // and neither hides the claim.
        assert_eq!(
            ids(&o),
            ["3 MED001", "4 MED101", "6 MED001", "7 MED101"],
            "{name}: {out}"
        );
        assert_eq!(
            out.matches("`MED101 cure-claim` cannot be suppressed on this site")
                .count(),
            2,
            "{out}"
        );
    }
}

#[test]
fn a_suppression_policy_naming_no_rule_is_a_config_error_at_its_line() {
    let dir = site(
        RECORDED,
        Some(
            "fail-on = \"error\"\n\n[suppressions]\nunsuppressible = [\"MED110\", \"cure-clam\"]\n",
        ),
    );
    let o = check(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("medlint.toml"), "{err}");
    assert!(err.contains(":4:"), "the line of the bad name: {err}");
    assert!(
        err.contains("unknown rule `cure-clam` in `unsuppressible`"),
        "{err}"
    );
    for (config, message) in [
        (
            "[suppressions]\nmax-expiry-days = 0\n",
            "`max-expiry-days` must be at least 1",
        ),
        ("[suppressions]\nreviewers = [\"jdoe\"]\n", "reviewers"),
    ] {
        let dir = site(RECORDED, Some(config));
        let o = check(dir.path(), &[]);
        assert_eq!(o.status.code(), Some(2), "{config}");
        assert!(stderr(&o).contains(message), "{config}: {}", stderr(&o));
    }
}

#[test]
fn max_expiry_days_requires_a_near_expiry() {
    let page = |expires: &str| {
        format!(
            "# Knees\n\n<!-- medlint-disable-next-line MED101 -- quoted; reviewed-by: jdoe{expires} -->\nPRP cures arthritis.\n"
        )
    };
    let config = Some("[suppressions]\nmax-expiry-days = 365\n");
    let today = ["--today", "2026-12-01"];
    let within = site(&page("; expires: 2027-12-01"), config);
    assert_no_findings!(ids(&check(within.path(), &today)));
    for (expires, message) in [
        (
            "",
            "has no `expires` date; this site requires one within 365 days (by 2027-12-01)",
        ),
        (
            "; expires: 2027-12-02",
            "expires 2027-12-02, later than this site allows (365 days: by 2027-12-01)",
        ),
    ] {
        let dir = site(&page(expires), config);
        let o = check(dir.path(), &today);
        let out = stdout(&o);
        assert_eq!(ids(&o), ["3 MED001", "4 MED101"], "{out}");
        assert!(out.contains(message), "{out}");
    }
}

#[test]
fn the_audit_listing_shows_reviewer_expiry_and_what_has_expired() {
    let text = "# Knees\n\n\
        <!-- medlint-disable-next-line MED101 -- quoting the trial; reviewed-by: jdoe; expires: 2027-06-30 -->\n\
        PRP cures arthritis.\n\n\
        <!-- medlint-disable-next-line MED101 -- a charity's name; reviewed-by: ann, legal; expires: 2029-01-31 -->\n\
        Ozone cures gout.\n\n\
        <!-- medlint-disable-next-line MED101 -- quoted -->\n\
        Honey cures colds.\n";
    let dir = site(text, None);
    let o = medlint(
        dir.path(),
        &["suppressions", "--today", "2028-01-01", "a.md"],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "a.md:3: medlint-disable-next-line MED101 — quoting the trial [suppressed 0; reviewed by jdoe; EXPIRED 2027-06-30]\n\
         a.md:6: medlint-disable-next-line MED101 — a charity's name [suppressed 1; reviewed by ann, legal; expires 2029-01-31]\n\
         a.md:9: medlint-disable-next-line MED101 — quoted [suppressed 1]\n\
         3 suppressions (1 expired)\n"
    );
    let o = medlint(
        dir.path(),
        &[
            "suppressions",
            "--format",
            "csv",
            "--today",
            "2028-01-01",
            "a.md",
        ],
    );
    assert_eq!(
        stdout(&o),
        "path,line,directive,rules,reason,suppressed,reviewed_by,expires,expired\n\
         a.md,3,medlint-disable-next-line,MED101,quoting the trial,0,jdoe,2027-06-30,true\n\
         a.md,6,medlint-disable-next-line,MED101,a charity's name,1,\"ann, legal\",2029-01-31,false\n\
         a.md,9,medlint-disable-next-line,MED101,quoted,1,,,false\n"
    );
    let o = medlint(
        dir.path(),
        &[
            "suppressions",
            "--format",
            "json",
            "--today",
            "2026-01-01",
            "a.md",
        ],
    );
    let rows: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON row"))
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["reviewed_by"], "jdoe");
    assert_eq!(rows[0]["expires"], "2027-06-30");
    assert_eq!(rows[0]["expired"], false);
    assert_eq!(rows[0]["suppressed"], 1);
    assert_eq!(rows[2]["reviewed_by"], serde_json::Value::Null);
}

#[test]
fn a_directive_naming_an_unsuppressible_rule_still_suppresses_the_others_it_names() {
    let text = "# Knees\n\n\
        <!-- medlint-disable-next-line MED103 MED106 -- quoting the trial's own conclusion -->\n\
        The trial's authors wrote that PRP is proven to reduce knee pain.\n";
    let select = ["--select", "MED0,MED103,MED106"];
    let open = site(text, None);
    let o = medlint(
        open.path(),
        &[&["check", "--format", "short"][..], &select, &["a.md"]].concat(),
    );
    assert_no_findings!(ids(&o), "{}", stdout(&o));
    let strict = site(
        text,
        Some("[suppressions]\nunsuppressible = [\"unsupported-evidence-claim\"]\n"),
    );
    let o = medlint(
        strict.path(),
        &[&["check", "--format", "short"][..], &select, &["a.md"]].concat(),
    );
    let out = stdout(&o);
    assert_eq!(ids(&o), ["3 MED001", "4 MED106"], "{out}");
    assert!(
        out.contains("`MED106 unsupported-evidence-claim` cannot be suppressed on this site"),
        "{out}"
    );
    let listed = stdout(&medlint(strict.path(), &["suppressions", "a.md"]));
    assert!(
        listed.contains("MED103 — quoting the trial's own conclusion [suppressed 1]"),
        "{listed}"
    );
}
