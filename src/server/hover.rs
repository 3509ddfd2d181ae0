//! Hovers: in the front matter, what a key means and who or what an id names; in the
//! body, the person, date, place or meeting a mention stands for.

use std::fmt::Write;

use jiff::civil::Date;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Uri};

use super::position::{from_lsp, range_to_lsp};
use super::state::{OpenDoc, Role, State};
use crate::corpus::fields;
use crate::corpus::front_matter::ValueKind;
use crate::corpus::kb::Kb;
use crate::corpus::recognize::people::title_matches;
use crate::corpus::recognize::{DateMention, MentionKind};
use crate::corpus::resolve::{RefContext, Resolution};
use crate::corpus::workspace::Corpus;

pub fn hover(state: &State, uri: &Uri, pos: Position) -> Option<Hover> {
    let od = state.doc(uri)?;
    let at = from_lsp(od.doc.rope(), pos, state.encoding);
    if at < od.doc.body_start() {
        return front_matter_hover(state, od, at);
    }
    let analysis = state.analysis(uri)?;
    let mention = analysis.at(at)?;
    let od = state.doc(uri)?;
    let Some(Role::Report(corpus, _)) = Some(state.role_of(&od.path)) else { return None };
    let report_day = od.doc.front_matter().and_then(|fm| fm.scalar("date")).and_then(|d| d.parse::<Date>().ok());
    let surface = od.doc.slice(mention.span.clone());
    let text = match &mention.kind {
        MentionKind::Person { id, title } => person_mention_text(corpus, id, title.as_deref(), report_day)?,
        MentionKind::Date(date) => date_text(corpus, &surface, date),
        MentionKind::Place { id } => place_text(&corpus.kb, id)?,
        MentionKind::Meeting { id } => meeting_text(corpus, id)?,
        MentionKind::MeetingRef(clues) => {
            let clues_text = clues.describe();
            match corpus.resolve(clues, &RefContext::of(od.doc.front_matter())) {
                Resolution::Meeting(id) => format!("{}\n\n*Found by* {}", meeting_text(corpus, &id)?, md(&clues_text)),
                Resolution::Unknown => {
                    format!("**{}**: no meeting the corpus knows fits ({})", code(&surface), md(&clues_text))
                }
                Resolution::Ambiguous { shown, total } => {
                    let mut text = format!(
                        "**{}** is ambiguous ({}): {} meetings fit: {}",
                        code(&surface),
                        md(&clues_text),
                        total,
                        shown.iter().map(|m| code(m)).collect::<Vec<_>>().join(", ")
                    );
                    if total > shown.len() {
                        let _ = write!(text, " and {} more", total - shown.len());
                    }
                    let _ = write!(text, ". Pin one with a link {}.", code(&format!("[{surface}](meeting:id)")));
                    text
                }
            }
        }
    };
    Some(markdown(text, od.doc.rope(), &mention.span, state.encoding))
}

fn markdown(value: String, rope: &ropey::Rope, range: &std::ops::Range<usize>, unit: crate::position::Unit) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
        range: Some(range_to_lsp(rope, range, unit)),
    }
}

fn front_matter_hover(state: &State, od: &OpenDoc, at: usize) -> Option<Hover> {
    let fm = od.doc.front_matter()?;
    let field = fm.fields.iter().find(|f| f.span.start <= at && at <= f.span.end)?;
    let corpus = match Some(state.role_of(&od.path)) {
        Some(Role::Report(corpus, _)) => Some(corpus),
        _ => None,
    };
    let (text, range) = if field.key_span.contains(&at) || at == field.key_span.end {
        let spec = fields::spec(&field.key)?;
        (key_text(spec), field.key_span.clone())
    } else {
        let value = field.value.as_ref()?;
        let corpus = corpus?;
        match (&value.kind, field.key.as_str()) {
            (ValueKind::List(items), "participants") => {
                let item = items.iter().find(|i| i.span.start <= at && at <= i.span.end)?;
                (person_text(&corpus.kb, &item.text)?, item.span.clone())
            }
            (ValueKind::List(items), "related") => {
                let item = items.iter().find(|i| i.span.start <= at && at <= i.span.end)?;
                (meeting_text(corpus, &item.text)?, item.span.clone())
            }
            (ValueKind::Scalar(id), "meeting") => (meeting_text(corpus, id)?, value.span.clone()),
            (ValueKind::Scalar(_), "location") => {
                let places = corpus.recognizers().location_places(&od.doc);
                let (range, id) = places.into_iter().find(|(r, _)| r.start <= at && at <= r.end)?;
                (place_text(&corpus.kb, &id)?, range)
            }
            _ => return None,
        }
    };
    Some(markdown(text, od.doc.rope(), &range, state.encoding))
}

fn key_text(spec: &fields::FieldSpec) -> String {
    let required = if spec.required_by_default { "required by default" } else { "optional" };
    format!(
        "**`{}`**: {}\n\nForm: {} ({required}). Example: `{}`",
        spec.key,
        spec.meaning,
        spec.form.describe(),
        spec.example
    )
}

fn person_text(kb: &Kb, id: &str) -> Option<String> {
    let p = kb.person(id)?;
    let mut out = format!("**{}**", md(p.name.get_ref()));
    if let Some(country) = &p.country {
        let _ = write!(out, " ({})", md(country));
    }
    person_details(p, &mut out);
    Some(out)
}

