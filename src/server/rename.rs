//! Rename a person or meeting id everywhere, as one `WorkspaceEdit`: corpus.toml (the
//! entry and references to it), every report's front matter, and inline links. The
//! server writes nothing itself; the editor applies the edit.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use ropey::Rope;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{Position, PrepareRenameResponse, TextEdit, Uri, WorkspaceEdit};

use super::position::{from_lsp, range_to_lsp};
use super::state::State;
use super::target::{self, Target};
use crate::corpus::document::Document;
use crate::corpus::fields;
use crate::corpus::mention_index;
use crate::corpus::workspace::{Corpus, read_source};

/// The id under the cursor and its range, when there is one to rename.
pub fn prepare(state: &mut State, uri: &Uri, pos: Position) -> Option<PrepareRenameResponse> {
    let (_, target) = target::at(state, uri, pos)?;
    let id = single_id(&target)?;
    let od = state.open.get(uri)?;
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

pub fn rename(state: &mut State, uri: &Uri, pos: Position, new: &str) -> jsonrpc::Result<Option<WorkspaceEdit>> {
    let Some((root, target)) = target::at(state, uri, pos) else { return Ok(None) };
    let Some(old) = single_id(&target).map(str::to_string) else {
        return Err(invalid("this meeting reference is ambiguous: pin it with a link before renaming"));
    };
    let Some(corpus) = state.corpora.get(&root) else { return Ok(None) };
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
    let kind = if person { "person" } else { "meeting" };
    let mut reports: Vec<PathBuf> = corpus
        .mentions
        .find(|t| match t {
            mention_index::Target::Person(id) => person && *id == old,
            mention_index::Target::Meeting(id) => !person && *id == old,
            _ => false,
        })
        .into_iter()
        .map(|(p, _)| p.to_path_buf())
        .collect();
    reports.dedup();
    let mut ropes: HashMap<PathBuf, Rope> = HashMap::new();
    for path in reports {
        let Some(text) = text_of(state, &path) else { continue };
        places.extend(report_edits(&text, &old, kind).into_iter().map(|r| (path.clone(), r)));
        ropes.insert(path, Rope::from_str(&text));
    }
    let manifest = corpus.manifest_path();
    if let Some(text) = text_of(state, &manifest) {
        ropes.insert(manifest.clone(), Rope::from_str(&text));
    }
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (path, range) in places {
        let (Some(rope), Some(uri)) = (ropes.get(&path), Uri::from_file_path(&path)) else { continue };
        let quoted = path == manifest;
        let new_text = if quoted { format!("\"{new}\"") } else { new.to_string() };
        changes.entry(uri).or_default().push(TextEdit { range: range_to_lsp(rope, &range, state.encoding), new_text });
    }
    Ok(Some(WorkspaceEdit { changes: Some(changes), ..Default::default() }))
}

fn invalid(message: &str) -> jsonrpc::Error {
    jsonrpc::Error { code: jsonrpc::ErrorCode::InvalidParams, message: message.to_string().into(), data: None }
}

/// The open buffer's text if the file is open, else the file's.
fn text_of(state: &State, path: &Path) -> Option<String> {
    match state.open.values().find(|od| od.path.as_deref() == Some(path)) {
        Some(od) => Some(od.doc.text()),
        None => read_source(path).ok().map(|s| s.text),
    }
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

/// In a report: the front-matter ids and the link targets equal to `old`.
fn report_edits(text: &str, old: &str, kind: &str) -> Vec<Range<usize>> {
    let doc = Document::new(text);
    let mut out = Vec::new();
    if let Some(fm) = doc.front_matter() {
        let keys: &[&str] = if kind == "person" { &["participants"] } else { &["related"] };
        for key in keys {
            out.extend(fm.list(key).iter().filter(|i| i.text == old).map(|i| i.span.clone()));
        }
        if kind == "meeting" && fm.scalar("meeting") == Some(old) {
            out.extend(fm.get("meeting").and_then(|f| f.value.as_ref()).map(|v| v.span.clone()));
        }
    }
    let link = format!("]({kind}:{old})");
    let body = doc.body_start();
    out.extend(text[body..].match_indices(&link).map(|(i, _)| {
        let start = body + i + 2 + kind.len() + 1;
        start..start + old.len()
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reports_ids_and_links_are_found_and_nothing_else() {
        let text = "---\nmeeting: m-1\nrelated: [m-1, m-12]\nparticipants: [a]\n---\nSee [the talks](meeting:m-1) and m-1 and [x](meeting:m-12).\n";
        let found: Vec<&str> = report_edits(text, "m-1", "meeting").into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["m-1", "m-1", "m-1"]);
        assert_eq!(report_edits(text, "a", "person").len(), 1);
    }
}
