//! The analysis host: every corpus (its knowledge base and indexes) and the open
//! files, with [`AnalysisHost::apply_change`] the one place that decides what a change
//! invalidates and which open files must be checked again. It reads no file: what is
//! on disk comes in the change, read by the caller off any lock.
//!
//! Invariants: an open report's facts in its corpus come from its buffer, never from
//! disk (the open buffer wins); a closed report's come from disk. An open report's
//! analysis is computed at most once per text and knowledge base.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::document::Document;
use super::kb::MANIFEST;
use super::persistent;
use super::recognize::{Analysis, analyze};
use super::workspace::{Corpus, ReportFacts};

/// An open file: its buffer and what was recognised in it.
#[derive(Clone)]
pub struct OpenDoc {
    pub doc: Document,
    pub path: PathBuf,
    /// The editor's version of the text.
    pub version: i32,
    /// The recognised mentions of this text, computed when first asked for and
    /// dropped when the text or the knowledge base changes.
    pub analysis: Option<Arc<Analysis>>,
    /// What the last change cost (applying it, parsing, analysing, indexing), for the
    /// keystroke timing log.
    pub change_cost: Duration,
}

/// What an open file is to its corpus.
pub enum Role<'a> {
    Report(&'a Corpus, &'a Path),
    Manifest(&'a Corpus),
    Unrelated,
}

/// Why a corpus's closed reports are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A corpus found when a file of it was opened, or at start-up.
    First,
    /// Its corpus.toml changed: every report means something else now.
    Again,
}

/// A change to what the host knows.
pub enum Change {
    /// A file opened in the editor, with its text.
    Opened { path: PathBuf, text: String, version: i32 },
    /// An open file's text was edited in place, through [`AnalysisHost::doc_mut`].
    Edited { path: PathBuf },
    /// An open file was closed. What it is on disk comes next, as `ReportOnDisk` or
    /// `ManifestOnDisk`.
    Closed { path: PathBuf },
    /// A corpus.toml on disk: found, changed, or deleted (`None`).
    ManifestOnDisk { root: PathBuf, text: Option<String> },
    /// A closed report on disk, as read: changed, created, or gone or unreadable
    /// (`None`). Ignored while the report is open, or when a later read of it was
    /// applied already. `read` is the [`ticket`] taken before reading.
    ReportOnDisk { path: PathBuf, facts: Option<Box<ReportFacts>>, read: u64 },
    /// Reports read for a corpus with the matchers of `generation` (its
    /// [`Corpus::reading_generation`]), from the [`ticket`] `read` on; ignored when a
    /// corpus.toml that changes what reports say has come since (its own reading is
    /// under way), and for a report read again since on its own.
    Indexed { root: PathBuf, generation: u64, batch: Vec<(PathBuf, Option<ReportFacts>)>, read: u64 },
    /// Every report of the corpus has been read with the matchers of `generation`.
    IndexingDone { root: PathBuf, generation: u64 },
}

/// What a change asks of the caller.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Affected {
    /// Open files whose diagnostics are to be published again.
    pub republish: Vec<PathBuf>,
    /// Corpora whose closed reports are to be read.
    pub read: Vec<(PathBuf, Reading)>,
    /// Corpora whose closed reports are to be checked again without being read: what
    /// they are checked against changed, not what they say.
    pub recheck: Vec<PathBuf>,
}

impl Affected {
    fn republish(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        for p in paths {
            if !self.republish.contains(&p) {
                self.republish.push(p);
            }
        }
    }

    /// Asks for a reading of `root`, unless one is asked for already.
    fn read(&mut self, root: &Path, reading: Reading) {
        if !self.read.iter().any(|(r, _)| r == root) {
            self.read.push((root.to_path_buf(), reading));
        }
    }

    fn recheck(&mut self, root: &Path) {
        if !self.recheck.iter().any(|r| r == root) {
            self.recheck.push(root.to_path_buf());
        }
    }

