//! Who and which meetings each report mentions, and where: body mentions and the ids of
//! its front matter. Updated per changed report, never rebuilt; answers find references
//! across the corpus and the mention counts of hovers.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::catalog::key_of;
use super::fields;
use super::front_matter::FrontMatter;
use super::front_matter::ValueKind;
use super::persistent;
use super::recognize::meeting_refs::Clues;
use super::recognize::{Analysis, MentionKind};
use super::resolve::RefContext;
use std::sync::Arc;

/// What a mention stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    Person(String),
    Meeting(String),
    /// A meeting referred to by its clues, resolved when asked against the corpus as
    /// it is then, in the context of its report.
    MeetingRef(Clues, Arc<RefContext>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indexed {
    pub target: Target,
    /// In the document, in bytes.
    pub span: Range<usize>,
    /// In the body (counted in hovers), or an id of the front matter.
    pub in_body: bool,
    /// Where the id itself is written, for a rename: a front-matter id, or an inline
    /// link's target. `None` for a mention recognised in the text.
    pub id_span: Option<Range<usize>>,
}

/// The people and meetings a report mentions.
pub fn mentions_of(front_matter: Option<&FrontMatter>, analysis: &Analysis) -> Vec<Indexed> {
    let mut out = Vec::new();
    if let Some(fm) = front_matter {
        // Only well-formed ids name anything; a malformed one is an error of the checks.
        let ids = |key: &str| {
            fm.list(key)
                .iter()
                .filter(|i| fields::is_id(&i.text))
                .map(|i| (i.text.clone(), i.span.clone()))
                .collect::<Vec<_>>()
        };
        let written =
            |target: Target, span: Range<usize>| Indexed { target, id_span: Some(span.clone()), span, in_body: false };
        out.extend(ids("participants").into_iter().map(|(id, span)| written(Target::Person(id), span)));
        out.extend(ids("related").into_iter().map(|(id, span)| written(Target::Meeting(id), span)));
        if let Some(v) = fm.get("meeting").and_then(|f| f.value.as_ref())
            && let ValueKind::Scalar(id) = &v.kind
            && fields::is_id(id)
        {
            out.push(written(Target::Meeting(id.clone()), v.span.clone()));
        }
    }
    let context = Arc::new(RefContext::of(front_matter));
    for m in &analysis.mentions {
        let target = match &m.kind {
            MentionKind::Person { id, .. } => Target::Person(id.clone()),
            MentionKind::Meeting { id } => Target::Meeting(id.clone()),
            MentionKind::MeetingRef(clues) => Target::MeetingRef(clues.clone(), Arc::clone(&context)),
            _ => continue,
        };
        let link = analysis.clean.links.iter().find(|l| l.span == m.span);
        out.push(Indexed { target, span: m.span.clone(), in_body: true, id_span: link.map(|l| l.target_span.clone()) });
    }
    out
}

/// Persistent maps: a clone is a snapshot, and costs no more than a few pointers.
#[derive(Debug, Default, PartialEq, Clone)]
pub struct MentionIndex {
    by_report: persistent::Map<PathBuf, Arc<[Indexed]>>,
    /// Per person: reports whose body mentions them, and body mentions in all.
    person_totals: persistent::Map<String, (usize, usize)>,
    /// Which reports name each person and each meeting id (body or front matter), and
    /// which hold meeting references: where a search for references looks.
    postings: persistent::Map<Posting, imbl::OrdSet<Arc<Path>>>,
}

/// What a posting list is of.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Posting {
    Person(String),
    Meeting(String),
    /// Meeting references, resolved only when asked, by something every meeting they
    /// can mean has: reports with references whose time falls in a year (the year
    /// before included, as a meeting is indexed by its first day)...
    RefYear(i16),
    /// ... that name a place, by the place name as written (lower-cased)...
    RefPlace(String),
    /// ... or whose meeting must have this person among its participants: a person
    /// named, or the report's first participant, whose meetings a reference of the
    /// report's participants, a format or an order alone looks among.
    RefPerson(String),
}

