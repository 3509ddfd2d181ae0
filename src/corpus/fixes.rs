//! The safe fixes of a report, as edits: insert a front matter inferred from its text,
//! remove the scrape residue lines, add the meetings its text refers to to `related`.
//! The server offers each as a code action; `summit-ls fix` applies them all. Both
//! compute them here, so the two can never disagree on what a fix writes.

use std::ops::Range;

use super::checks::CorpusView;
use super::diagnostics::{Diagnostic, Fix, FixKind};
use super::document::Document;
use super::front_matter::{FrontMatter, ValueKind};
use super::infer;
use super::recognize::Analysis;

/// The "Insert a front matter" fix of a report that has none: every value its text
/// supports, the other fields left empty for the annotator.
pub fn insert_front_matter(doc: &Document, analysis: &Analysis, corpus: CorpusView) -> Option<Fix> {
    if doc.front_matter().is_some() {
        return None;
    }
    let text = infer::front_matter(analysis, corpus).render();
    Some(Fix {
        kind: FixKind::InsertFrontMatter,
        title: "Insert a front matter inferred from the text".into(),
        range: 0..0,
        text: with_line_break(&text, line_break(doc)),
    })
}

/// "Fill the meeting": a report whose front matter gives a `date` and `participants`
/// but no `meeting` takes the id of the meeting the corpus knows on that day with those
/// participants (a `[[meeting]]` entry or another report's claim).
pub fn fill_meeting(doc: &Document, corpus: CorpusView) -> Option<Fix> {
    let fm = doc.front_matter()?;
    let day = fm.scalar("date")?.get(..10)?;
    let participants: Vec<String> = fm.list("participants").iter().map(|i| i.text.clone()).collect();
    // The value after a bare `meeting:`, or a new line before the closing fence; a
    // value already there, even a malformed one, is the annotator's.
    let after_key = match fm.get("meeting") {
        None => None,
        Some(field) if field.has_colon && field.value.is_none() => Some(field.span.end),
        Some(_) => return None,
    };
    let (id, _) = infer::known_meeting(corpus, day, &participants)?;
    let (range, text) = match after_key {
        Some(at) => (at..at, format!(" {id}")),
        None => {
            let at = fm.close.as_ref()?.start;
            (at..at, format!("meeting: {id}{}", line_break(doc)))
        }
    };
    Some(Fix {
        kind: FixKind::FillMeeting,
        title: format!("Fill the meeting from date and participants: `{id}`"),
        range,
        text,
    })
}

/// Where and what to insert so that `related` lists `ids` too: before the list's `]`,
/// or a new `related:` line before the closing `---`. `None` when `related` is not a
/// list (a scalar is `malformed-value`'s to fix) or the front matter is not closed.
pub fn add_related(fm: &FrontMatter, ids: &[&str], line_break: &str) -> Option<(Range<usize>, String)> {
    if ids.is_empty() {
        return None;
    }
    let joined = ids.join(", ");
    match fm.get("related").and_then(|f| f.value.as_ref()) {
        Some(v) if matches!(v.kind, ValueKind::List(_)) => {
            let at = v.span.end.saturating_sub(1);
            let text = if fm.list("related").is_empty() { joined } else { format!(", {joined}") };
            Some((at..at, text))
        }
        Some(_) => None,
        None if fm.get("related").is_some() => None,
        None => fm.close.as_ref().map(|c| (c.start..c.start, format!("related: [{joined}]{line_break}"))),
    }
}

/// The line break a document's lines end with: its first one, else `\n`.
pub fn line_break(doc: &Document) -> &'static str {
    let rope = doc.rope();
    if rope.len_lines() < 2 {
        return "\n";
    }
    let first = rope.line(0);
    let n = first.len_chars();
    match (n >= 2).then(|| (first.char(n - 2), first.char(n - 1))) {
        Some(('\r', '\n')) => "\r\n",
        _ if n >= 1 && first.char(n - 1) == '\r' => "\r",
        _ => "\n",
    }
}

