//! Words said rather than narrated: a quote, or a transcript of remarks. "Today",
//! "tonight", "tomorrow" in them mean the day the words were said (the meeting's
//! `date`), where the narrative's mean the day the report was published.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::ascii_regex;

/// A speaker's label at the start of a line: "PRESIDENT OBAMA:", "Q:", "MS. PSAKI:".
static SPEAKER: LazyLock<Option<Regex>> =
    LazyLock::new(|| ascii_regex(r"(?m)^[ \t]*(?:Q|A|[A-Z][A-Z.'\- ]{1,40}[A-Z.]):[ \t]").ok());
/// A heading that says the text is what was said.
static REMARKS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(r"(?im)^[ \t]*(?:remarks\s+by|transcript\b|(?:joint\s+)?press\s+conference\b|.*\bregular\s+press\s+conference\b)").ok()
});

/// Why words at some place in a text were said, when they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    Quote,
    Transcript,
}

impl Said {
    pub fn describe(self) -> &'static str {
        match self {
            Said::Quote => "said in a quote, so dated by the day it was said (`date`)",
            Said::Transcript => "said in a transcript of remarks, so dated by the day it was said (`date`)",
        }
    }
}

/// The speech of one text: whether it is a transcript, and where its quotes are.
pub struct Speech {
    transcript: bool,
}

impl Speech {
    pub fn of(text: &str) -> Speech {
        let labels = SPEAKER.as_ref().map_or(0, |re| re.find_iter(text).take(2).count());
        let heading =
            REMARKS.as_ref().is_some_and(|re| re.find(text.get(..text.len().min(600)).unwrap_or(text)).is_some());
        Speech { transcript: labels >= 2 || heading }
    }

    /// Whether the words at byte `at` were said, and how we know.
    pub fn at(&self, text: &str, at: usize) -> Option<Said> {
        if self.transcript {
            return Some(Said::Transcript);
        }
        in_quote(text, at).then_some(Said::Quote)
    }
}

const QUOTE_REACH: usize = 4000;

/// Whether byte `at` lies inside a quote of its paragraph: “…”, "…", ``…'' (a quote
/// left open runs to the paragraph's end, as news continues quotes across sentences).
pub fn in_quote(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else { return false };
    // A quote is read back at most `QUOTE_REACH` bytes: longer ones are rare, and a
    // paragraph of thousands of dates must not be read again for each.
    let from = super::tense::floor_boundary(text, at.saturating_sub(QUOTE_REACH));
    let start = before[from..].rfind('\n').map_or(from, |i| from + i + 1);
    let line = &before[start..];
    let mut inside = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{201c}' => inside = true,
            '\u{201d}' => inside = false,
            '"' => inside = !inside,
            '`' if chars.peek() == Some(&'`') => {
                chars.next();
                inside = true;
            }
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                inside = false;
            }
            _ => {}
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_in_their_usual_marks() {
        let text = "He said “we meet today” and left today. She said \"tonight\"; ``tomorrow'' then.";
        let at = |needle: &str, nth: usize| text.match_indices(needle).nth(nth).map_or(0, |(i, _)| i);
        assert!(in_quote(text, at("today", 0)));
        assert!(!in_quote(text, at("today", 1)));
        assert!(in_quote(text, at("tonight", 0)));
        assert!(in_quote(text, at("tomorrow", 0)));
        assert!(!in_quote(text, at("then", 0)));
    }

    #[test]
    fn a_transcript_by_its_speakers_or_its_heading() {
        assert!(Speech::of("PRESIDENT OBAMA: Thank you.\nPRESIDENT XI: Thank you.\n").transcript);
        assert!(Speech::of("Remarks by President Biden and President Xi\n\nWe met today.").transcript);
        assert!(!Speech::of("The two leaders met today. US: a note.").transcript);
    }

    #[test]
    fn odd_input_is_no_quote() {
        assert!(!in_quote("", 0));
        assert!(!in_quote("é“x", 1), "not a char boundary");
        assert!(!Speech::of("").transcript);
        assert!(!in_quote("a “b\r\nc", 8), "a quote ends with its line");
    }
}
