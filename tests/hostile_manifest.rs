//! corpus.toml files that must not crash or stall `summit-ls check`: each ends with a
//! diagnostic on corpus.toml and the reports checked.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::bin;

const REPORT: &str = "---\ntitle: Xi Jinping meets Obama in Genève\nmeeting: apec-2014\ndate: 2014-11-12\n---\n\
Xi Jinping met “Barack Obama” in the Great Hall of the People in Genève — détente.\n";

fn corpus(manifest: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("corpus.toml"), manifest).expect("write corpus.toml");
    std::fs::write(dir.path().join("report.txt"), REPORT).expect("write report");
    dir
}

fn check(dir: &Path) -> (Output, String) {
    let out = Command::new(bin()).args(["check", "."]).current_dir(dir).output().expect("run check");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out, text)
}

fn items(n: usize) -> String {
    (0..n).map(|i| format!("\"Alias number {i}\"")).collect::<Vec<_>>().join(", ")
}

#[test]
fn check_reports_empty_names_and_aliases_instead_of_panicking() {
    let dir = corpus(
        r#"
[[person]]
id = "xi-jinping"
name = "Xi Jinping"
aliases = [""]
[[meeting]]
id = "apec-2014"
aliases = [" "]
[[place]]
id = "x"
name = ""
"#,
    );
    let (out, text) = check(dir.path());
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    let malformed: Vec<&str> =
        text.lines().filter(|l| l.contains("corpus.toml") && l.contains("error[malformed-value]")).collect();
    assert_eq!(malformed.len(), 3, "{text}");
    assert!(malformed[2].contains("place `x` has an empty name"), "{text}");
    assert!(text.contains("checked 1 report in 1 corpus"), "{text}");
}

#[test]
fn check_cuts_a_hundred_thousand_aliases_and_globs_to_their_bounds() {
    let dir = corpus(&format!(
        "[corpus]\ndocuments = [\"*.txt\", {}]\nrequired = [\"title\", {}]\nboilerplate = [{}]\n[[person]]\nid = \"xi-jinping\"\nname = \"Xi Jinping\"\naliases = [{}]\n",
        items(100_000),
        items(100_000),
        items(100_000),
        items(100_000),
    ));
    let (out, text) = check(dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let too_large: Vec<&str> = text.lines().filter(|l| l.contains("error[too-large]")).collect();
    assert_eq!(too_large.len(), 4, "{too_large:#?}");
    assert!(too_large[0].contains("100001 `documents` globs: only the first 1000 are read"), "{}", too_large[0]);
    assert!(too_large[3].contains("100000 aliases of person `xi-jinping`"), "{}", too_large[3]);
    // The first glob is kept, so the report is still found and checked.
    assert!(text.contains("checked 1 report in 1 corpus"), "{text}");
}
