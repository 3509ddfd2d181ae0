//! `summit-ls.overview` (`workspace/executeCommand`): the overview page of a corpus,
//! the one `summit-ls overview` writes, drawn from the server's state: the corpus's
//! indexes for every report, the buffer's checks for an open one, the kept diagnostics
//! for a closed one (see [`super::pull`]). It reads no file.
//!
//! A client that has asked for the page once is told when a corpus changed
//! (`summit-ls/corpusChanged`), to ask again.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::Ordering;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::Uri;
use tower_lsp_server::ls_types::notification::Notification;

use super::Backend;
use super::pull::Pull;
use super::state::State;
use super::uris::{path_of, uri_of};
use crate::corpus::checks::{check_analyzed_report, check_report};
use crate::corpus::overview::{Overview, Progress, ReportState};
use crate::corpus::workspace::Corpus;
use crate::render::overview::{Section, page as draw};

/// The command's name; its one argument is the URI of a file or folder.
pub const COMMAND: &str = "summit-ls.overview";

/// Sent once a corpus changed, to a client that has asked for the page.
pub enum CorpusChanged {}

#[derive(Debug, Serialize, Deserialize)]
pub struct CorpusChangedParams {
    /// The corpus's folder.
    pub uri: Uri,
}

impl Notification for CorpusChanged {
    type Params = CorpusChangedParams;
    const METHOD: &'static str = "summit-ls/corpusChanged";
}

/// The folder or file the command's arguments name.
pub fn target(arguments: &[Value]) -> jsonrpc::Result<PathBuf> {
    let uri = arguments.first().and_then(Value::as_str).ok_or_else(|| {
        jsonrpc::Error::invalid_params(format!("{COMMAND} takes one argument: the URI of a file or folder of a corpus"))
    })?;
    let parsed = Uri::from_str(uri).map_err(|e| jsonrpc::Error::invalid_params(format!("{uri}: not a URI ({e})")))?;
    path_of(&parsed).ok_or_else(|| jsonrpc::Error::invalid_params(format!("{uri}: not a file: URI")))
}

/// The page of the corpus that holds `path`, or of the corpora a folder holds.
pub fn page(state: &State, pull: &Pull, path: &Path) -> jsonrpc::Result<String> {
    let mut roots: Vec<&PathBuf> = state.host.corpora.keys().filter(|root| root.starts_with(path)).collect();
    let enclosing = state.corpus_root_of(path);
    if roots.is_empty() {
        roots.extend(enclosing.as_ref().and_then(|r| state.host.corpora.get_key_value(r)).map(|(r, _)| r));
    }
    if roots.is_empty() {
        return Err(jsonrpc::Error::invalid_params(format!(
            "{}: in no corpus the server knows (no corpus.toml in it, below it, or in a folder above it, \
             within the workspace)",
            path.display()
        )));
    }
    let drawn: Vec<(&PathBuf, &Corpus, Overview)> = roots
        .into_iter()
        .filter_map(|root| {
            let corpus = state.host.corpora.get(root)?;
            let states = report_states(state, pull, root, corpus);
            Some((root, corpus, Overview::build(corpus, &states)))
        })
        .collect();
    let sections: Vec<Section> =
        drawn.iter().map(|(root, corpus, overview)| Section { root, corpus, overview }).collect();
    Ok(draw(&sections))
}

/// Every report of the corpus as the overview needs it.
fn report_states(state: &State, pull: &Pull, root: &Path, corpus: &Corpus) -> Vec<ReportState> {
    let mut paths = corpus.indexed_paths();
    // An open report with nothing indexed (no front matter, no mention) still counts.
    paths.extend(state.host.open_in(root));
    paths.sort();
    paths.dedup();
    paths
        .iter()
        .filter(|p| corpus.is_report(p))
        .map(|path| ReportState::from_index(corpus, path, progress(state, pull, corpus, path)))
        .collect()
}

/// An open report is checked from its buffer; a closed one's checks are those kept.
fn progress(state: &State, pull: &Pull, corpus: &Corpus, path: &Path) -> Progress {
    if let Some(od) = state.host.doc(path) {
        let diagnostics = match state.host.analysis(path) {
            Some(a) => check_analyzed_report(&od.doc, path, corpus.view(), &a),
            None => check_report(&od.doc, path, corpus.view()),
        };
        return Progress::of(od.doc.front_matter().is_some(), diagnostics.iter().map(|d| d.severity).min());
    }
    match pull.worst(path) {
        Some((has_front_matter, worst)) => Progress::of(has_front_matter, worst),
        None => Progress::Unchecked,
    }
}

/// Tells a client that has asked for the page that the corpus of `root` changed. Sent
/// from a task of its own, like every message that is not an answer.
pub fn changed(backend: &Backend, root: &Path) {
    if !backend.overview_asked.load(Ordering::Relaxed) {
        return;
    }
    let Some(uri) = uri_of(root) else { return };
    let client = backend.client.clone();
    tokio::spawn(async move { client.send_notification::<CorpusChanged>(CorpusChangedParams { uri }).await });
}
