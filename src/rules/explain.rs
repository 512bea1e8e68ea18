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
    out.push_str(&m.docs);
    out.push_str("\n\n## Examples\n\nFlagged (the flagged words in brackets):\n\n");
    for b in &m.bad {
        out.push_str(&format!("- {}\n", mark(&b.text, &b.flags)));
    }
    out.push_str("\nNot flagged:\n\n");
    for g in &m.good {
        out.push_str(&format!("- {}\n", g.replace('\n', "⏎")));
    }
    if let Some(help) = &m.help {
        out.push_str(&format!("\n## What to write instead\n\n{help}\n"));
    }
    out
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
