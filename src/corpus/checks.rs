//! The checks of one report: its front matter against the field table, the knowledge
//! base and the other reports of its meeting; its body against the boilerplate list.
//! Each check costs time in proportion to this report (and its meeting's reports),
//! never to the size of the corpus.

use std::collections::HashSet;
use std::path::Path;

use super::catalog::KbCatalog;
use super::diagnostics::{Diagnostic, FixKind, Severity};
use super::document::Document;
use super::fields::{self, FIELDS, Form};
use super::front_matter::{Field, FrontMatter, Value, ValueKind};
use super::kb::{Kb, civil_date};
use super::meetings::MeetingIndex;
use super::recognize::meeting_refs::Clues;
use super::recognize::{Analysis, Recognizers, analyze};
use super::resolve::{Meetings, RefContext, Resolution, ResolutionCache};
use super::similar::closest;
use super::text_checks;

/// What a report is checked against.
#[derive(Clone, Copy)]
pub struct CorpusView<'a> {
    pub kb: &'a Kb,
    pub meetings: &'a MeetingIndex,
    pub recognizers: &'a Recognizers,
    pub kb_catalog: &'a KbCatalog,
    pub resolutions: &'a ResolutionCache,
}

impl CorpusView<'_> {
    /// The meeting id nearest to `word` within `limit` edits, other than `word`: of
    /// the reports or of the `[[meeting]]` entries. It costs about the same whatever
    /// the number of meetings (see [`super::near_ids`]).
    pub fn closest_meeting_id(&self, word: &str, limit: usize) -> Option<String> {
        let reports = self.meetings.ids.closest(word, limit);
        let entries = self.kb_catalog.ids.closest(word, limit);
        reports.into_iter().chain(entries).min().map(|(_, id)| id)
    }

    /// Which meeting a reference of `clues` in a report of `ctx` means.
    pub fn resolve(&self, clues: &Clues, ctx: &RefContext) -> Resolution {
        let meetings = Meetings { kb: self.kb_catalog, index: self.meetings };
        self.resolutions.resolve(self.kb.generation(), clues, ctx, meetings)
    }
}

pub fn check_report(doc: &Document, path: &Path, corpus: CorpusView) -> Vec<Diagnostic> {
    check_analyzed_report(doc, path, corpus, &analyze(doc, corpus.recognizers))
}

/// The checks of a report whose analysis is already at hand (the server's cache).
pub fn check_analyzed_report(doc: &Document, path: &Path, corpus: CorpusView, analysis: &Analysis) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    match doc.front_matter() {
        None => {
            let first_line = doc.rope().line(0).len_bytes().min(doc.rope().len_bytes());
            out.push(Diagnostic::error(
                "missing-front-matter",
                0..trim_line_break(doc, 0, first_line),
                "this report has no front matter: start the file with a `---` line, the fields, and a closing `---` line",
            ));
        }
        Some(fm) => {
            check_syntax(fm, &mut out);
            check_fields(fm, corpus, &mut out);
            check_required(fm, corpus.kb, &mut out);
            check_meeting_agreement(fm, path, corpus, &mut out);
        }
    }
    if analysis.skipped {
        let start = doc.body_start();
        out.push(Diagnostic::new(
            "not-scanned",
            Severity::Information,
            start..start,
            format!(
                "the body is over {} MiB: people, dates and places are not recognised in it (explicit links still are)",
                super::recognize::MAX_SCANNED_BYTES / (1024 * 1024)
            ),
        ));
    } else {
        text_checks::check(doc, analysis, corpus, &mut out);
    }
    check_boilerplate(doc, corpus.kb, &mut out);
    out.sort_by_key(|d| (d.range.start, d.severity));
    out
}

fn check_syntax(fm: &FrontMatter, out: &mut Vec<Diagnostic>) {
    if fm.close.is_none() {
        out.push(Diagnostic::error(
            "unclosed-front-matter",
            fm.open.start..fm.open.start + 3,
            "the front matter is not closed: add a `---` line after its last field",
        ));
    }
    for junk in &fm.junk {
        out.push(Diagnostic::error(
            "front-matter-syntax",
            junk.clone(),
            "a front-matter line is `key: value`, a `# comment` or blank",
        ));
    }
    for err in &fm.syntax_errors {
        out.push(Diagnostic::error("front-matter-syntax", err.span.clone(), err.message.clone()));
    }
}

