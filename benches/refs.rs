//! A generated corpus of meeting references with their truth: reports of meetings
//! between four pairs of leaders in ten cities, each referring to earlier meetings in
//! the shapes real readouts and wire stories use ("the Bali meeting of November 14,
//! 2022", "the meeting in Anchorage in April 2014", "their Busan meeting on June 3,
//! 2019", "the 2016 Hangzhou meeting", "their phone call of March 18, 2022", "their
//! first summit", "their last meeting", "the Xi–Biden summit in Geneva in 2021", "the
//! Osaka talks last October"). Half the cities have no `[[place]]` entry (known only
//! from locations), half the meetings are known only from their reports' front
//! matters, and several meetings share a city and a year. The truth of each reference
//! is computed here from the generator's own meetings, independently of the server:
//! the meetings that the words of the phrase fit.

use std::fmt::Write as _;
use std::path::Path;

#[path = "generate.rs"]
#[allow(dead_code)] // Only its random numbers and month names are used here.
mod generate;
use generate::{MONTHS, Rng};

const CITIES: [(&str, &str, bool); 10] = [
    ("Bali", "Indonesia", true),
    ("Anchorage", "Alaska", false),
    ("Busan", "South Korea", true),
    ("Hangzhou", "China", false),
    ("Geneva", "Switzerland", true),
    ("Osaka", "Japan", false),
    ("Helsinki", "Finland", true),
    ("Hanoi", "Vietnam", false),
    ("Lima", "Peru", true),
    ("Woodside", "California", false),
];
const LEADERS: [(&str, &str); 8] = [
    ("ana-okafor", "Ana Okafor"),
    ("li-chen", "Li Chen"),
    ("omar-haddad", "Omar Haddad"),
    ("maria-silva", "Maria Silva"),
    ("kenji-tanaka", "Kenji Tanaka"),
    ("sofia-rossi", "Sofia Rossi"),
    ("ivan-petrov", "Ivan Petrov"),
    ("amara-diallo", "Amara Diallo"),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    InPerson,
    Virtual,
    Phone,
}

struct Meeting {
    id: String,
    pair: usize,
    /// Where an in-person meeting was held; calls have no place.
    city: usize,
    year: i32,
    month: usize,
    day: usize,
    format: Format,
}

impl Meeting {
    fn ordinal(&self) -> i32 {
        self.year * 400 + self.month as i32 * 32 + self.day as i32
    }
}

/// One reference written into a report: the phrase, and the meetings it fits.
pub struct Truth {
    pub file: String,
    pub phrase: String,
    /// The meetings the words fit: one, or several when the text is ambiguous.
    pub fits: Vec<String>,
    pub shape: &'static str,
}

