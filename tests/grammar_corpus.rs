//! Runs the grammar's own test corpus (`tree-sitter-summit/test/corpus/*.txt`, the
//! format `tree-sitter test` reads) against the parser compiled into summit-ls, so the
//! grammar is tested by `cargo test` without tree-sitter-cli.

use std::path::Path;

use summit_ls::corpus::syntax::new_parser;

const HEADER: &str = "==================|||\n";
const DIVIDER: &str = "---|||\n";

struct Case {
    name: String,
    input: String,
    expected: String,
}

fn cases(file: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(file).expect("corpus file");
    let mut out = Vec::new();
    let mut parts = text.split(HEADER).skip(1);
    while let (Some(name), Some(rest)) = (parts.next(), parts.next()) {
        let (input, expected) = rest.split_once(DIVIDER).expect("divider");
        out.push(Case { name: name.trim().to_string(), input: input.to_string(), expected: normalize(expected) });
    }
    out
}

/// S-expressions compared without white space or field names.
fn normalize(sexp: &str) -> String {
    let no_fields: String = sexp.split_whitespace().filter(|w| !w.ends_with(':')).collect::<Vec<_>>().join(" ");
    no_fields.replace("( ", "(").replace(" )", ")")
}

#[test]
fn every_grammar_test_case_parses_to_its_expected_tree() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tree-sitter-summit/test/corpus");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("corpus dir") {
        for case in cases(&entry.expect("entry").path()) {
            let tree = new_parser().parse(&case.input, None).expect("tree");
            let got = normalize(&tree.root_node().to_sexp());
            assert_eq!(got, case.expected, "grammar test case {:?}", case.name);
            count += 1;
        }
    }
    assert!(count >= 10, "only {count} grammar test cases found");
}
