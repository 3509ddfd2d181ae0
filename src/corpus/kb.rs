//! `corpus.toml`: the corpus's settings and its knowledge base of people, meetings and
//! places, read with serde and kept with the spans its diagnostics point at.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::diagnostics::Diagnostic;
use super::fields;

pub mod keys;
mod limits;

pub const MANIFEST: &str = "corpus.toml";

#[derive(Debug, Default, Deserialize)]
pub struct Kb {
    #[serde(default)]
    pub corpus: CorpusSection,
    #[serde(default)]
    pub person: Vec<Person>,
    #[serde(default)]
    pub meeting: Vec<Meeting>,
    #[serde(default)]
    pub place: Vec<Place>,
    /// Lookups by id, built once per load: a check or a keystroke must not scan every
    /// entry of a large knowledge base.
    #[serde(skip)]
    index: KbIndex,
}

#[derive(Debug, Default)]
struct KbIndex {
    person: HashMap<String, usize>,
    meeting: HashMap<String, usize>,
    place: HashMap<String, usize>,
    /// Tells this load from every other, for answers cached against it.
    generation: u64,
}

/// The generation of the next knowledge base built.
static GENERATIONS: AtomicU64 = AtomicU64::new(1);

#[derive(Debug, Default, Deserialize)]
pub struct CorpusSection {
    pub name: Option<String>,
    /// Globs of report files, relative to corpus.toml; `["**/*.txt"]` when absent.
    pub documents: Option<Vec<Spanned<String>>>,
    /// The fields every report must have; DESIGN's six when absent.
    pub required: Option<Vec<Spanned<String>>>,
    /// Lines of scrape residue, matched whole after trimming.
    #[serde(default)]
    pub boilerplate: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Person {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub country: Option<String>,
    pub wikidata: Option<String>,
    #[serde(default)]
    pub roles: Vec<Spanned<Role>>,
}

#[derive(Debug, Deserialize)]
pub struct Role {
    pub title: String,
    pub from: Option<Spanned<Datetime>>,
    pub to: Option<Spanned<Datetime>>,
}

#[derive(Debug, Deserialize)]
pub struct Meeting {
    pub id: Spanned<String>,
    pub title: Option<String>,
    pub date: Option<Spanned<Datetime>>,
    pub end: Option<Spanned<Datetime>>,
    pub location: Option<String>,
    /// The `[[place]]` id where it took place.
    pub place: Option<Spanned<String>>,
    pub format: Option<String>,
    #[serde(default)]
    pub participants: Vec<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct Place {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub within: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

impl Role {
    pub fn from_date(&self) -> Option<Date> {
        self.from.as_ref().and_then(|d| civil_date(d.get_ref()))
    }

    pub fn to_date(&self) -> Option<Date> {
        self.to.as_ref().and_then(|d| civil_date(d.get_ref()))
    }

    /// Whether the role was held on `day`; an unknown start or end is open.
    pub fn held_on(&self, day: Date) -> bool {
        self.from_date().is_none_or(|f| f <= day) && self.to_date().is_none_or(|t| day <= t)
    }

    /// "2013-02-01 – 2017-01-20", "2024-05-20 –", "– 2011-01-03".
    pub fn tenure(&self) -> String {
        let show = |d: Option<Date>| d.map_or(String::new(), |d| d.to_string());
        format!("{} – {}", show(self.from_date()), show(self.to_date())).trim().to_string()
    }
}

impl Person {
    /// The roles held on `day`.
    pub fn roles_on(&self, day: Date) -> impl Iterator<Item = &Role> {
        self.roles.iter().map(|r| r.get_ref()).filter(move |r| r.held_on(day))
    }
}

/// A TOML date as a calendar date; `None` for a bare time or an impossible day.
pub fn civil_date(value: &Datetime) -> Option<Date> {
    let d = value.date?;
    Date::new(i16::try_from(d.year).ok()?, i8::try_from(d.month).ok()?, i8::try_from(d.day).ok()?).ok()
}

impl Kb {
    /// Reads corpus.toml. On a syntax or schema error the knowledge base is empty and
    /// the error is a diagnostic at its position; the server keeps its last good one.
    /// Empty names and lists or strings over their bounds are reported and left out
    /// (see `limits`), so no matcher ever sees them.
    pub fn parse(text: &str) -> (Option<Kb>, Vec<Diagnostic>) {
        let root = match toml::de::DeTable::parse(text) {
            Ok(root) => root,
            Err(err) => return (None, vec![toml_error("toml-syntax", &err)]),
        };
        // Unknown keys are found in the parsed tree, before serde skips them.
        let unknown = keys::unknown(root.get_ref());
        match Kb::deserialize(toml::de::Deserializer::from(root)) {
            Ok(mut kb) => {
                let mut diagnostics = limits::enforce(&mut kb, text);
                kb.build_index();
                diagnostics.extend(kb.check());
                diagnostics.extend(unknown);
                (Some(kb), diagnostics)
            }
            Err(err) => {
                let mut diagnostics = vec![toml_error("toml-schema", &err)];
                diagnostics.extend(unknown);
                (None, diagnostics)
            }
        }
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.index.person.get(id).and_then(|&i| self.person.get(i))
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.index.meeting.get(id).and_then(|&i| self.meeting.get(i))
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.index.place.get(id).and_then(|&i| self.place.get(i))
    }

    /// Which load of a knowledge base this is: never the same for two loads.
    pub fn generation(&self) -> u64 {
        self.index.generation
    }

    fn build_index(&mut self) {
        // The first of duplicate ids wins, as duplicates are reported.
        let ids = |ids: Vec<&str>| {
            let mut map = HashMap::new();
            for (i, id) in ids.into_iter().enumerate() {
                map.entry(id.to_string()).or_insert(i);
            }
            map
        };
        self.index = KbIndex {
            person: ids(self.person.iter().map(|p| p.id.get_ref().as_str()).collect()),
            meeting: ids(self.meeting.iter().map(|m| m.id.get_ref().as_str()).collect()),
            place: ids(self.place.iter().map(|p| p.id.get_ref().as_str()).collect()),
            generation: GENERATIONS.fetch_add(1, Ordering::Relaxed),
        };
    }

    /// The fields a report must have.
    pub fn required_fields(&self) -> Vec<String> {
        match &self.corpus.required {
            Some(list) => list.iter().map(|s| s.get_ref().clone()).collect(),
            None => fields::FIELDS.iter().filter(|f| f.required_by_default).map(|f| f.key.to_string()).collect(),
        }
    }

    /// The globs of report files with their spans in corpus.toml (none for the default).
    pub fn document_globs(&self) -> Vec<(String, Option<Range<usize>>)> {
        match &self.corpus.documents {
            Some(globs) => globs.iter().map(|g| (g.get_ref().clone(), Some(g.span()))).collect(),
            None => vec![("**/*.txt".to_string(), None)],
        }
    }

    /// The knowledge base's own consistency checks.
    fn check(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        duplicate_ids(self.person.iter().map(|p| &p.id), "person", &mut out);
        duplicate_ids(self.meeting.iter().map(|m| &m.id), "meeting", &mut out);
        duplicate_ids(self.place.iter().map(|p| &p.id), "place", &mut out);
        for person in &self.person {
            for role in &person.roles {
                check_role(person, role, &mut out);
            }
        }
        self.check_aliases(&mut out);
        for meeting in &self.meeting {
            for participant in &meeting.participants {
                if self.person(participant.get_ref()).is_none() {
                    out.push(Diagnostic::error(
                        "unknown-reference",
                        participant.span(),
                        format!(
                            "meeting `{}` names participant `{}`, who has no [[person]] entry",
                            meeting.id.get_ref(),
                            participant.get_ref()
                        ),
                    ));
                }
            }
            if let Some(place) = &meeting.place
                && self.place(place.get_ref()).is_none()
            {
                out.push(Diagnostic::error(
                    "unknown-reference",
                    place.span(),
                    format!(
                        "meeting `{}` is at place `{}`, which has no [[place]] entry",
                        meeting.id.get_ref(),
                        place.get_ref()
                    ),
                ));
            }
        }
        for key in self.corpus.required.iter().flatten() {
            if fields::spec(key.get_ref()).is_none() {
                out.push(Diagnostic::warning(
                    "unknown-reference",
                    key.span(),
                    format!("`{}` in `required` is no front-matter field", key.get_ref()),
                ));
            }
        }
        out
    }

    /// One alias (or name) must lead to one person: report a string that two claim.
    fn check_aliases(&self, out: &mut Vec<Diagnostic>) {
        let mut claimed: HashMap<String, &str> = HashMap::new();
        for person in &self.person {
            let id = person.id.get_ref().as_str();
            let mut own = vec![&person.name];
            own.extend(person.aliases.iter());
            let mut seen_here = Vec::new();
            for alias in own {
                let key = alias.get_ref().to_lowercase();
                if seen_here.contains(&key) {
                    continue;
                }
                seen_here.push(key.clone());
                match claimed.get(&key) {
                    Some(other) if *other != id => out.push(Diagnostic::error(
                        "alias-conflict",
                        alias.span(),
                        format!(
                            "\"{}\" is claimed by `{other}` and `{id}`: a mention of it could be either",
                            alias.get_ref()
                        ),
                    )),
                    _ => {
                        claimed.insert(key, id);
                    }
                }
            }
        }
    }
}

fn toml_error(code: &'static str, err: &toml::de::Error) -> Diagnostic {
    let range = err.span().unwrap_or(0..0);
    Diagnostic::error(code, range, format!("corpus.toml: {}", err.message().trim()))
}

fn duplicate_ids<'a>(ids: impl Iterator<Item = &'a Spanned<String>>, what: &str, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, Range<usize>> = HashMap::new();
    for id in ids {
        if first.contains_key(id.get_ref().as_str()) {
            out.push(Diagnostic::error(
                "duplicate-id",
                id.span(),
                format!("{what} id `{}` is defined twice", id.get_ref()),
            ));
        } else {
            first.insert(id.get_ref(), id.span());
        }
        if !fields::is_id(id.get_ref()) {
            out.push(Diagnostic::warning(
                "malformed-value",
                id.span(),
                format!("`{}` is not an id: use lowercase letters, digits and hyphens", id.get_ref()),
            ));
        }
    }
}

fn check_role(person: &Person, role: &Spanned<Role>, out: &mut Vec<Diagnostic>) {
    let r = role.get_ref();
    for bound in [&r.from, &r.to].into_iter().flatten() {
        if civil_date(bound.get_ref()).is_none() {
            out.push(Diagnostic::error(
                "malformed-value",
                bound.span(),
                "a role's `from` and `to` are dates: `from = 2013-02-01`",
            ));
        }
    }
    let from = r.from.as_ref().and_then(|d| civil_date(d.get_ref()));
    let to = r.to.as_ref().and_then(|d| civil_date(d.get_ref()));
    if let (Some(from), Some(to), Some(to_span)) = (from, to, r.to.as_ref().map(|t| t.span()))
        && to < from
    {
        out.push(Diagnostic::error(
            "role-dates",
            to_span,
            format!("{}'s role \"{}\" ends on {to}, before it starts on {from}", person.name.get_ref(), r.title),
        ));
    }
}

/// Where the entry holding byte `at` of corpus.toml's `text` begins: its `[[person]]`
/// or `[[meeting]]` line, the last line before `at` that opens a table array; `at`
/// itself when there is none (an inline table, a text that does not match).
pub fn entry_start(text: &str, at: usize) -> usize {
    let Some(before) = text.get(..at) else { return at };
    let mut end = before.len();
    loop {
        let start = before[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = &before[start..end];
        let trimmed = line.trim_start();
        if trimmed.starts_with("[[") {
            return start + line.len() - trimmed.len();
        }
        if start == 0 {
            return at;
        }
        end = start - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        Kb::parse(text).1.iter().map(|d| d.code).collect()
    }

    #[test]
    fn reads_people_roles_meetings_and_places() {
        let (kb, diags) = Kb::parse(
            r#"
[corpus]
name = "test"
[[person]]
id = "john-kerry"
name = "John Kerry"
aliases = ["Kerry"]
roles = [{ title = "United States Secretary of State", from = 2013-02-01, to = 2017-01-20 }]
[[meeting]]
id = "sunnylands-2013"
date = 2013-06-07
participants = ["john-kerry"]
[[place]]
id = "beijing"
name = "Beijing"
"#,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let kb = kb.expect("parsed");
        let kerry = kb.person("john-kerry").expect("kerry");
        let to = kerry.roles[0].get_ref().to.as_ref().and_then(|d| civil_date(d.get_ref()));
        assert_eq!(to, Some(jiff::civil::date(2017, 1, 20)));
        assert!(kb.meeting("sunnylands-2013").is_some());
        assert_eq!(kb.required_fields().len(), 6);
    }

    #[test]
    fn syntax_error_points_at_its_position() {
        let text = "[corpus]\nname = \"x\n";
        let (kb, diags) = Kb::parse(text);
        assert!(kb.is_none());
        assert_eq!(diags[0].code, "toml-syntax");
        assert!(diags[0].range.start >= 8, "{:?}", diags[0].range);
    }

    #[test]
    fn an_empty_place_name_is_an_error_and_never_reaches_the_matchers() {
        let text = "[[place]]\nid = \"x\"\nname = \"\"\n[[meeting]]\nid = \"m\"\nplace = \"x\"\n";
        let (kb, diags) = Kb::parse(text);
        let kb = kb.expect("parsed");
        assert!(kb.place.is_empty() && kb.place("x").is_none());
        // The meeting's place is now unknown, and said so after the empty name.
        assert_eq!(diags.iter().map(|d| d.code).collect::<Vec<_>>(), ["malformed-value", "unknown-reference"]);
        assert_eq!(&text[diags[0].range.clone()], "\"\"");
    }

    #[test]
    fn schema_error_is_not_a_syntax_error() {
        assert_eq!(codes("[[person]]\nid = 3\nname = \"X\"\n"), ["toml-schema"]);
    }

    #[test]
    fn finds_duplicate_ids_reversed_roles_alias_conflicts_and_unknown_references() {
        let text = r#"
[[person]]
id = "a"
name = "Alpha"
aliases = ["President"]
roles = [{ title = "T", from = 2017-01-01, to = 2016-01-01 }]
[[person]]
id = "a"
name = "Beta"
[[person]]
id = "c"
name = "Gamma"
aliases = ["president"]
[[meeting]]
id = "m"
participants = ["nobody"]
"#;
        let mut got = codes(text);
        got.sort();
        assert_eq!(got, ["alias-conflict", "duplicate-id", "role-dates", "unknown-reference"]);
    }

    #[test]
    fn an_entry_starts_at_its_table_array_line() {
        let text = "[corpus]\nname = \"x\"\n\n  [[person]]\n# the Secretary\nid = \"john-kerry\"\n";
        let at = text.find("john-kerry").unwrap_or(0);
        assert_eq!(&text[entry_start(text, at)..entry_start(text, at) + 10], "[[person]]");
        assert_eq!(entry_start(text, 3), 3, "no entry before");
        assert_eq!(entry_start(text, text.len() + 5), text.len() + 5, "out of the text");
        assert_eq!(entry_start("é[[", 1), 1, "not a character boundary");
    }
}
