//! Find references: every mention of a person or meeting across the corpus, closed
//! reports included, from a mention, a front-matter id or a corpus.toml entry.

use tower_lsp_server::ls_types::{Location, Position, Uri};

use super::state::State;
use super::target::{self, Target};
use crate::corpus::mention_index::{self, Posting};

pub fn references(state: &State, uri: &Uri, pos: Position, include_declaration: bool) -> Option<Vec<Location>> {
    let (root, target) = target::at(state, uri, pos)?;
    let corpus = state.host.corpora.get(&root)?;
    // A reference counts when it resolves to one of the meetings; an ambiguous one is
    // a diagnostic in its report, not a reference to every candidate.
    let within: Vec<Posting> = match &target {
        Target::Person(id) => vec![Posting::Person(id.clone())],
        Target::Meetings(ids) => ids.iter().flat_map(|id| corpus.postings_of_meeting(id)).collect(),
    };
    let found = corpus.mentions.find_in(&within, |t| match (t, &target) {
        (mention_index::Target::Person(a), Target::Person(b)) => a == b,
        (mention_index::Target::Meeting(a), Target::Meetings(ids)) => ids.contains(a),
        (mention_index::Target::MeetingRef(clues, context), Target::Meetings(ids)) => {
            corpus.resolve(clues, context).id().is_some_and(|id| ids.iter().any(|i| i == id))
        }
        _ => false,
    });
    let mut places: Vec<_> = found.into_iter().map(|(p, m)| (p.to_path_buf(), m.span.clone())).collect();
    if include_declaration {
        places.extend(target::entries(corpus, &target));
    }
    Some(target::locations(state, &places))
}
