//! People in running text: every name and alias of corpus.toml's `[[person]]` entries,
//! matched leftmost-longest on word boundaries, with the title in front of the name
//! when there is one ("US Secretary of State John Kerry").

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;

use super::dates::ascii_regex;

use crate::corpus::kb::Kb;

#[derive(Debug, Clone, PartialEq)]
pub struct PersonFound {
    /// The whole mention, title included.
    pub span: Range<usize>,
    pub id: String,
    /// The role title written in front of the name, when there is one.
    pub title: Option<String>,
}

pub struct PeopleMatcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern: its text and the person's id.
    patterns: Vec<(String, String)>,
}

/// Titles English news writes before a name; honorifics are matched but carry no role.
const TITLES: &str = r"Vice[- ]President|President|Premier|Prime Minister|Chancellor|Secretary of State|Secretary[- ]General|General Secretary|State Councilor|Foreign Minister|Defen[cs]e Minister|Minister|Secretary|Spokesperson|Spokesman|Spokeswoman|Speaker|Senator|Sen\.|Representative|Rep\.|Governor|Gov\.|Ambassador|Chairman|Chairwoman|Chair|King|Queen|Prince|Crown Prince|Emperor|Mayor|Leader";
const QUALIFIERS: &str =
    r"U\.S\.|US|United States|American|Chinese|China's|China’s|Foreign Ministry|Chinese Foreign Ministry|Former|former";
const HONORIFICS: &str = r"Mr\.|Mrs\.|Ms\.|Dr\.|Madam|Mr|Mrs|Ms|Dr";

/// A title right before a name: `(qualifier )?(honorific )?TITLE ` at the end of the text.
static TITLE_BEFORE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(&format!(r"(?i)(?:(?:{QUALIFIERS})\s+)*(?:(?:{HONORIFICS})\s+)?(?P<title>{TITLES})\s+$")).ok()
});
/// An honorific alone right before a name.
static HONORIFIC_BEFORE: LazyLock<Option<Regex>> =
    LazyLock::new(|| ascii_regex(&format!(r"(?:{HONORIFICS})\s+$")).ok());
/// A title at the start of an alias such as "President Xi" or "Mr. Secretary of State".
static TITLE_AT_START: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(&format!(r"(?i)^(?:(?:{QUALIFIERS})\s+)*(?:(?:{HONORIFICS})\s+)?(?P<title>{TITLES})\b")).ok()
});

impl PeopleMatcher {
    pub fn new(kb: &Kb) -> PeopleMatcher {
        let mut patterns = Vec::new();
        for person in &kb.person {
            let id = person.id.get_ref();
            for name in std::iter::once(&person.name).chain(&person.aliases) {
                if !name.get_ref().trim().is_empty() {
                    patterns.push((name.get_ref().trim().to_string(), id.clone()));
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            // A DFA: the names are few and the reports many; it searches fastest.
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns.iter().map(|(p, _)| p))
            .ok();
        PeopleMatcher { automaton, patterns }
    }

    pub fn find(&self, text: &str) -> Vec<PersonFound> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let mut out = Vec::new();
        for m in ac.find_iter(text) {
            let (pattern, id) = &self.patterns[m.pattern().as_usize()];
            let surface = &text[m.range()];
            // Case-insensitive search, but only the alias as written or in capitals
            // (transcripts' "PRESIDENT OBAMA:") counts: "may" is not "May".
            if surface != pattern && surface != pattern.to_uppercase() {
                continue;
            }
            if !is_word_boundary(text, m.start(), m.end()) {
                continue;
            }
            out.push(with_title(text, m.range(), id));
        }
        out
    }
}

fn with_title(text: &str, name: Range<usize>, id: &str) -> PersonFound {
    let before = &text[..name.start];
    if let Some(caps) = TITLE_BEFORE.as_ref().and_then(|re| re.captures(before))
        && let (Some(all), Some(title)) = (caps.get(0), caps.name("title"))
    {
        return PersonFound { span: all.start()..name.end, id: id.into(), title: Some(title.as_str().into()) };
    }
    if let Some(m) = HONORIFIC_BEFORE.as_ref().and_then(|re| re.find(before)) {
        return PersonFound { span: m.start()..name.end, id: id.into(), title: None };
    }
    let title = TITLE_AT_START
        .as_ref()
        .and_then(|re| re.captures(&text[name.clone()]))
        .and_then(|c| c.name("title").map(|t| t.as_str().to_string()));
    PersonFound { span: name, id: id.into(), title }
}

/// A titled name split into its title and the name: "Foreign Minister Qin Gang" gives
/// ("Foreign Minister", "Qin Gang").
pub fn split_title(written: &str) -> Option<(String, String)> {
    let caps = TITLE_AT_START.as_ref()?.captures(written)?;
    let title = caps.name("title")?;
    let name = written[caps.get(0)?.end()..].trim();
    (!name.is_empty()).then(|| (title.as_str().to_string(), name.to_string()))
}

/// Whether `start..end` stands as whole words: no letter or digit touches it, and a
/// hyphen joins it to a lowercase word ("Mar-a-Lago") but not to a capitalised one
/// ("Xi-Biden").
fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    if joined(before) || joined(after) {
        return false;
    }
    if before == Some('-') {
        let word: String = text[..start - 1].chars().rev().take_while(|c| c.is_alphabetic()).collect();
        if word.chars().last().is_some_and(char::is_lowercase) {
            return false;
        }
    }
    if after == Some('-') {
        let next = text[end + 1..].chars().next();
        if next.is_some_and(char::is_lowercase) {
            return false;
        }
    }
    true
}

