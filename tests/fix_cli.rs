//! `summit-ls fix` through the real binary, on copies of the seeds and the raw reports.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use common::{Lsp, copy_dir, raw_corpus, repo, seed_corpus};
use serde_json::json;

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(common::bin()).args(args).current_dir(dir).output().expect("run summit-ls")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file of a folder and its text.
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .expect("list")
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).expect("read")))
        .collect()
}

/// The codes `check` prints, with how many of each.
fn check_codes(dir: &Path) -> BTreeMap<String, usize> {
    let out = run(&["check", "--format", "json", "."], dir);
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check's JSON");
    let mut codes = BTreeMap::new();
    for d in found["diagnostics"].as_array().expect("diagnostics") {
        *codes.entry(d["code"].as_str().expect("code").to_string()).or_insert(0) += 1;
    }
    codes
}

/// The raw reports and the annotated seeds in one corpus.
fn mixed_corpus() -> tempfile::TempDir {
    let dir = seed_corpus();
    let raw = tempfile::tempdir().expect("temp");
    copy_dir(&repo().join("tests/fixtures/raw"), raw.path());
    for (name, text) in snapshot(raw.path()) {
        std::fs::write(dir.path().join(format!("raw_{name}")), text).expect("write");
    }
    dir
}

#[test]
fn dry_run_writes_nothing_and_prints_a_unified_diff() {
    let dir = mixed_corpus();
    let before = snapshot(dir.path());
    let out = run(&["fix", "--dry-run", "."], dir.path());
    assert_eq!(snapshot(dir.path()), before, "a dry run changed files");
    let diff = stdout(&out);
    assert!(diff.contains("--- ./000_bd05f014e72710d3.txt\n+++ ./000_bd05f014e72710d3.txt\n@@ -9,7 +9,6 @@"), "{diff}");
    assert!(diff.contains("\n ---\n-Home\u{a0}>\u{a0}China News\n"), "{diff}");
    assert!(diff.contains("+++ ./raw_003_1bc3eefbf81d6a5d.txt\n@@ -1,"), "{diff}");
    assert!(diff.contains("\n+---\n+title: Chinese foreign ministry spokesperson on meeting"), "{diff}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("would fix ./raw_000_bd05f014e72710d3.txt: inserted a front matter, removed 2 residue lines"),
        "{said}"
    );
    assert!(said.contains("would fix 10 of 10 reports in 1 corpus; left: 8 errors"), "{said}");
    // Errors are left (the fields the text does not give), so the exit status is 1.
    assert_eq!(out.status.code(), Some(1), "{said}");
}

#[test]
fn fix_then_check_shows_the_fixed_diagnostics_gone() {
    let dir = mixed_corpus();
    let before = check_codes(dir.path());
    assert_eq!(before.get("missing-front-matter"), Some(&5));
    assert_eq!(before.get("boilerplate"), Some(&20));
    let out = run(&["fix", "."], dir.path());
    let said = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("fixed ./003_1bc3eefbf81d6a5d.txt: removed 1 residue line\n"), "{said}");
    // The inserted front matter lists the meetings the text refers to in `related`.
    assert!(
        said.contains("fixed ./raw_003_1bc3eefbf81d6a5d.txt: inserted a front matter, removed 1 residue line\n"),
        "{said}"
    );
    let after = check_codes(dir.path());
    for fixed in ["missing-front-matter", "boilerplate", "missing-related"] {
        assert_eq!(after.get(fixed), None, "{fixed} left after fix: {after:?}");
    }
    // What fix reported as left is what check finds.
    let errors: usize = ["missing-field", "empty-field"].iter().filter_map(|c| after.get(*c)).sum();
    assert!(said.contains(&format!("left: {errors} errors")), "{said} vs {after:?}");
    let text = std::fs::read_to_string(dir.path().join("raw_003_1bc3eefbf81d6a5d.txt")).expect("read");
    assert!(text.starts_with("---\ntitle: Chinese foreign ministry spokesperson"), "{text}");
    assert!(text.contains("\nrelated: [virtual-2021, bali-2022, san-francisco-2023]\n"), "{text}");
}

#[test]
fn running_fix_twice_changes_nothing_the_second_time() {
    let dir = mixed_corpus();
    assert_eq!(run(&["fix", "."], dir.path()).status.code(), Some(1));
    let once = snapshot(dir.path());
    let out = run(&["fix", "."], dir.path());
    assert!(stdout(&out).starts_with("fixed 0 of 10 reports"), "{}", stdout(&out));
    assert_eq!(snapshot(dir.path()), once);
    let dry = run(&["fix", "--dry-run", "."], dir.path());
    assert_eq!(stdout(&dry), "", "nothing left to diff");
}

#[test]
fn fix_keeps_crlf_line_breaks() {
    let dir = raw_corpus();
    let path = dir.path().join("003_1bc3eefbf81d6a5d.txt");
    let text = std::fs::read_to_string(&path).expect("read").replace('\n', "\r\n");
    std::fs::write(&path, &text).expect("write");
    run(&["fix", "003_1bc3eefbf81d6a5d.txt"], dir.path());
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert!(fixed.starts_with("---\r\ntitle: "), "{fixed:?}");
    assert!(!fixed.contains("Share:"), "{fixed:?}");
    assert_eq!(fixed.matches('\n').count(), fixed.matches("\r\n").count(), "a bare LF in {fixed:?}");
    // Only the report named was fixed.
    let other = std::fs::read_to_string(dir.path().join("000_bd05f014e72710d3.txt")).expect("read");
    assert!(!other.starts_with("---"));
}

#[test]
fn the_front_matter_fix_writes_is_the_one_the_editor_inserts() {
    let dir = raw_corpus();
    let path = dir.path().join("002_570dadb1797cfef4.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    let (mut lsp, _) = Lsp::initialized(dir.path(), true);
    let uri = lsp.open(&path, &text);
    let diagnostics = lsp.diagnostics_until(&uri, |d| !d.is_empty());
    let missing: Vec<_> = diagnostics.into_iter().filter(|d| d["code"] == "missing-front-matter").collect();
    let actions = lsp
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": missing }
            }),
        )
        .expect("code actions");
    let insert = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"] == "Insert a front matter inferred from the text")
        .expect("the insert action");
    let inserted = insert["edit"]["changes"][uri.as_str()][0]["newText"].as_str().expect("new text").to_string();
    lsp.shutdown();
    run(&["fix", "."], dir.path());
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert!(inserted.starts_with("---\ntitle: "), "{inserted}");
    assert!(fixed.starts_with(&inserted), "fix wrote\n{fixed}\nthe editor inserts\n{inserted}");
}

#[test]
fn fix_outside_a_corpus_fails_like_check() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("a.txt"), "Share:\n").expect("write");
    let out = run(&["fix", "a.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("summit-ls fix: a.txt: not in a corpus"));
}
