//! `check`: config → packs → discovery → lint → baseline → outputs.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::args::CheckArgs;
use super::baselines;
use super::exit::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use super::fixes;
use super::outputs;
use super::packs::load_registry;
use super::provenance;
use super::report_options::link_base;
use super::streams::{Io, color_choice, print_errors};
use crate::config::{CliOverrides, Config, Settings};
use crate::diagnostic::Safety;
use crate::discover::{ARTICLE_EXTENSIONS, discover};
use crate::document::Format;
use crate::emit::{
    self, Counts, OutputFormat, Provenance, RenderOptions, github, json, statistics, text,
};
use crate::engine::{Engine, Report};
use crate::error::Error;
use crate::files::path::display_name;
use crate::input::{Input, Inputs};
use crate::review::Date;
use crate::rules::Registry;
use crate::text::escape::visible;

/// Everything a run needs before linting starts.
pub(super) struct Prepared {
    /// The config file loaded, if any.
    config_path: Option<PathBuf>,
    registry: Registry,
    settings: Settings,
    inputs: Inputs,
    errors: Vec<Error>,
    /// The date suppressions' expiries are compared with.
    today: Date,
    /// Files named that are not articles, skipped.
    skipped: usize,
    /// Articles found but left out by `--changed-since`.
    unchanged: usize,
}

/// Below this many files a progress bar is more flicker than help.
const PROGRESS_MIN_FILES: usize = 200;

fn load_config(explicit: Option<&Path>, found: Option<PathBuf>) -> Result<Config, Error> {
    match explicit.map(Path::to_path_buf).or(found) {
        Some(p) => Config::load(&p),
        None => Ok(Config::empty()),
    }
}

/// Config, packs, settings and the list of files; `Err(code)` after printing what went wrong.
pub(super) fn prepare(
    args: &CheckArgs,
    cwd: &Path,
    io: &mut Io<'_>,
) -> io::Result<Result<Prepared, u8>> {
    let today = match super::today::today(args.today) {
        Ok(d) => d,
        Err(e) => {
            print_errors(&[e], args.format, io)?;
            return Ok(Err(EXIT_ERROR));
        }
    };
    let paths = super::settings_for::paths(args);
    let found = if args.no_config || args.config.is_some() {
        None
    } else {
        let found = super::settings_for::nearest_config(&paths, args, cwd);
        for note in &found.notes {
            writeln!(io.stderr, "note: {}", visible(note))?;
        }
        found.config
    };
    let no_config_file = args.no_config || (args.config.is_none() && found.is_none());
    let mut config = match load_config(args.config.as_deref(), found) {
        Ok(c) => c,
        Err(e) => {
            print_errors(&[e], args.format, io)?;
            return Ok(Err(EXIT_ERROR));
        }
    };
    // With no config file to anchor it, site-root links resolve against the folder named on
    // the command line rather than wherever the run started.
    let site_root = args.site_root.clone().or_else(|| {
        no_config_file
            .then(|| super::settings_for::named_folder(&paths, cwd))
            .flatten()
    });
    let overrides = CliOverrides {
        profile: args.profile.clone(),
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on,
        lints: args.lints.clone(),
        exclude: args.exclude.clone(),
        site_root,
        no_gitignore: args.no_gitignore,
    };
    let Some(mut registry) = load_registry(&config.pack_dirs(cwd, &overrides), args.format, io)?
    else {
        return Ok(Err(EXIT_ERROR));
    };
    // While the config is applied, the files found and the first ones read.
    registry.compile_in_background();
    let settings = match config.resolve(&mut registry, &overrides, cwd) {
        Ok(s) => s,
        Err(errors) => {
            print_errors(&errors, args.format, io)?;
            return Ok(Err(EXIT_ERROR));
        }
    };
    let wants_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let file_paths: Vec<PathBuf> = paths.into_iter().filter(|p| p.as_os_str() != "-").collect();
    let mut skipped = 0;
    let (mut inputs, mut errors) = if file_paths.is_empty() {
        (Inputs::new(), Vec::new())
    } else {
        let found = discover(&file_paths, &settings, cwd);
        for name in &found.skipped {
            writeln!(
                io.stderr,
                "note: {}: not an article ({ARTICLE_EXTENSIONS}); skipped",
                visible(name)
            )?;
        }
        skipped = found.skipped.len();
        (found.inputs, found.errors)
    };
    let found = inputs.len();
    if let Some(reference) = &args.changed_since {
        match crate::files::git::changed_since(cwd, reference) {
            Ok(changes) => {
                // Links into a page deleted or renamed since the ref broke in unchanged pages.
                let linking = super::inbound::linking_to_removed(
                    &inputs,
                    &changes.changed,
                    &changes.removed,
                    &settings,
                );
                inputs.retain(|path| changes.changed.contains(path) || linking.contains(path));
            }
            Err(e) => {
                print_errors(&[e], args.format, io)?;
                return Ok(Err(EXIT_ERROR));
            }
        }
    }
    let unchanged = found - inputs.len();
    if wants_stdin {
        match stdin_input(args, cwd, settings.max_file_mib, io) {
            Ok(input) => inputs.push(input),
            Err(e) => errors.push(e),
        }
    }
    Ok(Ok(Prepared {
        config_path: config.path().map(Path::to_path_buf),
        registry,
        settings,
        inputs,
        errors,
        today,
        skipped,
        unchanged,
    }))
}

