//! A second generator of meeting references, written from the list of phrase
//! shapes ("phrase shapes of real reports") and not from the recogniser: invented
//! leaders of invented countries, wire stories, readouts and press-conference
//! transcripts, each reference written with the clues a reporter would use and scored
//! against what the words fit among the corpus's meetings.
//!
//! The truth of a reference is decided here, conservatively: a phrase is kept only
//! when every reasonable reading of it (the report's participants taken as a preference
//! or not, "talks" in person or in any format, "a call" by phone or by video, "his" as
//! its speaker or not) picks the same meetings, and only when the report's own meeting
//! is not among them. One meeting left is the reference's id; several are its
//! candidates. Distractors (a cabinet meeting, a union's talks, the summit of a
//! mountain, a count of meetings) and the report's own meeting have no reference to
//! export.

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: the same seed, the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A day as a count from 1970-01-01, with the civil calendar's conversions.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Day(i32);

impl Day {
    pub fn new(y: i32, m: u32, d: u32) -> Day {
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m as i32 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
    }

    pub fn plus(self, days: i32) -> Day {
        Day(self.0 + days)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    pub fn month(self) -> u32 {
        self.ymd().1
    }

    /// Months counted from year 0, so that consecutive months differ by one.
    fn month_index(self) -> i32 {
        let (y, m, _) = self.ymd();
        y * 12 + m as i32 - 1
    }

    fn weekday(self) -> &'static str {
        const NAMES: [&str; 7] = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"];
        NAMES[self.0.rem_euclid(7) as usize]
    }

    fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y}-{m:02}-{d:02}")
    }
}

fn month_span(index: i32) -> (Day, Day) {
    let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    let next = (index + 1).div_euclid(12);
    let next_m = (index + 1).rem_euclid(12) as u32 + 1;
    (Day::new(y, m, 1), Day::new(next, next_m, 1).plus(-1))
}

fn year_span(y: i32) -> (Day, Day) {
    (Day::new(y, 1, 1), Day::new(y, 12, 31))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTH_ABBR: [&str; 12] =
    ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    InPerson,
    Virtual,
    Phone,
}

impl Format {
    fn key(self) -> &'static str {
        match self {
            Format::InPerson => "in-person",
            Format::Virtual => "virtual",
            Format::Phone => "phone",
        }
    }
}

struct Person {
    id: &'static str,
    name: &'static str,
    surname: &'static str,
    title: &'static str,
    country: &'static str,
}

const PEOPLE: [Person; 6] = [
    Person { id: "teodor-ravik", name: "Teodor Ravik", surname: "Ravik", title: "President", country: "Valdoria" },
    Person { id: "ilse-marwen", name: "Ilse Marwen", surname: "Marwen", title: "Chancellor", country: "Kessland" },
    Person {
        id: "dario-quessan",
        name: "Dario Quessan",
        surname: "Quessan",
        title: "Prime Minister",
        country: "Orenthia",
    },
    Person { id: "nalini-abara", name: "Nalini Abara", surname: "Abara", title: "President", country: "Sarvanta" },
    Person { id: "tomasz-velde", name: "Tomasz Velde", surname: "Velde", title: "President", country: "Lusmark" },
    Person { id: "hamid-sorrel", name: "Hamid Sorrel", surname: "Sorrel", title: "Prime Minister", country: "Tarvesh" },
];

/// Pairs of people and how often they meet.
const PAIRS: [((usize, usize), usize); 9] = [
    ((0, 1), 30),
    ((0, 3), 14),
    ((1, 2), 14),
    ((3, 4), 12),
    ((2, 5), 10),
    ((0, 4), 6),
    ((1, 5), 6),
    ((4, 5), 4),
    ((0, 2), 4),
];

/// Where in-person meetings are held. `names` are the place names a reference can use
/// for a meeting held there: the parts of its location, and for the two venues with a
/// `[[place]]` entry, the entry's name, aliases and what it lies within.
struct Venue {
    location: &'static str,
    /// The `[[place]]` entry a `[[meeting]]` held here names.
    place: Option<&'static str>,
    names: &'static [&'static str],
    city: &'static str,
    /// The host country, or None for a neutral venue.
    host: Option<&'static str>,
    /// Held here only by `[[meeting]]` entries (its location names the venue alone).
    entry_only: bool,
}

const VENUES: [Venue; 10] = [
    Venue {
        location: "Amber Palace, Tesmar, Valdoria",
        place: None,
        names: &["Amber Palace", "Tesmar", "Valdoria"],
        city: "Tesmar",
        host: Some("Valdoria"),
        entry_only: false,
    },
    Venue {
        location: "Old Senate",
        place: Some("old-senate"),
        names: &["Old Senate", "Tesmar", "Valdoria"],
        city: "Tesmar",
        host: Some("Valdoria"),
        entry_only: true,
    },
    Venue {
        location: "Harbour House, Port Ellery, Kessland",
        place: None,
        names: &["Harbour House", "Port Ellery", "Kessland"],
        city: "Port Ellery",
        host: Some("Kessland"),
        entry_only: false,
    },
    Venue {
        location: "Villa Serena, Valmora, Orenthia",
        place: None,
        names: &["Villa Serena", "Valmora", "Orenthia"],
        city: "Valmora",
        host: Some("Orenthia"),
        entry_only: false,
    },
    Venue {
        location: "Lakeside Pavilion, Castelrigg, Sarvanta",
        place: None,
        names: &["Lakeside Pavilion", "Castelrigg", "Sarvanta"],
        city: "Castelrigg",
        host: Some("Sarvanta"),
        entry_only: false,
    },
    Venue {
        location: "Kestrel Hall, Norhaven, Lusmark",
        place: Some("kestrel-hall"),
        names: &["Kestrel Hall", "Falconridge", "Norhaven", "Lusmark"],
        city: "Norhaven",
        host: Some("Lusmark"),
        entry_only: false,
    },
    Venue {
        location: "Silverpine Lodge, Ardent Springs, Tarvesh",
        place: None,
        names: &["Silverpine Lodge", "Ardent Springs", "Tarvesh"],
        city: "Ardent Springs",
        host: Some("Tarvesh"),
        entry_only: false,
    },
    Venue {
        location: "Palais Doré, Mirelle, Estrava",
        place: None,
        names: &["Palais Doré", "Mirelle", "Estrava"],
        city: "Mirelle",
        host: None,
        entry_only: false,
    },
    Venue {
        location: "Lighthouse Centre, Coldwater Island",
        place: None,
        names: &["Lighthouse Centre", "Coldwater Island"],
        city: "Coldwater Island",
        host: None,
        entry_only: false,
    },
    Venue {
        location: "Hôtel de Ville, Saint-Aubin, Estrava",
        place: None,
        names: &["Saint-Aubin", "Estrava"],
        city: "Saint-Aubin",
        host: None,
        entry_only: false,
    },
];

