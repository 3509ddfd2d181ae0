//! Time expressions in running text: the rules of dates ([`super::dates`]), clock times
//! ([`super::times`]) and durations ([`super::durations`]) run together on each block of
//! text; overlapping matches go to the longest, then the leftmost.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex, RegexSet};

use super::timex::Meaning;
use super::{dates, durations, times};

/// A time expression found in a text, with what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub span: Range<usize>,
    pub meaning: Meaning,
}

/// What a rule's match means, given the text and the match's span; `None` when the
/// context says it is no date after all.
pub(super) type Handler = fn(&Captures, &str, Range<usize>) -> Option<Meaning>;

pub(super) struct Rule {
    pattern: Regex,
    handler: Handler,
}

/// Every rule's pattern, in the order [`find`] runs them (`None` if the set cannot be
/// built, which the unit tests rule out: then every rule runs).
static ALL: LazyLock<Option<RegexSet>> = LazyLock::new(|| {
    let rules = dates::RULES.iter().chain(times::RULES.iter()).chain(durations::RULES.iter());
    RegexSet::new(rules.map(|r| r.pattern.as_str())).ok()
});

/// A rule from a pattern of the recognisers' own source; the unit tests compile them all.
pub(super) fn rule(pattern: &str, handler: Handler) -> Rule {
    Rule { pattern: ascii_regex(pattern).unwrap_or_else(|e| panic!("date pattern {pattern:?}: {e}")), handler }
}

/// A regex whose `\b` are ASCII word boundaries. The words matched are English; a
/// Unicode `\b` would make the regex engine leave its fast DFA on any non-ASCII text
/// (’, é, non-breaking spaces), a hundredfold slower.
pub fn ascii_regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
}

/// Every time expression in `text` (dates, clock times, durations, recurrences), in
/// order, none overlapping and none across a blank line: a headline's last word and the
/// next paragraph's first are no one date.
pub fn find(text: &str) -> Vec<Found> {
    let mut all: Vec<Found> = Vec::new();
    // One pass of every rule at once says which rules match at all: most match nowhere
    // in a report, and none in the few words around a meeting word.
    let matching = ALL.as_ref().map(|set| set.matches(text));
    let rules = dates::RULES.iter().chain(times::RULES.iter()).chain(durations::RULES.iter());
    for (i, rule) in rules.enumerate() {
        if matching.as_ref().is_some_and(|m| !m.matched(i)) {
            continue;
        }
        // Each rule runs over the whole text at once; a match across a blank line is
        // run again on each block it covers (rare, and cheaper than every rule on every
        // paragraph).
        for caps in rule.pattern.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            if !has_blank_line(m.as_str()) {
                push(rule, &caps, text, 0, &mut all);
                continue;
            }
            for block in blocks(text, m.range()) {
                let part = &text[block.clone()];
                for caps in rule.pattern.captures_iter(part) {
                    push(rule, &caps, part, block.start, &mut all);
                }
            }
        }
    }
    choose(text, all)
}

/// What a rule's match means, at `offset` in the whole text. A rule may read words
/// around the expression that are not part of it ("for years"): the group `x` is then
/// the expression.
fn push(rule: &Rule, caps: &Captures, text: &str, offset: usize, all: &mut Vec<Found>) {
    let Some(m) = caps.name("x").or_else(|| caps.get(0)) else { return };
    if let Some(meaning) = (rule.handler)(caps, text, m.range()) {
        all.push(Found { span: offset + m.start()..offset + m.end(), meaning });
    }
}

/// Whether a whole line of `s` (between two of its line feeds) is blank.
fn has_blank_line(s: &str) -> bool {
    let Some(first) = s.find('\n') else { return false };
    let Some(last) = s.rfind('\n') else { return false };
    first < last && s[first + 1..last].split('\n').any(|line| line.trim().is_empty())
}