    /// What two changes applied in turn ask for.
    pub fn merge(&mut self, other: Affected) {
        self.republish(other.republish);
        for (root, reading) in other.read {
            self.read(&root, reading);
        }
        for root in other.recheck {
            self.recheck(&root);
        }
    }
}

/// Orders reads of the disk: taken before a read, so that of two reads of one file
/// applied in either order, the later read wins.
pub fn ticket() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A clone is a snapshot, cheap to take: the corpora's maps are persistent and the open
/// files shared until the host changes one (copy on write). Requests are answered
/// from a snapshot, off the lock that changes wait on.
#[derive(Default, Clone)]
pub struct AnalysisHost {
    /// Corpora by root folder.
    pub corpora: BTreeMap<PathBuf, Corpus>,
    open: HashMap<PathBuf, Arc<OpenDoc>>,
    /// The ticket of the last read of each report changed on disk while served.
    disk_reads: persistent::Map<PathBuf, u64>,
}

impl AnalysisHost {
    pub fn apply_change(&mut self, change: Change) -> Affected {
        let mut out = Affected::default();
        match change {
            Change::Opened { path, text, version } => {
                let doc = OpenDoc {
                    doc: Document::new(&text),
                    path: path.clone(),
                    version,
                    analysis: None,
                    change_cost: Duration::ZERO,
                };
                self.open.insert(path.clone(), Arc::new(doc));
                self.buffer_changed(&path, &mut out);
            }
            Change::Edited { path } => self.buffer_changed(&path, &mut out),
            Change::Closed { path } => {
                self.open.remove(&path);
            }
            Change::ManifestOnDisk { root, text } => {
                // The open buffer wins; a corpus found on disk starts from it.
                if let Some(od) = self.open.get(&root.join(MANIFEST)) {
                    if !self.corpora.contains_key(&root) {
                        let corpus = Corpus::from_manifest(&root, &od.doc.text());
                        self.corpus_found(&root, corpus, &mut out);
                    }
                    return out;
                }
                match text {
                    None => {
                        if self.corpora.remove(&root).is_some() {
                            out.republish(self.open.keys().cloned());
                            // Its reports belong to the corpus above, if any, now.
                            if let Some(outer) = self.corpus_root_of(&root) {
                                for path in self.open_in(&outer).into_iter().filter(|p| p.starts_with(&root)) {
                                    self.buffer_changed(&path, &mut out);
                                }
                                out.read(&outer, Reading::Again);
                            }
                        }
                    }
                    Some(text) => match self.corpora.get_mut(&root) {
                        Some(corpus) if corpus.manifest_text() == text => {}
                        Some(corpus) => {
                            if corpus.reload_manifest(&text) {
                                self.manifest_changed(&root, &mut out);
                            }
                            out.republish(self.open_in(&root));
                        }
                        None => self.corpus_found(&root, Corpus::from_manifest(&root, &text), &mut out),
                    },
                }
            }
            Change::ReportOnDisk { path, facts, read } => {
                if self.open.contains_key(&path) || self.disk_reads.get(&path).is_some_and(|&later| later > read) {
                    return out;
                }
                self.disk_reads.insert(path.clone(), read);
                let Some(root) = self.corpus_root_of(&path) else { return out };
                let Some(corpus) = self.corpora.get_mut(&root) else { return out };
                if corpus.is_report(&path) {
                    let touched = corpus.set_facts(&path, facts.map(|f| *f));
                    self.claims_changed(&root, &touched, &mut out);
                }
            }
            Change::Indexed { root, generation, batch, read } => {
                let (open, reads) = (&self.open, &self.disk_reads);
                if let Some(corpus) = self.corpora.get_mut(&root).filter(|c| c.reading_generation() == generation) {
                    for (path, facts) in batch {
                        let read_since = reads.get(&path).is_some_and(|&since| since > read);
                        if !open.contains_key(&path) && !read_since {
                            corpus.set_facts(&path, facts);
                        }
                    }
                }
            }
            Change::IndexingDone { root, generation } => {
                if let Some(corpus) = self.corpora.get_mut(&root).filter(|c| c.reading_generation() == generation) {
                    corpus.complete = true;
                    out.republish(self.open_in(&root));
                }
            }
        }
        out
    }

