//! People, dates and places in the seeds, through the real binary: `export`, hovers,
//! inlay hints, semantic tokens and the text checks, in UTF-8 and UTF-16.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Lsp, bin, codes, repo, seed_corpus};
use serde_json::{Value, json};

/// Every person and date mention `export seeds` gives, per seed, in order: the values
/// are the facts `seeds/corpus.toml` records for the seeds.
#[test]
fn export_gives_every_person_and_date_mention_of_the_seeds() {
    let out = Command::new(bin()).args(["export", "seeds"]).current_dir(repo()).output().expect("export");
    assert!(out.status.success());
    let reports: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(reports.len(), 5);
    let expected_people = [PEOPLE_000, PEOPLE_001, PEOPLE_002, PEOPLE_003, PEOPLE_004];
    let expected_dates = [DATES_000, DATES_001, DATES_002, DATES_003, DATES_004];
    for (i, report) in reports.iter().enumerate() {
        let mentions = report["mentions"].as_array().expect("mentions");
        let text: Vec<char> = report["text"].as_str().expect("text").chars().collect();
        for m in mentions {
            // Offsets are code points into the clean text.
            let (s, e) = (m["start"].as_u64().unwrap_or(0) as usize, m["end"].as_u64().unwrap_or(0) as usize);
            assert_eq!(text[s..e].iter().collect::<String>(), m["surface"].as_str().unwrap_or_default());
        }
        let people: Vec<(&str, &str)> = mentions
            .iter()
            .filter(|m| m["kind"] == "person")
            .map(|m| (m["surface"].as_str().unwrap_or_default(), m["id"].as_str().unwrap_or_default()))
            .collect();
        assert_eq!(people, expected_people[i], "people in {}", report["path"]);
        let dates: Vec<(&str, &str, Option<&str>)> = mentions
            .iter()
            .filter(|m| m["kind"] == "date")
            .map(|m| {
                (
                    m["surface"].as_str().unwrap_or_default(),
                    m["value"].as_str().unwrap_or_default(),
                    m["anchor"].as_str(),
                )
            })
            .collect();
        assert_eq!(dates, expected_dates[i], "dates in {}", report["path"]);
    }
    assert_eq!(reports[0]["meta"]["participants"], json!(["xi-jinping", "barack-obama"]));
}

/// The position of the `nth` occurrence of `needle` in `text`, as (line, column) in
/// UTF-8 bytes or UTF-16 units.
fn position_of(text: &str, needle: &str, nth: usize, utf8: bool) -> (u32, u32) {
    let at = text.match_indices(needle).nth(nth).map(|(i, _)| i).expect("needle in text");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() as u32;
    let prefix = &text[line_start..at];
    let col = if utf8 { prefix.len() } else { prefix.encode_utf16().count() } as u32;
    (line, col)
}

/// Opens a seed once the corpus is indexed, and waits for its first diagnostics.
fn open_seed(lsp: &mut Lsp, corpus: &Path, name: &str) -> (String, String) {
    lsp.wait_indexed();
    let path = corpus.join(name);
    let text = std::fs::read_to_string(&path).expect("seed");
    let uri = lsp.open(&path, &text);
    lsp.diagnostics_until(&uri, |_| true);
    (uri, text)
}

fn hover_text(lsp: &mut Lsp, uri: &str, text: &str, needle: &str, nth: usize, utf8: bool) -> String {
    let (line, col) = position_of(text, needle, nth, utf8);
    let hover = lsp.hover(uri, line, col + 1);
    hover["contents"]["value"].as_str().unwrap_or_default().to_string()
}

#[test]
fn hover_on_kerry_in_002_shows_secretary_of_state_on_2014_02_14_in_both_encodings() {
    for utf8 in [true, false] {
        let corpus = seed_corpus();
        let (mut lsp, _) = Lsp::initialized(corpus.path(), utf8);
        let (uri, text) = open_seed(&mut lsp, corpus.path(), "002_570dadb1797cfef4.txt");
        // "Kerry forwards President Obama's Chinese New Year greetings"
        let value = hover_text(&mut lsp, &uri, &text, "Kerry forwards", 0, utf8);
        assert!(
            value.starts_with("**John Kerry**: United States Secretary of State on 2014-02-14, the report's date"),
            "{value}"
        );
        assert!(value.contains("Wikidata: [Q22316]"), "{value}");
        assert!(value.contains("2013-02-01 – 2017-01-20"), "{value}");
        assert!(value.contains("In the corpus: 11 mentions in 2 reports"), "counts once indexed are whole: {value}");
        lsp.shutdown();
    }
}

