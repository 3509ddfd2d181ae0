//! Which meeting a reference means: the one place where a reference's clues (place,
//! time, people, format, order) are checked against every meeting the corpus knows.
//! Hover, definition, references, diagnostics, export and symbols all ask here.
//!
//! Each clue is a constraint: a place the text names must be among the meeting's place
//! names, a time must overlap its days (to the precision written: a year, a month, a
//! day), people named must be among its participants. "Their" and "the two leaders"
//! (the report's participants) and the format are softer: when nothing fits with them,
//! the meetings that fit without them are taken, unless the reference looks ahead (a
//! meeting ahead is often one the corpus does not know yet). Without a time, a
//! reference is to a meeting on or before the report's date, unless a future cue says
//! otherwise. One meeting left: resolved. Several: ambiguous, and the annotator is told
//! instead of the server guessing.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, PoisonError};

use jiff::civil::Date;

use super::catalog::Bucket;
use super::catalog::{KbCatalog, MeetingFacts};
use super::front_matter::FrontMatter;
use super::meetings::MeetingIndex;
use super::recognize::meeting_refs::{Clues, Order};

/// How many candidates an ambiguous reference names.
pub const MAX_NAMED_CANDIDATES: usize = 5;

/// What a reference is resolved against, from its report's front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RefContext {
    /// The report's `date` (else `published`): references without a time are to
    /// meetings on or before it.
    pub day: Option<Date>,
    pub participants: Vec<String>,
    /// The report's own meeting.
    pub own: Option<String>,
}

impl RefContext {
    pub fn of(front_matter: Option<&FrontMatter>) -> RefContext {
        let Some(fm) = front_matter else { return RefContext::default() };
        let day = |key: &str| fm.scalar(key).and_then(|s| s.get(..10)).and_then(|s| s.parse::<Date>().ok());
        RefContext {
            day: day("date").or_else(|| day("published")),
            participants: fm.list("participants").iter().map(|i| i.text.clone()).collect(),
            own: fm.scalar("meeting").filter(|m| !m.is_empty()).map(str::to_string),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Meeting(String),
    /// The first [`MAX_NAMED_CANDIDATES`], nearest the report's date first, and how
    /// many fit in all.
    Ambiguous {
        shown: Vec<String>,
        total: usize,
    },
    /// No meeting the corpus knows fits.
    Unknown,
}

impl Resolution {
    pub fn id(&self) -> Option<&str> {
        match self {
            Resolution::Meeting(id) => Some(id),
            _ => None,
        }
    }
}

/// Every meeting the corpus knows: `[[meeting]]` entries and the reports' claims.
#[derive(Clone, Copy)]
pub struct Meetings<'a> {
    pub kb: &'a KbCatalog,
    pub index: &'a MeetingIndex,
}

impl<'a> Meetings<'a> {
    /// What the entry and the reports say of meeting `id` (either may be missing); an
    /// array, not a Vec: this is asked for every meeting of every pool looked at.
    fn sources(&self, id: &str) -> [Option<&MeetingFacts>; 2] {
        [self.kb.meetings.facts.get(id), self.index.catalog.facts.get(id)]
    }

    fn first_day(&self, id: &str) -> Option<Date> {
        self.sources(id).into_iter().flatten().filter_map(MeetingFacts::first_day).min()
    }

    /// Whether any meeting is at a place of these names.
    fn knows_place(&self, keys: &[String]) -> bool {
        keys.iter().any(|k| self.kb.meetings.knows_place(k) || self.index.catalog.knows_place(k))
    }

    fn at_place(&self, keys: &[String], years: Option<(i16, i16)>) -> BTreeSet<&'a str> {
        let (kb, index) = (self.kb, self.index);
        keys.iter().flat_map(|k| kb.meetings.at_place(k, years).chain(index.catalog.at_place(k, years))).collect()
    }

    fn count_at_place(&self, keys: &[String]) -> usize {
        keys.iter().map(|k| self.kb.meetings.count_at_place(k) + self.index.catalog.count_at_place(k)).sum()
    }

