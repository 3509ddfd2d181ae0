//! What a place in a file points at, and where the corpus has it: the person or the
//! meetings under a cursor, their definitions, their references, and the edits that
//! rename an id. Answers are paths and byte ranges; the server turns them into
//! locations.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::document::Document;
use super::fields;
use super::front_matter::{Item, ValueKind};
use super::mention_index::{self, Posting};
use super::recognize::{Analysis, MentionKind};
use super::resolve::RefContext;
use super::workspace::Corpus;

/// What a place points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Person(String),
    /// The meetings a mention means: one, or none when a reference is ambiguous.
    Meetings(Vec<String>),
}

impl Target {
    /// The one id a rename would change.
    pub fn single_id(&self) -> Option<&str> {
        match self {
            Target::Person(id) => Some(id),
            Target::Meetings(ids) if ids.len() == 1 => Some(&ids[0]),
            Target::Meetings(_) => None,
        }
    }
}

/// A stretch of a file: its path and byte range.
pub type Place = (PathBuf, Range<usize>);

/// What byte `at` of the open file `path` (in `corpus`) points at: in corpus.toml the
/// id of a `[[person]]` or `[[meeting]]` entry; in a report an id of its front matter
/// (`meeting`, `related`, `participants`) or a mention of its body. A reference to a
/// meeting points at the meeting it resolves to; an ambiguous one is a diagnostic, not
/// a reference to every candidate.
pub fn target_at(
    corpus: &Corpus,
    path: &Path,
    doc: &Document,
    analysis: Option<&Analysis>,
    at: usize,
) -> Option<Target> {
    if path == corpus.manifest_path() {
        let person = corpus.kb.person.iter().find(|p| contains(&p.id.span(), at));
        let meeting = corpus.kb.meeting.iter().find(|m| contains(&m.id.span(), at));
        return match (person, meeting) {
            (Some(p), _) => Some(Target::Person(p.id.get_ref().clone())),
            (_, Some(m)) => Some(Target::Meetings(vec![m.id.get_ref().clone()])),
            _ => None,
        };
    }
    if at < doc.body_start() {
        let fm = doc.front_matter()?;
        let field = fm.fields.iter().find(|f| contains(&f.span, at))?;
        let value = field.value.as_ref()?;
        let item = |items: &[Item]| items.iter().find(|i| contains(&i.span, at)).map(|i| i.text.clone());
        return match (&value.kind, field.key.as_str()) {
            (ValueKind::Scalar(id), "meeting") => Some(Target::Meetings(vec![id.clone()])),
            (ValueKind::List(items), "related") => Some(Target::Meetings(vec![item(items)?])),
            (ValueKind::List(items), "participants") => Some(Target::Person(item(items)?)),
            _ => None,
        };
    }
    match &analysis?.at(at)?.kind {
        MentionKind::Meeting { id } => Some(Target::Meetings(vec![id.clone()])),
        MentionKind::MeetingRef(clues) => {
            let meant = corpus.resolve(clues, &RefContext::of(doc.front_matter()));
            Some(Target::Meetings(meant.id().map(str::to_string).into_iter().collect()))
        }
        MentionKind::Person { id, .. } => Some(Target::Person(id.clone())),
        _ => None,
    }
}

fn contains(span: &Range<usize>, at: usize) -> bool {
    span.start <= at && at <= span.end
}

/// The `[[person]]` or `[[meeting]]` entries of a target, in corpus.toml.
pub fn entries(corpus: &Corpus, target: &Target) -> Vec<Place> {
    let manifest = corpus.manifest_path();
    match target {
        Target::Person(id) => corpus.kb.person(id).map(|p| (manifest, p.id.span())).into_iter().collect(),
        Target::Meetings(ids) => {
            ids.iter().filter_map(|id| corpus.kb.meeting(id)).map(|m| (manifest.clone(), m.id.span())).collect()
        }
    }
}

/// Where a target is defined: a person's entry; a meeting's `meeting:` value in each
/// of its reports, then its entry.
pub fn definitions(corpus: &Corpus, target: &Target) -> Vec<Place> {
    let mut places = Vec::new();
    if let Target::Meetings(ids) = target {
        for id in ids {
            places.extend(corpus.meetings.reports_of(id).map(|(p, claim)| (p.to_path_buf(), claim.span.clone())));
        }
    }
    places.extend(entries(corpus, target));
    places
}

