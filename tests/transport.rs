//! The protocol's edges over stdio, against the real binary: malformed messages are
//! answered and the session goes on; a lost framing ends it with a reason and a
//! non-zero code; `exit` gives the code the specification asks for.

mod common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Lsp, TIMEOUT, bin, seed_corpus, uri};
use serde_json::{Value, json};

fn frame(content: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", content.len()).into_bytes();
    out.extend_from_slice(content);
    out
}

/// The server is alive: a hover on a report it does not know is answered with null.
fn assert_answers(lsp: &mut Lsp, corpus: &std::path::Path) {
    assert_eq!(lsp.hover(&uri(&corpus.join("nope.txt")), 0, 0), Value::Null);
}

#[test]
fn each_malformed_message_is_answered_and_the_next_request_served() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let deep = format!(r#"{{"jsonrpc":"2.0","id":50,"method":"x","params":{}{}}}"#, "[".repeat(5000), "]".repeat(5000));
    let cases: Vec<(Vec<u8>, i64, Value)> = vec![
        (frame(br#"{"jsonrpc":"2.0","id":40,"method":"#), -32700, Value::Null),
        (frame(b"\xff\xfe{}"), -32700, Value::Null),
        (frame(b""), -32700, Value::Null),
        (frame(deep.as_bytes()), -32700, Value::Null),
        (frame(br#"{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover","params":{}}"#), -32600, Value::Null),
        (frame(br#"{"jsonrpc":"2.0","id":{"n":1},"method":"textDocument/hover","params":{}}"#), -32600, Value::Null),
        (frame(br#"{"jsonrpc":"1.0","id":41,"method":"textDocument/hover","params":{}}"#), -32600, json!(41)),
        (frame(br#"{"id":"no-version","method":"textDocument/hover","params":{}}"#), -32600, json!("no-version")),
        // A batch holding `shutdown` must not shut the server down.
        (frame(br#"[{"jsonrpc":"2.0","id":42,"method":"shutdown"}]"#), -32600, Value::Null),
        (frame(br#"{"jsonrpc":"2.0","id":43,"method":7}"#), -32600, json!(43)),
        (frame(br#"{"jsonrpc":"2.0","id":44,"method":"shutdown","method":"exit"}"#), -32600, Value::Null),
        (frame(br#"{"jsonrpc":"2.0","id":45}"#), -32600, json!(45)),
    ];
    for (bytes, code, id) in cases {
        lsp.send_raw(&bytes);
        let answer = lsp.wait_for(|m| m.get("error").is_some() && m["id"] == id);
        assert_eq!(answer["error"]["code"], code, "{}: {answer}", String::from_utf8_lossy(&bytes));
        assert_answers(&mut lsp, corpus.path());
    }
    // Header names are case-insensitive, and other headers are ignored.
    let hover = json!({ "jsonrpc": "2.0", "id": 46, "method": "textDocument/hover",
        "params": { "textDocument": { "uri": uri(&corpus.path().join("nope.txt")) }, "position": { "line": 0, "character": 0 } } })
    .to_string();
    lsp.send_raw(
        format!(
            "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{hover}",
            hover.len()
        )
        .as_bytes(),
    );
    let answer = lsp.wait_for(|m| m["id"] == 46);
    assert_eq!(answer.get("result"), Some(&Value::Null), "{answer}");
    lsp.shutdown();
}

#[test]
fn a_request_for_a_dollar_method_is_answered_method_not_found() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let err = lsp.request("$/summit/nothing", json!({})).expect_err("MethodNotFound");
    assert_eq!(err["code"], -32601, "{err}");
    // The same method as a notification is ignored, as the specification allows.
    lsp.notify("$/summit/nothing", json!({}));
    assert_answers(&mut lsp, corpus.path());
    assert!(lsp.backlog().iter().all(|m| m.get("error").is_none()), "{:#?}", lsp.backlog());
    lsp.shutdown();
}

#[test]
fn exit_without_shutdown_ends_the_server_with_code_1() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.notify("exit", Value::Null);
    let status = lsp.wait_exit().expect("summit-ls still running after exit");
    assert_eq!(status.code(), Some(1), "{status}");
}

#[test]
fn exit_after_shutdown_ends_the_server_with_code_0() {
    let corpus = seed_corpus();
    let (lsp, _) = Lsp::initialized(corpus.path(), false);
    // `shutdown` asserts a successful exit.
    lsp.shutdown();
}

/// Runs the server on `input`, closing its input after it when `close` is set; its
/// exit code and what it wrote on stderr.
fn run(input: &[u8], close: bool) -> (Option<i32>, String) {
    let mut child = Command::new(bin())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start summit-ls");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write");
    stdin.flush().expect("flush");
    let _open = if close {
        drop(stdin);
        None
    } else {
        Some(stdin)
    };
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("summit-ls still running on {:?}", String::from_utf8_lossy(input));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read stderr");
    (status.code(), stderr)
}

#[test]
fn a_lost_framing_ends_the_server_with_code_2_and_says_why() {
    let cases: [(&[u8], bool, &str); 4] = [
        (b"Content-Length: many\r\n\r\n{}", false, "`many` is not a number of bytes"),
        (b"Content-Type: text/plain\r\n\r\n{}", false, "no Content-Length header"),
        (
            b"{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\"}\r\n",
            false,
            "not a `Name: value` header line",
        ),
        (b"Content-Length: 100\r\n\r\n{\"jsonrpc\"", true, "the input ended 10 bytes into a message of 100 bytes"),
    ];
    for (input, close, why) in cases {
        let (code, stderr) = run(input, close);
        assert_eq!(code, Some(2), "{:?}: {stderr}", String::from_utf8_lossy(input));
        assert!(stderr.contains(why), "{:?}: {stderr}", String::from_utf8_lossy(input));
    }
}

#[test]
fn the_end_of_input_between_messages_ends_the_server_with_code_0() {
    let note = br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#;
    let (code, stderr) = run(&frame(note), true);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_second_initialized_is_ignored_and_references_still_answer() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.notify("initialized", json!({}));
    let log = lsp.wait_for(|m| m["method"] == "window/logMessage");
    assert!(log["params"]["message"].as_str().unwrap_or_default().contains("second time"), "{log}");
    let path = corpus.path().join("000_bd05f014e72710d3.txt");
    let uri = lsp.open(&path, &std::fs::read_to_string(&path).expect("seed"));
    // On `barack-obama` in the front matter: it waits for indexing, which must end.
    let text = std::fs::read_to_string(&path).expect("seed");
    let line = text.lines().position(|l| l.starts_with("participants:")).expect("participants");
    let col = text.lines().nth(line).and_then(|l| l.find("barack-obama")).expect("obama");
    let found = lsp
        .request(
            "textDocument/references",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": col + 1 }, "context": { "includeDeclaration": false } }),
        )
        .expect("references");
    assert!(found.as_array().is_some_and(|a| a.len() > 1), "{found}");
    lsp.shutdown();
}
