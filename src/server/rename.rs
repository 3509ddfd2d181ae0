//! Rename a person or meeting id everywhere, as one `WorkspaceEdit` (the edits are
//! [`navigate::rename`]'s). The server writes nothing itself; the editor applies it.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{Position, PrepareRenameResponse, TextEdit, Uri, WorkspaceEdit};

use super::position::{from_lsp, range_to_lsp};
use super::state::State;
use super::target;
use crate::corpus::navigate;

/// The id under the cursor and its range, when there is one to rename.
pub fn prepare(state: &State, uri: &Uri, pos: Position) -> Option<PrepareRenameResponse> {
    let (_, target) = target::at(state, uri, pos)?;
    let id = target.single_id()?;
    let od = state.doc(uri)?;
    let rope = od.doc.rope();
    // The id's own text near the cursor: in a front matter, a link or corpus.toml.
    let span = navigate::id_span_at(&od.doc.text(), from_lsp(rope, pos, state.encoding), id)?;
    Some(PrepareRenameResponse::Range(range_to_lsp(rope, &span, state.encoding)))
}

pub fn rename(state: &State, uri: &Uri, pos: Position, new: &str) -> jsonrpc::Result<Option<WorkspaceEdit>> {
    let Some((root, target)) = target::at(state, uri, pos) else { return Ok(None) };
    let Some(corpus) = state.host.corpora.get(&root) else { return Ok(None) };
    let edits = navigate::rename(corpus, &target, new).map_err(|why| jsonrpc::Error {
        code: jsonrpc::ErrorCode::InvalidParams,
        message: why.to_string().into(),
        data: None,
    })?;
    let (places, texts): (Vec<_>, Vec<_>) = edits.into_iter().unzip();
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (location, new_text) in target::locate_each(state, &places).into_iter().zip(texts) {
        let Some(location) = location else { continue };
        changes.entry(location.uri).or_default().push(TextEdit { range: location.range, new_text });
    }
    Ok(Some(WorkspaceEdit { changes: Some(changes), ..Default::default() }))
}