fn with_line_break(text: &str, line_break: &str) -> String {
    if line_break == "\n" { text.to_string() } else { text.replace('\n', line_break) }
}

/// Every safe fix of a report, none overlapping another: its residue lines, one edit
/// adding every missing `related` id, and a front matter if it has none. `diagnostics`
/// are the report's (see [`super::checks::check_analyzed_report`]).
pub fn safe_fixes(doc: &Document, corpus: CorpusView, analysis: &Analysis, diagnostics: &[Diagnostic]) -> Vec<Fix> {
    let mut out: Vec<Fix> = Vec::new();
    let mut related: Vec<&str> = Vec::new();
    for fix in diagnostics.iter().flat_map(|d| &d.fixes) {
        match &fix.kind {
            FixKind::RemoveResidue => out.push(fix.clone()),
            FixKind::AddRelated(ids) => {
                for id in ids {
                    if !related.contains(&id.as_str()) {
                        related.push(id);
                    }
                }
            }
            _ => {}
        }
    }
    // One edit for all the ids: several insertions of a `related:` line would give
    // the key twice.
    if let Some(fm) = doc.front_matter()
        && let Some((range, text)) = add_related(fm, &related, line_break(doc))
    {
        let title = format!("Add {} to related", related.join(", "));
        let kind = FixKind::AddRelated(related.iter().map(|id| id.to_string()).collect());
        out.push(Fix { kind, title, range, text });
    }
    out.extend(insert_front_matter(doc, analysis, corpus));
    out.sort_by_key(|f| (f.range.start, f.range.end));
    out
}

