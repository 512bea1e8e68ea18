//! `medlint.toml`: which rules run and how severe they are, which files are read, where the
//! site root is. Unknown keys are errors that point at their line. Command-line flags are
//! merged on top explicitly (see [`CliOverrides`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::document::article::{Article, Audience, Jurisdiction};
use crate::error::{Error, ErrorKind};
use crate::files::read::read_small_text;
use crate::rules::{Check, Registry};
use crate::source::Span;

/// The config file name looked for in the working directory and its parents.
pub const FILE_NAME: &str = "medlint.toml";

/// A config larger than this is refused unread: a real one is a few KiB.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// When a run fails.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors (the default).
    #[default]
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings (tool errors still exit 2).
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

#[derive(Deserialize, Copy, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    /// The jurisdictions whose rules run (`["us"]` unless set).
    profile: Option<Spanned<Vec<Spanned<String>>>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    lints: Vec<String>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    respect_gitignore: Option<bool>,
    max_file_mib: Option<Spanned<u64>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Table>>,
    #[serde(default)]
    links: LinksConfig,
    #[serde(default)]
    html: HtmlConfig,
    #[serde(default)]
    citations: CitationsConfig,
    #[serde(default)]
    overrides: Vec<OverrideDef>,
    #[serde(default)]
    suppressions: SuppressionsConfig,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SuppressionsConfig {
    #[serde(default)]
    require_reviewed_by: bool,
    #[serde(default)]
    unsuppressible: Vec<Spanned<String>>,
    max_expiry_days: Option<Spanned<u32>>,
}

/// What a suppression comment must carry (`[suppressions]`).
#[derive(Clone, Debug, Default)]
pub struct SuppressionPolicy {
    /// A suppression without `reviewed-by` suppresses nothing.
    pub require_reviewed_by: bool,
    /// Rules (registry indexes) no comment may suppress.
    pub unsuppressible: Vec<usize>,
    /// A suppression must expire within this many days.
    pub max_expiry_days: Option<u32>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CitationsConfig {
    /// Hosts whose pages count as a source, besides the defaults.
    #[serde(default)]
    allow: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LinksConfig {
    site_root: Option<String>,
    site_url: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct HtmlConfig {
    skip: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideDef {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Level>,
}

/// A loaded config file, before it is resolved against the rules.
pub struct Config {
    path: Option<PathBuf>,
    text: Arc<str>,
    file: ConfigFile,
}

/// Flags that override the config file.
#[derive(Clone, Debug, Default)]
pub struct CliOverrides {
    /// Replaces `profile`.
    pub profile: Option<Vec<String>>,
    /// Replaces `select`.
    pub select: Option<Vec<String>>,
    /// Adds to `select`.
    pub extend_select: Vec<String>,
    /// Adds to `ignore`.
    pub ignore: Vec<String>,
    /// Replaces `fail-on`.
    pub fail_on: Option<FailOn>,
    /// Adds rule pack folders.
    pub lints: Vec<PathBuf>,
    /// Adds exclude globs.
    pub exclude: Vec<String>,
    /// Replaces `[links] site-root`.
    pub site_root: Option<PathBuf>,
    /// Ignore `.gitignore` files.
    pub no_gitignore: bool,
}

/// The jurisdictions a run follows when neither config nor flags name any.
pub const DEFAULT_PROFILE: &[Jurisdiction] = &[Jurisdiction::Us];

/// Where and to whom a rule applies, as its pack says.
#[derive(Clone, Debug)]
struct Applies {
    jurisdictions: Vec<Jurisdiction>,
    consumer_only: bool,
}

fn applicability(registry: &Registry) -> Vec<Applies> {
    registry
        .rules
        .iter()
        .map(|r| Applies {
            jurisdictions: r.meta.jurisdictions.clone(),
            consumer_only: r.meta.consumer_only,
        })
        .collect()
}

/// Severity of each rule (by registry index); `None` means off.
pub type Selection = Vec<Option<Severity>>;

struct Override {
    paths: GlobSet,
    /// Rules named one by one in `extend-select` or `severity`: on whatever the jurisdiction.
    explicit: Vec<usize>,
    extend_select: Vec<(usize, Severity)>,
    ignore: Vec<usize>,
    severity: Vec<(usize, Option<Severity>)>,
}

/// Everything a run needs from config and flags, resolved.
pub struct Settings {
    /// The working directory: file names are shown relative to it.
    pub cwd: PathBuf,
    base: Selection,
    /// Rules named one by one (by ID or slug) in a selection: they run whatever the
    /// jurisdiction.
    explicit: Vec<bool>,
    /// Where and to whom each rule applies.
    applies: Vec<Applies>,
    /// The jurisdictions whose rules run, unless an article names its own.
    pub profile: Vec<Jurisdiction>,
    defaults: Vec<Severity>,
    overrides: Vec<Override>,
    /// When the run fails.
    pub fail_on: FailOn,
    /// If set, only files matching are discovered in folders.
    pub include: Option<GlobSet>,
    /// Files never discovered in folders.
    pub exclude: GlobSet,
    /// Folder the config lives in (or the working directory); globs are relative to it.
    pub base_dir: PathBuf,
    /// Where site-root links (`/blog/x/`) resolve.
    pub site_root: PathBuf,
    /// Honour `.gitignore` files when walking folders.
    pub respect_gitignore: bool,
    /// The site's own origin (`https://www.example-clinic.com`): links to it are internal.
    pub site_url: Option<String>,
    /// Where an evidence or statistic claim's citation may lead.
    pub citation_sources: crate::rules::cites::Sources,
    /// Front-end settings (HTML chrome to skip).
    pub parse: crate::document::ParseOptions,
    /// Larger files are skipped with an error.
    pub max_file_mib: u64,
    /// What suppression comments must carry.
    pub suppressions: SuppressionPolicy,
}

impl Config {
    /// No config file: all defaults.
    pub fn empty() -> Config {
        Config {
            path: None,
            text: Arc::from(""),
            file: ConfigFile::default(),
        }
    }

    /// Find `medlint.toml` in `dir` or a parent. Anything of that name counts, so one that is
    /// not a regular file is an error when loaded rather than silently passed over.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| std::fs::metadata(p).is_ok_and(|m| !m.is_dir()))
    }

    /// Read and parse a config file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = read_small_text(path, MAX_CONFIG_BYTES, "config").map_err(|e| {
            Error::in_file(
                ErrorKind::Config,
                path.display().to_string(),
                format!("cannot read config: {e}"),
            )
        })?;
        Config::parse(path, &text)
    }

