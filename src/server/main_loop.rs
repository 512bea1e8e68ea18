//! The server's main loop: messages from the editor and findings from the worker, one at a
//! time. It never lints (the worker does) and never blocks on a lint: a request for a
//! document's diagnostics that are not ready yet is answered when they are.

use std::collections::HashMap;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use crossbeam_channel::{Sender, select};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, DocumentDiagnosticRequest, HoverRequest, Request as _,
    WorkspaceDiagnosticRefresh,
};
use lsp_types::{
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    InitializeParams, MessageType, PublishDiagnosticsParams, RelatedFullDocumentDiagnosticReport,
    ShowMessageParams, Uri,
};
use serde::de::DeserializeOwned;

use super::capabilities::{self, Client};
use super::convert::{DocsUrl, Finding};
use super::documents::{Documents, OpenDocument, format_of};
use super::worker::{self, Job, Outcome};
use super::{actions, hover, links, uri};

/// The findings of a document at the version they were linted for.
struct Linted {
    version: i32,
    findings: Vec<Finding>,
}

/// What `initializationOptions` may set.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct InitOptions {
    /// The link of a diagnostic's code, with `{id}` and `{slug}` filled in.
    docs_url: Option<String>,
}

struct Server {
    connection: Connection,
    client: Client,
    documents: Documents,
    linted: HashMap<Uri, Linted>,
    /// Pull requests waiting for a document's findings at its current version.
    waiting: HashMap<Uri, Vec<RequestId>>,
    jobs: Sender<Job>,
    /// Where documents without a path (unsaved buffers) are placed.
    root: Option<PathBuf>,
    next_request: i32,
}

/// Speak LSP over standard input and output until the editor says `exit`. Returns the exit
/// status: 0 after `shutdown` then `exit`, 1 for an `exit` without `shutdown`.
pub fn serve() -> io::Result<u8> {
    let (connection, io_threads) = super::transport::stdio()?;
    let code = run(connection)?;
    io_threads.join()?;
    Ok(code)
}

fn protocol(e: lsp_server::ProtocolError) -> io::Error {
    io::Error::other(format!("language server protocol: {e}"))
}

