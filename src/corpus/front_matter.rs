//! The front matter of a report, read from its syntax tree: fields with their spans,
//! junk lines, and syntax errors.

use std::ops::Range;

use ropey::Rope;

use crate::position::{LineRange, line_starts};
use tree_sitter::{Node, Tree};

use super::document::slice;

#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// The opening `---` line.
    pub open: Range<usize>,
    /// The closing `---` line; `None` while the annotator has not typed it yet.
    pub close: Option<Range<usize>>,
    pub fields: Vec<Field>,
    /// Lines that are neither a field, a comment nor blank.
    pub junk: Vec<Range<usize>>,
    /// Where tree-sitter had to recover: unexpected or missing text.
    pub syntax_errors: Vec<SyntaxError>,
    end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub key_span: Range<usize>,
    /// The whole `key: value` line, without its line break.
    pub span: Range<usize>,
    /// False for a bare key still being typed (`partic`).
    pub has_colon: bool,
    pub value: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub span: Range<usize>,
    /// The same as a line and columns, so that a closed report's value can be located
    /// without reading the report again.
    pub place: LineRange,
    pub kind: ValueKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    /// A plain or double-quoted scalar, unquoted.
    Scalar(String),
    /// `YYYY-MM-DD` as written; not yet checked to be a real day.
    Date(String),
    /// A date with a time, as written.
    DateTime(String),
    List(Vec<Item>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub text: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
}

impl FrontMatter {
    /// Reads the front matter from a report's tree; `None` when the report has none.
    pub fn from_tree(tree: &Tree, rope: &Rope) -> Option<FrontMatter> {
        // Read as one string: slicing a rope field by field costs more than the parse.
        let end = tree.root_node().child(0)?.end_byte();
        Self::from_tree_and_text(tree, &slice(rope, 0..end))
    }

    /// The front matter of `tree`, whose text up to at least the front matter's end
    /// is `text`.
    pub fn from_tree_and_text(tree: &Tree, text: &str) -> Option<FrontMatter> {
        let root = tree.root_node();
        let node = root.child(0)?;
        let open = match node.kind() {
            "front_matter" => node.child_by_field_name("open")?,
            // A front matter still being typed at the end of the file, with no line
            // break after its last field, comes back as an ERROR holding its parts.
            "ERROR" => node.child(0).filter(|c| c.kind() == "fence" && c.start_byte() == 0)?,
            _ => return None,
        }
        .byte_range();
        let close = node.child_by_field_name("close").filter(|c| !c.is_missing()).map(|c| c.byte_range());
        let mut fm = FrontMatter {
            open,
            close: close.clone(),
            fields: Vec::new(),
            junk: Vec::new(),
            syntax_errors: Vec::new(),
            end: close.map_or(node.end_byte(), |c| c.end),
        };
        let lines = line_starts(text);
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            match child.kind() {
                "field" => fm.fields.push(read_field(child, text, &lines)),
                "junk_line" => fm.junk.push(child.byte_range()),
                _ => {}
            }
        }
        if node.kind() == "front_matter" {
            collect_errors(node, &mut fm.syntax_errors);
        }
        if fm.close.is_none() {
            // Unclosed: the front matter is what reads as fields up to the first line
            // that does not; the rest is still the body, as the annotator sees it.
            if let Some(first_junk) = fm.junk.first().map(|j| j.start) {
                fm.fields.retain(|f| f.span.start < first_junk);
                fm.syntax_errors.retain(|e| e.span.start < first_junk);
                fm.junk.clear();
                fm.end = first_junk;
            }
        }
        Some(fm)
    }

    /// The byte where the body begins.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The whole front matter, fences included.
    pub fn span(&self) -> Range<usize> {
        self.open.start..self.end
    }

    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The scalar text of a field (a date's text counts as a scalar).
    pub fn scalar(&self, key: &str) -> Option<&str> {
        match &self.get(key)?.value.as_ref()?.kind {
            ValueKind::Scalar(s) | ValueKind::Date(s) | ValueKind::DateTime(s) => Some(s),
            ValueKind::List(_) => None,
        }
    }

    /// The items of a list field.
    pub fn list(&self, key: &str) -> &[Item] {
        match self.get(key).and_then(|f| f.value.as_ref()).map(|v| &v.kind) {
            Some(ValueKind::List(items)) => items,
            _ => &[],
        }
    }
}

/// Where a value within one line stands; `lines` are the line starts of `text`.
fn place(text: &str, lines: &[usize], span: Range<usize>) -> LineRange {
    let line = lines.partition_point(|&start| start <= span.start).saturating_sub(1);
    let line_start = lines.get(line).copied().unwrap_or(0);
    LineRange::new(line, &cut(text, line_start..span.start), &cut(text, span))
}

/// The text of a byte range, clamped to the text and to character boundaries.
fn cut(text: &str, range: Range<usize>) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(range.start);
    text[start..floor(range.end.max(start))].to_string()
}

