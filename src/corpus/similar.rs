//! "Did you mean": the closest known name to a misspelt one.

/// The candidate closest to `word`, if it is close enough to be a likely typo:
/// within a third of the word's length in edit distance (at least one edit).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_within(word, candidates, (word.chars().count() / 3).max(1))
}

/// The candidate closest to `word` within `limit` edits (a transposition is one).
pub fn closest_within<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>, limit: usize) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_field() {
        let keys = ["participants", "published", "title"];
        assert_eq!(closest("partcipants", keys), Some("participants"));
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("weather", keys), None);
    }

    #[test]
    fn suggests_a_close_id() {
        assert_eq!(closest("beijing-2104", ["beijing-2014", "bali-2022"]), Some("beijing-2014"));
        assert_eq!(closest_within("wang-kerry-2014", ["xi-kerry-2014"], 2), None);
    }
}
