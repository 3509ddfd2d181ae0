//! `summit-ls.overview` (`workspace/executeCommand`) through the real binary: the page
//! `summit-ls overview` writes, from the server's state; an error for what names no
//! corpus, and the server answers on.

mod common;

use std::process::Command;

use common::{Lsp, bin, seed_corpus, uri};
use serde_json::{Value, json};

fn overview(lsp: &mut Lsp, arguments: Value) -> Result<Value, Value> {
    lsp.request("workspace/executeCommand", json!({ "command": "summit-ls.overview", "arguments": arguments }))
}

#[test]
fn the_overview_command_is_advertised() {
    let dir = seed_corpus();
    let (lsp, init) = Lsp::initialized(dir.path(), true);
    assert_eq!(init["capabilities"]["executeCommandProvider"]["commands"], json!(["summit-ls.overview"]));
    lsp.shutdown();
}

#[test]
fn the_overview_of_the_seeds_is_the_page_the_cli_writes() {
    let dir = seed_corpus();
    let (mut lsp, _) = Lsp::pulling(dir.path());
    // The closed reports have been checked once the client is asked to pull.
    lsp.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
    let report = dir.path().join("004_bfd07e8ce2afdc7f.txt");
    let html = overview(&mut lsp, json!([uri(&report)])).expect("the page");
    let html = html.as_str().expect("HTML text");
    for meeting in ["beijing-2014 —", "sunnylands-2013 —", "virtual-2021 —", "bali-2022 —", "lima-2024 —"] {
        assert!(html.contains(meeting), "{meeting}");
    }
    assert!(html.contains("report(s) of lima-2024 refer to bali-2022"), "an arc from Lima to Bali");
    // Each mark says which report it opens, for a webview to post back.
    let mark = format!("data-uri=\"{}\" data-line=\"3\"", uri(&report));
    assert!(html.contains(&mark), "{mark}");

    let out = tempfile::tempdir().expect("temp dir");
    let written = out.path().join("overview.html");
    let status = Command::new(bin()).arg("overview").arg(dir.path()).arg("-o").arg(&written).status().expect("run");
    assert!(status.success());
    let cli = std::fs::read_to_string(&written).expect("the CLI's page");
    assert_eq!(html, cli, "the same page as the CLI's");

    // Asked for a folder, the same page.
    let folder = overview(&mut lsp, json!([uri(dir.path())])).expect("the page of the folder");
    assert_eq!(folder.as_str(), Some(html));
    lsp.shutdown();
}

#[test]
fn a_client_that_asked_for_the_page_is_told_when_the_corpus_changes_on_disk() {
    let dir = seed_corpus();
    let (mut lsp, _) = Lsp::pulling(dir.path());
    lsp.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
    overview(&mut lsp, json!([uri(dir.path())])).expect("the page");
    let report = dir.path().join("002_570dadb1797cfef4.txt");
    let text = std::fs::read_to_string(&report).expect("read");
    // Without its title, a required field: an error.
    std::fs::write(&report, text.replacen("title: ", "titel: ", 1)).expect("write");
    lsp.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri(&report), "type": 2 }] }));
    let told = lsp.wait_for(|m| m["method"] == "summit-ls/corpusChanged");
    assert_eq!(told["params"]["uri"], uri(dir.path()));
    let html = overview(&mut lsp, json!([uri(dir.path())])).expect("the page again");
    let all = "<td>all</td><td class=\"n\">5</td><td class=\"n\">0</td><td class=\"n\">1</td>";
    assert!(html.as_str().is_some_and(|h| h.contains(all)), "a report with an error now");
    lsp.shutdown();
}

#[test]
fn a_client_that_does_not_pull_gets_the_page_with_closed_reports_unchecked() {
    let dir = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(dir.path(), false);
    lsp.wait_indexed();
    let html = overview(&mut lsp, json!([uri(dir.path())])).expect("the page");
    let html = html.as_str().expect("HTML text");
    for meeting in ["sunnylands-2013 —", "virtual-2021 —", "bali-2022 —", "lima-2024 —"] {
        assert!(html.contains(meeting), "{meeting}");
    }
    assert!(html.contains("not checked yet") && html.contains("<th>unchecked</th>"), "said, not guessed");
    lsp.shutdown();
}

#[test]
fn what_names_no_corpus_is_an_error_and_the_server_answers_on() {
    let dir = seed_corpus();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let (mut lsp, _) = Lsp::initialized(dir.path(), false);
    let invalid_params = |answer: Result<Value, Value>| {
        let error = answer.expect_err("an error");
        assert_eq!(error["code"], -32602, "{error}");
        error["message"].as_str().unwrap_or_default().to_string()
    };
    let message = invalid_params(overview(&mut lsp, json!([uri(elsewhere.path())])));
    assert!(message.contains("in no corpus"), "{message}");
    invalid_params(overview(&mut lsp, json!([uri(&elsewhere.path().join("no such report.txt"))])));
    invalid_params(overview(&mut lsp, json!([])));
    invalid_params(overview(&mut lsp, json!([42])));
    invalid_params(overview(&mut lsp, json!(["untitled:Untitled-1"])));
    invalid_params(overview(&mut lsp, json!(["not a uri at all"])));
    invalid_params(lsp.request("workspace/executeCommand", json!({ "command": "summit-ls.nothing", "arguments": [] })));
    let page = overview(&mut lsp, json!([uri(dir.path())])).expect("still answers");
    assert!(page.as_str().is_some_and(|h| h.contains("lima-2024")));
    lsp.shutdown();
}
