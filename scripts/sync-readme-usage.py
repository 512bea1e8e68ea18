#!/usr/bin/env python3
"""Rewrite the README's usage block from `medlint --help` (tests/cli.rs checks they match).
Usage: scripts/sync-readme-usage.py [path/to/medlint]"""
import subprocess, sys

binary = sys.argv[1] if len(sys.argv) > 1 else "target/debug/medlint"
help_text = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
readme = open("README.md", encoding="utf-8").read()
start = readme.index("<!-- usage:start -->")
end = readme.index("<!-- usage:end -->")
block = "<!-- usage:start -->\n```text\n" + help_text + "```\n"
open("README.md", "w", encoding="utf-8").write(readme[:start] + block + readme[end:])
