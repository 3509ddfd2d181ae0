//! The tree-sitter grammar of a report (`tree-sitter-summit/`), compiled by `build.rs`.

use std::cell::RefCell;

use tree_sitter::{Language, Parser, Tree};
use tree_sitter_language::LanguageFn;

unsafe extern "C" {
    fn tree_sitter_summit() -> *const ();
}

/// The raw language function, for tools that take one.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_summit) };

pub fn language() -> Language {
    Language::new(LANGUAGE)
}

/// A parser for reports. The grammar's ABI is fixed at build time, so a mismatch with
/// the runtime is a packaging bug that the unit test below catches.
pub fn new_parser() -> Parser {
    let mut parser = Parser::new();
    if let Err(err) = parser.set_language(&language()) {
        panic!("tree-sitter-summit does not match the tree-sitter runtime: {err}");
    }
    parser
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new(new_parser());
}

/// Runs `f` with this thread's parser, for one-off parses.
pub fn with_parser<T>(f: impl FnOnce(&mut Parser) -> T) -> T {
    PARSER.with_borrow_mut(f)
}

/// Parses a report's text (or a piece of one) from scratch, as tree-sitter reads it
/// (see [`reads_as`]). `None` only with a timeout or cancellation, which no caller sets.
pub fn parse(parser: &mut Parser, text: &str) -> Option<Tree> {
    if text.contains('\0') {
        parser.parse(text.bytes().map(reads_as).collect::<Vec<u8>>(), None)
    } else {
        parser.parse(text, None)
    }
}

/// The byte tree-sitter is given for a byte of a report: a NUL is given as U+0001.
/// Tree-sitter's lexers take a NUL for the end of the input, so no token of the grammar
/// can hold one: a NUL in a body made the whole report one error node, and one in the
/// front matter cut a value short in one parse and not in another. U+0001 is one byte
/// too and text to every rule; offsets stay the same, and text is read back from the
/// report itself, NULs and all. Every parse of a report's text goes through here.
pub fn reads_as(byte: u8) -> u8 {
    if byte == 0 { 1 } else { byte }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar_loads_and_parses_a_report() {
        let tree = new_parser()
            .parse("---\ntitle: X\n---\nPresident Xi met.\n", None)
            .expect("a parse without timeout or cancellation");
        let root = tree.root_node();
        assert_eq!(root.kind(), "report");
        assert!(!root.has_error(), "{}", root.to_sexp());
    }
}
