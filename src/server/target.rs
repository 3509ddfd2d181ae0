//! What a position points at, for definition and references: a person, or the meetings
//! a mention can mean. In a report: a mention, or an id of the front matter; in
//! corpus.toml: the id of a `[[person]]` or `[[meeting]]` entry.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{Location, Position, Uri};

use super::position::{from_lsp, lines_to_lsp, range_to_lsp};
use super::state::State;
use crate::corpus::front_matter::{Item, ValueKind};
use crate::corpus::recognize::MentionKind;
use crate::corpus::resolve::RefContext;
use crate::corpus::workspace::Corpus;

pub enum Target {
    Person(String),
    Meetings(Vec<String>),
}

/// The target at a position and the root of its corpus.
pub fn at(state: &State, uri: &Uri, pos: Position) -> Option<(PathBuf, Target)> {
    let path = state.doc(uri)?.path.clone();
    let root = state.corpus_root_of(&path)?;
    let od = state.doc(uri)?;
    let at = from_lsp(od.doc.rope(), pos, state.encoding);
    let corpus = state.host.corpora.get(&root)?;
    if path == corpus.manifest_path() {
        let person = corpus.kb.person.iter().find(|p| contains(&p.id.span(), at));
        let meeting = corpus.kb.meeting.iter().find(|m| contains(&m.id.span(), at));
        return match (person, meeting) {
            (Some(p), _) => Some((root, Target::Person(p.id.get_ref().clone()))),
            (_, Some(m)) => Some((root, Target::Meetings(vec![m.id.get_ref().clone()]))),
            _ => None,
        };
    }
    if at < od.doc.body_start() {
        let fm = od.doc.front_matter()?;
        let field = fm.fields.iter().find(|f| contains(&f.span, at))?;
        let value = field.value.as_ref()?;
        let item = |items: &[Item]| items.iter().find(|i| contains(&i.span, at)).map(|i| i.text.clone());
        let target = match (&value.kind, field.key.as_str()) {
            (ValueKind::Scalar(id), "meeting") => Target::Meetings(vec![id.clone()]),
            (ValueKind::List(items), "related") => Target::Meetings(vec![item(items)?]),
            (ValueKind::List(items), "participants") => Target::Person(item(items)?),
            _ => return None,
        };
        return Some((root, target));
    }
    let analysis = state.analysis(uri)?;
    let corpus = state.host.corpora.get(&root)?;
    let target = match &analysis.at(at)?.kind {
        MentionKind::Meeting { id } => Target::Meetings(vec![id.clone()]),
        // An ambiguous reference is a diagnostic, not a reference to every candidate.
        MentionKind::MeetingRef(clues) => {
            let od = state.doc(uri)?;
            Target::Meetings(
                corpus
                    .resolve(clues, &RefContext::of(od.doc.front_matter()))
                    .id()
                    .map(str::to_string)
                    .into_iter()
                    .collect(),
            )
        }
        MentionKind::Person { id, .. } => Target::Person(id.clone()),
        _ => return None,
    };
    Some((root, target))
}

fn contains(span: &Range<usize>, at: usize) -> bool {
    span.start <= at && at <= span.end
}

/// The `[[person]]` or `[[meeting]]` entries of a target, in corpus.toml.
pub fn entries(corpus: &Corpus, target: &Target) -> Vec<(PathBuf, Range<usize>)> {
    let manifest = corpus.manifest_path();
    match target {
        Target::Person(id) => corpus.kb.person(id).map(|p| (manifest, p.id.span())).into_iter().collect(),
        Target::Meetings(ids) => {
            ids.iter().filter_map(|id| corpus.kb.meeting(id)).map(|m| (manifest.clone(), m.id.span())).collect()
        }
    }
}

/// Byte ranges of files as LSP locations: by the open buffer if the file is open, else
/// by the line index its corpus kept when it last read the file. No file is read here.
pub fn locations(state: &State, places: &[(PathBuf, Range<usize>)]) -> Vec<Location> {
    locate_each(state, places).into_iter().flatten().collect()
}

/// One location for each place, `None` where the file is not known. Each file is
/// looked up once: its URI and what turns its offsets into positions.
pub fn locate_each(state: &State, places: &[(PathBuf, Range<usize>)]) -> Vec<Option<Location>> {
    enum Lines<'a> {
        Open(&'a ropey::Rope),
        Closed(&'a crate::position::LineIndex),
    }
    let mut files: HashMap<&Path, Option<(Uri, Lines)>> = HashMap::new();
    places
        .iter()
        .map(|(path, range)| {
            let file = files.entry(path.as_path()).or_insert_with(|| {
                let uri = super::uris::uri_of(path)?;
                let corpus = state.corpus_root_of(path).and_then(|root| state.host.corpora.get(&root));
                // An open corpus.toml that does not parse is not the text of the knowledge
                // base's positions: those are located in the last text that parsed.
                let stale = corpus.is_some_and(|c| *path == c.manifest_path() && !c.manifest_is_current());
                let lines = match state.host.doc(path).filter(|_| !stale) {
                    Some(od) => Lines::Open(od.doc.rope()),
                    None => Lines::Closed(corpus?.line_index(path)?),
                };
                Some((uri, lines))
            });
            let (uri, lines) = file.as_ref()?;
            let range = match lines {
                Lines::Open(rope) => range_to_lsp(rope, range, state.encoding),
                Lines::Closed(index) => lines_to_lsp(index, range, state.encoding),
            };
            Some(Location { uri: uri.clone(), range })
        })
        .collect()
}
