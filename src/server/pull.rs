//! Pull diagnostics (LSP 3.17): `textDocument/diagnostic` and `workspace/diagnostic`,
//! so that the problems of every report, open or closed, are in the editor's list.
//!
//! Used when the client says it can pull (`textDocument.diagnostic`); the publisher
//! then pushes nothing and asks the client to pull again instead
//! (`workspace/diagnostic/refresh`), so no document gets both.
//!
//! An open report is checked on request, from its buffer. A closed report's
//! diagnostics are kept here: computed by a background job when its corpus has been
//! read, and again when a report changes on disk, so that a request reads no file.
//! A result id is a digest of the diagnostics: the same problems, the same id, and
//! the answer `unchanged`.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rayon::prelude::*;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::Backend;
use super::publish::{compute, to_lsp};
use super::state::{Role, State};
use crate::corpus::checks::check_analyzed_report;
use crate::corpus::diagnostics::Severity;
use crate::corpus::document::Document;
use crate::corpus::recognize::analyze;
use crate::corpus::workspace::read_source;

/// How long a recheck of the closed reports waits for the next change of its corpus.
const SETTLE: Duration = Duration::from_millis(150);
/// Reports checked before their diagnostics are kept.
const CHUNK: usize = 64;

/// The diagnostics of one closed report, as last checked.
#[derive(Clone)]
struct Kept {
    result_id: String,
    items: Vec<lsp::Diagnostic>,
}

/// The closed reports' diagnostics, and the rechecks asked for.
#[derive(Default)]
pub struct Pull {
    closed: Mutex<HashMap<PathBuf, Kept>>,
    /// Counts the rechecks asked for, by corpus: a recheck that sees a later one asked
    /// for its corpus gives way to it.
    asked: Mutex<HashMap<PathBuf, u64>>,
}

impl Pull {
    fn kept(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Kept>> {
        self.closed.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// What the overview needs of a closed report's kept diagnostics: whether it has a
    /// front matter, and its worst severity. `None` when it has not been checked.
    pub fn worst(&self, path: &Path) -> Option<(bool, Option<Severity>)> {
        let kept = self.kept();
        let items = &kept.get(path)?.items;
        let code = |d: &lsp::Diagnostic| match &d.code {
            Some(lsp::NumberOrString::String(code)) => code == "missing-front-matter",
            _ => false,
        };
        let severity = |d: &lsp::Diagnostic| match d.severity {
            Some(lsp::DiagnosticSeverity::ERROR) => Severity::Error,
            Some(lsp::DiagnosticSeverity::WARNING) => Severity::Warning,
            Some(lsp::DiagnosticSeverity::INFORMATION) => Severity::Information,
            _ => Severity::Hint,
        };
        Some((!items.iter().any(code), items.iter().map(severity).min()))
    }

    /// The number of the latest recheck asked for `root`; with `ask`, a new one.
    fn ticket(&self, root: &Path, ask: bool) -> u64 {
        let mut asked = self.asked.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let n = asked.entry(root.to_path_buf()).or_insert(0);
        *n += u64::from(ask);
        *n
    }
}

/// The capability advertised to a client that pulls.
pub fn capability() -> lsp::DiagnosticServerCapabilities {
    lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
        identifier: Some("summit-ls".into()),
        inter_file_dependencies: true,
        workspace_diagnostics: true,
        work_done_progress_options: Default::default(),
    })
}

/// A digest of diagnostics: equal diagnostics, equal ids.
fn result_id(items: &[lsp::Diagnostic]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(items).unwrap_or_default().hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The diagnostics of a document: an open one's from its buffer, a closed report's as
/// kept. `None` for a file the server knows nothing of.
fn current(state: &State, pull: &Pull, uri: &Uri) -> Option<(Kept, Option<i64>)> {
    if let Some((items, version)) = compute(state, uri) {
        return Some((Kept { result_id: result_id(&items), items }, version.map(i64::from)));
    }
    let path = super::uris::path_of(uri)?;
    pull.kept().get(&path).cloned().map(|k| (k, None))
}

/// `textDocument/diagnostic`.
pub fn document(state: &State, pull: &Pull, params: &lsp::DocumentDiagnosticParams) -> lsp::DocumentDiagnosticReport {
    let uri = &params.text_document.uri;
    let kept = current(state, pull, uri).map(|(k, _)| k);
    let kept = kept.unwrap_or_else(|| Kept { result_id: result_id(&[]), items: Vec::new() });
    if params.previous_result_id.as_deref() == Some(kept.result_id.as_str()) {
        return lsp::DocumentDiagnosticReport::Unchanged(lsp::RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport { result_id: kept.result_id },
        });
    }
    lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
            result_id: Some(kept.result_id),
            items: kept.items,
        },
    })
}

