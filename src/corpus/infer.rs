//! A front matter inferred from a raw report's text, for the "insert front matter"
//! action: every value the text supports, and the other required fields left empty so
//! that `check` names what the annotator still has to write.

use std::sync::LazyLock;

use regex::Regex;

use super::checks::CorpusView;
use super::recognize::dates::ascii_regex;
use super::recognize::timex::{Context, Meaning, resolve};
use super::recognize::{Analysis, MentionKind};
use super::resolve::RefContext;
use super::text_checks::{principals_in, prose_paragraphs, referred_meetings};

/// "Xinhua | November 18, 2024": an outlet and the day it published.
static SOURCE_LINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(r"^\s*(?P<source>[^|\n]{2,60}?)\s*\|\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})\s*$").ok()
});

pub fn front_matter(analysis: &Analysis, corpus: CorpusView) -> Inferred {
    let text = &analysis.clean.text;
    let boilerplate: Vec<String> = corpus.kb.corpus.boilerplate.iter().map(|b| fold(b)).collect();
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| {
            l.split_whitespace().count() >= 4
                && !boilerplate.contains(&fold(l))
                && !SOURCE_LINE.as_ref().is_some_and(|re| re.is_match(l))
        })
        .map(str::to_string);
    // "Source | date" near the top gives the source and the publication day.
    let (source, published) = text
        .lines()
        .take(12)
        .find_map(|l| {
            let caps = SOURCE_LINE.as_ref()?.captures(l)?;
            let day = analysis.dates().find(|(m, _)| text[m.clean.clone()] == caps["date"]).and_then(|(_, d)| d.day)?;
            Some((Some(caps["source"].to_string()), Some(day)))
        })
        .unwrap_or((None, None));
    // The lead: the first three paragraphs of prose, where reports say who met, when
    // and where. The day: a full date there, else one placed against the publication.
    let lead: Vec<std::ops::Range<usize>> = prose_paragraphs(text).take(3).collect();
    let in_lead = |r: &std::ops::Range<usize>| lead.iter().any(|p| p.start <= r.start && r.end <= p.end);
    let date = analysis.dates().filter(|(m, _)| in_lead(&m.clean)).find_map(|(_, d)| match &d.meaning {
        Some(Meaning::Day { year: Some(_), .. }) => d.day,
        Some(m @ Meaning::Day { year: None, .. }) => {
            published.and_then(|p| resolve(m, Some(p), &mut Context::default()).ok()?.day)
        }
        _ => None,
    });
    // The principals of the first paragraph that names any.
    let mut participants: Vec<String> = Vec::new();
    let principals = lead.iter().map(|p| principals_in(analysis, p.clone())).find(|found| !found.is_empty());
    for (_, id) in principals.unwrap_or_default() {
        if !participants.iter().any(|p| p == id) {
            participants.push(id.to_string());
        }
    }
    let location = analysis.mentions.iter().find(|m| in_lead(&m.clean)).and_then(|_| {
        let place = analysis.mentions.iter().filter(|m| in_lead(&m.clean)).find_map(|m| match &m.kind {
            MentionKind::Place { id } => corpus.kb.place(id),
            _ => None,
        })?;
        Some(match &place.within {
            Some(within) => format!("{}, {within}", place.name.get_ref()),
            None => place.name.get_ref().clone(),
        })
    });
    // A meeting the corpus knows already: its id, and its location as its reports (or
    // its entry) write it, so the new report does not conflict with them.
    let known = date.and_then(|d| known_meeting(corpus, &d.to_string(), &participants));
    let (meeting, location) = match known {
        Some((id, Some(written))) => (Some(id), Some(written)),
        Some((id, None)) => (Some(id), location),
        None => (None, location),
    };
    let context = RefContext { day: date.or(published), participants: participants.clone(), own: meeting.clone() };
    let related: Vec<String> = referred_meetings(analysis, corpus, &context).into_iter().map(|(_, id)| id).collect();
    let list = |ids: &[String]| (!ids.is_empty()).then(|| format!("[{}]", ids.join(", ")));
    Inferred(vec![
        ("title", title),
        ("meeting", meeting),
        ("date", date.map(|d| d.to_string())),
        ("location", location),
        ("participants", list(&participants)),
        ("related", list(&related)),
        ("source", source),
        ("published", published.map(|p| p.to_string())),
    ])
}

