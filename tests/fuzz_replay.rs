//! Replays the fuzz targets' seed corpora (`fuzz/corpus/<target>/`) and the inputs that
//! once broke them (`fuzz/regressions/<target>/`) through the targets' own checks, on
//! stable Rust and without a fuzzer.

use std::path::{Path, PathBuf};

use summit_ls::fuzzing::{self, Fixture};

const TARGETS: [&str; 4] = ["report", "incremental_sync", "manifest", "transport"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(root().join("seeds").join(name)).expect("seed file")
}

/// The files of `fuzz/<dir>/<target>/`, sorted; none when the directory is absent.
fn inputs(dir: &str, target: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root().join("fuzz").join(dir).join(target)) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.map(|e| e.expect("directory entry").path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

fn replay(target: &str) -> usize {
    let mut fixture = Fixture::new(&seed("corpus.toml"));
    let report = seed("000_bd05f014e72710d3.txt");
    let files: Vec<PathBuf> = ["corpus", "regressions"].iter().flat_map(|dir| inputs(dir, target)).collect();
    for file in &files {
        let data = std::fs::read(file).expect("read input");
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match target {
            "report" => fuzzing::report(&mut fixture, &data),
            "incremental_sync" => fuzzing::incremental_sync(&data),
            "manifest" => fuzzing::manifest(&report, &data),
            "transport" => fuzzing::transport(&data),
            _ => unreachable!("no target {target}"),
        }));
        assert!(run.is_ok(), "fuzz target `{target}` fails on {}", file.display());
    }
    files.len()
}

#[test]
fn the_report_corpus_replays() {
    assert!(replay("report") >= 6, "the seed reports, their corpus.toml and the hostile cases");
}

#[test]
fn the_incremental_sync_corpus_replays() {
    assert!(replay("incremental_sync") >= 5);
}

#[test]
fn the_manifest_corpus_replays() {
    assert!(replay("manifest") >= 3);
}

#[test]
fn the_transport_corpus_replays() {
    assert!(replay("transport") >= 5);
}

#[test]
fn every_target_has_a_corpus() {
    for target in TARGETS {
        assert!(!inputs("corpus", target).is_empty(), "fuzz/corpus/{target}/ is empty");
    }
}