    /// Parse config text read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Error> {
        let text: Arc<str> = Arc::from(text);
        let file: ConfigFile = toml::from_str(&text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            Error::located(
                ErrorKind::Config,
                path.display().to_string(),
                &text,
                Span::new(span.start, span.end),
                e.message().trim().to_string(),
            )
        })?;
        Ok(Config {
            path: Some(path.to_path_buf()),
            text,
            file,
        })
    }

    /// The config file's path, if one was loaded.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Folder the config file is in (or `cwd`).
    pub fn base_dir(&self, cwd: &Path) -> PathBuf {
        match &self.path {
            Some(p) => {
                let dir = p.parent().unwrap_or(Path::new("."));
                if dir.as_os_str().is_empty() {
                    cwd.to_path_buf()
                } else {
                    cwd.join(dir)
                }
            }
            None => cwd.to_path_buf(),
        }
    }

    /// Rule pack folders named by the config, resolved against its folder, then the flags'.
    pub fn pack_dirs(&self, cwd: &Path, cli: &CliOverrides) -> Vec<PathBuf> {
        let base = self.base_dir(cwd);
        let mut dirs: Vec<PathBuf> = self.file.lints.iter().map(|d| base.join(d)).collect();
        dirs.extend(cli.lints.iter().map(|d| cwd.join(d)));
        dirs
    }

    fn err(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Error {
        let path = self
            .path
            .as_ref()
            .map_or_else(|| "<config>".to_string(), |p| p.display().to_string());
        Error::located(
            ErrorKind::Config,
            path,
            &self.text,
            Span::new(span.start, span.end),
            message,
        )
    }

    fn select(
        &self,
        registry: &Registry,
        sel: &Spanned<String>,
        errors: &mut Vec<Error>,
    ) -> Vec<usize> {
        registry.select(sel.get_ref()).unwrap_or_else(|| {
            errors.push(self.err(sel.span(), unknown_rule(sel.get_ref())));
            Vec::new()
        })
    }

    /// Resolve against the loaded rules and the command-line flags.
    pub fn resolve(
        &mut self,
        registry: &mut Registry,
        cli: &CliOverrides,
        cwd: &Path,
    ) -> Result<Settings, Vec<Error>> {
        let mut errors = Vec::new();
        let n = registry.rules.len();
        let mut enabled = vec![false; n];
        let mut explicit = vec![false; n];
        let profile = self.profile(cli, &mut errors);
        // A selector that names one rule (an ID or slug, not a prefix or ALL) runs it in any
        // jurisdiction.
        let mut mark_explicit = |selector: &str| {
            if let Some(i) = registry.find(selector) {
                explicit[i] = true;
            }
        };
        match (&cli.select, &self.file.select) {
            (Some(list), _) => list.iter().for_each(|s| mark_explicit(s)),
            (None, Some(list)) => list.iter().for_each(|s| mark_explicit(s.get_ref())),
            (None, None) => {}
        }
        if cli.select.is_none() {
            self.file
                .extend_select
                .iter()
                .for_each(|s| mark_explicit(s.get_ref()));
        }
        cli.extend_select.iter().for_each(|s| mark_explicit(s));
        let cli_sel = |list: &[String], errors: &mut Vec<Error>| -> Vec<usize> {
            list.iter()
                .flat_map(|s| {
                    registry.select(s).unwrap_or_else(|| {
                        errors.push(Error::usage(unknown_rule(s)));
                        Vec::new()
                    })
                })
                .collect()
        };
        match (&cli.select, &self.file.select) {
            (Some(list), _) => cli_sel(list, &mut errors)
                .into_iter()
                .for_each(|i| enabled[i] = true),
            (None, Some(list)) => {
                for s in list {
                    for i in self.select(registry, s, &mut errors) {
                        enabled[i] = true;
                    }
                }
            }
            (None, None) => {
                for (i, r) in registry.rules.iter().enumerate() {
                    enabled[i] = r.meta.enabled_by_default;
                }
            }
        }
        // `--select` on the command line replaces the file's whole selection.
        let file_selection = cli.select.is_none();
        for s in self.file.extend_select.iter().filter(|_| file_selection) {
            for i in self.select(registry, s, &mut errors) {
                enabled[i] = true;
            }
        }
        for i in cli_sel(&cli.extend_select, &mut errors) {
            enabled[i] = true;
        }
        for s in self.file.ignore.iter().filter(|_| file_selection) {
            for i in self.select(registry, s, &mut errors) {
                enabled[i] = false;
            }
        }
        for i in cli_sel(&cli.ignore, &mut errors) {
            enabled[i] = false;
        }
        let mut base: Selection = (0..n)
            .map(|i| enabled[i].then_some(registry.rules[i].meta.default_severity))
            .collect();
        let rule_tables = std::mem::take(&mut self.file.rules);
        for (key, table) in &rule_tables {
            let Some(i) = registry.find(key.get_ref()) else {
                errors.push(self.err(key.span(), unknown_rule(key.get_ref())));
                continue;
            };
            let mut options = table.get_ref().clone();
            if let Some(level) = options.remove("severity") {
                match level.try_into::<Level>() {
                    Ok(level) => {
                        if base[i].is_some() || level == Level::Off {
                            base[i] = level.severity();
                        }
                    }
                    Err(_) => errors.push(self.err(
                        table.span(),
                        "`severity` must be \"error\", \"warning\", \"info\" or \"off\"",
                    )),
                }
            }
            if let Err(message) = configure(registry, i, &options, &self.base_dir(cwd)) {
                errors.push(self.err(
                    table.span(),
                    format!("[rules.{}]: {message}", key.get_ref()),
                ));
            }
        }
        let base_dir = self.base_dir(cwd);
        let mut overrides = Vec::new();
        for o in &self.file.overrides {
            let paths = self.globs(&o.paths, &mut errors);
            let severity = o
                .severity
                .iter()
                .filter_map(|(k, level)| match registry.find(k.get_ref()) {
                    Some(i) => Some((i, level.severity())),
                    None => {
                        errors.push(self.err(k.span(), unknown_rule(k.get_ref())));
                        None
                    }
                })
                .collect();
            let explicit = o
                .extend_select
                .iter()
                .filter_map(|s| registry.find(s.get_ref()))
                .chain(
                    o.severity
                        .iter()
                        .filter(|(_, level)| level.severity().is_some())
                        .filter_map(|(k, _)| registry.find(k.get_ref())),
                )
                .collect();
            overrides.push(Override {
                paths,
                explicit,
                extend_select: o
                    .extend_select
                    .iter()
                    .flat_map(|s| self.select(registry, s, &mut errors))
                    .map(|i| (i, registry.rules[i].meta.default_severity))
                    .collect(),
                ignore: o
                    .ignore
                    .iter()
                    .flat_map(|s| self.select(registry, s, &mut errors))
                    .collect(),
                severity,
            });
        }
        let include =
            (!self.file.include.is_empty()).then(|| self.globs(&self.file.include, &mut errors));
        let mut exclude_globs: Vec<Spanned<String>> = self.file.exclude.clone();
        let mut exclude_builder = GlobSetBuilder::new();
        for g in exclude_globs.drain(..) {
            match Glob::new(g.get_ref()) {
                Ok(glob) => {
                    exclude_builder.add(glob);
                }
                Err(e) => errors
                    .push(self.err(g.span(), format!("invalid glob: {}", short(&e.to_string())))),
            }
        }
        for g in &cli.exclude {
            match Glob::new(g) {
                Ok(glob) => {
                    exclude_builder.add(glob);
                }
                Err(e) => errors.push(Error::usage(format!(
                    "invalid --exclude glob: {}",
                    short(&e.to_string())
                ))),
            }
        }
        let exclude = match exclude_builder.build() {
            Ok(set) => set,
            Err(e) => {
                errors.push(self.glob_set_error(&self.file.exclude, &e));
                GlobSet::empty()
            }
        };
        let site_root = match (&cli.site_root, &self.file.links.site_root) {
            (Some(p), _) => cwd.join(p),
            (None, Some(p)) => base_dir.join(p),
            (None, None) => base_dir.clone(),
        };
        let mut parse = crate::document::ParseOptions::default();
        if let Some(list) = &self.file.html.skip {
            parse.html_skip.clear();
            for sel in list {
                match crate::document::html::Selector::parse(sel.get_ref()) {
                    Ok(s) => parse.html_skip.push(s),
                    Err(e) => errors.push(self.err(sel.span(), e)),
                }
            }
        }
        let site_url = match &self.file.links.site_url {
            Some(url) => {
                let u = url.get_ref().trim_end_matches('/').to_string();
                if !(u.starts_with("https://") || u.starts_with("http://")) || u.len() < 10 {
                    errors.push(self.err(
                        url.span(),
                        "`site-url` must be an origin such as \"https://www.example-clinic.com\"",
                    ));
                }
                Some(u)
            }
            None => None,
        };
        let mut allow = Vec::new();
        for host in &self.file.citations.allow {
            let h = host.get_ref().trim();
            if h.is_empty() || h.contains(char::is_whitespace) || !h.contains('.') {
                errors.push(self.err(
                    host.span(),
                    "a citation source is a host such as \"journals.example.org\"",
                ));
            } else {
                allow.push(h.to_string());
            }
        }
        let citation_sources = crate::rules::cites::Sources::with(&allow);
        let max_file_mib = match &self.file.max_file_mib {
            Some(m)
                if *m.get_ref() == 0 || *m.get_ref() > crate::files::read::HARD_MAX_FILE_MIB =>
            {
                errors.push(self.err(
                    m.span(),
                    format!(
                        "`max-file-mib` must be between 1 and {}",
                        crate::files::read::HARD_MAX_FILE_MIB
                    ),
                ));
                0
            }
            Some(m) => *m.get_ref(),
            None => crate::files::read::DEFAULT_MAX_FILE_MIB,
        };
        let suppressions = self.suppression_policy(registry, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Settings {
            cwd: cwd.to_path_buf(),
            suppressions,
            max_file_mib,
            site_url,
            citation_sources,
            parse,
            base,
            explicit,
            applies: applicability(registry),
            profile,
            defaults: default_severities(registry),
            overrides,
            fail_on: cli.fail_on.or(self.file.fail_on).unwrap_or_default(),
            include,
            exclude,
            base_dir: crate::files::path::normalize(&base_dir),
            site_root: crate::files::path::normalize(&site_root),
            respect_gitignore: !cli.no_gitignore && self.file.respect_gitignore.unwrap_or(true),
        })
    }

    /// `[suppressions]`, its rules found by ID or slug.
    fn suppression_policy(
        &self,
        registry: &Registry,
        errors: &mut Vec<Error>,
    ) -> SuppressionPolicy {
        let s = &self.file.suppressions;
        let mut unsuppressible = Vec::new();
        for name in &s.unsuppressible {
            match registry.find(name.get_ref()) {
                Some(i) => unsuppressible.push(i),
                None => errors.push(self.err(
                    name.span(),
                    format!(
                        "unknown rule `{}` in `unsuppressible` (use an ID like MED110 or a slug)",
                        name.get_ref()
                    ),
                )),
            }
        }
        let max_expiry_days = s.max_expiry_days.as_ref().map(|days| {
            if *days.get_ref() == 0 {
                errors.push(self.err(days.span(), "`max-expiry-days` must be at least 1"));
            }
            *days.get_ref()
        });
        SuppressionPolicy {
            require_reviewed_by: s.require_reviewed_by,
            unsuppressible,
            max_expiry_days,
        }
    }

    /// The jurisdictions of `--profile`, else of `profile`, else [`DEFAULT_PROFILE`].
    fn profile(&self, cli: &CliOverrides, errors: &mut Vec<Error>) -> Vec<Jurisdiction> {
        let mut list = Vec::new();
        let mut add = |j: Jurisdiction| {
            if !list.contains(&j) {
                list.push(j);
            }
        };
        match (&cli.profile, &self.file.profile) {
            (Some(codes), _) => {
                for code in codes {
                    match Jurisdiction::parse(code) {
                        Some(j) => add(j),
                        None => errors.push(Error::usage(format!(
                            "--profile: {}",
                            Jurisdiction::unknown(code)
                        ))),
                    }
                }
                if codes.is_empty() {
                    errors.push(Error::usage("--profile names no jurisdiction"));
                }
            }
            (None, Some(codes)) => {
                for code in codes.get_ref() {
                    match Jurisdiction::parse(code.get_ref()) {
                        Some(j) => add(j),
                        None => errors
                            .push(self.err(code.span(), Jurisdiction::unknown(code.get_ref()))),
                    }
                }
                if codes.get_ref().is_empty() {
                    errors.push(self.err(
                        codes.span(),
                        "`profile` names no jurisdiction; known: us, uk, eu",
                    ));
                }
            }
            (None, None) => DEFAULT_PROFILE.iter().for_each(|&j| add(j)),
        }
        list
    }

    fn globs(&self, globs: &[Spanned<String>], errors: &mut Vec<Error>) -> GlobSet {
        let mut b = GlobSetBuilder::new();
        for g in globs {
            match Glob::new(g.get_ref()) {
                Ok(glob) => {
                    b.add(glob);
                }
                Err(e) => errors
                    .push(self.err(g.span(), format!("invalid glob: {}", short(&e.to_string())))),
            }
        }
        // A set that cannot be built (a glob too large to compile, say) is an error: an empty
        // set would quietly select no files, or every file.
        b.build().unwrap_or_else(|e| {
            errors.push(self.glob_set_error(globs, &e));
            GlobSet::empty()
        })
    }

    /// The error for a glob set that did not build, at the glob it names (or the first).
    fn glob_set_error(&self, globs: &[Spanned<String>], e: &globset::Error) -> Error {
        let at = match e.glob() {
            Some(g) => globs.iter().find(|s| s.get_ref() == g),
            None => globs.first(),
        };
        let message = format!("glob set cannot be used: {}", short(&e.to_string()));
        match at {
            Some(g) => self.err(g.span(), message),
            None => Error::usage(format!("--exclude: {message}")),
        }
    }
}

