//! Code actions: the quick fixes that diagnostics carry in their `data`, and inserting
//! a front matter inferred from a raw report's text.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::publish::FixData;
use super::state::{Role, State};
use crate::corpus::infer;
use tower_lsp_server::ls_types::{Position, Range};

pub fn quick_fixes(params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
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
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..Default::default()
                }),
                is_preferred: Some(i == 0),
                ..Default::default()
            }));
        }
    }
    out
}

/// "Insert a front matter" on a report that has none: every value its text supports,
/// the other required fields left empty for the annotator.
pub fn insert_front_matter(state: &mut State, params: &CodeActionParams) -> Option<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let wanted = params.context.diagnostics.iter().any(|d| {
        matches!(&d.code, Some(tower_lsp_server::ls_types::NumberOrString::String(c)) if c == "missing-front-matter")
    });
    if !wanted {
        return None;
    }
    let analysis = state.analysis(uri)?;
    let od = state.open.get(uri)?;
    if od.doc.front_matter().is_some() {
        return None;
    }
    let Some(Role::Report(corpus, _)) = od.path.as_deref().map(|p| state.role_of(p)) else { return None };
    let text = infer::front_matter(&analysis, corpus.view());
    let at = Position::new(0, 0);
    let edit = TextEdit { range: Range::new(at, at), new_text: text };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: "Insert a front matter inferred from the text".into(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(params.context.diagnostics.clone()),
        edit: Some(WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), vec![edit])])), ..Default::default() }),
        is_preferred: Some(true),
        ..Default::default()
    }))
}
