//! Date expressions in running text: each rule is a pattern and what its match means
//! (found together with times and durations by [`super::expressions`]). Values are
//! computed in [`super::timex`]. Rules are written for English news and reports, with
//! month and weekday names capitalised as news writes them (so "may" and "march" stay
//! verbs).

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};
use regex::Captures;

pub use super::expressions::{Found, ascii_regex, find};

use super::durations::{Length, Period};
use super::expressions::{Rule, rule};
use super::numbers::Amount;
use super::tense::looks_ahead;
use super::timex::{DayPart, Direction, Holiday, Meaning, Season, Unit};

const MONTH: &str = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)";
/// A month beside a day number, where an abbreviation needs no period ("Oct 4", "21st
/// Mar 2018"): alone, "Mar" and "Jan" are too often names.
const MONTH_D: &str = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Jan\b|Feb\b|Mar\b|Apr\b|Jun\b|Jul\b|Aug\b|Sept\b|Sep\b|Oct\b|Nov\b|Dec\b)";
/// The last day of a range after its first: "3-5", "3rd through 5th", "3 to 5".
const LAST: &str = r"(?:\s*(?:[-–]|\s(?:through|thru|to|until|till)\s)\s*(?P<last>[0-3]?\d)(?:st|nd|rd|th)?\b)";
const DAY: &str = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?";
const YEAR: &str = r"(?P<year>(?:1[6-9]|20)\d\d)";
const WEEKDAY: &str = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const PART: &str = r"(?:\s+(?P<part>morning|afternoon|evening|night))?";
/// Number words of a spelled year's last two digits.
const TENS: &str = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|four|five|six|seven|eight|nine)";
const UNITS: &str = r"(?:one|two|three|four|five|six|seven|eight|nine)";
const NUMBER: &str = r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})";