    fn count_in_years(&self, from: i16, to: i16) -> usize {
        (from..=to).map(|y| self.kb.meetings.count_in_year(y) + self.index.catalog.count_in_year(y)).sum()
    }

    fn count_with_person(&self, person: &str) -> usize {
        self.kb.meetings.count_with_person(person) + self.index.catalog.count_with_person(person)
    }

    fn in_years(&self, from: i16, to: i16) -> BTreeSet<&'a str> {
        let (kb, index) = (self.kb, self.index);
        (from..=to).flat_map(|y| kb.meetings.in_year(y).chain(index.catalog.in_year(y))).collect()
    }

    fn with_person(&self, person: &str) -> BTreeSet<&'a str> {
        let (kb, index) = (self.kb, self.index);
        kb.meetings.with_person(person).chain(index.catalog.with_person(person)).collect()
    }
}

/// The constraints of one reference in one report.
struct Constraints<'c> {
    places: Vec<Vec<String>>,
    /// Only meetings of the report's participants fit.
    own_pair: bool,
    clues: &'c Clues,
    ctx: &'c RefContext,
}

/// Which meeting `clues`, written in a report of `ctx`, mean.
pub fn resolve(clues: &Clues, ctx: &RefContext, meetings: Meetings) -> Resolution {
    resolve_in(clues, ctx, meetings).0
}

/// [`resolve`], with the buckets of meetings it looked in: the answer holds while they
/// and the set of place names are unchanged.
fn resolve_in(clues: &Clues, ctx: &RefContext, meetings: Meetings) -> (Resolution, Vec<Bucket>) {
    // Names the corpus knows as no place (of a meeting or a `[[place]]` entry: "G20",
    // "APEC") say nothing that can be checked; a reference of such names alone fits no
    // meeting.
    let named: Vec<Vec<String>> = clues.names.iter().chain(&clues.joined).map(|n| meetings.kb.keys_for(n)).collect();
    let places: Vec<Vec<String>> = named
        .into_iter()
        .filter(|keys| meetings.knows_place(keys) || keys.iter().any(|k| meetings.kb.is_place(k)))
        .collect();
    let names = !clues.names.is_empty() || !clues.joined.is_empty();
    if places.is_empty() && names && clues.when.is_none() && clues.people.is_empty() {
        return (Resolution::Unknown, Vec::new());
    }
    // A place written after "in" or "at" that no meeting of the corpus was held at: the
    // meeting may be one the corpus does not know ("the SCO summit in Bishkek"), or the
    // text names the city where the corpus names the venue. Only a meeting of the
    // report's own participants can then be meant.
    let unknown_site = clues.sited.iter().any(|n| {
        let keys = meetings.kb.keys_for(n);
        !meetings.knows_place(&keys) && !keys.iter().any(|k| meetings.kb.is_place(k))
    });
    if unknown_site && ctx.participants.len() < 2 {
        return (Resolution::Unknown, Vec::new());
    }
    let c = Constraints { places, clues, ctx, own_pair: unknown_site };
    let (pool, buckets) = pool(&c, meetings);
    (decide(&c, meetings, &pool), buckets)
}

