//! A minimal LSP client that drives the real `summit-ls` binary over stdio.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long a test waits for an answer before it calls the server stuck: far above any
/// answer's time, so that a loaded CI machine (debug build, 2 cores) never trips it.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_summit-ls")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A copy of a folder of the repository in a fresh temporary folder.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// The seed corpus copied into a temporary folder, so tests can change it freely.
pub fn seed_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("seeds"), dir.path());
    dir
}

/// The raw seed reports with the seeds' corpus.toml.
pub fn raw_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("tests/fixtures/raw"), dir.path());
    std::fs::copy(repo().join("seeds/corpus.toml"), dir.path().join("corpus.toml")).expect("copy corpus.toml");
    dir
}

pub struct Lsp {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Messages from the server not yet consumed by a wait.
    backlog: Vec<Value>,
}

impl Lsp {
    pub fn start() -> Lsp {
        Self::spawn(Command::new(bin()).stderr(Stdio::null()))
    }

    /// Starts the server with one more environment variable.
    pub fn start_with_env(key: &str, value: &str) -> Lsp {
        Self::spawn(Command::new(bin()).env(key, value).stderr(Stdio::null()))
    }

    /// Starts the server with its timing log on (`SUMMIT_LS_TIMING`); the log's lines
    /// come on the returned channel.
    pub fn start_timed() -> (Lsp, Receiver<String>) {
        let mut command = Command::new(bin());
        command.env("SUMMIT_LS_TIMING", "1").stderr(Stdio::piped());
        let mut lsp = Self::spawn(&mut command);
        let stderr = lsp.child.stderr.take().expect("stderr");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        (lsp, rx)
    }

    fn spawn(command: &mut Command) -> Lsp {
        let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("start summit-ls");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Lsp { child, stdin, rx, next_id: 1, backlog: Vec::new() }
    }

    /// Starts the server and initializes it on `root`, offering UTF-8 or not.
    pub fn initialized(root: &Path, utf8: bool) -> (Lsp, Value) {
        let mut lsp = Lsp::start();
        let result = lsp.initialize(root, utf8);
        (lsp, result)
    }

    /// Initializes a started server on `root`, offering UTF-8 or not.
    pub fn initialize(&mut self, root: &Path, utf8: bool) -> Value {
        let encodings = if utf8 { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) };
        self.initialize_with(
            root,
            json!({
                "general": { "positionEncodings": encodings },
                "window": { "workDoneProgress": true },
                "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
            }),
        )
    }

    /// Initializes a started server on `root` for a client of these capabilities.
    pub fn initialize_with(&mut self, root: &Path, capabilities: Value) -> Value {
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": uri(root),
                    "workspaceFolders": [{ "uri": uri(root), "name": "corpus" }],
                    "capabilities": capabilities
                }),
            )
            .expect("initialize result");
        self.notify("initialized", json!({}));
        result
    }

    /// A server initialized on `root` by a client that pulls diagnostics and can be
    /// told to pull again, as VS Code is.
    pub fn pulling(root: &Path) -> (Lsp, Value) {
        let mut lsp = Lsp::start();
        let result = lsp.initialize_with(
            root,
            json!({
                "textDocument": { "diagnostic": { "relatedDocumentSupport": false } },
                "workspace": {
                    "diagnostics": { "refreshSupport": true },
                    "didChangeWatchedFiles": { "dynamicRegistration": true }
                }
            }),
        );
        (lsp, result)
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).expect("serialize");
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).expect("write to server");
        self.stdin.flush().expect("flush");
    }

    /// Writes bytes to the server as they are, framing and all.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write to server");
        self.stdin.flush().expect("flush");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response: the result, or the error object.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let response = self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
        match response.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(response.get("result").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Waits for a message matching `pred`, answering the server's own requests.
    pub fn wait_for(&mut self, mut pred: impl FnMut(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&mut pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.rx.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => panic!("timed out; unconsumed: {:#?}", self.backlog),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                // A request from the server (registerCapability, progress/create).
                let id = message["id"].clone();
                self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": null }));
            }
            if pred(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// Waits for diagnostics of `uri` that satisfy `pred`, and returns them.
    pub fn diagnostics_until(&mut self, uri: &str, mut pred: impl FnMut(&[Value]) -> bool) -> Vec<Value> {
        let uri = uri.to_string();
        let found = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && pred(m["params"]["diagnostics"].as_array().map(Vec::as_slice).unwrap_or(&[]))
        });
        found["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "summit", "version": 1, "text": text } }),
        );
        uri
    }

    pub fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
        .expect("hover result")
    }

    /// Messages received but not yet consumed by a wait, in order.
    /// Drops every message received and not consumed yet.
    pub fn forget_received(&mut self) {
        self.backlog.clear();
        while self.rx.try_recv().is_ok() {}
    }

    pub fn backlog(&self) -> &[Value] {
        &self.backlog
    }

    /// Waits until the server says indexing has ended, and returns that `$/progress`.
    pub fn wait_indexed(&mut self) -> Value {
        self.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end")
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn shutdown(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.wait_exit().expect("summit-ls did not exit after shutdown and exit");
        assert!(status.success(), "summit-ls exited with {status}");
    }

    /// Waits for the server to end, reading nothing and answering nothing.
    pub fn wait_exit(&mut self) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The codes of a list of LSP diagnostics, sorted.
pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics.iter().filter_map(|d| d["code"].as_str().map(str::to_string)).collect();
    codes.sort();
    codes
}
