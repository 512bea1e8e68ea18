//! `medlint server` driven as an editor drives it: the real binary, JSON-RPC over its
//! standard input and output.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// Long enough for a debug build on a loaded machine; only a hung server reaches it.
const HANG: Duration = Duration::from_secs(120);

const ARTICLE: &str = "# Knee pain\n\nOur PRP injections cure arthritis permanently.\n\nSee [the risks](other.md#risks).\n";
const OTHER: &str = "# Other\n\n## Risks\n\nSome text.\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for another.
    backlog: Vec<Value>,
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl Client {
    /// Start the server in `dir` and initialize it with `capabilities`.
    fn start(dir: &Path, capabilities: Value) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_medlint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start medlint server");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            while let Some(m) = read_message(&mut stdout) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 0,
            backlog: Vec::new(),
        };
        let init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(dir), "capabilities": capabilities}),
        );
        client.notify("initialized", json!({}));
        (client, init)
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and return its whole response.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    /// Send a request and return its result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The next message matching `wanted`, keeping the others for later waits.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(at);
        }
        loop {
            let message = match self.messages.recv_timeout(HANG) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => panic!("the server sent nothing wanted"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            };
            if wanted(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// The next diagnostics published for `uri` at `version`.
    fn published(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn replace(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// `shutdown`, then `exit`; the process's exit status.
    fn shutdown(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().unwrap()
    }

    /// `exit` without `shutdown`; the process's exit status.
    fn exit(mut self) -> ExitStatus {
        self.notify("exit", Value::Null);
        self.child.wait().unwrap()
    }
}

impl Drop for Client {
    /// A failed test leaves no server running.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The code action titled `title` among `actions`.
fn action<'a>(actions: &'a Value, title: &str) -> &'a Value {
    actions
        .as_array()
        .and_then(|all| all.iter().find(|a| a["title"] == title))
        .unwrap_or_else(|| panic!("no action `{title}` in {actions}"))
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("other.md"), OTHER).unwrap();
    dir
}

/// Apply LSP text edits (non-overlapping, single-line positions in ASCII text) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + p["character"].as_u64().unwrap() as usize
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

#[test]
fn an_editor_sees_findings_their_docs_and_fixes_as_the_text_changes() {
    let dir = site();
    let (mut client, init) = Client::start(dir.path(), json!({}));
    let caps = &init["capabilities"];
    assert_eq!(caps["hoverProvider"], true);
    assert!(
        caps.get("diagnosticProvider").is_none(),
        "push only: {caps}"
    );
    let article = uri(&dir.path().join("article.md"));
    client.open(&article, "markdown", ARTICLE);
    let found = client.published(&article, 1);
    assert_eq!(codes(&found), ["MED201", "MED101"], "{found:?}");
    let cure = &found[1];
    assert_eq!(cure["source"], "medlint");
    assert_eq!(cure["severity"], 1);
    assert_eq!(cure["codeDescription"]["href"], "medlint:explain/MED101");
    assert_eq!(
        cure["range"],
        json!({"start": {"line": 2, "character": 19}, "end": {"line": 2, "character": 23}})
    );
    let message = cure["message"].as_str().unwrap();
    assert!(message.starts_with("Cure claim: `cure`"), "{message}");
    assert!(
        message.contains("\nhelp: Describe what a treatment may do"),
        "{message}"
    );
    assert!(message.contains("\nnote: why: no negation"), "{message}");

    // Hovering over the claim shows the rule's docs, as `medlint explain` prints them.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": article}, "position": {"line": 2, "character": 21}}),
    );
    let docs = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(docs.starts_with("# MED101 cure-claim"), "{docs}");
    assert!(docs.contains("## What to write instead"), "{docs}");
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": article}, "position": {"line": 4, "character": 0}}),
    );
    assert_eq!(nothing, Value::Null);

    // The actions on the claim: a suppression with a reason to fill in, and one for the file.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": article}, "range": cure["range"], "context": {"diagnostics": [cure]}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Suppress MED101 here (with a reason)"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Disable MED101 for this file (with a reason)"),
        "{titles:?}"
    );
    let suppress = action(&actions, "Suppress MED101 here (with a reason)");
    assert_eq!(suppress["kind"], "quickfix");
    let edits = suppress["edit"]["changes"][&article].as_array().unwrap();
    let suppressed = apply(ARTICLE, edits);
    assert!(
        suppressed.contains(
            "\n<!-- medlint-disable-next-line MED101 -- reason: … -->\nOur PRP injections cure"
        ),
        "{suppressed}"
    );

    // Applying it: the claim is no longer flagged, in the findings for that version.
    client.replace(&article, 2, &suppressed);
    assert_eq!(codes(&client.published(&article, 2)), ["MED201"]);

    // Rewriting the claim instead: still not flagged; the findings follow the newest text.
    let hedged = ARTICLE.replace("cure arthritis permanently", "may ease knee pain for some");
    client.replace(&article, 3, &ARTICLE.replace("cure", "fix"));
    client.replace(&article, 4, &hedged);
    assert_eq!(codes(&client.published(&article, 4)), ["MED201"]);

    let unknown = client.call("medlint/unknown", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad = client.call("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");

    assert!(client.shutdown().success());
}

