//! "Did you mean" among many ids without comparing with each. Ids are kept in sorted
//! sets (`fst`), searched with an edit-distance automaton that walks only the prefixes
//! within reach of the word, so a search costs about the same at 100 ids or 100,000.
//! An added id goes to a small buffer first; full buffers become sets, and sets of
//! like size merge (a log-structured merge), so adding or removing an id stays cheap
//! and a search looks at a few sets.
//!
//! Distances are optimal string alignment (a transposition of neighbours is one
//! edit), counted in bytes: exact for ids as the format writes them (ASCII). For a
//! word with other characters the automaton's byte distance is larger than the
//! character distance, so a few far candidates are missed, never a wrong one given.

use std::collections::BTreeSet;
use std::sync::Arc;

use fst::{Automaton, IntoStreamer, Set, Streamer};

/// Ids added since the last merge; searched one by one.
const BUFFER: usize = 64;

/// A clone shares the sets: it is a snapshot, cheap to take.
#[derive(Default, Clone)]
pub struct NearIds {
    /// Sets of ids, larger first: each holds at least twice the ids of the next.
    levels: Vec<Arc<Set<Vec<u8>>>>,
    buffer: BTreeSet<String>,
    /// Ids of `levels` that are no longer ids; dropped at the next merge.
    removed: imbl::HashSet<String>,
}

impl std::fmt::Debug for NearIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sizes: Vec<usize> = self.levels.iter().map(|l| l.len()).collect();
        f.debug_struct("NearIds").field("levels", &sizes).field("buffer", &self.buffer.len()).finish()
    }
}

impl NearIds {
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> NearIds {
        let mut near = NearIds::default();
        let all: BTreeSet<&str> = ids.into_iter().collect();
        if let Ok(set) = Set::from_iter(all) {
            near.levels.push(Arc::new(set));
        }
        near
    }

    fn in_levels(&self, id: &str) -> bool {
        self.levels.iter().any(|l| l.contains(id))
    }

    pub fn insert(&mut self, id: &str) {
        if self.removed.remove(id).is_some() || self.in_levels(id) {
            return;
        }
        self.buffer.insert(id.to_string());
        if self.buffer.len() > BUFFER {
            self.merge();
        }
    }

    pub fn remove(&mut self, id: &str) {
        if !self.buffer.remove(id) && self.in_levels(id) {
            self.removed.insert(id.to_string());
            if self.removed.len() > BUFFER.max(self.levels.iter().map(|l| l.len()).sum::<usize>() / 2) {
                self.merge_all();
            }
        }
    }

    /// The buffer becomes a set, merged with every smaller set not twice its size.
    fn merge(&mut self) {
        let mut ids: BTreeSet<String> = std::mem::take(&mut self.buffer);
        while self.levels.last().is_some_and(|last| last.len() <= 2 * ids.len()) {
            if let Some(last) = self.levels.pop() {
                drain_into(&last, &mut ids);
            }
        }
        let removed = &self.removed;
        let kept: Vec<&String> = ids.iter().filter(|id| !removed.contains(*id)).collect();
        self.removed.retain(|id| !ids.contains(id));
        if let Ok(set) = Set::from_iter(kept) {
            self.levels.push(Arc::new(set));
        }
    }

    /// Every id in one set again, without the removed ones.
    fn merge_all(&mut self) {
        let mut ids = std::mem::take(&mut self.buffer);
        for level in std::mem::take(&mut self.levels) {
            drain_into(&level, &mut ids);
        }
        let removed = std::mem::take(&mut self.removed);
        if let Ok(set) = Set::from_iter(ids.iter().filter(|id| !removed.contains(*id))) {
            self.levels.push(Arc::new(set));
        }
    }

    /// The id closest to `word` within `limit` edits, other than `word` itself: the
    /// nearest, and the first in order among equals.
    pub fn closest(&self, word: &str, limit: usize) -> Option<(usize, String)> {
        let mut found: Vec<(usize, String)> = Vec::new();
        for level in &self.levels {
            let mut stream = level.search(WithinEdits::new(word, limit)).into_stream();
            while let Some(key) = stream.next() {
                let id = String::from_utf8_lossy(key);
                if !self.removed.contains(id.as_ref()) {
                    found.push((strsim::osa_distance(word, &id), id.into_owned()));
                }
            }
        }
        for id in &self.buffer {
            found.push((strsim::osa_distance(word, id), id.clone()));
        }
        found.into_iter().filter(|(d, id)| *d <= limit && id != word).min()
    }
}

