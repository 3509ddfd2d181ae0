//! Completion through the real binary on the seeds.

mod common;

use common::{Lsp, seed_corpus};
use serde_json::{Value, json};

fn labels(lsp: &mut Lsp, uri: &str, line: u32, character: u32) -> Vec<(String, String)> {
    let result = lsp
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
        .expect("completion");
    // A list, with `isIncomplete` (meeting ids come a hundred at a time).
    let items: Vec<Value> = result["items"].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .map(|i| {
            (i["label"].as_str().unwrap_or_default().to_string(), i["detail"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

fn open(lsp: &mut Lsp, corpus: &std::path::Path, name: &str, text: &str) -> String {
    lsp.wait_indexed();
    let uri = lsp.open(&corpus.join(name), text);
    lsp.diagnostics_until(&uri, |_| true);
    uri
}

#[test]
fn front_matter_keys_not_yet_present_required_first() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let text = "---\ntitle: T\nmeeting: m\n\n---\nbody\n";
    let uri = open(&mut lsp, corpus.path(), "new.txt", text);
    let got: Vec<String> = labels(&mut lsp, &uri, 3, 0).into_iter().map(|(l, _)| l).collect();
    assert!(!got.contains(&"title".to_string()) && !got.contains(&"meeting".to_string()), "{got:?}");
    for key in ["date", "location", "participants", "source", "published", "related"] {
        assert!(got.contains(&key.to_string()), "{key} in {got:?}");
    }
    lsp.shutdown();
}

#[test]
fn person_ids_in_participants_with_their_names() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let text = "---\ntitle: T\nparticipants: [xi-jinping, jo\n---\nbody\n";
    let uri = open(&mut lsp, corpus.path(), "new.txt", text);
    let got = labels(&mut lsp, &uri, 2, 29);
    assert!(got.contains(&("john-kerry".into(), "John Kerry".into())), "{got:?}");
    assert!(got.contains(&("joe-biden".into(), "Joe Biden".into())), "{got:?}");
    let request = json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 29 } });
    let first = lsp.request("textDocument/completion", request).expect("completion")["items"][0].clone();
    // The edit replaces the partial id "jo".
    assert_eq!(first["textEdit"]["range"]["start"], json!({ "line": 2, "character": 27 }));
    lsp.shutdown();
}

#[test]
fn meeting_ids_in_related_from_entries_and_reports() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let text = "---\ntitle: T\nrelated: [\n---\nbody\n";
    let uri = open(&mut lsp, corpus.path(), "new.txt", text);
    let got: Vec<String> = labels(&mut lsp, &uri, 2, 10).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        got,
        [
            "bali-2022",
            "beijing-2014",
            "lima-2024",
            "san-francisco-2023",
            "sunnylands-2013",
            "virtual-2021",
            "wang-kerry-2014",
            "xi-kerry-2014"
        ]
    );
    lsp.shutdown();
}

#[test]
fn meeting_ids_best_fit_first_the_meeting_of_the_day_and_the_meetings_the_text_refers_to() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let text = "---\ntitle: T\nmeeting: \ndate: 2014-11-12\nparticipants: [xi-jinping, barack-obama]\nrelated: [\n---\n\
                The two presidents recalled the Sunnylands meeting of June 2013.\n";
    let uri = open(&mut lsp, corpus.path(), "new.txt", text);
    let meeting = labels(&mut lsp, &uri, 2, 9);
    assert_eq!(meeting[0].0, "beijing-2014", "{meeting:?}");
    assert!(meeting[0].1.contains("on this report's day"), "{meeting:?}");
    let related = labels(&mut lsp, &uri, 5, 10);
    assert_eq!(related[0].0, "sunnylands-2013", "{related:?}");
    assert!(related[0].1.contains("the text refers to it"), "{related:?}");
    // What is typed narrows the list.
    let typed = "---\ntitle: T\nmeeting: lim\n---\n";
    let uri = lsp.open(&corpus.path().join("typed.txt"), typed);
    lsp.diagnostics_until(&uri, |_| true);
    let got: Vec<String> = labels(&mut lsp, &uri, 2, 12).into_iter().map(|(l, _)| l).collect();
    assert_eq!(got, ["lima-2024"]);
    lsp.shutdown();
}

#[test]
fn ids_inside_an_inline_link_and_dates_from_the_text() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let text = "---\ntitle: T\ndate: \n---\nOn November 12, 2014, [Kerry](person:\n";
    let uri = open(&mut lsp, corpus.path(), "new.txt", text);
    let people: Vec<String> = labels(&mut lsp, &uri, 4, 37).into_iter().map(|(l, _)| l).collect();
    assert!(people.contains(&"john-kerry".to_string()), "{people:?}");
    let dates: Vec<String> = labels(&mut lsp, &uri, 2, 6).into_iter().map(|(l, _)| l).collect();
    assert_eq!(dates, ["2014-11-12"]);
    lsp.shutdown();
}
