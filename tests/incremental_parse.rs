//! Random edit sequences applied incrementally give the same text and the same tree
//! as parsing the final text from scratch.

use proptest::prelude::*;
use summit_ls::corpus::document::Document;

const START: &str = "---\ntitle: Xi meets Kerry\ndate: 2014-02-14\nparticipants: [xi-jinping, john-kerry]\n---\n\
Home\u{a0}> China News\r\nPresident [Xi](person:xi-jinping) met Kerry on 14th.\n\u{201c}China\u{2019}s d\u{e9}tente\u{201d}\n";

/// Pieces an annotator types: structure, ids, non-ASCII text, line breaks.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("meeting: ".to_string()),
        Just("[".to_string()),
        Just("](meeting:bali-2022)".to_string()),
        Just(", ".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\u{2019}".to_string()),
        Just("\u{a0}".to_string()),
        Just("#".to_string()),
        "[a-z:\\- ]{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn incremental_edits_match_a_fresh_parse(edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..12, piece()), 1..25)) {
        let mut doc = Document::new(START);
        let mut text = START.to_string();
        for (at, len, insert) in edits {
            let start = floor(&text, at.index(text.len() + 1));
            let end = floor(&text, (start + len).min(text.len()));
            text.replace_range(start..end, &insert);
            doc.edit(start..end, &insert);
            // Reparse after some edits only, as a batch of changes does.
            if len % 2 == 0 {
                doc.reparse();
            }
        }
        doc.reparse();
        prop_assert_eq!(doc.text(), text.clone());
        let fresh = Document::new(&text);
        prop_assert_eq!(doc.tree().root_node().to_sexp(), fresh.tree().root_node().to_sexp());
        prop_assert_eq!(doc.front_matter(), fresh.front_matter());
    }
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
