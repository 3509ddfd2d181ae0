//! Go to definition through the real binary, across files that are not open.

mod common;

use std::path::Path;

use common::{Lsp, seed_corpus, uri};
use serde_json::json;

fn position_of(text: &str, needle: &str, nth: usize) -> (u32, u32) {
    let at = text.match_indices(needle).nth(nth).map(|(i, _)| i).expect("needle in text");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (text[..at].matches('\n').count() as u32, text[line_start..at].encode_utf16().count() as u32)
}

fn definition(lsp: &mut Lsp, corpus: &Path, name: &str, needle: &str, nth: usize) -> Vec<(String, u64)> {
    let path = corpus.join(name);
    let text = std::fs::read_to_string(&path).expect("seed");
    let uri = lsp.open(&path, &text);
    let (line, character) = position_of(&text, needle, nth);
    let result = lsp
        .request(
            "textDocument/definition",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character + 2 } }),
        )
        .expect("definition");
    let mut out: Vec<(String, u64)> = result
        .as_array()
        .map(|a| {
            a.iter()
                .map(|l| {
                    (
                        l["uri"].as_str().unwrap_or_default().to_string(),
                        l["range"]["start"]["line"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn line_of(path: &Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(path).expect("file");
    text.lines().position(|l| l.contains(needle)).expect("line") as u64
}

#[test]
fn the_annenberg_estate_meeting_in_000_goes_to_the_sunnylands_entry() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let got = definition(&mut lsp, corpus.path(), "000_bd05f014e72710d3.txt", "Annenberg Estate meeting", 0);
    let manifest = corpus.path().join("corpus.toml");
    assert_eq!(got, [(uri(&manifest), line_of(&manifest, "id = \"sunnylands-2013\""))]);
    lsp.shutdown();
}

#[test]
fn the_2022_bali_meeting_in_003_goes_to_its_entry() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let got = definition(&mut lsp, corpus.path(), "003_1bc3eefbf81d6a5d.txt", "Bali meeting", 0);
    let manifest = corpus.path().join("corpus.toml");
    assert_eq!(got, [(uri(&manifest), line_of(&manifest, "id = \"bali-2022\""))]);
    lsp.shutdown();
}

#[test]
fn a_meeting_id_in_the_front_matter_goes_to_the_meeting_line_of_its_reports() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    // 003's related list names san-francisco-2023, reported by 004 (not open).
    let got = definition(&mut lsp, corpus.path(), "003_1bc3eefbf81d6a5d.txt", "san-francisco-2023", 0);
    let report = corpus.path().join("004_bfd07e8ce2afdc7f.txt");
    assert_eq!(got, [(uri(&report), line_of(&report, "meeting: san-francisco-2023"))]);
    lsp.shutdown();
}

#[test]
fn a_person_mention_goes_to_the_person_entry() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let got = definition(&mut lsp, corpus.path(), "002_570dadb1797cfef4.txt", "Kerry forwards", 0);
    let manifest = corpus.path().join("corpus.toml");
    assert_eq!(got, [(uri(&manifest), line_of(&manifest, "id = \"john-kerry\""))]);
    let nothing = definition(&mut lsp, corpus.path(), "002_570dadb1797cfef4.txt", "Real Time Analytics", 0);
    assert_eq!(nothing, Vec::<(String, u64)>::new());
    lsp.shutdown();
}

#[test]
fn san_francisco_in_the_meeting_in_san_francisco_in_2023_goes_to_004s_meeting_line() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let got = definition(&mut lsp, corpus.path(), "003_1bc3eefbf81d6a5d.txt", "San Francisco in 2023", 0);
    let report = corpus.path().join("004_bfd07e8ce2afdc7f.txt");
    assert_eq!(got, [(uri(&report), line_of(&report, "meeting: san-francisco-2023"))]);
    lsp.shutdown();
}

#[test]
fn locations_in_closed_reports_come_from_the_index_not_from_the_disk() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let report = corpus.path().join("004_bfd07e8ce2afdc7f.txt");
    let line = line_of(&report, "meeting: san-francisco-2023");
    // Changed on disk with no word to the server (it watches no files here): the
    // answer is the index's, so no file was read for it.
    std::fs::write(&report, "\n".repeat(500)).expect("overwrite");
    let got = definition(&mut lsp, corpus.path(), "003_1bc3eefbf81d6a5d.txt", "San Francisco in 2023", 0);
    assert_eq!(got, [(uri(&report), line)]);
    lsp.shutdown();
}

