//! `summit-ls overview` through the real binary: the page written where asked, and a
//! clear failure outside a corpus.

mod common;

use std::process::Command;

use common::{bin, seed_corpus};

#[test]
fn the_seeds_overview_is_written_to_the_file_asked_for() {
    let corpus = seed_corpus();
    let out = tempfile::tempdir().expect("temp dir");
    let page = out.path().join("overview.html");
    let status = Command::new(bin()).arg("overview").arg(corpus.path()).arg("-o").arg(&page).status().expect("run");
    assert!(status.success());
    let html = std::fs::read_to_string(&page).expect("the page");
    for id in ["sunnylands-2013", "virtual-2021", "bali-2022", "san-francisco-2023", "lima-2024"] {
        assert!(html.contains(id), "{id}");
    }
    assert!(html.contains("<svg"), "a timeline");
    // Nothing is written into the corpus.
    assert!(!corpus.path().join("overview.html").exists());
}

#[test]
fn outside_a_corpus_the_overview_fails_with_a_message() {
    let empty = tempfile::tempdir().expect("temp dir");
    let out = Command::new(bin()).arg("overview").arg(empty.path()).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("summit-ls overview: "), "{out:?}");
    assert!(out.stdout.is_empty());
}