pub(super) static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(
            r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?)?\b",
            iso_day,
        ),
        rule(
            r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?:\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ampm>[aApP])(?:\.[mM]\.|[mM]\b))?)?",
            us_day,
        ),
        rule(
            &format!(
                r"\b(?:(?P<rel>last|next)\s+|{WEEKDAY},?\s+)?{MONTH_D}\s+{DAY}{LAST}?(?:,?\s+{YEAR})?(?:\s+local\s+time)?\b"
            ),
            month_day,
        ),
        rule(
            &format!(
                r"\b(?:(?P<first>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*|\s+(?:through|thru|to|until|till)\s+))?{DAY}\s+(?:of\s+)?{MONTH_D}(?:,?\s+{YEAR})?\b"
            ),
            month_day,
        ),
        rule(&format!(r"\b{DAY}-{MONTH_D}-{YEAR}\b"), month_day),
        rule(&format!(r"\b(?:(?P<mod>early|late|mid)[-\s]+)?{MONTH}(?:,?\s+{YEAR})?\b"), month),
        rule(&format!(r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+{MONTH}"), month),
        rule(&format!(r"\b{MONTH}\s+(?P<yrel>last|this|next)\s+year\b"), month),
        rule(&format!(r"\b(?:(?:early|late|mid)[-\s]+|fiscal\s+)?{YEAR}\b"), year),
        rule(r"\b(?:the\s+)?(?:mid-|early\s+|late\s+)?(?P<dec>1[89]\d|20\d)0s\b", decade),
        rule(r"\bon\s+(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b", day_of_month),
        rule(&format!(r"\b(?:(?P<rel>last|next|this\s+coming|this|past|coming)\s+)?{WEEKDAY}{PART}\b"), weekday),
        rule(
            r"(?i)\b(?:(?:mid[-\s]?|early\s+|late\s+)?(?P<before>morning|afternoon|evening)\s+)?(?P<rel>today|tonight|yesterday|tomorrow)\b(?:\s+(?P<part>morning|afternoon|evening|night))?",
            relative_day,
        ),
        rule(r"(?i)\b(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night)\b", relative_day),
        // "by mid-afternoon": the part of the report's day.
        rule(r"(?i)\bmid[-\s]?(?P<part>morning|afternoon)\b", |caps, _, _| {
            Some(Meaning::RelativeDay { offset: 0, part: day_part(caps) })
        }),
        rule(
            r"(?i)\b(?:(?:earlier|later|early|late)\s+)?(?P<rel>this|last|next|the\s+past|the\s+coming|the\s+previous|the\s+latest|the\s+current)\s+(?P<unit>year|month|week|weekend|quarter)\b",
            relative_unit,
        ),
        rule(r"(?i)\b(?:the|this|last|next)\s+weekend\b", weekend),
        rule(
            &format!(
                r"(?i)\b(?:(?:nearly|almost|about|some|roughly|around|just|more\s+than|over|less\s+than)\s+)?{NUMBER}\s+(?P<unit>year|month|week|day)s?\s+(?P<dir>ago|earlier|before)\b"
            ),
            ago,
        ),
        rule(
            r"(?i)\b(?:several|a\s+few|a\s+couple\s+of|many|some)\s+(?:years|months|weeks|days|decades)\s+(?:ago|earlier|before)\b",
            |_, _, _| Some(Meaning::Reference("PAST_REF")),
        ),
        rule(
            r"(?i)\b(?:the\s+)?(?:comparable\s+|same\s+)?year-(?:earlier|ago)(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period))?\b",
            |_, _, _| Some(Meaning::YearEarlier),
        ),
        rule(r"(?i)\b(?:the\s+)?quarter\s+a\s+year\s+(?:ago|earlier)\b", |_, _, _| Some(Meaning::YearEarlier)),
        rule(r"(?i)\b(?:in\s+)?recent\s+years\b", |_, _, _| Some(Meaning::Reference("PAST_REF"))),
        rule(
            r"(?i)\b(?:the\s+)?(?:(?P<y1>(?:19|20)\d\d)\s+|fiscal[-\s]+|latest\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+quarter(?:\s+of\s+(?P<y2>(?:19|20)\d\d))?\b",
            quarter,
        ),
        rule(r"(?i)\b(?:the|this|the\s+latest|the\s+most\s+recent|the\s+current)\s+quarter\b", quarter),
        rule(r"\bQ(?P<q>[1-4])\b", quarter),
        rule(
            r"(?i)\b(?:(?P<rel>last|this\s+past|this|next|the)\s+(?:(?:early|late)\s+)?)?(?P<season>spring|summer|fall|autumn|winter)\b",
            season,
        ),
        rule(
            r"(?i)\b(?:(?P<rel>last|this|next)\s+)?(?P<h>Thanksgiving(?:\s+Day)?|Election\s+Day|Christmas(?:\s+Day|\s+Eve)?|New\s+Year(?:'|’)s(?:\s+Day|\s+Eve)?|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Veterans(?:'|’)?\s+Day)\b",
            holiday,
        ),
        rule(r"(?i)\bthe\s+(?P<y>(?:19|20)\d\d)\s+(?:period|quarter)\b", quarter_of_year),
        rule(
            r"(?i)\b(?:the\s+(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?P<rel>last|this|next)\s+year|(?P<rel2>last|this|next)\s+year(?:'|’)s\s+(?:(?P<q>first|second|third|fourth)\s+)?(?:period|quarter))\b",
            quarter_of_year,
        ),
        rule(r"(?i)\bthe\s+(?:last|past|previous)\s+decade\b", |_, _, _| Some(Meaning::LastDecade)),
        rule(
            r"(?i)\b(?:in\s+)?(?:the\s+)?(?:coming\s+(?:months|quarters)|future\s+quarters|(?:near|short)\s+term)\b",
            |_, _, _| Some(Meaning::Reference("FUTURE_REF")),
        ),
        rule(r"(?i)\bthe\s+year\b", the_year),
        rule(r"(?i)\bthe\s+(?:latest|most\s+recent)\s+period\b", |_, _, _| {
            Some(Meaning::QuarterOfYear { year: None, year_offset: 0, quarter: None })
        }),
        rule(r"(?i)\b(?:(?:will|may|might|could|would|should|to)\s+soon|soon\s+(?:will|to))\b", |caps, _, _| {
            // "may soon seek", "it soon will begin": the future. ("soon after", "was soon
            // released" are no date.)
            caps.get(0).map(|_| Meaning::Reference("FUTURE_REF"))
        }),
        rule(r"(?i)\b(?:earlier|later)\s+in\s+the\s+year\b", |_, _, _| {
            Some(Meaning::RelativeUnit { unit: Unit::Year, offset: 0 })
        }),
        rule(r"(?i)\bthe\s+(?:full|current\s+fiscal|fiscal)\s+year\b", |_, text, span| {
            // "the fiscal year ended Jan. 31": a year long, as "the year ended" is.
            let next = text[span.end..].split_whitespace().next().unwrap_or("");
            Some(match next {
                "ended" | "ending" => Meaning::Duration(Period { amount: Amount::Count(1), unit: Length::Year }),
                _ => Meaning::RelativeUnit { unit: Unit::Year, offset: 0 },
            })
        }),
        rule(
            r"(?i)\bthe\s+(?P<dec>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
            spelled_decade,
        ),
        rule(r"(?i)\b(?:now|currently|current|nowadays|at\s+present|these\s+days|at\s+the\s+moment)\b", |_, _, _| {
            Some(Meaning::Reference("PRESENT_REF"))
        }),
        rule(r"(?i)\b(?:recently|lately)\b", |_, _, _| Some(Meaning::Reference("PAST_REF"))),
        rule(
            &format!(
                r"(?i)\b(?:the\s+)?(?:year\s+)?(?:nineteen|two\s+thousand)(?:[-\s]+(?:and\s+)?{TENS}(?:-{UNITS})?)?\b"
            ),
            spelled_year,
        ),
        rule(
            &format!(
                r"(?i)\b(?:{MONTH}|the\s+(?P<season>spring|summer|fall|autumn|winter)\s+of)\s+(?P<sy>(?:nineteen|two\s+thousand)(?:[-\s]+(?:and\s+)?{TENS}(?:-{UNITS})?)?)\b"
            ),
            with_spelled_year,
        ),
        rule(r"(?i)\b(?:the\s+|this\s+|last\s+)?(?P<c>\d{1,2})(?:st|nd|rd|th)\s+century\b|\bthis\s+century\b", century),
        rule(r"(?i)\b(?:in\s+)?the\s+past\b", past),
        rule(
            r"(?i)\b(?:(?:later|earlier)\s+)?(?P<rel>that|the\s+same|the\s+following)\s+(?P<unit>year|month)\b",
            anaphoric,
        ),
        rule(
            &format!(
                r"\b(?i:each|every)\s+(?:{WEEKDAY}|(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December))\b"
            ),
            each,
        ),
        // "the next day", "the following morning", "the previous day": told from the day
        // named before; a part of it, as with a weekday, leaves the day alone.
        rule(r"(?i)\bthe\s+(?P<rel>next|following|previous)\s+(?:day|morning|afternoon|evening)\b", |caps, _, _| {
            let offset = if caps.name("rel")?.as_str().eq_ignore_ascii_case("previous") { -1 } else { 1 };
            Some(Meaning::Anaphoric { unit: Unit::Day, offset })
        }),
        // "the week of March 6": the ISO week holding the day.
        rule(&format!(r"\b(?i:the\s+week\s+of)\s+{MONTH_D}\s+{DAY}(?:,?\s+{YEAR})?\b"), |caps, text, span| {
            Some(Meaning::WeekOf(Box::new(month_day(caps, text, span)?)))
        }),
        // "the day before last Tuesday", "the day after Nov. 3": a day from the one named.
        rule(
            &format!(r"\b(?i:the\s+day\s+(?P<side>before|after))\s+{MONTH_D}\s+{DAY}(?:,?\s+{YEAR})?\b"),
            |caps, text, span| day_shift(caps, month_day(caps, text, span)?),
        ),
        rule(
            &format!(
                r"\b(?i:the\s+day\s+(?P<side>before|after))\s+(?:(?P<rel>last|next|this\s+coming|this|past|coming)\s+)?{WEEKDAY}\b"
            ),
            |caps, text, span| day_shift(caps, weekday(caps, text, span)?),
        ),
        // "on Mondays", "Tuesday nights": a weekday in the plural recurs.
        rule(&format!(r"\b{WEEKDAY}(?:s|\s+(?P<part>morning|afternoon|evening|night)s)\b"), each),
        rule(
            &format!(r"(?i)\b(?:the\s+)?(?P<h>first|second|last|latter)\s+half\s+of\s+(?:fiscal\s+)?{YEAR}\b"),
            half_year,
        ),
        rule(
            &format!(r"\b{MONTH_D}\s+{DAY},?\s+(?:and|or)\s+(?P<x>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+{YEAR}\b)?"),
            second_day,
        ),
        rule(r"(?i)\b(?P<in>in\s+)?the\s+(?:near\s+|distant\s+)?future\b", |caps, text, span| {
            // "the future of the alliance": what becomes of it, a noun, not a time.
            let next = text[span.end..].split_whitespace().next().unwrap_or("");
            (caps.name("in").is_some() || next != "of").then_some(Meaning::Reference("FUTURE_REF"))
        }),
    ]
});

