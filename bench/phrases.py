#!/usr/bin/env python3
"""Print every phrase of the built-in packs, expanded (`(a|b)`, `[a]`, `@list`), one per line: the
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


NAME = re.compile(r"@([a-z0-9-]+)")


def with_lists(phrase, words):
    """`@name` as its word list: alternatives inside a group, a group of its own elsewhere."""
    def sub(m):
        before = phrase[:m.start()]
        inside = before.count("(") + before.count("[") > before.count(")") + before.count("]")
        alts = "|".join(words[m.group(1)])
        return alts if inside else f"({alts})"
    return NAME.sub(sub, phrase)


packs = [tomllib.loads(p.read_text(encoding="utf-8"))
         for p in sorted(pathlib.Path(__file__).resolve().parent.parent.joinpath("lints").glob("*.toml"))]
words = {name: entries for data in packs for name, entries in data.get("words", {}).items()}
phrases = set()
for data in packs:
    lists = list(data.get("vocab", {}).values())
    lists += [r.get("phrases", []) + r.get("standalone", []) for r in data.get("rule", [])]
    for lst in lists:
        for p in lst:
            phrases.update(expand(with_lists(p, words)))
print("\n".join(sorted(phrases)))
