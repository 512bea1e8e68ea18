//! What reports take from the command line and the environment: the fail level, the Markdown
//! summary's link base (`--link-base`, else GitHub Actions' `GITHUB_SERVER_URL`,
//! `GITHUB_REPOSITORY` and `GITHUB_SHA`), and why a run linted nothing.

use std::path::Path;

use crate::emit::{LinkBase, OutputFormat};
use crate::files::path::path_text;

/// A link base as `--link-base` takes it: an http(s) URL without spaces or control
/// characters, given a trailing `/`.
pub(super) fn parse_link_base(s: &str) -> Result<String, String> {
    let scheme = s.starts_with("https://") || s.starts_with("http://");
    if !scheme || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(
            "expected an http(s) URL, e.g. https://github.com/owner/repo/blob/main/".into(),
        );
    }
    Ok(if s.ends_with('/') {
        s.to_string()
    } else {
        format!("{s}/")
    })
}

/// The report format a path's extension names, for `--output PATH`: `.sarif`, `.json`,
/// `.html`/`.htm`, `.csv`, `.xml` (JUnit), `.md`/`.markdown`, `.txt` (text); any other, none.
pub(super) fn format_of_path(path: &Path) -> Option<OutputFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match extension.as_str() {
        "sarif" => OutputFormat::Sarif,
        "json" => OutputFormat::Json,
        "html" | "htm" => OutputFormat::Html,
        "csv" => OutputFormat::Csv,
        "xml" => OutputFormat::Junit,
        "md" | "markdown" => OutputFormat::Markdown,
        "txt" => OutputFormat::Text,
        _ => return None,
    })
}

/// The narrowest and widest a terminal is taken to be (`--width` holds to the same bounds).
const WIDTHS: std::ops::RangeInclusive<usize> = 20..=1000;

/// How wide text output may be, in columns: `--width`, else `COLUMNS` (a number), else the
/// terminal's width when standard output is one; else none, and lines are not trimmed to a
/// width (only lines over `LONG_LINE` bytes are windowed), so text written to a pipe or a file
/// stays the same whatever the terminal that started the run.
pub(super) fn text_width(
    flag: Option<u16>,
    env: &dyn Fn(&str) -> Option<String>,
    stdout_is_terminal: bool,
) -> Option<usize> {
    if let Some(width) = flag {
        return Some(usize::from(width));
    }
    let columns = env("COLUMNS").and_then(|c| c.trim().parse::<usize>().ok());
    columns
        .filter(|&c| c > 0)
        .or_else(|| stdout_is_terminal.then(terminal_columns).flatten())
        .map(|c| c.clamp(*WIDTHS.start(), *WIDTHS.end()))
}

/// The columns of the terminal on standard output, if it is one.
#[cfg(unix)]
fn terminal_columns() -> Option<usize> {
    let size = rustix::termios::tcgetwinsize(std::io::stdout()).ok()?;
    (size.ws_col > 0).then_some(usize::from(size.ws_col))
}

#[cfg(not(unix))]
fn terminal_columns() -> Option<usize> {
    None
}

/// GitHub's blob URL for this commit, when the Actions variables are set and well formed.
fn github_base(env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let server = env("GITHUB_SERVER_URL").filter(|s| !s.is_empty())?;
    let repo = env("GITHUB_REPOSITORY")
        .filter(|r| r.split('/').count() == 2)
        .filter(|r| r.split('/').all(|p| !p.is_empty() && p != "." && p != ".."))
        .filter(|r| {
            r.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._/".contains(&b))
        })?;
    let sha =
        env("GITHUB_SHA").filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit()))?;
    parse_link_base(&format!(
        "{}/{repo}/blob/{sha}/",
        server.trim_end_matches('/')
    ))
    .ok()
}

/// The working folder's path inside the git work tree that holds it (`docs/`), empty at its
/// top or outside any work tree: file names in reports are relative to the working folder,
/// links to the repository's top.
fn folder_in_repository(cwd: &Path) -> String {
    let Some(top) = cwd.ancestors().find(|dir| dir.join(".git").exists()) else {
        return String::new();
    };
    match cwd.strip_prefix(top) {
        Ok(rel) if !rel.as_os_str().is_empty() => format!("{}/", path_text(rel)),
        _ => String::new(),
    }
}

/// The link base for this run: the flag, else GitHub Actions' variables, else none.
pub(super) fn link_base(
    flag: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
    cwd: &Path,
) -> Option<LinkBase> {
    let url = flag.map(str::to_string).or_else(|| github_base(env))?;
    Some(LinkBase {
        url,
        folder: folder_in_repository(cwd),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            vars.iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn an_extension_names_a_report_format() {
        let of = |p: &str| format_of_path(Path::new(p));
        assert_eq!(of("out/report.sarif"), Some(OutputFormat::Sarif));
        assert_eq!(of("report.JSON"), Some(OutputFormat::Json));
        assert_eq!(of("report.htm"), Some(OutputFormat::Html));
        assert_eq!(of("junit.xml"), Some(OutputFormat::Junit));
        assert_eq!(of("summary.md"), Some(OutputFormat::Markdown));
        assert_eq!(of("findings.csv"), Some(OutputFormat::Csv));
        assert_eq!(of("findings.txt"), Some(OutputFormat::Text));
        assert_eq!(of("report.pdf"), None);
        assert_eq!(of("report"), None);
    }

    #[test]
    fn the_width_is_the_flag_then_columns_then_none_off_a_terminal() {
        let none = env(&[]);
        assert_eq!(
            text_width(Some(72), &env(&[("COLUMNS", "200")]), false),
            Some(72)
        );
        assert_eq!(
            text_width(None, &env(&[("COLUMNS", "132")]), false),
            Some(132)
        );
        assert_eq!(text_width(None, &env(&[("COLUMNS", "5")]), false), Some(20));
        assert_eq!(
            text_width(None, &env(&[("COLUMNS", "99999")]), false),
            Some(1000)
        );
        assert_eq!(text_width(None, &env(&[("COLUMNS", "wide")]), false), None);
        assert_eq!(text_width(None, &env(&[("COLUMNS", "0")]), false), None);
        assert_eq!(text_width(None, &none, false), None);
    }

    #[test]
    fn github_variables_make_a_blob_url() {
        let vars = env(&[
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "acme/clinic-site"),
            ("GITHUB_SHA", "0123abcd"),
        ]);
        assert_eq!(
            github_base(&vars).as_deref(),
            Some("https://github.com/acme/clinic-site/blob/0123abcd/")
        );
    }

    #[test]
    fn malformed_variables_give_no_base() {
        let vars = env(&[
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "acme/../x"),
            ("GITHUB_SHA", "0123abcd"),
        ]);
        assert_eq!(github_base(&vars), None);
        let vars = env(&[
            ("GITHUB_SERVER_URL", "javascript:alert(1)"),
            ("GITHUB_REPOSITORY", "acme/site"),
            ("GITHUB_SHA", "0123abcd"),
        ]);
        assert_eq!(github_base(&vars), None);
        assert!(parse_link_base("https://x/a b").is_err());
        assert_eq!(parse_link_base("https://x/b").unwrap(), "https://x/b/");
    }
}
