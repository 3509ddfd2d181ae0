//! Reports assembled at random from the pieces real and hostile reports are made of:
//! the checks, the index and the analysis never panic, and every diagnostic and
//! mention lies on character boundaries inside the text.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use summit_ls::corpus::checks::check_report;
use summit_ls::corpus::document::Document;
use summit_ls::corpus::recognize::analyze;
use summit_ls::corpus::workspace::{Corpus, ReportFacts};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Structure, names the seeds' corpus knows, dates, times, durations, meeting words,
/// links whole and broken, numbers too large for any calendar, and text that is not
/// ASCII or not on one line.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("title: Xi Jinping meets Kerry\n".to_string()),
        Just("meeting: bali-2022\n".to_string()),
        Just("date: 2014-02-14\n".to_string()),
        Just("published: 2014-02-15T09:00:00\n".to_string()),
        Just("related: [sunnylands-2013, ".to_string()),
        Just("participants: [xi-jinping, john-kerry]\n".to_string()),
        Just("President Xi Jinping met U.S. Secretary of State John Kerry".to_string()),
        Just(" in Beijing on February 14".to_string()),
        Just(" at 9:15 P.M. EST for four and a half hours".to_string()),
        Just(" since the 2022 Bali meeting and their last summit".to_string()),
        Just(" \"Today we met,\" he said".to_string()),
        Just(" 99999999999999 days after 31/31/99999".to_string()),
        Just("[the talks](meeting:bali-2022)".to_string()),
        Just("[a](".to_string()),
        Just("](person:".to_string()),
        Just("May".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r".to_string()),
        Just("\u{2019}\u{a0}\u{1F600}\u{5317}\u{4eac}".to_string()),
        Just("\u{202e}\u{200d}".to_string()),
        "[A-Za-z0-9:,.\\-\\[\\]() ]{0,12}",
    ]
}

fn on_boundaries(text: &str, range: &std::ops::Range<usize>) -> bool {
    range.start <= range.end && text.is_char_boundary(range.start) && text.is_char_boundary(range.end)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_reports_are_checked_without_a_panic_and_located_within_their_text(
        pieces in prop::collection::vec(piece(), 0..40)
    ) {
        let toml = std::fs::read_to_string(seeds().join("corpus.toml")).expect("corpus.toml");
        let mut corpus = Corpus::from_manifest(&seeds(), &toml);
        let text = pieces.concat();
        let doc = Document::new(&text);
        let path = seeds().join("random.txt");
        // Indexed like a closed report, then checked like an open one.
        corpus.set_facts(&path, Some(ReportFacts::scan(&text, corpus.recognizers())));
        for d in check_report(&doc, &path, corpus.view()) {
            prop_assert!(on_boundaries(&text, &d.range), "{} at {:?} in {text:?}", d.code, d.range);
        }
        for m in analyze(&doc, corpus.recognizers()).mentions {
            prop_assert!(on_boundaries(&text, &m.span), "{:?} in {text:?}", m.span);
        }
    }
}

#[test]
fn a_no_break_space_inside_a_name_before_a_meeting_word_is_no_char_boundary_trap() {
    let toml = std::fs::read_to_string(seeds().join("corpus.toml")).expect("corpus.toml");
    let corpus = Corpus::from_manifest(&seeds(), &toml);
    for text in [
        "\u{2019}\u{a0}\u{1F600}\u{5317}\u{4eac}(Z Talks meeting",
        "A\u{a0}B\u{a0}Geneva summit",
        "Z\u{a0}Lima meeting",
    ] {
        let analysis = analyze(&Document::new(text), corpus.recognizers());
        assert!(analysis.mentions.iter().all(|m| on_boundaries(text, &m.span)), "{text:?}");
    }
}
