//! The cost of indexing one report, in process: what reading a corpus costs per core
//! before any scheduling, and what a profiler is pointed at.
//!
//!     cargo bench --bench index -- DIR     # a corpus, e.g. one written by
//!                                          # `cargo bench --bench lsp -- --generate DIR N`
//!
//! Reads every report of DIR into memory, then scans each (front matter, clean text,
//! people, places and meeting references: what the corpus index keeps) on one thread,
//! three times, and prints the best round.

use std::path::Path;
use std::time::Instant;

use summit_ls::corpus::workspace::{Corpus, ReportFacts};

fn main() {
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench index -- DIR");
        return;
    };
    let mut corpus = Corpus::open(Path::new(&dir)).expect("a corpus.toml in DIR");
    let paths = corpus.report_paths();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut mentions = 0;
    for _ in 0..3 {
        let started = Instant::now();
        mentions = texts.iter().map(|t| ReportFacts::scan(t, corpus.recognizers()).mentions.len()).sum::<usize>();
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "{} reports, {:.1} MB, {mentions} mentions: {:.0} ms on one thread, {:.1} µs a report, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        best * 1e3,
        best * 1e6 / texts.len().max(1) as f64,
        bytes as f64 / 1e6 / best
    );
    // Recording what was read in the corpus's indexes: what the server does under its
    // lock, a batch at a time.
    let facts: Vec<ReportFacts> = texts.iter().map(|t| ReportFacts::scan(t, corpus.recognizers())).collect();
    let started = Instant::now();
    for (path, facts) in paths.iter().zip(facts) {
        corpus.set_facts(path, Some(facts));
    }
    let recorded = started.elapsed().as_secs_f64();
    println!(
        "recorded in the indexes: {:.0} ms, {:.1} µs a report",
        recorded * 1e3,
        recorded * 1e6 / texts.len().max(1) as f64
    );
    // A snapshot: what every request takes before it is answered.
    let started = Instant::now();
    for _ in 0..1000 {
        drop(std::hint::black_box(corpus.clone()));
    }
    println!("a snapshot of the corpus (clone and drop): {:.2} µs", started.elapsed().as_secs_f64() * 1e3);
}