fn stdin_input(
    args: &CheckArgs,
    cwd: &Path,
    limit_mib: u64,
    io: &mut Io<'_>,
) -> Result<Input, Error> {
    let given = args.stdin_filename.as_deref();
    let name = given.unwrap_or("<stdin>").to_string();
    // At most the limit and a byte: `- < /dev/zero` stops there rather than filling memory.
    let bytes = crate::files::read::read_stream(&mut *io.stdin, limit_mib)
        .map_err(|e| Error::input(&name, format!("cannot read standard input: {e}")))?;
    let limit = limit_mib.min(crate::files::read::HARD_MAX_FILE_MIB);
    if bytes.len() as u64 > limit * 1024 * 1024 {
        return Err(Error::input(
            &name,
            format!(
                "standard input is over the {limit} MiB limit (`max-file-mib` in medlint.toml); not read"
            ),
        ));
    }
    let text = crate::files::read::decode(&name, bytes, limit_mib)?;
    let path = crate::files::path::normalize(&cwd.join(given.unwrap_or("stdin.md")));
    Ok(Input::with_text(
        given.map_or(name.clone(), |g| display_name(Path::new(g), cwd)),
        path,
        Format::from_path(&name).unwrap_or(Format::Markdown),
        text,
    ))
}

/// A progress bar on stderr for long interactive runs; never in CI logs or pipes.
fn progress_bar(files: usize) -> Option<indicatif::ProgressBar> {
    let interactive = io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !interactive || files < PROGRESS_MIN_FILES {
        return None;
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// The most worker threads a run starts, whatever `--threads` says: a few per core. More only
/// add stacks and switching (thousands of threads stall a machine).
fn max_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.saturating_mul(4).max(8)
}

/// `--threads`, clamped to [`max_threads`] with a note when it was more.
fn clamp_threads(requested: Option<usize>, io: &mut Io<'_>) -> io::Result<Option<usize>> {
    let Some(n) = requested else {
        return Ok(None);
    };
    let max = max_threads();
    if n > max {
        writeln!(
            io.stderr,
            "note: --threads {n} is more than this machine can use; using {max}"
        )?;
        return Ok(Some(max));
    }
    Ok(Some(n))
}

/// A pool of `threads` workers, when asked for; otherwise rayon's global pool is used.
fn pool(threads: Option<usize>) -> io::Result<Option<rayon::ThreadPool>> {
    threads
        .map(|n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build()
                .map_err(io::Error::other)
        })
        .transpose()
}