/// The blocks of `range`: the stretches between blank lines (lines of spaces at most).
fn blocks(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut at) = (range.start, range.start);
    for line in text[range.clone()].split_inclusive('\n') {
        if line.trim().is_empty() {
            if start < at {
                out.push(start..at);
            }
            start = at + line.len();
        }
        at += line.len();
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

/// The longest of overlapping expressions, then the leftmost; times joined with the day
/// beside them.
fn choose(text: &str, mut by_length: Vec<Found>) -> Vec<Found> {
    by_length.sort_by(|a, b| b.span.len().cmp(&a.span.len()).then(a.span.start.cmp(&b.span.start)));
    // Chosen spans by start: disjoint, so only the last one starting before a span's end
    // can overlap it.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut chosen: Vec<Found> = Vec::new();
    for f in by_length {
        if taken.range(..f.span.end).next_back().is_some_and(|(_, end)| *end > f.span.start) {
            continue;
        }
        taken.insert(f.span.start, f.span.end);
        chosen.push(f);
    }
    chosen.sort_by_key(|f| f.span.start);
    times::join_days(text, chosen)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::super::timex::{Context, resolve};
    use super::*;

    /// The expressions of `text` with their values against `anchor`.
    fn values(text: &str, anchor: jiff::civil::Date) -> Vec<(&str, String)> {
        let mut ctx = Context::default();
        find(text)
            .into_iter()
            .map(|f| {
                let value = resolve(&f.meaning, Some(anchor), &mut ctx).map(|r| r.value).unwrap_or_else(|e| e);
                (&text[f.span], value)
            })
            .collect()
    }

    #[test]
    fn a_month_ending_a_headline_does_not_join_the_next_paragraphs_day() {
        let text = "Leaders met in January\n\n12 August 2015 - The ministry said";
        assert_eq!(
            values(text, date(2015, 8, 12)),
            [("January", "2015-01".into()), ("12 August 2015", "2015-08-12".into())]
        );
        let crlf = "Leaders to meet in January\r\n \r\n12 August 2015";
        assert_eq!(values(crlf, date(2015, 8, 12))[1], ("12 August 2015", "2015-08-12".into()));
    }

    #[test]
    fn month_abbreviations_without_a_period() {
        let got =
            values("on Oct 4, by Feb 1, 2021, from 21st Mar 2018, since Sept 9, on 14-Mar-2018", date(2021, 1, 10));
        assert_eq!(
            got,
            [
                ("Oct 4", "2020-10-04".into()),
                ("Feb 1, 2021", "2021-02-01".into()),
                ("21st Mar 2018", "2018-03-21".into()),
                ("Sept 9", "2020-09-09".into()),
                ("14-Mar-2018", "2018-03-14".into())
            ]
        );
        // Alone, an abbreviation is too often a name.
        assert!(values("Mar-a-Lago; Jan Peters", date(2021, 1, 10)).is_empty());
    }

    #[test]
    fn a_month_after_a_future_cue_is_ahead() {
        assert_eq!(values("He plans to visit in October.", date(2024, 5, 20)), [("October", "2024-10".into())]);
        assert_eq!(values("He will visit in March.", date(2024, 5, 20)), [("March", "2025-03".into())]);
        assert_eq!(values("He visited in October.", date(2024, 5, 20)), [("October", "2023-10".into())]);
    }

    #[test]
    fn modal_may_is_no_month() {
        for text in ["May we now turn to questions?", "Thank you. May I ask one more?", "“May they prosper,” he said."]
        {
            let got = values(text, date(2024, 5, 20));
            assert!(got.iter().all(|(s, _)| !s.contains("May")), "{text}: {got:?}");
        }
        assert_eq!(values("In May we met.", date(2024, 6, 1)), [("May", "2024-05".into())]);
        assert_eq!(values("May 4 was sunny.", date(2024, 6, 1)), [("May 4", "2024-05-04".into())]);
    }

    #[test]
    fn ranges_of_days() {
        assert_eq!(
            values("from March 3rd through 5th and on 7-8 June", date(2018, 6, 10)),
            [("March 3rd through 5th", "2018-03-03/2018-03-05".into()), ("7-8 June", "2018-06-07/2018-06-08".into())]
        );
        // A later number first is no range.
        assert_eq!(values("June 8-7", date(2018, 6, 10))[0].1, "2018-06-08");
    }

    #[test]
    fn date_times_keep_their_time() {
        assert_eq!(
            values("posted 2023-11-15 14:30, updated 2023-11-16T09:05:10", date(2023, 11, 16)),
            [("2023-11-15 14:30", "2023-11-15T14:30".into()), ("2023-11-16T09:05:10", "2023-11-16T09:05:10".into())]
        );
        assert_eq!(
            values("November 15, 2023, 18:40 local time", date(2023, 11, 16)),
            [("November 15, 2023, 18:40 local time", "2023-11-15T18:40".into())]
        );
    }

    #[test]
    fn a_part_of_the_day_before_or_after_it() {
        assert_eq!(
            values("at mid-afternoon yesterday and tomorrow evening", date(1989, 11, 2)),
            [("mid-afternoon yesterday", "1989-11-01TAF".into()), ("tomorrow evening", "1989-11-03TEV".into())]
        );
        assert_eq!(values("in the fiscal year ended Jan. 31", date(1989, 11, 2))[0], ("the fiscal year", "P1Y".into()));
    }

    #[test]
    fn titles_of_shows_and_papers_are_no_dates() {
        let anchor = date(1998, 3, 1);
        assert!(values("said on ABC's \"This Week,\" and in USA Today", anchor).is_empty());
        assert_eq!(values("He said: \"This week we meet.\"", anchor)[0].0, "This week");
        assert_eq!(values("Leaders Meet This Week", anchor)[0].0, "This Week");
    }

    #[test]
    fn bad_input_finds_nothing_or_what_is_there_without_panicking() {
        assert!(find("").is_empty());
        assert!(find("\r\n\r\n\n").is_empty());
        let huge = "99999999999999999999999999 years, 4294967296 days, 99:99, 31/31/9999, 2024-13-45";
        let got = values(huge, date(2024, 1, 1));
        assert!(got.iter().all(|(_, v)| !v.is_empty()), "{got:?}");
        let non_ascii = "Le 12 novembre, à 9h15 — “Xi’s visit” lasted ½ hour; 東京 3:00 p.m. Ωmega; é";
        for f in find(non_ascii) {
            assert!(non_ascii.is_char_boundary(f.span.start) && non_ascii.is_char_boundary(f.span.end));
        }
        // No stops, no blank lines: each date must not read the whole text again.
        let long = "In May they met today at noon for two hours ".repeat(5_000);
        let started = std::time::Instant::now();
        // "May", "today at noon" (a time on its day) and "two hours".
        assert_eq!(find(&long).len(), 15_000);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }
}