/// `text` with the fixes applied. A fix that overlaps one before it is left out.
pub fn apply(text: &str, fixes: &[Fix]) -> String {
    let mut sorted: Vec<&Fix> = fixes.iter().collect();
    sorted.sort_by_key(|f| (f.range.start, f.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for fix in sorted {
        let Range { start, end } = fix.range;
        if start < at || end < start || !text.is_char_boundary(start) || text.get(start..end).is_none() {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&fix.text);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::checks::check_analyzed_report;
    use crate::corpus::recognize::analyze;
    use crate::corpus::workspace::Corpus;
    use std::path::Path;

    const KB: &str = "[corpus]\nboilerplate = [\"Share:\"]\n\n[[meeting]]\nid = \"bali-2022\"\ndate = 2022-11-14\n\
                      location = \"Bali\"\n";

    fn fixed(text: &str) -> (String, Vec<FixKind>) {
        let corpus = Corpus::from_manifest(Path::new("/c"), KB);
        let doc = Document::new(text);
        let analysis = analyze(&doc, corpus.recognizers());
        let diagnostics = check_analyzed_report(&doc, Path::new("/c/a.txt"), corpus.view(), &analysis);
        let fixes = safe_fixes(&doc, corpus.view(), &analysis, &diagnostics);
        (apply(text, &fixes), fixes.into_iter().map(|f| f.kind).collect())
    }

    #[test]
    fn residue_lines_go_with_their_line_breaks_crlf_kept() {
        let text = "---\r\ntitle: Talks\r\n---\r\nShare:\r\nThe two sides met.\r\nShare:\r\n";
        let (out, kinds) = fixed(text);
        assert_eq!(out, "---\r\ntitle: Talks\r\n---\r\nThe two sides met.\r\n");
        assert_eq!(kinds, [FixKind::RemoveResidue, FixKind::RemoveResidue]);
    }

    #[test]
    fn a_raw_report_gets_a_front_matter_in_its_own_line_breaks() {
        let (out, kinds) = fixed("Share:\r\nLeaders met in Bali on Monday.\r\n");
        assert_eq!(kinds, [FixKind::InsertFrontMatter, FixKind::RemoveResidue]);
        assert!(out.starts_with("---\r\ntitle: Leaders met in Bali on Monday.\r\n"), "{out:?}");
        assert!(!out.contains("Share:"), "{out:?}");
        assert_eq!(out.matches('\n').count(), out.matches("\r\n").count(), "{out:?}");
    }

    #[test]
    fn related_ids_are_added_in_one_edit_to_a_list_or_as_a_new_line() {
        let doc = Document::new("---\ntitle: T\nrelated: []\n---\nBody\n");
        let fm = doc.front_matter().expect("front matter");
        assert_eq!(add_related(fm, &["a", "b"], "\n").map(|(_, t)| t), Some("a, b".to_string()));
        let doc = Document::new("---\ntitle: T\nrelated: [x]\n---\n");
        let fm = doc.front_matter().expect("front matter");
        let (range, text) = add_related(fm, &["a"], "\n").expect("an edit");
        assert_eq!(
            apply(
                &doc.text(),
                &[Fix { kind: FixKind::AddRelated(vec!["a".into()]), title: String::new(), range, text }]
            ),
            "---\ntitle: T\nrelated: [x, a]\n---\n"
        );
        let doc = Document::new("---\r\ntitle: T\r\n---\r\n");
        let fm = doc.front_matter().expect("front matter");
        assert_eq!(add_related(fm, &["a", "b"], "\r\n").map(|(_, t)| t), Some("related: [a, b]\r\n".to_string()));
        assert_eq!(add_related(fm, &[], "\n"), None);
    }

    #[test]
    fn the_meeting_is_filled_from_date_and_participants_when_the_corpus_knows_one() {
        let kb = "[[person]]\nid = \"a\"\nname = \"Ann Aster\"\n\n[[person]]\nid = \"b\"\nname = \"Bo Berg\"\n\n\
                  [[meeting]]\nid = \"aster-berg-2022\"\ndate = 2022-11-14\nparticipants = [\"a\", \"b\"]\n";
        let corpus = Corpus::from_manifest(Path::new("/c"), kb);
        let fill = |text: &str| {
            let doc = Document::new(text);
            fill_meeting(&doc, corpus.view()).map(|f| apply(text, &[f]))
        };
        assert_eq!(
            fill("---\r\ndate: 2022-11-14\r\nparticipants: [b, a]\r\n---\r\n").as_deref(),
            Some("---\r\ndate: 2022-11-14\r\nparticipants: [b, a]\r\nmeeting: aster-berg-2022\r\n---\r\n")
        );
        assert_eq!(
            fill("---\nmeeting:\ndate: 2022-11-14\nparticipants: [a, b]\n---\n").as_deref(),
            Some("---\nmeeting: aster-berg-2022\ndate: 2022-11-14\nparticipants: [a, b]\n---\n")
        );
        // Another day, another pair, or a meeting already written: nothing to fill.
        assert_eq!(fill("---\ndate: 2022-11-15\nparticipants: [a, b]\n---\n"), None);
        assert_eq!(
            fill("---\ndate: 2022-11-14\nparticipants: [a]\n---\n"),
            Some("---\ndate: 2022-11-14\nparticipants: [a]\nmeeting: aster-berg-2022\n---\n".into())
        );
        assert_eq!(fill("---\ndate: 2022-11-14\nparticipants: [a, c]\n---\n"), None);
        assert_eq!(fill("---\nmeeting: other\ndate: 2022-11-14\nparticipants: [a, b]\n---\n"), None);
    }

    #[test]
    fn overlapping_fixes_keep_the_first() {
        let fix = |range: Range<usize>, text: &str| Fix {
            kind: FixKind::Suggestion,
            title: String::new(),
            range,
            text: text.into(),
        };
        assert_eq!(apply("abcdef", &[fix(1..3, "X"), fix(2..4, "Y"), fix(0..0, "<"), fix(6..6, ">")]), "<aXdef>");
        assert_eq!(apply("é", &[fix(1..2, "X"), fix(5..9, "Y")]), "é");
    }
}
