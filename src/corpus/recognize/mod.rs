//! Recognition of people, dates and places in a report's body, and the explicit
//! links `[surface](kind:id)` that annotators pin mentions with (a link always wins).

pub mod clean;
pub mod dates;
pub mod durations;
pub mod expressions;
pub mod meeting_refs;
pub mod numbers;
pub mod people;
pub mod places;
pub mod spoken;
pub mod tense;
pub mod times;
pub mod timex;

use std::collections::BTreeMap;
use std::ops::Range;

use jiff::civil::Date;

use super::document::Document;
use super::fields;
use super::front_matter::FrontMatter;
use super::kb::Kb;
use clean::CleanText;
use people::PeopleMatcher;
use places::PlaceMatcher;
use timex::{Context, Meaning};

/// Which front-matter field relative dates were resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorField {
    Published,
    Date,
}

impl AnchorField {
    pub fn key(self) -> &'static str {
        match self {
            AnchorField::Published => "published",
            AnchorField::Date => "date",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub date: Date,
    pub field: AnchorField,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MentionKind {
    Person {
        id: String,
        title: Option<String>,
    },
    Date(DateMention),
    Place {
        id: String,
    },
    Meeting {
        id: String,
    },
    /// A meeting referred to by its clues (place, time, people, format, order); which
    /// it is, the corpus decides ([`crate::corpus::resolve`]).
    MeetingRef(meeting_refs::Clues),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// The TIMEX3 value, or why there is none.
    pub value: Result<String, String>,
    /// The day, when the value is one.
    pub day: Option<Date>,
    pub how: String,
    /// The anchor used, for partial and relative dates.
    pub anchor: Option<Anchor>,
    pub meaning: Option<Meaning>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// In the document, in bytes.
    pub span: Range<usize>,
    /// In the clean text, in bytes.
    pub clean: Range<usize>,
    pub kind: MentionKind,
    /// Pinned by an inline link rather than recognised.
    pub explicit: bool,
}

/// The matchers built from one knowledge base; rebuilt when corpus.toml changes.
pub struct Recognizers {
    people: PeopleMatcher,
    places: PlaceMatcher,
    meetings: PlaceMatcher,
    /// A digest of what the matchers were built from.
    key: u64,
}

impl Recognizers {
    pub fn new(kb: &Kb) -> Recognizers {
        Recognizers {
            people: PeopleMatcher::new(kb),
            places: PlaceMatcher::new(kb),
            meetings: PlaceMatcher::meetings(kb),
            key: Self::key_of(kb),
        }
    }

    /// A digest of what the matchers of `kb` are built from: the ids, names and
    /// aliases of its people and places and the aliases of its meetings. Two knowledge
    /// bases of one digest recognise the same mentions in any text (a role, a date, a
    /// comment changed nothing a report's mentions depend on).
    pub fn key_of(kb: &Kb) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for p in &kb.person {
            (p.id.get_ref(), p.name.get_ref(), p.aliases.iter().map(|a| a.get_ref()).collect::<Vec<_>>())
                .hash(&mut hasher);
        }
        0xFFu8.hash(&mut hasher);
        for p in &kb.place {
            (p.id.get_ref(), p.name.get_ref(), p.aliases.iter().map(|a| a.get_ref()).collect::<Vec<_>>())
                .hash(&mut hasher);
        }
        0xFFu8.hash(&mut hasher);
        // A meeting without aliases is no pattern.
        for m in kb.meeting.iter().filter(|m| !m.aliases.is_empty()) {
            (m.id.get_ref(), m.aliases.iter().map(|a| a.get_ref()).collect::<Vec<_>>()).hash(&mut hasher);
        }
        hasher.finish()
    }

    /// The digest of what these matchers were built from (see [`Recognizers::key_of`]).
    pub fn key(&self) -> u64 {
        self.key
    }

    pub fn people(&self) -> &PeopleMatcher {
        &self.people
    }

    /// The places the `location` field names, as document ranges and place ids.
    pub fn location_places(&self, doc: &Document) -> Vec<(Range<usize>, String)> {
        let Some(value) = doc.front_matter().and_then(|fm| fm.get("location")).and_then(|f| f.value.as_ref()) else {
            return Vec::new();
        };
        // The value's own text, quotes and all, so offsets stay the document's.
        let raw = doc.slice(value.span.clone());
        self.places
            .find(&raw)
            .into_iter()
            .map(|(r, id)| (value.span.start + r.start..value.span.start + r.end, id))
            .collect()
    }
}

/// Bodies larger than this are not scanned for mentions: recognition on every
/// keystroke would cost more than it gives (explicit links still count).
pub const MAX_SCANNED_BYTES: usize = 4 * 1024 * 1024;

pub struct Analysis {
    pub clean: CleanText,
    pub anchor: Option<Anchor>,
    pub mentions: Vec<Mention>,
    /// The body was too large to scan; only explicit links were read.
    pub skipped: bool,
}

impl Analysis {
    pub fn people(&self) -> impl Iterator<Item = (&Mention, &str, Option<&str>)> {
        self.mentions.iter().filter_map(|m| match &m.kind {
            MentionKind::Person { id, title } => Some((m, id.as_str(), title.as_deref())),
            _ => None,
        })
    }

