//! People in running text: every name and alias of corpus.toml's `[[person]]` entries,
//! matched leftmost-longest on word boundaries, with the title in front of the name
//! when there is one ("Russian President Vladimir Putin"). Names match as sources
//! spell them: without their diacritics ("Lopez Obrador") and in other capitals ("Von
//! der Leyen", "OLaf Scholz"), but a word the name capitalises must be capitalised in
//! the text too, so "may" is never "May".

use std::borrow::Cow;
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
/// Words before a title that belong to the mention: a country as news writes it, a
/// demonym ("Russian", "South Korean"), and the words that date a title ("former",
/// "the late", "then-").
const QUALIFIERS: &str = r"U\.S\.|US|UK|EU|UN|United States|China's|China’s|Foreign Ministry|Chinese Foreign Ministry|Former|former|[Tt]he\s+late|(?-i:(?:(?:South|North|New|Saudi)\s+)?[A-Z][a-z]+(?:an|ese|ish|i|ch))";
/// Qualifiers written onto the title with a hyphen: "then-Vice President", "ex-Premier".
const HYPHENATED: &str = r"(?:then|ex|former)-";
const HONORIFICS: &str = r"Mr\.|Mrs\.|Ms\.|Dr\.|Madam|Mr|Mrs|Ms|Dr";

/// A title right before a name: `(qualifier )?(honorific )?TITLE ` at the end of the text.
static TITLE_BEFORE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(&format!(r"(?i)(?:(?:{QUALIFIERS})\s+|{HYPHENATED})*(?:(?:{HONORIFICS})\s+)?(?P<title>{TITLES})\s+$"))
        .ok()
});
/// Qualifiers alone right before an alias that opens with its title ("the late" before
/// "President Putin").
static QUALIFIED_BEFORE: LazyLock<Option<Regex>> =
    LazyLock::new(|| ascii_regex(&format!(r"(?i)(?:(?:{QUALIFIERS})\s+|{HYPHENATED})+$")).ok());
/// An honorific alone right before a name.
static HONORIFIC_BEFORE: LazyLock<Option<Regex>> =
    LazyLock::new(|| ascii_regex(&format!(r"(?:{HONORIFICS})\s+$")).ok());
/// A title at the start of an alias such as "President Xi" or "Mr. Secretary of State".
static TITLE_AT_START: LazyLock<Option<Regex>> = LazyLock::new(|| {
    ascii_regex(&format!(r"(?i)^(?:(?:{QUALIFIERS})\s+|{HYPHENATED})*(?:(?:{HONORIFICS})\s+)?(?P<title>{TITLES})\b"))
        .ok()
});

