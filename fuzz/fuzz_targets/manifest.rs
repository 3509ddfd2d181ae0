//! A corpus.toml text: read into a corpus, which then checks a seed report.
#![no_main]

use libfuzzer_sys::fuzz_target;

const REPORT: &str = include_str!("../../seeds/000_bd05f014e72710d3.txt");

fuzz_target!(|data: &[u8]| summit_ls::fuzzing::manifest(REPORT, data));
