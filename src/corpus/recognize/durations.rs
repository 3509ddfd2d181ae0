//! Durations and recurrences in running text: "four and a half hours", "a three-day
//! visit", "more than two hours", "month-long", "for years" (TIMEX3 DURATION), and
//! "every year", "daily", "twice a week" (SET). A modifier ("more than", "nearly") is
//! part of the expression and leaves its value alone, as TimeML's `mod` does.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Captures;

use super::expressions::{Rule, rule};
use super::numbers::{AMOUNT, Amount, amount};
use super::timex::Meaning;

/// A unit of time as a duration counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Length {
    fn parse(word: &str) -> Option<Length> {
        let w = word.to_ascii_lowercase();
        let w = w.trim_end_matches('s');
        Some(match w {
            "second" => Length::Second,
            "minute" => Length::Minute,
            "hour" => Length::Hour,
            "day" => Length::Day,
            "week" => Length::Week,
            "month" => Length::Month,
            "quarter" => Length::Quarter,
            "year" => Length::Year,
            "decade" => Length::Decade,
            "century" | "centurie" => Length::Century,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Length::Second => "second",
            Length::Minute => "minute",
            Length::Hour => "hour",
            Length::Day => "day",
            Length::Week => "week",
            Length::Month => "month",
            Length::Quarter => "quarter",
            Length::Year => "year",
            Length::Decade => "decade",
            Length::Century => "century",
        }
    }

    /// Its ISO 8601 designator and how many of them one unit is; the clock units after
    /// a `T`. Quarters count in months, decades and centuries in years, as TimeML
    /// annotators write them.
    fn designator(self) -> (&'static str, u64, bool) {
        match self {
            Length::Second => ("S", 1, true),
            Length::Minute => ("M", 1, true),
            Length::Hour => ("H", 1, true),
            Length::Day => ("D", 1, false),
            Length::Week => ("W", 1, false),
            Length::Month => ("M", 1, false),
            // ISO 8601 has no quarter designator: a quarter is three months.
            Length::Quarter => ("M", 3, false),
            Length::Year => ("Y", 1, false),
            Length::Decade => ("Y", 10, false),
            Length::Century => ("Y", 100, false),
        }
    }

    /// Half of one unit, in the unit below: (count, unit).
    fn half(self) -> (u64, Length) {
        match self {
            Length::Second => (0, Length::Second),
            Length::Minute => (30, Length::Second),
            Length::Hour => (30, Length::Minute),
            Length::Day => (12, Length::Hour),
            Length::Week => (84, Length::Hour),
            Length::Month => (15, Length::Day),
            Length::Quarter => (45, Length::Day),
            Length::Year => (6, Length::Month),
            Length::Decade => (5, Length::Year),
            Length::Century => (50, Length::Year),
        }
    }
}

/// How long: an amount of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub amount: Amount,
    pub unit: Length,
}

impl Period {
    /// The TIMEX3 value: `P3D`, `PT4H30M`, `P2Y6M`, `PXY`.
    pub fn value(&self) -> String {
        let (code, per, clock) = self.unit.designator();
        let t = if clock { "T" } else { "" };
        match self.amount {
            Amount::Some => format!("P{t}X{code}"),
            Amount::Count(n) => format!("P{t}{}{code}", u64::from(n).saturating_mul(per)),
            Amount::AndHalf(n) => {
                let (half, below) = self.unit.half();
                let (below_code, below_per, below_clock) = below.designator();
                let whole = u64::from(n).saturating_mul(per);
                let mut out = String::from("P");
                let mut in_time = false;
                if whole > 0 {
                    if clock {
                        out.push('T');
                        in_time = true;
                    }
                    out.push_str(&format!("{whole}{code}"));
                }
                if below_clock && !in_time {
                    out.push('T');
                }
                out.push_str(&format!("{}{below_code}", half.saturating_mul(below_per)));
                out
            }
        }
    }

    /// In words, for hovers: "4 and a half hours", "some years".
    pub fn describe(&self) -> String {
        let name = self.unit.name();
        let plural = if name == "century" { "centuries".to_string() } else { format!("{name}s") };
        match self.amount {
            Amount::Some => format!("some {plural}"),
            Amount::Count(1) => format!("1 {name}"),
            Amount::Count(n) => format!("{n} {plural}"),
            Amount::AndHalf(0) => format!("half a {name}"),
            Amount::AndHalf(n) => format!("{n} and a half {plural}"),
        }
    }
}

/// Words before an amount that bound or round it: part of the expression.
const MODIFIER: &str = r"(?:(?:more|less|fewer)\s+than|at\s+least|at\s+most|no\s+more\s+than|up\s+to|nearly|almost|about|around|roughly|approximately|over|under|just\s+over|just\s+under|within|another|an\s+additional|only)\s+";
const UNIT: &str =
    r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centuries|century)";

