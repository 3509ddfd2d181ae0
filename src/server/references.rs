//! Find references: every mention of a person or meeting across the corpus, closed
//! reports included, from a mention, a front-matter id or a corpus.toml entry.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{Location, Position, Uri};

use super::state::State;
use super::target::{self, Target};
use crate::corpus::meetings::candidates;
use crate::corpus::mention_index;

pub fn references(state: &mut State, uri: &Uri, pos: Position, include_declaration: bool) -> Option<Vec<Location>> {
    let (root, target) = target::at(state, uri, pos)?;
    let corpus = state.corpora.get(&root)?;
    // A reference by place and year counts when it can mean one of the meetings.
    let mut resolved: HashMap<(String, Option<i16>), Vec<String>> = HashMap::new();
    let found = corpus.mentions.find(|t| match (t, &target) {
        (mention_index::Target::Person(a), Target::Person(b)) => a == b,
        (mention_index::Target::Meeting(a), Target::Meetings(ids)) => ids.contains(a),
        (mention_index::Target::MeetingRef { place, year }, Target::Meetings(ids)) => resolved
            .entry((place.clone(), *year))
            .or_insert_with(|| candidates(&corpus.kb, &corpus.meetings, place, *year).to_vec())
            .iter()
            .any(|c| ids.contains(c)),
        _ => false,
    });
    let mut places: Vec<_> = found.into_iter().map(|(p, m)| (p.to_path_buf(), m.span.clone())).collect();
    if include_declaration {
        places.extend(target::entries(corpus, &target));
    }
    Some(target::locations(state, &places))
}
