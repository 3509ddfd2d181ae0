//! Corpora on disk: finding them, reading their reports, and the state one corpus
//! keeps (its knowledge base, which files are its reports, its meeting claims).

use std::io;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use walkdir::WalkDir;

use super::catalog::KbCatalog;
use super::checks::CorpusView;
use super::diagnostics::Diagnostic;
use super::document::Document;
use super::front_matter::FrontMatter;
use super::kb::{Kb, MANIFEST};
use super::meetings::{MeetingClaim, MeetingIndex};
use super::mention_index::{self, Indexed, MentionIndex};
use super::persistent;
use super::recognize::meeting_refs::Clues;
use super::recognize::{Analysis, Recognizers, Scope, analyze, analyze_clean, anchor_of};
use super::resolve::{RefContext, Resolution, ResolutionCache};
use super::scan::{self, scan};
use crate::position::{LineIndex, LineRange};
use std::sync::Arc;

/// A corpus is cheap to clone (its maps are persistent, its large parts shared): a
/// clone is a snapshot that requests read while the host goes on changing its own.
#[derive(Clone)]
pub struct Corpus {
    root: PathBuf,
    pub kb: Arc<Kb>,
    /// Diagnostics of corpus.toml as last read, including why it could not be.
    pub kb_diagnostics: Arc<[Diagnostic]>,
    globs: Arc<GlobSet>,
    pub meetings: MeetingIndex,
    pub mentions: MentionIndex,
    /// Report titles and where they stand, for workspace symbols.
    pub titles: persistent::Map<PathBuf, (String, LineRange)>,
    /// The line index of every report read from disk (see [`ReportFacts::lines`]).
    lines: persistent::Map<PathBuf, Arc<LineIndex>>,
    /// The line index of the corpus.toml text the knowledge base was read from.
    manifest_lines: Arc<LineIndex>,
    /// The corpus.toml text last given, read or not: where edits to it are made.
    manifest_text: Arc<str>,
    /// The knowledge base was read from `manifest_text` (it parsed).
    manifest_current: bool,
    recognizers: Arc<Recognizers>,
    /// The last knowledge base read changed which files are reports.
    pub documents_changed: bool,
    /// Every report on disk has been read since the knowledge base last changed: the
    /// counts and lists across reports are whole, not what is known so far.
    pub complete: bool,
    /// The generation of the knowledge base whose matchers and `documents` globs the
    /// closed reports' facts were read with: a corpus.toml change that keeps both
    /// (a role, a date, a comment) keeps it, and reads no report again.
    reading: u64,
    /// The last knowledge base read changed `reading`: the reports are to be read again.
    pub reading_changed: bool,
    /// The `[[meeting]]` entries and `[[place]]` names, indexed for resolution.
    kb_catalog: Arc<KbCatalog>,
    /// Shared by every snapshot: an answer is kept with the versions of what it was
    /// computed from, and the versions of one history never repeat.
    resolutions: Arc<ResolutionCache>,
}

/// What the corpus indexes of one report.
#[derive(Debug, PartialEq)]
pub struct ReportFacts {
    pub claim: Option<MeetingClaim>,
    pub mentions: Vec<Indexed>,
    /// The `title:` value and where it stands.
    pub title: Option<(String, LineRange)>,
    /// Where the report's lines start, to locate its mentions without reading it
    /// again; `None` for an open report, whose buffer is at hand.
    pub lines: Option<LineIndex>,
}

impl ReportFacts {
    pub fn of(doc: &Document, recognizers: &Recognizers) -> ReportFacts {
        let facts = Self::from_analysis(doc.front_matter(), &analyze(doc, recognizers));
        ReportFacts { lines: Some(LineIndex::new(&doc.text())), ..facts }
    }

    /// The facts of a closed report's text: the same as [`ReportFacts::of`] its
    /// document, read more cheaply (see [`scan`]).
    pub fn scan(text: &str, recognizers: &Recognizers) -> ReportFacts {
        let scanned = scan(text);
        let anchor = anchor_of(scanned.front_matter.as_ref());
        let analysis = analyze_clean(scanned.clean, anchor, recognizers, Scope::Index);
        let facts = Self::from_analysis(scanned.front_matter.as_ref(), &analysis);
        ReportFacts { lines: Some(LineIndex::new(text)), ..facts }
    }

