//! The corpus index updated report by report, as the server does on every change,
//! equals the index built from scratch from the final texts (marksman's "paranoid"
//! check): random edit sequences across several reports.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use summit_ls::corpus::checks::check_report;
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

fn manifest() -> String {
    std::fs::read_to_string(seeds().join("corpus.toml")).expect("corpus.toml")
}

fn corpus() -> Corpus {
    Corpus::from_manifest(&seeds(), &manifest())
}

/// Edits of corpus.toml that change what reports mean: people, aliases, meetings and
/// places removed or added, roles and dates changed, and text that does not parse (the
/// last good knowledge base stays).
fn manifest_edit() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop_oneof![
        Just(("id = \"wang-yi\"", "id = \"wang-yi-2\"")),
        Just(("aliases = [\"Pelosi\"]", "aliases = []")),
        Just(("id = \"bali-2022\"", "id = \"bali-2022-11\"")),
        Just((
            "\n[[place]]\n",
            "\n[[meeting]]\nid = \"lima-2016\"\ndate = 2016-11-19\nlocation = \"Lima, Peru\"\n\n[[place]]\n"
        )),
        Just(("name = \"Beijing\"", "name = \"Peking\"")),
        // What no matcher reads (no report is read again): a role's dates, a
        // meeting's date.
        Just(("from = 2013-02-01, to = 2017-01-20", "from = 2013-02-01, to = 2013-06-01")),
        Just(("date = 2013-06-07", "date = 2013-06-09")),
        Just(("[[person]]", "[[person")),
        Just(("[[person", "[[person]]")),
    ]
}

/// Every report's diagnostics against a corpus.
fn diagnostics(corpus: &Corpus, texts: &[String]) -> Vec<Vec<(String, std::ops::Range<usize>, String)>> {
    REPORTS
        .iter()
        .zip(texts)
        .map(|(r, text)| {
            check_report(&Document::new(text), &seeds().join(r), corpus.view())
                .into_iter()
                .map(|d| (d.code.to_string(), d.range, d.message))
                .collect()
        })
        .collect()
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// As the server does: a report edit re-indexes that report; a corpus.toml edit
    /// reloads the knowledge base and, when it changes what reports say (a name, an
    /// alias, the documents globs), re-reads every report with it. After any sequence,
    /// the index and every report's diagnostics equal those of a corpus built from the
    /// final texts (caches of resolutions and ids included).
    #[test]
    fn reports_and_corpus_toml_edited_in_turn_equal_a_rebuild(
        steps in prop::collection::vec(prop_oneof![
            (0..REPORTS.len(), edit()).prop_map(|(i, e)| (Some(i), e)),
            manifest_edit().prop_map(|e| (None, e)),
        ], 1..20)
    ) {
        let mut texts: Vec<String> = REPORTS.iter().map(|r| std::fs::read_to_string(seeds().join(r)).expect("seed")).collect();
        let mut toml = manifest();
        let mut last_good = toml.clone();
        let mut incremental = corpus();
        for (i, r) in REPORTS.iter().enumerate() {
            incremental.set_report(&seeds().join(r), Some(&Document::new(&texts[i])));
        }
        // Diagnostics asked between edits fill the caches, as an editor's requests do.
        let _ = diagnostics(&incremental, &texts);
        for (report, (from, to)) in steps {
            match report {
                Some(i) => {
                    texts[i] = texts[i].replacen(from, to, 1);
                    incremental.set_report(&seeds().join(REPORTS[i]), Some(&Document::new(&texts[i])));
                }
                None => {
                    toml = toml.replacen(from, to, 1);
                    // Read again only when what reports say can have changed (the
                    // matchers or the documents globs), as the host decides.
                    if incremental.reload_manifest(&toml) {
                        last_good = toml.clone();
                        if incremental.reading_changed {
                            for (i, r) in REPORTS.iter().enumerate() {
                                incremental.set_report(&seeds().join(r), Some(&Document::new(&texts[i])));
                            }
                        }
                    }
                }
            }
            let _ = diagnostics(&incremental, &texts);
        }
        // A rebuild reads the last corpus.toml that parsed: the server keeps its
        // knowledge base while the text does not.
        let mut rebuilt = Corpus::from_manifest(&seeds(), &last_good);
        for (i, r) in REPORTS.iter().enumerate() {
            rebuilt.set_report(&seeds().join(r), Some(&Document::new(&texts[i])));
        }
        prop_assert_eq!(&incremental.meetings, &rebuilt.meetings);
        prop_assert_eq!(&incremental.mentions, &rebuilt.mentions);
        prop_assert_eq!(&incremental.titles, &rebuilt.titles);
        prop_assert_eq!(diagnostics(&incremental, &texts), diagnostics(&rebuilt, &texts));
    }
}
