//! The features at the analysis boundary, in process: the seeds loaded into an
//! analysis host as the server loads them (corpus.toml, the closed reports read, one
//! report open), and the core's answers as paths and byte ranges. Fast, and without the
//! wire; tests in the other files prove the wire.

use std::path::{Path, PathBuf};

use summit_ls::corpus::host::{AnalysisHost, Change, ticket};
use summit_ls::corpus::navigate::{self, Target};
use summit_ls::corpus::symbols;
use summit_ls::corpus::workspace::{Corpus, ReportFacts};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("a seed")
}

/// The seeds indexed, with `open` open in the editor.
fn host_with_open(open: &str) -> (AnalysisHost, PathBuf, PathBuf) {
    let root = seeds();
    let mut host = AnalysisHost::default();
    host.apply_change(Change::ManifestOnDisk { root: root.clone(), text: Some(read(&root.join("corpus.toml"))) });
    let corpus = &host.corpora[&root];
    let generation = corpus.reading_generation();
    let batch: Vec<(PathBuf, Option<ReportFacts>)> = corpus
        .report_paths()
        .into_iter()
        .map(|p| {
            let facts = ReportFacts::scan(&read(&p), corpus.recognizers());
            (p, Some(facts))
        })
        .collect();
    host.apply_change(Change::Indexed { root: root.clone(), generation, batch, read: ticket() });
    host.apply_change(Change::IndexingDone { root: root.clone(), generation });
    let path = root.join(open);
    host.apply_change(Change::Opened { path: path.clone(), text: read(&path), version: 1 });
    (host, root, path)
}

/// What byte `needle` (plus `offset`) of the open file points at.
fn target(host: &AnalysisHost, root: &Path, path: &Path, needle: &str, offset: usize) -> Option<Target> {
    let od = host.doc(path)?;
    let at = od.doc.text().find(needle)? + offset;
    let analysis = host.analysis(path);
    navigate::target_at(&host.corpora[root], path, &od.doc, analysis.as_deref(), at)
}

fn names(places: &[navigate::Place]) -> Vec<String> {
    places.iter().map(|(p, _)| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect()
}

fn corpus<'a>(host: &'a AnalysisHost, root: &Path) -> &'a Corpus {
    &host.corpora[root]
}

#[test]
fn a_reference_by_place_and_year_goes_to_the_meetings_report() {
    let (host, root, p003) = host_with_open("003_1bc3eefbf81d6a5d.txt");
    let meant = target(&host, &root, &p003, "San Francisco", 2);
    assert_eq!(meant, Some(Target::Meetings(vec!["san-francisco-2023".into()])));
    let defs = navigate::definitions(corpus(&host, &root), &meant.unwrap_or(Target::Meetings(Vec::new())));
    assert_eq!(names(&defs), ["004_bfd07e8ce2afdc7f.txt"]);
}

#[test]
fn references_to_a_person_span_every_report_and_the_entry() {
    let (host, root, p001) = host_with_open("001_590ab6f40908b9bc.txt");
    let kerry = target(&host, &root, &p001, "john-kerry]", 1);
    assert_eq!(kerry, Some(Target::Person("john-kerry".into())));
    let kerry = kerry.unwrap_or(Target::Person(String::new()));
    let refs = navigate::references(corpus(&host, &root), &kerry, false);
    let mut files = names(&refs);
    files.dedup();
    assert_eq!(files, ["001_590ab6f40908b9bc.txt", "002_570dadb1797cfef4.txt"]);
    let with_entry = navigate::references(corpus(&host, &root), &kerry, true);
    assert_eq!(with_entry.len(), refs.len() + 1);
    assert!(with_entry.last().is_some_and(|(p, _)| p.ends_with("corpus.toml")));
}

#[test]
fn sunnylands_is_referred_to_by_two_meetings_and_lima_refers_to_three() {
    let (host, root, _) = host_with_open("003_1bc3eefbf81d6a5d.txt");
    let c = corpus(&host, &root);
    let from: Vec<String> = c.referred_to_by("sunnylands-2013").into_iter().map(|l| l.from).collect();
    assert_eq!(from, ["beijing-2014", "wang-kerry-2014"]);
    let mut to: Vec<String> = c.refers_to("lima-2024").into_iter().map(|l| l.to).collect();
    to.sort();
    assert_eq!(to, ["bali-2022", "san-francisco-2023", "virtual-2021"]);
}

#[test]
fn a_rename_of_a_person_edits_corpus_toml_and_every_report_that_writes_the_id() {
    let (host, root, _) = host_with_open("002_570dadb1797cfef4.txt");
    let edits = navigate::rename(corpus(&host, &root), &Target::Person("john-kerry".into()), "j-kerry");
    let edits = edits.unwrap_or_default();
    let mut files: Vec<String> = edits.iter().map(|((p, _), _)| p.display().to_string()).collect();
    files.sort();
    files.dedup();
    assert_eq!(files.len(), 3, "corpus.toml, 001 and 002: {files:?}");
    let refused = navigate::rename(corpus(&host, &root), &Target::Person("john-kerry".into()), "wang-yi");
    assert!(refused.is_err());
}

#[test]
fn workspace_symbols_find_a_meeting_by_its_id_and_a_report_lists_its_meeting_and_people() {
    let (host, root, p004) = host_with_open("004_bfd07e8ce2afdc7f.txt");
    let found = symbols::matching(host.corpora.values(), "sunnylands");
    assert_eq!(
        found.first().map(|c| (c.name.as_ref(), c.kind)),
        Some(("sunnylands-2013", symbols::SymbolKind::Meeting))
    );
    let od = host.doc(&p004).expect("004 is open");
    let analysis = host.analysis(&p004).expect("004 is analysed");
    let listed = symbols::of_report(corpus(&host, &root), &od.doc, &analysis);
    assert_eq!(listed.first().map(|s| s.name.as_str()), Some("meeting: san-francisco-2023"));
    assert!(listed.iter().any(|s| s.name == "Xi Jinping"));
}

#[test]
fn an_edit_of_the_open_report_moves_its_meeting_and_its_references_at_once() {
    let (mut host, root, p004) = host_with_open("004_bfd07e8ce2afdc7f.txt");
    if let Some(od) = host.doc_mut(&p004) {
        let text = od.doc.text().replacen("meeting: san-francisco-2023", "meeting: woodside-2023", 1);
        od.doc.replace_all(&text);
        od.version = 2;
    }
    let affected = host.apply_change(Change::Edited { path: p004.clone() });
    assert_eq!(affected.republish, std::slice::from_ref(&p004));
    let c = corpus(&host, &root);
    assert!(!c.meetings.contains("san-francisco-2023") && c.meetings.contains("woodside-2023"));
    let defs = navigate::definitions(c, &Target::Meetings(vec!["woodside-2023".into()]));
    assert_eq!(names(&defs), ["004_bfd07e8ce2afdc7f.txt"]);
}
