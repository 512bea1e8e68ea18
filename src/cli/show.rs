//! `--show-settings` and `--show-files`: what a run would use and read, printed instead of
//! linting, so a surprising result can be traced to its config file, site root or file list.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::config::{FailOn, Settings};
use crate::document::article::Article;
use crate::document::{Document, Format};
use crate::files::path::{display_name, normalize, relative_to};
use crate::input::Inputs;
use crate::rules::Registry;
use crate::source::FileId;
use crate::text::escape::visible;

/// The settings in force for `path`: config file, site root, fail level and each selected
/// rule at its effective severity (per-path overrides applied).
pub fn settings(
    out: &mut dyn Write,
    config: Option<&Path>,
    settings: &Settings,
    registry: &Registry,
    path: &Path,
    cwd: &Path,
) -> io::Result<()> {
    let shown = |p: &Path| visible(&display_name(p, cwd)).into_owned();
    let config = config.map_or("none".to_string(), shown);
    let root = if settings.site_root == cwd {
        ".".to_string()
    } else {
        shown(&settings.site_root)
    };
    let named = shown(path);
    writeln!(out, "path: {}", if named.is_empty() { "." } else { &named })?;
    writeln!(out, "config file: {config}")?;
    writeln!(out, "site root: {root}")?;
    writeln!(out, "fail on: {}", fail_on(settings.fail_on))?;
    if let Some(policy) = suppression_policy(settings, registry) {
        writeln!(out, "suppressions: {policy}")?;
    }
    let full = normalize(&cwd.join(path));
    let rel = relative_to(&full, &settings.base_dir);
    let profile: Vec<&str> = settings.profile.iter().map(|j| j.as_str()).collect();
    writeln!(out, "profile: {}", profile.join(", "))?;
    let article = match front_matter(&full, settings) {
        Ok(article) => article,
        Err(message) => {
            writeln!(out, "front matter: {}", visible(&message))?;
            Article::default()
        }
    };
    let regimes: Vec<&str> = settings
        .regimes_for(&article)
        .iter()
        .map(|j| j.as_str())
        .collect();
    let source = if article.jurisdictions.is_some() {
        "front matter"
    } else {
        "profile"
    };
    writeln!(
        out,
        "jurisdiction: {} (from the {source})",
        regimes.join(", ")
    )?;
    if let Some(a) = article.audience {
        writeln!(out, "audience: {}", a.as_str())?;
    }
    if let Some(c) = article.product_class {
        writeln!(out, "product class: {}", c.as_str())?;
    }
    let selection = settings.selection_for_article(&rel, &article);
    let on: Vec<_> = registry
        .rules
        .iter()
        .zip(&selection)
        .filter_map(|(rule, level)| level.map(|l| (&rule.meta, l)))
        .collect();
    writeln!(out, "rules ({}):", on.len())?;
    for (meta, level) in on {
        writeln!(out, "  {} {} {level}", meta.id, meta.slug)?;
    }
    Ok(())
}

/// `[suppressions]` in a line, when it asks anything.
fn suppression_policy(settings: &Settings, registry: &Registry) -> Option<String> {
    let policy = &settings.suppressions;
    let mut parts = Vec::new();
    if policy.require_reviewed_by {
        parts.push("reviewed-by required".to_string());
    }
    if let Some(days) = policy.max_expiry_days {
        parts.push(format!("expiry within {days} days"));
    }
    if !policy.unsuppressible.is_empty() {
        let ids: Vec<&str> = policy
            .unsuppressible
            .iter()
            .map(|&i| registry.meta(i).id.as_str())
            .collect();
        parts.push(format!("unsuppressible {}", ids.join(" ")));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// What the front matter of the file at `path` declares; nothing when it is a folder, cannot
/// be read or has none (the run itself reports a file it cannot read).
fn front_matter(path: &Path, settings: &Settings) -> Result<Article, String> {
    let name = path.to_string_lossy();
    let (Some(format), true) = (Format::from_path(&name), path.is_file()) else {
        return Ok(Article::default());
    };
    let Ok(text) = crate::files::read::read_file(path, &name, settings.max_file_mib) else {
        return Ok(Article::default());
    };
    let doc = Document::parse(FileId(0), format, &text, &settings.parse);
    Article::read(&text, doc.front_matter).map_err(|e| {
        let line = text[..e.span.start as usize].matches('\n').count() + 1;
        format!("line {line}: {}", e.message)
    })
}

fn fail_on(level: FailOn) -> &'static str {
    match level {
        FailOn::Error => "error",
        FailOn::Warning => "warning",
        FailOn::Info => "info",
        FailOn::Never => "never",
    }
}

/// The files a run would lint, one a line, as findings would name them.
pub fn files(out: &mut dyn Write, inputs: &Inputs, cwd: &Path) -> io::Result<()> {
    for input in inputs.iter() {
        writeln!(out, "{}", visible(&input.display(cwd)))?;
    }
    Ok(())
}

/// The path `--show-settings` describes: the first one given, else the current folder.
pub fn first_path(paths: &[PathBuf], stdin_filename: Option<&str>) -> PathBuf {
    match paths.first() {
        Some(p) if p.as_os_str() == "-" => PathBuf::from(stdin_filename.unwrap_or("stdin.md")),
        Some(p) => p.clone(),
        None => PathBuf::from("."),
    }
}
