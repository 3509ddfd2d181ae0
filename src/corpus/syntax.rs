//! The tree-sitter grammar of a report (`tree-sitter-summit/`), compiled by `build.rs`.

use std::cell::RefCell;

use tree_sitter::{Language, Parser};
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