fn configure(
    registry: &mut Registry,
    i: usize,
    options: &toml::Table,
    base_dir: &Path,
) -> Result<(), String> {
    match &mut registry.rules[i].check {
        Check::Document(rule) => rule.configure(options, base_dir),
        _ => match options.keys().next() {
            None => Ok(()),
            Some(k) => Err(format!("this rule takes no option `{k}`")),
        },
    }
}

/// An error text cut to a readable length (a glob's error can quote the whole glob).
fn short(text: &str) -> String {
    const MAX: usize = 300;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn unknown_rule(selector: &str) -> String {
    format!("unknown rule `{selector}` (use an ID like MED101, a prefix like MED1, a slug, or ALL)")
}

impl Settings {
    /// Defaults with no config file, rooted at `cwd`.
    pub fn defaults(registry: &mut Registry, cwd: &Path) -> Settings {
        Config::empty()
            .resolve(registry, &CliOverrides::default(), cwd)
            .unwrap_or_else(|_| unreachable!("an empty config has no errors"))
    }

    /// Only rule `i`, at its default severity (for running a rule's examples).
    pub fn only(registry: &Registry, i: usize, cwd: &Path) -> Settings {
        let base = (0..registry.rules.len())
            .map(|j| (j == i).then_some(registry.rules[j].meta.default_severity))
            .collect();
        Settings {
            cwd: cwd.to_path_buf(),
            base,
            explicit: (0..registry.rules.len()).map(|j| j == i).collect(),
            applies: applicability(registry),
            profile: DEFAULT_PROFILE.to_vec(),
            defaults: default_severities(registry),
            overrides: Vec::new(),
            fail_on: FailOn::Error,
            include: None,
            exclude: GlobSet::empty(),
            base_dir: cwd.to_path_buf(),
            site_root: cwd.to_path_buf(),
            respect_gitignore: true,
            site_url: None,
            citation_sources: crate::rules::cites::Sources::default(),
            parse: crate::document::ParseOptions::default(),
            max_file_mib: crate::files::read::DEFAULT_MAX_FILE_MIB,
            suppressions: SuppressionPolicy::default(),
        }
    }

    /// Every default rule plus rule `i` (for suppression rules' examples).
    pub fn only_with_defaults(registry: &Registry, i: usize, cwd: &Path) -> Settings {
        let mut s = Settings::only(registry, i, cwd);
        for (j, r) in registry.rules.iter().enumerate() {
            if r.meta.enabled_by_default {
                s.base[j] = Some(r.meta.default_severity);
            }
        }
        s
    }

    /// The same settings with every rule on at its default severity.
    pub fn with_all_rules(mut self, registry: &Registry) -> Settings {
        for (i, r) in registry.rules.iter().enumerate() {
            self.base[i] = Some(r.meta.default_severity);
        }
        self
    }

    /// The same settings with rule `i` switched on (at its default severity) or off.
    pub fn with_rule(mut self, i: usize, on: bool) -> Settings {
        self.base[i] = if on { Some(self.defaults[i]) } else { None };
        self.explicit[i] = on;
        self
    }

    /// The same settings following the rules of `profile`.
    pub fn with_profile(mut self, profile: Vec<Jurisdiction>) -> Settings {
        self.profile = profile;
        self
    }

    /// The rule selection in force for a file at `rel` (relative to the config folder) that
    /// declares nothing in its front matter.
    pub fn selection_for(&self, rel: &str) -> Selection {
        self.selection_for_article(rel, &Article::default())
    }

    /// The jurisdictions whose rules apply to `article`: its own, else the profile's.
    pub fn regimes_for<'s>(&'s self, article: &'s Article) -> &'s [Jurisdiction] {
        article.jurisdictions.as_deref().unwrap_or(&self.profile)
    }

    /// The rule selection in force for a file at `rel` whose front matter declares `article`:
    /// per-path overrides applied, then rules of other jurisdictions turned off (unless named
    /// one by one), then consumer-advertising rules for an article written for professionals.
    pub fn selection_for_article(&self, rel: &str, article: &Article) -> Selection {
        let mut sel = self.base.clone();
        let mut explicit = std::borrow::Cow::Borrowed(&self.explicit);
        for o in &self.overrides {
            if !o.paths.is_match(rel) {
                continue;
            }
            for &i in &o.ignore {
                sel[i] = None;
            }
            for &(i, default) in &o.extend_select {
                sel[i].get_or_insert(default);
            }
            for &(i, level) in &o.severity {
                sel[i] = level;
            }
            for &i in &o.explicit {
                explicit.to_mut()[i] = true;
            }
        }
        let regimes = self.regimes_for(article);
        let professional = article.audience == Some(Audience::Professional);
        for (i, level) in sel.iter_mut().enumerate() {
            let applies = &self.applies[i];
            let elsewhere = !applies.jurisdictions.iter().any(|j| j.in_list(regimes));
            if (elsewhere && !explicit[i]) || (professional && applies.consumer_only) {
                *level = None;
            }
        }
        sel
    }
}

/// Each rule's severity as its pack sets it.
fn default_severities(registry: &Registry) -> Vec<Severity> {
    registry
        .rules
        .iter()
        .map(|r| r.meta.default_severity)
        .collect()
}
