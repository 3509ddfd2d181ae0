//! Meeting references as reports write them: a meeting word ("summit", "talks", "phone
//! call", "state visit") or a clause ("when they met", "the consensus the two leaders
//! reached") with the clues around it: a place ("the Bali meeting", "the summit at Camp
//! David"), a time in any form the date recogniser reads ("of November 14, 2022",
//! "last November's", "earlier this month"), people ("the Putin–Biden summit", "with
//! Prime Minister Modi", "their"), a format and an order ("their first summit"). Found
//! here from the text alone, as clues; which meeting they mean is decided against the
//! corpus in [`crate::corpus::resolve`].

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::dates::{self, Found, ascii_regex};
use super::timex;
use crate::corpus::interval::interval_of;

/// How a meeting was held, as far as the words say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    InPerson,
    Virtual,
    Phone,
    /// "a call": by phone or by video.
    Remote,
    /// "a meeting", "talks": in person or by video, not a phone call.
    Meeting,
}

impl Format {
    /// The format of a `format:` value or a `[[meeting]]` entry's `format`.
    pub fn of_field(value: &str) -> Option<Format> {
        match value.trim().to_ascii_lowercase().as_str() {
            "in-person" | "in person" => Some(Format::InPerson),
            "virtual" | "video" => Some(Format::Virtual),
            "phone" | "telephone" | "call" => Some(Format::Phone),
            _ => None,
        }
    }

    /// Whether a meeting held as `held` fits what the text says.
    pub fn fits(self, held: Format) -> bool {
        self == held
            || (self == Format::Remote && matches!(held, Format::Virtual | Format::Phone))
            || (self == Format::Meeting && matches!(held, Format::InPerson | Format::Virtual))
    }
}

/// Which of the fitting meetings the text picks by order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Order {
    /// "their first summit": the earliest.
    First,
    /// "the last meeting", "their previous talks": the latest before the report's.
    Last,
    /// "the upcoming summit", "their next meeting": the earliest after the report's.
    Next,
}

/// What the words around a meeting reference say about the meeting. Each is a
/// constraint on the meetings it can mean.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Clues {
    /// Names as written that are no person: places ("Bali", "Camp David"), or names the
    /// corpus may not know ("G20").
    pub names: Vec<String>,
    /// Of `names`, those written after "in", "at" or "to": places for certain, where
    /// a name before the meeting word may be a body's ("the SCO summit").
    pub sited: Vec<String>,
    /// Names written with hyphens between capitalised parts ("Saint-Aubin", "US-China"):
    /// a place when the corpus knows one of that name, else two parties, which say
    /// nothing of the meeting.
    pub joined: Vec<String>,
    /// Person ids named ("the Putin–Biden summit", "with Prime Minister Modi").
    pub people: Vec<String>,
    /// "their", "the two leaders": the report's participants.
    pub participants: bool,
    /// The days the time named covers, first and last.
    pub when: Option<(Date, Date)>,
    pub format: Option<Format>,
    pub order: Option<Order>,
    /// "the upcoming summit": a meeting after the report's date.
    pub future: bool,
}

impl Clues {
    /// The same clues in one order, whatever the order of the words.
    fn canonical(mut self) -> Clues {
        self.names.sort();
        self.joined.sort();
        self.sited.sort();
        self.people.sort();
        self
    }

    /// The clues in words, for a hover: "place Bali; time 2022-11-14".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.names.is_empty() || !self.joined.is_empty() {
            let names: Vec<&str> = self.names.iter().chain(&self.joined).map(String::as_str).collect();
            parts.push(format!("place {}", names.join(", ")));
        }
        if let Some((a, b)) = self.when {
            parts.push(if a == b { format!("time {a}") } else { format!("time {a} to {b}") });
        }
        if !self.people.is_empty() {
            parts.push(format!("people {}", self.people.join(", ")));
        }
        if self.participants {
            parts.push("the report's participants".to_string());
        }
        if let Some(f) = self.format {
            let name = match f {
                Format::InPerson => "in person",
                Format::Virtual => "virtual",
                Format::Phone => "phone",
                Format::Remote => "call",
                Format::Meeting => "meeting, not a call",
            };
            parts.push(format!("format {name}"));
        }
        match self.order {
            Some(Order::First) => parts.push("the first".into()),
            Some(Order::Last) => parts.push("the latest before this report".into()),
            Some(Order::Next) => parts.push("the next after this report".into()),
            None if self.future => parts.push("after this report".into()),
            None => {}
        }
        parts.join("; ")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub span: Range<usize>,
    pub clues: Clues,
}

/// A person found in the text, for the clues: its span and id.
pub type PersonSpan = (Range<usize>, String);

/// Meeting words, longest first; case-insensitive ("the Helsinki Summit").
static HEAD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:(?P<phone>(?:tele)?phone\s+(?:calls?|conversations?|talks))|(?P<video>video\s*(?:calls?|conferences?|link\s+meetings?|summits?)|videoconferences?|virtual\s+(?:meetings?|summits?|talks))|(?P<visit>(?:state|official|working)\s+visits?|visits?)|(?P<call>calls?)|(?P<meeting>(?:bilateral\s+|face-to-face\s+|in-person\s+)?(?:summit\s+meetings?|summits?|meetings?|talks)))\b",
    )
    .ok()
});

