#!/usr/bin/env python3
"""Prints a Gatling report's statistics table as Markdown: request, count, KO, req/s, p50, p95, p99, max (ms).
   bench/gatling/summary.py bench/gatling/target/gatling/<run>/index.html"""
import html
import re
import sys

page = open(sys.argv[1], encoding="utf-8").read()
print("| request | count | KO | req/s | p50 | p95 | p99 | max |")
print("|---|---|---|---|---|---|---|---|")
for row in re.finditer(r'class="ellipsed-name">([^<]*)</span>(.*?)</tr>', page, re.S):
    cells = dict(re.findall(r'<td class="value [a-z]+ col-(\d+)">([^<]*)</td>', row.group(2)))
    if not cells:
        continue
    name = html.unescape(row.group(1))
    print(f"| {name} | {cells['2']} | {cells['4']} | {cells['6']} | {cells['8']} | {cells['10']} | {cells['11']} | {cells['12']} |")