fn read_field(node: Node, text: &str, lines: &[usize]) -> Field {
    let key_node = node.child_by_field_name("key");
    let key_span = key_node.map_or(node.start_byte()..node.start_byte(), |k| k.byte_range());
    let value = node.child_by_field_name("value").filter(|v| !v.is_missing()).map(|v| Value {
        span: v.byte_range(),
        place: place(text, lines, v.byte_range()),
        kind: read_value(v, text),
    });
    Field {
        key: cut(text, key_span.clone()),
        span: node.byte_range(),
        // The colon token is hidden; a field runs past its key only through it.
        has_colon: node.end_byte() > key_span.end,
        key_span,
        value,
    }
}

fn read_value(node: Node, source: &str) -> ValueKind {
    let text = cut(source, node.byte_range());
    match node.kind() {
        "date" => ValueKind::Date(text),
        "datetime" => ValueKind::DateTime(text),
        "string" => ValueKind::Scalar(unquote(&text)),
        "flow_list" => {
            let mut cursor = node.walk();
            let items = node
                .named_children(&mut cursor)
                .filter(|item| !item.is_missing() && !item.is_error())
                .map(|item| {
                    let raw = cut(source, item.byte_range());
                    let text = if item.kind() == "string" { unquote(&raw) } else { raw };
                    Item { text, span: item.byte_range() }
                })
                .collect();
            ValueKind::List(items)
        }
        _ => ValueKind::Scalar(text),
    }
}

/// The content of a double-quoted scalar: `\"` and `\\` unescaped, as YAML reads them.
fn unquote(quoted: &str) -> String {
    let inner = quoted.strip_prefix('"').unwrap_or(quoted);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn collect_errors(node: Node, out: &mut Vec<SyntaxError>) {
    if !node.has_error() {
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        if child.is_missing() {
            let what = match child.kind() {
                "fence" => "the closing `---` line".to_string(),
                kind => format!("`{kind}`"),
            };
            out.push(SyntaxError { span: child.byte_range(), message: format!("expected {what}") });
        } else if child.is_error() {
            out.push(SyntaxError {
                span: child.byte_range(),
                message: "unexpected text in the front matter".to_string(),
            });
        } else {
            collect_errors(child, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::document::Document;

    fn fm(text: &str) -> FrontMatter {
        Document::new(text).front_matter().cloned().expect("a front matter")
    }

    #[test]
    fn reads_scalars_dates_lists_and_quoted_strings() {
        let fm = fm("---\ntitle: Xi meets Kerry\ndate: 2014-02-14\n\
                     participants: [xi-jinping, \"john-kerry\"]\nsource: \"MFA \\\"China\\\"\"\n---\nbody\n");
        assert_eq!(fm.scalar("title"), Some("Xi meets Kerry"));
        assert_eq!(
            fm.get("date").and_then(|f| f.value.clone()).map(|v| v.kind),
            Some(ValueKind::Date("2014-02-14".into()))
        );
        let ids: Vec<_> = fm.list("participants").iter().map(|i| i.text.as_str()).collect();
        assert_eq!(ids, ["xi-jinping", "john-kerry"]);
        assert_eq!(fm.scalar("source"), Some("MFA \"China\""));
        assert!(fm.close.is_some());
        assert!(fm.syntax_errors.is_empty());
    }

    #[test]
    fn spans_point_at_the_value_text() {
        let text = "---\ntitle: Xi\n---\n";
        let fm = fm(text);
        let value = fm.get("title").and_then(|f| f.value.clone()).expect("value");
        assert_eq!(&text[value.span], "Xi");
        assert_eq!(fm.end(), text.len());
    }

    #[test]
    fn unclosed_front_matter_ends_at_the_first_line_that_is_no_field() {
        let text = "---\ntitle: X\nmeeting: m\nHome > China News\nPresident Xi met Kerry: fine.\n";
        let fm = fm(text);
        assert!(fm.close.is_none());
        assert_eq!(fm.fields.len(), 2);
        assert_eq!(&text[fm.end()..], "Home > China News\nPresident Xi met Kerry: fine.\n");
    }

    #[test]
    fn unclosed_front_matter_without_a_final_newline_keeps_its_fields() {
        let fm = fm("---\ntitle: X\nmeeting: m");
        assert!(fm.close.is_none());
        assert_eq!(fm.scalar("title"), Some("X"));
    }

    #[test]
    fn bare_key_is_a_field_without_colon() {
        let fm = fm("---\npartic\n---\n");
        assert_eq!(fm.fields[0].key, "partic");
        assert!(!fm.fields[0].has_colon);
    }

    #[test]
    fn unterminated_list_is_a_syntax_error_with_its_items_kept() {
        let fm = fm("---\nparticipants: [xi-jinping,\n---\n");
        assert_eq!(fm.list("participants").len(), 1);
        assert_eq!(fm.syntax_errors.len(), 1, "{:?}", fm.syntax_errors);
    }

    #[test]
    fn report_without_front_matter_has_none() {
        assert!(Document::new("Home > China News\n---\n").front_matter().is_none());
    }
}
