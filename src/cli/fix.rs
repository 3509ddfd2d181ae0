//! `summit-ls fix [PATH…] [--dry-run]`: the safe fixes, applied corpus-wide.
//!
//! The fixes are the server's code actions (see [`crate::corpus::fixes`]): a front
//! matter inferred for each raw report, scrape residue lines removed, the meetings the
//! text refers to added to `related`. A fix can make room for another (a front matter
//! inserted lets `related` be checked), so the reports are fixed in rounds, in memory,
//! until a round changes nothing; only then is anything written, each file replaced
//! at once by a renamed temporary file.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::printable;
use super::targets::{TargetError, by_corpus, resolve};
use crate::corpus::checks::check_analyzed_report;
use crate::corpus::diagnostics::{FixKind, Severity};
use crate::corpus::document::Document;
use crate::corpus::fixes::{apply, safe_fixes};
use crate::corpus::meetings::MeetingClaim;
use crate::corpus::recognize::analyze;
use crate::corpus::workspace::{Corpus, ReportFacts, read_source, record_claims};

/// Rounds of fixes at most: a front matter, then `related`, then what settles.
const MAX_ROUNDS: usize = 4;

/// What the fixes did to one report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    pub front_matter: bool,
    pub residue_lines: usize,
    pub related_ids: usize,
}

impl Applied {
    fn add(&mut self, other: Applied) {
        self.front_matter |= other.front_matter;
        self.residue_lines += other.residue_lines;
        self.related_ids += other.related_ids;
    }

    /// "inserted a front matter, removed 2 residue lines, added 1 id to related"
    fn describe(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = Vec::new();
        if self.front_matter {
            parts.push("inserted a front matter".to_string());
        }
        if self.residue_lines > 0 {
            parts.push(format!("removed {}", plural(self.residue_lines, "residue line", "residue lines")));
        }
        if self.related_ids > 0 {
            parts.push(format!("added {} to related", plural(self.related_ids, "id", "ids")));
        }
        parts.join(", ")
    }
}

/// How a run ended, for the exit status.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Errors are left that no safe fix removes (exit 1, as `check`).
    pub errors_left: bool,
    /// Files that could not be written (exit 2).
    pub not_written: usize,
}

/// What is left after the fixes, counted as `check` counts.
#[derive(Default)]
struct Left {
    errors: usize,
    warnings: usize,
    hints: usize,
}

impl Left {
    fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Information | Severity::Hint => self.hints += 1,
        }
    }
}

/// One report being fixed: its text as read and as fixed so far.
struct Changed {
    original: String,
    text: String,
    applied: Applied,
}

/// Fixes the reports `paths` name. With `dry_run`, writes nothing and prints a unified
/// diff of each change on `diff`; what was (or would be) fixed goes to `report`.
pub fn run(
    paths: &[PathBuf],
    dry_run: bool,
    diff: &mut impl Write,
    report: &mut impl Write,
) -> Result<Outcome, TargetError> {
    let mut outcome = Outcome::default();
    let mut left = Left::default();
    let (mut reports, mut fixed, mut corpora) = (0, 0, 0);
    for selection in by_corpus(resolve(paths)?) {
        corpora += 1;
        let root = &selection.root;
        let mut corpus = Corpus::open(root).map_err(|e| TargetError::Unreadable(root.clone(), e))?;
        if selection.whole {
            corpus.kb_diagnostics.iter().for_each(|d| left.count(d.severity));
        }
        let wanted: Vec<PathBuf> = record_claims(&mut corpus).into_iter().filter(|p| selection.wants(p)).collect();
        reports += wanted.len();
        let (changed, severities) = fix_corpus(&mut corpus, &wanted);
        severities.into_iter().for_each(|s| left.count(s));
        fixed += changed.len();
        // A closed pipe (`fix --dry-run | head`) stops the printing, not the fixing.
        for (path, change) in &changed {
            let name = printable(path);
            if dry_run {
                drop(print_diff(&name, &change.original, &change.text, diff));
                drop(writeln!(report, "would fix {name}: {}", change.applied.describe()));
                continue;
            }
            match write_if_unchanged(path, &change.original, &change.text) {
                Ok(()) => drop(writeln!(report, "fixed {name}: {}", change.applied.describe())),
                Err(err) => {
                    outcome.not_written += 1;
                    drop(writeln!(report, "not fixed {name}: {err}"));
                }
            }
        }
    }
    let verb = if dry_run { "would fix" } else { "fixed" };
    let corpora = if corpora == 1 { "1 corpus".to_string() } else { format!("{corpora} corpora") };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    drop(writeln!(
        report,
        "{verb} {fixed} of {} in {corpora}; left: {}, {}, {} (summit-ls check lists them)",
        plural(reports, "report"),
        plural(left.errors, "error"),
        plural(left.warnings, "warning"),
        plural(left.hints, "hint"),
    ));
    outcome.errors_left = left.errors > 0;
    Ok(outcome)
}