fn check_fields(fm: &FrontMatter, corpus: CorpusView, out: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for field in &fm.fields {
        if !field.has_colon {
            out.push(Diagnostic::error(
                "front-matter-syntax",
                field.key_span.clone(),
                format!("expected `:` after `{}`", field.key),
            ));
        }
        if !seen.insert(field.key.as_str()) {
            out.push(Diagnostic::error(
                "duplicate-key",
                field.key_span.clone(),
                format!("`{}` is given twice; a reader keeps only one of them", field.key),
            ));
        }
        let Some(spec) = fields::spec(&field.key) else {
            out.push(unknown_key(field));
            continue;
        };
        if let Some(value) = &field.value {
            check_form(field, value, spec.form, out);
        }
    }
    check_ids(fm, corpus, out);
}

fn unknown_key(field: &Field) -> Diagnostic {
    let d =
        Diagnostic::warning("unknown-key", field.key_span.clone(), format!("`{}` is no front-matter field", field.key));
    suggest(d, closest(&field.key, FIELDS.iter().map(|f| f.key)))
}

/// Adds "did you mean" and the fix that replaces the diagnostic's text by `best`.
fn suggest(mut d: Diagnostic, best: Option<&str>) -> Diagnostic {
    if let Some(best) = best {
        d.message.push_str(&format!("; did you mean `{best}`?"));
        let range = d.range.clone();
        d = d.with_fix(format!("Change to `{best}`"), range, best);
    }
    d
}

fn check_form(field: &Field, value: &Value, form: Form, out: &mut Vec<Diagnostic>) {
    let key = &field.key;
    let span = value.span.clone();
    let malformed = |message: String| Diagnostic::error("malformed-value", span.clone(), message);
    match (&value.kind, form) {
        (ValueKind::List(_), Form::IdList) => {}
        (ValueKind::List(_), _) => out.push(malformed(format!("`{key}` takes {}, not a list", form.describe()))),
        (ValueKind::Scalar(s), Form::IdList) => {
            let mut d = malformed(format!("`{key}` takes a list: `[{s}]`"));
            if fields::is_id(s) {
                d = d.with_fix("Write it as a list", span.clone(), format!("[{s}]"));
            }
            out.push(d);
        }
        (ValueKind::Date(s), Form::Date | Form::DateOrDateTime) => {
            if let Err(why) = validate_date(s) {
                out.push(malformed(why));
            }
        }
        (ValueKind::DateTime(s), Form::DateOrDateTime) => {
            if let Err(why) = validate_date_time(s) {
                out.push(malformed(why));
            }
        }
        (ValueKind::DateTime(s), Form::Date) => {
            let day = s.get(..10).unwrap_or(s).to_string();
            out.push(malformed(format!("`{key}` takes a date without a time: `{day}`")).with_fix(
                format!("Keep the date `{day}`"),
                span.clone(),
                day,
            ));
        }
        (ValueKind::Scalar(s), Form::Date | Form::DateOrDateTime) if !s.is_empty() => {
            out.push(malformed(format!("`{key}` takes {}; `{s}` is not one", form.describe())));
        }
        (ValueKind::Scalar(s), Form::OneOf(words)) if !words.contains(&s.as_str()) => {
            out.push(malformed(format!("`{key}` is {}", form.describe())));
        }
        (ValueKind::Scalar(s), Form::LanguageTag) if !is_language_tag(s) => {
            out.push(malformed(format!("`{s}` is not {}", form.describe())));
        }
        (ValueKind::Scalar(s), Form::Id) if !s.is_empty() && !fields::is_id(s) => {
            out.push(malformed(format!("`{s}` is not {}", form.describe())));
        }
        _ => {}
    }
    if let (ValueKind::List(items), Form::IdList) = (&value.kind, form) {
        for item in items.iter().filter(|i| !fields::is_id(&i.text)) {
            out.push(Diagnostic::error(
                "malformed-value",
                item.span.clone(),
                format!("`{}` is not an id: use lowercase letters, digits and hyphens", item.text),
            ));
        }
    }
}

