//! Input that must not crash the server: each test ends with the server answering a
//! further request.

mod common;

use common::{Lsp, codes, seed_corpus, uri};
use serde_json::{Value, json};

/// The server is alive: it answers a hover on a front-matter key with its meaning.
fn assert_alive(lsp: &mut Lsp, uri: &str) {
    let hover = lsp.hover(uri, 1, 2);
    assert!(hover["contents"]["value"].as_str().unwrap_or_default().contains("`title`"), "{hover}");
}

fn open_seed(lsp: &mut Lsp, corpus: &std::path::Path) -> String {
    let path = corpus.join("000_bd05f014e72710d3.txt");
    let uri = lsp.open(&path, &std::fs::read_to_string(&path).expect("seed"));
    lsp.diagnostics_until(&uri, |d| !d.is_empty());
    uri
}

#[test]
fn invalid_utf8_on_disk_is_indexed_without_a_crash() {
    let corpus = seed_corpus();
    std::fs::write(
        corpus.path().join("bad.txt"),
        b"---\ntitle: \xff\xfe\nmeeting: beijing-2014\ndate: 2014-11-13\n---\n",
    )
    .expect("write");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = open_seed(&mut lsp, corpus.path());
    lsp.wait_indexed();
    // The bad file's claim was read: 000 now disagrees with it on the date.
    lsp.diagnostics_until(&uri, |d| codes(d).iter().any(|c| c == "meeting-date-conflict"));
    assert_alive(&mut lsp, &uri);
    lsp.shutdown();
}

#[test]
fn a_20_megabyte_report_is_served() {
    let corpus = seed_corpus();
    let seed = std::fs::read_to_string(corpus.path().join("003_1bc3eefbf81d6a5d.txt")).expect("seed");
    let body = seed.split_once("\n---\n").map(|(_, b)| b).unwrap_or_default();
    let mut huge = seed.clone();
    while huge.len() < 20 * 1024 * 1024 {
        huge.push('\n');
        huge.push_str(body);
    }
    let lines = huge.lines().count() as u32;
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let path = corpus.path().join("huge.txt");
    let uri = lsp.open(&path, &huge);
    lsp.diagnostics_until(&uri, |d| !d.is_empty());
    lsp.change(&uri, 2, json!([{ "range": { "start": { "line": lines, "character": 0 }, "end": { "line": lines, "character": 0 } }, "text": "\nShare:\n" }]));
    let diags = lsp.diagnostics_until(&uri, |d| {
        d.iter().any(|x| x["range"]["start"]["line"].as_u64() > Some(u64::from(lines) - 5))
    });
    // Too large to scan for mentions, and said so; the metadata is still checked.
    assert_eq!(codes(&diags).iter().filter(|c| *c != "boilerplate").collect::<Vec<_>>(), ["not-scanned"]);
    assert_alive(&mut lsp, &uri);
    lsp.shutdown();
}

#[test]
fn positions_past_the_end_are_clamped() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = open_seed(&mut lsp, corpus.path());
    assert_eq!(lsp.hover(&uri, 100_000, 100_000), Value::Null);
    assert_eq!(lsp.hover(&uri, 1, 100_000), Value::Null, "past the end of `title: …`: no key there");
    // An edit far past the end appends at the end.
    lsp.change(&uri, 2, json!([{ "range": { "start": { "line": 9999, "character": 5 }, "end": { "line": 99999, "character": 0 } }, "text": "\nLike Us on Facebook" }]));
    let diags = lsp
        .diagnostics_until(&uri, |d| d.iter().any(|x| x["message"].as_str().is_some_and(|m| m.contains("Facebook"))));
    assert!(!diags.is_empty());
    assert_alive(&mut lsp, &uri);
    lsp.shutdown();
}

#[test]
fn a_change_to_a_file_never_opened_is_logged_and_ignored() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let ghost = uri(&corpus.path().join("ghost.txt"));
    lsp.change(&ghost, 2, json!([{ "text": "boo" }]));
    let log = lsp.wait_for(|m| m["method"] == "window/logMessage");
    assert!(log["params"]["message"].as_str().unwrap_or_default().contains("not open"), "{log}");
    let uri = open_seed(&mut lsp, corpus.path());
    assert_alive(&mut lsp, &uri);
    lsp.shutdown();
}

#[test]
fn a_version_going_backwards_resyncs_from_disk_and_says_so() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = open_seed(&mut lsp, corpus.path());
    lsp.change(&uri, 5, json!([{ "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 5 } }, "text": "titel" }]));
    lsp.diagnostics_until(&uri, |d| codes(d).iter().any(|c| c == "unknown-key"));
    // Version 3 after 5: the server cannot know what text this change was made on.
    lsp.change(&uri, 3, json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "x" }]));
    let shown = lsp.wait_for(|m| m["method"] == "window/showMessage");
    assert!(shown["params"]["message"].as_str().unwrap_or_default().contains("lost sync"), "{shown}");
    // The disk has `title:`, so the unknown key is gone after the resync.
    lsp.diagnostics_until(&uri, |d| !codes(d).iter().any(|c| c == "unknown-key") && !d.is_empty());
    assert_alive(&mut lsp, &uri);
    lsp.shutdown();
}

