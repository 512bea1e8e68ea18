#!/usr/bin/env python3
"""Open-to-diagnostics latency of `medlint server` on a 10 KB article (README, "Performance").

Starts the server once, then opens the article under fresh names and times each open until
its diagnostics are published; the first open also loads the rules. Then times an edit until
its diagnostics (which includes the server's wait for a pause in typing).

Usage: scripts/server-latency.py [path/to/medlint] [runs]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
medlint = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/medlint")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 9

# A 10 KB article: the example article's body repeated, front matter once.
with open(os.path.join(ROOT, "examples/site/blog/knee-prp.md"), encoding="utf-8") as f:
    source = f.read()
head, body = source.split("---\n", 2)[1], source.split("---\n", 2)[2]
article = "---\n" + head + "---\n"
while len(article.encode()) < 10 * 1024:
    article += body
article = article.encode()[: 10 * 1024].decode("utf-8", "ignore")

work = tempfile.mkdtemp()
server = subprocess.Popen([medlint, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if not line:
            sys.exit("server closed its output")
        line = line.strip()
        if not line:
            break
        if line.startswith(b"Content-Length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))


def wait_diagnostics(uri, version):
    while True:
        m = receive()
        p = m.get("params", {})
        if m.get("method") == "textDocument/publishDiagnostics" and p["uri"] == uri and p.get("version") == version:
            return p["diagnostics"]


send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": None, "rootUri": "file://" + work, "capabilities": {}}})
receive()
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

times = []
for i in range(runs + 1):
    uri = f"file://{work}/article-{i}.md"
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": article}}})
    found = wait_diagnostics(uri, 1)
    times.append(time.perf_counter() - start)
edits = []
for v in range(2, runs + 2):
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": article + "x" * v}]}})
    wait_diagnostics(uri, v)
    edits.append(time.perf_counter() - start)
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
receive()
send({"jsonrpc": "2.0", "method": "exit"})
server.wait()

print(f"article: {len(article.encode())} bytes, {len(found)} findings")
print(f"first open (loads the rules): {times[0] * 1000:.1f} ms")
print(f"open to diagnostics, median of {runs}: {statistics.median(times[1:]) * 1000:.1f} ms")
print(f"edit to diagnostics (150 ms pause included), median of {runs}: {statistics.median(edits) * 1000:.1f} ms")
