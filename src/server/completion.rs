//! Completion: front-matter keys not yet present; person ids in `participants`; meeting
//! ids in `meeting` and `related`; ids inside inline links; for `date`, the days the
//! report's own text names.

use std::sync::LazyLock;

use regex::Regex;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionResponse, CompletionTextEdit, Documentation,
    Position, Range, TextEdit, Uri,
};

use super::position::{from_lsp, to_lsp};
use super::state::{Role, State};
use crate::corpus::document::Document;
use crate::corpus::fields::{FIELDS, Form};
use crate::corpus::recognize::dates::ascii_regex;
use crate::corpus::resolve::RefContext;
use crate::corpus::text_checks::referred_meetings;
use crate::corpus::workspace::Corpus;

/// Meeting ids offered at once; the editor asks again as more of the id is typed.
const MAX_MEETINGS: usize = 100;

/// `](kind:partial` right before the cursor, in the body.
static LINK_TARGET: LazyLock<Option<Regex>> =
    LazyLock::new(|| ascii_regex(r"\]\((?P<kind>person|meeting|place|date):[A-Za-z0-9-]*$").ok());

pub fn completion(state: &State, uri: &Uri, pos: Position) -> Option<CompletionResponse> {
    let analysis = state.analysis(uri);
    let od = state.doc(uri)?;
    let Some(Role::Report(corpus, _)) = Some(state.role_of(&od.path)) else { return None };
    let rope = od.doc.rope();
    let at = from_lsp(rope, pos, state.encoding);
    let line_start = rope.line_to_byte(rope.byte_to_line(at));
    let prefix = od.doc.slice(line_start..at);
    // The id being typed: the letters, digits and hyphens before the cursor.
    let typed = prefix.len() - prefix.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '-').len();
    let range = Range::new(to_lsp(rope, at - typed, state.encoding), pos);
    let in_front_matter = od.doc.front_matter().is_some_and(|fm| fm.open.end <= at && at <= fm.end());
    let mut incomplete = false;
    let items = if in_front_matter {
        match prefix.split_once(':') {
            None => keys(
                od.doc.front_matter().map(|fm| fm.fields.iter().map(|f| f.key.clone()).collect()).unwrap_or_default(),
                range,
            ),
            Some((key, _)) => match key.trim() {
                "participants" => people(corpus, range),
                "meeting" => meetings(corpus, range, &od.doc, &[], &prefix[prefix.len() - typed..], &mut incomplete),
                "related" => {
                    let referred: Vec<String> = analysis
                        .as_ref()
                        .map(|a| {
                            let ctx = RefContext::of(od.doc.front_matter());
                            referred_meetings(a, corpus.view(), &ctx).into_iter().map(|(_, id)| id).collect()
                        })
                        .unwrap_or_default();
                    meetings(corpus, range, &od.doc, &referred, &prefix[prefix.len() - typed..], &mut incomplete)
                }
                "date" | "end" => analysis
                    .map(|a| {
                        let mut days: Vec<String> =
                            a.dates().filter_map(|(_, d)| d.day.map(|x| x.to_string())).collect();
                        days.dedup();
                        days.into_iter()
                            .map(|d| item(&d, CompletionItemKind::CONSTANT, "a day the report names", range))
                            .collect()
                    })
                    .unwrap_or_default(),
                "format" => match crate::corpus::fields::spec("format").map(|s| s.form) {
                    Some(Form::OneOf(words)) => {
                        words.iter().map(|w| item(w, CompletionItemKind::ENUM_MEMBER, "", range)).collect()
                    }
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            },
        }
    } else {
        let kind = LINK_TARGET.as_ref()?.captures(&prefix)?.name("kind")?.as_str().to_string();
        match kind.as_str() {
            "person" => people(corpus, range),
            "meeting" => meetings(corpus, range, &od.doc, &[], &prefix[prefix.len() - typed..], &mut incomplete),
            "place" => corpus
                .kb
                .place
                .iter()
                .map(|p| item(p.id.get_ref(), CompletionItemKind::MODULE, p.name.get_ref(), range))
                .collect(),
            _ => Vec::new(),
        }
    };
    Some(CompletionResponse::List(CompletionList { is_incomplete: incomplete, items }))
}

fn item(label: &str, kind: CompletionItemKind, detail: &str, range: Range) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: (!detail.is_empty()).then(|| detail.to_string()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: label.to_string() })),
        ..Default::default()
    }
}

fn keys(present: Vec<String>, range: Range) -> Vec<CompletionItem> {
    FIELDS
        .iter()
        .filter(|f| !present.iter().any(|p| p == f.key))
        .map(|f| CompletionItem {
            label: f.key.to_string(),
            kind: Some(CompletionItemKind::PROPERTY),
            detail: Some(f.form.describe()),
            documentation: Some(Documentation::String(f.meaning.to_string())),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: format!("{}: ", f.key) })),
            // Required fields first.
            sort_text: Some(format!("{}{}", u8::from(!f.required_by_default), f.key)),
            ..Default::default()
        })
        .collect()
}

fn people(corpus: &Corpus, range: Range) -> Vec<CompletionItem> {
    corpus
        .kb
        .person
        .iter()
        .map(|p| {
            let mut i = item(p.id.get_ref(), CompletionItemKind::VALUE, p.name.get_ref(), range);
            // Typing the name finds the id too.
            i.filter_text = Some(format!("{} {}", p.id.get_ref(), p.name.get_ref()));
            i
        })
        .collect()
}

/// The meeting ids offered, best fit first (see [`Corpus::meetings_by_fit`]): those whose
/// id holds what is typed, at most [`MAX_MEETINGS`]; `incomplete` when more are left, so
/// that the editor asks again as the id is typed.
fn meetings(
    corpus: &Corpus,
    range: Range,
    doc: &Document,
    referred: &[String],
    typed: &str,
    incomplete: &mut bool,
) -> Vec<CompletionItem> {
    let ctx = RefContext::of(doc.front_matter());
    // The id being typed is this report's own claim until it is finished: not offered
    // unless another report or an entry has it too.
    let only_here =
        |id: &str| id == typed && corpus.kb.meeting(id).is_none() && corpus.meetings.reports_of(id).count() <= 1;
    let mut matching =
        corpus.meetings_by_fit(&ctx, referred).into_iter().filter(|c| c.id.contains(typed) && !only_here(&c.id));
    let mut out = Vec::new();
    for (rank, choice) in matching.by_ref().take(MAX_MEETINGS).enumerate() {
        let info = corpus.meeting_info(&choice.id);
        let place = info.as_ref().and_then(|i| i.title.map(str::to_string).or_else(|| i.location.clone()));
        let day = choice.first_day.map(|d| d.to_string()).unwrap_or_default();
        let why = match choice.fit {
            0 => " · the text refers to it",
            1 => " · on this report's day, with its participants",
            _ => "",
        };
        let detail = format!("{day} {}{why}", place.unwrap_or_default());
        let mut i = item(&choice.id, CompletionItemKind::EVENT, detail.trim(), range);
        i.sort_text = Some(format!("{rank:05}"));
        i.preselect = (rank == 0 && choice.fit <= 1).then_some(true);
        out.push(i);
    }
    *incomplete = matching.next().is_some();
    out
}
