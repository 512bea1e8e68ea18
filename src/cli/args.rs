//! The command line as clap reads it: the subcommands, their flags and the values those take.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::FailOn;
use crate::emit::OutputFormat;

/// A compliance linter for patient-facing health content.
#[derive(Parser, Debug)]
#[command(
    name = "medlint",
    version,
    about = "A compliance linter for patient-facing health content.",
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage, config, pack or file error.\nRun `medlint explain MED101` for a rule's documentation."
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Option<Command>,
    #[command(flatten)]
    pub(super) check: CheckArgs,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
    /// Lint articles (the default command).
    Check(Box<CheckArgs>),
    /// List the rules.
    Rules(RulesArgs),
    /// Show a rule's documentation and tested examples.
    Explain(ExplainArgs),
    /// Run every rule's examples (for rule authors).
    TestRules(PackArgs),
    /// Write a commented medlint.toml in the current folder.
    Init(InitArgs),
    /// List every suppression comment with its rules and reason (the audit trail).
    Suppressions(SuppressionsArgs),
    /// Run the language server (LSP over standard input and output) for editors.
    Server(ServerArgs),
}

#[derive(Args, Debug, Clone)]
pub(super) struct ServerArgs {
    /// Accepted for clients that pass it: standard input and output are the only transport
    #[arg(long)]
    pub(super) stdio: bool,
}

#[derive(Args, Debug, Clone)]
pub(super) struct SuppressionsArgs {
    /// Files or folders [default: .]
    pub(super) paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub(super) format: AuditFormat,
    /// Config file [default: the nearest medlint.toml above the first path]
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Judge suppression expiry as on this date [default: MEDLINT_TODAY, else today in UTC]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::today::parse_today)]
    pub(super) today: Option<crate::review::Date>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum AuditFormat {
    Text,
    Csv,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug, Clone)]
pub(super) struct CheckArgs {
    /// Files or folders to lint; `-` reads standard input [default: .]
    pub(super) paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub(super) format: OutputFormat,
    /// When to use colour (NO_COLOR is honoured)
    #[arg(long, value_enum, default_value = "auto")]
    pub(super) color: Color,
    /// Config file [default: the nearest medlint.toml above the first path]
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Ignore any medlint.toml
    #[arg(long, conflicts_with = "config")]
    pub(super) no_config: bool,
    /// Add the rule packs in DIR (repeatable)
    #[arg(long, value_name = "DIR")]
    pub(super) lints: Vec<PathBuf>,
    /// Follow the rules of these jurisdictions: us, uk, eu (comma-separated) [default: us]
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub(super) profile: Option<Vec<String>>,
    /// Run only these rules: IDs, ID prefixes, slugs or ALL (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(super) select: Option<Vec<String>>,
    /// Also run these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(super) extend_select: Vec<String>,
    /// Do not run these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(super) ignore: Vec<String>,
    /// Lowest severity that makes the exit status 1 [default: error]
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(super) fail_on: Option<FailOn>,
    /// Name standard input reports as and resolves links from; alone, it implies `-`
    #[arg(long, value_name = "NAME")]
    pub(super) stdin_filename: Option<String>,
    /// Where /blog/x/ links resolve [default: the config's folder, else the folder named]
    #[arg(long, value_name = "DIR")]
    pub(super) site_root: Option<PathBuf>,
    /// Skip files matching GLOB when walking folders (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub(super) exclude: Vec<String>,
    /// Do not honour .gitignore files
    #[arg(long)]
    pub(super) no_gitignore: bool,
    /// Worker threads [default: one per core; at most 4 per core, or 8]
    #[arg(long, value_name = "N")]
    pub(super) threads: Option<usize>,
    /// Also write a report: a format from PATH's extension, or FORMAT=PATH (repeatable)
    #[arg(long, value_name = "[FORMAT=]PATH", value_parser = parse_output)]
    pub(super) output: Vec<(OutputFormat, PathBuf)>,
    /// Trim text output's long lines to N columns [default: COLUMNS, else the terminal's]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub(super) width: Option<u16>,
    /// Print counts per rule and per file instead of the findings
    #[arg(long)]
    pub(super) statistics: bool,
    /// Report only findings not recorded in this baseline file
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Record the current findings in a baseline file
    #[arg(long, value_name = "FILE")]
    pub(super) write_baseline: Option<PathBuf>,
    /// Lint only files changed since a git ref (committed, staged, unstaged or untracked)
    #[arg(long, value_name = "REF")]
    pub(super) changed_since: Option<String>,
    /// Markdown report: link findings to URL + path#L12 [default: GitHub Actions' blob URL]
    #[arg(long, value_name = "URL", value_parser = super::report_options::parse_link_base)]
    pub(super) link_base: Option<String>,
    /// Print the config file, site root, fail level, jurisdiction and rules in force for the first path
    #[arg(long, conflicts_with = "show_files")]
    pub(super) show_settings: bool,
    /// Print the files that would be linted, one a line, and lint nothing
    #[arg(long)]
    pub(super) show_files: bool,
    /// Let --output and --write-baseline replace a .md, .txt or .html file (never a linted one)
    #[arg(long)]
    pub(super) force: bool,
    /// Apply safe fixes to the files linted (with `-`, print the fixed text)
    #[arg(long, conflicts_with_all = ["show_settings", "show_files"])]
    pub(super) fix: bool,
    /// With --fix or --diff, also apply unsafe fixes (rewrites of claims: review them)
    #[arg(long)]
    pub(super) unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change and write nothing (exit 1 if any)
    #[arg(long, conflicts_with_all = ["show_settings", "show_files"])]
    pub(super) diff: bool,
    /// Judge suppression expiry as on this date [default: MEDLINT_TODAY, else today in UTC]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::today::parse_today)]
    pub(super) today: Option<crate::review::Date>,
}