fn num<T: std::str::FromStr>(caps: &Captures, name: &str) -> Option<T> {
    caps.name(name)?.as_str().parse().ok()
}

fn month_number(name: &str) -> Option<i8> {
    let key = name.trim_end_matches('.').get(..3)?.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == key).and_then(|i| i8::try_from(i + 1).ok())
}

fn iso_day(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let (year, month, day) = (num(caps, "y")?, num(caps, "m")?, num(caps, "d")?);
    let date = Date::new(year, month, day).ok()?;
    match num::<i8>(caps, "h") {
        Some(hour) => Some(Meaning::Timestamp { date, hour, minute: num(caps, "mi")?, second: num(caps, "s") }),
        None => Some(Meaning::Day { year: Some(year), month, day, ahead: false }),
    }
}

fn us_day(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let (year, month, day): (i16, i8, i8) = (num(caps, "y")?, num(caps, "m")?, num(caps, "d")?);
    let date = Date::new(year, month, day).ok()?;
    let Some(hour) = num::<i8>(caps, "h") else {
        return Some(Meaning::Day { year: Some(year), month, day, ahead: false });
    };
    let pm = caps.name("ampm").is_some_and(|m| m.as_str().eq_ignore_ascii_case("p"));
    let am = caps.name("ampm").is_some_and(|m| m.as_str().eq_ignore_ascii_case("a"));
    let hour = match (hour, pm, am) {
        (12, false, true) => 0,
        (h, true, _) if h < 12 => h + 12,
        (h, _, _) => h,
    };
    Some(Meaning::Timestamp { date, hour, minute: num(caps, "mi")?, second: num(caps, "s") })
}

fn month_day(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    let month = month_number(caps.name("mon")?.as_str())?;
    let day: i8 = num(caps, "day")?;
    if !(1..=31).contains(&day) || is_modal_may(caps, text) {
        return None;
    }
    // "last Oct. 23" is behind the anchor, "next May 2" ahead of it. A weekday in front
    // ("Saturday, April 25") is part of the date.
    let ahead = match caps.name("rel").map(|r| r.as_str()) {
        Some("next") => true,
        Some(_) => false,
        None => looks_ahead(text, &span),
    };
    let year = num(caps, "year");
    // A range: "March 3rd through 5th", "7-8 June"; a later day than the first only.
    let range = match (num::<i8>(caps, "first"), num::<i8>(caps, "last")) {
        (Some(first), _) if first < day => Some((first, day)),
        (None, Some(last)) if day < last && last <= 31 => Some((day, last)),
        _ => None,
    };
    Some(match range {
        Some((first, last)) => Meaning::DayRange { year, month, first, last, ahead },
        None => Meaning::Day { year, month, day, ahead },
    })
}

/// "May we now turn to questions", "May I ask": the verb, at the start of a sentence
/// and before a pronoun, not the month.
fn is_modal_may(caps: &Captures, text: &str) -> bool {
    let Some(mon) = caps.name("mon").filter(|m| m.as_str() == "May") else { return false };
    let before = text[..mon.start()].trim_end_matches([' ', '\t', '"', '\u{201c}', '\u{2018}', '\'']);
    let starts_sentence = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']);
    let next = text[mon.end()..].split_whitespace().next().unwrap_or("");
    let next = next.trim_end_matches(|c: char| !c.is_alphabetic());
    let pronoun = ["I", "we", "you", "he", "she", "it", "they", "We", "You", "He", "She", "It", "They", "there"];
    starts_sentence && pronoun.contains(&next)
}

