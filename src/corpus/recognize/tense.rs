//! The tense of the sentence around a date: whether it looks ahead ("will meet on
//! Tuesday", "plans to visit in October") or reports what happened, which decides the
//! year of a month and the week of a weekday.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::ascii_regex;

/// How far a tense cue is looked for, in bytes, either side of a date.
const REACH: usize = 400;

/// The char boundary at or before `at`.
pub fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Words whose period ends no sentence: "a.m.", "U.S.", "Mr.", "Sept.".
fn is_abbreviation(word: &str) -> bool {
    const SHORT: [&str; 24] = [
        "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "no", "vs", "lt",
    ];
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    // "a.m", "U.S", "p": a letter, possibly with others and periods between.
    let initials = !word.is_empty()
        && word.split('.').all(|part| part.chars().count() <= 1 && part.chars().all(char::is_alphabetic));
    initials || SHORT.contains(&word.to_ascii_lowercase().as_str())
}

/// Where the word that ends at `i` starts: after the space before it, which may be
/// wider than a byte (a no-break space).
fn word_start(text: &str, i: usize) -> usize {
    text[..i].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(w, c)| w + c.len_utf8())
}

/// Where the sentence holding `at` starts, looking back no further than `from`.
fn sentence_start(text: &str, from: usize, at: usize) -> usize {
    let mut end = at;
    while let Some(i) = text[from..end].rfind(['.', '!', '?', '\n']) {
        let i = from + i;
        let word_start = word_start(text, i).max(from);
        if text.as_bytes().get(i) != Some(&b'.') || !is_abbreviation(&text[word_start..i]) {
            return i + 1;
        }
        end = i;
    }
    from
}

/// Where the sentence holding `at` ends, looking no further than `to`.
fn sentence_end(text: &str, at: usize, to: usize) -> usize {
    let mut start = at;
    while let Some(i) = text[start..to].find(['.', '!', '?', '\n']) {
        let i = start + i;
        let word_start = word_start(text, i);
        if text.as_bytes().get(i) != Some(&b'.') || !is_abbreviation(&text[word_start..i]) {
            return i;
        }
        start = i + 1;
    }
    to
}

/// Whether the sentence looks ahead at `span`: "will meet on Tuesday", "as soon as
/// Tuesday", "planned to leave on Thursday". A past participle is a lower-case word in
/// -ed ("United States" is none). The tense cue nearest before the expression decides ("said he will begin
/// ... announced Wednesday" is past); without one before it, the first after it does.
pub fn looks_ahead(text: &str, span: &Range<usize>) -> bool {
    static CUES: LazyLock<Option<Regex>> = LazyLock::new(|| {
        ascii_regex(
            r"(?i)\b(?P<future>will|shall|would|'ll|is\s+to|are\s+to|plan(?:s|ned|ning)?\s+to|planned|planning|scheduled|is\s+due|are\s+due|expected\s+to|set\s+to|going\s+to|upcoming|as\s+(?:soon|early)\s+as|until|next(?P<next_to>\s+to)?)\b|\b(?P<past>said|says|told|was|were|had|did|met|began|came|went|took|made|gave|held|left|ago|(?-i:[a-z]+ed))\b|\b(?:be|been|being)\s+[a-z]+ed\b",
        )
        .ok()
    });
    let Some(cues) = CUES.as_ref() else { return false };
    // "since March", "last April": the word right before says it is past.
    let previous = text[..span.start].split_whitespace().next_back().unwrap_or("");
    if previous.eq_ignore_ascii_case("since") || previous.eq_ignore_ascii_case("last") {
        return false;
    }
    // The sentence, read at most `REACH` bytes either way: cues further off say little,
    // and a text without stops must not be read again for every date in it.
    let from = floor_boundary(text, span.start.saturating_sub(REACH));
    let to = floor_boundary(text, span.end.saturating_add(REACH).min(text.len()));
    let start = sentence_start(text, from, span.start);
    let end = sentence_end(text, span.end, to);
    // Each cue says future (true) or past (false); a participle after "be" ("will be
    // named") matches with neither group, and is no cue.
    let cues_in = |range: &str| -> Vec<bool> {
        cues.captures_iter(range)
            // "next to the embassy" is a place, no tense.
            .filter(|c| c.name("next_to").is_none())
            .filter_map(|c| if c.name("future").is_some() { Some(true) } else { c.name("past").map(|_| false) })
            .collect()
    };
    // "Until Thursday, they had not called him": a sentence opening on "until" and the
    // date tells what held before the day; the verb after it says when that was.
    let before = &text[start..span.start];
    let opening_until =
        before.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '`').eq_ignore_ascii_case("until");
    match cues_in(before).last() {
        Some(&future) if !opening_until => future,
        _ => cues_in(&text[span.end..end]).first().copied().unwrap_or(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_no_break_space_before_an_abbreviation_is_no_char_boundary_trap() {
        let text = "He said\u{a0}U.S. talks at 9 P.M.\u{a0}will resume.";
        let at = text.find("talks").unwrap_or(0);
        assert!(sentence_start(text, 0, at) <= at);
        assert!(sentence_end(text, at, text.len()) >= at);
    }

    #[test]
    fn a_period_of_an_abbreviation_ends_no_sentence() {
        let text = "He met them. They have until 9 a.m. Tuesday to sign. Mr. Xi will come Sept. 9.";
        let at = |needle: &str| text.find(needle).unwrap_or(0);
        let tuesday = at("Tuesday")..at("Tuesday") + 7;
        assert!(looks_ahead(text, &tuesday));
        assert_eq!(&text[sentence_start(text, 0, at("Tuesday"))..at("Tuesday")], " They have until 9 a.m. ");
        assert_eq!(
            &text[sentence_start(text, 0, at("Sept. 9"))..sentence_end(text, at("9."), text.len())],
            " Mr. Xi will come Sept. 9"
        );
    }

    #[test]
    fn next_to_and_since_are_no_future() {
        let text = "blasts next to the U.S. embassies on Friday. He has patrolled since March and will stay.";
        let at = |needle: &str| text.find(needle).map_or(0..0, |i| i..i + needle.len());
        assert!(!looks_ahead(text, &at("Friday")));
        assert!(!looks_ahead(text, &at("March")));
    }

    #[test]
    fn an_opening_until_leaves_the_tense_to_the_verb() {
        let at = |text: &str, needle: &str| text.find(needle).map_or(0..0, |i| i..i + needle.len());
        let until = "He spoke. Until Thursday, the police had not named him.";
        assert!(!looks_ahead(until, &at(until, "Thursday")));
        let planned = "Exiles planned a large march in the city on Saturday.";
        assert!(looks_ahead(planned, &at(planned, "Saturday")));
        // "plans" and "plan" are nouns as often: "announced the plan Aug. 21".
        let noun = "The board announced the plan Thursday.";
        assert!(!looks_ahead(noun, &at(noun, "Thursday")));
        let deadline = "They have until Thursday to answer.";
        assert!(looks_ahead(deadline, &at(deadline, "Thursday")));
    }

    #[test]
    fn odd_text_has_its_bounds() {
        assert_eq!(sentence_start("", 0, 0), 0);
        assert_eq!(sentence_end("éé. Then", 0, 9), 4);
        assert_eq!(sentence_end("é. Then", 0, 8), 8);
        assert!(!looks_ahead("é", &(0..2)));
    }
}
