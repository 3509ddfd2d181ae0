//! Code actions through the real binary: a missing field filled in from the text, a
//! [[person]] stub in corpus.toml, one link for every identical mention.

mod common;

use common::{Lsp, bin, seed_corpus, uri};
use serde_json::{Value, json};

fn actions_for(lsp: &mut Lsp, uri: &str, diagnostic: &Value) -> Vec<Value> {
    let result = lsp
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": diagnostic["range"], "context": { "diagnostics": [diagnostic] } }),
        )
        .expect("actions");
    result.as_array().cloned().unwrap_or_default()
}

#[test]
fn a_missing_date_is_added_with_the_datelines_value() {
    let corpus = seed_corpus();
    let path = corpus.path().join("000_bd05f014e72710d3.txt");
    let text = std::fs::read_to_string(&path).expect("seed").replace("date: 2014-11-12\n", "");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let uri = lsp.open(&path, &text);
    let diags = lsp.diagnostics_until(&uri, |d| d.iter().any(|x| x["code"] == "missing-field"));
    let missing = diags.iter().find(|x| x["code"] == "missing-field").expect("missing-field").clone();
    let actions = actions_for(&mut lsp, &uri, &missing);
    assert_eq!(actions[0]["title"], "Add `date: 2014-11-12`");
    let edit = &actions[0]["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], "date: 2014-11-12\n");
    let close = text.lines().skip(1).position(|l| l == "---").expect("closing fence") as u64 + 1;
    assert_eq!(edit["range"]["start"], json!({ "line": close, "character": 0 }));
    lsp.shutdown();
}

#[test]
fn an_unlisted_titled_name_gets_a_person_stub_in_corpus_toml_that_checks_clean() {
    let corpus = seed_corpus();
    let path = corpus.path().join("001_590ab6f40908b9bc.txt");
    let text = std::fs::read_to_string(&path).expect("seed").replace(
        "Both sides agreed to enhance policy dialogue",
        "Foreign Minister Qin Gang later agreed to enhance policy dialogue",
    );
    std::fs::write(&path, &text).expect("write");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let report = lsp.open(&path, &text);
    let diags = lsp.diagnostics_until(&report, |d| d.iter().any(|x| x["code"] == "unlisted-person"));
    let hint = diags.iter().find(|x| x["code"] == "unlisted-person").expect("hint").clone();
    let actions = actions_for(&mut lsp, &report, &hint);
    let stub =
        actions.iter().find(|a| a["title"] == "Add a [[person]] for Qin Gang to corpus.toml").expect("stub action");
    let manifest = corpus.path().join("corpus.toml");
    let edit = &stub["edit"]["changes"][uri(&manifest).as_str()][0];
    let inserted = edit["newText"].as_str().unwrap_or_default();
    assert!(
        inserted
            .contains("[[person]]\nid = \"qin-gang\"\nname = \"Qin Gang\"\naliases = [\"Foreign Minister Qin Gang\"]"),
        "{inserted}"
    );
    lsp.shutdown();
    let mut toml = std::fs::read_to_string(&manifest).expect("toml");
    toml.push_str(inserted);
    std::fs::write(&manifest, toml).expect("write toml");
    let out = std::process::Command::new(bin()).arg("check").arg(corpus.path()).output().expect("check");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{printed}");
    assert!(!printed.contains("unlisted-person"), "{printed}");
}

#[test]
fn a_link_can_be_given_to_every_identical_mention() {
    let corpus = seed_corpus();
    let path = corpus.path().join("002_570dadb1797cfef4.txt");
    let text =
        std::fs::read_to_string(&path).expect("seed").replace("Kerry forwards", "[Kerry](person:john-kerry) forwards");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let uri = lsp.open(&path, &text);
    lsp.diagnostics_until(&uri, |_| true);
    let line = text.lines().position(|l| l.starts_with("[Kerry]")).expect("line") as u32;
    let actions = lsp
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": line, "character": 2 }, "end": { "line": line, "character": 2 } }, "context": { "diagnostics": [] } }),
        )
        .expect("actions");
    let link =
        actions.as_array().expect("actions").iter().find(|a| a["kind"] == "refactor.rewrite").expect("link action");
    assert_eq!(link["title"], "Link the 5 other \"Kerry\" to person:john-kerry");
    let edits = link["edit"]["changes"][uri.as_str()].as_array().expect("edits");
    assert!(edits.iter().all(|e| e["newText"] == "[Kerry](person:john-kerry)"));
    lsp.shutdown();
}

#[test]
fn on_a_raw_reports_first_line_inserting_a_front_matter_comes_first_and_alone_is_preferred() {
    let corpus = common::raw_corpus();
    let path = corpus.path().join("001_590ab6f40908b9bc.txt");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = lsp.open(&path, &std::fs::read_to_string(&path).expect("raw"));
    // "Home > News" is both the missing front matter's line and scrape residue.
    let diags = lsp.diagnostics_until(&uri, |d| {
        d.iter().any(|x| x["code"] == "missing-front-matter") && d.iter().any(|x| x["code"] == "boilerplate")
    });
    let on_line_one: Vec<Value> = diags.into_iter().filter(|d| d["range"]["start"]["line"] == 0).collect();
    let result = lsp
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": on_line_one[0]["range"], "context": { "diagnostics": on_line_one } }),
        )
        .expect("actions");
    let actions = result.as_array().cloned().unwrap_or_default();
    assert_eq!(actions[0]["title"], "Insert a front matter inferred from the text", "{result}");
    let preferred: Vec<&Value> = actions.iter().filter(|a| a["isPreferred"] == true).map(|a| &a["title"]).collect();
    assert_eq!(preferred, [&json!("Insert a front matter inferred from the text")], "{result}");
    lsp.shutdown();
}

#[test]
fn a_report_without_a_meeting_fills_it_from_its_date_and_participants() {
    let corpus = seed_corpus();
    // The seeds' corpus.toml has a [[meeting]] bali-2022 of Xi and Biden on that day.
    let path = corpus.path().join("bali.txt");
    let text = "---\ntitle: Xi meets Biden in Bali\nmeeting:\ndate: 2022-11-14\nlocation: Bali, Indonesia\n\
                participants: [joe-biden, xi-jinping]\nsource: S\n---\nXi Jinping met Joe Biden.\n";
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let uri = lsp.open(&path, text);
    let diags = lsp.diagnostics_until(&uri, |d| d.iter().any(|x| x["code"] == "empty-field"));
    let empty = diags.iter().find(|x| x["code"] == "empty-field").expect("empty-field").clone();
    let actions = actions_for(&mut lsp, &uri, &empty);
    let fill = actions
        .iter()
        .find(|a| a["title"] == "Fill the meeting from date and participants: `bali-2022`")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edit = &fill["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], " bali-2022");
    let line = text.lines().position(|l| l == "meeting:").expect("meeting line") as u64;
    assert_eq!(edit["range"]["start"], json!({ "line": line, "character": 8 }));
    lsp.shutdown();
}
