#!/usr/bin/env python3
"""Work in the HTML report as a reviewer would, in headless Chromium driven by Playwright.

Renders the hostile fixtures (fixtures/hostile, with their rule pack) as an HTML report with a
fixed SOURCE_DATE_EPOCH, opens it, and checks that:
  - the page's own script runs under its Content-Security-Policy (the filter bar appears) and a
    script injected into the page afterwards does not;
  - the severity, rule, article and disposition filters and the text search show exactly the
    findings they should, and the line above the findings says what is shown;
  - a disposition chosen is counted in the sign-off block, and the sign-off fields keep what is
    typed in the page's markup (so a copy saved from the browser keeps it);
  - the page prints to PDF.
Screenshots and the PDF go to target/report-screenshots/.

Usage: scripts/check-html-report.py [MEDLINT]   (default target/debug/medlint, built if missing)
Without Playwright or a Chromium it can start, it says so and exits 0 (skipped):
  pip install playwright   (then either `python -m playwright install --with-deps chromium`
  or Debian's chromium at /usr/bin/chromium, which this script uses when Playwright's is absent)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "report-screenshots"
SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]


def skip(why):
    print(f"skip: {why}")
    sys.exit(0)


try:
    from playwright.sync_api import sync_playwright
except ImportError:
    skip("Playwright is not installed (pip install playwright)")

failures = []
passes = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    (passes if ok else failures).append(what)


def render(medlint, workdir):
    """The hostile fixtures as an HTML report, with a fixed time."""
    report = workdir / "report.html"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1796159488")
    for var in ("CI", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        env.pop(var, None)
    run = subprocess.run(
        [medlint, "check", "--format", "html", "--lints", "fixtures/hostile/pack",
         "--output", f"csv={workdir / 'report.csv'}", "fixtures/hostile"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False,
    )
    if run.returncode > 1:
        print(run.stderr.decode(errors="replace"), file=sys.stderr)
        sys.exit(f"FAIL: medlint exited {run.returncode}")
    report.write_bytes(run.stdout)
    return report


def launch(p):
    try:
        return p.chromium.launch()
    except Exception as first:  # Playwright's own browser is not installed
        for path in SYSTEM_CHROMIUM:
            if Path(path).exists():
                try:
                    return p.chromium.launch(executable_path=path, args=["--no-sandbox"])
                except Exception as e:
                    skip(f"no Chromium could start ({path}: {e})")
        skip(f"no Chromium for Playwright ({str(first).splitlines()[0]})")


def visible(page):
    """(severity, rule, file, text) of each finding shown."""
    return page.eval_on_selector_all(
        "li.finding",
        """els => els.filter(e => e.offsetParent !== null).map(e => [
            e.dataset.severity, e.dataset.rule, e.dataset.file, e.textContent.toLowerCase()])""",
    )


def main():
    medlint = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "debug" / "medlint")
    if not Path(medlint).exists():
        subprocess.run(["cargo", "build", "--quiet"], cwd=ROOT, check=True)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = render(medlint, Path(tmp))
        shutil.copy(report, OUT / "report.html")
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            console = []
            page.on("console", lambda m: console.append(m) if m.type == "error" else None)
            page.on("pageerror", lambda e: console.append(e))
            page.goto(report.as_uri())
            work(page, console)
            browser.close()
    print(f"screenshots and PDF in {OUT}")
    print(f"{len(passes)} passed, {len(failures)} failed")
    if failures:
        sys.exit(1)


def work(page, console):
    check(page.is_visible("#filters"), "the page's script ran under its CSP: the filter bar is shown")
    # A script injected after load is refused by the policy (it is not the page's own).
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.injected = 1'; document.body.appendChild(s); }""")
    check(page.evaluate("() => window.injected") is None, "an injected inline script does not run")
    refused = [c for c in console if "Content Security Policy" in str(getattr(c, "text", c))]
    check(len(refused) == 1 and len(console) == 1, "the policy refused it, and nothing else failed")
    console.clear()
    all_rows = visible(page)
    total = len(all_rows)
    check(total >= 10, f"the fixtures give findings ({total})")
    check(page.inner_text("#showing") == f"All {total} findings shown.", "the count line says all are shown")
    page.screenshot(path=str(OUT / "01-top.png"))
    page.screenshot(path=str(OUT / "02-full.png"), full_page=True)

    # Severity: errors off.
    page.uncheck("#filters input[value=error]")
    rows = visible(page)
    expected = sum(1 for r in all_rows if r[0] != "error")
    check(len(rows) == expected and all(r[0] != "error" for r in rows),
          f"severity filter: {len(rows)} shown, {expected} not errors")
    check(page.inner_text("#showing").startswith(f"Filtered view: {expected} of {total}"),
          "the count line says the view is filtered")
    page.check("#filters input[value=error]")

    # Rule.
    rule = all_rows[0][1]
    page.select_option("#filters select[name=rule]", rule)
    rows = visible(page)
    expected = sum(1 for r in all_rows if r[1] == rule)
    check(len(rows) == expected and all(r[1] == rule for r in rows), f"rule filter {rule}: {len(rows)} shown")
    page.select_option("#filters select[name=rule]", "")

    # Article.
    files = sorted({r[2] for r in all_rows})
    page.select_option("#filters select[name=file]", files[-1])
    rows = visible(page)
    expected = sum(1 for r in all_rows if r[2] == files[-1])
    check(len(rows) == expected and all(r[2] == files[-1] for r in rows),
          f"article filter: {len(rows)} shown")
    hidden_sections = page.eval_on_selector_all("section.file", "els => els.filter(e => e.hidden).length")
    check(hidden_sections == len(files) - 1, "articles with nothing shown are hidden")
    page.select_option("#filters select[name=file]", "")

    # Search: words of one finding's flagged text.
    page.fill("#filters input[name=q]", "cures")
    rows = visible(page)
    expected = sum(1 for r in all_rows if "cures" in r[3])
    check(0 < len(rows) == expected, f"search 'cures': {len(rows)} shown")
    page.locator("#findings").screenshot(path=str(OUT / "03-search.png"))
    page.fill("#filters input[name=q]", "no finding says this")
    check(len(visible(page)) == 0, "a search nothing matches shows nothing")
    page.fill("#filters input[name=q]", "")
    check(len(visible(page)) == total, "clearing the filters shows everything again")

    # Disposition: mark the first finding fixed, filter by it.
    page.select_option("#finding-1 select.disposition", "fixed")
    page.select_option("#filters select[name=disposition]", "fixed")
    rows = visible(page)
    check(len(rows) == 1, f"disposition filter 'fixed': {len(rows)} shown")
    tally = page.inner_text("#disposition-tally")
    check(tally == f"Dispositions: {total - 1} open, 1 fixed.", f"the sign-off counts dispositions ({tally})")
    page.locator("#findings").screenshot(path=str(OUT / "04-disposition.png"))
    page.select_option("#filters select[name=disposition]", "")

    # Sign-off.
    page.fill("#reviewer", "Dana Whitfield")
    page.fill("#review-date", "2026-12-01")
    page.check("input[name=decision][value='approved with changes']")
    notes = "Remove the cure claims on the PRP page. " * 12
    page.fill("#review-notes", notes.strip())
    html = page.content()
    check('value="Dana Whitfield"' in html, "the reviewer's name is kept in the markup")
    decision = re.search(r'<input[^>]*value="approved with changes"[^>]*>', html)
    check(decision is not None and 'checked=""' in decision.group(0),
          f"the decision is kept in the markup ({decision and decision.group(0)})")
    check('<option value="fixed" selected="">' in html, "the disposition is kept in the markup")
    check(notes.strip() in html, "the notes are kept in the markup")
    page.locator("#sign-off").screenshot(path=str(OUT / "05-sign-off.png"))

    # Print: the filtered view, with the line saying so.
    page.fill("#filters input[name=q]", "cures")
    page.emulate_media(media="print")
    page.locator("#findings").screenshot(path=str(OUT / "06-print-filtered.png"))
    check(not page.is_visible("#filters") and page.is_visible("#showing"),
          "printing hides the filter bar and keeps the line saying what is shown")
    page.pdf(path=str(OUT / "report-filtered.pdf"), format="A4")
    page.emulate_media(media="screen")
    page.fill("#filters input[name=q]", "")
    page.emulate_media(media="print")
    page.pdf(path=str(OUT / "report.pdf"), format="A4")
    page.emulate_media(media="screen")
    check((OUT / "report.pdf").stat().st_size > 10_000, "the report prints to PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3",
                        str(OUT / "report.pdf"), str(OUT / "07-pdf-page")], check=False)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3",
                        str(OUT / "report-filtered.pdf"), str(OUT / "09-filtered-pdf-page")],
                       check=False)

    page.set_viewport_size({"width": 600, "height": 900})
    page.screenshot(path=str(OUT / "08-narrow.png"), full_page=False)
    check(not console, f"no script errors or policy violations ({[str(c.text if hasattr(c, 'text') else c) for c in console]})")


if __name__ == "__main__":
    main()
