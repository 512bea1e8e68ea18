//! The pipeline: read and parse each file, run document rules (in parallel), run corpus rules
//! over all documents, apply suppressions, sort. Output is the same at any thread count.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{FailOn, Selection, Settings};
use crate::diagnostic::{Diagnostic, Sink};
use crate::discover::{Input, io_message, relative_to};
use crate::document::{Comment, Document, Link};
use crate::error::Error;
use crate::rules::{Check, DocContext, Registry, SentenceView};
use crate::source::{FileId, SourceDb, SourceFile};
use crate::suppress::{self, DirectiveRecord, Suppressed};

/// Articles larger than this many MiB are skipped unless `max-file-mib` says otherwise: real
/// articles are kilobytes; a file this size is a dump or an export gone wrong.
pub const DEFAULT_MAX_FILE_MIB: u64 = 16;

/// The hard ceiling, whatever the config says (spans are 32-bit).
pub const HARD_MAX_FILE_MIB: u64 = 1024;

fn too_large(name: &str, bytes: u64, limit_mib: u64) -> Error {
    Error::input(
        name,
        format!(
            "file is {:.1} MiB, over the {limit_mib} MiB limit (`max-file-mib` in medlint.toml); skipped",
            bytes as f64 / (1024.0 * 1024.0)
        ),
    )
}

/// What a corpus rule sees of one document: only what links need.
pub struct CorpusDoc {
    /// Its file.
    pub file: FileId,
    /// Absolute, normalised path.
    pub path: PathBuf,
    /// Display name.
    pub name: String,
    /// Anchors it defines.
    pub anchors: BTreeSet<String>,
    /// Links it contains.
    pub links: Vec<Link>,
}

/// All documents of a run, for corpus rules.
pub struct Corpus<'a> {
    /// The documents.
    pub docs: &'a [CorpusDoc],
    /// Where `/…` links resolve.
    pub site_root: &'a Path,
    /// Whether link targets may be looked up on disk (assets that are not articles).
    pub check_filesystem: bool,
    /// The site's own origin; absolute links to it are internal.
    pub site_url: Option<&'a str>,
    by_path: HashMap<&'a Path, usize>,
}

impl<'a> Corpus<'a> {
    /// Index documents by path.
    pub fn new(
        docs: &'a [CorpusDoc],
        site_root: &'a Path,
        check_filesystem: bool,
        site_url: Option<&'a str>,
    ) -> Self {
        let by_path = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.path.as_path(), i))
            .collect();
        Corpus {
            docs,
            site_root,
            check_filesystem,
            site_url,
            by_path,
        }
    }

    /// The document at `path`, if it is being linted.
    pub fn index_of(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// Display name of document `i`.
    pub fn display_name(&self, i: usize) -> &str {
        &self.docs[i].name
    }
}

/// The result of a run.
pub struct Report {
    /// Every file read.
    pub sources: SourceDb,
    /// Findings, sorted by path, position and rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings that suppressions removed, with their reasons.
    pub suppressed: Vec<Suppressed>,
    /// Every suppression directive, for the audit listing.
    pub directives: Vec<DirectiveRecord>,
    /// Problems with medlint's inputs; any of these means exit 2.
    pub errors: Vec<Error>,
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
}

struct FileResult {
    diagnostics: Vec<Diagnostic>,
    corpus: CorpusDoc,
    comments: Vec<Comment>,
    selection: Selection,
}

/// Read a file's text, refusing oversized files (before reading them), binaries and invalid
/// UTF-8; a leading BOM is dropped.
pub fn read_text(input: &Input, limit_mib: u64) -> Result<String, Error> {
    if let Some(text) = &input.text {
        return decode(&input.name, text.as_bytes().to_vec(), limit_mib);
    }
    let io_err = |e: std::io::Error| Error::input(&input.name, io_message(&e));
    let limit = limit_mib.min(HARD_MAX_FILE_MIB);
    let size = std::fs::metadata(&input.path).map_err(io_err)?.len();
    if size > limit * 1024 * 1024 {
        return Err(too_large(&input.name, size, limit));
    }
    let bytes = std::fs::read(&input.path).map_err(io_err)?;
    decode(&input.name, bytes, limit_mib)
}

/// Turn bytes into article text, or say why they are not one.
pub fn decode(name: &str, bytes: Vec<u8>, limit_mib: u64) -> Result<String, Error> {
    let limit = limit_mib.min(HARD_MAX_FILE_MIB);
    if bytes.len() as u64 > limit * 1024 * 1024 {
        return Err(too_large(name, bytes.len() as u64, limit));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(Error::input(
            name,
            "binary file (contains NUL bytes), skipped",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::input(
                name,
                format!("not valid UTF-8 (line {line}, byte {at}), skipped"),
            ))
        }
    }
}

