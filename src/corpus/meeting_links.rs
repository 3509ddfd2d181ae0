//! Which meetings refer to which, and how often a person or meeting is mentioned: what
//! find references, the code lenses and the call hierarchy show. A report refers to a
//! meeting by a `related` id, an inline link, an alias or a reference that resolves to
//! that one meeting (never an ambiguous one); its own meeting is left out.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::mention_index::{Indexed, Posting, Target};
use super::resolve::Resolution;
use super::workspace::Corpus;

/// The places in one report where it refers to a meeting: the report, the meeting its
/// front matter claims (the caller), the meeting it refers to (the callee), and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingLink {
    pub from: String,
    pub to: String,
    pub report: PathBuf,
    /// Byte ranges in `report`, in text order.
    pub spans: Vec<Range<usize>>,
}

/// How much of the corpus names a person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PersonCounts {
    /// Reports whose body mentions them.
    pub reports: usize,
    /// Mentions in the bodies of the corpus.
    pub mentions: usize,
    /// Meetings with them among the participants (entries' and reports').
    pub meetings: usize,
}

/// How much of the corpus is about a meeting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MeetingCounts {
    /// Reports whose `meeting` is this one.
    pub reports: usize,
    /// Mentions in the bodies of the corpus that mean it.
    pub mentions: usize,
    /// Other meetings whose reports refer to it.
    pub referred_by: usize,
}

impl Corpus {
    /// Every mention of a person: body mentions, `participants` ids and inline links.
    pub fn mentions_of_person(&self, id: &str) -> Vec<(&Path, &Indexed)> {
        let wanted = Target::Person(id.to_string());
        self.mentions.find_in(&[Posting::Person(id.to_string())], |t| *t == wanted)
    }

    /// Every mention of one of the meetings `ids`: their ids in front matters and
    /// links, aliases, and references that resolve to one of them (an ambiguous
    /// reference is a diagnostic in its report, not a mention of every candidate).
    pub fn mentions_of_meetings(&self, ids: &[String]) -> Vec<(&Path, &Indexed)> {
        let within: Vec<Posting> = ids.iter().flat_map(|id| self.postings_of_meeting(id)).collect();
        self.mentions.find_in(&within, |t| match t {
            Target::Meeting(id) => ids.contains(id),
            Target::MeetingRef(clues, context) => {
                self.resolve(clues, context).id().is_some_and(|id| ids.iter().any(|i| i == id))
            }
            Target::Person(_) => false,
        })
    }

    /// The one meeting an indexed mention means, if it means one.
    pub fn meeting_meant(&self, target: &Target) -> Option<String> {
        match target {
            Target::Meeting(id) => Some(id.clone()),
            Target::MeetingRef(clues, context) => match self.resolve(clues, context) {
                Resolution::Meeting(id) => Some(id),
                _ => None,
            },
            Target::Person(_) => None,
        }
    }

    /// The meeting a report's front matter claims.
    pub fn meeting_of_report(&self, path: &Path) -> Option<&str> {
        self.meetings.claim_of(path).map(|c| c.meeting.as_str())
    }

    /// The meetings whose reports refer to meeting `id`, one link per referring report,
    /// by meeting then report. Reports that claim no meeting are left out: they are no
    /// meeting's.
    pub fn referred_to_by(&self, id: &str) -> Vec<MeetingLink> {
        self.links_to(id, &self.mentions_of_meetings(&[id.to_string()]))
    }

    /// The links to meeting `id` among its mentions.
    fn links_to(&self, id: &str, mentions: &[(&Path, &Indexed)]) -> Vec<MeetingLink> {
        let mut by_report: BTreeMap<(String, PathBuf), Vec<Range<usize>>> = BTreeMap::new();
        for (path, m) in mentions {
            let Some(from) = self.meeting_of_report(path).filter(|from| *from != id) else { continue };
            by_report.entry((from.to_string(), path.to_path_buf())).or_default().push(m.span.clone());
        }
        by_report
            .into_iter()
            .map(|((from, report), spans)| MeetingLink { from, to: id.to_string(), report, spans })
            .collect()
    }

    /// The meetings the reports of meeting `id` refer to, one link per meeting and
    /// report, by meeting then report. Ids that name no meeting the corpus knows are
    /// left out: they are `unknown-id` diagnostics, and lead nowhere.
    pub fn refers_to(&self, id: &str) -> Vec<MeetingLink> {
        let mut by_report: BTreeMap<(String, PathBuf), Vec<Range<usize>>> = BTreeMap::new();
        for (path, _) in self.meetings.reports_of(id) {
            for m in self.mentions.of_report(path) {
                let Some(to) = self.meeting_meant(&m.target).filter(|to| to != id) else { continue };
                by_report.entry((to, path.to_path_buf())).or_default().push(m.span.clone());
            }
        }
        by_report
            .into_iter()
            .filter(|((to, _), _)| self.knows_meeting(to))
            .map(|((to, report), mut spans)| {
                spans.sort_by_key(|s| s.start);
                MeetingLink { from: id.to_string(), to, report, spans }
            })
            .collect()
    }

    /// Whether a `[[meeting]]` entry or a report names meeting `id`.
    pub fn knows_meeting(&self, id: &str) -> bool {
        self.kb.meeting(id).is_some() || self.meetings.contains(id)
    }

    pub fn person_counts(&self, id: &str) -> PersonCounts {
        let (reports, mentions) = self.mentions.totals(id);
        let mut meetings: Vec<&str> =
            self.kb_catalog().meetings.with_person(id).chain(self.meetings.catalog.with_person(id)).collect();
        meetings.sort_unstable();
        meetings.dedup();
        PersonCounts { reports, mentions, meetings: meetings.len() }
    }