#[test]
fn hover_after_a_non_breaking_space_lands_on_the_mention_in_both_encodings() {
    // 004: "held a summit meeting with\u{2002}US President Joe Biden": an en space
    // (3 bytes, 1 UTF-16 unit) before the mention.
    for utf8 in [true, false] {
        let corpus = seed_corpus();
        let (mut lsp, _) = Lsp::initialized(corpus.path(), utf8);
        let (uri, text) = open_seed(&mut lsp, corpus.path(), "004_bfd07e8ce2afdc7f.txt");
        let (line, col) = position_of(&text, "\u{2002}US President Joe Biden", 0, utf8);
        // One character past the en space: 3 bytes in UTF-8, 1 unit in UTF-16.
        let after = col + if utf8 { 3 } else { 1 };
        let hover = lsp.hover(&uri, line, after);
        let value = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(value.starts_with("**Joe Biden**: President of the United States on 2023-11-15"), "{value}");
        lsp.shutdown();
    }
}

#[test]
fn hover_on_14th_shows_the_day_resolved_against_the_reports_date() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let (uri, text) = open_seed(&mut lsp, corpus.path(), "002_570dadb1797cfef4.txt");
    let value = hover_text(&mut lsp, &uri, &text, "on 14th", 0, false);
    assert!(value.starts_with("**2014-02-14**, Friday"), "{value}");
    assert!(value.contains("against `date` (2014-02-14)"), "{value}");
    assert!(value.contains("Meetings that day: `wang-kerry-2014`, `xi-kerry-2014`"), "{value}");
    lsp.shutdown();
}

#[test]
fn hover_on_sunday_in_003_shows_2024_11_17_against_published() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), true);
    let (uri, text) = open_seed(&mut lsp, corpus.path(), "003_1bc3eefbf81d6a5d.txt");
    let value = hover_text(&mut lsp, &uri, &text, "Sunday", 0, true);
    assert!(value.starts_with("**2024-11-17**, Sunday"), "{value}");
    assert!(value.contains("against `published` (2024-11-18)"), "{value}");
    lsp.shutdown();
}

#[test]
fn hover_on_one_year_in_003_shows_a_duration() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let (uri, text) = open_seed(&mut lsp, corpus.path(), "003_1bc3eefbf81d6a5d.txt");
    let value = hover_text(&mut lsp, &uri, &text, "one year after", 0, false);
    assert_eq!(value, "**P1Y**\n\n`one year`: a duration of 1 year");
    lsp.shutdown();
}

#[test]
fn hover_on_the_location_field_shows_the_place() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let (uri, text) = open_seed(&mut lsp, corpus.path(), "002_570dadb1797cfef4.txt");
    let value = hover_text(&mut lsp, &uri, &text, "Beijing", 0, false);
    assert_eq!(value, "**Beijing**, China");
    lsp.shutdown();
}

#[test]
fn inlay_hints_show_the_resolved_values_of_partial_and_relative_dates() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let (uri, text) = open_seed(&mut lsp, corpus.path(), "003_1bc3eefbf81d6a5d.txt");
    let end = text.lines().count() as u32 + 1;
    let hints = lsp
        .request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": end, "character": 0 } } }),
        )
        .expect("hints");
    let labels: Vec<&str> =
        hints.as_array().expect("array").iter().map(|h| h["label"].as_str().unwrap_or_default()).collect();
    assert_eq!(labels, ["2024-11-17", "2024-11-16"]);
    let (line, col) = position_of(&text, "Sunday", 0, false);
    assert_eq!(hints[0]["position"], json!({ "line": line, "character": col + 6 }));
    lsp.shutdown();
}

