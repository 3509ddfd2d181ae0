//! Symbols: a report's meeting and the people and meetings it mentions; across the
//! workspace, people, meetings and reports by title, matched fuzzily.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use tower_lsp_server::ls_types::{DocumentSymbol, Location, SymbolInformation, SymbolKind, Uri};

use super::position::{place_to_lsp, range_to_lsp};
use super::state::{Role, State};
use super::target;
use crate::corpus::recognize::MentionKind;
use crate::corpus::resolve::{RefContext, Resolution};
use crate::position::LineRange;

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: tower_lsp_server::ls_types::Range,
) -> DocumentSymbol {
    DocumentSymbol { name, detail, kind, tags: None, deprecated: None, range, selection_range: range, children: None }
}

pub fn document(state: &State, uri: &Uri) -> Option<Vec<DocumentSymbol>> {
    let analysis = state.analysis(uri)?;
    let od = state.doc(uri)?;
    let Some(Role::Report(corpus, _)) = Some(state.role_of(&od.path)) else { return None };
    let rope = od.doc.rope();
    let range = |r: &std::ops::Range<usize>| range_to_lsp(rope, r, state.encoding);
    let mut out = Vec::new();
    if let Some(fm) = od.doc.front_matter()
        && let (Some(id), Some(v)) = (fm.scalar("meeting"), fm.get("meeting").and_then(|f| f.value.as_ref()))
    {
        let title = corpus.kb.meeting(id).and_then(|m| m.title.clone());
        out.push(symbol(format!("meeting: {id}"), title, SymbolKind::EVENT, range(&v.span)));
    }
    // People and meetings, each once, at its first mention, with how often it appears.
    let mut seen: BTreeMap<(u8, String), (std::ops::Range<usize>, usize)> = BTreeMap::new();
    let context = RefContext::of(od.doc.front_matter());
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
            0 => (corpus.kb.person(&id).map_or(id.clone(), |p| p.name.get_ref().clone()), SymbolKind::CLASS),
            _ => (id.clone(), SymbolKind::EVENT),
        };
        out.push(symbol(name, Some(format!("{n} mention{}", if n == 1 { "" } else { "s" })), kind, range(&span)));
    }
    Some(out)
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
const MAX_WORKSPACE_SYMBOLS: usize = 128;

/// A workspace symbol found, before its location is worked out; it borrows from the
/// index, so that the many that match and are not among the best cost no copies.
struct Candidate<'a> {
    score: usize,
    name: Cow<'a, str>,
    kind: SymbolKind,
    path: Cow<'a, Path>,
    at: At<'a>,
    container: Option<Cow<'a, str>>,
}

/// Where a symbol stands: a span of a file to read (corpus.toml, read once), or a
/// place the index keeps (reports' front-matter values: no report is read).
enum At<'a> {
    Span(std::ops::Range<usize>),
    Place(&'a LineRange),
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must be written out.
pub fn workspace(state: &State, query: &str) -> Vec<SymbolInformation> {
    let query = query_chars(query);
    let mut found: Vec<Candidate> = Vec::new();
    for corpus in state.host.corpora.values() {
        let manifest = corpus.manifest_path();
        for p in &corpus.kb.person {
            let name = format!("{} ({})", p.name.get_ref(), p.id.get_ref());
            if let Some(score) = fuzzy(&query, &name) {
                found.push(Candidate {
                    score,
                    name: Cow::Owned(name),
                    kind: SymbolKind::CLASS,
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
                    kind: SymbolKind::EVENT,
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
                found.push(Candidate { score, name: Cow::Borrowed(id), kind: SymbolKind::EVENT, path, at, container });
            }
        }
        for (path, (title, place)) in &corpus.titles {
            if let Some(score) = fuzzy(&query, title) {
                let container = path.file_name().map(|f| f.to_string_lossy());
                let (path, at, name) = (Cow::Borrowed(path.as_path()), At::Place(place), Cow::Borrowed(title.as_str()));
                found.push(Candidate { score, name, kind: SymbolKind::FILE, path, at, container });
            }
        }
    }
    let best_first = |a: &Candidate, b: &Candidate| a.score.cmp(&b.score).then_with(|| a.name.cmp(&b.name));
    if found.len() > MAX_WORKSPACE_SYMBOLS {
        found.select_nth_unstable_by(MAX_WORKSPACE_SYMBOLS, best_first);
        found.truncate(MAX_WORKSPACE_SYMBOLS);
    }
    found.sort_by(best_first);
    let spans: Vec<_> = found
        .iter()
        .filter_map(|c| match &c.at {
            At::Span(span) => Some((c.path.to_path_buf(), span.clone())),
            At::Place(_) => None,
        })
        .collect();
    let mut located = target::locate_each(state, &spans).into_iter();
    found
        .into_iter()
        .filter_map(|c| {
            let location = match c.at {
                At::Span(_) => located.next().flatten()?,
                At::Place(place) => {
                    Location { uri: super::uris::uri_of(&c.path)?, range: place_to_lsp(place, state.encoding) }
                }
            };
            Some(SymbolInformation {
                name: c.name.into_owned(),
                kind: c.kind,
                tags: None,
                deprecated: None,
                location,
                container_name: c.container.map(Cow::into_owned),
            })
        })
        .collect()
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
}
