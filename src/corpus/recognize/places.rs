//! Places in running text: the names and aliases of corpus.toml's `[[place]]` entries.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::corpus::kb::Kb;

pub struct PlaceMatcher {
    automaton: Option<AhoCorasick>,
    ids: Vec<String>,
}

impl PlaceMatcher {
    pub fn new(kb: &Kb) -> PlaceMatcher {
        let mut names = Vec::new();
        let mut ids = Vec::new();
        for place in &kb.place {
            for name in std::iter::once(&place.name).chain(&place.aliases) {
                names.push(name.get_ref().clone());
                ids.push(place.id.get_ref().clone());
            }
        }
        let automaton = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&names).ok();
        PlaceMatcher { automaton, ids }
    }

    /// Places named in `text`, as (span, place id), on word boundaries.
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, String)> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        ac.find_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            })
            .map(|m| (m.range(), self.ids[m.pattern().as_usize()].clone()))
            .collect()
    }
}
