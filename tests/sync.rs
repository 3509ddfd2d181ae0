//! Text synchronisation through the real binary: encodings, incremental changes,
//! non-ASCII text and CRLF.

mod common;

use common::{Lsp, codes, raw_corpus, seed_corpus};
use serde_json::{Value, json};

fn errors(diagnostics: &[Value]) -> Vec<String> {
    codes(&diagnostics.iter().filter(|d| d["severity"] == 1).cloned().collect::<Vec<_>>())
}

#[test]
fn initialize_negotiates_utf8_when_offered_and_utf16_otherwise() {
    let corpus = seed_corpus();
    let (lsp, result) = Lsp::initialized(corpus.path(), true);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");
    lsp.shutdown();
    let (lsp, result) = Lsp::initialized(corpus.path(), false);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    lsp.shutdown();
}

#[test]
fn typing_a_front_matter_into_a_raw_report_clears_its_errors() {
    let corpus = raw_corpus();
    let path = corpus.path().join("002_570dadb1797cfef4.txt");
    let raw = std::fs::read_to_string(&path).expect("raw seed");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = lsp.open(&path, &raw);
    let first = lsp.diagnostics_until(&uri, |d| !d.is_empty());
    assert_eq!(errors(&first), ["missing-front-matter"]);
    assert_eq!(
        first.iter().find(|d| d["code"] == "missing-front-matter").expect("diag")["range"],
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 11 } })
    );

    // Keystroke by keystroke, as an editor sends them: first the fences...
    let mut typist = Typist::new(&uri);
    typist.type_text(&mut lsp, "---\n---\n");
    // Wait for the state after the second fence's line break, not one half-typed.
    let fenced = lsp.diagnostics_until(&uri, |d| errors(d) == ["missing-field"; 6]);
    assert_eq!(errors(&fenced), ["missing-field"; 6]);

    // ...then the fields between them.
    typist.line = 1;
    typist.col = 0;
    typist.type_text(
        &mut lsp,
        "title: President Xi Meets U.S. Secretary of State John Kerry\nmeeting: xi-kerry-2014\n\
         date: 2014-02-14\nlocation: Great Hall of the People, Beijing\n\
         participants: [xi-jinping, john-kerry]\nsource: China Topix\n",
    );
    let done = lsp.diagnostics_until(&uri, |d| errors(d).is_empty() && !d.is_empty());
    // What is left are hints: four residue lines and the page's capture timestamp.
    assert_eq!(codes(&done), ["boilerplate", "boilerplate", "boilerplate", "boilerplate", "page-timestamp"]);
    lsp.shutdown();
}

/// Types text one character at a time with incremental changes in UTF-16 columns.
struct Typist {
    uri: String,
    line: u32,
    col: u32,
    version: i32,
}

impl Typist {
    fn new(uri: &str) -> Typist {
        Typist { uri: uri.to_string(), line: 0, col: 0, version: 1 }
    }

    fn type_text(&mut self, lsp: &mut Lsp, text: &str) {
        for ch in text.chars() {
            self.version += 1;
            let at = json!({ "line": self.line, "character": self.col });
            lsp.change(
                &self.uri,
                self.version,
                json!([{ "range": { "start": at, "end": at }, "text": ch.to_string() }]),
            );
            if ch == '\n' {
                self.line += 1;
                self.col = 0;
            } else {
                self.col += u32::try_from(ch.len_utf16()).unwrap_or(1);
            }
        }
    }
}

fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({ "start": { "line": l0, "character": c0 }, "end": { "line": l1, "character": c1 } })
}

#[test]
fn several_changes_in_one_notification_apply_in_order() {
    let corpus = seed_corpus();
    let path = corpus.path().join("000_bd05f014e72710d3.txt");
    let text = std::fs::read_to_string(&path).expect("seed");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = lsp.open(&path, &text);
    lsp.diagnostics_until(&uri, |d| codes(d).iter().all(|c| c == "boilerplate") && !d.is_empty());
    // Line 1 is `title: …`, line 3 is `date: 2014-11-12`. The second change's range is
    // in the text the first one left: `titel` is as long as `title`.
    lsp.change(
        &uri,
        2,
        json!([
            { "range": range(1, 0, 1, 5), "text": "titel" },
            { "range": range(3, 6, 3, 16), "text": "2014-13-45" },
        ]),
    );
    let broken = lsp.diagnostics_until(&uri, |d| codes(d).contains(&"malformed-value".to_string()));
    assert_eq!(errors(&broken), ["malformed-value", "missing-field"]);
    let unknown = broken.iter().find(|d| d["code"] == "unknown-key").expect("unknown-key");
    assert_eq!(unknown["range"], range(1, 0, 1, 5));
    assert!(unknown["message"].as_str().unwrap_or_default().contains("did you mean `title`"));
    lsp.change(
        &uri,
        3,
        json!([
            { "range": range(3, 6, 3, 16), "text": "2014-11-12" },
            { "range": range(1, 0, 1, 5), "text": "title" },
        ]),
    );
    let fixed = lsp.diagnostics_until(&uri, |d| errors(d).is_empty() && !codes(d).contains(&"unknown-key".to_string()));
    assert!(codes(&fixed).iter().all(|c| c == "boilerplate"));
    lsp.shutdown();
}

