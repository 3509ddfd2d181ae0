//! `summit-ls init` through the real binary: a starter corpus.toml for raw reports.

mod common;

use std::process::{Command, Output};

use common::{bin, repo};

fn run(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(bin()).args(args).current_dir(dir).output().expect("run summit-ls")
}

/// A folder holding the raw seeds and no corpus.toml.
fn raw_reports() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    for entry in std::fs::read_dir(repo().join("tests/fixtures/raw")).expect("raw seeds") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

#[test]
fn init_writes_a_starter_corpus_toml_with_the_people_the_raw_seeds_name() {
    let dir = raw_reports();
    let out = run(&["init", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.starts_with("wrote ./corpus.toml: 5 reports, "), "{said}");
    assert!(said.trim_end().ends_with("next: summit-ls check ."), "{said}");
    let text = std::fs::read_to_string(dir.path().join("corpus.toml")).expect("written");
    for stub in [
        "id = \"john-kerry\"\nname = \"John Kerry\"\naliases = [\"Secretary of State John Kerry\"]",
        "id = \"wang-yi\"\nname = \"Wang Yi\"\naliases = [\"Foreign Minister Wang Yi\"]",
        "roles = [{ title = \"Secretary of State\" }]",
    ] {
        assert!(text.contains(stub), "no {stub:?} in\n{text}");
    }
    // The most often named first: Xi Jinping, in four of the five.
    assert!(text.find("id = \"xi-jinping\"") < text.find("id = \"wang-yi\""), "{text}");
    // The folder is now a corpus, and the file itself raises nothing.
    let out = run(&["check", "."], dir.path());
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "missing front matters are errors: {printed}");
    assert!(!printed.contains("corpus.toml:"), "{printed}");
    assert_eq!(printed.matches("error[missing-front-matter]").count(), 5, "{printed}");
    // The people are recognised now: Kerry is no unlisted titled name any more.
    assert!(!printed.contains("\"Secretary of State John Kerry\" is no [[person]]"), "{printed}");
}

#[test]
fn init_never_overwrites_a_corpus_toml() {
    let dir = raw_reports();
    std::fs::write(dir.path().join("corpus.toml"), "# mine\n").expect("write");
    let out = run(&["init"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("corpus.toml: already exists; init never overwrites it"), "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("corpus.toml")).expect("kept"), "# mine\n");
}

#[test]
fn init_on_a_missing_folder_a_file_or_an_empty_folder() {
    let dir = tempfile::tempdir().expect("temp");
    let out = run(&["init", "nowhere"], dir.path());
    assert_eq!(
        (out.status.code(), String::from_utf8_lossy(&out.stderr).as_ref()),
        (Some(2), "summit-ls init: nowhere: no such folder\n")
    );
    std::fs::write(dir.path().join("a.txt"), "Home\n").expect("write");
    let out = run(&["init", "a.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a.txt: not a folder"));
    assert!(!dir.path().join("a.txt/corpus.toml").exists());
    // A folder of reports naming nobody with a title still gets a corpus.toml.
    let empty = tempfile::tempdir().expect("temp");
    let out = run(&["init"], empty.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 reports, 0 [[person]] stubs"));
    let out = run(&["check"], empty.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_no_corpus_message_names_init() {
    let dir = raw_reports();
    let out = run(&["check", "000_bd05f014e72710d3.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("To start one: summit-ls init ."), "{stderr}");
}