impl PeopleMatcher {
    pub fn new(kb: &Kb) -> PeopleMatcher {
        let mut patterns = Vec::new();
        for person in &kb.person {
            let id = person.id.get_ref();
            for name in std::iter::once(&person.name).chain(&person.aliases) {
                if !name.get_ref().trim().is_empty() {
                    patterns.push((Folded::of(name.get_ref().trim()).text.into_owned(), id.clone()));
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
        let folded = Folded::of(text);
        let mut out = Vec::new();
        for m in ac.find_iter(folded.text.as_ref()) {
            let Some((pattern, id)) = self.patterns.get(m.pattern().as_usize()) else { continue };
            let (Some(start), Some(end)) = (folded.origin(m.start()), folded.origin(m.end())) else {
                continue;
            };
            if !capitalised_as(&folded.text[m.range()], pattern) || !is_word_boundary(text, start, end) {
                continue;
            }
            out.push(with_title(text, start..end, id));
        }
        out
    }
}

/// Whether a match, folded, capitalises every word its pattern capitalises: "Von der
/// Leyen" and "OLaf Scholz" are the names, "may" is not "May" nor "xi" "Xi".
fn capitalised_as(surface: &str, pattern: &str) -> bool {
    let initial_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    surface.split_whitespace().zip(pattern.split_whitespace()).all(|(s, p)| !initial_upper(p) || initial_upper(s))
}

/// A text with diacritics folded away ("López" → "Lopez", ’ → ', a non-breaking space
/// → a space), each char one char, and where its char boundaries came from. Most
/// texts are ASCII, or fold without changing a char's length: those are not copied,
/// or map with no table.
struct Folded<'a> {
    text: Cow<'a, str>,
    /// Where the folded text and the original stop running in step: after each char
    /// whose fold has another length, (its end in `text`, its end in the original).
    shifts: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    fn of(original: &'a str) -> Folded<'a> {
        if original.is_ascii() {
            return Folded { text: Cow::Borrowed(original), shifts: Vec::new() };
        }
        let mut text = String::with_capacity(original.len());
        let mut shifts = Vec::new();
        for (at, c) in original.char_indices() {
            let f = fold(c);
            text.push(f);
            if f.len_utf8() != c.len_utf8() {
                shifts.push((text.len(), at + c.len_utf8()));
            }
        }
        Folded { text: Cow::Owned(text), shifts }
    }

    /// The byte of the original where char boundary `i` of the folded text came from.
    fn origin(&self, i: usize) -> Option<usize> {
        if i > self.text.len() {
            return None;
        }
        let before = self.shifts.partition_point(|&(folded, _)| folded <= i);
        Some(match before.checked_sub(1).and_then(|k| self.shifts.get(k)) {
            Some(&(folded, original)) => original + (i - folded),
            None => i,
        })
    }
}

/// Latin letters with diacritics, and the letters they fold to (Latin-1 and Latin
/// Extended-A, which cover the names of European and transliterated sources).
const FOLDS: [(&str, char); 32] = [
    ("ÀÁÂÃÄÅĀĂĄ", 'A'),
    ("àáâãäåāăą", 'a'),
    ("ÇĆĈĊČ", 'C'),
    ("çćĉċč", 'c'),
    ("ĎĐ", 'D'),
    ("ďđ", 'd'),
    ("ÈÉÊËĒĔĖĘĚ", 'E'),
    ("èéêëēĕėęě", 'e'),
    ("ĜĞĠĢ", 'G'),
    ("ĝğġģ", 'g'),
    ("ÌÍÎÏĨĪĬĮİ", 'I'),
    ("ìíîïĩīĭįı", 'i'),
    ("ĹĻĽĿŁ", 'L'),
    ("ĺļľŀł", 'l'),
    ("ÑŃŅŇ", 'N'),
    ("ñńņň", 'n'),
    ("ÒÓÔÕÖØŌŎŐ", 'O'),
    ("òóôõöøōŏő", 'o'),
    ("ŔŖŘ", 'R'),
    ("ŕŗř", 'r'),
    ("ŚŜŞŠ", 'S'),
    ("śŝşš", 's'),
    ("ŢŤŦ", 'T'),
    ("ţťŧ", 't'),
    ("ÙÚÛÜŨŪŬŮŰŲ", 'U'),
    ("ùúûüũūŭůűų", 'u'),
    ("ÝŸ", 'Y'),
    ("ýÿ", 'y'),
    ("ŹŻŽ", 'Z'),
    ("źżž", 'z'),
    ("’‘", '\''),
    ("\u{a0}", ' '),
];

fn fold(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    FOLDS.iter().find(|(from, _)| from.contains(c)).map_or(c, |(_, to)| *to)
}

/// How far before a name its title and qualifiers may start, in bytes: the longest
/// ("former Chinese Foreign Ministry Spokesperson") is well within it, and a search
/// anchored at the name's start need not read the text from its beginning.
const TITLE_REACH: usize = 160;

fn with_title(text: &str, name: Range<usize>, id: &str) -> PersonFound {
    let mut cut = name.start.saturating_sub(TITLE_REACH);
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let before = &text[cut..name.start];
    if let Some(caps) = TITLE_BEFORE.as_ref().and_then(|re| re.captures(before))
        && let (Some(all), Some(title)) = (caps.get(0), caps.name("title"))
    {
        return PersonFound { span: cut + all.start()..name.end, id: id.into(), title: Some(title.as_str().into()) };
    }
    if let Some(m) = HONORIFIC_BEFORE.as_ref().and_then(|re| re.find(before)) {
        return PersonFound { span: cut + m.start()..name.end, id: id.into(), title: None };
    }
    let title = TITLE_AT_START
        .as_ref()
        .and_then(|re| re.captures(&text[name.clone()]))
        .and_then(|c| c.name("title").map(|t| t.as_str().to_string()));
    let start = match QUALIFIED_BEFORE.as_ref().and_then(|re| re.find(before)) {
        Some(m) if title.is_some() => cut + m.start(),
        _ => name.start,
    };
    PersonFound { span: start..name.end, id: id.into(), title }
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

    #[test]
    fn folded_boundaries_map_back_to_the_original() {
        let original = "Andrés Manuel López Obrador met Olaf Scholz’s aide";
        let folded = Folded::of(original);
        assert_eq!(folded.text, "Andres Manuel Lopez Obrador met Olaf Scholz's aide");
        // Every word starts where it starts in the original, after the folds before it.
        for word in ["Andres", "Manuel", "Lopez", "Obrador", "met", "Olaf", "Scholz", "aide"] {
            let at = folded.text.find(word).unwrap_or(usize::MAX);
            let back = folded.origin(at).unwrap_or(usize::MAX);
            assert!(original.get(back..).is_some_and(|rest| rest.starts_with(&word[..1])), "{word}: {back}");
        }
        assert_eq!(folded.origin(folded.text.find("Lopez").unwrap_or(0)), original.find("López"));
        assert_eq!(folded.origin(folded.text.len()), Some(original.len()));
        assert_eq!(folded.origin(folded.text.len() + 1), None);
        let ascii = Folded::of("Wang Yi");
        assert!(matches!(ascii.text, Cow::Borrowed(_)) && ascii.origin(4) == Some(4));
    }

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

    const EUROPE: &str = r#"
[[person]]
id = "amlo"
name = "Andrés Manuel López Obrador"
aliases = ["López Obrador"]
[[person]]
id = "von-der-leyen"
name = "Ursula von der Leyen"
aliases = ["von der Leyen"]
[[person]]
id = "olaf-scholz"
name = "Olaf Scholz"
aliases = ["Scholz"]
[[person]]
id = "vladimir-putin"
name = "Vladimir Putin"
aliases = ["Putin", "President Putin"]
[[person]]
id = "angela-merkel"
name = "Angela Merkel"
aliases = ["Merkel"]
"#;

    fn found_in(kb: &str, text: &str) -> Vec<(String, String, Option<String>)> {
        let kb = Kb::parse(kb).0.expect("kb");
        PeopleMatcher::new(&kb).find(text).into_iter().map(|p| (text[p.span].to_string(), p.id, p.title)).collect()
    }

    #[test]
    fn names_as_sources_spell_them() {
        let got = found_in(EUROPE, "Lopez Obrador met Von der Leyen; OLaf Scholz and LÓPEZ OBRADOR spoke.");
        let names: Vec<(&str, &str)> = got.iter().map(|g| (g.0.as_str(), g.1.as_str())).collect();
        assert_eq!(
            names,
            [
                ("Lopez Obrador", "amlo"),
                ("Von der Leyen", "von-der-leyen"),
                ("OLaf Scholz", "olaf-scholz"),
                ("LÓPEZ OBRADOR", "amlo")
            ]
        );
        // Lower case where the name capitalises is no name.
        assert!(found_in(EUROPE, "the lopez obrador plan; scholz; putin").is_empty());
    }

    #[test]
    fn the_longest_name_wins_with_its_demonym_and_dating_words() {
        let got = found_in(EUROPE, "Russian President Vladimir Putin said, and former German chancellor Angela Merkel");
        assert_eq!(got[0].0, "Russian President Vladimir Putin");
        assert_eq!(got[0].2.as_deref(), Some("President"));
        assert_eq!(got[1].0, "former German chancellor Angela Merkel");
        let got = found_in(EUROPE, "then-Chancellor Merkel met the late President Putin");
        assert_eq!(got[0].0, "then-Chancellor Merkel");
        assert_eq!(got[1].0, "the late President Putin");
        // A capitalised word that is no demonym stays out: "On Tuesday President Putin".
        assert_eq!(found_in(EUROPE, "On Tuesday President Putin")[0].0, "President Putin");
    }

    #[test]
    fn odd_text_around_names() {
        assert!(found_in(EUROPE, "").is_empty());
        let got = found_in(EUROPE, "«Putin»\r\nÉPutin, Putiné, 𝒳 Putin\u{a0}");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Putin", "Putin"]);
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