fn month(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    let month = month_number(caps.name("mon")?.as_str())?;
    if is_modal_may(caps, text) {
        return None;
    }
    // "the March of the Combatants", "March for Life": a name, not a month; but "in
    // March for health reasons", "since February for $25 billion" are the month.
    let next = text[span.end..].split_whitespace().next().unwrap_or("");
    let previous = text[..span.start].split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
    let of_time = matches!(
        previous.as_str(),
        "in" | "since" | "by" | "until" | "till" | "before" | "after" | "during" | "from" | "through" | "throughout"
    );
    if caps.name("year").is_none() && matches!(next, "of" | "for") && !of_time {
        return None;
    }
    let shift = |word: &str| match word {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    if let Some(rel) = caps.name("yrel") {
        return Some(Meaning::MonthShift { month, shift: 0, year_offset: Some(i16::from(shift(rel.as_str()))) });
    }
    match caps.name("rel") {
        None => Some(Meaning::Month { year: num(caps, "year"), month, ahead: looks_ahead(text, &span) }),
        Some(rel) => {
            Some(Meaning::MonthShift { month, shift: shift(&rel.as_str().to_ascii_lowercase()), year_offset: None })
        }
    }
}

fn year(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    // A number, not a year, when it touches other digits or signs: "$1990", "1990%".
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    if before.is_some_and(|c| c == '$' || c == '£' || c == '€' || c == '.' || c == ',' || c.is_ascii_digit())
        || after.is_some_and(|c| c == '%' || c.is_ascii_digit())
        || starts_with_decimal(&text[span.end..])
    {
        return None;
    }
    Some(Meaning::Year(num(caps, "year")?))
}

/// Years as broadcast transcripts spell them: "nineteen ninety-six", "two thousand".
fn spelled_year(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    Some(Meaning::Year(spelled_year_value(caps.get(0)?.as_str())?))
}

/// "nineteen ninety-six", "the year two thousand": 1996, 2000.
fn spelled_year_value(text: &str) -> Option<i16> {
    let units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    let teens =
        ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    let whole = text.to_ascii_lowercase();
    let words: Vec<&str> = whole
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "the" && *w != "year" && *w != "and")
        .collect();
    let (century, rest) = match words.as_slice() {
        ["nineteen", rest @ ..] => (1900, rest),
        ["two", "thousand", rest @ ..] => (2000, rest),
        _ => return None,
    };
    let below_hundred = match rest {
        [] if century == 2000 => 0,
        [t] => teens
            .iter()
            .position(|w| w == t)
            .map(|i| i + 10)
            .or_else(|| tens.iter().position(|w| !w.is_empty() && w == t).map(|i| i * 10))?,
        [t, u] => {
            tens.iter().position(|w| !w.is_empty() && w == t)? * 10
                + units.iter().position(|w| w == u).filter(|i| *i > 0)?
        }
        _ => return None,
    };
    i16::try_from(century + below_hundred).ok()
}

/// A month or a season with a year in words: "January nineteen ninety-seven", "the
/// winter of nineteen ninety-four".
fn with_spelled_year(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let year = spelled_year_value(caps.name("sy")?.as_str())?;
    if let Some(mon) = caps.name("mon") {
        return Some(Meaning::Month { year: Some(year), month: month_number(mon.as_str())?, ahead: false });
    }
    let season = season_of(caps.name("season")?.as_str());
    Some(Meaning::Season { season, year_offset: None, year: Some(year) })
}

/// "the 20th century" is 19xx: TIMEX3 writes a century as its first two digits.
fn century(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    match num::<i16>(caps, "c") {
        Some(c) if (1..=30).contains(&c) => Some(Meaning::Century(Some(c - 1))),
        Some(_) => None,
        None => Some(Meaning::Century(None)),
    }
}

/// ".5" or ",000": the digits before were a number's.
fn starts_with_decimal(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('.' | ',')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

fn decade(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    Some(Meaning::Decade(num(caps, "dec")?))
}

fn day_of_month(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    // "on 14th February" is a month and day, found by another rule.
    let rest = text[span.end..].trim_start();
    if rest.starts_with(|c: char| c.is_ascii_uppercase()) && month_number(rest.split_whitespace().next()?).is_some() {
        return None;
    }
    let day: i8 = num(caps, "day")?;
    (1..=31).contains(&day).then_some(Meaning::DayOfMonth(day))
}

fn day_part(caps: &Captures) -> Option<DayPart> {
    // The part after the day ("yesterday morning") or before it ("mid-afternoon
    // yesterday").
    let part = caps.name("part").or_else(|| caps.name("before"))?;
    Some(match part.as_str().to_ascii_lowercase().as_str() {
        "morning" => DayPart::Morning,
        "afternoon" => DayPart::Afternoon,
        "evening" => DayPart::Evening,
        _ => DayPart::Night,
    })
}

fn weekend(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    let word = caps.get(0)?.as_str().split_whitespace().next()?.to_ascii_lowercase();
    Some(Meaning::Weekend(match word.as_str() {
        "last" => Direction::Before,
        "next" => Direction::After,
        _ if looks_ahead(text, &span) => Direction::OnOrAfter,
        _ => Direction::OnOrBefore,
    }))
}

fn weekday(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    let weekday = match caps.name("wd")?.as_str() {
        "Monday" => Weekday::Monday,
        "Tuesday" => Weekday::Tuesday,
        "Wednesday" => Weekday::Wednesday,
        "Thursday" => Weekday::Thursday,
        "Friday" => Weekday::Friday,
        "Saturday" => Weekday::Saturday,
        _ => Weekday::Sunday,
    };
    let direction = match caps.name("rel").map(|r| r.as_str()) {
        Some("last" | "past") => Direction::Before,
        Some("next") => Direction::After,
        Some(r) if r.ends_with("coming") => Direction::After,
        _ if looks_ahead(text, &span) => Direction::OnOrAfter,
        _ => Direction::OnOrBefore,
    };
    Some(Meaning::Weekday { weekday, direction, part: day_part(caps) })
}

/// The day before or after the one `day` names.
fn day_shift(caps: &Captures, day: Meaning) -> Option<Meaning> {
    let offset = if caps.name("side")?.as_str().eq_ignore_ascii_case("before") { -1 } else { 1 };
    Some(Meaning::DayShift { day: Box::new(day), offset })
}

/// A capitalised expression named as a title: "ABC's \"This Week,\"", "USA Today", not
/// this week or today. Every word capitalised, and an opening quote (not one opening a
/// sentence said) or an acronym right before it; a headline in capitals stays a date.
fn is_a_name(text: &str, span: &Range<usize>) -> bool {
    let words: Vec<&str> = text[span.clone()].split_whitespace().collect();
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_ascii_uppercase());
    if !words.iter().all(|w| capitalised(w)) {
        return false;
    }
    let before = text[..span.start].trim_end_matches(' ');
    let previous = before.split_whitespace().next_back().unwrap_or("");
    let quoted = before.ends_with(['"', '\u{201c}', '`'])
        && !before.trim_end_matches(['"', '\u{201c}', '`']).trim_end().ends_with([',', ':', '.']);
    let acronym = previous.len() >= 2 && previous.chars().all(|c| c.is_ascii_uppercase());
    (words.len() > 1 && quoted) || acronym
}

