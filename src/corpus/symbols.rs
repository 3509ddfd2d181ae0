//! Symbols of a corpus: a report's meeting and the people and meetings it mentions,
//! and across corpora the people, meetings and reports by title, matched fuzzily.
//! Answers are paths, byte ranges and places; the server makes them LSP symbols.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use super::document::Document;
use super::recognize::{Analysis, MentionKind};
use super::resolve::{RefContext, Resolution};
use super::workspace::Corpus;
use crate::position::LineRange;

/// What a symbol is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Person,
    Meeting,
    Report,
}

/// A symbol of one report: a name, what it says (how often it is mentioned), where.
#[derive(Debug, PartialEq)]
pub struct ReportSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    pub span: Range<usize>,
}

/// A report's symbols: its meeting (the `meeting:` value), then the people and meetings
/// it mentions, each once at its first mention, with how often it appears.
pub fn of_report(corpus: &Corpus, doc: &Document, analysis: &Analysis) -> Vec<ReportSymbol> {
    let mut out = Vec::new();
    if let Some(fm) = doc.front_matter()
        && let (Some(id), Some(v)) = (fm.scalar("meeting"), fm.get("meeting").and_then(|f| f.value.as_ref()))
    {
        let title = corpus.kb.meeting(id).and_then(|m| m.title.clone());
        out.push(ReportSymbol {
            name: format!("meeting: {id}"),
            detail: title,
            kind: SymbolKind::Meeting,
            span: v.span.clone(),
        });
    }
    let mut seen: BTreeMap<(u8, String), (Range<usize>, usize)> = BTreeMap::new();
    let context = RefContext::of(doc.front_matter());
    for m in &analysis.mentions {
        let key = match &m.kind {
            MentionKind::Person { id, .. } => (0, id.clone()),
            MentionKind::Meeting { id } => (1, id.clone()),
            MentionKind::MeetingRef(clues) => match corpus.resolve(clues, &context) {
                Resolution::Meeting(id) => (1, id),
                _ => continue,
            },
            _ => continue,
        };
        seen.entry(key).or_insert((m.span.clone(), 0)).1 += 1;
    }
    let mut mentioned: Vec<_> = seen.into_iter().collect();
    mentioned.sort_by_key(|(_, (span, _))| span.start);
    for ((kind, id), (span, n)) in mentioned {
        let (name, kind) = match kind {
            0 => (corpus.kb.person(&id).map_or(id.clone(), |p| p.name.get_ref().clone()), SymbolKind::Person),
            _ => (id.clone(), SymbolKind::Meeting),
        };
        let detail = Some(format!("{n} mention{}", if n == 1 { "" } else { "s" }));
        out.push(ReportSymbol { name, detail, kind, span });
    }
    out
}

/// Whether every character of `query` (lowercase, without blanks) appears in `name` in
/// order, ignoring case; and how tightly (lower is better). No allocation: it runs on
/// every title of the corpus.
fn fuzzy(query: &[char], name: &str) -> Option<usize> {
    let (mut first, mut last, mut from) = (None, 0, 0);
    for &q in query {
        let at = if q.is_ascii() {
            // Bytes: no byte of a multi-byte character is ASCII. (Titles are short; a
            // plain loop beats memchr's per-call cost here.)
            let q = q as u8;
            from + name.as_bytes().get(from..)?.iter().position(|b| b.to_ascii_lowercase() == q)?
        } else {
            let (i, _) = name.get(from..)?.char_indices().find(|&(_, c)| same_letter(c, q))?;
            from + i
        };
        first.get_or_insert(at);
        last = at;
        from = at + name[at..].chars().next().map_or(1, char::len_utf8);
    }
    Some(last - first.unwrap_or(0))
}

/// Whether `c` is `lower` ignoring case.
fn same_letter(c: char, lower: char) -> bool {
    c == lower || c.to_lowercase().next() == Some(lower)
}

/// A query as [`fuzzy`] takes it.
fn query_chars(query: &str) -> Vec<char> {
    query.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// How many workspace symbols are answered at most: the best 128, as rust-analyzer's
/// default limit; a picker shows a screenful, and a long answer costs the editor more
/// to read than the server to find.
pub const MAX_WORKSPACE_SYMBOLS: usize = 128;

/// A workspace symbol found, before its location is worked out; it borrows from the
/// index, so that the many that match and are not among the best cost no copies.
pub struct Candidate<'a> {
    pub score: usize,
    pub name: Cow<'a, str>,
    pub kind: SymbolKind,
    pub path: Cow<'a, Path>,
    pub at: At<'a>,
    pub container: Option<Cow<'a, str>>,
}

/// Where a symbol stands: a span of a file to read (corpus.toml, read once), or a
/// place the index keeps (reports' front-matter values: no report is read).
pub enum At<'a> {
    Span(std::ops::Range<usize>),
    Place(&'a LineRange),
}

