//! What the corpus overview draws: every meeting the corpus knows with its reports and
//! their state, the references between meetings, who met whom, and how far annotation
//! has come. Built from each report's analysis and checks (see [`ReportState::of`]);
//! drawn by `summit-ls overview`.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::checks::CorpusView;
use super::diagnostics::{Diagnostic, Severity};
use super::document::Document;
use super::fields;
use super::mention_index::Target;
use super::recognize::Analysis;
use super::resolve::{RefContext, Resolution};
use super::text_checks::meeting_meant;
use super::workspace::Corpus;

/// How far a report has come, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Progress {
    /// No front matter yet.
    Raw,
    Errors,
    Warnings,
    /// No error and no warning (hints may be left).
    Clean,
    /// Not checked yet: a closed report whose problems the server has not worked out
    /// (the editor does not pull diagnostics, or the check is under way). Last, so that
    /// a meeting's known problems show before it.
    Unchecked,
}

impl Progress {
    /// The state of a report from whether it has a front matter and its worst
    /// diagnostic.
    pub fn of(has_front_matter: bool, worst: Option<Severity>) -> Progress {
        match (has_front_matter, worst) {
            (false, _) => Progress::Raw,
            (_, Some(Severity::Error)) => Progress::Errors,
            (_, Some(Severity::Warning)) => Progress::Warnings,
            _ => Progress::Clean,
        }
    }

    pub const ALL: [Progress; 5] =
        [Progress::Raw, Progress::Errors, Progress::Warnings, Progress::Clean, Progress::Unchecked];

    pub fn name(self) -> &'static str {
        match self {
            Progress::Raw => "raw",
            Progress::Errors => "errors",
            Progress::Warnings => "warnings",
            Progress::Clean => "clean",
            Progress::Unchecked => "unchecked",
        }
    }
}

/// What the overview needs of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportState {
    pub path: PathBuf,
    pub title: Option<String>,
    pub meeting: Option<String>,
    /// The 1-based line of its `meeting:` value, else 1.
    pub line: usize,
    pub progress: Progress,
    /// The meetings it refers to: `related` ids and references resolved to one meeting;
    /// `(candidates, true)` for an ambiguous reference.
    pub refers_to: Vec<(Vec<String>, bool)>,
}

impl ReportState {
    pub fn of(
        path: &Path,
        doc: &Document,
        analysis: &Analysis,
        diagnostics: &[Diagnostic],
        corpus: CorpusView,
    ) -> Self {
        let fm = doc.front_matter();
        let progress = Progress::of(fm.is_some(), diagnostics.iter().map(|d| d.severity).min());
        let meeting = fm.and_then(|fm| fm.scalar("meeting")).filter(|m| fields::is_id(m)).map(str::to_string);
        let line = fm
            .and_then(|fm| fm.get("meeting"))
            .and_then(|f| f.value.as_ref())
            .map_or(1, |v| doc.rope().byte_to_line(v.span.start.min(doc.rope().len_bytes())) + 1);
        let context = RefContext::of(fm);
        let mut refers_to: Vec<(Vec<String>, bool)> = Vec::new();
        let mut push = |ids: Vec<String>, ambiguous: bool| {
            if ids.iter().all(|id| meeting.as_ref() != Some(id)) && !refers_to.iter().any(|(r, _)| *r == ids) {
                refers_to.push((ids, ambiguous));
            }
        };
        for item in fm.map(|fm| fm.list("related")).unwrap_or_default() {
            if fields::is_id(&item.text) {
                push(vec![item.text.clone()], false);
            }
        }
        for m in &analysis.mentions {
            match meeting_meant(&m.kind, corpus, &context) {
                Some(Resolution::Meeting(id)) => push(vec![id], false),
                Some(Resolution::Ambiguous { shown, .. }) => push(shown, true),
                _ => {}
            }
        }
        let title = fm.and_then(|fm| fm.scalar("title")).map(str::to_string);
        ReportState { path: path.to_path_buf(), title, meeting, line, progress, refers_to }
    }