    pub fn dates(&self) -> impl Iterator<Item = (&Mention, &DateMention)> {
        self.mentions.iter().filter_map(|m| match &m.kind {
            MentionKind::Date(d) => Some((m, d)),
            _ => None,
        })
    }

    /// The mention at a document offset: the innermost, so that a person inside a
    /// meeting reference is that person.
    pub fn at(&self, offset: usize) -> Option<&Mention> {
        self.mentions
            .iter()
            .filter(|m| m.span.start <= offset && offset < m.span.end.max(m.span.start + 1))
            .min_by_key(|m| m.span.len())
    }
}

/// The anchor of a report: its `published` date, else its `date`.
pub fn anchor_of(front_matter: Option<&FrontMatter>) -> Option<Anchor> {
    let fm = front_matter?;
    let day = |key: &str| fm.scalar(key).and_then(|s| s.get(..10)).and_then(|s| s.parse::<Date>().ok());
    day("published")
        .map(|date| Anchor { date, field: AnchorField::Published })
        .or_else(|| day("date").map(|date| Anchor { date, field: AnchorField::Date }))
}

/// What to recognise in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything: what an open report and `check` need.
    All,
    /// What the corpus index keeps of a report: people, places and meetings, no dates.
    /// Dates never take a span from the others, so this is the same as `All` without
    /// its dates.
    Index,
}

pub fn analyze(doc: &Document, recognizers: &Recognizers) -> Analysis {
    let fm = doc.front_matter();
    let spoken = fm.and_then(|fm| fm.scalar("date")).and_then(|s| s.get(..10)).and_then(|s| s.parse::<Date>().ok());
    let anchors =
        Anchors { narrative: anchor_of(fm), spoken: spoken.map(|date| Anchor { date, field: AnchorField::Date }) };
    analyze_anchored(CleanText::of(doc), anchors, recognizers, Scope::All)
}

/// What relative dates resolve against: the narrative's anchor (`published`, else
/// `date`), and the day words said in the report were said (`date`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Anchors {
    pub narrative: Option<Anchor>,
    pub spoken: Option<Anchor>,
}

/// Recognises mentions in a body already turned into clean text, with one anchor.
pub fn analyze_clean(clean: CleanText, anchor: Option<Anchor>, recognizers: &Recognizers, scope: Scope) -> Analysis {
    analyze_anchored(clean, Anchors { narrative: anchor, spoken: None }, recognizers, scope)
}