fn run(connection: Connection) -> io::Result<u8> {
    let (id, params) = connection.initialize_start().map_err(protocol)?;
    let params: InitializeParams = match serde_json::from_value(params) {
        Ok(p) => p,
        Err(e) => {
            let message = format!("invalid initialize parameters: {e}");
            let reply = Response::new_err(id, ErrorCode::InvalidParams as i32, message.clone());
            let _ = connection.sender.send(reply.into());
            return Err(io::Error::other(message));
        }
    };
    let options: InitOptions = params
        .initialization_options
        .clone()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let client = Client::of(&params.capabilities);
    let result = serde_json::json!({
        "capabilities": capabilities::server(&client),
        "serverInfo": { "name": "medlint", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(protocol)?;
    let root = workspace_root(&params);
    let (jobs, outcomes, worker) = worker::spawn(worker::Options {
        root: root.clone(),
        encoding: client.encoding,
        docs: options.docs_url.map(DocsUrl).unwrap_or_default(),
    });
    let mut server = Server {
        connection,
        client,
        documents: Documents::default(),
        linted: HashMap::new(),
        waiting: HashMap::new(),
        jobs,
        root,
        next_request: 0,
    };
    let code = loop {
        select! {
            recv(server.connection.receiver) -> message => {
                let Ok(message) = message else { break 1 };
                match message {
                    Message::Request(request) => {
                        if server.connection.handle_shutdown(&request).map_err(protocol)? {
                            break 0;
                        }
                        server.request(request);
                    }
                    Message::Notification(n) if n.method == "exit" => break 1,
                    Message::Notification(n) => server.notification(n),
                    // Answers to our refresh requests need nothing done.
                    Message::Response(_) => {}
                }
            }
            recv(outcomes) -> outcome => {
                if let Ok(outcome) = outcome {
                    server.outcome(outcome);
                }
            }
        }
    };
    // The worker ends once its job queue closes.
    let Server { jobs, .. } = server;
    drop(jobs);
    let _ = worker.join();
    Ok(code)
}

/// The first workspace folder, else the root URI.
#[allow(deprecated)]
fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|f| uri::to_path(&f.uri))
        .or_else(|| params.root_uri.as_ref().and_then(uri::to_path))
}

fn parse<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

impl Server {
    fn send(&self, message: impl Into<Message>) {
        // The connection closes only as the editor goes; nothing is left to tell it then.
        let _ = self.connection.sender.send(message.into());
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn show_error(&self, message: String) {
        self.notify::<ShowMessage>(ShowMessageParams {
            typ: MessageType::ERROR,
            message,
        });
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let answer = match request.method.as_str() {
            HoverRequest::METHOD => parse(request.params).map(|p| json(self.hover(p))),
            CodeActionRequest::METHOD => parse(request.params).map(|p| json(self.code_actions(p))),
            DocumentDiagnosticRequest::METHOD => match parse(request.params) {
                Ok(p) => {
                    self.pull(id, p);
                    return;
                }
                Err(e) => Err(e),
            },
            other => {
                let message = format!("medlint does not handle `{other}`");
                self.send(Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    message,
                ));
                return;
            }
        };
        match answer {
            Ok(value) => self.send(Response::new_ok(id, value)),
            Err(e) => self.send(Response::new_err(id, ErrorCode::InvalidParams as i32, e)),
        }
    }

    fn notification(&mut self, n: Notification) {
        let result = match n.method.as_str() {
            DidOpenTextDocument::METHOD => parse(n.params).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => parse(n.params).map(|p| self.did_change(p)),
            DidSaveTextDocument::METHOD => parse(n.params).map(|p| self.did_save(p)),
            DidCloseTextDocument::METHOD => parse(n.params).map(|p| self.did_close(p)),
            // Other notifications (`initialized`, `$/…`, settings) need nothing done.
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.show_error(format!("medlint: bad `{}` notification: {e}", n.method));
        }
    }

    /// Queue the document at `uri` for linting at its current version. Its findings so far
    /// are forgotten: linted again at the same version (a page it links to was saved), they
    /// may be out of date, and a pull must wait for the new ones.
    fn schedule(&mut self, uri: &Uri, urgent: bool) {
        self.linted.remove(uri);
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let _ = self.jobs.send(Job {
            uri: uri.clone(),
            version: doc.version,
            text: Arc::clone(&doc.text),
            format: doc.format,
            path: doc.path.clone(),
            urgent,
        });
    }

    fn did_open(&mut self, p: lsp_types::DidOpenTextDocumentParams) {
        let item = p.text_document;
        let path = uri::to_path(&item.uri).unwrap_or_else(|| {
            // An unsaved buffer lints as a page at the workspace's root.
            let name = item
                .uri
                .as_str()
                .rsplit(['/', ':'])
                .next()
                .unwrap_or("untitled");
            self.root.clone().unwrap_or_default().join(name)
        });
        let Some(format) = format_of(&item.language_id, &path) else {
            return;
        };
        self.documents.open(
            item.uri.clone(),
            OpenDocument {
                text: Arc::from(item.text),
                version: item.version,
                format,
                path,
            },
        );
        self.schedule(&item.uri, true);
    }

    fn did_change(&mut self, p: lsp_types::DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let version = p.text_document.version;
        if self
            .documents
            .change(&uri, version, p.content_changes, self.client.encoding)
        {
            self.schedule(&uri, false);
        }
    }

    fn did_save(&mut self, p: lsp_types::DidSaveTextDocumentParams) {
        let uri = p.text_document.uri;
        let Some(path) = uri::to_path(&uri) else {
            return;
        };
        if path
            .file_name()
            .is_some_and(|n| n == crate::config::FILE_NAME)
        {
            // A changed config changes every document's findings.
            let all: Vec<Uri> = self.documents.iter().map(|(u, _)| u.clone()).collect();
            all.iter().for_each(|u| self.schedule(u, true));
            return;
        }
        self.schedule(&uri, true);
        // Links in other open pages into this one are checked against its headings as saved.
        for other in links::linking_to(&self.documents, &uri, &path) {
            self.schedule(&other, true);
        }
    }

    fn did_close(&mut self, p: lsp_types::DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        if self.documents.close(&uri).is_none() {
            return;
        }
        self.linted.remove(&uri);
        for id in self.waiting.remove(&uri).unwrap_or_default() {
            self.send(Response::new_ok(id, full_report(Vec::new())));
        }
        if !self.client.pulls_diagnostics {
            self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(uri, Vec::new(), None));
        }
    }

    /// The findings of `uri` if they are for the text the editor has now.
    fn current(&self, uri: &Uri) -> Option<&Linted> {
        let doc = self.documents.get(uri)?;
        self.linted.get(uri).filter(|l| l.version == doc.version)
    }

    fn outcome(&mut self, outcome: Outcome) {
        let (uri, version, findings) = match outcome {
            Outcome::Problem(message) => return self.show_error(message),
            Outcome::Linted {
                uri,
                version,
                findings,
            } => (uri, version, findings),
        };
        // Findings for a text the writer has since changed, or closed, are dropped.
        if self
            .documents
            .get(&uri)
            .is_none_or(|d| d.version != version)
        {
            return;
        }
        let diagnostics: Vec<lsp_types::Diagnostic> =
            findings.iter().map(|f| f.diagnostic.clone()).collect();
        self.linted
            .insert(uri.clone(), Linted { version, findings });
        if !self.client.pulls_diagnostics {
            self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(
                uri,
                diagnostics,
                Some(version),
            ));
            return;
        }
        match self.waiting.remove(&uri) {
            Some(ids) => {
                for id in ids {
                    self.send(Response::new_ok(id, full_report(diagnostics.clone())));
                }
            }
            // Linted without being asked (a page it links to was saved): the client asks again.
            None if self.client.refreshes_diagnostics => {
                self.next_request += 1;
                let id = RequestId::from(format!("medlint-refresh-{}", self.next_request));
                self.send(Request::new(
                    id,
                    WorkspaceDiagnosticRefresh::METHOD.to_string(),
                    (),
                ));
            }
            None => {}
        }
    }

    fn pull(&mut self, id: RequestId, p: lsp_types::DocumentDiagnosticParams) {
        let uri = p.text_document.uri;
        if self.documents.get(&uri).is_none() {
            return self.send(Response::new_ok(id, full_report(Vec::new())));
        }
        if let Some(linted) = self.current(&uri) {
            let diagnostics = linted
                .findings
                .iter()
                .map(|f| f.diagnostic.clone())
                .collect();
            return self.send(Response::new_ok(id, full_report(diagnostics)));
        }
        // Answered when the worker's findings for this version arrive.
        self.waiting.entry(uri).or_default().push(id);
    }

    fn hover(&self, p: lsp_types::HoverParams) -> Option<lsp_types::Hover> {
        let at = p.text_document_position_params;
        let linted = self.current(&at.text_document.uri)?;
        hover::hover(&linted.findings, at.position)
    }

    fn code_actions(&self, p: lsp_types::CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let uri = p.text_document.uri;
        let Some(linted) = self.current(&uri) else {
            return Vec::new();
        };
        let versioned = self.client.versioned_edits;
        actions::actions(&linted.findings, &uri, linted.version, &p.range, versioned)
    }
}

fn json(value: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn full_report(items: Vec<lsp_types::Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items,
            },
        },
    ))
}
