//! Text synchronisation: applying a `didChange`'s content changes to a document, in
//! order, each against the text the previous one left.

use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use super::position::from_lsp;
use super::state::OpenDoc;
use crate::position::Unit;

/// Why a change could not be applied incrementally.
#[derive(Debug, PartialEq, Eq)]
pub enum SyncError {
    /// The version did not increase: the changes were made against a text we lack.
    StaleVersion { had: i32, got: i32 },
    /// A range whose end comes before its start.
    InvertedRange,
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncError::StaleVersion { had, got } => write!(f, "version {got} after version {had}"),
            SyncError::InvertedRange => write!(f, "a change whose range ends before it starts"),
        }
    }
}

/// Applies the changes and reparses once. On an error nothing after the failing change
/// is applied and the caller must resynchronise the document.
///
/// A change of the whole text needs no text before it: from the last one on, the
/// changes apply whatever the version says, and the document is in sync again.
pub fn apply_changes(
    od: &mut OpenDoc,
    version: i32,
    changes: &[TextDocumentContentChangeEvent],
    unit: Unit,
) -> Result<(), SyncError> {
    let whole = changes.iter().rposition(|c| c.range.is_none());
    if version <= od.version && whole.is_none() {
        return Err(SyncError::StaleVersion { had: od.version, got: version });
    }
    for change in &changes[whole.unwrap_or(0)..] {
        match change.range {
            None => od.doc.replace_all(&change.text),
            Some(range) => {
                let rope = od.doc.rope();
                let start = from_lsp(rope, range.start, unit);
                let end = from_lsp(rope, range.end, unit);
                if end < start {
                    return Err(SyncError::InvertedRange);
                }
                od.doc.edit(start..end, &change.text);
            }
        }
    }
    od.doc.reparse();
    // Never back: a later change must still be told from an earlier one.
    od.version = od.version.max(version);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::document::Document;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    fn open(text: &str) -> OpenDoc {
        OpenDoc {
            doc: Document::new(text),
            path: "a.txt".into(),
            version: 1,
            analysis: None,
            change_cost: std::time::Duration::ZERO,
        }
    }

    #[test]
    fn utf16_and_utf8_columns_land_on_the_same_place_after_curly_quotes() {
        // ’ is 3 bytes in UTF-8 and 1 unit in UTF-16.
        let mut a = open("China\u{2019}s position\r\n");
        apply_changes(&mut a, 2, &[change(0, 8, 0, 16, "stance")], Unit::Utf16).expect("apply");
        let mut b = open("China\u{2019}s position\r\n");
        apply_changes(&mut b, 2, &[change(0, 10, 0, 18, "stance")], Unit::Utf8).expect("apply");
        assert_eq!(a.doc.text(), "China\u{2019}s stance\r\n");
        assert_eq!(b.doc.text(), a.doc.text());
    }

    #[test]
    fn several_changes_apply_in_order() {
        let mut od = open("abc\n");
        let changes = [change(0, 0, 0, 0, "X"), change(0, 1, 0, 2, "Y"), change(5, 0, 5, 0, "!")];
        apply_changes(&mut od, 2, &changes, Unit::Utf16).expect("apply");
        assert_eq!(od.doc.text(), "XYbc\n!");
    }

    #[test]
    fn a_version_going_backwards_is_refused() {
        let mut od = open("abc");
        let err = apply_changes(&mut od, 1, &[change(0, 0, 0, 0, "X")], Unit::Utf16);
        assert_eq!(err, Err(SyncError::StaleVersion { had: 1, got: 1 }));
        assert_eq!(od.doc.text(), "abc");
    }

    #[test]
    fn a_whole_text_change_applies_whatever_its_version() {
        let mut od = open("abc");
        let whole = TextDocumentContentChangeEvent { range: None, range_length: None, text: "new\n".into() };
        let changes = [change(9, 0, 9, 0, "lost"), whole, change(0, 0, 0, 0, "a ")];
        apply_changes(&mut od, 1, &changes, Unit::Utf16).expect("a whole text resynchronises");
        assert_eq!(od.doc.text(), "a new\n");
        assert_eq!(od.version, 1, "the version does not go back");
    }

    #[test]
    fn an_inverted_range_is_refused() {
        let mut od = open("abc");
        assert_eq!(apply_changes(&mut od, 2, &[change(0, 2, 0, 1, "X")], Unit::Utf16), Err(SyncError::InvertedRange));
    }
}
