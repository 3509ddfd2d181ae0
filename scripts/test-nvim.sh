#!/usr/bin/env bash
# Runs the headless Neovim test (tests/nvim/run.lua) against the debug binary on
# fresh copies of the seed corpus and of the raw seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
nvim=$(scripts/install-nvim.sh)
cargo build --quiet
source scripts/editor-test-workspace.sh
REPO="$PWD" SUMMIT_LS="$PWD/target/debug/summit-ls" SUMMIT_CORPUS="$work/ws/seeds" SUMMIT_RAW="$work/ws/raw" \
  timeout 300 "$nvim" --headless --clean -l tests/nvim/run.lua