/// The meeting of the pool the constraints pick, or why none.
fn decide(c: &Constraints, meetings: Meetings, pool: &BTreeSet<&str>) -> Resolution {
    let (clues, ctx) = (c.clues, c.ctx);
    let strict: Vec<&str> = pool.iter().copied().filter(|id| fits(c, meetings, id, true)).collect();
    // A meeting ahead is often one the corpus does not know yet: only a strict fit.
    let ahead = clues.future || clues.order == Some(Order::Next);
    let fitting = if strict.is_empty() && (clues.participants || clues.format.is_some()) && !ahead {
        pool.iter().copied().filter(|id| fits(c, meetings, id, false)).collect()
    } else {
        strict
    };
    // Without a time or an order, words that fit the report's own meeting mean it ("the
    // talks in Beijing" in a report of them).
    if clues.when.is_none()
        && clues.order.is_none()
        && !clues.future
        && let Some(own) = ctx.own.as_ref().filter(|own| fitting.contains(&own.as_str()))
    {
        return Resolution::Meeting(own.clone());
    }
    let mut dated: Vec<(Option<Date>, &str)> = fitting.into_iter().map(|id| (meetings.first_day(id), id)).collect();
    if let Some(order) = clues.order {
        dated = by_order(dated, order, ctx);
    }
    match dated.len() {
        0 => Resolution::Unknown,
        1 => Resolution::Meeting(dated[0].1.to_string()),
        total => {
            // Nearest the report's date first.
            let distance = |d: Option<Date>| match (d, ctx.day) {
                (Some(d), Some(day)) => (day - d).get_days().unsigned_abs(),
                _ => u32::MAX,
            };
            dated.sort_by(|a, b| distance(a.0).cmp(&distance(b.0)).then(a.1.cmp(b.1)));
            let shown = dated.iter().take(MAX_NAMED_CANDIDATES).map(|(_, id)| id.to_string()).collect();
            Resolution::Ambiguous { shown, total }
        }
    }
}

