//! Inlay hints: the resolved ISO value after every partial or relative date.

use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip, Range, Uri};

use super::position::{from_lsp, to_lsp};
use super::state::State;

pub fn hints(state: &State, uri: &Uri, range: Range) -> Vec<InlayHint> {
    let Some(analysis) = state.analysis(uri) else { return Vec::new() };
    let Some(od) = state.doc(uri) else { return Vec::new() };
    let rope = od.doc.rope();
    let (start, end) = (from_lsp(rope, range.start, state.encoding), from_lsp(rope, range.end, state.encoding));
    analysis
        .dates()
        .filter(|(m, d)| d.anchor.is_some() && m.span.end >= start && m.span.start <= end)
        .filter_map(|(m, d)| {
            let value = d.value.as_ref().ok()?;
            let anchor = d.anchor?;
            Some(InlayHint {
                position: to_lsp(rope, m.span.end, state.encoding),
                label: InlayHintLabel::String(value.clone()),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(format!(
                    "{}, against `{}` ({})",
                    d.how,
                    anchor.field.key(),
                    anchor.date
                ))),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}
