#!/usr/bin/env python3
"""Acceptance checks on the real articles in the shared evaluation folder (not shipped with
medlint; CI has it beside the repository). Usage: check_shared.py MEDLINT SHARED_DIR

- the site: every broken link and anchor is reported, the unhedged mechanism bullets of the
  fibrin section are flagged, and nothing is flagged in either closing disclaimer;
- the seeds: no cure, guarantee or missing-disclaimer finding.
"""
import json, os, subprocess, sys

medlint, shared = sys.argv[1], sys.argv[2]
medlint = os.path.abspath(medlint)
failures = []

def run(cwd, *args):
    p = subprocess.run([medlint, "check", "--format", "json", *args], cwd=cwd,
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"medlint exited {p.returncode} in {cwd}:\n{p.stderr}")
    return [d for d in map(json.loads, p.stdout.splitlines()) if d["type"] == "diagnostic"]

site = os.path.join(shared, "site")
found = run(site, ".")
links = sorted((d["path"], d["rule"], d["text"]) for d in found if d["rule"] in ("MED301", "MED302"))
want = sorted([
    ("blog/annular-tears-hidden-cause.md", "MED301", "annular-tears-root-cause.md"),
    ("blog/annular-tears-hidden-cause.md", "MED301", "/blog/ddd-conservative-care/"),
    ("blog/annular-tears-hidden-cause.md", "MED302",
     "discogenic-inflammation.md#regenerative-medicine-targeting-the-source-of-disc-driven-inflamation"),
    ("blog/annular-tears-hidden-cause.md", "MED301", "annular-tears-chronic-back-pain.md"),
    ("blog/annular-tears-hidden-cause.md", "MED301", "/guides/disc-repair.pdf"),
    ("blog/discogenic-inflammation.md", "MED302", "#diagnosing-inflammation"),
    ("blog/discogenic-inflammation.md", "MED301", "fibrin-vs-spine-surgery.md"),
    ("blog/discogenic-inflammation.md", "MED301", "/guides/disc-repair.pdf"),
])
if links != want:
    failures.append(f"site links: expected {want}\n  got {links}")

def lines_of(path, needle):
    with open(os.path.join(site, path), encoding="utf-8") as f:
        return [i + 1 for i, l in enumerate(f) if needle in l]

fibrin = "blog/discogenic-inflammation.md"
for bullet in ("- Structural sealing:", "- Reduction of chemical leakage:", "- Scaffolding for biological repair:"):
    line = lines_of(fibrin, bullet)[0]
    if not any(d["path"] == fibrin and d["rule"] == "MED103" and d["line"] == line for d in found):
        failures.append(f"no MED103 on the fibrin bullet {bullet!r} (line {line})")
for path in ("blog/discogenic-inflammation.md", "blog/annular-tears-hidden-cause.md", "contact.md"):
    for line in lines_of(path, "Disclaimer:"):
        hits = [d for d in found if d["path"] == path and d["line"] == line]
        if hits:
            failures.append(f"finding in the disclaimer of {path}: {hits}")

seeds = run(shared, "seeds")
bad = [d for d in seeds if d["rule"] in ("MED101", "MED102", "MED201")]
if bad:
    failures.append(f"seeds: unexpected findings {[(d['path'], d['line'], d['rule'], d['text']) for d in bad]}")

# Claims in context on the seeds: the uncited "Published data" sentence and the unhedged
# mechanism bullets are flagged; nothing in a disclaimer.
def seed_lines(needle):
    out = []
    for name in sorted(os.listdir(os.path.join(shared, "seeds"))):
        with open(os.path.join(shared, "seeds", name), encoding="utf-8") as f:
            out += [(f"seeds/{name}", i + 1) for i, l in enumerate(f) if needle in l]
    return out

for path, line in seed_lines("Published data on intra-annular fibrin injection have shown"):
    if not any(d["rule"] == "MED106" and d["path"] == path and d["line"] == line for d in seeds):
        failures.append(f"seeds: no MED106 on the uncited published-data sentence ({path}:{line})")
for bullet in ("Structural sealing:", "Reduction of chemical leakage:", "Scaffolding for biological repair:"):
    for path, line in seed_lines(bullet):
        if not any(d["rule"] == "MED103" and d["path"] == path and d["line"] == line for d in seeds):
            failures.append(f"seeds: no MED103 on the bullet {bullet!r} ({path}:{line})")
for path, line in seed_lines("Disclaimer:"):
    hits = [d for d in seeds if d["path"] == path and d["line"] == line]
    if hits:
        failures.append(f"seeds: finding in a disclaimer: {hits}")

for f in failures:
    print("FAILED", f)
print(f"shared acceptance: {len(failures)} check(s) failed" if failures else "shared acceptance: all checks passed")
sys.exit(1 if failures else 0)
