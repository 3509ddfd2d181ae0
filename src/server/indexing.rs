//! Reading the corpora of the workspace: at start-up (with `$/progress`), when a
//! report is opened in a corpus not yet known, and when files change on disk.
//! Reading and parsing happen off the reader's path, in blocking tasks on every core;
//! the state is locked only to record each batch, so requests are answered during
//! indexing from what is known so far, but for those that need the whole corpus
//! (references, rename, workspace symbols): they wait for [`Jobs::settled`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rayon::prelude::*;
use tokio::sync::{mpsc, watch};
use tower_lsp_server::ls_types::{FileChangeType, FileEvent, ProgressToken};

use super::Backend;
use super::state::uri_path;
use crate::corpus::kb::MANIFEST;
use crate::corpus::recognize::Recognizers;
use crate::corpus::workspace::{Corpus, ReportFacts, discover, read_source};

const BATCH: usize = 128;

/// The indexing jobs under way. Requests whose answer needs the whole corpus
/// (references, rename, workspace symbols) wait until there are none; the others are
/// answered at once from what is known.
#[derive(Clone)]
pub struct Jobs(Arc<watch::Sender<usize>>);

impl Default for Jobs {
    fn default() -> Self {
        Jobs(Arc::new(watch::Sender::new(0)))
    }
}

impl Jobs {
    /// Counts a job from now until the returned guard is dropped. Call it before
    /// spawning the job, so that a request that comes right after sees it.
    pub fn start(&self) -> Job {
        self.0.send_modify(|n| *n += 1);
        Job(Arc::clone(&self.0))
    }

    /// Waits until no indexing job is under way.
    pub async fn settled(&self) {
        self.at_most(0).await;
    }

    /// Waits until at most `n` jobs are under way.
    async fn at_most(&self, n: usize) {
        let mut rx = self.0.subscribe();
        // The sender lives as long as `self`, so the wait cannot fail.
        let _ = rx.wait_for(|running| *running <= n).await;
    }
}

/// One indexing job; it ends when dropped, also when its task panics.
pub struct Job(Arc<watch::Sender<usize>>);

impl Drop for Job {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// What the corpus indexes of a report on disk; `None` when it cannot be read.
fn facts_on_disk(path: &Path, recognizers: &Recognizers) -> Option<ReportFacts> {
    let source = read_source(path).ok()?;
    Some(ReportFacts::scan(&source.text, recognizers))
}

/// Finds and indexes every corpus under the workspace folders.
pub async fn index_workspace(backend: Backend, _job: Job) {
    let (folders, progress_ok) = {
        let s = backend.state.lock();
        (s.folders.clone(), s.client.work_done_progress)
    };
    let found = tokio::task::spawn_blocking(move || {
        folders
            .iter()
            .flat_map(|f| discover(f))
            .filter_map(|root| {
                let corpus = Corpus::open(&root).ok()?;
                let paths = corpus.report_paths();
                Some((root, corpus, paths))
            })
            .collect::<Vec<_>>()
    })
    .await
    .unwrap_or_default();
    // A report opened before this point loaded its corpus, and that corpus is being
    // indexed already; the others are recorded now, so that a report opened from
    // here on finds its corpus and does not index it a second time.
    let found: Vec<(PathBuf, Vec<PathBuf>)> = {
        let mut s = backend.state.lock();
        let mut fresh = Vec::new();
        for (root, corpus, paths) in found {
            if !s.corpora.contains_key(&root) {
                s.corpora.insert(root.clone(), corpus);
                fresh.push((root, paths));
            }
        }
        fresh
    };

    let total: usize = found.iter().map(|(_, p)| p.len()).sum();
    let progress = begin_progress(&backend, progress_ok, "summit-ls/indexing", "Indexing corpora", total).await;

    let mut done = 0;
    for (root, paths) in found {
        let generation = backend.state.lock().corpora.get(&root).map(|c| c.kb.generation());
        let mut batches = read_in_parallel(&backend, &root, paths);
        while let Some(batch) = batches.recv().await {
            done += batch.len();
            record(&backend, &root, batch);
            if let Some(p) = &progress {
                let pct = u32::try_from(done * 100 / total.max(1)).unwrap_or(100);
                p.report_with_message(format!("{done}/{total} reports"), pct).await;
            }
        }
        mark_complete(&backend, &root, generation);
    }
    // The end of this progress says that the corpora are indexed: also those that
    // reports opened early are indexing (this job is the one left).
    backend.indexing.at_most(1).await;
    if let Some(p) = progress {
        p.finish_with_message(format!("{total} reports")).await;
    }
    let open: Vec<_> = backend.state.lock().open.keys().cloned().collect();
    backend.publisher.schedule_all(open, Duration::ZERO);
}

type Progress = tower_lsp_server::OngoingProgress<tower_lsp_server::Bounded, tower_lsp_server::NotCancellable>;

/// Starts a `$/progress` of `total` reports, when the client takes them.
async fn begin_progress(backend: &Backend, ok: bool, token: &str, title: &str, total: usize) -> Option<Progress> {
    let token = ProgressToken::String(token.to_string());
    if !ok || backend.client.create_work_done_progress(token.clone()).await.is_err() {
        return None;
    }
    let message = format!("0/{total} reports");
    Some(backend.client.progress(token, title).with_message(message).with_percentage(0).begin().await)
}

/// Why a corpus's reports are read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A file of a corpus not yet known was opened: the workspace's own indexing
    /// progress covers it.
    FirstOpen,
    /// The corpus.toml changed, or appeared: with a `$/progress` of its own.
    Rescan,
}