pub(super) static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(
            &format!(
                r"(?i)\b(?:{MODIFIER}|the\s+(?:(?:first|last|past|next|coming|previous|following|final|latest|initial|remaining)\s+)?)?{AMOUNT}(?:\s+(?:more|additional|straight|consecutive|full|long))?\s+(?:(?:trading|business|working|calendar)\s+)?{UNIT}(?P<half>\s+and\s+a\s+half)?\b"
            ),
            counted,
        ),
        rule(
            r"(?i)\b(?:(?:about|nearly|almost|over|more\s+than|less\s+than)\s+)?half\s+(?:an?\s+)?(?P<unit>hour|day|year|century|decade|minute)\b",
            half,
        ),
        rule(
            r"(?i)\b(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)-(?P<unit>second|minute|hour|day|week|month|year|decade)(?P<long>-long)?\b",
            hyphenated,
        ),
        rule(r"(?i)\b(?P<unit>hour|day|week|month|year|decade)(?P<pl>s)?-?long\b", long),
        rule(r"(?i)\b(?P<unit>minutes|hours|days|weeks|months|years|decades)\b", unit_alone),
        // "in recent weeks": some weeks up to now ("in recent years" is the past, a date).
        rule(r"(?i)\brecent\s+(?P<unit>days|weeks|months|quarters)\b", vague),
        // "in the weeks ahead", "the years to come": some of them from now.
        rule(r"(?i)\bthe\s+(?P<unit>days|weeks|months|years|decades)\s+(?:ahead|to\s+come)\b", vague),
        // "for a while", "for a fairly lengthy period": a stretch of no stated unit (`PXX`).
        rule(
            r"(?i)\b(?:for|after|within)\s+(?P<x>a\s+while|some\s+time|a\s+(?:(?:very|fairly|rather|relatively|considerable)\s+)?(?:long|lengthy|short|brief|considerable|limited)\s+(?:time|period(?:\s+of\s+time)?|while))\b",
            |_, _, _| Some(Meaning::Fixed("PXX".into())),
        ),
        rule(r"(?i)\b(?P<w>hourly|daily|nightly|weekly|monthly|quarterly|yearly|annually)\b", adverb),
        rule(
            r"(?i)\b(?:every|each|per)\s+(?:(?P<n>other|two|three|four|five|six|\d{1,2})\s+)?(?P<unit>minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?)\b",
            every,
        ),
        rule(
            r"(?i)\b(?:once|twice|(?:three|four|five|several|\d{1,2})\s+times)\s+(?:a|an|per|each)\s+(?P<unit>minute|hour|day|week|month|quarter|year|decade)\b",
            every,
        ),
    ]
});

fn unit_of(caps: &Captures) -> Option<Length> {
    Length::parse(caps.name("unit")?.as_str())
}

fn counted(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    let written = caps.name("n")?.as_str();
    let mut unit = unit_of(caps)?;
    let mut amount = amount(written)?;
    let fortnight = caps.name("unit")?.as_str().to_ascii_lowercase().starts_with("fortnight");
    if fortnight {
        unit = Length::Week;
        amount = match amount {
            Amount::Count(n) => Amount::Count(n.saturating_mul(2)),
            other => other,
        };
    }
    if caps.name("half").is_some() {
        amount = match amount {
            Amount::Count(n) => Amount::AndHalf(n),
            _ => return None,
        };
    }
    // "a day-to-day job", "two-year-old": an adjective, read by the rule for those.
    if text[span.end..].starts_with('-') {
        return None;
    }
    let single = matches!(written.to_ascii_lowercase().as_str(), "a" | "an");
    let next = text[span.end..].split_whitespace().next().unwrap_or("");
    // "four years ago" is a date back then, read by the rules for dates; "a week or so
    // ago" too.
    let rest = text[span.end..].trim_start();
    if rest.starts_with("ago") || rest.starts_with("or so ago") {
        return None;
    }
    // "a second term" is an ordinal, "a quarter of the market" a share, "52 years old"
    // an age, "60 Minutes" a name.
    if (single && unit == Length::Second)
        || (unit == Length::Quarter && next == "of" && amount != Amount::Some)
        || next.trim_end_matches(|c: char| !c.is_alphabetic()) == "old"
        || caps.name("unit")?.as_str().starts_with(|c: char| c.is_ascii_uppercase())
            && written.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    // "$20 a year", "5% a month": a rate, so the unit recurs.
    if single && span.start == caps.name("n")?.start() && after_a_quantity(&text[..span.start]) {
        return Some(Meaning::Set(Period { amount: Amount::Count(1), unit }));
    }
    Some(Meaning::Duration(Period { amount, unit }))
}