/// A clause that refers to a meeting by its verb: "when they met", "since the two
/// leaders last met", "the consensus the two presidents reached".
static CLAUSE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:(?:when|since|after|before|as|where)\s+(?:they|we|(?:the|both)\s+(?:two\s+)?(?:leaders|presidents|heads\s+of\s+state|sides))\s+(?:(?P<ord>last|first)\s+)?(?P<verb>met|(?:spoke|talked)(?:\s+(?:by|on\s+the|over\s+the)\s+(?P<phone>(?:tele)?phone))?)|(?:consensus(?:es)?|agreements?|(?:common\s+)?understandings?)\s+(?:that\s+)?(?:they|we|(?:the|both)\s+(?:two\s+)?(?:leaders|presidents|heads\s+of\s+state|sides)|(?:he|she|I)\s+and\s+(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w'-]*)\s+(?:had\s+)?(?P<reached>reached|agreed(?:\s+on)?))\b",
    )
    .ok()
});

/// After a meeting word: a place, `in|at (the) PLACE`.
static PLACE_AFTER: LazyLock<Option<Regex>> =
    LazyLock::new(|| ascii_regex(r"^,?\s+(?:(?:(?:was|were)\s+)?(?:held|hosted)\s+)?(?:in|at|to)\s+(?:the\s+)?$").ok());
/// After a meeting word: words that lead to a time.
static TIME_AFTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(r"^,?\s+(?:(?:held\s+)?(?:of|on|in|for|from|during|earlier|later|held)\s+)?(?:(?:earlier|later)\s+)?$")
        .ok()
});
/// After a meeting word, a clause of the leaders holding it: "the video call the two
/// held in 2016", "the talks the two leaders will hold on May 27".
static HELD_BY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(r"^\s+(?:that\s+|which\s+)?(?:they|the\s+two(?:\s+(?:leaders|presidents|sides|heads\s+of\s+state))?|both\s+(?:leaders|sides))\s+(?:(?P<will>will|would|are\s+to|plan\s+to|are\s+due\s+to|are\s+set\s+to)\s+)?(?:hold|held|had|have\s+held)\b").ok()
});
/// After a meeting word: it is ahead ("the meeting planned in Castelrigg").
static PLANNED: LazyLock<Option<Regex>> =
    LazyLock::new(|| ascii_regex(r"^,?\s+(?:planned|scheduled|slated|due|set|expected)\b").ok());
/// After a meeting word: the people, `between|with`.
static PEOPLE_AFTER: LazyLock<Option<Regex>> = LazyLock::new(|| ascii_regex(r"^\s+(?:between|with)\s+$").ok());
/// "the two presidents", "his counterpart": the report's participants.
static THE_TWO: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(r"^(?:the\s+two\s+(?:leaders|presidents|heads\s+of\s+state|sides|ministers|foreign\s+ministers)|(?:his|her|their)\s+(?:\w+\s+)?counterparts?)\b").ok()
});
/// A capitalised name: words that start with a capital, joined by single spaces.
static NAME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Lu}[\p{L}\p{N}.’'\-–—]*(?:[ \u{a0}](?:(?:de|da|del|di|du|la|le|van|von|of)[ \u{a0}])?\p{Lu}[\p{L}\p{N}.’'\-–—]*)*",
    )
    .ok()
});

/// Words before a meeting word that make it no reference to another meeting.
const DETERMINERS: [&str; 12] =
    ["the", "their", "his", "her", "its", "our", "a", "an", "this", "that", "these", "those"];

/// Bodies whose meetings are no meeting between leaders: "a cabinet meeting in May",
/// "the board meeting". (A meeting word after one of these is the body's meeting.)
const BODIES: [&str; 22] = [
    "cabinet",
    "board",
    "committee",
    "council",
    "party",
    "union",
    "unions",
    "staff",
    "shareholder",
    "shareholders",
    "family",
    "plenary",
    "parliamentary",
    "ministerial",
    "ministers'",
    "ministers’",
    "officials'",
    "officials’",
    "working-level",
    "expert",
    "experts'",
    "club",
];

/// The person named at `at`, after a title the people recogniser left out ("Prime
/// Minister Dario Quessan" where only the name is known): capitalised words only.
fn person_at<'p>(text: &str, at: usize, people: &'p [PersonSpan]) -> Option<&'p PersonSpan> {
    people.iter().filter(|(s, _)| s.start >= at && s.start <= at + 40).min_by_key(|(s, _)| s.start).filter(|(s, _)| {
        text.get(at..s.start).is_some_and(|title| {
            title.split([' ', '\u{a0}']).filter(|w| !w.is_empty()).count() <= 3
                && title.split([' ', '\u{a0}']).all(|w| w.is_empty() || w.starts_with(char::is_uppercase))
        })
    })
}

/// Adjectives before a meeting word that tell nothing of which meeting it is.
const PLAIN_ADJECTIVES: [&str; 12] = [
    "informal",
    "formal",
    "bilateral",
    "historic",
    "landmark",
    "official",
    "annual",
    "inaugural",
    "two-day",
    "one-day",
    "high-level",
    "one-on-one",
];

/// Verbs of holding a meeting: "X held talks in Y".
const HOLDING: [&str; 9] = ["held", "hold", "holds", "holding", "had", "hosted", "host", "convened", "attended"];

/// Whether the subject of "... held talks", the words before the verb in its sentence,
/// is leaders: a person the text names, or "they", "the two", "both", a pronoun.
fn leaders_hold(before: &str, offset: usize, people: &[PersonSpan]) -> bool {
    let start = before
        .rfind(['.', '!', '?', ':', ';', '“', '"'])
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let subject = &before[start..];
    let (from, to) = (offset + start, offset + before.len());
    if people.iter().any(|(s, _)| from <= s.start && s.end <= to) {
        return true;
    }
    subject.split(|c: char| !c.is_alphanumeric()).any(|w| {
        ["they", "two", "both", "he", "she", "we", "i", "leaders", "presidents"]
            .contains(&w.to_ascii_lowercase().as_str())
    })
}

