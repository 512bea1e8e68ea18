//! A rule's documentation as Markdown: what `medlint explain` prints and an editor's hover
//! shows. The text comes from packs, so callers escape it for wherever it goes.

use super::meta::RuleMeta;

/// The rule's heading, summary, severity, docs, tested examples and help, as Markdown.
pub fn explain(m: &RuleMeta) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {} {}\n\n{}\n\n", m.id, m.slug, m.summary));
    out.push_str(&format!(
        "Severity: {} · {} by default · scope: {} · defined in {}:{}\n\n",
        m.default_severity,
        if m.enabled_by_default { "on" } else { "off" },
        m.scope.as_str(),
        m.pack,
        m.line
    ));
    out.push_str(&jurisdictions_line(m));
    out.push_str(m.docs());
    out.push_str(&regulation_section(m));
    out.push_str("\n\n## Examples\n\nFlagged (the flagged words in brackets):\n\n");
    for b in m.bad() {
        out.push_str(&format!("- {}\n", mark(&b.text, &b.flags)));
    }
    out.push_str("\nNot flagged:\n\n");
    for g in m.good() {
        out.push_str(&format!("- {}\n", g.replace('\n', "⏎")));
    }
    if let Some(help) = &m.help {
        out.push_str(&format!("\n## What to write instead\n\n{help}\n"));
    }
    out
}

/// The line under the severity: the jurisdictions a rule applies in, and its audience.
fn jurisdictions_line(m: &RuleMeta) -> String {
    let all = m.jurisdictions.len() == super::meta::Jurisdiction::ALL.len();
    format!(
        "Jurisdictions: {}{} · audience: {}{}\n\n",
        m.jurisdiction_list(),
        if all { " (all)" } else { "" },
        if m.consumer_only {
            "consumers only (off for `audience: professional`)"
        } else {
            "any"
        },
        if m.approvable.is_empty() {
            String::new()
        } else {
            let classes: Vec<&str> = m.approvable.iter().map(|c| c.as_str()).collect();
            format!(
                " · lowered to info, with a note, for `product-class: {}`",
                classes.join("` or `")
            )
        }
    )
}

/// "## Regulation by jurisdiction": the law or code the rule follows in each jurisdiction.
fn regulation_section(m: &RuleMeta) -> String {
    if m.regulation.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n\n## Regulation by jurisdiction\n\n");
    for j in super::meta::Jurisdiction::ALL {
        let name = j.as_str().to_ascii_uppercase();
        match m.regulation.iter().find(|(k, _)| *k == j) {
            Some((_, text)) => out.push_str(&format!("- {name}: {}\n", text.replace('\n', " "))),
            None if j.in_list(&m.jurisdictions) => {
                out.push_str(&format!("- {name}: applies; see Why it matters\n"))
            }
            None => out.push_str(&format!("- {name}: does not apply\n")),
        }
    }
    out.trim_end().to_string()
}

/// Show an example with its flagged texts in brackets.
fn mark(text: &str, flags: &[String]) -> String {
    let mut out = String::new();
    let mut rest = text;
    for f in flags {
        match rest.find(f.as_str()) {
            Some(at) => {
                out.push_str(&rest[..at]);
                out.push_str(&format!("[{f}]"));
                rest = &rest[at + f.len()..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out.replace('\n', "⏎")
}
