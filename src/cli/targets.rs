//! What a batch command's paths name: corpora, and the reports wanted in each.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use super::printable;
use crate::corpus::kb::MANIFEST;
use crate::corpus::workspace::{discover, enclosing_root};

/// A problem that stops a command before it runs (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error("{}: no such file or folder", printable(.0))]
    NotFound(PathBuf),
    /// A path in no corpus, and the folder where a corpus.toml would start one.
    #[error(
        "{}: not in a corpus (no corpus.toml in it, below it, or in a folder above it). \
         To start one: summit-ls init {} (a starter corpus.toml with the people the reports name), \
         or an empty file is enough: touch {}",
        printable(.0),
        printable(.1),
        printable(&.1.join(MANIFEST))
    )]
    NoCorpus(PathBuf, PathBuf),
    #[error("{}: cannot read corpus.toml: {}", printable(.0), .1)]
    Unreadable(PathBuf, io::Error),
}

impl TargetError {
    /// A stable name for scripts reading `--format json`.
    pub fn code(&self) -> &'static str {
        match self {
            TargetError::NotFound(_) => "not-found",
            TargetError::NoCorpus(..) => "no-corpus",
            TargetError::Unreadable(..) => "unreadable-corpus",
        }
    }

    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            TargetError::NotFound(p) | TargetError::NoCorpus(p, _) | TargetError::Unreadable(p, _) => p,
        }
    }
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
        let root = enclosing_root(path).ok_or_else(|| TargetError::NoCorpus(path.clone(), corpus_folder_for(path)))?;
        targets.push(Target { root, only: Some(path.clone()) });
    }
    Ok(targets)
}

/// Where a corpus.toml would make `path` part of a corpus: the folder itself, or a
/// file's folder.
fn corpus_folder_for(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    path.parent().filter(|p| !p.as_os_str().is_empty()).map_or_else(|| PathBuf::from("."), Path::to_path_buf)
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
/// `sub/..`, through a linked folder). A file keeps its last part: a report that is a
/// link is not the report it links to.
fn same_place(path: &Path) -> Option<PathBuf> {
    if path.is_dir() {
        return path.canonicalize().ok();
    }
    let name = path.file_name()?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(parent.canonicalize().ok()?.join(name))
}
