//! What the corpus knows of one meeting, and which meetings were held on a day: its
//! `[[meeting]]` entry and the reports that claim it, taken together. Hovers, symbols
//! and the overview ask here, so that the rule of which source wins is written once:
//! the entry's fields first, then the first report's (in path order).

use std::path::Path;

use jiff::civil::Date;

use super::catalog::ByFacts;
use super::kb::civil_date;
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
    use std::path::Path;

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

    #[test]
    fn every_day_of_a_meeting_counts_also_across_a_new_year() {
        let corpus = corpus();
        assert_eq!(corpus.meetings_on(day("2014-11-11")), vec!["apec-2014".to_string()]);
        assert_eq!(corpus.meetings_on(day("2014-01-01")), vec!["new-year".to_string()]);
        assert_eq!(corpus.meetings_on(day("2016-11-19")), vec!["lima-2016".to_string()]);
        assert!(corpus.meetings_on(day("2016-11-20")).is_empty());
    }
}