    /// The facts of a report whose analysis is already at hand, without its line index.
    pub fn from_analysis(front_matter: Option<&FrontMatter>, analysis: &Analysis) -> ReportFacts {
        ReportFacts {
            claim: front_matter.and_then(MeetingClaim::from_front_matter),
            mentions: mention_index::mentions_of(front_matter, analysis),
            title: front_matter.and_then(|fm| {
                let value = fm.get("title")?.value.as_ref()?;
                Some((fm.scalar("title")?.to_string(), value.place.clone()))
            }),
            lines: None,
        }
    }
}

impl Corpus {
    /// Reads `root/corpus.toml`.
    pub fn open(root: &Path) -> io::Result<Corpus> {
        let text = read_source(&root.join(MANIFEST))?.text;
        Ok(Corpus::from_manifest(root, &text))
    }

    pub fn from_manifest(root: &Path, text: &str) -> Corpus {
        let mut corpus = Corpus {
            root: root.to_path_buf(),
            kb: Arc::default(),
            kb_diagnostics: Arc::from([]),
            globs: Arc::new(GlobSet::empty()),
            meetings: MeetingIndex::default(),
            mentions: MentionIndex::default(),
            titles: Default::default(),
            lines: Default::default(),
            manifest_lines: Arc::default(),
            manifest_text: Arc::from(""),
            manifest_current: false,
            recognizers: Arc::new(Recognizers::new(&Kb::default())),
            complete: false,
            reading: 0,
            reading_changed: false,
            documents_changed: false,
            kb_catalog: Arc::default(),
            resolutions: Arc::default(),
        };
        if !corpus.reload_manifest(text) {
            corpus.globs = Arc::new(build_globs(&Kb::default()).0);
        }
        corpus
    }

