//! What a change invalidates, driven through the real binary: each case here once left
//! a long-lived server disagreeing with a fresh one.

mod common;

use common::{Lsp, codes, seed_corpus, uri};
use serde_json::{Value, json};

fn position_of(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).expect("needle in text");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (text[..at].matches('\n').count() as u32, text[line_start..at].encode_utf16().count() as u32)
}

fn references_at(lsp: &mut Lsp, uri: &str, text: &str, needle: &str) -> usize {
    let (line, character) = position_of(text, needle);
    let result = lsp
        .request(
            "textDocument/references",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character + 2 }, "context": { "includeDeclaration": false } }),
        )
        .expect("references");
    result.as_array().map_or(0, Vec::len)
}

fn replace_all(lsp: &mut Lsp, uri: &str, version: i32, text: &str) {
    lsp.change(uri, version, json!([{ "text": text }]));
}

#[test]
fn a_person_typed_back_into_corpus_toml_is_found_in_closed_reports() {
    let corpus = seed_corpus();
    let manifest = corpus.path().join("corpus.toml");
    let full = std::fs::read_to_string(&manifest).expect("corpus.toml");
    let entry_start = full.find("[[person]]\nid = \"wang-yi\"").expect("wang-yi entry");
    let entry_end = entry_start + full[entry_start..].find("\n\n").expect("entry end");
    let without = format!("{}{}", &full[..entry_start], &full[entry_end..]);
    std::fs::write(&manifest, &without).expect("write");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let uri = lsp.open(&manifest, &without);
    replace_all(&mut lsp, &uri, 2, &full);
    // The closed reports are read again, and the editor is told.
    let rescan = |m: &Value| m["method"] == "$/progress" && m["params"]["value"]["title"] == "Reading reports again";
    let begin = lsp.wait_for(rescan);
    assert_eq!(begin["params"]["value"]["message"], "0/5 reports", "{begin}");
    // As a fresh server: the participants ids and the body mentions of 001 and 002.
    assert_eq!(references_at(&mut lsp, &uri, &full, "\"wang-yi\""), 7);
    lsp.shutdown();
}

#[test]
fn renaming_a_meeting_flags_the_related_id_of_another_open_report() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let p001 = corpus.path().join("001_590ab6f40908b9bc.txt");
    let p002 = corpus.path().join("002_570dadb1797cfef4.txt");
    let t001 = std::fs::read_to_string(&p001).expect("001");
    let t002 = std::fs::read_to_string(&p002).expect("002");
    assert!(t001.contains("xi-kerry-2014"), "001 relates to 002's meeting");
    let u001 = lsp.open(&p001, &t001);
    let u002 = lsp.open(&p002, &t002);
    lsp.diagnostics_until(&u001, |_| true);
    replace_all(&mut lsp, &u002, 2, &t002.replacen("meeting: xi-kerry-2014", "meeting: xi-kerry-talks", 1));
    lsp.diagnostics_until(&u001, |d| codes(d).iter().any(|c| c == "unknown-meeting"));
    // And back: the error goes.
    replace_all(&mut lsp, &u002, 3, &t002);
    lsp.diagnostics_until(&u001, |d| !codes(d).iter().any(|c| c == "unknown-meeting"));
    lsp.shutdown();
}

#[test]
fn moving_a_meeting_to_san_francisco_in_2023_makes_a_reference_of_another_report_ambiguous() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let p003 = corpus.path().join("003_1bc3eefbf81d6a5d.txt");
    let p002 = corpus.path().join("002_570dadb1797cfef4.txt");
    let t003 = std::fs::read_to_string(&p003).expect("003");
    let t002 = std::fs::read_to_string(&p002).expect("002");
    let u003 = lsp.open(&p003, &t003);
    let u002 = lsp.open(&p002, &t002);
    lsp.diagnostics_until(&u003, |_| true);
    let moved = t002.replacen("location: Great Hall of the People, Beijing", "location: San Francisco", 1).replacen(
        "date: 2014-02-14",
        "date: 2023-11-14",
        1,
    );
    replace_all(&mut lsp, &u002, 2, &moved);
    let diags = lsp.diagnostics_until(&u003, |d| codes(d).iter().any(|c| c == "ambiguous-meeting"));
    let d: &Value = diags.iter().find(|d| d["code"] == "ambiguous-meeting").expect("ambiguous");
    assert!(d["message"].as_str().unwrap_or_default().contains("xi-kerry-2014"), "{d}");
    lsp.shutdown();
}

#[test]
fn definition_as_the_first_request_waits_for_the_index() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let path = corpus.path().join("003_1bc3eefbf81d6a5d.txt");
    let text = std::fs::read_to_string(&path).expect("003");
    let u = lsp.open(&path, &text);
    let (line, character) = position_of(&text, "San Francisco in 2023");
    let result = lsp
        .request(
            "textDocument/definition",
            json!({ "textDocument": { "uri": u }, "position": { "line": line, "character": character + 2 } }),
        )
        .expect("definition");
    let target = uri(&corpus.path().join("004_bfd07e8ce2afdc7f.txt"));
    let uris: Vec<&str> = result.as_array().into_iter().flatten().filter_map(|l| l["uri"].as_str()).collect();
    assert_eq!(uris, [target.as_str()], "{result}");
    lsp.shutdown();
}