/// Adds every id of a set to `ids`.
fn drain_into(level: &Set<Vec<u8>>, ids: &mut BTreeSet<String>) {
    let mut stream = level.stream();
    while let Some(key) = stream.next() {
        ids.insert(String::from_utf8_lossy(key).into_owned());
    }
}

/// Accepts the strings within `limit` edits of a word: the rows of the edit-distance
/// table, one per byte read, pruned as soon as no cell is within the limit.
struct WithinEdits<'a> {
    word: &'a [u8],
    limit: usize,
}

impl<'a> WithinEdits<'a> {
    fn new(word: &'a str, limit: usize) -> Self {
        WithinEdits { word: word.as_bytes(), limit }
    }
}

#[derive(Clone)]
struct Rows {
    row: Vec<usize>,
    /// The row before, and the byte read before the last, for transpositions.
    previous: Vec<usize>,
    last: Option<u8>,
}

impl Automaton for WithinEdits<'_> {
    type State = Rows;

    fn start(&self) -> Rows {
        Rows { row: (0..=self.word.len()).collect(), previous: Vec::new(), last: None }
    }

    fn is_match(&self, state: &Rows) -> bool {
        state.row.last().is_some_and(|&d| d <= self.limit)
    }

    fn can_match(&self, state: &Rows) -> bool {
        // A cell of a later row is never below the least of this one.
        state.row.iter().min().is_some_and(|&d| d <= self.limit)
    }

    fn accept(&self, state: &Rows, byte: u8) -> Rows {
        let mut row = Vec::with_capacity(state.row.len());
        row.push(state.row[0] + 1);
        for (j, &w) in self.word.iter().enumerate() {
            let j = j + 1;
            let mut d = (state.row[j] + 1).min(row[j - 1] + 1).min(state.row[j - 1] + usize::from(w != byte));
            if j > 1
                && state.last == Some(w)
                && self.word[j - 2] == byte
                && let Some(&before) = state.previous.get(j - 2)
            {
                d = d.min(before + 1);
            }
            row.push(d);
        }
        Rows { row, previous: state.row.clone(), last: Some(byte) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_the_nearest_id_and_not_the_word_itself() {
        let near = NearIds::new(["xi-kerry-2014", "xi-obama-2013", "bali-2022"]);
        assert_eq!(near.closest("xi-kery-2014", 2), Some((1, "xi-kerry-2014".into())));
        assert_eq!(near.closest("xi-kerry-2014", 2), None, "the id itself is no suggestion");
        assert_eq!(near.closest("ix-kerry-2014", 1), Some((1, "xi-kerry-2014".into())), "a transposition is one edit");
        assert_eq!(near.closest("lima-2016", 2), None);
    }

    #[test]
    fn added_and_removed_ids_are_found_and_forgotten_across_merges() {
        let mut near = NearIds::default();
        for i in 0..1000 {
            near.insert(&format!("meeting-{i:04}"));
        }
        assert!(near.levels.len() < 12, "{near:?}");
        assert_eq!(near.closest("meeting-0500x", 1), Some((1, "meeting-0500".into())));
        near.remove("meeting-0500");
        assert_eq!(near.closest("meeting-0500x", 1), None);
        near.insert("meeting-0500");
        assert_eq!(near.closest("meeting-0500x", 1), Some((1, "meeting-0500".into())));
        for i in 0..1000 {
            near.remove(&format!("meeting-{i:04}"));
        }
        assert_eq!(near.closest("meeting-0500", 2), None);
    }

    proptest! {
        #[test]
        fn agrees_with_comparing_every_id(
            ids in prop::collection::vec("[a-c-]{0,7}", 0..300),
            gone in prop::collection::vec(0usize..300, 0..100),
            word in "[a-c-]{0,8}",
            limit in 0usize..3,
        ) {
            let mut near = NearIds::default();
            let mut all: BTreeSet<String> = BTreeSet::new();
            for id in &ids {
                near.insert(id);
                all.insert(id.clone());
            }
            for i in gone {
                if let Some(id) = ids.get(i) {
                    near.remove(id);
                    all.remove(id);
                }
            }
            let expected = all
                .iter()
                .map(|id| (strsim::osa_distance(&word, id), id.clone()))
                .filter(|(d, id)| *d <= limit && *id != word)
                .min();
            prop_assert_eq!(near.closest(&word, limit), expected);
        }
    }
}
