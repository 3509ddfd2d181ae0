//! Code lenses: above each `[[person]]` and `[[meeting]]` entry of corpus.toml, and on
//! a report's `meeting:` line, how much of the corpus is about it. The lenses are sent
//! bare and their counts filled in when the editor shows them (`codeLens/resolve`);
//! clicking one shows its references, through a command the editor maps to its own.

use serde_json::{Value, json};
use tower_lsp_server::ls_types::{CodeLens, Command, Range, Uri};

use super::position::range_to_lsp;
use super::references;
use super::state::{Role, State};
use super::target::Target;
use super::uris::path_of;
use crate::corpus::fields;
use crate::corpus::kb::entry_start;
use crate::corpus::meeting_links::{MeetingCounts, PersonCounts};

/// The command a lens runs: the VS Code extension maps it to
/// `editor.action.showReferences`, Neovim's config to the quickfix list. Its arguments:
/// the document's URI, the lens's position and the locations.
pub const SHOW_REFERENCES: &str = "summit-ls.showReferences";

/// The corpus changed on disk or has been read: the counts shown are out of date. The
/// request is sent from a task of its own, as a client that never answers must not hold
/// up indexing.
pub fn refresh(backend: &super::Backend) {
    if backend.state.lock().client.code_lens_refresh {
        let client = backend.client.clone();
        tokio::spawn(async move { client.code_lens_refresh().await });
    }
}

/// The lenses of a document, without their counts.
pub fn lenses(state: &State, uri: &Uri) -> Vec<CodeLens> {
    let Some(od) = state.doc(uri) else { return Vec::new() };
    let rope = od.doc.rope();
    let bare = |range: Range, kind: &str, id: &str| CodeLens {
        range,
        command: None,
        data: Some(json!({ "uri": uri.as_str(), "kind": kind, "id": id })),
    };
    match state.role_of(&od.path) {
        Role::Manifest(corpus) => {
            // Entries of a corpus.toml that does not parse stand where its text no longer is.
            if !corpus.manifest_is_current() {
                return Vec::new();
            }
            let text = corpus.manifest_text();
            let at = |span: std::ops::Range<usize>| {
                let start = entry_start(text, span.start);
                range_to_lsp(rope, &(start..start), state.encoding)
            };
            let people = corpus.kb.person.iter().map(|p| bare(at(p.id.span()), "person", p.id.get_ref()));
            let meetings = corpus.kb.meeting.iter().map(|m| bare(at(m.id.span()), "meeting", m.id.get_ref()));
            let mut out: Vec<CodeLens> = people.chain(meetings).collect();
            out.sort_by_key(|l| (l.range.start.line, l.range.start.character));
            out
        }
        Role::Report(..) => {
            let Some(field) = od.doc.front_matter().and_then(|fm| fm.get("meeting")) else { return Vec::new() };
            let Some(id) = od.doc.front_matter().and_then(|fm| fm.scalar("meeting")).filter(|id| fields::is_id(id))
            else {
                return Vec::new();
            };
            let start = field.span.start;
            vec![bare(range_to_lsp(rope, &(start..start), state.encoding), "meeting", id)]
        }
        Role::Unrelated => Vec::new(),
    }
}

/// A lens with its counts and the command that shows its references. A lens whose data
/// is not one of ours, or whose corpus is gone, comes back as it came.
pub fn resolve(state: &State, mut lens: CodeLens) -> CodeLens {
    if let Some(command) = lens.data.as_ref().and_then(|data| command(state, data, lens.range)) {
        lens.command = Some(command);
    }
    lens
}

fn command(state: &State, data: &Value, range: Range) -> Option<Command> {
    let uri: Uri = data.get("uri")?.as_str()?.parse().ok()?;
    let id = data.get("id")?.as_str().filter(|id| fields::is_id(id))?.to_string();
    let path = path_of(&uri)?;
    let corpus = state.corpus_root_of(&path).and_then(|root| state.host.corpora.get(&root))?;
    let (title, target) = match data.get("kind")?.as_str()? {
        "person" => (person_title(corpus.person_counts(&id)), Target::Person(id)),
        "meeting" => (meeting_title(corpus.meeting_counts(&id)), Target::Meetings(vec![id])),
        _ => return None,
    };
    let locations = references::of_target(state, corpus, &target, false);
    Some(Command {
        title: format!("{title}{}", super::hover::so_far(corpus)),
        command: SHOW_REFERENCES.into(),
        arguments: Some(vec![json!(uri.as_str()), json!(range.start), json!(locations)]),
    })
}

fn person_title(c: PersonCounts) -> String {
    parts(&[(c.reports, "report", ""), (c.mentions, "mention", ""), (c.meetings, "meeting", " taken part in")])
}