/// `--output`: `FORMAT=PATH`, or a bare path whose extension names the format.
fn parse_output(s: &str) -> Result<(OutputFormat, PathBuf), String> {
    let names = || {
        OutputFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect::<Vec<String>>()
            .join(", ")
    };
    if let Some((format, path)) = s.split_once('=')
        && let Ok(format) = OutputFormat::from_str(format, true)
    {
        if path.is_empty() {
            return Err("the path after `=` is empty".into());
        }
        return Ok((format, PathBuf::from(path)));
    }
    if s.is_empty() {
        return Err("expected PATH or FORMAT=PATH, e.g. medlint.sarif".into());
    }
    let path = PathBuf::from(s);
    match super::report_options::format_of_path(&path) {
        Some(format) => Ok((format, path)),
        // `pdf=x.pdf`: a format name that is not one.
        None if s.split_once('=').is_some_and(|(f, _)| {
            !f.is_empty() && f.bytes().all(|b| b.is_ascii_alphanumeric())
        }) =>
        {
            let format = s.split_once('=').map_or("", |(f, _)| f);
            Err(format!("unknown format `{format}`; one of {}", names()))
        }
        None => Err(format!(
            "cannot tell the format of `{s}` from its extension (.sarif, .json, .html, .csv, .xml, .md, .txt); \
             name it as FORMAT=PATH, FORMAT one of {}",
            names()
        )),
    }
}

#[derive(Args, Debug)]
pub(super) struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub(super) format: ListFormat,
    #[command(flatten)]
    pub(super) packs: PackArgs,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum ListFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub(super) struct ExplainArgs {
    /// Rule ID or slug
    pub(super) rule: String,
    #[command(flatten)]
    pub(super) packs: PackArgs,
}

#[derive(Args, Debug)]
pub(super) struct PackArgs {
    /// Add the rule packs in DIR (repeatable)
    #[arg(long, value_name = "DIR")]
    pub(super) lints: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub(super) struct InitArgs {
    /// Overwrite an existing medlint.toml
    #[arg(long)]
    pub(super) force: bool,
}