/// Every mention of a target across the corpus, closed reports included, in path
/// order; with `declaration`, its entries too. A reference counts when it resolves to
/// one of the meetings (see [`Corpus::mentions_of_meetings`]).
pub fn references(corpus: &Corpus, target: &Target, declaration: bool) -> Vec<Place> {
    let found = match target {
        Target::Person(id) => corpus.mentions_of_person(id),
        Target::Meetings(ids) => corpus.mentions_of_meetings(ids),
    };
    let mut places: Vec<Place> = found.into_iter().map(|(p, m)| (p.to_path_buf(), m.span.clone())).collect();
    if declaration {
        places.extend(entries(corpus, target));
    }
    places
}

/// Where the id under byte `at` of `text` is written, when it is `id`: the run of id
/// characters around `at`.
pub fn id_span_at(text: &str, at: usize, id: &str) -> Option<Range<usize>> {
    let at = at.min(text.len());
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let start = text.get(..at)?.rfind(|c: char| !is_id_char(c)).map_or(0, |i| i + 1);
    let end = text.get(at..)?.find(|c: char| !is_id_char(c)).map_or(text.len(), |i| at + i);
    (text.get(start..end) == Some(id)).then_some(start..end)
}

/// Why an id cannot be renamed.
#[derive(Debug, PartialEq, Eq)]
pub enum RenameError {
    /// The cursor is on a meeting reference that means several meetings, or none.
    Ambiguous,
    /// corpus.toml does not parse: its entries' places are not those of its text.
    ManifestStale,
    NotAnId(String),
    Taken {
        id: String,
        person: bool,
    },
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::Ambiguous => {
                write!(f, "this meeting reference is ambiguous: pin it with a link before renaming")
            }
            RenameError::ManifestStale => write!(f, "corpus.toml does not parse as it is: fix it before renaming"),
            RenameError::NotAnId(new) => {
                write!(f, "`{new}` is not an id: use lowercase letters, digits and hyphens")
            }
            RenameError::Taken { id, person } => {
                write!(f, "`{id}` is already the id of another {}", if *person { "person" } else { "meeting" })
            }
        }
    }
}