fn analyze_anchored(clean: CleanText, anchors: Anchors, recognizers: &Recognizers, scope: Scope) -> Analysis {
    let anchor = anchors.narrative;
    let text = clean.text.as_str();
    let mut mentions: Vec<Mention> = clean.links.iter().filter_map(explicit).collect();
    if text.len() > MAX_SCANNED_BYTES {
        return Analysis { anchor, mentions, skipped: true, clean };
    }

    let mut found = Vec::new();
    for p in recognizers.people.find(text) {
        found.push((p.span, MentionKind::Person { id: p.id, title: p.title }));
    }
    // Meetings: an alias ("the Annenberg Estate meeting") or a reference by its clues
    // ("the Bali meeting of November 14, 2022"); the longest phrase wins.
    let people: Vec<meeting_refs::PersonSpan> = found
        .iter()
        .filter_map(|(span, kind)| match kind {
            MentionKind::Person { id, .. } => Some((span.clone(), id.clone())),
            _ => None,
        })
        .collect();
    let mut meetings: Vec<(Range<usize>, MentionKind)> =
        recognizers.meetings.find(text).into_iter().map(|(span, id)| (span, MentionKind::Meeting { id })).collect();
    for r in meeting_refs::find(text, &people, anchor.map(|a| a.date)) {
        meetings.push((r.span, MentionKind::MeetingRef(r.clues)));
    }
    meetings.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.start.cmp(&b.0.start)));
    found.extend(meetings);
    for (span, id) in recognizers.places.find(text) {
        found.push((span, MentionKind::Place { id }));
    }
    if scope == Scope::All {
        found.extend(resolved_dates(text, dates::find(text), anchors));
    }
    // Explicit links first, then people, meetings, places, dates. A meeting may hold
    // people and dates ("the Putin–Biden summit of June 16, 2021"), and both stay
    // mentions of their own; a place inside a meeting is part of it. Taken spans by
    // start, to test overlaps in log time.
    let mut taken: BTreeMap<usize, usize> = mentions.iter().map(|m| (m.clean.start, m.clean.end)).collect();
    let mut meetings_taken = taken.clone();
    let mut all_but_meetings = taken.clone();
    let overlaps = |map: &BTreeMap<usize, usize>, span: &Range<usize>| {
        map.range(..span.end).next_back().is_some_and(|(_, end)| *end > span.start)
    };
    for (span, kind) in found {
        let is_meeting = matches!(kind, MentionKind::Meeting { .. } | MentionKind::MeetingRef(_));
        let against = match kind {
            MentionKind::Date(_) | MentionKind::Person { .. } => &all_but_meetings,
            _ if is_meeting => &meetings_taken,
            _ => &taken,
        };
        if overlaps(against, &span) || span.is_empty() {
            continue;
        }
        if is_meeting {
            meetings_taken.insert(span.start, span.end);
        } else {
            all_but_meetings.insert(span.start, span.end);
        }
        taken.insert(span.start, span.end);
        mentions.push(Mention { span: clean.range_to_doc(&span), clean: span, kind, explicit: false });
    }
    mentions.sort_by_key(|m| m.span.start);
    Analysis { clean, anchor, mentions, skipped: false }
}

/// The dates of `text` with their values, resolved against the narrative's anchor, or
/// for "today", "tonight" and the like in words said, against the day they were said.
fn resolved_dates(text: &str, found_dates: Vec<dates::Found>, anchors: Anchors) -> Vec<(Range<usize>, MentionKind)> {
    let anchor = anchors.narrative;
    let speech = spoken::Speech::of(text);
    let mut out = Vec::new();
    // "a year earlier" in a report of quarterly results means the quarter a year back,
    // even when the quarter is named only later.
    let mut ctx = Context::default();
    for d in &found_dates {
        let mut probe = Context::default();
        if matches!(d.meaning, Meaning::Quarter { .. } | Meaning::RelativeUnit { unit: timex::Unit::Quarter, .. })
            && timex::resolve(&d.meaning, anchor.map(|a| a.date), &mut probe).is_ok()
        {
            ctx.first_quarter = probe.last_quarter;
            break;
        }
    }
    // A clock time without a day takes the day the report named last before it (news
    // and readouts name the day, then tell the hours of it); "that year" and "the
    // following month" count from the year and month it named last.
    for d in found_dates {
        let said = match (&d.meaning, anchors.spoken) {
            (Meaning::RelativeDay { .. }, Some(_)) => speech.at(text, d.span.start),
            _ => None,
        };
        let anchor = if said.is_some() { anchors.spoken } else { anchor };
        let resolved = timex::resolve(&d.meaning, anchor.map(|a| a.date), &mut ctx);
        let uses_anchor = d.meaning.needs_anchor();
        let date = match resolved {
            Ok(r) => {
                if r.day.is_some() {
                    ctx.last_day = r.day;
                }
                ctx.named(&r.value);
                let how = match said {
                    Some(s) if anchors.spoken != anchors.narrative => format!("{}; {}", r.how, s.describe()),
                    _ => r.how,
                };
                DateMention {
                    value: Ok(r.value),
                    day: r.day,
                    how,
                    anchor: anchor.filter(|_| uses_anchor),
                    meaning: Some(d.meaning),
                }
            }
            Err(why) => {
                DateMention { value: Err(why.clone()), day: None, how: why, anchor: None, meaning: Some(d.meaning) }
            }
        };
        out.push((d.span, MentionKind::Date(date)));
    }
    out
}

