#!/usr/bin/env python3
"""Print every phrase of the built-in packs, expanded (`(a|b)`, `[a]`), one per line: the
fixed-string list that `rg -i -F -f` scans with in the benchmark's reference run."""
import itertools, pathlib, re, tomllib

GROUP = re.compile(r"(\(([^()\[\]]*)\)|\[([^()\[\]]*)\])")


def expand(phrase):
    parts, at = [], 0
    for m in GROUP.finditer(phrase):
        parts.append([phrase[at:m.start()]])
        if m.group(2) is not None:
            parts.append(m.group(2).split("|"))
        else:
            parts.append(m.group(3).split("|") + [""])
        at = m.end()
    parts.append([phrase[at:]])
    for combo in itertools.product(*parts):
        text = " ".join("".join(combo).replace(">", " ").replace("*", "").split())
        if text:
            yield text


phrases = set()
for pack in sorted(pathlib.Path(__file__).resolve().parent.parent.joinpath("lints").glob("*.toml")):
    data = tomllib.loads(pack.read_text(encoding="utf-8"))
    lists = list(data.get("vocab", {}).values())
    lists += [r.get("phrases", []) + r.get("standalone", []) for r in data.get("rule", [])]
    for lst in lists:
        for p in lst:
            phrases.update(expand(p))
print("\n".join(sorted(phrases)))