/// Run `work` with an engine on `threads` workers, a progress bar ticking for long runs.
fn with_engine<T>(
    registry: &Registry,
    settings: &Settings,
    files: usize,
    threads: Option<usize>,
    today: Date,
    work: impl FnOnce(&Engine<'_>) -> T,
) -> io::Result<T> {
    let bar = progress_bar(files);
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let pool = pool(threads)?;
    let engine = Engine {
        on_file: Some(&tick),
        pool: pool.as_ref(),
        today,
        ..Engine::new(registry, settings)
    };
    let result = work(&engine);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    Ok(result)
}

/// Run `work` on an engine over the prepared inputs (with the progress bar and thread pool of
/// [`with_engine`]), handing back the registry and settings for the reports.
fn with_prepared<T>(
    prepared: Prepared,
    threads: Option<usize>,
    work: impl FnOnce(&Engine<'_>, Inputs, Vec<Error>) -> T,
) -> io::Result<(T, Registry, Settings)> {
    let Prepared {
        config_path: _,
        registry,
        settings,
        inputs,
        errors,
        today,
        ..
    } = prepared;
    let result = with_engine(
        &registry,
        &settings,
        inputs.len(),
        threads,
        today,
        |engine| work(engine, inputs, errors),
    )?;
    Ok((result, registry, settings))
}

pub(super) fn lint(
    prepared: Prepared,
    threads: Option<usize>,
) -> io::Result<(Report, Registry, Settings)> {
    with_prepared(prepared, threads, |engine, inputs, errors| {
        engine.run(inputs, errors)
    })
}

/// One file's findings in a streamable format.
fn render_streamed(
    report: &Report,
    registry: &Registry,
    format: OutputFormat,
    (colored, width): (bool, Option<usize>),
) -> Vec<u8> {
    match format {
        OutputFormat::Text => text::render_report(report, width, colored),
        // The summary line comes once, after every file.
        OutputFormat::Short => text::short_lines(report).into_bytes(),
        OutputFormat::Json => json::diagnostic_lines(report).into_bytes(),
        other => emit::render(other, report, registry, &RenderOptions::default()).into_bytes(),
    }
}

/// Whether the findings can be written as each file is linted (and dropped), rather than
/// collected for a whole-run report.
fn streams(args: &CheckArgs) -> bool {
    matches!(
        args.format,
        OutputFormat::Text | OutputFormat::Short | OutputFormat::Json | OutputFormat::Github
    ) && args.output.is_empty()
        && !args.fix
        && !args.diff
        && !args.statistics
        && args.baseline.is_none()
        && args.write_baseline.is_none()
}

/// Lint and write each file's findings as soon as they are known; memory stays flat.
fn stream(
    prepared: Prepared,
    args: &CheckArgs,
    threads: Option<usize>,
    recording: Option<provenance::Recording>,
    io: &mut Io<'_>,
) -> io::Result<u8> {
    let Prepared {
        config_path: _,
        registry,
        settings,
        inputs,
        mut errors,
        today,
        ..
    } = prepared;
    let colored = color_choice(args.color, io.stdout_is_terminal);
    let width = terminal_width(args, io);
    let mut counts = Counts::default();
    let mut fixable = (0, 0);
    let mut fails = false;
    let mut write_error: Option<io::Error> = None;
    let mut out = io::BufWriter::with_capacity(64 * 1024, &mut *io.stdout);
    // Each file's findings are rendered on the worker that linted it; here they are only
    // written, in order.
    let render = |outcome: Result<crate::engine::FileOutcome, Error>| {
        outcome.map(|o| {
            let report = Report::of(o);
            let bytes = render_streamed(&report, &registry, args.format, (colored, width));
            let fails = report
                .diagnostics
                .iter()
                .any(|d| settings.fail_on.fails(d.severity));
            let fixable = fixes::fixable(&report.diagnostics);
            (Counts::of(&report), fails, bytes, fixable)
        })
    };
    with_engine(
        &registry,
        &settings,
        inputs.len(),
        threads,
        today,
        |engine| {
            engine.for_each_mapped(&inputs, render, |rendered| match rendered {
                Ok((c, f, bytes, (safe, unsafe_))) => {
                    counts.merge(&c);
                    fails |= f;
                    fixable = (fixable.0 + safe, fixable.1 + unsafe_);
                    if let Err(e) = out.write_all(&bytes) {
                        write_error.get_or_insert(e);
                    }
                }
                Err(e) => errors.push(e),
            })
        },
    )?;
    if let Some(e) = write_error {
        return Err(e);
    }
    match args.format {
        OutputFormat::Text => {
            writeln!(out, "{}", text::summary_line(&counts))?;
            if let Some(hint) = fixes::hint(fixable) {
                writeln!(out, "{hint}")?;
            }
        }
        OutputFormat::Json => {
            for e in &errors {
                writeln!(out, "{}", json::error(e))?;
            }
            let provenance =
                recording.map(|r| provenance::finish(r, &counts, errors.len(), 0, &settings));
            let summary = json::summary_with(&counts, errors.len(), provenance.as_ref());
            writeln!(out, "{summary}")?;
        }
        _ => {}
    }
    out.flush()?;
    drop(out);
    if args.format == OutputFormat::Short {
        short_summary(&counts, io)?;
    }
    if args.format != OutputFormat::Json {
        print_errors(&errors, args.format, io)?;
    }
    leave_to_exit(registry);
    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if fails {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

pub(super) fn check(
    args: CheckArgs,
    given: &[String],
    cwd: &Path,
    io: &mut Io<'_>,
) -> io::Result<u8> {
    let prepared = match prepare(&args, cwd, io)? {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    if args.show_settings || args.show_files {
        return show(&prepared, &args, cwd, io);
    }
    let recording = if provenance::wanted(args.format, &args.output) {
        let coverage = provenance::Coverage {
            arguments: given,
            config: prepared.config_path.as_deref(),
            inputs: &prepared.inputs,
            skipped: prepared.skipped,
            changed_since: args.changed_since.as_deref(),
            unchanged: prepared.unchanged,
            baseline: args.baseline.as_deref(),
        };
        let env = |v: &str| std::env::var(v).ok();
        let (p, warning) =
            provenance::start(&coverage, &prepared.registry, &prepared.settings, &env, cwd);
        if let Some(w) = warning {
            writeln!(io.stderr, "warning: {w}")?;
        }
        Some(p)
    } else {
        None
    };
    // With nothing to lint, every report asked for is still written, saying so: a CI step
    // that reads one must not find it missing.
    let nothing_linted = (prepared.inputs.is_empty() && prepared.errors.is_empty()).then(|| {
        match &args.changed_since {
            Some(reference) => format!("no changed articles since {reference}"),
            None => "no articles (.md, .markdown, .txt, .html, .htm) found".to_string(),
        }
    });
    if let Some(why) = &nothing_linted {
        writeln!(io.stderr, "warning: {}", visible(why))?;
    }
    if args.unsafe_fixes && !args.fix && !args.diff {
        writeln!(
            io.stderr,
            "note: --unsafe-fixes applies nothing without --fix or --diff"
        )?;
    }
    let threads = clamp_threads(args.threads, io)?;
    if streams(&args) {
        return stream(prepared, &args, threads, recording, io);
    }
    // Where reports may go is settled before linting, against the list of files linted.
    let mut refused = Vec::new();
    let mut allowed = |path: &Path, what: &str| match outputs::refusal(
        path,
        what,
        &prepared.inputs,
        cwd,
        args.force,
    ) {
        Some(e) => {
            refused.push(e);
            false
        }
        None => true,
    };
    let baseline_to = args
        .write_baseline
        .as_deref()
        .filter(|p| allowed(p, "baseline"));
    let reports_to: Vec<&(OutputFormat, PathBuf)> = args
        .output
        .iter()
        .filter(|(_, p)| allowed(p, "report"))
        .collect();
    // Which file each name shown is, to place it relative to a baseline's folder.
    let baseline_files = if baseline_to.is_some() || args.baseline.is_some() {
        baselines::files(&prepared.inputs, cwd)
    } else {
        Vec::new()
    };
    let (mut report, registry, settings, fixing) = if args.fix || args.diff {
        let tier = if args.unsafe_fixes {
            Safety::Unsafe
        } else {
            Safety::Safe
        };
        let (report, fixing, registry, settings) = fix_all(prepared, threads, tier, cwd)?;
        (report, registry, settings, Some(fixing))
    } else {
        let (report, registry, settings) = lint(prepared, threads)?;
        (report, registry, settings, None)
    };
    if let Some(fixing) = &fixing {
        if args.diff {
            io.stdout.write_all(fixes::diff(fixing).as_bytes())?;
            io.stdout.flush()?;
            fixes::report_on(fixing, &report, true, io.stderr)?;
            print_errors(&report.errors, args.format, io)?;
            leave_to_exit(registry);
            return Ok(if !report.errors.is_empty() {
                EXIT_ERROR
            } else if fixing.applied > 0 {
                EXIT_FINDINGS
            } else {
                EXIT_OK
            });
        }
        report.errors.extend(fixes::write(fixing));
    }
    report.errors.append(&mut refused);
    let mut options = RenderOptions {
        fail_on: settings.fail_on,
        links: wants_markdown(&args)
            .then(|| link_base(args.link_base.as_deref(), &|v| std::env::var(v).ok(), cwd))
            .flatten(),
        nothing_linted,
        provenance: None,
    };
    // A run that linted nothing has nothing to record: an existing baseline keeps its entries.
    let keep_baseline = options.nothing_linted.is_some() && baseline_to.is_some_and(Path::exists);
    if let Some(path) = baseline_to.filter(|_| keep_baseline) {
        writeln!(
            io.stderr,
            "baseline {} left as it was: nothing was linted",
            visible(&path.display().to_string())
        )?;
    } else if let Some(path) = baseline_to {
        let run = (&settings, &registry);
        baselines::write(path, &mut report, &baseline_files, run, io)?;
    }
    let mut hidden = 0;
    if let Some(path) = &args.baseline {
        let run = (&settings, &registry);
        hidden = baselines::apply(path, &mut report, &baseline_files, run, io)?;
    }
    // Reports written below may fail; the record counts the errors known when it is made.
    let errors = report.errors.len();
    options.provenance =
        recording.map(|r| provenance::finish(r, &Counts::of(&report), errors, hidden, &settings));
    for (format, path) in reports_to {
        let rendered = emit::render(*format, &report, &registry, &options);
        if let Err(e) = outputs::write(path, rendered.as_bytes(), "report") {
            report.errors.push(e);
        } else if let (OutputFormat::Csv, Some(p)) = (format, &options.provenance) {
            write_sidecar(path, p, rendered.as_bytes(), &mut report);
        }
    }
    match &fixing {
        // Standard input fixed: its text goes to standard output, the findings to standard
        // error, as ruff does.
        Some(fixing) if fixing.stdin_text.is_some() => {
            let mut findings = Vec::new();
            let mut to_stderr = Io {
                stdin: &mut *io.stdin,
                stdout: &mut findings,
                stderr: &mut *io.stderr,
                stdout_is_terminal: false,
            };
            write_terminal(&report, &registry, &args, &options, &mut to_stderr)?;
            io.stderr.write_all(&findings)?;
            fixes::report_on(fixing, &report, false, io.stderr)?;
            let text = fixing.stdin_text.as_deref().unwrap_or_default();
            io.stdout.write_all(text.as_bytes())?;
            io.stdout.flush()?;
        }
        Some(fixing) => {
            write_terminal(&report, &registry, &args, &options, io)?;
            // A text report ends with the summary; other formats keep standard output theirs.
            let out: &mut dyn Write = if args.format == OutputFormat::Text {
                &mut *io.stdout
            } else {
                &mut *io.stderr
            };
            fixes::report_on(fixing, &report, false, out)?;
        }
        None => write_terminal(&report, &registry, &args, &options, io)?,
    }
    leave_to_exit(registry);
    Ok(report.exit_code(settings.fail_on))
}

/// The record of the run beside a CSV report (`emit::csv::sidecar_path`).
fn write_sidecar(csv: &Path, p: &Provenance, bytes: &[u8], report: &mut Report) {
    let name = csv
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let sidecar = emit::csv::sidecar(p, &name, bytes);
    if let Err(e) = outputs::write(&emit::csv::sidecar_path(csv), sidecar.as_bytes(), "report") {
        report.errors.push(e);
    }
}

/// Lint and fix every input (see [`fixes::lint_and_fix`]).
fn fix_all(
    prepared: Prepared,
    threads: Option<usize>,
    tier: Safety,
    cwd: &Path,
) -> io::Result<(Report, fixes::Fixing, Registry, Settings)> {
    let ((report, fixing), registry, settings) =
        with_prepared(prepared, threads, |engine, inputs, errors| {
            fixes::lint_and_fix(engine, &inputs, errors, tier, cwd)
        })?;
    Ok((report, fixing, registry, settings))
}

/// `--show-settings` or `--show-files`: what the run would use or read, and nothing linted.
fn show(prepared: &Prepared, args: &CheckArgs, cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let Prepared {
        config_path,
        registry,
        settings,
        inputs,
        errors,
        today: _,
        ..
    } = prepared;
    if args.show_settings {
        let paths = super::settings_for::paths(args);
        let path = super::show::first_path(&paths, args.stdin_filename.as_deref());
        let config = config_path.as_deref();
        super::show::settings(&mut *io.stdout, config, settings, registry, &path, cwd)?;
    } else {
        super::show::files(&mut *io.stdout, inputs, cwd)?;
    }
    io.stdout.flush()?;
    print_errors(errors, OutputFormat::Text, io)?;
    Ok(if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    })
}

/// Whether a Markdown summary is asked for (only it has links to make).
fn wants_markdown(args: &CheckArgs) -> bool {
    args.format == OutputFormat::Markdown
        || args
            .output
            .iter()
            .any(|(f, _)| *f == OutputFormat::Markdown)
}

/// The command ends here: the rule tables (tens of thousands of small allocations) are
/// released with the process rather than freed one by one, which cost about a tenth of a
/// short run's time.
fn leave_to_exit(registry: Registry) {
    std::mem::forget(registry);
}

fn write_terminal(
    report: &Report,
    registry: &Registry,
    args: &CheckArgs,
    options: &RenderOptions,
    io: &mut Io<'_>,
) -> io::Result<()> {
    if args.statistics {
        let out = match args.format {
            OutputFormat::Json => statistics::json(report),
            _ => statistics::text(report),
        };
        io.stdout.write_all(out.as_bytes())?;
        print_errors(&report.errors, args.format, io)?;
        return io.stdout.flush();
    }
    match args.format {
        OutputFormat::Text => {
            let colored = color_choice(args.color, io.stdout_is_terminal);
            let width = terminal_width(args, io);
            io.stdout
                .write_all(&text::render_report(report, width, colored))?;
            writeln!(io.stdout, "{}", text::summary_line(&Counts::of(report)))?;
            // After --fix, its own summary says what is left.
            if !args.fix
                && let Some(hint) = fixes::hint(fixes::fixable(&report.diagnostics))
            {
                writeln!(io.stdout, "{hint}")?;
            }
        }
        OutputFormat::Short => {
            let out = emit::render(OutputFormat::Short, report, registry, options);
            io.stdout.write_all(out.as_bytes())?;
            io.stdout.flush()?;
            short_summary(&Counts::of(report), io)?;
        }
        // Tool errors go to standard error as commands of their own (`print_errors`).
        OutputFormat::Github => io.stdout.write_all(github::findings(report).as_bytes())?,
        // JSON carries tool errors in its own lines.
        OutputFormat::Json => {
            let lines = json::lines_with(report, options.provenance.as_ref());
            io.stdout.write_all((lines.join("\n") + "\n").as_bytes())?;
        }
        other => {
            io.stdout
                .write_all(emit::render(other, report, registry, options).as_bytes())?;
        }
    }
    if args.format != OutputFormat::Json {
        print_errors(&report.errors, args.format, io)?;
    }
    io.stdout.flush()
}

/// The width text output is trimmed to (`report_options::text_width`).
fn terminal_width(args: &CheckArgs, io: &Io<'_>) -> Option<usize> {
    super::report_options::text_width(
        args.width,
        &|v| std::env::var(v).ok(),
        io.stdout_is_terminal,
    )
}

/// The short format's summary line, on standard error: standard output stays one line per
/// finding for the programs that read it.
fn short_summary(counts: &Counts, io: &mut Io<'_>) -> io::Result<()> {
    writeln!(io.stderr, "{}", text::summary_line(counts))
}