const PLACE_ENTRIES: &str = "[[place]]\nid = \"old-senate\"\nname = \"Old Senate\"\nwithin = \"Tesmar, Valdoria\"\n\n\
[[place]]\nid = \"kestrel-hall\"\nname = \"Kestrel Hall\"\naliases = [\"Falconridge\"]\nwithin = \"Norhaven, Lusmark\"\n\n";

#[derive(Debug)]
pub struct Meeting {
    pub id: String,
    pub date: Day,
    pub end: Option<Day>,
    pub parts: [usize; 2],
    pub format: Format,
    venue: Option<usize>,
    /// Known from a `[[meeting]]` entry only, with no report of it.
    pub entry: bool,
}

impl Meeting {
    fn last_day(&self) -> Day {
        self.end.unwrap_or(self.date)
    }

    fn names(&self) -> &'static [&'static str] {
        self.venue.map_or(&[], |v| VENUES[v].names)
    }

    fn has(&self, person: usize) -> bool {
        self.parts.contains(&person)
    }
}

/// What the truth of a reference is.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    /// Exactly one meeting fits.
    One(String),
    /// Several fit equally; sorted.
    Ambiguous(Vec<String>),
    /// The report's own meeting: export leaves it out.
    Own,
    /// No reference to a meeting of the corpus.
    None,
}

/// One planned phrase of a report and its truth. `start`/`end` count code points into
/// the report's body (export's `text`), end exclusive.
#[derive(Clone, Debug)]
pub struct Truth {
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub surface: String,
    pub shape: &'static str,
    pub style: &'static str,
    pub expect: Expect,
}

/// The shapes, in the order the scorer prints them.
pub const SHAPES: [&str; 13] = [
    "place before",
    "place after",
    "place + time",
    "time",
    "people",
    "format",
    "verb clause",
    "order",
    "future",
    "place entry",
    "own meeting",
    "distractor",
    "near distractor",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Order {
    First,
    Last,
    Next,
}

/// The clues a phrase gives; each reading of it is a set of constraints on meetings.
#[derive(Clone, Default)]
struct Clues {
    place: Option<&'static str>,
    time: Option<(Day, Day)>,
    people: Vec<usize>,
    /// Another reading of `people` ("his call with X": X alone).
    people_alt: Option<Vec<usize>>,
    /// "their", "the two leaders": the report's participants.
    their: bool,
    /// The formats each reading of the meeting word allows.
    formats: Vec<Vec<Format>>,
    order: Option<Order>,
    future: bool,
}

const ANY: [Format; 3] = [Format::InPerson, Format::Virtual, Format::Phone];

struct Report<'a> {
    own: &'a Meeting,
    anchor: Day,
}

impl Clues {
    fn fits(&self, m: &Meeting, people: &[usize], formats: &[Format], report: &Report) -> bool {
        self.place.is_none_or(|p| m.names().contains(&p))
            && self.time.is_none_or(|(a, b)| m.date <= b && m.last_day() >= a)
            && people.iter().all(|&p| m.has(p))
            && (!self.their || report.own.parts.iter().all(|&p| m.has(p)))
            && formats.contains(&m.format)
    }

    /// The meetings one reading picks.
    fn reading(
        &self,
        meetings: &[Meeting],
        report: &Report,
        people: &[usize],
        formats: &[Format],
        soft: bool,
        order: Option<Order>,
    ) -> Vec<usize> {
        let own_date = report.own.date;
        let mut fit: Vec<usize> = (0..meetings.len())
            .filter(|&i| self.fits(&meetings[i], people, formats, report))
            .filter(|&i| match (order, self.future) {
                (Some(Order::First), _) => meetings[i].date <= own_date,
                (Some(Order::Next), _) | (None, true) => meetings[i].date > report.own.last_day(),
                _ => meetings[i].date < own_date,
            })
            .collect();
        if soft {
            let with: Vec<usize> =
                fit.iter().copied().filter(|&i| report.own.parts.iter().all(|&p| meetings[i].has(p))).collect();
            if !with.is_empty() {
                fit = with;
            }
        }
        let pick = match order {
            Some(Order::First) | Some(Order::Next) => fit.iter().copied().min_by_key(|&i| meetings[i].date),
            Some(Order::Last) => fit.iter().copied().max_by_key(|&i| meetings[i].date),
            None => return fit,
        };
        pick.into_iter().collect()
    }

    /// The truth when every reading agrees, the report's own meeting fits no reading,
    /// and something fits.
    fn truth(&self, meetings: &[Meeting], report: &Report) -> Option<Vec<usize>> {
        let own_index = meetings.iter().position(|m| m.id == report.own.id)?;
        let mut peoples = vec![self.people.clone()];
        peoples.extend(self.people_alt.clone());
        // Words that name nobody may be about the report's own participants: "the
        // next call" in a report of Ravik and Marwen is theirs to an annotator.
        if self.people.is_empty() && !self.their {
            peoples.push(report.own.parts.to_vec());
        }
        let formats = if self.formats.is_empty() { vec![ANY.to_vec()] } else { self.formats.clone() };
        // Words that fit the report's own meeting, with no order to move them off it,
        // may mean it: not a reference this generator can score.
        if self.order.is_none() && peoples.iter().any(|p| formats.iter().any(|f| self.fits(report.own, p, f, report))) {
            return None;
        }
        // "The upcoming summit", "the planned call" may mean the next one.
        let orders = if self.future && self.order.is_none() { vec![None, Some(Order::Next)] } else { vec![self.order] };
        let mut answer: Option<Vec<usize>> = None;
        for people in &peoples {
            for f in &formats {
                for soft in [false, true] {
                    for &order in &orders {
                        let r = self.reading(meetings, report, people, f, soft, order);
                        if r.is_empty() || r.contains(&own_index) {
                            return None;
                        }
                        match &answer {
                            Some(a) if *a != r => return None,
                            _ => answer = Some(r),
                        }
                    }
                }
            }
        }
        answer
    }
}

/// A time written next to a meeting word, and the days it covers.
struct Time {
    /// After a noun: "in March 2021", "on June 16, 2021", "last year".
    after: String,
    /// After "of": "November 14, 2022" (days and months only).
    of: Option<String>,
    /// Before a noun: "2021", "April", "March 2021".
    adjective: Option<String>,
    /// Possessive: "last November’s", "last year’s".
    possessive: Option<String>,
    span: (Day, Day),
}

fn day_text(d: Day, rng: &mut Rng) -> String {
    let (y, m, dd) = d.ymd();
    match rng.below(4) {
        0 => format!("{dd} {} {y}", MONTHS[m as usize - 1]),
        1 => format!("{} {dd}, {y}", MONTH_ABBR[m as usize - 1]),
        _ => format!("{} {dd}, {y}", MONTHS[m as usize - 1]),
    }
}

fn apostrophe(rng: &mut Rng) -> &'static str {
    if rng.chance(70) { "’" } else { "'" }
}

