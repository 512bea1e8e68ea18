#!/usr/bin/env bash
# medlint's benchmark: throughput, memory, single-article latency and thread scaling, against a
# raw `rg -i -F -f` scan of the packs' phrase list over the same files.
#
#   bench/bench.sh            # ~10 MB / 2,000 and ~100 MB / 20,000 articles
#   BENCH_DIR=/path bench/bench.sh
#
# Installs hyperfine and ripgrep from Debian's packages when missing. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_DIR:-/tmp/medlint-bench}"
mkdir -p "$work"

need() {
  command -v "$1" >/dev/null 2>&1 && return
  apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null
}
need hyperfine hyperfine
need rg ripgrep

cargo build --release --quiet
medlint="$PWD/target/release/medlint"

[ -d "$work/c10" ] || python3 bench/gen_corpus.py "$work/c10" 2000 10
[ -d "$work/c100" ] || python3 bench/gen_corpus.py "$work/c100" 20000 100
[ -f "$work/one/article.md" ] || { python3 bench/gen_corpus.py "$work/one-tmp" 1 0.01 >/dev/null;
  mkdir -p "$work/one"; find "$work/one-tmp" -name '*.md' -exec mv {} "$work/one/article.md" \; ; }
python3 bench/phrases.py > "$work/phrases.txt"

median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$1"; }
# Peak RSS in KiB: the median of five runs (a single run varies by a few hundred KiB).
rss_kb() {
  for _ in 1 2 3 4 5; do /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 3p
}

lint() { echo "$medlint check --no-config --fail-on never --site-root $1 $2 $1"; }

echo "| corpus | files | MiB | medlint wall (median) | MB/s | files/s | peak RSS | rg wall | medlint / rg |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for c in c10 c100; do
  dir="$work/$c"
  files=$(find "$dir" -name '*.md' | wc -l)
  bytes=$(find "$dir" -name '*.md' -printf '%s\n' | awk '{s+=$1} END {print s}')
  hyperfine --warmup 1 --runs 9 --export-json "$work/$c-medlint.json" "$(lint "$dir" "") > /dev/null" >/dev/null
  # The phrase list compiles past rg's default 100 MB regex limit; rg exits 1 when nothing
  # matches, which hyperfine must ignore, so a real failure (2) is caught by one run first.
  scan="rg -i -F --regex-size-limit 1G --dfa-size-limit 1G -f $work/phrases.txt $dir"
  $scan >/dev/null || [ $? -eq 1 ] || { echo "bench: rg failed on $dir" >&2; exit 2; }
  hyperfine --warmup 1 --runs 5 -i --export-json "$work/$c-rg.json" "$scan > /dev/null" >/dev/null
  m=$(median "$work/$c-medlint.json"); r=$(median "$work/$c-rg.json")
  rss=$(rss_kb $medlint check --no-config --fail-on never --site-root "$dir" "$dir")
  python3 - "$c" "$files" "$bytes" "$m" "$r" "$rss" <<'PY'
import sys
c, files, size, m, r, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
print(f"| {c} | {files} | {size/2**20:.1f} | {m:.3f} s | {size/1e6/m:.0f} | {files/m:.0f} | {rss/1024:.1f} MiB | {r:.3f} s | {m/r:.2f}x |")
PY
done

echo
dir="$work/c100"
hyperfine --warmup 1 --runs 7 --export-json "$work/t1.json" "$(lint "$dir" "--threads 1") > /dev/null" >/dev/null
hyperfine --warmup 1 --runs 7 --export-json "$work/t2.json" "$(lint "$dir" "--threads 2") > /dev/null" >/dev/null
t1=$(median "$work/t1.json"); t2=$(median "$work/t2.json")
echo "Threads on c100: 1 thread $(printf %.3f "$t1") s, 2 threads $(printf %.3f "$t2") s, speed-up $(python3 -c "print(f'{$t1/$t2:.2f}')")x"

one="$work/one/article.md"
hyperfine --warmup 3 --runs 50 -i --export-json "$work/one.json" "$medlint check --no-config $one > /dev/null" >/dev/null
echo "One article of $(stat -c %s "$one") bytes, whole process: $(python3 -c "import json; print(f\"{json.load(open('$work/one.json'))['results'][0]['median']*1000:.1f}\")") ms (median of 50)"
