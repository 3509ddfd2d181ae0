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
use tower_lsp_server::ls_types::{FileChangeType, FileEvent, ProgressToken, Uri};

use super::Backend;
use super::uris::path_of;
use crate::corpus::host::{Affected, Change, Reading, ticket};
use crate::corpus::kb::MANIFEST;
use crate::corpus::recognize::Recognizers;
use crate::corpus::workspace::{Corpus, ReportFacts, ReportFinder, discover, read_source};

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

impl Backend {
    /// Applies a change to the host and does what it asks: publishes again the open
    /// files it names and starts the readings of corpora it asks for.
    pub(super) fn apply(&self, what: &str, change: Change) {
        let Ok((affected, uris)) = self.state.with(what, |s| {
            let affected = s.host.apply_change(change);
            let uris = s.uris_of(&affected.republish);
            (affected, uris)
        }) else {
            return;
        };
        self.follow_up(affected, uris, Duration::ZERO);
    }

    pub(super) fn follow_up(&self, affected: Affected, uris: Vec<Uri>, delay: Duration) {
        self.publisher.schedule_all(uris, delay);
        for (root, reading) in affected.read {
            tokio::spawn(index_corpus(self.clone(), root, reading, self.indexing.start()));
        }
        for root in affected.recheck {
            super::pull::corpus_changed(self, &root);
        }
    }
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
                let text = read_source(&root.join(MANIFEST)).ok()?.text;
                Some((root, text))
            })
            .collect::<Vec<_>>()
    })
    .await
    .unwrap_or_default();
    // A report opened before this point found its corpus, and that corpus is being
    // indexed already; the others are recorded now, so that a report opened from
    // here on finds its corpus and does not index it a second time.
    let found: Vec<(PathBuf, u64, ReportFinder)> = {
        let mut s = backend.state.lock();
        let mut fresh = Vec::new();
        for (root, text) in found {
            if s.host.corpora.contains_key(&root) {
                continue;
            }
            let affected = s.host.apply_change(Change::ManifestOnDisk { root: root.clone(), text: Some(text) });
            if let Some(corpus) = s.host.corpora.get(&root) {
                fresh.push((root, corpus.reading_generation(), corpus.report_finder()));
            }
            let uris = s.uris_of(&affected.republish);
            backend.publisher.schedule_all(uris, Duration::ZERO);
        }
        fresh
    };

    // The disk is walked off the lock.
    let found: Vec<(PathBuf, u64, Vec<PathBuf>)> = tokio::task::spawn_blocking(move || {
        found.into_iter().map(|(root, generation, finder)| (root, generation, finder.paths())).collect()
    })
    .await
    .unwrap_or_default();
    let total: usize = found.iter().map(|(_, _, p)| p.len()).sum();
    let progress = begin_progress(&backend, progress_ok, "summit-ls/indexing", "Indexing corpora", total).await;

    let mut done = 0;
    for (root, generation, paths) in found {
        let mut batches = read_in_parallel(&backend, &root, paths);
        while let Some((batch, read)) = batches.recv().await {
            done += batch.len();
            backend.apply("indexing", Change::Indexed { root: root.clone(), generation, batch, read });
            report(progress.as_ref(), done, total).await;
        }
        backend.apply("indexing", Change::IndexingDone { root: root.clone(), generation });
        super::pull::corpus_changed(&backend, &root);
        super::lenses::refresh(&backend);
    }
    // The end of this progress says that the corpora are indexed: also those that
    // reports opened early are indexing (this job is the one left).
    backend.indexing.at_most(1).await;
    if let Some(p) = progress {
        p.finish_with_message(format!("{total} reports")).await;
    }
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

/// Says how far a reading has come.
async fn report(progress: Option<&Progress>, done: usize, total: usize) {
    if let Some(p) = progress {
        let pct = u32::try_from(done * 100 / total.max(1)).unwrap_or(100);
        p.report_with_message(format!("{done}/{total} reports"), pct).await;
    }
}

