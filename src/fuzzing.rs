//! The checks of the fuzz targets in `fuzz/`, shared with their corpus replay in
//! `tests/fuzz_replay.rs` so that the two never drift. Each takes arbitrary bytes and
//! panics when the library breaks one of its promises on them; none may hang.
//!
//! Not part of the library's interface: it exists for the fuzzers and may change.

use std::future::Future;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use crate::corpus::checks::check_analyzed_report;
use crate::corpus::diagnostics::Diagnostic;
use crate::corpus::document::Document;
use crate::corpus::recognize::analyze;
use crate::corpus::workspace::{Corpus, ReportFacts};
use crate::position::LineIndex;
use crate::server::transport::{Frame, FrameReader, Verdict, check};

/// Where the fuzzed corpus pretends to live; nothing is read from or written there.
const ROOT: &str = "/summit-ls-fuzz";

/// The corpus the fuzzed reports are checked against, built once per fuzzing process
/// (its recognisers take a while to build) from the seeds' corpus.toml.
pub struct Fixture {
    corpus: Corpus,
}

impl Fixture {
    pub fn new(manifest: &str) -> Fixture {
        Fixture { corpus: Corpus::from_manifest(Path::new(ROOT), manifest) }
    }
}

/// `report`: the bytes as a report's text (lossy UTF-8) are parsed, analysed by the
/// fixture's recognisers, indexed and checked. The facts indexed from the text equal
/// those of its document, and every diagnostic, fix and mention lies on character
/// boundaries inside the text.
pub fn report(fixture: &mut Fixture, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let doc = Document::new(&text);
    let path = PathBuf::from(ROOT).join("fuzzed.txt");
    let corpus = &mut fixture.corpus;
    let analysis = analyze(&doc, corpus.recognizers());
    for m in &analysis.mentions {
        assert!(on_boundaries(&text, &m.span), "mention at {:?} in {text:?}", m.span);
    }
    let scanned = ReportFacts::scan(&text, corpus.recognizers());
    // What `ReportFacts::of` the document is, from the analysis at hand.
    let of_document =
        ReportFacts { lines: Some(LineIndex::new(&text)), ..ReportFacts::from_analysis(doc.front_matter(), &analysis) };
    assert_eq!(scanned, of_document, "a closed report's facts differ from its document's: {text:?}");
    corpus.set_facts(&path, Some(scanned));
    let diagnostics = check_analyzed_report(&doc, &path, corpus.view(), &analysis);
    corpus.set_facts(&path, None);
    assert_located(&text, &diagnostics);
}

/// `incremental_sync`: a text and edits read from the bytes are applied to a document one at
/// a time, reparsing after some; the document's text, tree and front matter then equal
/// those of a fresh parse of the final text, as in `tests/incremental_parse.rs`.
///
/// The bytes: the initial text up to the first NUL, then edits of 3 bytes and an
/// insertion each: the start (two bytes, modulo the text's length plus 8, so that some
/// fall past the end), one byte whose low 6 bits are how many bytes to remove and
/// whose high bit says to reparse, and the inserted text (lossy UTF-8) up to the next
/// NUL.
pub fn incremental_sync(data: &[u8]) {
    let mut parts = data.split(|&b| b == 0);
    let mut text = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let mut doc = Document::new(&text);
    for part in parts.take(64) {
        let [a, b, c, insert @ ..] = part else { continue };
        let insert = String::from_utf8_lossy(insert);
        let at = usize::from(u16::from_le_bytes([*a, *b])) % (text.len() + 8);
        let range = at..at + usize::from(c & 0x3f);
        // The document's own rule: clamped to the text, then to character boundaries.
        let start = floor(&text, range.start.min(text.len()));
        let end = floor(&text, range.end.clamp(start, text.len()));
        text.replace_range(start..end, &insert);
        doc.edit(range, &insert);
        if c & 0x80 != 0 {
            doc.reparse();
        }
    }
    doc.reparse();
    assert_eq!(doc.text(), text, "the edited text");
    let fresh = Document::new(&text);
    assert_eq!(
        doc.tree().root_node().to_sexp(),
        fresh.tree().root_node().to_sexp(),
        "the incremental tree differs from a fresh parse of {text:?}"
    );
    assert_eq!(doc.front_matter(), fresh.front_matter(), "the front matter of {text:?}");
}

/// `manifest`: the bytes as corpus.toml (lossy UTF-8) are read into a corpus, and
/// `report` (a seed report's text) is analysed and checked against it. Every diagnostic
/// of either lies on character boundaries inside its text.
pub fn manifest(report: &str, data: &[u8]) {
    let toml = String::from_utf8_lossy(data);
    let corpus = Corpus::from_manifest(Path::new(ROOT), &toml);
    assert_located(&toml, &corpus.kb_diagnostics);
    let doc = Document::new(report);
    let path = PathBuf::from(ROOT).join("report.txt");
    let analysis = analyze(&doc, corpus.recognizers());
    for m in &analysis.mentions {
        assert!(on_boundaries(report, &m.span), "mention at {:?} with corpus.toml {toml:?}", m.span);
    }
    assert_located(report, &check_analyzed_report(&doc, &path, corpus.view(), &analysis));
}

/// `transport`: the bytes as the client's input to the stdio transport. The frame
/// reader splits them into frames without waiting (the input is all there) until it
/// reaches their end or says why it cannot; every message it yields, and the bytes
/// taken whole as one message, are checked, and what the check passes the server's own
/// decoder reads.
pub fn transport(data: &[u8]) {
    /// Small, so that the path skipping an overlong message is taken.
    const MAX: usize = 1024;
    check_message(data);
    let mut frames = FrameReader::new(data, MAX);
    // Every frame takes at least one byte of the input.
    for _ in 0..=data.len() {
        match ready(frames.next()) {
            Ok(Some(Frame::Message(content))) => {
                assert!(content.len() <= MAX, "a message of {} bytes over the bound", content.len());
                check_message(&content);
            }
            Ok(Some(Frame::TooLarge(len))) => assert!(len > MAX, "a message of {len} bytes skipped"),
            Ok(None) | Err(_) => return,
        }
    }
    panic!("the frame reader yields more frames than the input has bytes");
}

fn check_message(content: &[u8]) {
    use tower_lsp_server::jsonrpc::{Request, Response};
    match check(content) {
        Verdict::Call { method, id } => match serde_json::from_slice::<Request>(content) {
            Ok(request) => {
                let (read_method, read_id, _) = request.into_parts();
                let shown = String::from_utf8_lossy(content);
                assert_eq!(read_method, method, "the method of {shown:?}");
                assert_eq!(read_id.is_some(), id.is_some(), "the id of {shown:?}");
            }
            Err(err) => panic!("passed as a call, but the server cannot read it ({err}): {content:?}"),
        },
        Verdict::Response => {
            if let Err(err) = serde_json::from_slice::<Response>(content) {
                panic!("passed as a response, but the server cannot read it ({err}): {content:?}");
            }
        }
        Verdict::Refuse { .. } | Verdict::Drop(_) => {}
    }
}

/// The output of a future that must not wait: the frame reader on bytes in memory.
fn ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the frame reader waited on an input that is all there"),
    }
}

fn assert_located(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(on_boundaries(text, &d.range), "{} at {:?} in {text:?}", d.code, d.range);
        for fix in &d.fixes {
            assert!(on_boundaries(text, &fix.range), "fix of {} at {:?} in {text:?}", d.code, fix.range);
        }
    }
}

fn on_boundaries(text: &str, range: &Range<usize>) -> bool {
    range.start <= range.end && text.is_char_boundary(range.start) && text.is_char_boundary(range.end)
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