/// The times a reporter could write for a meeting on `t`, in a report anchored on
/// `anchor` (published) of a meeting on `own`.
fn past_times(t: Day, anchor: Day, own: Day, rng: &mut Rng) -> Vec<Time> {
    let (y, m, _) = t.ymd();
    let month = MONTHS[m as usize - 1];
    let ap = apostrophe(rng);
    let day = day_text(t, rng);
    let mut out = vec![
        Time { after: format!("on {day}"), of: Some(day.clone()), adjective: None, possessive: None, span: (t, t) },
        Time {
            after: format!("in {month} {y}"),
            of: Some(format!("{month} {y}")),
            adjective: Some(format!("{month} {y}")),
            possessive: None,
            span: month_span(t.month_index()),
        },
        Time {
            after: format!("in {y}"),
            of: None,
            adjective: Some(y.to_string()),
            possessive: None,
            span: year_span(y),
        },
    ];
    let (ay, am) = (anchor.year(), anchor.month());
    if y == ay - 1 {
        out.push(Time {
            after: "last year".into(),
            of: None,
            adjective: None,
            possessive: Some(format!("last year{ap}s")),
            span: year_span(y),
        });
        if m > am {
            out.push(Time {
                after: format!("last {month}"),
                of: None,
                adjective: None,
                possessive: Some(format!("last {month}{ap}s")),
                span: month_span(t.month_index()),
            });
        }
    }
    if y == ay && t < own {
        out.push(Time {
            after: "earlier this year".into(),
            of: None,
            adjective: None,
            possessive: None,
            span: year_span(y),
        });
        if m < am {
            out.push(Time {
                after: format!("in {month}"),
                of: None,
                adjective: Some(month.to_string()),
                possessive: None,
                span: month_span(t.month_index()),
            });
        }
        if m == am {
            out.push(Time {
                after: "earlier this month".into(),
                of: None,
                adjective: None,
                possessive: None,
                span: month_span(t.month_index()),
            });
        }
    }
    if t.month_index() == anchor.month_index() - 1 {
        out.push(Time {
            after: "last month".into(),
            of: None,
            adjective: None,
            possessive: Some(format!("last month{ap}s")),
            span: month_span(t.month_index()),
        });
    }
    out
}

fn future_times(t: Day, anchor: Day, rng: &mut Rng) -> Vec<Time> {
    let (y, m, _) = t.ymd();
    let month = MONTHS[m as usize - 1];
    let ap = apostrophe(rng);
    let day = day_text(t, rng);
    let mut out = vec![
        Time { after: format!("on {day}"), of: Some(day.clone()), adjective: None, possessive: None, span: (t, t) },
        Time {
            after: format!("in {month} {y}"),
            of: Some(format!("{month} {y}")),
            adjective: Some(format!("{month} {y}")),
            possessive: None,
            span: month_span(t.month_index()),
        },
    ];
    let (ay, am) = (anchor.year(), anchor.month());
    if y == ay + 1 {
        out.push(Time {
            after: "next year".into(),
            of: None,
            adjective: None,
            possessive: Some(format!("next year{ap}s")),
            span: year_span(y),
        });
    }
    if y == ay && m > am {
        out.push(Time {
            after: format!("in {month}"),
            of: None,
            adjective: Some(month.to_string()),
            possessive: None,
            span: month_span(t.month_index()),
        });
        out.push(Time {
            after: "later this year".into(),
            of: None,
            adjective: None,
            possessive: None,
            span: year_span(y),
        });
    }
    if t.month_index() == anchor.month_index() + 1 {
        out.push(Time {
            after: "next month".into(),
            of: None,
            adjective: None,
            possessive: Some(format!("next month{ap}s")),
            span: month_span(t.month_index()),
        });
    }
    out
}

/// A meeting word for a meeting of `format`, with the formats each reading allows.
fn word(format: Format, rng: &mut Rng) -> (&'static str, Vec<Vec<Format>>) {
    let any = || vec![ANY.to_vec(), vec![Format::InPerson]];
    match format {
        Format::InPerson => match rng.below(5) {
            0 | 1 => ("summit", vec![vec![Format::InPerson]]),
            2 => ("talks", any()),
            _ => ("meeting", any()),
        },
        Format::Phone => match rng.below(4) {
            0 => ("phone call", vec![vec![Format::Phone]]),
            1 => ("telephone conversation", vec![vec![Format::Phone]]),
            2 => ("call", vec![vec![Format::Phone], vec![Format::Phone, Format::Virtual]]),
            _ => ("telephone call", vec![vec![Format::Phone]]),
        },
        Format::Virtual => match rng.below(4) {
            0 => ("video call", vec![vec![Format::Virtual]]),
            1 => ("virtual meeting", vec![vec![Format::Virtual]]),
            2 => ("video conference", vec![vec![Format::Virtual]]),
            _ => ("virtual summit", vec![vec![Format::Virtual]]),
        },
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn title_case(s: &str) -> String {
    const SMALL: [&str; 9] = ["the", "of", "in", "at", "on", "with", "and", "a", "to"];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| if i > 0 && SMALL.contains(&w) { w.to_string() } else { capitalize(w) })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "the two leaders" for the report's participants, or "the two presidents" when both
/// are.
fn the_two(parts: [usize; 2], rng: &mut Rng) -> &'static str {
    let (a, b) = (PEOPLE[parts[0]].title, PEOPLE[parts[1]].title);
    if a == b && rng.chance(60) {
        if a == "President" { "the two presidents" } else { "the two prime ministers" }
    } else {
        "the two leaders"
    }
}

fn dash(rng: &mut Rng) -> &'static str {
    if rng.chance(70) { "–" } else { "-" }
}

/// A rendered reference: its words (in lowercase position, capitalised by the frame
/// when it opens a sentence), its clues, and the kind of frame it needs.
struct Phrase {
    text: String,
    clues: Clues,
    kind: Slot,
    /// The participant a "his/her" in the phrase refers to, named by the frame.
    subject: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A noun phrase in a past context.
    Past,
    /// A noun phrase about what is to come.
    Future,
    /// An adverbial clause: "when they met in Valmora last year".
    When,
    /// "since they last met in Port Ellery".
    Since,
}

/// "in Valmora", "in Orenthia", but "at Villa Serena".
fn prep(place: &str) -> &'static str {
    if VENUES.iter().any(|v| v.city == place || v.host == Some(place)) { "in" } else { "at" }
}

fn pick_place(m: &Meeting, rng: &mut Rng) -> Option<&'static str> {
    let v = &VENUES[m.venue?];
    let r = rng.below(100);
    Some(if r < 65 {
        v.city
    } else if r < 85 || v.host.is_none() {
        v.names[0]
    } else {
        v.host.unwrap_or(v.city)
    })
}

fn possessive_or_the(c: &mut Clues, report: &Report, rng: &mut Rng) -> String {
    match rng.below(6) {
        0 | 1 => {
            c.their = true;
            "their".into()
        }
        2 => {
            c.their = true;
            let ap = apostrophe(rng);
            format!("{}{ap}", the_two(report.own.parts, rng))
        }
        _ => "the".into(),
    }
}