fn relative_day(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    let rel = caps.name("rel")?.as_str().to_ascii_lowercase();
    // "today's world", "today’s youth": the present in general, no day.
    let rest = &text[span.end..];
    if rel == "today" && (rest.starts_with("'s") || rest.starts_with("’s")) || is_a_name(text, &span) {
        return None;
    }
    let (offset, part) = match rel.as_str() {
        "today" => (0, day_part(caps)),
        "tonight" => (0, Some(DayPart::Night)),
        "yesterday" => (-1, day_part(caps)),
        "tomorrow" => (1, day_part(caps)),
        "this" => (0, day_part(caps)),
        // "last night", "last evening": the day before.
        _ => (-1, day_part(caps)),
    };
    Some(Meaning::RelativeDay { offset, part })
}

fn unit(caps: &Captures) -> Option<Unit> {
    Some(match caps.name("unit")?.as_str().to_ascii_lowercase().as_str() {
        "year" => Unit::Year,
        "quarter" => Unit::Quarter,
        "month" => Unit::Month,
        "week" => Unit::Week,
        "weekend" => Unit::Weekend,
        _ => Unit::Day,
    })
}

fn relative_unit(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    if is_a_name(text, &span) {
        return None;
    }
    let unit = unit(caps)?;
    let rel =
        caps.name("rel").map(|r| r.as_str().to_ascii_lowercase().split_whitespace().collect::<Vec<_>>().join(" "));
    let offset = match rel.as_deref() {
        Some("last" | "the past" | "the previous") => -1,
        Some("next" | "the coming") => 1,
        // "the latest quarter" is the last one reported.
        Some("the latest") if unit == Unit::Quarter => return Some(Meaning::Quarter { year: None, quarter: None }),
        _ => 0,
    };
    Some(Meaning::RelativeUnit { unit, offset })
}

/// The number in a `NUMBER` group: "a", "two", "12".
fn count(caps: &Captures) -> Option<i32> {
    let words =
        ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    let raw = caps.name("n")?.as_str().to_ascii_lowercase();
    match raw.as_str() {
        "an" => Some(1),
        w => words.iter().position(|x| *x == w).map(|i| i.max(1) as i32).or_else(|| w.parse().ok()),
    }
}

fn ago(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let n = count(caps)?;
    let unit = unit(caps)?;
    if n == 1 && unit == Unit::Year {
        return Some(Meaning::YearEarlier);
    }
    Some(Meaning::Ago { unit, n })
}

fn quarter(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let quarter = caps.name("q").map(|q| match q.as_str().to_ascii_lowercase().as_str() {
        "first" | "1st" | "1" => 1,
        "second" | "2nd" | "2" => 2,
        "third" | "3rd" | "3" => 3,
        _ => 4,
    });
    let whole = caps.get(0)?.as_str().to_ascii_lowercase();
    if quarter.is_none() && whole.starts_with("this") {
        return Some(Meaning::RelativeUnit { unit: Unit::Quarter, offset: 0 });
    }
    let year = num(caps, "y1").or_else(|| num(caps, "y2"));
    Some(Meaning::Quarter { year, quarter })
}

/// "for the year", "of the year" in a report: the anchor's year. Not "the year ended
/// March 31" (a fiscal year, a duration), "the year before", "the year-ago quarter".
fn the_year(_: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    let before = text[..span.start].split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
    let after = &text[span.end..];
    let next = after.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    let next = next.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    // "the year ended March 31": a fiscal year, a year long.
    if matches!(next, "ended" | "ending") {
        return Some(Meaning::Duration(Period { amount: Amount::Count(1), unit: Length::Year }));
    }
    let fits = matches!(before.as_str(), "for" | "of")
        && !after.starts_with(['-', '\''])
        && !matches!(next, "ended" | "ending" | "before" | "earlier" | "ago" | "two" | "nineteen" | "after");
    fits.then_some(Meaning::RelativeUnit { unit: Unit::Year, offset: 0 })
}

fn quarter_of_year(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let year_offset = match caps.name("rel").or(caps.name("rel2")).map(|r| r.as_str().to_ascii_lowercase()) {
        Some(r) if r == "last" => -1,
        Some(r) if r == "next" => 1,
        _ => 0,
    };
    let quarter = caps.name("q").map(|q| match q.as_str().to_ascii_lowercase().as_str() {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        _ => 4,
    });
    Some(Meaning::QuarterOfYear { year: num(caps, "y"), year_offset, quarter })
}