/// A line where UTF-8 and UTF-16 columns differ: curly quotes (3 bytes, 1 unit each)
/// before an unknown id, and a breadcrumb with non-breaking spaces (2 bytes, 1 unit).
const NON_ASCII: &str = "---\ntitle: T\nmeeting: m-2014\ndate: 2014-02-14\nlocation: Beijing\nsource: S\n\
participants: [\u{201c}xi\u{201d}, jon-kerry]\n---\nHome\u{a0}>\u{a0}China News\nXi met Kerry.\n";

fn non_ascii_ranges(utf8: bool) -> (Value, Value) {
    let corpus = seed_corpus();
    let path = corpus.path().join("new.txt");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), utf8);
    let uri = lsp.open(&path, NON_ASCII);
    let diags = lsp.diagnostics_until(&uri, |d| codes(d).contains(&"unknown-person".to_string()));
    let person = diags.iter().find(|d| d["code"] == "unknown-person").expect("unknown-person")["range"].clone();
    let crumb = diags.iter().find(|d| d["code"] == "boilerplate").expect("boilerplate")["range"].clone();
    lsp.shutdown();
    (person, crumb)
}

#[test]
fn ranges_after_curly_quotes_and_nbsp_count_utf16_units() {
    let (person, crumb) = non_ascii_ranges(false);
    assert_eq!(person, range(6, 21, 6, 30));
    assert_eq!(crumb, range(8, 0, 8, 17));
}

#[test]
fn ranges_after_curly_quotes_and_nbsp_count_utf8_bytes() {
    let (person, crumb) = non_ascii_ranges(true);
    assert_eq!(person, range(6, 25, 6, 34));
    assert_eq!(crumb, range(8, 0, 8, 19));
}

#[test]
fn hover_after_non_ascii_text_finds_the_id_in_both_encodings() {
    let text = NON_ASCII.replace("jon-kerry", "john-kerry");
    for (utf8, character) in [(true, 27), (false, 23)] {
        let corpus = seed_corpus();
        let path = corpus.path().join("new.txt");
        let (mut lsp, _) = Lsp::initialized(corpus.path(), utf8);
        let uri = lsp.open(&path, &text);
        let hover = lsp.hover(&uri, 6, character);
        let value = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(value.contains("**John Kerry**") && value.contains("United States Secretary of State"), "{hover}");
        lsp.shutdown();
    }
}

#[test]
fn crlf_report_has_the_same_lines_and_no_carriage_returns_in_ranges() {
    let corpus = seed_corpus();
    let path = corpus.path().join("002_570dadb1797cfef4.txt");
    let lf = std::fs::read_to_string(&path).expect("seed");
    let crlf = lf.replace('\n', "\r\n");
    std::fs::write(&path, &crlf).expect("write CRLF copy");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = lsp.open(&path, &crlf);
    let diags = lsp.diagnostics_until(&uri, |d| !d.is_empty());
    let crumb =
        diags.iter().find(|d| d["message"].as_str().is_some_and(|m| m.contains("CHINA TOPIX"))).expect("masthead");
    assert_eq!(crumb["range"], range(10, 0, 10, 11));
    // Replace the date on line 3 (`date: 2014-02-14`): the edit lands before the CR.
    lsp.change(&uri, 2, json!([{ "range": range(3, 6, 3, 99), "text": "2014-02-30" }]));
    let bad = lsp.diagnostics_until(&uri, |d| codes(d).contains(&"malformed-value".to_string()));
    let malformed = bad.iter().find(|d| d["code"] == "malformed-value").expect("malformed");
    assert_eq!(malformed["range"], range(3, 6, 3, 16));
    assert!(malformed["message"].as_str().unwrap_or_default().contains("no day 30"));
    lsp.shutdown();
}
