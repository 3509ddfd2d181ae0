//! Code actions: the quick fixes that diagnostics carry in their `data`.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::publish::FixData;

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