    /// Re-reads corpus.toml from `text`. When it cannot be read, the last good
    /// knowledge base stays in force and the error is among `kb_diagnostics`.
    /// Returns whether the knowledge base was replaced.
    pub fn reload_manifest(&mut self, text: &str) -> bool {
        let (kb, mut diagnostics) = Kb::parse(text);
        let replaced = match kb {
            Some(kb) => {
                let patterns = |kb: &Kb| kb.document_globs().into_iter().map(|(g, _)| g).collect::<Vec<_>>();
                self.documents_changed = patterns(&kb) != patterns(&self.kb);
                let (globs, glob_errors) = build_globs(&kb);
                diagnostics.extend(glob_errors);
                self.globs = Arc::new(globs);
                // The matchers are built again only when what they are built from
                // changed: not for each keystroke in a role, a date or a comment.
                self.reading_changed =
                    self.documents_changed || Recognizers::key_of(&kb) != self.recognizers.key() || self.reading == 0;
                if self.reading_changed {
                    self.recognizers = Arc::new(Recognizers::new(&kb));
                    self.reading = kb.generation();
                }
                self.kb_catalog = Arc::new(KbCatalog::new(&kb));
                self.kb = Arc::new(kb);
                self.manifest_lines = Arc::new(LineIndex::new(text));
                true
            }
            None => false,
        };
        self.kb_diagnostics = diagnostics.into();
        self.manifest_text = Arc::from(text);
        self.manifest_current = replaced;
        replaced
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn manifest_path(&self) -> PathBuf {
        self.root.join(MANIFEST)
    }

    /// Whether `path` is one of this corpus's reports by its `documents` globs.
    pub fn is_report(&self, path: &Path) -> bool {
        path.strip_prefix(&self.root).is_ok_and(|rel| self.globs.is_match(rel))
    }

    /// Every report file of this corpus on disk, in path order (see [`ReportFinder`]).
    pub fn report_paths(&self) -> Vec<PathBuf> {
        self.report_finder().paths()
    }

    /// What finding the reports on disk needs, to walk the disk away from the corpus
    /// (off a lock).
    pub fn report_finder(&self) -> ReportFinder {
        ReportFinder { root: self.root.clone(), globs: Arc::clone(&self.globs) }
    }

    /// Records what a report says (its meeting, the people it names); returns the
    /// meeting ids touched.
    pub fn set_report(&mut self, path: &Path, doc: Option<&Document>) -> Vec<String> {
        let facts = doc.map(|d| ReportFacts::of(d, &self.recognizers));
        self.set_facts(path, facts)
    }

    pub fn set_facts(&mut self, path: &Path, facts: Option<ReportFacts>) -> Vec<String> {
        let (claim, mentions) = match facts {
            Some(f) => {
                match f.title {
                    Some(t) => self.titles.insert(path.to_path_buf(), t),
                    None => self.titles.remove(path),
                };
                match f.lines {
                    Some(lines) => self.lines.insert(path.to_path_buf(), Arc::new(lines)),
                    None => self.lines.remove(path),
                };
                (f.claim, Some(f.mentions))
            }
            None => {
                self.titles.remove(path);
                self.lines.remove(path);
                (None, None)
            }
        };
        self.mentions.set(path, mentions);
        let touched = self.meetings.set(path, claim);
        // A meeting of corpus.toml whose reports changed what they say of it: answers
        // that found it through its entry's place, year or people no longer hold.
        for id in &touched {
            if let Some(entry) = self.kb_catalog.meetings.facts.get(id) {
                self.meetings.catalog.touch(entry);
            }
        }
        touched
    }

    /// The line index of a file of this corpus as last read from disk: a report's, or
    /// corpus.toml's. `None` for an open report (its buffer is the text to use).
    pub fn line_index(&self, path: &Path) -> Option<&LineIndex> {
        if path.file_name().is_some_and(|n| n == MANIFEST) && path.parent() == Some(self.root.as_path()) {
            Some(&self.manifest_lines)
        } else {
            self.lines.get(path).map(Arc::as_ref)
        }
    }

    /// Whether the knowledge base was read from corpus.toml's last text: when that
    /// text does not parse, the last good one's positions no longer match it.
    pub fn manifest_is_current(&self) -> bool {
        self.manifest_current
    }

    /// The text of corpus.toml as last given (from disk or from its open buffer).
    pub fn manifest_text(&self) -> &str {
        &self.manifest_text
    }

    /// Every file the corpus holds facts of.
    pub fn indexed_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> =
            self.meetings.paths().chain(self.mentions.paths()).map(Path::to_path_buf).collect();
        paths.extend(self.titles.keys().chain(self.lines.keys()).cloned());
        paths.sort();
        paths.dedup();
        paths
    }

    /// Forgets what the corpus holds of the files `which` picks; returns the meeting
    /// ids whose claims changed.
    pub fn forget(&mut self, which: impl Fn(&Path) -> bool) -> Vec<String> {
        let mut touched = Vec::new();
        for path in self.indexed_paths().into_iter().filter(|p| which(p)) {
            touched.extend(self.set_facts(&path, None));
        }
        touched
    }

    /// The generation of the knowledge base the closed reports are read with (see
    /// `reading`): reads of another are stale.
    pub fn reading_generation(&self) -> u64 {
        self.reading
    }

    /// The people and place matchers of the current knowledge base.
    pub fn recognizers(&self) -> &Recognizers {
        &self.recognizers
    }

    /// The matchers, to use off the state's lock.
    pub fn shared_recognizers(&self) -> Arc<Recognizers> {
        Arc::clone(&self.recognizers)
    }

    pub fn view(&self) -> CorpusView<'_> {
        CorpusView {
            kb: &self.kb,
            meetings: &self.meetings,
            recognizers: &self.recognizers,
            kb_catalog: &self.kb_catalog,
            resolutions: &self.resolutions,
        }
    }

    /// The meetings of the `[[meeting]]` entries, indexed.
    pub fn kb_catalog(&self) -> &KbCatalog {
        &self.kb_catalog
    }

    /// Which meeting a reference of `clues` in a report of `ctx` means.
    pub fn resolve(&self, clues: &Clues, ctx: &RefContext) -> Resolution {
        self.view().resolve(clues, ctx)
    }
}

/// The reports of a corpus on disk, found by its root and `documents` globs.
pub struct ReportFinder {
    root: PathBuf,
    globs: Arc<GlobSet>,
}

