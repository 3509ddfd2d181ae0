//! Document and workspace symbols through the real binary on the seeds.

mod common;

use common::{Lsp, seed_corpus};
use serde_json::json;

#[test]
fn a_reports_symbols_are_its_meeting_then_who_and_what_it_mentions() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let path = corpus.path().join("003_1bc3eefbf81d6a5d.txt");
    let uri = lsp.open(&path, &std::fs::read_to_string(&path).expect("seed"));
    let result =
        lsp.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } })).expect("symbols");
    let names: Vec<(&str, &str)> = result
        .as_array()
        .expect("array")
        .iter()
        .map(|s| (s["name"].as_str().unwrap_or_default(), s["detail"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(
        names,
        [
            ("meeting: lima-2024", ""),
            ("Xi Jinping", "12 mentions"),
            ("Joe Biden", "4 mentions"),
            // "the APEC Economic Leaders' Meeting in Lima" and "the Lima meeting".
            ("lima-2024", "2 mentions"),
            ("virtual-2021", "1 mention"),
            ("bali-2022", "1 mention"),
            ("san-francisco-2023", "2 mentions"),
            ("Lai Ching-te", "1 mention"),
        ]
    );
    lsp.shutdown();
}

#[test]
fn workspace_symbols_find_people_meetings_and_reports_fuzzily() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let names = |lsp: &mut Lsp, query: &str| -> Vec<String> {
        let result = lsp.request("workspace/symbol", json!({ "query": query })).expect("symbols");
        result.as_array().expect("array").iter().map(|s| s["name"].as_str().unwrap_or_default().to_string()).collect()
    };
    assert_eq!(names(&mut lsp, "kerry")[0], "John Kerry (john-kerry)");
    let lima = names(&mut lsp, "lima");
    assert!(lima.contains(&"lima-2024".to_string()), "{lima:?}");
    assert!(
        lima.contains(
            &"Chinese foreign ministry spokesperson on meeting between Chinese, US Presidents in Lima".to_string()
        ),
        "{lima:?}"
    );
    assert!(names(&mut lsp, "sf2023").contains(&"san-francisco-2023".to_string()));
    lsp.shutdown();
}

#[test]
fn workspace_symbols_of_closed_reports_stand_on_their_front_matter_values_in_both_encodings() {
    let corpus = seed_corpus();
    // In CRLF, with ’ (3 bytes, 1 UTF-16 unit) in the title.
    let path = corpus.path().join("004_bfd07e8ce2afdc7f.txt");
    let text = std::fs::read_to_string(&path).expect("seed").replace('\n', "\r\n");
    std::fs::write(&path, &text).expect("write");
    let line_of = |prefix: &str| text.lines().position(|l| l.starts_with(prefix)).expect("a front-matter line");
    let title = "Foreign Ministry Spokesperson Mao Ning’s on Xi-Biden San Francisco Meeting";
    for (utf8, title_len) in [(false, title.encode_utf16().count()), (true, title.len())] {
        let (mut lsp, _) = Lsp::initialized(corpus.path(), utf8);
        lsp.wait_indexed();
        let range_of = |lsp: &mut Lsp, query: &str, name: &str| {
            let result = lsp.request("workspace/symbol", json!({ "query": query })).expect("symbols");
            let symbol = result.as_array().expect("array").iter().find(|s| s["name"] == name).cloned();
            let symbol = symbol.unwrap_or_else(|| panic!("no {name} in {result}"));
            assert!(symbol["location"]["uri"].as_str().is_some_and(|u| u.ends_with("004_bfd07e8ce2afdc7f.txt")));
            symbol["location"]["range"].clone()
        };
        let (line, end) = (line_of("title:"), 7 + title_len);
        assert_eq!(
            range_of(&mut lsp, "mao ning", title),
            json!({ "start": { "line": line, "character": 7 }, "end": { "line": line, "character": end } }),
            "utf8: {utf8}"
        );
        let line = line_of("meeting:");
        assert_eq!(
            range_of(&mut lsp, "san-francisco-2023", "san-francisco-2023"),
            json!({ "start": { "line": line, "character": 9 }, "end": { "line": line, "character": 27 } }),
        );
        lsp.shutdown();
    }
}