/// The edits that rename a target's id to `new` everywhere: in corpus.toml (the entry,
/// and a person in the meetings that list them, as quoted strings) and in every
/// report's front matter and links. Each is a place and its new text.
pub fn rename(corpus: &Corpus, target: &Target, new: &str) -> Result<Vec<(Place, String)>, RenameError> {
    let old = target.single_id().ok_or(RenameError::Ambiguous)?;
    if !corpus.manifest_is_current() {
        return Err(RenameError::ManifestStale);
    }
    if !fields::is_id(new) {
        return Err(RenameError::NotAnId(new.to_string()));
    }
    let person = matches!(target, Target::Person(_));
    let taken = if person {
        corpus.kb.person(new).is_some()
    } else {
        corpus.kb.meeting(new).is_some() || corpus.meetings.contains(new)
    };
    if taken && new != old {
        return Err(RenameError::Taken { id: new.to_string(), person });
    }
    let manifest = corpus.manifest_path();
    let mut in_manifest = Vec::new();
    if person {
        in_manifest.extend(corpus.kb.person(old).map(|p| p.id.span()));
        for m in &corpus.kb.meeting {
            in_manifest.extend(m.participants.iter().filter(|p| p.get_ref() == old).map(|p| p.span()));
        }
    } else {
        in_manifest.extend(corpus.kb.meeting(old).map(|m| m.id.span()));
    }
    let mut edits: Vec<(Place, String)> =
        in_manifest.into_iter().map(|r| ((manifest.clone(), r), format!("\"{new}\""))).collect();
    let posting = if person { Posting::Person(old.to_string()) } else { Posting::Meeting(old.to_string()) };
    let written = corpus.mentions.find_in(&[posting], |t| match t {
        mention_index::Target::Person(id) => person && id == old,
        mention_index::Target::Meeting(id) => !person && id == old,
        mention_index::Target::MeetingRef(..) => false,
    });
    edits.extend(
        written.into_iter().filter_map(|(path, m)| Some(((path.to_path_buf(), m.id_span.clone()?), new.to_string()))),
    );
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::recognize::analyze;

    const KB: &str = "[[person]]\nid = \"wang-yi\"\nname = \"Wang Yi\"\n\n[[person]]\nid = \"john-kerry\"\nname = \"John Kerry\"\n\n[[meeting]]\nid = \"m-1\"\ndate = 2014-02-14\nlocation = \"Beijing\"\nparticipants = [\"wang-yi\", \"john-kerry\"]\n";

    fn report(meeting: &str) -> String {
        format!(
            "---\ntitle: t\nmeeting: {meeting}\ndate: 2014-02-14\nlocation: Beijing\nparticipants: [wang-yi, john-kerry]\n---\nWang Yi met [John Kerry](person:john-kerry).\n"
        )
    }

    fn corpus() -> Corpus {
        let mut corpus = Corpus::from_manifest(Path::new("/c"), KB);
        for (name, meeting) in [("a.txt", "m-1"), ("b.txt", "m-1"), ("c.txt", "m-2")] {
            corpus.set_report(&Path::new("/c").join(name), Some(&Document::new(&report(meeting))));
        }
        corpus
    }

    fn at(corpus: &Corpus, path: &str, text: &str, needle: &str) -> Option<Target> {
        let doc = Document::new(text);
        let analysis = analyze(&doc, corpus.recognizers());
        let offset = text.find(needle)? + 1;
        target_at(corpus, Path::new(path), &doc, Some(&analysis), offset)
    }

    #[test]
    fn a_place_points_at_a_front_matter_id_a_mention_or_an_entry() {
        let corpus = corpus();
        let text = report("m-1");
        assert_eq!(at(&corpus, "/c/a.txt", &text, "m-1"), Some(Target::Meetings(vec!["m-1".into()])));
        assert_eq!(at(&corpus, "/c/a.txt", &text, "john-kerry]"), Some(Target::Person("john-kerry".into())));
        assert_eq!(at(&corpus, "/c/a.txt", &text, "Wang Yi met"), Some(Target::Person("wang-yi".into())));
        assert_eq!(at(&corpus, "/c/a.txt", &text, "title"), None);
        assert_eq!(at(&corpus, "/c/corpus.toml", KB, "\"m-1\""), Some(Target::Meetings(vec!["m-1".into()])));
        assert_eq!(at(&corpus, "/c/corpus.toml", KB, "\"wang-yi\""), Some(Target::Person("wang-yi".into())));
    }

    #[test]
    fn a_meeting_is_defined_by_its_reports_and_its_entry_and_referred_to_by_ids() {
        let corpus = corpus();
        let m1 = Target::Meetings(vec!["m-1".into()]);
        let files: Vec<String> = definitions(&corpus, &m1).iter().map(|(p, _)| p.display().to_string()).collect();
        assert_eq!(files, ["/c/a.txt", "/c/b.txt", "/c/corpus.toml"]);
        assert_eq!(references(&corpus, &m1, false).len(), 2, "the `meeting:` value of a and b");
        let kerry = Target::Person("john-kerry".into());
        // Each report: the participants id and the link; and the entry with it.
        assert_eq!(references(&corpus, &kerry, false).len(), 6);
        assert_eq!(references(&corpus, &kerry, true).len(), 7);
    }

    #[test]
    fn a_rename_edits_the_entry_the_meetings_listing_a_person_and_every_written_id() {
        let corpus = corpus();
        let kerry = Target::Person("john-kerry".into());
        let edits = rename(&corpus, &kerry, "j-kerry").unwrap_or_default();
        let in_manifest = edits.iter().filter(|((p, _), _)| p.ends_with("corpus.toml")).count();
        assert_eq!(in_manifest, 2, "the entry and the meeting's participants");
        assert!(edits.iter().filter(|((p, _), _)| p.ends_with("corpus.toml")).all(|(_, t)| t == "\"j-kerry\""));
        // The participants id and the link of each of the three reports.
        assert_eq!(edits.len() - in_manifest, 6);
        assert_eq!(rename(&corpus, &kerry, "wang-yi"), Err(RenameError::Taken { id: "wang-yi".into(), person: true }));
        assert_eq!(rename(&corpus, &kerry, "Not An Id"), Err(RenameError::NotAnId("Not An Id".into())));
        assert_eq!(rename(&corpus, &Target::Meetings(Vec::new()), "x"), Err(RenameError::Ambiguous));
        let mut stale = corpus.clone();
        stale.reload_manifest("[[person]\nbroken");
        assert_eq!(rename(&stale, &kerry, "j-kerry"), Err(RenameError::ManifestStale));
    }

    #[test]
    fn the_id_under_the_cursor_is_found_only_when_it_is_the_id_meant() {
        let text = "related: [m-1, m-12]";
        assert_eq!(id_span_at(text, 11, "m-1"), Some(10..13));
        assert_eq!(id_span_at(text, 16, "m-1"), None);
        assert_eq!(id_span_at(text, 999, "m-12"), None);
        assert_eq!(id_span_at("é", 1, "x"), None, "inside a character: no panic, no id");
    }
}
