#!/usr/bin/env bash
# Open the HTML report of the hostile fixtures in headless Chromium and check that nothing
# injected into it ran (the page's own script, allowed by its hash, runs and adds no element). Every payload in fixtures/hostile leaves evidence if it runs (it sets the title to
# "PW"+"NED" or adds an element with id "pw"+"ned"; the joined words appear nowhere in the
# sources), so after load the DOM must have neither, its title must be the report's, and it
# must hold exactly the elements the report file holds, all from the report's own tag list.
# The page is checked as written and with its Content-Security-Policy removed, so the escaping
# is tested on its own; a page with a live payload must fail, so the check is tested too.
#
# Usage: scripts/check-html-report.sh [REPORT.html]
#   Without an argument, builds medlint and renders fixtures/hostile with the hostile rule
#   pack, plus an article on standard input with a hostile file name. With one, checks that
#   file (e.g. from `MEDLINT_HTML_OUT=/tmp/report.html cargo test --test html`).
#   Output (report, screenshot, DOM dumps) goes to $OUT, default a new folder under /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=/usr/bin/chromium
out=${OUT:-$(mktemp -d /tmp/medlint-html-check.XXXXXX)}
mkdir -p "$out"

if [ ! -x "$chromium" ]; then
  echo "installing Debian's chromium" >&2
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

if [ $# -ge 1 ]; then
  cp "$1" "$out/report.html"
else
  cargo build --release
  medlint="${CARGO_TARGET_DIR:-target}/release/medlint"
  status=0
  "$medlint" check --format html --lints fixtures/hostile/pack \
    --stdin-filename "\"><img src=x onerror=\"document.title='PW'+'NED'\">.md" \
    fixtures/hostile - > "$out/report.html" <<'EOF' || status=$?
# Back pain <script>document.body.appendChild(document.createElement('p')).id='pw'+'ned'</script>

Our stem cell therapy cures back pain in one visit.
EOF
  # 1 means findings, which the fixtures are full of; 2 or more means medlint failed.
  if [ "$status" -gt 1 ]; then
    echo "FAIL: medlint exited $status" >&2
    exit 1
  fi
fi

chrome() {
  local profile
  profile=$(mktemp -d /tmp/medlint-chromium.XXXXXX)
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>>"$out/chromium.log"
  rm -rf "$profile"
}

# Dump the DOM after load, giving timers and late events a few (virtual) seconds to fire.
dump() {
  chrome --virtual-time-budget=3000 --dump-dom "file://$1" > "$2"
}

# Compare a DOM dump with the page it came from; prints what is wrong, exits 1 if anything.
check_dom() {
  python3 - "$1" "$2" <<'PY'
import sys
from collections import Counter
from html.parser import HTMLParser

TAGS = set("""html head meta title style body header nav main section article footer
h1 h2 h3 h4 h5 h6 p a ul ol li table thead tbody tr th td code pre mark span strong em del
sup sub blockquote br hr div script input select option textarea label fieldset legend""".split())

class Page(HTMLParser):
    """Tag counts, title, text, and anything a report must not contain."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.tags, self.problems, self.title, self.text = Counter(), [], "", ""
        self.in_title = False
        self.feed(open(path, encoding="utf-8").read())
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.in_title = tag == "title"
        if tag not in TAGS:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "id" and value == "pwned":
                self.problems.append("an element with id=pwned (a payload ran)")
            if name in ("href", "src", "action", "formaction") and not value.startswith(
                ("#", "https://", "http://", "mailto:")
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "http-equiv" and value != "content-security-policy":
                self.problems.append(f"<meta http-equiv={value!r}>")

    def handle_endtag(self, tag):
        self.in_title = False

    def handle_data(self, data):
        self.text += data
        if self.in_title:
            self.title += data

source, dom = Page(sys.argv[1]), Page(sys.argv[2])
problems = list(dom.problems)
if "PWNED" in dom.text:
    problems.append("the text PWNED is in the DOM (a payload ran)")
if dom.title != source.title:
    problems.append(f"title changed from {source.title!r} to {dom.title!r}")
if dom.tags != source.tags:
    extra = dom.tags - source.tags
    missing = source.tags - dom.tags
    problems.append(f"elements differ from the file: extra {dict(extra)}, missing {dict(missing)}")
for p in problems:
    print(f"  {p}")
sys.exit(1 if problems else 0)
PY
}

failed=0

# The check must catch a live payload, or a pass means nothing.
cat > "$out/canary.html" <<'EOF'
<!DOCTYPE html><html><head><title>canary</title></head><body><p>canary</p>
<img src=x onerror="document.title='PW'+'NED'">
<script>document.body.appendChild(document.createElement('p')).id='pw'+'ned'</script>
</body></html>
EOF
dump "$out/canary.html" "$out/canary.dom.html"
check_dom "$out/canary.html" "$out/canary.dom.html" > "$out/canary.txt" || true
if grep -q "id=pwned" "$out/canary.txt" && grep -q "title changed" "$out/canary.txt"; then
  echo "ok: the check sees a live <script> and onerror handler run (canary.html)"
else
  echo "FAIL: the check did not see the payloads in $out/canary.html run:" >&2
  cat "$out/canary.txt" >&2
  failed=1
fi

# The report as written, and without its CSP so escaping alone must hold.
sed -e 's/<meta http-equiv="Content-Security-Policy"[^>]*>//' "$out/report.html" > "$out/report-no-csp.html"
if cmp -s "$out/report.html" "$out/report-no-csp.html"; then
  echo "FAIL: the report has no Content-Security-Policy meta element" >&2
  failed=1
fi
for page in report report-no-csp; do
  dump "$out/$page.html" "$out/$page.dom.html"
  if check_dom "$out/$page.html" "$out/$page.dom.html"; then
    echo "ok: $page.html ran nothing; its DOM after load holds only the report's own elements"
  else
    echo "FAIL: $page.html (see above; DOM in $out/$page.dom.html)" >&2
    failed=1
  fi
done

chrome --screenshot="$out/report.png" --window-size=1280,2000 "file://$out/report-no-csp.html" >/dev/null
# Headless Chromium will not lay out narrower than about 500px.
chrome --screenshot="$out/report-narrow.png" --window-size=600,1600 "file://$out/report-no-csp.html" >/dev/null
if [ ! -s "$out/report.png" ]; then
  echo "FAIL: no screenshot" >&2
  failed=1
fi
echo "report, DOM dumps and screenshots in $out"
exit "$failed"
