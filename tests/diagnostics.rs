//! Diagnostics that depend on more than one file: corpus.toml, and reports that
//! share a meeting, open or not.

mod common;

use common::{Lsp, codes, seed_corpus, uri};
use serde_json::{Value, json};

fn has(code: &str) -> impl Fn(&[Value]) -> bool + '_ {
    move |d| codes(d).iter().any(|c| c == code)
}

fn lacks(code: &str) -> impl Fn(&[Value]) -> bool + '_ {
    move |d| !codes(d).iter().any(|c| c == code)
}

#[test]
fn corpus_toml_with_a_toml_error_is_reported_at_its_position_and_the_last_good_kb_stays() {
    let corpus = seed_corpus();
    let manifest = corpus.path().join("corpus.toml");
    let good = std::fs::read_to_string(&manifest).expect("corpus.toml");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let report = corpus.path().join("000_bd05f014e72710d3.txt");
    let report_uri = lsp.open(&report, &std::fs::read_to_string(&report).expect("seed"));
    lsp.diagnostics_until(&report_uri, |d| !d.is_empty());

    // An unterminated string in the first [[person]]'s name.
    let broken = good.replacen("name = \"Xi Jinping\"", "name = \"Xi Jinping", 1);
    let line = broken.lines().position(|l| l.starts_with("name = \"Xi Jinping")).expect("line") as u64;
    let manifest_uri = lsp.open(&manifest, &broken);
    let diags = lsp.diagnostics_until(&manifest_uri, has("toml-syntax"));
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["range"]["start"]["line"], json!(line));
    // The report is still checked against the last good knowledge base.
    let report_diags = lsp.diagnostics_until(&report_uri, |_| true);
    assert!(lacks("unknown-person")(&report_diags), "{report_diags:#?}");

    lsp.change(&manifest_uri, 2, json!([{ "text": good }]));
    assert_eq!(lsp.diagnostics_until(&manifest_uri, |d| d.is_empty()), Vec::<Value>::new());
    lsp.shutdown();
}

#[test]
fn corpus_toml_consistency_errors_point_at_their_entries() {
    let corpus = seed_corpus();
    let manifest = corpus.path().join("corpus.toml");
    let text = std::fs::read_to_string(&manifest)
        .expect("corpus.toml")
        .replace("from = 2013-02-01, to = 2017-01-20", "from = 2017-02-01, to = 2013-01-20")
        .replace("aliases = [\"Pelosi\"]", "aliases = [\"Pelosi\", \"Kerry\"]")
        .replace("id = \"bali\"", "id = \"lima\"")
        .replace(
            "participants = [\"xi-jinping\", \"joe-biden\"]\naliases = [\"virtual meeting\"]",
            "participants = [\"xi-jinping\", \"joe-bidden\"]\naliases = [\"virtual meeting\"]",
        );
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let manifest_uri = lsp.open(&manifest, &text);
    let diags = lsp.diagnostics_until(&manifest_uri, |d| d.len() >= 4);
    let mut got = codes(&diags);
    got.dedup();
    assert_eq!(got, ["alias-conflict", "duplicate-id", "role-dates", "unknown-reference"]);
    let role = diags.iter().find(|d| d["code"] == "role-dates").expect("role-dates");
    let role_line = text.lines().position(|l| l.contains("to = 2013-01-20")).expect("line") as u64;
    assert_eq!(role["range"]["start"]["line"], json!(role_line));
    lsp.shutdown();
}

