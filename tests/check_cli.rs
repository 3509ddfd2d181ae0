//! `summit-ls check` through the real binary.

mod common;

use std::process::{Command, Output};

use common::{bin, raw_corpus, repo, seed_corpus};

fn check(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(bin()).arg("check").args(args).current_dir(dir).output().expect("run check")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_bundled_seeds_check_clean() {
    let out = check(&["seeds"], &repo());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.ends_with("checked 5 reports in 1 corpus: 0 errors, 0 warnings, 14 hints\n"), "{text}");
    assert!(
        text.contains("seeds/002_570dadb1797cfef4.txt:11:1: hint[boilerplate]: \"CHINA TOPIX\" is scrape residue"),
        "{text}"
    );
}

#[test]
fn every_raw_seed_lacks_a_front_matter() {
    let corpus = raw_corpus();
    let out = check(&["."], corpus.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let missing: Vec<&str> = text.lines().filter(|l| l.contains("error[missing-front-matter]")).collect();
    assert_eq!(missing.len(), 5, "{text}");
    assert!(missing[0].starts_with("./000_bd05f014e72710d3.txt:1:1: error[missing-front-matter]"), "{text}");
}

#[test]
fn json_output_has_positions_and_a_summary() {
    let corpus = seed_corpus();
    let report = corpus.path().join("000_bd05f014e72710d3.txt");
    let text = std::fs::read_to_string(&report).expect("seed").replace("date: 2014-11-12", "date: 2014-11-31");
    std::fs::write(&report, text).expect("write");
    let out = check(&["--format", "json", "000_bd05f014e72710d3.txt"], corpus.path());
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["summary"]["reports"], 1);
    assert_eq!(json["summary"]["errors"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64(), d["code"].as_str()),
        (Some(4), Some(7), Some("malformed-value"))
    );
}

#[test]
fn a_folder_of_corpora_checks_each() {
    let parent = tempfile::tempdir().expect("temp");
    common::copy_dir(&repo().join("seeds"), &parent.path().join("a"));
    common::copy_dir(&repo().join("seeds"), &parent.path().join("b"));
    let out = check(&["."], parent.path());
    assert!(
        stdout(&out).ends_with("checked 10 reports in 2 corpora: 0 errors, 0 warnings, 28 hints\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_missing_path_and_a_report_outside_any_corpus_get_clear_messages() {
    let dir = tempfile::tempdir().expect("temp");
    let out = check(&["nowhere"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "summit-ls check: nowhere: no such file or folder\n");
    std::fs::write(dir.path().join("stray.txt"), "Home > News\n").expect("write");
    let out = check(&["stray.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("stray.txt: not in a corpus"));
}

#[test]
fn invalid_utf8_and_a_broken_corpus_toml_are_diagnostics_not_crashes() {
    let corpus = seed_corpus();
    std::fs::write(corpus.path().join("bad.txt"), b"Home \xff News\n").expect("write");
    let out = check(&["."], corpus.path());
    let text = stdout(&out);
    assert!(text.contains("./bad.txt:1:6: error[invalid-utf8]"), "{text}");
    std::fs::write(corpus.path().join("corpus.toml"), "[corpus\n").expect("write");
    let out = check(&["."], corpus.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("./corpus.toml:1:8: error[toml-syntax]"), "{}", stdout(&out));
}

#[test]
fn a_misspelt_key_in_each_corpus_toml_table_is_a_warning_with_did_you_mean() {
    let corpus = seed_corpus();
    let manifest = corpus.path().join("corpus.toml");
    let text = std::fs::read_to_string(&manifest)
        .expect("corpus.toml")
        .replacen("required = [", "requird = [", 1)
        .replacen("\naliases = [", "\nalias = [", 1);
    let text = format!("{text}\n[[place]]\nid = \"camp-david\"\nname = \"Camp David\"\nwitihn = \"Maryland\"\n");
    std::fs::write(&manifest, &text).expect("write");
    let out = check(&["corpus.toml"], corpus.path());
    let printed = stdout(&out);
    // Warnings only: the exit status stays 0.
    assert_eq!(out.status.code(), Some(0), "{printed}");
    let warnings: Vec<&str> = printed.lines().filter(|l| l.contains("warning[unknown-key]")).collect();
    assert_eq!(warnings.len(), 3, "{printed}");
    let line = text.lines().position(|l| l.starts_with("requird")).expect("line") + 1;
    assert!(
        warnings[0].starts_with(&format!(
            "./corpus.toml:{line}:1: warning[unknown-key]: `requird` is no key in [corpus], and is ignored; did you mean `required`?"
        )),
        "{printed}"
    );
    assert!(
        warnings[1].contains("`alias` is no key in a [[person]], and is ignored; did you mean `aliases`?"),
        "{printed}"
    );
    assert!(warnings[2].contains("`witihn` is no key in a [[place]]"), "{printed}");
}
