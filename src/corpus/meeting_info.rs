//! What the corpus knows of one meeting, and which meetings were held on a day: its
//! `[[meeting]]` entry and the reports that claim it, taken together. Hovers, symbols
//! and the overview ask here, so that the rule of which source wins is written once:
//! the entry's fields first, then the first report's (in path order).

use std::collections::HashSet;
use std::path::Path;

use jiff::civil::Date;

use super::catalog::ByFacts;
use super::kb::civil_date;
use super::mention_index::Posting;
use super::resolve::RefContext;
use super::workspace::Corpus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingInfo<'a> {
    pub id: &'a str,
    /// The entry's `title`.
    pub title: Option<&'a str>,
    /// The first day, as written (`YYYY-MM-DD`, or a report's date-time).
    pub date: Option<String>,
    pub location: Option<String>,
    /// Person ids: the entry's, else those of the reports, in the order first written.
    pub participants: Vec<String>,
    /// The reports that claim it, in path order.
    pub reports: Vec<&'a Path>,
}

impl Corpus {
    /// The meeting `id` as the corpus knows it; `None` when neither an entry nor a
    /// report names it.
    pub fn meeting_info(&self, id: &str) -> Option<MeetingInfo<'_>> {
        let entry = self.kb.meeting(id);
        let claims: Vec<_> = self.meetings.reports_of(id).collect();
        if entry.is_none() && claims.is_empty() {
            return None;
        }
        let date = entry
            .and_then(|m| m.date.as_ref())
            .and_then(|d| civil_date(d.get_ref()))
            .map(|d| d.to_string())
            .or_else(|| claims.iter().find_map(|(_, c)| c.date.clone()));
        let location =
            entry.and_then(|m| m.location.clone()).or_else(|| claims.iter().find_map(|(_, c)| c.location.clone()));
        let mut participants: Vec<String> =
            entry.map(|m| m.participants.iter().map(|p| p.get_ref().clone()).collect()).unwrap_or_default();
        if participants.is_empty() {
            for p in claims.iter().flat_map(|(_, c)| &c.participants) {
                if !participants.contains(p) {
                    participants.push(p.clone());
                }
            }
        }
        let id = match entry {
            Some(m) => m.id.get_ref().as_str(),
            None => claims.first().map(|(_, c)| c.meeting.as_str())?,
        };
        Some(MeetingInfo {
            id,
            title: entry.and_then(|m| m.title.as_deref()),
            date,
            location,
            participants,
            reports: claims.iter().map(|(path, _)| *path).collect(),
        })
    }

    /// Where the references that can mean meeting `id` are posted: by the years of its
    /// first days, its participants and the names that stand for its places (see
    /// [`super::mention_index::Posting`]); with the postings of its id.
    pub fn postings_of_meeting(&self, id: &str) -> Vec<Posting> {
        let mut out = vec![Posting::Meeting(id.to_string())];
        let sources = [&self.kb_catalog().meetings, &self.meetings.catalog].map(|c| c.facts.get(id));
        for facts in sources.into_iter().flatten() {
            out.extend(facts.year().map(Posting::RefYear));
            out.extend(facts.participants.iter().map(|p| Posting::RefPerson(p.clone())));
            for place in &facts.places {
                out.extend(self.kb_catalog().names_for(place).into_iter().map(Posting::RefPlace));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The meetings held on `day`, by their entries' or their reports' days (a
    /// meeting of several days counts on each), sorted by id.
    pub fn meetings_on(&self, day: Date) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for facts in [&self.kb_catalog().meetings, &self.meetings.catalog] {
            out.extend(on_day(facts, day).map(str::to_string));
        }
        out.sort();
        out.dedup();
        out
    }
}

/// A meeting offered as a `meeting:` or `related:` value, and how well it fits the
/// report: the lower `fit`, the better; then the nearer `days_away`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingChoice {
    pub id: String,
    pub first_day: Option<Date>,
    pub fit: u8,
    pub days_away: i32,
}

impl Corpus {
    /// Every meeting the corpus knows, best fit first for a report of `ctx`: those its
    /// text refers to (`referred`), then those on its day with all its participants,
    /// then with all its participants, then with any; within each, nearest its day
    /// first, then by id.
    pub fn meetings_by_fit(&self, ctx: &RefContext, referred: &[String]) -> Vec<MeetingChoice> {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut out = Vec::new();
        for facts in [&self.kb_catalog().meetings, &self.meetings.catalog] {
            for (id, f) in &facts.facts {
                if !seen.insert(id.as_str()) {
                    continue;
                }
                let first_day = f.days.map(|(first, _)| first);
                let on_day = ctx.day.is_some_and(|d| f.days.is_some_and(|(first, last)| first <= d && d <= last));
                let all = !ctx.participants.is_empty() && ctx.participants.iter().all(|p| f.participants.contains(p));
                let any = ctx.participants.iter().any(|p| f.participants.contains(p));
                let fit = match () {
                    _ if referred.contains(id) => 0,
                    _ if on_day && all => 1,
                    _ if all => 2,
                    _ if any => 3,
                    _ => 4,
                };
                let days_away = match (ctx.day, first_day) {
                    (Some(d), Some(first)) => (d - first).get_days().abs(),
                    _ => i32::MAX,
                };
                out.push(MeetingChoice { id: id.clone(), first_day, fit, days_away });
            }
        }
        out.sort_by(|a, b| (a.fit, a.days_away, &a.id).cmp(&(b.fit, b.days_away, &b.id)));
        out
    }
}

/// The meetings of `facts` whose days hold `day`. A meeting is indexed by its first
/// day's year; one that began the year before and runs into this one is looked at too.
fn on_day(facts: &ByFacts, day: Date) -> impl Iterator<Item = &str> {
    let year = day.year();
    facts.in_year(year - 1).chain(facts.in_year(year)).filter(move |id| {
        facts.facts.get(*id).and_then(|f| f.days).is_some_and(|(first, last)| first <= day && day <= last)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    const MANIFEST: &str = r#"
[[meeting]]
id = "apec-2014"
title = "APEC leaders' week"
date = 2014-11-10
end = 2014-11-12
location = "Beijing"
participants = ["xi"]
[[meeting]]
id = "new-year"
date = 2013-12-31
end = 2014-01-01
"#;

    fn corpus() -> Corpus {
        let mut corpus = Corpus::from_manifest(Path::new("/c"), MANIFEST);
        let report =
            "---\nmeeting: lima-2016\ndate: 2016-11-19\nlocation: Lima, Peru\nparticipants: [xi, obama]\n---\nText.\n";
        let doc = crate::corpus::document::Document::new(report);
        corpus.set_report(Path::new("/c/b.txt"), Some(&doc));
        let second = "---\nmeeting: lima-2016\ndate: 2016-11-19\nlocation: Lima\nparticipants: [obama, biden]\n---\n";
        corpus.set_report(Path::new("/c/a.txt"), Some(&crate::corpus::document::Document::new(second)));
        corpus
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn meetings_are_offered_referred_first_then_by_day_and_participants() {
        let corpus = corpus();
        let ctx = |d: &str, people: &[&str]| RefContext {
            day: Some(day(d)),
            participants: people.iter().map(|p| p.to_string()).collect(),
            own: None,
        };
        let ids = |choices: Vec<MeetingChoice>| choices.into_iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(
            ids(corpus.meetings_by_fit(&ctx("2016-11-19", &["obama"]), &[])),
            ["lima-2016", "apec-2014", "new-year"]
        );
        // On its day with its participant, then the nearer of those without a shared one.
        assert_eq!(ids(corpus.meetings_by_fit(&ctx("2014-11-11", &["xi"]), &[]))[0], "apec-2014");
        assert_eq!(
            ids(corpus.meetings_by_fit(&ctx("2014-01-02", &["nobody"]), &[])),
            ["new-year", "apec-2014", "lima-2016"]
        );
        let referred = ["new-year".to_string()];
        assert_eq!(ids(corpus.meetings_by_fit(&ctx("2014-11-11", &["xi"]), &referred))[0], "new-year");
    }

    #[test]
    fn an_entry_s_fields_come_first_then_the_first_report_s() {
        let corpus = corpus();
        let apec = corpus.meeting_info("apec-2014");
        assert_eq!(
            apec.as_ref().map(|m| (m.title, m.date.as_deref())),
            Some((Some("APEC leaders' week"), Some("2014-11-10")))
        );
        let lima = corpus.meeting_info("lima-2016");
        assert_eq!(lima.as_ref().map(|m| m.location.as_deref()), Some(Some("Lima")), "a.txt comes first");
        assert_eq!(
            lima.as_ref().map(|m| m.participants.clone()),
            Some(vec!["obama".into(), "biden".into(), "xi".into()])
        );
        assert_eq!(lima.map(|m| m.reports.len()), Some(2));
        assert_eq!(corpus.meeting_info("nowhere"), None);
    }

    /// Every reference that resolves to a meeting is in the meeting's postings: a search
    /// by them finds what a scan of every reference of the corpus finds.
    #[test]
    fn a_meeting_s_postings_hold_every_reference_that_resolves_to_it() {
        use crate::corpus::document::Document;
        use crate::corpus::mention_index::Target;
        let kb = r#"
[[person]]
id = "xi"
name = "Xi Jinping"
aliases = ["Xi"]
[[person]]
id = "obama"
name = "Barack Obama"
aliases = ["Obama"]
[[place]]
id = "annenberg"
name = "Annenberg Estate"
aliases = ["Sunnylands"]
within = "Rancho Mirage, California"
[[meeting]]
id = "sunnylands-2013"
date = 2013-06-07
place = "annenberg"
participants = ["xi", "obama"]
[[meeting]]
id = "call-2014"
date = 2014-03-24
format = "phone"
participants = ["xi", "obama"]
"#;
        let mut corpus = Corpus::from_manifest(Path::new("/c"), kb);
        let reports = [
            (
                "lima",
                "2016-11-19",
                "Lima, Peru",
                "Since the Sunnylands summit and their phone call in March 2014, ties grew. The 2014 Beijing talks helped.",
            ),
            (
                "beijing",
                "2014-11-12",
                "Beijing, China",
                "Since their first summit, in Rancho Mirage, and the meeting at the Annenberg Estate, and their previous meeting, and the Lima meeting, much changed.",
            ),
            (
                "later",
                "2017-01-01",
                "Beijing",
                "Xi recalled the Beijing talks of November 2014 and the meeting with Obama in Lima.",
            ),
        ];
        for (i, (id, date, location, body)) in reports.iter().enumerate() {
            let text = format!(
                "---\nmeeting: {id}\ndate: {date}\nlocation: {location}\nparticipants: [xi, obama]\n---\n{body}\n"
            );
            corpus.set_report(&PathBuf::from(format!("/c/{i}.txt")), Some(&Document::new(&text)));
        }
        let mut resolved = 0;
        for id in ["sunnylands-2013", "call-2014", "lima", "beijing", "later"] {
            let wanted = |t: &Target| match t {
                Target::Meeting(m) => m == id,
                Target::MeetingRef(clues, ctx) => corpus.resolve(clues, ctx).id() == Some(id),
                _ => false,
            };
            let spans = |postings: &[Posting]| -> Vec<(PathBuf, std::ops::Range<usize>)> {
                corpus
                    .mentions
                    .find_in(postings, wanted)
                    .into_iter()
                    .map(|(p, m)| (p.to_path_buf(), m.span.clone()))
                    .collect()
            };
            let everywhere = spans(&corpus.mentions.every_posting());
            resolved += everywhere.len();
            assert_eq!(spans(&corpus.postings_of_meeting(id)), everywhere, "{id}");
        }
        assert!(resolved >= 10, "the test needs references that resolve: {resolved}");
    }

    #[test]
    fn every_day_of_a_meeting_counts_also_across_a_new_year() {
        let corpus = corpus();
        assert_eq!(corpus.meetings_on(day("2014-11-11")), vec!["apec-2014".to_string()]);
        assert_eq!(corpus.meetings_on(day("2014-01-01")), vec!["new-year".to_string()]);
        assert_eq!(corpus.meetings_on(day("2016-11-19")), vec!["lima-2016".to_string()]);
        assert!(corpus.meetings_on(day("2016-11-20")).is_empty());
    }
}
