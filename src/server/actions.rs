//! Code actions: the quick fixes that diagnostics carry in their `data`, and inserting
//! a front matter inferred from a raw report's text.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::publish::FixData;
use super::state::{Role, State};
use crate::corpus::{fixes, infer};
use tower_lsp_server::ls_types::{Range, Uri};

/// A quick fix a diagnostic carries, as a code action; `adds_field` names the required
/// field it adds, whose value [`infer_missing_fields`] fills in.
pub struct QuickFix {
    pub action: CodeAction,
    pub adds_field: Option<String>,
}

pub fn quick_fixes(params: &CodeActionParams) -> Vec<QuickFix> {
    let uri = &params.text_document.uri;
    let mut out = Vec::new();
    for diagnostic in &params.context.diagnostics {
        let fixes: Vec<FixData> = diagnostic
            .data
            .as_ref()
            .and_then(|d| d.get("fixes"))
            .and_then(|f| serde_json::from_value(f.clone()).ok())
            .unwrap_or_default();
        for (i, fix) in fixes.into_iter().enumerate() {
            let edit = TextEdit { range: fix.range, new_text: fix.new_text };
            let action = CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..Default::default()
                }),
                // The first fix of an error or a warning is the one to apply; a hint's
                // fix (removing a residue line) is never preferred over the main one.
                is_preferred: Some(i == 0 && is_problem(diagnostic)),
                ..Default::default()
            };
            out.push(QuickFix { action, adds_field: fix.adds_field });
        }
    }
    out
}

/// "Insert a front matter" on a report that has none: every value its text supports,
/// the other required fields left empty for the annotator.
pub fn insert_front_matter(state: &State, params: &CodeActionParams) -> Option<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let wanted = params.context.diagnostics.iter().any(|d| {
        matches!(&d.code, Some(tower_lsp_server::ls_types::NumberOrString::String(c)) if c == "missing-front-matter")
    });
    if !wanted {
        return None;
    }
    let analysis = state.analysis(uri)?;
    let od = state.doc(uri)?;
    let Some(Role::Report(corpus, _)) = Some(state.role_of(&od.path)) else { return None };
    let fix = fixes::insert_front_matter(&od.doc, &analysis, corpus.view())?;
    let range = super::position::range_to_lsp(od.doc.rope(), &fix.range, state.encoding);
    let edit = TextEdit { range, new_text: fix.text };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(params.context.diagnostics.clone()),
        edit: Some(WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), vec![edit])])), ..Default::default() }),
        is_preferred: Some(true),
        ..Default::default()
    }))
}

/// "Fill the meeting from date and participants" on a report whose front matter names
/// no meeting but one the corpus knows on its date with its participants.
pub fn fill_meeting(state: &State, uri: &Uri) -> Option<CodeActionOrCommand> {
    let od = state.doc(uri)?;
    let Role::Report(corpus, _) = state.role_of(&od.path) else { return None };
    let fix = fixes::fill_meeting(&od.doc, corpus.view())?;
    let range = super::position::range_to_lsp(od.doc.rope(), &fix.range, state.encoding);
    let edit = TextEdit { range, new_text: fix.text };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title,
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), vec![edit])])), ..Default::default() }),
        ..Default::default()
    }))
}

/// Fills in the value of each fix that adds a required field, from what the text
/// supports ("Add `date`" becomes "Add `date: 2014-11-12`").
pub fn infer_missing_fields(state: &State, uri: &Uri, fixes: &mut [QuickFix]) {
    if fixes.iter().all(|f| f.adds_field.is_none()) {
        return;
    }
    let Some(analysis) = state.analysis(uri) else { return };
    let Some(od) = state.doc(uri) else { return };
    let Some(Role::Report(corpus, _)) = Some(state.role_of(&od.path)) else { return };
    let inferred = infer::front_matter(&analysis, corpus.view());
    for fix in fixes.iter_mut() {
        let Some(key) = fix.adds_field.as_deref() else { continue };
        let Some(value) = inferred.value(key) else { continue };
        let line = inferred.line(key);
        let action = &mut fix.action;
        for edits in action.edit.iter_mut().flat_map(|e| e.changes.iter_mut()).flat_map(|c| c.values_mut()) {
            for edit in edits.iter_mut() {
                edit.new_text = line.clone();
            }
        }
        action.title = format!("Add `{key}: {value}`");
    }
}