    /// A corpus not known before: its files, open or not, are no longer the corpus
    /// above's, and its open files are indexed from their buffers.
    fn corpus_found(&mut self, root: &Path, corpus: Corpus, out: &mut Affected) {
        for (other, outer) in self.corpora.iter_mut() {
            if root.starts_with(other) {
                let touched = outer.forget(|p| p.starts_with(root));
                if !touched.is_empty() {
                    let other = other.clone();
                    out.republish(self.open.keys().filter(|p| p.starts_with(&other)).cloned().collect::<Vec<_>>());
                }
            }
        }
        self.corpora.insert(root.to_path_buf(), corpus);
        out.read(root, Reading::First);
        for path in self.open_in(root) {
            self.buffer_changed(&path, out);
        }
    }

    /// After an open file's text changed (or it was opened, or its corpus found).
    fn buffer_changed(&mut self, path: &Path, out: &mut Affected) {
        out.republish([path.to_path_buf()]);
        if let Some(od) = self.open.get_mut(path) {
            Arc::make_mut(od).analysis = None;
        }
        let Some(root) = self.corpus_root_of(path) else { return };
        if path == root.join(MANIFEST) {
            let (Some(od), Some(corpus)) = (self.open.get(path), self.corpora.get_mut(&root)) else { return };
            let text = od.doc.text();
            // The same text again (a buffer opened on the file its corpus was read
            // from) changes nothing.
            if text != corpus.manifest_text() && corpus.reload_manifest(&text) {
                self.manifest_changed(&root, out);
            }
            return;
        }
        self.index_buffer(&root, path, out);
    }

    /// Records what an open file says in its corpus, from its buffer: a report's facts,
    /// or none for a file that is no report.
    fn index_buffer(&mut self, root: &Path, path: &Path, out: &mut Affected) {
        // Analysed once here, for the index and, from the cache, for the diagnostics.
        let analysis = self.analyse(path);
        let (Some(od), Some(a), Some(corpus)) = (self.open.get(path), analysis, self.corpora.get_mut(root)) else {
            return;
        };
        let facts = corpus.is_report(path).then(|| ReportFacts::from_analysis(od.doc.front_matter(), &a));
        let touched = corpus.set_facts(path, facts);
        self.claims_changed(root, &touched, out);
    }

    /// The knowledge base of `root` was replaced: every open file is analysed and
    /// indexed again, files its `documents` no longer match are forgotten, and the
    /// closed reports are to be read again.
    fn manifest_changed(&mut self, root: &Path, out: &mut Affected) {
        let open = self.open_in(root);
        // Matchers and globs as they were: every report says what it said, and is only
        // checked against the new knowledge base (early cut-off).
        let reread = self.corpora.get(root).is_some_and(|c| c.reading_changed);
        if !reread {
            out.republish(open);
            out.recheck(root);
            return;
        }
        if let Some(corpus) = self.corpora.get_mut(root) {
            corpus.complete = false;
        }
        if let Some(corpus) = self.corpora.get_mut(root).filter(|c| c.documents_changed) {
            // Other `documents` globs: what no longer matches is no report.
            let paths = corpus.indexed_paths();
            let gone: std::collections::HashSet<PathBuf> = paths.into_iter().filter(|p| !corpus.is_report(p)).collect();
            corpus.forget(|p| gone.contains(p));
        }
        out.republish(open.clone());
        for path in open.iter().filter(|p| p.file_name().is_none_or(|n| n != MANIFEST)) {
            if let Some(od) = self.open.get_mut(path) {
                Arc::make_mut(od).analysis = None;
            }
            self.index_buffer(root, path, out);
        }
        out.read(root, Reading::Again);
    }

    /// The claims of `meetings` changed. Every open report of the corpus can depend on
    /// them (the same id, a `related:` id, a reference by place or time, a did-you-mean),
    /// and open reports are few: all are checked again, never the closed ones.
    fn claims_changed(&self, root: &Path, meetings: &[String], out: &mut Affected) {
        if !meetings.is_empty() {
            out.republish(self.open_in(root));
        }
    }

