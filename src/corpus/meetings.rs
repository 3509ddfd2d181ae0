//! What each report says about the meeting it reports: its id, date and location.
//! Reports that share a `meeting` id must agree; this index answers "who else claims
//! this meeting" in time proportional to that meeting's reports, not the corpus.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::front_matter::FrontMatter;
use crate::position::LineRange;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingClaim {
    pub meeting: String,
    pub date: Option<String>,
    pub location: Option<String>,
    /// Where the report's `meeting:` value stands, for go to definition.
    pub span: std::ops::Range<usize>,
    /// The same as a line and columns.
    pub place: LineRange,
    pub participants: Vec<String>,
}

impl MeetingClaim {
    pub fn from_front_matter(fm: &FrontMatter) -> Option<MeetingClaim> {
        let meeting = fm.scalar("meeting").filter(|m| !m.is_empty())?;
        let value = fm.get("meeting")?.value.as_ref()?;
        Some(MeetingClaim {
            span: value.span.clone(),
            place: value.place.clone(),
            participants: fm.list("participants").iter().map(|i| i.text.clone()).collect(),
            meeting: meeting.to_string(),
            date: fm.scalar("date").map(str::to_string),
            location: fm.scalar("location").map(str::to_string),
        })
    }
}

#[derive(Debug, Default, PartialEq)]
pub struct MeetingIndex {
    /// Answers of [`candidates`], until the index changes.
    candidates: CandidateCache,
    by_report: HashMap<PathBuf, MeetingClaim>,
    by_meeting: HashMap<String, BTreeMap<PathBuf, MeetingClaim>>,
    /// Per location as reports write it, the meetings placed there (and by how many
    /// reports): a reference by place looks at the few distinct locations, not at
    /// every meeting.
    by_location: HashMap<String, HashMap<Option<i16>, HashMap<String, usize>>>,
}

impl MeetingIndex {
    /// Records what `path` now claims, and returns the meeting ids whose claims changed
    /// (the old and the new one), so their other reports can be checked again.
    pub fn set(&mut self, path: &Path, claim: Option<MeetingClaim>) -> Vec<String> {
        let old = self.by_report.get(path).cloned();
        if old == claim {
            return Vec::new();
        }
        self.candidates.clear();
        let mut changed = Vec::new();
        if let Some(old) = old {
            if let Some(location) = &old.location
                && let Some(years) = self.by_location.get_mut(location)
            {
                let year = year_of(old.date.as_deref());
                if let Some(meetings) = years.get_mut(&year) {
                    if let Some(n) = meetings.get_mut(&old.meeting) {
                        *n -= 1;
                        if *n == 0 {
                            meetings.remove(&old.meeting);
                        }
                    }
                    if meetings.is_empty() {
                        years.remove(&year);
                    }
                }
                if years.is_empty() {
                    self.by_location.remove(location);
                }
            }
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
            if let Some(location) = &new.location {
                let years = self.by_location.entry(location.clone()).or_default();
                let meetings = years.entry(year_of(new.date.as_deref())).or_default();
                *meetings.entry(new.meeting.clone()).or_default() += 1;
            }
            self.by_meeting.entry(new.meeting.clone()).or_default().insert(path.to_path_buf(), new.clone());
            if !changed.contains(&new.meeting) {
                changed.push(new.meeting.clone());
            }
            self.by_report.insert(path.to_path_buf(), new);
        }
        changed
    }

    /// The reports of a meeting, in path order.
    pub fn reports_of(&self, meeting: &str) -> impl Iterator<Item = (&Path, &MeetingClaim)> {
        self.by_meeting.get(meeting).into_iter().flatten().map(|(p, c)| (p.as_path(), c))
    }

    pub fn contains(&self, meeting: &str) -> bool {
        self.by_meeting.contains_key(meeting)
    }

    /// Meetings whose reports date them on `day` (`YYYY-MM-DD`).
    pub fn on_day<'a>(&'a self, day: &'a str) -> impl Iterator<Item = &'a str> {
        self.by_meeting
            .iter()
            .filter(move |(_, reports)| reports.values().any(|c| c.date.as_deref() == Some(day)))
            .map(|(id, _)| id.as_str())
    }

    /// The meetings some report places at a location that `matches`, in `year` when one
    /// is given (a meeting counts in every year its reports date it in).
    pub fn at_locations(&self, matches: impl Fn(&str) -> bool, year: Option<i16>) -> impl Iterator<Item = &str> {
        self.by_location
            .iter()
            .filter(move |(l, _)| matches(l))
            .flat_map(move |(_, years)| {
                years.iter().filter(move |(y, _)| year.is_none_or(|wanted| **y == Some(wanted)))
            })
            .flat_map(|(_, meetings)| meetings.keys().map(String::as_str))
    }

    /// Every meeting the reports know: its id, and the first report's date and location.
    pub fn known(&self) -> impl Iterator<Item = (&str, &MeetingClaim)> {
        self.by_meeting.iter().filter_map(|(id, reports)| reports.values().next().map(|c| (id.as_str(), c)))
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
            location: None,
            span: 0..0,
            place: crate::position::LineRange::new(0, "", ""),
            participants: Vec::new(),
        })
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