/// Indexes the reports of one corpus, superseded by the next change of its corpus.toml.
pub async fn index_corpus(backend: Backend, root: PathBuf, reading: Reading, _job: Job) {
    let (paths, generation, progress_ok) = {
        let s = backend.state.lock();
        let corpus = s.corpora.get(&root);
        (
            corpus.map(Corpus::report_paths).unwrap_or_default(),
            corpus.map(|c| c.kb.generation()),
            s.client.work_done_progress && reading == Reading::Rescan,
        )
    };
    let total = paths.len();
    let token = format!("summit-ls/reading/{}", root.display());
    let progress = begin_progress(&backend, progress_ok, &token, "Reading reports again", total).await;
    let mut done = 0;
    let mut batches = read_in_parallel(&backend, &root, paths);
    while let Some(batch) = batches.recv().await {
        // A newer corpus.toml supersedes this read: its own re-scan is on the way.
        if backend.state.lock().corpora.get(&root).map(|c| c.kb.generation()) != generation {
            if let Some(p) = progress {
                p.finish_with_message("superseded by a newer corpus.toml").await;
            }
            return;
        }
        done += batch.len();
        record(&backend, &root, batch);
        if let Some(p) = &progress {
            let pct = u32::try_from(done * 100 / total.max(1)).unwrap_or(100);
            p.report_with_message(format!("{done}/{total} reports"), pct).await;
        }
    }
    mark_complete(&backend, &root, generation);
    if let Some(p) = progress {
        p.finish_with_message(format!("{total} reports")).await;
    }
    let open = backend.state.lock().open_in(&root);
    backend.publisher.schedule_all(open, Duration::ZERO);
}

/// Every report of the corpus has been read with the knowledge base of `generation`;
/// a newer one has its own re-scan under way.
fn mark_complete(backend: &Backend, root: &Path, generation: Option<u64>) {
    if let Some(corpus) = backend.state.lock().corpora.get_mut(root)
        && Some(corpus.kb.generation()) == generation
    {
        corpus.complete = true;
    }
}

type Batch = Vec<(Option<ReportFacts>, PathBuf)>;