#[test]
fn a_client_that_pulls_diagnostics_is_answered_for_the_current_text() {
    let dir = site();
    let caps = json!({
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostic": {"refreshSupport": true}}
    });
    let (mut client, init) = Client::start(dir.path(), caps);
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "medlint"
    );
    let article = uri(&dir.path().join("article.md"));
    client.open(&article, "markdown", ARTICLE);
    let pull = |client: &mut Client| {
        client.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": article}}),
        )
    };
    let report = pull(&mut client);
    assert_eq!(report["kind"], "full");
    assert_eq!(
        codes(report["items"].as_array().unwrap()),
        ["MED201", "MED101"]
    );
    let hedged = ARTICLE.replace("cure arthritis permanently", "may ease knee pain for some");
    client.replace(&article, 2, &hedged);
    let report = pull(&mut client);
    assert_eq!(codes(report["items"].as_array().unwrap()), ["MED201"]);
    // A linked page's heading renamed and saved: the client is told to ask again.
    let other_path = dir.path().join("other.md");
    let other = uri(&other_path);
    client.open(&other, "markdown", OTHER);
    let renamed = OTHER.replace("## Risks", "## Side effects");
    std::fs::write(&other_path, &renamed).unwrap();
    client.replace(&other, 2, &renamed);
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": other}}),
    );
    client.wait(|m| m["method"] == "workspace/diagnostic/refresh");
    let report = pull(&mut client);
    assert_eq!(
        codes(report["items"].as_array().unwrap()),
        ["MED201", "MED302"]
    );
    assert!(client.shutdown().success());
}

#[test]
fn a_heading_renamed_and_saved_breaks_links_in_other_open_pages() {
    let dir = site();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    let article = uri(&dir.path().join("article.md"));
    let other_path = dir.path().join("other.md");
    let other = uri(&other_path);
    client.open(&article, "markdown", ARTICLE);
    assert!(!codes(&client.published(&article, 1)).contains(&"MED302".to_string()));
    client.open(&other, "markdown", OTHER);
    client.published(&other, 1);
    let renamed = OTHER.replace("## Risks", "## Side effects");
    client.replace(&other, 2, &renamed);
    client.published(&other, 2);
    std::fs::write(&other_path, &renamed).unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": other}}),
    );
    // The article, unchanged in the editor, is linted again against the saved page.
    let found = client.published(&article, 1);
    assert!(codes(&found).contains(&"MED302".to_string()), "{found:?}");
    assert!(client.shutdown().success());
}