/// Whether the text ends with a quantity a rate follows: "$20", "5%", "3 million",
/// "twice", "10 percent".
fn after_a_quantity(before: &str) -> bool {
    let word = before.split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
    let word = word.trim_end_matches([',', ')']);
    word.ends_with(|c: char| c.is_ascii_digit() || c == '%')
        || matches!(
            word,
            "percent"
                | "million"
                | "billion"
                | "trillion"
                | "thousand"
                | "dollars"
                | "cents"
                | "euros"
                | "yuan"
                | "times"
        )
}

fn half(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    Some(Meaning::Duration(Period { amount: Amount::AndHalf(0), unit: unit_of(caps)? }))
}

/// "three-day", "45-minute", "eight-year-old": the amount is a number or a number word.
fn hyphenated(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    let written = caps.name("n")?.as_str();
    // "a 6-year-old boy": an age, which TimeML leaves alone.
    if text[span.end..].starts_with("-old") {
        return None;
    }
    let amount = match amount(&written.replace('-', " ")) {
        Some(Amount::Some) if !matches!(written.to_ascii_lowercase().as_str(), "several" | "multi") => return None,
        Some(a) => a,
        None if written.eq_ignore_ascii_case("multi") => Amount::Some,
        None => return None,
    };
    if matches!(written.to_ascii_lowercase().as_str(), "a" | "an") {
        return None;
    }
    Some(Meaning::Duration(Period { amount, unit: unit_of(caps)? }))
}

/// "month-long", "yearlong": one unit; "decades-long": some.
fn long(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let amount = if caps.name("pl").is_some() { Amount::Some } else { Amount::Count(1) };
    Some(Meaning::Duration(Period { amount, unit: unit_of(caps)? }))
}

/// "for years", "took hours": a plural unit alone after a word that makes it a stretch
/// of time, some number of them.
fn unit_alone(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    let previous = text[..span.start].split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
    let stretch = [
        "for",
        "in",
        "over",
        "within",
        "after",
        "follows",
        "following",
        "took",
        "takes",
        "lasted",
        "lasts",
        "spent",
        "spend",
        "wait",
        "waited",
    ];
    if !stretch.contains(&previous.as_str()) {
        return None;
    }
    vague(caps, text, span)
}

/// Some number of units: "in recent weeks", "for years".
fn vague(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    Some(Meaning::Duration(Period { amount: Amount::Some, unit: unit_of(caps)? }))
}

fn adverb(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    let unit = match caps.name("w")?.as_str().to_ascii_lowercase().as_str() {
        "hourly" => Length::Hour,
        "daily" | "nightly" => Length::Day,
        "weekly" => Length::Week,
        "monthly" => Length::Month,
        "quarterly" => Length::Quarter,
        _ => Length::Year,
    };
    // "the daily China Daily": a capitalised word inside a sentence is a name.
    let next = text[span.end..].split_whitespace().next().unwrap_or("");
    let before = text[..span.start].trim_end_matches([' ', '"', '\u{201c}']);
    let capital = caps.name("w")?.as_str().starts_with(|c: char| c.is_uppercase());
    if capital && !(before.is_empty() || before.ends_with(['.', '!', '?', '\n'])) {
        return None;
    }
    // "a weekly magazine": how often the press appears; TimeML reads "the daily
    // tally" and "held daily" alike, as a recurrence.
    let press = ["newspaper", "paper", "magazine", "publication", "journal", "briefing", "press"];
    if press.contains(&next.to_ascii_lowercase().trim_end_matches(|c: char| !c.is_alphabetic())) {
        return None;
    }
    if before_an_amount(&text[span.end..]) {
        return None;
    }
    Some(Meaning::Set(Period { amount: Amount::Count(1), unit }))
}

/// Whether the words after a recurrence adjective name an amount reported per period:
/// "its quarterly dividend", "the quarterly cash dividend", "average daily volume". The
/// adjective says which period the amount covers, not when anything happens, and TimeML
/// leaves it alone; "a daily rally", "held quarterly" keep their recurrence.
fn before_an_amount(after: &str) -> bool {
    const AMOUNTS: [&str; 21] = [
        "dividend",
        "dividends",
        "payout",
        "payouts",
        "payment",
        "payments",
        "result",
        "results",
        "loss",
        "losses",
        "profit",
        "profits",
        "earnings",
        "income",
        "sales",
        "revenue",
        "revenues",
        "volume",
        "turnover",
        "rent",
        "interest",
    ];
    const QUALIFIERS: [&str; 7] = ["cash", "net", "share", "trading", "operating", "pretax", "stock"];
    let word = |w: &str| w.trim_end_matches(|c: char| !c.is_ascii_alphabetic()).to_ascii_lowercase();
    let mut words = after.split_whitespace().map(word);
    match words.next() {
        Some(w) if AMOUNTS.contains(&w.as_str()) => true,
        Some(w) if QUALIFIERS.contains(&w.as_str()) => words.next().is_some_and(|w| AMOUNTS.contains(&w.as_str())),
        _ => false,
    }
}

