#!/usr/bin/env bash
# Sourced by the editor tests: a fresh temporary workspace in $work holding ws/seeds
# (the seed corpus) and ws/raw (the raw seeds with the seeds' corpus.toml), writable
# copies, removed on exit; editors' XDG folders point into it, not at the home folder.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ws/seeds" "$work/ws/raw" "$work/xdg"
cp seeds/* "$work/ws/seeds/"
cp tests/fixtures/raw/*.txt seeds/corpus.toml "$work/ws/raw/"
chmod -R u+w "$work"
export XDG_CONFIG_HOME="$work/xdg" XDG_DATA_HOME="$work/xdg" XDG_STATE_HOME="$work/xdg" XDG_CACHE_HOME="$work/xdg"