impl Posting {
    fn of(target: &Target) -> Vec<Posting> {
        match target {
            Target::Person(id) => vec![Posting::Person(id.clone())],
            Target::Meeting(id) => vec![Posting::Meeting(id.clone())],
            Target::MeetingRef(clues, context) => ref_postings(clues, context),
        }
    }
}

/// The postings of a meeting reference: one clue that every meeting it can resolve to
/// satisfies, in the order [`crate::corpus::resolve`] narrows by. A time of a few
/// years at most must overlap the meeting's days; people named must take part; a place
/// named must be the meeting's (names that are no place leave nothing to resolve to
/// unless a time or people are also written); else the pool is the report's first
/// participant's meetings. A reference with none of these resolves to nothing.
fn ref_postings(clues: &Clues, context: &RefContext) -> Vec<Posting> {
    if let Some((from, to)) = clues.when.filter(|(from, to)| to.year() - from.year() <= 3) {
        return (from.year() - 1..=to.year()).map(Posting::RefYear).collect();
    }
    if let Some(p) = clues.people.first() {
        return vec![Posting::RefPerson(p.clone())];
    }
    if !clues.names.is_empty() || !clues.joined.is_empty() {
        return clues.names.iter().chain(&clues.joined).map(|n| Posting::RefPlace(key_of(n))).collect();
    }
    context.participants.first().map(|p| Posting::RefPerson(p.clone())).into_iter().collect()
}

impl MentionIndex {
    pub fn set(&mut self, path: &Path, mentions: Option<Vec<Indexed>>) {
        if let Some(old) = self.by_report.remove(path) {
            for posting in old.iter().flat_map(|m| Posting::of(&m.target)).collect::<HashSet<_>>() {
                if let Some(reports) = self.postings.get_mut(&posting) {
                    reports.remove(path);
                    if reports.is_empty() {
                        self.postings.remove(&posting);
                    }
                }
            }
            for (id, n) in person_counts(&old) {
                if let Some(t) = self.person_totals.get_mut(&id) {
                    t.0 = t.0.saturating_sub(1);
                    t.1 = t.1.saturating_sub(n);
                    if t.0 == 0 {
                        self.person_totals.remove(&id);
                    }
                }
            }
        }
        if let Some(new) = mentions {
            let shared: Arc<Path> = Arc::from(path);
            for posting in new.iter().flat_map(|m| Posting::of(&m.target)).collect::<HashSet<_>>() {
                self.postings.entry(posting).or_default().insert(Arc::clone(&shared));
            }
            for (id, n) in person_counts(&new) {
                let t = self.person_totals.entry(id).or_default();
                t.0 += 1;
                t.1 += n;
            }
            self.by_report.insert(path.to_path_buf(), Arc::from(new));
        }
    }

    /// The reports indexed.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.by_report.keys().map(PathBuf::as_path)
    }

    /// Every posting list's key, for tests that compare a search by postings with a
    /// scan of everything.
    #[cfg(test)]
    pub fn every_posting(&self) -> Vec<Posting> {
        self.postings.keys().cloned().collect()
    }

    /// The mentions of one report, in the order indexed (front matter first).
    pub fn of_report(&self, path: &Path) -> &[Indexed] {
        self.by_report.get(path).map_or(&[], |m| m.as_ref())
    }

    /// (reports, mentions) of a person in the bodies of the corpus.
    pub fn totals(&self, id: &str) -> (usize, usize) {
        self.person_totals.get(id).copied().unwrap_or_default()
    }

    /// Every mention whose target satisfies `wanted`, among the reports of the
    /// postings `within`, in path order: the cost follows those reports, not the corpus.
    pub fn find_in(&self, within: &[Posting], mut wanted: impl FnMut(&Target) -> bool) -> Vec<(&Path, &Indexed)> {
        let reports: BTreeSet<&Arc<Path>> = within.iter().filter_map(|p| self.postings.get(p)).flatten().collect();
        let mut out = Vec::new();
        for path in reports {
            let Some(mentions) = self.by_report.get(path.as_ref()) else { continue };
            let start = out.len();
            out.extend(mentions.iter().filter(|m| wanted(&m.target)).map(|m| (path.as_ref(), m)));
            out[start..].sort_by_key(|(_, m)| m.span.start);
        }
        out
    }
}