fn validate_date(s: &str) -> Result<(), String> {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(format!("`{s}` is not a date `YYYY-MM-DD`"));
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return Err(format!("`{s}` is not a date `YYYY-MM-DD`"));
    };
    jiff::civil::Date::new(y, m, d).map(|_| ()).map_err(|_| {
        if !(1..=12).contains(&m) {
            format!("`{s}` is not a date: there is no month {m}")
        } else {
            format!("`{s}` is not a date: that month has no day {d}")
        }
    })
}

fn validate_date_time(s: &str) -> Result<(), String> {
    validate_date(s.get(..10).unwrap_or(s))?;
    let ok = s.parse::<jiff::Timestamp>().is_ok() || s.parse::<jiff::civil::DateTime>().is_ok();
    if ok { Ok(()) } else { Err(format!("`{s}` is not a date and time such as `2024-11-18T14:25:17Z`")) }
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary_ok =
        parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Person and meeting ids must name something the corpus knows.
fn check_ids(fm: &FrontMatter, corpus: CorpusView, out: &mut Vec<Diagnostic>) {
    let person_ids = || corpus.kb.person.iter().map(|p| p.id.get_ref().as_str());
    for item in fm.list("participants").iter().filter(|i| fields::is_id(&i.text)) {
        if corpus.kb.person(&item.text).is_none() {
            let message = format!("no [[person]] in corpus.toml has the id `{}`", item.text);
            let d = Diagnostic::error("unknown-person", item.span.clone(), message);
            out.push(suggest(d, closest(&item.text, person_ids())));
        }
    }
    let known_meeting = |id: &str| corpus.kb.meeting(id).is_some() || corpus.meetings.contains(id);
    for item in fm.list("related").iter().filter(|i| fields::is_id(&i.text)) {
        if !known_meeting(&item.text) {
            let message = format!("no report and no [[meeting]] entry has the meeting id `{}`", item.text);
            let d = Diagnostic::warning("unknown-meeting", item.span.clone(), message);
            let limit = (item.text.chars().count() / 3).max(1);
            out.push(suggest(d, corpus.closest_meeting_id(&item.text, limit).as_deref()));
        }
    }
    // `meeting:` may name a new meeting; only a typo of a known one (two edits at most:
    // `wang-kerry-2014` and `xi-kerry-2014` are different meetings) is worth a word.
    if let Some((id, span)) = scalar_with_span(fm, "meeting") {
        let only_here = corpus.meetings.reports_of(id).count() <= 1 && corpus.kb.meeting(id).is_none();
        if only_here
            && fields::is_id(id)
            && let Some(best) = corpus.closest_meeting_id(id, 2)
        {
            out.push(
                Diagnostic::hint(
                    "unknown-meeting",
                    span.clone(),
                    format!("no other report and no [[meeting]] entry has the id `{id}`; did you mean `{best}`?"),
                )
                .with_fix(format!("Change to `{best}`"), span, best),
            );
        }
    }
}

fn check_required(fm: &FrontMatter, kb: &Kb, out: &mut Vec<Diagnostic>) {
    for key in kb.required_fields() {
        match fm.get(&key) {
            None => {
                let mut d = Diagnostic::error(
                    "missing-field",
                    fm.open.start..fm.open.start + 3,
                    format!("the front matter has no `{key}`, which this corpus requires"),
                );
                // The line goes before the closing fence; the server fills in the value
                // when the text supports one.
                if let Some(close) = &fm.close {
                    let kind = FixKind::AddField(key.clone());
                    d = d.with_fix_of(kind, format!("Add `{key}`"), close.start..close.start, format!("{key}:\n"));
                }
                out.push(d);
            }
            Some(field) if is_empty(field.value.as_ref()) => out.push(Diagnostic::error(
                "empty-field",
                field.key_span.clone(),
                format!("`{key}` is empty; this corpus requires a value"),
            )),
            Some(_) => {}
        }
    }
}

fn is_empty(value: Option<&Value>) -> bool {
    match value.map(|v| &v.kind) {
        None => true,
        Some(ValueKind::Scalar(s)) => s.trim().is_empty(),
        Some(ValueKind::List(items)) => items.is_empty(),
        Some(ValueKind::Date(_) | ValueKind::DateTime(_)) => false,
    }
}

fn scalar_with_span<'a>(fm: &'a FrontMatter, key: &str) -> Option<(&'a str, std::ops::Range<usize>)> {
    let value = fm.get(key)?.value.as_ref()?;
    match &value.kind {
        ValueKind::Scalar(s) | ValueKind::Date(s) | ValueKind::DateTime(s) => Some((s, value.span.clone())),
        ValueKind::List(_) => None,
    }
}

