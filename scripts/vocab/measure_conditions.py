#!/usr/bin/env python3
"""Measure lints/conditions.toml: false hits on non-medical text, and coverage of examples.

(a) Hits per 1,000 sentences of clearly non-medical English, found by medlint itself: the
    text is split into sentences, one paragraph each, and linted with the condition pack plus
    a probe rule that flags every `condition` phrase. Prints the top hit words, so the false
    senses are visible.
(b) Coverage: the share of the phrases in coverage_examples.txt (the health words the pack
    was asked to recognise) that the `condition` vocabulary contains.

Standard library only. Usage (from the repository root, after `cargo build --profile fast`):
  python3 scripts/vocab/measure_conditions.py [--medlint target/fast/medlint]
      [--pack lints/conditions.toml] TEXT...

Texts used for the numbers reported with the pack: the ten Project Gutenberg books (public
domain) in GitHub clocasto/HaikuGenerator at commit 936af28fdf47e9a50abf52183a04959df01daf17:
pg11 pg16 pg98 pg174 pg236 pg345 pg1342 pg1661 pg2701 pg5200 (.txt). Gutenberg's header and
licence footer are cut off before measuring.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

PROBE = '''[pack]
name = "probe"
description = "Measurement probe: flags every condition phrase."

[[rule]]
id = "PRB101"
slug = "condition-hit"
kind = "phrase"
scope = "sentence"
severity = "info"
summary = "A condition phrase."
message = "condition `{match}`"
help = "Measurement only."
vocab = ["condition"]
docs = """
## What it does
Flags every phrase of the condition vocabulary.
## Why it matters
Measures how often the vocabulary fires on text that is not about health.
## References
- scripts/vocab/measure_conditions.py
"""
bad = [{ text = "It treats arthritis.", flags = ["arthritis"] }]
good = ["It is a sunny day."]
'''


def body(text: str) -> str:
    """A Gutenberg book without its header and licence footer."""
    start = re.search(r"^\*\*\* ?START OF.*$", text, re.M)
    end = re.search(r"^\*\*\* ?END OF.*$", text, re.M)
    if start:
        text = text[start.end() : end.start() if end else len(text)]
    return text


def sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    parts = re.split(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z])", flat)
    return [p for p in parts if re.search(r"[A-Za-z]", p)]


def read_vocab(pack: Path) -> set[str]:
    text = pack.read_text(encoding="utf-8")
    block = re.search(r"^condition = \[(.*?)^\]", text, re.S | re.M)
    return set(re.findall(r'"([^"]*)"', block.group(1)))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--medlint", type=Path, default=REPO / "target" / "fast" / "medlint")
    ap.add_argument("--pack", type=Path, default=REPO / "lints" / "conditions.toml")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("texts", type=Path, nargs="*")
    args = ap.parse_args()

    vocab = read_vocab(args.pack)
    examples = []
    for line in (HERE / "coverage_examples.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            examples.append(line)
    missing = [e for e in examples if e not in vocab]
    print(f"phrases: {len(vocab)}")
    print(f"coverage: {len(examples) - len(missing)}/{len(examples)} "
          f"({100 * (len(examples) - len(missing)) / len(examples):.1f}%); missing: "
          + (", ".join(missing) or "none"))
    if not args.texts:
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        packs = tmp / "packs"
        packs.mkdir()
        shutil.copy(args.pack, packs / "conditions.toml")
        (packs / "probe.toml").write_text(PROBE, encoding="utf-8")
        total = 0
        docs = tmp / "docs"
        docs.mkdir()
        for i, path in enumerate(args.texts):
            sents = sentences(body(path.read_text(encoding="utf-8", errors="replace")))
            total += len(sents)
            # One sentence a paragraph; Markdown syntax characters are neutralised.
            safe = [re.sub(r"[#*_`<>\[\]|\\]", " ", s) for s in sents]
            (docs / f"{i:02d}-{path.stem}.md").write_text("\n\n".join(safe) + "\n",
                                                          encoding="utf-8")
        out = subprocess.run(
            [str(args.medlint), "check", "--no-config", "--lints", str(packs), "--format",
             "json", "--select", "PRB101", "--fail-on", "never", str(docs)],
            capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(out.stderr)
        hits = collections.Counter()
        lines = set()
        for row in out.stdout.splitlines():
            d = json.loads(row)
            if d.get("type") == "diagnostic" and d.get("rule") == "PRB101":
                hits[d["text"].lower().replace("\u2019", "'")] += 1
                lines.add((d["path"], d["line"]))
        n = sum(hits.values())
        print(f"non-medical text: {total} sentences, {n} hits in {len(lines)} sentences: "
              f"{1000 * n / total:.2f} hits and {1000 * len(lines) / total:.2f} sentences with "
              f"a hit per 1,000 sentences")
        print("top hits: " + ", ".join(f"{w} {c}" for w, c in hits.most_common(args.top or None)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
