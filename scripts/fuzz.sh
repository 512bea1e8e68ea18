#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 60), seeded from fixtures/ and lints/.
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz asks for nightly features; on a
# stable toolchain RUSTC_BOOTSTRAP=1 unlocks them. Crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/corpus
for target in lint_markdown lint_text lint_html load_config load_pack; do
  dir="fuzz/corpus/$target"
  mkdir -p "$dir"
  case "$target" in
    lint_markdown) find fixtures examples -name '*.md' -exec cp -f {} "$dir/" \; ;;
    lint_text) find fixtures -name '*.txt' -exec cp -f {} "$dir/" \; ;;
    lint_html) find fixtures -name '*.html' -exec cp -f {} "$dir/" \; ;;
    load_config) cp -f fixtures/configs/*.toml src/cli/init.toml "$dir/" ;;
    load_pack) cp -f lints/*.toml fixtures/packs/*.toml fixtures/packs/custom/*.toml "$dir/" ;;
  esac
  echo "== $target (${seconds}s)"
  cargo fuzz run "$target" "$dir" -- -max_total_time="$seconds" -max_len=65536 -timeout=10 2>&1 \
    | grep -E '^(#[0-9]+ +(DONE|pulse)|Done|==|SUMMARY|ERROR)' | tail -3
done