#[test]
fn requests_for_unknown_documents_and_garbage_params_get_answers() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    assert_eq!(lsp.hover(&uri(&corpus.path().join("nope.txt")), 0, 0), Value::Null);
    let err = lsp.request("textDocument/hover", json!({ "textDocument": 3 })).expect_err("invalid params");
    assert_eq!(err["code"], -32602);
    let uri = open_seed(&mut lsp, corpus.path());
    assert_alive(&mut lsp, &uri);
    lsp.shutdown();
}

#[test]
fn exit_ends_the_server_even_when_the_client_never_answers_its_requests() {
    let corpus = seed_corpus();
    let mut lsp = Lsp::start();
    let caps = json!({ "window": { "workDoneProgress": true }, "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    lsp.request("initialize", json!({ "processId": null, "rootUri": uri(corpus.path()), "capabilities": caps }))
        .expect("init");
    // From here on the client reads nothing: registerCapability and progress/create
    // stay unanswered.
    lsp.notify("initialized", json!({}));
    lsp.send(&json!({ "jsonrpc": "2.0", "id": 99, "method": "shutdown" }));
    lsp.notify("exit", Value::Null);
    let status = lsp.wait_exit().expect("summit-ls still running after exit");
    assert!(status.success(), "{status}");
}

#[test]
#[cfg(unix)]
fn a_fifo_named_like_a_report_is_unreadable_not_a_stall() {
    let corpus = seed_corpus();
    let fifo = corpus.path().join("x.txt");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(status.success());
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    // Opened, then closed: the server goes back to the file, which it must not wait on.
    let fifo_uri = lsp.open(&fifo, "---\ntitle: x\n---\n");
    lsp.notify("textDocument/didClose", json!({ "textDocument": { "uri": fifo_uri } }));
    let uri = open_seed(&mut lsp, corpus.path());
    assert_alive(&mut lsp, &uri);
    lsp.shutdown();
    // The batch check says what the file is instead of waiting for a writer.
    let out = std::process::Command::new(common::bin()).arg("check").arg(&fifo).output().expect("check");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("unreadable-file") && text.contains("not a regular file"), "{text}");
}

#[test]
fn a_whole_text_change_with_a_stale_version_is_applied_without_a_resync() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = open_seed(&mut lsp, corpus.path());
    lsp.change(&uri, 1, json!([{ "text": "---\ntitel: x\n---\nbody\n" }]));
    lsp.diagnostics_until(&uri, |d| codes(d).iter().any(|c| c == "unknown-key"));
    assert!(!lsp.backlog().iter().any(|m| m["method"] == "window/showMessage"), "no resync for a whole text");
    lsp.shutdown();
}

#[test]
fn a_stale_change_to_a_file_never_saved_keeps_its_text() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let path = corpus.path().join("new.txt");
    let new = lsp.open(&path, "---\ntitel: x\n---\n");
    lsp.diagnostics_until(&new, |d| codes(d).iter().any(|c| c == "unknown-key"));
    lsp.change(&new, 0, json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "x" }]));
    let shown = lsp.wait_for(|m| m["method"] == "window/showMessage");
    assert!(shown["params"]["message"].as_str().unwrap_or_default().contains("kept its text"), "{shown}");
    // Still the buffer's text, not an empty one: the unknown key is still there.
    let diagnostics = lsp.diagnostics_until(&new, |_| true);
    assert!(codes(&diagnostics).iter().any(|c| c == "unknown-key"), "{diagnostics:?}");
    lsp.shutdown();
}

#[test]
fn a_buffer_that_is_no_file_is_edited_without_a_word() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let untitled = "untitled:Untitled-1";
    lsp.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": untitled, "languageId": "summit", "version": 1, "text": "---\n" } }),
    );
    lsp.change(untitled, 2, json!([{ "text": "---\ntitle: x\n" }]));
    let uri = open_seed(&mut lsp, corpus.path());
    assert_alive(&mut lsp, &uri);
    let complaints = lsp.backlog().iter().filter(|m| m["method"] == "window/logMessage").count();
    assert_eq!(complaints, 0, "{:?}", lsp.backlog());
    lsp.shutdown();
}

#[test]
fn a_report_whose_file_name_is_not_utf8_is_located_at_its_own_file() {
    use std::os::unix::ffi::OsStrExt;
    let corpus = seed_corpus();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    let text = "---\ntitle: Latin-one named readout\nmeeting: latin-one-2014\ndate: 2014-11-13\n---\nA readout.\n";
    std::fs::write(corpus.path().join(name), text).expect("write");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let symbols = lsp.request("workspace/symbol", json!({ "query": "Latin-one named" })).expect("symbols");
    let uris: Vec<&str> =
        symbols.as_array().into_iter().flatten().filter_map(|s| s["location"]["uri"].as_str()).collect();
    let expected = format!("{}/caf%E9.txt", uri(corpus.path()));
    assert!(uris.contains(&expected.as_str()), "{expected} not in {uris:?}");
    lsp.shutdown();
}
