#!/usr/bin/env bash
# Run every fuzz target (or those named after SECONDS) for SECONDS each (default 60), seeded
# from fixtures/, examples/ and lints/ (lint_long from a few pieces it repeats: long lines, many
# findings, many links).
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz asks for nightly features; on a
# stable toolchain RUSTC_BOOTSTRAP=1 unlocks them. Crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
# Any further arguments pick targets; by default every one runs.
shift || true
targets="${*:-lint_markdown lint_text lint_html load_config load_pack lint_long}"
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/corpus
for target in $targets; do
  dir="fuzz/corpus/$target"
  mkdir -p "$dir"
  case "$target" in
    lint_markdown) find fixtures examples -name '*.md' -exec cp -f {} "$dir/" \; ;;
    lint_text) find fixtures -name '*.txt' -exec cp -f {} "$dir/" \; ;;
    lint_html) find fixtures -name '*.html' -exec cp -f {} "$dir/" \; ;;
    load_config) cp -f fixtures/configs/*.toml src/cli/init.toml "$dir/" ;;
    load_pack) cp -f lints/*.toml fixtures/packs/*.toml fixtures/packs/custom/*.toml "$dir/" ;;
    # Byte 0: repeats / 16; byte 1: separator, HTML, table row, SARIF; then the piece repeated.
    lint_long)
      i=0
      for seed in '\xff\x41PRP cures pain.' '\xff\x02PRP cures pain' '\xff\x03## Heading {i}' \
        '\xff\x01[x](#nope)' '\xff\x21Stem cells cure arthritis' '\xff\x13<a href="#n">x</a>' \
        '\xff\x04[a][r]\n[r]: a.md' '\xff\x04<!-- medlint-disable-next-line MED101 -- r -->\nPRP cures pain.'; do
        printf "$seed" > "$dir/seed$i"; i=$((i + 1))
      done ;;
  esac
  echo "== $target (${seconds}s)"
  cargo fuzz run "$target" "$dir" -- -max_total_time="$seconds" -max_len=65536 -timeout=10 2>&1 \
    | grep -E '^(#[0-9]+[[:space:]]+(DONE|pulse)|Done|==|SUMMARY|ERROR)' | tail -3
done