/// Renders a phrase of `shape` for `target`; None when the shape does not suit it.
fn render(shape: &str, target: &Meeting, report: &Report, rng: &mut Rng) -> Option<Phrase> {
    let mut c = Clues::default();
    let future = target.date > report.own.last_day();
    let times = if future {
        future_times(target.date, report.anchor, rng)
    } else {
        past_times(target.date, report.anchor, report.own.date, rng)
    };
    let (w, formats) = word(target.format, rng);
    c.formats = formats;
    c.future = future;
    let slot = if future { Slot::Future } else { Slot::Past };
    let mut subject = None;
    let text = match shape {
        "place before" | "place after" | "place + time" | "place entry" => {
            if future {
                return None;
            }
            let place = if shape == "place entry" {
                // Names only a `[[place]]` entry gives: an alias, or what the venue
                // lies within when its location names the venue alone.
                let v = &VENUES[target.venue?];
                match v.place? {
                    "old-senate" => *rng.pick(&["Tesmar", "Valdoria", "Old Senate"]),
                    _ => "Falconridge",
                }
            } else {
                pick_place(target, rng)?
            };
            c.place = Some(place);
            let det = possessive_or_the(&mut c, report, rng);
            let w = if rng.chance(20) { title_case(w) } else { w.to_string() };
            let time = if shape == "place + time" || (shape == "place entry" && rng.chance(40)) {
                let t = rng.pick(&times);
                c.time = Some(t.span);
                Some(t)
            } else {
                None
            };
            let prep = prep(place);
            let held = if rng.chance(25) { format!("held {prep}") } else { prep.to_string() };
            match (time, shape == "place after" || rng.chance(35)) {
                (None, false) => format!("{det} {place} {w}"),
                (None, true) => format!("{det} {w} {held} {place}"),
                (Some(t), after) => match (rng.below(4), &t.of, &t.adjective) {
                    (0, Some(of), _) => format!("{det} {place} {w} of {of}"),
                    (1, _, Some(adj)) if det == "the" => format!("the {adj} {place} {w}"),
                    _ if after => format!("{det} {w} {held} {place} {}", t.after),
                    _ => format!("{det} {place} {w} {}", t.after),
                },
            }
        }
        "time" => {
            if future {
                return None;
            }
            let t = rng.pick(&times);
            c.time = Some(t.span);
            match (rng.below(4), &t.adjective, &t.possessive) {
                (0, Some(adj), _) => {
                    let det = possessive_or_the(&mut c, report, rng);
                    format!("{det} {adj} {w}")
                }
                (1, _, Some(poss)) => {
                    if rng.chance(50) {
                        c.their = true;
                        format!("{poss} {w} between {}", the_two(report.own.parts, rng))
                    } else {
                        format!("{poss} {w}")
                    }
                }
                _ => {
                    let det = if w.contains("call") && rng.chance(40) {
                        "a".to_string()
                    } else {
                        possessive_or_the(&mut c, report, rng)
                    };
                    format!("{det} {w} {}", t.after)
                }
            }
        }
        "people" => {
            let [a, b] = target.parts;
            let (pa, pb) = (&PEOPLE[a], &PEOPLE[b]);
            let with_time = rng.chance(60);
            let time = if with_time {
                let t = rng.pick(&times);
                c.time = Some(t.span);
                format!(" {}", t.after)
            } else {
                String::new()
            };
            let text = match rng.below(4) {
                0 | 1 => {
                    c.people = vec![a, b];
                    let (x, y) = if rng.chance(50) { (pa, pb) } else { (pb, pa) };
                    format!("the {}{}{} {w}{time}", x.surname, dash(rng), y.surname)
                }
                2 => {
                    c.people = vec![a, b];
                    let det = if w == "talks" { "the" } else { "a" };
                    format!("{det} {w} between {} {} and {} {}{time}", pa.title, pa.name, pb.title, pb.surname)
                }
                _ if future => return None,
                _ => {
                    // "his call with X", said of one of the report's participants.
                    let (s, other) = if report.own.parts.contains(&a) {
                        (a, b)
                    } else if report.own.parts.contains(&b) {
                        (b, a)
                    } else {
                        return None;
                    };
                    if report.own.parts.contains(&other) {
                        return None;
                    }
                    c.people = vec![s, other];
                    c.people_alt = Some(vec![other]);
                    subject = Some(s);
                    let po = &PEOPLE[other];
                    let pronoun = if matches!(s, 1 | 3) { "her" } else { "his" };
                    format!("{pronoun} {w} with {} {}{time}", po.title, po.surname)
                }
            };
            if future {
                format!("the planned {}", text.trim_start_matches("the ").trim_start_matches("a "))
            } else {
                text
            }
        }
        "format" => {
            if future {
                return None;
            }
            // The format word is what picks the meeting: their calls, their video calls.
            let t = rng.pick(&times);
            c.time = Some(t.span);
            c.their = true;
            match target.format {
                Format::InPerson => {
                    let v = &VENUES[target.venue?];
                    let host = v.host?;
                    let visitor = *target.parts.iter().find(|&&p| PEOPLE[p].country != host)?;
                    if !target.parts.iter().any(|&p| PEOPLE[p].country == host) {
                        return None;
                    }
                    c.their = false;
                    c.people = vec![visitor];
                    c.formats = vec![vec![Format::InPerson]];
                    let place = if rng.chance(50) { v.city } else { host };
                    c.place = Some(place);
                    let kind = if rng.chance(50) { "state visit" } else { "visit" };
                    let ap = apostrophe(rng);
                    format!("{}{ap}s {kind} to {place} {}", PEOPLE[visitor].surname, t.after)
                }
                _ => {
                    let ap = apostrophe(rng);
                    match rng.below(3) {
                        0 => format!("{}{ap} {w} {}", the_two(report.own.parts, rng), t.after),
                        1 => format!("their {w} {}", t.after),
                        _ => format!("the {w} the two held {}", t.after),
                    }
                }
            }
        }
        "verb clause" => {
            if future {
                return None;
            }
            c.formats = vec![ANY.to_vec(), vec![Format::InPerson]];
            c.their = true;
            let place = pick_place(target, rng);
            let t = rng.pick(&times);
            match rng.below(5) {
                0 | 1 => {
                    let place = place?;
                    c.place = Some(place);
                    let who =
                        if rng.chance(60) { "they".to_string() } else { the_two(report.own.parts, rng).to_string() };
                    let time = if rng.chance(70) {
                        c.time = Some(t.span);
                        format!(" {}", t.after)
                    } else {
                        String::new()
                    };
                    return Some(Phrase {
                        text: format!("when {who} met {} {place}{time}", prep(place)),
                        clues: c,
                        kind: Slot::When,
                        subject: None,
                    });
                }
                2 => {
                    c.order = Some(Order::Last);
                    let text = match place {
                        Some(p) if rng.chance(60) => {
                            c.place = Some(p);
                            format!("since they last met {} {p}", prep(p))
                        }
                        _ => "since they last met".to_string(),
                    };
                    return Some(Phrase { text, clues: c, kind: Slot::Since, subject: None });
                }
                3 if target.format == Format::Phone => {
                    c.formats = vec![vec![Format::Phone]];
                    c.time = Some(t.span);
                    return Some(Phrase {
                        text: format!("when they spoke by phone {}", t.after),
                        clues: c,
                        kind: Slot::When,
                        subject: None,
                    });
                }
                _ => {
                    let mut text = format!("the consensus {} reached", the_two(report.own.parts, rng));
                    if let Some(p) = place {
                        c.place = Some(p);
                        let _ = write!(text, " {} {p}", prep(p));
                    }
                    if place.is_none() || rng.chance(40) {
                        c.time = Some(t.span);
                        let _ = write!(text, " {}", t.after);
                    }
                    text
                }
            }
        }
        "order" => {
            if future {
                return None;
            }
            let det = possessive_or_the(&mut c, report, rng);
            match rng.below(6) {
                0 => {
                    c.order = Some(Order::First);
                    format!("{det} first {w}")
                }
                1 => {
                    c.order = Some(Order::Last);
                    format!("{det} last {w}")
                }
                2 => {
                    c.order = Some(Order::Last);
                    format!("{det} previous {w}")
                }
                3 if target.format == Format::InPerson => {
                    c.order = Some(Order::Last);
                    c.formats = vec![vec![Format::InPerson]];
                    format!("{det} last face-to-face meeting")
                }
                4 => {
                    c.order = Some(Order::Last);
                    let t = &times[0];
                    c.time = Some(t.span);
                    match pick_place(target, rng) {
                        Some(p) => {
                            c.place = Some(p);
                            format!("{det} most recent {w}, {}, {} {p}", t.after, prep(p))
                        }
                        None => format!("{det} most recent {w}, {}", t.after),
                    }
                }
                _ => {
                    c.order = Some(Order::First);
                    let p = pick_place(target, rng)?;
                    c.place = Some(p);
                    format!("{det} first {w} {} {p}", prep(p))
                }
            }
        }
        "future" => {
            if !future {
                return None;
            }
            c.future = true;
            let t = rng.pick(&times);
            match rng.below(5) {
                0 => {
                    c.order = Some(Order::Next);
                    let det = possessive_or_the(&mut c, report, rng);
                    format!("{det} next {w}")
                }
                1 => {
                    c.time = Some(t.span);
                    let det = possessive_or_the(&mut c, report, rng);
                    format!("{det} upcoming {w} {}", t.after)
                }
                2 => {
                    let p = pick_place(target, rng)?;
                    c.place = Some(p);
                    c.time = Some(t.span);
                    format!("the {w} planned {} {p} {}", prep(p), t.after)
                }
                3 => match &t.possessive {
                    Some(poss) => {
                        c.time = Some(t.span);
                        match pick_place(target, rng) {
                            Some(p) => {
                                c.place = Some(p);
                                format!("{poss} {w} {} {p}", prep(p))
                            }
                            None => format!("{poss} {w}"),
                        }
                    }
                    None => return None,
                },
                _ => {
                    c.time = Some(t.span);
                    c.their = true;
                    format!("the {w} the two leaders will hold {}", t.after)
                }
            }
        }
        _ => return None,
    };
    Some(Phrase { text, clues: c, kind: slot, subject })
}