fn holiday(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let name = caps.name("h")?.as_str().to_ascii_lowercase();
    let holiday = match name.split_whitespace().next()? {
        "thanksgiving" => Holiday::Thanksgiving,
        "election" => Holiday::ElectionDay,
        "christmas" if name.ends_with("eve") => Holiday::ChristmasEve,
        "christmas" => Holiday::Christmas,
        "new" if name.ends_with("eve") => Holiday::NewYearsEve,
        "new" => Holiday::NewYearsDay,
        "independence" => Holiday::IndependenceDay,
        "labor" => Holiday::LaborDay,
        "memorial" => Holiday::MemorialDay,
        _ => Holiday::VeteransDay,
    };
    let shift = match caps.name("rel").map(|r| r.as_str().to_ascii_lowercase()) {
        Some(r) if r == "last" => -1,
        Some(r) if r == "next" => 1,
        _ => 0,
    };
    Some(Meaning::Holiday { holiday, shift })
}

/// "the nineties": the decade of the anchor's century.
fn spelled_decade(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
    let word = caps.name("dec")?.as_str().to_ascii_lowercase();
    let t = tens.iter().position(|w| *w == word)? as i16 + 2;
    Some(Meaning::Decade(190 + t))
}

fn season_of(word: &str) -> Season {
    match word.to_ascii_lowercase().as_str() {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "fall" | "autumn" => Season::Fall,
        _ => Season::Winter,
    }
}

fn season(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    // "the fall of prices": a noun, not a season.
    let next = text[span.end..].split_whitespace().next().unwrap_or("");
    if caps.name("rel").is_some_and(|r| r.as_str().eq_ignore_ascii_case("the")) && next == "of" {
        return None;
    }
    let season = season_of(caps.name("season")?.as_str());
    let year_offset = match caps.name("rel").map(|r| r.as_str().to_ascii_lowercase()) {
        Some(r) if r == "last" => Some(-1),
        Some(r) if r == "next" => Some(1),
        // "the summer", "this past spring": the anchor's year.
        Some(_) => Some(0),
        // A bare season word ("fall" as a verb) is too often no date.
        None => return None,
    };
    Some(Meaning::Season { season, year_offset, year: None })
}

