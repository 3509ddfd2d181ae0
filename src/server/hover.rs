//! Hovers in the front matter: what a key means, and who or what an id names.

use std::fmt::Write;

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::position::{from_lsp, range_to_lsp};
use super::state::{OpenDoc, Role, State};
use crate::corpus::fields;
use crate::corpus::front_matter::ValueKind;
use crate::corpus::kb::{Kb, civil_date};
use crate::corpus::workspace::Corpus;

pub fn hover(state: &State, od: &OpenDoc, pos: Position) -> Option<Hover> {
    let rope = od.doc.rope();
    let at = from_lsp(rope, pos, state.encoding);
    let fm = od.doc.front_matter()?;
    let field = fm.fields.iter().find(|f| f.span.start <= at && at <= f.span.end)?;
    let corpus = match od.path.as_deref().map(|p| state.role_of(p)) {
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
            _ => return None,
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
        range: Some(range_to_lsp(rope, &range, state.encoding)),
    })
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
    let mut out = format!("**{}**", p.name.get_ref());
    if let Some(country) = &p.country {
        let _ = write!(out, " ({country})");
    }
    for role in &p.roles {
        let r = role.get_ref();
        let from = r.from.as_ref().and_then(|d| civil_date(d.get_ref())).map_or("?".to_string(), |d| d.to_string());
        let to = r.to.as_ref().and_then(|d| civil_date(d.get_ref())).map_or(String::new(), |d| d.to_string());
        let _ = write!(out, "\n- {}, {from} – {to}", r.title);
    }
    if let Some(q) = &p.wikidata {
        let _ = write!(out, "\n\nWikidata: [{q}](https://www.wikidata.org/wiki/{q})");
    }
    Some(out)
}

fn meeting_text(corpus: &Corpus, id: &str) -> Option<String> {
    let entry = corpus.kb.meeting(id);
    let reports: Vec<_> = corpus.meetings.reports_of(id).collect();
    if entry.is_none() && reports.is_empty() {
        return None;
    }
    let title = entry.and_then(|m| m.title.clone()).unwrap_or_else(|| format!("Meeting `{id}`"));
    let mut out = format!("**{title}**");
    let date = entry
        .and_then(|m| m.date.as_ref())
        .and_then(|d| civil_date(d.get_ref()))
        .map(|d| d.to_string())
        .or_else(|| reports.iter().find_map(|(_, c)| c.date.clone()));
    let place = entry.and_then(|m| m.location.clone()).or_else(|| reports.iter().find_map(|(_, c)| c.location.clone()));
    if let Some(date) = date {
        let _ = write!(out, "\n\n{date}");
    }
    if let Some(place) = place {
        let _ = write!(out, ", {place}");
    }
    if let Some(m) = entry {
        let names: Vec<String> = m.participants.iter().map(|p| p.get_ref().clone()).collect();
        if !names.is_empty() {
            let _ = write!(out, "\n\nParticipants: {}", names.join(", "));
        }
    }
    let _ = write!(out, "\n\nReports: {}", reports.len());
    for (path, _) in reports.iter().take(10) {
        let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let _ = write!(out, "\n- {name}");
    }
    Some(out)
}
