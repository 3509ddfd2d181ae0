#!/usr/bin/env bash
# Runs the VS Code test (editors/vscode/test/run.mjs): the packaged extension in
# code-server, driven by headless Chromium, against the debug binary on copies of the
# seed corpus and of the raw seeds. SCREENSHOT=path saves the hover's screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-vscode-test.sh
cargo build --quiet
source scripts/editor-test-workspace.sh
# Nothing of code-server's or Chromium's lands in the home folder.
export HOME="$work/xdg"
SUMMIT_LS="$PWD/target/debug/summit-ls" VSIX="$PWD/editors/vscode/summit-ls.vsix" WORKSPACE="$work/ws" SCRATCH="$work" \
  timeout 600 node editors/vscode/test/run.mjs