/// The meetings worth checking: every meeting that can fit, from the narrowest index
/// a clue allows. Each clue that must hold gives a pool holding every meeting that
/// can fit: those at the place named (of the years named, when the time spans a few
/// years at most), of the years named, or with a person named. A meeting's year is its
/// first day's, so the year before the time named is looked at too. Without such a
/// clue: the meetings of the report's first participant, when the words ask for them.
fn pool<'a>(c: &Constraints, meetings: Meetings<'a>) -> (BTreeSet<&'a str>, Vec<Bucket>) {
    let years =
        c.clues.when.filter(|(from, to)| to.year() - from.year() <= 3).map(|(from, to)| (from.year() - 1, to.year()));
    enum Narrowest<'p> {
        Place(&'p [String]),
        Years(i16, i16),
        Person(&'p str),
    }
    let mut options: Vec<(usize, Narrowest)> = Vec::new();
    if let Some(first) = c.places.first() {
        // With a time, the place's meetings of those years only: never more than it.
        let size = meetings.count_at_place(first);
        options.push((if years.is_some() { 0 } else { size }, Narrowest::Place(first)));
    }
    if let Some((from, to)) = years {
        options.push((meetings.count_in_years(from, to), Narrowest::Years(from, to)));
    }
    for p in &c.clues.people {
        options.push((meetings.count_with_person(p), Narrowest::Person(p)));
    }
    let person = |p: &str| (meetings.with_person(p), vec![Bucket::Person(p.to_string())]);
    // Which pool is narrowest depends on every option's size: all their buckets are
    // stamped, so an answer is computed again when the choice could change.
    let buckets_of = |option: &Narrowest| -> Vec<Bucket> {
        match option {
            Narrowest::Place(keys) => keys.iter().map(|k| Bucket::Place(k.clone())).collect(),
            Narrowest::Years(from, to) => (*from..=*to).map(Bucket::Year).collect(),
            Narrowest::Person(p) => vec![Bucket::Person(p.to_string())],
        }
    };
    let compared: Vec<Bucket> = options.iter().flat_map(|(_, option)| buckets_of(option)).collect();
    if let Some((_, narrowest)) = options.into_iter().min_by_key(|(size, _)| *size) {
        let pool = match narrowest {
            Narrowest::Place(keys) => meetings.at_place(keys, years),
            Narrowest::Years(from, to) => meetings.in_years(from, to),
            Narrowest::Person(p) => meetings.with_person(p),
        };
        return (pool, compared);
    }
    match c.ctx.participants.first() {
        Some(p) if c.clues.participants || c.clues.order.is_some() || c.clues.format.is_some() => person(p),
        _ => (BTreeSet::new(), Vec::new()),
    }
}

/// Whether meeting `id` satisfies every constraint; `soft` adds the report's
/// participants and the format.
fn fits(c: &Constraints, meetings: Meetings, id: &str, soft: bool) -> bool {
    let found = meetings.sources(id);
    let sources = || found.iter().flatten().copied();
    if sources().next().is_none() {
        return false;
    }
    let any = |f: &dyn Fn(&MeetingFacts) -> bool| sources().any(f);
    if !c.places.iter().all(|keys| any(&|s| s.places.iter().any(|p| keys.contains(p)))) {
        return false;
    }
    if let Some((from, to)) = c.clues.when
        && !any(&|s| s.days.is_some_and(|(a, b)| a <= to && from <= b))
    {
        return false;
    }
    if !c.clues.people.iter().all(|p| any(&|s| s.participants.contains(p))) {
        return false;
    }
    let first_day = sources().filter_map(|s| s.first_day()).min();
    let is_own = c.ctx.own.as_deref() == Some(id);
    // Without a day, a reference is to a meeting on or before the report's date, or
    // after it when the text looks ahead ("the 2016 Hangzhou meeting" in a report of
    // May 2016 is not the one of September).
    if c.clues.when.is_none_or(|(a, b)| a != b)
        && let (Some(day), Some(first)) = (c.ctx.day, first_day)
    {
        let ahead = c.clues.future || c.clues.order == Some(Order::Next);
        if (ahead && (first < day || is_own)) || (!ahead && first > day) {
            return false;
        }
    }
    if c.clues.order == Some(Order::Last) && is_own {
        return false;
    }
    if soft || c.own_pair {
        if (c.clues.participants || c.own_pair) && c.ctx.participants.len() >= 2 {
            let listed = sources().any(|s| !s.participants.is_empty());
            let shared = c.ctx.participants.iter().filter(|p| any(&|s| s.participants.contains(p))).count();
            if listed && shared < 2 {
                return false;
            }
        }
        // A meeting with a place and no format written was held there, in person.
        let held = sources().find_map(|s| s.format).or_else(|| {
            sources().any(|s| !s.places.is_empty()).then_some(super::recognize::meeting_refs::Format::InPerson)
        });
        if let (Some(format), Some(held)) = (c.clues.format, held)
            && !format.fits(held)
        {
            return false;
        }
    }
    true
}

/// The meetings `order` picks: the earliest, the latest before the report, or the
/// earliest after it.
fn by_order<'a>(dated: Vec<(Option<Date>, &'a str)>, order: Order, ctx: &RefContext) -> Vec<(Option<Date>, &'a str)> {
    let eligible: Vec<(Date, &str)> = dated
        .into_iter()
        .filter_map(|(d, id)| d.map(|d| (d, id)))
        .filter(|(d, _)| match (order, ctx.day) {
            (Order::Last, Some(day)) => *d < day,
            (Order::Next, Some(day)) => *d > day,
            _ => true,
        })
        .collect();
    let pick = match order {
        Order::First | Order::Next => eligible.iter().map(|(d, _)| *d).min(),
        Order::Last => eligible.iter().map(|(d, _)| *d).max(),
    };
    eligible.into_iter().filter(|(d, _)| Some(*d) == pick).map(|(d, id)| (Some(d), id)).collect()
}

/// A reference and its report's context, but for the report's own meeting: that
/// matters only when the own meeting is among those looked at.
type CacheKey = (u64, Clues, RefContext);

struct Cached {
    resolution: Resolution,
    /// The buckets looked in, each with its version then, and the place names' version.
    stamp: Vec<(Bucket, u64)>,
    places: u64,
    own: Option<String>,
    own_looked_at: bool,
}

/// Resolutions already made: a large corpus holds many references of the same words in
/// reports of one meeting, and an open report's references are asked again at every
/// keystroke. An answer holds while the knowledge base, the place names and the
/// buckets of meetings it looked in are unchanged, and while the report's own meeting
/// is not among them (typing a new meeting id leaves every other answer in place).
#[derive(Default)]
pub struct ResolutionCache(Mutex<HashMap<CacheKey, Cached>>);

