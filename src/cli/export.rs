//! `summit-ls export [PATH…]`: the annotated corpus as JSON Lines, one report a line:
//! its metadata, its clean text, and its mentions with code-point offsets.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use serde_json::{Map, Value, json};

use super::targets::{TargetError, by_corpus, resolve};
use crate::corpus::front_matter::{FrontMatter, ValueKind};
use crate::corpus::recognize::{Analysis, MentionKind, analyze};
use crate::corpus::resolve::{RefContext, Resolution};
use crate::corpus::workspace::{Corpus, load_report, record_claims};

pub fn run(paths: &[PathBuf], out: &mut impl Write) -> Result<(), TargetError> {
    for selection in by_corpus(resolve(paths)?) {
        let root = &selection.root;
        let mut corpus = Corpus::open(root).map_err(|e| TargetError::Unreadable(root.clone(), e))?;
        let paths: Vec<PathBuf> = record_claims(&mut corpus).into_iter().filter(|p| selection.wants(p)).collect();
        // In parallel, a chunk at a time, written in path order.
        for chunk in paths.chunks(EXPORT_CHUNK) {
            let lines: Vec<String> = chunk.par_iter().map(|path| export_line(path, &corpus)).collect();
            for line in lines {
                if writeln!(out, "{line}").is_err() {
                    // A closed pipe (`export | head`) ends the output, not in an error.
                    return Ok(());
                }
            }
        }
    }
    Ok(())
}

const EXPORT_CHUNK: usize = 256;

fn export_line(path: &Path, corpus: &Corpus) -> String {
    let report = load_report(path);
    let analysis = analyze(&report.doc, corpus.recognizers());
    json!({
        "path": path.display().to_string(),
        "meta": report.doc.front_matter().map_or_else(|| Value::Object(Map::new()), meta),
        "text": analysis.clean.text,
        "mentions": mentions(&analysis, corpus, &RefContext::of(report.doc.front_matter())),
    })
    .to_string()
}

fn meta(fm: &FrontMatter) -> Value {
    let mut map = Map::new();
    for field in &fm.fields {
        let value = match field.value.as_ref().map(|v| &v.kind) {
            None => Value::Null,
            Some(ValueKind::Scalar(s) | ValueKind::Date(s) | ValueKind::DateTime(s)) => Value::String(s.clone()),
            Some(ValueKind::List(items)) => Value::Array(items.iter().map(|i| Value::String(i.text.clone())).collect()),
        };
        map.entry(field.key.clone()).or_insert(value);
    }
    Value::Object(map)
}

/// The mentions of a report. Meeting references are those to other meetings: one that
/// fits no meeting the corpus knows is a hint for the annotator, and one to the report's
/// own meeting is the report talking about itself; both are left out.
fn mentions(analysis: &Analysis, corpus: &Corpus, context: &RefContext) -> Vec<Value> {
    let text = &analysis.clean.text;
    let mut points = CodePoints::new(text);
    analysis
        .mentions
        .iter()
        .filter_map(|m| {
            let start = points.at(m.clean.start);
            let end = points.at(m.clean.end);
            let surface = &text[m.clean.clone()];
            let mut v = json!({ "kind": kind_name(&m.kind), "start": start, "end": end, "surface": surface });
            match &m.kind {
                MentionKind::Person { id, title } => {
                    v["id"] = json!(id);
                    if let Some(t) = title {
                        v["title"] = json!(t);
                    }
                }
                MentionKind::Place { id } | MentionKind::Meeting { id } => v["id"] = json!(id),
                MentionKind::MeetingRef(clues) => match corpus.resolve(clues, context) {
                    // The report's own meeting in other words ("the talks in Lima" in a
                    // report of them) is no reference to a related meeting.
                    Resolution::Meeting(id) if context.own.as_deref() == Some(id.as_str()) => return None,
                    Resolution::Meeting(id) => v["id"] = json!(id),
                    Resolution::Ambiguous { shown, total } => {
                        v["candidates"] = json!(shown);
                        v["candidate_count"] = json!(total);
                    }
                    Resolution::Unknown => return None,
                },
                MentionKind::Date(d) => {
                    match &d.value {
                        Ok(value) => v["value"] = json!(value),
                        Err(why) => v["error"] = json!(why),
                    }
                    if let Some(a) = d.anchor {
                        v["anchor"] = json!(a.field.key());
                    }
                }
            }
            if m.explicit {
                v["explicit"] = json!(true);
            }
            Some(v)
        })
        .collect()
}

fn kind_name(kind: &MentionKind) -> &'static str {
    match kind {
        MentionKind::Person { .. } => "person",
        MentionKind::Date(_) => "date",
        MentionKind::Place { .. } => "place",
        MentionKind::Meeting { .. } | MentionKind::MeetingRef { .. } => "meeting",
    }
}

/// Byte offsets to code-point offsets, for offsets asked in increasing order mostly.
struct CodePoints<'a> {
    text: &'a str,
    byte: usize,
    point: usize,
}

impl<'a> CodePoints<'a> {
    fn new(text: &'a str) -> Self {
        CodePoints { text, byte: 0, point: 0 }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.point = 0;
        }
        self.point += self.text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.point
    }
}
