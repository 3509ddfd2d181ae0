//! Diagnostics as data: a stable code, a severity, a byte range and a message. The CLI
//! prints them; the server converts them to LSP diagnostics at its boundary.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        }
    }
}

/// A suggested edit that fixes the diagnostic: replace `range` by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub kind: FixKind,
    pub title: String,
    pub range: Range<usize>,
    pub text: String,
}

/// What a fix does. The safe kinds are those `summit-ls fix` applies without asking
/// (see [`super::fixes`]); the others are offered to a person, who picks one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixKind {
    /// A correction to choose among others or to confirm (a nearer key or id, a
    /// reshaped value, a meeting pinned, a field or participant added).
    Suggestion,
    /// Insert a front matter inferred from the text of a report that has none.
    InsertFrontMatter,
    /// Remove a line of scrape residue listed in `boilerplate`.
    RemoveResidue,
    /// Add these meeting ids, which the text refers to, to `related`.
    AddRelated(Vec<String>),
    /// Write the id of the meeting the corpus knows on the report's date with its
    /// participants; offered in the editor, where the annotator sees the id chosen.
    FillMeeting,
    /// Add this required field, empty; the editor fills in the value the text gives.
    AddField(String),
}

impl FixKind {
    /// Whether the fix can be applied without a person choosing: it only adds what
    /// the text or the corpus already says, or removes what corpus.toml calls residue.
    pub fn is_safe(&self) -> bool {
        !matches!(self, FixKind::Suggestion | FixKind::FillMeeting | FixKind::AddField(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, range: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic { code, severity, range, message: message.into(), fixes: Vec::new() }
    }

    pub fn error(code: &'static str, range: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, range, message)
    }

    pub fn warning(code: &'static str, range: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, range, message)
    }

    pub fn hint(code: &'static str, range: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Hint, range, message)
    }

    /// Adds a [`FixKind::Suggestion`].
    pub fn with_fix(self, title: impl Into<String>, range: Range<usize>, text: impl Into<String>) -> Self {
        self.with_fix_of(FixKind::Suggestion, title, range, text)
    }

    pub fn with_fix_of(
        mut self,
        kind: FixKind,
        title: impl Into<String>,
        range: Range<usize>,
        text: impl Into<String>,
    ) -> Self {
        self.fixes.push(Fix { kind, title: title.into(), range, text: text.into() });
        self
    }
}

/// Every diagnostic code, with what it means. Codes are stable: scripts filter on them.
pub const CODES: &[(&str, &str)] = &[
    ("invalid-utf8", "the file is not valid UTF-8"),
    ("unreadable-file", "the file could not be read"),
    ("missing-front-matter", "the report has no front matter"),
    ("unclosed-front-matter", "the front matter has no closing `---` line"),
    ("front-matter-syntax", "a line of the front matter cannot be read"),
    ("missing-field", "a required field is absent"),
    ("empty-field", "a required field has no value"),
    ("malformed-value", "a value is not of its field's form"),
    ("unknown-key", "a key that is no front-matter field, or no key of its corpus.toml table"),
    ("duplicate-key", "a key given twice"),
    ("unknown-person", "a person id with no `[[person]]` entry"),
    ("unknown-meeting", "a meeting id known from no report and no `[[meeting]]` entry"),
    ("meeting-date-conflict", "reports of one meeting disagree on its date"),
    ("meeting-location-conflict", "reports of one meeting disagree on its location"),
    ("boilerplate", "a scrape residue line listed in `boilerplate`"),
    ("title-not-held", "a person is given a title they did not hold on the report's date"),
    ("dateline-mismatch", "`date` disagrees with the report's own dateline"),
    ("missing-participant", "a principal named in the title or first paragraph is not in `participants`"),
    ("unlisted-person", "a titled name that no `[[person]]` has"),
    ("page-timestamp", "a page timestamp far from the report's date: the capture time, not the meeting's"),
    ("missing-related", "a meeting the text refers to that `related` does not list"),
    ("ambiguous-meeting", "a meeting reference that more than one meeting fits"),
    ("unknown-meeting-reference", "a meeting reference that no meeting fits"),
    ("not-scanned", "a body too large to scan for mentions"),
    ("toml-syntax", "corpus.toml is not valid TOML"),
    ("toml-schema", "corpus.toml has a value of the wrong type or a missing key"),
    ("duplicate-id", "two entries of corpus.toml share an id"),
    ("role-dates", "a role ends before it starts"),
    ("alias-conflict", "one alias is claimed by two people"),
    ("unknown-reference", "corpus.toml refers to an id it does not define"),
    ("too-large", "a corpus.toml list or string over its bound: the excess is left out"),
];