/// A `[[person]]` stub in corpus.toml for a titled name no entry has.
pub fn person_stub(state: &State, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let Some(od) = state.doc(uri) else { return Vec::new() };
    let Some(Role::Report(corpus, _)) = Some(state.role_of(&od.path)) else { return Vec::new() };
    let manifest = corpus.manifest_path();
    let (Some(manifest_uri), Some(text)) = (super::uris::uri_of(&manifest), manifest_text(state, corpus, &manifest))
    else {
        return Vec::new();
    };
    let rope = ropey::Rope::from_str(&text);
    let end = super::position::to_lsp(&rope, rope.len_bytes(), state.encoding);
    let mut out = Vec::new();
    for d in params.context.diagnostics.iter().filter(|d| is_code(d, "unlisted-person")) {
        let at = super::position::from_lsp(od.doc.rope(), d.range.start, state.encoding);
        let to = super::position::from_lsp(od.doc.rope(), d.range.end, state.encoding);
        let written = od.doc.slice(at..to);
        let Some((title, name)) = crate::corpus::recognize::people::split_title(&written) else { continue };
        let id: String = name
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let lead = if text.ends_with("\n\n") {
            ""
        } else if text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        let stub = format!(
            "{lead}[[person]]\nid = \"{id}\"\nname = \"{name}\"\naliases = [\"{written}\"]\nroles = [{{ title = \"{title}\" }}]\n"
        );
        let edit = TextEdit { range: Range::new(end, end), new_text: stub };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Add a [[person]] for {name} to corpus.toml"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(manifest_uri.clone(), vec![edit])])),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    out
}

fn is_problem(d: &tower_lsp_server::ls_types::Diagnostic) -> bool {
    use tower_lsp_server::ls_types::DiagnosticSeverity;
    matches!(d.severity, Some(DiagnosticSeverity::ERROR | DiagnosticSeverity::WARNING) | None)
}

fn is_code(d: &tower_lsp_server::ls_types::Diagnostic, code: &str) -> bool {
    matches!(&d.code, Some(tower_lsp_server::ls_types::NumberOrString::String(c)) if c == code)
}

/// The open buffer's text if corpus.toml is open, else the text its corpus last read.
fn manifest_text(state: &State, corpus: &crate::corpus::workspace::Corpus, path: &std::path::Path) -> Option<String> {
    match state.host.doc(path) {
        Some(od) => Some(od.doc.text()),
        None => Some(corpus.manifest_text().to_string()),
    }
}

/// On an inline link: give the same link to every identical mention in the report.
pub fn link_every_mention(state: &State, params: &CodeActionParams) -> Option<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let analysis = state.analysis(uri)?;
    let od = state.doc(uri)?;
    let at = super::position::from_lsp(od.doc.rope(), params.range.start, state.encoding);
    let link = analysis.clean.links.iter().find(|l| l.span.start <= at && at < l.span.end)?;
    let text = &analysis.clean.text;
    let surface = &text[link.clean.clone()];
    let inside_link = |r: &std::ops::Range<usize>| {
        analysis.clean.links.iter().any(|l| l.clean.start < r.end && r.start < l.clean.end)
    };
    let edits: Vec<TextEdit> = text
        .match_indices(surface)
        .map(|(i, s)| i..i + s.len())
        .filter(|r| !inside_link(r))
        .filter(|r| {
            let before = text[..r.start].chars().next_back();
            let after = text[r.end..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|r| TextEdit {
            range: super::position::range_to_lsp(od.doc.rope(), &analysis.clean.range_to_doc(&r), state.encoding),
            new_text: format!("[{surface}]({}:{})", link.kind, link.target),
        })
        .collect();
    if edits.is_empty() {
        return None;
    }
    let n = edits.len();
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Link the {n} other \"{surface}\" to {}:{}", link.kind, link.target),
        kind: Some(CodeActionKind::REFACTOR_REWRITE),
        edit: Some(WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }),
        ..Default::default()
    }))
}
