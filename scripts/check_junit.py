#!/usr/bin/env python3
"""JUnit as a test-report reader sees it: junitparser (from PyPI) reads medlint's JUnit report
for each --fail-on level, and its failures and skipped cases must match the findings at and
below that level, counted from medlint's JSON output of the same run.
Usage: scripts/check_junit.py path/to/medlint folder-to-lint"""
import json, subprocess, sys

from junitparser import Error, Failure, JUnitXml, Skipped

binary, folder = sys.argv[1], sys.argv[2]
RANK = {"info": 1, "warning": 2, "error": 3}
LEVELS = {"info": 1, "warning": 2, "error": 3, "never": 4}


def run(*args):
    return subprocess.run([binary, "check", *args, folder], capture_output=True, check=False)


findings = [
    json.loads(line)
    for line in run("--format", "json", "--fail-on", "never").stdout.decode().splitlines()
]
severities = [f["severity"] for f in findings if f.get("type") == "diagnostic"]
assert len(set(severities)) == 3, f"the site needs a finding of each severity: {severities}"

for level, floor in LEVELS.items():
    o = run("--format", "junit", "--fail-on", level)
    xml = JUnitXml.fromstring(o.stdout.decode())
    cases = [case for suite in xml for case in suite]
    kinds = [type(r) for case in cases for r in case.result]
    failing = sum(RANK[s] >= floor for s in severities)
    assert kinds.count(Failure) == failing, (level, kinds)
    assert kinds.count(Skipped) == len(severities) - failing, (level, kinds)
    assert kinds.count(Error) == 0, (level, kinds)
    assert all(len(case.result) <= 1 for case in cases), "one result per case"
    for suite in xml:
        assert (suite.failures, suite.skipped) == (failing, len(severities) - failing), level
    # The job fails exactly when the report has a failure.
    assert o.returncode == (1 if failing else 0), (level, o.returncode)
    print(f"--fail-on {level}: {len(cases)} cases, {failing} failures, "
          f"{len(severities) - failing} skipped, exit {o.returncode}")
print("junit: ok")
