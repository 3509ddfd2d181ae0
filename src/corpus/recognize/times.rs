//! Clock times in running text: "9:15 P.M. EST", "18:40", "11:20 a.m. CET", "noon",
//! "4 in the morning" (TIMEX3 TIME). A time written beside a day ("10 p.m. Wednesday",
//! "on November 15 at 9:15 a.m.") is one expression with that day; alone it falls on the
//! day the text named last, else on the anchor's ([`super::timex`]).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Captures;

use super::expressions::{Found, Rule, rule};
use super::timex::Meaning;

/// Zones news writes after a clock time; the value keeps the clock as written.
const ZONE: &str = r"(?:\s*,?\s*(?P<zone>(?-i:[ECMP][SD]T|GMT|UTC|BST|CES?T|EES?T|MSK|JST|KST|HKT|SGT|AES?T|AEDT|IST|ET|PT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|(?:local|Beijing|Moscow|Washington|Tokyo|Brussels)\s+time)\b)?";

pub(super) static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // 12-hour clock: "9:15 P.M.", "10 p.m", "6 am".
        rule(
            &format!(
                r"(?i)\b(?:(?:around|about|shortly\s+(?:before|after))\s+)?(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s*(?P<ampm>[ap])(?:\.\s?m\b\.?|m\b){ZONE}"
            ),
            twelve_hour,
        ),
        // 24-hour clock: "18:40", "at 09:30 GMT"; not "3:1" or a score of "2:30:15"-like runs.
        rule(&format!(r"(?i)\b(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?::[0-5]\d)?\b{ZONE}"), twenty_four_hour),
        rule(r"(?i)\b(?:(?:about|around|shortly\s+(?:before|after))\s+)?(?P<w>noon|midday|midnight)\b", named),
        rule(
            r"(?i)\b(?P<h>1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o'clock)?\s+(?:in\s+the\s+(?P<part>morning|afternoon|evening)|at\s+night)\b",
            with_part,
        ),
    ]
});

