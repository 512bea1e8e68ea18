//! The pipeline. The site index lists every file's path; then files are linted in path order,
//! a chunk at a time in parallel: read (teaching the index the file's anchors), parse, analyse,
//! every rule (link rules consult the index, which reads a target early when a link reaches it
//! before its turn), suppressions; each file's outcome is handed on in order and dropped, so
//! memory stays flat however large the site. Output is the same at any thread count.

use rayon::prelude::*;

use crate::config::{FailOn, Settings};
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Sink};
use crate::document::article::{Article, ProductClass};
use crate::document::{Document, Format};
use crate::error::{Error, ErrorKind};
use crate::files::path::relative_to;
use crate::input::{InputRef, Inputs, read_named};
use crate::review::Date;
use crate::rules::{Check, DocContext, Registry, SentenceView};
use crate::site::SiteIndex;
use crate::source::{FileId, SourceDb, SourceFile};
use crate::suppress::{self, DirectiveRecord, Suppressed};

/// Files linted in parallel between two hand-offs: enough to keep every core busy with little
/// waiting at the hand-off, few enough that memory stays small.
pub(crate) const CHUNK: usize = 256;

/// The result of a run.
pub struct Report {
    /// Every file linted. Files with nothing to show keep their name but not their text.
    pub sources: SourceDb,
    /// Findings, sorted by path, position and rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings that suppressions removed, with their reasons.
    pub suppressed: Vec<Suppressed>,
    /// Every suppression directive, for the audit listing.
    pub directives: Vec<DirectiveRecord>,
    /// Problems with medlint's inputs; any of these means exit 2.
    pub errors: Vec<Error>,
    /// What each file's front matter declares, by file id (which rules applied to it).
    pub articles: Vec<Article>,
}

fn append<T>(to: &mut Vec<T>, items: Vec<T>) {
    if to.is_empty() {
        *to = items;
    } else {
        to.extend(items);
    }
}

impl Report {
    /// 0: nothing at or above `fail_on`; 1: findings; 2: tool errors.
    pub fn exit_code(&self, fail_on: FailOn) -> u8 {
        if !self.errors.is_empty() {
            2
        } else if self.diagnostics.iter().any(|d| fail_on.fails(d.severity)) {
            1
        } else {
            0
        }
    }

    /// Add one file's outcome, renumbering its file id.
    pub fn push(&mut self, outcome: FileOutcome) {
        let FileOutcome {
            mut source,
            mut diagnostics,
            mut suppressed,
            mut directives,
            article,
        } = outcome;
        if diagnostics.is_empty() && suppressed.is_empty() && directives.is_empty() {
            // Nothing will be shown from this file: keep its name, drop its text.
            source = SourceFile::new(source.name, String::new());
        }
        let id = self.sources.add(source);
        self.articles.push(article);
        diagnostics.iter_mut().for_each(|d| d.file = id);
        suppressed.iter_mut().for_each(|s| s.diagnostic.file = id);
        directives.iter_mut().for_each(|d| d.file = id);
        // The first file's lists are moved in whole rather than copied.
        append(&mut self.diagnostics, diagnostics);
        append(&mut self.suppressed, suppressed);
        append(&mut self.directives, directives);
    }

    /// A report of one file's outcome.
    pub fn of(outcome: FileOutcome) -> Report {
        let mut r = Report::empty();
        r.push(outcome);
        r
    }

    /// A report with nothing in it.
    pub fn empty() -> Report {
        Report {
            sources: SourceDb::new(),
            diagnostics: Vec::new(),
            suppressed: Vec::new(),
            directives: Vec::new(),
            errors: Vec::new(),
            articles: Vec::new(),
        }
    }
}

/// Everything linting one file produced. Its file id is 0 until it joins a [`Report`].
pub struct FileOutcome {
    /// The file.
    pub source: SourceFile,
    /// Its findings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Its suppressed findings.
    pub suppressed: Vec<Suppressed>,
    /// Its suppression directives.
    pub directives: Vec<DirectiveRecord>,
    /// What its front matter declares.
    pub article: Article,
}

/// Drop a finding when a rule it defers to flagged overlapping words: one finding per phrase,
/// the more specific one.
fn drop_deferred(found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if found.iter().all(|d| d.rule.defer_to.is_empty()) {
        return found;
    }
    let covered = |d: &Diagnostic| {
        found.iter().any(|other| {
            d.rule.defer_to.contains(&other.rule.id)
                && other.primary.span.start < d.primary.span.end
                && d.primary.span.start < other.primary.span.end
        })
    };
    let keep: Vec<bool> = found.iter().map(|d| !covered(d)).collect();
    found
        .into_iter()
        .zip(keep)
        .filter_map(|(d, k)| k.then_some(d))
        .collect()
}