/// How many answers are kept before the cache starts over.
const CACHE_LIMIT: usize = 200_000;

impl ResolutionCache {
    pub fn resolve(&self, kb_generation: u64, clues: &Clues, ctx: &RefContext, meetings: Meetings) -> Resolution {
        let key = (kb_generation, clues.clone(), RefContext { own: None, ..ctx.clone() });
        let index = &meetings.index.catalog;
        let looks_at_own = |buckets: &[&Bucket], own: Option<&str>| {
            own.is_some_and(|own| buckets.iter().any(|b| index.holds(b, own) || meetings.kb.meetings.holds(b, own)))
        };
        if let Some(hit) = self.0.lock().unwrap_or_else(PoisonError::into_inner).get(&key) {
            let fresh = hit.places == index.places_version() && hit.stamp.iter().all(|(b, v)| index.version(b) == *v);
            let same_own = hit.own == ctx.own
                || (!hit.own_looked_at
                    && !looks_at_own(&hit.stamp.iter().map(|(b, _)| b).collect::<Vec<_>>(), ctx.own.as_deref()));
            if fresh && same_own {
                return hit.resolution.clone();
            }
        }
        let (resolution, buckets) = resolve_in(clues, ctx, meetings);
        let cached = Cached {
            resolution: resolution.clone(),
            own_looked_at: looks_at_own(&buckets.iter().collect::<Vec<_>>(), ctx.own.as_deref()),
            stamp: buckets.into_iter().map(|b| (index.version(&b), b)).map(|(v, b)| (b, v)).collect(),
            places: index.places_version(),
            own: ctx.own.clone(),
        };
        let mut cache = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        // Answers of an older knowledge base are never asked again.
        if cache.len() >= CACHE_LIMIT || cache.keys().next().is_some_and(|k| k.0 != key.0) {
            cache.clear();
        }
        cache.insert(key, cached);
        resolution
    }
}

impl std::fmt::Debug for ResolutionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ResolutionCache")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::kb::Kb;
    use crate::corpus::meetings::MeetingClaim;
    use crate::corpus::recognize::meeting_refs::Format;
    use crate::position::LineRange;
    use std::path::Path;

    const KB: &str = r#"