/// The symbols of every corpus whose name matches `query` fuzzily, the best
/// [`MAX_WORKSPACE_SYMBOLS`] first: people (name and id), meetings (id or title; of
/// corpus.toml, then those only reports know), reports by title.
pub fn matching<'a>(corpora: impl Iterator<Item = &'a Corpus>, query: &str) -> Vec<Candidate<'a>> {
    let query = query_chars(query);
    let mut found: Vec<Candidate> = Vec::new();
    for corpus in corpora {
        let manifest = corpus.manifest_path();
        for p in &corpus.kb.person {
            let name = format!("{} ({})", p.name.get_ref(), p.id.get_ref());
            if let Some(score) = fuzzy(&query, &name) {
                found.push(Candidate {
                    score,
                    name: Cow::Owned(name),
                    kind: SymbolKind::Person,
                    path: Cow::Owned(manifest.clone()),
                    at: At::Span(p.id.span()),
                    container: None,
                });
            }
        }
        for m in &corpus.kb.meeting {
            let name = m.id.get_ref();
            if let Some(score) = fuzzy(&query, name).or_else(|| m.title.as_deref().and_then(|t| fuzzy(&query, t))) {
                let (path, at) = (Cow::Owned(manifest.clone()), At::Span(m.id.span()));
                let container = m.title.as_deref().map(Cow::Borrowed);
                found.push(Candidate {
                    score,
                    name: Cow::Borrowed(name),
                    kind: SymbolKind::Meeting,
                    path,
                    at,
                    container,
                });
            }
        }
        for (id, claim) in corpus.meetings.known().filter(|(id, _)| corpus.kb.meeting(id).is_none()) {
            if let (Some(score), Some((path, _))) = (fuzzy(&query, id), corpus.meetings.reports_of(id).next()) {
                let (path, at) = (Cow::Borrowed(path), At::Place(&claim.place));
                let container = claim.date.as_deref().map(Cow::Borrowed);
                found.push(Candidate {
                    score,
                    name: Cow::Borrowed(id),
                    kind: SymbolKind::Meeting,
                    path,
                    at,
                    container,
                });
            }
        }
        for (path, (title, place)) in &corpus.titles {
            if let Some(score) = fuzzy(&query, title) {
                let container = path.file_name().map(|f| f.to_string_lossy());
                let (path, at, name) = (Cow::Borrowed(path.as_path()), At::Place(place), Cow::Borrowed(title.as_str()));
                found.push(Candidate { score, name, kind: SymbolKind::Report, path, at, container });
            }
        }
    }
    let best_first = |a: &Candidate, b: &Candidate| a.score.cmp(&b.score).then_with(|| a.name.cmp(&b.name));
    if found.len() > MAX_WORKSPACE_SYMBOLS {
        found.select_nth_unstable_by(MAX_WORKSPACE_SYMBOLS, best_first);
        found.truncate(MAX_WORKSPACE_SYMBOLS);
    }
    found.sort_by(best_first);
    found
}

#[cfg(test)]
mod tests {
    use super::{fuzzy, query_chars};

    #[test]
    fn fuzzy_matching_is_an_ordered_subsequence() {
        let fuzzy = |query: &str, name: &str| fuzzy(&query_chars(query), name);
        assert!(fuzzy("kerry", "John Kerry (john-kerry)").is_some());
        assert!(fuzzy("jk", "John Kerry").is_some());
        assert!(fuzzy("kj", "John Kerry").is_none());
        assert!(fuzzy("sf23", "san-francisco-2023").is_some());
        assert!(fuzzy("lima", "lima-2024") < fuzzy("lima", "la ministry's main address"));
        assert!(fuzzy("MAO n", "Foreign Ministry Spokesperson Mao Ning’s").is_some());
        assert!(fuzzy("élysée", "Meeting at the ÉLYSÉE").is_some());
    }

    #[test]
    fn a_query_finds_people_meetings_and_reports_best_first_and_a_report_lists_its_mentions() {
        use super::*;
        use crate::corpus::recognize::analyze;
        let kb = "[[person]]\nid = \"john-kerry\"\nname = \"John Kerry\"\n\n[[meeting]]\nid = \"kerry-talks\"\ntitle = \"Talks\"\n";
        let mut corpus = Corpus::from_manifest(Path::new("/c"), kb);
        let text =
            "---\ntitle: Kerry Visits Beijing\nmeeting: beijing-2014\n---\nJohn Kerry arrived. John Kerry spoke.\n";
        let doc = Document::new(text);
        corpus.set_report(Path::new("/c/a.txt"), Some(&doc));
        let names: Vec<(String, SymbolKind)> =
            matching(std::iter::once(&corpus), "kerry").into_iter().map(|c| (c.name.into_owned(), c.kind)).collect();
        assert_eq!(
            names,
            [
                ("John Kerry (john-kerry)".to_string(), SymbolKind::Person),
                ("Kerry Visits Beijing".to_string(), SymbolKind::Report),
                ("kerry-talks".to_string(), SymbolKind::Meeting),
            ]
        );
        assert!(matching(std::iter::once(&corpus), "zzz").is_empty());
        let from_reports = matching(std::iter::once(&corpus), "bj2014");
        assert_eq!(
            from_reports.first().map(|c| (c.name.as_ref(), c.kind)),
            Some(("beijing-2014", SymbolKind::Meeting))
        );
        let symbols = of_report(&corpus, &doc, &analyze(&doc, corpus.recognizers()));
        let listed: Vec<(&str, Option<&str>)> =
            symbols.iter().map(|s| (s.name.as_str(), s.detail.as_deref())).collect();
        assert_eq!(listed, [("meeting: beijing-2014", None), ("John Kerry", Some("2 mentions"))]);
    }
}
