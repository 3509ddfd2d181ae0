//! Checks of what the text says against the metadata: titles held on the report's
//! date, the dateline, the principals, unlisted titled names, page timestamps.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::checks::CorpusView;
use super::diagnostics::{Diagnostic, FixKind};
use super::document::Document;
use super::front_matter::ValueKind;
use super::recognize::dates::ascii_regex;
use super::recognize::people::title_matches;
use super::recognize::timex::Meaning;
use super::recognize::{Analysis, Mention, MentionKind};
use super::resolve::{RefContext, Resolution};

pub fn check(doc: &Document, analysis: &Analysis, corpus: CorpusView, out: &mut Vec<Diagnostic>) {
    let report_day = report_date(doc);
    if let Some(day) = report_day {
        check_titles(analysis, corpus, day, out);
        check_dateline(doc, analysis, day, out);
        check_timestamps(analysis, day, out);
    }
    check_principals(doc, analysis, corpus, out);
    check_unlisted(analysis, out);
    check_meeting_references(doc, analysis, corpus, out);
    check_related(doc, analysis, corpus, out);
}

/// Every meeting the text refers to (but the report's own) belongs in `related`.
fn check_related(doc: &Document, analysis: &Analysis, corpus: CorpusView, out: &mut Vec<Diagnostic>) {
    let Some(fm) = doc.front_matter() else { return };
    let listed: Vec<&str> = fm.list("related").iter().map(|i| i.text.as_str()).collect();
    let line_break = super::fixes::line_break(doc);
    for (m, id) in referred_meetings(analysis, corpus, &RefContext::of(Some(fm))) {
        if listed.contains(&id.as_str()) {
            continue;
        }
        let mut d = Diagnostic::hint(
            "missing-related",
            m.span.clone(),
            format!("the text refers to meeting `{id}`, which `related` does not list"),
        );
        if let Some((range, text)) = super::fixes::add_related(fm, &[id.as_str()], line_break) {
            d = d.with_fix_of(FixKind::AddRelated(vec![id.clone()]), format!("Add `{id}` to related"), range, text);
        }
        out.push(d);
    }
}

/// What a meeting mention means: its id, or a reference resolved against the corpus;
/// `None` for a mention of no meeting.
pub fn meeting_meant(kind: &MentionKind, corpus: CorpusView, context: &RefContext) -> Option<Resolution> {
    match kind {
        MentionKind::Meeting { id } => Some(Resolution::Meeting(id.clone())),
        MentionKind::MeetingRef(clues) => Some(corpus.resolve(clues, context)),
        _ => None,
    }
}

/// The meetings the text refers to, one meeting each (an alias, or a reference that
/// resolves to one), other than the report's own: each with its first mention, in text
/// order. What `missing-related` checks and "Insert a front matter" fills in.
pub fn referred_meetings<'a>(
    analysis: &'a Analysis,
    corpus: CorpusView,
    context: &RefContext,
) -> Vec<(&'a Mention, String)> {
    let mut out: Vec<(&Mention, String)> = Vec::new();
    for m in &analysis.mentions {
        let Some(Resolution::Meeting(id)) = meeting_meant(&m.kind, corpus, context) else { continue };
        if context.own.as_ref() != Some(&id) && !out.iter().any(|(_, seen)| *seen == id) {
            out.push((m, id));
        }
    }
    out
}

/// A meeting reference must mean one meeting: several are ambiguous (naming a few, with
/// a fix pinning each), none is a hint.
fn check_meeting_references(doc: &Document, analysis: &Analysis, corpus: CorpusView, out: &mut Vec<Diagnostic>) {
    let context = RefContext::of(doc.front_matter());
    for m in &analysis.mentions {
        let MentionKind::MeetingRef(clues) = &m.kind else { continue };
        let surface = doc.slice(m.span.clone());
        match corpus.resolve(clues, &context) {
            Resolution::Meeting(_) => {}
            // "the US-China talks": two parties, not a place; no meeting is named.
            Resolution::Unknown if clues.names.is_empty() && !clues.joined.is_empty() => {}
            Resolution::Unknown => out.push(Diagnostic::hint(
                "unknown-meeting-reference",
                m.span.clone(),
                format!("\"{surface}\" matches no meeting the corpus knows: add a [[meeting]] entry or a report of it"),
            )),
            Resolution::Ambiguous { shown, total } => {
                // A large corpus can hold dozens of meetings in one place and year: the
                // message and the fixes name the first few, and say how many more.
                let mut names = shown.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(" or ");
                if total > shown.len() {
                    names.push_str(&format!(" ({} more)", total - shown.len()));
                }
                let mut d = Diagnostic::warning(
                    "ambiguous-meeting",
                    m.span.clone(),
                    format!("\"{surface}\" could be {names}: pin one with a link"),
                );
                for c in &shown {
                    d = d.with_fix(format!("Pin as `{c}`"), m.span.clone(), format!("[{surface}](meeting:{c})"));
                }
                out.push(d);
            }
        }
    }
}

