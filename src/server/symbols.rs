//! Symbols as LSP has them: [`crate::corpus::symbols`]'s, located.

use std::borrow::Cow;

use tower_lsp_server::ls_types::{DocumentSymbol, Location, SymbolInformation, SymbolKind, Uri};

use super::position::{place_to_lsp, range_to_lsp};
use super::state::{Role, State};
use super::target;
use crate::corpus::symbols::{self, At};

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: tower_lsp_server::ls_types::Range,
) -> DocumentSymbol {
    DocumentSymbol { name, detail, kind, tags: None, deprecated: None, range, selection_range: range, children: None }
}

fn kind(kind: symbols::SymbolKind) -> SymbolKind {
    match kind {
        symbols::SymbolKind::Person => SymbolKind::CLASS,
        symbols::SymbolKind::Meeting => SymbolKind::EVENT,
        symbols::SymbolKind::Report => SymbolKind::FILE,
    }
}

pub fn document(state: &State, uri: &Uri) -> Option<Vec<DocumentSymbol>> {
    let analysis = state.analysis(uri)?;
    let od = state.doc(uri)?;
    let Role::Report(corpus, _) = state.role_of(&od.path) else { return None };
    let rope = od.doc.rope();
    let found = symbols::of_report(corpus, &od.doc, &analysis);
    Some(
        found
            .into_iter()
            .map(|s| symbol(s.name, s.detail, kind(s.kind), range_to_lsp(rope, &s.span, state.encoding)))
            .collect(),
    )
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must be written out.
pub fn workspace(state: &State, query: &str) -> Vec<SymbolInformation> {
    let found = symbols::matching(state.host.corpora.values(), query);
    let spans: Vec<_> = found
        .iter()
        .filter_map(|c| match &c.at {
            At::Span(span) => Some((c.path.to_path_buf(), span.clone())),
            At::Place(_) => None,
        })
        .collect();
    let mut located = target::locate_each(state, &spans).into_iter();
    found
        .into_iter()
        .filter_map(|c| {
            let location = match c.at {
                At::Span(_) => located.next().flatten()?,
                At::Place(place) => {
                    Location { uri: super::uris::uri_of(&c.path)?, range: place_to_lsp(place, state.encoding) }
                }
            };
            Some(SymbolInformation {
                name: c.name.into_owned(),
                kind: kind(c.kind),
                tags: None,
                deprecated: None,
                location,
                container_name: c.container.map(Cow::into_owned),
            })
        })
        .collect()
}
