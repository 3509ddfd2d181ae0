//! Go to definition: from a meeting (a reference in the text, an inline link, a
//! `meeting:` or `related:` id) to the `meeting:` line of every report of it and to its
//! `[[meeting]]` entry; from a person (a mention, a `participants` id) to its
//! `[[person]]` entry.

use tower_lsp_server::ls_types::{GotoDefinitionResponse, Position, Uri};

use super::state::State;
use super::target;
use crate::corpus::navigate;

pub fn definition(state: &State, uri: &Uri, pos: Position) -> Option<GotoDefinitionResponse> {
    let (root, target) = target::at(state, uri, pos)?;
    let corpus = state.host.corpora.get(&root)?;
    let locations = target::locations(state, &navigate::definitions(corpus, &target));
    (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
}