fn person_counts(mentions: &[Indexed]) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for m in mentions.iter().filter(|m| m.in_body) {
        if let Target::Person(id) = &m.target {
            *out.entry(id.clone()).or_default() += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, n: usize) -> Vec<Indexed> {
        (0..n)
            .map(|i| Indexed { target: Target::Person(id.into()), span: i..i + 1, in_body: true, id_span: None })
            .collect()
    }

    #[test]
    fn malformed_ids_name_nothing_in_the_front_matter_or_in_links() {
        use crate::corpus::document::Document;
        use crate::corpus::kb::Kb;
        use crate::corpus::recognize::{Recognizers, analyze};
        let text = "---\nmeeting: ../../etc/passwd\nrelated: [m-1, \u{202e}m-2, Big-Talks]\nparticipants: [xi-\u{1F600}]\n---\nSee [the talks](meeting:../x) and [him](person:a b).\n";
        let doc = Document::new(text);
        let mentions = mentions_of(doc.front_matter(), &analyze(&doc, &Recognizers::new(&Kb::default())));
        let targets: Vec<&Target> = mentions.iter().map(|m| &m.target).collect();
        assert_eq!(targets, [&Target::Meeting("m-1".into())]);
        assert!(crate::corpus::meetings::MeetingClaim::from_front_matter(doc.front_matter().expect("fm")).is_none());
    }

    #[test]
    fn ids_written_in_the_front_matter_and_in_links_are_located_for_a_rename() {
        use crate::corpus::document::Document;
        use crate::corpus::kb::Kb;
        use crate::corpus::recognize::{Recognizers, analyze};
        let text = "---\nmeeting: m-1\nrelated: [m-1, m-12]\nparticipants: [a]\n---\nSee [the talks](meeting:m-1) and m-1 and [x](meeting:m-12).\n";
        let doc = Document::new(text);
        let mentions = mentions_of(doc.front_matter(), &analyze(&doc, &Recognizers::new(&Kb::default())));
        let written = |target: Target| -> Vec<&str> {
            mentions.iter().filter(|m| m.target == target).filter_map(|m| Some(&text[m.id_span.clone()?])).collect()
        };
        assert_eq!(written(Target::Meeting("m-1".into())), ["m-1", "m-1", "m-1"]);
        assert_eq!(written(Target::Meeting("m-12".into())), ["m-12", "m-12"]);
        assert_eq!(written(Target::Person("a".into())), ["a"]);
    }

    #[test]
    fn replacing_a_reports_mentions_updates_the_totals_and_finds() {
        let mut index = MentionIndex::default();
        index.set(Path::new("a"), Some(person("kerry", 3)));
        let mut b = person("kerry", 2);
        b.push(Indexed { target: Target::Person("kerry".into()), span: 50..55, in_body: false, id_span: Some(50..55) });
        index.set(Path::new("b"), Some(b));
        assert_eq!(index.totals("kerry"), (2, 5), "front-matter ids are not counted");
        let kerry = [Posting::Person("kerry".into())];
        assert_eq!(index.find_in(&kerry, |t| *t == Target::Person("kerry".into())).len(), 6);
        index.set(Path::new("a"), Some(person("xi", 1)));
        assert_eq!(index.totals("kerry"), (1, 2));
        assert_eq!(index.find_in(&kerry, |_| true).len(), 3, "only b names kerry now");
        index.set(Path::new("b"), None);
        assert_eq!(index.totals("kerry"), (0, 0));
        assert!(index.find_in(&kerry, |_| true).is_empty());
        assert_eq!(index.find_in(&[Posting::Person("xi".into())], |_| true).len(), 1);
    }
}