/// On an article that sells a product of `class`, the findings of rules for which such a
/// product may hold a licence (a medicine's approved indication) become notes: info, with the
/// reason, for a reviewer to check the claim against the approved use.
fn lower_for_licensed(found: &mut [Diagnostic], class: ProductClass) {
    for d in found {
        if d.rule.approvable.contains(&class) {
            d.severity = Severity::Info;
            d.notes.push(format!(
                "note: the article sells a {} (`product-class` in its front matter), which may \
                 be licensed for this use; check the claim against its approved indication",
                class.as_str()
            ));
        }
    }
}

/// Runs the pipeline with one registry and settings.
pub struct Engine<'a> {
    /// Rules.
    pub registry: &'a Registry,
    /// Selection, paths, site root.
    pub settings: &'a Settings,
    /// Look up non-article link targets on disk.
    pub check_filesystem: bool,
    /// Called once per file checked (from worker threads), for progress display.
    pub on_file: Option<&'a (dyn Fn() + Sync)>,
    /// The worker pool (default: rayon's global pool, one thread per core).
    pub pool: Option<&'a rayon::ThreadPool>,
    /// The date suppressions' expiries are compared with (default: today in UTC).
    pub today: Date,
}

/// Most sentence views a worker keeps between documents.
const VIEWS_KEPT: usize = 4096;

impl<'a> Engine<'a> {
    /// An engine over files on disk, on rayon's global pool, without progress reports.
    pub fn new(registry: &'a Registry, settings: &'a Settings) -> Engine<'a> {
        Engine {
            registry,
            settings,
            check_filesystem: true,
            on_file: None,
            pool: None,
            today: Date::today_utc(),
        }
    }

    /// An engine over texts held in memory: link targets are not looked up on disk.
    pub fn in_memory(registry: &'a Registry, settings: &'a Settings) -> Engine<'a> {
        Engine {
            check_filesystem: false,
            ..Engine::new(registry, settings)
        }
    }
}

