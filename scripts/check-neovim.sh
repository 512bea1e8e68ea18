#!/usr/bin/env bash
# Headless Neovim as the language server's client, on a real article (see README, "Editors").
# Installs Debian's neovim when it is missing; skips, saying why, where it cannot.
# Usage: scripts/check-neovim.sh [path/to/medlint]
set -euo pipefail
cd "$(dirname "$0")/.."
medlint=$(realpath "${1:-target/debug/medlint}")

if ! command -v nvim >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim) \
      >/dev/null 2>&1 || true
  fi
fi
if ! command -v nvim >/dev/null; then
  echo "check-neovim: skipped: neovim is not installed and could not be installed"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp examples/site/blog/knee-prp.md "$work/knee-prp.md"
# No user config, no plugins, no swap files: only what the script sets up.
MEDLINT="$medlint" ARTICLE="$work/knee-prp.md" HOME="$work" \
  timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile scripts/check-neovim.lua"
