//! A cheap guard against an order-of-magnitude slowdown at corpus scale: `check` and the
//! server's indexing on a generated corpus, each under a bound about ten times what
//! this (debug) build takes on the CI machine kind (2-core EPYC). Not a benchmark:
//! the figures are in benches/README.md, measured with `cargo bench --bench lsp`.
//! A report's cost growing with the corpus (a scan of every meeting for every
//! reference, as once happened) shows here as a blown bound.

mod common;
#[path = "../benches/generate.rs"]
mod generate;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{Lsp, bin};

const REPORTS: usize = 2_000;
/// About ten times what the debug build takes on the CI machine kind: `check` 5.0 s,
/// start to the end of indexing 0.6 s (2026-11-22).
const CHECK_BOUND: Duration = Duration::from_secs(50);
const INDEX_BOUND: Duration = Duration::from_secs(6);

#[test]
fn checking_and_indexing_a_corpus_of_two_thousand_reports_stay_within_bounds() {
    let dir = tempfile::tempdir().expect("temp dir");
    generate::generate(dir.path(), REPORTS, 42).expect("generate a corpus");

    let started = Instant::now();
    let output = Command::new(bin()).arg("check").arg(dir.path()).output().expect("run check");
    let checked = started.elapsed();
    let summary = String::from_utf8_lossy(&output.stdout).lines().last().unwrap_or_default().to_string();
    assert!(summary.starts_with(&format!("checked {REPORTS} reports in 1 corpus")), "{summary}");
    eprintln!("check on {REPORTS} reports: {checked:?}");
    assert!(checked < CHECK_BOUND, "check took {checked:?} on {REPORTS} reports (bound {CHECK_BOUND:?})");

    let started = Instant::now();
    let (mut lsp, _) = Lsp::initialized(dir.path(), false);
    let end = lsp.wait_indexed();
    let indexed = started.elapsed();
    assert_eq!(end["params"]["value"]["message"], format!("{REPORTS} reports"));
    eprintln!("indexing {REPORTS} reports: {indexed:?}");
    assert!(indexed < INDEX_BOUND, "indexing took {indexed:?} on {REPORTS} reports (bound {INDEX_BOUND:?})");
    lsp.shutdown();
}