#[test]
fn a_misspelt_corpus_toml_key_is_a_warning_with_a_quick_fix_and_the_reports_see_the_fixed_one() {
    let corpus = seed_corpus();
    let manifest = corpus.path().join("corpus.toml");
    let good = std::fs::read_to_string(&manifest).expect("corpus.toml");
    let typo = good.replacen("required = [", "requird = [", 1);
    assert_ne!(typo, good, "the seeds' corpus.toml lists required fields");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let manifest_uri = lsp.open(&manifest, &typo);
    let diags = lsp.diagnostics_until(&manifest_uri, has("unknown-key"));
    let unknown = diags.iter().find(|d| d["code"] == "unknown-key").expect("unknown-key").clone();
    assert_eq!(unknown["severity"], json!(2), "a warning");
    let line = typo.lines().position(|l| l.starts_with("requird")).expect("line") as u64;
    assert_eq!(unknown["range"]["start"], json!({ "line": line, "character": 0 }));
    assert!(unknown["message"].as_str().is_some_and(|m| m.contains("did you mean `required`?")), "{unknown:#?}");
    let actions = lsp
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": manifest_uri },
                "range": unknown["range"],
                "context": { "diagnostics": [unknown] }
            }),
        )
        .expect("actions");
    assert_eq!(actions[0]["title"], "Change to `required`");
    let edit = &actions[0]["edit"]["changes"][manifest_uri.as_str()][0];
    assert_eq!((edit["newText"].as_str(), &edit["range"]), (Some("required"), &unknown["range"]));

    // Applying it clears the warning.
    lsp.change(&manifest_uri, 2, json!([{ "range": unknown["range"], "text": "required" }]));
    assert_eq!(lsp.diagnostics_until(&manifest_uri, |d| d.is_empty()), Vec::<Value>::new());
    lsp.shutdown();
}

#[test]
fn reports_sharing_a_meeting_disagree_and_both_are_updated_when_one_changes() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let p002 = corpus.path().join("002_570dadb1797cfef4.txt");
    let p001 = corpus.path().join("001_590ab6f40908b9bc.txt");
    let u002 = lsp.open(&p002, &std::fs::read_to_string(&p002).expect("002"));
    lsp.diagnostics_until(&u002, |d| !d.is_empty());
    // 001 now claims 002's meeting, at another place.
    let t001 =
        std::fs::read_to_string(&p001).expect("001").replace("meeting: wang-kerry-2014", "meeting: xi-kerry-2014");
    let u001 = lsp.open(&p001, &t001);
    let in001 = lsp.diagnostics_until(&u001, has("meeting-location-conflict"));
    let message = in001.iter().find(|d| d["code"] == "meeting-location-conflict").expect("conflict")["message"].clone();
    assert!(message.as_str().unwrap_or_default().contains("002_570dadb1797cfef4.txt"), "{message}");
    lsp.diagnostics_until(&u002, has("meeting-location-conflict"));
    // Put 001 back on its own meeting: 002's conflict goes away without touching it.
    let line = t001.lines().position(|l| l.starts_with("meeting:")).expect("line") as u64;
    lsp.change(&u001, 2, json!([{ "range": { "start": { "line": line, "character": 9 }, "end": { "line": line, "character": 22 } }, "text": "wang-kerry-2014" }]));
    lsp.diagnostics_until(&u002, lacks("meeting-location-conflict"));
    lsp.shutdown();
}

#[test]
fn a_closed_report_on_disk_takes_part_in_the_meeting_check() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), true);
    let p002 = corpus.path().join("002_570dadb1797cfef4.txt");
    // 002 now says it reports 001's meeting, a day later; 001 stays closed.
    let text = std::fs::read_to_string(&p002)
        .expect("002")
        .replace("meeting: xi-kerry-2014", "meeting: wang-kerry-2014")
        .replace("date: 2014-02-14", "date: 2014-02-15");
    let u002 = lsp.open(&p002, &text);
    let diags = lsp.diagnostics_until(&u002, has("meeting-date-conflict"));
    let d = diags.iter().find(|d| d["code"] == "meeting-date-conflict").expect("conflict");
    assert!(d["message"].as_str().unwrap_or_default().contains("2014-02-14 in 001_590ab6f40908b9bc.txt"), "{d}");
    lsp.shutdown();
}