/// Sentence frames. `{R}` is the reference; `{A}`/`{B}` the participants' surnames,
/// `{TA}` a titled name of the first, `{SPK}` the first as a transcript names a
/// speaker; `{S}` the person a "his/her" in the phrase refers to.
const PAST_FRAMES: [&str; 19] = [
    "Officials in both capitals have played down expectations since {R}.",
    "{R} produced a joint statement on river navigation but little else, according to diplomats briefed on it.",
    "The grain corridor deal builds on {R}, where the idea was first floated.",
    "Aides to {A} said privately that {R} had gone better than expected.",
    "Few analysts expect a breakthrough of the kind announced at {R}.",
    "At {R}, both sides pledged to reopen their consulates.",
    "The currency rallied after {R} but has since given up its gains.",
    "The two sides spoke highly of the outcomes of {R}.",
    "{TA} said the spirit of {R} should continue to guide relations.",
    "Both leaders agreed to carry forward the work begun at {R}.",
    "{R} opened a new chapter in relations between the two countries, {B} said.",
    "Q: Some of your critics say {R} achieved nothing. How do you respond?",
    "Q: What has changed since {R}?",
    "“We have come a long way since {R},” {A} told reporters.",
    "“{R} was not a failure,” {B} said, “it was a beginning.”",
    "\"Nobody remembers {R} for its communiqué,\" one diplomat said.",
    "Much of the paper signed this week was drafted before {R} and never published.",
    "Q: {TA}, at {R} you promised a new border treaty. Where does that stand?",
    "{SPK}: Look, {R} was a good start, and we have built on it.",
];
const FUTURE_FRAMES: [&str; 9] = [
    "Preparations are under way for {R}.",
    "{A} said the fisheries dispute should be settled before {R}.",
    "Q: What do you expect from {R}?",
    "“I hope {R} will finally close the border file,” {B} said.",
    "Diplomats say a draft energy accord could be ready for {R}.",
    "{R} is expected to focus on the northern rail link, officials said.",
    "Neither side has yet published an agenda for {R}.",
    "Q: Will {R} go ahead if the strike continues?",
    "{SPK}: I expect {R} to settle the question of the dam.",
];
const WHEN_FRAMES: [&str; 6] = [
    "{R}, the two leaders agreed to set up a joint commission on water.",
    "{R}, {B} raised the question of the detained fishermen.",
    "“{R}, nothing was settled on fishing,” one aide said.",
    "Q: {TA}, what did {B} promise {R}?",
    "The water commission was set up {R}.",
    "{SPK}: {R}, we agreed on the principles, and the details followed.",
];
const SINCE_FRAMES: [&str; 5] = [
    "Trade between the two countries has nearly doubled {R}.",
    "“Much has changed {R},” {A} said.",
    "Q: {TA}, has anything moved {R}?",
    "The joint commission has held eleven sessions {R}.",
    "{SPK}: A great deal has happened {R}.",
];
const SUBJECT_FRAMES: [&str; 4] = [
    "{S} recalled {R} and said the outline of a deal was already clear then.",
    "In {R}, {S} had raised the same concerns.",
    "{S} referred to {R}, describing it as “frank and useful”.",
    "Q: Did {S} raise the border in {R}?",
];

/// Filler sentences: no meeting word, no date, no place of the corpus.
const FILLER: [&str; 16] = [
    "The two sides exchanged views on grain exports, river navigation and the reopening of the northern rail link.",
    "Both delegations included ministers of energy, transport and fisheries.",
    "The statement called the relationship “mature and pragmatic”.",
    "Neither side took questions on the detained fishermen.",
    "A customs protocol and a memorandum on water sharing were signed.",
    "The ministry said the atmosphere had been candid and constructive.",
    "Economists said the tariff cuts would matter less than the rail link.",
    "Opposition lawmakers criticised the absence of any text on migration.",
    "The leaders agreed that their foreign ministers would stay in close contact.",
    "Security was tight, and several streets near the venue were closed.",
    "Both sides reaffirmed their commitment to the river treaty.",
    "Officials described the exchange as businesslike.",
    "A joint working group will report on the energy grid within six months.",
    "Analysts were divided on how much had been achieved.",
    "The two delegations later attended a concert of folk music.",
    "Fishing quotas remain the most sensitive item between the two countries.",
];