/// Writes the corpus into `dir` and returns the truth of every reference written.
pub fn generate(dir: &Path, reports: usize, seed: u64) -> std::io::Result<Vec<Truth>> {
    let mut rng = Rng::new(seed);
    let n_meetings = (reports / 2).max(8);
    let mut meetings: Vec<Meeting> = Vec::new();
    for i in 0..n_meetings {
        let pair = i % 4;
        let city = rng.below(CITIES.len());
        // Few years, so that cities and years repeat.
        let year = 2010 + rng.below(12) as i32;
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        let format = match rng.below(10) {
            0 => Format::Virtual,
            1 => Format::Phone,
            _ => Format::InPerson,
        };
        let id = format!("m{i:05}-{}-{year}", CITIES[city].0.to_lowercase());
        if meetings.iter().any(|m| m.year == year && m.month == month && m.day == day && m.pair == pair) {
            continue; // One meeting a day per pair.
        }
        meetings.push(Meeting { id, pair, city, year, month, day, format });
    }
    let mut toml = String::from("[corpus]\nname = \"generated references\"\ndocuments = [\"*.txt\"]\n\n");
    for (id, name) in LEADERS {
        let last = name.split(' ').nth(1).unwrap_or(name);
        let _ = writeln!(
            toml,
            "[[person]]\nid = \"{id}\"\nname = \"{name}\"\naliases = [\"President {last}\", \"{last}\"]\nroles = [{{ title = \"President\", from = 2000-01-01 }}]\n"
        );
    }
    for (i, (city, country, entry)) in CITIES.iter().enumerate() {
        if *entry {
            let _ = writeln!(toml, "[[place]]\nid = \"city-{i}\"\nname = \"{city}\"\nwithin = \"{country}\"\n");
        }
    }
    let location = |m: &Meeting| match m.format {
        Format::InPerson => format!("{}, {}", CITIES[m.city].0, CITIES[m.city].1),
        Format::Virtual => "video link".to_string(),
        Format::Phone => "by telephone".to_string(),
    };
    let format_name = |m: &Meeting| match m.format {
        Format::InPerson => "in-person",
        Format::Virtual => "virtual",
        Format::Phone => "phone",
    };
    let participants = |m: &Meeting| {
        let (a, b) = (LEADERS[m.pair * 2].0, LEADERS[m.pair * 2 + 1].0);
        (a, b)
    };
    // Even meetings are [[meeting]] entries; odd ones are known from their reports only.
    for (i, m) in meetings.iter().enumerate() {
        if i % 2 == 0 {
            let (a, b) = participants(m);
            let _ = writeln!(
                toml,
                "[[meeting]]\nid = \"{}\"\ndate = {}-{:02}-{:02}\nlocation = \"{}\"\nformat = \"{}\"\nparticipants = [\"{a}\", \"{b}\"]\n",
                m.id,
                m.year,
                m.month,
                m.day,
                location(m),
                format_name(m)
            );
        }
    }
    std::fs::write(dir.join("corpus.toml"), toml)?;

    let mut truth = Vec::new();
    let mut written = 0;
    let mut k = 0;
    while written < reports {
        let own = &meetings[k % meetings.len()];
        k += 1;
        let (a, b) = participants(own);
        let names = (LEADERS[own.pair * 2].1, LEADERS[own.pair * 2 + 1].1);
        let file = format!("{written:06}.txt");
        let mut body = format!(
            "{} and {} held talks on {} {}, {}.\n\n",
            names.0,
            names.1,
            MONTHS[own.month - 1],
            own.day,
            own.year
        );
        let earlier: Vec<&Meeting> = meetings.iter().filter(|m| m.ordinal() < own.ordinal()).collect();
        let mut used: Vec<String> = Vec::new();
        for _ in 0..3 {
            if earlier.is_empty() {
                break;
            }
            let target = earlier[rng.below(earlier.len())];
            let same_pair = target.pair == own.pair;
            let city = CITIES[target.city].0;
            let (month, day, year) = (MONTHS[target.month - 1], target.day, target.year);
            // What the words fit, among the meetings before the report (they are
            // recalled, in the past tense).
            let fit = |f: &dyn Fn(&Meeting) -> bool| -> Vec<String> {
                meetings.iter().filter(|m| m.ordinal() <= own.ordinal() && f(m)).map(|m| m.id.clone()).collect()
            };
            let in_person = target.format == Format::InPerson;
            let own_year = own.year;
            let (shape, phrase, fits) = match rng.below(12) {
                0 if in_person => (
                    "place and day",
                    format!("the {city} meeting of {month} {day}, {year}"),
                    fit(&|m| m.city == target.city && m.format == Format::InPerson && m.ordinal() == target.ordinal()),
                ),
                1 if in_person => (
                    "place and month",
                    format!("the meeting in {city} in {month} {year}"),
                    fit(&|m| {
                        m.city == target.city
                            && m.format == Format::InPerson
                            && (m.year, m.month) == (target.year, target.month)
                    }),
                ),
                2 if in_person && same_pair => (
                    "their place and day",
                    format!("their {city} meeting on {month} {day}, {year}"),
                    fit(&|m| {
                        m.city == target.city
                            && m.format == Format::InPerson
                            && m.pair == own.pair
                            && m.ordinal() == target.ordinal()
                    }),
                ),
                3 if in_person => (
                    "year and place",
                    format!("the {year} {city} meeting"),
                    fit(&|m| m.city == target.city && m.format == Format::InPerson && m.year == target.year),
                ),
                4 if target.format == Format::Phone && same_pair => (
                    "phone call and day",
                    format!("their phone call of {month} {day}, {year}"),
                    fit(&|m| m.pair == own.pair && m.format == Format::Phone && m.ordinal() == target.ordinal()),
                ),
                5 if target.format == Format::Virtual && same_pair => (
                    "video call and month",
                    format!("their video call in {month} {year}"),
                    fit(&|m| {
                        m.pair == own.pair
                            && m.format == Format::Virtual
                            && (m.year, m.month) == (target.year, target.month)
                    }),
                ),
                6 if same_pair => {
                    // The earliest in-person meeting of the pair, before this report.
                    let first = meetings
                        .iter()
                        .filter(|m| m.pair == own.pair && m.format == Format::InPerson && m.ordinal() < own.ordinal())
                        .min_by_key(|m| m.ordinal());
                    match first {
                        Some(f) => ("first summit", "their first summit".to_string(), vec![f.id.clone()]),
                        None => continue,
                    }
                }
                7 if same_pair => {
                    // A meeting is held in person or by video; a phone call is a call.
                    let last = meetings
                        .iter()
                        .filter(|m| m.pair == own.pair && m.ordinal() < own.ordinal() && m.format != Format::Phone)
                        .max_by_key(|m| m.ordinal());
                    match last {
                        Some(l) => ("previous meeting", "their previous meeting".to_string(), vec![l.id.clone()]),
                        None => continue,
                    }
                }
                8 if in_person => {
                    let (x, y) = (LEADERS[target.pair * 2].1, LEADERS[target.pair * 2 + 1].1);
                    let (x, y) = (x.split(' ').nth(1).unwrap_or(x), y.split(' ').nth(1).unwrap_or(y));
                    (
                        "people, place and year",
                        format!("the {x}–{y} summit in {city} in {year}"),
                        fit(&|m| {
                            m.pair == target.pair
                                && m.city == target.city
                                && m.format == Format::InPerson
                                && m.year == target.year
                        }),
                    )
                }
                9 if in_person && same_pair => (
                    "met in place and year",
                    format!("when they met in {city} in {year}"),
                    fit(&|m| {
                        m.city == target.city
                            && m.format == Format::InPerson
                            && m.pair == own.pair
                            && m.year == target.year
                    }),
                ),
                // "last March": the latest March before the report.
                10 if in_person
                    && ((year == own_year && target.month < own.month)
                        || (year + 1 == own_year && target.month >= own.month)) =>
                {
                    (
                        "place talks last month",
                        format!("the {city} talks last {month}"),
                        fit(&|m| {
                            m.city == target.city
                                && m.format == Format::InPerson
                                && (m.year, m.month) == (target.year, target.month)
                        }),
                    )
                }
                11 if in_person => (
                    "summit at place, month",
                    format!("the summit at {city} in {month} {year}"),
                    fit(&|m| {
                        m.city == target.city
                            && m.format == Format::InPerson
                            && (m.year, m.month) == (target.year, target.month)
                    }),
                ),
                _ => continue,
            };
            if used.contains(&phrase) {
                continue;
            }
            used.push(phrase.clone());
            let sentence = match rng.below(4) {
                0 => format!("The two sides recalled {phrase} and what was agreed there."),
                1 => format!("Since {phrase}, relations have improved, officials said."),
                2 => format!("Both leaders spoke warmly of {phrase}; aides called it a turning point."),
                _ => format!("\"We built on {phrase},\" a spokesperson told reporters on Tuesday."),
            };
            let _ = writeln!(body, "{sentence}\n");
            truth.push(Truth { file: file.clone(), phrase, fits, shape });
        }
        let text = format!(
            "---\ntitle: {} Meets {}\nmeeting: {}\ndate: {}-{:02}-{:02}\nlocation: {}\nparticipants: [{a}, {b}]\nformat: {}\nsource: Generated Wire\n---\n{body}",
            names.0,
            names.1,
            own.id,
            own.year,
            own.month,
            own.day,
            location(own),
            format_name(own)
        );
        std::fs::write(dir.join(&file), text)?;
        written += 1;
    }
    Ok(truth)
}
