//! The command line: `check` (the default), `rules`, `explain`, `test-rules`, `init`,
//! `suppressions`. Everything is written to the writers passed in, so tests can run the CLI
//! in-process.

mod check;
mod info;

pub use info::INIT_TEMPLATE;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::Buffer;

use crate::config::FailOn;
use crate::emit::{OutputFormat, text};
use crate::error::Error;
use crate::rules::Registry;

/// Exit status: nothing at or above `--fail-on`.
pub const EXIT_OK: u8 = 0;
/// Exit status: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage, config, pack or file error.
pub const EXIT_ERROR: u8 = 2;

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
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
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
}

#[derive(Args, Debug, Clone)]
struct SuppressionsArgs {
    /// Files or folders [default: .]
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    format: AuditFormat,
    /// Config file [default: medlint.toml in the current folder or a parent]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum AuditFormat {
    Text,
    Csv,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug, Clone)]
struct CheckArgs {
    /// Files or folders to lint; `-` reads standard input [default: .]
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// When to use colour (NO_COLOR is honoured)
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Config file [default: medlint.toml in the current folder or a parent]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore any medlint.toml
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Add the rule packs in DIR (repeatable)
    #[arg(long, value_name = "DIR")]
    lints: Vec<PathBuf>,
    /// Run only these rules: IDs, ID prefixes, slugs or ALL (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Option<Vec<String>>,
    /// Also run these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    extend_select: Vec<String>,
    /// Do not run these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Lowest severity that makes the exit status 1 [default: error]
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// File name to report (and to resolve links from) when reading standard input
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Folder that site-root links (/blog/x/) resolve against
    #[arg(long, value_name = "DIR")]
    site_root: Option<PathBuf>,
    /// Skip files matching GLOB when walking folders (repeatable)
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Do not honour .gitignore files
    #[arg(long)]
    no_gitignore: bool,
    /// Worker threads [default: one per core]
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Also write a report: FORMAT=PATH, e.g. sarif=medlint.sarif (repeatable)
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_output)]
    output: Vec<(OutputFormat, PathBuf)>,
    /// Print counts per rule and per file instead of the findings
    #[arg(long)]
    statistics: bool,
    /// Report only findings not recorded in this baseline file
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in a baseline file
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Lint only files changed since a git ref (committed, staged, unstaged or untracked)
    #[arg(long, value_name = "REF")]
    changed_since: Option<String>,
}

fn parse_output(s: &str) -> Result<(OutputFormat, PathBuf), String> {
    let (format, path) = s
        .split_once('=')
        .ok_or_else(|| "expected FORMAT=PATH, e.g. sarif=medlint.sarif".to_string())?;
    let format = OutputFormat::from_str(format, true).map_err(|_| {
        let names: Vec<String> = OutputFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        format!("unknown format `{format}`; one of {}", names.join(", "))
    })?;
    if path.is_empty() {
        return Err("the path after `=` is empty".into());
    }
    Ok((format, PathBuf::from(path)))
}

#[derive(Args, Debug)]
struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,
    #[command(flatten)]
    packs: PackArgs,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
struct ExplainArgs {
    /// Rule ID or slug
    rule: String,
    #[command(flatten)]
    packs: PackArgs,
}

#[derive(Args, Debug)]
struct PackArgs {
    /// Add the rule packs in DIR (repeatable)
    #[arg(long, value_name = "DIR")]
    lints: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct InitArgs {
    /// Overwrite an existing medlint.toml
    #[arg(long)]
    force: bool,
}

/// Standard streams, passed in so tests can capture them.
pub struct Io<'a> {
    /// Standard input.
    pub stdin: &'a mut dyn Read,
    /// Standard output.
    pub stdout: &'a mut dyn Write,
    /// Standard error.
    pub stderr: &'a mut dyn Write,
    /// Whether standard output is a terminal (for `--color auto`).
    pub stdout_is_terminal: bool,
}

/// Run the CLI with `args` (including the program name); returns the exit status.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>, io: &mut Io<'_>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let rendered = e.render().to_string();
            let out: &mut dyn Write = if e.use_stderr() { io.stderr } else { io.stdout };
            let _ = out.write_all(rendered.as_bytes());
            return code;
        }
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let result = match cli.command {
        None => check::check(cli.check, &cwd, io),
        Some(Command::Check(args)) => check::check(*args, &cwd, io),
        Some(Command::Rules(args)) => info::rules(args, &cwd, io),
        Some(Command::Explain(args)) => info::explain(args, &cwd, io),
        Some(Command::TestRules(args)) => info::test_rules(args, &cwd, io),
        Some(Command::Init(args)) => info::init(args, &cwd, io),
        Some(Command::Suppressions(args)) => check::suppressions(args, &cwd, io),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(io.stderr, "error: {e}");
            EXIT_ERROR
        }
    }
}

fn color_choice(color: Color, is_terminal: bool) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn buffer(colored: bool) -> Buffer {
    if colored {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

fn print_errors(errors: &[Error], io: &mut Io<'_>) -> io::Result<()> {
    let colored = color_choice(Color::Auto, io::stderr().is_terminal());
    let mut buf = buffer(colored);
    for e in errors {
        text::render_error(e, &mut buf)?;
    }
    io.stderr.write_all(buf.as_slice())
}

fn load_registry(dirs: &[PathBuf], io: &mut Io<'_>) -> io::Result<Option<Registry>> {
    match Registry::load(dirs) {
        Ok(r) => Ok(Some(r)),
        Err(errors) => {
            print_errors(&errors, io)?;
            Ok(None)
        }
    }
}
