//! Rename a person or meeting id everywhere, as one `WorkspaceEdit`: corpus.toml (the
//! entry and references to it), every report's front matter, and inline links. The
//! server writes nothing itself; the editor applies the edit.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{Position, PrepareRenameResponse, TextEdit, Uri, WorkspaceEdit};

use super::position::{from_lsp, range_to_lsp};
use super::state::State;
use super::target::{self, Target};
use crate::corpus::fields;
use crate::corpus::mention_index::{self, Posting};
use crate::corpus::workspace::Corpus;

/// The id under the cursor and its range, when there is one to rename.
pub fn prepare(state: &State, uri: &Uri, pos: Position) -> Option<PrepareRenameResponse> {
    let (_, target) = target::at(state, uri, pos)?;
    let id = single_id(&target)?;
    let od = state.doc(uri)?;
    let rope = od.doc.rope();
    let at = from_lsp(rope, pos, state.encoding);
    // The id's own text near the cursor: in a front matter, a link or corpus.toml.
    let text = od.doc.text();
    let start = text[..at].rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).map_or(0, |i| i + 1);
    let end = text[at..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).map_or(text.len(), |i| at + i);
    (text.get(start..end) == Some(id))
        .then(|| PrepareRenameResponse::Range(range_to_lsp(rope, &(start..end), state.encoding)))
}

fn single_id(target: &Target) -> Option<&str> {
    match target {
        Target::Person(id) => Some(id),
        Target::Meetings(ids) if ids.len() == 1 => Some(&ids[0]),
        Target::Meetings(_) => None,
    }
}

pub fn rename(state: &State, uri: &Uri, pos: Position, new: &str) -> jsonrpc::Result<Option<WorkspaceEdit>> {
    let Some((root, target)) = target::at(state, uri, pos) else { return Ok(None) };
    let Some(old) = single_id(&target).map(str::to_string) else {
        return Err(invalid("this meeting reference is ambiguous: pin it with a link before renaming"));
    };
    let Some(corpus) = state.host.corpora.get(&root) else { return Ok(None) };
    if !corpus.manifest_is_current() {
        return Err(invalid("corpus.toml does not parse as it is: fix it before renaming"));
    }
    if !fields::is_id(new) {
        return Err(invalid(&format!("`{new}` is not an id: use lowercase letters, digits and hyphens")));
    }
    let person = matches!(target, Target::Person(_));
    let taken = if person {
        corpus.kb.person(new).is_some()
    } else {
        corpus.kb.meeting(new).is_some() || corpus.meetings.contains(new)
    };
    if taken && new != old {
        return Err(invalid(&format!(
            "`{new}` is already the id of another {}",
            if person { "person" } else { "meeting" }
        )));
    }
    let mut places: Vec<(PathBuf, Range<usize>)> = manifest_edits(corpus, &old, person);
    let manifest_places = places.len();
    // Every place in a report where the id is written: its front matter and links.
    places.extend(
        corpus
            .mentions
            .find_in(
                &[if person { Posting::Person(old.clone()) } else { Posting::Meeting(old.clone()) }],
                |t| match t {
                    mention_index::Target::Person(id) => person && *id == old,
                    mention_index::Target::Meeting(id) => !person && *id == old,
                    _ => false,
                },
            )
            .into_iter()
            .filter_map(|(path, m)| Some((path.to_path_buf(), m.id_span.clone()?))),
    );
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (i, location) in target::locate_each(state, &places).into_iter().enumerate() {
        let Some(location) = location else { continue };
        // corpus.toml holds ids as quoted strings, and its spans include the quotes.
        let new_text = if i < manifest_places { format!("\"{new}\"") } else { new.to_string() };
        changes.entry(location.uri).or_default().push(TextEdit { range: location.range, new_text });
    }
    Ok(Some(WorkspaceEdit { changes: Some(changes), ..Default::default() }))
}

fn invalid(message: &str) -> jsonrpc::Error {
    jsonrpc::Error { code: jsonrpc::ErrorCode::InvalidParams, message: message.to_string().into(), data: None }
}

/// In corpus.toml: the entry's id and, for a person, the meetings that list them.
fn manifest_edits(corpus: &Corpus, old: &str, person: bool) -> Vec<(PathBuf, Range<usize>)> {
    let manifest = corpus.manifest_path();
    let mut out = Vec::new();
    if person {
        out.extend(corpus.kb.person(old).map(|p| p.id.span()));
        for m in &corpus.kb.meeting {
            out.extend(m.participants.iter().filter(|p| p.get_ref() == old).map(|p| p.span()));
        }
    } else {
        out.extend(corpus.kb.meeting(old).map(|m| m.id.span()));
    }
    out.into_iter().map(|r| (manifest.clone(), r)).collect()
}
