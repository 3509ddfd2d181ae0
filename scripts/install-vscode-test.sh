#!/usr/bin/env bash
# Installs what the VS Code test needs: Debian's Chromium and ripgrep (and the headers
# code-server's native modules build against), the extension's npm packages, and
# code-server 4.100.3 (the newest that runs on Node 20) with playwright-core. Then
# builds the extension's .vsix. Takes about two minutes on a new machine.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq chromium ripgrep libkrb5-dev build-essential pkg-config >/dev/null
fi
# code-server's ripgrep step downloads a binary unless its cache holds one: seed it
# with Debian's rg.
cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
mkdir -p "$cache"
tar -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_unsafe_perm=true
(cd editors/vscode && npm ci --silent && npm run -s typecheck && npm run -s package >/dev/null)
# Install scripts run only for the packages listed in allowScripts (npm 11).
(cd editors/vscode/test && npm ci --silent)
