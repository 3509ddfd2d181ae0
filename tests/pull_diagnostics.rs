//! Pull diagnostics (LSP 3.17) through the real binary: every report's problems, open
//! or closed, with result ids, and a refresh when the corpus changes on disk.

mod common;

use std::collections::HashMap;

use common::{Lsp, raw_corpus, uri};
use serde_json::{Value, json};

fn wait_refresh(lsp: &mut Lsp) {
    lsp.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
}

/// `workspace/diagnostic` with these previous result ids: the items by URI.
fn workspace(lsp: &mut Lsp, previous: &HashMap<String, String>) -> HashMap<String, Value> {
    let ids: Vec<Value> = previous.iter().map(|(u, v)| json!({ "uri": u, "value": v })).collect();
    let result = lsp.request("workspace/diagnostic", json!({ "previousResultIds": ids })).expect("workspace result");
    let items = result["items"].as_array().expect("items");
    items.iter().map(|i| (i["uri"].as_str().expect("uri").to_string(), i.clone())).collect()
}

fn codes(item: &Value) -> Vec<String> {
    common::codes(item["items"].as_array().map(Vec::as_slice).unwrap_or(&[]))
}

#[test]
fn a_pulling_client_sees_every_closed_report_and_unchanged_ones_come_back_unchanged() {
    let dir = raw_corpus();
    let (mut lsp, init) = Lsp::pulling(dir.path());
    let provider = &init["capabilities"]["diagnosticProvider"];
    assert_eq!(
        (provider["interFileDependencies"].as_bool(), provider["workspaceDiagnostics"].as_bool()),
        (Some(true), Some(true))
    );
    // Once the corpus is read, the closed reports are checked and the client told.
    wait_refresh(&mut lsp);
    let first = workspace(&mut lsp, &HashMap::new());
    let report = uri(&dir.path().join("003_1bc3eefbf81d6a5d.txt"));
    let item = first.get(&report).unwrap_or_else(|| panic!("no {report} in {first:#?}"));
    assert_eq!(item["kind"], "full");
    assert!(codes(item).contains(&"missing-front-matter".to_string()), "{item:#}");
    let reports = first.keys().filter(|u| u.ends_with(".txt")).count();
    assert_eq!(reports, 5, "{:?}", first.keys());
    // Asked again with the ids it got: nothing changed.
    let ids: HashMap<String, String> =
        first.iter().map(|(u, i)| (u.clone(), i["resultId"].as_str().expect("result id").to_string())).collect();
    let again = workspace(&mut lsp, &ids);
    assert!(again.values().all(|i| i["kind"] == "unchanged"), "{again:#?}");

    // A report given a front matter on disk: its missing-front-matter goes, the others
    // stay unchanged.
    let path = dir.path().join("003_1bc3eefbf81d6a5d.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("---\ntitle: Lima\n---\n{text}")).expect("write");
    lsp.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": report, "type": 2 }] }));
    wait_refresh(&mut lsp);
    let after = workspace(&mut lsp, &ids);
    assert_eq!(after[&report]["kind"], "full");
    assert!(!codes(&after[&report]).contains(&"missing-front-matter".to_string()), "{:#}", after[&report]);
    let other = uri(&dir.path().join("000_bd05f014e72710d3.txt"));
    assert_eq!(after[&other]["kind"], "unchanged");
    lsp.shutdown();
}

#[test]
fn an_open_report_is_pulled_from_its_buffer_and_never_pushed() {
    let dir = raw_corpus();
    let (mut lsp, _) = Lsp::pulling(dir.path());
    wait_refresh(&mut lsp);
    let path = dir.path().join("000_bd05f014e72710d3.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    let doc = lsp.open(&path, &format!("---\ntitle: Talks\n---\n{text}"));
    let pull = |lsp: &mut Lsp, previous: Option<&str>| {
        lsp.request("textDocument/diagnostic", json!({ "textDocument": { "uri": doc }, "previousResultId": previous }))
            .expect("document result")
    };
    let full = pull(&mut lsp, None);
    assert_eq!(full["kind"], "full");
    let found = codes(&full);
    assert!(!found.contains(&"missing-front-matter".to_string()), "from the buffer, not the file: {found:?}");
    assert!(found.contains(&"missing-field".to_string()), "{found:?}");
    let id = full["resultId"].as_str().expect("result id").to_string();
    assert_eq!(pull(&mut lsp, Some(&id))["kind"], "unchanged");
    // The workspace answer has the buffer's diagnostics too, with its version.
    let all = workspace(&mut lsp, &HashMap::new());
    assert_eq!(all[&doc]["resultId"].as_str(), Some(id.as_str()));
    assert_eq!(all[&doc]["version"], 1);
    // An edit asks the client to pull again; nothing is pushed.
    lsp.change(&doc, 2, json!([{ "text": text }]));
    wait_refresh(&mut lsp);
    assert_eq!(pull(&mut lsp, Some(&id))["kind"], "full");
    let pushed = lsp.backlog().iter().filter(|m| m["method"] == "textDocument/publishDiagnostics").count();
    assert_eq!(pushed, 0, "{:#?}", lsp.backlog());
    lsp.shutdown();
}

#[test]
fn a_client_without_pull_gets_pushed_diagnostics_and_no_provider() {
    let dir = raw_corpus();
    let (mut lsp, init) = Lsp::initialized(dir.path(), true);
    assert!(init["capabilities"].get("diagnosticProvider").is_none(), "{init:#}");
    let path = dir.path().join("000_bd05f014e72710d3.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    let doc = lsp.open(&path, &text);
    let pushed = lsp.diagnostics_until(&doc, |d| !d.is_empty());
    assert!(common::codes(&pushed).contains(&"missing-front-matter".to_string()));
    lsp.shutdown();
}

#[test]
fn the_closed_reports_of_every_corpus_of_the_workspace_are_listed() {
    // Two corpora side by side, each read on its own: the check of one must not give
    // way to the other's.
    let dir = tempfile::tempdir().expect("temp");
    common::copy_dir(&common::repo().join("seeds"), &dir.path().join("seeds"));
    let raw = raw_corpus();
    common::copy_dir(raw.path(), &dir.path().join("raw"));
    let (mut lsp, _) = Lsp::pulling(dir.path());
    let seed = dir.path().join("seeds/002_570dadb1797cfef4.txt");
    // A report opened early finds its corpus and reads it a second time.
    lsp.open(&seed, &std::fs::read_to_string(&seed).expect("read"));
    let raw_report = uri(&dir.path().join("raw/004_bfd07e8ce2afdc7f.txt"));
    let seed_report = uri(&dir.path().join("seeds/000_bd05f014e72710d3.txt"));
    let mut listed = HashMap::new();
    for _ in 0..100 {
        listed = workspace(&mut lsp, &HashMap::new());
        if listed.contains_key(&raw_report) && listed.contains_key(&seed_report) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(codes(&listed[&raw_report]).contains(&"missing-front-matter".to_string()), "{listed:#?}");
    assert!(codes(&listed[&seed_report]).contains(&"boilerplate".to_string()), "{listed:#?}");
    lsp.shutdown();
}
