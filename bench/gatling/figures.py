"""Prints a Gatling run's figures per request kind from its report (js/stats.js): bench/load.sh."""
import json
import re
import sys

text = open(sys.argv[1]).read()
body = text[text.index("{"):]
# The report's data is a JavaScript object literal: quote its bare keys, cut the functions after it.
depth = 0
for i, ch in enumerate(body):
    depth += ch == "{"
    depth -= ch == "}"
    if depth == 0:
        body = body[:i + 1]
        break
data = json.loads(re.sub(r'(?m)^(\s*)([A-Za-z_]\w*)\s*:', r'\1"\2":', body))


def row(name, s):
    n = s["numberOfRequests"]
    p = lambda k: s[k]["total"]
    return f"{name:<32} {int(n['total']):>8,} {int(n['ko']):>7,} {p('percentiles1'):>7} {p('percentiles2'):>7} {p('percentiles3'):>7} {p('maxResponseTime'):>7}"


print(f"{'request kind':<32} {'count':>8} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}")
for key, c in sorted(data["contents"].items(), key=lambda kv: kv[1]["name"]):
    print(row(c["name"], c["stats"]))
print(row("ALL (incl. the sign-ins)", data["stats"]))
