//! Code lenses through the real binary: counts above corpus.toml's entries and on a
//! report's `meeting:` line, and the references a click shows.

mod common;

use std::path::Path;

use common::{Lsp, seed_corpus, uri};
use serde_json::{Value, json};

/// The lenses of a file, opened, each resolved: (line, title, the files its
/// references are in).
fn lenses(lsp: &mut Lsp, path: &Path) -> Vec<(u64, String, Vec<String>)> {
    let text = std::fs::read_to_string(path).expect("file");
    let uri = lsp.open(path, &text);
    let bare = lsp.request("textDocument/codeLens", json!({ "textDocument": { "uri": uri } })).expect("codeLens");
    let mut out = Vec::new();
    for lens in bare.as_array().cloned().unwrap_or_default() {
        assert!(lens.get("command").is_none_or(Value::is_null), "sent bare, resolved when shown: {lens}");
        let lens = lsp.request("codeLens/resolve", lens).expect("codeLens/resolve");
        let command = &lens["command"];
        assert_eq!(command["command"], "summit-ls.showReferences");
        let args = command["arguments"].as_array().cloned().unwrap_or_default();
        assert_eq!(args.first(), Some(&json!(uri)), "the document first");
        assert_eq!(args.get(1), Some(&lens["range"]["start"]), "then where the lens is");
        let mut files: Vec<String> = args
            .get(2)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|l| l["uri"].as_str().and_then(|u| u.rsplit('/').next()).map(str::to_string))
            .collect();
        files.dedup();
        out.push((
            lens["range"]["start"]["line"].as_u64().unwrap_or(u64::MAX),
            command["title"].as_str().unwrap_or_default().to_string(),
            files,
        ));
    }
    out
}

fn line_of(path: &Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(path).expect("file");
    text.lines().position(|l| l.contains(needle)).expect("line") as u64
}

#[test]
fn each_entry_of_corpus_toml_has_a_lens_above_it_with_its_counts() {
    let corpus = seed_corpus();
    let (mut lsp, init) = Lsp::initialized(corpus.path(), false);
    assert_eq!(init["capabilities"]["codeLensProvider"]["resolveProvider"], true);
    lsp.wait_indexed();
    let manifest = corpus.path().join("corpus.toml");
    let text = std::fs::read_to_string(&manifest).expect("corpus.toml");
    let got = lenses(&mut lsp, &manifest);
    let headers: Vec<u64> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "[[person]]" || *l == "[[meeting]]")
        .map(|(i, _)| i as u64)
        .collect();
    assert_eq!(got.iter().map(|l| l.0).collect::<Vec<_>>(), headers, "one lens on each entry's first line");

    let at = |id: &str| {
        let line = line_of(&manifest, &format!("id = \"{id}\"")) - 1;
        got.iter().find(|l| l.0 == line).cloned().expect("a lens above the entry")
    };
    let (_, title, files) = at("john-kerry");
    assert!(title.starts_with("2 reports · ") && title.ends_with(" · 2 meetings taken part in"), "{title}");
    assert_eq!(files, ["001_590ab6f40908b9bc.txt", "002_570dadb1797cfef4.txt"]);
    let (_, title, files) = at("sunnylands-2013");
    assert!(title.ends_with("mentions · referred to by 2 meetings"), "{title}");
    assert!(!title.contains("report"), "no report claims it: {title}");
    assert_eq!(files, ["000_bd05f014e72710d3.txt", "001_590ab6f40908b9bc.txt"]);
    let (_, title, files) = at("bali-2022");
    assert!(title.ends_with(" · referred to by 1 meeting"), "{title}");
    assert_eq!(files, ["003_1bc3eefbf81d6a5d.txt"]);
    lsp.shutdown();
}

#[test]
fn a_report_s_meeting_line_has_a_lens_with_its_meeting_s_counts() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let report = corpus.path().join("004_bfd07e8ce2afdc7f.txt");
    let got = lenses(&mut lsp, &report);
    assert_eq!(got.len(), 1, "{got:?}");
    let (line, title, files) = &got[0];
    assert_eq!(*line, line_of(&report, "meeting: san-francisco-2023"));
    assert!(title.starts_with("1 report · ") && title.ends_with(" · referred to by 1 meeting"), "{title}");
    assert!(!title.contains("so far"), "{title}");
    // 003 (Lima 2024) lists it in `related`; 004's own `meeting:` line is a reference too.
    assert!(files.contains(&"003_1bc3eefbf81d6a5d.txt".to_string()), "{files:?}");
    assert!(files.contains(&"004_bfd07e8ce2afdc7f.txt".to_string()), "{files:?}");
    lsp.shutdown();
}

#[test]
fn lenses_of_a_corpus_toml_that_does_not_parse_and_of_a_malformed_meeting_id_are_none() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let manifest = corpus.path().join("corpus.toml");
    let text = std::fs::read_to_string(&manifest).expect("corpus.toml");
    let broken = text.replacen("[[meeting]]", "[[meeting]\nid = = \"", 1);
    let manifest_uri = uri(&manifest);
    lsp.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": manifest_uri, "languageId": "toml", "version": 1, "text": broken } }),
    );
    let got = lsp.request("textDocument/codeLens", json!({ "textDocument": { "uri": manifest_uri } }));
    assert_eq!(got, Ok(json!([])));

    let report = corpus.path().join("003_1bc3eefbf81d6a5d.txt");
    let text = std::fs::read_to_string(&report).expect("report").replace("meeting: lima-2024", "meeting: Lima 2024!");
    let report_uri = lsp.open(&report, &text);
    let got = lsp.request("textDocument/codeLens", json!({ "textDocument": { "uri": report_uri } }));
    assert_eq!(got, Ok(json!([])));
    // A lens the server never made is resolved to itself, not an error.
    let foreign = json!({ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                          "data": { "uri": report_uri, "kind": "meeting", "id": "../../etc/passwd" } });
    assert_eq!(lsp.request("codeLens/resolve", foreign.clone()), Ok(foreign));
    lsp.shutdown();
}