const SOURCES: [&str; 4] =
    ["Meridian Wire", "Ministry of Foreign Affairs of Valdoria", "Northern Press Agency", "Federal Press Office"];

/// A meeting to be: its pair, format, venue and first day.
type Plan = ((usize, usize), Format, Option<usize>, Day);

fn plan_meetings(rng: &mut Rng) -> Vec<Meeting> {
    let mut days: Vec<Day> = Vec::new();
    let (lo, hi) = (Day::new(2016, 1, 10), Day::new(2024, 12, 15));
    // A few clusters that make places and years ambiguous on purpose.
    let fixed: [Plan; 10] = [
        ((0, 1), Format::InPerson, Some(2), Day::new(2019, 4, 8)),
        ((0, 1), Format::InPerson, Some(2), Day::new(2019, 10, 21)),
        ((0, 3), Format::InPerson, Some(4), Day::new(2022, 3, 14)),
        ((3, 4), Format::InPerson, Some(4), Day::new(2022, 9, 5)),
        ((0, 1), Format::Phone, None, Day::new(2021, 3, 2)),
        ((0, 1), Format::Phone, None, Day::new(2021, 3, 23)),
        ((1, 2), Format::Virtual, None, Day::new(2020, 5, 12)),
        ((0, 1), Format::InPerson, Some(1), Day::new(2017, 6, 19)),
        ((0, 1), Format::InPerson, Some(0), Day::new(2017, 11, 6)),
        ((0, 4), Format::InPerson, Some(5), Day::new(2023, 5, 30)),
    ];
    let mut plan: Vec<Plan> = fixed.to_vec();
    days.extend(fixed.iter().map(|f| f.3));
    let total_weight: usize = PAIRS.iter().map(|p| p.1).sum();
    while plan.len() < 78 {
        let day = Day(lo.0 + rng.below((hi.0 - lo.0) as usize) as i32);
        if days.iter().any(|d| (d.0 - day.0).abs() < 8) {
            continue;
        }
        let mut w = rng.below(total_weight);
        let mut pair = PAIRS[0].0;
        for (p, weight) in PAIRS {
            if w < weight {
                pair = p;
                break;
            }
            w -= weight;
        }
        let format = match rng.below(100) {
            0..65 => Format::InPerson,
            65..85 => Format::Phone,
            _ => Format::Virtual,
        };
        let venue = (format == Format::InPerson).then(|| {
            if rng.chance(60) {
                let host = PEOPLE[if rng.chance(50) { pair.0 } else { pair.1 }].country;
                let here: Vec<usize> = (0..VENUES.len()).filter(|&v| VENUES[v].host == Some(host)).collect();
                *rng.pick(&here)
            } else {
                *rng.pick(&[7, 8, 9])
            }
        });
        days.push(day);
        plan.push((pair, format, venue, day));
    }
    plan.sort_by_key(|p| p.3);
    plan.into_iter()
        .map(|((a, b), format, venue, date)| {
            let slug = match (format, venue) {
                (Format::InPerson, Some(v)) => VENUES[v].city.to_lowercase().replace(' ', "-"),
                (Format::Phone, _) => "call".into(),
                _ => "video".into(),
            };
            let entry = venue.is_some_and(|v| VENUES[v].entry_only) || rng.chance(35);
            let end = (format == Format::InPerson && rng.chance(25)).then(|| date.plus(1 + rng.below(2) as i32));
            Meeting { id: format!("{slug}-{}", date.iso()), date, end, parts: [a, b], format, venue, entry }
        })
        .collect()
}

fn corpus_toml(meetings: &[Meeting]) -> String {
    let mut toml = String::from(
        "[corpus]\nname = \"Leaders of the northern sea\"\ndocuments = [\"reports/*.txt\"]\nrequired = [\"title\", \"meeting\", \"date\", \"participants\"]\n\n",
    );
    for p in &PEOPLE {
        let _ = writeln!(
            toml,
            "[[person]]\nid = \"{}\"\nname = \"{}\"\naliases = [\"{}\"]\ncountry = \"{}\"\nroles = [{{ title = \"{}\", from = 2014-01-01 }}]\n",
            p.id, p.name, p.surname, p.country, p.title
        );
    }
    toml.push_str(PLACE_ENTRIES);
    for m in meetings.iter().filter(|m| m.entry) {
        let _ = writeln!(toml, "[[meeting]]\nid = \"{}\"\ndate = {}", m.id, m.date.iso());
        if let Some(end) = m.end {
            let _ = writeln!(toml, "end = {}", end.iso());
        }
        if let Some(v) = m.venue {
            let _ = writeln!(toml, "location = \"{}\"", VENUES[v].location);
            if let Some(place) = VENUES[v].place {
                let _ = writeln!(toml, "place = \"{place}\"");
            }
        }
        let _ = writeln!(
            toml,
            "format = \"{}\"\nparticipants = [\"{}\", \"{}\"]\n",
            m.format.key(),
            PEOPLE[m.parts[0]].id,
            PEOPLE[m.parts[1]].id
        );
    }
    toml
}

/// A planned span of a body: start and end in code points, surface, shape, style, truth.
type Planned = (usize, usize, String, &'static str, &'static str, Expect);

/// A body under construction: its text, its length in code points, its planned spans.
struct Body {
    text: String,
    chars: usize,
    spans: Vec<Planned>,
}

impl Body {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    /// Appends `text` as a planned span.
    fn plan(&mut self, text: &str, shape: &'static str, style: &'static str, expect: Expect) {
        let start = self.chars;
        self.push(text);
        self.spans.push((start, self.chars, text.to_string(), shape, style, expect));
    }

    /// Appends a frame with the reference in place of `{R}`, and plans its span.
    fn frame(
        &mut self,
        frame: &str,
        reference: &str,
        fill: &[(&str, String)],
        shape: &'static str,
        style: &'static str,
        expect: Expect,
    ) {
        let mut frame = frame.to_string();
        for (k, v) in fill {
            frame = frame.replace(k, v);
        }
        let at = frame.find("{R}").unwrap_or(frame.len());
        let before = &frame[..at];
        let opens = before.trim_end_matches(['“', '"']).is_empty() || before.ends_with(": ");
        let reference = if opens { capitalize(reference) } else { reference.to_string() };
        self.push(before);
        self.plan(&reference, shape, style, expect);
        self.push(frame[at..].trim_start_matches("{R}"));
    }
}

/// Non-breaking spaces in some references, as scraped pages have them.
fn nbsp(text: String, rng: &mut Rng) -> String {
    if !rng.chance(12) {
        return text;
    }
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    if spaces.is_empty() {
        return text;
    }
    let at = *rng.pick(&spaces);
    format!("{}\u{a0}{}", &text[..at], &text[at + 1..])
}