impl ReportFinder {
    /// Every report file of this corpus on disk, in path order. Folders holding a
    /// corpus of their own belong to that corpus, and are skipped. A report that is a
    /// symbolic link is followed (git-annex and DVC corpora are made of them); a link
    /// to a folder is not entered, so nothing outside the corpus is walked and no
    /// report is found twice. A report that is no regular file, or a link that leads
    /// nowhere, is listed all the same, for its reading to say what is wrong with it.
    pub fn paths(&self) -> Vec<PathBuf> {
        let root = self.root.clone();
        let mut paths: Vec<PathBuf> = WalkDir::new(&self.root)
            .follow_links(false)
            .into_iter()
            .filter_entry(move |e| {
                let dir = e.file_type().is_dir();
                !dir || e.path() == root || (!is_skipped_dir(e.path()) && !e.path().join(MANIFEST).is_file())
            })
            .filter_map(Result::ok)
            .filter(|e| !(e.file_type().is_dir() || (e.path_is_symlink() && e.path().is_dir())))
            .map(walkdir::DirEntry::into_path)
            .filter(|p| p.strip_prefix(&self.root).is_ok_and(|rel| self.globs.is_match(rel)))
            .collect();
        paths.sort();
        paths
    }
}

fn build_globs(kb: &Kb) -> (GlobSet, Vec<Diagnostic>) {
    let mut builder = GlobSetBuilder::new();
    let mut errors = Vec::new();
    for (pattern, span) in kb.document_globs() {
        match GlobBuilder::new(&pattern).literal_separator(true).build() {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(err) => errors.push(Diagnostic::error(
                "malformed-value",
                span.unwrap_or(0..0),
                format!("`{pattern}` is not a glob: {}", err.kind()),
            )),
        }
    }
    (builder.build().unwrap_or_else(|_| GlobSet::empty()), errors)
}

fn is_skipped_dir(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules")
}

/// The roots of every corpus at or below `dir`.
pub fn discover(dir: &Path) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| !e.file_type().is_dir() || e.depth() == 0 || !is_skipped_dir(e.path()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == MANIFEST)
        .filter_map(|e| e.path().parent().map(Path::to_path_buf))
        .collect();
    roots.sort();
    roots
}

/// The root of the nearest corpus at or above `path`.
pub fn enclosing_root(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() { path } else { path.parent()? };
    // A bare file name's parent is the empty path: the current folder.
    // A relative path's last ancestor is the empty path: the current folder.
    let here = |dir: &Path| if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir.to_path_buf() };
    let found = start.ancestors().map(here).find(|dir| dir.join(MANIFEST).is_file());
    // Above the current folder (`check .` in a folder of a corpus), by the absolute path.
    found.or_else(|| {
        let absolute = start.canonicalize().ok()?;
        absolute.ancestors().find(|dir| dir.join(MANIFEST).is_file()).map(Path::to_path_buf)
    })
}

/// A file's text. Invalid UTF-8 is replaced (U+FFFD) and reported, never fatal.
pub struct Source {
    pub text: String,
    pub invalid_utf8: Option<Diagnostic>,
}

/// The largest file read, in bytes: far above any report, well below what would
/// strain memory. Larger files are `unreadable-file`.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a regular file of at most [`MAX_FILE_BYTES`]. Anything else (a FIFO, a
/// device, a folder, a huge file) is an error at once, never a wait: the file is
/// opened without blocking and checked by its handle before it is read.
pub fn read_source(path: &Path) -> io::Result<Source> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading waits for a writer unless asked not to.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {} MiB, over the {} MiB limit", meta.len() >> 20, MAX_FILE_BYTES >> 20),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow after the check: read no more than the limit.
    file.take(MAX_FILE_BYTES).read_to_end(&mut bytes)?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Source { text, invalid_utf8: None },
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            let diagnostic = Diagnostic::error(
                "invalid-utf8",
                at..at + '\u{FFFD}'.len_utf8(),
                format!(
                    "the file is not valid UTF-8 from byte {at} on; invalid bytes are shown as \u{FFFD} and would be lost on save"
                ),
            );
            Source { text, invalid_utf8: Some(diagnostic) }
        }
    })
}

