//! The thread that lints, off the main loop: it waits until the writer pauses (edits come
//! in bursts), keeps only the newest text of each document, lints it, and sends the findings
//! back tagged with the version they are for, so the main loop can drop stale ones.

use std::collections::{BTreeMap, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_types::Uri;

use super::convert::{self, DocsUrl, Finding};
use super::position::{Encoding, LineIndex};
use super::suppression;
use super::workspace::Workspaces;
use crate::document::{Document, Format};
use crate::engine::Engine;
use crate::files::path::display_name;
use crate::input::Input;
use crate::source::{FileId, Span};

/// How long the writer must pause before a changed document is linted.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// A document's text at one version, to lint.
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<str>,
    pub format: Format,
    pub path: PathBuf,
    /// Opened or saved rather than typed in: linted without waiting for a pause.
    pub urgent: bool,
}

/// What the worker sends back.
pub enum Outcome {
    /// The findings of `uri` at `version`.
    Linted {
        uri: Uri,
        version: i32,
        findings: Vec<Finding>,
    },
    /// Something the writer should be told (a config that does not load), naming the file.
    Problem(String),
}

/// How the worker presents what it finds.
pub struct Options {
    pub root: Option<PathBuf>,
    pub encoding: Encoding,
    pub docs: DocsUrl,
}

/// Start the worker; it ends when the job sender is dropped.
pub fn spawn(options: Options) -> (Sender<Job>, Receiver<Outcome>, JoinHandle<()>) {
    let (jobs, job_rx) = crossbeam_channel::unbounded::<Job>();
    let (out_tx, outcomes) = crossbeam_channel::unbounded();
    let handle = std::thread::spawn(move || run(&job_rx, &out_tx, &options));
    (jobs, outcomes, handle)
}

fn run(jobs: &Receiver<Job>, out: &Sender<Outcome>, options: &Options) {
    let mut state = State {
        workspaces: Workspaces::new(options.root.clone()),
        shown: HashMap::new(),
    };
    while let Ok(first) = jobs.recv() {
        let mut pending: BTreeMap<Uri, Job> = BTreeMap::new();
        let mut urgent = first.urgent;
        pending.insert(first.uri.clone(), first);
        // Gather the burst: each new edit restarts the wait, and the newest text wins.
        loop {
            let wait = if urgent { Duration::ZERO } else { DEBOUNCE };
            match jobs.recv_timeout(wait) {
                Ok(job) => {
                    urgent &= job.urgent;
                    pending.insert(job.uri.clone(), job);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        for job in pending.into_values() {
            let sent = lint(&mut state, &job, options)
                .into_iter()
                .try_for_each(|o| out.send(o));
            if sent.is_err() {
                return;
            }
        }
    }
}

/// Lint one job: its findings, after any problems to report. A rule that panics costs the
/// document its findings, not the server.
/// What the worker keeps between jobs.
struct State {
    workspaces: Workspaces,
    /// The problem last shown for each document, so an unreadable one is reported once rather
    /// than on every keystroke.
    shown: HashMap<PathBuf, String>,
}

fn lint(state: &mut State, job: &Job, options: &Options) -> Vec<Outcome> {
    let mut out = Vec::new();
    let findings = catch_unwind(AssertUnwindSafe(|| findings(state, job, options, &mut out)))
        .unwrap_or_else(|_| {
            out.push(Outcome::Problem(format!(
                "medlint: {}: linting failed unexpectedly; please report this file",
                job.path.display()
            )));
            Vec::new()
        });
    out.push(Outcome::Linted {
        uri: job.uri.clone(),
        version: job.version,
        findings,
    });
    out
}

fn findings(
    state: &mut State,
    job: &Job,
    options: &Options,
    problems: &mut Vec<Outcome>,
) -> Vec<Finding> {
    let lookup = state.workspaces.for_document(&job.path);
    problems.extend(lookup.new_problem.map(Outcome::Problem));
    let Some(loaded) = lookup.loaded else {
        return Vec::new();
    };
    let settings = &loaded.settings;
    // The engine reads a text as it would a file, without a byte-order mark; positions are
    // in the editor's text, with it.
    let body = job.text.strip_prefix('\u{FEFF}').unwrap_or(&job.text);
    let shift = (job.text.len() - body.len()) as u32;
    let name = display_name(&job.path, &settings.cwd);
    let input = Input::with_text(name, job.path.clone(), job.format, body);
    let report = Engine::new(&loaded.registry, settings).run(vec![input], Vec::new());
    let errors: Vec<String> = report
        .errors
        .iter()
        .map(|e| format!("medlint: {e}"))
        .collect();
    let errors = errors.join("\n");
    if errors.is_empty() {
        state.shown.remove(&job.path);
    } else if state.shown.get(&job.path) != Some(&errors) {
        state.shown.insert(job.path.clone(), errors.clone());
        problems.push(Outcome::Problem(errors));
    }
    let index = LineIndex::new(&job.text, options.encoding);
    let doc = Document::parse(FileId(0), job.format, body, &settings.parse);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let mut d = d.clone();
            shift_spans(&mut d, shift);
            let id = d.rule.id.as_str();
            let primary = Span::new(
                (d.primary.span.start - shift) as usize,
                (d.primary.span.end - shift) as usize,
            );
            let full = (&*job.text, shift as usize);
            Finding {
                diagnostic: convert::diagnostic(&d, &index, &job.uri, &options.docs),
                fixes: convert::fixes(&d, &index),
                suppress: suppression::here(id, primary, full, &doc, &index),
                disable_file: suppression::file(id, &job.text, job.format, &index),
                rule: Arc::clone(&d.rule),
            }
        })
        .collect()
}

/// Move a finding's spans past a byte-order mark the engine did not see.
fn shift_spans(d: &mut crate::diagnostic::Diagnostic, shift: u32) {
    if shift == 0 {
        return;
    }
    let by = |s: &mut Span| {
        s.start += shift;
        s.end += shift;
    };
    by(&mut d.primary.span);
    d.secondary.iter_mut().for_each(|l| by(&mut l.span));
    d.suggestions.iter_mut().for_each(|s| by(&mut s.span));
}
