//! What a batch command's paths name: corpora, and the reports wanted in each.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::corpus::kb::MANIFEST;
use crate::corpus::workspace::{discover, enclosing_root};

/// A problem that stops a command before it runs (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error("{0}: no such file or folder")]
    NotFound(PathBuf),
    #[error("{0}: not in a corpus (no corpus.toml in it, below it, or in a folder above it)")]
    NoCorpus(PathBuf),
    #[error("{0}: cannot read corpus.toml: {1}")]
    Unreadable(PathBuf, io::Error),
}

/// A corpus, and optionally only the reports at or below a path in it.
pub struct Target {
    root: PathBuf,
    only: Option<PathBuf>,
}

/// One corpus with every path asked of it.
pub struct Selection {
    pub root: PathBuf,
    /// The whole corpus was asked for, corpus.toml included.
    pub whole: bool,
    only: Vec<PathBuf>,
}

impl Selection {
    pub fn wants(&self, report: &Path) -> bool {
        self.whole || same_place(report).is_some_and(|p| self.only.iter().any(|f| p.starts_with(f)))
    }
}

/// Each path is a corpus folder, a folder holding corpora, a folder or report inside a
/// corpus, or a corpus.toml.
pub fn resolve(paths: &[PathBuf]) -> Result<Vec<Target>, TargetError> {
    let mut targets = Vec::new();
    for path in paths {
        if !path.exists() {
            return Err(TargetError::NotFound(path.clone()));
        }
        if path.is_dir() {
            let below = discover(path);
            if !below.is_empty() {
                targets.extend(below.into_iter().map(|root| Target { root, only: None }));
                continue;
            }
        } else if path.file_name().is_some_and(|n| n == MANIFEST) {
            let root = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            targets.push(Target { root, only: None });
            continue;
        }
        let root = enclosing_root(path).ok_or_else(|| TargetError::NoCorpus(path.clone()))?;
        targets.push(Target { root, only: Some(path.clone()) });
    }
    Ok(targets)
}

/// The targets grouped by corpus, in path order.
pub fn by_corpus(targets: Vec<Target>) -> Vec<Selection> {
    let mut grouped: BTreeMap<PathBuf, Vec<Option<PathBuf>>> = BTreeMap::new();
    for t in targets {
        grouped.entry(t.root).or_default().push(t.only);
    }
    grouped
        .into_iter()
        .map(|(root, only)| Selection {
            root,
            whole: only.iter().any(Option::is_none),
            only: only.iter().flatten().filter_map(|f| same_place(f)).collect(),
        })
        .collect()
}

/// A path that names the same place however it was written (`000.txt`, `./000.txt`,
/// through a linked folder), but keeps its last part: a report that is a link is not
/// the report it links to.
fn same_place(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(parent.canonicalize().ok()?.join(name))
}
