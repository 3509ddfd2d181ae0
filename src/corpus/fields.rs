//! The front-matter fields a report may have: what each means and the form of its
//! value. Diagnostics, hovers and completion all read this one table.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Free text on one line.
    Text,
    /// One id (`beijing-2014`).
    Id,
    /// A list of ids (`[xi-jinping, barack-obama]`).
    IdList,
    /// An ISO date `YYYY-MM-DD`.
    Date,
    /// An ISO date, or a date and time.
    DateOrDateTime,
    /// One of a fixed set of words.
    OneOf(&'static [&'static str]),
    /// A BCP 47 language tag (`en`, `zh-Hans`).
    LanguageTag,
}

#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub key: &'static str,
    pub meaning: &'static str,
    pub form: Form,
    pub example: &'static str,
    /// Required unless `corpus.toml` sets its own `required` list.
    pub required_by_default: bool,
}

pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        key: "title",
        meaning: "The report's headline.",
        form: Form::Text,
        example: "Xi Jinping and President Barack Obama of the US Jointly Meet the Press",
        required_by_default: true,
    },
    FieldSpec {
        key: "meeting",
        meaning: "Id of the meeting this report is about; reports of the same meeting share it.",
        form: Form::Id,
        example: "beijing-2014",
        required_by_default: true,
    },
    FieldSpec {
        key: "date",
        meaning: "The meeting's date (its first day, when it spans several).",
        form: Form::Date,
        example: "2014-11-12",
        required_by_default: true,
    },
    FieldSpec {
        key: "location",
        meaning: "Where the meeting took place.",
        form: Form::Text,
        example: "Great Hall of the People, Beijing",
        required_by_default: true,
    },
    FieldSpec {
        key: "participants",
        meaning: "Person ids of the meeting's principals, as `[[person]]` entries in corpus.toml name them.",
        form: Form::IdList,
        example: "[xi-jinping, barack-obama]",
        required_by_default: true,
    },
    FieldSpec {
        key: "source",
        meaning: "The outlet or ministry that published the report.",
        form: Form::Text,
        example: "Ministry of Foreign Affairs of the People's Republic of China",
        required_by_default: true,
    },
    FieldSpec {
        key: "end",
        meaning: "The meeting's last day, when it spans several.",
        form: Form::Date,
        example: "2013-06-08",
        required_by_default: false,
    },
    FieldSpec {
        key: "format",
        meaning: "How the principals met.",
        form: Form::OneOf(&["in-person", "virtual", "phone"]),
        example: "in-person",
        required_by_default: false,
    },
    FieldSpec {
        key: "published",
        meaning: "When the report was published; the anchor for relative dates such as \"on Sunday\".",
        form: Form::DateOrDateTime,
        example: "2024-11-18",
        required_by_default: false,
    },
    FieldSpec {
        key: "url",
        meaning: "Where the report was taken from.",
        form: Form::Text,
        example: "https://www.fmprc.gov.cn/...",
        required_by_default: false,
    },
    FieldSpec {
        key: "related",
        meaning: "Ids of other meetings the report refers to.",
        form: Form::IdList,
        example: "[sunnylands-2013]",
        required_by_default: false,
    },
    FieldSpec {
        key: "language",
        meaning: "The report's language as a BCP 47 tag; `en` when absent.",
        form: Form::LanguageTag,
        example: "en",
        required_by_default: false,
    },
];

pub fn spec(key: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.key == key)
}

impl Form {
    /// How the value is written, for messages and hovers.
    pub fn describe(self) -> String {
        match self {
            Form::Text => "text on one line".into(),
            Form::Id => "an id such as `beijing-2014` (lowercase letters, digits, hyphens)".into(),
            Form::IdList => "a list of ids such as `[xi-jinping, barack-obama]`".into(),
            Form::Date => "a date `YYYY-MM-DD`".into(),
            Form::DateOrDateTime => "a date `YYYY-MM-DD` or a date and time `YYYY-MM-DDTHH:MM:SSZ`".into(),
            Form::OneOf(words) => {
                let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                format!("one of {}", words.join(", "))
            }
            Form::LanguageTag => "a BCP 47 language tag such as `en` or `zh-Hans`".into(),
        }
    }
}

/// The longest id, in bytes: ids are slugs ("xi-biden-san-francisco-2023"), and a
/// longer value is text pasted by mistake, not a name to index or suggest.
pub const MAX_ID_LEN: usize = 128;

/// Whether `id` has the form of an id: lowercase ASCII letters and digits in
/// hyphen-separated words, at most [`MAX_ID_LEN`] bytes. Every id read from a report or
/// corpus.toml passes here before it names anything: `../../etc/passwd`, an emoji or a
/// right-to-left override is a malformed value, never a meeting or a person.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_hyphenated_lowercase_words() {
        assert!(is_id("san-francisco-2023"));
        assert!(!is_id("San-Francisco"));
        assert!(!is_id("a--b"));
        assert!(!is_id("-a"));
        assert!(!is_id(""));
        assert!(!is_id("../../etc/passwd"));
        assert!(!is_id("xi-\u{202e}biden"));
        assert!(!is_id("summit-🇺🇸"));
        assert!(is_id(&"a".repeat(MAX_ID_LEN)));
        assert!(!is_id(&"a".repeat(MAX_ID_LEN + 1)));
    }

    #[test]
    fn every_field_is_listed_once() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert!(FIELDS[i + 1..].iter().all(|g| g.key != f.key), "{} twice", f.key);
        }
    }
}