#[test]
fn plain_text_and_html_are_linted_and_suppressed_in_their_own_syntax() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    let cases = [
        (
            "notes.txt",
            "plaintext",
            "Intro line.\n\nOur PRP injections cure arthritis permanently.\n",
        ),
        (
            "page.html",
            "html",
            "<!DOCTYPE html>\n<html><body>\n<h1>Knee</h1>\n<p>Our PRP injections cure arthritis permanently.</p>\n</body></html>\n",
        ),
    ];
    for (name, language, text) in cases {
        let doc = uri(&dir.path().join(name));
        client.open(&doc, language, text);
        let found = client.published(&doc, 1);
        let cure = found
            .iter()
            .find(|d| d["code"] == "MED101")
            .unwrap_or_else(|| panic!("{name}: {found:?}"));
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": cure["range"], "context": {"diagnostics": []}}),
        );
        let suppress = action(&actions, "Suppress MED101 here (with a reason)");
        let edits = suppress["edit"]["changes"][&doc].as_array().unwrap();
        client.replace(&doc, 2, &apply(text, edits));
        let after = client.published(&doc, 2);
        assert!(
            !codes(&after).contains(&"MED101".to_string()),
            "{name}: {after:?}"
        );
    }
    assert!(client.shutdown().success());
}

#[test]
fn a_broken_config_is_reported_naming_the_file_and_the_server_carries_on() {
    let dir = site();
    std::fs::write(
        dir.path().join("medlint.toml"),
        "select = [\"MED1\"\nnonsense\n",
    )
    .unwrap();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    let article = uri(&dir.path().join("article.md"));
    client.open(&article, "markdown", ARTICLE);
    let shown = client.wait(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(message.contains("medlint.toml:"), "{message}");
    assert!(client.published(&article, 1).is_empty());
    // Fixed and saved: the findings come back.
    std::fs::write(dir.path().join("medlint.toml"), "select = [\"MED101\"]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&dir.path().join("medlint.toml"))}}),
    );
    assert_eq!(codes(&client.published(&article, 1)), ["MED101"]);
    assert!(client.shutdown().success());
}

#[test]
fn exit_without_shutdown_is_an_error_status() {
    let dir = tempfile::tempdir().unwrap();
    let (client, _) = Client::start(dir.path(), json!({}));
    assert_eq!(client.exit().code(), Some(1));
}

#[test]
fn a_stream_that_is_not_the_protocol_ends_the_server_with_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_medlint"))
        .arg("server")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"Content-Length: 7\r\n\r\n{oops}\n")
        .unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_rules_rewrite_is_a_code_action_and_applying_it_clears_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Knees\n\nOur knee injections relieve back pain.\n";
    std::fs::write(dir.path().join("knee.md"), text).unwrap();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    let knee = uri(&dir.path().join("knee.md"));
    client.open(&knee, "markdown", text);
    let found = client.published(&knee, 1);
    let codes_found = codes(&found);
    assert!(
        codes_found.contains(&"MED103".to_string()) && codes_found.contains(&"MED201".to_string()),
        "{found:?}"
    );
    let action_for = |client: &mut Client, id: &str| -> Vec<Value> {
        let d = found.iter().find(|d| d["code"] == id).unwrap().clone();
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": knee}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        actions.as_array().unwrap().clone()
    };
    // The hedge is offered, not preferred: only a person can judge a rewrite of a claim.
    let hedge = action_for(&mut client, "MED103")
        .into_iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Hedge the claim"))
        .expect("a hedge action");
    assert_ne!(hedge["isPreferred"], true, "{hedge}");
    let hedged = apply(text, hedge["edit"]["changes"][&knee].as_array().unwrap());
    assert!(
        hedged.contains("injections may help relieve back pain"),
        "{hedged}"
    );
    // The missing disclaimer is a safe fix, so the preferred one.
    let disclaimer = action_for(&mut client, "MED201")
        .into_iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred disclaimer fix");
    let both = apply(
        &hedged,
        disclaimer["edit"]["changes"][&knee].as_array().unwrap(),
    );
    client.replace(&knee, 2, &both);
    let after = codes(&client.published(&knee, 2));
    assert!(
        !after.contains(&"MED103".to_string()) && !after.contains(&"MED201".to_string()),
        "{after:?}\n{both}"
    );
    assert!(client.shutdown().success());
}