fn zone(caps: &Captures) -> Option<String> {
    caps.name("zone").map(|z| z.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
}

fn twelve_hour(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    // "1.5 pm" or "$10 am...": a number, not an hour.
    if text[..span.start].ends_with(['.', ',', '$']) {
        return None;
    }
    let hour: i8 = caps.name("h")?.as_str().parse().ok()?;
    let minute: i8 = caps.name("m").map_or(Some(0), |m| m.as_str().parse().ok())?;
    let pm = caps.name("ampm")?.as_str().eq_ignore_ascii_case("p");
    let hour = match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    Some(Meaning::Time { hour, minute, zone: zone(caps), on: None })
}

fn twenty_four_hour(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    // Part of a longer run of numbers ("1:2:3", "10:30:45:12", "a 3:1 vote" is no
    // match): digits or a colon touching it.
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    if before.is_some_and(|c| c == ':' || c == '.' || c.is_ascii_digit())
        || after.is_some_and(|c| c == ':' || c.is_ascii_digit())
    {
        return None;
    }
    let hour: i8 = caps.name("h")?.as_str().parse().ok()?;
    let minute: i8 = caps.name("m")?.as_str().parse().ok()?;
    if hour == 24 && minute != 0 {
        return None;
    }
    Some(Meaning::Time { hour, minute, zone: zone(caps), on: None })
}

fn named(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let hour = if caps.name("w")?.as_str().eq_ignore_ascii_case("midnight") { 24 } else { 12 };
    Some(Meaning::Time { hour, minute: 0, zone: None, on: None })
}

fn with_part(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    let written = caps.name("h")?.as_str().to_ascii_lowercase();
    let hour: i8 = match words.iter().position(|w| *w == written) {
        Some(i) => i8::try_from(i + 1).ok()?,
        None => written.parse().ok()?,
    };
    let later = match caps.name("part").map(|p| p.as_str().to_ascii_lowercase()) {
        Some(p) if p == "morning" => false,
        Some(_) => true,
        // "at night": from the evening on, but "one at night" is past midnight.
        None => hour >= 6,
    };
    let hour = match (hour, later) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    Some(Meaning::Time { hour, minute: 0, zone: None, on: None })
}

/// Whether a meaning names one day a clock time can fall on.
fn is_day(m: &Meaning) -> bool {
    matches!(m, Meaning::Day { .. } | Meaning::DayOfMonth(_) | Meaning::Weekday { .. } | Meaning::RelativeDay { .. })
}

/// Joins each clock time with a day written right beside it: "10 p.m. Wednesday", "5
/// p.m. EST, Nov. 9", "Tuesday at 9:15 a.m.", "on November 15 at 9:15". `found` is in
/// order and disjoint; so is the result.
pub(super) fn join_days(text: &str, found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    let mut iter = found.into_iter().peekable();
    while let Some(f) = iter.next() {
        let Some(next) = iter.peek() else {
            out.push(f);
            break;
        };
        let between = text.get(f.span.end..next.span.start).unwrap_or("x");
        let between = if between.contains('\n') { "x" } else { between.trim() };
        let time_first = matches!(f.meaning, Meaning::Time { on: None, .. }) && is_day(&next.meaning);
        let day_first = is_day(&f.meaning) && matches!(next.meaning, Meaning::Time { on: None, .. });
        let joined = (time_first && matches!(between, "" | "," | "on" | ", on"))
            || (day_first && matches!(between, "" | "," | "at" | ", at"));
        if !joined {
            out.push(f);
            continue;
        }
        let Some(next) = iter.next() else { break };
        let (time, day) = if time_first { (f.meaning, next.meaning) } else { (next.meaning, f.meaning) };
        let Meaning::Time { hour, minute, zone, .. } = time else { continue };
        out.push(Found {
            span: f.span.start..next.span.end,
            meaning: Meaning::Time { hour, minute, zone, on: Some(Box::new(day)) },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::dates::find;
    use super::*;

    fn times(text: &str) -> Vec<(&str, i8, i8, Option<String>, bool)> {
        find(text)
            .into_iter()
            .filter_map(|f| match f.meaning {
                Meaning::Time { hour, minute, zone, on } => Some((&text[f.span], hour, minute, zone, on.is_some())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn clock_times_with_zones() {
        assert_eq!(times("at 9:15 P.M. EST the talks ended"), [("9:15 P.M. EST", 21, 15, Some("EST".into()), false)]);
        assert_eq!(
            times("landed at 18:40 local time."),
            [("18:40 local time", 18, 40, Some("local time".into()), false)]
        );
        assert_eq!(times("from 11:20 a.m. CET"), [("11:20 a.m. CET", 11, 20, Some("CET".into()), false)]);
        assert_eq!(times("at 12 a.m. and 12 p.m"), [("12 a.m.", 0, 0, None, false), ("12 p.m", 12, 0, None, false)]);
        assert_eq!(
            times("noon; 4 in the morning"),
            [("noon", 12, 0, None, false), ("4 in the morning", 4, 0, None, false)]
        );
    }

    #[test]
    fn a_time_beside_a_day_is_one_expression() {
        assert_eq!(times("at 10 p.m. Wednesday"), [("10 p.m. Wednesday", 22, 0, None, true)]);
        assert_eq!(times("by 5 p.m. EST, Nov. 9"), [("5 p.m. EST, Nov. 9", 17, 0, Some("EST".into()), true)]);
        assert_eq!(times("on November 15 at 9:15 a.m."), [("November 15 at 9:15 a.m.", 9, 15, None, true)]);
    }

    #[test]
    fn numbers_that_are_no_times() {
        for text in ["a 3:1 vote", "verse 10:30:45:12", "I am here", "sold 1.5 pm", "25:30", "2014-11-12"] {
            assert!(times(text).is_empty(), "{text}: {:?}", times(text));
        }
    }
}