    /// The same as [`ReportState::of`], from what the corpus's indexes hold of the
    /// report (no text at hand: the server's closed reports), with its progress worked
    /// out by the caller.
    pub fn from_index(corpus: &Corpus, path: &Path, progress: Progress) -> Self {
        let claim = corpus.meetings.claim_of(path);
        let meeting = claim.map(|c| c.meeting.clone());
        let line = claim.map_or(1, |c| c.place.line + 1);
        let mut refers_to: Vec<(Vec<String>, bool)> = Vec::new();
        for m in corpus.mentions.of_report(path) {
            let (ids, ambiguous) = match &m.target {
                // The `related` ids and links in the text; `participants` are people.
                Target::Meeting(id) => (vec![id.clone()], false),
                Target::MeetingRef(clues, context) => match corpus.resolve(clues, context) {
                    Resolution::Meeting(id) => (vec![id], false),
                    Resolution::Ambiguous { shown, .. } => (shown, true),
                    _ => continue,
                },
                Target::Person(_) => continue,
            };
            if ids.iter().all(|id| meeting.as_ref() != Some(id)) && !refers_to.iter().any(|(r, _)| *r == ids) {
                refers_to.push((ids, ambiguous));
            }
        }
        let title = corpus.titles.get(path).map(|(t, _)| t.clone());
        ReportState { path: path.to_path_buf(), title, meeting, line, progress, refers_to }
    }
}

/// A meeting on the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRow {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub location: Option<String>,
    /// Person ids.
    pub participants: Vec<String>,
    /// Its reports in path order: path, line of `meeting:`, state.
    pub reports: Vec<(PathBuf, usize, Progress)>,
}

impl MeetingRow {
    /// The worst state of its reports; `None` for a meeting known only from an entry.
    pub fn worst(&self) -> Option<Progress> {
        self.reports.iter().map(|r| r.2).min()
    }
}

/// A reference from one meeting's reports to another meeting.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    pub from: String,
    pub to: String,
    /// One of several meetings an ambiguous reference may mean.
    pub ambiguous: bool,
    /// How many reports of `from` refer to `to` this way.
    pub count: usize,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Overview {
    /// Every meeting the corpus knows, by date (undated last), then id.
    pub meetings: Vec<MeetingRow>,
    pub links: Vec<Link>,
    /// Pairs of person ids and the number of meetings they both took part in, most first.
    pub pairs: Vec<(String, String, usize)>,
    /// Per folder (relative to the corpus root), the number of reports in each state.
    pub progress: BTreeMap<PathBuf, [usize; 5]>,
}

