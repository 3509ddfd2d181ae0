//! `check` and the server's indexing on a generated corpus of 2,000 reports: every
//! report checked and indexed. Not a benchmark, and no time is asserted (a shared CI
//! machine's load would make a bound flaky): the figures are in benches/README.md,
//! measured with `cargo bench --bench lsp`; the times printed here are for the log.

mod common;
#[path = "../benches/generate.rs"]
mod generate;

use std::process::Command;
use std::time::Instant;

use common::{Lsp, bin};

const REPORTS: usize = 2_000;

#[test]
fn a_corpus_of_two_thousand_reports_is_checked_and_indexed_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    generate::generate(dir.path(), REPORTS, 42).expect("generate a corpus");

    let started = Instant::now();
    let output = Command::new(bin()).arg("check").arg(dir.path()).output().expect("run check");
    let checked = started.elapsed();
    let summary = String::from_utf8_lossy(&output.stdout).lines().last().unwrap_or_default().to_string();
    assert!(summary.starts_with(&format!("checked {REPORTS} reports in 1 corpus")), "{summary}");
    eprintln!("check on {REPORTS} reports: {checked:?}");

    let started = Instant::now();
    let (mut lsp, _) = Lsp::initialized(dir.path(), false);
    let end = lsp.wait_indexed();
    let indexed = started.elapsed();
    assert_eq!(end["params"]["value"]["message"], format!("{REPORTS} reports"));
    eprintln!("indexing {REPORTS} reports: {indexed:?}");
    lsp.shutdown();
}
