//! A report read for the corpus index without a [`Document`]: no rope, and a syntax
//! tree only where the index needs one: the front matter is parsed on its own, and the
//! body's links are read line by line as [`CleanText::of_body`] always reads them.
//! Indexing a corpus of thousands of closed reports spent most of its time in the
//! parser otherwise.
//!
//! The result is the same as [`CleanText::of`] and [`Document::front_matter`] on the
//! whole report (a property test below holds the two to it); a front matter that is
//! not closed, which the full parse reads by error recovery, is read by a full parse.

use super::document::Document;
use super::front_matter::FrontMatter;
use super::recognize::clean::CleanText;
use super::syntax;

pub struct Scanned {
    pub front_matter: Option<FrontMatter>,
    pub clean: CleanText,
}

pub fn scan(text: &str) -> Scanned {
    scan_lightly(text).unwrap_or_else(|| {
        let doc = Document::new(text);
        Scanned { front_matter: doc.front_matter().cloned(), clean: CleanText::of(&doc) }
    })
}

/// The scan without a whole-report parse, when the front matter is closed (or absent).
fn scan_lightly(text: &str) -> Option<Scanned> {
    let (front_matter, body_start) = front_matter_lightly(text)?;
    Some(Scanned { front_matter, clean: CleanText::of_body(&text[body_start..], body_start) })
}

/// Only the front matter of a report's text (what a batch check needs of the others).
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    match front_matter_lightly(text) {
        Some((front_matter, _)) => front_matter,
        None => Document::new(text).front_matter().cloned(),
    }
}

/// The front matter and where the body starts, parsing the front matter alone; `None`
/// when only a whole-report parse can say (a front matter that is not closed).
fn front_matter_lightly(text: &str) -> Option<(Option<FrontMatter>, usize)> {
    if !text.starts_with("---") {
        return Some((None, 0));
    }
    let end = front_matter_end(text)?;
    let prefix = &text[..end];
    let tree = syntax::with_parser(|parser| syntax::parse(parser, prefix))?;
    let front_matter = FrontMatter::from_tree_and_text(&tree, prefix)?;
    // Where the front matter ends is the closing fence's business; should the parse of
    // the prefix ever disagree, read the whole report.
    (front_matter.end() == end).then_some((Some(front_matter), end))
}

/// Where a front matter that opens on the first line ends: after its closing fence
/// line, the first later line that is `---` and blanks (the grammar's `fence`).
fn front_matter_end(text: &str) -> Option<usize> {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let is_fence = content.strip_prefix("---").is_some_and(|rest| rest.chars().all(|c| c == ' ' || c == '\t'));
        if i == 0 {
            if !is_fence || content.contains('\r') {
                return None;
            }
        } else if is_fence && !content.contains('\r') {
            return Some(offset);
        } else if content.contains('\r') {
            // A lone CR ends lines too; such files are read by a full parse.
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The front matter, the clean text with every offset mapped back, and the links.
    type Summary = (Option<FrontMatter>, String, Vec<(std::ops::Range<usize>, String, String)>);

    fn full(text: &str) -> Summary {
        let doc = Document::new(text);
        let clean = CleanText::of(&doc);
        summary(doc.front_matter().cloned(), clean)
    }

    fn scanned(text: &str) -> Summary {
        let s = scan(text);
        summary(s.front_matter, s.clean)
    }

    fn summary(fm: Option<FrontMatter>, clean: CleanText) -> Summary {
        let links = clean.links.iter().map(|l| (l.span.clone(), l.kind.clone(), l.target.clone())).collect();
        let offsets = (0..=clean.text.len()).map(|i| clean.to_doc(i).to_string()).collect::<Vec<_>>().join(",");
        (fm, format!("{}|{offsets}", clean.text), links)
    }

    #[test]
    fn a_report_scans_as_it_parses() {
        for text in [
            "---\ntitle: X\ndate: 2014-11-12\n---\nPresident [Xi](person:xi-jinping) met [Obama](person:barack-obama).\n",
            "---\r\ntitle: X\r\n---\r\nA [b](place:c) d\r\n",
            "No front matter [a](person:b)\n---\nmore\n",
            "---\ntitle: X\nnot closed [a](person:b)\n",
            "---\ntitle: [a, b\n---\n[broken](person:\n[ok](meeting:m)\n",
            "",
            "---",
        ] {
            assert_eq!(scanned(text), full(text), "{text:?}");
        }
        for seed in std::fs::read_dir("seeds").expect("seeds").flatten() {
            let text = std::fs::read_to_string(seed.path()).expect("a seed");
            assert!(scan_lightly(&text).is_some() || text.is_empty(), "{}", seed.path().display());
            assert_eq!(scanned(&text), full(&text), "{}", seed.path().display());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        #[test]
        fn scanning_agrees_with_the_full_parse(parts in proptest::collection::vec(prop_oneof![
            Just("---"), Just("\n"), Just("\r\n"), Just("\r"), Just("["), Just("]"), Just("("), Just(")"),
            Just(":"), Just(" "), Just("title: X"), Just("person"), Just("xi"), Just("[Xi](person:xi)"),
            Just("é"), Just("date: 2014-11-12"), Just("#"), Just("["),
        ], 0..40)) {
            let text: String = parts.concat();
            prop_assert_eq!(scanned(&text), full(&text), "{:?}", text);
            prop_assert_eq!(front_matter(&text), Document::new(&text).front_matter().cloned(), "{:?}", text);
        }
    }
}