fn explicit(link: &clean::Link) -> Option<Mention> {
    let id = link.target.clone();
    // A link names a person, meeting or place only by a well-formed id.
    if matches!(link.kind.as_str(), "person" | "meeting" | "place") && !fields::is_id(&id) {
        return None;
    }
    let kind = match link.kind.as_str() {
        "person" => MentionKind::Person { id, title: None },
        "meeting" => MentionKind::Meeting { id },
        "place" => MentionKind::Place { id },
        "date" => {
            let day = id.parse::<Date>().ok();
            MentionKind::Date(DateMention {
                value: Ok(id),
                day,
                how: "pinned by an inline link".into(),
                anchor: None,
                meaning: None,
            })
        }
        _ => return None,
    };
    let surface = link.clean.clone();
    Some(Mention { span: link.span.clone(), clean: surface, kind, explicit: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates_of(text: &str) -> Vec<(String, String, Option<&'static str>, String)> {
        let kb = Kb::parse("").0.expect("kb");
        let doc = Document::new(text);
        let analysis = analyze(&doc, &Recognizers::new(&kb));
        analysis
            .dates()
            .map(|(m, d)| {
                let value = d.value.clone().unwrap_or_else(|e| e);
                (
                    analysis.clean.text[m.clean.clone()].to_string(),
                    value,
                    d.anchor.map(|a| a.field.key()),
                    d.how.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn today_in_a_quote_is_the_day_it_was_said_in_the_narrative_the_day_published() {
        let text = "---\ndate: 2024-11-16\npublished: 2024-11-17\n---\nThe leaders met, the ministry said today.\n\
                    Xi said: “We have met today and will talk again tomorrow.”\n";
        let got = dates_of(text);
        let brief: Vec<(&str, &str, Option<&str>)> =
            got.iter().map(|(s, v, a, _)| (s.as_str(), v.as_str(), *a)).collect();
        assert_eq!(
            brief,
            [
                ("today", "2024-11-17", Some("published")),
                ("today", "2024-11-16", Some("date")),
                ("tomorrow", "2024-11-17", Some("date"))
            ]
        );
        assert!(got[1].3.contains("said in a quote"), "{}", got[1].3);
    }

    #[test]
    fn a_transcript_dates_tonight_by_the_meeting() {
        let text = "---\ndate: 2014-11-12\npublished: 2014-11-13\n---\nPRESIDENT OBAMA: Thank you.\n\
                    PRESIDENT XI: We will have dinner tonight.\n";
        let got = dates_of(text);
        assert_eq!(got[0].1, "2014-11-12TNI");
        assert!(got[0].3.contains("transcript"), "{}", got[0].3);
    }

    #[test]
    fn a_clock_time_falls_on_the_day_named_before_it() {
        let text = "---\npublished: 2024-11-18\n---\nOn Saturday, November 16, the talks began at 11:20 a.m. CET.\n\
                    They ended at 18:40.\n";
        let got = dates_of(text);
        let values: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(values, ["2024-11-16", "2024-11-16T11:20", "2024-11-16T18:40"]);
        let alone = dates_of("---\npublished: 2024-11-18\n---\nThe talks ended at 18:40.\n");
        assert_eq!(alone[0].1, "2024-11-18T18:40");
        assert!(got[1].3.contains("CET"), "{}", got[1].3);
    }

    #[test]
    fn the_location_field_names_places_of_the_knowledge_base() {
        let kb = Kb::parse("[[place]]\nid = \"ghp\"\nname = \"Great Hall of the People\"\n[[place]]\nid = \"beijing\"\nname = \"Beijing\"\n")
            .0
            .expect("kb");
        let text = "---\nlocation: Great Hall of the People, Beijing\n---\nbody\n";
        let doc = Document::new(text);
        let found: Vec<(&str, String)> =
            Recognizers::new(&kb).location_places(&doc).into_iter().map(|(r, id)| (&text[r], id)).collect();
        assert_eq!(found, [("Great Hall of the People", "ghp".to_string()), ("Beijing", "beijing".to_string())]);
    }
}