/// "that year", "later that year", "the following month": counted from the year or
/// month the text named last ("On May 22, 1995, ... and the following year" is 1996).
fn anaphoric(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    // "that year's budget" is still the year; "that years of talks" is no date.
    if text[span.end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let offset = match caps.name("rel")?.as_str().to_ascii_lowercase().split_whitespace().last()? {
        "following" => 1,
        _ => 0,
    };
    Some(Meaning::Anaphoric { unit: unit(caps)?, offset })
}

/// "each Thursday", "every July", "on Sundays", "Tuesday nights": a recurrence of a
/// weekday (`XXXX-WXX-4`, `XXXX-WXX-2TNI`) or a month (`XXXX-07`), TIMEX3 SET.
fn each(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    if let Some(wd) = caps.name("wd") {
        let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        let n = days.iter().position(|d| *d == wd.as_str())? + 1;
        let part = day_part(caps).map(|p| format!("T{}", p.code())).unwrap_or_default();
        return Some(Meaning::Fixed(format!("XXXX-WXX-{n}{part}")));
    }
    let month = month_number(caps.name("mon")?.as_str())?;
    Some(Meaning::Fixed(format!("XXXX-{month:02}")))
}

/// "the last half of 1989": the year's second half (`1989-H2`).
fn half_year(caps: &Captures, _: &str, _: Range<usize>) -> Option<Meaning> {
    let year: i16 = num(caps, "year")?;
    let half = if caps.name("h")?.as_str().eq_ignore_ascii_case("first") { 1 } else { 2 };
    Some(Meaning::Fixed(format!("{year:04}-H{half}")))
}

/// "April 24 and 25": the second day of a list, in the first one's month. (A range,
/// "3-5", "3rd through 5th", is one expression.)
fn second_day(caps: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    // "on March 3 and 4 percent", "May 2 and 3,000 more": a number, not a day.
    let rest = &text[span.end..];
    let number_goes_on =
        rest.starts_with('%') || rest.starts_with([',', '.']) && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    let next = rest.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    if number_goes_on || next.starts_with("percent") || next == "per" || is_modal_may(caps, text) {
        return None;
    }
    let month = month_number(caps.name("mon")?.as_str())?;
    let first: i8 = num(caps, "day")?;
    let day: i8 = num(caps, "x")?;
    if !(1..=31).contains(&day) || day <= first {
        return None;
    }
    let ahead = looks_ahead(text, &span);
    Some(Meaning::Day { year: num(caps, "year"), month, day, ahead })
}

fn past(_: &Captures, text: &str, span: Range<usize>) -> Option<Meaning> {
    // "the past two months", "the past 35 years": a duration, not the past.
    let next = text[span.end..].split_whitespace().next().unwrap_or("");
    if next.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let unitish = [
        "year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades", "quarter", "several",
        "few", "two", "three", "four", "five", "24", "12",
    ];
    (!unitish.contains(&next.trim_end_matches(|c: char| !c.is_alphanumeric())))
        .then_some(Meaning::Reference("PAST_REF"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(n: u32, unit: Length) -> Meaning {
        Meaning::Duration(Period { amount: Amount::Count(n), unit })
    }

    fn months(n: u32) -> Meaning {
        period(n, Length::Month)
    }

    fn found(text: &str) -> Vec<(&str, Meaning)> {
        find(text).into_iter().map(|f| (&text[f.span.clone()], f.meaning)).collect()
    }

    /// The values of the dates of `text` against `anchor`.
    fn values(text: &str, anchor: jiff::civil::Date) -> Vec<(&str, String)> {
        let mut ctx = crate::corpus::recognize::timex::Context::default();
        find(text)
            .into_iter()
            .map(|f| {
                let value = crate::corpus::recognize::timex::resolve(&f.meaning, Some(anchor), &mut ctx);
                // As the report's resolution does: the day and the year or month named last.
                if let Ok(r) = &value {
                    if r.day.is_some() {
                        ctx.last_day = r.day;
                    }
                    ctx.named(&r.value);
                }
                (&text[f.span.clone()], value.map(|r| r.value).unwrap_or_else(|e| e))
            })
            .collect()
    }

    #[test]
    fn holidays_seasons_decades_and_the_year_of_a_report() {
        use jiff::civil::date;
        assert_eq!(
            values("Since Thanksgiving Day, and last Thanksgiving, before Christmas Eve", date(2000, 1, 7)),
            [
                ("Thanksgiving Day", "1999-11-25".into()),
                ("last Thanksgiving", "1999-11-25".into()),
                ("Christmas Eve", "1999-12-24".into())
            ]
        );
        assert_eq!(values("until Election Day", date(1998, 10, 26)), [("Election Day", "1998-11-03".into())]);
        assert_eq!(
            values("in the nineties; sales for the full year; this past spring; the summer", date(1989, 10, 26)),
            [
                ("the nineties", "199".into()),
                ("the full year", "1989".into()),
                ("this past spring", "1989-SP".into()),
                ("the summer", "1989-SU".into())
            ]
        );
    }

    #[test]
    fn quarterly_results_name_quarters_by_their_year() {
        use jiff::civil::date;
        let text = "Third-quarter net rose, against the 1988 period. Last year's quarter was weak; \
                    next year's first quarter looks better than the corresponding period last year. \
                    The latest period ended Sept. 30.";
        let got: Vec<(&str, String)> =
            values(text, date(1989, 10, 26)).into_iter().filter(|(s, _)| !s.starts_with("Sept")).collect();
        assert_eq!(
            got,
            [
                ("Third-quarter", "1989-Q3".into()),
                ("the 1988 period", "1988-Q3".into()),
                ("Last year's quarter", "1988-Q3".into()),
                ("next year's first quarter", "1990-Q1".into()),
                ("the corresponding period last year", "1988-Q3".into()),
                ("The latest period", "1989-Q3".into()),
            ]
        );
        // Without a quarter named, the year.
        assert_eq!(values("in the 1988 period", date(1989, 10, 26)), [("the 1988 period", "1988".into())]);
    }

    #[test]
    fn vague_references_and_the_reports_year() {
        use jiff::civil::date;
        let anchor = date(1989, 10, 26);
        let got = values(
            "They may soon seek more. For the year, volume was flat, a high for the year. \
             In the last decade, in coming months, in the near term, earlier in the year.",
            anchor,
        );
        assert_eq!(
            got,
            [
                ("may soon", "FUTURE_REF".into()),
                ("the year", "1989".into()),
                ("the year", "1989".into()),
                ("the last decade", "197".into()),
                ("in coming months", "FUTURE_REF".into()),
                ("in the near term", "FUTURE_REF".into()),
                ("earlier in the year", "1989".into()),
            ]
        );
        assert_eq!(values("for the year ended March 31", anchor)[0], ("the year", "P1Y".into()));
        for not_a_date in ["It was soon released.", "the year before", "soon after"] {
            let found = values(not_a_date, anchor);
            assert!(found.iter().all(|(s, _)| !s.contains("year") && !s.contains("soon")), "{not_a_date}: {found:?}");
        }
    }

    #[test]
    fn days_with_their_weekday_or_last_and_years_in_words() {
        use jiff::civil::date;
        let got = values(
            "on Saturday, April 25; shot last Oct. 23; this coming Sunday; January nineteen ninety-seven; \
             the winter of nineteen ninety-four",
            date(1998, 4, 22),
        );
        assert_eq!(
            got,
            [
                ("Saturday, April 25", "1998-04-25".into()),
                ("last Oct. 23", "1997-10-23".into()),
                ("this coming Sunday", "1998-04-26".into()),
                ("January nineteen ninety-seven", "1997-01".into()),
                ("the winter of nineteen ninety-four", "1994-WI".into()),
            ]
        );
    }

    #[test]
    fn tense_cues_that_are_no_past() {
        use jiff::civil::date;
        // Wednesday 2000-04-05.
        let anchor = date(2000, 4, 5);
        for text in [
            "The team planned to leave on Thursday.",
            "The father would be traveling to the United States Thursday.",
            "She will be named commander for a mission on Thursday.",
        ] {
            assert_eq!(values(text, anchor), [("Thursday", "2000-04-06".into())], "{text}");
        }
        assert_eq!(values("The team left on Thursday.", anchor), [("Thursday", "2000-03-30".into())]);
    }

    #[test]
    fn every_pattern_compiles() {
        assert!(RULES.len() > 20);
    }

    #[test]
    fn absolute_dates_in_their_usual_forms() {
        let got = found("On November 12, 2014, and on 12 November 2014, 2014-11-12 and 11/22/2024 02:25:17 pm.");
        let day = Meaning::Day { year: Some(2014), month: 11, day: 12, ahead: false };
        assert_eq!(got[0], ("November 12, 2014", day.clone()));
        assert_eq!(got[1], ("12 November 2014", day.clone()));
        assert_eq!(got[2], ("2014-11-12", day));
        let stamp =
            Date::new(2024, 11, 22).map(|date| Meaning::Timestamp { date, hour: 14, minute: 25, second: Some(17) });
        assert_eq!(Some(got[3].clone()), stamp.ok().map(|m| ("11/22/2024 02:25:17 pm", m)));
    }

    #[test]
    fn partial_dates_from_the_seeds() {
        assert_eq!(found("at the Great Hall of the People on 14th."), [("on 14th", Meaning::DayOfMonth(14))]);
        assert_eq!(
            found("on the afternoon of November 16 local time, the"),
            [("November 16 local time", Meaning::Day { year: None, month: 11, day: 16, ahead: false })]
        );
        assert_eq!(found("June 7-8")[0].1, Meaning::DayRange { year: None, month: 6, first: 7, last: 8, ahead: false });
    }

    #[test]
    fn relative_dates_from_the_seeds() {
        assert_eq!(
            found("a historic meeting last year at")[0],
            ("last year", Meaning::RelativeUnit { unit: Unit::Year, offset: -1 })
        );
        assert_eq!(found("spokesperson on Sunday shared")[0].0, "Sunday");
        assert_eq!(found("He proposed in 2021 during")[0], ("2021", Meaning::Year(2021)));
    }

    #[test]
    fn numbers_verbs_and_names_are_not_dates() {
        assert!(
            found("It may march on. Costs rose to $1990 and 2014% and 1,998 units.").is_empty(),
            "{:?}",
            found("It may march on. Costs rose to $1990 and 2014% and 1,998 units.")
        );
        let fall = found("The fall of prices in the past two months");
        assert_eq!(fall, [("the past two months", months(2))]);
        assert!(found("the index closed at 2082.1; the March for Life").is_empty());
    }

    #[test]
    fn spelled_years_and_centuries() {
        let got = found("in nineteen ninety-six and the year two thousand in the 20th century");
        let meanings: Vec<&Meaning> = got.iter().map(|g| &g.1).collect();
        assert_eq!(meanings, [&Meaning::Year(1996), &Meaning::Year(2000), &Meaning::Century(Some(19))]);
        assert!(found("nineteen people").is_empty());
    }

    #[test]
    fn durations_and_generic_today() {
        let got = found("over the past two days, in the past 35 years, in today\u{2019}s world");
        assert_eq!(
            got,
            [("the past two days", period(2, Length::Day)), ("the past 35 years", period(35, Length::Year))]
        );
    }

    #[test]
    fn a_year_or_month_told_from_the_one_named_before() {
        use jiff::civil::date;
        let anchor = date(2003, 6, 10);
        assert_eq!(
            values("She moved in August 1996 and left later that year; the following year she returned.", anchor),
            [
                ("August 1996", "1996-08".into()),
                ("later that year", "1996".into()),
                ("the following year", "1997".into())
            ]
        );
        assert_eq!(
            values("The treaty was signed in March 2001. The following month, talks resumed.", anchor)[1],
            ("The following month", "2001-04".into())
        );
        // With nothing named before, the anchor's.
        assert_eq!(values("Exports grew that year.", anchor), [("that year", "2003".into())]);
    }

    #[test]
    fn recurring_days_halves_of_years_and_lists_of_days() {
        use jiff::civil::date;
        let anchor = date(2005, 3, 2);
        assert_eq!(
            values("Ministers meet each Monday and every September; in the first half of 2004", anchor),
            [
                ("each Monday", "XXXX-WXX-1".into()),
                ("every September", "XXXX-09".into()),
                ("the first half of 2004", "2004-H1".into())
            ]
        );
        assert_eq!(
            values("talks on January 11 and 12; up on February 3 and 4 percent", anchor),
            [("January 11", "2005-01-11".into()), ("12", "2005-01-12".into()), ("February 3", "2005-02-03".into())]
        );
    }

    #[test]
    fn the_week_of_a_day_and_the_day_before_or_after_one() {
        use jiff::civil::date;
        // Thursday 2012-03-15.
        let anchor = date(2012, 3, 15);
        assert_eq!(
            values("Talks resume the week of April 9, 2012; delegates met the day before last Monday.", anchor),
            [("the week of April 9, 2012", "2012-W15".into()), ("the day before last Monday", "2012-03-11".into())]
        );
        assert_eq!(
            values("The envoy left the day after Feb. 28.", anchor),
            [("the day after Feb. 28", "2012-02-29".into())]
        );
    }

    #[test]
    fn the_next_or_previous_day_counts_from_the_day_named_before() {
        use jiff::civil::date;
        let anchor = date(2012, 3, 15);
        assert_eq!(
            values("The talks opened on March 2. The next morning the envoys left; the previous day was calm.", anchor),
            [
                ("March 2", "2012-03-02".into()),
                ("The next morning", "2012-03-03".into()),
                ("the previous day", "2012-03-02".into())
            ]
        );
        // With no day named before, from the anchor's.
        assert_eq!(values("He flew home the following day.", anchor), [("the following day", "2012-03-16".into())]);
    }

    #[test]
    fn the_future_of_something_is_no_time() {
        use jiff::civil::date;
        let anchor = date(2012, 3, 15);
        assert!(values("They discussed the future of the alliance.", anchor).is_empty());
        assert_eq!(
            values("Both sides will meet again in the future of course; the future looks bright.", anchor),
            [("in the future", "FUTURE_REF".into()), ("the future", "FUTURE_REF".into())]
        );
    }

    #[test]
    fn a_weekday_in_the_plural_recurs() {
        use jiff::civil::date;
        assert_eq!(
            values("The council sits on Wednesdays; ferries sail Friday evenings and on Sunday.", date(2011, 5, 4)),
            [
                ("Wednesdays", "XXXX-WXX-3".into()),
                ("Friday evenings", "XXXX-WXX-5TEV".into()),
                ("Sunday", "2011-05-01".into())
            ]
        );
    }

    #[test]
    fn a_month_before_for_after_a_preposition_is_the_month() {
        use jiff::civil::date;
        let anchor = date(2006, 11, 20);
        assert_eq!(values("He resigned in March for family reasons.", anchor), [("March", "2006-03".into())]);
        assert_eq!(values("By mid-afternoon the rally ended.", anchor), [("mid-afternoon", "2006-11-20TAF".into())]);
        assert!(values("the annual March for Peace", anchor).is_empty());
    }

    #[test]
    fn quarters_and_references() {
        let got = found("third-quarter profit rose from a year earlier; the quarter ended; now and recently");
        let texts: Vec<&str> = got.iter().map(|g| g.0).collect();
        assert_eq!(texts, ["third-quarter", "a year earlier", "the quarter", "now", "recently"]);
    }
}
