//! `summit-ls init [DIR]`: a starter corpus.toml for a folder of raw reports, commented,
//! with a `[[person]]` stub for each titled name its reports use ("Foreign Minister Qin
//! Gang"). It never overwrites a corpus.toml. Only the command line writes files; the
//! server never does.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::printable;
use crate::corpus::checks::check_report;
use crate::corpus::kb::MANIFEST;
use crate::corpus::recognize::people::split_title;
use crate::corpus::workspace::{Corpus, load_report};

/// At most this many stubs, the most often named first: a starter file, not a census.
pub const MAX_STUBS: usize = 200;

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{}: no such folder", printable(.0))]
    NotFound(PathBuf),
    #[error("{}: not a folder; give the folder of the reports", printable(.0))]
    NotAFolder(PathBuf),
    #[error("{}: already exists; init never overwrites it (summit-ls check checks that corpus)", printable(.0))]
    Exists(PathBuf),
    #[error("{}: cannot write: {}", printable(.0), .1)]
    Write(PathBuf, io::Error),
}

/// What `init` wrote.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub reports: usize,
    pub people: usize,
}

/// A person the reports name with a title, and how.
#[derive(Debug, Default)]
struct Suggested {
    name: String,
    /// The titled forms written ("Foreign Minister Qin Gang"), in order of first use.
    written: Vec<String>,
    titles: Vec<String>,
    reports: usize,
}

pub fn run(dir: &Path) -> Result<Written, InitError> {
    if !dir.exists() {
        return Err(InitError::NotFound(dir.to_path_buf()));
    }
    if !dir.is_dir() {
        return Err(InitError::NotAFolder(dir.to_path_buf()));
    }
    let path = dir.join(MANIFEST);
    if path.exists() {
        return Err(InitError::Exists(path));
    }
    let corpus = Corpus::from_manifest(dir, "");
    let reports = corpus.report_paths();
    let people = suggest_people(&corpus, &reports);
    let text = render(&corpus_name(dir), &people, reports.len());
    // `create_new`: a corpus.toml written meanwhile is not overwritten either.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    match written {
        Ok(()) => Ok(Written { path, reports: reports.len(), people: people.len().min(MAX_STUBS) }),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(InitError::Exists(path)),
        Err(e) => Err(InitError::Write(path, e)),
    }
}

/// The titled names of the reports, as the `unlisted-person` hint finds them against an
/// empty knowledge base, by id; the most often named first.
fn suggest_people(corpus: &Corpus, reports: &[PathBuf]) -> Vec<(String, Suggested)> {
    let per_report: Vec<Vec<(String, String, String)>> = reports
        .par_iter()
        .map(|path| {
            let report = load_report(path);
            let text = report.doc.text();
            check_report(&report.doc, path, corpus.view())
                .into_iter()
                .filter(|d| d.code == "unlisted-person")
                .filter_map(|d| {
                    let written = text.get(d.range.clone())?.trim().to_string();
                    let (title, name) = split_title(&written)?;
                    Some((written, title, name))
                })
                .collect()
        })
        .collect();
    let mut by_id: BTreeMap<String, Suggested> = BTreeMap::new();
    for found in per_report {
        let mut here: Vec<String> = Vec::new();
        for (written, title, name) in found {
            let id = id_of(&name);
            if id.is_empty() {
                continue;
            }
            let entry = by_id.entry(id.clone()).or_insert_with(|| Suggested { name, ..Default::default() });
            if !entry.written.contains(&written) {
                entry.written.push(written);
            }
            if !entry.titles.contains(&title) {
                entry.titles.push(title);
            }
            if !here.contains(&id) {
                entry.reports += 1;
                here.push(id);
            }
        }
    }
    let mut people: Vec<(String, Suggested)> = by_id.into_iter().collect();
    people.sort_by(|a, b| b.1.reports.cmp(&a.1.reports).then_with(|| a.0.cmp(&b.0)));
    people
}