/// The report's `date`, the day roles and datelines are checked against.
fn report_date(doc: &Document) -> Option<Date> {
    doc.front_matter()?.scalar("date")?.parse().ok()
}

fn check_titles(analysis: &Analysis, corpus: CorpusView, day: Date, out: &mut Vec<Diagnostic>) {
    for (mention, id, title) in analysis.people() {
        let (Some(title), Some(person)) = (title, corpus.kb.person(id)) else { continue };
        if held_at_another_time(&analysis.clean.text, &mention.clean) {
            continue;
        }
        let roles: Vec<_> = person.roles.iter().map(|r| r.get_ref()).collect();
        let matching: Vec<_> = roles.iter().filter(|r| title_matches(title, &r.title)).collect();
        // A title none of the person's listed roles has says nothing we can check.
        if matching.is_empty() || matching.iter().any(|r| r.held_on(day)) {
            continue;
        }
        let name = person.name.get_ref();
        let then: Vec<String> = person.roles_on(day).map(|r| format!("{} ({})", r.title, r.tenure())).collect();
        let tenure: Vec<String> = matching.iter().map(|r| r.tenure()).collect();
        let mut message =
            format!("{name} was not {title} on {day}, the report's date ({title}: {})", tenure.join("; "));
        if !then.is_empty() {
            message.push_str(&format!("; then: {}", then.join(", ")));
        }
        out.push(Diagnostic::warning("title-not-held", mention.span.clone(), message));
    }
}

/// Words that put a title in another time than the report's: "former", "ex-",
/// "then-", "the late", "onetime".
static DATING_WORDS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(r"(?i)(?:\b(?:former|formerly|onetime|one-time|erstwhile|late)\b|\b(?:then|ex)-)").ok()
});
/// A list introduced as holders of a title in the past: "two former prime ministers,",
/// "ex-presidents", "the then leaders".
static DATED_LIST: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:former|ex-|then-?|past|previous|late)\s*(?:[a-z]+\s+){0,2}(?:presidents|prime\s+ministers|premiers|chancellors|ministers|secretaries(?:\s+of\s+state)?|leaders|heads\s+of\s+(?:state|government)|ambassadors|governors|senators|kings|queens)\b").ok()
});

