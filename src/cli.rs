//! The command line: `check` (the default), `rules`, `explain`, `test-rules`, `init`.
//! Everything is written to the writers passed in, so tests can run the CLI in-process.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::Buffer;

use crate::config::{CliOverrides, Config, FailOn, Settings};
use crate::discover::{Input, discover, display_name};
use crate::document::Format;
use crate::emit::{OutputFormat, json, text};
use crate::engine::{Engine, Report};
use crate::error::Error;
use crate::rules::Registry;
use crate::rules::examples::check_all;

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
    Check(CheckArgs),
    /// List the rules.
    Rules(RulesArgs),
    /// Show a rule's documentation and tested examples.
    Explain(ExplainArgs),
    /// Run every rule's examples (for rule authors).
    TestRules(PackArgs),
    /// Write a commented medlint.toml in the current folder.
    Init(InitArgs),
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
        None => check(cli.check, &cwd, io),
        Some(Command::Check(args)) => check(args, &cwd, io),
        Some(Command::Rules(args)) => rules(args, &cwd, io),
        Some(Command::Explain(args)) => explain(args, &cwd, io),
        Some(Command::TestRules(args)) => test_rules(args, &cwd, io),
        Some(Command::Init(args)) => init(args, &cwd, io),
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

fn check(args: CheckArgs, cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let mut config = if args.no_config {
        Config::empty()
    } else {
        let path = args.config.clone().or_else(|| Config::discover(cwd));
        match path {
            Some(p) => match Config::load(&p) {
                Ok(c) => c,
                Err(e) => {
                    print_errors(&[e], io)?;
                    return Ok(EXIT_ERROR);
                }
            },
            None => Config::empty(),
        }
    };
    let overrides = CliOverrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on,
        lints: args.lints.clone(),
        exclude: args.exclude.clone(),
        site_root: args.site_root.clone(),
        no_gitignore: args.no_gitignore,
    };
    let Some(mut registry) = load_registry(&config.pack_dirs(cwd, &overrides), io)? else {
        return Ok(EXIT_ERROR);
    };
    let settings = match config.resolve(&mut registry, &overrides, cwd) {
        Ok(s) => s,
        Err(errors) => {
            print_errors(&errors, io)?;
            return Ok(EXIT_ERROR);
        }
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (file_paths, wants_stdin): (Vec<PathBuf>, bool) = {
        let stdin = paths.iter().any(|p| p.as_os_str() == "-");
        (
            paths.into_iter().filter(|p| p.as_os_str() != "-").collect(),
            stdin,
        )
    };
    let (mut inputs, mut errors) = if file_paths.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        discover(&file_paths, &settings, cwd)
    };
    if wants_stdin {
        match stdin_input(&args, cwd, io) {
            Ok(input) => inputs.push(input),
            Err(e) => errors.push(e),
        }
    }
    if inputs.is_empty() && errors.is_empty() {
        writeln!(
            io.stderr,
            "warning: no articles (.md, .markdown, .txt) found"
        )?;
        return Ok(EXIT_OK);
    }
    let report = lint(&registry, &settings, inputs, errors, args.threads)?;
    write_report(&report, &args, io)?;
    Ok(report.exit_code(settings.fail_on))
}

fn stdin_input(args: &CheckArgs, cwd: &Path, io: &mut Io<'_>) -> Result<Input, Error> {
    let name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string());
    let mut bytes = Vec::new();
    io.stdin
        .read_to_end(&mut bytes)
        .map_err(|e| Error::input(&name, format!("cannot read standard input: {e}")))?;
    let text = crate::engine::decode(&name, bytes)?;
    let path =
        crate::rules::builtin::links::normalize(&cwd.join(if args.stdin_filename.is_some() {
            name.as_str()
        } else {
            "stdin.md"
        }));
    Ok(Input {
        name: if args.stdin_filename.is_some() {
            display_name(Path::new(&name), cwd)
        } else {
            name.clone()
        },
        path,
        format: Format::from_path(&name).unwrap_or(Format::Markdown),
        text: Some(text),
    })
}

fn lint(
    registry: &Registry,
    settings: &Settings,
    inputs: Vec<Input>,
    errors: Vec<Error>,
    threads: Option<usize>,
) -> io::Result<Report> {
    let engine = Engine {
        registry,
        settings,
        check_filesystem: true,
    };
    match threads {
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build()
                .map_err(io::Error::other)?;
            Ok(pool.install(|| engine.run(inputs, errors)))
        }
        None => Ok(engine.run(inputs, errors)),
    }
}

fn write_report(report: &Report, args: &CheckArgs, io: &mut Io<'_>) -> io::Result<()> {
    let files = report.sources.len();
    match args.format {
        OutputFormat::Json => {
            let mut out = String::new();
            for line in json::lines(report, files) {
                out.push_str(&line);
                out.push('\n');
            }
            io.stdout.write_all(out.as_bytes())?;
        }
        OutputFormat::Short => {
            let mut out = String::new();
            for d in &report.diagnostics {
                out.push_str(&text::short_line(report, d));
                out.push('\n');
            }
            io.stdout.write_all(out.as_bytes())?;
            print_errors(&report.errors, io)?;
        }
        OutputFormat::Text => {
            let colored = color_choice(args.color, io.stdout_is_terminal);
            let mut buf = buffer(colored);
            for d in &report.diagnostics {
                text::render(report, d, &mut buf)?;
            }
            io.stdout.write_all(buf.as_slice())?;
            writeln!(io.stdout, "{}", text::summary_line(report, files))?;
            print_errors(&report.errors, io)?;
        }
    }
    io.stdout.flush()
}

fn rules(args: RulesArgs, _cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let Some(registry) = load_registry(&args.packs.lints, io)? else {
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
                "{:<7} {:<slug_width$} {:<8} {:<3} SUMMARY",
                "ID", "SLUG", "SEVERITY", "ON"
            )?;
            for r in &sorted {
                let m = &r.meta;
                writeln!(
                    io.stdout,
                    "{:<7} {:<slug_width$} {:<8} {:<3} {}",
                    m.id,
                    m.slug,
                    m.default_severity.as_str(),
                    if m.enabled_by_default { "yes" } else { "no" },
                    m.summary
                )?;
            }
        }
    }
    Ok(EXIT_OK)
}

fn explain(args: ExplainArgs, _cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let Some(registry) = load_registry(&args.packs.lints, io)? else {
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
    let m = registry.meta(i);
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
    io.stdout.write_all(out.as_bytes())?;
    Ok(EXIT_OK)
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

fn test_rules(args: PackArgs, _cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let Some(registry) = load_registry(&args.lints, io)? else {
        return Ok(EXIT_ERROR);
    };
    let (count, failures) = check_all(&registry, None);
    for f in &failures {
        writeln!(
            io.stdout,
            "FAIL {} {} ({}): expected {:?}, flagged {:?}\n     {:?}",
            f.rule, f.which, f.pack, f.expected, f.found, f.text
        )?;
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

fn init(args: InitArgs, cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let path = cwd.join(crate::config::FILE_NAME);
    if path.exists() && !args.force {
        writeln!(
            io.stderr,
            "error: {} already exists (use --force to overwrite)",
            path.display()
        )?;
        return Ok(EXIT_ERROR);
    }
    crate::write::atomic_write(&path, INIT_TEMPLATE.as_bytes())?;
    writeln!(io.stdout, "wrote {}", crate::config::FILE_NAME)?;
    Ok(EXIT_OK)
}
