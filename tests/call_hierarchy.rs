//! The call hierarchy of meetings through the real binary: a meeting's incoming calls
//! are the meetings whose reports refer to it, its outgoing calls those its reports
//! refer to.

mod common;

use std::path::Path;

use common::{Lsp, seed_corpus, uri};
use serde_json::{Value, json};

fn position_of(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).expect("needle in text");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (text[..at].matches('\n').count() as u32, text[line_start..at].encode_utf16().count() as u32 + 2)
}

/// The items prepared at `needle` in `name`, opened.
fn prepare(lsp: &mut Lsp, corpus: &Path, name: &str, needle: &str) -> Vec<Value> {
    let path = corpus.join(name);
    let text = std::fs::read_to_string(&path).expect("file");
    let uri = lsp.open(&path, &text);
    let (line, character) = position_of(&text, needle);
    let items = lsp
        .request(
            "textDocument/prepareCallHierarchy",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
        .expect("prepareCallHierarchy");
    items.as_array().cloned().unwrap_or_default()
}

/// (meeting, file, the text at each range) of each call.
fn calls(lsp: &mut Lsp, method: &str, item: &Value) -> Vec<(String, String, Vec<String>)> {
    let calls = lsp.request(method, json!({ "item": item })).expect("calls");
    let side = if method.ends_with("incomingCalls") { "from" } else { "to" };
    calls
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|call| {
            let other = &call[side];
            let file = other["uri"].as_str().and_then(|u| u.rsplit('/').next()).unwrap_or_default().to_string();
            // The ranges are in the caller's file: the `from` item's, or the item asked about.
            let in_file = if side == "from" { other["uri"].as_str() } else { item["uri"].as_str() };
            let text = in_file
                .and_then(|u| u.strip_prefix("file://"))
                .and_then(|p| std::fs::read_to_string(p).ok())
                .unwrap_or_default();
            let said = call["fromRanges"].as_array().into_iter().flatten().map(|r| text_at(&text, r)).collect();
            (other["name"].as_str().unwrap_or_default().to_string(), file, said)
        })
        .collect()
}

/// The text of an LSP range (UTF-16 columns) on one line.
fn text_at(text: &str, range: &Value) -> String {
    let line = range["start"]["line"].as_u64().unwrap_or(0) as usize;
    let (from, to) =
        (range["start"]["character"].as_u64().unwrap_or(0), range["end"]["character"].as_u64().unwrap_or(0));
    let l = text.lines().nth(line).unwrap_or_default();
    let units: Vec<u16> = l.encode_utf16().collect();
    String::from_utf16_lossy(units.get(from as usize..to as usize).unwrap_or_default())
}

#[test]
fn sunnylands_2013_is_called_by_beijing_2014_and_the_kerry_talks() {
    let corpus = seed_corpus();
    let (mut lsp, init) = Lsp::initialized(corpus.path(), false);
    assert_eq!(init["capabilities"]["callHierarchyProvider"], true);
    lsp.wait_indexed();
    // From the entry in corpus.toml: no report claims it, so the item stands there.
    let items = prepare(&mut lsp, corpus.path(), "corpus.toml", "sunnylands-2013");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "sunnylands-2013");
    assert_eq!(items[0]["uri"], uri(&corpus.path().join("corpus.toml")));
    let incoming = calls(&mut lsp, "callHierarchy/incomingCalls", &items[0]);
    let callers: Vec<(&str, &str)> = incoming.iter().map(|(m, f, _)| (m.as_str(), f.as_str())).collect();
    assert_eq!(
        callers,
        [("beijing-2014", "000_bd05f014e72710d3.txt"), ("wang-kerry-2014", "001_590ab6f40908b9bc.txt")]
    );
    let beijing = &incoming[0].2;
    assert_eq!(beijing.first().map(String::as_str), Some("sunnylands-2013"), "the related id: {beijing:?}");
    assert!(beijing.iter().any(|s| s == "Annenberg Estate meeting"), "a reference in the text: {beijing:?}");
    assert!(calls(&mut lsp, "callHierarchy/outgoingCalls", &items[0]).is_empty());
    lsp.shutdown();
}

#[test]
fn lima_2024_calls_the_2021_virtual_meeting_bali_and_san_francisco() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let items = prepare(&mut lsp, corpus.path(), "003_1bc3eefbf81d6a5d.txt", "meeting: lima-2024");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "lima-2024");
    assert_eq!(items[0]["kind"], 24, "an event");
    let outgoing = calls(&mut lsp, "callHierarchy/outgoingCalls", &items[0]);
    let callees: Vec<&str> = outgoing.iter().map(|(m, _, _)| m.as_str()).collect();
    assert_eq!(callees, ["bali-2022", "san-francisco-2023", "virtual-2021"]);
    // Each from the `related` list and from the text of 003.
    for (meeting, _, said) in &outgoing {
        assert!(said.contains(meeting), "{meeting}: {said:?}");
        assert!(said.len() >= 2, "also named in the text: {meeting}: {said:?}");
    }
    // San Francisco 2023 has a report: its item stands at that report's meeting line.
    assert_eq!(outgoing[1].1, "004_bfd07e8ce2afdc7f.txt");
    assert!(calls(&mut lsp, "callHierarchy/incomingCalls", &items[0]).is_empty());

    // Read the other way, from a reference in the body of 003.
    let items = prepare(&mut lsp, corpus.path(), "003_1bc3eefbf81d6a5d.txt", "Bali meeting");
    assert_eq!(items.first().map(|i| i["name"].clone()), Some(json!("bali-2022")));
    let incoming = calls(&mut lsp, "callHierarchy/incomingCalls", &items[0]);
    assert_eq!(
        incoming.iter().map(|(m, f, _)| (m.as_str(), f.as_str())).collect::<Vec<_>>(),
        [("lima-2024", "003_1bc3eefbf81d6a5d.txt")]
    );
    lsp.shutdown();
}

#[test]
fn a_related_id_prepares_its_meeting_and_nothing_else_prepares_anything() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let items = prepare(&mut lsp, corpus.path(), "001_590ab6f40908b9bc.txt", "xi-kerry-2014]");
    assert_eq!(
        items.first().map(|i| i["uri"].clone()),
        Some(json!(uri(&corpus.path().join("002_570dadb1797cfef4.txt"))))
    );
    let incoming = calls(&mut lsp, "callHierarchy/incomingCalls", &items[0]);
    assert_eq!(incoming.iter().map(|(m, _, _)| m.as_str()).collect::<Vec<_>>(), ["wang-kerry-2014"]);
    // A person, a title, and an item of no corpus.
    assert!(prepare(&mut lsp, corpus.path(), "001_590ab6f40908b9bc.txt", "john-kerry]").is_empty());
    assert!(prepare(&mut lsp, corpus.path(), "001_590ab6f40908b9bc.txt", "title:").is_empty());
    let stray = json!({ "name": "../x", "kind": 24, "uri": "file:///nowhere/a.txt",
                        "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                        "selectionRange": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } } });
    assert_eq!(lsp.request("callHierarchy/incomingCalls", json!({ "item": stray })), Ok(Value::Null));
    lsp.shutdown();
}