#[test]
fn the_bali_meeting_is_ambiguous_when_the_corpus_knows_two_and_a_fix_pins_one() {
    let corpus = seed_corpus();
    let manifest = corpus.path().join("corpus.toml");
    let mut toml = std::fs::read_to_string(&manifest).expect("corpus.toml");
    toml.push_str("\n[[meeting]]\nid = \"bali-2013\"\ntitle = \"Xi at the APEC meeting in Bali\"\ndate = 2013-10-07\nlocation = \"Nusa Dua, Bali, Indonesia\"\n");
    std::fs::write(&manifest, toml).expect("write corpus.toml");
    let path = corpus.path().join("003_1bc3eefbf81d6a5d.txt");
    let text = std::fs::read_to_string(&path).expect("seed").replace("the 2022 Bali meeting", "the Bali talks");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let uri = lsp.open(&path, &text);
    let diags = lsp.diagnostics_until(&uri, |d| d.iter().any(|x| x["code"] == "ambiguous-meeting"));
    let d = diags.iter().find(|x| x["code"] == "ambiguous-meeting").expect("ambiguous");
    // Nearest the report's date first.
    assert_eq!(d["message"], "\"Bali talks\" could be `bali-2022` or `bali-2013`: pin one with a link");
    let fixes: Vec<&str> =
        d["data"]["fixes"].as_array().expect("fixes").iter().filter_map(|f| f["newText"].as_str()).collect();
    assert_eq!(fixes, ["[Bali talks](meeting:bali-2022)", "[Bali talks](meeting:bali-2013)"]);
    // With the year, one meeting fits.
    let (line, character) = position_of(&text, "Bali talks", 0);
    lsp.change(&uri, 2, json!([{ "range": { "start": { "line": line, "character": character }, "end": { "line": line, "character": character } }, "text": "2022 " }]));
    lsp.diagnostics_until(&uri, |d| !d.iter().any(|x| x["code"] == "ambiguous-meeting"));
    lsp.shutdown();
}

/// (file name, line) of every reference at the `nth` `needle` of a file.
fn references(
    lsp: &mut Lsp,
    corpus: &Path,
    name: &str,
    needle: &str,
    nth: usize,
    declaration: bool,
) -> Vec<(String, u64)> {
    let path = corpus.join(name);
    let text = std::fs::read_to_string(&path).expect("file");
    let uri = lsp.open(&path, &text);
    let (line, character) = position_of(&text, needle, nth);
    let result = lsp
        .request(
            "textDocument/references",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character + 2 }, "context": { "includeDeclaration": declaration } }),
        )
        .expect("references");
    let mut out: Vec<(String, u64)> = result
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| {
            let file = l["uri"].as_str().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_string();
            (file, l["range"]["start"]["line"].as_u64().unwrap_or(0))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn references_on_the_sunnylands_entry_list_the_mentions_in_000_and_001() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let got = references(&mut lsp, corpus.path(), "corpus.toml", "\"sunnylands-2013\"", 0, false);
    let r000 = corpus.path().join("000_bd05f014e72710d3.txt");
    let r001 = corpus.path().join("001_590ab6f40908b9bc.txt");
    assert_eq!(
        got,
        [
            ("000_bd05f014e72710d3.txt".to_string(), line_of(&r000, "related: [sunnylands-2013]")),
            ("000_bd05f014e72710d3.txt".to_string(), line_of(&r000, "Annenberg Estate meeting")),
            ("001_590ab6f40908b9bc.txt".to_string(), line_of(&r001, "related: [sunnylands-2013")),
            ("001_590ab6f40908b9bc.txt".to_string(), line_of(&r001, "meeting last year at Annenberg Estate")),
        ]
    );
    let with_entry = references(&mut lsp, corpus.path(), "corpus.toml", "\"sunnylands-2013\"", 0, true);
    assert_eq!(with_entry.len(), 5);
    assert!(with_entry.contains(&(
        "corpus.toml".to_string(),
        line_of(&corpus.path().join("corpus.toml"), "id = \"sunnylands-2013\"")
    )));
    lsp.shutdown();
}

#[test]
fn references_on_kerry_find_him_in_closed_reports_and_front_matters() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let got = references(&mut lsp, corpus.path(), "002_570dadb1797cfef4.txt", "Kerry forwards", 0, false);
    let in_001 = got.iter().filter(|(f, _)| f.starts_with("001")).count();
    let in_002 = got.iter().filter(|(f, _)| f.starts_with("002")).count();
    // 001: the participants id and five mentions; 002: the id and six mentions (the
    // eleven body mentions the hover counts).
    assert_eq!((in_001, in_002, got.len()), (6, 7, 13), "{got:?}");
    lsp.shutdown();
}

#[test]
fn references_on_a_meeting_by_place_and_year_include_its_reports_meeting_line() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let got = references(&mut lsp, corpus.path(), "003_1bc3eefbf81d6a5d.txt", "San Francisco in 2023", 0, false);
    let files: Vec<&str> = got.iter().map(|(f, _)| &f[..3]).collect();
    // 003: its related id and two references; 004: its meeting line, the headline and
    // its repetition, and six references to its own meeting in other words.
    assert_eq!(files, ["003", "003", "003", "004", "004", "004", "004", "004", "004", "004", "004", "004"], "{got:?}");
    lsp.shutdown();
}

#[test]
fn an_inline_link_goes_to_its_target() {
    let corpus = seed_corpus();
    let path = corpus.path().join("001_590ab6f40908b9bc.txt");
    let text = std::fs::read_to_string(&path).expect("seed").replace(
        "his meeting with Mr. Secretary of State",
        "[his meeting with Mr. Secretary of State](meeting:xi-kerry-2014)",
    );
    std::fs::write(&path, &text).expect("write");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let got = definition(&mut lsp, corpus.path(), "001_590ab6f40908b9bc.txt", "[his meeting with", 0);
    let report = corpus.path().join("002_570dadb1797cfef4.txt");
    assert_eq!(got, [(uri(&report), line_of(&report, "meeting: xi-kerry-2014"))]);
    lsp.shutdown();
}
