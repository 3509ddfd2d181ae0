//! Requests while the corpus is being indexed: those that need the whole corpus wait
//! for it, the others are answered at once.

mod common;

use common::{Lsp, seed_corpus};
use serde_json::{Value, json};

/// Copies of 001 (Kerry's id in `participants` and five body mentions each).
const COPIES: usize = 400;

#[test]
fn references_during_indexing_are_complete_and_do_not_hold_up_other_requests() {
    let corpus = seed_corpus();
    let copy = std::fs::read_to_string(corpus.path().join("001_590ab6f40908b9bc.txt")).expect("001");
    for i in 0..COPIES {
        std::fs::write(corpus.path().join(format!("copy-{i:04}.txt")), &copy).expect("write a copy");
    }
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let path = corpus.path().join("002_570dadb1797cfef4.txt");
    let text = std::fs::read_to_string(&path).expect("002");
    let uri = lsp.open(&path, &text);
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("Kerry forwards").map(|c| (i, l[..c].encode_utf16().count() + 2)))
        .expect("Kerry in 002");
    let position = json!({ "line": line, "character": col });

    // More requests that wait than the server handles at once by default (four).
    let ids: Vec<i64> = (9000..9006).collect();
    for id in &ids {
        lsp.send(&json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/references", "params": {
            "textDocument": { "uri": uri }, "position": position, "context": { "includeDeclaration": false } } }));
    }
    let hover = lsp.hover(&uri, line as u32, col as u32);
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.contains("Kerry"), "{hover}");
    let ended = |m: &Value| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end";
    assert!(!lsp.backlog().iter().any(ended), "the hover should be answered while the corpus is being indexed");
    // Its counts say they are partial (unless the last batch landed in between).
    assert!(
        value.contains("In the corpus so far (still reading the corpus)")
            || value.contains("In the corpus: 2011 mentions in 402 reports"),
        "{value}"
    );

    // 002 (its id and six mentions), 001 and every copy of it (the id and five mentions).
    let complete = 7 + 6 * (COPIES + 1);
    for id in ids {
        let response = lsp.wait_for(|m| m["id"] == json!(id) && m.get("method").is_none());
        let found = response["result"].as_array().map_or(0, Vec::len);
        assert_eq!(found, complete, "references request {id}");
    }
    lsp.shutdown();
}
