//! What each report says about the meeting it reports: its id, date and location.
//! Reports that share a `meeting` id must agree; this index answers "who else claims
//! this meeting" in time proportional to that meeting's reports, not the corpus.

use std::path::{Path, PathBuf};

use super::catalog::{ByFacts, MeetingFacts};
use super::fields;
use super::front_matter::FrontMatter;
use super::near_ids::NearIds;
use super::persistent;
use crate::position::LineRange;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingClaim {
    pub meeting: String,
    pub date: Option<String>,
    pub end: Option<String>,
    pub location: Option<String>,
    pub format: Option<String>,
    /// Where the report's `meeting:` value stands, for go to definition.
    pub span: std::ops::Range<usize>,
    /// The same as a line and columns.
    pub place: LineRange,
    pub participants: Vec<String>,
}

impl MeetingClaim {
    pub fn from_front_matter(fm: &FrontMatter) -> Option<MeetingClaim> {
        // A malformed id (`../../etc/passwd`) is a `malformed-value` error, no meeting.
        let meeting = fm.scalar("meeting").filter(|m| fields::is_id(m))?;
        let value = fm.get("meeting")?.value.as_ref()?;
        Some(MeetingClaim {
            span: value.span.clone(),
            place: value.place.clone(),
            participants: fm.list("participants").iter().map(|i| i.text.clone()).collect(),
            meeting: meeting.to_string(),
            date: fm.scalar("date").map(str::to_string),
            end: fm.scalar("end").map(str::to_string),
            location: fm.scalar("location").map(str::to_string),
            format: fm.scalar("format").map(str::to_string),
        })
    }

    /// Whether two claims say the same of the meeting, wherever they stand.
    pub fn same_facts(&self, other: &MeetingClaim) -> bool {
        (&self.meeting, &self.date, &self.end, &self.location, &self.format, &self.participants)
            == (&other.meeting, &other.date, &other.end, &other.location, &other.format, &other.participants)
    }

    /// What this report says of its meeting, for references to be checked against.
    pub fn facts(&self) -> MeetingFacts {
        MeetingFacts::new(
            self.date.as_deref(),
            self.end.as_deref(),
            self.location.as_deref(),
            self.participants.clone(),
            self.format.as_deref(),
        )
    }
}

/// Persistent maps: a clone is a snapshot, and costs no more than a few pointers.
#[derive(Debug, Default, Clone)]
pub struct MeetingIndex {
    by_report: persistent::Map<PathBuf, MeetingClaim>,
    by_meeting: persistent::Map<String, imbl::OrdMap<PathBuf, MeetingClaim>>,
    /// What the reports of each meeting say of it, merged, and indexed by place name,
    /// year and participant: a reference looks at the few meetings that can fit.
    pub catalog: ByFacts,
    /// The meeting ids, for "did you mean".
    pub ids: NearIds,
}

/// Two indexes are equal when they hold the same claims, however they got there.
impl PartialEq for MeetingIndex {
    fn eq(&self, other: &Self) -> bool {
        self.by_report == other.by_report && self.by_meeting == other.by_meeting && self.catalog == other.catalog
    }
}

impl MeetingIndex {
    /// Records what `path` now claims, and returns the meeting ids whose claims changed
    /// (the old and the new one), so their other reports can be checked again. A claim
    /// that only moved in its report (text typed above it) changes nothing else.
    pub fn set(&mut self, path: &Path, claim: Option<MeetingClaim>) -> Vec<String> {
        let old = self.by_report.get(path).cloned();
        if old == claim {
            return Vec::new();
        }
        if let (Some(old), Some(new)) = (&old, &claim)
            && old.same_facts(new)
        {
            if let Some(reports) = self.by_meeting.get_mut(&new.meeting) {
                reports.insert(path.to_path_buf(), new.clone());
            }
            self.by_report.insert(path.to_path_buf(), new.clone());
            return Vec::new();
        }
        let mut changed = Vec::new();
        if let Some(old) = old {
            if let Some(reports) = self.by_meeting.get_mut(&old.meeting) {
                reports.remove(path);
                if reports.is_empty() {
                    self.by_meeting.remove(&old.meeting);
                }
            }
            self.by_report.remove(path);
            changed.push(old.meeting);
        }
        if let Some(new) = claim {
            self.by_meeting.entry(new.meeting.clone()).or_default().insert(path.to_path_buf(), new.clone());
            if !changed.contains(&new.meeting) {
                changed.push(new.meeting.clone());
            }
            self.by_report.insert(path.to_path_buf(), new);
        }
        for id in &changed {
            let merged = self.merged_facts(id);
            self.catalog.set(id, merged);
            if self.contains(id) {
                self.ids.insert(id);
            } else {
                self.ids.remove(id);
            }
        }
        changed
    }