#[test]
fn semantic_tokens_mark_keys_people_dates_and_places() {
    let corpus = seed_corpus();
    let (mut lsp, init) = Lsp::initialized(corpus.path(), false);
    let legend = init["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"].clone();
    assert_eq!(legend, json!(["class", "number", "namespace", "event", "property"]));
    let (uri, text) = open_seed(&mut lsp, corpus.path(), "002_570dadb1797cfef4.txt");
    let full =
        lsp.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": uri } })).expect("tokens");
    let data: Vec<u64> = full["data"].as_array().expect("data").iter().filter_map(Value::as_u64).collect();
    // Decode into absolute (line, column, length, type).
    let (mut line, mut col) = (0, 0);
    let mut tokens = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            col = 0;
        }
        line += t[0];
        col += t[1];
        tokens.push((line, col, t[2], t[3]));
    }
    assert_eq!(tokens[0], (1, 0, 5, 4), "the `title` key");
    let (l, c) = position_of(&text, "U.S. Secretary of State John Kerry", 1, false);
    let kerry = "U.S. Secretary of State John Kerry".len() as u64;
    assert!(tokens.contains(&(u64::from(l), u64::from(c), kerry, 0)), "{tokens:?}");
    let (l, c) = position_of(&text, "on 14th", 0, false);
    assert!(tokens.contains(&(u64::from(l), u64::from(c), 7, 1)), "{tokens:?}");
    let (l, c) = position_of(&text, "Great Hall of the People on", 0, false);
    assert!(tokens.contains(&(u64::from(l), u64::from(c), 24, 2)), "{tokens:?}");
    let range = lsp
        .request(
            "textDocument/semanticTokens/range",
            json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 9, "character": 0 } } }),
        )
        .expect("range tokens");
    // The seven keys of the front matter, and the two places its `location` names.
    assert_eq!(range["data"].as_array().map(Vec::len), Some(9 * 5));
    lsp.shutdown();
}

#[test]
fn a_copy_of_000_dated_2024_gets_the_dateline_and_role_warnings() {
    let corpus = seed_corpus();
    let path = corpus.path().join("000_bd05f014e72710d3.txt");
    let text = std::fs::read_to_string(&path).expect("seed").replace("date: 2014-11-12", "date: 2024-11-12");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = lsp.open(&path, &text);
    let diags = lsp.diagnostics_until(&uri, |d| codes(d).contains(&"dateline-mismatch".to_string()));
    let warnings: Vec<String> = codes(&diags).into_iter().filter(|c| c != "boilerplate").collect();
    assert_eq!(warnings, ["dateline-mismatch", "title-not-held", "title-not-held", "title-not-held"]);
    let roles: Vec<&Value> = diags.iter().filter(|d| d["code"] == "title-not-held").collect();
    // The headline in the body, not the front matter's title.
    let (line, col) = position_of(&text, "President Barack Obama of the US Jointly", 1, false);
    assert_eq!(roles[0]["range"]["start"], json!({ "line": line, "character": col }));
    assert!(
        roles[0]["message"].as_str().unwrap_or_default().starts_with("Barack Obama was not President on 2024-11-12")
    );
    let dateline = diags.iter().find(|d| d["code"] == "dateline-mismatch").expect("dateline");
    assert_eq!(
        dateline["range"],
        json!({ "start": { "line": 3, "character": 6 }, "end": { "line": 3, "character": 16 } })
    );
    lsp.shutdown();
}

#[test]
fn a_principal_missing_from_participants_has_a_fix_that_adds_them() {
    let corpus = seed_corpus();
    let path = corpus.path().join("001_590ab6f40908b9bc.txt");
    let text = std::fs::read_to_string(&path).expect("seed").replace("[wang-yi, john-kerry]", "[wang-yi]");
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    let uri = lsp.open(&path, &text);
    let diags = lsp.diagnostics_until(&uri, |d| codes(d).contains(&"missing-participant".to_string()));
    let d = diags.iter().find(|d| d["code"] == "missing-participant").expect("diagnostic");
    let fix = &d["data"]["fixes"][0];
    assert_eq!(fix["newText"], ", john-kerry");
    let (line, col) = position_of(&text, "]\nsource", 0, false);
    assert_eq!(fix["range"]["start"], json!({ "line": line, "character": col }));
    lsp.shutdown();
}
/// A report of 2023 naming leaders out of office: only the title claimed for the
/// report's date is checked.
#[test]
fn check_warns_on_a_title_claimed_for_the_reports_date_and_not_on_former_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("corpus.toml"),
        r#"[corpus]