#[test]
fn a_report_changed_on_disk_is_re_read_through_file_watching() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_for(|m| m["method"] == "client/registerCapability");
    let p002 = corpus.path().join("002_570dadb1797cfef4.txt");
    let u002 = lsp.open(&p002, &std::fs::read_to_string(&p002).expect("002"));
    lsp.diagnostics_until(&u002, lacks("meeting-date-conflict"));
    // Indexing done: progress has ended.
    lsp.wait_indexed();
    let p001 = corpus.path().join("001_590ab6f40908b9bc.txt");
    let changed = std::fs::read_to_string(&p001)
        .expect("001")
        .replace("meeting: wang-kerry-2014", "meeting: xi-kerry-2014")
        .replace("date: 2014-02-14", "date: 2014-02-13");
    std::fs::write(&p001, changed).expect("write 001");
    lsp.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri(&p001), "type": 2 }] }));
    lsp.diagnostics_until(&u002, has("meeting-date-conflict"));
    std::fs::remove_file(&p001).expect("delete 001");
    lsp.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri(&p001), "type": 3 }] }));
    lsp.diagnostics_until(&u002, lacks("meeting-date-conflict"));
    lsp.shutdown();
}

#[test]
fn indexing_reports_progress_with_counts() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let begin = lsp.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin");
    assert_eq!(begin["params"]["value"]["title"], "Indexing corpora");
    let end = lsp.wait_indexed();
    assert_eq!(end["params"]["value"]["message"], "5 reports");
    lsp.shutdown();
}

#[test]
fn quick_fix_for_a_misspelt_key_is_a_workspace_edit() {
    let corpus = seed_corpus();
    let path = corpus.path().join("000_bd05f014e72710d3.txt");
    let text = std::fs::read_to_string(&path).expect("seed").replace("participants:", "partcipants:");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = lsp.open(&path, &text);
    let diags = lsp.diagnostics_until(&uri, has("unknown-key"));
    let unknown = diags.iter().find(|d| d["code"] == "unknown-key").expect("unknown-key").clone();
    let actions = lsp
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": unknown["range"],
                "context": { "diagnostics": [unknown] }
            }),
        )
        .expect("actions");
    assert_eq!(actions[0]["title"], "Change to `participants`");
    let edit = &actions[0]["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], "participants");
    assert_eq!(edit["range"], unknown["range"]);
    lsp.shutdown();
}

#[test]
fn a_meeting_the_text_refers_to_but_related_omits_gets_a_hint_and_a_fix() {
    let corpus = seed_corpus();
    let path = corpus.path().join("003_1bc3eefbf81d6a5d.txt");
    let text = std::fs::read_to_string(&path).expect("seed").replace("bali-2022, ", "");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let uri = lsp.open(&path, &text);
    let diags = lsp.diagnostics_until(&uri, has("missing-related"));
    let hints: Vec<&Value> = diags.iter().filter(|d| d["code"] == "missing-related").collect();
    assert_eq!(hints.len(), 1, "{hints:#?}");
    assert_eq!(hints[0]["message"], "the text refers to meeting `bali-2022`, which `related` does not list");
    assert_eq!(hints[0]["data"]["fixes"][0]["newText"], ", bali-2022");
    lsp.shutdown();
}

#[test]
fn the_timing_log_gives_each_published_versions_compute() {
    let corpus = seed_corpus();
    let (mut lsp, log) = Lsp::start_timed();
    lsp.initialize(corpus.path(), false);
    lsp.wait_indexed();
    let path = corpus.path().join("002_570dadb1797cfef4.txt");
    let uri = lsp.open(&path, &std::fs::read_to_string(&path).expect("seed"));
    let at = json!({ "line": 1, "character": 3 });
    lsp.change(&uri, 2, json!([{ "range": { "start": at, "end": at }, "text": "x" }]));
    lsp.diagnostics_until(&uri, |_| true);
    let wanted = format!("summit-ls timing: {uri} version 2 change ");
    let line = loop {
        let line = log.recv_timeout(common::TIMEOUT).expect("a timing line");
        if line.starts_with(&wanted) {
            break line;
        }
    };
    let words: Vec<&str> = line[wanted.len()..].split_whitespace().collect();
    assert!(
        matches!(words.as_slice(), [change, "us", "diagnostics", diagnostics, "us"]
        if change.parse::<u64>().is_ok_and(|c| c > 0) && diagnostics.parse::<u64>().is_ok()),
        "{line}"
    );
    lsp.shutdown();
}
