//! Rename through the real binary: the returned WorkspaceEdit is applied to the files
//! as an editor would, then `check` must come out clean.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Lsp, bin, seed_corpus};
use serde_json::{Value, json};

/// The byte offset of an LSP position counted in UTF-16 units.
fn offset(text: &str, line: u64, character: u64) -> usize {
    let start: usize = text.split_inclusive('\n').take(line as usize).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character as usize || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies a WorkspaceEdit's changes to the files on disk; returns the files changed.
fn apply(edit: &Value) -> Vec<String> {
    let mut changed = Vec::new();
    for (uri, edits) in edit["changes"].as_object().expect("changes") {
        let path = uri.strip_prefix("file://").expect("file uri");
        let mut text = std::fs::read_to_string(path).expect("read");
        let mut edits: Vec<&Value> = edits.as_array().expect("edits").iter().collect();
        edits.sort_by_key(|e| {
            std::cmp::Reverse((e["range"]["start"]["line"].as_u64(), e["range"]["start"]["character"].as_u64()))
        });
        for e in edits {
            let r = &e["range"];
            let start =
                offset(&text, r["start"]["line"].as_u64().unwrap_or(0), r["start"]["character"].as_u64().unwrap_or(0));
            let end =
                offset(&text, r["end"]["line"].as_u64().unwrap_or(0), r["end"]["character"].as_u64().unwrap_or(0));
            text.replace_range(start..end, e["newText"].as_str().unwrap_or_default());
        }
        std::fs::write(path, text).expect("write");
        changed.push(Path::new(path).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default());
    }
    changed.sort();
    changed
}

fn rename_at(lsp: &mut Lsp, corpus: &Path, name: &str, needle: &str, new_name: &str) -> Result<Value, Value> {
    let path = corpus.join(name);
    let text = std::fs::read_to_string(&path).expect("file");
    let uri = lsp.open(&path, &text);
    let at = text.find(needle).expect("needle");
    let line = text[..at].matches('\n').count();
    let character = text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at].encode_utf16().count() + 1;
    let position = json!({ "line": line, "character": character });
    let prepared = lsp
        .request("textDocument/prepareRename", json!({ "textDocument": { "uri": uri }, "position": position }))
        .expect("prepare");
    assert!(prepared.get("start").is_some(), "prepareRename gives the id's range: {prepared}");
    lsp.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": position, "newName": new_name }),
    )
}

fn check_is_clean(corpus: &Path) {
    let out = Command::new(bin()).arg("check").arg(corpus).output().expect("check");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains(" 0 errors, 0 warnings"), "{text}");
}

#[test]
fn renaming_the_san_francisco_meeting_edits_004_and_003_and_leaves_check_clean() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let edit = rename_at(&mut lsp, corpus.path(), "004_bfd07e8ce2afdc7f.txt", "san-francisco-2023", "filoli-2023")
        .expect("edit");
    lsp.shutdown();
    assert_eq!(apply(&edit), ["003_1bc3eefbf81d6a5d.txt", "004_bfd07e8ce2afdc7f.txt"]);
    let r003 = std::fs::read_to_string(corpus.path().join("003_1bc3eefbf81d6a5d.txt")).expect("003");
    assert!(r003.contains("related: [virtual-2021, bali-2022, filoli-2023]"));
    check_is_clean(corpus.path());
}

#[test]
fn renaming_a_person_edits_corpus_toml_and_every_participants_list() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let edit = rename_at(&mut lsp, corpus.path(), "002_570dadb1797cfef4.txt", "john-kerry]", "kerry").expect("edit");
    lsp.shutdown();
    assert_eq!(apply(&edit), ["001_590ab6f40908b9bc.txt", "002_570dadb1797cfef4.txt", "corpus.toml"]);
    let toml = std::fs::read_to_string(corpus.path().join("corpus.toml")).expect("toml");
    assert!(toml.contains("id = \"kerry\""));
    check_is_clean(corpus.path());
}