impl Engine<'_> {
    /// Lint `inputs`; `errors` from discovery are carried into the report.
    pub fn run(&self, inputs: Vec<Input>, mut errors: Vec<Error>) -> Report {
        let limit = self.settings.max_file_mib;
        let texts: Vec<Result<String, Error>> =
            inputs.par_iter().map(|i| read_text(i, limit)).collect();
        let mut sources = SourceDb::new();
        let mut files = Vec::new();
        for (input, text) in inputs.into_iter().zip(texts) {
            match text {
                Ok(text) => {
                    let id = sources.add(SourceFile::new(input.name.clone(), text));
                    files.push((id, input));
                }
                Err(e) => errors.push(e),
            }
        }
        let results: Vec<FileResult> = files
            .par_iter()
            .map(|(id, input)| {
                let result = self.check_document(*id, input, sources.get(*id));
                if let Some(tick) = self.on_file {
                    tick();
                }
                result
            })
            .collect();
        let mut diagnostics = Vec::new();
        let corpus_docs: Vec<CorpusDoc>;
        let mut per_file = Vec::with_capacity(results.len());
        {
            let mut docs = Vec::with_capacity(results.len());
            for r in results {
                docs.push(r.corpus);
                per_file.push((r.diagnostics, r.comments, r.selection));
            }
            corpus_docs = docs;
        }
        let corpus = Corpus::new(
            &corpus_docs,
            &self.settings.site_root,
            self.check_filesystem,
            self.settings.site_url.as_deref(),
        );
        let mut corpus_found = Vec::new();
        for (i, rule) in self.registry.rules.iter().enumerate() {
            let Check::Corpus(check) = &rule.check else {
                continue;
            };
            if per_file.iter().all(|(_, _, sel)| sel[i].is_none()) {
                continue;
            }
            let mut sink = Sink::new(
                &rule.meta,
                rule.meta.default_severity,
                FileId(0),
                &mut corpus_found,
            );
            check.check(&corpus, &mut sink);
        }
        let index_of_file: HashMap<FileId, usize> = corpus_docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.file, i))
            .collect();
        for mut d in corpus_found {
            let Some(&i) = index_of_file.get(&d.file) else {
                continue;
            };
            let rule = self.registry.find(&d.rule.id).unwrap_or(usize::MAX);
            if let Some(Some(severity)) = per_file[i].2.get(rule) {
                d.severity = *severity;
                per_file[i].0.push(d);
            }
        }
        let mut suppressed = Vec::new();
        let mut directives = Vec::new();
        for (i, (found, comments, selection)) in per_file.into_iter().enumerate() {
            let file = corpus_docs[i].file;
            let applied = suppress::apply(
                file,
                sources.get(file),
                &comments,
                found,
                self.registry,
                &selection,
            );
            diagnostics.extend(applied.kept);
            suppressed.extend(applied.suppressed);
            directives.extend(applied.directives);
        }
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        suppressed.sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));
        Report {
            sources,
            diagnostics,
            suppressed,
            directives,
            errors,
        }
    }

    fn check_document(&self, file: FileId, input: &Input, source: &SourceFile) -> FileResult {
        let rel = relative_to(&input.path, &self.settings.base_dir);
        let selection = self.settings.selection_for(&rel);
        let doc = Document::parse(file, input.format, &source.text, &self.settings.parse);
        let views = SentenceView::analyse_all(&doc, &self.registry.lexicon);
        let cx = DocContext {
            doc: &doc,
            source,
            sentences: &views,
            lexicon: &self.registry.lexicon,
            joined: std::cell::OnceCell::new(),
        };
        let mut diagnostics = Vec::new();
        for (i, rule) in self.registry.rules.iter().enumerate() {
            let (Check::Document(check), Some(severity)) = (&rule.check, selection[i]) else {
                continue;
            };
            let mut sink = Sink::new(&rule.meta, severity, file, &mut diagnostics);
            check.check(&cx, &mut sink);
        }
        FileResult {
            diagnostics,
            corpus: CorpusDoc {
                file,
                path: input.path.clone(),
                name: input.name.clone(),
                anchors: doc.anchors,
                links: doc.links,
            },
            comments: doc.comments,
            selection,
        }
    }
}