/// Reads and indexes reports on every core, off the reader's path, and hands them
/// over a batch at a time (in no set order), while the next ones are being read.
fn read_in_parallel(backend: &Backend, root: &Path, paths: Vec<PathBuf>) -> mpsc::Receiver<Batch> {
    let (tx, rx) = mpsc::channel(4);
    let Some(recognizers) = backend.state.lock().corpora.get(root).map(Corpus::shared_recognizers) else { return rx };
    tokio::task::spawn_blocking(move || {
        paths.par_chunks(BATCH).for_each(|chunk| {
            let batch = chunk.iter().map(|p| (facts_on_disk(p, &recognizers), p.clone())).collect();
            // The receiver is gone only when the server is ending.
            let _ = tx.blocking_send(batch);
        });
    });
    rx
}

/// Records what the corpus indexes of a batch of reports; an open report's buffer
/// wins over its file.
fn record(backend: &Backend, root: &Path, batch: Batch) {
    let mut s = backend.state.lock();
    let open: Vec<PathBuf> = s.open.values().filter_map(|od| od.path.clone()).collect();
    if let Some(corpus) = s.corpora.get_mut(root) {
        for (facts, path) in batch {
            if !open.contains(&path) {
                corpus.set_facts(&path, facts);
            }
        }
    }
}

/// Files changed on disk: reports and corpus.toml files are re-read, one by one.
pub async fn files_changed(backend: Backend, events: Vec<FileEvent>) {
    for event in events {
        let Some(path) = uri_path(&event.uri) else { continue };
        if backend.state.lock().is_open(&path) {
            continue; // The open buffer wins; its own notifications keep it current.
        }
        let deleted = event.typ == FileChangeType::DELETED;
        if path.file_name().is_some_and(|n| n == MANIFEST) {
            manifest_changed(&backend, &path, deleted).await;
        } else {
            report_changed(&backend, &path, deleted).await;
        }
    }
}

async fn manifest_changed(backend: &Backend, path: &Path, deleted: bool) {
    let Some(root) = path.parent().map(Path::to_path_buf) else { return };
    if deleted {
        backend.state.lock().corpora.remove(&root);
        let open: Vec<_> = backend.state.lock().open.keys().cloned().collect();
        backend.publisher.schedule_all(open, Duration::ZERO);
        return;
    }
    let text = match read_source(path) {
        Ok(source) => source.text,
        Err(_) => return,
    };
    let is_new = {
        let mut s = backend.state.lock();
        match s.corpora.get_mut(&root) {
            Some(corpus) => {
                if corpus.reload_manifest(&text) {
                    s.manifest_changed(&root);
                }
                false
            }
            None => {
                s.corpora.insert(root.clone(), Corpus::from_manifest(&root, &text));
                true
            }
        }
    };
    if is_new {
        index_corpus(backend.clone(), root, Reading::Rescan, backend.indexing.start()).await;
    } else {
        let open = backend.state.lock().open_in(&root);
        backend.publisher.schedule_all(open, Duration::ZERO);
        backend.start_rescans();
    }
}

async fn report_changed(backend: &Backend, path: &Path, deleted: bool) {
    let recognizers = {
        let s = backend.state.lock();
        let Some(corpus) = s.corpus_root_of(path).and_then(|root| s.corpora.get(&root)) else { return };
        corpus.shared_recognizers()
    };
    let facts = if deleted {
        None
    } else {
        let p = path.to_path_buf();
        tokio::task::spawn_blocking(move || facts_on_disk(&p, &recognizers)).await.unwrap_or(None)
    };
    let again = {
        let mut s = backend.state.lock();
        let Some(root) = s.corpus_root_of(path) else { return };
        let Some(corpus) = s.corpora.get_mut(&root) else { return };
        if !corpus.is_report(path) {
            return;
        }
        let touched = corpus.set_facts(path, facts);
        s.open_affected_by(&root, &touched)
    };
    backend.publisher.schedule_all(again, Duration::ZERO);
}