/// `workspace/diagnostic`: every report of every corpus, open or closed, and each
/// corpus.toml; `unchanged` for those whose result id the client has.
pub fn workspace(
    state: &State,
    pull: &Pull,
    params: &lsp::WorkspaceDiagnosticParams,
) -> lsp::WorkspaceDiagnosticReport {
    let previous: HashMap<&Uri, &str> = params.previous_result_ids.iter().map(|p| (&p.uri, p.value.as_str())).collect();
    let mut paths: Vec<PathBuf> = pull.kept().keys().cloned().collect();
    for corpus in state.host.corpora.values() {
        paths.push(corpus.manifest_path());
        paths.extend(state.host.open_in(corpus.root()));
    }
    paths.sort();
    paths.dedup();
    let mut items = Vec::new();
    for path in paths {
        let Some(uri) = super::uris::uri_of(&path) else { continue };
        // An open file's URI is the client's own spelling of it.
        let uri = state.uris_of(std::slice::from_ref(&path)).pop().unwrap_or(uri);
        let Some((kept, version)) = current(state, pull, &uri).or_else(|| manifest(state, &path)) else { continue };
        let item = if previous.get(&uri) == Some(&kept.result_id.as_str()) {
            lsp::WorkspaceDocumentDiagnosticReport::Unchanged(lsp::WorkspaceUnchangedDocumentDiagnosticReport {
                uri,
                version,
                unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport {
                    result_id: kept.result_id,
                },
            })
        } else {
            lsp::WorkspaceDocumentDiagnosticReport::Full(lsp::WorkspaceFullDocumentDiagnosticReport {
                uri,
                version,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id: Some(kept.result_id),
                    items: kept.items,
                },
            })
        };
        items.push(item);
    }
    lsp::WorkspaceDiagnosticReport { items }
}

/// A closed corpus.toml's diagnostics, located in the text its corpus last read.
fn manifest(state: &State, path: &Path) -> Option<(Kept, Option<i64>)> {
    let Role::Manifest(corpus) = state.role_of(path) else { return None };
    let rope = ropey::Rope::from_str(corpus.manifest_text());
    let items: Vec<lsp::Diagnostic> = corpus.kb_diagnostics.iter().map(|d| to_lsp(d, &rope, state.encoding)).collect();
    Some((Kept { result_id: result_id(&items), items }, None))
}

/// Something changed in the corpus of `root` on disk (it was read, a report changed):
/// its closed reports are checked again, off the reader's path, and the client is
/// asked to pull when what it would get changed.
pub fn corpus_changed(backend: &Backend, root: &Path) {
    if !backend.state.lock().client.pull_diagnostics {
        super::overview::changed(backend, root);
        return;
    }
    let ticket = backend.pull.ticket(root, true);
    tokio::spawn(recheck(backend.clone(), root.to_path_buf(), ticket));
}

async fn recheck(backend: Backend, root: PathBuf, ticket: u64) {
    tokio::time::sleep(SETTLE).await;
    if backend.pull.ticket(&root, false) != ticket {
        return;
    }
    let (state, pull) = (backend.state.clone(), Arc::clone(&backend.pull));
    let checked = root.clone();
    let changed = tokio::task::spawn_blocking(move || recheck_blocking(&state, &pull, &checked)).await.unwrap_or(false);
    // Whether or not a report's problems changed, what it refers to may have.
    super::overview::changed(&backend, &root);
    let refresh = backend.state.lock().client.diagnostic_refresh;
    if changed && refresh {
        // A client that does not answer is no reason to stop.
        let _ = backend.client.workspace_diagnostic_refresh().await;
    }
}

/// Reads and analyses the closed reports of `root` on every core, and checks them
/// against a snapshot of the corpus, off the lock; returns whether any report's
/// diagnostics changed. A change meanwhile asks for a recheck of its own.
fn recheck_blocking(state: &super::guard::Shared, pull: &Pull, root: &Path) -> bool {
    let s = state.snapshot();
    let Some(corpus) = s.host.corpora.get(root) else { return false };
    let (paths, recognizers) = (corpus.report_finder().paths(), corpus.recognizers());
    let mut changed = false;
    let mut seen = std::collections::HashSet::new();
    for chunk in paths.chunks(CHUNK) {
        let checked: Vec<(PathBuf, Kept)> = chunk
            .par_iter()
            .filter(|path| s.host.doc(path).is_none())
            .map(|path| {
                let found = match read_source(path) {
                    Ok(source) => {
                        let doc = Document::new(&source.text);
                        let analysis = analyze(&doc, recognizers);
                        let mut found = check_analyzed_report(&doc, path, corpus.view(), &analysis);
                        found.extend(source.invalid_utf8);
                        found.iter().map(|d| to_lsp(d, doc.rope(), s.encoding)).collect()
                    }
                    Err(_) => Vec::new(),
                };
                (path.clone(), Kept { result_id: result_id(&found), items: found })
            })
            .collect();
        let mut kept = pull.kept();
        for (path, k) in checked {
            seen.insert(path.clone());
            if kept.get(&path).is_none_or(|old| old.result_id != k.result_id) {
                changed = true;
            }
            kept.insert(path, k);
        }
    }
    // Reports no longer on disk, or no longer this corpus's, are forgotten. (The state's
    // lock is never taken while this one is held: requests hold this one on a snapshot.)
    let known: Vec<PathBuf> = pull.kept().keys().filter(|p| !seen.contains(*p)).cloned().collect();
    let gone: Vec<PathBuf> = {
        let s = state.lock();
        known.into_iter().filter(|p| s.host.corpus_root_of(p).is_none_or(|r| r == root)).collect()
    };
    let mut kept = pull.kept();
    for path in &gone {
        kept.remove(path);
    }
    changed || !gone.is_empty()
}
