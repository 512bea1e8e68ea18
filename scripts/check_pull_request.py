#!/usr/bin/env python3
"""Plays a pull request end to end, as the CI recipe in examples/ci/ runs the gate, in a
temporary git repository: adopt medlint with a baseline on main, branch, edit one article and
rename another (leaving a link to its old name in an unchanged page), then run the gate from the
repository root and from a sub-folder. Checks that every report asked for exists and parses, that
only the new finding and the broken inbound link are reported, that the baseline keeps its
entries, that fingerprints are unique and that JUnit's failures match --fail-on.

usage: check_pull_request.py path/to/medlint
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

DISCLAIMER = ("This article is for general information only and is not medical advice. "
              "Consult a qualified healthcare provider. Individual results vary.")

ARTICLES = {
    "content/index.md": "# Our clinic\n\nRead about [knee pain](knee.md#aftercare) and "
                        "[PRP](treatments/prp.md).\n\n" + DISCLAIMER + "\n",
    "content/knee.md": "# Knee pain\n\n## Aftercare\n\nRest may help some patients.\n\n"
                       + DISCLAIMER + "\n",
    "content/treatments/prp.md": "# PRP\n\nOur PRP injections cure arthritis.\n\n"
                                 "It is completely safe.\n\n" + DISCLAIMER + "\n",
}

REPORTS = ["sarif", "json", "junit", "gitlab", "csv", "html", "markdown"]


def git(repo, *args):
    subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True)


def write(repo, name, text):
    path = os.path.join(repo, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def fail(message):
    print(f"FAIL {message}")
    sys.exit(1)


def gate(medlint, cwd, paths, baseline, out_dir, fail_on="warning"):
    """The gate as the CI recipe runs it, with every report written into out_dir."""
    args = [medlint, "check", "--format", "github", "--fail-on", fail_on,
            "--changed-since", "main", "--baseline", baseline]
    for fmt in REPORTS:
        args += ["--output", f"{fmt}={os.path.join(out_dir, 'report.' + fmt)}"]
    p = subprocess.run(args + paths, cwd=cwd, capture_output=True, text=True)
    return p


def findings(out_dir):
    """(rule, file name, line) of each finding, from the JSON report."""
    out = []
    with open(os.path.join(out_dir, "report.json")) as f:
        for line in f:
            d = json.loads(line)
            if d.get("type") == "diagnostic":
                out.append((d["rule"], os.path.basename(d["path"]), d["line"], d["severity"]))
    return sorted(out)


def check_reports(out_dir, expected, fail_on_levels):
    for fmt in REPORTS:
        path = os.path.join(out_dir, "report." + fmt)
        if not os.path.exists(path):
            fail(f"report {fmt} was not written")
    with open(os.path.join(out_dir, "report.sarif")) as f:
        sarif = json.load(f)
    results = sarif["runs"][0]["results"]
    if len(results) != len(expected):
        fail(f"SARIF has {len(results)} results, expected {len(expected)}")
    prints = [r["partialFingerprints"]["medlintFinding/v1"] for r in results]
    if len(set(prints)) != len(prints):
        fail("SARIF fingerprints are not unique")
    with open(os.path.join(out_dir, "report.gitlab")) as f:
        gitlab = json.load(f)
    prints = [g["fingerprint"] for g in gitlab]
    if len(gitlab) != len(expected) or len(set(prints)) != len(prints):
        fail("GitLab report: wrong count or repeated fingerprints")
    with open(os.path.join(out_dir, "report.csv"), newline="") as f:
        rows = list(csv.reader(io.StringIO(f.read())))
    if len(rows) - 1 != len(expected):
        fail(f"CSV has {len(rows) - 1} rows, expected {len(expected)}")
    junit = ET.parse(os.path.join(out_dir, "report.junit")).getroot()
    failures = sum(1 for _ in junit.iter("failure"))
    want = sum(1 for f in expected if f[3] in fail_on_levels)
    if failures != want:
        fail(f"JUnit has {failures} failures, expected {want} at --fail-on")
    with open(os.path.join(out_dir, "report.html")) as f:
        if "<html" not in f.read():
            fail("HTML report is not a page")
    with open(os.path.join(out_dir, "report.markdown")) as f:
        if not f.read().strip():
            fail("Markdown report is empty")


def main():
    medlint = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as repo:
        git(repo, "init", "-q", "-b", "main")
        git(repo, "config", "user.email", "ci@example.com")
        git(repo, "config", "user.name", "CI")
        for name, text in ARTICLES.items():
            write(repo, name, text)
        # Adopt: a baseline of today's findings, committed with the articles.
        p = subprocess.run([medlint, "check", "--write-baseline", "medlint-baseline.json",
                            "content"], cwd=repo, capture_output=True, text=True)
        if p.returncode not in (0, 1):
            fail(f"adopting: exit {p.returncode}: {p.stderr}")
        with open(os.path.join(repo, "medlint-baseline.json")) as f:
            adopted = json.load(f)["entries"]
        if not adopted:
            fail("the baseline holds no entries")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "articles")

        # The pull request: a new claim in one article, another renamed.
        git(repo, "checkout", "-q", "-b", "feature")
        prp = os.path.join(repo, "content/treatments/prp.md")
        with open(prp) as f:
            text = f.read()
        write(repo, "content/treatments/prp.md",
              text.replace("It is completely safe.",
                           "It is completely safe. Results are guaranteed and relief is guaranteed."))
        git(repo, "mv", "content/knee.md", "content/knee-pain.md")
        git(repo, "commit", "-q", "-am", "edit and rename")

        # The new guarantee, the benefit it promises on a page that names no risk of the
        # injection, and the link the rename broke.
        expected_rules = {("MED102", "prp.md"), ("MED205", "prp.md"), ("MED301", "index.md")}
        for label, cwd, paths, baseline in [
            ("repository root", repo, ["content"], "medlint-baseline.json"),
            ("sub-folder", os.path.join(repo, "content"), ["."], "../medlint-baseline.json"),
        ]:
            with tempfile.TemporaryDirectory() as out_dir:
                p = gate(medlint, cwd, paths, baseline, out_dir)
                if p.returncode != 1:
                    fail(f"{label}: exit {p.returncode}, expected 1: {p.stderr}")
                found = findings(out_dir)
                got = {(rule, name) for rule, name, _, _ in found}
                # Two findings of one rule in one sentence: two findings, two fingerprints.
                if sum(1 for f in found if f[0] == "MED102") != 2 or got != expected_rules:
                    fail(f"{label}: findings {sorted(got)}, expected {sorted(expected_rules)}")
                check_reports(out_dir, found, {"error", "warning"})
                # Annotations on stdout for the pull request.
                if p.stdout.count("::error") + p.stdout.count("::warning") < len(found):
                    fail(f"{label}: not every finding is annotated")
                print(f"ok   {label}: {len(found)} findings, {len(REPORTS)} reports")
        with open(os.path.join(repo, "medlint-baseline.json")) as f:
            if json.load(f)["entries"] != adopted:
                fail("the gate changed the baseline")
        # Re-recording from the sub-folder on one file keeps every other file's entries.
        p = subprocess.run([medlint, "check", "--write-baseline", "../medlint-baseline.json",
                            "treatments/prp.md"], cwd=os.path.join(repo, "content"),
                           capture_output=True, text=True)
        with open(os.path.join(repo, "medlint-baseline.json")) as f:
            entries = json.load(f)["entries"]
        others = [e for e in adopted if not e["path"].endswith("prp.md")]
        if any(e not in entries for e in others):
            fail("re-recording one file lost other files' entries")
        if sum(e["count"] for e in entries) <= sum(e["count"] for e in adopted):
            fail("re-recording did not add the new finding")
        print(f"ok   baseline: {len(entries)} entries after re-recording one file")


if __name__ == "__main__":
    main()