[[person]]
id = "xi"
name = "Xi Jinping"
[[person]]
id = "biden"
name = "Joe Biden"
[[person]]
id = "obama"
name = "Barack Obama"
[[place]]
id = "annenberg"
name = "Annenberg Estate"
aliases = ["Sunnylands"]
within = "Rancho Mirage, California"
[[meeting]]
id = "sunnylands-2013"
date = 2013-06-07
end = 2013-06-08
place = "annenberg"
participants = ["xi", "obama"]
[[meeting]]
id = "bali-2022"
date = 2022-11-14
location = "Bali, Indonesia"
participants = ["xi", "biden"]
[[meeting]]
id = "bali-2013"
date = 2013-10-07
location = "Nusa Dua, Bali, Indonesia"
participants = ["xi", "obama"]
[[meeting]]
id = "call-2022-03"
date = 2022-03-18
location = "video link"
format = "virtual"
participants = ["xi", "biden"]
[[meeting]]
id = "call-2022-07"
date = 2022-07-28
format = "phone"
participants = ["xi", "biden"]
"#;

    fn world() -> (KbCatalog, MeetingIndex) {
        let kb = Kb::parse(KB).0.unwrap_or_default();
        let mut index = MeetingIndex::default();
        let claim = claim_of("sf-2023", "2023-11-15", "Filoli Estate, Woodside, California")
            .map(|c| MeetingClaim { format: Some("in-person".into()), ..c });
        index.set(Path::new("004.txt"), claim);
        (KbCatalog::new(&kb), index)
    }

    fn ctx(day: &str) -> RefContext {
        RefContext {
            day: day.parse().ok(),
            participants: vec!["xi".into(), "biden".into()],
            own: Some("lima-2024".into()),
        }
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap_or_default()
    }

    fn of(clues: Clues, at: &str) -> Resolution {
        let (kb, index) = world();
        resolve(&clues, &ctx(at), Meetings { kb: &kb, index: &index })
    }

    fn first_clues() -> Clues {
        Clues { order: Some(Order::First), participants: true, ..Clues::default() }
    }

    fn last_clues() -> Clues {
        Clues { order: Some(Order::Last), participants: true, ..Clues::default() }
    }

    fn place(name: &str) -> Clues {
        Clues { names: vec![name.into()], ..Clues::default() }
    }

    /// A claim of a report of its own meeting, at `location` on `date`.
    fn claim_of(meeting: &str, date: &str, location: &str) -> Option<MeetingClaim> {
        Some(MeetingClaim {
            meeting: meeting.into(),
            date: Some(date.into()),
            end: None,
            location: Some(location.into()),
            format: None,
            span: 0..0,
            place: LineRange::new(0, "", ""),
            participants: vec!["xi".into(), "biden".into()],
        })
    }

    #[test]
    fn a_cached_answer_follows_the_meetings_it_looked_at_and_only_them() {
        let (kb, mut index) = world();
        let cache = ResolutionCache::default();
        let lima = place("Lima");
        let ask = |index: &MeetingIndex, own: &str| {
            let ctx = RefContext { own: Some(own.into()), ..ctx("2024-11-16") };
            cache.resolve(1, &lima, &ctx, Meetings { kb: &kb, index })
        };
        assert_eq!(ask(&index, "new-1"), Resolution::Unknown);
        // A meeting comes to Lima: the answer changes.
        index.set(Path::new("a.txt"), claim_of("lima-2016", "2016-11-19", "Lima, Peru"));
        assert_eq!(ask(&index, "new-1"), Resolution::Meeting("lima-2016".into()));
        // The report's own meeting id is typed anew elsewhere: nothing it looked at changed.
        index.set(Path::new("b.txt"), claim_of("new-1", "2024-11-16", "Osaka"));
        assert_eq!(ask(&index, "new-12"), Resolution::Meeting("lima-2016".into()));
        // It moves to Lima: it is among the meetings looked at, and is the report's own.
        index.set(Path::new("b.txt"), claim_of("new-12", "2024-11-16", "Lima, Peru"));
        assert_eq!(ask(&index, "new-12"), Resolution::Meeting("new-12".into()));
        // A meeting leaves Lima, which keeps another: the bucket it left has changed.
        index.set(Path::new("b.txt"), None);
        index.set(Path::new("c.txt"), claim_of("lima-2008", "2008-11-22", "Lima, Peru"));
        index.set(Path::new("d.txt"), claim_of("quito-2019", "2019-03-01", "Quito, Ecuador"));
        assert!(matches!(ask(&index, "new-12"), Resolution::Ambiguous { total: 2, .. }));
        index.set(Path::new("a.txt"), claim_of("lima-2016", "2016-11-19", "Quito, Ecuador"));
        assert_eq!(ask(&index, "new-12"), Resolution::Meeting("lima-2008".into()));
    }

    #[test]
    fn a_place_alone_is_ambiguous_when_two_meetings_were_held_there() {
        let Resolution::Ambiguous { shown, total } = of(place("Bali"), "2024-11-16") else { panic!("ambiguous") };
        assert_eq!((shown, total), (vec!["bali-2022".to_string(), "bali-2013".to_string()], 2));
    }

    #[test]
    fn a_time_to_the_day_or_the_year_picks_one() {
        let clues = Clues { when: Some((day("2022-11-14"), day("2022-11-14"))), ..place("Bali") };
        assert_eq!(of(clues, "2024-11-16"), Resolution::Meeting("bali-2022".into()));
        let clues = Clues { when: Some((day("2013-01-01"), day("2013-12-31"))), ..place("Bali") };
        assert_eq!(of(clues, "2024-11-16"), Resolution::Meeting("bali-2013".into()));
    }

    #[test]
    fn before_the_report_unless_the_text_looks_ahead() {
        assert_eq!(of(place("Bali"), "2020-01-01"), Resolution::Meeting("bali-2013".into()));
        let ahead = Clues { future: true, ..place("Bali") };
        assert_eq!(of(ahead, "2020-01-01"), Resolution::Meeting("bali-2022".into()));
    }

    #[test]
    fn places_come_from_locations_and_place_entries() {
        assert_eq!(of(place("Woodside"), "2024-11-16"), Resolution::Meeting("sf-2023".into()));
        assert_eq!(of(place("Sunnylands"), "2024-11-16"), Resolution::Meeting("sunnylands-2013".into()));
        assert_eq!(of(place("Rancho Mirage"), "2024-11-16"), Resolution::Meeting("sunnylands-2013".into()));
        assert_eq!(of(place("Helsinki"), "2024-11-16"), Resolution::Unknown);
    }

    #[test]
    fn a_place_after_in_that_no_meeting_was_held_at_leaves_only_the_report_s_pair() {
        let bishkek = Clues {
            names: vec!["Bishkek".into()],
            sited: vec!["Bishkek".into()],
            when: Some((day("2013-10-01"), day("2013-10-31"))),
            ..Clues::default()
        };
        // Xi and Biden's report: bali-2013 was Xi and Obama's.
        assert_eq!(of(bishkek.clone(), "2024-11-16"), Resolution::Unknown);
        let (kb, index) = world();
        let obama = RefContext { participants: vec!["xi".into(), "obama".into()], ..ctx("2024-11-16") };
        let resolved = resolve(&bishkek, &obama, Meetings { kb: &kb, index: &index });
        assert_eq!(resolved, Resolution::Meeting("bali-2013".into()), "the city where the corpus has the venue");
        // Before the meeting word, a name may be a body's: "the G20 summit in 2013".
        let g20 = Clues { sited: Vec::new(), names: vec!["G20".into()], ..bishkek };
        assert_eq!(of(g20, "2024-11-16"), Resolution::Meeting("bali-2013".into()));
    }

    #[test]
    fn people_format_and_order() {
        let first = Clues { order: Some(Order::First), participants: true, ..Clues::default() };
        assert_eq!(of(first, "2024-11-16"), Resolution::Meeting("call-2022-03".into()), "the first of Xi and Biden");
        let in_person = Clues { format: Some(Format::InPerson), ..first_clues() };
        assert_eq!(of(in_person, "2024-11-16"), Resolution::Meeting("bali-2022".into()), "their first summit");
        let last = Clues { order: Some(Order::Last), participants: true, ..Clues::default() };
        assert_eq!(of(last, "2024-11-16"), Resolution::Meeting("sf-2023".into()));
        let video = Clues {
            format: Some(Format::Virtual),
            participants: true,
            when: Some((day("2022-01-01"), day("2022-12-31"))),
            ..Clues::default()
        };
        assert_eq!(of(video, "2024-11-16"), Resolution::Meeting("call-2022-03".into()));
        // A meeting is no phone call; one ahead is never a loose fit.
        let previous = Clues { format: Some(Format::Meeting), ..last_clues() };
        assert_eq!(of(previous, "2022-10-01"), Resolution::Meeting("call-2022-03".into()), "the video call");
        let next = Clues { format: Some(Format::Meeting), order: Some(Order::Next), future: true, ..first_clues() };
        assert_eq!(of(next, "2022-05-01"), Resolution::Meeting("bali-2022".into()), "not the July phone call");
        let next_video =
            Clues { format: Some(Format::Virtual), order: Some(Order::Next), future: true, ..first_clues() };
        assert_eq!(of(next_video, "2022-04-01"), Resolution::Unknown, "none by video ahead: not the phone call");
        let obama = Clues { people: vec!["obama".into()], ..place("Bali") };
        assert_eq!(of(obama, "2024-11-16"), Resolution::Meeting("bali-2013".into()));
    }
}
