//! Meetings referred to by place and year: "the 2022 Bali meeting", "the meeting in San
//! Francisco in 2023", "their San Francisco meeting". Found here as a place and a year;
//! which meeting they mean is decided against the corpus (`meetings::candidates`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::ascii_regex;

#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub span: Range<usize>,
    /// The `[[place]]` id named.
    pub place: String,
    pub year: Option<i16>,
    /// "In Lima, ...": no meeting word, so it counts only when one meeting fits.
    pub weak: bool,
}

const WORD: &str = r"(?:meeting|summit|talks)";

/// `PLACE meeting`, after the place.
static AFTER_PLACE: LazyLock<Option<Regex>> = LazyLock::new(|| ascii_regex(&format!(r"^\s+{WORD}\b")).ok());
/// `YEAR PLACE meeting`: a year right before the place.
static YEAR_BEFORE: LazyLock<Option<Regex>> = LazyLock::new(|| ascii_regex(r"\b(?P<y>(?:19|20)\d\d)\s+$").ok());
/// `meeting in PLACE`, before the place.
static WORD_IN: LazyLock<Option<Regex>> =
    LazyLock::new(|| ascii_regex(&format!(r"\b{WORD}\s+(?:held\s+)?in\s+$")).ok());
/// `meeting in PLACE in YEAR`, after the place.
static IN_YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| ascii_regex(r"^\s+in\s+(?P<y>(?:19|20)\d\d)\b").ok());

/// "In PLACE," opening a sentence.
static IN_OPENING: LazyLock<Option<Regex>> = LazyLock::new(|| ascii_regex(r"(?:^|[.!?]\s+)In\s+$").ok());

/// The meeting references in `text`, given the places found in it.
pub fn find(text: &str, places: &[(Range<usize>, String)]) -> Vec<Reference> {
    let (Some(after_place), Some(year_before), Some(word_in), Some(in_year)) =
        (AFTER_PLACE.as_ref(), YEAR_BEFORE.as_ref(), WORD_IN.as_ref(), IN_YEAR.as_ref())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (span, place) in places {
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..span.start];
        let after = &text[span.end..];
        let year_of = |c: &regex::Captures| c.name("y").and_then(|y| y.as_str().parse::<i16>().ok());
        if let Some(m) = after_place.find(after) {
            let (start, year) = match year_before.captures(before) {
                Some(c) => (line_start + c.get(0).map_or(before.len(), |m| m.start()), year_of(&c)),
                None => (span.start, None),
            };
            out.push(Reference { span: start..span.end + m.end(), place: place.clone(), year, weak: false });
        } else if let Some(m) = word_in.find(before) {
            let (end, year) = match in_year.captures(after) {
                Some(c) => (span.end + c.get(0).map_or(0, |m| m.end()), year_of(&c)),
                None => (span.end, None),
            };
            out.push(Reference { span: line_start + m.start()..end, place: place.clone(), year, weak: false });
        } else if after.starts_with(',') && IN_OPENING.as_ref().is_some_and(|re| re.is_match(before)) {
            out.push(Reference { span: span.clone(), place: place.clone(), year: None, weak: true });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str, place: &str) -> Vec<(String, Option<i16>)> {
        let places: Vec<(Range<usize>, String)> =
            text.match_indices(place).map(|(i, p)| (i..i + p.len(), "p".to_string())).collect();
        find(text, &places).into_iter().map(|r| (text[r.span].to_string(), r.year)).collect()
    }

    #[test]
    fn the_three_shapes_of_the_seeds() {
        assert_eq!(refs("During the 2022 Bali meeting, he", "Bali"), [("2022 Bali meeting".into(), Some(2022))]);
        assert_eq!(
            refs("During the meeting in San Francisco in 2023, he", "San Francisco"),
            [("meeting in San Francisco in 2023".into(), Some(2023))]
        );
        assert_eq!(
            refs("since their San Francisco meeting, the", "San Francisco"),
            [("San Francisco meeting".into(), None)]
        );
    }

    #[test]
    fn in_lima_opening_a_sentence_is_a_weak_reference() {
        let text = "The talks ended. In Lima, President Xi listed seven experiences.";
        let places = vec![(text.find("Lima").unwrap_or(0)..text.find("Lima").unwrap_or(0) + 4, "lima".to_string())];
        let found = find(text, &places);
        assert_eq!(found.len(), 1);
        assert!(found[0].weak);
        assert!(find("Officials in Lima, Peru, said", &places).is_empty());
    }

    #[test]
    fn a_place_alone_is_no_meeting_reference() {
        assert!(refs("President Xi met Biden in San Francisco upon invitation", "San Francisco").is_empty());
    }
}