/// Fixes the reports `wanted` in memory, in rounds until one changes nothing; returns
/// the changed reports and the severities of what is left in every report.
fn fix_corpus(corpus: &mut Corpus, wanted: &[PathBuf]) -> (BTreeMap<PathBuf, Changed>, Vec<Severity>) {
    let mut changed: BTreeMap<PathBuf, Changed> = BTreeMap::new();
    let mut left: BTreeMap<PathBuf, Vec<Severity>> = BTreeMap::new();
    let mut pending: Vec<PathBuf> = wanted.to_vec();
    for round in 0..=MAX_ROUNDS {
        let view: &Corpus = corpus;
        let passes: Vec<(PathBuf, Option<Pass>)> = pending
            .par_iter()
            .map(|path| {
                let text = match changed.get(path) {
                    Some(c) => Some(c.text.clone()),
                    // A file that cannot be read, or is not UTF-8, is never rewritten:
                    // its bytes would be lost. `check` says what is wrong with it.
                    None => read_source(path).ok().filter(|s| s.invalid_utf8.is_none()).map(|s| s.text),
                };
                (path.clone(), text.map(|t| fix_once(&t, path, view)))
            })
            .collect();
        let mut claims_moved = false;
        let mut changed_now = Vec::new();
        for (path, pass) in passes {
            let Some(pass) = pass else {
                left.remove(&path);
                continue;
            };
            left.insert(path.clone(), pass.left);
            // The last round only counts what is left; a fix it finds waits for a rerun.
            let Some((text, applied)) = pass.fixed.filter(|_| round < MAX_ROUNDS) else { continue };
            let claim = Document::new(&text).front_matter().and_then(MeetingClaim::from_front_matter);
            let facts = ReportFacts { claim, mentions: Vec::new(), title: None, lines: None };
            claims_moved |= !corpus.set_facts(&path, Some(facts)).is_empty();
            let entry = changed.entry(path.clone()).or_insert_with(|| Changed {
                original: pass.original,
                text: String::new(),
                applied: Applied::default(),
            });
            entry.text = text;
            entry.applied.add(applied);
            changed_now.push(path);
        }
        if changed_now.is_empty() {
            break;
        }
        // A report whose meeting changed changes what the others' references mean.
        pending = if claims_moved { wanted.to_vec() } else { changed_now };
    }
    changed.retain(|_, c| c.text != c.original);
    (changed, left.into_values().flatten().collect())
}

/// One round on one report: its text fixed, if any fix applies, and what is left.
struct Pass {
    original: String,
    fixed: Option<(String, Applied)>,
    left: Vec<Severity>,
}

fn fix_once(text: &str, path: &Path, corpus: &Corpus) -> Pass {
    let doc = Document::new(text);
    let analysis = analyze(&doc, corpus.recognizers());
    let diagnostics = check_analyzed_report(&doc, path, corpus.view(), &analysis);
    let fixes = safe_fixes(&doc, corpus.view(), &analysis, &diagnostics);
    let mut applied = Applied::default();
    for fix in &fixes {
        match &fix.kind {
            FixKind::InsertFrontMatter => applied.front_matter = true,
            FixKind::RemoveResidue => applied.residue_lines += 1,
            FixKind::AddRelated(ids) => applied.related_ids += ids.len(),
            FixKind::Suggestion | FixKind::FillMeeting | FixKind::AddField(_) => {}
        }
    }
    let new_text = apply(text, &fixes);
    let fixed = (new_text != text).then_some((new_text, applied));
    let left = diagnostics.iter().map(|d| d.severity).collect();
    Pass { original: text.to_string(), fixed, left }
}

fn print_diff(name: &str, old: &str, new: &str, out: &mut impl Write) -> io::Result<()> {
    let diff = similar::TextDiff::from_lines(old, new);
    diff.unified_diff().context_radius(3).header(name, name).to_writer(&mut *out)
}

/// Replaces the file at `path` by `text`, unless it no longer holds `original` (an
/// editor saved it meanwhile). The new text goes to a temporary file in the same
/// folder, with the same permissions, renamed over the old one: a reader sees the old
/// file or the new one, never half of it. A report that is a symbolic link keeps its
/// link; the file it leads to is replaced.
fn write_if_unchanged(path: &Path, original: &str, text: &str) -> io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    if read_source(&target)?.text != original {
        return Err(io::Error::other("it changed on disk while it was being fixed; run fix again"));
    }
    let folder = target.parent().ok_or_else(|| io::Error::other("it has no folder"))?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut temporary = tempfile::Builder::new().prefix(".summit-ls-fix-").tempfile_in(folder)?;
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_fixed_reads_as_a_sentence() {
        let applied = Applied { front_matter: true, residue_lines: 2, related_ids: 1 };
        assert_eq!(applied.describe(), "inserted a front matter, removed 2 residue lines, added 1 id to related");
        assert_eq!(Applied { residue_lines: 1, ..Applied::default() }.describe(), "removed 1 residue line");
    }

    #[cfg(unix)]
    #[test]
    fn a_write_keeps_the_permissions_and_refuses_a_file_changed_meanwhile() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old\n").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_if_unchanged(&path, "old\n", "new\n").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new\n");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert!(write_if_unchanged(&path, "old\n", "newer\n").is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("list").flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }
}