fn every(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let n = match caps.name("n").map(|n| n.as_str().to_ascii_lowercase()) {
        None => 1,
        Some(w) if w == "other" => 2,
        Some(w) => match amount(&w)? {
            Amount::Count(n) => n,
            _ => return None,
        },
    };
    Some(Meaning::Set(Period { amount: Amount::Count(n), unit: unit_of(caps)? }))
}

#[cfg(test)]
mod tests {
    use super::super::dates::find;
    use super::*;

    fn values(text: &str) -> Vec<(&str, String)> {
        find(text)
            .into_iter()
            .map(|f| {
                let value = match &f.meaning {
                    Meaning::Duration(p) => p.value(),
                    Meaning::Set(p) => format!("SET {}", p.value()),
                    other => format!("{other:?}"),
                };
                (&text[f.span], value)
            })
            .collect()
    }

    #[test]
    fn counted_durations_with_their_modifiers() {
        assert_eq!(
            values("The talks lasted four and a half hours, more than two hours longer than planned."),
            [("four and a half hours", "PT4H30M".into()), ("more than two hours", "PT2H".into())]
        );
        assert_eq!(values("He served 30 years."), [("30 years", "P30Y".into())]);
        assert_eq!(
            values("a five year low after a six year wait"),
            [("five year", "P5Y".into()), ("six year", "P6Y".into())]
        );
        assert_eq!(
            values("nearly an hour; 2 1/2 years; two decades"),
            [("nearly an hour", "PT1H".into()), ("2 1/2 years", "P2Y6M".into()), ("two decades", "P20Y".into())]
        );
        assert_eq!(values("in the first nine months"), [("the first nine months", "P9M".into())]);
        assert_eq!(values("the next few days"), [("the next few days", "PXD".into())]);
        assert_eq!(
            values("half an hour, a minute and a half"),
            [("half an hour", "PT30M".into()), ("a minute and a half", "PT1M30S".into())]
        );
    }

    #[test]
    fn adjectives_of_length() {
        assert_eq!(
            values(
                "a three-day visit, a 45-minute call, the month-long talks, a decades-long feud, a 6-year-old, 52 years old"
            ),
            [
                ("three-day", "P3D".into()),
                ("45-minute", "PT45M".into()),
                ("month-long", "P1M".into()),
                ("decades-long", "PXY".into())
            ]
        );
        assert_eq!(values("a yearlong review"), [("yearlong", "P1Y".into())]);
    }

    #[test]
    fn unspecified_numbers_of_units() {
        assert_eq!(values("It took years. They waited for weeks."), [("years", "PXY".into()), ("weeks", "PXW".into())]);
        assert_eq!(
            values("in the months ahead and the years to come"),
            [("the months ahead", "PXM".into()), ("the years to come", "PXY".into())]
        );
    }

    #[test]
    fn stretches_of_no_stated_unit() {
        assert_eq!(
            values(
                "The envoy will stay for a while. Sanctions stay for a relatively long period; talks paused for some time."
            ),
            [
                ("a while", "Fixed(\"PXX\")".into()),
                ("a relatively long period", "Fixed(\"PXX\")".into()),
                ("some time", "Fixed(\"PXX\")".into())
            ]
        );
        // Without a word that makes it a stretch, no duration: "a while ago", "at some
        // time"; "once in a while" recurs.
        assert_eq!(values("a while ago, at some time, a short time frame, once in a while"), []);
    }

    #[test]
    fn recurrences() {
        assert_eq!(
            values("They meet every year and talk daily."),
            [("every year", "SET P1Y".into()), ("daily", "SET P1D".into())]
        );
        assert_eq!(
            values("It costs $20 a year; twice a week"),
            [("a year", "SET P1Y".into()), ("twice a week", "SET P1W".into())]
        );
        assert!(values("the China Daily and a weekly magazine").is_empty());
        assert_eq!(
            values("reviewed quarterly, a daily rally"),
            [("quarterly", "SET P3M".into()), ("daily", "SET P1D".into())]
        );
    }

    #[test]
    fn a_recurrence_adjective_before_an_amount_is_no_recurrence() {
        assert!(
            values("It raised its quarterly dividend and its monthly cash payment; average daily volume rose.")
                .is_empty()
        );
    }

    #[test]
    fn ordinals_and_numbers_are_no_durations() {
        assert!(values("a second term; a day-to-day job; 2 1/2 percent").is_empty(), "{:?}", values("a second term"));
        assert!(values("99999999999999999999999 years").iter().all(|(_, v)| v.starts_with('P')));
    }
}
