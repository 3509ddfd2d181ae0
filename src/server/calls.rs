//! The call hierarchy of meetings: a meeting "calls" the meetings its reports refer to
//! (by `related` or in the text). An item stands at a meeting's `meeting:` line in one
//! of its reports (the one asked from, else the first), or at its `[[meeting]]` entry
//! when no report claims it. The ranges of an outgoing call are those in the item's own
//! report: a meeting of several reports lists what the others refer to too, without
//! ranges, since the protocol places them in the caller's one file.

use std::path::{Path, PathBuf};

use serde_json::json;
use tower_lsp_server::ls_types::{
    CallHierarchyIncomingCall, CallHierarchyItem, CallHierarchyOutgoingCall, Position, SymbolKind, Uri,
};

use super::state::State;
use super::target::{self, Target};
use super::uris::path_of;
use crate::corpus::fields;
use crate::corpus::meeting_links::MeetingLink;
use crate::corpus::workspace::Corpus;

/// The meeting at a position: a `meeting:` or `related:` id, a `[[meeting]]` entry, a
/// link, an alias or a reference that resolves to one meeting.
pub fn prepare(state: &State, uri: &Uri, pos: Position) -> Option<Vec<CallHierarchyItem>> {
    let (root, Target::Meetings(ids)) = target::at(state, uri, pos)? else { return None };
    let corpus = state.host.corpora.get(&root)?;
    let id = ids.first().filter(|id| corpus.knows_meeting(id))?;
    let here = state.path_of(uri);
    Some(vec![item(state, corpus, id, here)?])
}

/// The meetings whose reports refer to the item's: one call per referring report, the
/// caller standing at that report's `meeting:` line.
pub fn incoming(state: &State, of: &CallHierarchyItem) -> Option<Vec<CallHierarchyIncomingCall>> {
    let (corpus, id) = meeting_of(state, of)?;
    let calls = corpus
        .referred_to_by(&id)
        .into_iter()
        .filter_map(|link| {
            let from = item(state, corpus, &link.from, Some(&link.report))?;
            let from_ranges = ranges(state, &link.report, &link);
            Some(CallHierarchyIncomingCall { from, from_ranges })
        })
        .collect();
    Some(calls)
}

/// The meetings the item's reports refer to, one call each.
pub fn outgoing(state: &State, of: &CallHierarchyItem) -> Option<Vec<CallHierarchyOutgoingCall>> {
    let (corpus, id) = meeting_of(state, of)?;
    let home = path_of(&of.uri);
    let links = corpus.refers_to(&id);
    let mut calls: Vec<CallHierarchyOutgoingCall> = Vec::new();
    let mut last: Option<&str> = None;
    for link in &links {
        if last != Some(link.to.as_str()) {
            let Some(to) = item(state, corpus, &link.to, None) else { continue };
            calls.push(CallHierarchyOutgoingCall { to, from_ranges: Vec::new() });
            last = Some(link.to.as_str());
        }
        if home.as_deref() == Some(link.report.as_path())
            && let Some(call) = calls.last_mut()
        {
            call.from_ranges.extend(ranges(state, &link.report, link));
        }
    }
    Some(calls)
}

/// The corpus and meeting id of an item we made: the id is in its data (the name as a
/// fallback, for a client that drops data), the corpus is the one of its file.
fn meeting_of<'a>(state: &'a State, of: &CallHierarchyItem) -> Option<(&'a Corpus, String)> {
    let id = of.data.as_ref().and_then(|d| d.get("id")).and_then(|v| v.as_str()).unwrap_or(of.name.as_str());
    let id = Some(id).filter(|id| fields::is_id(id))?.to_string();
    let path = path_of(&of.uri)?;
    let corpus = state.corpus_root_of(&path).and_then(|root| state.host.corpora.get(&root))?;
    corpus.knows_meeting(&id).then_some((corpus, id))
}

/// The item of meeting `id`, standing at the `meeting:` line of `report` when it claims
/// the meeting, else of its first report, else at its entry.
fn item(state: &State, corpus: &Corpus, id: &str, report: Option<&Path>) -> Option<CallHierarchyItem> {
    let claimed = |path: &Path| corpus.meetings.claim_of(path).filter(|c| c.meeting == id).map(|c| c.span.clone());
    let home: (PathBuf, std::ops::Range<usize>) = match report.and_then(|p| Some((p, claimed(p)?))) {
        Some((path, span)) => (path.to_path_buf(), span),
        None => match corpus.meetings.reports_of(id).next() {
            Some((path, claim)) => (path.to_path_buf(), claim.span.clone()),
            None => (corpus.manifest_path(), corpus.kb.meeting(id)?.id.span()),
        },
    };
    let location = target::locate_each(state, &[home]).into_iter().next().flatten()?;
    let info = corpus.meeting_info(id);
    let detail = info.map(|m| {
        let when_where: Vec<&str> = [m.date.as_deref(), m.location.as_deref()].into_iter().flatten().collect();
        match m.title {
            Some(title) if !when_where.is_empty() => format!("{title} ({})", when_where.join(", ")),
            Some(title) => title.to_string(),
            None => when_where.join(", "),
        }
    });
    Some(CallHierarchyItem {
        name: id.to_string(),
        kind: SymbolKind::EVENT,
        tags: None,
        detail: detail.filter(|d| !d.is_empty()),
        uri: location.uri,
        range: location.range,
        selection_range: location.range,
        data: Some(json!({ "id": id })),
    })
}

fn ranges(state: &State, report: &Path, link: &MeetingLink) -> Vec<tower_lsp_server::ls_types::Range> {
    let places: Vec<_> = link.spans.iter().map(|s| (report.to_path_buf(), s.clone())).collect();
    target::locations(state, &places).into_iter().map(|l| l.range).collect()
}