/// A report read from disk for a batch run.
pub struct LoadedReport {
    pub path: PathBuf,
    pub doc: Document,
    /// Why the file could not be read, or was not valid UTF-8.
    pub read_problem: Option<Diagnostic>,
}

/// Records the meeting claims of every report of `corpus` (what a batch check needs of
/// the other reports; mention counts are the server's) and returns the reports' paths.
/// Reports are read in parallel, and only their front matters are parsed.
pub fn record_claims(corpus: &mut Corpus) -> Vec<PathBuf> {
    let paths = corpus.report_paths();
    let claims: Vec<Option<MeetingClaim>> = paths
        .par_iter()
        .map(|path| {
            let text = read_source(path).ok()?.text;
            scan::front_matter(&text).as_ref().and_then(MeetingClaim::from_front_matter)
        })
        .collect();
    for (path, claim) in paths.iter().zip(claims) {
        corpus.meetings.set(path, claim);
    }
    paths
}

impl LoadedReport {
    /// The file could not be read at all: nothing else can be said of it.
    pub fn is_unreadable(&self) -> bool {
        self.read_problem.as_ref().is_some_and(|d| d.code == "unreadable-file")
    }
}

pub fn load_report(path: &Path) -> LoadedReport {
    match read_source(path) {
        Ok(source) => LoadedReport {
            path: path.to_path_buf(),
            doc: Document::new(&source.text),
            read_problem: source.invalid_utf8,
        },
        Err(err) => LoadedReport {
            path: path.to_path_buf(),
            doc: Document::new(""),
            read_problem: Some(Diagnostic::error("unreadable-file", 0..0, format!("cannot read this file: {err}"))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_replaced_and_located() {
        let dir = std::env::temp_dir().join(format!("summit-ls-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("bad.txt");
        std::fs::write(&file, b"Xi \xff\xfe met").expect("write");
        let source = read_source(&file).expect("read");
        assert_eq!(source.text, "Xi \u{FFFD}\u{FFFD} met");
        assert_eq!(source.invalid_utf8.map(|d| d.range), Some(3..6));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_index_reads_the_same_facts_from_a_closed_report_as_from_its_document() {
        let corpus = Corpus::open(Path::new("seeds")).expect("the seed corpus");
        let raw = std::fs::read_dir("tests/fixtures/raw").expect("raw seeds").flatten().map(|e| e.path());
        let mut compared = 0;
        for path in corpus.report_paths().into_iter().chain(raw) {
            let text = std::fs::read_to_string(&path).expect("a report");
            let of_document = ReportFacts::of(&Document::new(&text), corpus.recognizers());
            assert_eq!(ReportFacts::scan(&text, corpus.recognizers()), of_document, "{}", path.display());
            compared += usize::from(!of_document.mentions.is_empty());
        }
        assert_eq!(compared, 10);
    }

    #[test]
    fn globs_are_relative_to_the_corpus_root() {
        let corpus = Corpus::from_manifest(Path::new("/c"), "[corpus]\ndocuments = [\"*.txt\"]\n");
        assert!(corpus.is_report(Path::new("/c/a.txt")));
        assert!(!corpus.is_report(Path::new("/c/sub/a.txt")));
        assert!(!corpus.is_report(Path::new("/elsewhere/a.txt")));
        let default = Corpus::from_manifest(Path::new("/c"), "");
        assert!(default.is_report(Path::new("/c/sub/a.txt")));
    }

    #[test]
    fn a_broken_manifest_keeps_the_last_good_knowledge_base() {
        let mut corpus = Corpus::from_manifest(Path::new("/c"), "[[person]]\nid = \"x\"\nname = \"X\"\n");
        assert!(!corpus.reload_manifest("[[person]]\nid = \"x"));
        assert!(corpus.kb.person("x").is_some());
        assert_eq!(corpus.kb_diagnostics[0].code, "toml-syntax");
    }

    #[test]
    fn a_bad_glob_is_reported_on_its_text() {
        let text = "[corpus]\ndocuments = [\"[*.txt\"]\n";
        let corpus = Corpus::from_manifest(Path::new("/c"), text);
        let d = &corpus.kb_diagnostics[0];
        assert_eq!(&text[d.range.clone()], "\"[*.txt\"");
    }
}
