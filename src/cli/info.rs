//! The informational commands: `rules`, `explain`, `test-rules`, `init`.

use std::io;
use std::path::Path;

use super::args::{ExplainArgs, InitArgs, ListFormat, PackArgs, RulesArgs};
use super::exit::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use super::packs::load_registry;
use super::streams::Io;
use crate::emit::OutputFormat;
use crate::examples::check_all;

pub(super) fn rules(args: RulesArgs, _cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let Some(registry) = load_registry(&args.packs.lints, OutputFormat::Text, io)? else {
        return Ok(EXIT_ERROR);
    };
    let mut sorted: Vec<&crate::rules::Rule> = registry.rules.iter().collect();
    sorted.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    match args.format {
        ListFormat::Json => {
            for r in &sorted {
                let m = &r.meta;
                let line = serde_json::json!({
                    "id": m.id,
                    "slug": m.slug,
                    "kind": m.kind,
                    "scope": m.scope.as_str(),
                    "severity": m.default_severity.as_str(),
                    "enabled": m.enabled_by_default,
                    "jurisdictions": m.jurisdictions.iter().map(|j| j.as_str()).collect::<Vec<_>>(),
                    "audience": if m.consumer_only { "consumer" } else { "any" },
                    "summary": m.summary,
                    "pack": m.pack,
                });
                writeln!(io.stdout, "{line}")?;
            }
        }
        ListFormat::Text => {
            let slug_width = registry
                .rules
                .iter()
                .map(|r| r.meta.slug.len())
                .max()
                .unwrap_or(4);
            writeln!(
                io.stdout,
                "{:<7} {:<slug_width$} {:<8} {:<3} {:<10} SUMMARY",
                "ID", "SLUG", "SEVERITY", "ON", "WHERE"
            )?;
            for r in &sorted {
                let m = &r.meta;
                writeln!(
                    io.stdout,
                    "{:<7} {:<slug_width$} {:<8} {:<3} {:<10} {}",
                    m.id,
                    m.slug,
                    m.default_severity.as_str(),
                    if m.enabled_by_default { "yes" } else { "no" },
                    where_short(m),
                    crate::text::escape::visible(&m.summary)
                )?;
            }
        }
    }
    Ok(EXIT_OK)
}

pub(super) fn explain(args: ExplainArgs, _cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let Some(registry) = load_registry(&args.packs.lints, OutputFormat::Text, io)? else {
        return Ok(EXIT_ERROR);
    };
    let Some(i) = registry.find(&args.rule) else {
        writeln!(
            io.stderr,
            "error: unknown rule `{}`; `medlint rules` lists them",
            args.rule
        )?;
        return Ok(EXIT_ERROR);
    };
    let mut out = crate::rules::explain::explain(registry.meta(i));
    out.push_str(&fixes_section(&registry, i));
    // Docs, examples and help come from packs, which a pull request may change.
    io.stdout
        .write_all(crate::text::escape::visible_lines(&out).as_bytes())?;
    Ok(EXIT_OK)
}

/// Where a rule applies, for the `rules` listing: `all`, or its codes (`uk,eu`).
fn where_short(m: &crate::rules::RuleMeta) -> String {
    let mut codes = if m.jurisdictions.len() == crate::rules::meta::Jurisdiction::ALL.len() {
        "all".to_string()
    } else {
        m.jurisdictions
            .iter()
            .map(|j| j.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    if m.consumer_only {
        codes.push_str(" (c)");
    }
    codes
}

/// "## Fixes": each bad example with a fix, before → after, with the fix's tier (the least safe
/// of its suggestions).
fn fixes_section(registry: &crate::rules::Registry, i: usize) -> String {
    let m = registry.meta(i);
    let mut lines = String::new();
    for b in m.bad() {
        let Some(fixed) = &b.fixed else { continue };
        let tier = crate::examples::suggestions(registry, i, &b.text)
            .iter()
            .map(|s| s.safety)
            .max();
        let Some(tier) = tier else { continue };
        lines.push_str(&format!(
            "- Fix ({}): {} → {}\n",
            tier.as_str(),
            b.text.replace('\n', "⏎"),
            fixed.replace('\n', "⏎")
        ));
    }
    if lines.is_empty() {
        return String::new();
    }
    format!(
        "\n## Fixes\n\n`check --fix` applies safe fixes; unsafe ones need `--unsafe-fixes` too (review them: only a person can judge a rewrite of a health claim).\n\n{lines}"
    )
}

pub(super) fn test_rules(args: PackArgs, _cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let Some(registry) = load_registry(&args.lints, OutputFormat::Text, io)? else {
        return Ok(EXIT_ERROR);
    };
    let (count, failures) = check_all(&registry, None);
    for f in &failures {
        let got = if f.which.ends_with("(fixed)") {
            "fixed into"
        } else {
            "flagged"
        };
        let line = format!(
            "FAIL {} {} ({}): expected {:?}, {got} {:?}\n     {:?}",
            f.rule, f.which, f.pack, f.expected, f.found, f.text
        );
        writeln!(io.stdout, "{}", crate::text::escape::visible_lines(&line))?;
    }
    writeln!(
        io.stdout,
        "{} passed, {} failed ({} rules)",
        count - failures.len(),
        failures.len(),
        registry.rules.len()
    )?;
    Ok(if failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

/// The commented config `medlint init` writes.
pub const INIT_TEMPLATE: &str = include_str!("init.toml");

pub(super) fn init(args: InitArgs, cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let path = cwd.join(crate::config::FILE_NAME);
    // Anything of that name counts, a symlink to nothing included.
    if crate::files::write::occupied(&path) && !args.force {
        writeln!(
            io.stderr,
            "error: {}: already exists (use --force to overwrite)",
            path.display()
        )?;
        return Ok(EXIT_ERROR);
    }
    if let Err(e) = crate::files::write::atomic_write(&path, INIT_TEMPLATE.as_bytes()) {
        writeln!(io.stderr, "error: {}: cannot write: {e}", path.display())?;
        return Ok(EXIT_ERROR);
    }
    writeln!(io.stdout, "wrote {}", crate::config::FILE_NAME)?;
    Ok(EXIT_OK)
}