name = "Europe"
[[person]]
id = "angela-merkel"
name = "Angela Merkel"
aliases = ["Merkel"]
roles = [{ title = "Chancellor of Germany", from = 2005-11-22, to = 2021-12-08 }]
[[person]]
id = "john-major"
name = "John Major"
aliases = ["Major"]
roles = [{ title = "Prime Minister of the United Kingdom", from = 1990-11-28, to = 1997-05-02 }]
[[person]]
id = "tony-blair"
name = "Tony Blair"
aliases = ["Blair"]
roles = [{ title = "Prime Minister of the United Kingdom", from = 1997-05-02, to = 2007-06-27 }]
"#,
    )
    .expect("corpus.toml");
    std::fs::write(
        dir.path().join("report.txt"),
        "---\ntitle: Leaders recall the peace process\nmeeting: m\ndate: 2023-04-10\nlocation: Belfast\n\
         participants: [john-major, tony-blair]\nsource: test\n---\n\
         Former German chancellor Angela Merkel sent a message. Two former prime ministers, Prime Minister Major \
         and Prime Minister Blair, spoke; the late Chancellor Kohl was remembered, and then-Chancellor Merkel's \
         letter read.\n\nLater, Chancellor Merkel said she was glad.\n",
    )
    .expect("report");
    let out = Command::new(bin()).args(["check", "."]).current_dir(dir.path()).output().expect("check");
    let text = String::from_utf8_lossy(&out.stdout);
    let roles: Vec<&str> = text.lines().filter(|l| l.contains("title-not-held")).collect();
    assert_eq!(roles.len(), 1, "{text}");
    assert!(roles[0].contains("Angela Merkel was not Chancellor on 2023-04-10"), "{text}");
    // "Later, Chancellor Merkel said", the one title claimed for the day.
    assert!(roles[0].contains("report.txt:11:8:"), "{text}");
}

const PEOPLE_000: &[(&str, &str)] = &[
    ("Xi Jinping", "xi-jinping"),
    ("President Barack Obama", "barack-obama"),
    ("President Xi Jinping", "xi-jinping"),
    ("President Barack Obama", "barack-obama"),
    ("Xi Jinping", "xi-jinping"),
    ("President Obama", "barack-obama"),
    ("Xi Jinping", "xi-jinping"),
    ("Xi Jinping", "xi-jinping"),
    ("Xi Jinping", "xi-jinping"),
    ("Xi Jinping", "xi-jinping"),
    ("Xi Jinping", "xi-jinping"),
    ("Obama", "barack-obama"),
];

const PEOPLE_001: &[(&str, &str)] = &[
    ("Wang Yi", "wang-yi"),
    ("US Secretary of State John Kerry", "john-kerry"),
    ("Foreign Minister Wang Yi", "wang-yi"),
    ("US Secretary of State John Kerry", "john-kerry"),
    ("Wang Yi", "wang-yi"),
    ("President Xi Jinping", "xi-jinping"),
    ("President Barack Obama", "barack-obama"),
    ("President Xi Jinping", "xi-jinping"),
    ("Mr. Secretary of State", "john-kerry"),
    ("Kerry", "john-kerry"),
    ("Wang Yi", "wang-yi"),
    ("Kerry", "john-kerry"),
    ("Wang Yi", "wang-yi"),
    ("Wang Yi", "wang-yi"),
];

const PEOPLE_002: &[(&str, &str)] = &[
    ("President Xi", "xi-jinping"),
    ("U.S. Secretary of State John Kerry", "john-kerry"),
    ("President Xi", "xi-jinping"),
    ("U.S. Secretary of State Kerry", "john-kerry"),
    ("Kerry", "john-kerry"),
    ("President Obama", "barack-obama"),
    ("President Xi", "xi-jinping"),
    ("Obama", "barack-obama"),
    ("Xi", "xi-jinping"),
    ("Xi", "xi-jinping"),
    ("Kerry", "john-kerry"),
    ("Obama", "barack-obama"),
    ("Obama", "barack-obama"),
    ("Xi", "xi-jinping"),
    ("Xi", "xi-jinping"),
    ("Kerry", "john-kerry"),
    ("Xi", "xi-jinping"),
    ("Kerry", "john-kerry"),
];