#[test]
fn a_taken_or_malformed_new_id_is_refused_with_a_clear_message() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let taken = rename_at(&mut lsp, corpus.path(), "004_bfd07e8ce2afdc7f.txt", "san-francisco-2023", "bali-2022")
        .expect_err("taken");
    assert_eq!(taken["message"], "`bali-2022` is already the id of another meeting");
    let bad = rename_at(&mut lsp, corpus.path(), "004_bfd07e8ce2afdc7f.txt", "san-francisco-2023", "San Francisco")
        .expect_err("bad");
    assert_eq!(bad["message"], "`San Francisco` is not an id: use lowercase letters, digits and hyphens");
    lsp.shutdown();
}

/// The insert-front-matter action on each raw seed, applied as an editor would: then
/// `check` reports only the fields the text cannot support, left empty.
#[test]
fn inserting_an_inferred_front_matter_into_each_raw_seed_leaves_only_what_the_text_cannot_say() {
    let corpus = common::raw_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let mut names: Vec<String> = std::fs::read_dir(corpus.path())
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    for name in &names {
        let path = corpus.path().join(name);
        let uri = lsp.open(&path, &std::fs::read_to_string(&path).expect("raw"));
        let diags = lsp.diagnostics_until(&uri, |d| d.iter().any(|x| x["code"] == "missing-front-matter"));
        let missing = diags.iter().find(|x| x["code"] == "missing-front-matter").expect("diagnostic").clone();
        let actions = lsp
            .request(
                "textDocument/codeAction",
                json!({ "textDocument": { "uri": uri }, "range": missing["range"], "context": { "diagnostics": [missing] } }),
            )
            .expect("actions");
        let insert = actions
            .as_array()
            .expect("actions")
            .iter()
            .find(|a| a["title"] == "Insert a front matter inferred from the text")
            .expect("action")
            .clone();
        apply(&insert["edit"]);
    }
    lsp.shutdown();
    let out = Command::new(bin()).args(["check", "--format", "json"]).arg(corpus.path()).output().expect("check");
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut left: Vec<String> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] != "hint")
        .map(|d| {
            let file = d["path"].as_str().unwrap_or_default().rsplit('/').next().unwrap_or_default()[..3].to_string();
            format!(
                "{file} {} {}",
                d["code"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default().split('`').nth(1).unwrap_or_default()
            )
        })
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "000 empty-field meeting",
            "000 empty-field source",
            "001 empty-field meeting",
            "001 empty-field source",
            "002 empty-field date",
            "002 empty-field meeting",
            "002 empty-field source",
            "003 empty-field meeting",
            // Without the report's date, "President Biden’s meeting" fits both of his
            // meetings with Xi that the corpus knows.
            "004 ambiguous-meeting bali-2022",
            "004 empty-field date",
            "004 empty-field meeting",
            "004 empty-field source",
        ]
    );
}

#[test]
fn a_rename_is_refused_while_corpus_toml_does_not_parse() {
    let corpus = seed_corpus();
    let (mut lsp, _) = Lsp::initialized(corpus.path(), false);
    lsp.wait_indexed();
    let manifest = corpus.path().join("corpus.toml");
    let text = std::fs::read_to_string(&manifest).expect("corpus.toml");
    let manifest_uri = lsp.open(&manifest, &text);
    // An unclosed table header: the last good knowledge base stays, its positions do not.
    lsp.change(&manifest_uri, 2, json!([{ "text": format!("[[person\n{text}") }]));
    lsp.diagnostics_until(&manifest_uri, |d| d.iter().any(|x| x["code"] == "toml-syntax"));
    let err =
        rename_at(&mut lsp, corpus.path(), "000_bd05f014e72710d3.txt", "barack-obama", "obama").expect_err("refused");
    assert!(err["message"].as_str().unwrap_or_default().contains("corpus.toml does not parse"), "{err}");
    lsp.shutdown();
}
