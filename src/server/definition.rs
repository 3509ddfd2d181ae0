//! Go to definition: from a meeting (a reference in the text, an inline link, a
//! `meeting:` or `related:` id) to the `meeting:` line of every report of it and to its
//! `[[meeting]]` entry; from a person (a mention, a `participants` id) to its
//! `[[person]]` entry.

use std::ops::Range;
use std::path::Path;

use ropey::Rope;
use tower_lsp_server::ls_types::{GotoDefinitionResponse, Location, Position, Uri};

use super::position::{from_lsp, range_to_lsp};
use super::state::State;
use crate::corpus::front_matter::ValueKind;
use crate::corpus::meetings::candidates;
use crate::corpus::recognize::MentionKind;
use crate::corpus::workspace::read_source;

enum Target {
    Meeting(String),
    /// A reference by place and year: every meeting it can mean.
    Meetings {
        place: String,
        year: Option<i16>,
    },
    Person(String),
}

pub fn definition(state: &mut State, uri: &Uri, pos: Position) -> Option<GotoDefinitionResponse> {
    let target = target_at(state, uri, pos)?;
    let path = state.open.get(uri)?.path.clone()?;
    let root = state.corpus_root_of(&path)?;
    let corpus = state.corpora.get(&root)?;
    let manifest = corpus.manifest_path();
    let mut places: Vec<(std::path::PathBuf, Range<usize>)> = Vec::new();
    let meetings = match target {
        Target::Meeting(id) => vec![id],
        Target::Meetings { place, year } => candidates(&corpus.kb, &corpus.meetings, &place, year),
        Target::Person(id) => {
            places.extend(corpus.kb.person(&id).map(|p| (manifest.clone(), p.id.span())));
            Vec::new()
        }
    };
    for id in meetings {
        places.extend(corpus.meetings.reports_of(&id).map(|(p, claim)| (p.to_path_buf(), claim.span.clone())));
        if let Some(entry) = corpus.kb.meeting(&id) {
            places.push((manifest.clone(), entry.id.span()));
        }
    }
    let locations: Vec<Location> = places.iter().filter_map(|(p, r)| location(state, p, r)).collect();
    (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
}

/// The meeting or person at a position: in the front matter, an id; in the body, a
/// mention.
fn target_at(state: &mut State, uri: &Uri, pos: Position) -> Option<Target> {
    let od = state.open.get(uri)?;
    let at = from_lsp(od.doc.rope(), pos, state.encoding);
    if at < od.doc.body_start() {
        let fm = od.doc.front_matter()?;
        let field = fm.fields.iter().find(|f| f.span.start <= at && at <= f.span.end)?;
        let value = field.value.as_ref()?;
        let item = |items: &[crate::corpus::front_matter::Item]| {
            items.iter().find(|i| i.span.start <= at && at <= i.span.end).map(|i| i.text.clone())
        };
        return match (&value.kind, field.key.as_str()) {
            (ValueKind::Scalar(id), "meeting") => Some(Target::Meeting(id.clone())),
            (ValueKind::List(items), "related") => item(items).map(Target::Meeting),
            (ValueKind::List(items), "participants") => item(items).map(Target::Person),
            _ => None,
        };
    }
    let analysis = state.analysis(uri)?;
    match &analysis.at(at)?.kind {
        MentionKind::Meeting { id } => Some(Target::Meeting(id.clone())),
        MentionKind::MeetingRef { place, year } => Some(Target::Meetings { place: place.clone(), year: *year }),
        MentionKind::Person { id, .. } => Some(Target::Person(id.clone())),
        _ => None,
    }
}

/// A byte range of a file as an LSP location: the open buffer's text if the file is
/// open, else the file on disk.
fn location(state: &State, path: &Path, range: &Range<usize>) -> Option<Location> {
    let uri = Uri::from_file_path(path)?;
    let open = state.open.values().find(|od| od.path.as_deref() == Some(path));
    let range = match open {
        Some(od) => range_to_lsp(od.doc.rope(), range, state.encoding),
        None => range_to_lsp(&Rope::from_str(&read_source(path).ok()?.text), range, state.encoding),
    };
    Some(Location { uri, range })
}
