//! Compiles the committed, generated tree-sitter parser for the report grammar.

fn main() {
    let src = std::path::Path::new("tree-sitter-summit/src");
    cc::Build::new().include(src).file(src.join("parser.c")).std("c11").warnings(false).compile("tree-sitter-summit");
    println!("cargo:rerun-if-changed=tree-sitter-summit/src/parser.c");
    println!("cargo:rerun-if-changed=tree-sitter-summit/src/tree_sitter/parser.h");
}