/// The meetings a reference by place (and year) can mean: every meeting the corpus
/// knows, from `[[meeting]]` entries and reports, whose place is that place (by the
/// entry's `place`, or its location naming the place) and whose date has that year.
/// The meetings a reference by place (a `[[place]]` id) and year can mean, sorted:
/// `[[meeting]]` entries there and meetings that reports place there. Cached, because
/// every reference to a place and year asks, and a large corpus can hold many.
pub fn candidates(kb: &super::kb::Kb, index: &MeetingIndex, place: &str, year: Option<i16>) -> Arc<Vec<String>> {
    let key = (kb.generation(), place.to_string(), year);
    if let Some(hit) = index.candidates.get(&key) {
        return hit;
    }
    let names: Vec<&str> = kb
        .place(place)
        .map(|p| std::iter::once(&p.name).chain(&p.aliases).map(|n| n.get_ref().as_str()).collect())
        .unwrap_or_default();
    let at_place = |location: &str| names.iter().any(|n| contains_word(location, n));
    let mut out: Vec<&str> = kb.meetings_at(place, year).map(|m| m.id.get_ref().as_str()).collect();
    out.extend(index.at_locations(at_place, year));
    out.sort_unstable();
    out.dedup();
    let found = Arc::new(out.into_iter().map(str::to_string).collect::<Vec<_>>());
    index.candidates.put(key, Arc::clone(&found));
    found
}

type CandidateKey = (u64, String, Option<i16>);

/// A cache of [`candidates`] by knowledge-base generation, place and year. It holds no
/// content of the index: two indexes are equal whatever their caches hold.
#[derive(Default)]
struct CandidateCache(Mutex<HashMap<CandidateKey, Arc<Vec<String>>>>);

impl CandidateCache {
    fn get(&self, key: &CandidateKey) -> Option<Arc<Vec<String>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).get(key).cloned()
    }

    fn put(&self, key: CandidateKey, value: Arc<Vec<String>>) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(key, value);
    }

    fn clear(&mut self) {
        self.0.get_mut().unwrap_or_else(PoisonError::into_inner).clear();
    }
}

impl PartialEq for CandidateCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for CandidateCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CandidateCache")
    }
}

fn year_of(date: Option<&str>) -> Option<i16> {
    date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

/// Whether `needle` stands in `haystack` as whole words.
pub fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod candidate_tests {
    use super::*;
    use crate::corpus::kb::Kb;

    #[test]
    fn a_place_without_a_year_fits_every_meeting_there() {
        let kb = Kb::parse(
            "[[place]]\nid = \"bali\"\nname = \"Bali\"\n\
             [[meeting]]\nid = \"bali-2022\"\ndate = 2022-11-14\nlocation = \"Bali, Indonesia\"\n\
             [[meeting]]\nid = \"bali-2013\"\ndate = 2013-10-07\nplace = \"bali\"\n",
        )
        .0
        .expect("kb");
        let mut index = MeetingIndex::default();
        let claim = MeetingClaim {
            meeting: "lima-2024".into(),
            date: Some("2024-11-16".into()),
            location: Some("Lima, Peru".into()),
            span: 0..0,
            place: crate::position::LineRange::new(0, "", ""),
            participants: Vec::new(),
        };
        index.set(Path::new("003.txt"), Some(claim));
        assert_eq!(*candidates(&kb, &index, "bali", None), ["bali-2013", "bali-2022"]);
        assert_eq!(*candidates(&kb, &index, "bali", Some(2022)), ["bali-2022"]);
        assert!(candidates(&kb, &index, "lima", None).is_empty(), "no [[place]] named lima");
    }

    #[test]
    fn cached_candidates_follow_the_index_and_the_knowledge_base() {
        let bali = "[[place]]\nid = \"bali\"\nname = \"Bali\"\n";
        let kb = Kb::parse(bali).0.expect("kb");
        let mut index = MeetingIndex::default();
        assert!(candidates(&kb, &index, "bali", Some(2022)).is_empty());
        let claim = MeetingClaim {
            meeting: "g20-2022".into(),
            date: Some("2022-11-14".into()),
            location: Some("Nusa Dua, Bali".into()),
            span: 0..0,
            place: crate::position::LineRange::new(0, "", ""),
            participants: Vec::new(),
        };
        index.set(Path::new("a.txt"), Some(claim));
        assert_eq!(*candidates(&kb, &index, "bali", Some(2022)), ["g20-2022"], "after a report claims it");
        let kb = Kb::parse(&format!("{bali}[[meeting]]\nid = \"bali-2022\"\ndate = 2022-11-14\nplace = \"bali\"\n"))
            .0
            .expect("kb");
        assert_eq!(*candidates(&kb, &index, "bali", Some(2022)), ["bali-2022", "g20-2022"], "with a new corpus.toml");
        index.set(Path::new("a.txt"), None);
        assert_eq!(*candidates(&kb, &index, "bali", Some(2022)), ["bali-2022"], "after the report is gone");
    }
}