    /// The root of the known corpus nearest above `path`.
    pub fn corpus_root_of(&self, path: &Path) -> Option<PathBuf> {
        path.ancestors().skip(1).find(|dir| self.corpora.contains_key(*dir)).map(Path::to_path_buf)
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

    /// The open files whose corpus is `root`.
    pub fn open_in(&self, root: &Path) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> =
            self.open.keys().filter(|p| self.corpus_root_of(p).is_some_and(|r| r == root)).cloned().collect();
        paths.sort();
        paths
    }

    pub fn doc(&self, path: &Path) -> Option<&OpenDoc> {
        self.open.get(path).map(Arc::as_ref)
    }

    /// The open file, to edit in place; tell the host with [`Change::Edited`]. A
    /// snapshot taken before keeps the text it had.
    pub fn doc_mut(&mut self, path: &Path) -> Option<&mut OpenDoc> {
        self.open.get_mut(path).map(Arc::make_mut)
    }

    /// The analysis of an open report, computed once per text and kept.
    fn analyse(&mut self, path: &Path) -> Option<Arc<Analysis>> {
        let root = self.corpus_root_of(path)?;
        let corpus = self.corpora.get(&root)?;
        let od = self.open.get_mut(path)?;
        if od.analysis.is_none() {
            Arc::make_mut(od).analysis = Some(Arc::new(analyze(&od.doc, corpus.recognizers())));
        }
        od.analysis.clone()
    }

