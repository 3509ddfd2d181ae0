//! Places in running text, the names and aliases of corpus.toml's `[[place]]` entries;
//! and meetings named by their aliases ("the Annenberg Estate meeting").

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::corpus::kb::Kb;

/// Names matched as written, leftmost-longest, on word boundaries, each to an id.
pub struct PlaceMatcher {
    automaton: Option<AhoCorasick>,
    ids: Vec<String>,
}

impl PlaceMatcher {
    pub fn new(kb: &Kb) -> PlaceMatcher {
        let names = kb.place.iter().flat_map(|p| std::iter::once(&p.name).chain(&p.aliases).map(move |n| (n, &p.id)));
        Self::of(names.map(|(n, id)| (n.get_ref().as_str(), id.get_ref().as_str())))
    }

    /// Meetings by their aliases.
    pub fn meetings(kb: &Kb) -> PlaceMatcher {
        let names = kb.meeting.iter().flat_map(|m| m.aliases.iter().map(move |a| (a, &m.id)));
        Self::of(names.map(|(n, id)| (n.get_ref().as_str(), id.get_ref().as_str())))
    }

    fn of<'a>(names: impl Iterator<Item = (&'a str, &'a str)>) -> PlaceMatcher {
        let (names, ids): (Vec<&str>, Vec<String>) = names.map(|(n, id)| (n, id.to_string())).unzip();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&names)
            .ok();
        PlaceMatcher { automaton, ids }
    }

    /// Names found in `text`, as (span, id), on word boundaries.
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