impl Overview {
    pub fn build(corpus: &Corpus, reports: &[ReportState]) -> Overview {
        let mut ids: Vec<&str> = corpus.kb.meeting.iter().map(|m| m.id.get_ref().as_str()).collect();
        ids.extend(corpus.meetings.ids());
        let mut seen = HashSet::new();
        ids.retain(|id| seen.insert(*id));
        let mut meetings: Vec<MeetingRow> = ids
            .into_iter()
            .filter_map(|id| corpus.meeting_info(id))
            .map(|info| MeetingRow {
                id: info.id.to_string(),
                title: info.title.map(str::to_string),
                date: info.date.as_deref().and_then(|d| d.get(..10)).and_then(|d| d.parse().ok()),
                location: info.location,
                participants: info.participants,
                reports: Vec::new(),
            })
            .collect();
        meetings.sort_by(|a, b| (a.date.is_none(), a.date, &a.id).cmp(&(b.date.is_none(), b.date, &b.id)));
        let index: BTreeMap<String, usize> = meetings.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();

        let mut links: BTreeMap<(String, String, bool), usize> = BTreeMap::new();
        let mut progress: BTreeMap<PathBuf, [usize; 5]> = BTreeMap::new();
        for r in reports {
            let folder = r.path.parent().and_then(|p| p.strip_prefix(corpus.root()).ok()).unwrap_or(Path::new(""));
            let state = Progress::ALL.iter().position(|p| *p == r.progress).unwrap_or(0);
            progress.entry(folder.to_path_buf()).or_default()[state] += 1;
            let Some(from) = &r.meeting else { continue };
            if let Some(&i) = index.get(from) {
                meetings[i].reports.push((r.path.clone(), r.line, r.progress));
            }
            for (to, ambiguous) in &r.refers_to {
                for id in to.iter().filter(|id| index.contains_key(*id)) {
                    *links.entry((from.clone(), id.clone(), *ambiguous)).or_default() += 1;
                }
            }
        }
        for m in &mut meetings {
            m.reports.sort();
        }

        let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
        for m in &meetings {
            for (i, a) in m.participants.iter().enumerate() {
                for b in &m.participants[i + 1..] {
                    let key = if a <= b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
                    *pairs.entry(key).or_default() += 1;
                }
            }
        }
        let mut pairs: Vec<(String, String, usize)> = pairs.into_iter().map(|((a, b), n)| (a, b, n)).collect();
        pairs.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));

        let links =
            links.into_iter().map(|((from, to, ambiguous), count)| Link { from, to, ambiguous, count }).collect();
        Overview { meetings, links, pairs, progress }
    }

    /// The number of reports in each state, over every folder.
    pub fn totals(&self) -> [usize; 5] {
        let mut out = [0; 5];
        for counts in self.progress.values() {
            for (o, c) in out.iter_mut().zip(counts) {
                *o += c;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::checks::check_analyzed_report;
    use crate::corpus::recognize::analyze;

    fn seeds() -> (Corpus, Vec<ReportState>) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let toml = std::fs::read_to_string(root.join("corpus.toml")).expect("corpus.toml");
        let mut corpus = Corpus::from_manifest(&root, &toml);
        let mut docs = Vec::new();
        let mut names: Vec<PathBuf> = std::fs::read_dir(&root)
            .expect("seeds")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        for path in names {
            let doc = Document::new(&std::fs::read_to_string(&path).expect("seed"));
            corpus.set_report(&path, Some(&doc));
            docs.push((path, doc));
        }
        let states = docs
            .iter()
            .map(|(path, doc)| {
                let analysis = analyze(doc, corpus.recognizers());
                let diagnostics = check_analyzed_report(doc, path, corpus.view(), &analysis);
                ReportState::of(path, doc, &analysis, &diagnostics, corpus.view())
            })
            .collect();
        (corpus, states)
    }

    #[test]
    fn the_seeds_show_their_meetings_the_ones_they_refer_to_and_the_links_between() {
        let (corpus, states) = seeds();
        let overview = Overview::build(&corpus, &states);
        let ids: Vec<&str> = overview.meetings.iter().map(|m| m.id.as_str()).collect();
        for id in ["sunnylands-2013", "beijing-2014", "virtual-2021", "bali-2022", "san-francisco-2023", "lima-2024"] {
            assert!(ids.contains(&id), "{id} in {ids:?}");
        }
        // By date: Sunnylands (2013) before Lima (2024).
        let at = |id: &str| ids.iter().position(|i| *i == id).unwrap_or(usize::MAX);
        assert!(at("sunnylands-2013") < at("beijing-2014") && at("bali-2022") < at("lima-2024"));
        let lima = &overview.meetings[at("lima-2024")];
        assert_eq!(lima.reports.len(), 1);
        assert_eq!(lima.worst(), Some(Progress::Clean));
        assert_eq!(overview.meetings[at("sunnylands-2013")].worst(), None, "known from its entry only");
        let link = |from: &str, to: &str| overview.links.iter().any(|l| l.from == from && l.to == to && !l.ambiguous);
        assert!(link("lima-2024", "bali-2022") && link("lima-2024", "san-francisco-2023"), "{:?}", overview.links);
        assert!(link("beijing-2014", "sunnylands-2013"), "{:?}", overview.links);
        assert_eq!(overview.totals(), [0, 0, 0, 5, 0]);
        assert!(
            overview.pairs.iter().any(|(a, b, n)| a == "joe-biden" && b == "xi-jinping" && *n >= 3),
            "{:?}",
            overview.pairs
        );
    }

    #[test]
    fn a_report_from_the_indexes_is_the_same_as_from_its_text() {
        let (corpus, states) = seeds();
        for state in &states {
            assert_eq!(&ReportState::from_index(&corpus, &state.path, state.progress), state);
        }
    }

    #[test]
    fn a_raw_report_and_one_with_errors_are_counted_per_folder() {
        let (corpus, mut states) = seeds();
        states[0].progress = Progress::Raw;
        states[1].progress = Progress::Errors;
        states[1].path = corpus.root().join("drafts/x.txt");
        let overview = Overview::build(&corpus, &states);
        assert_eq!(overview.progress.get(Path::new("")), Some(&[1, 0, 0, 3, 0]));
        assert_eq!(overview.progress.get(Path::new("drafts")), Some(&[0, 1, 0, 0, 0]));
        assert_eq!(overview.totals(), [1, 1, 0, 3, 0]);
    }
}