/// "the two leaders’ meeting", "both presidents' talks": the report's participants.
const THE_TWO_POSSESSIVE: [&str; 8] =
    ["leaders", "presidents", "sides", "ministers", "heads of state", "premiers", "chancellors", "counterparts"];

/// Capitalised words that open sentences or stand for a meeting word's own kind.
const NOT_NAMES: [&str; 14] =
    ["The", "A", "An", "This", "That", "Their", "His", "Her", "Its", "Our", "During", "At", "In", "Since"];

/// The meeting references in `text` (clean text), given the people found in it and the
/// day relative dates resolve against. Time expressions are read only in the words near
/// each meeting word, so that the index (which keeps no dates) finds the same references
/// as an open report.
pub fn find(text: &str, people: &[PersonSpan], anchor: Option<Date>) -> Vec<Reference> {
    let (Some(head), Some(clause)) = (HEAD.as_ref(), CLAUSE.as_ref()) else { return Vec::new() };
    let mut out: Vec<Reference> = Vec::new();
    let mut starts: Vec<(usize, usize, Kind)> = Vec::new();
    for c in head.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let format = if c.name("phone").is_some() {
            Some(Format::Phone)
        } else if c.name("video").is_some() {
            Some(Format::Virtual)
        } else if c.name("visit").is_some() {
            Some(Format::InPerson)
        } else if c.name("call").is_some() {
            Some(Format::Remote)
        } else if ["face", "in-", "summit"].iter().any(|w| m.as_str().to_ascii_lowercase().starts_with(w)) {
            // A summit is held in person unless the words say otherwise ("video summit").
            Some(Format::InPerson)
        } else if c.name("meeting").is_some() {
            // A meeting or talks: in person or by video; a phone call is called a call.
            Some(Format::Meeting)
        } else {
            None
        };
        starts.push((m.start(), m.end(), Kind::Noun(format)));
    }
    for c in clause.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let order = match c.name("ord").map(|o| o.as_str().to_ascii_lowercase()) {
            Some(o) if o == "first" => Some(Order::First),
            Some(_) => Some(Order::Last),
            None => None,
        };
        let format = if c.name("phone").is_some() {
            Some(Format::Phone)
        } else {
            c.name("verb").filter(|v| !v.as_str().eq_ignore_ascii_case("met")).map(|_| Format::Remote)
        };
        starts.push((m.start(), m.end(), Kind::Clause { order, format }));
    }
    starts.sort_by_key(|s| s.0);
    let found_times = times_near(text, starts.iter().map(|s| s.0..s.1));
    for (start, end, kind) in starts {
        // A meeting word inside a reference already found ("summit meeting") is part of it.
        if out.last().is_some_and(|r| r.span.end > start) {
            continue;
        }
        let line = line_of(text, start);
        // The times near the meeting word: a phrase's modifiers stand within a few words
        // of it.
        let near = window(text, &line, start..end);
        let times = times_in(&found_times, &near, anchor);
        let found = match kind {
            Kind::Noun(format) => noun_phrase(text, start..end, format, people, &times, line.start, anchor),
            Kind::Clause { order, format } => clause_phrase(text, start..end, order, format, people, &times),
        };
        if let Some(r) = found {
            out.push(r);
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Kind {
    Noun(Option<Format>),
    Clause { order: Option<Order>, format: Option<Format> },
}

/// A time expression in the text and the days it covers.
#[derive(Debug, Clone)]
struct TimeSpan {
    span: Range<usize>,
    days: Option<(Date, Date)>,
}

/// How far before and after a meeting word its modifiers are looked for, in bytes.
const REACH_BEFORE: usize = 80;
const REACH_AFTER: usize = 120;

/// The stretch of `line` around `head` where its modifiers can stand, cut at spaces so
/// that no word is cut.
fn window(text: &str, line: &Range<usize>, head: Range<usize>) -> Range<usize> {
    let mut start = head.start.saturating_sub(REACH_BEFORE).max(line.start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > line.start {
        start = text[start..head.start].find(' ').map_or(head.start, |i| start + i + 1);
    }
    let mut end = (head.end + REACH_AFTER).min(line.end);
    if end < line.end {
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        end = text[head.end..end].rfind(' ').map_or(head.end, |i| head.end + i);
    }
    start..end
}

fn line_of(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// The time expressions of the stretches around the meeting words at `heads` (in
/// order), each stretch read once: what an index of closed reports needs, without the
/// dates of the whole text.
fn times_near(text: &str, heads: impl Iterator<Item = Range<usize>>) -> Vec<Found> {
    let mut stretches: Vec<Range<usize>> = Vec::new();
    for head in heads {
        let near = window(text, &line_of(text, head.start), head);
        match stretches.last_mut() {
            Some(last) if last.end >= near.start => last.end = last.end.max(near.end),
            _ => stretches.push(near),
        }
    }
    let mut out = Vec::new();
    for stretch in stretches {
        out.extend(
            dates::find(&text[stretch.clone()])
                .into_iter()
                .map(|d| Found { span: stretch.start + d.span.start..stretch.start + d.span.end, meaning: d.meaning }),
        );
    }
    out
}

/// The time expressions within a stretch of text (`found` is every one of the text, in
/// order), with their days resolved against `anchor`, each on its own: the words near a
/// meeting say its time without the sentences before them.
fn times_in(found: &[Found], stretch: &Range<usize>, anchor: Option<Date>) -> Vec<TimeSpan> {
    let mut ctx = timex::Context::default();
    let first = found.partition_point(|d| d.span.start < stretch.start);
    found[first..]
        .iter()
        .take_while(|d| d.span.start < stretch.end)
        .filter(|d| d.span.end <= stretch.end && d.meaning.is_placed())
        .map(|d| {
            let days = timex::resolve(&d.meaning, anchor, &mut ctx).ok().and_then(|r| interval_of(&r.value));
            TimeSpan { span: d.span.clone(), days }
        })
        .collect()
}

/// What a phrase has gathered so far.
#[derive(Default)]
struct Gathered {
    clues: Clues,
    /// A time expression that could not be placed ("on Tuesday" without an anchor): the
    /// reference names a time, but no days can be checked.
    unplaced_time: bool,
    /// "the", "his", "their", "Biden's": a particular meeting, not the event the
    /// sentence tells ("held talks with President Obama").
    determined: bool,
    /// The day relative words ("today's meeting") are read against.
    anchor: Option<Date>,
    /// "a cabinet meeting": a body's meeting, not one between leaders.
    body: bool,
}

impl Gathered {
    /// "today's talks", "yesterday's meeting": the day the report tells of. Today is the
    /// anchor or the day before it, since a report is often published the day after,
    /// where its readers are.
    fn deictic(&mut self, word: &str) {
        let days = self.anchor.and_then(|a| match word {
            "today" | "tonight" => Some((a.yesterday().ok()?, a)),
            "yesterday" => a.yesterday().ok().map(|d| (d, d)),
            _ => None,
        });
        match days {
            Some(days) => self.time(&TimeSpan { span: 0..0, days: Some(days) }),
            None => self.unplaced_time = true,
        }
    }

    fn time(&mut self, t: &TimeSpan) {
        match t.days {
            Some(days) => {
                self.clues.when = Some(match self.clues.when {
                    // Two times ("in November, on the 14th"): the days both cover.
                    Some((a, b)) => (a.max(days.0), b.min(days.1)),
                    None => days,
                })
            }
            None => self.unplaced_time = true,
        }
    }

    /// A run of capitalised words: people where the people recogniser found them,
    /// parties joined by dashes ("Putin–Biden", "US-China": only their people count),
    /// and the rest as names ("Xi-Biden San Francisco" gives two people and a place).
    fn name(&mut self, written: &str, people: &[PersonSpan], at: usize) {
        let mut run: Option<Range<usize>> = None;
        let mut runs = Vec::new();
        let mut offset = 0;
        for token in written.split(' ') {
            let span = at + offset..at + offset + token.len();
            offset += token.len() + 1;
            let inside: Vec<&PersonSpan> =
                people.iter().filter(|(s, _)| s.start < span.end && span.start < s.end).collect();
            for (_, id) in &inside {
                self.person(id);
            }
            let dashed = token.contains(['–', '—']);
            let hyphened = token.contains('-') && token.split('-').all(|p| p.starts_with(char::is_uppercase));
            if hyphened && !dashed && inside.is_empty() {
                let name = token.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(['.', ',']);
                if !self.clues.joined.iter().any(|n| n == name) {
                    self.clues.joined.push(name.to_string());
                }
            }
            if dashed || hyphened || !inside.is_empty() || NOT_NAMES.contains(&token) {
                runs.extend(run.take());
                continue;
            }
            run = Some(match run {
                Some(r) => r.start..span.end,
                None => span,
            });
        }
        runs.extend(run);
        for r in runs {
            let text = &written[r.start - at..r.end - at];
            let name = text.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches('.').trim();
            if !name.is_empty() && !self.clues.names.iter().any(|n| n == name) {
                self.clues.names.push(name.to_string());
            }
        }
    }

    fn person(&mut self, id: &str) {
        if !self.clues.people.iter().any(|p| p == id) {
            self.clues.people.push(id.to_string());
        }
    }

    /// Whether the phrase says enough to tell one meeting from another.
    fn is_reference(&self, format: Option<Format>) -> bool {
        let c = &self.clues;
        // "a summit", "a phone call" name a kind of meeting; "a meeting" names none.
        let format = format.filter(|f| *f != Format::Meeting);
        let by_people = !c.people.is_empty() || (c.participants && format.is_some());
        !c.names.is_empty()
            || !c.joined.is_empty()
            || c.when.is_some()
            || self.unplaced_time
            || c.order.is_some()
            || c.future
            || (by_people && (self.determined || format.is_some()))
            // "a meeting between Prime Minister Quessan and Prime Minister Sorrel".
            || c.people.len() >= 2
    }
}

fn noun_phrase(
    text: &str,
    head: Range<usize>,
    format: Option<Format>,
    people: &[PersonSpan],
    times: &[TimeSpan],
    line_start: usize,
    anchor: Option<Date>,
) -> Option<Reference> {
    let mut g = Gathered { anchor, ..Gathered::default() };
    g.clues.format = format;
    let start = gather_left(text, head.start, line_start, people, times, &mut g);
    let end = gather_right(text, head.end, people, times, &mut g);
    // "their first meeting since the Bali summit" is this meeting, the first after
    // another: no order.
    if g.clues.order == Some(Order::First) && first_since(&text[end..]) {
        g.clues.order = None;
    }
    if g.body {
        return None;
    }
    if !g.is_reference(format) {
        return None;
    }
    Some(Reference { span: start..end, clues: g.clues.canonical() })
}

fn clause_phrase(
    text: &str,
    clause: Range<usize>,
    order: Option<Order>,
    format: Option<Format>,
    people: &[PersonSpan],
    times: &[TimeSpan],
) -> Option<Reference> {
    let mut g = Gathered::default();
    g.clues.order = order;
    g.clues.format = format;
    g.clues.participants = true;
    let end = gather_right(text, clause.end, people, times, &mut g);
    // A clause is a reference only with a place or a time after it.
    if end == clause.end && order.is_none() {
        return None;
    }
    // "since they last met": the latest meeting, with no more said.
    if order.is_none() && g.clues.names.is_empty() && g.clues.when.is_none() && !g.unplaced_time {
        return None;
    }
    Some(Reference { span: clause.start..end, clues: g.clues.canonical() })
}

/// Walks left from a meeting word over its modifiers; returns where the phrase starts
/// (after any determiner).
fn gather_left(
    text: &str,
    mut at: usize,
    line_start: usize,
    people: &[PersonSpan],
    times: &[TimeSpan],
    g: &mut Gathered,
) -> usize {
    let mut start = at;
    loop {
        let before = &text[line_start..at];
        let trimmed = before.trim_end_matches([' ', '\u{a0}']);
        if trimmed.len() == before.len() && !before.ends_with(['–', '—', '-']) && at != start {
            break; // No space between words: not a modifier.
        }
        let word_end = line_start + trimmed.len();
        let possessive = trimmed.ends_with("'s") || trimmed.ends_with("’s");
        let core_end = if possessive { word_end - if trimmed.ends_with("'s") { 2 } else { 4 } } else { word_end };
        if let Some(t) = times.iter().find(|t| t.span.end == core_end || t.span.end == word_end) {
            g.time(t);
            at = t.span.start;
            start = at;
            continue;
        }
        if let Some((span, id)) = people.iter().find(|(s, _)| s.end == core_end) {
            g.person(id);
            g.determined |= possessive;
            at = span.start;
            start = at;
            // "Putin–Biden": the party before the dash belongs to the phrase too.
            if let Some(dash) = text[line_start..at].chars().next_back().filter(|c| matches!(c, '–' | '—' | '-')) {
                at -= dash.len_utf8();
                start = at;
            }
            continue;
        }
        let word_start = trimmed
            .rfind([' ', '\u{a0}', '(', '"', '“'])
            .map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
        let word = &trimmed[word_start..];
        if word.ends_with(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’') {
            break; // "Agency: After talks": punctuation ends the phrase.
        }
        let lower = word.to_ascii_lowercase();
        let abs_start = line_start + word_start;
        match lower.as_str() {
            "first" | "initial" => g.clues.order = Some(Order::First),
            "last" | "previous" | "latest" | "recent" | "prior" | "earlier" | "past" => {
                if g.clues.order.is_none() {
                    g.clues.order = Some(Order::Last);
                }
            }
            // "the most recent summit".
            "most" if g.clues.order == Some(Order::Last) => {}
            "next" | "upcoming" | "forthcoming" | "coming" | "planned" | "scheduled" | "expected" => {
                g.clues.order = Some(Order::Next);
                g.clues.future = true;
            }
            w if ["today", "tonight", "yesterday"].contains(&w.trim_end_matches("'s").trim_end_matches("’s")) => {
                g.deictic(w.trim_end_matches("'s").trim_end_matches("’s"))
            }
            "their" | "our" => {
                g.clues.participants = true;
                g.determined = true;
                break;
            }
            w if (w.ends_with('\'') || w.ends_with('’')) && the_two_before(&text[line_start..abs_start], w) => {
                g.clues.participants = true;
                g.determined = true;
                break;
            }
            w if BODIES.contains(&w) => {
                g.body = true;
                break;
            }
            "a" | "an" => break,
            _ if NOT_NAMES.contains(&word) => break,
            w if DETERMINERS.contains(&w) => {
                g.determined = true;
                break;
            }
            _ if is_year(word) => {
                if let Ok(y) = word.parse::<i16>()
                    && let (Ok(a), Ok(b)) = (Date::new(y, 1, 1), Date::new(y, 12, 31))
                {
                    g.time(&TimeSpan { span: 0..0, days: Some((a, b)) });
                }
            }
            _ if word.starts_with(char::is_uppercase) => {
                // A name of several words: take them all.
                let mut name_start = abs_start;
                if let Some(re) = NAME.as_ref() {
                    let mut s = abs_start;
                    loop {
                        let prev = text[line_start..s].trim_end_matches([' ', '\u{a0}']);
                        if prev.len() + line_start == s {
                            break;
                        }
                        // After the space, which is two bytes when it is a no-break one.
                        let ps = prev
                            .rfind([' ', '\u{a0}'])
                            .map_or(0, |i| i + prev[i..].chars().next().map_or(1, char::len_utf8));
                        let w = &prev[ps..];
                        let lw = w.to_ascii_lowercase();
                        if w.starts_with(char::is_uppercase)
                            && w.ends_with(|c: char| c.is_alphanumeric())
                            && !DETERMINERS.contains(&lw.as_str())
                            && !NOT_NAMES.contains(&w)
                            && re.is_match(w)
                            && !times.iter().any(|t| t.span.end == line_start + ps + w.len())
                        {
                            s = line_start + ps;
                        } else {
                            break;
                        }
                    }
                    name_start = s;
                }
                g.name(&text[name_start..core_end], people, name_start);
                at = name_start;
                start = at;
                continue;
            }
            // "the first informal summit": words that say nothing of which meeting.
            w if PLAIN_ADJECTIVES.contains(&w) => {}
            w if HOLDING.contains(&w) => {
                // "Finance ministers held talks in Tesmar": the meeting of whoever the
                // sentence is about, which must be leaders for it to be one of theirs.
                g.body |= !leaders_hold(&text[line_start..abs_start], line_start, people);
                break;
            }
            _ => break,
        }
        at = abs_start;
        start = at;
    }
    start
}

/// Whether `before` ends with "the two" or "both", and `word` is a possessive of the
/// leaders ("the two presidents’", "both leaders'").
fn the_two_before(before: &str, word: &str) -> bool {
    let stem = word.trim_end_matches(['\'', '’']).to_ascii_lowercase();
    let before = before.trim_end_matches([' ', '\u{a0}']).to_ascii_lowercase();
    let before = before.trim_end_matches(" heads of");
    THE_TWO_POSSESSIVE.iter().any(|w| w.ends_with(stem.as_str()))
        && (before.ends_with("the two") || before.ends_with("both"))
}

/// Whether the words after a phrase say "since": "the first meeting since ...", within
/// the clause.
fn first_since(after: &str) -> bool {
    let clause = after.split(['.', ';', ':', '\n']).next().unwrap_or_default();
    let clause = clause.get(..clause.len().min(60)).unwrap_or(clause);
    clause.to_ascii_lowercase().split_whitespace().any(|w| w == "since")
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && (word.starts_with("19") || word.starts_with("20"))
}

/// Walks right from a meeting word over the places, times and people that follow it;
/// returns where the phrase ends.
fn gather_right(text: &str, mut at: usize, people: &[PersonSpan], times: &[TimeSpan], g: &mut Gathered) -> usize {
    let mut end = at;
    if let Some(c) = HELD_BY.as_ref().and_then(|re| re.captures(&text[at..])) {
        g.clues.participants = true;
        g.determined = true;
        if c.name("will").is_some() {
            g.clues.future = true;
        }
        at += c.get(0).map_or(0, |m| m.end());
        end = at;
    } else if let Some(m) = PLANNED.as_ref().and_then(|re| re.find(&text[at..])) {
        g.clues.future = true;
        at += m.end();
        end = at;
    }
    for _ in 0..4 {
        let rest = &text[at..];
        let window_end = rest.char_indices().nth(40).map_or(rest.len(), |(i, _)| i);
        let mut advanced = false;
        // A time: "of November 14, 2022", "in March 2021", "last October".
        if let Some(t) = times.iter().find(|t| {
            t.span.start >= at
                && t.span.start <= at + window_end
                && TIME_AFTER.as_ref().is_some_and(|re| re.is_match(&text[at..t.span.start]))
        }) {
            g.time(t);
            at = t.span.end;
            end = at;
            advanced = true;
        } else if let Some(lead) = PLACE_AFTER.as_ref().and_then(|re| {
            (1..=window_end.min(24))
                .filter(|&i| rest.is_char_boundary(i))
                .find(|&i| re.is_match(&rest[..i]) && rest[i..].starts_with(char::is_uppercase))
        }) {
            let name_at = at + lead;
            let Some(m) = NAME.as_ref().and_then(|re| re.find(&text[name_at..])) else { break };
            let mut written = m.as_str();
            if let Some(i) = written.find(". ") {
                written = &written[..i]; // "in San Francisco. Could": a sentence ends.
            }
            let written = written.trim_end_matches(['.', ',']);
            // "in March 2021" is a time, handled above; a month is no place.
            if times.iter().any(|t| t.span.start == name_at) {
                break;
            }
            if let Some((span, id)) = people.iter().find(|(s, _)| s.start == name_at) {
                // "talks in Washington" vs "a meeting with Biden": a person is people.
                g.person(id);
                at = span.end;
            } else {
                let before = g.clues.names.len();
                g.name(written, people, name_at);
                let new: Vec<String> = g.clues.names[before..].to_vec();
                g.clues.sited.extend(new);
                at = name_at + written.len();
            }
            end = at;
            advanced = true;
        } else if let Some(lead) = PEOPLE_AFTER.as_ref().and_then(|re| {
            (1..=window_end.min(12)).filter(|&i| rest.is_char_boundary(i)).find(|&i| re.is_match(&rest[..i]))
        }) {
            let from = at + lead;
            if let Some(m) = THE_TWO.as_ref().and_then(|re| re.find(&text[from..])) {
                g.clues.participants = true;
                at = from + m.end();
                end = at;
                advanced = true;
            } else {
                // One or more people: "with Prime Minister Modi", "between Xi and Biden".
                let mut cursor = from;
                while let Some((span, id)) = person_at(text, cursor, people) {
                    g.person(id);
                    at = span.end;
                    end = at;
                    advanced = true;
                    // "and", ",": another person; spaces may be no-break ones.
                    let after = &text[span.end..];
                    let t = after.trim_start_matches([' ', '\u{a0}']);
                    let joined = ["and", ","].iter().find(|j| t.starts_with(**j)).map(|j| &t[j.len()..]);
                    match joined {
                        Some(rest) => cursor = text.len() - rest.trim_start_matches([' ', '\u{a0}']).len(),
                        None => break,
                    }
                }
            }
        }
        if !advanced {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap_or_default()
    }

    fn one(text: &str, people: &[(&str, &str)], anchor: &str) -> Option<(String, Clues)> {
        let people: Vec<PersonSpan> = people
            .iter()
            .flat_map(|(name, id)| text.match_indices(name).map(move |(i, n)| (i..i + n.len(), id.to_string())))
            .collect();
        let found = find(text, &people, Some(day(anchor)));
        assert!(found.len() <= 1, "{found:?}");
        found.into_iter().next().map(|r| (text[r.span].to_string(), r.clues))
    }

    fn span_and(text: &str) -> (String, Clues) {
        one(text, &[], "2024-11-16").unwrap_or_default()
    }

    #[test]
    fn the_three_shapes_of_the_seeds() {
        let (s, c) = span_and("During the 2022 Bali meeting, he said");
        assert_eq!(s, "2022 Bali meeting");
        assert_eq!((c.names, c.when), (vec!["Bali".to_string()], Some((day("2022-01-01"), day("2022-12-31")))));
        let (s, c) = span_and("During the meeting in San Francisco in 2023, he");
        assert_eq!(s, "meeting in San Francisco in 2023");
        assert_eq!(c.names, ["San Francisco"]);
        let (s, c) = span_and("since their San Francisco meeting, the");
        assert_eq!(s, "San Francisco meeting");
        assert!(c.participants);
    }

    #[test]
    fn a_place_and_a_day_after_the_meeting_word() {
        let (s, c) = span_and("They recalled the Bali meeting of November 14, 2022 and");
        assert_eq!(s, "Bali meeting of November 14, 2022");
        assert_eq!(c.when, Some((day("2022-11-14"), day("2022-11-14"))));
        let (s, c) = span_and("since the meeting in Anchorage in April 2014, ties");
        assert_eq!(s, "meeting in Anchorage in April 2014");
        assert_eq!((c.names, c.when), (vec!["Anchorage".into()], Some((day("2014-04-01"), day("2014-04-30")))));
        let (s, c) = span_and("their talks in Geneva on June 16, 2021 were");
        assert_eq!(s, "talks in Geneva on June 16, 2021");
        assert!(c.participants);
        let (s, _) = span_and("at their meeting held in Rome last October.");
        assert_eq!(s, "meeting held in Rome last October");
    }

    #[test]
    fn place_first_in_any_case_and_the_summit_at_a_place() {
        assert_eq!(span_and("the Helsinki Summit was").0, "Helsinki Summit");
        assert_eq!(span_and("after the Osaka talks ended").0, "Osaka talks");
        let (s, c) = span_and("the summit at Camp David produced");
        assert_eq!((s.as_str(), c.names), ("summit at Camp David", vec!["Camp David".to_string()]));
    }

    #[test]
    fn times_before_the_meeting_word() {
        let (s, c) = span_and("since last November's summit, the");
        assert_eq!(s, "last November's summit");
        assert_eq!(c.when, Some((day("2023-11-01"), day("2023-11-30"))));
        let (s, c) = span_and("at their April meeting the two");
        assert_eq!(s, "April meeting");
        assert_eq!(c.when, Some((day("2024-04-01"), day("2024-04-30"))));
        let (s, c) = span_and("in a video call earlier this month, they");
        assert_eq!(s, "video call earlier this month");
        assert_eq!((c.format, c.when), (Some(Format::Virtual), Some((day("2024-11-01"), day("2024-11-30")))));
        let (_, c) = span_and("the 2016 Hangzhou meeting");
        assert_eq!(c.names, ["Hangzhou"]);
    }

    #[test]
    fn people_format_and_order() {
        let (s, c) = one("since the Putin–Biden summit in", &[("Putin", "putin"), ("Biden", "biden")], "2022-01-01")
            .unwrap_or_default();
        assert_eq!(
            (s.as_str(), c.people, c.names.len()),
            ("Putin–Biden summit", vec!["biden".into(), "putin".into()], 0)
        );
        let (s, c) = span_and("after a phone call between the two presidents.");
        assert_eq!(
            (s.as_str(), c.participants, c.format),
            ("phone call between the two presidents", true, Some(Format::Phone))
        );
        let (s, c) = one(
            "in his telephone conversation with Prime Minister Modi",
            &[("Prime Minister Modi", "modi")],
            "2024-01-01",
        )
        .unwrap_or_default();
        assert_eq!(
            (s.as_str(), c.people),
            ("telephone conversation with Prime Minister Modi", vec!["modi".to_string()])
        );
        let (s, c) = span_and("since their first summit, the");
        assert_eq!((s.as_str(), c.order), ("first summit", Some(Order::First)));
        let (s, c) = span_and("at the most recent summit, on March 2, 2019, in Hanoi, they");
        assert_eq!(s, "most recent summit, on March 2, 2019, in Hanoi");
        assert_eq!((c.order, c.names), (Some(Order::Last), vec!["Hanoi".to_string()]));
        let (_, c) = span_and("ahead of the upcoming summit in November");
        assert!(c.future);
    }

    #[test]
    fn clauses_with_a_place_or_a_time() {
        let (s, c) = span_and("when they met in Bali last year, the");
        assert_eq!(s, "when they met in Bali last year");
        assert_eq!(c.when, Some((day("2023-01-01"), day("2023-12-31"))));
        let (s, c) = span_and("since they last met in San Francisco, the");
        assert_eq!((s.as_str(), c.order), ("since they last met in San Francisco", Some(Order::Last)));
        let (s, _) = span_and("the consensus the two leaders reached in Osaka");
        assert_eq!(s, "consensus the two leaders reached in Osaka");
    }

    #[test]
    fn understandings_reached_by_him_and_a_named_counterpart() {
        let text = "to implement the common understandings he and President Biden reached in Bali.";
        let (s, c) = one(text, &[("President Biden", "biden")], "2023-11-15").unwrap_or_default();
        assert_eq!(
            (s.as_str(), c.names),
            ("common understandings he and President Biden reached in Bali", vec!["Bali".into()])
        );
        let (s, _) = span_and("the consensus both leaders reached in Osaka");
        assert_eq!(s, "consensus both leaders reached in Osaka");
    }

    #[test]
    fn the_first_meeting_since_another_is_this_one() {
        let text = "It was their first face-to-face meeting since the Bali summit a year ago.";
        let found = find(text, &[], Some(day("2023-11-15")));
        let first = found.iter().find(|r| text[r.span.clone()].starts_with("first"));
        assert_eq!(first.map(|r| (r.clues.order, r.clues.participants)), Some((None, true)));
        assert_eq!(span_and("since their first summit, the").1.order, Some(Order::First));
    }

    #[test]
    fn today_s_meeting_is_the_report_s_day_or_the_day_before_it() {
        let (s, c) = one("Today's meeting lasted four hours.", &[], "2023-11-16").unwrap_or_default();
        assert_eq!((s.as_str(), c.when), ("Today's meeting", Some((day("2023-11-15"), day("2023-11-16")))));
        let (_, c) = one("after yesterday’s talks the two", &[], "2023-11-16").unwrap_or_default();
        assert_eq!(c.when, Some((day("2023-11-15"), day("2023-11-15"))));
    }

    #[test]
    fn a_meeting_or_talks_is_no_phone_call_and_says_no_kind() {
        assert_eq!(span_and("since their previous meeting, the").1.format, Some(Format::Meeting));
        assert!(Format::Meeting.fits(Format::Virtual) && !Format::Meeting.fits(Format::Phone));
        assert!(one("Their talks were candid.", &[], "2024-11-16").is_none());
    }

    #[test]
    fn the_two_leaders_possessive_a_visit_to_a_place_and_hyphenated_places() {
        let (s, c) = span_and("the two presidents’ meeting at Palais Doré achieved");
        assert_eq!((s.as_str(), c.participants), ("meeting at Palais Doré", true));
        let (s, c) =
            one("since Velde’s visit to Castelrigg last May?", &[("Velde", "velde")], "2024-11-16").unwrap_or_default();
        assert_eq!(
            (s.as_str(), c.names, c.people),
            ("Velde’s visit to Castelrigg last May", vec!["Castelrigg".into()], vec!["velde".into()])
        );
        let (_, c) = span_and("the work begun at the Saint-Aubin talks.");
        assert_eq!((c.names.len(), c.joined), (0, vec!["Saint-Aubin".to_string()]));
    }

    #[test]
    fn held_by_the_two_planned_and_spoken_by_phone() {
        let (s, c) = span_and("The video conference the two held in 2016 opened");
        assert_eq!((s.as_str(), c.participants, c.future), ("video conference the two held in 2016", true, false));
        let (_, c) = span_and("the talks the two leaders will hold on April 30, 2025 go ahead");
        assert_eq!((c.future, c.when), (true, Some((day("2025-04-30"), day("2025-04-30")))));
        let (s, c) = span_and("before the meeting planned in Castelrigg on 19 June 2025 ends");
        assert_eq!((s.as_str(), c.future), ("meeting planned in Castelrigg on 19 June 2025", true));
        let (_, c) = span_and("When they spoke by phone on April 12, 2016, they");
        assert_eq!(c.format, Some(Format::Phone));
        let (s, c) = span_and("“Much has changed since they last met,” she said.");
        assert_eq!((s.as_str(), c.order), ("since they last met", Some(Order::Last)));
    }

    #[test]
    fn plain_adjectives_and_places_after_in_or_at() {
        let (s, c) = span_and("The first informal summit was held in Wuhan in April 2018, months");
        assert_eq!(s, "first informal summit was held in Wuhan in April 2018");
        assert_eq!((c.order, c.sited), (Some(Order::First), vec!["Wuhan".to_string()]));
        let (_, c) = span_and("on the sidelines of the SCO summit in Bishkek in June.");
        assert_eq!((c.names, c.sited), (vec!["Bishkek".to_string(), "SCO".into()], vec!["Bishkek".to_string()]));
    }

    #[test]
    fn meetings_of_bodies_and_of_others_are_no_reference() {
        assert!(one("A cabinet meeting in Valmora in May 2016 had approved it.", &[], "2024-11-16").is_none());
        assert!(one("Finance ministers held talks in Tesmar in 2018 on bonds.", &[], "2024-11-16").is_none());
        let (s, _) = one(
            "Xi and Obama held talks in Beijing in November 2014.",
            &[("Xi", "xi"), ("Obama", "obama")],
            "2024-11-16",
        )
        .unwrap_or_default();
        assert_eq!(s, "talks in Beijing in November 2014");
    }

    #[test]
    fn a_meeting_between_two_named_people_after_their_titles() {
        let text = "since a meeting between Prime Minister Dario Quessan and Prime Minister\u{a0}Sorrel, ties";
        let (s, c) = one(text, &[("Dario Quessan", "quessan"), ("Sorrel", "sorrel")], "2024-11-16").unwrap_or_default();
        assert_eq!(
            (s.as_str(), c.people.len()),
            ("meeting between Prime Minister Dario Quessan and Prime Minister\u{a0}Sorrel", 2)
        );
    }

    #[test]
    fn a_meeting_word_without_clues_is_no_reference() {
        assert!(one("The talks lasted two hours. The meeting was candid.", &[], "2024-11-16").is_none());
        assert!(
            one("President Xi met Biden in San Francisco upon invitation", &[("Biden", "b")], "2024-11-16").is_none()
        );
        assert!(one("Their meeting was constructive.", &[], "2024-11-16").is_none());
    }
}