/// Whether a titled mention says nothing about the report's date: its title is dated
/// by "former", "then-", "ex-", "the late" written with it, or it stands in a list after
/// "two former prime ministers" in its sentence.
fn held_at_another_time(text: &str, mention: &Range<usize>) -> bool {
    let Some(written) = text.get(mention.clone()) else { return false };
    let mut from = mention.start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let just_before = &text[from..mention.start];
    let dated = |s: &str| DATING_WORDS.as_ref().is_some_and(|re| re.is_match(s));
    // Only the word right before counts ("former U.S. President ..."), not one ending
    // a clause ("... the former. President ...") nor "in late November President ...".
    let mut words = just_before.split_whitespace().rev();
    let (last, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let dated_before = dated(last)
        && !last.ends_with(['.', ';', ':', '!', '?'])
        && (last != "late" || second.eq_ignore_ascii_case("the"));
    if dated(written) || dated_before {
        return true;
    }
    let sentence_start = text[..mention.start].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    DATED_LIST.as_ref().is_some_and(|re| re.is_match(&text[sentence_start..mention.start]))
}

/// The dateline: a paragraph near the top that opens with "On <date>".
fn check_dateline(doc: &Document, analysis: &Analysis, day: Date, out: &mut Vec<Diagnostic>) {
    let text = &analysis.clean.text;
    let Some(field) = doc.front_matter().and_then(|fm| fm.get("date")).and_then(|f| f.value.clone()) else { return };
    for (mention, date) in analysis.dates().take(6) {
        let Some(Meaning::Day { month, day: dd, year, .. }) = date.meaning.clone() else { continue };
        let before = text[..mention.clean.start].trim_end_matches([' ', '\t', '\u{a0}']);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        if before[line_start..].trim() != "On" {
            continue;
        }
        let agrees = day.month() == month && day.day() == dd && year.is_none_or(|y| y == day.year());
        if !agrees {
            let written = date.value.clone().unwrap_or_default();
            out.push(Diagnostic::warning(
                "dateline-mismatch",
                field.span.clone(),
                format!(
                    "`date` is {day}, but the report's dateline says {written} (\"{}\")",
                    &text[mention.clean.clone()]
                ),
            ));
        }
        return;
    }
}

fn check_timestamps(analysis: &Analysis, day: Date, out: &mut Vec<Diagnostic>) {
    for (mention, date) in analysis.dates() {
        let Some(Meaning::Timestamp { date: stamp, .. }) = date.meaning else { continue };
        let days = (stamp - day).get_days();
        if days.abs() > 30 {
            let far =
                if days.abs() >= 365 { format!("{} years", days.abs() / 365) } else { format!("{} days", days.abs()) };
            let side = if days > 0 { "after" } else { "before" };
            out.push(Diagnostic::hint(
                "page-timestamp",
                mention.span.clone(),
                format!("a page timestamp {far} {side} the report's date: likely when the page was captured, not when the meeting was"),
            ));
        }
    }
}

/// Words that make a sentence about a meeting, and titles of people who report on one
/// rather than take part.
static MEETING_WORDS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:meets?|met|meeting|talks|summit|held|holds|visit|visits|visited|call|phone)\b").ok()
});
const REPORTERS: [&str; 4] = ["Spokesperson", "Spokesman", "Spokeswoman", "Correspondent"];

/// A person named in a meeting sentence of the title or first paragraph must be in
/// `participants`.
fn check_principals(doc: &Document, analysis: &Analysis, corpus: CorpusView, out: &mut Vec<Diagnostic>) {
    let Some(fm) = doc.front_matter() else { return };
    let Some(participants) = fm.get("participants") else { return };
    let listed: Vec<&str> = fm.list("participants").iter().map(|i| i.text.as_str()).collect();
    let list_end = match participants.value.as_ref().map(|v| (&v.kind, v.span.clone())) {
        Some((ValueKind::List(_), span)) => Some(span.end - 1),
        _ => None,
    };
    let mut seen: Vec<String> = Vec::new();
    let mut flag = |id: &str, span: Range<usize>, out: &mut Vec<Diagnostic>| {
        if listed.contains(&id) || seen.iter().any(|s| s == id) || corpus.kb.person(id).is_none() {
            return;
        }
        seen.push(id.to_string());
        let mut d = Diagnostic::warning(
            "missing-participant",
            span,
            format!("`{id}` is named as taking part in the meeting but is not in `participants`"),
        );
        if let Some(at) = list_end {
            let sep = if listed.is_empty() { "" } else { ", " };
            d = d.with_fix(format!("Add `{id}` to participants"), at..at, format!("{sep}{id}"));
        }
        out.push(d);
    };
    // The title, as the front matter gives it.
    if let Some(title) = fm.get("title").and_then(|f| f.value.clone())
        && let ValueKind::Scalar(text) = &title.kind
        && MEETING_WORDS.as_ref().is_some_and(|re| re.is_match(text))
    {
        for p in corpus.recognizers.people().find(text) {
            if !p.title.as_deref().is_some_and(|t| REPORTERS.iter().any(|r| t.eq_ignore_ascii_case(r))) {
                // Offsets are the title's when it is not quoted.
                let span = title.span.start + p.span.start..title.span.start + p.span.end;
                let span = if span.end <= title.span.end { span } else { title.span.clone() };
                flag(&p.id, span, out);
            }
        }
    }
    for (mention, id) in lead_principals(analysis) {
        flag(id, mention.span.clone(), out);
    }
}

/// The people the lead (the first paragraph of prose) names in a sentence about a
/// meeting, reporters left out: the meeting's principals.
pub fn lead_principals(analysis: &Analysis) -> Vec<(&super::recognize::Mention, &str)> {
    match prose_paragraphs(&analysis.clean.text).next() {
        Some(paragraph) => principals_in(analysis, paragraph),
        None => Vec::new(),
    }
}