/// Reports of one meeting, and its [[meeting]] entry, must agree on its date and place.
fn check_meeting_agreement(fm: &FrontMatter, path: &Path, corpus: CorpusView, out: &mut Vec<Diagnostic>) {
    let Some(meeting) = fm.scalar("meeting") else { return };
    if let Some((date, span)) = scalar_with_span(fm, "date") {
        let mut others: Vec<String> = corpus
            .meetings
            .reports_of(meeting)
            .filter(|(p, c)| *p != path && c.date.as_deref().is_some_and(|d| d != date))
            .map(|(p, c)| format!("{} in {}", c.date.as_deref().unwrap_or_default(), file_name(p)))
            .collect();
        if let Some(entry) = corpus.kb.meeting(meeting)
            && let Some(kb_date) = entry.date.as_ref().and_then(|d| civil_date(d.get_ref()))
            && kb_date.to_string() != date
            && !covers(entry, date)
        {
            others.push(format!("{kb_date} in corpus.toml"));
        }
        if !others.is_empty() {
            out.push(Diagnostic::warning(
                "meeting-date-conflict",
                span,
                format!("the reports of `{meeting}` disagree on its date: {date} here, {}", others.join(", ")),
            ));
        }
    }
    if let Some((location, span)) = scalar_with_span(fm, "location") {
        let same = |other: &str| normalize(other) == normalize(location);
        let others: Vec<String> = corpus
            .meetings
            .reports_of(meeting)
            .filter(|(p, c)| *p != path && c.location.as_deref().is_some_and(|l| !l.is_empty() && !same(l)))
            .map(|(p, c)| format!("\"{}\" in {}", c.location.as_deref().unwrap_or_default(), file_name(p)))
            .collect();
        if !others.is_empty() {
            out.push(Diagnostic::warning(
                "meeting-location-conflict",
                span,
                format!(
                    "the reports of `{meeting}` disagree on where it took place: \"{location}\" here, {}",
                    others.join(", ")
                ),
            ));
        }
    }
}

/// Whether `date` falls within a multi-day meeting's `date`..=`end`.
fn covers(entry: &super::kb::Meeting, date: &str) -> bool {
    let (Some(start), Some(end)) = (
        entry.date.as_ref().and_then(|d| civil_date(d.get_ref())),
        entry.end.as_ref().and_then(|d| civil_date(d.get_ref())),
    ) else {
        return false;
    };
    date.parse::<jiff::civil::Date>().is_ok_and(|d| start <= d && d <= end)
}