    /// What the reports of a meeting say of it: the first report's days and format
    /// (reports that disagree are flagged), every place name and participant of any.
    fn merged_facts(&self, id: &str) -> Option<MeetingFacts> {
        let mut out: Option<MeetingFacts> = None;
        for claim in self.by_meeting.get(id)?.values() {
            let facts = claim.facts();
            match &mut out {
                None => out = Some(facts),
                Some(o) => {
                    o.days = o.days.or(facts.days);
                    o.format = o.format.or(facts.format);
                    for p in facts.places {
                        if !o.places.contains(&p) {
                            o.places.push(p);
                        }
                    }
                    for p in facts.participants {
                        if !o.participants.contains(&p) {
                            o.participants.push(p);
                        }
                    }
                }
            }
        }
        out
    }

    /// The reports of a meeting, in path order.
    pub fn reports_of(&self, meeting: &str) -> impl Iterator<Item = (&Path, &MeetingClaim)> {
        self.by_meeting.get(meeting).into_iter().flatten().map(|(p, c)| (p.as_path(), c))
    }

    /// What the report at `path` claims, if it claims a meeting.
    pub fn claim_of(&self, path: &Path) -> Option<&MeetingClaim> {
        self.by_report.get(path)
    }

    pub fn contains(&self, meeting: &str) -> bool {
        self.by_meeting.contains_key(meeting)
    }

    /// Meetings whose reports date them on `day` (`YYYY-MM-DD`).
    pub fn on_day<'a>(&'a self, day: &'a str) -> impl Iterator<Item = &'a str> {
        let year = day.get(..4).and_then(|y| y.parse::<i16>().ok());
        let in_year: Vec<&str> = year.map(|y| self.catalog.in_year(y).collect()).unwrap_or_default();
        in_year.into_iter().filter(move |id| {
            self.by_meeting.get(*id).is_some_and(|reports| reports.values().any(|c| c.date.as_deref() == Some(day)))
        })
    }

    /// Every meeting the reports know: its id, and the first report's date and location.
    pub fn known(&self) -> impl Iterator<Item = (&str, &MeetingClaim)> {
        self.by_meeting.iter().filter_map(|(id, reports)| reports.values().next().map(|c| (id.as_str(), c)))
    }

    /// The reports that claim a meeting.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.by_report.keys().map(PathBuf::as_path)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_meeting.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(meeting: &str, date: &str) -> Option<MeetingClaim> {
        Some(MeetingClaim {
            meeting: meeting.into(),
            date: Some(date.into()),
            end: None,
            location: None,
            format: None,
            span: 0..0,
            place: crate::position::LineRange::new(0, "", ""),
            participants: Vec::new(),
        })
    }

    #[test]
    fn a_claim_that_only_moved_changes_no_meeting_and_keeps_answers_cached() {
        let mut index = MeetingIndex::default();
        let p = Path::new("a.txt");
        index.set(p, claim("m1", "2014-01-01"));
        let year = crate::corpus::catalog::Bucket::Year(2014);
        let version = index.catalog.version(&year);
        let moved = claim("m1", "2014-01-01").map(|c| MeetingClaim { span: 5..7, ..c });
        assert_eq!(index.set(p, moved), Vec::<String>::new());
        assert_eq!(index.catalog.version(&year), version, "no cached answer is dropped");
        assert_eq!(index.reports_of("m1").map(|(_, c)| c.span.start).collect::<Vec<_>>(), [5]);
    }

    #[test]
    fn moving_a_report_to_another_meeting_changes_both() {
        let mut index = MeetingIndex::default();
        let p = Path::new("a.txt");
        assert_eq!(index.set(p, claim("m1", "2014-01-01")), ["m1"]);
        assert_eq!(index.set(p, claim("m1", "2014-01-01")), Vec::<String>::new());
        assert_eq!(index.set(p, claim("m2", "2014-01-01")), ["m1", "m2"]);
        assert!(!index.contains("m1"));
        assert_eq!(index.reports_of("m2").count(), 1);
        assert_eq!(index.set(p, None), ["m2"]);
        assert_eq!(index.ids().count(), 0);
    }
}
