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

/// Whether the sentence looks ahead at `span`: "will meet on Tuesday", "as soon as
/// Tuesday", "planned to leave on Thursday". A past participle is a lower-case word in
/// -ed ("United States" is none). The tense cue nearest before the expression decides ("said he will begin
/// ... announced Wednesday" is past); without one before it, the first after it does.
pub fn looks_ahead(text: &str, span: &Range<usize>) -> bool {
    static CUES: LazyLock<Option<Regex>> = LazyLock::new(|| {
        ascii_regex(
            r"(?i)\b(?P<future>will|shall|would|'ll|is\s+to|are\s+to|plan(?:s|ned|ning)?\s+to|scheduled|is\s+due|are\s+due|expected\s+to|set\s+to|going\s+to|upcoming|as\s+(?:soon|early)\s+as|until|next)\b|\b(?P<past>said|says|told|was|were|had|did|met|began|came|went|took|made|gave|held|left|ago|(?-i:[a-z]+ed))\b|\b(?:be|been|being)\s+[a-z]+ed\b",
        )
        .ok()
    });
    let Some(cues) = CUES.as_ref() else { return false };
    // The sentence, read at most `REACH` bytes either way: cues further off say little,
    // and a text without stops must not be read again for every date in it.
    let from = floor_boundary(text, span.start.saturating_sub(REACH));
    let to = floor_boundary(text, span.end.saturating_add(REACH).min(text.len()));
    let start = text[from..span.start].rfind(['.', '!', '?', '\n']).map_or(from, |i| from + i + 1);
    let end = text[span.end..to].find(['.', '!', '?', '\n']).map_or(to, |i| span.end + i);
    // Each cue says future (true) or past (false); a participle after "be" ("will be
    // named") matches with neither group, and is no cue.
    let cues_in = |range: &str| -> Vec<bool> {
        cues.captures_iter(range)
            .filter_map(|c| if c.name("future").is_some() { Some(true) } else { c.name("past").map(|_| false) })
            .collect()
    };
    match cues_in(&text[start..span.start]).last() {
        Some(&future) => future,
        None => cues_in(&text[span.end..end]).first().copied().unwrap_or(false),
    }
}