impl Engine<'_> {
    /// Lint `inputs` and collect everything into one report; `errors` from discovery are
    /// carried into it.
    pub fn run(&self, inputs: impl Into<Inputs>, errors: Vec<Error>) -> Report {
        let inputs = inputs.into();
        let mut report = Report::empty();
        report.errors = errors;
        let mut read_errors = Vec::new();
        self.for_each(&inputs, |outcome| match outcome {
            Ok(o) => report.push(o),
            Err(e) => read_errors.push(e),
        });
        report.errors.extend(read_errors);
        report
    }

    /// Lint `inputs`, handing each file's outcome (or the reason it could not be linted) to
    /// `sink` in input order.
    pub fn for_each(&self, inputs: &Inputs, sink: impl FnMut(Result<FileOutcome, Error>)) {
        self.for_each_mapped(inputs, |outcome| outcome, sink);
    }

    /// Like [`for_each`](Self::for_each), with `map` run on the worker threads (to render a
    /// file's findings in parallel, say) and only its result handed to `sink` in order.
    pub fn for_each_mapped<T: Send>(
        &self,
        inputs: &Inputs,
        map: impl Fn(Result<FileOutcome, Error>) -> T + Sync,
        mut sink: impl FnMut(T),
    ) {
        // Paths only: anchors are learnt as the files are linted.
        let site = SiteIndex::build(
            inputs,
            &self.settings.site_root,
            self.settings.site_url.clone(),
            self.check_filesystem,
            self.settings.max_file_mib,
            &self.settings.cwd,
        );
        // Workers lint a chunk while the sink takes the chunk before, here on the calling
        // thread, in order: the workers do not wait for its output to be written.
        let mut linted: Option<Vec<T>> = None;
        for chunk in inputs.chunks(CHUNK) {
            let mut mapped: Vec<T> = Vec::new();
            let lint_chunk = || {
                chunk
                    .into_par_iter()
                    .map(|i| {
                        let outcome = map(self.lint_file(i, inputs.get(i), &site));
                        if let Some(tick) = self.on_file {
                            tick();
                        }
                        outcome
                    })
                    .collect()
            };
            let previous = linted.take();
            self.alongside(
                || mapped = lint_chunk(),
                || previous.into_iter().flatten().for_each(&mut sink),
            );
            linted = Some(mapped);
        }
        linted.into_iter().flatten().for_each(&mut sink);
    }

    /// Run `work` on the workers and `here` on the calling thread at the same time, and return
    /// once both are done.
    fn alongside(&self, work: impl FnOnce() + Send, here: impl FnOnce()) {
        match self.pool {
            Some(pool) => pool.in_place_scope(|s| {
                s.spawn(|_| work());
                here();
            }),
            None => rayon::in_place_scope(|s| {
                s.spawn(|_| work());
                here();
            }),
        }
    }

    /// Lint input `i`, teaching the site index its anchors from the text read.
    fn lint_file(
        &self,
        i: usize,
        input: InputRef<'_>,
        site: &SiteIndex,
    ) -> Result<FileOutcome, Error> {
        let path = input.path();
        let (name, text) = read_named(input, &path, self.settings.max_file_mib, &self.settings.cwd)
            .inspect_err(|_| site.record(i, None))?;
        // A share of the process's budget for the text, taken once it is read (the read
        // measured it; the text alone is bounded by the file limit) and held until the file's
        // findings are out: the analysis is what takes many times the file's size.
        let _share = crate::budget::ARTICLES.take(text.len() as u64);
        let source = SourceFile::new(name, text);
        let file = FileId(0);
        let rel = relative_to(&path, &self.settings.base_dir);
        let mut doc = Document::parse(file, input.format(), &source.text, &self.settings.parse);
        // A Markdown document's model has the anchors the index would read from its text (a
        // property test holds them equal); an HTML page's model leaves out its site chrome.
        match input.format() {
            Format::Markdown => site.record_anchors(i, doc.anchors.iter().map(String::as_str)),
            _ => site.record(i, Some(&source.text)),
        }
        // Which rules apply depends on where and to whom the article is published: a value
        // medlint cannot read leaves that unknown, so the file is not linted.
        doc.article = Article::read(&source.text, doc.front_matter).map_err(|e| {
            let text: std::sync::Arc<str> = std::sync::Arc::from(source.text.as_str());
            Error::located(
                ErrorKind::Input,
                source.name.clone(),
                &text,
                e.span,
                format!("front matter: {}", e.message),
            )
        })?;
        let selection = self.settings.selection_for_article(&rel, &doc.article);
        // The views' buffers are reused from the previous document on this thread.
        thread_local! {
            static VIEWS: std::cell::RefCell<Vec<SentenceView>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let mut views = VIEWS.with_borrow_mut(std::mem::take);
        let n = SentenceView::analyse_all_into(
            &doc,
            &self.registry.lexicon,
            self.registry.sentence_triggers(),
            &mut views,
        );
        let cx = DocContext::new(
            &doc,
            &source.text,
            &views[..n],
            &self.registry.lexicon,
            site,
            &path,
            &self.settings.citation_sources,
        );
        let mut found = Vec::new();
        for (i, rule) in self.registry.rules.iter().enumerate() {
            let (Check::Document(check), Some(severity)) = (&rule.check, selection[i]) else {
                continue;
            };
            let mut sink = Sink::new(&rule.meta, severity, file, &mut found);
            check.check(&cx, &mut sink);
        }
        let mut found = drop_deferred(found);
        if let Some(class) = doc.article.product_class {
            lower_for_licensed(&mut found, class);
        }
        let blocks: Vec<crate::source::Span> = if doc.comments.is_empty() {
            Vec::new()
        } else {
            doc.blocks.iter().map(|b| b.span).collect()
        };
        let stage = suppress::Stage {
            registry: self.registry,
            selection: &selection,
            policy: &self.settings.suppressions,
            today: self.today,
        };
        let applied = suppress::apply(file, &source, &doc.comments, &blocks, found, &stage);
        let mut diagnostics = applied.kept;
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut suppressed = applied.suppressed;
        suppressed.sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));
        drop(cx);
        // Keep the buffers for the next document (a bounded number of them).
        views.truncate(VIEWS_KEPT);
        VIEWS.with_borrow_mut(|kept| *kept = views);
        let article = std::mem::take(&mut doc.article);
        drop(doc);
        Ok(FileOutcome {
            source,
            diagnostics,
            suppressed,
            directives: applied.directives,
            article,
        })
    }
}