fn meeting_title(c: MeetingCounts) -> String {
    let referred =
        if c.referred_by == 0 { String::new() } else { format!("referred to by {}", count(c.referred_by, "meeting")) };
    let mut title = parts(&[(c.reports, "report", ""), (c.mentions, "mention", "")]);
    if !referred.is_empty() {
        title = if c.reports + c.mentions == 0 { referred } else { format!("{title} · {referred}") };
    }
    title
}

/// The counts that are not zero, joined; "no reports or mentions" when all are.
fn parts(counts: &[(usize, &str, &str)]) -> String {
    let shown: Vec<String> =
        counts.iter().filter(|(n, ..)| *n > 0).map(|(n, what, after)| format!("{}{after}", count(*n, what))).collect();
    if shown.is_empty() { "no reports or mentions".into() } else { shown.join(" · ") }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::host::Change;
    use std::path::{Path, PathBuf};

    /// A state with the seeds' corpus.toml and one open report, the other reports not
    /// read yet: as just after a report is opened at start-up.
    fn opened(report: &str) -> (State, Uri, PathBuf) {
        let root = PathBuf::from("/corpus");
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let manifest = std::fs::read_to_string(seeds.join("corpus.toml")).unwrap_or_default();
        let text = std::fs::read_to_string(seeds.join(report)).unwrap_or_default();
        let mut state = State::new();
        state.host.apply_change(Change::ManifestOnDisk { root: root.clone(), text: Some(manifest) });
        let path = root.join(report);
        state.host.apply_change(Change::Opened { path: path.clone(), text, version: 1 });
        let uri = super::super::uris::uri_of(&path).unwrap_or_else(|| "file:///corpus/x.txt".parse().expect("uri"));
        state.track(&uri, &path);
        (state, uri, root)
    }

    fn titles(state: &State, uri: &Uri) -> Vec<String> {
        lenses(state, uri).into_iter().filter_map(|l| resolve(state, l).command.map(|c| c.title)).collect()
    }

    #[test]
    fn counts_read_before_the_corpus_is_whole_say_so() {
        let (mut state, uri, root) = opened("003_1bc3eefbf81d6a5d.txt");
        assert_eq!(titles(&state, &uri), ["1 report · 2 mentions so far (still reading the corpus)"]);
        let generation = state.host.corpora.get(&root).map(|c| c.kb.generation()).unwrap_or_default();
        state.host.apply_change(Change::IndexingDone { root, generation });
        assert_eq!(titles(&state, &uri), ["1 report · 2 mentions"]);
    }

    #[test]
    fn a_report_with_a_malformed_meeting_id_has_no_lens() {
        let (mut state, uri, _) = opened("003_1bc3eefbf81d6a5d.txt");
        if let Some(od) = state.doc_mut(&uri) {
            let text = od.doc.text().replace("meeting: lima-2024", "meeting: ../Lima 2024");
            od.doc.replace_all(&text);
        }
        let path = state.path_of(&uri).map(Path::to_path_buf).unwrap_or_default();
        state.host.apply_change(Change::Edited { path });
        assert!(lenses(&state, &uri).is_empty());
    }

    #[test]
    fn a_lens_of_another_server_or_of_a_forgotten_corpus_comes_back_as_it_came() {
        let (state, _, _) = opened("003_1bc3eefbf81d6a5d.txt");
        let range = Range::default();
        for data in [
            json!(null),
            json!({ "uri": "file:///elsewhere/corpus.toml", "kind": "person", "id": "xi-jinping" }),
            json!({ "uri": "file:///corpus/corpus.toml", "kind": "place", "id": "lima" }),
            json!({ "uri": "file:///corpus/corpus.toml", "kind": "person", "id": "../x" }),
            json!({ "uri": 7, "kind": [], "id": {} }),
        ] {
            let lens = CodeLens { range, command: None, data: Some(data) };
            assert_eq!(resolve(&state, lens.clone()), lens);
        }
    }

    #[test]
    fn a_lens_names_only_the_counts_that_apply() {
        let person = PersonCounts { reports: 2, mentions: 7, meetings: 1 };
        assert_eq!(person_title(person), "2 reports · 7 mentions · 1 meeting taken part in");
        assert_eq!(person_title(PersonCounts::default()), "no reports or mentions");
        let meeting = MeetingCounts { reports: 3, mentions: 41, referred_by: 7 };
        assert_eq!(meeting_title(meeting), "3 reports · 41 mentions · referred to by 7 meetings");
        let entry_only = MeetingCounts { reports: 0, mentions: 0, referred_by: 1 };
        assert_eq!(meeting_title(entry_only), "referred to by 1 meeting");
        assert_eq!(meeting_title(MeetingCounts { reports: 1, mentions: 0, referred_by: 0 }), "1 report");
    }
}