/// Whether a title written in a text names a role as corpus.toml words it:
/// "President" is "President of the United States" but not "Vice President of the
/// United States"; "Foreign Minister" is "Minister of Foreign Affairs".
pub fn title_matches(written: &str, role: &str) -> bool {
    let t = normalize_title(written);
    let r = normalize_title(role);
    if t.is_empty() || r.is_empty() {
        return false;
    }
    if r == t || r.starts_with(&format!("{t} of ")) {
        return true;
    }
    let head = r.split(" of ").next().unwrap_or(&r);
    let t_words: Vec<&str> = t.split(' ').collect();
    let r_words: Vec<&str> = r.split(' ').collect();
    head.split(' ').all(|w| t_words.contains(&w)) && t_words.iter().all(|w| r_words.contains(w))
}

fn normalize_title(title: &str) -> String {
    let lower = title.to_lowercase().replace(['.', ','], "").replace('’', "'").replace('-', " ");
    let mut s = format!(" {} ", lower.split_whitespace().collect::<Vec<_>>().join(" "));
    for country in [
        " of the united states ",
        " of the people's republic of china ",
        " of china ",
        " united states ",
        " us ",
        " american ",
        " chinese ",
        " china's ",
        " former ",
        " the ",
    ] {
        s = s.replace(country, " ");
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const KB: &str = r#"
[[person]]
id = "john-kerry"
name = "John Kerry"
aliases = ["Kerry", "Mr. Secretary of State"]
[[person]]
id = "barack-obama"
name = "Barack Obama"
aliases = ["Obama", "President Obama"]
[[person]]
id = "xi-jinping"
name = "Xi Jinping"
aliases = ["Xi", "President Xi"]
[[person]]
id = "theresa-may"
name = "Theresa May"
aliases = ["May", "Mar"]
"#;

    fn found(text: &str) -> Vec<(String, String, Option<String>)> {
        let kb = Kb::parse(KB).0.expect("kb");
        PeopleMatcher::new(&kb).find(text).into_iter().map(|p| (text[p.span].to_string(), p.id, p.title)).collect()
    }

    #[test]
    fn titles_in_front_are_part_of_the_mention() {
        let got = found("Foreign Minister Wang Yi held talks with US Secretary of State John Kerry in Beijing.");
        assert_eq!(
            got,
            [("US Secretary of State John Kerry".into(), "john-kerry".into(), Some("Secretary of State".into()))]
        );
        let got = found("during his meeting with Mr. Secretary of State of the US");
        assert_eq!(got[0].2.as_deref(), Some("Secretary of State"));
    }

    #[test]
    fn transcripts_possessives_and_hyphenated_pairs() {
        let got = found("PRESIDENT OBAMA: Thank you. Obama's plan. Xi-Biden San Francisco Meeting");
        let ids: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(ids, ["barack-obama", "barack-obama", "xi-jinping"]);
        assert_eq!(got[0].0, "PRESIDENT OBAMA");
    }

    #[test]
    fn short_aliases_do_not_fire_on_look_alikes() {
        assert!(
            found("It may rain at Mar-a-Lago; XIII; Xiamen; maybe.").is_empty(),
            "{:?}",
            found("It may rain at Mar-a-Lago; XIII; Xiamen; maybe.")
        );
    }

    #[test]
    fn role_titles_match_as_corpus_toml_words_them() {
        assert!(title_matches("President", "President of the United States"));
        assert!(!title_matches("President", "Vice President of the United States"));
        assert!(title_matches("Secretary of State", "United States Secretary of State"));
        assert!(title_matches("Foreign Minister", "Minister of Foreign Affairs"));
        assert!(title_matches("President", "President of the People's Republic of China"));
        assert!(!title_matches("Foreign Minister", "President of the People's Republic of China"));
        assert!(title_matches("Spokesperson", "Spokesperson of the Ministry of Foreign Affairs"));
    }
}