    /// The analysis of an open report. Every change analyses the reports it touches,
    /// so this is the one kept; for a file of no corpus, none.
    pub fn analysis(&self, path: &Path) -> Option<Arc<Analysis>> {
        let od = self.open.get(path)?;
        if let Some(a) = &od.analysis {
            return Some(Arc::clone(a));
        }
        let corpus = self.corpora.get(&self.corpus_root_of(path)?)?;
        Some(Arc::new(analyze(&od.doc, corpus.recognizers())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = "[[person]]\nid = \"wang-yi\"\nname = \"Wang Yi\"\n";

    fn report(meeting: &str, body: &str) -> String {
        format!("---\ntitle: t\nmeeting: {meeting}\ndate: 2014-02-14\n---\n{body}\n")
    }

    fn host() -> (AnalysisHost, PathBuf) {
        let root = PathBuf::from("/corpus");
        let mut host = AnalysisHost::default();
        let found = host.apply_change(Change::ManifestOnDisk { root: root.clone(), text: Some(TOML.into()) });
        assert_eq!(found.read, [(root.clone(), Reading::First)]);
        (host, root)
    }

    fn facts(host: &AnalysisHost, root: &Path, text: &str) -> Option<ReportFacts> {
        Some(ReportFacts::scan(text, host.corpora[root].recognizers()))
    }

    fn on_disk(host: &AnalysisHost, root: &Path, text: &str) -> Option<Box<ReportFacts>> {
        facts(host, root, text).map(Box::new)
    }

    #[test]
    fn a_claim_changed_on_disk_republishes_every_open_report_of_the_corpus() {
        let (mut host, root) = host();
        let (a, b) = (root.join("a.txt"), root.join("b.txt"));
        host.apply_change(Change::Opened { path: a.clone(), text: report("m-1", ""), version: 1 });
        let closed = on_disk(&host, &root, &report("m-2", ""));
        let affected = host.apply_change(Change::ReportOnDisk { path: b.clone(), facts: closed, read: ticket() });
        assert_eq!(affected.republish, std::slice::from_ref(&a));
        // Text that claims nothing new republishes nothing.
        let same = on_disk(&host, &root, &report("m-2", "more text"));
        assert_eq!(
            host.apply_change(Change::ReportOnDisk { path: b, facts: same, read: ticket() }).republish,
            Vec::<PathBuf>::new()
        );
    }

    #[test]
    fn a_snapshot_keeps_what_it_saw_while_the_host_changes_on() {
        let (mut host, root) = host();
        let (a, b) = (root.join("a.txt"), root.join("b.txt"));
        host.apply_change(Change::Opened { path: a.clone(), text: report("m-1", "Wang Yi said"), version: 1 });
        let closed = on_disk(&host, &root, &report("m-2", "Wang Yi said"));
        host.apply_change(Change::ReportOnDisk { path: b.clone(), facts: closed, read: ticket() });
        let snapshot = host.clone();

        // An edit of the open report, a closed one deleted, corpus.toml emptied.
        if let Some(od) = host.doc_mut(&a) {
            od.doc.replace_all(&report("m-3", "nobody"));
            od.version = 2;
        }
        host.apply_change(Change::Edited { path: a.clone() });
        host.apply_change(Change::ReportOnDisk { path: b.clone(), facts: None, read: ticket() });
        host.apply_change(Change::ManifestOnDisk { root: root.clone(), text: Some(String::new()) });

        let then = &snapshot.corpora[&root];
        assert_eq!(snapshot.doc(&a).map(|od| (od.version, od.doc.text().contains("m-1"))), Some((1, true)));
        assert!(then.meetings.contains("m-1") && then.meetings.contains("m-2") && !then.meetings.contains("m-3"));
        assert_eq!(then.mentions.totals("wang-yi"), (2, 2));
        assert!(then.kb.person("wang-yi").is_some());
        let analysis = snapshot.analysis(&a).map(|an| an.mentions.len());
        assert!(analysis.is_some_and(|n| n > 0), "the snapshot's analysis is of its own text");

        let now = &host.corpora[&root];
        assert_eq!(host.doc(&a).map(|od| od.version), Some(2));
        assert!(now.meetings.contains("m-3") && !now.meetings.contains("m-1") && !now.meetings.contains("m-2"));
        assert_eq!(now.mentions.totals("wang-yi"), (0, 0));
        assert!(now.kb.person("wang-yi").is_none());
    }

    #[test]
    fn an_open_buffer_wins_over_the_disk_and_over_indexing() {
        let (mut host, root) = host();
        let a = root.join("a.txt");
        host.apply_change(Change::Opened { path: a.clone(), text: report("m-1", ""), version: 1 });
        let disk = on_disk(&host, &root, &report("m-9", ""));
        host.apply_change(Change::ReportOnDisk { path: a.clone(), facts: disk, read: ticket() });
        let generation = host.corpora[&root].reading_generation();
        let batch = vec![(a.clone(), facts(&host, &root, &report("m-9", "")))];
        host.apply_change(Change::Indexed { root: root.clone(), generation, batch, read: ticket() });
        assert!(host.corpora[&root].meetings.contains("m-1"));
        assert!(!host.corpora[&root].meetings.contains("m-9"));
    }

    #[test]
    fn a_corpus_toml_edit_reads_every_report_again_and_supersedes_older_reads() {
        let (mut host, root) = host();
        let manifest = root.join(MANIFEST);
        let report_path = root.join("a.txt");
        host.apply_change(Change::Opened {
            path: report_path.clone(),
            text: report("m-1", "Wang Yi said"),
            version: 1,
        });
        let old = host.corpora[&root].reading_generation();
        host.apply_change(Change::Opened { path: manifest.clone(), text: TOML.into(), version: 1 });
        if let Some(od) = host.doc_mut(&manifest) {
            od.doc.replace_all(&format!("{TOML}aliases = [\"Mr Wang\"]\n"));
        }
        let affected = host.apply_change(Change::Edited { path: manifest.clone() });
        assert_eq!(affected.read, [(root.clone(), Reading::Again)]);
        assert!(affected.republish.contains(&report_path), "{affected:?}");
        assert!(!host.corpora[&root].complete);
        // A read begun with the old knowledge base changes nothing.
        let stale = vec![(root.join("b.txt"), facts(&host, &root, &report("m-5", "")))];
        host.apply_change(Change::Indexed { root: root.clone(), generation: old, batch: stale, read: ticket() });
        assert!(!host.corpora[&root].meetings.contains("m-5"));
        assert_eq!(
            host.apply_change(Change::IndexingDone { root: root.clone(), generation: old }),
            Affected::default()
        );
    }

    #[test]
    fn a_corpus_toml_edit_that_changes_no_matcher_reads_no_report_again() {
        let (mut host, root) = host();
        let a = root.join("a.txt");
        host.apply_change(Change::Opened { path: a.clone(), text: report("m-1", "Wang Yi said"), version: 1 });
        let generation = host.corpora[&root].reading_generation();
        // A first reading under way when the edit comes.
        let early = ticket();
        let edits = [
            format!("{TOML}# a comment\n"),
            format!("{TOML}roles = [{{ title = \"Foreign Minister\", from = 2013-03-16 }}]\n"),
            format!("{TOML}\n[[meeting]]\nid = \"m-9\"\ndate = 2014-02-14\nlocation = \"Lima\"\n"),
        ];
        for text in edits.clone() {
            let affected = host.apply_change(Change::ManifestOnDisk { root: root.clone(), text: Some(text.clone()) });
            assert_eq!(affected.read, [], "no report says anything else: {text:?}");
            assert_eq!(affected.recheck, std::slice::from_ref(&root), "each is checked against the new entries");
            assert_eq!(affected.republish, std::slice::from_ref(&a));
        }
        assert_eq!(host.corpora[&root].reading_generation(), generation);
        let b = root.join("b.txt");
        let batch = vec![(b.clone(), facts(&host, &root, &report("m-2", "")))];
        host.apply_change(Change::Indexed { root: root.clone(), generation, batch, read: early });
        host.apply_change(Change::IndexingDone { root: root.clone(), generation });
        assert!(host.corpora[&root].meetings.contains("m-2"), "the reading under way still counts");
        assert!(host.corpora[&root].complete);

        // An alias is something a report can say: every report is read again.
        let alias = TOML.replace("name = \"Wang Yi\"", "name = \"Wang Yi\"\naliases = [\"Minister Wang\"]");
        let affected = host.apply_change(Change::ManifestOnDisk { root: root.clone(), text: Some(alias) });
        assert_eq!(affected.read, [(root.clone(), Reading::Again)]);
        assert_ne!(host.corpora[&root].reading_generation(), generation);
        assert!(!host.corpora[&root].complete);
    }

    #[test]
    fn a_nested_corpus_found_later_takes_its_open_reports_from_the_one_above() {
        let (mut host, root) = host();
        let inner = root.join("inner");
        let a = inner.join("a.txt");
        host.apply_change(Change::Opened { path: a.clone(), text: report("m-1", ""), version: 1 });
        assert!(host.corpora[&root].meetings.contains("m-1"));
        let found = host.apply_change(Change::ManifestOnDisk { root: inner.clone(), text: Some(String::new()) });
        assert_eq!(found.read, [(inner.clone(), Reading::First)]);
        assert!(found.republish.contains(&a));
        assert!(!host.corpora[&root].meetings.contains("m-1"));
        assert!(host.corpora[&inner].meetings.contains("m-1"));
    }

    #[test]
    fn a_corpus_toml_opened_before_its_corpus_is_found_is_read_from_its_buffer() {
        let root = PathBuf::from("/corpus");
        let mut host = AnalysisHost::default();
        let buffer = format!("{TOML}aliases = [\"Mr Wang\"]\n");
        host.apply_change(Change::Opened { path: root.join(MANIFEST), text: buffer, version: 1 });
        host.apply_change(Change::ManifestOnDisk { root: root.clone(), text: Some(TOML.into()) });
        let person = host.corpora[&root].kb.person("wang-yi").map(|p| p.aliases.len());
        assert_eq!(person, Some(1));
    }

    #[test]
    fn opening_an_unchanged_corpus_toml_reads_nothing_again() {
        let (mut host, root) = host();
        let generation = host.corpora[&root].reading_generation();
        let opened = host.apply_change(Change::Opened { path: root.join(MANIFEST), text: TOML.into(), version: 1 });
        assert_eq!(opened.read, Vec::new());
        assert_eq!(host.corpora[&root].reading_generation(), generation);
    }

    #[test]
    fn an_alias_added_to_corpus_toml_reaches_the_open_reports_index_at_once() {
        let (mut host, root) = host();
        let a = root.join("a.txt");
        host.apply_change(Change::Opened { path: a.clone(), text: report("m-1", "Mr Wang spoke."), version: 1 });
        assert_eq!(host.corpora[&root].mentions.totals("wang-yi"), (0, 0));
        let manifest = root.join(MANIFEST);
        host.apply_change(Change::Opened { path: manifest.clone(), text: TOML.into(), version: 1 });
        if let Some(od) = host.doc_mut(&manifest) {
            od.doc.replace_all(&format!("{TOML}aliases = [\"Mr Wang\"]\n"));
        }
        host.apply_change(Change::Edited { path: manifest });
        assert_eq!(host.corpora[&root].mentions.totals("wang-yi"), (1, 1));
    }

    #[test]
    fn narrower_documents_globs_forget_the_files_they_leave_out() {
        let (mut host, root) = host();
        let b = root.join("sub/b.txt");
        let facts = on_disk(&host, &root, &report("m-2", ""));
        host.apply_change(Change::ReportOnDisk { path: b.clone(), facts, read: ticket() });
        assert!(host.corpora[&root].meetings.contains("m-2"));
        let narrower = format!("[corpus]\ndocuments = [\"*.txt\"]\n{TOML}");
        host.apply_change(Change::ManifestOnDisk { root: root.clone(), text: Some(narrower) });
        assert!(!host.corpora[&root].meetings.contains("m-2"));
    }

    #[test]
    fn a_nested_corpus_takes_its_closed_reports_and_gives_them_back_when_deleted() {
        let (mut host, root) = host();
        let inner = root.join("inner");
        let (a, b) = (inner.join("a.txt"), inner.join("b.txt"));
        let facts = on_disk(&host, &root, &report("m-2", ""));
        host.apply_change(Change::ReportOnDisk { path: b, facts, read: ticket() });
        host.apply_change(Change::Opened { path: a.clone(), text: report("m-1", ""), version: 1 });
        host.apply_change(Change::ManifestOnDisk { root: inner.clone(), text: Some(String::new()) });
        assert!(!host.corpora[&root].meetings.contains("m-2"), "a closed report of the inner corpus");
        let deleted = host.apply_change(Change::ManifestOnDisk { root: inner, text: None });
        assert_eq!(deleted.read, [(root.clone(), Reading::Again)]);
        assert!(host.corpora[&root].meetings.contains("m-1"), "the open report is the outer corpus's again");
    }

    #[test]
    fn of_two_reads_of_a_report_the_later_wins_whatever_the_order_they_come_in() {
        let (mut host, root) = host();
        let b = root.join("b.txt");
        let (early, late) = (ticket(), ticket());
        let newer = on_disk(&host, &root, &report("m-new", ""));
        host.apply_change(Change::ReportOnDisk { path: b.clone(), facts: newer, read: late });
        let older = on_disk(&host, &root, &report("m-old", ""));
        host.apply_change(Change::ReportOnDisk { path: b.clone(), facts: older, read: early });
        let generation = host.corpora[&root].reading_generation();
        let batch = vec![(b, facts(&host, &root, &report("m-old", "")))];
        host.apply_change(Change::Indexed { root: root.clone(), generation, batch, read: early });
        assert!(host.corpora[&root].meetings.contains("m-new"));
        assert!(!host.corpora[&root].meetings.contains("m-old"));
    }

    #[test]
    fn a_deleted_corpus_toml_forgets_its_corpus() {
        let (mut host, root) = host();
        let a = root.join("a.txt");
        host.apply_change(Change::Opened { path: a.clone(), text: report("m-1", ""), version: 1 });
        let affected = host.apply_change(Change::ManifestOnDisk { root: root.clone(), text: None });
        assert_eq!(affected.republish, std::slice::from_ref(&a));
        assert!(matches!(host.role_of(&a), Role::Unrelated));
    }
}
