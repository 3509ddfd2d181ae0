//! `summit-ls check [PATH…]`: the server's diagnostics for a terminal or CI.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use ropey::Rope;
use serde::Serialize;

use super::escape_controls;
use super::targets::{TargetError, by_corpus, resolve};
use crate::corpus::checks::check_report;
use crate::corpus::diagnostics::Diagnostic;
use crate::corpus::workspace::{Corpus, load_report, read_source, record_claims};
use crate::position::{Unit, line_col};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:col: severity[code]: message`, then a summary.
    Text,
    /// One JSON document: every diagnostic and the summary.
    Json,
}

#[derive(Serialize)]
struct Located {
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    severity: &'static str,
    code: &'static str,
    message: String,
}

#[derive(Serialize, Default)]
struct Summary {
    corpora: usize,
    reports: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
}

/// Runs the checks and prints them; returns whether any error was found.
pub fn run(paths: &[PathBuf], format: Format, out: &mut impl Write) -> Result<bool, TargetError> {
    let mut found = Vec::new();
    let mut summary = Summary::default();
    for selection in by_corpus(resolve(paths)?) {
        summary.corpora += 1;
        let root = &selection.root;
        let mut corpus = Corpus::open(root).map_err(|e| TargetError::Unreadable(root.clone(), e))?;
        if selection.whole {
            let manifest = corpus.manifest_path();
            let text = read_source(&manifest).map(|s| s.text).unwrap_or_default();
            locate(&manifest, &text, &corpus.kb_diagnostics, &mut found);
        }
        let paths: Vec<PathBuf> = record_claims(&mut corpus).into_iter().filter(|p| selection.wants(p)).collect();
        summary.reports += paths.len();
        // Each report is read, parsed and checked on its own, in parallel, and
        // dropped: a corpus of 100,000 reports is never in memory at once.
        let per_report: Vec<Vec<Located>> = paths
            .par_iter()
            .map(|path| {
                let report = load_report(path);
                let mut diagnostics = if report.is_unreadable() {
                    Vec::new()
                } else {
                    check_report(&report.doc, &report.path, corpus.view())
                };
                diagnostics.extend(report.read_problem);
                let mut located = Vec::new();
                locate(&report.path, &report.doc.text(), &diagnostics, &mut located);
                located
            })
            .collect();
        found.extend(per_report.into_iter().flatten());
    }
    for d in &found {
        match d.severity {
            "error" => summary.errors += 1,
            "warning" => summary.warnings += 1,
            "info" => summary.infos += 1,
            _ => summary.hints += 1,
        }
    }
    let has_errors = summary.errors > 0;
    let written = match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "diagnostics": found, "summary": summary }))
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Format::Text => print_text(&found, &summary, out),
    };
    // A closed pipe (`check | head`) is no reason to fail the check itself.
    drop(written);
    Ok(has_errors)
}

/// A command's error as `--format json` prints it, on stdout instead of the summary:
/// `{"error": {"code": "no-corpus", "path": "...", "message": "..."}}`.
pub fn print_json_error(err: &TargetError, out: &mut impl Write) -> io::Result<()> {
    let error = serde_json::json!({
        "error": { "code": err.code(), "path": err.path().display().to_string(), "message": err.to_string() }
    });
    serde_json::to_writer_pretty(&mut *out, &error).map_err(io::Error::from)?;
    writeln!(out)
}

fn print_text(found: &[Located], s: &Summary, out: &mut impl Write) -> io::Result<()> {
    for d in found {
        // One diagnostic, one line: a newline in a file name or a message is escaped.
        let (path, message) = (escape_controls(&d.path), escape_controls(&d.message));
        writeln!(out, "{path}:{}:{}: {}[{}]: {message}", d.line, d.column, d.severity, d.code)?;
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let corpora = if s.corpora == 1 { "1 corpus".to_string() } else { format!("{} corpora", s.corpora) };
    writeln!(
        out,
        "checked {} in {corpora}: {}, {}, {}",
        plural(s.reports, "report"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.hints + s.infos, "hint"),
    )
}

/// Turns byte ranges into 1-based lines and code-point columns, as compilers print.
fn locate(path: &Path, text: &str, diagnostics: &[Diagnostic], out: &mut Vec<Located>) {
    if diagnostics.is_empty() {
        return;
    }
    let rope = Rope::from_str(text);
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| (d.range.start, d.severity));
    for d in sorted {
        let (line, col) = line_col(&rope, d.range.start, Unit::CodePoint);
        let (end_line, end_col) = line_col(&rope, d.range.end, Unit::CodePoint);
        out.push(Located {
            path: path.display().to_string(),
            line: line + 1,
            column: col + 1,
            end_line: end_line + 1,
            end_column: end_col + 1,
            severity: d.severity.as_str(),
            code: d.code,
            message: d.message.clone(),
        });
    }
}