    pub fn meeting_counts(&self, id: &str) -> MeetingCounts {
        let found = self.mentions_of_meetings(&[id.to_string()]);
        let mut referred_by: Vec<String> = self.links_to(id, &found).into_iter().map(|l| l.from).collect();
        referred_by.dedup();
        MeetingCounts {
            reports: self.meetings.reports_of(id).count(),
            mentions: found.iter().filter(|(_, m)| m.in_body).count(),
            referred_by: referred_by.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::document::Document;

    /// The seed corpus, every report read as the server reads it at start-up.
    fn seeds() -> Corpus {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let manifest = std::fs::read_to_string(root.join("corpus.toml")).unwrap_or_default();
        let mut corpus = Corpus::from_manifest(&root, &manifest);
        for path in corpus.report_paths() {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            corpus.set_report(&path, Some(&Document::new(&text)));
        }
        corpus
    }

    fn froms(links: &[MeetingLink]) -> Vec<&str> {
        let mut out: Vec<&str> = links.iter().map(|l| l.from.as_str()).collect();
        out.dedup();
        out
    }

    fn tos(links: &[MeetingLink]) -> Vec<&str> {
        let mut out: Vec<&str> = links.iter().map(|l| l.to.as_str()).collect();
        out.dedup();
        out
    }

    fn texts(corpus: &Corpus, link: &MeetingLink) -> Vec<String> {
        let text = std::fs::read_to_string(corpus.root().join(&link.report)).unwrap_or_default();
        link.spans.iter().map(|s| text.get(s.clone()).unwrap_or("?").to_string()).collect()
    }

    #[test]
    fn sunnylands_2013_is_referred_to_by_beijing_2014_and_the_kerry_talks() {
        let corpus = seeds();
        let links = corpus.referred_to_by("sunnylands-2013");
        assert_eq!(froms(&links), ["beijing-2014", "wang-kerry-2014"]);
        let beijing = &links[0];
        assert!(beijing.report.ends_with("000_bd05f014e72710d3.txt"));
        let said = texts(&corpus, beijing);
        assert_eq!(said.first().map(String::as_str), Some("sunnylands-2013"), "the related id first: {said:?}");
        assert!(said.iter().any(|s| s.contains("Annenberg Estate")), "{said:?}");
        assert_eq!(
            corpus.meeting_counts("sunnylands-2013"),
            MeetingCounts {
                reports: 0,
                mentions: said.len() - 1 + texts(&corpus, &links[1]).len() - 1,
                referred_by: 2
            }
        );
    }

    #[test]
    fn lima_2024_refers_to_the_2021_virtual_meeting_bali_and_san_francisco() {
        let corpus = seeds();
        let links = corpus.refers_to("lima-2024");
        assert_eq!(tos(&links), ["bali-2022", "san-francisco-2023", "virtual-2021"]);
        assert!(links.iter().all(|l| l.report.ends_with("003_1bc3eefbf81d6a5d.txt")));
        let bali = texts(&corpus, &links[0]);
        assert!(bali.iter().any(|s| s.contains("Bali")), "a reference in the text besides the id: {bali:?}");
        assert_eq!(corpus.referred_to_by("bali-2022").len(), 1);
        assert_eq!(corpus.meeting_counts("lima-2024").reports, 1);
        assert_eq!(corpus.meeting_counts("lima-2024").referred_by, 0);
    }

    /// Incoming and outgoing are one relation read both ways.
    #[test]
    fn every_meeting_referred_to_names_its_referrer_as_referring() {
        let corpus = seeds();
        let mut ids: Vec<String> = corpus.kb.meeting.iter().map(|m| m.id.get_ref().clone()).collect();
        ids.extend(corpus.meetings.ids().map(str::to_string));
        let mut outgoing: Vec<MeetingLink> = ids.iter().flat_map(|id| corpus.refers_to(id)).collect();
        let mut incoming: Vec<MeetingLink> = ids.iter().flat_map(|id| corpus.referred_to_by(id)).collect();
        let key = |l: &MeetingLink| (l.from.clone(), l.to.clone(), l.report.clone());
        outgoing.sort_by_key(key);
        incoming.sort_by_key(key);
        assert_eq!(outgoing, incoming);
        assert!(outgoing.len() >= 6, "{outgoing:?}");
    }

    #[test]
    fn counts_of_people_take_body_mentions_and_meetings_taken_part_in() {
        let corpus = seeds();
        let kerry = corpus.person_counts("john-kerry");
        assert_eq!(kerry.reports, 2);
        assert!(kerry.mentions >= 2, "{kerry:?}");
        assert_eq!(kerry.meetings, 2, "wang-kerry-2014 and xi-kerry-2014");
        let xi = corpus.person_counts("xi-jinping");
        // Beijing 2014, the Kerry meeting, Lima 2024, San Francisco 2023 and the three entries.
        assert_eq!(xi.meetings, 7);
        assert_eq!(corpus.person_counts("nobody"), PersonCounts::default());
        assert_eq!(corpus.meeting_counts("no-such-meeting"), MeetingCounts::default());
    }

    #[test]
    fn a_malformed_meeting_id_refers_to_nothing_and_is_referred_to_by_nothing() {
        let mut corpus = seeds();
        let text = "---\nmeeting: ../Bad Id\nrelated: [sunnylands-2013]\n---\nThe Annenberg Estate meeting.\n";
        let path = corpus.root().join("bad.txt");
        corpus.set_report(&path, Some(&Document::new(text)));
        assert!(corpus.refers_to("../Bad Id").is_empty());
        assert_eq!(froms(&corpus.referred_to_by("sunnylands-2013")), ["beijing-2014", "wang-kerry-2014"]);
        assert_eq!(corpus.meeting_counts("../Bad Id"), MeetingCounts::default());
    }
}