const PEOPLE_003: &[(&str, &str)] = &[
    ("President Xi Jinping", "xi-jinping"),
    ("U.S. President Joe Biden", "joe-biden"),
    ("President Biden", "joe-biden"),
    ("President Xi", "xi-jinping"),
    ("President Xi", "xi-jinping"),
    ("President Biden", "joe-biden"),
    ("President Xi", "xi-jinping"),
    ("President Biden", "joe-biden"),
    ("President Xi", "xi-jinping"),
    ("President Xi", "xi-jinping"),
    ("President Xi Jinping", "xi-jinping"),
    ("Lai Ching-te", "lai-ching-te"),
    ("President Xi", "xi-jinping"),
    ("President Xi", "xi-jinping"),
    ("President Xi", "xi-jinping"),
    ("President Xi", "xi-jinping"),
    ("President Xi", "xi-jinping"),
];

const PEOPLE_004: &[(&str, &str)] = &[
    ("Foreign Ministry Spokesperson Mao Ning", "mao-ning"),
    ("Xi", "xi-jinping"),
    ("Biden", "joe-biden"),
    ("Foreign Ministry Spokesperson Mao Ning", "mao-ning"),
    ("Xi", "xi-jinping"),
    ("Biden", "joe-biden"),
    ("President Xi Jinping", "xi-jinping"),
    ("US President Joe Biden", "joe-biden"),
    ("Mao Ning", "mao-ning"),
    ("President Xi Jinping", "xi-jinping"),
    ("US President Joe Biden", "joe-biden"),
    ("President Xi", "xi-jinping"),
    ("Pelosi", "nancy-pelosi"),
    ("Mao Ning", "mao-ning"),
    ("President Xi Jinping", "xi-jinping"),
    ("President Xi", "xi-jinping"),
    ("President Biden", "joe-biden"),
    ("Mao Ning", "mao-ning"),
    ("Mao Ning", "mao-ning"),
    ("Mao Ning", "mao-ning"),
];

const DATES_000: &[(&str, &str, Option<&str>)] = &[
    ("November 12, 2014", "2014-11-12", None),
    ("the past two days", "P2D", None),
    ("current", "PRESENT_REF", None),
    ("currently", "PRESENT_REF", None),
    ("35 years ago", "1979", Some("published")),
];

const DATES_001: &[(&str, &str, Option<&str>)] = &[
    ("February 14, 2014", "2014-02-14", None),
    ("last year", "2013", Some("date")),
    ("now", "PRESENT_REF", None),
    ("this year", "2014", Some("date")),
    ("this year", "2014", Some("date")),
    ("this year", "2014", Some("date")),
    ("2014", "2014", None),
];

const DATES_002: &[(&str, &str, Option<&str>)] = &[
    ("11/22/2024 02:25:17 pm", "2024-11-22T14:25:17", None),
    ("on 14th", "2014-02-14", Some("date")),
    ("the past 35 years", "P35Y", None),
];

const DATES_003: &[(&str, &str, Option<&str>)] = &[
    ("November 18, 2024", "2024-11-18", None),
    ("Sunday", "2024-11-17", Some("published")),
    ("November 16 local time", "2024-11-16", Some("published")),
    // "this meeting was held one year after the last time that the two Presidents met"
    ("one year", "P1Y", None),
    ("the past four years", "P4Y", None),
    ("the past four years", "P4Y", None),
    ("2021", "2021", None),
    ("2022", "2022", None),
    ("2023", "2023", None),
];

const DATES_004: &[(&str, &str, Option<&str>)] = &[
    ("November 15 local time", "2023-11-15", Some("date")),
    ("today", "2023-11-15", Some("date")),
    ("last year", "2022", Some("date")),
    ("the future", "FUTURE_REF", None),
];
