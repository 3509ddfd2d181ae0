//! Find references: every mention of a person or meeting across the corpus, closed
//! reports included, from a mention, a front-matter id or a corpus.toml entry.

use tower_lsp_server::ls_types::{Location, Position, Uri};

use super::state::State;
use super::target::{self, Target};
use crate::corpus::navigate;
use crate::corpus::workspace::Corpus;

pub fn references(state: &State, uri: &Uri, pos: Position, include_declaration: bool) -> Option<Vec<Location>> {
    let (root, target) = target::at(state, uri, pos)?;
    let corpus = state.host.corpora.get(&root)?;
    Some(of_target(state, corpus, &target, include_declaration))
}

/// The references of a target, located; what a code lens shows when clicked.
pub fn of_target(state: &State, corpus: &Corpus, target: &Target, include_declaration: bool) -> Vec<Location> {
    target::locations(state, &navigate::references(corpus, target, include_declaration))
}
