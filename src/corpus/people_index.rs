//! How many times each person is mentioned in each report, and in the corpus: updated
//! per changed report from its counts, never rebuilt.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::recognize::Analysis;

pub type Counts = HashMap<String, usize>;

/// A report's person mentions, counted by id.
pub fn counts(analysis: &Analysis) -> Counts {
    let mut out = Counts::new();
    for (_, id, _) in analysis.people() {
        *out.entry(id.to_string()).or_default() += 1;
    }
    out
}

#[derive(Debug, Default)]
pub struct PeopleIndex {
    by_report: HashMap<PathBuf, Counts>,
    /// Per person: reports that mention them, and mentions in all.
    totals: HashMap<String, (usize, usize)>,
}

impl PeopleIndex {
    pub fn set(&mut self, path: &Path, counts: Option<Counts>) {
        if let Some(old) = self.by_report.remove(path) {
            for (id, n) in old {
                if let Some(t) = self.totals.get_mut(&id) {
                    t.0 = t.0.saturating_sub(1);
                    t.1 = t.1.saturating_sub(n);
                    if t.0 == 0 {
                        self.totals.remove(&id);
                    }
                }
            }
        }
        if let Some(new) = counts.filter(|c| !c.is_empty()) {
            for (id, n) in &new {
                let t = self.totals.entry(id.clone()).or_default();
                t.0 += 1;
                t.1 += n;
            }
            self.by_report.insert(path.to_path_buf(), new);
        }
    }

    /// (reports, mentions) of a person across the corpus.
    pub fn totals(&self, id: &str) -> (usize, usize) {
        self.totals.get(id).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_a_reports_counts_updates_the_totals() {
        let mut index = PeopleIndex::default();
        index.set(Path::new("a"), Some(Counts::from([("kerry".into(), 3)])));
        index.set(Path::new("b"), Some(Counts::from([("kerry".into(), 2), ("xi".into(), 1)])));
        assert_eq!(index.totals("kerry"), (2, 5));
        index.set(Path::new("a"), Some(Counts::from([("xi".into(), 1)])));
        assert_eq!(index.totals("kerry"), (1, 2));
        assert_eq!(index.totals("xi"), (2, 2));
        index.set(Path::new("b"), None);
        assert_eq!(index.totals("kerry"), (0, 0));
    }
}
