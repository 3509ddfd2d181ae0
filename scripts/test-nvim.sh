#!/usr/bin/env bash
# Runs the headless Neovim test (tests/nvim/run.lua) against the debug binary on
# fresh copies of the seed corpus and of the raw seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
nvim=$(scripts/install-nvim.sh)
cargo build --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/raw" "$work/xdg"
cp seeds/* "$work/corpus/"
cp tests/fixtures/raw/*.txt seeds/corpus.toml "$work/raw/"
chmod -R u+w "$work"
export XDG_CONFIG_HOME="$work/xdg" XDG_DATA_HOME="$work/xdg" XDG_STATE_HOME="$work/xdg" XDG_CACHE_HOME="$work/xdg"
REPO="$PWD" SUMMIT_LS="$PWD/target/debug/summit-ls" SUMMIT_CORPUS="$work/corpus" SUMMIT_RAW="$work/raw" \
  timeout 300 "$nvim" --headless --clean -l tests/nvim/run.lua
