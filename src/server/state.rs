//! The server's state: the negotiated encoding, what the client can do, and the
//! analysis host, with the open files' URIs. What a change invalidates is the host's
//! to decide ([`AnalysisHost::apply_change`]); this module maps URIs to paths.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::{ClientCapabilities, Uri};

use crate::corpus::host::AnalysisHost;
use crate::corpus::recognize::Analysis;
use crate::position::Unit;

pub use crate::corpus::host::{OpenDoc, Role};

/// What the client can do, from its initialize request.
#[derive(Debug, Default, Clone, Copy)]
pub struct ClientFlags {
    pub work_done_progress: bool,
    pub dynamic_file_watching: bool,
    /// It pulls diagnostics (`textDocument.diagnostic`) and can be told to pull again
    /// (`workspace.diagnostics.refreshSupport`): none are pushed to it.
    pub pull_diagnostics: bool,
    /// It takes `workspace/diagnostic/refresh`.
    pub diagnostic_refresh: bool,
    /// It takes `workspace/codeLens/refresh`.
    pub code_lens_refresh: bool,
}

impl ClientFlags {
    /// What the client said it can do in its initialize request.
    pub fn of(capabilities: &ClientCapabilities) -> ClientFlags {
        let workspace = capabilities.workspace.as_ref();
        let diagnostic_refresh =
            workspace.and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false);
        let pulls = capabilities.text_document.as_ref().and_then(|t| t.diagnostic.as_ref()).is_some();
        ClientFlags {
            work_done_progress: capabilities.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
            dynamic_file_watching: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            // A client that pulls but cannot be told to pull again (Neovim 0.11) would
            // keep an open report's diagnostics stale after a change elsewhere (a
            // report written on disk, corpus.toml edited): it is pushed to instead.
            pull_diagnostics: pulls && diagnostic_refresh,
            diagnostic_refresh,
            code_lens_refresh: workspace
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
        }
    }
}

/// A clone is a snapshot of everything, cheap to take (see [`AnalysisHost`]):
/// requests are answered from one, off the lock.
#[derive(Clone)]
pub struct State {
    pub encoding: Unit,
    pub client: ClientFlags,
    pub folders: Vec<PathBuf>,
    /// The client said `initialized`, and the workspace is being indexed.
    pub initialized: bool,
    pub host: AnalysisHost,
    /// The open files' paths by URI, and back. Only `file:` URIs are kept: a buffer
    /// that is no file belongs to no corpus.
    paths: HashMap<Uri, PathBuf>,
    uris: HashMap<PathBuf, Uri>,
    /// Open buffers that are no file: their changes are expected, and ignored.
    pub untitled: std::collections::HashSet<Uri>,
}

impl State {
    pub fn new() -> Self {
        State {
            encoding: Unit::Utf16,
            client: ClientFlags::default(),
            folders: Vec::new(),
            initialized: false,
            host: AnalysisHost::default(),
            paths: HashMap::new(),
            uris: HashMap::new(),
            untitled: std::collections::HashSet::new(),
        }
    }

    /// Records that `uri` is open as `path`.
    pub fn track(&mut self, uri: &Uri, path: &Path) {
        self.paths.insert(uri.clone(), path.to_path_buf());
        self.uris.insert(path.to_path_buf(), uri.clone());
    }

    /// Forgets `uri`; returns its path.
    pub fn untrack(&mut self, uri: &Uri) -> Option<PathBuf> {
        let path = self.paths.remove(uri)?;
        self.uris.remove(&path);
        Some(path)
    }

    pub fn path_of(&self, uri: &Uri) -> Option<&Path> {
        self.paths.get(uri).map(PathBuf::as_path)
    }

    /// The URIs of open files, for paths the host named.
    pub fn uris_of(&self, paths: &[PathBuf]) -> Vec<Uri> {
        paths.iter().filter_map(|p| self.uris.get(p).cloned()).collect()
    }

    /// The open file of `uri`.
    pub fn doc(&self, uri: &Uri) -> Option<&OpenDoc> {
        self.host.doc(self.path_of(uri)?)
    }

    pub fn doc_mut(&mut self, uri: &Uri) -> Option<&mut OpenDoc> {
        let path = self.paths.get(uri)?;
        self.host.doc_mut(path)
    }

    /// The analysis of an open report (see [`AnalysisHost::analysis`]).
    pub fn analysis(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let path = self.paths.get(uri)?;
        self.host.analysis(path)
    }

    pub fn role_of<'a>(&'a self, path: &'a Path) -> Role<'a> {
        self.host.role_of(path)
    }

    pub fn corpus_root_of(&self, path: &Path) -> Option<PathBuf> {
        self.host.corpus_root_of(path)
    }
}

impl Default for State {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::ClientFlags;

    fn flags(value: serde_json::Value) -> ClientFlags {
        ClientFlags::of(&serde_json::from_value(value).unwrap_or_default())
    }

    #[test]
    fn only_a_client_that_can_be_told_to_pull_again_is_left_to_pull() {
        let vscode = flags(serde_json::json!({
            "textDocument": { "diagnostic": {} },
            "workspace": { "diagnostics": { "refreshSupport": true }, "codeLens": { "refreshSupport": true } }
        }));
        assert!(vscode.pull_diagnostics && vscode.diagnostic_refresh && vscode.code_lens_refresh);
        // Neovim 0.11: it pulls, but is never told to pull again; pushed to.
        let neovim =
            flags(serde_json::json!({ "textDocument": { "diagnostic": { "tagSupport": { "valueSet": [1, 2] } } } }));
        assert!(!neovim.pull_diagnostics);
        let none = flags(serde_json::json!({}));
        assert!(!none.pull_diagnostics && !none.work_done_progress && !none.dynamic_file_watching);
    }
}
