//! Requests are answered from snapshots, off the lock that changes take: a slow answer
//! holds up no keystroke, and answers what the corpus was when it was asked.

mod common;

use common::{Lsp, codes, seed_corpus};
use serde_json::json;

/// How long the test makes every `workspace/symbol` answer take.
const HOLD_MS: u64 = 4000;

#[test]
fn a_slow_answer_holds_up_no_keystroke_and_its_diagnostics() {
    let corpus = seed_corpus();
    let mut lsp = Lsp::start_with_env("SUMMIT_LS_TEST_HOLD", &format!("workspace/symbol:{HOLD_MS}"));
    lsp.initialize(corpus.path(), false);
    lsp.wait_indexed();
    let path = corpus.path().join("001_590ab6f40908b9bc.txt");
    let text = std::fs::read_to_string(&path).expect("001");
    let uri = lsp.open(&path, &text);
    lsp.diagnostics_until(&uri, |_| true);

    // The slow request goes first; the edit (a date that is no date) right after it.
    let slow = 1000;
    lsp.send(&json!({ "jsonrpc": "2.0", "id": slow, "method": "workspace/symbol", "params": { "query": "" } }));
    let broken = text.replacen("date: 2014-", "date: 2014x", 1);
    assert_ne!(broken, text, "001 has a date of 2014");
    lsp.change(&uri, 2, json!([{ "text": broken }]));
    let diagnostics = lsp.diagnostics_until(&uri, |d| !d.is_empty());
    assert!(codes(&diagnostics).iter().any(|c| c == "malformed-value"), "{diagnostics:#?}");
    let answered = lsp.backlog().iter().any(|m| m.get("id") == Some(&json!(slow)));
    assert!(!answered, "the edit's diagnostics came after the slow answer: they waited for it");

    // The slow answer still comes, whole.
    let response = lsp.wait_for(|m| m.get("id") == Some(&json!(slow)));
    let symbols = response["result"].as_array().map_or(0, Vec::len);
    assert!(symbols >= 5, "{response}");
    lsp.shutdown();
}
