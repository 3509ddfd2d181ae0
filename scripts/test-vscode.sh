#!/usr/bin/env bash
# Runs the VS Code test (editors/vscode/test/run.mjs): the packaged extension in
# code-server, driven by headless Chromium, against the debug binary on copies of the
# seed corpus and of the raw seeds. SCREENSHOT=path saves the hover's screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-vscode-test.sh
cargo build --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ws/seeds" "$work/ws/raw" "$work/xdg"
cp seeds/* "$work/ws/seeds/"
cp tests/fixtures/raw/*.txt seeds/corpus.toml "$work/ws/raw/"
chmod -R u+w "$work"
# Nothing of code-server's or Chromium's lands in the home folder.
export HOME="$work/xdg" XDG_CONFIG_HOME="$work/xdg" XDG_DATA_HOME="$work/xdg" XDG_STATE_HOME="$work/xdg" XDG_CACHE_HOME="$work/xdg"
SUMMIT_LS="$PWD/target/debug/summit-ls" VSIX="$PWD/editors/vscode/summit-ls.vsix" WORKSPACE="$work/ws" SCRATCH="$work" \
  timeout 600 node editors/vscode/test/run.mjs
