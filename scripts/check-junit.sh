#!/usr/bin/env bash
# Reads medlint's JUnit report with a JUnit consumer's parser (junitparser, from PyPI, in a
# throw-away virtual environment) and checks that failures follow --fail-on.
# Usage: scripts/check-junit.sh [path/to/medlint]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-target/debug/medlint}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "junitparser==5.0.3"

mkdir "$work/site"
disclaimer="This article is for general information only and is not medical advice. Consult a qualified healthcare provider. Individual results vary."
# One finding of each severity, and a clean page.
printf '# A\n\nOur PRP therapy cures arthritis.\n\nAs Smith et al. (2019) reported, it is the best treatment in town.\n\nOur article on epidural injections explains the risks.\n\n%s\n' \
  "$disclaimer" >"$work/site/a.md"
printf '# B\n\nRest may help.\n\n%s\n' "$disclaimer" >"$work/site/b.md"

"$work/venv/bin/python" scripts/check_junit.py "$binary" "$work/site"