/// The fields inferred, in front-matter order; `None` where the text says nothing.
pub struct Inferred(Vec<(&'static str, Option<String>)>);

impl Inferred {
    pub fn value(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| *k == key).and_then(|(_, v)| v.as_deref())
    }

    /// A `key: value` line, empty where nothing was inferred.
    pub fn line(&self, key: &str) -> String {
        match self.value(key) {
            Some(v) => format!("{key}: {v}\n"),
            None => format!("{key}:\n"),
        }
    }

    /// A whole front matter: the fields with a value, and the others empty but for
    /// `related` and `published`, which are optional.
    pub fn render(&self) -> String {
        let mut out = String::from("---\n");
        for (key, value) in &self.0 {
            if value.is_some() || !["related", "published"].contains(key) {
                out.push_str(&self.line(key));
            }
        }
        out.push_str("---\n");
        out
    }
}

/// A meeting the corpus already knows on that day with those participants: its id and
/// the location its entry or its first report gives.
pub(super) fn known_meeting(
    corpus: CorpusView,
    day: &str,
    participants: &[String],
) -> Option<(String, Option<String>)> {
    let same = |ids: &[&str]| !participants.is_empty() && participants.iter().all(|p| ids.contains(&p.as_str()));
    for m in &corpus.kb.meeting {
        let date = m.date.as_ref().and_then(|d| super::kb::civil_date(d.get_ref())).map(|d| d.to_string());
        let ids: Vec<&str> = m.participants.iter().map(|p| p.get_ref().as_str()).collect();
        if date.as_deref() == Some(day) && same(&ids) {
            return Some((m.id.get_ref().clone(), m.location.clone()));
        }
    }
    let found = corpus.meetings.known().find(|(_, c)| {
        let ids: Vec<&str> = c.participants.iter().map(String::as_str).collect();
        c.date.as_deref() == Some(day) && same(&ids)
    });
    found.map(|(id, c)| (id.to_string(), c.location.clone().filter(|l| !l.is_empty())))
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::document::Document;
    use crate::corpus::recognize::analyze;

    fn inferred(raw: &str) -> String {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let toml = std::fs::read_to_string(root.join("seeds/corpus.toml")).expect("corpus.toml");
        let corpus = crate::corpus::workspace::Corpus::from_manifest(root, &toml);
        let text = std::fs::read_to_string(root.join("tests/fixtures/raw").join(raw)).expect("raw seed");
        let doc = Document::new(&text);
        front_matter(&analyze(&doc, corpus.recognizers()), corpus.view()).render()
    }

    #[test]
    fn the_lima_report_gives_its_source_publication_day_date_place_and_principals() {
        assert_eq!(
            inferred("003_1bc3eefbf81d6a5d.txt"),
            "---\ntitle: Chinese foreign ministry spokesperson on meeting between Chinese, US Presidents in Lima\n\
             meeting:\ndate: 2024-11-16\nlocation: Lima, Peru\nparticipants: [xi-jinping, joe-biden]\n\
             related: [virtual-2021, bali-2022]\nsource: Xinhua\n\
             published: 2024-11-18\n---\n"
        );
    }

    #[test]
    fn a_known_meeting_gives_its_id_and_its_location_as_its_report_writes_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let toml = std::fs::read_to_string(root.join("seeds/corpus.toml")).expect("corpus.toml");
        let mut corpus = crate::corpus::workspace::Corpus::from_manifest(root, &toml);
        let seed = root.join("seeds/001_590ab6f40908b9bc.txt");
        let annotated = Document::new(&std::fs::read_to_string(&seed).expect("seed"));
        corpus.set_report(&seed, Some(&annotated));
        let text = std::fs::read_to_string(root.join("tests/fixtures/raw/001_590ab6f40908b9bc.txt")).expect("raw");
        let doc = Document::new(&text);
        let inferred = front_matter(&analyze(&doc, corpus.recognizers()), corpus.view());
        assert_eq!(inferred.value("meeting"), Some("wang-kerry-2014"));
        // The seed writes "Beijing"; the text alone would give "Beijing, China".
        assert_eq!(inferred.value("location"), Some("Beijing"));
    }

    #[test]
    fn the_meetings_the_text_refers_to_are_related() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let toml = std::fs::read_to_string(root.join("seeds/corpus.toml")).expect("corpus.toml");
        let mut corpus = crate::corpus::workspace::Corpus::from_manifest(root, &toml);
        for seed in ["000_bd05f014e72710d3.txt", "001_590ab6f40908b9bc.txt", "004_bfd07e8ce2afdc7f.txt"] {
            let path = root.join("seeds").join(seed);
            let annotated = Document::new(&std::fs::read_to_string(&path).expect("seed"));
            corpus.set_report(&path, Some(&annotated));
        }
        let text = std::fs::read_to_string(root.join("tests/fixtures/raw/003_1bc3eefbf81d6a5d.txt")).expect("raw");
        let doc = Document::new(&text);
        let inferred = front_matter(&analyze(&doc, corpus.recognizers()), corpus.view());
        // "the meeting in San Francisco in 2023": 004's meeting, known from its report.
        let related = inferred.value("related").unwrap_or_default();
        assert!(related.contains("san-francisco-2023"), "{related:?}");
        assert!(inferred.render().contains(&format!("related: {related}\n")));
    }

    #[test]
    fn the_beijing_press_conference_gives_its_dateline_and_the_great_hall() {
        assert_eq!(
            inferred("000_bd05f014e72710d3.txt"),
            "---\ntitle: Xi Jinping and President Barack Obama of the US Jointly Meet the Press\nmeeting:\n\
             date: 2014-11-12\nlocation: Great Hall of the People, Beijing\nparticipants: [xi-jinping, barack-obama]\n\
             related: [sunnylands-2013]\nsource:\n---\n"
        );
    }
}
