//! The run record at the top of the page: the verdict, when and how the report was made, what
//! it covered, the rule packs with their hashes and the severities in force.

use super::escape::{escape, escape_into};
use super::stats::plural;
use crate::emit::provenance::Provenance;

pub(super) fn record(out: &mut String, p: &Provenance) {
    let outcome = if p.verdict.passed { "pass" } else { "fail" };
    out.push_str(&format!(
        "<section id=\"record\" class=\"record\">\n<h2>Run record</h2>\n<p class=\"verdict {outcome}\"><strong>{}</strong> ",
        outcome.to_ascii_uppercase()
    ));
    escape_into(out, &p.verdict.reason);
    out.push_str(&format!(
        " <span class=\"muted\">exit status {}</span></p>\n",
        p.verdict.exit_code
    ));
    out.push_str("<div class=\"table-wrap\">\n<table class=\"record-table\">\n<tbody>\n");
    row(out, "Generated", &{
        let mut t = escape(&p.time_utc);
        if p.time_source == "SOURCE_DATE_EPOCH" {
            t.push_str(" <span class=\"muted\">(from SOURCE_DATE_EPOCH)</span>");
        }
        t
    });
    row(out, "medlint", &escape(&p.medlint_version));
    row(
        out,
        "Command",
        &format!("<code>{}</code>", escape(&p.command_line)),
    );
    let config = match &p.config {
        Some(c) => format!(
            "<code>{}</code> <span class=\"muted\">sha256</span> <code class=\"hash\">{}</code>",
            escape(&c.path),
            escape(&c.sha256)
        ),
        None => "none <span class=\"muted\">(defaults)</span>".to_string(),
    };
    row(out, "Config", &config);
    row(out, "Commit", &commit(p));
    row(out, "Scope", &scope(p));
    row(
        out,
        "Fails on",
        &format!(
            "{} <span class=\"muted\">and above (--fail-on)</span>",
            escape(&p.fail_on)
        ),
    );
    out.push_str("</tbody>\n</table>\n</div>\n");
    packs(out, p);
    in_force(out, p);
    out.push_str("</section>\n");
}

fn row(out: &mut String, key: &str, value: &str) {
    out.push_str(&format!(
        "<tr><th scope=\"row\">{key}</th><td>{value}</td></tr>\n"
    ));
}

fn commit(p: &Provenance) -> String {
    let Some(git) = &p.git else {
        return "none <span class=\"muted\">(not in a git repository)</span>".to_string();
    };
    let mut s = format!("<code class=\"hash\">{}</code>", escape(&git.commit));
    match &git.branch {
        Some(b) => s.push_str(&format!(" on branch <code>{}</code>", escape(b))),
        None => s.push_str(" <span class=\"muted\">(detached)</span>"),
    }
    s.push_str(if git.dirty {
        "; <strong class=\"dirty\">with uncommitted changes</strong>"
    } else {
        "; work tree clean"
    });
    if let Some(repo) = &git.repository {
        s.push_str(&format!("; <code>{}</code>", escape(repo)));
    }
    s
}

fn scope(p: &Provenance) -> String {
    let s = &p.scope;
    let mut parts = vec![format!("{} linted", plural(s.files_linted, "file"))];
    if s.files_skipped > 0 {
        parts.push(format!(
            "{} skipped (not articles)",
            plural(s.files_skipped, "file")
        ));
    }
    if let Some(reference) = &s.changed_since {
        parts.push(format!(
            "<strong>only files changed since <code>{}</code></strong> ({} left out)",
            escape(reference),
            plural(s.files_unchanged, "unchanged file")
        ));
    }
    if let Some(baseline) = &s.baseline {
        parts.push(format!(
            "<strong>baseline <code>{}</code> hid {}</strong>",
            escape(baseline),
            plural(s.hidden_by_baseline, "finding")
        ));
    }
    parts.push(format!(
        "{} suppressed by <code>medlint-disable</code> comments",
        plural(s.suppressed, "finding")
    ));
    if s.tool_errors > 0 {
        parts.push(format!(
            "<strong class=\"dirty\">{}</strong>",
            plural(s.tool_errors, "tool error")
        ));
    }
    parts.join(" · ")
}

fn packs(out: &mut String, p: &Provenance) {
    out.push_str(concat!(
        "<h3>Rule packs</h3>\n<div class=\"table-wrap\">\n<table class=\"packs\">\n<thead><tr>",
        "<th scope=\"col\">Pack</th><th scope=\"col\">Version</th><th scope=\"col\">Source</th>",
        "<th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n"
    ));
    for pack in &p.packs {
        out.push_str(&format!(
            "<tr><td class=\"nowrap\">{}</td><td>{}</td><td class=\"source\">{}</td><td><code class=\"hash\">{}</code></td></tr>\n",
            escape(&pack.name),
            pack.version
                .as_deref()
                .map_or("<span class=\"muted\">none</span>".to_string(), escape),
            escape(&pack.source),
            escape(&pack.sha256)
        ));
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

/// The rules that ran and at what severity (marking those a config or flag changed), then those
/// that were off.
fn in_force(out: &mut String, p: &Provenance) {
    out.push_str("<h3>Severities in force</h3>\n<p class=\"in-force\">");
    let mut first = true;
    for r in p.rules.iter().filter(|r| r.severity != "off") {
        if !first {
            out.push_str(" · ");
        }
        first = false;
        let changed = r.severity != r.default_severity;
        out.push_str(&format!(
            "<span class=\"level{}\"><code>{}</code> {}",
            if changed { " changed" } else { "" },
            escape(&r.id),
            escape(&r.severity)
        ));
        if changed {
            out.push_str(&format!(
                " <span class=\"muted\">(default {})</span>",
                escape(&r.default_severity)
            ));
        }
        out.push_str("</span>");
    }
    if first {
        out.push_str("No rule ran.");
    }
    out.push_str("</p>\n");
    let off: Vec<String> = p
        .rules
        .iter()
        .filter(|r| r.severity == "off")
        .map(|r| format!("<code>{}</code>", escape(&r.id)))
        .collect();
    if !off.is_empty() {
        out.push_str("<p class=\"in-force off\"><span class=\"key\">off</span> ");
        out.push_str(&off.join(" "));
        out.push_str("</p>\n");
    }
}
