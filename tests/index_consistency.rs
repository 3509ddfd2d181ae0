//! The corpus index updated report by report, as the server does on every change,
//! equals the index built from scratch from the final texts (marksman's "paranoid"
//! check): random edit sequences across several reports.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use summit_ls::corpus::document::Document;
use summit_ls::corpus::workspace::Corpus;

const REPORTS: [&str; 5] = [
    "000_bd05f014e72710d3.txt",
    "001_590ab6f40908b9bc.txt",
    "002_570dadb1797cfef4.txt",
    "003_1bc3eefbf81d6a5d.txt",
    "004_bfd07e8ce2afdc7f.txt",
];

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn corpus() -> Corpus {
    let toml = std::fs::read_to_string(seeds().join("corpus.toml")).expect("corpus.toml");
    Corpus::from_manifest(&seeds(), &toml)
}

/// Edits that change what the index holds: meeting ids, dates, places, people,
/// meeting references, titles; and text that changes nothing.
fn edit() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop_oneof![
        Just(("meeting: ", "meeting: bali-2022\nx: ")),
        Just(("date: 20", "date: 19")),
        Just(("Kerry", "Obama")),
        Just(("President Xi", "Xi")),
        Just(("Biden", "Pelosi")),
        Just(("\n---\n", "\nrelated: [sunnylands-2013]\n---\nthe 2022 Bali meeting\n")),
        Just(("title: ", "title: Re: ")),
        Just(("participants: [", "participants: [nancy-pelosi, ")),
        Just(("San Francisco", "Lima")),
        Just(("the", "a")),
        Just(("\n---\n", "\n")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn incremental_index_equals_a_rebuilt_one(steps in prop::collection::vec((0..REPORTS.len(), edit()), 1..30)) {
        let mut texts: Vec<String> = REPORTS.iter().map(|r| std::fs::read_to_string(seeds().join(r)).expect("seed")).collect();
        let mut incremental = corpus();
        for (i, r) in REPORTS.iter().enumerate() {
            incremental.set_report(&seeds().join(r), Some(&Document::new(&texts[i])));
        }
        for (i, (from, to)) in steps {
            texts[i] = texts[i].replacen(from, to, 1);
            let path = seeds().join(REPORTS[i]);
            incremental.set_report(&path, Some(&Document::new(&texts[i])));
        }
        let mut rebuilt = corpus();
        for (i, r) in REPORTS.iter().enumerate() {
            rebuilt.set_report(&seeds().join(r), Some(&Document::new(&texts[i])));
        }
        prop_assert_eq!(&incremental.meetings, &rebuilt.meetings);
        prop_assert_eq!(&incremental.mentions, &rebuilt.mentions);
        prop_assert_eq!(&incremental.titles, &rebuilt.titles);
    }
}
