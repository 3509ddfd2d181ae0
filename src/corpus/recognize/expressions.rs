//! Time expressions in running text: the rules of dates ([`super::dates`]), clock times
//! ([`super::times`]) and durations ([`super::durations`]) run together on each block of
//! text; overlapping matches go to the longest, then the leftmost.

use std::ops::Range;

use regex::{Captures, Regex};

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
    let mut out = Vec::new();
    for block in blocks(text) {
        let found = find_in(&text[block.clone()]);
        out.extend(
            found.into_iter().map(|f| Found { span: block.start + f.span.start..block.start + f.span.end, ..f }),
        );
    }
    out
}

/// The text's blocks: the stretches between blank lines (lines of spaces at most).
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut at) = (0, 0);
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if start < at {
                out.push(start..at);
            }
            start = at + line.len();
        }
        at += line.len();
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn find_in(text: &str) -> Vec<Found> {
    let mut all: Vec<Found> = Vec::new();
    for rule in dates::RULES.iter().chain(times::RULES.iter()).chain(durations::RULES.iter()) {
        for caps in rule.pattern.captures_iter(text) {
            // A rule may read words around the expression that are not part of it
            // ("for years"): the group `x` is then the expression.
            let Some(m) = caps.name("x").or_else(|| caps.get(0)) else { continue };
            if let Some(meaning) = (rule.handler)(&caps, text, m.range()) {
                all.push(Found { span: m.range(), meaning });
            }
        }
    }
    all.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.len().cmp(&a.span.len())));
    // Longest first among overlaps, then leftmost.
    let mut by_length: Vec<&Found> = all.iter().collect();
    by_length.sort_by(|a, b| b.span.len().cmp(&a.span.len()).then(a.span.start.cmp(&b.span.start)));
    let mut chosen: Vec<Found> = Vec::new();
    for f in by_length {
        if chosen.iter().all(|c| c.span.end <= f.span.start || f.span.end <= c.span.start) {
            chosen.push(f.clone());
        }
    }
    chosen.sort_by_key(|f| f.span.start);
    times::join_days(text, chosen)
}
