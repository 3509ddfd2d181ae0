//! The server's state: the negotiated encoding, the corpora it knows, and the open
//! documents. Invariants: an open report's meeting claim in its corpus comes from its
//! buffer, never from disk (the open buffer wins); a closed report's comes from disk.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::Uri;

use std::sync::Arc;
use std::time::Duration;

use crate::corpus::document::Document;
use crate::corpus::kb::MANIFEST;
use crate::corpus::recognize::{Analysis, analyze};
use crate::corpus::workspace::{Corpus, ReportFacts, enclosing_root};
use crate::position::Unit;

pub struct OpenDoc {
    pub doc: Document,
    pub version: i32,
    pub path: Option<PathBuf>,
    /// The recognised mentions of this text, computed when first asked for and
    /// dropped when the text or the knowledge base changes.
    pub analysis: Option<Arc<Analysis>>,
    /// What the last change cost the server (applying it, parsing, analysing,
    /// indexing), for the keystroke timing log.
    pub change_cost: Duration,
}

impl OpenDoc {
    pub fn new(doc: Document, version: i32, path: Option<PathBuf>) -> OpenDoc {
        OpenDoc { doc, version, path, analysis: None, change_cost: Duration::ZERO }
    }
}

/// What the client can do, from its initialize request.
#[derive(Debug, Default, Clone, Copy)]
pub struct ClientFlags {
    pub work_done_progress: bool,
    pub dynamic_file_watching: bool,
}

pub struct State {
    pub encoding: Unit,
    pub client: ClientFlags,
    pub folders: Vec<PathBuf>,
    /// Corpora by root folder.
    pub corpora: BTreeMap<PathBuf, Corpus>,
    pub open: HashMap<Uri, OpenDoc>,
    /// Corpora whose corpus.toml changed: their closed reports must be read again with
    /// the new knowledge base. The handler that made the change starts the re-scan.
    pub rescan: Vec<PathBuf>,
    /// The client said `initialized`, and the workspace is being indexed.
    pub initialized: bool,
}

/// What an open file is to the server.
pub enum Role<'a> {
    Report(&'a Corpus, &'a Path),
    Manifest(&'a Corpus),
    Unrelated,
}

impl State {
    pub fn new() -> Self {
        State {
            encoding: Unit::Utf16,
            client: ClientFlags::default(),
            folders: Vec::new(),
            corpora: BTreeMap::new(),
            open: HashMap::new(),
            rescan: Vec::new(),
            initialized: false,
        }
    }

    /// The root of the known corpus nearest above `path`.
    pub fn corpus_root_of(&self, path: &Path) -> Option<PathBuf> {
        path.ancestors().skip(1).find(|dir| self.corpora.contains_key(*dir)).map(Path::to_path_buf)
    }

    /// Makes sure the corpus above `path` is loaded; returns its root and whether it
    /// was loaded just now (and so still needs its reports indexed).
    pub fn ensure_corpus_of(&mut self, path: &Path) -> Option<(PathBuf, bool)> {
        // The nearest corpus.toml on disk decides; a known corpus above it does not.
        if let Some(root) = enclosing_root(path) {
            if self.corpora.contains_key(&root) {
                return Some((root, false));
            }
            if let Ok(corpus) = Corpus::open(&root) {
                self.corpora.insert(root.clone(), corpus);
                return Some((root, true));
            }
        }
        self.corpus_root_of(path).map(|root| (root, false))
    }

    pub fn role_of<'a>(&'a self, path: &'a Path) -> Role<'a> {
        let Some(root) = self.corpus_root_of(path) else { return Role::Unrelated };
        let Some(corpus) = self.corpora.get(&root) else { return Role::Unrelated };
        if path.file_name().is_some_and(|n| n == MANIFEST) && path.parent() == Some(root.as_path()) {
            Role::Manifest(corpus)
        } else if corpus.is_report(path) {
            Role::Report(corpus, path)
        } else {
            Role::Unrelated
        }
    }

    /// Open documents whose corpus is `root`.
    pub fn open_in(&self, root: &Path) -> Vec<Uri> {
        self.open
            .iter()
            .filter(|(_, od)| od.path.as_deref().and_then(|p| self.corpus_root_of(p)).is_some_and(|r| r == root))
            .map(|(uri, _)| uri.clone())
            .collect()
    }

    /// Open documents of `root` to check again after the claims of `meetings` changed.
    /// Every open report of the corpus can depend on them (the same id, a `related:`
    /// id, a reference by place or time, a did-you-mean), and open reports are few: all
    /// are checked, never the closed ones.
    pub fn open_affected_by(&self, root: &Path, meetings: &[String]) -> Vec<Uri> {
        if meetings.is_empty() {
            return Vec::new();
        }
        self.open_in(root)
    }

    /// After corpus.toml of `root` changed: every open document's analysis is stale,
    /// and the closed reports are to be read again.
    pub fn manifest_changed(&mut self, root: &Path) -> Vec<Uri> {
        let open = self.open_in(root);
        for uri in &open {
            if let Some(od) = self.open.get_mut(uri) {
                od.analysis = None;
            }
        }
        if let Some(corpus) = self.corpora.get_mut(root) {
            corpus.complete = false;
        }
        if !self.rescan.iter().any(|r| r == root) {
            self.rescan.push(root.to_path_buf());
        }
        open
    }

    /// The analysis of an open report, from the cache or computed now.
    pub fn analysis(&mut self, uri: &Uri) -> Option<Arc<Analysis>> {
        let path = self.open.get(uri)?.path.clone()?;
        let root = self.corpus_root_of(&path)?;
        let corpus = self.corpora.get(&root)?;
        let od = self.open.get_mut(uri)?;
        if od.analysis.is_none() {
            od.analysis = Some(Arc::new(analyze(&od.doc, corpus.recognizers())));
        }
        od.analysis.clone()
    }

    /// After an open document's text changed (or it was opened): updates what its
    /// corpus knows from it, and returns the open documents to check again.
    pub fn after_buffer_change(&mut self, uri: &Uri) -> Vec<Uri> {
        let mut again = vec![uri.clone()];
        if let Some(od) = self.open.get_mut(uri) {
            od.analysis = None;
        }
        // Analysed once here, for the index and, from the cache, for the diagnostics.
        let analysis = self.analysis(uri);
        let Some(od) = self.open.get(uri) else { return again };
        let Some(path) = od.path.clone() else { return again };
        let Some(root) = self.corpus_root_of(&path) else { return again };
        let Some(corpus) = self.corpora.get_mut(&root) else { return again };
        if path.file_name().is_some_and(|n| n == MANIFEST) && path.parent() == Some(root.as_path()) {
            if corpus.reload_manifest(&od.doc.text()) {
                again.extend(self.manifest_changed(&root).into_iter().filter(|u| u != uri));
            }
        } else if corpus.is_report(&path) {
            let facts = match &analysis {
                Some(a) => ReportFacts::from_analysis(od.doc.front_matter(), a),
                None => ReportFacts::of(&od.doc, corpus.recognizers()),
            };
            let touched = corpus.set_facts(&path, Some(facts));
            again.extend(self.open_affected_by(&root, &touched).into_iter().filter(|u| u != uri));
        }
        again
    }

    pub fn is_open(&self, path: &Path) -> bool {
        self.open.values().any(|od| od.path.as_deref() == Some(path))
    }
}

impl Default for State {
    fn default() -> Self {
        Self::new()
    }
}

/// The file path of a `file:` URI.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}