/// Reads the reports of one corpus: found when a file of it was opened, or whose
/// corpus.toml changed (with a `$/progress` of its own). The next change of its
/// corpus.toml supersedes it.
pub async fn index_corpus(backend: Backend, root: PathBuf, reading: Reading, _job: Job) {
    let Some((finder, generation, progress_ok)) = ({
        let s = backend.state.lock();
        s.host.corpora.get(&root).map(|corpus| {
            (
                corpus.report_finder(),
                corpus.reading_generation(),
                s.client.work_done_progress && reading == Reading::Again,
            )
        })
    }) else {
        return;
    };
    // The disk is walked off the lock.
    let paths = tokio::task::spawn_blocking(move || finder.paths()).await.unwrap_or_default();
    let total = paths.len();
    let token = format!("summit-ls/reading/{}", root.display());
    let progress = begin_progress(&backend, progress_ok, &token, "Reading reports again", total).await;
    let mut done = 0;
    let mut batches = read_in_parallel(&backend, &root, paths);
    while let Some((batch, read)) = batches.recv().await {
        let current = backend.state.lock().host.corpora.get(&root).map(|c| c.reading_generation());
        if current != Some(generation) {
            if let Some(p) = progress {
                p.finish_with_message("superseded by a newer corpus.toml").await;
            }
            return;
        }
        done += batch.len();
        backend.apply("indexing", Change::Indexed { root: root.clone(), generation, batch, read });
        report(progress.as_ref(), done, total).await;
    }
    backend.apply("indexing", Change::IndexingDone { root: root.clone(), generation });
    super::pull::corpus_changed(&backend, &root);
    super::lenses::refresh(&backend);
    if let Some(p) = progress {
        p.finish_with_message(format!("{total} reports")).await;
    }
}

/// Reports read, and the ticket taken before reading them.
type Batch = (Vec<(PathBuf, Option<ReportFacts>)>, u64);

/// Reads and indexes reports on every core, off the reader's path, and hands them
/// over a batch at a time (in no set order), while the next ones are being read.
fn read_in_parallel(backend: &Backend, root: &Path, paths: Vec<PathBuf>) -> mpsc::Receiver<Batch> {
    let (tx, rx) = mpsc::channel(4);
    let Some(recognizers) = backend.state.lock().host.corpora.get(root).map(Corpus::shared_recognizers) else {
        return rx;
    };
    tokio::task::spawn_blocking(move || {
        paths.par_chunks(BATCH).for_each(|chunk| {
            let read = ticket();
            let batch = (chunk.iter().map(|p| (p.clone(), facts_on_disk(p, &recognizers))).collect(), read);
            // The receiver is gone only when the server is ending.
            let _ = tx.blocking_send(batch);
        });
    });
    rx
}

/// Files changed on disk: reports and corpus.toml files are read again, one by one,
/// off the lock; the host ignores those that are open (their buffers win).
pub async fn files_changed(backend: Backend, events: Vec<FileEvent>) {
    for event in events {
        let Some(path) = path_of(&event.uri) else { continue };
        let deleted = event.typ == FileChangeType::DELETED;
        if path.file_name().is_some_and(|n| n == MANIFEST) {
            manifest_on_disk(&backend, &path, deleted).await;
        } else {
            report_on_disk(&backend, &path, deleted).await;
        }
    }
}

/// A corpus.toml as it is on disk now, read off the lock.
pub async fn manifest_on_disk(backend: &Backend, path: &Path, deleted: bool) {
    let Some(root) = path.parent().map(Path::to_path_buf) else { return };
    let text = if deleted {
        None
    } else {
        let p = path.to_path_buf();
        match tokio::task::spawn_blocking(move || read_source(&p).ok().map(|s| s.text)).await.ok().flatten() {
            Some(text) => Some(text),
            None => return,
        }
    };
    backend.apply("corpus.toml on disk", Change::ManifestOnDisk { root, text });
    super::lenses::refresh(backend);
}

/// A report as it is on disk now, read and analysed off the lock.
pub async fn report_on_disk(backend: &Backend, path: &Path, deleted: bool) {
    let recognizers = {
        let s = backend.state.lock();
        let Some(corpus) = s.corpus_root_of(path).and_then(|root| s.host.corpora.get(&root)) else { return };
        corpus.shared_recognizers()
    };
    let read = ticket();
    let facts = if deleted {
        None
    } else {
        let p = path.to_path_buf();
        tokio::task::spawn_blocking(move || facts_on_disk(&p, &recognizers).map(Box::new)).await.unwrap_or(None)
    };
    backend.apply("report on disk", Change::ReportOnDisk { path: path.to_path_buf(), facts, read });
    let root = backend.state.lock().corpus_root_of(path);
    if let Some(root) = root {
        super::pull::corpus_changed(backend, &root);
        super::lenses::refresh(backend);
    }
}
