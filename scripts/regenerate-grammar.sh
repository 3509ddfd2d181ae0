#!/usr/bin/env bash
# Regenerates tree-sitter-summit/src/parser.c from grammar.js and runs the grammar's
# tests with the tree-sitter CLI (built from crates.io; the npm package downloads a
# binary and fails offline). Commit the regenerated parser.c with the grammar change.
set -euo pipefail
cd "$(dirname "$0")/../tree-sitter-summit"
version=0.25.10
if ! tree-sitter --version 2>/dev/null | grep -q "$version"; then
  cargo install --locked tree-sitter-cli --version "$version"
fi
tree-sitter generate
tree-sitter test
