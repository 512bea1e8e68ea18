#!/usr/bin/env bash
# Build the VS Code extension into medlint-<version>.vsix (install it with
# `code --install-extension medlint-0.1.0.vsix`). Needs Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npx tsc -p ./
npx vsce package --allow-missing-repository --skip-license -o "medlint-$(node -p 'require("./package.json").version').vsix" 2>&1
