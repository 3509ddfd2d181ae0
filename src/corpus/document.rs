//! One report held in memory: its text as a rope, its syntax tree kept in step by
//! incremental edits, and the front matter derived from both.
//!
//! Invariants: `tree` is the parse of `rope` after every public method returns, and
//! `front_matter` is derived from that tree. Edits are applied one at a time, each
//! against the text left by the one before (as LSP orders them).

use std::borrow::Cow;
use std::ops::Range;

use ropey::Rope;
use tree_sitter::{InputEdit, Parser, Point, Tree};

use super::front_matter::FrontMatter;
use super::syntax;

pub struct Document {
    rope: Rope,
    parser: Parser,
    tree: Tree,
    front_matter: Option<FrontMatter>,
}

/// A clone shares the rope's and the tree's nodes and has a parser of its own: a
/// snapshot of the text, cheap to take.
impl Clone for Document {
    fn clone(&self) -> Self {
        Document {
            rope: self.rope.clone(),
            parser: syntax::new_parser(),
            tree: self.tree.clone(),
            front_matter: self.front_matter.clone(),
        }
    }
}

impl Document {
    pub fn new(text: &str) -> Self {
        let rope = Rope::from_str(text);
        let mut parser = syntax::new_parser();
        let tree = parse_rope(&mut parser, &rope, None);
        let front_matter = FrontMatter::from_tree(&tree, &rope);
        Document { rope, parser, tree, front_matter }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// The front matter, when the report opens with a `---` line.
    pub fn front_matter(&self) -> Option<&FrontMatter> {
        self.front_matter.as_ref()
    }

    /// Where the body starts: after the front matter, or at 0 without one.
    pub fn body_start(&self) -> usize {
        self.front_matter.as_ref().map_or(0, FrontMatter::end)
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// The text of a byte range, clamped to the document and to character boundaries.
    pub fn slice(&self, range: Range<usize>) -> String {
        slice(&self.rope, range)
    }

    /// Replaces `range` (bytes, clamped to the text and to character boundaries) by
    /// `new_text`, and edits the tree to match. Call [`Document::reparse`] after the
    /// last edit of a batch.
    pub fn edit(&mut self, range: Range<usize>, new_text: &str) {
        let len = self.rope.len_bytes();
        let start = floor_char_boundary(&self.rope, range.start.min(len));
        let old_end = floor_char_boundary(&self.rope, range.end.clamp(start, len));
        let start_position = point_at(&self.rope, start);
        let old_end_position = point_at(&self.rope, old_end);
        let start_char = self.rope.byte_to_char(start);
        let old_end_char = self.rope.byte_to_char(old_end);
        self.rope.remove(start_char..old_end_char);
        self.rope.insert(start_char, new_text);
        self.tree.edit(&InputEdit {
            start_byte: start,
            old_end_byte: old_end,
            new_end_byte: start + new_text.len(),
            start_position,
            old_end_position,
            new_end_position: advance(start_position, new_text),
        });
    }

    /// Reparses incrementally from the edited tree and rebuilds the front matter.
    pub fn reparse(&mut self) {
        self.tree = parse_rope(&mut self.parser, &self.rope, Some(&self.tree));
        self.front_matter = FrontMatter::from_tree(&self.tree, &self.rope);
    }

    /// Replaces the whole text and parses it from scratch.
    pub fn replace_all(&mut self, text: &str) {
        *self = Document::new(text);
    }
}

fn parse_rope(parser: &mut Parser, rope: &Rope, old_tree: Option<&Tree>) -> Tree {
    let mut read = |byte: usize, _: Point| parser_chunk(rope, byte);
    // Without a timeout or cancellation flag, tree-sitter always returns a tree; the
    // fallback parses from scratch so that a stale old tree can never be kept.
    match parser.parse_with_options(&mut read, old_tree, None) {
        Some(tree) => tree,
        None => {
            parser.reset();
            match syntax::parse(parser, &rope.to_string()) {
                Some(tree) => tree,
                None => panic!("tree-sitter returned no tree without a timeout"),
            }
        }
    }
}

/// The text from `byte` to the end of its rope chunk, as tree-sitter reads it (see
/// [`syntax::reads_as`]).
fn parser_chunk(rope: &Rope, byte: usize) -> Cow<'_, [u8]> {
    if byte >= rope.len_bytes() {
        return Cow::Borrowed(&[]);
    }
    let (chunk, chunk_start, _, _) = rope.chunk_at_byte(byte);
    let rest = &chunk.as_bytes()[byte - chunk_start..];
    if rest.contains(&0) {
        Cow::Owned(rest.iter().copied().map(syntax::reads_as).collect())
    } else {
        Cow::Borrowed(rest)
    }
}

/// A tree-sitter point: the rope's line and the byte column in it. The rope's lines
/// equal tree-sitter's `\n`-counted rows except after a lone CR; nothing here reads
/// points back from the tree, only byte offsets, so that difference is harmless.
fn point_at(rope: &Rope, byte: usize) -> Point {
    let line = rope.byte_to_line(byte);
    let line_start = rope.line_to_byte(line);
    Point { row: line, column: byte - line_start }
}

/// The point after `text` is inserted at `start`, derived from the inserted text alone.
fn advance(start: Point, text: &str) -> Point {
    match text.rfind('\n') {
        Some(last) => Point { row: start.row + text.matches('\n').count(), column: text.len() - last - 1 },
        None => Point { row: start.row, column: start.column + text.len() },
    }
}

pub(crate) fn floor_char_boundary(rope: &Rope, byte: usize) -> usize {
    let byte = byte.min(rope.len_bytes());
    rope.char_to_byte(rope.byte_to_char(byte))
}

/// The text of a byte range of a rope, clamped to the text and to character boundaries.
pub fn slice(rope: &Rope, range: Range<usize>) -> String {
    let start = floor_char_boundary(rope, range.start);
    let end = floor_char_boundary(rope, range.end.max(start));
    rope.byte_slice(start..end).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_tree_equal_to_a_fresh_parse() {
        let mut doc = Document::new("Home > China News\n");
        doc.edit(0..0, "---\ntitle: X\n---\n");
        doc.reparse();
        let fresh = Document::new(&doc.text());
        assert_eq!(doc.tree().root_node().to_sexp(), fresh.tree().root_node().to_sexp());
        assert!(doc.front_matter().is_some());
    }

    #[test]
    fn out_of_range_and_mid_character_edits_are_clamped() {
        let mut doc = Document::new("d\u{e9}tente");
        doc.edit(2..2, "X"); // inside the two bytes of é: snaps to its start
        doc.edit(100..200, "!");
        doc.reparse();
        assert_eq!(doc.text(), "dX\u{e9}tente!");
    }

    #[test]
    fn a_nul_in_the_body_leaves_the_front_matter_whole() {
        let text = "---\ntitle: x\n---\nb\u{e9}\0---\nti:\n";
        let doc = Document::new(text);
        assert!(!doc.tree().root_node().has_error(), "{}", doc.tree().root_node().to_sexp());
        assert_eq!(doc.front_matter().and_then(|fm| fm.scalar("title")), Some("x"));
        assert_eq!(doc.text(), text);
    }

    #[test]
    fn a_nul_in_the_front_matter_is_read_as_the_scan_reads_it() {
        let text = "---\ntitle: x\nmeeting: a\0b\ndate: 2014-11-13\n---\n[a](\0 b\n";
        let doc = Document::new(text);
        let scanned = crate::corpus::scan::scan(text);
        assert_eq!(doc.front_matter(), scanned.front_matter.as_ref());
        assert_eq!(doc.front_matter().and_then(|fm| fm.scalar("meeting")), Some("a\0b"));
    }

    #[test]
    fn advance_counts_rows_by_newline() {
        let p = advance(Point { row: 2, column: 5 }, "ab\r\ncd");
        assert_eq!(p, Point { row: 3, column: 2 });
        let q = advance(Point { row: 2, column: 5 }, "abc");
        assert_eq!(q, Point { row: 2, column: 8 });
    }
}