fn person_details(p: &crate::corpus::kb::Person, out: &mut String) {
    for role in &p.roles {
        let r = role.get_ref();
        let _ = write!(out, "\n- {}, {}", md(&r.title), r.tenure());
    }
    if let Some(q) = &p.wikidata {
        // Only an item id makes a link; anything else is shown as written.
        if q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit()) {
            let _ = write!(out, "\n\nWikidata: [{q}](https://www.wikidata.org/wiki/{q})");
        } else {
            let _ = write!(out, "\n\nWikidata: {}", md(q));
        }
    }
}

/// A person mention: the role held on the report's date first.
fn person_mention_text(corpus: &Corpus, id: &str, title: Option<&str>, day: Option<Date>) -> Option<String> {
    let p = corpus.kb.person(id)?;
    let mut out = format!("**{}**", md(p.name.get_ref()));
    match day {
        Some(day) => {
            let held: Vec<String> = p.roles_on(day).map(|r| md(&r.title)).collect();
            if held.is_empty() {
                let _ = write!(out, ": no listed role on {day}, the report's date");
            } else {
                let _ = write!(out, ": {} on {day}, the report's date", held.join(", "));
            }
            if let Some(t) = title {
                let matches_held = p.roles_on(day).any(|r| title_matches(t, &r.title));
                let matches_any = p.roles.iter().any(|r| title_matches(t, &r.get_ref().title));
                if matches_any && !matches_held {
                    let _ = write!(out, " (not {} then)", md(t));
                }
            }
        }
        None => out.push_str(": the report has no `date` to place its roles"),
    }
    if let Some(country) = &p.country {
        let _ = write!(out, "\n\nCountry: {}", md(country));
    }
    person_details(p, &mut out);
    let (reports, mentions) = corpus.mentions.totals(id);
    let _ = write!(
        out,
        "\n\nIn the corpus{}: {mentions} mention{} in {reports} report{}",
        so_far(corpus),
        plural(mentions),
        plural(reports)
    );
    Some(out)
}

/// Text from corpus.toml or a report, as Markdown that shows it as written: the
/// marks that make emphasis, code, links, HTML, tables and headings escaped (and only
/// those, since some editors show other escapes as written), line breaks as spaces.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text as a code span, whatever backticks it holds (a fence longer than any run).
fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Said of counts across reports while the corpus is still being read (hovers and
/// code lenses).
pub(super) fn so_far(corpus: &Corpus) -> &'static str {
    if corpus.complete { "" } else { " so far (still reading the corpus)" }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn date_text(corpus: &Corpus, surface: &str, date: &DateMention) -> String {
    let value = match &date.value {
        Ok(v) => v.clone(),
        Err(why) => return format!("**{}**: not resolved: {}", code(surface), md(why)),
    };
    let mut out = format!("**{value}**");
    if let Some(day) = date.day {
        let _ = write!(out, ", {:?}", day.weekday());
    }
    let _ = write!(out, "\n\n{}: {}", code(surface), md(&date.how));
    if let Some(anchor) = date.anchor {
        let _ = write!(out, ", against `{}` ({})", anchor.field.key(), anchor.date);
    }
    if let Some(day) = date.day {
        let meetings = corpus.meetings_on(day);
        if !meetings.is_empty() {
            let ids: Vec<String> = meetings.iter().map(|m| code(m)).collect();
            let _ = write!(out, "\n\nMeetings that day: {}", ids.join(", "));
        }
    }
    out
}

fn place_text(kb: &Kb, id: &str) -> Option<String> {
    let place = kb.place(id)?;
    let mut out = format!("**{}**", md(place.name.get_ref()));
    if let Some(within) = &place.within {
        let _ = write!(out, ", {}", md(within));
    }
    let aliases: Vec<String> = place.aliases.iter().map(|a| md(a.get_ref())).collect();
    if !aliases.is_empty() {
        let _ = write!(out, "\n\nAlso: {}", aliases.join(", "));
    }
    Some(out)
}

fn meeting_text(corpus: &Corpus, id: &str) -> Option<String> {
    let info = corpus.meeting_info(id)?;
    let title = info.title.map_or_else(|| format!("Meeting {}", code(info.id)), md);
    let mut out = format!("**{title}**");
    if let Some(date) = &info.date {
        let _ = write!(out, "\n\n{}", md(date));
    }
    if let Some(place) = &info.location {
        let _ = write!(out, ", {}", md(place));
    }
    if !info.participants.is_empty() {
        let names: Vec<String> = info
            .participants
            .iter()
            .map(|p| md(corpus.kb.person(p).map_or(p.as_str(), |person| person.name.get_ref().as_str())))
            .collect();
        let _ = write!(out, "\n\nParticipants: {}", names.join(", "));
    }
    let _ = write!(out, "\n\nReports{}: {}", so_far(corpus), info.reports.len());
    for path in info.reports.iter().take(10) {
        let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let _ = write!(out, "\n- {}", md(&name));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_text_shows_as_written_in_markdown() {
        assert_eq!(md("*Xi* [a](b) <img>\nnext"), "\\*Xi\\* \\[a\\](b) \\<img\\> next");
        assert_eq!(md("2014-11-12, Lima (Peru)."), "2014-11-12, Lima (Peru).");
        assert_eq!(md("López Obrador"), "López Obrador");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("plain"), "`plain`");
    }
}