/// "Qin Gang" → `qin-gang`: lowercase ASCII words joined by hyphens.
fn id_of(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn corpus_name(dir: &Path) -> String {
    let absolute = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    absolute.file_name().map_or_else(|| "reports".to_string(), |n| n.to_string_lossy().into_owned())
}

/// A TOML string, quoted and escaped.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn render(name: &str, people: &[(String, Suggested)], reports: usize) -> String {
    let mut out = format!(
        r#"# corpus.toml: this folder is a summit-ls corpus. Every key is optional; the
# reference of every key is docs/corpus-toml.md in the summit-ls repository.
# Written by `summit-ls init` for {reports} report{s}; check them with `summit-ls check`.

[corpus]
name = {name}
# Which files are reports, as globs relative to this file (default: every .txt below it).
# documents = ["**/*.txt"]
# The front-matter fields every report must have (these six are the default).
# required = ["title", "meeting", "date", "location", "participants", "source"]
# Lines of scrape residue, hinted in each report with a fix that removes them.
# boilerplate = ["Suggest to a friend:", "Like Us on Facebook"]
"#,
        s = if reports == 1 { "" } else { "s" },
        name = quoted(name),
    );
    if people.is_empty() {
        out.push_str(
            "\n# No titled names were found in the reports. A person looks like this:\n#\n\
             # [[person]]\n# id = \"john-kerry\"\n# name = \"John Kerry\"\n# aliases = [\"Kerry\", \"Secretary of State Kerry\"]\n\
             # roles = [{ title = \"United States Secretary of State\", from = 2013-02-01, to = 2017-01-20 }]\n",
        );
    } else {
        out.push_str(
            "\n# People the reports name with a title, the most often named first. Check each:\n\
             # delete those that are no person, merge those that are one, and give each role\n\
             # its dates (`from = 2013-02-01, to = 2017-01-20`): titles are checked against them.\n",
        );
        if people.len() > MAX_STUBS {
            out.push_str(&format!(
                "# The first {MAX_STUBS} of {} are written; `summit-ls check` hints at the others.\n",
                people.len()
            ));
        }
    }
    for (id, p) in people.iter().take(MAX_STUBS) {
        let aliases: Vec<String> = p.written.iter().map(|w| quoted(w)).collect();
        let roles: Vec<String> = p.titles.iter().map(|t| format!("{{ title = {} }}", quoted(t))).collect();
        out.push_str(&format!(
            "\n[[person]]\nid = {}\nname = {}\naliases = [{}]\n# country = \"\"\n# wikidata = \"\"\nroles = [{}]\n# named in {} report{}\n",
            quoted(id),
            quoted(&p.name),
            aliases.join(", "),
            roles.join(", "),
            p.reports,
            if p.reports == 1 { "" } else { "s" },
        ));
    }
    out.push_str(
        r#"
# A meeting the reports mention but that has no report of its own:
#
# [[meeting]]
# id = "sunnylands-2013"
# date = 2013-06-07
# location = "Annenberg Estate, Rancho Mirage, California"
# participants = ["xi-jinping", "barack-obama"]
# aliases = ["Annenberg Estate meeting"]
#
# A place with another name or an enclosing place:
#
# [[place]]
# id = "annenberg-estate"
# name = "Annenberg Estate"
# aliases = ["Sunnylands"]
# within = "Rancho Mirage, California"
"#,
    );
    out
}

/// Prints what was written and what to do next.
pub fn print_written(w: &Written, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "wrote {}: {} report{}, {} [[person]] stub{} from titled names; next: summit-ls check {}",
        printable(&w.path),
        w.reports,
        if w.reports == 1 { "" } else { "s" },
        w.people,
        if w.people == 1 { "" } else { "s" },
        printable(w.path.parent().unwrap_or(Path::new("."))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::kb::Kb;

    fn person(name: &str, written: &[&str], titles: &[&str], reports: usize) -> (String, Suggested) {
        (
            id_of(name),
            Suggested {
                name: name.to_string(),
                written: written.iter().map(|s| s.to_string()).collect(),
                titles: titles.iter().map(|s| s.to_string()).collect(),
                reports,
            },
        )
    }

    #[test]
    fn the_starter_file_reads_without_a_diagnostic_and_holds_the_stubs() {
        let people = vec![
            person("Qin Gang", &["Foreign Minister Qin Gang"], &["Foreign Minister"], 2),
            person("Wang \"Yi\"", &["Minister Wang \"Yi\""], &["Minister"], 1),
        ];
        let text = render("reports \"2024\"", &people, 3);
        let (kb, diags) = Kb::parse(&text);
        assert!(diags.is_empty(), "{diags:?}\n{text}");
        let kb = kb.expect("parsed");
        let qin = kb.person("qin-gang").expect("qin-gang");
        assert_eq!(qin.name.get_ref(), "Qin Gang");
        assert_eq!(qin.aliases[0].get_ref(), "Foreign Minister Qin Gang");
        assert_eq!(qin.roles[0].get_ref().title, "Foreign Minister");
        assert_eq!(kb.person("wang-yi").expect("quotes escaped").name.get_ref(), "Wang \"Yi\"");
        assert_eq!(kb.corpus.name.as_deref(), Some("reports \"2024\""));
        assert_eq!(kb.required_fields().len(), 6, "the defaults, commented");
    }

    #[test]
    fn without_titled_names_the_file_shows_a_commented_person() {
        let text = render("x", &[], 0);
        let (kb, diags) = Kb::parse(&text);
        assert!(diags.is_empty() && kb.expect("parsed").person.is_empty(), "{diags:?}");
        assert!(text.contains("# [[person]]"));
    }

    #[test]
    fn ids_are_hyphenated_lowercase_words() {
        assert_eq!(id_of("Qin Gang"), "qin-gang");
        assert_eq!(id_of("Jean-Yves Le Drian"), "jean-yves-le-drian");
        assert_eq!(id_of("Ñ"), "");
    }
}
