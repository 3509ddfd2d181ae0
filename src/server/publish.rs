//! Diagnostics to the client: computed from the core's checks, converted at the
//! position boundary, and published by one task so that they leave in order.
//!
//! Debounce: each request to publish a document sets its deadline anew, so a burst of
//! keystrokes yields one computation after the last. Results cannot go stale: the
//! publisher computes from a snapshot of the state taken when the deadline passes
//! (off the lock), with the document's version in it, and publishes before the next.

use std::collections::HashMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{self as lsp, NumberOrString, Uri};

use super::guard::Shared;
use super::position::range_to_lsp;
use super::state::{Role, State};
use crate::corpus::checks::{check_analyzed_report, check_report};
use crate::corpus::diagnostics::{Diagnostic, FixKind, Severity};
use crate::position::Unit;

/// How long the publisher waits after a change for the next one.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// A fix as it travels in `Diagnostic.data`, so a code action needs no server state.
#[derive(Debug, Serialize, Deserialize)]
pub struct FixData {
    pub title: String,
    pub range: lsp::Range,
    #[serde(rename = "newText")]
    pub new_text: String,
    /// The required field the fix adds (empty), for the action to fill in its value.
    #[serde(rename = "addsField", default, skip_serializing_if = "Option::is_none")]
    pub adds_field: Option<String>,
}

#[derive(Clone)]
pub struct Publisher {
    tx: mpsc::UnboundedSender<(Uri, Duration)>,
}

impl Publisher {
    pub fn spawn(client: Client, state: Shared) -> Publisher {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(client, state, rx));
        Publisher { tx }
    }

    /// Publishes the diagnostics of `uri` after `delay`, unless asked again before.
    pub fn schedule(&self, uri: Uri, delay: Duration) {
        // The receiver lives as long as the runtime; a send after shutdown is moot.
        let _ = self.tx.send((uri, delay));
    }

    pub fn schedule_all(&self, uris: impl IntoIterator<Item = Uri>, delay: Duration) {
        for uri in uris {
            self.schedule(uri, delay);
        }
    }
}

async fn run(client: Client, state: Shared, mut rx: mpsc::UnboundedReceiver<(Uri, Duration)>) {
    let mut due: HashMap<Uri, Instant> = HashMap::new();
    loop {
        let next = due.values().min().copied();
        tokio::select! {
            message = rx.recv() => match message {
                Some((uri, delay)) => {
                    due.insert(uri, Instant::now() + delay);
                }
                None => break,
            },
            () = sleep_until(next), if next.is_some() => {
                let now = Instant::now();
                let ready: Vec<Uri> = due.iter().filter(|(_, t)| **t <= now).map(|(u, _)| u.clone()).collect();
                // A client that pulls is asked to pull again, once, and gets no push.
                let flags = state.lock().client;
                if flags.pull_diagnostics {
                    due.retain(|_, t| *t > now);
                    if flags.diagnostic_refresh && !ready.is_empty() {
                        // From a task of its own: a client that never answers must
                        // not hold up the next refresh.
                        let client = client.clone();
                        tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
                    }
                    continue;
                }
                for uri in ready {
                    due.remove(&uri);
                    let asked = uri.clone();
                    let computed = state.read("diagnostics", move |s| compute(s, &asked)).await.ok().flatten();
                    if let Some((diagnostics, version)) = computed {
                        client.publish_diagnostics(uri, diagnostics, version).await;
                    }
                }
            }
        }
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    if let Some(deadline) = deadline {
        tokio::time::sleep_until(deadline).await;
    }
}

/// The diagnostics of an open document and its version; `None` when it is closed.
pub(super) fn compute(state: &State, uri: &Uri) -> Option<(Vec<lsp::Diagnostic>, Option<i32>)> {
    let started = std::time::Instant::now();
    // The analysis from the cache: the text was analysed once, when it changed.
    let analysis = state.analysis(uri);
    let od = state.doc(uri)?;
    let found = match (Some(state.role_of(&od.path)), analysis) {
        (Some(Role::Report(corpus, path)), Some(a)) => check_analyzed_report(&od.doc, path, corpus.view(), &a),
        (Some(Role::Report(corpus, path)), None) => check_report(&od.doc, path, corpus.view()),
        (Some(Role::Manifest(corpus)), _) => corpus.kb_diagnostics.to_vec(),
        _ => Vec::new(),
    };
    let converted = found.iter().map(|d| to_lsp(d, od.doc.rope(), state.encoding)).collect();
    if std::env::var_os("SUMMIT_LS_TIMING").is_some() {
        // One line a published version: what its change and its diagnostics cost.
        let (change, diagnostics) = (od.change_cost.as_micros(), started.elapsed().as_micros());
        eprintln!(
            "summit-ls timing: {} version {} change {change} us diagnostics {diagnostics} us",
            uri.as_str(),
            od.version
        );
    }
    Some((converted, Some(od.version)))
}

pub fn to_lsp(d: &Diagnostic, rope: &ropey::Rope, unit: Unit) -> lsp::Diagnostic {
    let fixes: Vec<FixData> = d
        .fixes
        .iter()
        .map(|f| FixData {
            title: f.title.clone(),
            range: range_to_lsp(rope, &f.range, unit),
            new_text: f.text.clone(),
            adds_field: match &f.kind {
                FixKind::AddField(key) => Some(key.clone()),
                _ => None,
            },
        })
        .collect();
    lsp::Diagnostic {
        range: range_to_lsp(rope, &d.range, unit),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
            Severity::Hint => lsp::DiagnosticSeverity::HINT,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("summit-ls".to_string()),
        message: d.message.clone(),
        data: (!fixes.is_empty()).then(|| serde_json::json!({ "fixes": fixes })),
        tags: (d.code == "boilerplate").then(|| vec![lsp::DiagnosticTag::UNNECESSARY]),
        ..Default::default()
    }
}