/// The people a paragraph names in a sentence about a meeting, reporters left out.
pub fn principals_in(analysis: &Analysis, paragraph: Range<usize>) -> Vec<(&super::recognize::Mention, &str)> {
    let text = &analysis.clean.text;
    let mut out = Vec::new();
    for (mention, id, title) in analysis.people() {
        if mention.clean.start < paragraph.start || mention.clean.end > paragraph.end {
            continue;
        }
        let sentence = sentence_around(text, &mention.clean);
        let reporter = title.is_some_and(|t| REPORTERS.iter().any(|r| t.eq_ignore_ascii_case(r)));
        if !reporter && MEETING_WORDS.as_ref().is_some_and(|re| re.is_match(&text[sentence])) {
            out.push((mention, id));
        }
    }
    out
}

/// The paragraphs of prose, in order: lines of at least twelve words (headlines,
/// bylines and residue are shorter).
pub fn prose_paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let range = start..start + line.len();
        start += line.len();
        (line.split_whitespace().count() >= 12).then_some(range)
    })
}

fn sentence_around(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = text[..span.start].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let end = text[span.end..].find(['.', '!', '?', '\n']).map_or(text.len(), |i| span.end + i);
    start..end
}

/// A role title followed by a capitalised name that no person entry matched:
/// "Foreign Minister Qin Gang".
static TITLED_NAME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(r"\b(?:President|Vice President|Premier|Prime Minister|Chancellor|Secretary of State|Foreign Minister|Defen[cs]e Minister|Minister|Spokesperson|Ambassador|Senator|Speaker|Governor|Secretary-General)\s+(?P<name>[A-Z][a-z]+(?:[- ][A-Z][a-z]+){0,2})\b").ok()
});

fn check_unlisted(analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let Some(re) = TITLED_NAME.as_ref() else { return };
    let text = &analysis.clean.text;
    let mut seen: Vec<String> = Vec::new();
    for caps in re.captures_iter(text) {
        let (Some(all), Some(name)) = (caps.get(0), caps.name("name")) else { continue };
        // Mentions are sorted and disjoint, so their ends increase too: only the last
        // one starting before the match ends can overlap it.
        let i = analysis.mentions.partition_point(|m| m.clean.start < all.end());
        let known = i > 0 && all.start() < analysis.mentions[i - 1].clean.end;
        // "President Xi" may stand before words that are no name: "President Of".
        if known || seen.iter().any(|s| s == name.as_str()) || name.as_str().split(' ').count() < 2 {
            continue;
        }
        seen.push(name.as_str().to_string());
        out.push(Diagnostic::hint(
            "unlisted-person",
            analysis.clean.range_to_doc(&all.range()),
            format!("\"{}\" is no [[person]] in corpus.toml; add one to recognise and check them", all.as_str()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exempt(text: &str, mention: &str) -> bool {
        let start = text.find(mention).unwrap_or(0);
        held_at_another_time(text, &(start..start + mention.len()))
    }

    #[test]
    fn former_then_ex_and_the_late_date_a_title() {
        assert!(exempt("She met former German chancellor Angela Merkel.", "former German chancellor Angela Merkel"));
        assert!(exempt("He met then-Vice President Biden.", "Vice President Biden"));
        assert!(exempt("He met ex-President Obama.", "President Obama"));
        assert!(exempt("He recalled the late Prime Minister Abe.", "Prime Minister Abe"));
        assert!(exempt(
            "Two former prime ministers, Prime Minister Major and Prime Minister Blair, wrote.",
            "Prime Minister Blair"
        ));
    }

    #[test]
    fn a_title_of_the_day_is_checked() {
        assert!(!exempt("Chancellor Merkel met President Obama.", "President Obama"));
        assert!(!exempt("It was the former. President Obama spoke.", "President Obama"));
        // A list earlier in the report, in another sentence, dates nothing here.
        assert!(!exempt("Two former prime ministers came. Prime Minister Major spoke.", "Prime Minister Major"));
        assert!(!exempt("They met in late November. President Obama spoke.", "President Obama"));
        assert!(!exempt("They met in late November President Obama said.", "President Obama"));
        assert!(!exempt("", ""));
        assert!(!exempt("é President Xi", "President Xi"));
    }
}