fn expect_of(meetings: &[Meeting], fit: &[usize]) -> Expect {
    match fit {
        [one] => Expect::One(meetings[*one].id.clone()),
        _ => {
            let mut ids: Vec<String> = fit.iter().map(|&i| meetings[i].id.clone()).collect();
            ids.sort();
            Expect::Ambiguous(ids)
        }
    }
}

const REFERENCE_SHAPES: [&str; 10] = [
    "place before",
    "place after",
    "place + time",
    "time",
    "people",
    "format",
    "verb clause",
    "order",
    "future",
    "place entry",
];

/// Distractors: meeting words and places that are no meeting of the corpus.
fn distractor(meetings: &[Meeting], own: &Meeting, rng: &mut Rng) -> (String, String, &'static str) {
    let ap = apostrophe(rng);
    let plain: [(&str, &str); 10] = [
        ("Earlier in the day {X} chaired a meeting of the cabinet on fisheries quotas.", "a meeting of the cabinet"),
        (
            "The dockworkers{AP} union said its talks with the port operators had stalled.",
            "its talks with the port operators",
        ),
        ("Two climbers reached the summit of Mount Arvel at dawn, local media noted.", "the summit of Mount Arvel"),
        ("The central bank{AP}s policy meeting was moved to avoid the motorcade.", "The central bank’s policy meeting"),
        ("Church leaders issued a call for calm ahead of the vote.", "a call for calm"),
        ("The shareholders{AP} meeting of the rail company approved the new line.", "The shareholders’ meeting"),
        ("A video conference of health officials is planned to follow up.", "A video conference of health officials"),
        ("{X} ended the day with a visit to a grain terminal.", "a visit to a grain terminal"),
        ("Union leaders called the talks with the ministry “a waste of time”.", "the talks with the ministry"),
        ("The foreign ministers will meet again before the end of the year.", "will meet again"),
    ];
    let x = PEOPLE[own.parts[rng.below(2)]].surname;
    let past: Vec<&Meeting> =
        meetings.iter().filter(|m| m.date < own.date && m.venue.is_some() && m.id != own.id).collect();
    if rng.chance(55) || past.is_empty() {
        let (s, span) = rng.pick(&plain);
        let s = s.replace("{X}", x).replace("{AP}", ap);
        let span = span.replace('’', ap);
        return (s, span, "distractor");
    }
    // Near misses: a place and a time of a real meeting, with no leaders' meeting.
    let m = rng.pick(&past);
    let city = m.venue.map_or("Tesmar", |v| VENUES[v].city);
    let (y, mo, _) = m.date.ymd();
    let month = MONTHS[mo as usize - 1];
    let count = meetings.iter().filter(|n| n.date < own.date && own.parts.iter().all(|&p| n.has(p))).count();
    match rng.below(5) {
        0 => (
            format!("A cabinet meeting in {city} in {month} {y} had approved the plan."),
            format!("A cabinet meeting in {city} in {month} {y}"),
            "near distractor",
        ),
        1 => (
            format!("Finance ministers of the region held talks in {city} in {y} on a common bond."),
            format!("Finance ministers of the region held talks in {city} in {y}"),
            "near distractor",
        ),
        2 => (
            format!("The {y} {city} book fair, a regular stop for both leaders, drew record crowds."),
            format!("The {y} {city} book fair"),
            "near distractor",
        ),
        3 if count >= 3 => {
            let words = ["", "", "", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
            let n = words.get(count).copied().unwrap_or("many");
            let n = if n.is_empty() { "several" } else { n };
            (
                format!("The two leaders have met or spoken {n} times in all."),
                format!("have met or spoken {n} times"),
                "near distractor",
            )
        }
        _ => (
            format!("Rail unions met employers in {city} in {month} {y} to discuss wages."),
            format!("Rail unions met employers in {city} in {month} {y}"),
            "near distractor",
        ),
    }
}

/// Writes the corpus into `dir` (which must exist): `corpus.toml`, `reports/*.txt`
/// (`n` of them) and `truth.jsonl`; returns the truth.
pub fn generate(dir: &Path, n: usize, seed: u64) -> std::io::Result<Vec<Truth>> {
    let mut rng = Rng::new(seed);
    let meetings = plan_meetings(&mut rng);
    std::fs::write(dir.join("corpus.toml"), corpus_toml(&meetings))?;
    let reports_dir = dir.join("reports");
    std::fs::create_dir_all(&reports_dir)?;
    let with_reports: Vec<usize> = (0..meetings.len()).filter(|&i| !meetings[i].entry).collect();
    let mut truth = Vec::new();
    let mut used = [0; REFERENCE_SHAPES.len()];
    for r in 0..n {
        let own = &meetings[with_reports[r % with_reports.len()]];
        let anchor = own.date.plus(rng.below(3) as i32);
        let report = Report { own, anchor };
        let file = format!("reports/{r:04}.txt");
        let (front, body) = write_report(&meetings, &report, &mut used, &mut rng);
        let crlf = rng.chance(25);
        let text = format!("{front}{}", body.text);
        let text = if crlf { text.replace('\n', "\r\n") } else { text };
        std::fs::write(dir.join(&file), &text)?;
        // With CRLF, each line break before an offset adds one code point.
        let breaks: Vec<usize> = body.text.chars().enumerate().filter(|(_, c)| *c == '\n').map(|(i, _)| i).collect();
        let shift = |at: usize| if crlf { at + breaks.partition_point(|&b| b < at) } else { at };
        for (start, end, surface, shape, style, expect) in body.spans {
            let surface = if crlf { surface.replace('\n', "\r\n") } else { surface };
            truth.push(Truth {
                file: file.clone(),
                start: shift(start),
                end: shift(end),
                surface,
                shape,
                style,
                expect,
            });
        }
    }
    let mut out = String::new();
    for t in &truth {
        let expect = match &t.expect {
            Expect::One(id) => serde_json::json!({ "id": id }),
            Expect::Ambiguous(ids) => serde_json::json!({ "candidates": ids }),
            Expect::Own => serde_json::json!("own meeting"),
            Expect::None => serde_json::json!("none"),
        };
        let line = serde_json::json!({
            "file": t.file, "start": t.start, "end": t.end, "surface": t.surface,
            "shape": t.shape, "style": t.style, "expect": expect,
        });
        let _ = writeln!(out, "{line}");
    }
    std::fs::write(dir.join("truth.jsonl"), out)?;
    Ok(truth)
}

/// One reference for a paragraph: a shape, a meeting it can name, words for it whose
/// truth every reading agrees on. None when no attempt found one.
/// The shape is the least used so far of three drawn, so that every shape gets its
/// share although some fit fewer meetings.
fn reference(
    meetings: &[Meeting],
    report: &Report,
    used: &mut [usize; REFERENCE_SHAPES.len()],
    rng: &mut Rng,
) -> Option<(&'static str, Phrase, Expect)> {
    let others: Vec<&Meeting> = meetings.iter().filter(|m| m.id != report.own.id).collect();
    for _ in 0..4 {
        let drawn = [rng.below(used.len()), rng.below(used.len()), rng.below(used.len())];
        let s = drawn.into_iter().min_by_key(|&s| used[s]).unwrap_or(0);
        let shape = REFERENCE_SHAPES[s];
        for _ in 0..100 {
            let target = *rng.pick(&others);
            let Some(phrase) = render(shape, target, report, rng) else { continue };
            let Some(fit) = phrase.clues.truth(meetings, report) else { continue };
            if fit.len() <= 5 && fit.iter().any(|&i| meetings[i].id == target.id) {
                used[s] += 1;
                return Some((shape, phrase, expect_of(meetings, &fit)));
            }
        }
    }
    None
}

/// One report: front matter, a headline, a lead about its own meeting, paragraphs with
/// references and distractors. Returns the front matter and the body.
fn write_report(
    meetings: &[Meeting],
    report: &Report,
    used: &mut [usize; REFERENCE_SHAPES.len()],
    rng: &mut Rng,
) -> (String, Body) {
    let own = report.own;
    let [a, b] = own.parts;
    let (pa, pb) = (&PEOPLE[a], &PEOPLE[b]);
    let style = *rng.pick(&["wire", "readout", "transcript", "readout", "wire"]);
    let city = own.venue.map(|v| VENUES[v].city);
    let location = own
        .venue
        .map_or(if own.format == Format::Phone { "by telephone" } else { "by video link" }, |v| VENUES[v].location);
    let title = match own.format {
        Format::InPerson => format!("{} and {} Meet in {}", pa.surname, pb.surname, city.unwrap_or("")),
        Format::Phone => format!("{} Holds Phone Call with {}", pa.surname, pb.surname),
        Format::Virtual => format!("{} and {} Hold Video Call", pa.surname, pb.surname),
    };
    let mut front = format!(
        "---\ntitle: {title}\nmeeting: {}\ndate: {}\nlocation: {location}\nparticipants: [{}, {}]\nsource: {}\npublished: {}\nformat: {}\n",
        own.id,
        own.date.iso(),
        pa.id,
        pb.id,
        rng.pick(&SOURCES),
        report.anchor.iso(),
        own.format.key()
    );
    if let Some(end) = own.end {
        let _ = writeln!(front, "end: {}", end.iso());
    }
    front.push_str("---\n");
    let mut body = Body { text: String::new(), chars: 0, spans: Vec::new() };
    // The headline and the lead name the report's own meeting.
    body.plan(&title, "own meeting", "headline", Expect::Own);
    body.push("\n\n");
    let (y, m, d) = own.date.ymd();
    let month = MONTHS[m as usize - 1];
    let verb = match own.format {
        Format::InPerson => format!("held talks with {} {} of {}", pb.title, pb.name, pb.country),
        Format::Phone => format!("spoke by telephone with {} {} of {}", pb.title, pb.name, pb.country),
        Format::Virtual => format!("held a video call with {} {} of {}", pb.title, pb.name, pb.country),
    };
    if style == "wire" {
        let dateline = city.unwrap_or(VENUES[0].city).to_uppercase();
        body.push(&format!("{dateline}, {month} {d} (Meridian Wire) – {} {} of {} ", pa.title, pa.name, pa.country));
        body.plan(&format!("{verb} on {}", own.date.weekday()), "own meeting", style, Expect::Own);
        body.push(", the first such contact in months.\n\n");
    } else {
        body.push(&format!("On {month} {d}, {y}, {} {} ", pa.title, pa.name));
        let place = city.map_or(String::new(), |c| format!(" in {c}"));
        body.plan(&format!("{verb}{place}"), "own meeting", style, Expect::Own);
        body.push(".\n\n");
    }
    if style == "transcript" {
        body.push(&format!("Remarks of {} {} to the press\n\n", pa.title, pa.name));
    }
    let fill = |rng: &mut Rng| FILLER[rng.below(FILLER.len())];
    let fills: Vec<(&str, String)> = vec![
        ("{A}", pa.surname.to_string()),
        ("{B}", pb.surname.to_string()),
        ("{TA}", format!("{} {}", pa.title, pa.surname)),
        ("{SPK}", format!("{} {}", pa.title, pa.surname).to_uppercase()),
    ];
    let paragraphs = 2 + rng.below(3);
    for p in 0..paragraphs {
        body.push(fill(rng));
        if let Some((shape, phrase, expect)) = reference(meetings, report, used, rng) {
            let frame_style = if rng.chance(25) { "quote" } else { style };
            let frames: &[&str] = match (phrase.kind, phrase.subject.is_some()) {
                (_, true) => &SUBJECT_FRAMES,
                (Slot::Past, _) => &PAST_FRAMES,
                (Slot::Future, _) => &FUTURE_FRAMES,
                (Slot::When, _) => &WHEN_FRAMES,
                (Slot::Since, _) => &SINCE_FRAMES,
            };
            let spoken = |f: &&&str| f.starts_with("Q:") || f.starts_with("{SPK}");
            let suitable: Vec<&str> = frames
                .iter()
                .filter(|f| match frame_style {
                    "transcript" => spoken(f),
                    "quote" => f.contains('“') || f.contains('"'),
                    _ => !spoken(f),
                })
                .copied()
                .collect();
            let frame = if suitable.is_empty() { *rng.pick(frames) } else { *rng.pick(&suitable) };
            let mut fills = fills.clone();
            if let Some(s) = phrase.subject {
                let named = if rng.chance(50) {
                    PEOPLE[s].surname.to_string()
                } else {
                    format!("{} {}", PEOPLE[s].title, PEOPLE[s].name)
                };
                fills.push(("{S}", named));
            }
            let frame_style = if spoken(&&frame) {
                body.push("\n");
                "transcript"
            } else if frame.contains('“') || frame.contains('"') {
                body.push(" ");
                "quote"
            } else {
                body.push(" ");
                style
            };
            let frame_style = if frame_style == "transcript" { "transcript" } else { frame_style };
            let text = nbsp(phrase.text, rng);
            body.frame(frame, &text, &fills, shape, frame_style, expect);
            if frame_style == "transcript" {
                body.push("\n");
            }
        }
        if rng.chance(40) || p == 0 {
            let (sentence, span, shape) = distractor(meetings, own, rng);
            let at = sentence.find(&span).unwrap_or(0);
            body.push(" ");
            body.push(&sentence[..at]);
            body.plan(&span, shape, style, Expect::None);
            body.push(&sentence[at + span.len()..]);
        }
        // Some paragraphs name a place of the corpus with no meeting word near it.
        if rng.chance(30) {
            body.push(&format!(" Residents of {} followed the news closely.", VENUES[rng.below(VENUES.len())].city));
        }
        body.push(" ");
        body.push(fill(rng));
        body.push("\n\n");
    }
    body.push(fill(rng));
    body.push("\n");
    (front, body)
}