fn normalize(s: &str) -> String {
    fold_spaces(s).to_lowercase()
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Lines of the body that are scrape residue listed in corpus.toml's `boilerplate`.
fn check_boilerplate(doc: &Document, kb: &Kb, out: &mut Vec<Diagnostic>) {
    if kb.corpus.boilerplate.is_empty() {
        return;
    }
    let wanted: HashSet<String> = kb.corpus.boilerplate.iter().map(|b| fold_spaces(b)).collect();
    let rope = doc.rope();
    let first = rope.byte_to_line(doc.body_start().min(rope.len_bytes()));
    for index in first..rope.len_lines() {
        let line = rope.line(index);
        let folded = fold_spaces(&line.to_string());
        if folded.is_empty() || !wanted.contains(&folded) {
            continue;
        }
        let start = rope.line_to_byte(index);
        let end = start + line.len_bytes();
        let content_end = trim_line_break(doc, start, end);
        out.push(
            Diagnostic::new(
                "boilerplate",
                Severity::Hint,
                start..content_end,
                format!("\"{folded}\" is scrape residue"),
            )
            .with_fix_of(FixKind::RemoveResidue, "Remove this line", start..end, ""),
        );
    }
}

/// A line with its runs of white space (non-breaking spaces too) as single spaces,
/// trimmed: scraped pages mix the two freely.
fn fold_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The end of a line's content, before its line break.
fn trim_line_break(doc: &Document, start: usize, end: usize) -> usize {
    let text = doc.slice(start..end);
    start + text.trim_end_matches(['\r', '\n']).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::meetings::MeetingClaim;
    use crate::corpus::workspace::Corpus;

    const KB: &str = r#"
[corpus]
boilerplate = ["Suggest to a friend:"]
[[person]]
id = "xi-jinping"
name = "Xi Jinping"
[[person]]
id = "john-kerry"
name = "John Kerry"
[[meeting]]
id = "sunnylands-2013"
date = 2013-06-07
end = 2013-06-08
"#;

    fn check(text: &str) -> Vec<Diagnostic> {
        check_in(&corpus(KB), text)
    }

    /// A corpus of `kb` with no report: its view is what the checks are given.
    fn corpus(kb: &str) -> Corpus {
        Corpus::from_manifest(Path::new("/c"), kb)
    }

    fn check_in(corpus: &Corpus, text: &str) -> Vec<Diagnostic> {
        check_report(&Document::new(text), Path::new("r.txt"), corpus.view())
    }

    fn codes(text: &str) -> Vec<&'static str> {
        check(text).into_iter().map(|d| d.code).collect()
    }

    const GOOD: &str = "---\ntitle: T\nmeeting: xi-kerry-2014\ndate: 2014-02-14\nlocation: Beijing\n\
                        participants: [xi-jinping, john-kerry]\nsource: MFA\n---\nPresident Xi met Kerry.\n";

    #[test]
    fn an_ambiguous_reference_names_a_few_candidates_and_counts_the_rest() {
        let mut kb_text = String::from("[[place]]\nid = \"lima\"\nname = \"Lima\"\n");
        for c in 'a'..='h' {
            kb_text.push_str(&format!("[[meeting]]\nid = \"lima-2024-{c}\"\ndate = 2024-11-16\nplace = \"lima\"\n"));
        }
        let text = "---\ntitle: T\n---\nThey recalled the 2024 Lima meeting.\n";
        let found = check_in(&corpus(&kb_text), text);
        let d = found.iter().find(|d| d.code == "ambiguous-meeting").expect("an ambiguous reference");
        assert_eq!(
            d.message,
            "\"2024 Lima meeting\" could be `lima-2024-a` or `lima-2024-b` or `lima-2024-c` or `lima-2024-d` or \
             `lima-2024-e` (3 more): pin one with a link"
        );
        assert_eq!(d.fixes.len(), 5);
    }

    #[test]
    fn a_complete_report_is_clean() {
        assert_eq!(codes(GOOD), Vec::<&str>::new());
    }

    #[test]
    fn a_raw_report_lacks_front_matter_on_its_first_line() {
        let text = "Home\u{a0}> China News\r\nXi Jinping and President Barack Obama\r\n";
        let diags = check(text);
        assert_eq!(diags[0].code, "missing-front-matter");
        assert_eq!(&text[diags[0].range.clone()], "Home\u{a0}> China News");
    }

    #[test]
    fn missing_and_empty_required_fields() {
        let text = "---\ntitle: T\nmeeting:\nparticipants: []\n---\n";
        let mut got = codes(text);
        got.sort();
        assert_eq!(got, ["empty-field", "empty-field", "missing-field", "missing-field", "missing-field"]);
    }

    #[test]
    fn bad_date_is_malformed_with_the_reason() {
        let diags = check(&GOOD.replace("2014-02-14", "2014-13-45"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "malformed-value");
        assert!(diags[0].message.contains("no month 13"), "{}", diags[0].message);
    }

    #[test]
    fn list_where_a_scalar_belongs() {
        let diags = check(&GOOD.replace("location: Beijing", "location: [Beijing]"));
        assert_eq!(diags.iter().map(|d| d.code).collect::<Vec<_>>(), ["malformed-value"]);
    }

    #[test]
    fn misspelt_key_suggests_the_field_with_a_fix() {
        let text = GOOD.replace("participants:", "partcipants:");
        let diags = check(&text);
        let unknown = diags.iter().find(|d| d.code == "unknown-key").expect("unknown-key");
        assert!(unknown.message.contains("did you mean `participants`"));
        assert_eq!(unknown.fixes[0].text, "participants");
        assert_eq!(&text[unknown.range.clone()], "partcipants");
        assert!(diags.iter().any(|d| d.code == "missing-field"));
    }

    #[test]
    fn duplicate_key_points_at_the_second() {
        let text = GOOD.replace("source: MFA\n", "source: MFA\nsource: Xinhua\n");
        let diags = check(&text);
        assert_eq!(diags.iter().map(|d| d.code).collect::<Vec<_>>(), ["duplicate-key"]);
        assert!(diags[0].range.start > text.find("source: MFA").unwrap_or(0));
    }

    #[test]
    fn unknown_person_suggests_the_closest_id() {
        let diags = check(&GOOD.replace("john-kerry]", "jon-kerry]"));
        assert_eq!(diags[0].code, "unknown-person");
        assert!(diags[0].message.contains("did you mean `john-kerry`"));
    }

    #[test]
    fn unknown_related_meeting_is_a_warning() {
        let diags = check(&GOOD.replace("source: MFA", "source: MFA\nrelated: [sunnylands-2031]"));
        assert_eq!(diags[0].code, "unknown-meeting");
        assert!(diags[0].message.contains("sunnylands-2013"));
    }

    #[test]
    fn reports_of_one_meeting_must_agree_on_date_and_place() {
        let mut corpus = corpus(KB);
        corpus.meetings.set(
            Path::new("other.txt"),
            Some(MeetingClaim {
                meeting: "xi-kerry-2014".into(),
                date: Some("2014-02-15".into()),
                end: None,
                location: Some("Shanghai".into()),
                format: None,
                span: 0..0,
                place: crate::position::LineRange::new(0, "", ""),
                participants: Vec::new(),
            }),
        );
        let mut got: Vec<_> = check_in(&corpus, GOOD).into_iter().map(|d| (d.code, d.message)).collect();
        got.sort();
        assert_eq!(got[0].0, "meeting-date-conflict");
        assert!(got[0].1.contains("2014-02-15 in other.txt"), "{}", got[0].1);
        assert_eq!(got[1].0, "meeting-location-conflict");
    }

    #[test]
    fn a_date_inside_a_multi_day_meeting_agrees_with_its_entry() {
        let text = GOOD.replace("xi-kerry-2014", "sunnylands-2013").replace("2014-02-14", "2013-06-08");
        assert_eq!(codes(&text), Vec::<&str>::new());
        let text = GOOD.replace("xi-kerry-2014", "sunnylands-2013").replace("2014-02-14", "2013-06-10");
        assert_eq!(codes(&text), ["meeting-date-conflict"]);
    }

    #[test]
    fn boilerplate_line_is_a_hint_with_a_removal() {
        let text = format!("{GOOD}Suggest to a friend:\r\n");
        let diags = check(&text);
        assert_eq!(diags[0].code, "boilerplate");
        assert_eq!(&text[diags[0].range.clone()], "Suggest to a friend:");
        assert_eq!(&text[diags[0].fixes[0].range.clone()], "Suggest to a friend:\r\n");
    }

    #[test]
    fn boilerplate_matches_across_non_breaking_spaces() {
        let kb_text = "[corpus]\nboilerplate = [\"Home > China News\"]\n";
        let diags = check_in(&corpus(kb_text), "Home\u{a0}>\u{a0}China News\nXi met.");
        assert!(diags.iter().any(|d| d.code == "boilerplate"), "{diags:?}");
    }

    #[test]
    fn half_typed_front_matter_gives_few_clear_errors() {
        let diags = check("---\ntitle: T\npartic\n");
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert!(codes.contains(&"unclosed-front-matter"), "{codes:?}");
        assert!(codes.contains(&"front-matter-syntax"), "{codes:?}");
    }
}
