//! Positions to what they point at, and places back to locations: the conversions
//! around [`crate::corpus::navigate`] for definition, references and rename.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{Location, Position, Uri};

use super::position::{from_lsp, lines_to_lsp, range_to_lsp};
use super::state::State;
use crate::corpus::navigate;
pub use crate::corpus::navigate::Target;

/// The target at a position (see [`navigate::target_at`]) and the root of its corpus.
pub fn at(state: &State, uri: &Uri, pos: Position) -> Option<(PathBuf, Target)> {
    let od = state.doc(uri)?;
    let root = state.corpus_root_of(&od.path)?;
    let corpus = state.host.corpora.get(&root)?;
    let at = from_lsp(od.doc.rope(), pos, state.encoding);
    let analysis = if at < od.doc.body_start() { None } else { state.analysis(uri) };
    let target = navigate::target_at(corpus, &od.path, &od.doc, analysis.as_deref(), at)?;
    Some((root, target))
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
